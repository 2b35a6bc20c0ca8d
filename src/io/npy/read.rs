//! Reading the data after the header into a buffer: mapped in place when the file is large,
//! otherwise read once straight into the memory the buffer adopts (no second copy).

use super::Fault;
use super::header::Header;
use crate::element::Element;
use crate::storage::buffer::Buffer;
use lazyarray_ir::{DType, ShapeFmt};
use std::fs::File;
use std::io::{ErrorKind, Read};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Data of at least this many bytes is memory-mapped when it can be.
pub(super) const MAP_THRESHOLD: usize = 1 << 20;

/// The threshold in force: [`MAP_THRESHOLD`] unless a test lowered it (see
/// [`set_map_threshold`]).
static THRESHOLD: AtomicUsize = AtomicUsize::new(MAP_THRESHOLD);

/// Maps data of at least `bytes` bytes from now on, in the whole process (for tests that need
/// small files mapped).
pub(super) fn set_map_threshold(bytes: usize) {
    THRESHOLD.store(bytes, Ordering::Relaxed);
}

/// The data `header` describes, read from `r` (positioned at the first data byte) in a source
/// of `total` bytes; mapped instead when `file` is given and the data is large and aligned.
pub(super) fn data(
    header: &Header,
    total: u64,
    file: Option<&File>,
    r: &mut impl Read,
) -> Result<Buffer, Fault> {
    let dtype = header.dtype;
    // The size was checked against `isize::MAX` bytes when the header was read.
    let len = lazyarray_ir::shape::size_of(&header.shape);
    let bytes = len.saturating_mul(dtype.itemsize());
    let available = total.saturating_sub(header.data_offset as u64);
    if available < bytes as u64 {
        return Err(truncated(header, bytes, available));
    }
    if let Some(file) = file
        && dtype != DType::Bool
        && bytes >= THRESHOLD.load(Ordering::Relaxed)
        && header.data_offset.is_multiple_of(64)
    {
        // SAFETY: `load` documents that the file must not be modified or truncated while the
        // array lives (NumPy's `mmap_mode="r"` contract). If mapping fails (a file system
        // without mmap, say) the data is read instead.
        let mapped = unsafe { Buffer::from_mapping(file, header.data_offset, dtype, len) };
        if let Ok(buffer) = mapped {
            return Ok(buffer);
        }
    }
    let read = match dtype {
        DType::Bool => bools(r, len),
        DType::I8 => plain::<i8>(r, len),
        DType::I16 => plain::<i16>(r, len),
        DType::I32 => plain::<i32>(r, len),
        DType::I64 => plain::<i64>(r, len),
        DType::U8 => plain::<u8>(r, len),
        DType::U16 => plain::<u16>(r, len),
        DType::U32 => plain::<u32>(r, len),
        DType::U64 => plain::<u64>(r, len),
        DType::F32 => plain::<f32>(r, len),
        DType::F64 => plain::<f64>(r, len),
    };
    read.map_err(|f| match f {
        Fault::Os(e) if e.kind() == ErrorKind::UnexpectedEof => truncated(header, bytes, 0),
        other => other,
    })
}

fn truncated(header: &Header, needed: usize, available: u64) -> Fault {
    Fault::Invalid(format!(
        "the data is truncated: shape {} of {} needs {needed} bytes, the file has {available}",
        ShapeFmt(&header.shape),
        header.dtype
    ))
}

/// Element types for which every bit pattern is a valid value (so bytes can be read straight
/// into them).
///
/// # Safety
/// Implement only for types without padding whose every bit pattern is valid.
unsafe trait Plain: Element + Default {}
// SAFETY: plain integers and IEEE floats: no padding, every bit pattern is a value.
unsafe impl Plain for i8 {}
// SAFETY: as for i8.
unsafe impl Plain for i16 {}
// SAFETY: as for i8.
unsafe impl Plain for i32 {}
// SAFETY: as for i8.
unsafe impl Plain for i64 {}
// SAFETY: as for i8.
unsafe impl Plain for u8 {}
// SAFETY: as for i8.
unsafe impl Plain for u16 {}
// SAFETY: as for i8.
unsafe impl Plain for u32 {}
// SAFETY: as for i8.
unsafe impl Plain for u64 {}
// SAFETY: as for i32.
unsafe impl Plain for f32 {}
// SAFETY: as for i32.
unsafe impl Plain for f64 {}

/// `len` little-endian elements read into a `Vec` the buffer then adopts.
fn plain<T: Plain>(r: &mut impl Read, len: usize) -> Result<Buffer, Fault> {
    let mut v: Vec<T> = zeroed(len)?;
    // SAFETY: the Vec holds `len` initialized elements of a `Plain` type, so its memory is
    // `len * size_of::<T>()` initialized bytes, any of which make valid elements.
    let bytes = unsafe {
        std::slice::from_raw_parts_mut(v.as_mut_ptr() as *mut u8, std::mem::size_of_val(&v[..]))
    };
    r.read_exact(bytes)?;
    if cfg!(target_endian = "big") {
        for element in bytes.chunks_exact_mut(std::mem::size_of::<T>()) {
            element.reverse();
        }
    }
    Ok(Buffer::from_vec(v))
}

/// `len` bool bytes, each checked to be 0 or 1 (the library relies on it).
fn bools(r: &mut impl Read, len: usize) -> Result<Buffer, Fault> {
    let mut v: Vec<u8> = zeroed(len)?;
    r.read_exact(&mut v)?;
    // One branch-free pass (it vectorizes); the position is only looked for on failure.
    if v.iter().fold(0u8, |acc, &b| acc | b) > 1
        && let Some(i) = v.iter().position(|&b| b > 1)
    {
        return Err(Fault::Invalid(format!(
            "invalid bool value {} at element {i} (bools must be stored as 0 or 1)",
            v[i]
        )));
    }
    let mut v = std::mem::ManuallyDrop::new(v);
    // SAFETY: `bool` has the size and alignment of `u8`, so the allocation's layout is
    // unchanged, and every byte was just checked to be 0 or 1, a valid `bool`.
    let v = unsafe { Vec::from_raw_parts(v.as_mut_ptr() as *mut bool, v.len(), v.capacity()) };
    Ok(Buffer::from_vec(v))
}

/// `len` default (zero) elements, or a resource fault when there is no memory for them.
fn zeroed<T: Default + Clone>(len: usize) -> Result<Vec<T>, Fault> {
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| {
        Fault::Resource(format!(
            "cannot allocate {} bytes for the data",
            len.saturating_mul(std::mem::size_of::<T>())
        ))
    })?;
    v.resize(len, T::default());
    Ok(v)
}
