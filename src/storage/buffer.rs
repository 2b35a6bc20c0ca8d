//! Owned, aligned element storage. Every materialized array lives in a `Buffer`.
//!
//! The memory is 64-byte aligned (a cache line, and enough for any vector load), except for
//! memory adopted from a `Vec` (see [`Memory`]). Bool elements are stored as one byte holding 0
//! or 1; every writer (this module and generated code) keeps that invariant, which is what makes
//! reading them as `bool` sound.

use crate::element::Element;
use crate::storage::alloc::{self, ALIGN, AllocError, Block};
use lazyarray_ir::{BufferId, DType, Scalar};
use std::fs::File;
use std::os::fd::AsRawFd;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

fn next_id() -> BufferId {
    BufferId(NEXT_ID.fetch_add(1, Ordering::Relaxed))
}

/// A contiguous run of `len` elements of one dtype.
pub struct Buffer {
    ptr: NonNull<u8>,
    /// Who owns the memory at `ptr`, and how it is given back.
    memory: Memory,
    dtype: DType,
    len: usize,
    id: BufferId,
    /// How many times the buffer's values were overwritten in place (decisions made from its
    /// data, such as a cached plan, hold only for the version they saw).
    version: AtomicU64,
    /// Who is using the buffer right now: the evaluations reading it, or the one evaluation
    /// that claimed it to write a result in place (see `storage::access`).
    pub(super) access: AtomicU64,
}

/// Whether this library may write a buffer's memory: only memory it owns can take a result in
/// place (NumPy's `a *= 2`); a file mapping and memory lent by someone else are only read.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Ownership {
    /// Memory this library allocated, or a `Vec` (or owned `ndarray` array) moved in.
    Owned,
    /// A read-only mapping of a file (`npy::load` of a large file): never written.
    Mapped,
    /// Memory someone else owns and lends, kept alive by holding its owner (a shared `ndarray`
    /// array): never written, because its owner may still read it.
    Lent,
}

// SAFETY: a Buffer owns (or holds alive) its memory; shared access is read-only (`&Buffer`
// gives no way to write: writes go through `access::Writable`, which exists only for fresh
// memory or an exclusive claim), so it can be sent and shared between threads like a `Vec<u8>`.
unsafe impl Send for Buffer {}
// SAFETY: see `Send`.
unsafe impl Sync for Buffer {}

impl Buffer {
    /// Allocates room for `len` elements of `dtype` and fills element `i` with `fill(i)`
    /// (converted to `dtype` by NumPy's casting rules).
    pub fn from_fn(
        dtype: DType,
        len: usize,
        mut fill: impl FnMut(usize) -> Scalar,
    ) -> Result<Buffer, AllocError> {
        let buf = Buffer::alloc(dtype, len)?;
        for i in 0..len {
            // SAFETY: `i < len` and the buffer was allocated for `len` elements of `dtype`.
            unsafe { buf.write(i, fill(i)) };
        }
        Ok(buf)
    }

    /// Copies a slice into a new buffer.
    pub fn from_slice<T: Element>(data: &[T]) -> Result<Buffer, AllocError> {
        let mut buf = Buffer::alloc(T::DTYPE, data.len())?;
        // SAFETY: the allocation holds `data.len()` elements of `T`'s size, is aligned for `T`
        // and does not overlap `data`. For bool, `data` holds valid bools (0 or 1).
        unsafe {
            std::ptr::copy_nonoverlapping(data.as_ptr(), buf.ptr.as_ptr() as *mut T, data.len());
        }
        buf.len = data.len();
        Ok(buf)
    }

    /// Allocates room for `len` elements without initializing them.
    ///
    /// # Safety
    /// Every element must be written before anything reads the buffer (kernels write every
    /// element of their output; see the executor).
    pub(crate) unsafe fn uninit(dtype: DType, len: usize) -> Result<Buffer, AllocError> {
        Buffer::alloc(dtype, len)
    }

    /// Room for `len` elements, uninitialized; every caller fills it before it is read.
    fn alloc(dtype: DType, len: usize) -> Result<Buffer, AllocError> {
        let bytes = len
            .checked_mul(dtype.itemsize())
            .ok_or(AllocError { bytes: usize::MAX })?;
        let (ptr, capacity) = if bytes == 0 {
            // A dangling, aligned pointer: never dereferenced because the buffer is empty.
            (NonNull::new(ALIGN as *mut u8).expect("ALIGN is nonzero"), 0)
        } else {
            let block = alloc::allocate(bytes, false)?;
            (block.ptr, block.capacity)
        };
        Ok(Buffer {
            ptr,
            memory: Memory::Block { capacity },
            dtype,
            len,
            id: next_id(),
            version: AtomicU64::new(0),
            access: AtomicU64::new(0),
        })
    }

    /// Writes `value` (cast to the buffer's dtype) at element `i`, through a shared reference
    /// like generated code does.
    ///
    /// # Safety
    /// `i < self.len`, the buffer is one the caller is filling (a fresh result, or one claimed
    /// exclusively: nothing reads element `i` concurrently, and no slice of the buffer is
    /// alive), and it is [`Ownership::Owned`].
    pub(super) unsafe fn write(&self, i: usize, value: Scalar) {
        let p = self.ptr.as_ptr();
        // SAFETY: `i < len`, so the element lies inside the allocation, which is aligned for
        // every dtype; the cast gives a value of the buffer's dtype, and bools are written as 0/1.
        unsafe {
            let bits = value.cast(self.dtype).bits();
            match self.dtype.itemsize() {
                1 => *p.add(i) = bits as u8,
                2 => *(p as *mut u16).add(i) = bits as u16,
                4 => *(p as *mut u32).add(i) = bits as u32,
                _ => *(p as *mut u64).add(i) = bits,
            }
        }
    }

    /// The element dtype.
    pub fn dtype(&self) -> DType {
        self.dtype
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.len
    }

    /// The number of times the buffer was overwritten in place.
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }

    /// Records that the buffer's values were just overwritten in place.
    pub(crate) fn bump_version(&self) {
        self.version.fetch_add(1, Ordering::AcqRel);
    }

    /// The identity the expression graph names this buffer by.
    pub fn id(&self) -> BufferId {
        self.id
    }

    /// Element `i` as a scalar. Panics if `i` is out of range (an internal bug, never a user
    /// input: callers check indices first).
    pub fn get(&self, i: usize) -> Scalar {
        assert!(i < self.len, "buffer index {i} out of range {}", self.len);
        let p = self.ptr.as_ptr();
        // SAFETY: `i < len`, the memory is initialized and aligned, and bool bytes are 0 or 1.
        let bits = unsafe {
            match self.dtype.itemsize() {
                1 => u64::from(*p.add(i)),
                2 => u64::from(*(p as *const u16).add(i)),
                4 => u64::from(*(p as *const u32).add(i)),
                _ => *(p as *const u64).add(i),
            }
        };
        Scalar::from_bits(bits, self.dtype)
    }

    /// The start of the memory, for reading (generated code's inputs). Writing goes through
    /// `access::Writable`, which only fresh or claimed owned memory gives.
    pub fn read_ptr(&self) -> *const u8 {
        self.ptr.as_ptr()
    }

    /// The start of the memory for writing: only `access::Writable` calls it.
    pub(super) fn write_ptr(&self) -> *mut u8 {
        self.ptr.as_ptr()
    }

    /// Whether this library may write the memory (see [`Ownership`]).
    pub fn ownership(&self) -> Ownership {
        match self.memory {
            Memory::Block { .. } | Memory::Vec { .. } => Ownership::Owned,
            Memory::Mapped { .. } => Ownership::Mapped,
            Memory::Lent { .. } => Ownership::Lent,
        }
    }

    /// The elements as a typed slice, if `T` is the buffer's element type.
    pub fn as_slice<T: Element>(&self) -> Option<&[T]> {
        if T::DTYPE != self.dtype {
            return None;
        }
        // SAFETY: the memory holds `len` initialized elements of `T` (bools are 0 or 1), is
        // aligned for `T` (see `Memory`), and lives as long as `self`.
        Some(unsafe { std::slice::from_raw_parts(self.ptr.as_ptr() as *const T, self.len) })
    }
}

/// The memory behind a buffer, and so how it is given back on drop.
///
/// Every kind holds `len` initialized elements at the buffer's pointer, aligned at least for the
/// element type. Blocks and mappings are 64-byte aligned, adopted `Vec`s only for their element
/// type (8 bytes at most); that is enough for everything that reads buffers, because generated
/// code never marks a vector load `aligned` (element pointers into views are only
/// element-aligned anyway), and `as_slice` needs only `T`'s alignment.
/// Kernels write only into fresh outputs ([`Buffer::uninit`], always a `Block`) and into owned
/// buffers an evaluation claimed (`Block` or `Vec`, see [`Ownership`]): mapped and lent memory is
/// never written.
enum Memory {
    /// A block from [`alloc::allocate`] of `capacity` bytes, returned to [`alloc::release`]
    /// (0 for an empty buffer, which owns no memory and whose pointer dangles).
    Block { capacity: usize },
    /// A read-only private mapping of the first `len` bytes of a file, at `base` (page-aligned;
    /// the buffer's pointer lies inside it); unmapped on drop.
    Mapped { base: NonNull<u8>, len: usize },
    /// The heap memory of a `Vec` of `capacity` elements moved in without copying, freed by
    /// `free` (which rebuilds and drops that very `Vec<T>`).
    Vec {
        capacity: usize,
        free: unsafe fn(NonNull<u8>, usize),
    },
    /// Memory someone else owns, kept alive (and unchanged) by holding `_owner` until the buffer
    /// is dropped.
    Lent {
        _owner: Box<dyn std::any::Any + Send + Sync>,
    },
}

impl Drop for Buffer {
    fn drop(&mut self) {
        match self.memory {
            Memory::Block { capacity: 0 } => {}
            Memory::Block { capacity } => alloc::release(Block {
                ptr: self.ptr,
                capacity,
            }),
            Memory::Mapped { base, len } => {
                // SAFETY: `base` and `len` are exactly the mapping `from_mapping` made, and no
                // reference into it outlives the buffer (slices borrow `self`).
                unsafe { libc::munmap(base.as_ptr() as *mut libc::c_void, len) };
            }
            Memory::Vec { capacity, free } => {
                // SAFETY: `free` was instantiated by `from_vec` for the element type of this very
                // allocation of `capacity` elements, and nothing uses the memory after this.
                unsafe { free(self.ptr, capacity) };
            }
            // The owner is dropped with the buffer, after its last use.
            Memory::Lent { .. } => {}
        }
    }
}

/// Buffers over memory the allocator did not give: a read-only file mapping and an adopted
/// `Vec`. Both exist to avoid a copy (`npy::load` of a large file, `Array::from_ndarray`).
impl Buffer {
    /// A buffer of `len` elements of `dtype` read in place from `file`, starting `offset` bytes
    /// in, through a read-only private mapping of the file's first `offset + len * itemsize`
    /// bytes (unmapped when the buffer is dropped). Nothing is copied: pages are read on first
    /// touch. Fails (nothing mapped) for bool, which must be checked byte by byte, for an empty
    /// or overflowing size, for an `offset` that is not a multiple of 64 (the buffer must stay
    /// 64-byte aligned), for a file shorter than the range, and when `mmap` fails.
    ///
    /// # Safety
    /// Nothing may write to or truncate the file while the buffer lives: the elements would
    /// change under readers that assume they never do (and reading past a truncated end raises
    /// `SIGBUS`). NumPy's `np.load(path, mmap_mode="r")` has the same contract.
    pub(crate) unsafe fn from_mapping(
        file: &File,
        offset: usize,
        dtype: DType,
        len: usize,
    ) -> std::io::Result<Buffer> {
        use std::io::{Error, ErrorKind};
        let invalid = |what: &str| Error::new(ErrorKind::InvalidInput, what.to_string());
        if dtype == DType::Bool {
            return Err(invalid("bool data is checked, not mapped"));
        }
        if len == 0 || !offset.is_multiple_of(ALIGN) {
            return Err(invalid("empty or unaligned data is not mapped"));
        }
        let end = len
            .checked_mul(dtype.itemsize())
            .and_then(|b| b.checked_add(offset))
            .filter(|&end| end <= isize::MAX as usize)
            .ok_or_else(|| invalid("the mapped range overflows"))?;
        if file.metadata()?.len() < end as u64 {
            return Err(invalid("the file is shorter than the mapped range"));
        }
        // SAFETY: a fresh read-only private mapping of `end` bytes of an open file; the kernel
        // picks the address, so nothing else is affected.
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                end,
                libc::PROT_READ,
                libc::MAP_PRIVATE,
                file.as_raw_fd(),
                0,
            )
        };
        if base == libc::MAP_FAILED {
            return Err(Error::last_os_error());
        }
        let base = NonNull::new(base as *mut u8).ok_or_else(|| invalid("mmap returned null"))?;
        // SAFETY: `offset < end`, so the pointer lies inside the mapping. The mapping is
        // page-aligned and `offset` a multiple of 64, so the elements are 64-byte aligned; the
        // file holds them all (checked above), and any bytes are valid values of the non-bool
        // dtypes. Mapped pages cannot be written (PROT_READ), and no kernel tries to (see
        // `Memory`).
        let ptr = unsafe { base.add(offset) };
        Ok(Buffer {
            ptr,
            memory: Memory::Mapped { base, len: end },
            dtype,
            len,
            id: next_id(),
            version: AtomicU64::new(0),
            access: AtomicU64::new(0),
        })
    }

    /// A buffer owning `data`'s heap memory, moved in without copying. The memory is aligned
    /// only for `T` (8 bytes at most), which is enough: see [`Memory`].
    pub fn from_vec<T: Element>(data: Vec<T>) -> Buffer {
        let mut data = std::mem::ManuallyDrop::new(data);
        let (len, capacity) = (data.len(), data.capacity());
        // A `Vec`'s pointer is never null (a dangling, aligned one when it has no capacity).
        let ptr = NonNull::new(data.as_mut_ptr() as *mut u8).unwrap_or(NonNull::dangling());
        Buffer {
            ptr,
            memory: Memory::Vec {
                capacity,
                free: free_vec::<T>,
            },
            dtype: T::DTYPE,
            len,
            id: next_id(),
            version: AtomicU64::new(0),
            access: AtomicU64::new(0),
        }
    }

    /// A buffer over `len` elements of `dtype` at `ptr`, memory that `owner` owns and keeps
    /// alive and unchanged: never written by this library ([`Ownership::Lent`]).
    ///
    /// # Safety
    /// `ptr` points to `len` initialized elements of `dtype` (bools 0 or 1), aligned for the
    /// element type, valid for reads as long as `owner` lives, and nothing writes them while
    /// `owner` lives.
    pub(crate) unsafe fn from_lent(
        ptr: NonNull<u8>,
        dtype: DType,
        len: usize,
        owner: Box<dyn std::any::Any + Send + Sync>,
    ) -> Buffer {
        Buffer {
            ptr,
            memory: Memory::Lent { _owner: owner },
            dtype,
            len,
            id: next_id(),
            version: AtomicU64::new(0),
            access: AtomicU64::new(0),
        }
    }

    /// True when the elements are read in place from a mapped file.
    pub(crate) fn is_mapped(&self) -> bool {
        self.ownership() == Ownership::Mapped
    }
}

/// Frees the heap memory of a `Vec<T>` of `capacity` elements taken apart by `from_vec`.
///
/// # Safety
/// `ptr` and `capacity` must be that `Vec`'s, and the memory unused afterwards.
unsafe fn free_vec<T>(ptr: NonNull<u8>, capacity: usize) {
    // SAFETY: the pointer, capacity and element type are the original `Vec`'s; length 0 drops
    // no elements (they are `Copy`) and frees the memory with the layout it was allocated with.
    drop(unsafe { Vec::from_raw_parts(ptr.as_ptr() as *mut T, 0, capacity) });
}

impl std::fmt::Debug for Buffer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Buffer(#{}, {} x {})", self.id.0, self.len, self.dtype)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_dtype() {
        let b = Buffer::from_slice(&[true, false, true]).unwrap();
        assert_eq!(b.as_slice::<bool>().unwrap(), &[true, false, true]);
        let b = Buffer::from_fn(DType::I32, 4, |i| Scalar::I64(i as i64 * 3)).unwrap();
        assert_eq!(b.as_slice::<i32>().unwrap(), &[0, 3, 6, 9]);
        assert!(b.as_slice::<i64>().is_none());
        let b = Buffer::from_slice::<f64>(&[]).unwrap();
        assert_eq!(b.len(), 0);
    }

    #[test]
    fn adopted_vecs_are_read_in_place_and_freed_as_vecs() {
        let v = vec![1.5f64, -2.0, 3.25];
        let addr = v.as_ptr() as usize;
        let b = Buffer::from_vec(v);
        assert_eq!(b.read_ptr() as usize, addr);
        assert_eq!(b.as_slice::<f64>().unwrap(), &[1.5, -2.0, 3.25]);
        assert_eq!(Buffer::from_vec(Vec::<bool>::new()).len(), 0);
        let mut sparse = Vec::with_capacity(100);
        sparse.push(7i32);
        assert_eq!(Buffer::from_vec(sparse).as_slice::<i32>().unwrap(), &[7]);
    }

    #[test]
    fn impossible_sizes_are_errors() {
        assert!(Buffer::from_fn(DType::F64, usize::MAX / 4, |_| Scalar::F64(0.0)).is_err());
    }
}
