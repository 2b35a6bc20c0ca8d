//! The expression graph: a petgraph DAG of [`Node`]s with ordered inputs and a list of outputs.
//!
//! Edges point from an input to its user and carry the input's slot, so `inputs(n)` is ordered
//! and rewrites can redirect uses in place. All traversals are iterative: a chain of 10,000 ops
//! must not overflow the stack.

use crate::infer::Meta;
use crate::op::Op;
use petgraph::Direction;
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use smallvec::SmallVec;
use std::collections::{HashMap, HashSet};
use std::panic::Location;

/// Index of a node in a [`Graph`].
pub type NodeId = NodeIndex<u32>;

/// One operation with its output dtype and shape, and where the user created it.
#[derive(Clone, Debug)]
pub struct Node {
    /// The operation.
    pub op: Op,
    /// Output dtype and shape.
    pub meta: Meta,
    /// The user's call that created the node (rewrites keep the origin of what they replace).
    pub origin: &'static Location<'static>,
}

/// A DAG of nodes reachable from `outputs`.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    graph: StableDiGraph<Node, u32>,
    outputs: Vec<NodeId>,
    /// Program position of nodes (when the user built them); a node that replaces another
    /// takes the earlier position (see [`Graph::program_order`]).
    order: HashMap<NodeId, u64>,
    /// The user's op that nodes a rewrite built stand for, when it is not their own op (see
    /// [`Graph::user_op`]).
    user_ops: HashMap<NodeId, &'static str>,
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Graph {
        Graph::default()
    }

    /// Adds a node whose inputs are `inputs` in order.
    pub fn add(&mut self, node: Node, inputs: &[NodeId]) -> NodeId {
        let id = self.graph.add_node(node);
        // (a removed node's id may be reused: the new node is its own op)
        self.user_ops.remove(&id);
        for (slot, &i) in inputs.iter().enumerate() {
            self.graph.add_edge(i, id, slot as u32);
        }
        id
    }

    /// Records the program position of `node` (when the user built it).
    pub fn set_order(&mut self, node: NodeId, position: u64) {
        self.order.insert(node, position);
    }

    /// Records that `node`, built by a rewrite, stands for the user's op `name` (the op of the
    /// node it replaces): errors about it name that op, as they name its origin.
    pub fn set_user_op(&mut self, node: NodeId, name: &'static str) {
        self.user_ops.insert(node, name);
    }

    /// The name of the user's op that `node` stands for, for errors: what
    /// [`Graph::set_user_op`] recorded, or else the node's own op's name. (A `repeat` that a
    /// rewrite turned into views is still reported as `repeat`, not `view`.)
    pub fn user_op(&self, node: NodeId) -> &'static str {
        self.user_ops
            .get(&node)
            .copied()
            .unwrap_or_else(|| self.graph[node].op.name())
    }

    /// Marks `node` as a requested output (outputs may repeat).
    pub fn add_output(&mut self, node: NodeId) {
        self.outputs.push(node);
    }

    /// The requested outputs, in request order.
    pub fn outputs(&self) -> &[NodeId] {
        &self.outputs
    }

    /// The node at `id`.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.graph[id]
    }

    /// The node at `id`, mutably (rewrites change ops in place).
    pub fn node_mut(&mut self, id: NodeId) -> &mut Node {
        &mut self.graph[id]
    }

    /// Number of live nodes.
    pub fn len(&self) -> usize {
        self.graph.node_count()
    }

    /// True when the graph has no nodes.
    pub fn is_empty(&self) -> bool {
        self.graph.node_count() == 0
    }

    /// All live node ids (in no particular order).
    pub fn node_ids(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.graph.node_indices()
    }

    /// The inputs of `id`, ordered by slot.
    pub fn inputs(&self, id: NodeId) -> SmallVec<[NodeId; 3]> {
        let mut edges: SmallVec<[(u32, NodeId); 3]> = self
            .graph
            .edges_directed(id, Direction::Incoming)
            .map(|e| (*e.weight(), e.source()))
            .collect();
        edges.sort_unstable_by_key(|&(slot, _)| slot);
        edges.into_iter().map(|(_, n)| n).collect()
    }

    /// The distinct nodes that use `id` as an input.
    pub fn users(&self, id: NodeId) -> SmallVec<[NodeId; 4]> {
        let mut users: SmallVec<[NodeId; 4]> = self
            .graph
            .neighbors_directed(id, Direction::Outgoing)
            .collect();
        users.sort_unstable();
        users.dedup();
        users
    }

    /// How many times `id` is consumed: input slots using it plus output entries naming it.
    pub fn use_count(&self, id: NodeId) -> usize {
        self.graph.edges_directed(id, Direction::Outgoing).count()
            + self.outputs.iter().filter(|&&o| o == id).count()
    }

    /// Replaces the inputs of `id` by `inputs`.
    pub fn set_inputs(&mut self, id: NodeId, inputs: &[NodeId]) {
        let old: Vec<_> = self
            .graph
            .edges_directed(id, Direction::Incoming)
            .map(|e| e.id())
            .collect();
        for e in old {
            self.graph.remove_edge(e);
        }
        for (slot, &i) in inputs.iter().enumerate() {
            self.graph.add_edge(i, id, slot as u32);
        }
    }

    /// Redirects every use of `old` (input slots and outputs) to `new`.
    pub fn replace_uses(&mut self, old: NodeId, new: NodeId) {
        if old == new {
            return;
        }
        let uses: Vec<_> = self
            .graph
            .edges_directed(old, Direction::Outgoing)
            .map(|e| (e.id(), e.target(), *e.weight()))
            .collect();
        for (e, target, slot) in uses {
            self.graph.remove_edge(e);
            self.graph.add_edge(new, target, slot);
        }
        for o in &mut self.outputs {
            if *o == old {
                *o = new;
            }
        }
        // The replacement stands where the replaced node stood in the program.
        if let Some(&p) = self.order.get(&old) {
            let q = self.order.entry(new).or_insert(p);
            *q = (*q).min(p);
        }
    }

    /// Removes every node that no output reaches; returns how many were removed.
    pub fn remove_dead(&mut self) -> usize {
        let live = self.reachable();
        let dead: Vec<_> = self
            .graph
            .node_indices()
            .filter(|n| !live.contains(n))
            .collect();
        for &n in &dead {
            self.graph.remove_node(n);
        }
        dead.len()
    }

    fn reachable(&self) -> HashSet<NodeId> {
        let mut seen: HashSet<NodeId> = HashSet::new();
        let mut stack: Vec<NodeId> = self.outputs.clone();
        while let Some(n) = stack.pop() {
            if seen.insert(n) {
                stack.extend(self.graph.neighbors_directed(n, Direction::Incoming));
            }
        }
        seen
    }

    /// The value of a node that is a constant: a fill, or a view of one (a broadcast scalar).
    pub fn constant_value(&self, id: NodeId) -> Option<crate::scalar::Scalar> {
        let mut n = id;
        loop {
            match &self.graph[n].op {
                Op::Fill { value, .. } => return Some(*value),
                Op::View(_) => n = self.inputs(n)[0],
                _ => return None,
            }
        }
    }

    /// The nodes reachable from the outputs, every node after all of its inputs and otherwise
    /// in program order: by the position recorded with [`Graph::set_order`] (a node without
    /// one, made by a rewrite, stands just before its earliest user), then by id. The reference
    /// evaluator and the planner both follow it, so the first error met is the first NumPy
    /// raises.
    pub fn program_order(&self) -> Vec<NodeId> {
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;
        let topo = self.topo_order();
        // A node is needed as early as its earliest user.
        let mut key: HashMap<NodeId, u64> = HashMap::with_capacity(topo.len());
        for &n in topo.iter().rev() {
            let own = self.order.get(&n).copied().unwrap_or(u64::MAX);
            let users = self
                .users(n)
                .iter()
                .filter_map(|u| key.get(u).copied())
                .min()
                .unwrap_or(u64::MAX);
            key.insert(n, own.min(users));
        }
        let mut waiting: HashMap<NodeId, usize> = topo
            .iter()
            .map(|&n| (n, self.inputs(n).iter().collect::<HashSet<_>>().len()))
            .collect();
        let mut ready: BinaryHeap<Reverse<(u64, NodeIndex)>> = waiting
            .iter()
            .filter(|&(_, &w)| w == 0)
            .map(|(&n, _)| Reverse((key[&n], n)))
            .collect();
        let mut order = Vec::with_capacity(topo.len());
        while let Some(Reverse((_, n))) = ready.pop() {
            order.push(n);
            for u in self.users(n) {
                if let Some(w) = waiting.get_mut(&u) {
                    *w -= 1;
                    if *w == 0 {
                        ready.push(Reverse((key[&u], u)));
                    }
                }
            }
        }
        order
    }

    /// The nodes reachable from the outputs, every node after all of its inputs. Deterministic:
    /// inputs are visited in slot order, outputs in request order.
    pub fn topo_order(&self) -> Vec<NodeId> {
        let mut order = Vec::with_capacity(self.len());
        let mut done: HashSet<NodeId> = HashSet::new();
        // (node, inputs pushed?) — an explicit stack instead of recursion.
        let mut stack: Vec<(NodeId, bool)> =
            self.outputs.iter().rev().map(|&o| (o, false)).collect();
        while let Some((n, expanded)) = stack.pop() {
            if done.contains(&n) {
                continue;
            }
            if expanded {
                done.insert(n);
                order.push(n);
            } else {
                stack.push((n, true));
                for i in self.inputs(n).into_iter().rev() {
                    if !done.contains(&i) {
                        stack.push((i, false));
                    }
                }
            }
        }
        order
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dtype::DType;
    use crate::op::{BinaryOp, Op};
    use crate::scalar::Scalar;
    use smallvec::smallvec;

    fn fill(g: &mut Graph, v: f64) -> NodeId {
        g.add(
            Node {
                op: Op::Fill {
                    value: Scalar::F64(v),
                    shape: smallvec![2],
                },
                meta: Meta::new(DType::F64, &[2]),
                origin: Location::caller(),
            },
            &[],
        )
    }

    #[test]
    fn inputs_keep_slot_order_and_topo_order_is_iterative() {
        let mut g = Graph::new();
        let a = fill(&mut g, 1.0);
        let b = fill(&mut g, 2.0);
        let sub = Node {
            op: Op::Binary(BinaryOp::Sub),
            meta: Meta::new(DType::F64, &[2]),
            origin: Location::caller(),
        };
        let s = g.add(sub.clone(), &[b, a]);
        assert_eq!(&g.inputs(s)[..], &[b, a]);
        // a chain of 100k nodes must not overflow the stack
        let mut last = s;
        for _ in 0..100_000 {
            last = g.add(sub.clone(), &[last, a]);
        }
        g.add_output(last);
        let order = g.topo_order();
        assert_eq!(order.len(), 100_003);
        assert_eq!(*order.last().unwrap(), last);
    }

    #[test]
    fn replace_uses_and_remove_dead() {
        let mut g = Graph::new();
        let a = fill(&mut g, 1.0);
        let b = fill(&mut g, 2.0);
        g.add_output(a);
        g.replace_uses(a, b);
        assert_eq!(g.outputs(), &[b]);
        assert_eq!(g.remove_dead(), 1);
        assert_eq!(g.len(), 1);
    }
}
