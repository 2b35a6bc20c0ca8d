//! Planning: which nodes get a buffer, and the kernels that fill them.
//!
//! **Materialization rule.** A node gets its own buffer when it is a source or random data; a
//! reduction, scan (cumsum, cumprod) or concatenation; an output that is not just a view of
//! another buffer; an elementwise op or gather that would otherwise be inlined into two
//! different kernels; a map of a reduction's result that is read through a broadcast (the
//! division of a mean in `x - x.mean(0)`, else recomputed once per row); or when
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
mod kernels;
pub mod loops;
mod materialize;
pub mod refine;
mod reuse;
pub mod split;

use crate::codegen::abi::ArgLayout;
use crate::codegen::jit::Compiled;
use crate::error::{Error, Result};
use crate::storage::buffer::Buffer;
use checks::ValueCheck;
use fuse::{BuildError, Draft, DraftKind, Fuser, GatherOrigin, Leaf, SlotId};
use kernels::{kernels_for, output_view};
use lazyarray_ir::kernel::{ExprId, KExpr, KernelKind};
use lazyarray_ir::shape::size_of;
use lazyarray_ir::{BufferId, DType, Dims, Graph, NodeId, Op, Scalar, View, ViewOp};
use loops::Ordered;
use materialize::choose_materialized;
use reuse::{reuse_candidate, write_in_place_last};
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
    /// Every kernel launch, in step order (a group's launches in their order).
    pub(crate) fn launches(&self) -> impl Iterator<Item = &Launch> {
        self.steps.iter().flat_map(|step| match step {
            Step::Kernel(l) => std::slice::from_ref(&**l),
            Step::Group(ls) => &ls[..],
            Step::Random { .. } | Step::Check(_) | Step::Fail(_) => &[],
        })
    }

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
    graph: &Graph,
    buffers: &HashMap<BufferId, Arc<Buffer>>,
    reusable: &crate::fxhash::FxHashSet<BufferId>,
) -> Result<Schedule> {
    let mut forced: HashSet<NodeId> = HashSet::new();
    loop {
        match try_plan(graph, buffers, &forced, reusable) {
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
        steps.extend(checks::check_for(graph, n, &leaves)?);
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
