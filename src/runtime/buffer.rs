//! Owned, aligned element storage. Every materialized array lives in a `Buffer`.
//!
//! The memory is 64-byte aligned (a cache line, and enough for any vector load). Bool elements
//! are stored as one byte holding 0 or 1; every writer (this module and generated code) keeps
//! that invariant, which is what makes reading them as `bool` sound.

use crate::element::Element;
use crate::runtime::alloc::{self, ALIGN, AllocError, Block};
use lazyarray_ir::{BufferId, DType, Scalar};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A contiguous run of `len` elements of one dtype.
pub struct Buffer {
    ptr: NonNull<u8>,
    /// Allocated bytes (0 for an empty buffer, which owns no memory).
    capacity: usize,
    dtype: DType,
    len: usize,
    id: BufferId,
}

// SAFETY: a Buffer owns its memory exclusively; shared access is read-only (`&Buffer` gives no
// way to write), so it can be sent and shared between threads like a `Vec<u8>`.
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
        let mut buf = Buffer::alloc(dtype, len)?;
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
            capacity,
            dtype,
            len,
            id: BufferId(NEXT_ID.fetch_add(1, Ordering::Relaxed)),
        })
    }

    /// Writes `value` (cast to the buffer's dtype) at element `i`.
    ///
    /// # Safety
    /// `i < self.len`.
    unsafe fn write(&mut self, i: usize, value: Scalar) {
        let p = self.ptr.as_ptr();
        // SAFETY: `i < len`, so the element lies inside the allocation, which is aligned for
        // every dtype; the cast gives a value of the buffer's dtype, and bools are written as 0/1.
        unsafe {
            match value.cast(self.dtype) {
                Scalar::Bool(v) => *p.add(i) = v as u8,
                Scalar::I32(v) => *(p as *mut i32).add(i) = v,
                Scalar::I64(v) => *(p as *mut i64).add(i) = v,
                Scalar::F32(v) => *(p as *mut f32).add(i) = v,
                Scalar::F64(v) => *(p as *mut f64).add(i) = v,
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
        unsafe {
            match self.dtype {
                DType::Bool => Scalar::Bool(*p.add(i) != 0),
                DType::I32 => Scalar::I32(*(p as *const i32).add(i)),
                DType::I64 => Scalar::I64(*(p as *const i64).add(i)),
                DType::F32 => Scalar::F32(*(p as *const f32).add(i)),
                DType::F64 => Scalar::F64(*(p as *const f64).add(i)),
            }
        }
    }

    /// The start of the memory, for generated code. Kernels write through it only into buffers
    /// that nothing reads as a slice at the same time (fresh outputs, or inputs the planner
    /// proved dead), and bool elements are only ever written as 0 or 1.
    pub fn data_ptr(&self) -> *mut u8 {
        self.ptr.as_ptr()
    }

    /// The elements as a typed slice, if `T` is the buffer's element type.
    pub fn as_slice<T: Element>(&self) -> Option<&[T]> {
        if T::DTYPE != self.dtype {
            return None;
        }
        // SAFETY: the memory holds `len` initialized elements of `T` (bools are 0 or 1), is
        // aligned to 64 bytes, and lives as long as `self`.
        Some(unsafe { std::slice::from_raw_parts(self.ptr.as_ptr() as *const T, self.len) })
    }
}

impl Drop for Buffer {
    fn drop(&mut self) {
        if self.capacity > 0 {
            alloc::release(Block {
                ptr: self.ptr,
                capacity: self.capacity,
            });
        }
    }
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
    fn impossible_sizes_are_errors() {
        assert!(Buffer::from_fn(DType::F64, usize::MAX / 4, |_| Scalar::F64(0.0)).is_err());
    }
}
