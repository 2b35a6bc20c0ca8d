//! **identities** — algebraic identities that remove work without changing a bit.
//!
//! `x*1`, `1*x`, `x/1`, `x-0`, `x**1`, integer `x+0` → `x`; `x**2` → `x*x`; `x**0.5` →
//! `sqrt(x)`; `x**-1` → `1/x` (NumPy's own scalar fast paths for float arrays, so the results
//! are NumPy's); `-(-x)` → `x`; `astype` to the array's own dtype → `x`. Float `x+0` is kept:
//! it turns `-0.0` into `0.0`.

use crate::opt::{Env, NodeRule, Rewrite, util};
use lazyarray_ir::{BinaryOp, Graph, NodeId, Op, Scalar, UnaryOp};

/// See the module docs.
pub(crate) struct Identities;

impl NodeRule for Identities {
    fn name(&self) -> &'static str {
        "identities"
    }

    fn apply(&self, g: &mut Graph, n: NodeId, _env: &Env) -> Option<Rewrite> {
        let node = g.node(n);
        let inputs = g.inputs(n);
        let keep = |x: NodeId, what: &str| {
            Some(Rewrite {
                replacement: x,
                what: what.into(),
                saved_bytes: 0,
            })
        };
        match node.op.clone() {
            Op::Cast(d) if g.node(inputs[0]).meta.dtype == d => {
                keep(inputs[0], "astype to the same dtype")
            }
            Op::Unary(UnaryOp::Neg) => match g.node(inputs[0]).op {
                Op::Unary(UnaryOp::Neg) => keep(g.inputs(inputs[0])[0], "-(-x) → x"),
                _ => None,
            },
            Op::Binary(op) => {
                let (a, b) = (inputs[0], inputs[1]);
                let (ca, cb) = (util::constant(g, a), util::constant(g, b));
                let float = node.meta.dtype.is_float();
                let is = |c: Option<Scalar>, v: f64| {
                    c.is_some_and(|s| !s.dtype().is_bool() && s.to_f64() == v)
                };
                match op {
                    BinaryOp::Mul if is(cb, 1.0) => keep(a, "x*1 → x"),
                    BinaryOp::Mul if is(ca, 1.0) => keep(b, "1*x → x"),
                    BinaryOp::Div if is(cb, 1.0) => keep(a, "x/1 → x"),
                    BinaryOp::Sub
                        if is(cb, 0.0) && cb.is_some_and(|s| s.to_f64().is_sign_positive()) =>
                    {
                        keep(a, "x-0 → x")
                    }
                    BinaryOp::Add if !float && is(cb, 0.0) => keep(a, "x+0 → x"),
                    BinaryOp::Add if !float && is(ca, 0.0) => keep(b, "0+x → x"),
                    BinaryOp::Pow if float && is(cb, 1.0) => keep(a, "x**1 → x"),
                    BinaryOp::Pow if float && is(cb, 2.0) => {
                        let sq = util::add(g, Op::Binary(BinaryOp::Mul), &[a, a], n)?;
                        keep(sq, "x**2 → x*x")
                    }
                    BinaryOp::Pow if float && is(cb, 0.5) => {
                        let r = util::add(g, Op::Unary(UnaryOp::Sqrt), &[a], n)?;
                        keep(r, "x**0.5 → sqrt(x)")
                    }
                    BinaryOp::Pow if float && is(cb, -1.0) => {
                        let shape = node.meta.shape.clone();
                        let one = util::fill(g, Scalar::one(node.meta.dtype), &shape, n);
                        let r = util::add(g, Op::Binary(BinaryOp::Div), &[one, a], n)?;
                        keep(r, "x**-1 → 1/x")
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }
}
