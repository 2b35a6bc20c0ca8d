//! Test mode: every block in its own mapping between two `PROT_NONE` guard pages, so an
//! out-of-bounds access by generated code faults at once instead of reading a neighbour.
//!
//! ```text
//! | guard | slack (canary) ... | buffer .................... | guard |   placement End
//! | guard | buffer .................... | ... slack (canary) | guard |   placement Start
//! ```
//!
//! With the default placement ([`Placement::End`]) a buffer ends exactly at a page boundary, so
//! reading or writing one element past its end faults. Before it lies the slack of its first
//! page (filled with a canary pattern, checked when the block is released: an out-of-bounds
//! *write* before the start is caught then), and a guard page before that. A thread can ask
//! for [`Placement::Start`] instead ([`guard_pages_at_start`]): buffers then begin at a page
//! boundary, and reading one element before the start faults. Pointers stay aligned for their
//! elements (`bytes` is a multiple of the itemsize, and itemsizes divide the page size), which
//! is all buffers need: generated code never marks a load `aligned`.
//!
//! Switched on by [`enable_guard_pages`] (for allocations from then on) or by
//! `LAZYARRAY_GUARD_PAGES=1` (read once; `start` gives the start placement by default). Blocks
//! allocated before keep their kind and are released as they were made: the guarded ones are
//! recognised by address in a registry.

use super::{AllocError, Block};
use std::cell::Cell;
use std::collections::HashMap;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

/// Where a guarded buffer sits in its mapping.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum Placement {
    /// Ending at a page boundary: overruns fault (the default).
    End,
    /// Starting at a page boundary: underruns fault.
    Start,
}

/// The canary byte written into the slack between a buffer and its guard page.
const CANARY: u8 = 0xA5;

/// Set by [`enable_guard_pages`].
static ENABLED: AtomicBool = AtomicBool::new(false);

/// How many guarded blocks were allocated (tests check the switch took effect).
static ALLOCATED: AtomicU64 = AtomicU64::new(0);

/// Guarded blocks by buffer address; present once any was allocated.
static REGISTRY: Mutex<Option<HashMap<usize, Region>>> = Mutex::new(None);

/// Whether any guarded block may be live (so `release` must look in the registry).
static ANY: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// This thread's placement, when it chose one.
    static PLACEMENT: Cell<Option<Placement>> = const { Cell::new(None) };
}

/// One guarded mapping.
struct Region {
    /// Start of the mapping (the first guard page) and its length in bytes.
    base: usize,
    len: usize,
    /// The canary slack: `[start, start + slack)`.
    slack_start: usize,
    slack: usize,
}

/// `LAZYARRAY_GUARD_PAGES` (read once): `None` when unset, `0` or empty.
fn from_env() -> Option<Placement> {
    static ENV: OnceLock<Option<Placement>> = OnceLock::new();
    *ENV.get_or_init(|| {
        let v = std::env::var("LAZYARRAY_GUARD_PAGES").ok()?;
        match v.trim() {
            "" | "0" => None,
            "start" => Some(Placement::Start),
            _ => Some(Placement::End),
        }
    })
}

/// Test mode: from now on, every buffer (on every thread) is allocated in its own mapping
/// between two `PROT_NONE` guard pages, ending exactly at the second one, so an out-of-bounds
/// access past its end faults at once. Buffers allocated before keep their memory. Slow (a
/// mapping per buffer): for tests only. `LAZYARRAY_GUARD_PAGES=1` does the same for a whole
/// process (`=start` for [`guard_pages_at_start`]`(true)` on every thread).
pub fn enable_guard_pages() {
    ENABLED.store(true, Ordering::Release);
}

/// With guard pages on, buffers this thread allocates from now on start at a page boundary
/// right after a guard page (`true`: reading before the start faults) or end at one (`false`,
/// the default: reading past the end faults). The other side is checked by a canary pattern
/// when the buffer is freed (a write there panics). Evaluation allocates on the calling thread.
pub fn guard_pages_at_start(at_start: bool) {
    let p = if at_start {
        Placement::Start
    } else {
        Placement::End
    };
    PLACEMENT.with(|c| c.set(Some(p)));
}

/// How many buffers were allocated with guard pages so far in this process.
pub fn guarded_allocations() -> u64 {
    ALLOCATED.load(Ordering::Relaxed)
}

/// The placement for an allocation now, or `None` when guard pages are off.
pub(super) fn active() -> Option<Placement> {
    let env = from_env();
    if !ENABLED.load(Ordering::Acquire) && env.is_none() {
        return None;
    }
    Some(PLACEMENT.with(Cell::get).or(env).unwrap_or(Placement::End))
}

fn page_size() -> usize {
    static PAGE: OnceLock<usize> = OnceLock::new();
    *PAGE.get_or_init(|| {
        // SAFETY: `sysconf` only reads a configuration value.
        let p = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
        if p > 0 { p as usize } else { 4096 }
    })
}

/// A guarded block of exactly `bytes` (nonzero) zeroed bytes.
pub(super) fn allocate(bytes: usize, placement: Placement) -> Result<Block, AllocError> {
    let page = page_size();
    let data = bytes.div_ceil(page).checked_mul(page);
    let len = data
        .and_then(|d| d.checked_add(2 * page))
        .filter(|&l| l <= isize::MAX as usize)
        .ok_or(AllocError { bytes })?;
    let data = len - 2 * page;
    // SAFETY: a fresh anonymous private mapping; the kernel picks the address, so nothing
    // else is affected. Anonymous memory is zero-filled.
    let base = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_NONE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        )
    };
    if base == libc::MAP_FAILED {
        return Err(AllocError { bytes });
    }
    let base = base as usize;
    // SAFETY: the data pages lie inside the mapping just made, which nothing else uses.
    let opened = unsafe {
        libc::mprotect(
            (base + page) as *mut libc::c_void,
            data,
            libc::PROT_READ | libc::PROT_WRITE,
        )
    };
    if opened != 0 {
        // SAFETY: the whole mapping made above, not used by anything.
        unsafe { libc::munmap(base as *mut libc::c_void, len) };
        return Err(AllocError { bytes });
    }
    let slack = data - bytes;
    let (start, slack_start) = match placement {
        Placement::End => (base + page + slack, base + page),
        Placement::Start => (base + page, base + page + bytes),
    };
    // SAFETY: the slack lies in the data pages, which are writable and belong to this block
    // only (outside the buffer's `bytes`).
    unsafe { std::ptr::write_bytes(slack_start as *mut u8, CANARY, slack) };
    let region = Region {
        base,
        len,
        slack_start,
        slack,
    };
    REGISTRY
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get_or_insert_with(HashMap::new)
        .insert(start, region);
    ANY.store(true, Ordering::Release);
    ALLOCATED.fetch_add(1, Ordering::Relaxed);
    let ptr = NonNull::new(start as *mut u8).ok_or(AllocError { bytes })?;
    Ok(Block {
        ptr,
        capacity: bytes,
    })
}

/// Unmaps `block` if it is a guarded one (returns it otherwise). Panics when the canary slack
/// next to the buffer was overwritten: something wrote outside the buffer (a library bug, and
/// only in this test mode).
pub(super) fn release(block: Block) -> Option<Block> {
    if !ANY.load(Ordering::Acquire) {
        return Some(block);
    }
    let region = REGISTRY
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .as_mut()
        .and_then(|r| r.remove(&(block.ptr.as_ptr() as usize)));
    let Some(region) = region else {
        return Some(block);
    };
    // SAFETY: the slack lies in the block's readable data pages; the block is being released,
    // so nothing writes it concurrently.
    let slack =
        unsafe { std::slice::from_raw_parts(region.slack_start as *const u8, region.slack) };
    let intact = slack.iter().all(|&b| b == CANARY);
    // SAFETY: exactly the mapping `allocate` made for this block, whose buffer is gone.
    unsafe { libc::munmap(region.base as *mut libc::c_void, region.len) };
    assert!(
        intact,
        "guard pages: the bytes next to a buffer of {} bytes were overwritten (an out-of-bounds write)",
        block.capacity
    );
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `f` in a forked child; true when the child was killed by SIGSEGV or SIGBUS.
    fn faults(f: impl FnOnce()) -> bool {
        // SAFETY: the child only runs `f` (a volatile read) and `_exit`s; it touches no lock.
        let pid = unsafe { libc::fork() };
        assert!(pid >= 0, "fork failed");
        if pid == 0 {
            f();
            // SAFETY: ends the child without running the parent's destructors or test harness.
            unsafe { libc::_exit(0) };
        }
        let mut status = 0;
        // SAFETY: waits for the child just forked.
        unsafe { libc::waitpid(pid, &mut status, 0) };
        libc::WIFSIGNALED(status) && matches!(libc::WTERMSIG(status), libc::SIGSEGV | libc::SIGBUS)
    }

    #[test]
    fn a_buffer_ends_at_a_guard_page() {
        let b = allocate(24, Placement::End).unwrap();
        let p = b.ptr.as_ptr();
        assert_eq!((p as usize + 24) % page_size(), 0);
        assert_eq!(p as usize % 8, 0);
        // SAFETY: the block's 24 bytes are readable (zeroed) and writable.
        unsafe {
            assert_eq!(std::ptr::read_volatile(p.add(23)), 0);
            std::ptr::write_volatile(p, 1);
        }
        assert!(faults(|| {
            // SAFETY: not sound, on purpose, and only in a forked child: it reads the byte
            // after the buffer, the guard page, and the test asserts the child faults.
            unsafe { std::ptr::read_volatile(p.add(24)) };
        }));
        assert!(release(b).is_none());
    }

    #[test]
    fn a_buffer_starts_at_a_guard_page() {
        let b = allocate(12, Placement::Start).unwrap();
        let p = b.ptr.as_ptr();
        assert_eq!(p as usize % page_size(), 0);
        assert!(faults(|| {
            // SAFETY: not sound, on purpose, and only in a forked child: it reads the byte
            // before the buffer, the guard page, and the test asserts the child faults.
            unsafe { std::ptr::read_volatile(p.sub(1)) };
        }));
        assert!(release(b).is_none());
    }

    #[test]
    fn whole_pages_have_no_slack() {
        let b = allocate(page_size(), Placement::End).unwrap();
        assert_eq!(b.ptr.as_ptr() as usize % page_size(), 0);
        assert!(release(b).is_none());
    }

    #[test]
    #[should_panic(expected = "out-of-bounds write")]
    fn a_write_into_the_slack_is_caught_on_release() {
        let b = allocate(8, Placement::End).unwrap();
        // SAFETY: the byte before the buffer is in the block's writable first page (slack).
        unsafe { std::ptr::write_volatile(b.ptr.as_ptr().sub(1), 0) };
        let _ = release(b);
    }

    #[test]
    fn impossible_sizes_fail_and_unknown_blocks_pass_through() {
        assert!(allocate(usize::MAX - 10, Placement::End).is_err());
        assert!(allocate(1 << 62, Placement::End).is_err());
        if active().is_some() {
            return; // LAZYARRAY_GUARD_PAGES: every block is guarded
        }
        let other = super::super::allocate(16, false).unwrap();
        let other = release(other).expect("not a guarded block");
        super::super::release(other);
    }
}
