//! **flatten_view** — drops the copy of `flatten()` (and of any explicit copy).
//!
//! NumPy's `a.flatten()` always copies; `a.ravel()` copies only when the layout needs it.
//! Under value semantics a copy can never be observed, so `flatten` costs what `ravel` does: a
//! view when the layout allows, and otherwise a copy fused into the consumer.

use crate::opt::{Env, NodeRule, Rewrite, util};
use lazyarray_ir::{Graph, NodeId, Op};

/// See the module docs.
pub(crate) struct FlattenView;

impl NodeRule for FlattenView {
    fn name(&self) -> &'static str {
        "flatten_view"
    }

    fn apply(&self, g: &mut Graph, n: NodeId, _env: &Env) -> Option<Rewrite> {
        let Op::Copy = g.node(n).op else { return None };
        let input = g.inputs(n)[0];
        // It saves the copy when the flattened layout is a view of the data; otherwise the
        // copy is still needed (it happens inside the consumer's loop instead).
        let saved = if util::is_view_layout(g, input) {
            util::bytes(g, n)
        } else {
            0
        };
        Some(Rewrite {
            replacement: input,
            what: if saved > 0 {
                "flatten copy → view".into()
            } else {
                "flatten copy → copied in the consumer's loop".into()
            },
            saved_bytes: saved,
        })
    }
}
