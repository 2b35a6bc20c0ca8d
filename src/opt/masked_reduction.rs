//! **masked_reduction** — a reduction of a boolean selection reads the whole array once.
//!
//! `a[mask].sum()` (and `mean`, `prod`, `min`, `max`, `any`, `all` over the selected axis)
//! first copies the selected entries, then reduces them. Reducing `where(mask, a, neutral)`
//! over the full axis gives the same result without the copy: the neutral element (0 for a
//! sum, 1 for a product, −∞ for a max, …) leaves the reduction unchanged.

use crate::opt::{Env, NodeRule, Rewrite, util};
use lazyarray_ir::shape::size_of;
use lazyarray_ir::{DType, Graph, NodeId, Op, ViewOp};

/// See the module docs.
pub(crate) struct MaskedReduction;

impl NodeRule for MaskedReduction {
    fn name(&self) -> &'static str {
        "masked_reduction"
    }

    fn apply(&self, g: &mut Graph, n: NodeId, _env: &Env) -> Option<Rewrite> {
        let Op::Reduce { op, axes, keepdims } = g.node(n).op.clone() else {
            return None;
        };
        let mut input = g.inputs(n)[0];
        // A cast to the accumulator dtype may sit between the selection and the reduction.
        let cast = match g.node(input).op {
            Op::Cast(d) => {
                input = g.inputs(input)[0];
                Some(d)
            }
            _ => None,
        };
        let Op::Compress { axis, count } = g.node(input).op else {
            return None;
        };
        let [data, mask] = g.inputs(input)[..] else {
            return None;
        };
        let shape = g.node(data).meta.shape.clone();
        let mask_len = g.node(mask).meta.shape[0];
        // Only a full-length mask over a reduced axis; a reduction with no identity must still
        // fail on an empty selection, so it needs at least one selected entry.
        if !axes.contains(&axis)
            || mask_len != shape[axis]
            || (op.identity(DType::F64).is_none() && count == 0)
        {
            return None;
        }
        let dtype = cast.unwrap_or(g.node(data).meta.dtype);
        let neutral = op.neutral(dtype)?;
        let values = match cast {
            Some(d) => util::add(g, Op::Cast(d), &[data], n)?,
            None => data,
        };
        let mut unit = vec![1usize; shape.len()];
        unit[axis] = mask_len;
        let m = util::add(
            g,
            Op::View(ViewOp::Reshape(unit.into_iter().collect())),
            &[mask],
            n,
        )?;
        let m = util::add(g, Op::View(ViewOp::BroadcastTo(shape.clone())), &[m], n)?;
        let fill = util::fill(g, neutral, &shape, n);
        let picked = util::add(g, Op::Where, &[m, values, fill], n)?;
        let replacement = util::add(g, Op::Reduce { op, axes, keepdims }, &[picked], n)?;
        let copied = size_of(&g.node(input).meta.shape) * g.node(input).meta.dtype.itemsize();
        Some(Rewrite {
            replacement,
            what: format!(
                "{}(a[mask]) → {}(where(mask, a, {neutral}))",
                op.name(),
                op.name()
            ),
            saved_bytes: copied,
        })
    }
}
