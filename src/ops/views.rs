//! Views: slicing, transposes, reshapes, broadcasting, diagonals, sliding windows. Each builds
//! one movement node; none copies data (a reshape that needs a copy gets one when planned).

use crate::array::{Array, Builder};
use crate::ops::args::{AsNewShape, AsShape, sizes, targets};
use crate::ops::view;
use lazyarray_ir::shape::checked_size;
use lazyarray_ir::{Op, SliceArg, ViewOp};

impl Array {
    /// One movement node built by `make` from the input shape (the caller's location is the
    /// user's, as every public caller is `track_caller` too). Broadcasts and sliding windows can
    /// describe more bytes than can exist; like NumPy, they are refused ("array is too big").
    #[track_caller]
    pub(crate) fn view_op(
        &self,
        name: &'static str,
        make: impl FnOnce(&[usize]) -> lazyarray_ir::IrResult<ViewOp>,
    ) -> Array {
        let b = Builder::new(name);
        b.run(|| {
            let x = self.node()?;
            let op = b.ir(make(&x.meta.shape))?;
            b.ir(checked_size(&op.output_shape(&x.meta.shape), x.meta.dtype))?;
            view(&b, x, op)
        })
    }

    /// Basic indexing with [`s!`](crate::s): ranges with steps (negative too), integer indices
    /// (drop the axis), new axes, an ellipsis. NumPy: `a[1:5:2, ::-1, 3, None, ...]`.
    #[track_caller]
    pub fn slice<S: AsRef<[SliceArg]>>(&self, index: S) -> Array {
        self.view_op("slice", |shape| ViewOp::slice(index.as_ref(), shape))
    }

    /// Reverses the axes. NumPy: `a.T`.
    #[track_caller]
    pub fn t(&self) -> Array {
        self.view_op("transpose", |shape| {
            let n = shape.len() as isize;
            ViewOp::permute(&(0..n).rev().collect::<Vec<_>>(), shape.len())
        })
    }

    /// Reorders the axes: output axis `k` is input axis `axes[k]` (negative axes count from
    /// the end). NumPy: `np.transpose(a, axes)`.
    #[track_caller]
    pub fn permute(&self, axes: &[isize]) -> Array {
        self.view_op("transpose", |shape| ViewOp::permute(axes, shape.len()))
    }

    /// Exchanges two axes. NumPy: `np.swapaxes(a, axis1, axis2)`.
    #[track_caller]
    pub fn swapaxes(&self, axis1: isize, axis2: isize) -> Array {
        self.view_op("swapaxes", |shape| {
            let n = shape.len();
            let a1 = lazyarray_ir::shape::normalize_axis(axis1, n)?;
            let a2 = lazyarray_ir::shape::normalize_axis(axis2, n)?;
            let mut perm: Vec<isize> = (0..n as isize).collect();
            perm.swap(a1, a2);
            ViewOp::permute(&perm, n)
        })
    }

    /// The same elements in C order with a new shape; one dimension may be `-1` (inferred).
    /// NumPy: `a.reshape(shape)`. Never copies here: a layout that needs a copy (a transposed
    /// input) gets one from the planner, fused into its consumer where possible.
    #[track_caller]
    pub fn reshape(&self, shape: impl AsNewShape) -> Array {
        let dtype = self.dtype();
        let b = Builder::new("reshape");
        let shape = match targets(&b, &shape) {
            Ok(s) => s,
            Err(e) => return Array::failed(e),
        };
        self.view_op("reshape", |old| ViewOp::reshape(old, &shape, dtype))
    }

    /// The elements as a 1-D array in C order. NumPy: `a.ravel()`.
    #[track_caller]
    pub fn ravel(&self) -> Array {
        let dtype = self.dtype();
        self.view_op("ravel", |old| ViewOp::reshape(old, &[-1], dtype))
    }

    /// A flat copy. NumPy: `a.flatten()`, which always copies. Under value semantics the copy
    /// is never observable, and the optimizer removes it (the graph records it as written, so
    /// `explain()` can show the saving).
    #[track_caller]
    pub fn flatten(&self) -> Array {
        let b = Builder::new("flatten");
        b.run(|| {
            let x = self.node()?;
            let copy = b.node(Op::Copy, &[x])?;
            let op = b.ir(ViewOp::reshape(&x.meta.shape, &[-1], x.meta.dtype))?;
            view(&b, &copy, op)
        })
    }

    /// Repeats the array along new or length-1 axes without copying (zero strides). NumPy:
    /// `np.broadcast_to(a, shape)`.
    #[track_caller]
    pub fn broadcast_to(&self, shape: impl AsShape) -> Array {
        let b = Builder::new("broadcast_to");
        let shape = match sizes(&b, &shape) {
            Ok(s) => s,
            Err(e) => return Array::failed(e),
        };
        self.view_op("broadcast_to", |old| ViewOp::broadcast_to(old, &shape))
    }

    /// Inserts a length-1 axis at `axis` of the result. NumPy: `np.expand_dims(a, axis)`.
    #[track_caller]
    pub fn expand_dims(&self, axis: isize) -> Array {
        self.view_op("expand_dims", |old| ViewOp::expand_dims(old, axis))
    }

    /// Removes every length-1 axis. NumPy: `np.squeeze(a)`.
    #[track_caller]
    pub fn squeeze(&self) -> Array {
        self.view_op("squeeze", |old| ViewOp::squeeze(old, None))
    }

    /// Removes the given length-1 axes. NumPy: `np.squeeze(a, axis=axes)`.
    #[track_caller]
    pub fn squeeze_axes(&self, axes: &[isize]) -> Array {
        self.view_op("squeeze", |old| ViewOp::squeeze(old, Some(axes)))
    }

    /// The main diagonal of the first two axes. NumPy: `a.diagonal()`.
    #[track_caller]
    pub fn diagonal(&self) -> Array {
        self.view_op("diagonal", |old| ViewOp::diagonal(old, 0, 0, 1))
    }

    /// Diagonal `offset` of the planes spanned by `axis1` and `axis2`, appended as the last
    /// axis. NumPy: `a.diagonal(offset, axis1, axis2)`.
    #[track_caller]
    pub fn diagonal_with(&self, offset: isize, axis1: isize, axis2: isize) -> Array {
        self.view_op("diagonal", |old| {
            ViewOp::diagonal(old, offset, axis1, axis2)
        })
    }

    /// Sliding windows of length `window` along `axis`, as a new last axis. NumPy:
    /// `sliding_window_view(a, window, axis=axis)`.
    #[track_caller]
    pub fn windows(&self, window: usize, axis: isize) -> Array {
        self.view_op("sliding_window_view", |old| {
            ViewOp::windows(old, &[window], &[axis])
        })
    }

    /// Sliding windows over several axes. NumPy: `sliding_window_view(a, window_shape, axes)`.
    #[track_caller]
    pub fn sliding_window_view(&self, window_shape: &[usize], axes: &[isize]) -> Array {
        self.view_op("sliding_window_view", |old| {
            ViewOp::windows(old, window_shape, axes)
        })
    }

    /// A view with explicit `shape`, element `strides` and element `offset` over the C-order
    /// elements of this array; checked to stay inside them. NumPy: `as_strided` (which is
    /// unchecked and in bytes).
    #[track_caller]
    pub fn as_strided(&self, shape: &[usize], strides: &[isize], offset: usize) -> Array {
        let dtype = self.dtype();
        self.view_op("as_strided", |old| {
            ViewOp::as_strided(old, shape, strides, offset, dtype)
        })
    }
}
