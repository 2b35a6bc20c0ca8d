//! Reading an array's values one at a time: [`Array::get`] and [`Array::get_scalar`] (one
//! element), [`Array::iter`] (every element in C order) and [`Array::as_slice`] (the evaluated
//! buffer itself, borrowed). Like `to_vec` and `item` (in `eval.rs`), the first three evaluate
//! the array, which then remembers its value.

use crate::array::Array;
use crate::element::Element;
use crate::error::{Error, Result};
use crate::storage::buffer::Buffer;
use lazyarray_ir::{ErrorKind, Op, Scalar, View};
use std::marker::PhantomData;
use std::panic::Location;
use std::sync::Arc;

impl Array {
    /// The buffer and view of the array's value: the remembered one, or evaluated now.
    #[track_caller]
    fn value(&self, op: &'static str) -> Result<(Arc<Buffer>, View)> {
        let origin = Location::caller();
        self.check()?;
        if let Some(done) = self.materialized() {
            return Ok(done);
        }
        self.eval()?
            .materialized()
            .ok_or_else(|| Error::internal(op, "an evaluated array has no buffer", origin))
    }

    /// The element at `index`, one index per axis, negative ones counting from the end,
    /// converted to `T` with NumPy's casting rules like [`Array::item`]. NumPy:
    /// `a.item(i, j)` (or `a[i, j]` as a Python scalar).
    ///
    /// Evaluates the array the first time (it remembers its value, so reading many elements
    /// evaluates once). An index out of range is an `Error::Index` with NumPy's message
    /// (`index 5 is out of bounds for axis 0 with size 3`), and so is a number of indices other
    /// than `ndim()`.
    ///
    /// ```
    /// use lazyarray::Array;
    /// let a = Array::arange(0.0, 6.0, 1.0).reshape(&[2, 3]);
    /// assert_eq!(a.get::<f64>(&[1, -1]).unwrap(), 5.0);
    /// assert!(a.get::<f64>(&[2, 0]).is_err());
    /// ```
    #[track_caller]
    pub fn get<T: Element>(&self, index: &[isize]) -> Result<T> {
        Ok(T::from_scalar(self.element("get", index)?))
    }

    /// The element at `index` (as [`Array::get`]) in the array's own dtype. NumPy: `a[i, j]`
    /// with one integer per axis (a NumPy scalar).
    ///
    /// ```
    /// use lazyarray::{Array, DType, Scalar};
    /// let a = Array::arange(0, 4, 1).astype(DType::I32);
    /// assert_eq!(a.get_scalar(&[-1]).unwrap(), Scalar::I32(3));
    /// ```
    #[track_caller]
    pub fn get_scalar(&self, index: &[isize]) -> Result<Scalar> {
        self.element("get_scalar", index)
    }

    #[track_caller]
    fn element(&self, op: &'static str, index: &[isize]) -> Result<Scalar> {
        let origin = Location::caller();
        self.check()?;
        let shape = self.shape();
        if index.len() != shape.len() {
            let message = if index.len() > shape.len() {
                format!(
                    "too many indices for array: array is {}-dimensional, but {} were indexed",
                    shape.len(),
                    index.len()
                )
            } else {
                format!(
                    "one index per axis is needed: array is {}-dimensional, but {} were indexed",
                    shape.len(),
                    index.len()
                )
            };
            return Err(Error::new(ErrorKind::Index, op, message, origin));
        }
        let resolved = index
            .iter()
            .zip(shape)
            .enumerate()
            .map(|(axis, (&i, &n))| lazyarray_ir::view::resolve_index(i, n, axis))
            .collect::<lazyarray_ir::IrResult<Vec<usize>>>()
            .map_err(|e| Error::from_ir(e, op, origin))?;
        let (buffer, view) = self.value(op)?;
        Ok(buffer.get(view.offset_of(&resolved)))
    }

    /// The elements in C (row-major) order, read from the evaluated buffer without copying it.
    /// `T` must be the array's element type, as for [`Array::to_vec`] (an `Error::DType`
    /// otherwise). NumPy: `a.flat` (or iterating `a.ravel()`).
    ///
    /// Evaluates the array first; the iterator holds the value, so it outlives `self`.
    ///
    /// ```
    /// use lazyarray::Array;
    /// let a = Array::arange(0, 6, 1).reshape(&[2, 3]).t();
    /// let v: Vec<i64> = a.iter::<i64>().unwrap().collect();
    /// assert_eq!(v, [0, 3, 1, 4, 2, 5]);
    /// ```
    #[track_caller]
    pub fn iter<T: Element>(&self) -> Result<Elements<T>> {
        let origin = Location::caller();
        let (buffer, view) = self.value("iter")?;
        if buffer.dtype() != T::DTYPE {
            return Err(Error::new(
                ErrorKind::DType,
                "iter",
                format!(
                    "cannot read an array of dtype {} as {}; convert it with astype(DType::{:?}) first",
                    buffer.dtype(),
                    T::DTYPE,
                    T::DTYPE
                ),
                origin,
            ));
        }
        Ok(Elements {
            index: vec![0; view.ndim()],
            offset: view.offset as isize,
            remaining: view.size(),
            buffer,
            view,
            element: PhantomData,
        })
    }

    /// The elements in C order as a slice of the array's own buffer, borrowed, not copied —
    /// or `None` when there is no such slice: the array is not evaluated yet (an expression
    /// whose value it does not remember: call [`Array::eval`] first and use its result, or the
    /// array after `eval`), its elements are not one contiguous C-order run of their buffer (a
    /// transposed or strided view), or `T` is not its element type. NumPy: `a.data` of a
    /// C-contiguous array; in the `ndarray` crate, `as_slice`.
    ///
    /// ```
    /// use lazyarray::Array;
    /// let a = Array::arange(0.0, 6.0, 1.0).reshape(&[2, 3]);
    /// assert!(a.as_slice::<f64>().is_none());          // not evaluated yet
    /// let a = a.eval().unwrap();
    /// assert_eq!(a.as_slice::<f64>().unwrap(), &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
    /// assert!(a.t().eval().unwrap().as_slice::<f64>().is_none());   // strided view
    /// ```
    ///
    /// The slice stays valid while `self` lives: an array's values never change, and memory a
    /// live array reads is never written in place (README: value semantics).
    pub fn as_slice<T: Element>(&self) -> Option<&[T]> {
        let node = self.node().ok()?;
        let (buffer, start) = match (&node.op, node.memo.get()) {
            (Op::Source { .. }, _) => (node.buffer.as_ref()?, 0),
            (_, Some((buffer, view))) if view.is_c_contiguous() => (buffer, view.offset),
            _ => return None,
        };
        buffer.as_slice::<T>()?.get(start..start + self.size())
    }
}

/// The elements of an evaluated array in C order ([`Array::iter`]): an iterator that holds the
/// array's buffer and walks its view.
pub struct Elements<T: Element> {
    buffer: Arc<Buffer>,
    view: View,
    /// The multi-index of the next element.
    index: Vec<usize>,
    /// The buffer offset of the next element.
    offset: isize,
    remaining: usize,
    element: PhantomData<T>,
}

impl<T: Element> Iterator for Elements<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        let current = usize::try_from(self.offset).ok()?;
        // An odometer, last axis fastest. It only steps to elements of the view (never one
        // past an axis' end), so the offset stays inside the buffer.
        for k in (0..self.index.len()).rev() {
            if self.index[k] + 1 < self.view.shape[k] {
                self.index[k] += 1;
                self.offset += self.view.strides[k];
                break;
            }
            self.offset -= self.view.strides[k] * self.index[k] as isize;
            self.index[k] = 0;
        }
        // The dtype was checked when the iterator was made, and the view lies inside the
        // buffer (the executor proves it), so this reads an element; `None` would end early
        // rather than panic if either ever failed.
        self.buffer.as_slice::<T>()?.get(current).copied()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl<T: Element> ExactSizeIterator for Elements<T> {}

impl<T: Element> std::fmt::Debug for Elements<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Elements({} of {} left)", self.remaining, T::DTYPE)
    }
}
