//! **constant_fold** — operations on constants are computed while planning.
//!
//! `full(3.0) * 2 + 1` needs no kernel per op: each op whose inputs are all constants becomes
//! the constant it evaluates to (with the reference evaluator's own scalar semantics), and a
//! view of a constant is a constant of the view's shape.

use crate::opt::{Env, NodeRule, Rewrite, util};
use lazyarray_ir::scalar_ops;
use lazyarray_ir::{BinaryOp, Graph, NodeId, Op};

/// See the module docs.
pub(crate) struct ConstantFold;

impl NodeRule for ConstantFold {
    fn name(&self) -> &'static str {
        "constant_fold"
    }

    fn apply(&self, g: &mut Graph, n: NodeId, _env: &Env) -> Option<Rewrite> {
        let node = g.node(n);
        let inputs = g.inputs(n);
        let shape = node.meta.shape.clone();
        let c = |i: usize| util::constant(g, inputs[i]);
        let (value, what) = match &node.op {
            Op::View(_) => (c(0)?, "view of a constant"),
            Op::Unary(op) => (scalar_ops::unary(*op, c(0)?), "unary op on a constant"),
            Op::Cast(d) => (c(0)?.cast(*d), "cast of a constant"),
            Op::Binary(op) => {
                let (a, b) = (c(0)?, c(1)?);
                if scalar_ops::int_power_is_invalid(*op, b) && a.dtype().is_int() {
                    return None; // keep the error for evaluation
                }
                let v = match op {
                    BinaryOp::Pow => scalar_ops::power_by_constant(a, b)
                        .unwrap_or_else(|| scalar_ops::binary(*op, a, b)),
                    _ => scalar_ops::binary(*op, a, b),
                };
                (v, "binary op on constants")
            }
            Op::Where => {
                let cond = c(0)?;
                let (pick, drop) = if cond.is_truthy() {
                    (inputs[1], inputs[2])
                } else {
                    (inputs[2], inputs[1])
                };
                // NumPy evaluates both branches: one that can raise (a bad index, a negative
                // integer power) must still be evaluated.
                if util::may_fail(g, drop) {
                    return None;
                }
                return Some(Rewrite {
                    replacement: pick,
                    what: "where with a constant condition".into(),
                    saved_bytes: util::bytes(g, n),
                });
            }
            _ => return None,
        };
        let saved = if node.op.is_view() {
            0
        } else {
            util::bytes(g, n)
        };
        let replacement = util::fill(g, value, &shape, n);
        Some(Rewrite {
            replacement,
            what: what.into(),
            saved_bytes: saved,
        })
    }
}
