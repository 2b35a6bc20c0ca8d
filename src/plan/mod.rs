//! Planning: which nodes get a buffer, and the kernels that fill them.
//!
//! **Materialization rule.** A node gets its own buffer when it is a source or random data; a
//! reduction, cumsum or concatenation; an output that is not just a view of another buffer; an
//! elementwise op or gather that would otherwise be inlined into two different kernels; or when
//! the inlined expression above it grows past [`MAX_INLINE`] nodes (so a 10,000-op chain
//! compiles as a series of kernels). Everything else — views, tiles, scalar repeats, constants,
//! aranges, and elementwise ops and gathers feeding one kernel (even through several paths, as
//! in `w * w`) — is inlined into the kernel of its consumer, and recomputed where used. Data-dependent
//! ops are first turned into gathers: `compress` into `take` of the mask's true positions, and a
//! per-element `repeat` into `take` of each element's source index.
//!
//! Each materialized node becomes one or more kernel launches (a concatenation launches one per
//! part into slices of one buffer). A requested output that is only a view of a buffer compiles
//! and copies nothing.

pub mod checks;
pub mod epilogue;
pub mod fuse;
pub mod group;
pub mod loops;
pub mod refine;
pub mod split;

use crate::codegen::abi::ArgLayout;
use crate::codegen::jit::Compiled;
use crate::error::{Error, Result};
use crate::storage::buffer::Buffer;
use checks::ValueCheck;
use fuse::{BuildError, Draft, DraftKind, Fuser, GatherOrigin, Leaf, SlotId};
use lazyarray_ir::kernel::{ExprId, KExpr, KernelKind};
use lazyarray_ir::shape::size_of;
use lazyarray_ir::{
    BufferId, DType, Dims, Graph, Meta, Node, NodeId, Op, Repeats, Scalar, View, ViewOp,
};
use loops::Ordered;
use smallvec::SmallVec;
use std::collections::{HashMap, HashSet};
use std::panic::Location;
use std::sync::{Arc, OnceLock};

/// Inlined expressions larger than this are split by materializing (keeps kernels and their
/// compile time bounded, and the code generator's work linear).
pub const MAX_INLINE: usize = 192;

/// A buffer of the plan.
#[derive(Clone, Debug)]
pub(crate) struct SlotInfo {
    pub dtype: DType,
    pub len: usize,
    /// An existing buffer (an input, only read); `None` for one the steps write.
    pub bound: Option<Arc<Buffer>>,
    /// The user's operation this buffer holds the result of, and where it was called (for
    /// errors such as a failed allocation).
    pub op: &'static str,
    pub origin: &'static Location<'static>,
    /// The graph node whose value the buffer holds.
    pub node: NodeId,
    /// The input slot whose (dead) buffer this result is written into, in place (the
    /// evaluation must hold that buffer's write claim; see `storage::access`).
    pub reuses: Option<SlotId>,
}

/// One kernel launch.
#[derive(Clone, Debug)]
pub(crate) struct Launch {
    pub kernel: Ordered,
    pub out: SlotId,
    pub gathers: Vec<GatherOrigin>,
    pub power_origins: HashMap<ExprId, &'static Location<'static>>,
    /// Whether the loop domain was split so a reshape of a non-contiguous layout reads its
    /// input in place (the copy NumPy makes happens inside this kernel's loop).
    pub split_reshape: bool,
    /// The graph nodes computed inside this kernel.
    pub fused: HashSet<NodeId>,
    /// Where the kernel's arguments go.
    pub layout: ArgLayout,
    /// The compiled kernel, once looked up (a cached plan then skips the kernel cache).
    pub compiled: OnceLock<Compiled>,
}

/// One step of a plan.
#[derive(Clone, Debug)]
pub(crate) enum Step {
    Kernel(Box<Launch>),
    /// Fill a slot with NumPy's legacy random stream.
    Random {
        seed: u32,
        slot: SlotId,
    },
    /// Check every value of an input before anything uses it (see `checks`).
    Check(ValueCheck),
    /// Kernels over the same rows, run together a block of rows at a time (see `group`).
    Group(Vec<Launch>),
    /// An error planning found (a constant or an `arange` that fails a check), raised when
    /// execution reaches this step: steps run in program order, so an error of an earlier
    /// operation comes first, as in NumPy's eager evaluation.
    Fail(Error),
}

/// An executable plan: buffers and the steps that fill them.
#[derive(Clone, Debug)]
pub(crate) struct Schedule {
    pub slots: Vec<SlotInfo>,
    pub steps: Vec<Step>,
    /// Per requested output: its buffer and the view of its elements.
    pub outputs: Vec<Leaf>,
    /// Nodes that had to be materialized because a view of them could not be expressed (a
    /// reshape of a transposed array deep inside an expression): unavoidable copies.
    pub forced: Vec<NodeId>,
}

impl Schedule {
    /// Each slot's initial buffer (the inputs it binds; `None` for what the steps write).
    pub(crate) fn bound(&self) -> Vec<Option<Arc<Buffer>>> {
        self.slots.iter().map(|s| s.bound.clone()).collect()
    }
}

enum Retry {
    Materialize(NodeId),
    Fail(Error),
}

impl From<Error> for Retry {
    fn from(e: Error) -> Retry {
        Retry::Fail(e)
    }
}

/// Plans the evaluation of `graph`'s outputs; `buffers` binds its sources.
pub(crate) fn plan(
    graph: &mut Graph,
    buffers: &HashMap<BufferId, Arc<Buffer>>,
    reusable: &crate::fxhash::FxHashSet<BufferId>,
) -> Result<Schedule> {
    let mut buffers = buffers.clone();
    data_gathers_to_takes(graph, &mut buffers)?;
    let mut forced: HashSet<NodeId> = HashSet::new();
    loop {
        match try_plan(graph, &buffers, &forced, reusable) {
            Ok(mut plan) => {
                plan.forced = forced.into_iter().collect();
                plan.forced.sort_unstable();
                return Ok(plan);
            }
            Err(Retry::Fail(e)) => return Err(e),
            Err(Retry::Materialize(n)) => {
                if !forced.insert(n) {
                    let node = graph.node(n);
                    return Err(Error::internal(
                        "plan",
                        format!(
                            "materializing `{}` did not make its kernel buildable",
                            node.op
                        ),
                        node.origin,
                    ));
                }
            }
        }
    }
}

fn try_plan(
    graph: &Graph,
    buffers: &HashMap<BufferId, Arc<Buffer>>,
    forced: &HashSet<NodeId>,
    reusable: &crate::fxhash::FxHashSet<BufferId>,
) -> std::result::Result<Schedule, Retry> {
    let order = graph.program_order();
    let materialized = choose_materialized(graph, &order, forced);
    let mut slots: Vec<SlotInfo> = Vec::new();
    let mut leaves: HashMap<NodeId, Leaf> = HashMap::new();
    let mut steps: Vec<Step> = Vec::new();
    for &n in &order {
        steps.extend(checks::check_for(graph, n, &leaves));
        if !materialized.contains(&n) {
            continue;
        }
        let node = graph.node(n);
        let (dtype, shape) = (node.meta.dtype, &node.meta.shape);
        let slot = slots.len();
        let len = size_of(shape);
        match &node.op {
            Op::Source { buffer, .. } => {
                let b = buffers.get(buffer).ok_or_else(|| {
                    Error::internal(
                        "plan",
                        format!("buffer #{} is not bound", buffer.0),
                        node.origin,
                    )
                })?;
                slots.push(SlotInfo {
                    dtype,
                    len,
                    bound: Some(Arc::clone(b)),
                    op: graph.user_op(n),
                    origin: node.origin,
                    node: n,
                    reuses: None,
                });
            }
            Op::Random { seed, .. } => {
                slots.push(SlotInfo {
                    dtype,
                    len,
                    bound: None,
                    op: graph.user_op(n),
                    origin: node.origin,
                    node: n,
                    reuses: None,
                });
                steps.push(Step::Random { seed: *seed, slot });
            }
            _ => {
                slots.push(SlotInfo {
                    dtype,
                    len,
                    bound: None,
                    op: graph.user_op(n),
                    origin: node.origin,
                    node: n,
                    reuses: None,
                });
                let launches = kernels_for(graph, n, slot, &leaves)?;
                if let [only] = &launches[..]
                    && let Some(dead) =
                        reuse_candidate(graph, only, slot, &slots, &materialized, reusable)
                {
                    slots[slot].reuses = Some(dead);
                }
                for launch in launches {
                    steps.push(Step::Kernel(Box::new(launch)));
                }
            }
        }
        leaves.insert(
            n,
            Leaf {
                slot,
                dtype,
                view: View::contiguous(shape),
            },
        );
    }
    let outputs: Vec<Leaf> = graph
        .outputs()
        .iter()
        .map(|&o| output_view(graph, o, &leaves))
        .collect::<std::result::Result<_, _>>()?;
    let steps = epilogue::fuse_epilogues(steps, &slots, &outputs);
    let steps = group::row_blocks(steps, &slots);
    write_in_place_last(&steps, &mut slots);
    Ok(Schedule {
        slots,
        steps,
        outputs,
        forced: Vec::new(),
    })
}

/// Takes back every in-place write that a step able to fail would follow (a value check, a
/// planned failure): a failed evaluation must leave its inputs as they were, so nothing is
/// overwritten before the last point where it can still fail. (The executor allocates and
/// compiles everything before the first step runs.)
fn write_in_place_last(steps: &[Step], slots: &mut [SlotInfo]) {
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
fn reuse_candidate(
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
fn read_only_here(
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

/// The kernels that compute node `n` into `slot`.
fn kernels_for(
    graph: &Graph,
    n: NodeId,
    slot: SlotId,
    leaves: &HashMap<NodeId, Leaf>,
) -> std::result::Result<Vec<Launch>, Retry> {
    let node = graph.node(n);
    let inputs = graph.inputs(n);
    let dtype = node.meta.dtype;
    let shape = &node.meta.shape;
    let mut launches = Vec::new();
    match &node.op {
        Op::Reduce { op, axes, keepdims } => {
            let input = inputs[0];
            let domain = graph.node(input).meta.shape.clone();
            if size_of(shape) == 0 {
                return Ok(launches);
            }
            if size_of(&domain) == 0 {
                // An empty reduction: the identity everywhere (NumPy's result).
                let identity = op
                    .identity(dtype)
                    .expect("checked when built: only ops with an identity reach here");
                launches.push(fill_launch(slot, shape, identity));
                return Ok(launches);
            }
            let out_view = reduce_output_view(&domain, axes, *keepdims, shape);
            let draft = build(
                graph,
                leaves,
                &domain,
                (slot, dtype, out_view),
                input,
                DraftKind::Reduce(*op),
            )?;
            launches.push(launch(slot, draft));
        }
        Op::Cumsum { axis } => {
            if size_of(shape) > 0 {
                let draft = build(
                    graph,
                    leaves,
                    shape,
                    (slot, dtype, View::contiguous(shape)),
                    inputs[0],
                    DraftKind::Scan { axis: *axis },
                )?;
                launches.push(launch(slot, draft));
            }
        }
        Op::Concat { axis } => {
            let full = View::contiguous(shape);
            let mut offset = 0usize;
            for &part in &inputs {
                let part_shape = graph.node(part).meta.shape.clone();
                let view = View {
                    shape: part_shape.clone(),
                    strides: full.strides.clone(),
                    offset: offset * full.strides[*axis] as usize,
                };
                offset += part_shape[*axis];
                if size_of(&part_shape) > 0 {
                    let draft = build(
                        graph,
                        leaves,
                        &part_shape,
                        (slot, dtype, view),
                        part,
                        DraftKind::Map,
                    )?;
                    launches.push(launch(slot, draft));
                }
            }
        }
        _ => {
            if size_of(shape) > 0 {
                let draft = build(
                    graph,
                    leaves,
                    shape,
                    (slot, dtype, View::contiguous(shape)),
                    n,
                    DraftKind::Map,
                )?;
                launches.push(launch(slot, draft));
            }
        }
    }
    Ok(launches)
}

fn launch(out: SlotId, draft: Draft) -> Launch {
    let kernel = loops::order(&draft);
    Launch {
        layout: ArgLayout::of(&kernel.spec),
        compiled: OnceLock::new(),
        kernel,
        out,
        gathers: draft.gathers,
        power_origins: draft.power_origins,
        split_reshape: draft.split_reshape,
        fused: draft.fused,
    }
}

/// A kernel writing `value` over `shape`.
fn fill_launch(slot: SlotId, shape: &[usize], value: Scalar) -> Launch {
    let draft = Draft {
        domain: shape.into(),
        accesses: vec![fuse::DraftAccess {
            target: fuse::Target::Slot(slot, value.dtype()),
            view: View::contiguous(shape),
            gathers: Default::default(),
        }],
        exprs: vec![KExpr::Const(value)],
        value: 0,
        kind: DraftKind::Map,
        gathers: Vec::new(),
        power_origins: HashMap::new(),
        split_reshape: false,
        fused: HashSet::new(),
    };
    launch(slot, draft)
}

/// Builds one draft, refining the domain when a reshape right under the root needs it.
fn build(
    graph: &Graph,
    leaves: &HashMap<NodeId, Leaf>,
    domain: &[usize],
    output: (SlotId, DType, View),
    start: NodeId,
    kind: DraftKind,
) -> std::result::Result<Draft, Retry> {
    let mut shapes: Vec<Dims> = vec![domain.into()];
    let mut refined: Option<Dims> = None;
    loop {
        let mut fuser = Fuser::new(graph, leaves, domain, refined.clone(), output.clone());
        match fuser.build(start) {
            Ok(value) => return Ok(fuser.finish(value, kind)),
            Err(BuildError::Materialize(n)) => return Err(Retry::Materialize(n)),
            Err(BuildError::Refine { shape, fallback }) => {
                if matches!(kind, DraftKind::Scan { .. }) {
                    return Err(Retry::Materialize(fallback));
                }
                shapes.push(shape);
                let refs: Vec<&[usize]> = shapes.iter().map(|s| &s[..]).collect();
                match refine::common_refinement(&refs) {
                    Some(r) => refined = Some(r),
                    None => return Err(Retry::Materialize(fallback)),
                }
            }
        }
    }
}

/// The output of a reduction seen over its input's domain: reduced dims do not move.
fn reduce_output_view(
    domain: &[usize],
    axes: &[usize],
    keepdims: bool,
    out_shape: &[usize],
) -> View {
    let out = View::contiguous(out_shape);
    let mut strides = Dims::new();
    let mut k = 0;
    let mut s: lazyarray_ir::Strides = lazyarray_ir::Strides::new();
    for axis in 0..domain.len() {
        let reduced = axes.contains(&axis);
        if reduced {
            s.push(0);
            if keepdims {
                k += 1;
            }
        } else {
            s.push(out.strides[k]);
            k += 1;
        }
        strides.push(0);
    }
    View {
        shape: domain.into(),
        strides: s,
        offset: 0,
    }
}

/// A requested output: a materialized node, or a chain of views over one.
fn output_view(
    graph: &Graph,
    o: NodeId,
    leaves: &HashMap<NodeId, Leaf>,
) -> std::result::Result<Leaf, Retry> {
    let mut ops: Vec<&ViewOp> = Vec::new();
    let mut n = o;
    loop {
        if let Some(leaf) = leaves.get(&n) {
            let mut view = leaf.view.clone();
            for op in ops.iter().rev() {
                match view.apply(op) {
                    Some(v) => view = v,
                    None => return Err(Retry::Materialize(o)),
                }
            }
            return Ok(Leaf {
                slot: leaf.slot,
                dtype: leaf.dtype,
                view,
            });
        }
        match &graph.node(n).op {
            Op::View(op) => {
                ops.push(op);
                n = graph.inputs(n)[0];
            }
            _ => return Err(Retry::Materialize(o)),
        }
    }
}

/// The materialization rule (see the module docs).
fn choose_materialized(
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
                | Op::Cumsum { .. }
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
        if let Some((values, _)) = checks::checked_input(graph, n)
            && checks::needs_buffer(graph, values)
            && !is_view_of_materialized(graph, values, &m)
        {
            m.insert(values);
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

fn is_view_of_materialized(graph: &Graph, mut n: NodeId, m: &HashSet<NodeId>) -> bool {
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

/// Turns the data-dependent selections into gathers of precomputed indices: `compress` takes
/// the mask's true positions, a per-element `repeat` takes each output's source index.
fn data_gathers_to_takes(
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
