//! Epilogue fusion: an elementwise map over a reduction's result — the division of a `mean`,
//! the `sqrt` of a norm, `sum * 0.1` — runs inside the reduction's kernel, applied to each
//! output element when it is finished, instead of as a kernel of its own.
//!
//! Removes one kernel launch, one temporary buffer (the raw reduction) and one read and write
//! of the result: for a rolling mean over 10M elements, 160 MB of memory traffic.
//!
//! It applies when
//! - the map reads only the reduction's buffer, element for element (same shape, same order),
//!   plus constants — no other input, no gather, no integer power (which needs a check);
//! - nothing else reads the reduction's buffer (no other kernel, check or output);
//! - the map's result has the reduction's dtype (a read-modify-write output holds partial
//!   values in that dtype);
//! - the reduction's kernel can tell when an element is finished ([`KernelSpec::epilogue_fits`]),
//!   its launch is not split into partial outputs combined afterwards, and in a vector body the
//!   epilogue's ops have vector forms.

use crate::codegen::abi::ArgLayout;
use crate::plan::fuse::{Leaf, SlotId, Target};
use crate::plan::loops::vector_op;
use crate::plan::split::{Split, split};
use crate::plan::{Launch, SlotInfo, Step};
use lazyarray_ir::DType;
use lazyarray_ir::kernel::{AccessKind, KExpr, KernelKind, KernelSpec};
use std::sync::OnceLock;

/// Moves every fusable map over a reduction's result into the reduction's kernel.
pub(crate) fn fuse_epilogues(steps: Vec<Step>, slots: &[SlotInfo], outputs: &[Leaf]) -> Vec<Step> {
    let mut steps: Vec<Option<Step>> = steps.into_iter().map(Some).collect();
    for m in 0..steps.len() {
        let Some(Step::Kernel(map)) = &steps[m] else {
            continue;
        };
        let Some((raw, epilogue)) = epilogue_of(map, slots) else {
            continue;
        };
        let Some(r) = writer(&steps[..m], raw) else {
            continue;
        };
        if read_elsewhere(&steps, raw, m, outputs) {
            continue;
        }
        let Some(Step::Kernel(reduce)) = &steps[r] else {
            continue;
        };
        let Some(spec) = with_epilogue(reduce, epilogue) else {
            continue;
        };
        let Some(Step::Kernel(map)) = steps[m].take() else {
            unreachable!("checked above")
        };
        let Some(Step::Kernel(reduce)) = &mut steps[r] else {
            unreachable!("checked above")
        };
        let out = map.out;
        reduce.kernel.accesses[0].target = Target::Slot(out, slots[out].dtype);
        reduce.layout = ArgLayout::of(&spec);
        reduce.kernel.spec = spec;
        reduce.out = out;
        reduce.fused.extend(map.fused.iter().copied());
        reduce.compiled = OnceLock::new();
    }
    steps.into_iter().flatten().collect()
}

/// For a map that reads one buffer element for element and otherwise only constants: that
/// buffer's slot and the map's body as an epilogue (the read becomes `Finished`).
fn epilogue_of(map: &Launch, slots: &[SlotInfo]) -> Option<(SlotId, Vec<KExpr>)> {
    let k = &map.kernel;
    if k.spec.kind != KernelKind::Map || !map.power_origins.is_empty() || k.accesses.len() != 2 {
        return None;
    }
    let (out, input) = (&k.accesses[0], &k.accesses[1]);
    let (Target::Slot(out_slot, out_dtype), Target::Slot(raw, raw_dtype)) =
        (out.target, input.target)
    else {
        return None;
    };
    let same_elements = out_dtype == raw_dtype
        && slots[out_slot].len == slots[raw].len
        && slots[out_slot].reuses.is_none()
        && input.gathers.is_empty()
        && input.offset == out.offset
        && input.strides == out.strides;
    if !same_elements {
        return None;
    }
    let epilogue = k.spec.exprs[..=k.spec.value]
        .iter()
        .map(|e| match *e {
            KExpr::Load(1) => Some(KExpr::Finished),
            KExpr::Load(_) | KExpr::Finished => None,
            ref other => Some(other.clone()),
        })
        .collect::<Option<Vec<KExpr>>>()?;
    Some((raw, epilogue))
}

/// The step that writes `slot`, if it is a single reduction launch.
fn writer(steps: &[Option<Step>], slot: SlotId) -> Option<usize> {
    let mut found = None;
    for (i, step) in steps.iter().enumerate() {
        let writes = match step {
            Some(Step::Kernel(l)) => l.out == slot,
            Some(Step::Group(ls)) => ls.iter().any(|l| l.out == slot),
            Some(Step::Random { slot: s, .. }) => *s == slot,
            _ => false,
        };
        if writes {
            if found.is_some() {
                return None;
            }
            found = Some(i);
        }
    }
    let i = found?;
    match &steps[i] {
        Some(Step::Kernel(l)) if matches!(l.kernel.spec.kind, KernelKind::Reduce(_)) => Some(i),
        _ => None,
    }
}

/// Whether anything but the map at `map` reads `slot`.
fn read_elsewhere(steps: &[Option<Step>], slot: SlotId, map: usize, outputs: &[Leaf]) -> bool {
    let reads = |l: &Launch| {
        l.kernel.accesses[1..]
            .iter()
            .any(|a| matches!(a.target, Target::Slot(s, _) if s == slot))
    };
    outputs.iter().any(|o| o.slot == slot)
        || steps.iter().enumerate().any(|(i, step)| match step {
            Some(Step::Kernel(l)) => i != map && reads(l),
            Some(Step::Group(ls)) => ls.iter().any(reads),
            Some(Step::Check(c)) => c.values.slot == slot,
            _ => false,
        })
}

/// The reduction's spec with `epilogue`, if its kernel can apply it.
fn with_epilogue(reduce: &Launch, epilogue: Vec<KExpr>) -> Option<KernelSpec> {
    let mut spec = reduce.kernel.spec.clone();
    if !spec.epilogue.is_empty() {
        return None;
    }
    spec.epilogue = epilogue;
    if !spec.epilogue_fits() {
        return None;
    }
    if matches!(split(&spec, &reduce.kernel.extents), Split::Partials(_)) {
        return None;
    }
    // Applied to vectors where the output moves along the vector loop.
    if spec.vectorize && spec.innermost_kept() == 0 && !vector_epilogue(&spec) {
        return None;
    }
    Some(spec)
}

/// Whether every epilogue op has a vector form at the output's lane width.
fn vector_epilogue(spec: &KernelSpec) -> bool {
    let dtypes = spec.epilogue_dtypes();
    let AccessKind::Buffer(out) = spec.accesses[0].kind else {
        return false;
    };
    spec.epilogue.iter().enumerate().all(|(e, expr)| {
        let width_ok = match dtypes[e] {
            DType::Bool => {
                matches!(expr, KExpr::Binary(op, ..) if op.works_on_masks())
                    || matches!(expr, KExpr::Unary(op, _) if op.works_on_masks())
            }
            d => d.itemsize() == out.itemsize(),
        };
        width_ok && vector_op(&spec.epilogue, expr, &dtypes)
    })
}
