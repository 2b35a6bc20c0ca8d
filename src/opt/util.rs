//! Small helpers the rules share.

use crate::opt::Env;
use lazyarray_ir::shape::size_of;
use lazyarray_ir::{Graph, Meta, Node, NodeId, Op, Scalar, View, ViewOp, infer};
use smallvec::SmallVec;

/// Adds `op` over `inputs` with its inferred dtype and shape, keeping `like`'s origin; `None`
/// if the op is not valid there (the rule then does not fire).
pub(crate) fn add(g: &mut Graph, op: Op, inputs: &[NodeId], like: NodeId) -> Option<NodeId> {
    let meta = {
        let metas: SmallVec<[&Meta; 3]> = inputs.iter().map(|&i| &g.node(i).meta).collect();
        infer(&op, &metas).ok()?
    };
    let origin = g.node(like).origin;
    let user_op = g.user_op(like);
    let id = g.add(Node { op, meta, origin }, inputs);
    g.set_user_op(id, user_op);
    Some(id)
}

/// A constant of `shape`, with `like`'s origin.
pub(crate) fn fill(g: &mut Graph, value: Scalar, shape: &[usize], like: NodeId) -> NodeId {
    add(
        g,
        Op::Fill {
            value,
            shape: shape.into(),
        },
        &[],
        like,
    )
    .expect("a fill is always valid")
}

/// The value of a constant node.
pub(crate) fn constant(g: &Graph, n: NodeId) -> Option<Scalar> {
    match g.node(n).op {
        Op::Fill { value, .. } => Some(value),
        _ => None,
    }
}

/// Bytes of a node's value.
pub(crate) fn bytes(g: &Graph, n: NodeId) -> usize {
    let m = &g.node(n).meta;
    size_of(&m.shape) * m.dtype.itemsize()
}

/// The elements of a node that is a source buffer, or a chain of views over one (masks and
/// index arrays are evaluated when built), in C order.
pub(crate) fn source_values(g: &Graph, n: NodeId, env: &Env) -> Option<Vec<Scalar>> {
    let mut ops: Vec<&ViewOp> = Vec::new();
    let mut node = n;
    loop {
        match &g.node(node).op {
            Op::Source { buffer, shape, .. } => {
                let b = env.buffers.get(buffer)?;
                let mut view = View::contiguous(shape);
                for op in ops.iter().rev() {
                    view = view.apply(op)?;
                }
                let out = view.offsets().map(|o| b.get(o)).collect();
                return Some(out);
            }
            Op::View(op) => {
                ops.push(op);
                node = g.inputs(node)[0];
            }
            _ => return None,
        }
    }
}

/// Whether flattening a node's value is a view of its base (a fresh result, or a chain of views
/// whose layout one stride walks).
pub(crate) fn is_view_layout(g: &Graph, n: NodeId) -> bool {
    let mut ops: Vec<&ViewOp> = Vec::new();
    let mut base = n;
    while let Op::View(op) = &g.node(base).op {
        ops.push(op);
        base = g.inputs(base)[0];
    }
    let mut view = View::contiguous(&g.node(base).meta.shape);
    for op in ops.iter().rev() {
        match view.apply(op) {
            Some(v) => view = v,
            None => return false,
        }
    }
    view.apply(&ViewOp::Reshape([view.size()].into_iter().collect()))
        .is_some()
}

/// Whether evaluating node `n` can raise an error that depends on data: a `take` (an index out
/// of bounds) or an integer `power` (a negative exponent) anywhere below it.
pub(crate) fn may_fail(g: &Graph, n: NodeId) -> bool {
    let mut stack = vec![n];
    let mut seen = std::collections::HashSet::new();
    while let Some(x) = stack.pop() {
        if !seen.insert(x) {
            continue;
        }
        let node = g.node(x);
        let risky = match node.op {
            Op::Take { .. } => true,
            Op::Binary(lazyarray_ir::BinaryOp::Pow) => node.meta.dtype.is_signed_int(),
            _ => false,
        };
        if risky {
            return true;
        }
        stack.extend(g.inputs(x));
    }
    false
}
