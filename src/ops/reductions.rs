//! Reductions (sum, prod, mean, min, max, any, all, argmin, argmax) over all axes, one axis or
//! several, with `keepdims`; and the running forms `cumsum` and `cumprod`.
//!
//! NumPy's accumulator dtypes are explicit casts in the graph: bool and int32 sum, prod and
//! cumsum in int64; `mean` of integers in float64; `any`/`all` test truthiness.

use crate::array::{Array, Builder};
use crate::ops::{cast, one_axis, view};
use lazyarray_ir::shape::normalize_axes;
use lazyarray_ir::{BinaryOp, DType, Dims, Op, ReduceOp, Scalar, ViewOp};
use std::sync::Arc;

/// What the user asked for; `Mean` is built from `Sum`.
#[derive(Copy, Clone)]
enum Reduction {
    Plain(ReduceOp),
    Mean,
}

impl Reduction {
    fn name(self) -> &'static str {
        match self {
            Reduction::Plain(op) => op.name(),
            Reduction::Mean => "mean",
        }
    }
}

impl Array {
    /// Reduces over `axes` (`None`: all).
    #[track_caller]
    fn reduce(&self, what: Reduction, axes: Option<&[isize]>, keepdims: bool) -> Array {
        let b = Builder::new(what.name());
        b.run(|| {
            let x = self.node()?;
            let ndim = x.meta.shape.len();
            let mut axes: Dims = match axes {
                Some(a) => b.ir(normalize_axes(a, ndim))?,
                None => (0..ndim).collect(),
            };
            axes.sort_unstable();
            let dtype = x.meta.dtype;
            let (op, input) = match what {
                Reduction::Plain(op @ (ReduceOp::Sum | ReduceOp::Prod)) => {
                    (op, cast(&b, x, dtype.sum_dtype())?)
                }
                Reduction::Plain(op @ (ReduceOp::Any | ReduceOp::All)) => {
                    (op, cast(&b, x, DType::Bool)?)
                }
                Reduction::Plain(op) => (op, Arc::clone(x)),
                Reduction::Mean => (ReduceOp::Sum, cast(&b, x, dtype.float_result())?),
            };
            let reduced = b.node(
                Op::Reduce {
                    op,
                    axes: axes.clone(),
                    keepdims,
                },
                &[&input],
            )?;
            match what {
                Reduction::Mean => {
                    let count: usize = axes.iter().map(|&a| x.meta.shape[a]).product();
                    let divisor = b.node(
                        Op::Fill {
                            value: Scalar::F64(count as f64).cast(reduced.meta.dtype),
                            shape: reduced.meta.shape.clone(),
                        },
                        &[],
                    )?;
                    b.node(Op::Binary(BinaryOp::Div), &[&reduced, &divisor])
                }
                Reduction::Plain(_) => Ok(reduced),
            }
        })
    }

    /// argmin/argmax over `axis` (`None`: the flattened array).
    #[track_caller]
    fn arg_reduce(&self, op: ReduceOp, axis: Option<isize>, keepdims: bool) -> Array {
        let b = Builder::new(op.name());
        b.run(|| {
            let x = self.node()?;
            let ndim = x.meta.shape.len();
            let (input, axis, flattened) = match axis {
                // A 0-d array's axis 0 reads it as 1-d, and the result is 0-d (as flattening).
                Some(a) => one_axis(&b, x, a)?,
                None => {
                    let flat = b.ir(ViewOp::reshape(&x.meta.shape, &[-1], x.meta.dtype))?;
                    (view(&b, x, flat)?, 0, true)
                }
            };
            if input.meta.shape[axis] == 0 {
                return Err(b.error(
                    lazyarray_ir::ErrorKind::Reduction,
                    format!("attempt to get {} of an empty sequence", op.name()),
                ));
            }
            let reduced = b.node(
                Op::Reduce {
                    op,
                    axes: [axis].into_iter().collect(),
                    keepdims: keepdims && !flattened,
                },
                &[&input],
            )?;
            if keepdims && flattened {
                // NumPy: argmax(keepdims=True) without an axis keeps every axis as length 1.
                let ones: Vec<isize> = vec![1; ndim];
                let op = b.ir(ViewOp::reshape(&reduced.meta.shape, &ones, DType::I64))?;
                return view(&b, &reduced, op);
            }
            Ok(reduced)
        })
    }
}

macro_rules! reductions {
    ($($what:expr => $all:ident, $one:ident, $many:ident, $np:literal;)*) => {$(
        #[doc = concat!("Reduces over every element. NumPy: `", $np, "(a)`.")]
        #[track_caller]
        pub fn $all(&self) -> Array {
            self.reduce($what, None, false)
        }

        #[doc = concat!("Reduces over one axis (negative counts from the end). NumPy: `", $np, "(a, axis=axis)`.")]
        #[track_caller]
        pub fn $one(&self, axis: isize) -> Array {
            self.reduce($what, Some(&[axis]), false)
        }

        #[doc = concat!("Reduces over several axes, keeping them as length 1 if `keepdims`. NumPy: `", $np, "(a, axis=axes, keepdims=keepdims)`.")]
        #[track_caller]
        pub fn $many(&self, axes: &[isize], keepdims: bool) -> Array {
            self.reduce($what, Some(axes), keepdims)
        }
    )*};
}

impl Array {
    reductions! {
        Reduction::Plain(ReduceOp::Sum) => sum, sum_axis, sum_axes, "np.sum";
        Reduction::Plain(ReduceOp::Prod) => prod, prod_axis, prod_axes, "np.prod";
        Reduction::Mean => mean, mean_axis, mean_axes, "np.mean";
        Reduction::Plain(ReduceOp::Min) => min, min_axis, min_axes, "np.min";
        Reduction::Plain(ReduceOp::Max) => max, max_axis, max_axes, "np.max";
        Reduction::Plain(ReduceOp::Any) => any, any_axis, any_axes, "np.any";
        Reduction::Plain(ReduceOp::All) => all, all_axis, all_axes, "np.all";
    }

    /// Index of the smallest element of the flattened array (the first NaN wins). NumPy:
    /// `np.argmin(a)`.
    #[track_caller]
    pub fn argmin(&self) -> Array {
        self.arg_reduce(ReduceOp::ArgMin, None, false)
    }

    /// Index of the largest element of the flattened array (the first NaN wins). NumPy:
    /// `np.argmax(a)`.
    #[track_caller]
    pub fn argmax(&self) -> Array {
        self.arg_reduce(ReduceOp::ArgMax, None, false)
    }

    /// Indices of the smallest elements along `axis`. NumPy: `np.argmin(a, axis)`.
    #[track_caller]
    pub fn argmin_axis(&self, axis: isize) -> Array {
        self.arg_reduce(ReduceOp::ArgMin, Some(axis), false)
    }

    /// Indices of the largest elements along `axis`. NumPy: `np.argmax(a, axis)`.
    #[track_caller]
    pub fn argmax_axis(&self, axis: isize) -> Array {
        self.arg_reduce(ReduceOp::ArgMax, Some(axis), false)
    }

    /// `np.argmin(a, axis, keepdims=keepdims)`; `axis: None` means the flattened array.
    #[track_caller]
    pub fn argmin_with(&self, axis: Option<isize>, keepdims: bool) -> Array {
        self.arg_reduce(ReduceOp::ArgMin, axis, keepdims)
    }

    /// `np.argmax(a, axis, keepdims=keepdims)`; `axis: None` means the flattened array.
    #[track_caller]
    pub fn argmax_with(&self, axis: Option<isize>, keepdims: bool) -> Array {
        self.arg_reduce(ReduceOp::ArgMax, axis, keepdims)
    }

    /// A running reduction (`cumsum`, `cumprod`) along `axis`, in NumPy's accumulator dtype
    /// (bool and int32 in int64).
    #[track_caller]
    pub(crate) fn scan(&self, op: ReduceOp, axis: isize) -> Array {
        let b = Builder::new(op.scan_name().unwrap_or(op.name()));
        b.run(|| {
            let (x, axis, _) = one_axis(&b, self.node()?, axis)?;
            let input = cast(&b, &x, x.meta.dtype.sum_dtype())?;
            b.node(Op::Scan { op, axis }, &[&input])
        })
    }

    /// Running sums along `axis`; bool and int32 accumulate in int64. NumPy:
    /// `np.cumsum(a, axis)`.
    #[track_caller]
    pub fn cumsum(&self, axis: isize) -> Array {
        self.scan(ReduceOp::Sum, axis)
    }

    /// Running products along `axis`; bool and int32 accumulate in int64. NumPy:
    /// `np.cumprod(a, axis)`.
    #[track_caller]
    pub fn cumprod(&self, axis: isize) -> Array {
        self.scan(ReduceOp::Prod, axis)
    }

    /// Running products of the flattened array. NumPy: `np.cumprod(a)`.
    #[track_caller]
    pub fn cumprod_flat(&self) -> Array {
        self.ravel().cumprod(0)
    }

    /// Running sums of the flattened array. NumPy: `np.cumsum(a)`.
    #[track_caller]
    pub fn cumsum_flat(&self) -> Array {
        self.ravel().cumsum(0)
    }
}
