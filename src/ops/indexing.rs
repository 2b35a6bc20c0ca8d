//! Gathers: `take`, fancy indexing with integer arrays, `compress` and boolean masks.
//!
//! The output shape of a mask selection depends on the mask's values, so building one
//! evaluates the mask (a sync point); the selected count is then part of the graph.

use crate::array::{Array, Builder, Node};
use crate::error::Result;
use crate::ops::args::IntoIndexArray;
use crate::ops::{cast, one_axis, view};
use lazyarray_ir::shape::size_of;
use lazyarray_ir::{DType, ErrorKind, Op, ShapeFmt, SliceArg, ViewOp};
use std::sync::Arc;

impl Array {
    /// Elements at `indices` along `axis` (negative indices count from the end; each index is
    /// bounds-checked when evaluated). The result has `indices`' shape in place of `axis`.
    /// NumPy: `np.take(a, indices, axis)`.
    #[track_caller]
    pub fn take(&self, indices: impl IntoIndexArray, axis: isize) -> Array {
        let indices = indices.into_index_array();
        let b = Builder::new("take");
        b.run(|| {
            let idx = indices.node()?;
            // NumPy converts unsigned indices to intp by wrapping (`a[np.uint64(2**63 + 5)]`
            // is index -9223372036854775803, out of bounds).
            let idx = if idx.meta.dtype.is_unsigned_int() {
                cast(&b, idx, DType::I64)?
            } else {
                Arc::clone(idx)
            };
            let (x, axis, _) = one_axis(&b, self.node()?, axis)?;
            b.node(Op::Take { axis }, &[&x, &idx])
        })
    }

    /// `np.take(a, indices)` without an axis: indexes the flattened array.
    #[track_caller]
    pub fn take_flat(&self, indices: impl IntoIndexArray) -> Array {
        self.ravel().take(indices, 0)
    }

    /// NumPy's `a[idx]` with an array index: integer arrays select along axis 0 (fancy
    /// indexing, like `take(idx, 0)`), boolean arrays select where true (like [`Array::mask`]).
    #[track_caller]
    pub fn index(&self, idx: impl IntoIndexArray) -> Array {
        let idx = idx.into_index_array();
        match idx.dtype() {
            DType::Bool => self.mask(&idx),
            _ => self.take(&idx, 0),
        }
    }

    /// The entries of `axis` where `mask` is true. NumPy: `np.compress(mask, a, axis)`. A mask
    /// shorter than the axis selects only from its length; a longer one may only be false
    /// beyond it. Evaluates `mask` now.
    #[track_caller]
    pub fn compress(&self, mask: impl IntoIndexArray, axis: isize) -> Array {
        let mask = mask.into_index_array();
        let b = Builder::new("compress");
        b.run(|| {
            let (x, axis, _) = one_axis(&b, self.node()?, axis)?;
            compress_node(&b, &x, &mask, axis)
        })
    }

    /// Boolean-mask indexing: `mask`'s shape must equal the leading dims of the array; the
    /// result is 1-D over the true positions followed by the remaining dims. NumPy: `a[mask]`.
    /// Evaluates `mask` now.
    #[track_caller]
    pub fn mask(&self, mask: impl IntoIndexArray) -> Array {
        let mask = &mask.into_index_array();
        let b = Builder::new("boolean index");
        b.run(|| {
            let (x, m) = (self.node()?, mask.node()?);
            check_mask_dtype(&b, m.meta.dtype)?;
            let (xs, ms) = (&x.meta.shape, &m.meta.shape);
            if ms.len() > xs.len() {
                return Err(b.error(
                    ErrorKind::Index,
                    format!(
                        "too many indices for array: array is {}-dimensional, but {} were indexed",
                        xs.len(),
                        ms.len()
                    ),
                ));
            }
            for (k, (&d, &md)) in xs.iter().zip(ms.iter()).enumerate() {
                if d != md {
                    return Err(b.error(
                        ErrorKind::Index,
                        format!(
                            "boolean index did not match indexed array along axis {k}; size of axis is {d} but size of corresponding boolean axis is {md}"
                        ),
                    ));
                }
            }
            // Leading dims covered by the mask become one axis (no reshape for a 1-D mask).
            let flat = if ms.len() == 1 {
                Arc::clone(x)
            } else {
                let mut flat_shape: Vec<isize> = vec![size_of(ms) as isize];
                flat_shape.extend(xs[ms.len()..].iter().map(|&d| d as isize));
                view(&b, x, b.ir(ViewOp::reshape(xs, &flat_shape, x.meta.dtype))?)?
            };
            let flat_mask = mask.ravel();
            compress_node(&b, &flat, &flat_mask, 0)
        })
    }
}

fn check_mask_dtype(b: &Builder, dtype: DType) -> Result<()> {
    if dtype != DType::Bool {
        return Err(b.error(
            ErrorKind::Index,
            format!("a mask must be a boolean array, not {dtype} (use take for integer indices)"),
        ));
    }
    Ok(())
}

/// Evaluates `mask`, checks it against `axis` of `x` and builds the `Compress` node.
fn compress_node(b: &Builder, x: &Arc<Node>, mask: &Array, axis: usize) -> Result<Arc<Node>> {
    let m = mask.node()?;
    check_mask_dtype(b, m.meta.dtype)?;
    if m.meta.shape.len() != 1 {
        return Err(b.error(
            ErrorKind::Index,
            format!(
                "condition must be a 1-d array, got shape {}",
                ShapeFmt(&m.meta.shape)
            ),
        ));
    }
    let n = x.meta.shape[axis];
    let evaluated = mask.eval()?;
    let values: Vec<bool> = evaluated.to_vec()?;
    if let Some(beyond) = values.iter().skip(n).position(|&v| v) {
        return Err(b.error(
            ErrorKind::Index,
            format!(
                "index {} is out of bounds for axis {axis} with size {n}",
                n + beyond
            ),
        ));
    }
    let kept = values.len().min(n);
    let count = values[..kept].iter().filter(|&&v| v).count();
    let mut evaluated = Arc::clone(evaluated.node()?);
    if kept < values.len() {
        let cut = SliceArg::Range {
            start: None,
            stop: Some(kept as isize),
            step: 1,
        };
        evaluated = view(b, &evaluated, b.ir(ViewOp::slice(&[cut], &m.meta.shape))?)?;
    }
    b.node(Op::Compress { axis, count }, &[x, &evaluated])
}
