//! Inline transcendental functions for compiled kernels: range reduction and a polynomial, the
//! same instructions for scalars and for 128-bit vectors, so a value gets the same result in
//! the vector body and in the scalar tail. One file per function family:
//!
//! - [`exp`](exp::exp): `exp`, native in f32 and f64;
//! - [`log`](log::log), [`log1p`](log::log1p): exponent/mantissa split and fdlibm's polynomial;
//! - [`sin`](trig::sin), [`cos`](trig::cos): fdlibm's three-round π/2 reduction and kernels,
//!   with a vector-wide branch to libm for the rare huge arguments;
//! - [`expm1`](tanh::expm1), [`tanh`](tanh::tanh): a reduced `expm1` polynomial and the
//!   `tanh` formulas built on it (float32 `tanh`: natively, a polynomial and a formula on
//!   `exp`).
//!
//! Apart from `exp` and `tanh`, the float32 forms widen to float64, run the float64 algorithm and round
//! once at the end (as musl's `sinf`/`cosf` kernels compute in double): the result is within
//! about half an ulp of float32, at the throughput of the float64 form. The bound the tests
//! enforce against libm is 4 ulp (`tests/math.rs` reports the measured maximum).

mod exp;
mod log;
mod tanh;
mod trig;

pub(crate) use exp::exp;
pub(crate) use log::{log, log1p};
pub(crate) use tanh::{expm1, tanh};
pub(crate) use trig::{cos, sin};

#[cfg(test)]
mod tests;

use cranelift_codegen::ir::condcodes::FloatCC;
use cranelift_codegen::ir::{
    AbiParam, ConstantData, Endianness, InstBuilder, MemFlagsData, Signature, Type, Value, types,
};
use cranelift_frontend::FunctionBuilder;
use lazyarray_ir::DType;

/// Emits instructions on values of one float type (a scalar or a 128-bit vector): constants
/// splatted to that type, the integer type of the same lane width, lane-wise selects.
pub(super) struct Em<'a, 'f> {
    pub(super) b: &'a mut FunctionBuilder<'f>,
    /// The float type (`F32`, `F64`, `F32X4` or `F64X2`).
    pub(super) fty: Type,
}

impl<'a, 'f> Em<'a, 'f> {
    pub(super) fn new(b: &'a mut FunctionBuilder<'f>, fty: Type) -> Self {
        Em { b, fty }
    }

    fn f32(&self) -> bool {
        self.fty.lane_type() == types::F32
    }

    /// The integer type with the float type's lanes.
    pub(super) fn ity(&self) -> Type {
        match (self.f32(), self.fty.is_vector()) {
            (true, false) => types::I32,
            (true, true) => types::I32X4,
            (false, false) => types::I64,
            (false, true) => types::I64X2,
        }
    }

    /// A float constant in every lane.
    pub(super) fn c(&mut self, v: f64) -> Value {
        let s = if self.f32() {
            self.b.ins().f32const(v as f32)
        } else {
            self.b.ins().f64const(v)
        };
        self.splat(s)
    }

    /// An integer constant in every lane.
    pub(super) fn ic(&mut self, v: i64) -> Value {
        let lane = if self.f32() { types::I32 } else { types::I64 };
        let s = self.b.ins().iconst(lane, v);
        if self.fty.is_vector() {
            let ity = self.ity();
            self.b.ins().splat(ity, s)
        } else {
            s
        }
    }

    fn splat(&mut self, s: Value) -> Value {
        if self.fty.is_vector() {
            self.b.ins().splat(self.fty, s)
        } else {
            s
        }
    }

    /// The bits of float `v` as integers.
    pub(super) fn ibits(&mut self, v: Value) -> Value {
        let ity = self.ity();
        bitcast(self.b, ity, v)
    }

    /// The float whose bits are the integers `v`.
    pub(super) fn fbits(&mut self, v: Value) -> Value {
        bitcast(self.b, self.fty, v)
    }

    pub(super) fn add(&mut self, a: Value, c: Value) -> Value {
        self.b.ins().fadd(a, c)
    }

    pub(super) fn sub(&mut self, a: Value, c: Value) -> Value {
        self.b.ins().fsub(a, c)
    }

    pub(super) fn mul(&mut self, a: Value, c: Value) -> Value {
        self.b.ins().fmul(a, c)
    }

    pub(super) fn div(&mut self, a: Value, c: Value) -> Value {
        self.b.ins().fdiv(a, c)
    }

    /// `a * c + e` with one rounding.
    pub(super) fn fma(&mut self, a: Value, c: Value, e: Value) -> Value {
        self.b.ins().fma(a, c, e)
    }

    /// A lane mask (vector) or flag (scalar): `a cc c`.
    pub(super) fn cmp(&mut self, cc: FloatCC, a: Value, c: Value) -> Value {
        self.b.ins().fcmp(cc, a, c)
    }

    /// `a cc k` for a constant `k`.
    pub(super) fn cmp_c(&mut self, cc: FloatCC, a: Value, k: f64) -> Value {
        let k = self.c(k);
        self.cmp(cc, a, k)
    }

    /// `cond ? a : c` lane by lane.
    pub(super) fn sel(&mut self, cond: Value, a: Value, c: Value) -> Value {
        select(self.b, cond, a, c)
    }

    /// `cond ? k : c` for a constant `k`.
    pub(super) fn sel_c(&mut self, cond: Value, k: f64, c: Value) -> Value {
        let k = self.c(k);
        self.sel(cond, k, c)
    }

    /// `coeffs[0] + x·(coeffs[1] + x·(…))` by Horner's scheme with fused multiply-adds.
    pub(super) fn horner(&mut self, x: Value, coeffs: &[f64]) -> Value {
        let (last, rest) = coeffs.split_last().expect("a polynomial has a coefficient");
        let mut acc = self.c(*last);
        for &k in rest.iter().rev() {
            let k = self.c(k);
            acc = self.fma(acc, x, k);
        }
        acc
    }

    /// `2^n` for integer-valued floats `n` in the normal exponent range, from exponent bits
    /// (`n` enters the low mantissa bits by adding 1.5·2^52, as in `exp`).
    pub(super) fn pow2(&mut self, n: Value) -> Value {
        let (magic, magic_bits, bias, mantissa) = if self.f32() {
            (12_582_912.0, 0x4B40_0000, 127, 23)
        } else {
            (6_755_399_441_055_744.0, 0x4338_0000_0000_0000, 1023, 52)
        };
        let magic = self.c(magic);
        let shifted = self.add(n, magic);
        let bits = self.ibits(shifted);
        let magic_bits = self.ic(magic_bits);
        let n_int = self.b.ins().isub(bits, magic_bits);
        let bias = self.ic(bias);
        let e = self.b.ins().iadd(n_int, bias);
        let e = self.b.ins().ishl_imm_u(e, mantissa);
        self.fbits(e)
    }
}

/// `f` computed in float64 for the float32 value `x` (scalar or `F32X4`): widened, computed,
/// rounded once. A vector is computed as two `F64X2` halves.
pub(super) fn via_f64(b: &mut FunctionBuilder, x: Value, f: fn(&mut Em, Value) -> Value) -> Value {
    let ty = b.func.dfg.value_type(x);
    if !ty.is_vector() {
        let w = b.ins().fpromote(types::F64, x);
        let y = f(&mut Em::new(b, types::F64), w);
        return b.ins().fdemote(types::F32, y);
    }
    // Lanes 2 and 3 moved down to 0 and 1, so `fvpromote_low` widens them.
    let bytes = bitcast(b, types::I8X16, x);
    let high: Vec<u8> = (8..16).chain(8..16).collect();
    let high = shuffle(b, bytes, bytes, &high);
    let high = bitcast(b, types::F32X4, high);
    let lo = b.ins().fvpromote_low(x);
    let hi = b.ins().fvpromote_low(high);
    let lo = f(&mut Em::new(b, types::F64X2), lo);
    let hi = f(&mut Em::new(b, types::F64X2), hi);
    // `fvdemote` fills lanes 0 and 1 and zeroes 2 and 3: join the two low halves.
    let lo = b.ins().fvdemote(lo);
    let hi = b.ins().fvdemote(hi);
    let lo = bitcast(b, types::I8X16, lo);
    let hi = bitcast(b, types::I8X16, hi);
    let join: Vec<u8> = (0..8).chain(16..24).collect();
    let y = shuffle(b, lo, hi, &join);
    bitcast(b, types::F32X4, y)
}

/// The function `d` computes by `f64_form` (float64 values), widening float32.
pub(super) fn by_dtype(
    b: &mut FunctionBuilder,
    x: Value,
    d: DType,
    f64_form: fn(&mut Em, Value) -> Value,
) -> Value {
    if d == DType::F32 {
        via_f64(b, x, f64_form)
    } else {
        let ty = b.func.dfg.value_type(x);
        f64_form(&mut Em::new(b, ty), x)
    }
}

/// `fast` where every lane of `x` has `|x| <= limit` (or is NaN); otherwise, for the whole
/// scalar or vector, a branch to a block that calls `libm` (a scalar `extern "C"` function of
/// `x`'s lane type) on each lane and takes its result for the lanes beyond the limit. Scalars
/// and vectors take the same value per lane.
pub(super) fn beyond_limit_by_libm(
    b: &mut FunctionBuilder,
    x: Value,
    limit: f64,
    fast: Value,
    libm: *const u8,
) -> Value {
    let ty = b.func.dfg.value_type(x);
    let mut e = Em::new(b, ty);
    let a = e.b.ins().fabs(x);
    let big = e.cmp_c(FloatCC::GreaterThan, a, limit);
    let any = if ty.is_vector() {
        e.b.ins().vany_true(big)
    } else {
        big
    };
    let slow = b.create_block();
    let done = b.create_block();
    b.append_block_param(done, ty);
    b.ins().brif(any, slow, &[], done, &[fast.into()]);
    b.switch_to_block(slow);
    b.set_cold_block(slow);
    let lane = ty.lane_type();
    let mut sig = Signature::new(b.func.signature.call_conv);
    sig.params.push(AbiParam::new(lane));
    sig.returns.push(AbiParam::new(lane));
    let sig = b.import_signature(sig);
    let callee = b.ins().iconst(types::I64, libm as usize as i64);
    let call = |b: &mut FunctionBuilder, v: Value| {
        let inst = b.ins().call_indirect(sig, callee, &[v]);
        b.inst_results(inst)[0]
    };
    let slow_value = if ty.is_vector() {
        let mut v = fast;
        for i in 0..ty.lane_count() as u8 {
            let xi = b.ins().extractlane(x, i);
            let yi = call(b, xi);
            v = b.ins().insertlane(v, yi, i);
        }
        select(b, big, v, fast)
    } else {
        call(b, x)
    };
    b.ins().jump(done, &[slow_value.into()]);
    b.switch_to_block(done);
    b.block_params(done)[0]
}

fn shuffle(b: &mut FunctionBuilder, a: Value, c: Value, lanes: &[u8]) -> Value {
    let mask = b
        .func
        .dfg
        .immediates
        .push(ConstantData::from(lanes.to_vec()));
    b.ins().shuffle(a, c, mask)
}

pub(super) fn bitcast(b: &mut FunctionBuilder, ty: Type, v: Value) -> Value {
    b.ins().bitcast(
        ty,
        MemFlagsData::new().with_endianness(Endianness::Little),
        v,
    )
}

/// `cond ? a : b` for a scalar flag or a vector lane mask.
pub(super) fn select(b: &mut FunctionBuilder, cond: Value, a: Value, c: Value) -> Value {
    let ty = b.func.dfg.value_type(a);
    if ty.is_vector() {
        let mask = bitcast(b, ty, cond);
        b.ins().bitselect(mask, a, c)
    } else {
        b.ins().select(cond, a, c)
    }
}
