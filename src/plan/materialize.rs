//! The materialization rule (see the `plan` module docs): which nodes get a buffer.

use super::*;

/// The materialization rule (see the module docs).
pub(super) fn choose_materialized(
    graph: &Graph,
    order: &[NodeId],
    forced: &HashSet<NodeId>,
) -> HashSet<NodeId> {
    let mut m: HashSet<NodeId> = forced.clone();
    for &n in order {
        let always = matches!(
            graph.node(n).op,
            Op::Source { .. }
                | Op::Random { .. }
                | Op::Reduce { .. }
                | Op::Scan { .. }
                | Op::Concat { .. }
                // A tile or repeat still here was not turned into a broadcast (the rewrite is
                // off): it is the eager copy.
                | Op::Tile { .. }
                | Op::Repeat { .. }
        );
        if always {
            m.insert(n);
        }
        // Values checked before use (a take's indices, an integer power's exponents) need a
        // buffer, or a view of one.
        if let Some((values, requirement)) = checks::checked_input(graph, n)
            && checks::needs_buffer(graph, values, &requirement)
            && !is_view_of_materialized(graph, values, &m)
        {
            m.insert(values);
        }
    }
    // A map of a reduction's result read through a broadcast (the division of a mean in
    // `x - x.mean(0)`, the first pass of `var`) would be recomputed for every element of the
    // broadcast, once per row: it gets a buffer, computed once per element of the reduction's
    // result (as the reduction's epilogue when that fits, else as a map that small).
    for &n in order {
        if m.contains(&n) || !graph.node(n).op.is_elementwise() {
            continue;
        }
        let reads_reduction = graph
            .inputs(n)
            .iter()
            .any(|&i| matches!(graph.node(i).op, Op::Reduce { .. }));
        let size = size_of(&graph.node(n).meta.shape).max(1);
        let broadcast = graph
            .users(n)
            .into_iter()
            .any(|u| graph.node(u).op.is_view() && size_of(&graph.node(u).meta.shape) >= 2 * size);
        if reads_reduction && broadcast {
            m.insert(n);
        }
    }
    // Sharing: walking from the outputs down, collect the kernel roots each node would be
    // inlined into; an elementwise op or gather that two roots would both recompute gets its
    // own buffer instead. (Outputs count as roots here; one that turns out to be a view of a
    // buffer has an input in `m`.)
    let outputs: HashSet<NodeId> = graph.outputs().iter().copied().collect();
    let mut roots: HashMap<NodeId, SmallVec<[NodeId; 2]>> = HashMap::new();
    for &n in order.iter().rev() {
        let mut mine: SmallVec<[NodeId; 2]> = SmallVec::new();
        if m.contains(&n) || outputs.contains(&n) {
            mine.push(n);
        } else {
            'users: for u in graph.users(n) {
                let theirs: SmallVec<[NodeId; 2]> = if m.contains(&u) || outputs.contains(&u) {
                    SmallVec::from_elem(u, 1)
                } else {
                    roots.get(&u).cloned().unwrap_or_default()
                };
                for r in theirs {
                    if !mine.contains(&r) {
                        mine.push(r);
                        if mine.len() > 1 {
                            break 'users;
                        }
                    }
                }
            }
            let op = &graph.node(n).op;
            if mine.len() > 1 && (op.is_elementwise() || op.is_gather()) {
                m.insert(n);
                mine = SmallVec::from_elem(n, 1);
            }
        }
        roots.insert(n, mine);
    }
    // Size: an inlined expression of more than MAX_INLINE nodes is cut.
    let mut inline_size: HashMap<NodeId, usize> = HashMap::new();
    for &n in order {
        let size = 1 + graph
            .inputs(n)
            .iter()
            .filter(|i| !m.contains(i))
            .map(|i| inline_size[i])
            .fold(0usize, usize::saturating_add);
        if size > MAX_INLINE {
            m.insert(n);
        }
        inline_size.insert(n, if m.contains(&n) { 1 } else { size });
    }
    for &o in graph.outputs() {
        if !m.contains(&o) && !is_view_of_materialized(graph, o, &m) {
            m.insert(o);
        }
    }
    m
}

pub(super) fn is_view_of_materialized(graph: &Graph, mut n: NodeId, m: &HashSet<NodeId>) -> bool {
    loop {
        if m.contains(&n) {
            return true;
        }
        if !graph.node(n).op.is_view() {
            return false;
        }
        n = graph.inputs(n)[0];
    }
}
