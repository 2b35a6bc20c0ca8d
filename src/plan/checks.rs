//! Checks on every value of an input before any kernel uses it: the indices of a `take` must
//! lie in their axis, and the exponents of an integer `power` must not be negative. NumPy
//! computes eagerly, so it raises even for elements whose results are never used (`x[i][:1]`
//! with a bad `i[5]`); these checks give the same errors. Constants and aranges are checked while
//! planning (a failure becomes a step that raises it in program order), and so is an integer
//! expression of aranges and constants whose range is bounded by interval arithmetic within the
//! requirement (`clip(arange(-2, n + 2), 0, n - 1)`, `arange(..) % n`: the index maps `pad` and
//! `roll` build): such an input is computed inside the kernel that gathers with it, with no
//! buffer and no check step. Any other input gets a buffer (or is read through a view of one)
//! and a check step.

use crate::error::Error;
use crate::plan::Step;
use crate::plan::fuse::Leaf;
use lazyarray_ir::shape::size_of;
use lazyarray_ir::{BinaryOp, ErrorKind, Graph, NodeId, Op, View};
use std::collections::HashMap;
use std::panic::Location;

/// What every checked value must satisfy.
#[derive(Clone, Debug)]
pub(crate) enum Requirement {
    /// An index into an axis of length `len` (negative counts from the end).
    Index { len: usize, axis: usize },
    /// A non-negative integer exponent.
    NonNegative,
}

/// Values to check and what they must satisfy.
#[derive(Clone, Debug)]
pub(crate) struct ValueCheck {
    pub values: Leaf,
    pub requirement: Requirement,
    pub origin: &'static Location<'static>,
}

impl Requirement {
    /// Whether `v` is allowed.
    pub fn allows(&self, v: i64) -> bool {
        match *self {
            Requirement::Index { len, .. } => v >= -(len as i64) && v < len as i64,
            Requirement::NonNegative => v >= 0,
        }
    }

    /// The error for a disallowed value.
    pub fn error(&self, v: i64, origin: &'static Location<'static>) -> Error {
        match *self {
            Requirement::Index { len, axis } => Error::new(
                ErrorKind::Index,
                "take",
                format!("index {v} is out of bounds for axis {axis} with size {len}"),
                origin,
            ),
            Requirement::NonNegative => Error::new(
                ErrorKind::DType,
                "power",
                "Integers to negative integer powers are not allowed.",
                origin,
            ),
        }
    }
}

/// The input of node `n` whose values must be checked, and the requirement.
pub(crate) fn checked_input(graph: &Graph, n: NodeId) -> Option<(NodeId, Requirement)> {
    let node = graph.node(n);
    match node.op {
        Op::Take { axis } => {
            let [data, index] = graph.inputs(n)[..] else {
                return None;
            };
            let len = graph.node(data).meta.shape[axis];
            Some((index, Requirement::Index { len, axis }))
        }
        Op::Binary(BinaryOp::Pow) if node.meta.dtype.is_signed_int() => {
            Some((graph.inputs(n)[1], Requirement::NonNegative))
        }
        _ => None,
    }
}

/// Whether the checked input `values` needs a buffer (a constant or an arange is checked while
/// planning, and an expression proven in range needs no check).
pub(crate) fn needs_buffer(graph: &Graph, values: NodeId, requirement: &Requirement) -> bool {
    graph.constant_value(values).is_none()
        && !matches!(graph.node(values).op, Op::Arange { .. })
        && !proven(graph, values, requirement)
}

/// Whether every value of `values` is known to meet `requirement` from its range alone.
fn proven(graph: &Graph, values: NodeId, requirement: &Requirement) -> bool {
    match value_range(graph, values, 0) {
        Some((lo, hi)) => match *requirement {
            Requirement::Index { len, .. } => lo >= -(len as i128) && hi < len as i128,
            Requirement::NonNegative => lo >= 0,
        },
        None => false,
    }
}

/// How deep [`value_range`] looks before giving up (index maps are a handful of nodes).
const RANGE_DEPTH: usize = 24;

/// The smallest and largest value an integer expression of aranges and constants can take,
/// by interval arithmetic (an over-approximation, never an under-approximation), or `None`
/// when it cannot tell: an op it does not model, a float, or a bound that leaves `int64` (the
/// kernel's arithmetic would wrap where the interval does not). Every interval is of a
/// non-empty node; an empty one has no values to check and reports `None` like an unknown.
fn value_range(graph: &Graph, n: NodeId, depth: usize) -> Option<(i128, i128)> {
    if depth > RANGE_DEPTH {
        return None;
    }
    let node = graph.node(n);
    if node.meta.dtype != lazyarray_ir::DType::I64 || size_of(&node.meta.shape) == 0 {
        return None;
    }
    let inputs = graph.inputs(n);
    let sub = |i: usize| value_range(graph, inputs[i], depth + 1);
    let fits = |(lo, hi): (i128, i128)| {
        (lo >= i64::MIN as i128 && hi <= i64::MAX as i128).then_some((lo, hi))
    };
    let range = match &node.op {
        Op::Fill { value, .. } => {
            let v = value.to_i64()? as i128;
            (v, v)
        }
        Op::Arange { start, step, len } => {
            let (s, d) = (start.to_i64()? as i128, step.to_i64()? as i128);
            let last = s + d * (*len as i128 - 1);
            (s.min(last), s.max(last))
        }
        // A view shows some of its input's values (a broadcast repeats them).
        Op::View(_) => sub(0)?,
        Op::Cast(_) if graph.node(inputs[0]).meta.dtype == lazyarray_ir::DType::I64 => sub(0)?,
        Op::Where => {
            let (a, b) = (sub(1)?, sub(2)?);
            (a.0.min(b.0), a.1.max(b.1))
        }
        Op::Unary(lazyarray_ir::UnaryOp::Neg) => {
            let (lo, hi) = sub(0)?;
            (-hi, -lo)
        }
        Op::Unary(lazyarray_ir::UnaryOp::Abs) => {
            let (lo, hi) = sub(0)?;
            if lo >= 0 {
                (lo, hi)
            } else if hi <= 0 {
                (-hi, -lo)
            } else {
                (0, (-lo).max(hi))
            }
        }
        Op::Binary(op) => {
            let (a, b) = (sub(0)?, sub(1)?);
            match op {
                BinaryOp::Add => (a.0 + b.0, a.1 + b.1),
                BinaryOp::Sub => (a.0 - b.1, a.1 - b.0),
                BinaryOp::Mul => {
                    let p = [a.0 * b.0, a.0 * b.1, a.1 * b.0, a.1 * b.1];
                    (*p.iter().min()?, *p.iter().max()?)
                }
                BinaryOp::Max => (a.0.max(b.0), a.1.max(b.1)),
                BinaryOp::Min => (a.0.min(b.0), a.1.min(b.1)),
                // Floored remainder by a positive divisor lies in [0, divisor).
                BinaryOp::Rem if b.0 > 0 => (0, b.1 - 1),
                // Floored division by a positive constant is monotonic.
                BinaryOp::FloorDiv if b.0 > 0 && b.0 == b.1 => {
                    (a.0.div_euclid(b.0), a.1.div_euclid(b.0))
                }
                _ => return None,
            }
        }
        _ => return None,
    };
    fits(range)
}

/// The step node `n` needs, if any: a [`Step::Check`] of an input's values at run time, or —
/// when a constant or an arange already breaks the requirement — a [`Step::Fail`] raised when
/// execution reaches it (so an earlier operation's error still comes first). Values that need
/// a check but are neither in a buffer nor a view of one (a reshape of a transpose, say) are
/// materialized first (`Retry::Materialize`): a kernel's own checks only see the elements it
/// computes, and a consumer may compute none (an empty slice of the result).
pub(super) fn check_for(
    graph: &Graph,
    n: NodeId,
    leaves: &HashMap<NodeId, Leaf>,
) -> Result<Option<Step>, super::Retry> {
    let Some((values, requirement)) = checked_input(graph, n) else {
        return Ok(None);
    };
    let origin = graph.node(n).origin;
    let fail = |v: i64| Ok(Some(Step::Fail(requirement.error(v, origin))));
    if let Some(c) = graph.constant_value(values) {
        return match c.to_i64() {
            Some(v) if size_of(&graph.node(values).meta.shape) > 0 && !requirement.allows(v) => {
                fail(v)
            }
            _ => Ok(None),
        };
    }
    if let Op::Arange { start, step, len } = graph.node(values).op {
        if let (Some(s), Some(d)) = (start.to_i64(), step.to_i64()) {
            // The first value in order that breaks the requirement (an arithmetic sequence
            // is fine when both of its ends are).
            let last = s.wrapping_add(d.wrapping_mul(len.saturating_sub(1) as i64));
            if len > 0 && !(requirement.allows(s) && requirement.allows(last)) {
                let first_bad = (0..len as i64)
                    .map(|i| s.wrapping_add(d.wrapping_mul(i)))
                    .find(|&v| !requirement.allows(v))
                    .unwrap_or(last);
                return fail(first_bad);
            }
        }
        return Ok(None);
    }
    if proven(graph, values, &requirement) {
        return Ok(None);
    }
    match leaf_or_view(graph, values, leaves) {
        Some(leaf) => Ok(Some(Step::Check(ValueCheck {
            values: leaf,
            requirement,
            origin,
        }))),
        None => Err(super::Retry::Materialize(values)),
    }
}

/// The buffer and view holding a node's values: a materialized node, or a view chain over one.
fn leaf_or_view(graph: &Graph, n: NodeId, leaves: &HashMap<NodeId, Leaf>) -> Option<Leaf> {
    let mut ops = Vec::new();
    let mut node = n;
    let leaf = loop {
        if let Some(l) = leaves.get(&node) {
            break l;
        }
        match &graph.node(node).op {
            Op::View(op) => {
                ops.push(op);
                node = graph.inputs(node)[0];
            }
            _ => return None,
        }
    };
    let mut view: View = leaf.view.clone();
    for op in ops.iter().rev() {
        view = view.apply(op)?;
    }
    Some(Leaf {
        slot: leaf.slot,
        dtype: leaf.dtype,
        view,
    })
}
