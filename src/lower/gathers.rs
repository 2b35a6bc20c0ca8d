//! The last lowering step, after the optimizer: data-dependent selections become gathers of
//! index buffers computed here (`compress` takes the mask's true positions, a per-element
//! `repeat` each output's source index), so planning sees only index maps and gathers and
//! never allocates or rewrites the graph. It runs after optimization because rules such as
//! the masked reduction match the `compress` itself.

use crate::error::{Error, Result};
use crate::storage::buffer::Buffer;
use lazyarray_ir::{BufferId, DType, Graph, Meta, Node, NodeId, Op, Repeats, View};
use std::collections::HashMap;
use std::panic::Location;
use std::sync::Arc;

/// Turns the data-dependent selections into gathers of precomputed indices: `compress` takes
/// the mask's true positions, a per-element `repeat` takes each output's source index.
pub(crate) fn data_gathers_to_takes(
    graph: &mut Graph,
    buffers: &mut HashMap<BufferId, Arc<Buffer>>,
) -> Result<()> {
    let order = graph.topo_order();
    for n in order {
        let node = graph.node(n).clone();
        let indices: Vec<i64> = match &node.op {
            Op::Compress { .. } => {
                let mask = graph.inputs(n)[1];
                let values = read_bools(graph, mask, buffers, node.origin)?;
                values
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| **v)
                    .map(|(i, _)| i as i64)
                    .collect()
            }
            Op::Repeat {
                repeats: Repeats::PerElement(counts),
                ..
            } => counts
                .iter()
                .enumerate()
                .flat_map(|(j, &r)| std::iter::repeat_n(j as i64, r))
                .collect(),
            _ => continue,
        };
        let axis = match node.op {
            Op::Compress { axis, .. } | Op::Repeat { axis, .. } => axis,
            _ => unreachable!(),
        };
        let user_op = graph.user_op(n);
        let buffer = Buffer::from_slice(&indices)
            .map_err(|e| Error::resource(user_op, e.to_string(), node.origin))?;
        let source = graph.add(
            Node {
                op: Op::Source {
                    buffer: buffer.id(),
                    dtype: DType::I64,
                    shape: [indices.len()].into_iter().collect(),
                },
                meta: Meta::new(DType::I64, &[indices.len()]),
                origin: node.origin,
            },
            &[],
        );
        buffers.insert(buffer.id(), Arc::new(buffer));
        let data = graph.inputs(n)[0];
        let take = graph.add(
            Node {
                op: Op::Take { axis },
                meta: node.meta.clone(),
                origin: node.origin,
            },
            &[data, source],
        );
        // Errors about the gather (no memory for it) name the user's `compress` or `repeat`.
        graph.set_user_op(source, user_op);
        graph.set_user_op(take, user_op);
        graph.replace_uses(n, take);
    }
    graph.remove_dead();
    Ok(())
}

/// The values of a mask that was evaluated when its node was built (a source, or a slice of
/// one).
fn read_bools(
    graph: &Graph,
    mask: NodeId,
    buffers: &HashMap<BufferId, Arc<Buffer>>,
    origin: &'static Location<'static>,
) -> Result<Vec<bool>> {
    let mut ops = Vec::new();
    let mut n = mask;
    loop {
        match &graph.node(n).op {
            Op::Source { buffer, shape, .. } => {
                let b = &buffers[buffer];
                let mut view = View::contiguous(shape);
                for op in ops.iter().rev() {
                    view = view
                        .apply(op)
                        .ok_or_else(|| Error::internal("compress", "mask view", origin))?;
                }
                let mut out = Vec::with_capacity(view.size());
                for i in 0..view.size() {
                    out.push(b.get(view.offset_of(&[i])).is_truthy());
                }
                return Ok(out);
            }
            Op::View(op) => {
                ops.push(op.clone());
                n = graph.inputs(n)[0];
            }
            other => {
                return Err(Error::internal(
                    "compress",
                    format!("the mask should be evaluated when built, found `{other}`"),
                    origin,
                ));
            }
        }
    }
}
