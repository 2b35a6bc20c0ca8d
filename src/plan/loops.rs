//! Loop order: turns a draft kernel (views over its logical domain) into a loop nest.
//!
//! 1. Extent-1 dims are dropped.
//! 2. Dims are ordered so memory is walked in order: for maps and scans the output's strides
//!    decide (smallest innermost); for reductions the inputs' strides decide, so `sum(axis=0)`
//!    of a C-order matrix streams rows into a vector of partial sums, and `sum(axis=1)`
//!    accumulates along rows; argmin/argmax keep the reduced dims innermost in logical order.
//! 3. Adjacent dims that every access walks contiguously merge into one (`merge_axes`).
//! 4. Each access gets a stride class per level; the innermost level is vectorized when every
//!    access is unit-stride or broadcast there and the body is vector-friendly.

use crate::plan::fuse::{Draft, DraftKind, Target};
use lazyarray_ir::kernel::{
    AccessKind, AccessSpec, ExprId, KExpr, KernelKind, KernelSpec, PowerFastPath, StrideClass,
};
use lazyarray_ir::{BinaryOp, DType, ReduceOp};
use smallvec::SmallVec;

/// Runtime values of one access: element offset and element strides per level.
#[derive(Clone, Debug)]
pub(crate) struct AccessBinding {
    pub target: Target,
    pub offset: usize,
    pub strides: SmallVec<[isize; 4]>,
    /// Per gather: (element stride, axis length, gather id).
    pub gathers: SmallVec<[(isize, usize, usize); 1]>,
}

/// A kernel's structure plus the runtime values of one launch.
#[derive(Clone, Debug)]
pub(crate) struct Ordered {
    pub spec: KernelSpec,
    /// Extents per level (level 0 innermost).
    pub extents: SmallVec<[usize; 4]>,
    pub accesses: Vec<AccessBinding>,
}

/// A reduced loop shorter than this is not worth running innermost (see `order`).
const SHORT_REDUCTION: usize = 32;

struct Dim {
    extent: usize,
    /// Stride of each access along this dim.
    strides: SmallVec<[isize; 8]>,
    reduced: bool,
    /// Position in the logical domain (for stable ordering).
    logical: usize,
}

/// Orders, merges and classifies the loops of `draft`.
pub(crate) fn order(draft: &Draft) -> Ordered {
    let n_acc = draft.accesses.len();
    let is_reduce = matches!(draft.kind, DraftKind::Reduce(_));
    let is_arg = matches!(
        draft.kind,
        DraftKind::Reduce(ReduceOp::ArgMin | ReduceOp::ArgMax)
    );
    let scan_axis = match draft.kind {
        DraftKind::Scan { axis, .. } => Some(axis),
        _ => None,
    };
    let itemsize = |t: &Target| match t {
        Target::Slot(_, d) => d.itemsize() as isize,
        Target::Position => 1,
    };

    // 1. The dims, minus extent-1 ones (the scanned axis is kept even at extent 1, and so is
    //    the last dim of a domain of ones: a kernel over one element has the same structure —
    //    and cache entry — as one over many).
    let all_ones = !draft.domain.is_empty() && draft.domain.iter().all(|&d| d == 1);
    let last = draft.domain.len().wrapping_sub(1);
    let mut dims: Vec<Dim> = (0..draft.domain.len())
        .filter(|&k| draft.domain[k] != 1 || scan_axis == Some(k) || (all_ones && k == last))
        .map(|k| Dim {
            extent: draft.domain[k],
            strides: draft.accesses.iter().map(|a| a.view.strides[k]).collect(),
            reduced: is_reduce && draft.accesses[0].view.strides[k] == 0,
            logical: k,
        })
        .collect();

    // 2. Order, outermost first.
    // For a reduction, memory order is decided by the traffic of every buffer: a dim's weight
    // is the sum of its byte strides, and the heaviest dims go outermost.
    let traffic = |d: &Dim| -> isize {
        draft
            .accesses
            .iter()
            .enumerate()
            .filter(|(_, acc)| matches!(acc.target, Target::Slot(..)))
            .map(|(a, acc)| (d.strides[a] * itemsize(&acc.target)).abs())
            .sum()
    };
    if is_arg {
        dims.sort_by_key(|d| (d.reduced, std::cmp::Reverse(d.strides[0].abs()), d.logical));
    } else if is_reduce {
        dims.sort_by_key(|d| (std::cmp::Reverse(traffic(d)), d.reduced, d.logical));
        // A short reduced loop innermost (a window of 10) spends more on starting and storing
        // each output's accumulators than on adding: when a kept dim walks every buffer at unit
        // stride, put it innermost instead and accumulate a vector of outputs in place.
        let unit =
            |d: &Dim| {
                draft.accesses.iter().enumerate().all(|(a, acc)| {
                    matches!(acc.target, Target::Position) || d.strides[a].abs() <= 1
                })
            };
        if let Some(inner) = dims.last()
            && inner.reduced
            && inner.extent < SHORT_REDUCTION
            && let Some(k) = dims
                .iter()
                .rposition(|d| !d.reduced && unit(d) && d.extent >= SHORT_REDUCTION)
        {
            let kept = dims.remove(k);
            dims.push(kept);
        }
    } else {
        dims.sort_by_key(|d| (std::cmp::Reverse(d.strides[0].abs()), d.logical));
    }

    // 3. Merge an outer dim into the next inner one when every access walks them as one.
    let mut merged = dims;
    let mut k = 0;
    while k + 1 < merged.len() {
        let (outer, inner) = (&merged[k], &merged[k + 1]);
        let same_kind = outer.reduced == inner.reduced;
        let scanned = scan_axis.is_some_and(|s| s == outer.logical || s == inner.logical);
        let contiguous =
            (0..n_acc).all(|a| outer.strides[a] == inner.strides[a] * inner.extent as isize);
        if same_kind && !scanned && contiguous {
            let extent = outer.extent * inner.extent;
            let inner = merged.remove(k + 1);
            merged[k].extent = extent;
            merged[k].strides = inner.strides;
        } else {
            k += 1;
        }
    }

    // Levels: level 0 is the innermost dim.
    merged.reverse();
    let rank = merged.len();
    let extents: SmallVec<[usize; 4]> = merged.iter().map(|d| d.extent).collect();
    let class = |s: isize| match s {
        0 => StrideClass::Zero,
        1 => StrideClass::Unit,
        _ => StrideClass::Strided,
    };
    let specs: Vec<AccessSpec> = draft
        .accesses
        .iter()
        .enumerate()
        .map(|(a, acc)| AccessSpec {
            kind: match acc.target {
                Target::Slot(_, d) => AccessKind::Buffer(d),
                Target::Position => AccessKind::Position,
            },
            strides: merged.iter().map(|d| class(d.strides[a])).collect(),
            gathers: acc.gathers.iter().map(|g| g.index).collect(),
        })
        .collect();
    let bindings: Vec<AccessBinding> = draft
        .accesses
        .iter()
        .enumerate()
        .map(|(a, acc)| AccessBinding {
            target: acc.target,
            offset: acc.view.offset,
            strides: merged.iter().map(|d| d.strides[a]).collect(),
            gathers: acc
                .gathers
                .iter()
                .map(|g| (g.stride, g.len, g.id))
                .collect(),
        })
        .collect();
    let kind = match draft.kind {
        DraftKind::Map => KernelKind::Map,
        DraftKind::Reduce(op) => KernelKind::Reduce(op),
        DraftKind::Scan { op, axis } => KernelKind::Scan {
            op,
            level: merged
                .iter()
                .position(|d| d.logical == axis)
                .expect("the scanned axis is never dropped or merged"),
        },
    };
    let mut spec = KernelSpec {
        rank,
        accesses: specs,
        exprs: draft.exprs.clone(),
        value: draft.value,
        kind,
        vectorize: false,
        epilogue: Vec::new(),
    };
    spec.vectorize = vectorizable(&spec);
    Ordered {
        spec,
        extents,
        accesses: bindings,
    }
}

/// Whether level 0 can run as 128-bit vectors: every access is unit-stride or broadcast there,
/// no gather index changes along it, and every value in the body has one lane width
/// (comparisons become lane masks of that width) and a vector instruction.
fn vectorizable(spec: &KernelSpec) -> bool {
    if spec.rank == 0 || matches!(spec.kind, KernelKind::Scan { .. }) {
        return false;
    }
    if let KernelKind::Reduce(op) = spec.kind
        && !op.vectorizes()
    {
        return false;
    }
    for a in &spec.accesses {
        if a.strides[0] == StrideClass::Strided {
            return false;
        }
        if a.kind == AccessKind::Position && a.strides[0] != StrideClass::Zero {
            return false;
        }
    }
    // Gather indices must not vary along level 0.
    let varies = level0_varying(spec);
    if spec
        .accesses
        .iter()
        .any(|a| a.gathers.iter().any(|&g| varies[g]))
    {
        return false;
    }
    let dtypes = spec.expr_dtypes();
    let width = match spec.out_dtype() {
        DType::Bool => return false,
        d => d.itemsize(),
    };
    for (e, expr) in spec.exprs.iter().enumerate() {
        if !varies[e] {
            continue; // computed once outside the vector loop
        }
        let d = dtypes[e];
        let ok_width = if d == DType::Bool {
            // Masks: only comparisons, logic on masks, and selects consume them.
            matches!(expr, KExpr::Binary(op, ..) if op.works_on_masks())
                || matches!(expr, KExpr::Unary(op, _) if op.works_on_masks())
        } else {
            d.itemsize() == width
        };
        if !ok_width || !vector_op(&spec.exprs, expr, &dtypes) {
            return false;
        }
    }
    width == 4 || width == 8
}

/// Which expressions change along level 0.
fn level0_varying(spec: &KernelSpec) -> Vec<bool> {
    let mut varies = vec![false; spec.exprs.len()];
    for (e, expr) in spec.exprs.iter().enumerate() {
        varies[e] = match *expr {
            KExpr::Load(a) => {
                let acc = &spec.accesses[a];
                acc.strides.first().is_some_and(|&s| s != StrideClass::Zero)
                    || acc.gathers.iter().any(|&g| varies[g])
            }
            KExpr::Const(_) | KExpr::Finished => false,
            KExpr::Unary(_, x) | KExpr::Cast(_, x) => varies[x],
            KExpr::Binary(_, a, b) => varies[a] || varies[b],
            KExpr::Where(c, a, b) => varies[c] || varies[a] || varies[b],
        };
    }
    varies
}

/// Ops with a 128-bit vector form in the code generator.
pub(crate) fn vector_op(exprs: &[KExpr], expr: &KExpr, dtypes: &[DType]) -> bool {
    let operand = |x: ExprId| dtypes[x];
    match *expr {
        KExpr::Load(_) | KExpr::Const(_) | KExpr::Where(..) | KExpr::Finished => true,
        KExpr::Unary(op, x) => op.vectorizes(operand(x)),
        KExpr::Binary(op, a, b) => {
            let d = operand(a);
            // NumPy's scalar fast path for `power`: square, sqrt, reciprocal.
            let fast_power = op == BinaryOp::Pow
                && d.is_float()
                && matches!(exprs[b], KExpr::Const(c) if PowerFastPath::of(c).is_some());
            fast_power || op.vectorizes(d)
        }
        KExpr::Cast(to, x) => {
            let from = operand(x);
            // Vector conversions between floats and integers are the signed ones.
            let unsigned_with_float = (from.is_unsigned_int() && to.is_float())
                || (from.is_float() && to.is_unsigned_int());
            from != DType::Bool
                && to != DType::Bool
                && from.itemsize() == to.itemsize()
                && !unsigned_with_float
        }
    }
}
