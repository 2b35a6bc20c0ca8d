//! Inline `exp`, native in float32 and float64.
//!
//! `exp(x) = 2^n · exp(r)` with `n = round(x / ln 2)` and `r = x − n·ln 2` (ln 2 split in a high
//! part with trailing zeros and a low part, so `n·ln2_hi` is exact), `|r| ≤ ln2/2`; `exp(r)` is
//! its Taylor polynomial (degree 13 for f64, 7 for f32: truncation error far below half an ulp)
//! by Estrin's scheme with fused multiply-adds (fine here: this is our polynomial, not the
//! user's arithmetic). `2^n` is built from exponent bits in two factors, so results down to the
//! smallest subnormal are reached. Overflow gives `inf`, underflow `0`, NaN stays NaN. Measured
//! error against libm: see `tests/math.rs` (the bound the tests enforce is 4 ulp).

use super::{bitcast, select};
use cranelift_codegen::ir::condcodes::FloatCC;
use cranelift_codegen::ir::{InstBuilder, Value, types};
use cranelift_frontend::FunctionBuilder;
use lazyarray_ir::DType;

/// The constants of one float width.
struct Consts {
    log2e: f64,
    ln2_hi: f64,
    ln2_lo: f64,
    /// Adding this to an integer-valued float puts the integer in the low mantissa bits.
    magic: f64,
    magic_bits: i64,
    bias: i64,
    mantissa_bits: i64,
    /// Above: `inf`; below: `0`.
    max: f64,
    min: f64,
    degree: usize,
}

const F64: Consts = Consts {
    log2e: std::f64::consts::LOG2_E,
    // fdlibm's split: ln2_hi has 21 trailing zero bits.
    ln2_hi: f64::from_bits(0x3FE6_2E42_FEE0_0000),
    ln2_lo: f64::from_bits(0x3DEA_39EF_3579_3C76),
    magic: 6_755_399_441_055_744.0,
    magic_bits: 0x4338_0000_0000_0000,
    bias: 1023,
    mantissa_bits: 52,
    max: 709.782_712_893_384,
    min: -745.133_219_101_941_2,
    degree: 13,
};

const F32: Consts = Consts {
    log2e: std::f32::consts::LOG2_E as f64,
    ln2_hi: 0.693_145_751_953_125,
    ln2_lo: 1.428_606_8e-6,
    magic: 12_582_912.0,
    magic_bits: 0x4B40_0000,
    bias: 127,
    mantissa_bits: 23,
    max: 88.722_839,
    min: -103.972_084,
    degree: 7,
};

/// Emits `exp(x)` for `x` of float dtype `d`, a scalar or a 128-bit vector.
pub(crate) fn exp(b: &mut FunctionBuilder, x: Value, d: DType) -> Value {
    let fty = b.func.dfg.value_type(x);
    let vector = fty.is_vector();
    let k = if d == DType::F32 { &F32 } else { &F64 };
    let ity = match (d, vector) {
        (DType::F32, false) => types::I32,
        (DType::F32, true) => types::I32X4,
        (_, false) => types::I64,
        (_, true) => types::I64X2,
    };
    let fc = |b: &mut FunctionBuilder, v: f64| -> Value {
        let s = if d == DType::F32 {
            b.ins().f32const(v as f32)
        } else {
            b.ins().f64const(v)
        };
        if vector { b.ins().splat(fty, s) } else { s }
    };
    let ic = |b: &mut FunctionBuilder, v: i64| -> Value {
        let lane = if d == DType::F32 {
            types::I32
        } else {
            types::I64
        };
        let s = b.ins().iconst(lane, v);
        if vector { b.ins().splat(ity, s) } else { s }
    };
    let to_int = |b: &mut FunctionBuilder, v: Value| bitcast(b, ity, v);
    let to_float = |b: &mut FunctionBuilder, v: Value| bitcast(b, fty, v);

    // n = round(x * log2(e)); r = x - n*ln2 (in two parts).
    let log2e = fc(b, k.log2e);
    let t = b.ins().fmul(x, log2e);
    let n = b.ins().nearest(t);
    let neg_n = b.ins().fneg(n);
    let ln2_hi = fc(b, k.ln2_hi);
    let ln2_lo = fc(b, k.ln2_lo);
    let r = b.ins().fma(neg_n, ln2_hi, x);
    let r = b.ins().fma(neg_n, ln2_lo, r);

    // exp(r) = sum of r^i / i!, by Estrin's scheme (pairs, then pairs of pairs with r^2, r^4,
    // r^8): a dependency chain of depth ~log2(degree) instead of Horner's `degree`.
    let mut factorial = 1.0f64;
    let mut terms: Vec<Value> = Vec::with_capacity(k.degree + 1);
    for i in 0..=k.degree {
        if i > 0 {
            factorial *= i as f64;
        }
        terms.push(fc(b, 1.0 / factorial));
    }
    let mut power = r;
    while terms.len() > 1 {
        let mut next = Vec::with_capacity(terms.len().div_ceil(2));
        for pair in terms.chunks(2) {
            next.push(match pair {
                [lo, hi] => b.ins().fma(*hi, power, *lo),
                [lo] => *lo,
                _ => unreachable!(),
            });
        }
        terms = next;
        power = b.ins().fmul(power, power);
    }
    let p = terms[0];

    // 2^n as two factors 2^(n/2) and 2^(n - n/2), from exponent bits.
    let magic = fc(b, k.magic);
    let shifted = b.ins().fadd(n, magic);
    let bits = to_int(b, shifted);
    let magic_bits = ic(b, k.magic_bits);
    let n_int = b.ins().isub(bits, magic_bits);
    let half = b.ins().sshr_imm_u(n_int, 1);
    let rest = b.ins().isub(n_int, half);
    let bias = ic(b, k.bias);
    let e1 = b.ins().iadd(half, bias);
    let e1 = b.ins().ishl_imm_u(e1, k.mantissa_bits);
    let e2 = b.ins().iadd(rest, bias);
    let e2 = b.ins().ishl_imm_u(e2, k.mantissa_bits);
    let s1 = to_float(b, e1);
    let s2 = to_float(b, e2);
    let y = b.ins().fmul(p, s1);
    let y = b.ins().fmul(y, s2);

    // Overflow, underflow, NaN.
    let max = fc(b, k.max);
    let min = fc(b, k.min);
    let inf = fc(b, f64::INFINITY);
    let zero = fc(b, 0.0);
    let over = b.ins().fcmp(FloatCC::GreaterThan, x, max);
    let y = select(b, over, inf, y);
    let under = b.ins().fcmp(FloatCC::LessThan, x, min);
    let y = select(b, under, zero, y);
    let nan = b.ins().fcmp(FloatCC::Unordered, x, x);
    select(b, nan, x, y)
}
