//! Checks on every value of an input before any kernel uses it: the indices of a `take` must
//! lie in their axis, and the exponents of an integer `power` must not be negative. NumPy
//! computes eagerly, so it raises even for elements whose results are never used (`x[i][:1]`
//! with a bad `i[5]`); these checks give the same errors. Constants and aranges are checked while
//! planning (a failure becomes a step that raises it in program order); any other input gets a
//! buffer (or is read through a view of one) and a check step.

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
/// planning).
pub(crate) fn needs_buffer(graph: &Graph, values: NodeId) -> bool {
    graph.constant_value(values).is_none() && !matches!(graph.node(values).op, Op::Arange { .. })
}

/// The step node `n` needs, if any: a [`Step::Check`] of an input's values at run time, or —
/// when a constant or an arange already breaks the requirement — a [`Step::Fail`] raised when
/// execution reaches it (so an earlier operation's error still comes first).
pub(crate) fn check_for(graph: &Graph, n: NodeId, leaves: &HashMap<NodeId, Leaf>) -> Option<Step> {
    let (values, requirement) = checked_input(graph, n)?;
    let origin = graph.node(n).origin;
    let fail = |v: i64| Some(Step::Fail(requirement.error(v, origin)));
    if let Some(c) = graph.constant_value(values) {
        return match c.to_i64() {
            Some(v) if size_of(&graph.node(values).meta.shape) > 0 && !requirement.allows(v) => {
                fail(v)
            }
            _ => None,
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
        return None;
    }
    leaf_or_view(graph, values, leaves).map(|leaf| {
        Step::Check(ValueCheck {
            values: leaf,
            requirement,
            origin,
        })
    })
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
