//! Inline `log` and `log1p` (float64 algorithm; float32 is widened to it).
//!
//! `x = 2^k · m` with `m` in `[√½, √2)`, found by integer arithmetic on the bits (the exponent
//! field of `x`'s bits plus `1 − √½`'s offset, so a mantissa at or above `√2` carries into the
//! exponent); subnormal `x` is first scaled by `2^54`. With `f = m − 1` and `s = f / (2 + f)`,
//! `log(1 + f) = 2s + s·R(s²)`, `R` fdlibm's degree-14 even minimax polynomial (`Lg1..Lg7`,
//! error below 2^-58.45) and fdlibm's split of `k·ln 2` and `f²/2` so the big terms add last.
//! `log1p` computes `u = 1 + x` the same way and adds fdlibm's correction `c ≈ (x − (u − 1)) / u`
//! for the rounding of `1 + x`; when `u` is already in `[√½, √2)` it uses `f = x` itself.
//! Special values as libm: `log(±0) = −inf`, `log(x < 0) = NaN`, `log(inf) = inf`,
//! `log1p(−1) = −inf`, `log1p(x < −1) = NaN`, `log1p(±0) = ±0`.

// The coefficients are written with the digits fdlibm publishes (each is the nearest double).
#![allow(clippy::excessive_precision)]

use super::{Em, by_dtype};
use cranelift_codegen::ir::condcodes::FloatCC;
use cranelift_codegen::ir::{InstBuilder, Value};
use cranelift_frontend::FunctionBuilder;
use lazyarray_ir::DType;

/// fdlibm's `log` coefficients: `R(z) = Lg1·z + Lg2·z² + … + Lg7·z⁷`.
const LG: [f64; 7] = [
    6.666_666_666_666_735_130e-01,
    3.999_999_999_940_941_908e-01,
    2.857_142_874_366_239_149e-01,
    2.222_219_843_214_978_396e-01,
    1.818_357_216_161_805_012e-01,
    1.531_383_769_920_937_332e-01,
    1.479_819_860_511_658_591e-01,
];
/// `ln 2` in a high part with 32 trailing zero bits (so `k·LN2_HI` is exact) and the rest.
const LN2_HI: f64 = 6.931_471_803_691_238_164_90e-01;
const LN2_LO: f64 = 1.908_214_929_270_587_700_02e-10;
/// Bits of `√½`, and what turns them into those of `1.0`.
const SQRT_HALF_BITS: i64 = 0x3FE6_A09E_667F_3BCD;
const TO_ONE: i64 = 0x3FF0_0000_0000_0000 - SQRT_HALF_BITS;

/// Emits `log(x)` (natural) for `x` of float dtype `d`, a scalar or a 128-bit vector.
pub(crate) fn log(b: &mut FunctionBuilder, x: Value, d: DType) -> Value {
    by_dtype(b, x, d, log64)
}

/// Emits `log1p(x) = log(1 + x)` for `x` of float dtype `d`, a scalar or a 128-bit vector.
pub(crate) fn log1p(b: &mut FunctionBuilder, x: Value, d: DType) -> Value {
    by_dtype(b, x, d, log1p64)
}

/// `(k, m)` with `x = 2^k · m`, `m` in `[√½, √2)`, for positive normal `x`.
fn split(e: &mut Em, x: Value) -> (Value, Value) {
    let bits = e.ibits(x);
    let to_one = e.ic(TO_ONE);
    let hx = e.b.ins().iadd(bits, to_one);
    // The biased exponent of `m`'s carry-adjusted value, as a float: its bits added to those
    // of 1.5·2^52, minus 1.5·2^52 + 1023.
    let biased = e.b.ins().ushr_imm_u(hx, 52);
    let magic_bits = e.ic(0x4338_0000_0000_0000);
    let kb = e.b.ins().iadd(biased, magic_bits);
    let kb = e.fbits(kb);
    let unbias = e.c(6_755_399_441_055_744.0 + 1023.0);
    let k = e.sub(kb, unbias);
    let mant = e.ic(0x000F_FFFF_FFFF_FFFF);
    let mbits = e.b.ins().band(hx, mant);
    let sqrt_half = e.ic(SQRT_HALF_BITS);
    let mbits = e.b.ins().iadd(mbits, sqrt_half);
    let m = e.fbits(mbits);
    (k, m)
}

/// fdlibm's kernel: `log(2^k · (1 + f)) + c` for `1 + f` in `[√½, √2)`.
fn kernel(e: &mut Em, k: Value, f: Value, c: Value) -> Value {
    let two = e.c(2.0);
    let d = e.add(two, f);
    let s = e.div(f, d);
    let z = e.mul(s, s);
    let w = e.mul(z, z);
    let t1 = e.horner(w, &[LG[1], LG[3], LG[5]]);
    let t1 = e.mul(w, t1);
    let t2 = e.horner(w, &[LG[0], LG[2], LG[4], LG[6]]);
    let t2 = e.mul(z, t2);
    let r = e.add(t2, t1);
    let half = e.c(0.5);
    let hf = e.mul(half, f);
    let hfsq = e.mul(hf, f);
    // s·(hfsq + R) + (k·ln2_lo + c) − hfsq + f + k·ln2_hi, left to right.
    let sr = e.add(hfsq, r);
    let sr = e.mul(s, sr);
    let lo = e.c(LN2_LO);
    let klo = e.fma(k, lo, c);
    let y = e.add(sr, klo);
    let y = e.sub(y, hfsq);
    let y = e.add(y, f);
    let hi = e.c(LN2_HI);
    e.fma(k, hi, y)
}

fn log64(e: &mut Em, x: Value) -> Value {
    // Subnormals: scale into the normal range first.
    let tiny = e.cmp_c(FloatCC::LessThan, x, f64::MIN_POSITIVE);
    let scale = e.c(18_014_398_509_481_984.0); // 2^54
    let scaled = e.mul(x, scale);
    let xs = e.sel(tiny, scaled, x);
    let zero = e.c(0.0);
    let adjust = e.sel_c(tiny, 54.0, zero);
    let (k, m) = split(e, xs);
    let k = e.sub(k, adjust);
    let one = e.c(1.0);
    let f = e.sub(m, one);
    let y = kernel(e, k, f, zero);
    let inf = e.cmp_c(FloatCC::Equal, x, f64::INFINITY);
    let y = e.sel_c(inf, f64::INFINITY, y);
    let is0 = e.cmp_c(FloatCC::Equal, x, 0.0);
    let y = e.sel_c(is0, f64::NEG_INFINITY, y);
    let neg = e.cmp_c(FloatCC::LessThan, x, 0.0);
    let y = e.sel_c(neg, f64::NAN, y);
    let nan = e.cmp(FloatCC::Unordered, x, x);
    e.sel(nan, x, y)
}

fn log1p64(e: &mut Em, x: Value) -> Value {
    let one = e.c(1.0);
    let u = e.add(one, x);
    let (k, m) = split(e, u);
    // The correction for the rounding of 1 + x: exact differences for u >= 2 and u < 2.
    let ux = e.sub(u, x);
    let c_big = e.sub(one, ux);
    let u1 = e.sub(u, one);
    let c_small = e.sub(x, u1);
    let big = e.cmp_c(FloatCC::GreaterThanOrEqual, k, 2.0);
    let c = e.sel(big, c_big, c_small);
    let c = e.div(c, u);
    // k = 0: 1 + x is in [√½, √2) and f = x exactly, no correction.
    let k0 = e.cmp_c(FloatCC::Equal, k, 0.0);
    let zero = e.c(0.0);
    let c = e.sel(k0, zero, c);
    let m1 = e.sub(m, one);
    let f = e.sel(k0, x, m1);
    let y = kernel(e, k, f, c);
    // log1p(x) = x for |x| < 2^-54 (and keeps -0.0 and subnormals exact).
    let a = e.b.ins().fabs(x);
    let small = e.cmp_c(FloatCC::LessThan, a, 5.551_115_123_125_783e-17);
    let y = e.sel(small, x, y);
    let inf = e.cmp_c(FloatCC::Equal, x, f64::INFINITY);
    let y = e.sel_c(inf, f64::INFINITY, y);
    let m1 = e.cmp_c(FloatCC::Equal, x, -1.0);
    let y = e.sel_c(m1, f64::NEG_INFINITY, y);
    let below = e.cmp_c(FloatCC::LessThan, x, -1.0);
    let y = e.sel_c(below, f64::NAN, y);
    let nan = e.cmp(FloatCC::Unordered, x, x);
    e.sel(nan, x, y)
}
