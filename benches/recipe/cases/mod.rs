//! The recipe's cases: each one's lazyarray (naive) form, sizes, inputs, the bytes it must move
//! at minimum and the bandwidth that bounds it. The tables are split by group, in the order the
//! report lists them: copies and views, indexing, axis reductions, fused expressions, random
//! numbers, transcendental functions.

use crate::roofline::Traffic;
use lazyarray::Array;

mod copies;
mod dtypes;
mod fused;
mod indexing;
mod inputs;
mod math;
mod random;
mod reductions;

/// Every case's name, in the order of [`cases`] (the command line checks names against it).
pub const CASE_NAMES: [&str; 31] = [
    "inplace_mul",
    "copy_mul",
    "reshape_view",
    "reshape_T_copy",
    "flatten",
    "outer_tile",
    "slice_view",
    "fancy_arange",
    "fancy_rows",
    "mask_fancy",
    "row_sum",
    "take_random",
    "col_sum",
    "sum_axis0",
    "sum_axis1",
    "sum_T_axis0",
    "sum_T_axis1",
    "std_axis0",
    "poly",
    "triad",
    "blend",
    "sumsq",
    "norm",
    "softmax",
    "rolling_mean",
    "u8_image_scale",
    "rng_normal",
    "exp_f32",
    "log_f64",
    "sin_f64",
    "tanh_f32",
];

/// One benchmark case.
pub struct Case {
    /// The case's name, as the NumPy script knows it too.
    pub name: &'static str,
    /// The lazyarray (naive) form, for the legend.
    pub form: &'static str,
    /// Sizes, also passed to the NumPy script.
    pub dims: Vec<usize>,
    /// The evaluated inputs.
    pub inputs: fn(&[usize]) -> Vec<Array>,
    /// The expression, built from the inputs.
    pub build: fn(&[Array], &[usize]) -> Array,
    /// `a = a * 2`: each call takes input 0 by value (nothing else holds it, as after
    /// `a = a * 2` in user code) and the result replaces it. `build` gives the same expression
    /// from the pristine inputs, for the check.
    pub rebind: Option<fn(Array) -> Array>,
    /// Bytes the case must move at minimum (0: the answer can be a view), given its inputs.
    pub bytes: fn(&[Array], &[usize]) -> f64,
    /// The STREAM kernel whose bandwidth bounds the case.
    pub traffic: Traffic,
}

/// Bytes of an `f64`.
const F64: f64 = 8.0;
/// Bytes of a cache line: a strided read of one element per line moves the whole line.
const LINE: f64 = 64.0;

/// The sizes the case tables draw their dimensions from: full size, or smaller with `--quick`.
struct Sizes {
    /// Elements of a vector: 10,000,000 (quick: 1,000,000).
    n: usize,
    /// Rows of the 100-column matrix: 100,000 (quick: 10,000).
    rows: usize,
    /// Random rows `take_random` gathers: 10,000 (quick: 1,000).
    picks: usize,
    /// Side of the square matrix: 5000 (quick: 1000).
    sq: usize,
    /// Rows of softmax's 10,000-column matrix: 1000 (quick: 100).
    sm: usize,
    /// Side of the square RGB image: 4000 (quick: 1000).
    side: usize,
}

/// Every case, at full size or, with `quick`, the smaller one.
pub fn cases(quick: bool) -> Vec<Case> {
    let z = Sizes {
        n: if quick { 1_000_000 } else { 10_000_000 },
        rows: if quick { 10_000 } else { 100_000 },
        picks: if quick { 1_000 } else { 10_000 },
        sq: if quick { 1000 } else { 5000 },
        sm: if quick { 100 } else { 1000 },
        side: if quick { 1000 } else { 4000 },
    };
    let mut all = copies::cases(&z);
    all.extend(indexing::cases(&z));
    all.extend(reductions::cases(&z));
    all.extend(fused::cases(&z));
    all.extend(dtypes::cases(&z));
    all.extend(random::cases(&z));
    all.extend(math::cases(&z));
    all
}
