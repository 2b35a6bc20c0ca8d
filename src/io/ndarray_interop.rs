//! Conversions between [`Array`] and the `ndarray` crate's arrays (the `ndarray` feature).
//!
//! - An owned `ndarray::Array` moves in without a copy, whatever its layout: the buffer adopts
//!   its `Vec` and a strided view describes its shape, strides and offset.
//! - A shared `ndarray::ArcArray` is read in place without a copy, as memory lent to this
//!   library: it holds a clone of the `ArcArray` (which copies on write, so the elements never
//!   change while it is held) and never writes the memory, not even to reuse it in place.
//! - A borrowed `ndarray::ArrayView` is copied: a lazy `Array` can be kept, cloned and evaluated
//!   long after the call, so it cannot borrow memory it does not own.
//! - Evaluating into an `ndarray::Array` copies once: the result's memory is shared with the
//!   lazy graph (every array built on it reads it) and comes from lazyarray's 64-byte aligned
//!   allocator, so it cannot become the `Vec<T>` an `ndarray::Array` owns.
//!
//! ```
//! use lazyarray::{Array, ndarray};
//! let m = ndarray::array![[1.0, 2.0], [3.0, 4.0]];
//! let a = Array::from_ndarray(m);                       // np.asarray(m), no copy
//! let twice: ndarray::Array2<f64> = (&a.t() * 2.0).to_ndarray::<f64>().unwrap()
//!     .into_dimensionality().unwrap();
//! assert_eq!(twice, ndarray::array![[2.0, 6.0], [4.0, 8.0]]);
//! ```

use crate::array::Array;
use crate::element::Element;
use crate::error::{Error, Result};
use crate::storage::buffer::Buffer;
use lazyarray_ir::shape::checked_size;
use lazyarray_ir::{ErrorKind, View};
use ndarray::{Dimension, IxDyn};
use std::panic::Location;
use std::sync::Arc;

impl Array {
    /// An array of an owned `ndarray` array's elements, moved in without copying: the array's
    /// `Vec` becomes the buffer and its shape, strides and offset a view of it, so transposed,
    /// sliced or reversed arrays stay views too (a slice keeps the whole `Vec` alive, as it did
    /// in `ndarray`). Works for `ArrayD` and fixed-dimension arrays alike. NumPy:
    /// `np.asarray(a)`.
    #[track_caller]
    pub fn from_ndarray<T: Element, D: Dimension>(a: ndarray::Array<T, D>) -> Array {
        let origin = Location::caller();
        let shape = a.shape().to_vec();
        let strides = a.strides().to_vec();
        if let Err(e) = checked_size(&shape, T::DTYPE) {
            return Array::failed(Error::from_ir(e, "from_ndarray", origin));
        }
        let (data, offset) = a.into_raw_vec_and_offset();
        // `None` only for an empty array, which has no element to locate.
        let view = View {
            shape: shape.as_slice().into(),
            strides: strides.as_slice().into(),
            offset: offset.unwrap_or(0),
        };
        if view.size() == 0 {
            return Array::from_buffer(Arc::new(Buffer::from_vec(Vec::<T>::new())), &shape, origin);
        }
        if !view.fits_in(data.len()) {
            let message = "an ndarray's strides reach outside its data";
            return Array::failed(Error::internal("from_ndarray", message, origin));
        }
        Array::from_view(Arc::new(Buffer::from_vec(data)), view, origin)
    }

    /// An array holding a copy of a borrowed `ndarray` view's elements. It copies because a
    /// lazy `Array` outlives the call (it can be stored, cloned and evaluated later), so it
    /// cannot borrow. Data contiguous in memory in any axis order (C, Fortran, transposed) is
    /// copied in one block and keeps its layout as a view; other layouts are gathered in C
    /// order. NumPy: `np.array(v)`.
    #[track_caller]
    pub fn from_ndarray_view<T: Element, D: Dimension>(v: ndarray::ArrayView<'_, T, D>) -> Array {
        let origin = Location::caller();
        let shape = v.shape().to_vec();
        if let Err(e) = checked_size(&shape, T::DTYPE) {
            return Array::failed(Error::from_ir(e, "from_ndarray_view", origin));
        }
        let resource = |e: crate::storage::alloc::AllocError| {
            Error::resource("from_ndarray_view", e.to_string(), origin)
        };
        if let Some(block) = v.as_slice_memory_order() {
            let buffer = match Buffer::from_slice(block) {
                Ok(b) => Arc::new(b),
                Err(e) => return Array::failed(resource(e)),
            };
            let first = (v.as_ptr() as usize).wrapping_sub(block.as_ptr() as usize);
            let view = View {
                shape: shape.as_slice().into(),
                strides: v.strides().into(),
                offset: first / std::mem::size_of::<T>(),
            };
            if !view.fits_in(buffer.len()) {
                let message = "an ndarray view's strides reach outside its data";
                return Array::failed(Error::internal("from_ndarray_view", message, origin));
            }
            return Array::from_view(buffer, view, origin);
        }
        let mut data = Vec::new();
        if data.try_reserve_exact(v.len()).is_err() {
            let bytes = v.len().saturating_mul(std::mem::size_of::<T>());
            return Array::failed(resource(crate::storage::alloc::AllocError { bytes }));
        }
        data.extend(v.iter().copied());
        Array::from_buffer(Arc::new(Buffer::from_vec(data)), &shape, origin)
    }

    /// Evaluates the array into an owned, standard-layout `ndarray::ArrayD`. `T` must be the
    /// array's element type. The elements are copied once (in one block when the result is
    /// contiguous): lazyarray's memory is shared with the lazy graph and comes from its own
    /// aligned allocator, so it cannot become the `Vec` an `ndarray` array owns. Convert to a
    /// fixed dimension with `into_dimensionality` or `ndarray::Array2::<T>::try_from(&a)`.
    /// NumPy: `np.ascontiguousarray(a)`.
    ///
    /// # Errors
    /// The array's own error or an evaluation error; [`Error::DType`] when `T` is not the
    /// array's element type.
    #[track_caller]
    pub fn to_ndarray<T: Element>(&self) -> Result<ndarray::ArrayD<T>> {
        let origin = Location::caller();
        self.check()?;
        if self.dtype() != T::DTYPE {
            return Err(Error::new(
                ErrorKind::DType,
                "to_ndarray",
                format!(
                    "cannot read an array of dtype {} as {}; convert it with astype(DType::{:?}) first",
                    self.dtype(),
                    T::DTYPE,
                    T::DTYPE
                ),
                origin,
            ));
        }
        let data = self.to_vec::<T>()?;
        ndarray::ArrayD::from_shape_vec(IxDyn(self.shape()), data)
            .map_err(|e| Error::internal("to_ndarray", e.to_string(), origin))
    }
}

impl Array {
    /// An array reading a shared `ndarray::ArcArray`'s elements in place, without copying: the
    /// array holds a clone of `a` (an `ArcArray` copies its data before any write while it is
    /// shared, so the elements stay as they are), and the memory is only ever read (never
    /// reused in place; `explain()` shows it as a read-only input). Any layout: shape, strides
    /// and offset become a view. NumPy: `np.asarray(a)` of a read-only array.
    #[track_caller]
    pub fn from_ndarray_shared<T: Element + Sync, D: Dimension + Send + Sync + 'static>(
        a: ndarray::ArcArray<T, D>,
    ) -> Array {
        let origin = Location::caller();
        let shape = a.shape().to_vec();
        if let Err(e) = checked_size(&shape, T::DTYPE) {
            return Array::failed(Error::from_ir(e, "from_ndarray_shared", origin));
        }
        if a.is_empty() {
            return Array::from_buffer(Arc::new(Buffer::from_vec(Vec::<T>::new())), &shape, origin);
        }
        let strides = a.strides().to_vec();
        // The lowest and highest element the array reaches, relative to its first element.
        let (mut lo, mut hi) = (0isize, 0isize);
        for (&n, &s) in shape.iter().zip(&strides) {
            let reach = (n as isize - 1) * s;
            if reach < 0 {
                lo += reach;
            } else {
                hi += reach;
            }
        }
        let len = (hi - lo) as usize + 1;
        // SAFETY: `lo` is the offset of the array's lowest element from its first one, so the
        // pointer stays inside the array's allocation.
        let start = unsafe { a.as_ptr().offset(lo) };
        let Some(ptr) = std::ptr::NonNull::new(start as *mut u8) else {
            return Array::failed(Error::internal("from_ndarray_shared", "null data", origin));
        };
        let view = View {
            shape: shape.as_slice().into(),
            strides: strides.as_slice().into(),
            offset: (-lo) as usize,
        };
        // SAFETY: the `len` elements from the lowest to the highest one the array reaches lie
        // inside its one allocation, which holds initialized `T`s (an `ArcArray` owns a
        // `Vec<T>`), aligned for `T`; the clone moved into the buffer keeps them alive, and
        // while it is shared `ArcArray` copies before any write, so nothing writes them.
        let buffer = unsafe { Buffer::from_lent(ptr, T::DTYPE, len, Box::new(a)) };
        Array::from_view(Arc::new(buffer), view, origin)
    }
}

impl<T: Element, D: Dimension> From<ndarray::Array<T, D>> for Array {
    /// Moves an owned `ndarray` array in without copying; see [`Array::from_ndarray`].
    #[track_caller]
    fn from(a: ndarray::Array<T, D>) -> Array {
        Array::from_ndarray(a)
    }
}

impl<T: Element, D: Dimension> From<ndarray::ArrayView<'_, T, D>> for Array {
    /// Copies a borrowed `ndarray` view; see [`Array::from_ndarray_view`].
    #[track_caller]
    fn from(v: ndarray::ArrayView<'_, T, D>) -> Array {
        Array::from_ndarray_view(v)
    }
}

impl<T: Element, D: Dimension> TryFrom<&Array> for ndarray::Array<T, D> {
    type Error = Error;

    /// Evaluates into an `ndarray` array of dimension `D` (copying once); see
    /// [`Array::to_ndarray`]. NumPy: `np.ascontiguousarray(a)`.
    ///
    /// # Errors
    /// As [`Array::to_ndarray`], and [`Error::Shape`] when the array's number of dimensions is
    /// not `D`'s.
    #[track_caller]
    fn try_from(a: &Array) -> Result<ndarray::Array<T, D>> {
        let origin = Location::caller();
        let ndim = a.check()?.ndim();
        if D::NDIM.is_some_and(|n| n != ndim) {
            return Err(Error::new(
                ErrorKind::Shape,
                "to_ndarray",
                format!(
                    "cannot convert an array of dimension {ndim} into an ndarray of dimension {}",
                    D::NDIM.unwrap_or(ndim)
                ),
                origin,
            ));
        }
        a.to_ndarray::<T>()?
            .into_dimensionality::<D>()
            .map_err(|e| Error::internal("to_ndarray", e.to_string(), origin))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The address of the first element the array reads, if it is materialized.
    fn first_element(a: &Array) -> Option<usize> {
        let (buffer, view) = a.materialized()?;
        Some(buffer.read_ptr() as usize + view.offset * buffer.dtype().itemsize())
    }

    #[test]
    fn owned_arrays_move_in_without_a_copy() {
        let m = ndarray::Array::from_shape_fn((4, 6), |(i, j)| (i * 6 + j) as f64);
        let standard = m.as_ptr() as usize;
        assert_eq!(first_element(&Array::from_ndarray(m)), Some(standard));

        let m = ndarray::Array::from_shape_fn((4, 6), |(i, j)| (i * 6 + j) as i32);
        let sliced = m.slice_move(ndarray::s![1.., ..;-2]);
        let first = sliced.as_ptr() as usize;
        let a = Array::from_ndarray(sliced);
        assert_eq!(first_element(&a), Some(first));
        assert_eq!(a.to_vec::<i32>().unwrap()[..3], [11, 9, 7]);
    }

    #[test]
    fn shared_arrays_are_read_in_place() {
        let m = ndarray::Array::from_shape_fn((4, 6), |(i, j)| (i * 6 + j) as f64).into_shared();
        let reversed = m.slice(ndarray::s![..;-1, 1..;2]).to_shared();
        let a = Array::from_ndarray_shared(m.clone());
        assert_eq!(first_element(&a), Some(m.as_ptr() as usize));
        let r = Array::from_ndarray_shared(m.clone().slice_move(ndarray::s![..;-1, 1..;2]));
        assert_eq!(
            r.to_vec::<f64>().unwrap(),
            reversed.iter().copied().collect::<Vec<_>>()
        );
    }

    #[test]
    fn borrowed_views_are_copied() {
        let m = ndarray::Array::from_shape_fn((3, 5), |(i, j)| (i + j) as i64);
        let a = Array::from_ndarray_view(m.t());
        assert_ne!(first_element(&a), Some(m.as_ptr() as usize));
        drop(m);
        assert_eq!(a.shape(), &[5, 3]);
        assert_eq!(a.to_vec::<i64>().unwrap()[..4], [0, 1, 2, 1]);
    }
}
