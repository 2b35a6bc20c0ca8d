//! Splitting a kernel launch across threads.
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
//!   ([`inner_part_args`]), and writes its own output elements.
//!
//! Launches smaller than [`PARALLEL_MIN`] elements run on the calling thread as one part.
//!
//! The thread limit never exceeds the machine's available parallelism, and the calling thread
//! runs parts too. A thread the system refuses to start is not an error: the calling thread
//! runs that thread's parts. Parts are cut before they are given to threads, so which thread
//! runs a part, or how many threads there are, never changes a result.

use crate::codegen::abi::{ArgLayout, KernelFn};
use lazyarray_ir::kernel::{KernelKind, KernelSpec};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

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
        KernelKind::Scan { level: scanned } if scanned == level => {
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

/// The argument block of the part of a launch that runs iterations `begin..end` of loop
/// `level` only: that loop's extent shrinks to the range, and every access's base moves to
/// where the range starts (bytes for buffers, elements for positions). The accesses stay
/// inside what the whole launch was proven to touch.
pub(crate) fn inner_part_args(
    args: &[i64],
    layout: &ArgLayout,
    level: usize,
    (begin, end): (i64, i64),
) -> Vec<i64> {
    let mut part = args.to_vec();
    part[level] = end - begin;
    for a in 0..layout.access.len() {
        let stride = args[layout.stride(a, level)];
        part[layout.access[a]] = args[layout.access[a]].wrapping_add(begin.wrapping_mul(stride));
    }
    part
}

/// One part of a launch: the range of the outermost loop and its own argument block.
pub(crate) type Part = (i64, i64, Vec<i64>);

/// Runs `f` once per part (`begin`, `end`, argument block), spreading the parts over up to
/// [`max_threads`] threads; returns each part's status, in part order.
///
/// # Safety
/// Each argument block must be valid for `f` over its range, and the parts must not write
/// overlapping memory.
pub(crate) unsafe fn run_parts(f: KernelFn, parts: &mut [Part]) -> Vec<i32> {
    // SAFETY: the caller's contract; parts write disjoint memory.
    let run = |(b, e, args): &mut Part| unsafe { f(args.as_mut_ptr(), *b, *e) };
    spread(parts.iter_mut().collect(), max_threads(), run)
}

/// Runs a group of kernels over row `ranges` (one per thread at most), each range a block of
/// `block` rows at a time through every kernel in order. Returns, per range, the first failure:
/// `(status, kernel, error slots)`, or `None`.
///
/// # Safety
/// Each argument block must be valid for its kernel over every range, the ranges must be
/// disjoint, and each kernel must write only rows in its range (see `plan::group`).
pub(crate) unsafe fn run_group(
    kernels: &[(KernelFn, Vec<i64>)],
    ranges: &[(i64, i64)],
    block: i64,
    error: &[usize],
) -> Vec<Option<(i32, usize, Vec<i64>)>> {
    let run_range = |(begin, end): (i64, i64)| -> Option<(i32, usize, Vec<i64>)> {
        let mut args: Vec<Vec<i64>> = kernels.iter().map(|(_, a)| a.clone()).collect();
        let mut b = begin;
        while b < end {
            let e = (b + block).min(end);
            for (k, (f, _)) in kernels.iter().enumerate() {
                // SAFETY: the caller's contract.
                let status = unsafe { f(args[k].as_mut_ptr(), b, e) };
                if status != 0 {
                    return Some((status, k, args[k][error[k]..].to_vec()));
                }
            }
            b = e;
        }
        None
    };
    spread(ranges.to_vec(), ranges.len(), run_range)
}

/// A group of items for one thread, each with its position.
type Group<I> = Mutex<Vec<(usize, I)>>;

/// `job` of every item, in item order, computed on up to `threads` threads, the calling thread
/// one of them: thread `t` takes items `t`, `t + threads`, .... A thread that cannot be started
/// (the system is out of threads or memory) is not an error: the calling thread runs its items.
fn spread<I: Send, T: Send>(items: Vec<I>, threads: usize, job: impl Fn(I) -> T + Sync) -> Vec<T> {
    spread_with(items, threads, job, std::thread::Builder::new)
}

/// [`spread`], starting each thread from `builder()` (tests pass one that cannot start).
fn spread_with<I: Send, T: Send>(
    items: Vec<I>,
    threads: usize,
    job: impl Fn(I) -> T + Sync,
    builder: fn() -> std::thread::Builder,
) -> Vec<T> {
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items.into_iter().map(job).collect();
    }
    let mut groups: Vec<Vec<(usize, I)>> = (0..threads).map(|_| Vec::new()).collect();
    for (i, item) in items.into_iter().enumerate() {
        groups[i % threads].push((i, item));
    }
    let groups: Vec<Group<I>> = groups.into_iter().map(Mutex::new).collect();
    // Each group is taken exactly once: by the thread started for it, or by the calling thread.
    let run = |group: &Group<I>| -> Vec<(usize, T)> {
        let items = std::mem::take(&mut *group.lock().unwrap_or_else(PoisonError::into_inner));
        items.into_iter().map(|(i, x)| (i, job(x))).collect()
    };
    let run = &run;
    let mut done: Vec<(usize, T)> = std::thread::scope(|s| {
        let mut started = Vec::new();
        for group in &groups[1..] {
            match builder().spawn_scoped(s, move || run(group)) {
                Ok(handle) => started.push(handle),
                // Out of threads: the calling thread runs this group and the rest.
                Err(_) => break,
            }
        }
        let mut done = run(&groups[0]);
        for group in &groups[1 + started.len()..] {
            done.extend(run(group));
        }
        for handle in started {
            match handle.join() {
                Ok(part) => done.extend(part),
                // A job's panic (kernels do not panic) is the caller's, as if run here.
                Err(payload) => std::panic::resume_unwind(payload),
            }
        }
        done
    });
    done.sort_unstable_by_key(|&(i, _)| i);
    done.into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Threads the system refuses to start leave their items to the calling thread: every item
    /// is computed once, in order, and nothing panics.
    #[test]
    fn items_of_threads_that_cannot_start_run_on_the_calling_thread() {
        // No system can give a thread a 2**62-byte stack.
        let refused = || std::thread::Builder::new().stack_size(1 << 62);
        let caller = std::thread::current().id();
        let items: Vec<usize> = (0..10).collect();
        let out = spread_with(
            items.clone(),
            4,
            |i| (i * i, std::thread::current().id()),
            refused,
        );
        assert_eq!(
            out.iter().map(|&(v, _)| v).collect::<Vec<_>>(),
            [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]
        );
        assert!(out.iter().all(|&(_, t)| t == caller));
        // and with threads that do start, the same values
        let out = spread(items, 4, |i| i * i);
        assert_eq!(out, [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]);
    }

    #[test]
    fn the_limit_is_capped_at_the_machine() {
        assert_eq!(capped(0), 1);
        assert_eq!(capped(usize::MAX), machine_threads());
        assert!(capped(2) <= 2);
    }
}
