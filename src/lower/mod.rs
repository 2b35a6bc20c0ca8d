//! From the user-side DAG of `Array`s to an `ir::Graph`: one walk that finds the nodes, the
//! source buffers, and the buffers this evaluation may overwrite; then either a structural
//! fingerprint of the walk (the plan cache's key) or the graph itself.

mod gathers;

pub(crate) use gathers::data_gathers_to_takes;

use crate::array::Node;
use crate::error::{Error, Result};
use crate::fxhash::{FxHashMap as HashMap, FxHashSet as HashSet};
use crate::storage::buffer::{Buffer, Ownership};
use lazyarray_ir::{BufferId, Graph, Meta, NodeId, Op, ViewOp};
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::sync::atomic::Ordering;

/// Whether already-evaluated nodes stand for their values (the normal path) or are lowered as
/// written (the reference evaluator's oracle must recompute everything).
#[derive(Copy, Clone, PartialEq, Eq)]
pub(crate) enum Memos {
    Use,
    Ignore,
}

/// The nodes an evaluation depends on, inputs before users. With `Memos::Use` an evaluated
/// node is a leaf standing for its remembered value.
pub(crate) struct Walk<'a> {
    pub nodes: Vec<&'a Arc<Node>>,
    index: NodeIndex,
    memos: Memos,
    /// With `Memos::Ignore`: the evaluated nodes that still stand for their values (see
    /// [`walk`]).
    stand_ins: HashSet<*const Node>,
    /// Per node (as `nodes`): whether it is a leaf standing for its remembered value, decided
    /// once when it was walked (another thread may remember a value meanwhile: the plan, its
    /// cache key and the leases all follow this one decision).
    leaf: smallvec::SmallVec<[bool; 16]>,
    /// How many walked nodes had a remembered value, and how many were consumed sources, when
    /// walked (see [`Walk::settled`]).
    seen: (usize, usize),
    /// Owned buffers nothing outside this evaluation can reach: their source is reachable only
    /// through the requested outputs (which remember their values and never recompute), and
    /// no other array shares the buffer. The evaluation claims them before it reads anything
    /// (`storage::access`), and the planner may write a result into one of them.
    pub reusable: HashSet<BufferId>,
}

/// Positions of the walked nodes by address: a linear scan while the walk is small (most
/// evaluations: a handful of nodes, where building a hash map costs more than searching), a
/// hash map once it grows.
#[derive(Default)]
struct NodeIndex {
    order: smallvec::SmallVec<[*const Node; 16]>,
    map: Option<HashMap<*const Node, usize>>,
}

impl NodeIndex {
    /// Walks up to this size are searched linearly.
    const SCAN: usize = 24;

    fn get(&self, p: *const Node) -> Option<usize> {
        match &self.map {
            Some(m) => m.get(&p).copied(),
            None => self.order.iter().position(|&q| q == p),
        }
    }

    /// The position of a node known to be in the walk.
    fn at(&self, p: *const Node) -> usize {
        self.get(p).expect("the node was walked")
    }

    fn insert(&mut self, p: *const Node) {
        let k = self.order.len();
        self.order.push(p);
        if let Some(m) = &mut self.map {
            m.insert(p, k);
        } else if self.order.len() > Self::SCAN {
            self.map = Some(
                self.order
                    .iter()
                    .enumerate()
                    .map(|(k, &q)| (q, k))
                    .collect(),
            );
        }
    }
}

/// A graph ready for optimization and evaluation.
pub(crate) struct Lowered {
    /// The nodes reachable from the requested outputs.
    pub graph: Graph,
    /// Storage of every `Source` node.
    pub buffers: std::collections::HashMap<BufferId, Arc<Buffer>>,
}

impl Walk<'_> {
    /// The user-side source node of buffer `id` (marked when its buffer is reused in place).
    pub fn source_of(&self, id: BufferId) -> Option<&Arc<Node>> {
        self.nodes
            .iter()
            .copied()
            .find(|n| !self.is_memo(n) && n.buffer.as_ref().is_some_and(|b| b.id() == id))
    }

    /// Every buffer the evaluation reads: sources' and remembered values'.
    pub fn buffers(&self) -> impl Iterator<Item = &Arc<Buffer>> {
        self.nodes.iter().filter_map(|n| {
            if self.is_memo(n) {
                n.memo.get().map(|(b, _)| b)
            } else {
                n.buffer.as_ref()
            }
        })
    }

    /// The buffers of [`Walk::reusable`].
    pub fn reusable_buffers(&self) -> impl Iterator<Item = &Arc<Buffer>> {
        self.buffers().filter(|b| self.reusable.contains(&b.id()))
    }

    /// Whether walked node `n` is a leaf standing for its remembered value.
    fn is_memo(&self, n: &Node) -> bool {
        self.index
            .get(n as *const Node)
            .is_some_and(|k| self.leaf[k])
    }

    /// Whether `n` is to be a leaf, by what it holds now.
    fn leaf_now(&self, n: &Node) -> bool {
        match self.memos {
            Memos::Use => n.memo.get().is_some(),
            Memos::Ignore => {
                !self.stand_ins.is_empty() && self.stand_ins.contains(&(n as *const Node))
            }
        }
    }

    /// Walked nodes with a remembered value, and consumed sources among them, now.
    fn count(&self) -> (usize, usize) {
        let memos = self.nodes.iter().filter(|n| n.memo.get().is_some()).count();
        let consumed = self
            .nodes
            .iter()
            .filter(|n| n.consumed.load(Ordering::Acquire))
            .count();
        (memos, consumed)
    }

    /// Checked once the evaluation holds its leases and claims: `Ok(true)` when the walk still
    /// describes what there is to compute; `Ok(false)` when another evaluation remembered a
    /// value or consumed a source after the walk (walk again: it then starts from that value);
    /// an error when a source the walk must recompute from was overwritten by an evaluation
    /// that failed after writing it (never a result computed from overwritten data).
    pub fn settled(&self) -> Result<bool> {
        if self.count() != self.seen {
            return Ok(false);
        }
        match self
            .nodes
            .iter()
            .zip(&self.leaf)
            .find(|(n, leaf)| !**leaf && n.consumed.load(Ordering::Acquire))
        {
            Some((node, _)) => Err(Error::resource(
                "eval",
                "an input of this array was overwritten in place by an evaluation that failed after writing it; build the array again from its data",
                node.origin,
            )),
            None => Ok(true),
        }
    }
}

/// Walks everything `outputs` depend on (iteratively: deep chains are fine).
///
/// A source whose buffer an earlier evaluation overwrote in place (`Node::consumed`) was
/// reachable only through that evaluation's outputs, which remember their values: with
/// `Memos::Use` the walk stops at those values and never reaches it. With `Memos::Ignore` (the
/// reference evaluator, `eval_with`, `bisect`) the walk recomputes from sources, except that an
/// evaluated node above a consumed source stands for its remembered value: that value is the
/// only record of what the source held. Reaching a consumed source with no remembered value
/// above it is an error (never a result computed from overwritten data).
pub(crate) fn walk<'a>(outputs: &[&'a Arc<Node>], memos: Memos) -> Result<Walk<'a>> {
    let mut w = walk_from(outputs, memos, HashSet::default());
    if memos == Memos::Ignore {
        let stand_ins = stand_ins(&w);
        if !stand_ins.is_empty() {
            w = walk_from(outputs, memos, stand_ins);
        }
    }
    if memos == Memos::Use {
        w.reusable = unreachable_sources(outputs, &w);
    }
    Ok(w)
}

/// The walk itself: depth-first, inputs before users, stopping at remembered values (see
/// [`Walk::is_memo`]).
fn walk_from<'a>(
    outputs: &[&'a Arc<Node>],
    memos: Memos,
    stand_ins: HashSet<*const Node>,
) -> Walk<'a> {
    let mut w = Walk {
        nodes: Vec::with_capacity(16),
        index: NodeIndex::default(),
        memos,
        stand_ins,
        leaf: smallvec::SmallVec::new(),
        seen: (0, 0),
        reusable: HashSet::default(),
    };
    // A node's entry carries, once its inputs are on the stack, what it held when it was
    // first reached (a remembered value, consumed): the decision to recompute it was made
    // then, and `settled` compares against exactly that.
    type Seen = Option<(bool, bool)>;
    let mut stack: smallvec::SmallVec<[(&'a Arc<Node>, Seen); 16]> =
        outputs.iter().rev().map(|&n| (n, None)).collect();
    while let Some((node, seen)) = stack.pop() {
        let key = Arc::as_ptr(node);
        if w.index.get(key).is_some() {
            continue;
        }
        let (leaf, (memo, consumed)) = match seen {
            Some(seen) => (false, seen),
            None => {
                let memo = node.memo.get().is_some();
                let consumed = node.consumed.load(Ordering::Acquire);
                let leaf = match memos {
                    Memos::Use => memo,
                    Memos::Ignore => w.leaf_now(node),
                };
                if !leaf {
                    stack.push((node, Some((memo, consumed))));
                    stack.extend(node.inputs.iter().rev().map(|i| (i, None)));
                    continue;
                }
                (true, (memo, consumed))
            }
        };
        w.index.insert(key);
        w.nodes.push(node);
        w.leaf.push(leaf);
        w.seen.0 += usize::from(memo);
        w.seen.1 += usize::from(consumed);
    }
    // (The walk's order is depth-first; `lower` records each node's program position, which
    // both evaluators follow.)
    w
}

/// The evaluated nodes of a full walk that depend on a consumed source: they stand for their
/// remembered values when recomputing.
fn stand_ins(w: &Walk) -> HashSet<*const Node> {
    let mut tainted: smallvec::SmallVec<[bool; 16]> = smallvec::smallvec![false; w.nodes.len()];
    let mut found = HashSet::default();
    for (k, &node) in w.nodes.iter().enumerate() {
        tainted[k] = node.consumed.load(Ordering::Acquire)
            || node
                .inputs
                .iter()
                .any(|i| tainted[w.index.at(Arc::as_ptr(i))]);
        if tainted[k] && node.memo.get().is_some() {
            found.insert(Arc::as_ptr(node));
        }
    }
    found
}

/// The source buffers nothing outside the evaluation reaches: held by their source node only,
/// and the source not *pinned*. A node is pinned when something outside holds it (more
/// references than the DAG accounts for) and it is not an output (outputs remember their
/// values); everything a pinned node depends on must stay intact.
fn unreachable_sources(outputs: &[&Arc<Node>], w: &Walk) -> HashSet<BufferId> {
    let n = w.nodes.len();
    let mut internal_refs: smallvec::SmallVec<[usize; 16]> = smallvec::smallvec![0; n];
    for &node in &w.nodes {
        if !w.is_memo(node) {
            for i in &node.inputs {
                internal_refs[w.index.at(Arc::as_ptr(i))] += 1;
            }
        }
    }
    let mut pinned: smallvec::SmallVec<[bool; 16]> = smallvec::smallvec![false; n];
    let mut stack: smallvec::SmallVec<[usize; 16]> = smallvec::SmallVec::new();
    for (k, &node) in w.nodes.iter().enumerate() {
        let external = Arc::strong_count(node) > internal_refs[k];
        if !w.is_memo(node) && external && !outputs.iter().any(|o| Arc::ptr_eq(o, node)) {
            stack.push(k);
        }
    }
    while let Some(k) = stack.pop() {
        if !std::mem::replace(&mut pinned[k], true) && !w.is_memo(w.nodes[k]) {
            stack.extend(w.nodes[k].inputs.iter().map(|i| w.index.at(Arc::as_ptr(i))));
        }
    }
    w.nodes
        .iter()
        .enumerate()
        .filter(|(k, node)| !pinned[*k] && !w.is_memo(node))
        .filter_map(|(_, node)| node.buffer.as_ref())
        .filter(|b| Arc::strong_count(b) == 1 && b.ownership() == Ownership::Owned)
        .map(|b| b.id())
        .collect()
}

/// Builds the graph of a walk.
pub(crate) fn lower(w: &Walk, outputs: &[&Arc<Node>]) -> Lowered {
    let mut graph = Graph::new();
    let mut buffers: std::collections::HashMap<BufferId, Arc<Buffer>> =
        std::collections::HashMap::new();
    let mut memo_sources: HashMap<BufferId, NodeId> = HashMap::default();
    let mut ids: Vec<NodeId> = Vec::with_capacity(w.nodes.len());
    for &node in &w.nodes {
        let id = if w.is_memo(node) {
            let (buffer, view) = node.memo.get().expect("is_memo");
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
            graph.add(
                lazyarray_ir::Node {
                    op: Op::View(ViewOp::AsStrided(view.clone())),
                    meta: node.meta.clone(),
                    origin: node.origin,
                },
                &[source],
            )
        } else {
            if let Some(b) = &node.buffer {
                buffers.insert(b.id(), Arc::clone(b));
            }
            let inputs: Vec<NodeId> = node
                .inputs
                .iter()
                .map(|i| ids[w.index.at(Arc::as_ptr(i))])
                .collect();
            graph.add(
                lazyarray_ir::Node {
                    op: node.op.clone(),
                    meta: node.meta.clone(),
                    origin: node.origin,
                },
                &inputs,
            )
        };
        graph.set_order(id, node.seq);
        ids.push(id);
    }
    for o in outputs {
        graph.add_output(ids[w.index.at(Arc::as_ptr(o))]);
    }
    Lowered { graph, buffers }
}

/// The plan-cache key of an evaluation (see [`fingerprint`]).
pub(crate) struct Fingerprint {
    /// The exact key.
    pub key: Vec<u8>,
    /// The buffers the evaluation binds, in the order the key numbers them.
    pub buffers: Vec<Arc<Buffer>>,
    /// Whether the key names the buffers by identity and version (the graph selects by data):
    /// a plan under this key can only be used again while every one of them lives unchanged.
    pub by_identity: bool,
}

/// An exact structural key of a walk, and the buffers it binds (in the order the key numbers
/// them). Two evaluations with equal keys plan identically: same ops, dtypes and shapes, same
/// sharing, the same buffers reusable in place, the same call sites (errors name them);
/// buffers are named by position, not identity — except when the graph selects by data (a
/// `take` or mask reads its indices while planning), then by identity. The key is written into
/// `into` (cleared first; pass a reused vector to spare the allocation).
pub(crate) fn fingerprint(
    w: &Walk,
    outputs: &[&Arc<Node>],
    salt: &impl Hash,
    into: Vec<u8>,
) -> Fingerprint {
    let mut key = Recorder(into);
    key.0.clear();
    salt.hash(&mut key);
    let by_data = selects_by_data(w);
    let mut buffers: Vec<Arc<Buffer>> = Vec::new();
    let mut numbers: HashMap<BufferId, usize> = HashMap::default();
    let mut number = |b: &Arc<Buffer>, key: &mut Recorder| {
        let next = numbers.len();
        let k = *numbers.entry(b.id()).or_insert_with(|| {
            buffers.push(Arc::clone(b));
            next
        });
        k.hash(key);
        b.dtype().hash(key);
        b.len().hash(key);
        w.reusable.contains(&b.id()).hash(key);
        if by_data {
            b.id().hash(key);
            b.version().hash(key);
        }
    };
    for &node in &w.nodes {
        // Where the user built it: a cached plan's errors (a failed check, an allocation that
        // failed) name the call sites of the evaluation that made it.
        (node.origin as *const std::panic::Location<'static> as usize).hash(&mut key);
        if w.is_memo(node) {
            let (buffer, view) = node.memo.get().expect("is_memo");
            0u8.hash(&mut key);
            number(buffer, &mut key);
            view.hash(&mut key);
            node.meta.hash(&mut key);
        } else if let (Op::Source { shape, .. }, Some(buffer)) = (&node.op, &node.buffer) {
            1u8.hash(&mut key);
            number(buffer, &mut key);
            shape.hash(&mut key);
        } else {
            2u8.hash(&mut key);
            node.op.hash(&mut key);
            node.meta.hash(&mut key);
            node.inputs.len().hash(&mut key);
            for i in &node.inputs {
                w.index.at(Arc::as_ptr(i)).hash(&mut key);
            }
        }
    }
    for o in outputs {
        w.index.at(Arc::as_ptr(o)).hash(&mut key);
    }
    Fingerprint {
        key: key.0,
        buffers,
        by_identity: by_data,
    }
}

/// Whether planning reads data to select elements: a `compress` or mask (its count), or a
/// `take` whose indices come from a buffer (`take_to_slice` reads them). A take whose indices
/// are computed from aranges and constants alone (`roll`, `pad`) is planned from the graph,
/// whose constants the key holds, so its plan is keyed by position like any other and a loop
/// over fresh inputs hits the cache.
fn selects_by_data(w: &Walk) -> bool {
    let selects = |n: &Node| matches!(n.op, Op::Take { .. } | Op::Compress { .. });
    if !w.nodes.iter().any(|n| !w.is_memo(n) && selects(n)) {
        return false;
    }
    // Inputs come before their users in the walk.
    let mut from_data: smallvec::SmallVec<[bool; 16]> = smallvec::SmallVec::new();
    for (k, node) in w.nodes.iter().enumerate() {
        let reads = |i: &Arc<Node>| from_data[w.index.at(Arc::as_ptr(i))];
        if !w.leaf[k] {
            match node.op {
                Op::Compress { .. } => return true,
                Op::Take { .. } if node.inputs.get(1).is_some_and(reads) => return true,
                _ => {}
            }
        }
        let data = w.leaf[k] || node.buffer.is_some() || node.inputs.iter().any(reads);
        from_data.push(data);
    }
    false
}

/// A `Hasher` that keeps every byte written to it: an exact key, not a digest.
struct Recorder(Vec<u8>);

impl Hasher for Recorder {
    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    fn finish(&self) -> u64 {
        0
    }
}
