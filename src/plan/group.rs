//! Row blocking: consecutive kernels that walk the same rows run together, a block of rows at a
//! time, so the rows one kernel reads are still in cache for the next.
//!
//! Softmax written the NumPy way is four kernels (row maxima, `exp(x - max)`, row sums, the
//! division); run one after the other they read `x` twice and `e` twice from memory. Run
//! block by block, each block of rows (sized to stay in L2) passes through all four kernels
//! before the next, and memory sees `x` read once and the results written once.
//!
//! Kernels group when they have the same outermost extent, that loop is not reduced, and each
//! kernel reads what an earlier member wrote only for the same row (its footprint in a row of
//! the earlier output stays inside that row). Kernels writing in place do not group.

use crate::plan::fuse::Target;
use crate::plan::loops::{AccessBinding, Ordered};
use crate::plan::{Launch, SlotInfo, Step};
use lazyarray_ir::kernel::KernelKind;

/// Replaces runs of groupable kernel launches by [`Step::Group`]s.
pub(crate) fn row_blocks(steps: Vec<Step>, slots: &[SlotInfo]) -> Vec<Step> {
    let mut out = Vec::with_capacity(steps.len());
    let mut group: Vec<Launch> = Vec::new();
    for step in steps {
        match step {
            Step::Kernel(launch)
                if groupable(&launch.kernel) && slots[launch.out].reuses.is_none() =>
            {
                if !group.is_empty() && !joins(&group, &launch) {
                    flush(&mut group, &mut out);
                }
                group.push(*launch);
            }
            other => {
                flush(&mut group, &mut out);
                out.push(other);
            }
        }
    }
    flush(&mut group, &mut out);
    out
}

fn flush(group: &mut Vec<Launch>, out: &mut Vec<Step>) {
    match group.len() {
        0 => {}
        1 => out.push(Step::Kernel(Box::new(group.pop().expect("one launch")))),
        _ => out.push(Step::Group(std::mem::take(group))),
    }
}

/// A kernel whose outermost loop can be run a block of rows at a time: it exists, it is not
/// reduced, and it is not scanned.
fn groupable(k: &Ordered) -> bool {
    let Some(level) = k.spec.rank.checked_sub(1) else {
        return false;
    };
    let outer = k.extents[level];
    outer >= 2
        && !k.spec.is_reduced(level)
        && !matches!(k.spec.kind, KernelKind::Scan { level: l, .. } if l == level)
        && !k.extents.contains(&0)
}

/// Whether `next` can join `group`: same rows, and every read of a member's output stays in the
/// row it is read for.
fn joins(group: &[Launch], next: &Launch) -> bool {
    let rows = |k: &Ordered| k.extents[k.spec.rank - 1];
    if rows(&group[0].kernel) != rows(&next.kernel) {
        return false;
    }
    for member in group {
        let writer = &member.kernel.accesses[0];
        for (a, reader) in next.kernel.accesses.iter().enumerate() {
            let reads_member = matches!(reader.target, Target::Slot(s, _) if s == member.out);
            if a > 0 && reads_member && !same_row(writer, &member.kernel, reader, &next.kernel) {
                return false;
            }
        }
        // A member must not read what `next` writes (that would be a later row's value).
        let writes_read = member
            .kernel
            .accesses
            .iter()
            .skip(1)
            .any(|r| matches!(r.target, Target::Slot(s, _) if s == next.out));
        if writes_read {
            return false;
        }
    }
    true
}

/// Whether, for every row `r`, `reader` touches only elements of row `r` of the output that
/// `writer` writes (rows of stride `S`: `[offset + r*S, offset + (r+1)*S)`).
fn same_row(writer: &AccessBinding, wk: &Ordered, reader: &AccessBinding, rk: &Ordered) -> bool {
    let outer = |b: &AccessBinding, k: &Ordered| b.strides[k.spec.rank - 1];
    let stride = outer(writer, wk);
    if stride <= 0
        || outer(reader, rk) != stride
        || reader.offset != writer.offset
        || !reader.gathers.is_empty()
    {
        return false;
    }
    let inside = |b: &AccessBinding, k: &Ordered| {
        let (mut lo, mut hi) = (0i128, 0i128);
        for level in 0..k.spec.rank - 1 {
            let reach = (k.extents[level] as i128 - 1) * b.strides[level] as i128;
            if reach < 0 { lo += reach } else { hi += reach }
        }
        lo >= 0 && hi < stride as i128
    };
    inside(writer, wk) && inside(reader, rk)
}
