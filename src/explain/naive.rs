//! The cost of the eager plan NumPy would run for the graph as written: one pass and one new
//! array per operation, and a copy wherever NumPy copies (fancy indexing, masks, tile, repeat,
//! `flatten`, `astype`, a reshape whose layout is not a view).
//!
//! Scalars in expressions are not arrays in NumPy, so a constant that only feeds elementwise
//! ops costs nothing; neither do the casts and broadcasts NumPy performs inside a ufunc's loop
//! (here they are explicit nodes with the same call site as the op they feed).

use crate::explain::Totals;
use lazyarray_ir::shape::size_of;
use lazyarray_ir::{Graph, NodeId, Op, View, ViewOp};
use std::collections::HashMap;

/// The totals of NumPy's eager evaluation of `g` (as written).
pub(crate) fn eager_totals(g: &Graph) -> Totals {
    let mut t = Totals::default();
    // The layout NumPy would give each node's result relative to its own buffer.
    let mut layout: HashMap<NodeId, View> = HashMap::new();
    for n in g.topo_order() {
        let node = g.node(n);
        let inputs = g.inputs(n);
        let out = bytes(g, n);
        // A view is read through: what moves is at most the data under it.
        let read = |i: &NodeId| distinct_bytes(g, *i);
        let (kernels, alloc, moved) = match &node.op {
            Op::Source { .. } => (0, 0, 0),
            Op::Fill { .. } if is_free(g, n) => (0, 0, 0),
            Op::Fill { .. } | Op::Arange { .. } | Op::Random { .. } => (1, out, out),
            Op::View(op) => {
                let base = layout
                    .get(&inputs[0])
                    .cloned()
                    .unwrap_or_else(|| View::contiguous(&g.node(inputs[0]).meta.shape));
                match base.apply(op) {
                    Some(v) => {
                        layout.insert(n, v);
                        (0, 0, 0)
                    }
                    // NumPy copies here (a reshape of a transposed array).
                    None => (1, out, 2 * out),
                }
            }
            Op::Cast(_) if is_implicit(g, n) => (0, 0, 0),
            Op::Cast(_) | Op::Unary(_) | Op::Binary(_) | Op::Where | Op::Copy => {
                let ins: usize = inputs.iter().filter(|i| !is_free(g, **i)).map(read).sum();
                (1, out, ins + out)
            }
            Op::Reduce { .. }
            | Op::Scan { .. }
            | Op::Tile { .. }
            | Op::Repeat { .. }
            | Op::Concat { .. } => (1, out, inputs.iter().map(read).sum::<usize>() + out),
            // Fancy indexing reads the indices and the gathered rows, writes the result.
            Op::Take { .. } => (1, out, read(&inputs[1]) + 2 * out),
            // A mask is read whole, the selected rows are copied.
            Op::Compress { .. } => (1, out, read(&inputs[1]) + 2 * out),
        };
        if !matches!(node.op, Op::View(_)) || kernels > 0 {
            layout.insert(n, View::contiguous(&node.meta.shape));
        }
        t.kernels += kernels;
        if alloc > 0 {
            t.allocations += 1;
            t.bytes_allocated += alloc;
        }
        t.bytes_moved += moved;
    }
    t
}

/// Bytes of the data a node's value reads: views see at most their base's bytes.
fn distinct_bytes(g: &Graph, n: NodeId) -> usize {
    let mut base = n;
    while g.node(base).op.is_view() {
        base = g.inputs(base)[0];
    }
    bytes(g, n).min(bytes(g, base))
}

fn bytes(g: &Graph, n: NodeId) -> usize {
    let m = &g.node(n).meta;
    size_of(&m.shape) * m.dtype.itemsize()
}

/// A constant used only as an operand of elementwise ops (a Python scalar in NumPy).
fn feeds_only_elementwise(g: &Graph, n: NodeId) -> bool {
    g.users(n)
        .iter()
        .all(|&u| g.node(u).op.is_elementwise() || is_implicit_view(g, u))
}

/// A node that costs nothing in NumPy: a Rust scalar in an expression (the API makes it a
/// constant node with its consumer's call site; a user's `full()` has its own).
fn is_free(g: &Graph, n: NodeId) -> bool {
    matches!(g.node(n).op, Op::Fill { .. })
        && feeds_only_elementwise(g, n)
        && same_site_as_users(g, n)
}

/// A broadcast the API inserted for an operand (same call site as its consumer).
fn is_implicit_view(g: &Graph, n: NodeId) -> bool {
    matches!(g.node(n).op, Op::View(ViewOp::BroadcastTo(_))) && same_site_as_users(g, n)
}

/// A cast the API inserted for type promotion: NumPy casts inside the ufunc loop.
fn is_implicit(g: &Graph, n: NodeId) -> bool {
    matches!(g.node(n).op, Op::Cast(_)) && same_site_as_users(g, n)
}

fn same_site_as_users(g: &Graph, n: NodeId) -> bool {
    let origin = g.node(n).origin;
    let users = g.users(n);
    !users.is_empty()
        && users
            .iter()
            .all(|&u| std::ptr::eq(g.node(u).origin, origin))
}
