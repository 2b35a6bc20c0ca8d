//! **compose_views** — a chain of views becomes one strided view of the base.
//!
//! `a.t()[::2].reshape(..)` is three view nodes; composed, it is one `as_strided` of `a`, which
//! the planner reads with a single access. The rule fires at the top of a chain and composes
//! all of it at once. A chain that cannot be composed (a reshape whose layout needs a copy, as
//! NumPy's would) is left in place: the planner then copies inside the consumer's loop, or
//! materializes only that input.

use crate::opt::{Env, NodeRule, Rewrite, util};
use lazyarray_ir::{Graph, NodeId, Op, View, ViewOp};

/// See the module docs.
pub(crate) struct ComposeViews;

impl NodeRule for ComposeViews {
    fn name(&self) -> &'static str {
        "compose_views"
    }

    fn apply(&self, g: &mut Graph, n: NodeId, _env: &Env) -> Option<Rewrite> {
        if !g.node(n).op.is_view() {
            return None;
        }
        let top_of_chain =
            g.outputs().contains(&n) || g.users(n).iter().any(|&u| !g.node(u).op.is_view());
        if !top_of_chain {
            return None;
        }
        // The ops from the top down to the first node that is not a view.
        let mut ops: Vec<ViewOp> = Vec::new();
        let mut base = n;
        while let Op::View(op) = &g.node(base).op {
            ops.push(op.clone());
            base = g.inputs(base)[0];
        }
        if ops.len() < 2 {
            return None;
        }
        let mut view = View::contiguous(&g.node(base).meta.shape);
        for op in ops.iter().rev() {
            view = view.apply(op)?;
        }
        let names: Vec<String> = ops.iter().rev().map(|op| op.to_string()).collect();
        let what = format!("{} views → one ({})", ops.len(), names.join(", "));
        let replacement = util::add(g, Op::View(ViewOp::AsStrided(view)), &[base], n)?;
        Some(Rewrite {
            replacement,
            what,
            saved_bytes: 0,
        })
    }
}
