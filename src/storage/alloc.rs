//! Memory for buffers.
//!
//! A fresh 80 MB result costs ~20,000 page faults with 4 KiB pages — four to eight times the
//! arithmetic that fills it (measured on a 2-core Zen 5 machine: `b = 2 * a` on 80 MB took
//! 3.9 ms into already-touched memory, 33–35 ms into fresh `malloc` memory at ~1.5 µs per page
//! fault, and 6.4–6.9 ms with `madvise(MADV_HUGEPAGE)`). So:
//! - small blocks come from the global allocator, 64-byte aligned;
//! - blocks of [`HUGE`] bytes and more are rounded up to whole 2 MiB pages, 2 MiB-aligned, and
//!   ask for transparent huge pages (`madvise(MADV_HUGEPAGE)`);
//! - freed large blocks wait in a bounded pool ([`POOL_BYTES`], [`POOL_BLOCKS`]) and are handed
//!   out again for a request of the same rounded size, so a result computed in a loop reuses the
//!   previous one's memory;
//! - small blocks (up to [`SMALL_MAX`] bytes) are rounded up to a power of two and freed ones
//!   wait in a per-thread cache ([`SMALL_KEPT`] per size), so a small evaluation in a loop
//!   neither pays for an aligned `malloc` nor for its `free`;
//! - in the test mode of [`guard`] (`enable_guard_pages()`, `LAZYARRAY_GUARD_PAGES=1`), every
//!   block gets its own mapping between `PROT_NONE` guard pages instead.

mod guard;

pub use guard::{enable_guard_pages, guard_pages_at_start, guarded_allocations};

use std::alloc::{self, Layout};
use std::ptr::NonNull;
use std::sync::Mutex;

/// Alignment of every block, in bytes (a cache line, and enough for any vector load).
pub const ALIGN: usize = 64;

/// Blocks of this size and more use huge pages and the pool.
pub const HUGE: usize = 2 << 20;

/// The most bytes the pool keeps.
pub const POOL_BYTES: usize = 1 << 30;

/// The most blocks the pool keeps.
pub const POOL_BLOCKS: usize = 16;

/// Blocks up to this size are rounded to a power of two and cached per thread when freed.
pub const SMALL_MAX: usize = 64 << 10;

/// Freed small blocks a thread keeps per size.
pub const SMALL_KEPT: usize = 4;

/// A failed allocation of `bytes` bytes.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct AllocError {
    /// The requested size (`usize::MAX` when the size itself overflowed).
    pub bytes: usize,
}

impl std::fmt::Display for AllocError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.bytes == usize::MAX {
            f.write_str("cannot allocate: the size overflows")
        } else {
            write!(f, "cannot allocate {} bytes", self.bytes)
        }
    }
}

/// An owned block of memory.
pub(crate) struct Block {
    pub ptr: NonNull<u8>,
    /// Usable (and allocated) size in bytes.
    pub capacity: usize,
}

// SAFETY: a block is plain owned memory.
unsafe impl Send for Block {}

static POOL: Mutex<Vec<Block>> = Mutex::new(Vec::new());

/// Size classes of small blocks: 64 bytes, 128, … [`SMALL_MAX`].
const SMALL_CLASSES: usize = (SMALL_MAX / ALIGN).trailing_zeros() as usize + 1;

/// This thread's freed small blocks, by size class (the memory is freed when the thread ends).
struct SmallCache([Vec<Block>; SMALL_CLASSES]);

impl Drop for SmallCache {
    fn drop(&mut self) {
        for class in &mut self.0 {
            class.drain(..).for_each(free);
        }
    }
}

thread_local! {
    static SMALL: std::cell::RefCell<SmallCache> =
        std::cell::RefCell::new(SmallCache(std::array::from_fn(|_| Vec::new())));
}

/// The size class of a small capacity (a power of two from [`ALIGN`] to [`SMALL_MAX`]).
fn small_class(capacity: usize) -> usize {
    (capacity / ALIGN).trailing_zeros() as usize
}

fn layout(capacity: usize) -> Layout {
    let align = if capacity >= HUGE { HUGE } else { ALIGN };
    Layout::from_size_align(capacity, align).expect("capacity was checked against isize::MAX")
}

/// A block of at least `bytes` bytes (nonzero), zero-filled if `zero`.
pub(crate) fn allocate(bytes: usize, zero: bool) -> Result<Block, AllocError> {
    debug_assert!(bytes > 0);
    if let Some(placement) = guard::active() {
        return guard::allocate(bytes, placement);
    }
    let capacity = if bytes >= HUGE {
        bytes
            .checked_next_multiple_of(HUGE)
            .ok_or(AllocError { bytes })?
    } else if bytes <= SMALL_MAX {
        bytes.next_power_of_two().max(ALIGN)
    } else {
        bytes
    };
    if capacity > isize::MAX as usize - HUGE {
        return Err(AllocError { bytes });
    }
    if let Some(block) = take_spare(capacity) {
        if zero {
            // SAFETY: the block owns `capacity` writable bytes.
            unsafe { std::ptr::write_bytes(block.ptr.as_ptr(), 0, capacity) };
        }
        return Ok(block);
    }
    let layout = layout(capacity);
    // SAFETY: the layout has a nonzero size.
    let p = unsafe {
        if zero {
            alloc::alloc_zeroed(layout)
        } else {
            alloc::alloc(layout)
        }
    };
    let ptr = NonNull::new(p).ok_or(AllocError { bytes })?;
    if capacity >= HUGE {
        // SAFETY: advice on memory we own; failure only means no huge pages.
        unsafe {
            libc::madvise(
                ptr.as_ptr() as *mut libc::c_void,
                capacity,
                libc::MADV_HUGEPAGE,
            )
        };
    }
    Ok(Block { ptr, capacity })
}

/// Gives a block back: a guarded one is unmapped, large ones go to the pool while it has room,
/// the rest to the allocator.
pub(crate) fn release(block: Block) {
    let Some(block) = guard::release(block) else {
        return;
    };
    if let Some(block) = keep_spare(block) {
        free(block);
    }
}

/// A spare block of exactly `capacity` bytes: from this thread's cache of small blocks or the
/// shared pool of large ones.
fn take_spare(capacity: usize) -> Option<Block> {
    if capacity <= SMALL_MAX {
        SMALL
            .try_with(|c| c.borrow_mut().0[small_class(capacity)].pop())
            .ok()
            .flatten()
    } else if capacity >= HUGE {
        let mut pool = POOL.lock().unwrap_or_else(|p| p.into_inner());
        pool.iter()
            .position(|b| b.capacity == capacity)
            .map(|i| pool.swap_remove(i))
    } else {
        None
    }
}

/// Keeps `block` as a spare while its cache or pool has room; gives it back otherwise.
fn keep_spare(block: Block) -> Option<Block> {
    if block.capacity <= SMALL_MAX {
        let class = small_class(block.capacity);
        let mut spare = Some(block);
        // (During thread teardown the cache may be gone: the block is then freed.)
        let _ = SMALL.try_with(|c| {
            let kept = &mut c.borrow_mut().0[class];
            if kept.len() < SMALL_KEPT {
                kept.extend(spare.take());
            }
        });
        spare
    } else if block.capacity >= HUGE {
        let mut pool = POOL.lock().unwrap_or_else(|p| p.into_inner());
        let held: usize = pool.iter().map(|b| b.capacity).sum();
        if pool.len() < POOL_BLOCKS && held + block.capacity <= POOL_BYTES {
            pool.push(block);
            None
        } else {
            Some(block)
        }
    } else {
        Some(block)
    }
}

/// Frees a block allocated by [`allocate`] outside the guard-page mode.
fn free(block: Block) {
    // SAFETY: allocated by `allocate` with this very layout.
    unsafe { alloc::dealloc(block.ptr.as_ptr(), layout(block.capacity)) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_blocks_are_reused_and_zeroed_on_request() {
        if guard::active().is_some() {
            return; // LAZYARRAY_GUARD_PAGES: no pool, no huge pages
        }
        let a = allocate(3 << 20, false).unwrap();
        assert_eq!(a.capacity, 4 << 20);
        assert_eq!(a.ptr.as_ptr() as usize % HUGE, 0);
        // SAFETY: the block has 4 MiB of writable memory.
        unsafe { std::ptr::write_bytes(a.ptr.as_ptr(), 7, a.capacity) };
        let addr = a.ptr.as_ptr() as usize;
        release(a);
        let b = allocate(4 << 20, true).unwrap();
        // Another test may have taken it first; if we got it back it must be zeroed.
        if b.ptr.as_ptr() as usize == addr {
            // SAFETY: reading initialized (zeroed) memory of the block.
            let bytes = unsafe { std::slice::from_raw_parts(b.ptr.as_ptr(), b.capacity) };
            assert!(bytes.iter().all(|&x| x == 0));
        }
        release(b);
    }

    #[test]
    fn small_blocks_are_rounded_and_reused_on_this_thread() {
        if guard::active().is_some() {
            return; // LAZYARRAY_GUARD_PAGES: every block has its own mapping
        }
        let a = allocate(1000, false).unwrap();
        assert_eq!(a.capacity, 1024);
        assert_eq!(a.ptr.as_ptr() as usize % ALIGN, 0);
        // SAFETY: the block has 1024 writable bytes.
        unsafe { std::ptr::write_bytes(a.ptr.as_ptr(), 7, a.capacity) };
        let addr = a.ptr.as_ptr() as usize;
        release(a);
        let b = allocate(1024, true).unwrap();
        assert_eq!(b.ptr.as_ptr() as usize, addr, "the freed block comes back");
        // SAFETY: reading initialized (zeroed) memory of the block.
        let bytes = unsafe { std::slice::from_raw_parts(b.ptr.as_ptr(), b.capacity) };
        assert!(bytes.iter().all(|&x| x == 0), "zeroed on request");
        release(b);
        let tiny = allocate(1, false).unwrap();
        assert_eq!(tiny.capacity, ALIGN);
        release(tiny);
    }

    #[test]
    fn impossible_sizes_fail() {
        assert!(allocate(usize::MAX / 2, false).is_err());
    }
}
