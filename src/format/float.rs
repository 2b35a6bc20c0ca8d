//! Floats as NumPy prints them in an array: `FloatingFormat` of `numpy/_core/arrayprint.py`
//! with the default print options (`floatmode='maxprec'`, `suppress=False`, `sign='-'`).
//!
//! The digits are Dragon4's with `unique=True`: the shortest string that reads back as the same
//! value of the element's own type (Rust's `{:e}` gives exactly these digits, for `f32` the
//! `f32` ones), cut to `precision` digits after the point when it is longer, the cut rounding
//! the exact binary value half to even (Rust's `{:.N}` / `{:.Ne}`, as Dragon4's cutoff does).
//! One pass over the values picks positional or scientific notation and the paddings that line
//! the column up; each value is then printed with them.

use std::fmt::{Display, LowerExp};
use std::str::FromStr;

/// A float type NumPy prints: what [`FloatFormat`] needs to know about it. A new float dtype
/// implements this (its shortest round-tripping digits must be its own, not a wider type's).
pub(crate) trait Float: Copy + PartialOrd + Display + LowerExp + FromStr {
    /// Values at or above this magnitude print in scientific notation:
    /// `10 ** min(8, np.finfo(dtype).precision)` (1e8 for float64, 1e6 for float32).
    const EXP_CUTOFF: Self;
    /// `0.0001` in this type: a smaller nonzero magnitude means scientific notation (NumPy
    /// compares in the array's dtype).
    const SMALL: Self;
    /// `1000.0` in this type: a larger ratio of the largest to the smallest nonzero magnitude
    /// means scientific notation.
    const RATIO: Self;
    /// Zero.
    const ZERO: Self;
    /// Neither NaN nor infinite.
    fn is_finite(self) -> bool;
    /// NaN.
    fn is_nan(self) -> bool;
    /// The magnitude.
    fn abs(self) -> Self;
    /// `self / other`, rounded in this type (NumPy divides in the array's dtype).
    fn div(self, other: Self) -> Self;
    /// The power of two of the lowest set bit of a finite nonzero value (`k` in `m * 2^k` with
    /// `m` odd): the exact decimal expansion ends `-k` digits after the point when `k < 0`.
    fn lowest_bit_exponent(self) -> i32;
}

macro_rules! float {
    ($t:ty, $cutoff:expr, $mantissa_bits:expr, $exp_mask:expr, $min_exp:expr) => {
        impl Float for $t {
            const EXP_CUTOFF: $t = $cutoff;
            const SMALL: $t = 0.0001;
            const RATIO: $t = 1000.0;
            const ZERO: $t = 0.0;
            fn is_finite(self) -> bool {
                <$t>::is_finite(self)
            }
            fn is_nan(self) -> bool {
                <$t>::is_nan(self)
            }
            fn abs(self) -> $t {
                <$t>::abs(self)
            }
            fn div(self, other: $t) -> $t {
                self / other
            }
            fn lowest_bit_exponent(self) -> i32 {
                let bits = self.to_bits();
                let field = (bits >> $mantissa_bits) & $exp_mask;
                let fraction = bits & ((1 << $mantissa_bits) - 1);
                let (m, k) = if field == 0 {
                    (fraction, $min_exp)
                } else {
                    (
                        fraction | (1 << $mantissa_bits),
                        field as i32 - 1 + $min_exp,
                    )
                };
                k + m.trailing_zeros() as i32
            }
        }
    };
}

// np.finfo(np.float64).precision == 15, np.finfo(np.float32).precision == 6; the smallest
// subnormals are 2^-1074 and 2^-149.
float!(f64, 1e8, 52, 0x7ff, -1074);
float!(f32, 1e6, 23, 0xff, -149);

/// A decimal `±d.ddd × 10^exp` as Rust's `{:e}` writes it.
struct Decimal {
    negative: bool,
    /// The significant digits, without the point (`"0"` for zero).
    digits: String,
    exp: i32,
}

impl Decimal {
    /// Parses Rust's `LowerExp` output (`-1.25e-7`, `0e0`).
    fn parse(text: &str) -> Decimal {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, text),
        };
        let (mantissa, exp) = rest.split_once('e').unwrap_or((rest, "0"));
        Decimal {
            negative,
            digits: mantissa.chars().filter(|c| *c != '.').collect(),
            exp: exp.parse().unwrap_or(0),
        }
    }

    fn sign(&self) -> &'static str {
        if self.negative { "-" } else { "" }
    }
}

/// The shortest digits that read back as `x` in its own type, the closest to `x` of those,
/// and of two equally close the one with the even last digit (Dragon4 `unique=True`). Rust's
/// `{:e}` gives the shortest closest digits but breaks such a tie upwards: float32
/// `1909513.25` is `1.9095132e6` to NumPy (the tie `...25` goes to the even 2), `1.9095133e6`
/// to Rust.
fn shortest<F: Float>(x: F) -> Decimal {
    let d = Decimal::parse(&format!("{x:e}"));
    if !x.is_finite() || x == F::ZERO {
        return d;
    }
    // Every digit of the exact value: it ends `-k` places after the point (`x = m * 2^k`).
    let n = d.digits.len();
    let all = (d.exp as i64 - (x.lowest_bit_exponent() as i64).min(0)).max(n as i64) as usize + 1;
    let exact = Decimal::parse(&format!("{x:.all$e}"));
    let tie = exact.exp == d.exp
        && exact.digits.as_bytes().get(n) == Some(&b'5')
        && exact.digits.bytes().skip(n + 1).all(|c| c == b'0');
    if tie {
        // Rounding the exact value half to even at `n` digits picks the even neighbour; it
        // is the answer if it reads back as `x` (with unequal margins it may not).
        let even = format!("{x:.prec$e}", prec = n - 1);
        if even.parse::<F>().is_ok_and(|y| y == x) {
            return Decimal::parse(&even);
        }
    }
    d
}

/// `x` in positional notation with at most `precision` digits after the point, trailing zeros
/// trimmed (Dragon4 `unique=True, fractional=True, trim='.'`): the integer part with its sign,
/// and the fraction.
fn positional<F: Float>(x: F, precision: usize) -> (String, String) {
    let d = shortest(x);
    let n = d.digits.len() as i64;
    let exp = d.exp as i64;
    if n - 1 - exp > precision as i64 {
        // More digits than asked for: the exact value rounded at the cutoff.
        let text = format!("{x:.precision$}");
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        return (int.to_string(), frac.trim_end_matches('0').to_string());
    }
    if exp >= 0 {
        let cut = (exp + 1).min(n) as usize;
        let zeros = "0".repeat((exp + 1 - n).max(0) as usize);
        (
            format!("{}{}{zeros}", d.sign(), &d.digits[..cut]),
            d.digits[cut..].to_string(),
        )
    } else {
        let zeros = "0".repeat((-exp - 1) as usize);
        (format!("{}0", d.sign()), format!("{zeros}{}", d.digits))
    }
}

/// `x` in scientific notation with at most `precision` digits after the point, trailing zeros
/// trimmed (Dragon4 `unique=True, trim='.'`): the digit before the point with its sign, the
/// fraction, and the decimal exponent.
fn scientific<F: Float>(x: F, precision: usize) -> (String, String, i32) {
    let mut d = shortest(x);
    if d.digits.len() - 1 > precision {
        d = Decimal::parse(&format!("{x:.precision$e}"));
    }
    let frac = d.digits[1..].trim_end_matches('0').to_string();
    (format!("{}{}", d.sign(), &d.digits[..1]), frac, d.exp)
}

/// `x` in scientific notation with exactly `digits` digits after the point (Dragon4
/// `unique=True, precision=digits, min_digits=digits`): the shortest digits when they are that
/// many, otherwise the exact value rounded half to even at that digit, which past the shortest
/// digits shows the value's own further digits, not zeros (float32 `0.3` with 7 digits is
/// `3.0000001e-01`).
fn scientific_exactly<F: Float>(x: F, digits: usize) -> (String, String, i32) {
    let mut d = shortest(x);
    if d.digits.len() - 1 != digits {
        d = Decimal::parse(&format!("{x:.digits$e}"));
    }
    (
        format!("{}{}", d.sign(), &d.digits[..1]),
        d.digits[1..].to_string(),
        d.exp,
    )
}

/// The exponent as Dragon4 writes it: a sign and at least `digits` digits (at least 2).
fn exponent(exp: i32, digits: usize) -> String {
    let sign = if exp < 0 { '-' } else { '+' };
    format!(
        "{sign}{:0digits$}",
        exp.unsigned_abs(),
        digits = digits.max(2)
    )
}

/// NumPy's `FloatingFormat` for one array: the notation and paddings chosen from all the
/// values that will be printed, so that they line up in columns.
pub(crate) struct FloatFormat {
    /// At most this many digits after the point (`np.set_printoptions(precision=...)`).
    precision: usize,
    /// Scientific notation (`exp_format`).
    scientific: bool,
    /// Characters before the point, sign included (`pad_left`).
    pad_left: usize,
    /// Characters after the point (`pad_right`); in scientific notation the exponent's too.
    pad_right: usize,
    /// Digits of the exponent (`exp_size`).
    exp_size: usize,
}

impl FloatFormat {
    /// `FloatingFormat(data, precision, 'maxprec', suppress_small=False)`: `values` are the
    /// elements that will be printed (the edges only when the array is summarized).
    pub(crate) fn new<F: Float>(values: &[F], precision: usize) -> FloatFormat {
        let finite: Vec<F> = values.iter().copied().filter(|x| x.is_finite()).collect();
        let mut magnitudes = finite.iter().map(|x| x.abs()).filter(|x| *x != F::ZERO);
        let exp_format = match magnitudes.next() {
            None => false,
            Some(first) => {
                let (min, max) = magnitudes.fold((first, first), |(lo, hi), x| {
                    (if x < lo { x } else { lo }, if x > hi { x } else { hi })
                });
                max >= F::EXP_CUTOFF || min < F::SMALL || max.div(min) > F::RATIO
            }
        };
        let mut f = FloatFormat {
            precision,
            scientific: exp_format,
            pad_left: 0,
            pad_right: 0,
            exp_size: 0,
        };
        if finite.is_empty() {
            // Only nan and inf: nothing to line up but them.
        } else if exp_format {
            let parts: Vec<_> = finite.iter().map(|&x| scientific(x, precision)).collect();
            f.exp_size = parts
                .iter()
                .map(|(_, _, e)| exponent(*e, 2).len() - 1)
                .max()
                .unwrap_or(2);
            // Every value shows as many digits as the longest (`min_digits`).
            f.precision = parts
                .iter()
                .map(|(_, frac, _)| frac.len())
                .max()
                .unwrap_or(0);
            f.pad_left = parts.iter().map(|(int, _, _)| int.len()).max().unwrap_or(0);
            f.pad_right = f.exp_size + 2 + f.precision;
        } else {
            let parts: Vec<_> = finite.iter().map(|&x| positional(x, precision)).collect();
            f.pad_left = parts.iter().map(|(int, _)| int.len()).max().unwrap_or(0);
            f.pad_right = parts.iter().map(|(_, frac)| frac.len()).max().unwrap_or(0);
        }
        if finite.len() != values.len() {
            // `nan`, `inf` and `-inf` must fit the column too.
            let neg_inf = values
                .iter()
                .any(|x| !x.is_finite() && !x.is_nan() && *x < F::ZERO);
            let after = f.pad_right + 1;
            let widest = 3 + usize::from(neg_inf);
            f.pad_left = f.pad_left.max(widest.saturating_sub(after));
        }
        f
    }

    /// One value, padded to the column (`FloatingFormat.__call__`).
    pub(crate) fn format<F: Float>(&self, x: F) -> String {
        let width_left = self.pad_left;
        if !x.is_finite() {
            let text = if x.is_nan() {
                "nan"
            } else if x < F::ZERO {
                "-inf"
            } else {
                "inf"
            };
            let width = self.pad_left + self.pad_right + 1;
            return format!("{text:>width$}");
        }
        if self.scientific {
            let (int, frac, exp) = scientific_exactly(x, self.precision);
            format!("{int:>width_left$}.{frac}e{}", exponent(exp, self.exp_size))
        } else {
            let (int, frac) = positional(x, self.precision);
            format!("{int:>width_left$}.{frac:<p$}", p = self.pad_right)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column<F: Float>(values: &[F]) -> Vec<String> {
        let f = FloatFormat::new(values, 8);
        values.iter().map(|&x| f.format(x)).collect()
    }

    /// `np.array([1., 2.5, -0.])` prints `[ 1. ,  2.5, -0. ]`.
    #[test]
    fn positional_columns_pad_both_sides() {
        assert_eq!(column(&[1.0f64, 2.5, -0.0]), [" 1. ", " 2.5", "-0. "]);
    }

    /// `np.array([1e-5, 1.5])` prints `[1.0e-05, 1.5e+00]`; `np.array([1e-300, 1e5])` prints
    /// `[1.e-300, 1.e+005]`.
    #[test]
    fn scientific_columns_share_digits_and_exponent_width() {
        assert_eq!(column(&[1e-5f64, 1.5]), ["1.0e-05", "1.5e+00"]);
        assert_eq!(column(&[1e-300f64, 1e5]), ["1.e-300", "1.e+005"]);
    }

    /// `np.array([1/3, 2/3])`: eight digits, the exact value rounded.
    #[test]
    fn long_values_are_cut_at_the_precision() {
        assert_eq!(
            column(&[1.0f64 / 3.0, 2.0 / 3.0]),
            ["0.33333333", "0.66666667"]
        );
    }

    /// `np.array([0.3, 1e-5, 0.12345678], dtype=np.float32)` prints
    /// `[3.0000001e-01, 9.9999997e-06, 1.2345678e-01]`: digits past the shortest are the
    /// value's own; `np.array([5e-324, 1.8e308])` shows `4.94065646e-324`.
    #[test]
    fn scientific_columns_show_real_digits_past_the_shortest() {
        assert_eq!(
            column(&[0.3f32, 1e-5, 0.12345678]),
            ["3.0000001e-01", "9.9999997e-06", "1.2345678e-01"]
        );
        assert_eq!(column(&[5e-324f64, 1.5e308]), ["4.9e-324", "1.5e+308"]);
    }

    /// Of two equally close shortest forms, the even one: float32 `1909513.25` and `47568.5625`
    /// (`np.array([1909513.25, 1e-5], np.float32)` is `[1.9095132e+06, 9.9999997e-06]`).
    #[test]
    // The literals are the exact float32 values whose shortest forms tie, on purpose.
    #[allow(clippy::excessive_precision)]
    fn shortest_ties_go_to_even() {
        assert_eq!(column(&[47568.5625f32]), ["47568.562"]);
        assert_eq!(
            column(&[1909513.25f32, 1e-5]),
            ["1.9095132e+06", "9.9999997e-06"]
        );
        assert_eq!(1.0f64.lowest_bit_exponent(), 0);
        assert_eq!(0.75f32.lowest_bit_exponent(), -2);
        assert_eq!(f64::from_bits(1).lowest_bit_exponent(), -1074);
    }

    /// `np.array([0.1], dtype=np.float32)` is `[0.1]`, not float64's `0.10000000149011612`;
    /// float32 switches to scientific at 1e6.
    #[test]
    fn f32_uses_its_own_digits_and_cutoff() {
        assert_eq!(column(&[0.1f32]), ["0.1"]);
        assert_eq!(column(&[1e6f32, 1.0]), ["1.e+06", "1.e+00"]);
    }

    /// `np.array([np.nan, -np.inf])` prints `[ nan, -inf]`.
    #[test]
    fn non_finite_values_widen_the_column() {
        assert_eq!(column(&[f64::NAN, f64::NEG_INFINITY]), [" nan", "-inf"]);
        assert_eq!(column(&[1.5f64, f64::INFINITY]), ["1.5", "inf"]);
    }
}
