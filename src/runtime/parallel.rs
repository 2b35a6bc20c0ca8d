//! Running a launch's parts on threads (the split itself is decided in `plan::split`).
//!
//! The calling thread runs parts too. A thread the system refuses to start is not an error: the
//! calling thread runs that thread's parts. Parts are cut before they are given to threads, so
//! which thread runs a part, or how many threads there are, never changes a result.

use crate::codegen::abi::{ArgLayout, KernelFn};
use crate::plan::split::max_threads;
use std::sync::{Mutex, PoisonError};

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
}
