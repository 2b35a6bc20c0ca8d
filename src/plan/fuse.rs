//! Fusion: builds one kernel from a root node and every node inlined below it.
//!
//! The walk goes down from the root. Elementwise ops (unary, binary, where, casts, copies)
//! become body expressions; constants become immediates; movement ops (views, tiles, scalar
//! repeats) and gathers (`take`) become *transforms* of the index space on the way down. When
//! the walk reaches a materialized node (a buffer) or an `arange`, the transforms collected on
//! the path are composed onto that leaf's view, bottom-up, into one strided access over the
//! kernel's domain (plus one gather term per `take` on the path). So `tile(x) * y`, `a.t() + b`
//! or `a[::-1][idx]` read their inputs in place, with no temporaries.
//!
//! A composition that fails (a reshape of a layout that is not a view) either *refines* the
//! domain, when the reshape sits directly under the root (its copy is fused into the kernel),
//! or asks the planner to materialize the reshape's input first.

use crate::plan::refine::{common_refinement, split};
use lazyarray_ir::kernel::{ExprId, KExpr};
use lazyarray_ir::{
    BinaryOp, DType, Dims, Graph, NodeId, Op, ReduceOp, Repeats, Scalar, View, ViewOp,
};
use smallvec::SmallVec;
use std::collections::{HashMap, HashSet};
use std::panic::Location;

/// A slot of the plan: a buffer that exists or will be written by a step.
pub(crate) type SlotId = usize;

/// A materialized node seen from a kernel: its buffer and the view of its elements in it.
#[derive(Clone, Debug)]
pub(crate) struct Leaf {
    pub slot: SlotId,
    pub dtype: DType,
    pub view: View,
}

/// What an access reads.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Target {
    Slot(SlotId, DType),
    /// The element position itself (`arange`).
    Position,
}

/// One gather term of an access: `index * stride` added to the address, `index` checked
/// against `len` (negative counts from the end).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Gather {
    pub index: ExprId,
    pub stride: isize,
    pub len: usize,
    /// Which `take` this is (for error messages).
    pub id: usize,
}

/// One access of a draft kernel: a view over the domain plus gathers.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct DraftAccess {
    pub target: Target,
    pub view: View,
    pub gathers: SmallVec<[Gather; 1]>,
}

/// What a draft kernel does with its value.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum DraftKind {
    Map,
    Reduce(ReduceOp),
    Scan { op: ReduceOp, axis: usize },
}

/// Where a `take` came from, to word its out-of-bounds error.
#[derive(Clone, Debug)]
pub(crate) struct GatherOrigin {
    pub axis: usize,
    pub origin: &'static Location<'static>,
}

/// A kernel before loop ordering: accesses are views over `domain` (access 0 is the output).
#[derive(Clone, Debug)]
pub(crate) struct Draft {
    pub domain: Dims,
    pub accesses: Vec<DraftAccess>,
    pub exprs: Vec<KExpr>,
    pub value: ExprId,
    pub kind: DraftKind,
    pub gathers: Vec<GatherOrigin>,
    /// Origins of integer `power` expressions (a negative exponent stops the kernel).
    pub power_origins: HashMap<ExprId, &'static Location<'static>>,
    /// Whether the domain was refined so a reshape reads its input in place.
    pub split_reshape: bool,
    /// The graph nodes computed inside this kernel.
    pub fused: HashSet<NodeId>,
}

/// Why a kernel could not be built as asked.
#[derive(Clone, Debug)]
pub(crate) enum BuildError {
    /// A reshape right under the root needs the domain refined with this shape.
    Refine { shape: Dims, fallback: NodeId },
    /// This node must be materialized first.
    Materialize(NodeId),
}

/// A transform of the index space between a node and the root.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Transform {
    /// A movement op; on failure, materialize `fallback`.
    View { op: ViewOp, fallback: NodeId },
    /// Reading the data operand of a `take`: the `axis` dim is replaced by the index dims and
    /// addressed by the index expression.
    TakeData {
        axis: usize,
        data_shape: Dims,
        index_shape: Dims,
        index: ExprId,
        id: usize,
    },
    /// Reading the index operand of a `take` over data of `data_shape`.
    TakeIndex { axis: usize, data_shape: Dims },
}

type CtxId = usize;

struct Ctx {
    parent: Option<CtxId>,
    transform: Transform,
}

/// The state of one kernel build.
pub(crate) struct Fuser<'g> {
    graph: &'g Graph,
    leaves: &'g HashMap<NodeId, Leaf>,
    domain: Dims,
    refined: Option<Dims>,
    contexts: Vec<Ctx>,
    context_ids: HashMap<(Option<CtxId>, Transform), CtxId>,
    memo: HashMap<(NodeId, Option<CtxId>), ExprId>,
    exprs: Vec<KExpr>,
    expr_ids: HashMap<KExpr, ExprId>,
    accesses: Vec<DraftAccess>,
    access_ids: HashMap<DraftAccess, usize>,
    gathers: Vec<GatherOrigin>,
    power_origins: HashMap<ExprId, &'static Location<'static>>,
    fused: HashSet<NodeId>,
}

impl<'g> Fuser<'g> {
    /// A build over `domain` (refined to `refined` if given); `output` is the output's view
    /// over the domain.
    pub fn new(
        graph: &'g Graph,
        leaves: &'g HashMap<NodeId, Leaf>,
        domain: &[usize],
        refined: Option<Dims>,
        output: (SlotId, DType, View),
    ) -> Fuser<'g> {
        let mut f = Fuser {
            graph,
            leaves,
            domain: domain.into(),
            refined,
            contexts: Vec::new(),
            context_ids: HashMap::new(),
            memo: HashMap::new(),
            exprs: Vec::new(),
            expr_ids: HashMap::new(),
            accesses: Vec::new(),
            access_ids: HashMap::new(),
            gathers: Vec::new(),
            power_origins: HashMap::new(),
            fused: HashSet::new(),
        };
        let (slot, dtype, view) = output;
        let view = match &f.refined {
            Some(r) => split(&view, r),
            None => view,
        };
        f.accesses.push(DraftAccess {
            target: Target::Slot(slot, dtype),
            view,
            gathers: SmallVec::new(),
        });
        f
    }

    /// Builds the expression of `node` seen from the root (no transforms yet).
    pub fn build(&mut self, node: NodeId) -> Result<ExprId, BuildError> {
        self.expr(node, None)
    }

    /// Finishes the draft with `value` as the kernel's value.
    pub fn finish(self, value: ExprId, kind: DraftKind) -> Draft {
        Draft {
            split_reshape: self.refined.is_some(),
            domain: self.refined.clone().unwrap_or(self.domain),
            accesses: self.accesses,
            exprs: self.exprs,
            value,
            kind,
            gathers: self.gathers,
            power_origins: self.power_origins,
            fused: self.fused,
        }
    }

    /// Adds an expression (structurally deduplicated).
    pub fn push(&mut self, e: KExpr) -> ExprId {
        if let Some(&id) = self.expr_ids.get(&e) {
            return id;
        }
        let id = self.exprs.len();
        self.exprs.push(e.clone());
        self.expr_ids.insert(e, id);
        id
    }

    fn context(&mut self, parent: Option<CtxId>, transform: Transform) -> CtxId {
        let key = (parent, transform);
        if let Some(&id) = self.context_ids.get(&key) {
            return id;
        }
        let id = self.contexts.len();
        self.contexts.push(Ctx {
            parent,
            transform: key.1.clone(),
        });
        self.context_ids.insert(key, id);
        id
    }

    /// The expression for `node` under `ctx`, built iteratively (deep chains are fine).
    fn expr(&mut self, root: NodeId, root_ctx: Option<CtxId>) -> Result<ExprId, BuildError> {
        // (node, context, phase, context of a take's data operand)
        let mut stack: Vec<(NodeId, Option<CtxId>, u8, Option<CtxId>)> =
            vec![(root, root_ctx, 0, None)];
        while let Some(&(node, ctx, phase, data_ctx)) = stack.last() {
            if self.memo.contains_key(&(node, ctx)) {
                stack.pop();
                continue;
            }
            let n = self.graph.node(node);
            let inputs = self.graph.inputs(node);
            self.fused.insert(node);
            if let Some(leaf) = self.leaves.get(&node) {
                let leaf = leaf.clone();
                let access = self.access(Target::Slot(leaf.slot, leaf.dtype), leaf.view, ctx)?;
                let e = self.push(KExpr::Load(access));
                self.memo.insert((node, ctx), e);
                stack.pop();
                continue;
            }
            match &n.op {
                Op::Fill { value, .. } => {
                    let e = self.push(KExpr::Const(*value));
                    self.memo.insert((node, ctx), e);
                    stack.pop();
                }
                Op::Arange { start, step, len } => {
                    let access = self.access(Target::Position, View::contiguous(&[*len]), ctx)?;
                    let e = self.arange(*start, *step, access);
                    self.memo.insert((node, ctx), e);
                    stack.pop();
                }
                Op::View(_)
                | Op::Tile { .. }
                | Op::Repeat {
                    repeats: Repeats::Each(_),
                    ..
                } => {
                    let input = inputs[0];
                    let child = self.view_context(node, input, ctx);
                    if phase == 0 {
                        stack.last_mut().expect("nonempty").2 = 1;
                        stack.push((input, child, 0, None));
                    } else {
                        let e = self.memo[&(input, child)];
                        self.memo.insert((node, ctx), e);
                        stack.pop();
                    }
                }
                Op::Unary(_) | Op::Binary(_) | Op::Where | Op::Cast(_) | Op::Copy => {
                    if phase == 0 {
                        stack.last_mut().expect("nonempty").2 = 1;
                        for &i in inputs.iter().rev() {
                            stack.push((i, ctx, 0, None));
                        }
                    } else {
                        let args: SmallVec<[ExprId; 3]> =
                            inputs.iter().map(|&i| self.memo[&(i, ctx)]).collect();
                        let e = match &n.op {
                            Op::Unary(op) => self.push(KExpr::Unary(*op, args[0])),
                            Op::Binary(op) => {
                                let e = self.push(KExpr::Binary(*op, args[0], args[1]));
                                if *op == BinaryOp::Pow && n.meta.dtype.is_signed_int() {
                                    self.power_origins.insert(e, n.origin);
                                }
                                e
                            }
                            Op::Where => self.push(KExpr::Where(args[0], args[1], args[2])),
                            Op::Cast(d) => self.push(KExpr::Cast(*d, args[0])),
                            _ => args[0],
                        };
                        self.memo.insert((node, ctx), e);
                        stack.pop();
                    }
                }
                Op::Take { axis } => {
                    let (data, index) = (inputs[0], inputs[1]);
                    let data_shape = self.graph.node(data).meta.shape.clone();
                    let index_ctx = Some(self.context(
                        ctx,
                        Transform::TakeIndex {
                            axis: *axis,
                            data_shape: data_shape.clone(),
                        },
                    ));
                    match phase {
                        0 => {
                            stack.last_mut().expect("nonempty").2 = 1;
                            stack.push((index, index_ctx, 0, None));
                        }
                        1 => {
                            let index_expr = self.memo[&(index, index_ctx)];
                            let id = self.gathers.len();
                            self.gathers.push(GatherOrigin {
                                axis: *axis,
                                origin: n.origin,
                            });
                            let data_ctx = Some(self.context(
                                ctx,
                                Transform::TakeData {
                                    axis: *axis,
                                    data_shape,
                                    index_shape: self.graph.node(index).meta.shape.clone(),
                                    index: index_expr,
                                    id,
                                },
                            ));
                            let top = stack.last_mut().expect("nonempty");
                            top.2 = 2;
                            top.3 = data_ctx;
                            stack.push((data, data_ctx, 0, None));
                        }
                        _ => {
                            let e = self.memo[&(data, data_ctx)];
                            self.ensure_checked(data_ctx)?;
                            self.memo.insert((node, ctx), e);
                            stack.pop();
                        }
                    }
                }
                _ => return Err(BuildError::Materialize(node)),
            }
        }
        Ok(self.memo[&(root, root_ctx)])
    }

    /// A take whose data is a constant has no load to carry its gather; its indices must be
    /// checked all the same, so give it a position access that carries the gather.
    fn ensure_checked(&mut self, data_ctx: Option<CtxId>) -> Result<(), BuildError> {
        let c = data_ctx.expect("a take's data operand has a context");
        let Transform::TakeData { id, data_shape, .. } = &self.contexts[c].transform else {
            unreachable!("the data context of a take is a TakeData transform")
        };
        let id = *id;
        if self
            .accesses
            .iter()
            .any(|a| a.gathers.iter().any(|g| g.id == id))
        {
            return Ok(());
        }
        let probe = View {
            shape: data_shape.clone(),
            strides: data_shape.iter().map(|_| 0).collect(),
            offset: 0,
        };
        self.access(Target::Position, probe, data_ctx)?;
        Ok(())
    }

    /// The context below a movement node: the transforms of its op, outermost first.
    fn view_context(&mut self, node: NodeId, input: NodeId, ctx: Option<CtxId>) -> Option<CtxId> {
        let n = self.graph.node(node);
        let in_shape = self.graph.node(input).meta.shape.clone();
        let mut c = ctx;
        match &n.op {
            Op::View(op) => {
                c = Some(self.context(
                    c,
                    Transform::View {
                        op: op.clone(),
                        fallback: input,
                    },
                ));
            }
            Op::Tile { reps } => {
                // tile(x, reps) = reshape(broadcast_to(x viewed as (1, d0, 1, d1, ...),
                //                 (r0, d0, r1, d1, ...)), (r0*d0, r1*d1, ...))
                let lead = reps.len() - in_shape.len();
                let dims: Dims = (0..reps.len())
                    .map(|k| if k < lead { 1 } else { in_shape[k - lead] })
                    .collect();
                let mut ones = Dims::new();
                let mut full = Dims::new();
                for (k, &d) in dims.iter().enumerate() {
                    ones.extend([1, d]);
                    full.extend([reps[k], d]);
                }
                for op in [
                    ViewOp::Reshape(n.meta.shape.clone()),
                    ViewOp::BroadcastTo(full),
                    ViewOp::Reshape(ones),
                ] {
                    let fallback = if matches!(&op, ViewOp::Reshape(s) if *s == n.meta.shape) {
                        node
                    } else {
                        input
                    };
                    c = Some(self.context(c, Transform::View { op, fallback }));
                }
            }
            Op::Repeat {
                repeats: Repeats::Each(r),
                axis,
            } => {
                // repeat(x, r, axis) = reshape(broadcast_to(x with a unit axis after `axis`,
                //                      (.., n, r, ..)), (.., n*r, ..))
                let mut ones: Dims = in_shape.clone();
                ones.insert(axis + 1, 1);
                let mut full = ones.clone();
                full[axis + 1] = *r;
                for (op, fallback) in [
                    (ViewOp::Reshape(n.meta.shape.clone()), node),
                    (ViewOp::BroadcastTo(full), input),
                    (ViewOp::Reshape(ones), input),
                ] {
                    c = Some(self.context(c, Transform::View { op, fallback }));
                }
            }
            _ => unreachable!("only movement nodes have a view context"),
        }
        c
    }

    /// The access of `target` (whose elements are laid out by `view`, in the target's own
    /// shape) seen from the root through the transforms of `ctx`.
    fn access(
        &mut self,
        target: Target,
        view: View,
        ctx: Option<CtxId>,
    ) -> Result<usize, BuildError> {
        let mut v = view;
        let mut gathers: SmallVec<[Gather; 1]> = SmallVec::new();
        let mut refined_already = false;
        let mut c = ctx;
        while let Some(id) = c {
            let Ctx { parent, transform } = &self.contexts[id];
            match transform {
                Transform::View { op, fallback } => match v.apply(op) {
                    Some(next) => v = next,
                    None => {
                        let at_root = parent.is_none() && matches!(op, ViewOp::Reshape(_));
                        match (&self.refined, at_root) {
                            // Only a refinement of this view's shape can split it; another
                            // operand's refinement (`(2,3,4)` for a `(6,2,2)` layout) needs
                            // refining further.
                            (Some(r), true)
                                if lazyarray_ir::shape::size_of(&v.shape)
                                    == lazyarray_ir::shape::size_of(r)
                                    && common_refinement(&[r, &v.shape]).as_ref() == Some(r) =>
                            {
                                v = split(&v, r);
                                refined_already = true;
                            }
                            (_, true) => {
                                return Err(BuildError::Refine {
                                    shape: v.shape.clone(),
                                    fallback: *fallback,
                                });
                            }
                            _ => return Err(BuildError::Materialize(*fallback)),
                        }
                    }
                },
                Transform::TakeData {
                    axis,
                    index_shape,
                    index,
                    id,
                    ..
                } => {
                    gathers.push(Gather {
                        index: *index,
                        stride: v.strides[*axis],
                        len: v.shape[*axis],
                        id: *id,
                    });
                    v.shape.remove(*axis);
                    v.strides.remove(*axis);
                    for (k, &d) in index_shape.iter().enumerate() {
                        v.shape.insert(axis + k, d);
                        v.strides.insert(axis + k, 0);
                    }
                }
                Transform::TakeIndex { axis, data_shape } => {
                    for (k, &d) in data_shape[..*axis].iter().enumerate() {
                        v.shape.insert(k, d);
                        v.strides.insert(k, 0);
                    }
                    for &d in &data_shape[axis + 1..] {
                        v.shape.push(d);
                        v.strides.push(0);
                    }
                }
            }
            c = *parent;
        }
        if let (Some(r), false) = (&self.refined, refined_already) {
            v = split(&v, r);
        }
        let access = DraftAccess {
            target,
            view: v,
            gathers,
        };
        if let Some(&id) = self.access_ids.get(&access) {
            return Ok(id);
        }
        let id = self.accesses.len();
        self.accesses.push(access.clone());
        self.access_ids.insert(access, id);
        Ok(id)
    }

    /// `np.arange` element at a position, exactly as the reference computes it.
    fn arange(&mut self, start: Scalar, step: Scalar, access: usize) -> ExprId {
        let p = self.push(KExpr::Load(access));
        match (start, step) {
            (Scalar::I64(_), _) | (Scalar::I32(_), _) => {
                let dtype = start.dtype();
                let p = if dtype == DType::I64 {
                    p
                } else {
                    self.push(KExpr::Cast(dtype, p))
                };
                // start + p * step, without the multiply by one or the add of zero.
                let scaled = if step == Scalar::one(dtype) {
                    p
                } else {
                    let d = self.push(KExpr::Const(step));
                    self.push(KExpr::Binary(BinaryOp::Mul, p, d))
                };
                if start == Scalar::zero(dtype) {
                    scaled
                } else {
                    let s = self.push(KExpr::Const(start));
                    self.push(KExpr::Binary(BinaryOp::Add, s, scaled))
                }
            }
            _ => {
                // element 0: start; element 1: start + step; element i: start + i * delta with
                // delta = (start + step) - start (NumPy's fill rule).
                let dtype = start.dtype();
                let (s, d) = (start.to_f64(), step.to_f64());
                let (second, delta) = match dtype {
                    DType::F32 => {
                        let (s, d) = (s as f32, d as f32);
                        (Scalar::F32(s + d), Scalar::F32((s + d) - s))
                    }
                    _ => (Scalar::F64(s + d), Scalar::F64((s + d) - s)),
                };
                let pf = self.push(KExpr::Cast(dtype, p));
                let delta = self.push(KExpr::Const(delta));
                let s_e = self.push(KExpr::Const(start));
                let scaled = self.push(KExpr::Binary(BinaryOp::Mul, pf, delta));
                let general = self.push(KExpr::Binary(BinaryOp::Add, s_e, scaled));
                let zero = self.push(KExpr::Const(Scalar::I64(0)));
                let one = self.push(KExpr::Const(Scalar::I64(1)));
                let is0 = self.push(KExpr::Binary(BinaryOp::Eq, p, zero));
                let is1 = self.push(KExpr::Binary(BinaryOp::Eq, p, one));
                let second = self.push(KExpr::Const(second));
                let rest = self.push(KExpr::Where(is1, second, general));
                self.push(KExpr::Where(is0, s_e, rest))
            }
        }
    }
}
