//! Elements as bit patterns, for comparisons that must be exact: every element widened to a
//! `u64` the same way, so two arrays of one dtype hold the same values exactly when their bits
//! are equal (NaN payloads and the sign of zero included). Depends on nothing but the library,
//! so the libFuzzer target can include it through `tests/fuzz_api.rs`.

use lazyarray::{Array, DType, Element, Scalar};

/// An element's bits: bools 0 or 1, signed integers sign-extended to 64 bits, unsigned ones
/// zero-extended, floats' IEEE bits (an f32's in the low 32).
pub fn bits_of(s: Scalar) -> u64 {
    match s {
        Scalar::Bool(v) => u64::from(v),
        Scalar::I8(v) => v as i64 as u64,
        Scalar::I16(v) => v as i64 as u64,
        Scalar::I32(v) => v as i64 as u64,
        Scalar::I64(v) => v as u64,
        Scalar::U8(v) => u64::from(v),
        Scalar::U16(v) => u64::from(v),
        Scalar::U32(v) => u64::from(v),
        Scalar::U64(v) => v,
        Scalar::F32(v) => u64::from(v.to_bits()),
        Scalar::F64(v) => v.to_bits(),
    }
}

/// The elements of `a` (evaluated by `to_vec`, the normal path) as [`bits_of`], in C order.
/// An error carries the caller's location, as `to_vec`'s own would.
#[track_caller]
pub fn try_bits(a: &Array) -> lazyarray::Result<Vec<u64>> {
    #[track_caller]
    fn of<T: Element>(a: &Array) -> lazyarray::Result<Vec<u64>> {
        Ok(a.to_vec::<T>()?
            .into_iter()
            .map(|v| bits_of(v.to_scalar()))
            .collect())
    }
    match a.dtype() {
        DType::Bool => of::<bool>(a),
        DType::I8 => of::<i8>(a),
        DType::I16 => of::<i16>(a),
        DType::I32 => of::<i32>(a),
        DType::I64 => of::<i64>(a),
        DType::U8 => of::<u8>(a),
        DType::U16 => of::<u16>(a),
        DType::U32 => of::<u32>(a),
        DType::U64 => of::<u64>(a),
        DType::F32 => of::<f32>(a),
        DType::F64 => of::<f64>(a),
    }
}

/// [`try_bits`] of an array that must evaluate (panics naming the error otherwise).
#[track_caller]
pub fn bits(a: &Array) -> Vec<u64> {
    try_bits(a).unwrap_or_else(|e| panic!("evaluation failed: {e}"))
}

/// The value bits `b` of an element of `dtype` stand for, as an `f64` (exact for every dtype
/// but 64-bit integers beyond 2^53): for messages and tolerances.
pub fn as_f64(dtype: DType, b: u64) -> f64 {
    match dtype {
        DType::F32 => f64::from(f32::from_bits(b as u32)),
        DType::F64 => f64::from_bits(b),
        DType::U64 => b as f64,
        DType::Bool
        | DType::I8
        | DType::I16
        | DType::I32
        | DType::I64
        | DType::U8
        | DType::U16
        | DType::U32 => b as i64 as f64,
    }
}

/// Whether two elements of `dtype` are the same value: equal bits, or both NaN (x86
/// arithmetic makes NaNs with the sign bit set; NumPy does not distinguish NaN payloads).
/// -0.0 and 0.0 differ.
pub fn same_value(dtype: DType, x: u64, y: u64) -> bool {
    x == y || (dtype.is_float() && as_f64(dtype, x).is_nan() && as_f64(dtype, y).is_nan())
}
