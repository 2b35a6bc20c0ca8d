//! Output dtype and shape of every op, with the checks that make an op valid. The API calls this
//! when it builds a node; the verifier calls it again after every rewrite.

use crate::dtype::DType;
use crate::error::{ErrorKind, IrError, IrResult};
use crate::op::{Op, ReduceOp, Repeats};
use crate::shape::{Dims, ShapeFmt, checked_size, size_of};

/// The dtype and shape of a value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Meta {
    /// Element type.
    pub dtype: DType,
    /// Extents.
    pub shape: Dims,
}

impl Meta {
    /// A new `Meta`.
    pub fn new(dtype: DType, shape: &[usize]) -> Meta {
        Meta {
            dtype,
            shape: shape.into(),
        }
    }
}

/// The output of `op` applied to `inputs`, or why the op is invalid for them.
pub fn infer(op: &Op, inputs: &[&Meta]) -> IrResult<Meta> {
    let arity = match op {
        Op::Source { .. } | Op::Fill { .. } | Op::Arange { .. } | Op::Random { .. } => 0,
        Op::Binary(_) | Op::Take { .. } | Op::Compress { .. } => 2,
        Op::Where => 3,
        Op::Concat { .. } => inputs.len().max(1),
        _ => 1,
    };
    if inputs.len() != arity {
        return Err(IrError::shape(format!(
            "{} takes {arity} inputs, got {}",
            op.name(),
            inputs.len()
        )));
    }
    let out = match op {
        Op::Source { dtype, shape, .. } => Meta::new(*dtype, shape),
        Op::Fill { value, shape } => Meta::new(value.dtype(), shape),
        Op::Arange { start, step, len } => {
            if start.dtype() != step.dtype() {
                return Err(IrError::dtype("arange: start and step differ in dtype"));
            }
            Meta::new(start.dtype(), &[*len])
        }
        Op::Random { shape, .. } => Meta::new(DType::F64, shape),
        Op::View(v) => {
            let x = inputs[0];
            Meta::new(x.dtype, &v.output_shape(&x.shape))
        }
        Op::Unary(u) => {
            let x = inputs[0];
            if !u.accepts(x.dtype) {
                return Err(undefined(u.name(), &[x.dtype]));
            }
            Meta::new(u.result_dtype(x.dtype), &x.shape)
        }
        Op::Binary(b) => {
            let (x, y) = (inputs[0], inputs[1]);
            same_shape(b.name(), x, y)?;
            if x.dtype != y.dtype || !b.accepts(x.dtype) {
                return Err(undefined(b.name(), &[x.dtype, y.dtype]));
            }
            Meta::new(b.result_dtype(x.dtype), &x.shape)
        }
        Op::Where => {
            let (c, x, y) = (inputs[0], inputs[1], inputs[2]);
            same_shape("where", c, x)?;
            same_shape("where", x, y)?;
            if c.dtype != DType::Bool || x.dtype != y.dtype {
                return Err(undefined("where", &[c.dtype, x.dtype, y.dtype]));
            }
            x.clone()
        }
        Op::Cast(d) => Meta::new(*d, &inputs[0].shape),
        Op::Reduce { op, axes, keepdims } => reduce(*op, axes, *keepdims, inputs[0])?,
        Op::Scan { op, axis } => {
            let x = inputs[0];
            check_axis(*axis, x.shape.len())?;
            let Some(name) = op.scan_name() else {
                return Err(undefined(op.name(), &[x.dtype]));
            };
            if op.result_dtype(x.dtype) != Some(x.dtype) {
                return Err(undefined(name, &[x.dtype]));
            }
            x.clone()
        }
        Op::Take { axis } => {
            let (x, idx) = (inputs[0], inputs[1]);
            check_axis(*axis, x.shape.len())?;
            if !idx.dtype.is_int() {
                return Err(IrError::index(format!(
                    "arrays used as indices must be of integer type, not {}",
                    idx.dtype
                )));
            }
            if x.shape[*axis] == 0 && size_of(&idx.shape) > 0 {
                return Err(IrError::index(format!(
                    "cannot do a non-empty take from an empty axis (axis {axis} of shape {})",
                    ShapeFmt(&x.shape)
                )));
            }
            let mut shape: Dims = x.shape[..*axis].into();
            shape.extend_from_slice(&idx.shape);
            shape.extend_from_slice(&x.shape[axis + 1..]);
            checked_size(&shape, x.dtype)?;
            Meta::new(x.dtype, &shape)
        }
        Op::Compress { axis, count } => {
            let (x, mask) = (inputs[0], inputs[1]);
            check_axis(*axis, x.shape.len())?;
            if mask.dtype != DType::Bool || mask.shape.len() != 1 {
                return Err(IrError::index(format!(
                    "compress needs a 1-D boolean mask, got {} of shape {}",
                    mask.dtype,
                    ShapeFmt(&mask.shape)
                )));
            }
            if mask.shape[0] > x.shape[*axis] || *count > mask.shape[0] {
                return Err(IrError::index(format!(
                    "boolean index did not match indexed array along axis {axis}; size of axis is {} but size of corresponding boolean axis is {}",
                    x.shape[*axis], mask.shape[0]
                )));
            }
            let mut shape = x.shape.clone();
            shape[*axis] = *count;
            Meta::new(x.dtype, &shape)
        }
        Op::Tile { reps } => {
            let x = inputs[0];
            if reps.len() < x.shape.len() {
                return Err(IrError::shape("tile: reps shorter than the array's rank"));
            }
            let lead = reps.len() - x.shape.len();
            let shape: Dims = (0..reps.len())
                .map(|k| {
                    let d = if k < lead { 1 } else { x.shape[k - lead] };
                    d.checked_mul(reps[k])
                })
                .collect::<Option<_>>()
                .ok_or_else(|| IrError::shape("tile: the result is too big"))?;
            checked_size(&shape, x.dtype)?;
            Meta::new(x.dtype, &shape)
        }
        Op::Repeat { repeats, axis } => {
            let x = inputs[0];
            check_axis(*axis, x.shape.len())?;
            let n = x.shape[*axis];
            let total = match repeats {
                Repeats::Each(r) => n.checked_mul(*r),
                Repeats::PerElement(c) => {
                    if c.len() != n {
                        return Err(IrError::shape(format!(
                            "operands could not be broadcast together with shape ({n},) ({},)",
                            c.len()
                        )));
                    }
                    c.iter().try_fold(0usize, |acc, &r| acc.checked_add(r))
                }
            }
            .ok_or_else(|| IrError::shape("repeat: the result is too big"))?;
            let mut shape = x.shape.clone();
            shape[*axis] = total;
            checked_size(&shape, x.dtype)?;
            Meta::new(x.dtype, &shape)
        }
        Op::Concat { axis } => concat(*axis, inputs)?,
        Op::Copy => inputs[0].clone(),
    };
    Ok(out)
}

fn reduce(op: ReduceOp, axes: &[usize], keepdims: bool, x: &Meta) -> IrResult<Meta> {
    for (k, &a) in axes.iter().enumerate() {
        check_axis(a, x.shape.len())?;
        if axes[..k].contains(&a) {
            return Err(IrError::axis("repeated axis"));
        }
    }
    let Some(dtype) = op.result_dtype(x.dtype) else {
        return Err(undefined(op.name(), &[x.dtype]));
    };
    if op.is_arg() && axes.len() != 1 {
        return Err(IrError::axis(format!(
            "{} reduces exactly one axis",
            op.name()
        )));
    }
    let reduced: usize = axes.iter().map(|&a| x.shape[a]).product();
    let mut shape = Dims::new();
    for (k, &d) in x.shape.iter().enumerate() {
        if !axes.contains(&k) {
            shape.push(d);
        } else if keepdims {
            shape.push(1);
        }
    }
    // NumPy raises whenever the reduced extent is empty, even if the result is empty too
    // (`np.zeros((0, 0)).max(axis=0)` raises; `np.zeros((3, 0)).max(axis=0)` does not).
    if reduced == 0 && op.identity(x.dtype).is_none() {
        return Err(IrError::new(
            ErrorKind::Reduction,
            format!(
                "zero-size array to reduction operation {} which has no identity (shape {}, axes {:?})",
                op.ufunc_name(),
                ShapeFmt(&x.shape),
                axes
            ),
        ));
    }
    Ok(Meta { dtype, shape })
}

fn concat(axis: usize, inputs: &[&Meta]) -> IrResult<Meta> {
    let first = inputs[0];
    if first.shape.is_empty() {
        return Err(IrError::shape(
            "zero-dimensional arrays cannot be concatenated",
        ));
    }
    check_axis(axis, first.shape.len())?;
    let mut shape = first.shape.clone();
    shape[axis] = 0;
    for (i, x) in inputs.iter().enumerate() {
        if x.dtype != first.dtype {
            return Err(undefined("concatenate", &[first.dtype, x.dtype]));
        }
        if x.shape.len() != first.shape.len() {
            return Err(IrError::shape(format!(
                "all the input arrays must have same number of dimensions, but the array at index 0 has {} dimension(s) and the array at index {i} has {} dimension(s)",
                first.shape.len(),
                x.shape.len()
            )));
        }
        if let Some(k) = (0..x.shape.len()).find(|&k| k != axis && x.shape[k] != first.shape[k]) {
            return Err(IrError::shape(format!(
                "all the input array dimensions except for the concatenation axis must match exactly, but along dimension {k}, the array at index 0 has size {} and the array at index {i} has size {}",
                first.shape[k], x.shape[k]
            )));
        }
        shape[axis] = shape[axis]
            .checked_add(x.shape[axis])
            .ok_or_else(|| IrError::shape("concatenate: the result is too big"))?;
    }
    checked_size(&shape, first.dtype)?;
    Ok(Meta::new(first.dtype, &shape))
}

fn check_axis(axis: usize, ndim: usize) -> IrResult<()> {
    if axis >= ndim {
        return Err(IrError::axis(format!(
            "axis {axis} is out of bounds for array of dimension {ndim}"
        )));
    }
    Ok(())
}

fn same_shape(name: &str, x: &Meta, y: &Meta) -> IrResult<()> {
    if x.shape != y.shape {
        return Err(IrError::shape(format!(
            "{name}: operands could not be broadcast together with shapes {} {}",
            ShapeFmt(&x.shape),
            ShapeFmt(&y.shape)
        )));
    }
    Ok(())
}

fn undefined(name: &str, dtypes: &[DType]) -> IrError {
    let list: Vec<&str> = dtypes.iter().map(|d| d.name()).collect();
    IrError::dtype(format!(
        "ufunc '{name}' not supported for the input types ({})",
        list.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::op::BinaryOp;
    use smallvec::smallvec;

    #[test]
    fn comparisons_give_bool_and_sub_rejects_bool() {
        let a = Meta::new(DType::F32, &[3]);
        let out = infer(&Op::Binary(BinaryOp::Lt), &[&a, &a]).unwrap();
        assert_eq!(out.dtype, DType::Bool);
        let b = Meta::new(DType::Bool, &[3]);
        let err = infer(&Op::Binary(BinaryOp::Sub), &[&b, &b]).unwrap_err();
        assert_eq!(err.kind, ErrorKind::DType);
    }

    #[test]
    fn empty_reductions() {
        // np.zeros((0, 3)).max(axis=0) raises; .max(axis=1) is an empty array; .sum(0) is zeros;
        // np.zeros((0, 0)).max(axis=0) raises although the result would be empty
        let x = Meta::new(DType::F64, &[0, 3]);
        let max = |axis: usize| Op::Reduce {
            op: ReduceOp::Max,
            axes: smallvec![axis],
            keepdims: false,
        };
        assert_eq!(
            infer(&max(0), &[&x]).unwrap_err().kind,
            ErrorKind::Reduction
        );
        assert_eq!(&infer(&max(1), &[&x]).unwrap().shape[..], &[0]);
        let sum = Op::Reduce {
            op: ReduceOp::Sum,
            axes: smallvec![0],
            keepdims: true,
        };
        assert_eq!(&infer(&sum, &[&x]).unwrap().shape[..], &[1, 3]);
        let empty = Meta::new(DType::F64, &[0, 0]);
        assert!(infer(&max(0), &[&empty]).is_err());
    }

    #[test]
    fn take_shape_and_index_dtype() {
        let x = Meta::new(DType::F64, &[5, 4]);
        let i = Meta::new(DType::I64, &[2, 3]);
        let out = infer(&Op::Take { axis: 1 }, &[&x, &i]).unwrap();
        assert_eq!(&out.shape[..], &[5, 2, 3]);
        let f = Meta::new(DType::F64, &[2]);
        assert_eq!(
            infer(&Op::Take { axis: 0 }, &[&x, &f]).unwrap_err().kind,
            ErrorKind::Index
        );
    }
}
