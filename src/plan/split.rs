//! How a kernel launch splits across threads (decided while planning; `runtime::parallel` runs
//! the parts).
//!
//! Every kernel takes a range of its outermost loop, so a launch splits into parts:
//! - when the outermost loop writes disjoint outputs (maps; scans and reductions over another
//!   axis), the parts run on up to [`max_threads`] threads and write their own slices;
//! - when the outermost loop is reduced (a full `sum`, `sum(axis=0)` of a tall matrix), the
//!   range splits into a *fixed* number of chunks ([`CHUNKS`], whatever the thread count), each
//!   reducing into a private partial output, and the partials are combined in chunk order. So a
//!   reduction gives bit-identical results with 1 or 16 threads.
//!
//! - when the outermost loop is reduced or scanned and the output is too large for partials (a
//!   rolling window's sum, `cumsum(axis=0)`), a kept loop inside it is split instead: each part
//!   runs the whole nest over its own slice of that loop, by a shifted argument block
//!   (`runtime::parallel::inner_part_args`), and writes its own output elements.
//!
//! Launches smaller than [`PARALLEL_MIN`] elements run on the calling thread as one part.
//!
//! The thread limit never exceeds the machine's available parallelism, and the calling thread
//! runs parts too. A thread the system refuses to start is not an error: the calling thread
//! runs that thread's parts. Parts are cut before they are given to threads, so which thread
//! runs a part, or how many threads there are, never changes a result.

use lazyarray_ir::kernel::{KernelKind, KernelSpec};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Launches with fewer loop iterations than this run serially (thread start-up would cost more
/// than it saves).
pub const PARALLEL_MIN: usize = 1 << 18;

/// The fixed number of chunks a reduced outermost loop splits into.
pub const CHUNKS: usize = 8;

/// The largest output (in elements) a reduced outermost loop is split into partials for.
pub const MAX_PARTIAL_OUTPUT: usize = 1 << 14;

static MAX_THREADS: AtomicUsize = AtomicUsize::new(0);

/// Limits the threads a launch may use, to between 1 and the machine's available parallelism
/// (more threads than cores only cost time, and thousands cannot all be started). By default:
/// `LAZYARRAY_THREADS` (capped the same way), or else the machine's available parallelism.
/// Results do not depend on it. NumPy has no setting of its own; its BLAS reads
/// `OMP_NUM_THREADS`.
pub fn set_max_threads(n: usize) {
    MAX_THREADS.store(capped(n), Ordering::Relaxed);
}

/// The thread limit in force (see [`set_max_threads`]).
pub fn max_threads() -> usize {
    match MAX_THREADS.load(Ordering::Relaxed) {
        0 => {
            let n = std::env::var("LAZYARRAY_THREADS")
                .ok()
                .and_then(|v| v.trim().parse::<usize>().ok())
                .filter(|&n| n > 0)
                .map_or_else(machine_threads, capped);
            MAX_THREADS.store(n, Ordering::Relaxed);
            n
        }
        n => n,
    }
}

/// The threads the machine can run at once (1 when it cannot tell).
fn machine_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A requested thread count as a limit: at least 1, at most [`machine_threads`].
fn capped(n: usize) -> usize {
    n.clamp(1, machine_threads())
}

/// How one launch is split.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Split {
    /// One part on the calling thread.
    Serial,
    /// Disjoint ranges of the outermost loop, one per thread.
    Parts(Vec<(i64, i64)>),
    /// Fixed chunks of a reduced outermost loop, each into a private partial output.
    Partials(Vec<(i64, i64)>),
    /// Disjoint ranges of the kept loop `level` (not the outermost), one per thread.
    Inner {
        /// The split loop level.
        level: usize,
        /// Ranges of it.
        ranges: Vec<(i64, i64)>,
    },
}

impl Split {
    /// Threads the split runs on.
    pub(crate) fn threads(&self) -> usize {
        match self {
            Split::Serial => 1,
            Split::Parts(r) | Split::Partials(r) | Split::Inner { ranges: r, .. } => {
                max_threads().min(r.len())
            }
        }
    }
}

/// The split of a launch of `spec` over `extents` (level 0 innermost).
pub(crate) fn split(spec: &KernelSpec, extents: &[usize]) -> Split {
    let Some(&outer) = extents.last() else {
        return Split::Serial;
    };
    let work = extents.iter().fold(1usize, |a, &e| a.saturating_mul(e));
    let level = extents.len() - 1;
    if work < PARALLEL_MIN || outer < 2 {
        return Split::Serial;
    }
    let ranges = |n: usize| -> Vec<(i64, i64)> {
        (0..n)
            .map(|c| ((c * outer / n) as i64, ((c + 1) * outer / n) as i64))
            .filter(|(b, e)| b < e)
            .collect()
    };
    match spec.kind {
        KernelKind::Scan { level: scanned, .. } if scanned == level => {
            split_inner(extents, |l| l != scanned)
        }
        KernelKind::Reduce(op) if spec.is_reduced(level) => {
            // Partials cost an output-sized buffer and combine per chunk: worth it for small
            // outputs (a full reduction, column sums), not for a large one.
            let out_len: usize = (0..extents.len())
                .filter(|&l| !spec.is_reduced(l))
                .map(|l| extents[l])
                .product();
            if op.is_arg() || out_len > MAX_PARTIAL_OUTPUT {
                split_inner(extents, |l| !spec.is_reduced(l))
            } else {
                Split::Partials(ranges(CHUNKS.min(outer)))
            }
        }
        _ => {
            let threads = max_threads().min(outer);
            if threads < 2 {
                Split::Serial
            } else {
                Split::Parts(ranges(threads))
            }
        }
    }
}

/// Inner ranges are cut at multiples of this many iterations, so every part but the last runs
/// whole vectors.
const INNER_ALIGN: usize = 64;

/// Splits the outermost loop that `kept` allows (the output moves along it) into one range per
/// thread, or runs serially when there is none or it is too short.
fn split_inner(extents: &[usize], kept: impl Fn(usize) -> bool) -> Split {
    let Some(level) = (0..extents.len())
        .rev()
        .find(|&l| kept(l) && extents[l] >= 2)
    else {
        return Split::Serial;
    };
    let n = extents[level];
    let threads = max_threads().min(n.div_ceil(INNER_ALIGN));
    if threads < 2 {
        return Split::Serial;
    }
    let cut = |t: usize| -> i64 {
        let at = (t * n / threads).next_multiple_of(INNER_ALIGN);
        at.min(n) as i64
    };
    let ranges: Vec<(i64, i64)> = (0..threads)
        .map(|t| (cut(t), cut(t + 1)))
        .filter(|(b, e)| b < e)
        .collect();
    Split::Inner { level, ranges }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_is_capped_at_the_machine() {
        assert_eq!(capped(0), 1);
        assert_eq!(capped(usize::MAX), machine_threads());
        assert!(capped(2) <= 2);
    }
}
