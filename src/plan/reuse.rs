//! In-place reuse: which dead input buffer a map may overwrite with its result (NumPy's
//! `a *= 2`), and taking those writes back where a step able to fail would follow them.

use super::*;

/// Takes back every in-place write that a step able to fail would follow (a value check, a
/// planned failure): a failed evaluation must leave its inputs as they were, so nothing is
/// overwritten before the last point where it can still fail. (The executor allocates and
/// compiles everything before the first step runs.)
pub(super) fn write_in_place_last(steps: &[Step], slots: &mut [SlotInfo]) {
    let Some(last) = steps
        .iter()
        .rposition(|s| matches!(s, Step::Check(_) | Step::Fail(_)))
    else {
        return;
    };
    for step in &steps[..last] {
        let outs: SmallVec<[SlotId; 4]> = match step {
            Step::Kernel(l) => SmallVec::from_elem(l.out, 1),
            Step::Group(ls) => ls.iter().map(|l| l.out).collect(),
            _ => SmallVec::new(),
        };
        for out in outs {
            slots[out].reuses = None;
        }
    }
}

/// An input buffer a map may overwrite with its result, in place (NumPy's `a *= 2`): the
/// buffer is unreachable from outside this evaluation (`reusable`), it is read only by this
/// kernel and only element by element at the positions being written (one access, with the
/// output's exact layout, dtype and size), and no other kernel or output reads it. Each
/// element is then read before it is overwritten, and by nobody else: the result is the one
/// computed with the input copied first.
pub(super) fn reuse_candidate(
    graph: &Graph,
    launch: &Launch,
    out: SlotId,
    slots: &[SlotInfo],
    materialized: &HashSet<NodeId>,
    reusable: &crate::fxhash::FxHashSet<BufferId>,
) -> Option<SlotId> {
    let k = &launch.kernel;
    if k.spec.kind != KernelKind::Map {
        return None;
    }
    let target = &k.accesses[0];
    let out_info = &slots[out];
    let same_slot = |t: &fuse::Target, s: SlotId| matches!(*t, fuse::Target::Slot(x, _) if x == s);
    k.accesses.iter().enumerate().skip(1).find_map(|(a, acc)| {
        let fuse::Target::Slot(s, dtype) = acc.target else {
            return None;
        };
        let info = &slots[s];
        let buffer = info.bound.as_ref()?;
        let fits = reusable.contains(&buffer.id())
            && info.reuses.is_none()
            && !slots.iter().any(|x| x.reuses == Some(s))
            && dtype == out_info.dtype
            && info.len == out_info.len
            && acc.offset == target.offset
            && acc.strides == target.strides
            && acc.gathers.is_empty()
            && !k
                .accesses
                .iter()
                .enumerate()
                .any(|(j, x)| j != a && same_slot(&x.target, s));
        (fits && read_only_here(graph, info.node, launch, materialized)).then_some(s)
    })
}

/// Whether everything that reads `source` is inside `launch` (walking up through inlined
/// nodes, the only materialized reader allowed is the launch's own result).
pub(super) fn read_only_here(
    graph: &Graph,
    source: NodeId,
    launch: &Launch,
    materialized: &HashSet<NodeId>,
) -> bool {
    if graph.outputs().contains(&source) {
        return false;
    }
    let mut stack = vec![source];
    let mut seen = HashSet::new();
    while let Some(n) = stack.pop() {
        for u in graph.users(n) {
            if !seen.insert(u) {
                continue;
            }
            if !launch.fused.contains(&u)
                || graph.outputs().contains(&u) && !materialized.contains(&u)
            {
                return false;
            }
            if !materialized.contains(&u) {
                stack.push(u);
            }
        }
    }
    true
}
