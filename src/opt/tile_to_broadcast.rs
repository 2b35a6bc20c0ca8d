//! **tile_to_broadcast** — `np.tile` and scalar `np.repeat` become zero-stride views.
//!
//! `tile(ac, (1, n)) * tile(ar, (n, 1))` copies both operands to n×n before multiplying; as
//! broadcast views the product reads `ac` and `ar` in place. `tile(x, reps)` is
//! `reshape(broadcast_to(x as (1, d0, 1, d1, ..), (r0, d0, r1, d1, ..)), (r0·d0, r1·d1, ..))`,
//! and `repeat(x, r, axis)` is the same with the new unit axis after `axis`. The last reshape
//! merges a zero-stride dim with a strided one, which no single view can express: the planner
//! splits its loop instead (or, deep inside an expression, materializes just that input).

use crate::opt::{Env, NodeRule, Rewrite, util};
use lazyarray_ir::{Dims, Graph, NodeId, Op, Repeats, ViewOp};

/// See the module docs.
pub(crate) struct TileToBroadcast;

impl NodeRule for TileToBroadcast {
    fn name(&self) -> &'static str {
        "tile_to_broadcast"
    }

    fn apply(&self, g: &mut Graph, n: NodeId, _env: &Env) -> Option<Rewrite> {
        let node = g.node(n);
        let input = g.inputs(n).first().copied()?;
        let in_shape = g.node(input).meta.shape.clone();
        let out_shape = node.meta.shape.clone();
        let (ones, full, what) = match &node.op {
            Op::Tile { reps } => {
                let lead = reps.len() - in_shape.len();
                let mut ones = Dims::new();
                let mut full = Dims::new();
                for (k, &r) in reps.iter().enumerate() {
                    let d = if k < lead { 1 } else { in_shape[k - lead] };
                    ones.extend([1, d]);
                    full.extend([r, d]);
                }
                (ones, full, "tile → broadcast")
            }
            Op::Repeat {
                repeats: Repeats::Each(r),
                axis,
            } => {
                let mut ones = in_shape.clone();
                ones.insert(axis + 1, 1);
                let mut full = ones.clone();
                full[axis + 1] = *r;
                (ones, full, "repeat → broadcast")
            }
            _ => return None,
        };
        let a = util::add(g, Op::View(ViewOp::Reshape(ones)), &[input], n)?;
        let b = util::add(g, Op::View(ViewOp::BroadcastTo(full)), &[a], n)?;
        let c = util::add(g, Op::View(ViewOp::Reshape(out_shape)), &[b], n)?;
        Some(Rewrite {
            replacement: c,
            what: what.into(),
            saved_bytes: util::bytes(g, n),
        })
    }
}
