//! Lowers the user-side DAG of `Array`s to an `ir::Graph` plus the buffers its sources name.

use crate::array::Node;
use crate::runtime::buffer::Buffer;
use lazyarray_ir::{BufferId, Graph, Meta, NodeId, Op, ViewOp};
use std::collections::HashMap;
use std::sync::Arc;

/// A graph ready for optimization and evaluation.
pub(crate) struct Lowered {
    /// The nodes reachable from the requested outputs.
    pub graph: Graph,
    /// Storage of every `Source` node.
    pub buffers: HashMap<BufferId, Arc<Buffer>>,
}

/// Whether already-evaluated nodes stand for their values (the normal path) or are lowered as
/// written (the reference evaluator's oracle must recompute everything).
#[derive(Copy, Clone, PartialEq, Eq)]
pub(crate) enum Memos {
    Use,
    Ignore,
}

/// Builds the graph of everything `outputs` depend on. Shared nodes become one graph node;
/// the walk is iterative, so deep chains are fine.
pub(crate) fn lower(outputs: &[&Arc<Node>], memos: Memos) -> Lowered {
    let mut graph = Graph::new();
    let mut buffers: HashMap<BufferId, Arc<Buffer>> = HashMap::new();
    let mut sources: HashMap<BufferId, NodeId> = HashMap::new();
    let mut ids: HashMap<*const Node, NodeId> = HashMap::new();
    // (node, inputs done?)
    let mut stack: Vec<(&Arc<Node>, bool)> = outputs.iter().rev().map(|&n| (n, false)).collect();
    while let Some((node, ready)) = stack.pop() {
        let key = Arc::as_ptr(node);
        if ids.contains_key(&key) {
            continue;
        }
        if memos == Memos::Use
            && let Some((buffer, view)) = node.memo.get()
        {
            let source = *sources.entry(buffer.id()).or_insert_with(|| {
                buffers.insert(buffer.id(), Arc::clone(buffer));
                let shape = [buffer.len()].into_iter().collect();
                graph.add(
                    lazyarray_ir::Node {
                        op: Op::Source {
                            buffer: buffer.id(),
                            dtype: buffer.dtype(),
                            shape,
                        },
                        meta: Meta::new(buffer.dtype(), &[buffer.len()]),
                        origin: node.origin,
                    },
                    &[],
                )
            });
            let id = graph.add(
                lazyarray_ir::Node {
                    op: Op::View(ViewOp::AsStrided(view.clone())),
                    meta: node.meta.clone(),
                    origin: node.origin,
                },
                &[source],
            );
            ids.insert(key, id);
            continue;
        }
        if !ready {
            stack.push((node, true));
            stack.extend(node.inputs.iter().rev().map(|i| (i, false)));
            continue;
        }
        let inputs: Vec<NodeId> = node.inputs.iter().map(|i| ids[&Arc::as_ptr(i)]).collect();
        if let Some(b) = &node.buffer {
            buffers.insert(b.id(), Arc::clone(b));
        }
        let id = graph.add(
            lazyarray_ir::Node {
                op: node.op.clone(),
                meta: node.meta.clone(),
                origin: node.origin,
            },
            &inputs,
        );
        ids.insert(key, id);
    }
    for o in outputs {
        graph.add_output(ids[&Arc::as_ptr(o)]);
    }
    Lowered { graph, buffers }
}
