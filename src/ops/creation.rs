//! Creating arrays: constants, ranges, identity matrices, data, random numbers.

use crate::array::{Array, Builder};
use crate::element::Element;
use crate::ops::args::{AsShape, sizes};
use crate::ops::{broadcast, cast};
use crate::storage::buffer::Buffer;
use lazyarray_ir::shape::checked_size;
use lazyarray_ir::{DType, ErrorKind, Op, Scalar, ShapeFmt};
use std::sync::Arc;

/// A Rust number usable as an `arange` bound: integers give `int64` (NumPy's default
/// integer), `f64` gives `float64`, `f32` gives `float32`.
pub trait ArangeBound: Element {
    /// The value in the dtype `arange` produces.
    fn arange_scalar(self) -> Scalar;
}

macro_rules! arange_int {
    ($($t:ty),*) => {$(
        impl ArangeBound for $t {
            fn arange_scalar(self) -> Scalar {
                Scalar::I64(self as i64)
            }
        }
    )*};
}
arange_int!(i32, i64);

impl ArangeBound for f64 {
    fn arange_scalar(self) -> Scalar {
        Scalar::F64(self)
    }
}

impl ArangeBound for f32 {
    fn arange_scalar(self) -> Scalar {
        Scalar::F32(self)
    }
}

impl Array {
    /// An array of `shape` filled with `value`, of `value`'s dtype. NumPy: `np.full(shape, v)`.
    #[track_caller]
    pub fn full<T: Element>(shape: impl AsShape, value: T) -> Array {
        Array::full_scalar_named("full", shape, value.to_scalar())
    }

    /// An array of `shape` filled with the scalar `value` (of its dtype).
    #[track_caller]
    pub(crate) fn full_scalar(shape: impl AsShape, value: Scalar) -> Array {
        Array::full_scalar_named("full", shape, value)
    }

    /// A `Fill` node of `shape` for the user's call `name`.
    #[track_caller]
    fn full_scalar_named(name: &'static str, shape: impl AsShape, value: Scalar) -> Array {
        let b = Builder::new(name);
        b.run(|| {
            let shape = sizes(&b, &shape)?;
            b.ir(checked_size(&shape, value.dtype()))?;
            b.node(Op::Fill { value, shape }, &[])
        })
    }

    /// Float64 zeros. NumPy: `np.zeros(shape)`.
    #[track_caller]
    pub fn zeros(shape: impl AsShape) -> Array {
        Array::full(shape, 0.0f64)
    }

    /// Float64 ones. NumPy: `np.ones(shape)`.
    #[track_caller]
    pub fn ones(shape: impl AsShape) -> Array {
        Array::full(shape, 1.0f64)
    }

    /// A 0-d array holding `value`. NumPy: `np.array(v)`.
    #[track_caller]
    pub fn scalar<T: Element>(value: T) -> Array {
        Array::full(&[], value)
    }

    /// Values from `start` up to (not including) `stop` by `step`. Integer bounds give `int64`,
    /// float bounds their float dtype. NumPy: `np.arange(start, stop, step)`.
    #[track_caller]
    pub fn arange<T: ArangeBound>(start: T, stop: T, step: T) -> Array {
        let b = Builder::new("arange");
        b.run(|| {
            let (start, stop, step) = (
                start.arange_scalar(),
                stop.arange_scalar(),
                step.arange_scalar(),
            );
            let len = match (start, stop, step) {
                (Scalar::I64(a), Scalar::I64(z), Scalar::I64(d)) => {
                    if d == 0 {
                        return Err(
                            b.error(ErrorKind::Shape, "step cannot be zero (division by zero)")
                        );
                    }
                    let n = (z as i128 - a as i128 + d as i128 - d.signum() as i128) / d as i128;
                    n.clamp(0, i64::MAX as i128) as u128
                }
                _ => {
                    let (a, z, d) = (start.to_f64(), stop.to_f64(), step.to_f64());
                    if d == 0.0 {
                        return Err(
                            b.error(ErrorKind::Shape, "step cannot be zero (division by zero)")
                        );
                    }
                    let n = ((z - a) / d).ceil();
                    if n.is_nan() {
                        return Err(b.error(
                            ErrorKind::Shape,
                            format!("cannot compute length of arange({a}, {z}, {d})"),
                        ));
                    }
                    // NumPy: an infinite length, even a negative one, is "too big".
                    if n.is_infinite() {
                        return Err(b.error(ErrorKind::Shape, "Maximum allowed size exceeded"));
                    }
                    n.max(0.0) as u128
                }
            };
            let len = usize::try_from(len)
                .map_err(|_| b.error(ErrorKind::Shape, "Maximum allowed size exceeded"))?;
            b.ir(checked_size(&[len], start.dtype()))?;
            b.node(Op::Arange { start, step, len }, &[])
        })
    }

    /// `num` evenly spaced float64 values from `start` to `stop` inclusive. NumPy:
    /// `np.linspace(start, stop, num)`.
    #[track_caller]
    pub fn linspace(start: f64, stop: f64, num: usize) -> Array {
        Array::linspace_with(start, stop, num, true)
    }

    /// `np.linspace(start, stop, num, endpoint=endpoint)`: `start + i * step` with
    /// `step = (stop - start) / (num - 1 if endpoint else num)`; with `endpoint` the last value is
    /// exactly `stop`.
    #[track_caller]
    pub fn linspace_with(start: f64, stop: f64, num: usize, endpoint: bool) -> Array {
        let b = Builder::new("linspace");
        if let Err(e) = b.ir(checked_size(&[num], DType::F64)) {
            return Array::failed(e);
        }
        let i = Array::arange(0i64, num as i64, 1).astype(DType::F64);
        let div = if endpoint { num.saturating_sub(1) } else { num };
        let delta = stop - start;
        let step = delta / div as f64;
        let y = if div == 0 {
            &i * delta + start
        } else if step == 0.0 {
            &i / div as f64 * delta + start
        } else {
            &i * step + start
        };
        let y = if endpoint && num > 1 {
            crate::where_(&i.equal((num - 1) as f64), stop, &y)
        } else {
            y
        };
        b.run(|| Ok(Arc::clone(y.node()?)))
    }

    /// An array of `shape` and `dtype` filled with `value` cast to `dtype` (NumPy's unsafe
    /// cast: `2.7` in an integer array is `2`). NumPy: `np.full(shape, value, dtype)`.
    #[track_caller]
    pub fn full_dtype<T: Element>(shape: impl AsShape, value: T, dtype: DType) -> Array {
        Array::full_scalar(shape, value.to_scalar().cast(dtype))
    }

    /// Zeros of `dtype` (`false` for bool). NumPy: `np.zeros(shape, dtype)`.
    #[track_caller]
    pub fn zeros_dtype(shape: impl AsShape, dtype: DType) -> Array {
        Array::full_scalar(shape, Scalar::zero(dtype))
    }

    /// Ones of `dtype` (`true` for bool). NumPy: `np.ones(shape, dtype)`.
    #[track_caller]
    pub fn ones_dtype(shape: impl AsShape, dtype: DType) -> Array {
        Array::full_scalar(shape, Scalar::one(dtype))
    }

    /// Zeros with this array's shape and dtype. NumPy: `np.zeros_like(a)`.
    #[track_caller]
    pub fn zeros_like(&self) -> Array {
        self.like("zeros_like", Scalar::zero)
    }

    /// Ones with this array's shape and dtype. NumPy: `np.ones_like(a)`.
    #[track_caller]
    pub fn ones_like(&self) -> Array {
        self.like("ones_like", Scalar::one)
    }

    /// `value`, cast to this array's dtype, in this array's shape. NumPy:
    /// `np.full_like(a, value)`.
    #[track_caller]
    pub fn full_like<T: Element>(&self, value: T) -> Array {
        self.like("full_like", |d| value.to_scalar().cast(d))
    }

    /// An array with this array's shape and dtype. NumPy: `np.empty_like(a)`, whose contents
    /// are arbitrary; here they are zeros (so results never depend on stale memory).
    #[track_caller]
    pub fn empty_like(&self) -> Array {
        self.like("empty_like", Scalar::zero)
    }

    #[track_caller]
    fn like(&self, name: &'static str, value: impl FnOnce(DType) -> Scalar) -> Array {
        let b = Builder::new(name);
        b.run(|| {
            let x = self.node()?;
            b.node(
                Op::Fill {
                    value: value(x.meta.dtype),
                    shape: x.meta.shape.clone(),
                },
                &[],
            )
        })
    }

    /// The `n × n` float64 identity matrix. NumPy: `np.identity(n)`.
    #[track_caller]
    pub fn identity(n: usize) -> Array {
        Array::eye_with(n, n, 0)
    }

    /// An `n × m` float64 matrix with ones at and below diagonal `k` (positive: above the main
    /// one) and zeros elsewhere. NumPy: `np.tri(n, m, k)`.
    #[track_caller]
    pub fn tri(n: usize, m: usize, k: isize) -> Array {
        let b = Builder::new("tri");
        if let Err(e) = b.ir(checked_size(&[n, m], DType::F64)) {
            return Array::failed(e);
        }
        let mask = crate::ops::shapes::tri_mask(n, m, k as i128);
        b.run(|| cast(&b, mask.node()?, DType::F64))
    }

    /// `num` float64 values evenly spaced on a log scale: `10 ** linspace(start, stop, num)`.
    /// NumPy: `np.logspace(start, stop, num)`.
    #[track_caller]
    pub fn logspace(start: f64, stop: f64, num: usize) -> Array {
        Array::logspace_with(start, stop, num, true, 10.0)
    }

    /// `base ** linspace(start, stop, num, endpoint)`. NumPy:
    /// `np.logspace(start, stop, num, endpoint, base)`.
    #[track_caller]
    pub fn logspace_with(start: f64, stop: f64, num: usize, endpoint: bool, base: f64) -> Array {
        let b = Builder::new("logspace");
        let y = Array::linspace_with(start, stop, num, endpoint);
        let p = Array::scalar(base).pow(&y);
        b.run(|| Ok(Arc::clone(p.node()?)))
    }

    /// `num` float64 values in a geometric progression from `start` to `stop` inclusive (each
    /// a constant multiple of the previous one). NumPy: `np.geomspace(start, stop, num)`.
    #[track_caller]
    pub fn geomspace(start: f64, stop: f64, num: usize) -> Array {
        Array::geomspace_with(start, stop, num, true)
    }

    /// NumPy's `np.geomspace(start, stop, num, endpoint)` algorithm: both bounds are divided
    /// by the sign of `start` (so negative progressions work), the values are
    /// `10 ** linspace(log10(start), log10(stop))`, the first (and with `endpoint` the last)
    /// is set to the bound exactly, and the sign is multiplied back. Bounds of opposite signs
    /// give NaN (the logarithm of a negative number), as in NumPy without complex numbers; a
    /// zero bound is NumPy's error.
    #[track_caller]
    pub fn geomspace_with(start: f64, stop: f64, num: usize, endpoint: bool) -> Array {
        let b = Builder::new("geomspace");
        if start == 0.0 || stop == 0.0 {
            return Array::failed(
                b.error(ErrorKind::Shape, "Geometric sequence cannot include zero"),
            );
        }
        let sign = if start.is_nan() {
            f64::NAN
        } else {
            start.signum()
        };
        let (s, t) = (start / sign, stop / sign);
        let y = Array::linspace_with(s.log10(), t.log10(), num, endpoint);
        let mut r = Array::scalar(10.0).pow(&y);
        if num > 0 {
            let i = Array::arange(0i64, num as i64, 1);
            if num > 1 && endpoint {
                r = crate::where_(&i.equal(num as i64 - 1), t, &r);
            }
            r = crate::where_(&i.equal(0i64), s, &r);
        }
        let r = r * sign;
        b.run(|| Ok(Arc::clone(r.node()?)))
    }

    /// An array of shape `(len(dimensions), *dimensions)` whose `k`-th subarray holds each
    /// element's index along axis `k` (int64). NumPy: `np.indices(dimensions)`.
    #[track_caller]
    pub fn indices(dimensions: impl AsShape) -> Array {
        let b = Builder::new("indices");
        let dimensions = match sizes(&b, &dimensions) {
            Ok(d) => d,
            Err(e) => return Array::failed(e),
        };
        let dimensions = &dimensions[..];
        let n = dimensions.len();
        let mut full: Vec<usize> = vec![n];
        full.extend_from_slice(dimensions);
        if let Err(e) = b.ir(checked_size(&full, DType::I64)) {
            return Array::failed(e);
        }
        let grids: Vec<Array> = (0..n)
            .map(|k| {
                let mut shape = vec![1isize; n];
                shape[k] = dimensions[k] as isize;
                Array::arange(0i64, dimensions[k] as i64, 1)
                    .reshape(&shape)
                    .broadcast_to(dimensions)
            })
            .collect();
        let out = if n == 0 {
            Array::zeros_dtype(&[0], DType::I64)
        } else {
            let refs: Vec<&Array> = grids.iter().collect();
            crate::stack(&refs, 0)
        };
        b.run(|| Ok(Arc::clone(out.node()?)))
    }

    /// The `n × n` float64 identity matrix. NumPy: `np.eye(n)`.
    #[track_caller]
    pub fn eye(n: usize) -> Array {
        Array::eye_with(n, n, 0)
    }

    /// An `n × m` float64 matrix with ones on diagonal `k` (positive: above the main one).
    /// NumPy: `np.eye(n, m, k)`.
    #[track_caller]
    pub fn eye_with(n: usize, m: usize, k: isize) -> Array {
        let b = Builder::new("eye");
        if let Err(e) = b.ir(checked_size(&[n, m], DType::F64)) {
            return Array::failed(e);
        }
        let rows = Array::arange(0i64, n as i64, 1).reshape(&[n as isize, 1]) + k as i64;
        let cols = Array::arange(0i64, m as i64, 1).reshape(&[1, m as isize]);
        let diag = rows.equal(&cols);
        b.run(|| {
            let as_float = cast(&b, diag.node()?, DType::F64)?;
            broadcast(&b, &as_float, &[n, m])
        })
    }

    /// An array holding `data` in C order with `shape`. NumPy: `np.array(data).reshape(shape)`.
    #[track_caller]
    pub fn from_vec<T: Element>(data: Vec<T>, shape: impl AsShape) -> Array {
        Array::from_slice(&data, shape)
    }

    /// An array holding a copy of `data` in C order with `shape`.
    #[track_caller]
    pub fn from_slice<T: Element>(data: &[T], shape: impl AsShape) -> Array {
        let b = Builder::new("array");
        b.run(|| {
            let shape = &sizes(&b, &shape)?[..];
            let size = b.ir(checked_size(shape, T::DTYPE))?;
            if size != data.len() {
                return Err(b.error(
                    ErrorKind::Shape,
                    format!(
                        "cannot reshape array of size {} into shape {}",
                        data.len(),
                        ShapeFmt(shape)
                    ),
                ));
            }
            let buffer = Buffer::from_slice(data)
                .map_err(|e| crate::Error::resource("array", e.to_string(), b.origin))?;
            Ok(Arc::clone(
                Array::from_buffer(Arc::new(buffer), shape, b.origin).node()?,
            ))
        })
    }

    /// Uniform float64 samples in `[0, 1)`: the same numbers as NumPy's
    /// `np.random.seed(seed); np.random.random_sample(shape)`.
    #[track_caller]
    pub fn random(shape: impl AsShape, seed: u32) -> Array {
        let b = Builder::new("random_sample");
        b.run(|| {
            let shape = sizes(&b, &shape)?;
            b.ir(checked_size(&shape, DType::F64))?;
            b.node(Op::Random { seed, shape }, &[])
        })
    }
}

/// How `meshgrid` orders its output axes. NumPy: the `indexing` argument.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Indexing {
    /// Cartesian (`'xy'`, NumPy's default): for inputs of lengths `m` and `n` the grids have
    /// shape `(n, m)`.
    Xy,
    /// Matrix (`'ij'`): the grids have shape `(m, n)`.
    Ij,
}

/// Coordinate grids from coordinate vectors: one array per input, each input (flattened)
/// broadcast along its own axis. NumPy: `np.meshgrid(*xi, indexing=...)`. The grids are
/// broadcast views (what NumPy returns with `copy=False`; its default copies, with the same
/// values, and under value semantics a view is never observably different).
#[track_caller]
pub fn meshgrid(xi: &[&Array], indexing: Indexing) -> Vec<Array> {
    let b = Builder::new("meshgrid");
    let ndim = xi.len();
    let lens: Vec<usize> = xi.iter().map(|x| x.size()).collect();
    let mut axis_of: Vec<usize> = (0..ndim).collect();
    if indexing == Indexing::Xy && ndim > 1 {
        axis_of.swap(0, 1);
    }
    let mut shape = vec![0usize; ndim];
    for (k, &len) in lens.iter().enumerate() {
        shape[axis_of[k]] = len;
    }
    xi.iter()
        .enumerate()
        .map(|(k, x)| {
            b.run(|| {
                let node = x.node()?;
                b.ir(checked_size(&shape, node.meta.dtype))?;
                let mut s = vec![1isize; ndim];
                s[axis_of[k]] = -1;
                let flat = b.ir(lazyarray_ir::ViewOp::reshape(
                    &node.meta.shape,
                    &s,
                    node.meta.dtype,
                ))?;
                let flat = crate::ops::view(&b, node, flat)?;
                broadcast(&b, &flat, &shape)
            })
        })
        .collect()
}
