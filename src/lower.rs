//! Lowers the user-side DAG of `Array`s to an `ir::Graph` plus the buffers its sources name,
//! and finds the buffers this evaluation may overwrite.

use crate::array::Node;
use crate::error::{Error, Result};
use crate::runtime::buffer::Buffer;
use lazyarray_ir::{BufferId, Graph, Meta, NodeId, Op, ViewOp};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::Ordering;

/// A graph ready for optimization and evaluation.
pub(crate) struct Lowered {
    /// The nodes reachable from the requested outputs.
    pub graph: Graph,
    /// Storage of every `Source` node.
    pub buffers: HashMap<BufferId, Arc<Buffer>>,
    /// Buffers nothing outside this evaluation can reach: their source is reachable only
    /// through the requested outputs (which remember their values and never recompute), and
    /// no other array shares the buffer. The planner may write a result into one of them.
    pub reusable: HashSet<BufferId>,
    /// The user-side source node of each buffer (marked when its buffer is reused).
    pub sources: HashMap<BufferId, Arc<Node>>,
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
pub(crate) fn lower(outputs: &[&Arc<Node>], memos: Memos) -> Result<Lowered> {
    let mut graph = Graph::new();
    let mut buffers: HashMap<BufferId, Arc<Buffer>> = HashMap::new();
    let mut sources: HashMap<BufferId, Arc<Node>> = HashMap::new();
    let mut memo_sources: HashMap<BufferId, NodeId> = HashMap::new();
    let mut ids: HashMap<*const Node, NodeId> = HashMap::new();
    // Every user-side node lowered with its inputs, and how many input slots point at each.
    let mut expanded: Vec<&Arc<Node>> = Vec::new();
    let mut internal_refs: HashMap<*const Node, usize> = HashMap::new();
    // Buffers held by nothing but their source node (counted before this function clones it).
    let mut sole: HashSet<BufferId> = HashSet::new();
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
            let source = *memo_sources.entry(buffer.id()).or_insert_with(|| {
                buffers.insert(buffer.id(), Arc::clone(buffer));
                graph.add(
                    lazyarray_ir::Node {
                        op: Op::Source {
                            buffer: buffer.id(),
                            dtype: buffer.dtype(),
                            shape: [buffer.len()].into_iter().collect(),
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
        if memos == Memos::Ignore && node.consumed.load(Ordering::Acquire) {
            return Err(Error::resource(
                "eval_reference",
                "an input of this array was overwritten in place by an earlier evaluation (it was reachable only through evaluated arrays); build the expression again to re-evaluate it from its sources",
                node.origin,
            ));
        }
        if !ready {
            stack.push((node, true));
            stack.extend(node.inputs.iter().rev().map(|i| (i, false)));
            continue;
        }
        let inputs: Vec<NodeId> = node.inputs.iter().map(|i| ids[&Arc::as_ptr(i)]).collect();
        for i in &node.inputs {
            *internal_refs.entry(Arc::as_ptr(i)).or_default() += 1;
        }
        if let Some(b) = &node.buffer {
            if Arc::strong_count(b) == 1 {
                sole.insert(b.id());
            }
            buffers.insert(b.id(), Arc::clone(b));
            sources.insert(b.id(), Arc::clone(node));
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
        expanded.push(node);
    }
    for o in outputs {
        graph.add_output(ids[&Arc::as_ptr(o)]);
    }
    let reusable = if memos == Memos::Use {
        unreachable_sources(outputs, &expanded, &internal_refs, &sources, &sole)
    } else {
        HashSet::new()
    };
    Ok(Lowered {
        graph,
        buffers,
        reusable,
        sources,
    })
}

/// The sole-owned source buffers that nothing outside the evaluation reaches. A node is
/// *pinned* when something outside holds it (more references than the DAG accounts for) and
/// it is not an output (outputs remember their values); everything a pinned node depends on
/// must stay intact.
fn unreachable_sources(
    outputs: &[&Arc<Node>],
    expanded: &[&Arc<Node>],
    internal_refs: &HashMap<*const Node, usize>,
    sources: &HashMap<BufferId, Arc<Node>>,
    sole: &HashSet<BufferId>,
) -> HashSet<BufferId> {
    let is_output: HashSet<*const Node> = outputs.iter().map(|o| Arc::as_ptr(o)).collect();
    let mut pinned: HashSet<*const Node> = HashSet::new();
    let mut stack: Vec<&Arc<Node>> = Vec::new();
    for &n in expanded {
        let key = Arc::as_ptr(n);
        // `sources` holds one extra reference to every source node.
        let ours = internal_refs.get(&key).copied().unwrap_or(0) + usize::from(n.buffer.is_some());
        if Arc::strong_count(n) > ours && !is_output.contains(&key) {
            stack.push(n);
        }
    }
    while let Some(n) = stack.pop() {
        if pinned.insert(Arc::as_ptr(n)) {
            stack.extend(n.inputs.iter());
        }
    }
    sources
        .iter()
        .filter(|(b, node)| sole.contains(b) && !pinned.contains(&Arc::as_ptr(node)))
        .map(|(b, _)| *b)
        .collect()
}
