//! Inline `sin` and `cos` (float64 algorithm; float32 is widened to it).
//!
//! On `a = |x|`: `n = round(a · 2/π)` and `a − n·π/2 = y0 + y1` by fdlibm's medium-range
//! reduction, all three rounds unconditionally: π/2 in three 33-bit parts (so `n·part` is exact
//! for `n < 2^20`) each with its tail, the rounding error of every subtraction carried along,
//! about 118 bits of π/2 in all — accurate for `|x| < 2^20·π/2 ≈ 1.6e6` including the inputs
//! closest to multiples of π/2. Then fdlibm's kernels on `[−π/4, π/4]`: a degree-13 odd
//! polynomial for `sin` (`S1..S6`) and a degree-14 even one for `cos` (`C1..C6`), both taking
//! the tail `y1`, chosen and negated per lane by `n mod 4` (`cos` is `sin` one quadrant on).
//! `sin` gets `x`'s sign back at the end (so `sin(−0) = −0`); NaN stays NaN.
//!
//! Beyond `|x| > 1.6e6` (and at ±inf, giving NaN) a scalar or a vector holding such a lane
//! branches to a cold block calling libm for it ([`super::beyond_limit_by_libm`]): exact for
//! every finite input, and arrays of ordinary angles never take it.

// The coefficients are written with the digits fdlibm publishes (each is the nearest double).
#![allow(clippy::excessive_precision)]

use super::{Em, beyond_limit_by_libm, via_f64};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, Value};
use cranelift_frontend::FunctionBuilder;
use lazyarray_ir::DType;

/// fdlibm's π/2 split: 33-bit parts and their tails.
const PIO2_1: f64 = 1.570_796_326_734_125_614_17e+00;
const PIO2_2: f64 = 6.077_100_506_303_965_976_60e-11;
const PIO2_2T: f64 = 2.022_266_248_795_950_631_54e-21;
const PIO2_3: f64 = 2.022_266_248_711_166_455_80e-21;
const PIO2_3T: f64 = 8.478_427_660_368_899_569_97e-32;
const INV_PIO2: f64 = std::f64::consts::FRAC_2_PI;

/// fdlibm's `__kernel_sin` coefficients (of `x³ … x¹³`).
const S: [f64; 6] = [
    -1.666_666_666_666_663_243_48e-01,
    8.333_333_333_322_489_461_24e-03,
    -1.984_126_982_985_794_931_34e-04,
    2.755_731_370_707_006_767_89e-06,
    -2.505_076_025_340_686_341_95e-08,
    1.589_690_995_211_550_102_21e-10,
];
/// fdlibm's `__kernel_cos` coefficients (of `x⁴ … x¹⁴`).
const C: [f64; 6] = [
    4.166_666_666_666_660_190_37e-02,
    -1.388_888_888_887_410_957_49e-03,
    2.480_158_728_947_672_941_78e-05,
    -2.755_731_435_139_066_330_35e-07,
    2.087_572_321_298_174_827_90e-09,
    -1.135_964_755_778_819_482_65e-11,
];

/// Up to here the reduction is accurate (`n < 2^20`); beyond, libm.
const LIMIT: f64 = 1.6e6;

/// Emits `sin(x)` for `x` of float dtype `d`, a scalar or a 128-bit vector.
pub(crate) fn sin(b: &mut FunctionBuilder, x: Value, d: DType) -> Value {
    trig(b, x, d, false)
}

/// Emits `cos(x)` for `x` of float dtype `d`, a scalar or a 128-bit vector.
pub(crate) fn cos(b: &mut FunctionBuilder, x: Value, d: DType) -> Value {
    trig(b, x, d, true)
}

extern "C" fn libm_sin64(x: f64) -> f64 {
    x.sin()
}
extern "C" fn libm_cos64(x: f64) -> f64 {
    x.cos()
}
extern "C" fn libm_sin32(x: f32) -> f32 {
    x.sin()
}
extern "C" fn libm_cos32(x: f32) -> f32 {
    x.cos()
}

fn trig(b: &mut FunctionBuilder, x: Value, d: DType, cosine: bool) -> Value {
    let (form, libm): (fn(&mut Em, Value) -> Value, *const u8) = match (d, cosine) {
        (DType::F32, false) => (sin64, libm_sin32 as *const u8),
        (DType::F32, true) => (cos64, libm_cos32 as *const u8),
        (_, false) => (sin64, libm_sin64 as *const u8),
        (_, true) => (cos64, libm_cos64 as *const u8),
    };
    let fast = if d == DType::F32 {
        via_f64(b, x, form)
    } else {
        let ty = b.func.dfg.value_type(x);
        form(&mut Em::new(b, ty), x)
    };
    beyond_limit_by_libm(b, x, LIMIT, fast, libm)
}

fn sin64(e: &mut Em, x: Value) -> Value {
    let a = e.b.ins().fabs(x);
    let y = quadrants(e, a, 0);
    // sin(x) = sign(x) · sin(|x|)
    let sign = e.ic(i64::MIN);
    let xb = e.ibits(x);
    let xs = e.b.ins().band(xb, sign);
    let yb = e.ibits(y);
    let yb = e.b.ins().bxor(yb, xs);
    e.fbits(yb)
}

fn cos64(e: &mut Em, x: Value) -> Value {
    let a = e.b.ins().fabs(x);
    quadrants(e, a, 1)
}

/// `sin(a + shift·π/2)` for `a >= 0`.
fn quadrants(e: &mut Em, a: Value, shift: i64) -> Value {
    let inv = e.c(INV_PIO2);
    let t = e.mul(a, inv);
    let n = e.b.ins().nearest(t);
    let (y0, y1) = reduce(e, a, n);
    let s = kernel_sin(e, y0, y1);
    let c = kernel_cos(e, y0, y1);
    // q = (n + shift) mod 4 from n's bits in 1.5·2^52 + n.
    let magic = e.c(6_755_399_441_055_744.0);
    let nm = e.add(n, magic);
    let q = e.ibits(nm);
    let shift = e.ic(shift);
    let q = e.b.ins().iadd(q, shift);
    let one = e.ic(1);
    let odd = e.b.ins().band(q, one);
    let zero = e.ic(0);
    let odd = e.b.ins().icmp(IntCC::NotEqual, odd, zero);
    let y = e.sel(odd, c, s);
    // Quadrants 2 and 3: negate (bit 1 of q moved to the sign bit).
    let two = e.ic(2);
    let neg = e.b.ins().band(q, two);
    let neg = e.b.ins().ishl_imm_u(neg, 62);
    let yb = e.ibits(y);
    let yb = e.b.ins().bxor(yb, neg);
    e.fbits(yb)
}

/// `a − n·π/2` as `y0 + y1` (fdlibm's three rounds).
fn reduce(e: &mut Em, a: Value, n: Value) -> (Value, Value) {
    let p1 = e.c(PIO2_1);
    let w = e.mul(n, p1);
    let mut r = e.sub(a, w);
    let mut w = e.c(0.0);
    for (part, tail) in [(PIO2_2, PIO2_2T), (PIO2_3, PIO2_3T)] {
        let t = r;
        let p = e.c(part);
        let nw = e.mul(n, p);
        r = e.sub(t, nw);
        // w = n·tail − ((t − r) − n·part): the rounding error of t − n·part, and the tail.
        let tr = e.sub(t, r);
        let err = e.sub(tr, nw);
        let tl = e.c(tail);
        let nt = e.mul(n, tl);
        w = e.sub(nt, err);
    }
    let y0 = e.sub(r, w);
    let ry = e.sub(r, y0);
    let y1 = e.sub(ry, w);
    (y0, y1)
}

/// fdlibm's `__kernel_sin(x, y)` for `|x + y| <= π/4`.
fn kernel_sin(e: &mut Em, x: Value, y: Value) -> Value {
    let z = e.mul(x, x);
    let w = e.mul(z, z);
    let r1 = e.horner(z, &[S[1], S[2], S[3]]);
    let r2 = e.horner(z, &[S[4], S[5]]);
    let zw = e.mul(z, w);
    let r = e.fma(zw, r2, r1);
    let v = e.mul(z, x);
    // x − ((z·(y/2 − v·r) − y) − v·S1)
    let half = e.c(0.5);
    let hy = e.mul(half, y);
    let vr = e.mul(v, r);
    let t = e.sub(hy, vr);
    let t = e.mul(z, t);
    let t = e.sub(t, y);
    let s1 = e.c(S[0]);
    let vs = e.mul(v, s1);
    let t = e.sub(t, vs);
    e.sub(x, t)
}

/// fdlibm's `__kernel_cos(x, y)` for `|x + y| <= π/4`.
fn kernel_cos(e: &mut Em, x: Value, y: Value) -> Value {
    let z = e.mul(x, x);
    let w = e.mul(z, z);
    let r1 = e.horner(z, &[C[0], C[1], C[2]]);
    let r1 = e.mul(z, r1);
    let r2 = e.horner(z, &[C[3], C[4], C[5]]);
    let ww = e.mul(w, w);
    let r = e.fma(ww, r2, r1);
    let half = e.c(0.5);
    let hz = e.mul(half, z);
    let one = e.c(1.0);
    let w = e.sub(one, hz);
    // w + (((1 − w) − hz) + (z·r − x·y))
    let ow = e.sub(one, w);
    let ow = e.sub(ow, hz);
    let xy = e.mul(x, y);
    let zr = e.mul(z, r);
    let zr = e.sub(zr, xy);
    let t = e.add(ow, zr);
    e.add(w, t)
}
