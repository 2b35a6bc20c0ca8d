//! Shapes: checked sizes, broadcasting, axis normalization and NumPy-style formatting.

use crate::dtype::DType;
use crate::error::{IrError, IrResult};
use smallvec::SmallVec;
use std::fmt;

/// Extents of an array, outermost first. Most arrays have ≤ 4 dims, which stay inline.
pub type Dims = SmallVec<[usize; 4]>;

/// Strides in elements (not bytes), outermost first; negative for reversed axes, zero for
/// broadcast axes.
pub type Strides = SmallVec<[isize; 4]>;

/// The number of elements of `shape`, or an error if it overflows. NumPy checks the *byte* size
/// against `isize::MAX` even when another dim is 0 (`np.empty((0, 2**62, 2**62))` fails), and so
/// do we.
pub fn checked_size(shape: &[usize], dtype: DType) -> IrResult<usize> {
    let mut nonzero: usize = 1;
    let mut size: usize = 1;
    for &d in shape {
        size = size.saturating_mul(d);
        if d != 0 {
            nonzero = nonzero.checked_mul(d).ok_or_else(|| too_big(shape))?;
        }
    }
    let bytes = nonzero
        .checked_mul(dtype.itemsize())
        .ok_or_else(|| too_big(shape))?;
    if bytes > isize::MAX as usize {
        return Err(too_big(shape));
    }
    Ok(size)
}

fn too_big(shape: &[usize]) -> IrError {
    IrError::shape(format!(
        "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size (shape {})",
        ShapeFmt(shape)
    ))
}

/// The number of elements of a shape already known to be valid (saturating, never panics).
pub fn size_of(shape: &[usize]) -> usize {
    shape.iter().fold(1usize, |acc, &d| acc.saturating_mul(d))
}

/// C-order (row-major) strides in elements for `shape`.
pub fn c_strides(shape: &[usize]) -> Strides {
    let mut strides: Strides = SmallVec::from_elem(0, shape.len());
    let mut acc: isize = 1;
    for (s, &d) in strides.iter_mut().zip(shape).rev() {
        *s = acc;
        acc = acc.saturating_mul(d.max(1) as isize);
    }
    strides
}

/// The broadcast shape of two shapes (NumPy's rules: align on the right; dims must be equal or
/// one of them 1).
pub fn broadcast_shapes(a: &[usize], b: &[usize]) -> IrResult<Dims> {
    let n = a.len().max(b.len());
    let mut out: Dims = SmallVec::from_elem(0, n);
    for i in 0..n {
        let da = if i < n - a.len() {
            1
        } else {
            a[i - (n - a.len())]
        };
        let db = if i < n - b.len() {
            1
        } else {
            b[i - (n - b.len())]
        };
        out[i] = match (da, db) {
            (x, y) if x == y => x,
            (1, y) => y,
            (x, 1) => x,
            _ => {
                return Err(IrError::shape(format!(
                    "operands could not be broadcast together with shapes {} {}",
                    ShapeFmt(a),
                    ShapeFmt(b)
                )));
            }
        };
    }
    Ok(out)
}

/// Normalizes a possibly negative axis against `ndim` (NumPy: `normalize_axis_index`).
pub fn normalize_axis(axis: isize, ndim: usize) -> IrResult<usize> {
    let n = ndim as isize;
    if axis < -n || axis >= n {
        return Err(IrError::axis(format!(
            "axis {axis} is out of bounds for array of dimension {ndim}"
        )));
    }
    Ok(if axis < 0 { axis + n } else { axis } as usize)
}

/// Normalizes a list of axes, rejecting duplicates (NumPy: `normalize_axis_tuple`).
pub fn normalize_axes(axes: &[isize], ndim: usize) -> IrResult<Dims> {
    let mut out = Dims::new();
    for &a in axes {
        let ax = normalize_axis(a, ndim)?;
        if out.contains(&ax) {
            return Err(IrError::axis("repeated axis".to_string()));
        }
        out.push(ax);
    }
    Ok(out)
}

/// Formats a shape the way NumPy prints it: `(2, 3)`, `(4,)`, `()`.
pub struct ShapeFmt<'a>(pub &'a [usize]);

impl fmt::Display for ShapeFmt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(")?;
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{d}")?;
        }
        if self.0.len() == 1 {
            f.write_str(",")?;
        }
        f.write_str(")")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broadcasting_follows_numpy() {
        // np.broadcast_shapes((2, 3), (3,)) == (2, 3); ((5, 1, 4), (3, 1)) == (5, 3, 4)
        assert_eq!(&broadcast_shapes(&[2, 3], &[3]).unwrap()[..], &[2, 3]);
        assert_eq!(
            &broadcast_shapes(&[5, 1, 4], &[3, 1]).unwrap()[..],
            &[5, 3, 4]
        );
        // size 1 against size 0 gives 0
        assert_eq!(&broadcast_shapes(&[1], &[0]).unwrap()[..], &[0]);
        let err = broadcast_shapes(&[2, 3], &[4]).unwrap_err();
        assert_eq!(
            err.message,
            "operands could not be broadcast together with shapes (2,3) (4,)"
        );
    }

    #[test]
    fn sizes_overflow_even_with_a_zero_dim() {
        assert_eq!(checked_size(&[2, 0, 3], DType::F64).unwrap(), 0);
        assert!(checked_size(&[0, 1 << 62, 1 << 62], DType::F64).is_err());
        assert!(checked_size(&[1 << 61], DType::F64).is_err());
        assert_eq!(checked_size(&[], DType::F64).unwrap(), 1);
    }

    #[test]
    fn axes_normalize_and_reject_repeats() {
        assert_eq!(normalize_axis(-1, 3).unwrap(), 2);
        let err = normalize_axis(2, 1).unwrap_err();
        assert_eq!(
            err.message,
            "axis 2 is out of bounds for array of dimension 1"
        );
        assert!(normalize_axes(&[0, -2], 2).is_err());
    }

    #[test]
    fn c_strides_of_shapes() {
        assert_eq!(&c_strides(&[2, 3, 4])[..], &[12, 4, 1]);
        assert_eq!(&c_strides(&[])[..], &[] as &[isize]);
    }
}
