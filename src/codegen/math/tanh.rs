//! Inline `expm1` and `tanh` (float64 algorithms; float32 `expm1` is widened to float64).
//!
//! `expm1(x) = x + x²·Q(x)` for `|x| < ln2/2`, `Q` the Taylor series of `(eˣ − 1 − x)/x²` to
//! degree 12 (truncation below 2^-60 relative on that interval); elsewhere `n = round(x/ln2)`,
//! `r = x − n·ln2` (ln 2 in fdlibm's two parts, as `exp`) and
//! `expm1(x) = 2ⁿ·expm1(r) + (2ⁿ − 1)` with one fused multiply-add (`2ⁿ − 1` is exact where it
//! matters, `n <= 53`). Near overflow `2ⁿ` is applied in two factors; above `ln(MAX)` the result
//! is `inf`, below −40 it is −1 (its correctly rounded value), ±0 and NaN come back unchanged.
//!
//! float64 `tanh` follows fdlibm's formulas on `a = |x|`, each over the range where it does not
//! cancel: `−t/(t+2)` with `t = expm1(−2a)` for `a <= ln(5/3)/2`, `t/(t+2)` with
//! `t = expm1(2a)` up to `ln(3)/2`, then `1 − 2/(t+2)`, and 1 beyond 20; then `x`'s sign
//! (`tanh(−0) = −0`).
//!
//! float32 `tanh` runs natively in four float32 lanes (no widening): a Taylor polynomial below
//! 0.625 and `1 − 2/(exp(2a) + 1)` with the inline float32 `exp` above (see [`tanh32`];
//! within 2 ulp of libm, checked exhaustively over `[0.25, 4)`).

// The coefficients are written with the digits fdlibm publishes (each is the nearest double).
#![allow(clippy::excessive_precision)]

use super::{Em, by_dtype};
use cranelift_codegen::ir::condcodes::FloatCC;
use cranelift_codegen::ir::{InstBuilder, Value};
use cranelift_frontend::FunctionBuilder;
use lazyarray_ir::DType;

/// Emits `expm1(x) = exp(x) − 1` for `x` of float dtype `d`, a scalar or a 128-bit vector.
pub(crate) fn expm1(b: &mut FunctionBuilder, x: Value, d: DType) -> Value {
    by_dtype(b, x, d, expm1_64)
}

/// Emits `tanh(x)` for `x` of float dtype `d`, a scalar or a 128-bit vector.
pub(crate) fn tanh(b: &mut FunctionBuilder, x: Value, d: DType) -> Value {
    match d {
        DType::F32 => {
            let ty = b.func.dfg.value_type(x);
            tanh32(&mut Em::new(b, ty), x)
        }
        _ => by_dtype(b, x, d, tanh64),
    }
}

const HALF_LN2: f64 = 0.346_573_590_279_972_65;
const LN2_HI: f64 = f64::from_bits(0x3FE6_2E42_FEE0_0000);
const LN2_LO: f64 = f64::from_bits(0x3DEA_39EF_3579_3C76);
/// `ln(f64::MAX)`: above it `expm1` overflows.
const MAX_ARG: f64 = 709.782_712_893_384;

/// `1/(i+2)!` for `i = 0..=12`.
fn q_coeffs() -> [f64; 13] {
    let mut c = [0.0; 13];
    let mut f = 2.0f64;
    for (i, ci) in c.iter_mut().enumerate() {
        *ci = 1.0 / f;
        f *= (i + 3) as f64;
    }
    c
}

fn expm1_64(e: &mut Em, x: Value) -> Value {
    let a = e.b.ins().fabs(x);
    let small = e.cmp_c(FloatCC::LessThan, a, HALF_LN2);
    let log2e = e.c(std::f64::consts::LOG2_E);
    let t = e.mul(x, log2e);
    let n = e.b.ins().nearest(t);
    let zero = e.c(0.0);
    let n = e.sel(small, zero, n);
    let neg_n = e.b.ins().fneg(n);
    let hi = e.c(LN2_HI);
    let lo = e.c(LN2_LO);
    let r = e.fma(neg_n, hi, x);
    let r = e.fma(neg_n, lo, r);
    // p = expm1(r) = r + r²·Q(r)
    let q = e.horner(r, &q_coeffs());
    let r2 = e.mul(r, r);
    let p = e.fma(r2, q, r);
    // 2^n·p + (2^n − 1), n in [-58, 1024] here (beyond, the selects below decide).
    let floor = e.c(-60.0);
    let low = e.cmp(FloatCC::LessThan, n, floor);
    let n = e.sel(low, floor, n);
    let half = e.c(0.5);
    let hn = e.mul(n, half);
    let hn = e.b.ins().floor(hn);
    let rest = e.sub(n, hn);
    let s1 = e.pow2(hn);
    let s2 = e.pow2(rest);
    let s = e.mul(s1, s2);
    let one = e.c(1.0);
    let sm1 = e.sub(s, one);
    let y = e.fma(s, p, sm1);
    // Near overflow (2^n itself may overflow): (p + 1)·2^(n/2)·2^(n − n/2).
    let p1 = e.add(p, one);
    let big = e.mul(p1, s1);
    let big = e.mul(big, s2);
    let near = e.cmp_c(FloatCC::GreaterThan, n, 1000.0);
    let y = e.sel(near, big, y);
    let over = e.cmp_c(FloatCC::GreaterThan, x, MAX_ARG);
    let y = e.sel_c(over, f64::INFINITY, y);
    let under = e.cmp_c(FloatCC::LessThan, x, -40.0);
    let y = e.sel_c(under, -1.0, y);
    let is0 = e.cmp_c(FloatCC::Equal, x, 0.0);
    let y = e.sel(is0, x, y);
    let nan = e.cmp(FloatCC::Unordered, x, x);
    e.sel(nan, x, y)
}

fn tanh64(e: &mut Em, x: Value) -> Value {
    let a = e.b.ins().fabs(x);
    let mid = e.cmp_c(FloatCC::GreaterThan, a, 0.255_412_811_882_995_3);
    let big = e.cmp_c(FloatCC::GreaterThan, a, 0.549_306_144_334_054_9);
    let two = e.c(2.0);
    let a2 = e.mul(a, two);
    let na2 = e.b.ins().fneg(a2);
    let arg = e.sel(mid, a2, na2);
    let t = expm1_64(e, arg);
    let d = e.add(t, two);
    let q = e.div(t, d);
    let nq = e.b.ins().fneg(q);
    let one = e.c(1.0);
    let inv = e.div(two, d);
    let z_big = e.sub(one, inv);
    let z = e.sel(mid, q, nq);
    let z = e.sel(big, z_big, z);
    let sat = e.cmp_c(FloatCC::GreaterThan, a, 20.0);
    let z = e.sel(sat, one, z);
    // x's sign (z >= 0 or NaN)
    let sign = e.ic(i64::MIN);
    let xb = e.ibits(x);
    let xs = e.b.ins().band(xb, sign);
    let zb = e.ibits(z);
    let zb = e.b.ins().bor(zb, xs);
    e.fbits(zb)
}

/// `tanh(a)`'s Taylor coefficients of `a^3, a^5, …, a^21` (`2^2n·(2^2n − 1)·B_2n / (2n)!`).
const TANH_TAYLOR: [f64; 10] = [
    -0.333_333_333_333_333_3,
    0.133_333_333_333_333_33,
    -0.053_968_253_968_253_97,
    0.021_869_488_536_155_203,
    -0.008_863_235_529_902_197,
    0.003_592_128_036_572_481,
    -0.001_455_834_387_051_318_3,
    0.000_590_027_440_945_586,
    -0.000_239_129_114_243_552_48,
    9.691_537_956_929_451e-5,
];

/// `tanh` natively in float32 lanes: `a + a·z·P(z)` (`z = a²`, `P` the Taylor series to
/// `a^21`, truncation below 2^-29 relative) for `a = |x| < 0.625`, where the other form
/// cancels; above, `1 − 2/(exp(2a) + 1)` with the inline float32 `exp` (saturating to 1 when
/// `exp` overflows); then `x`'s sign.
fn tanh32(e: &mut Em, x: Value) -> Value {
    let a = e.b.ins().fabs(x);
    let z = e.mul(a, a);
    let p = e.horner(z, &TANH_TAYLOR);
    let az = e.mul(a, z);
    let small_y = e.fma(az, p, a);
    let two = e.c(2.0);
    let a2 = e.mul(a, two);
    let ex = super::exp(e.b, a2, DType::F32);
    let one = e.c(1.0);
    let d = e.add(ex, one);
    let q = e.div(two, d);
    let big_y = e.sub(one, q);
    let small = e.cmp_c(FloatCC::LessThan, a, 0.625);
    let y = e.sel(small, small_y, big_y);
    let sign = e.ic(0x8000_0000);
    let xb = e.ibits(x);
    let xs = e.b.ins().band(xb, sign);
    let yb = e.ibits(y);
    let yb = e.b.ins().bor(yb, xs);
    e.fbits(yb)
}
