//! Writing an evaluated array (a buffer and a view of it) as a `.npy` file: contiguous data in
//! one write straight from the buffer, any other layout gathered in C order in chunks.

use super::{Fault, header};
use crate::element::{Element, with_element_type};
use crate::storage::buffer::Buffer;
use lazyarray_ir::View;
use std::io::Write;

/// Elements gathered per write for a non-contiguous view.
const CHUNK: usize = 1 << 14;

/// Writes the header and data of the elements `view` picks from `buffer`. Fortran order is
/// written when the view is Fortran- but not C-contiguous (as NumPy's `np.save` decides).
pub(super) fn array(w: &mut impl Write, buffer: &Buffer, view: &View) -> Result<(), Fault> {
    let fortran = !view.is_c_contiguous() && reversed(view).is_c_contiguous();
    w.write_all(&header::format(buffer.dtype(), &view.shape, fortran))?;
    with_element_type!(buffer.dtype(), T => elements::<T>(w, buffer, view, fortran))
}

/// The view with its axes in reverse order (Fortran-contiguous iff this is C-contiguous).
fn reversed(view: &View) -> View {
    let mut r = view.clone();
    r.shape.reverse();
    r.strides.reverse();
    r
}

fn elements<T: Element>(
    w: &mut impl Write,
    buffer: &Buffer,
    view: &View,
    fortran: bool,
) -> Result<(), Fault> {
    let outside = || Fault::Invalid("internal error: the view leaves its buffer".into());
    let data = buffer.as_slice::<T>().ok_or_else(outside)?;
    let size = view.size();
    if size == 0 {
        return Ok(());
    }
    if fortran || view.is_c_contiguous() {
        let end = view.offset.checked_add(size).ok_or_else(outside)?;
        return block(w, data.get(view.offset..end).ok_or_else(outside)?);
    }
    if !view.fits_in(data.len()) {
        return Err(outside());
    }
    let mut chunk = Vec::with_capacity(CHUNK.min(size));
    let mut index = vec![0usize; view.ndim()];
    for _ in 0..size {
        // In bounds: every index is inside the shape and the view fits the buffer.
        chunk.push(data[view.offset_of(&index)]);
        if chunk.len() == CHUNK {
            block(w, &chunk)?;
            chunk.clear();
        }
        for k in (0..index.len()).rev() {
            index[k] += 1;
            if index[k] < view.shape[k] {
                break;
            }
            index[k] = 0;
        }
    }
    block(w, &chunk)
}

/// Writes elements as little-endian bytes.
fn block<T: Element>(w: &mut impl Write, elements: &[T]) -> Result<(), Fault> {
    // SAFETY: the element types have no padding and are fully initialized (bools are bytes
    // holding 0 or 1), so their memory is `size_of_val` readable, initialized bytes.
    let bytes = unsafe {
        std::slice::from_raw_parts(
            elements.as_ptr() as *const u8,
            std::mem::size_of_val(elements),
        )
    };
    let width = std::mem::size_of::<T>();
    if cfg!(target_endian = "little") || width == 1 {
        w.write_all(bytes)?;
        return Ok(());
    }
    for part in bytes.chunks(CHUNK * width) {
        let mut swapped = part.to_vec();
        for element in swapped.chunks_exact_mut(width) {
            element.reverse();
        }
        w.write_all(&swapped)?;
    }
    Ok(())
}
