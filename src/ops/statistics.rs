//! Statistics built from the primitive reductions, each as the graph NumPy's own Python code
//! computes: `var`/`std` (two passes: the mean, then the mean of squared deviations), the
//! NaN-ignoring reductions of `numpy/lib/_nanfunctions_impl.py` (NaN replaced by a neutral value
//! with `where`, which fuses into the reduction's loop), `ptp`, `count_nonzero`, `average`
//! with weights, `diff`, and the NaN-ignoring running sums and products.
//!
//! Nothing here adds an op: `x != x` is NaN's test, `where_` the replacement, and the planner
//! fuses both into the reductions that read them, so `x.var_axis(0)` is two reduction kernels
//! (the mean, then the squared deviations from it read straight from `x`) and the divisions and
//! the `sqrt` of `std` run as those kernels' epilogues.
//!
//! Axes are checked first, under the statistic's own name; what is built after that cannot fail
//! but for the data-dependent errors NumPy raises (`nanargmin` of an all-NaN slice, `average`
//! with weights summing to zero), which evaluate what they need when the array is built, as
//! `compress` evaluates its mask.

use crate::array::{Array, Builder};
use crate::ops::elementwise::where_;
use crate::ops::joins::concatenate;
use lazyarray_ir::shape::{normalize_axes, normalize_axis};
use lazyarray_ir::{DType, ErrorKind, ReduceOp, ShapeFmt, SliceArg};

/// The statistics over a set of axes.
#[derive(Copy, Clone)]
enum Stat {
    /// `np.var` (`std`: its square root) with `ddof`.
    Var {
        ddof: f64,
        std: bool,
    },
    /// `np.nanvar` (`std`: `np.nanstd`) with `ddof`.
    NanVar {
        ddof: f64,
        std: bool,
    },
    NanSum,
    NanProd,
    NanMean,
    NanMin,
    NanMax,
    Ptp,
    CountNonzero,
}

impl Stat {
    fn name(self) -> &'static str {
        match self {
            Stat::Var { std: false, .. } => "var",
            Stat::Var { std: true, .. } => "std",
            Stat::NanVar { std: false, .. } => "nanvar",
            Stat::NanVar { std: true, .. } => "nanstd",
            Stat::NanSum => "nansum",
            Stat::NanProd => "nanprod",
            Stat::NanMean => "nanmean",
            Stat::NanMin => "nanmin",
            Stat::NanMax => "nanmax",
            Stat::Ptp => "ptp",
            Stat::CountNonzero => "count_nonzero",
        }
    }
}

/// Builds a composite operation for the user's call `b`: an error one of `inputs` carries is
/// passed on as it is; an error the build itself meets (an axis out of range, an empty
/// reduction) is reported as `b`'s, naming the user's operation and line.
fn own(b: &Builder, inputs: &[Option<&Array>], build: impl FnOnce() -> Array) -> Array {
    for a in inputs.iter().flatten() {
        if let Err(e) = a.check() {
            return Array::failed(e);
        }
    }
    let out = build();
    match out.error() {
        Some(e) => Array::failed(e.relocated(b.name, b.origin)),
        None => out,
    }
}

/// `x`'s node or the error it carries, and its reduced axes (`None`: all) normalized and
/// checked as NumPy's `normalize_axis_tuple` does, under the statistic's name.
#[track_caller]
fn checked_axes(
    b: &Builder,
    x: &Array,
    axes: Option<&[isize]>,
) -> std::result::Result<Vec<isize>, Array> {
    let node = x.node().map_err(Array::failed)?;
    let ndim = node.meta.shape.len();
    match axes {
        None => Ok((0..ndim as isize).collect()),
        Some(a) => b
            .ir(normalize_axes(a, ndim))
            .map(|d| d.iter().map(|&k| k as isize).collect())
            .map_err(Array::failed),
    }
}

/// `np.isnan(x)` for a float array (`x != x`).
#[track_caller]
fn isnan(x: &Array) -> Array {
    x.not_equal(x)
}

/// `~np.isnan(x)` as `x == x`, and again as `x >= -inf`: a statistic making two passes over
/// `x` tests it with different expressions in each, so that no NaN mask is shared between two
/// kernels (the planner would store a shared one, an extra pass and an `x`-sized temporary).
#[track_caller]
fn is_number(x: &Array, second: bool) -> Array {
    if second {
        x.ge(f64::NEG_INFINITY)
    } else {
        x.equal(x)
    }
}

/// The number of elements the axes reduce.
fn count(x: &Array, axes: &[isize]) -> usize {
    axes.iter().map(|&k| x.shape()[k as usize]).product()
}

/// NumPy's `_divide_by_count(a, b)`: `a / b` into `a`'s float dtype (for float32, divided in
/// float64 and rounded back, as NumPy's `divide(a, b, out=a, casting='unsafe')` does).
#[track_caller]
fn divide_by_count(a: &Array, b: &Array) -> Array {
    match a.dtype() {
        DType::F32 => (a.astype(DType::F64) / b.astype(DType::F64)).astype(DType::F32),
        _ => a / &b.astype(DType::F64),
    }
}

impl Array {
    /// Computes the statistic `what` over `axes` (`None`: all).
    #[track_caller]
    fn statistic(&self, what: Stat, axes: Option<&[isize]>, keepdims: bool) -> Array {
        let b = Builder::new(what.name());
        own(&b, &[Some(self)], || {
            self.statistic_of(&b, what, axes, keepdims)
        })
    }

    /// The graph of [`Array::statistic`].
    fn statistic_of(
        &self,
        b: &Builder,
        what: Stat,
        axes: Option<&[isize]>,
        keepdims: bool,
    ) -> Array {
        let axes = match checked_axes(b, self, axes) {
            Ok(a) => a,
            Err(failed) => return failed,
        };
        let x = self;
        let float = x.dtype().is_float();
        match what {
            Stat::Var { ddof, std } => variance(x, &axes, ddof, keepdims, std),
            Stat::NanVar { ddof, std } if float => nan_variance(x, &axes, ddof, keepdims, std),
            Stat::NanVar { ddof, std } => variance(x, &axes, ddof, keepdims, std),
            Stat::NanSum if float => where_(&isnan(x), 0.0, x).sum_axes(&axes, keepdims),
            Stat::NanSum => x.sum_axes(&axes, keepdims),
            Stat::NanProd if float => where_(&isnan(x), 1.0, x).prod_axes(&axes, keepdims),
            Stat::NanProd => x.prod_axes(&axes, keepdims),
            Stat::NanMean if float => {
                let n = is_number(x, false).sum_axes(&axes, keepdims);
                let total = where_(&isnan(x), 0.0, x).sum_axes(&axes, keepdims);
                divide_by_count(&total, &n)
            }
            Stat::NanMean => x.mean_axes(&axes, keepdims),
            Stat::NanMin | Stat::NanMax => {
                let max = matches!(what, Stat::NanMax);
                if count(x, &axes) == 0 {
                    // NumPy reduces with `np.fmin`/`np.fmax`, which have no identity.
                    let name = if max { "fmax" } else { "fmin" };
                    return Array::failed(b.error(
                        ErrorKind::Reduction,
                        format!(
                            "zero-size array to reduction operation {name} which has no identity (shape {})",
                            ShapeFmt(x.shape())
                        ),
                    ));
                }
                if !float {
                    return if max {
                        x.max_axes(&axes, keepdims)
                    } else {
                        x.min_axes(&axes, keepdims)
                    };
                }
                // fmin.reduce: NaN loses to every number; an all-NaN slice is NaN.
                let nan = isnan(x);
                let folded = if max {
                    where_(&nan, f64::NEG_INFINITY, x).max_axes(&axes, keepdims)
                } else {
                    where_(&nan, f64::INFINITY, x).min_axes(&axes, keepdims)
                };
                let some_number = is_number(x, false).any_axes(&axes, keepdims);
                where_(&some_number, &folded, f64::NAN)
            }
            Stat::Ptp => {
                if x.dtype().is_bool() {
                    return Array::failed(b.error(
                        ErrorKind::DType,
                        "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
                    ));
                }
                if count(x, &axes) == 0 {
                    return Array::failed(b.error(
                        ErrorKind::Reduction,
                        format!(
                            "zero-size array to reduction operation maximum which has no identity (shape {})",
                            ShapeFmt(x.shape())
                        ),
                    ));
                }
                x.max_axes(&axes, keepdims) - x.min_axes(&axes, keepdims)
            }
            Stat::CountNonzero => x.astype(DType::Bool).sum_axes(&axes, keepdims),
        }
    }

    /// `nanargmin`/`nanargmax` over `axis` (`None`: the flattened array).
    #[track_caller]
    fn nan_arg_reduce(&self, op: ReduceOp, axis: Option<isize>, keepdims: bool) -> Array {
        let max = matches!(op, ReduceOp::ArgMax);
        let b = Builder::new(if max { "nanargmax" } else { "nanargmin" });
        own(&b, &[Some(self)], || {
            self.nan_arg_of(&b, max, axis, keepdims)
        })
    }

    /// The graph of [`Array::nan_arg_reduce`] (`max`: argmax).
    fn nan_arg_of(&self, b: &Builder, max: bool, axis: Option<isize>, keepdims: bool) -> Array {
        let node = match self.node() {
            Ok(n) => n,
            Err(e) => return Array::failed(e),
        };
        let arg = |x: &Array| {
            if max {
                x.argmax_with(axis, keepdims)
            } else {
                x.argmin_with(axis, keepdims)
            }
        };
        if !node.meta.dtype.is_float() {
            return arg(self);
        }
        let nan = isnan(self);
        if self.size() > 0 {
            // NumPy: `mask = np.all(mask, axis=axis); if np.any(mask): raise ValueError`.
            let all_nan = match axis {
                None => nan.all(),
                Some(a) => match b.ir(normalize_axis(a, node.meta.shape.len())) {
                    Ok(k) => nan.all_axis(k as isize),
                    Err(e) => return Array::failed(e),
                },
            };
            match all_nan.any().item::<bool>() {
                Ok(false) => {}
                Ok(true) => {
                    return Array::failed(
                        b.error(ErrorKind::Reduction, "All-NaN slice encountered"),
                    );
                }
                Err(e) => return Array::failed(e),
            }
        }
        let loser = if max {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        };
        arg(&where_(&nan, loser, self))
    }

    /// A running sum or product with NaN counted as its neutral value (0 or 1).
    #[track_caller]
    fn nan_scan(&self, op: ReduceOp, axis: isize) -> Array {
        let prod = matches!(op, ReduceOp::Prod);
        let b = Builder::new(if prod { "nancumprod" } else { "nancumsum" });
        own(&b, &[Some(self)], || {
            if !self.dtype().is_float() {
                return self.scan(op, axis);
            }
            let neutral = if prod { 1.0 } else { 0.0 };
            where_(&isnan(self), neutral, self).scan(op, axis)
        })
    }
}

/// `np.var` (and `np.std`): NumPy's two passes, the mean of `x` (kept as length-1 axes so it
/// broadcasts), then the sum of squared deviations from it divided by `max(n - ddof, 0)`
/// (`0/0` is NaN and `s/0` inf, NumPy's results, which it also warns about). Integers and
/// bools compute in float64.
#[track_caller]
fn variance(x: &Array, axes: &[isize], ddof: f64, keepdims: bool, std: bool) -> Array {
    let xf = if x.dtype().is_float() {
        x.clone()
    } else {
        x.astype(DType::F64)
    };
    let mean = xf.mean_axes(axes, true);
    let dev = &xf - &mean;
    let squares = (&dev * &dev).sum_axes(axes, keepdims);
    let divisor = (count(x, axes) as f64 - ddof).max(0.0);
    let var = squares / divisor;
    if std { var.sqrt() } else { var }
}

/// `np.nanvar` (and `np.nanstd`) of a float array, as `_nanfunctions_impl.nanvar`: the mean
/// of the non-NaN elements, the sum of their squared deviations, divided by `count - ddof`,
/// and NaN where that is not positive.
#[track_caller]
fn nan_variance(x: &Array, axes: &[isize], ddof: f64, keepdims: bool, std: bool) -> Array {
    let n = is_number(x, false).sum_axes(axes, true);
    let mean = divide_by_count(&where_(&isnan(x), 0.0, x).sum_axes(axes, true), &n);
    let dev = where_(&is_number(x, true), &(x - &mean), 0.0);
    let squares = (&dev * &dev).sum_axes(axes, keepdims);
    let shape: Vec<isize> = squares.shape().iter().map(|&d| d as isize).collect();
    let dof = n.reshape(&shape).astype(DType::F64) - ddof;
    let var = where_(&dof.le(0.0), f64::NAN, divide_by_count(&squares, &dof));
    if std { var.sqrt() } else { var }
}

macro_rules! statistics {
    ($($what:expr => $all:ident, $one:ident, $many:ident, $np:literal, $doc:literal;)*) => {$(
        #[doc = concat!($doc, " over every element. NumPy: `", $np, "(a)`.")]
        #[track_caller]
        pub fn $all(&self) -> Array {
            self.statistic($what, None, false)
        }

        #[doc = concat!($doc, " along one axis (negative counts from the end). NumPy: `", $np, "(a, axis=axis)`.")]
        #[track_caller]
        pub fn $one(&self, axis: isize) -> Array {
            self.statistic($what, Some(&[axis]), false)
        }

        #[doc = concat!($doc, " over several axes, keeping them as length 1 if `keepdims`. NumPy: `", $np, "(a, axis=axes, keepdims=keepdims)`.")]
        #[track_caller]
        pub fn $many(&self, axes: &[isize], keepdims: bool) -> Array {
            self.statistic($what, Some(axes), keepdims)
        }
    )*};
}

impl Array {
    statistics! {
        Stat::Var { ddof: 0.0, std: false } => var, var_axis, var_axes, "np.var",
            "The variance (mean squared deviation from the mean; integers and bools in float64)";
        Stat::Var { ddof: 0.0, std: true } => std, std_axis, std_axes, "np.std",
            "The standard deviation (the square root of `var`)";
        Stat::NanVar { ddof: 0.0, std: false } => nanvar, nanvar_axis, nanvar_axes, "np.nanvar",
            "The variance ignoring NaNs (NaN where no number is left)";
        Stat::NanVar { ddof: 0.0, std: true } => nanstd, nanstd_axis, nanstd_axes, "np.nanstd",
            "The standard deviation ignoring NaNs";
        Stat::NanSum => nansum, nansum_axis, nansum_axes, "np.nansum",
            "The sum counting NaN as zero (bool and int32 in int64)";
        Stat::NanProd => nanprod, nanprod_axis, nanprod_axes, "np.nanprod",
            "The product counting NaN as one (bool and int32 in int64)";
        Stat::NanMean => nanmean, nanmean_axis, nanmean_axes, "np.nanmean",
            "The mean of the non-NaN elements (NaN if there are none)";
        Stat::NanMin => nanmin, nanmin_axis, nanmin_axes, "np.nanmin",
            "The minimum ignoring NaNs (NaN for an all-NaN slice, where NumPy also warns)";
        Stat::NanMax => nanmax, nanmax_axis, nanmax_axes, "np.nanmax",
            "The maximum ignoring NaNs (NaN for an all-NaN slice, where NumPy also warns)";
        Stat::Ptp => ptp, ptp_axis, ptp_axes, "np.ptp",
            "The range, `max - min` (integers wrap; bool is an error as in NumPy)";
        Stat::CountNonzero => count_nonzero, count_nonzero_axis, count_nonzero_axes, "np.count_nonzero",
            "The number of nonzero (true, NaN counts) elements as int64";
    }

    /// `np.var(a, axis=axes, ddof=ddof, keepdims=keepdims)`; `axes: None` means every axis.
    /// The divisor is `max(n - ddof, 0)`: a slice of `ddof` or fewer elements is NaN (or inf
    /// when its squared deviations sum above zero), NumPy's values.
    #[track_caller]
    pub fn var_with(&self, axes: Option<&[isize]>, ddof: impl Into<f64>, keepdims: bool) -> Array {
        let (ddof, std) = (ddof.into(), false);
        self.statistic(Stat::Var { ddof, std }, axes, keepdims)
    }

    /// `np.std(a, axis=axes, ddof=ddof, keepdims=keepdims)`; `axes: None` means every axis.
    #[track_caller]
    pub fn std_with(&self, axes: Option<&[isize]>, ddof: impl Into<f64>, keepdims: bool) -> Array {
        let (ddof, std) = (ddof.into(), true);
        self.statistic(Stat::Var { ddof, std }, axes, keepdims)
    }

    /// `np.nanvar(a, axis=axes, ddof=ddof, keepdims=keepdims)`: NaN where fewer than
    /// `ddof + 1` numbers are left.
    #[track_caller]
    pub fn nanvar_with(
        &self,
        axes: Option<&[isize]>,
        ddof: impl Into<f64>,
        keepdims: bool,
    ) -> Array {
        let (ddof, std) = (ddof.into(), false);
        self.statistic(Stat::NanVar { ddof, std }, axes, keepdims)
    }

    /// `np.nanstd(a, axis=axes, ddof=ddof, keepdims=keepdims)`.
    #[track_caller]
    pub fn nanstd_with(
        &self,
        axes: Option<&[isize]>,
        ddof: impl Into<f64>,
        keepdims: bool,
    ) -> Array {
        let (ddof, std) = (ddof.into(), true);
        self.statistic(Stat::NanVar { ddof, std }, axes, keepdims)
    }

    /// Index of the smallest non-NaN element of the flattened array. NumPy: `np.nanargmin(a)`,
    /// whose `ValueError: All-NaN slice encountered` is a `Reduction` error here (the check
    /// evaluates `a` when the result is built).
    #[track_caller]
    pub fn nanargmin(&self) -> Array {
        self.nan_arg_reduce(ReduceOp::ArgMin, None, false)
    }

    /// Index of the largest non-NaN element of the flattened array. NumPy: `np.nanargmax(a)`
    /// (an all-NaN array is an error).
    #[track_caller]
    pub fn nanargmax(&self) -> Array {
        self.nan_arg_reduce(ReduceOp::ArgMax, None, false)
    }

    /// Indices of the smallest non-NaN elements along `axis`. NumPy: `np.nanargmin(a, axis)`
    /// (a slice of NaNs only is an error).
    #[track_caller]
    pub fn nanargmin_axis(&self, axis: isize) -> Array {
        self.nan_arg_reduce(ReduceOp::ArgMin, Some(axis), false)
    }

    /// Indices of the largest non-NaN elements along `axis`. NumPy: `np.nanargmax(a, axis)`.
    #[track_caller]
    pub fn nanargmax_axis(&self, axis: isize) -> Array {
        self.nan_arg_reduce(ReduceOp::ArgMax, Some(axis), false)
    }

    /// `np.nanargmin(a, axis, keepdims=keepdims)`; `axis: None` means the flattened array.
    #[track_caller]
    pub fn nanargmin_with(&self, axis: Option<isize>, keepdims: bool) -> Array {
        self.nan_arg_reduce(ReduceOp::ArgMin, axis, keepdims)
    }

    /// `np.nanargmax(a, axis, keepdims=keepdims)`; `axis: None` means the flattened array.
    #[track_caller]
    pub fn nanargmax_with(&self, axis: Option<isize>, keepdims: bool) -> Array {
        self.nan_arg_reduce(ReduceOp::ArgMax, axis, keepdims)
    }

    /// Running sums along `axis` counting NaN as zero. NumPy: `np.nancumsum(a, axis)`.
    #[track_caller]
    pub fn nancumsum(&self, axis: isize) -> Array {
        self.nan_scan(ReduceOp::Sum, axis)
    }

    /// Running sums of the flattened array counting NaN as zero. NumPy: `np.nancumsum(a)`.
    #[track_caller]
    pub fn nancumsum_flat(&self) -> Array {
        self.ravel().nan_scan(ReduceOp::Sum, 0)
    }

    /// Running products along `axis` counting NaN as one. NumPy: `np.nancumprod(a, axis)`.
    #[track_caller]
    pub fn nancumprod(&self, axis: isize) -> Array {
        self.nan_scan(ReduceOp::Prod, axis)
    }

    /// Running products of the flattened array counting NaN as one. NumPy:
    /// `np.nancumprod(a)`.
    #[track_caller]
    pub fn nancumprod_flat(&self) -> Array {
        self.ravel().nan_scan(ReduceOp::Prod, 0)
    }

    /// The `n`-th discrete difference along `axis`: `a[1:] - a[:-1]` along it, `n` times
    /// (`!=` for bool). NumPy: `np.diff(a, n, axis)`. Each difference is a fused expression
    /// of views of `a`, so `diff(n)` is one kernel.
    #[track_caller]
    pub fn diff(&self, n: usize, axis: isize) -> Array {
        self.diff_with(n, axis, None, None)
    }

    /// `np.diff(a, n, axis, prepend=prepend, append=append)`: the values to join before and
    /// after `a` along `axis` first (a 0-d one is broadcast to a slice of `a`; dtypes promote
    /// as in `concatenate`).
    #[track_caller]
    pub fn diff_with(
        &self,
        n: usize,
        axis: isize,
        prepend: Option<&Array>,
        append: Option<&Array>,
    ) -> Array {
        let b = Builder::new("diff");
        if n == 0 {
            return self.clone();
        }
        own(&b, &[Some(self), prepend, append], || {
            self.diff_of(&b, n, axis, prepend, append)
        })
    }

    /// The graph of [`Array::diff_with`] for `n > 0`.
    fn diff_of(
        &self,
        b: &Builder,
        n: usize,
        axis: isize,
        prepend: Option<&Array>,
        append: Option<&Array>,
    ) -> Array {
        let node = match self.node() {
            Ok(node) => node,
            Err(e) => return Array::failed(e),
        };
        let ndim = node.meta.shape.len();
        if ndim == 0 {
            return Array::failed(b.error(
                ErrorKind::Shape,
                "diff requires input that is at least one dimensional",
            ));
        }
        let axis = match b.ir(normalize_axis(axis, ndim)) {
            Ok(k) => k,
            Err(e) => return Array::failed(e),
        };
        let mut a = self.clone();
        if prepend.is_some() || append.is_some() {
            let edge = |v: &Array| {
                if v.ndim() == 0 {
                    let mut shape = self.shape().to_vec();
                    shape[axis] = 1;
                    v.broadcast_to(&shape)
                } else {
                    v.clone()
                }
            };
            let mut parts: Vec<Array> = Vec::new();
            parts.extend(prepend.map(edge));
            parts.push(self.clone());
            parts.extend(append.map(edge));
            let refs: Vec<&Array> = parts.iter().collect();
            a = concatenate(&refs, axis as isize);
        }
        let whole = SliceArg::Range {
            start: None,
            stop: None,
            step: 1,
        };
        let cut = |start: Option<isize>, stop: Option<isize>| {
            let mut items = vec![whole; axis];
            items.push(SliceArg::Range {
                start,
                stop,
                step: 1,
            });
            items
        };
        let (upper, lower) = (cut(Some(1), None), cut(None, Some(-1)));
        for _ in 0..n {
            // An empty axis stays empty: the rest of the `n` differences change nothing.
            if a.check().is_err() || a.shape()[axis] == 0 {
                break;
            }
            let (hi, lo) = (a.slice(&upper), a.slice(&lower));
            a = if a.dtype().is_bool() {
                hi.not_equal(&lo)
            } else {
                hi - lo
            };
        }
        a
    }

    /// The mean of every element. NumPy: `np.average(a)` (weights: [`Array::average_with`]).
    #[track_caller]
    pub fn average(&self) -> Array {
        self.average_with(None, None, false)
    }

    /// The weighted mean over `axes` (`None`: every axis). NumPy:
    /// `np.average(a, axis=axes, weights=weights, keepdims=keepdims)`; without weights it is
    /// `mean`. `weights` has `a`'s shape, or (with `axes`) the shape of `a` along `axes`;
    /// integers and bools average in float64. As in NumPy, weights summing to zero are an
    /// error (checked by evaluating their sum when the result is built), and so are weights
    /// of another shape without `axes`.
    #[track_caller]
    pub fn average_with(
        &self,
        axes: Option<&[isize]>,
        weights: Option<&Array>,
        keepdims: bool,
    ) -> Array {
        let b = Builder::new("average");
        own(&b, &[Some(self), weights], || {
            self.average_of(&b, axes, weights, keepdims)
        })
    }

    /// The graph of [`Array::average_with`].
    fn average_of(
        &self,
        b: &Builder,
        axes: Option<&[isize]>,
        weights: Option<&Array>,
        keepdims: bool,
    ) -> Array {
        let given = axes;
        let axes = match checked_axes(b, self, axes) {
            Ok(a) => a,
            Err(failed) => return failed,
        };
        let Some(w) = weights else {
            return self.mean_axes(&axes, keepdims);
        };
        let (x, mut w) = (self, w.clone());
        let mut dtype = x.dtype().promote(w.dtype());
        if !x.dtype().is_float() {
            dtype = dtype.promote(DType::F64);
        }
        if x.shape() != w.shape() {
            let Some(given) = given else {
                return Array::failed(b.error(
                    ErrorKind::Shape,
                    "Axis must be specified when shapes of a and weights differ.",
                ));
            };
            let along: Vec<usize> = axes.iter().map(|&k| x.shape()[k as usize]).collect();
            if w.shape() != along.as_slice() {
                return Array::failed(b.error(
                    ErrorKind::Shape,
                    format!(
                        "Shape of weights must be consistent with shape of a along specified axis. (weights {}, a {}, axes {given:?})",
                        ShapeFmt(w.shape()),
                        ShapeFmt(x.shape())
                    ),
                ));
            }
            // The weights' axes in `a`'s order, then length-1 axes for the others.
            let mut order: Vec<isize> = (0..axes.len() as isize).collect();
            order.sort_by_key(|&i| axes[i as usize]);
            let shape: Vec<isize> = (0..x.ndim())
                .map(|k| {
                    if axes.contains(&(k as isize)) {
                        x.shape()[k] as isize
                    } else {
                        1
                    }
                })
                .collect();
            w = w.permute(&order).reshape(&shape);
        }
        let w = w.astype(dtype);
        let scale = w.sum_axes(&axes, keepdims);
        match scale.equal(0.0).any().item::<bool>() {
            Ok(false) => {}
            Ok(true) => {
                return Array::failed(b.error(
                    ErrorKind::Reduction,
                    "Weights sum to zero, can't be normalized",
                ));
            }
            Err(e) => return Array::failed(e),
        }
        (x.astype(dtype) * &w).sum_axes(&axes, keepdims) / scale
    }
}
