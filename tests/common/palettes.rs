//! Special values the random generators draw inputs from (`tests/fuzz_api.rs` decodes bytes
//! into them, `tests/differential.rs` picks them for its leaves and scalars): signed zeros,
//! NaN, the infinities, subnormals, each type's extremes, integers just past what a float or a
//! narrower integer holds exactly, and plain small numbers.
//!
//! The float palettes are aligned index for index (an `F32` entry is the `F64` one where that
//! is an ordinary `f32` value, `f32`'s own edge where the `F64` one is `f64`'s), and so are
//! the integer ones (an `I32` entry is the `I64` one truncated to 32 bits as `as` does, except
//! that `i64`'s extremes become `i32`'s). Grow them only at the end: `tests/fuzz_api.rs`
//! decodes saved fuzzer inputs (`tests/fuzz_regressions/`) through their first entries.
//! Depends on nothing but the library, so the libFuzzer target can include it through
//! `tests/fuzz_api.rs`.

use lazyarray::DType;

/// The first five dtypes, in the order the API fuzzer indexes them (its saved inputs decode
/// through this list, so it stays as it is; [`ALL_DTYPES`] has the rest).
pub const DTYPES: [DType; 5] = [DType::Bool, DType::I32, DType::I64, DType::F32, DType::F64];

/// Every dtype: [`DTYPES`] followed by the narrow and unsigned integers.
pub const ALL_DTYPES: [DType; 11] = [
    DType::Bool,
    DType::I32,
    DType::I64,
    DType::F32,
    DType::F64,
    DType::I8,
    DType::I16,
    DType::U8,
    DType::U16,
    DType::U32,
    DType::U64,
];

/// Special `f64` values.
pub const F64: [f64; 25] = [
    0.0,
    1.0,
    -1.0,
    -0.0,
    0.5,
    2.0,
    -2.5,
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    3.0,
    7.0,
    1e300,
    -1e-300,
    f64::MIN_POSITIVE,
    // the smallest subnormal
    5e-324,
    f64::MAX,
    f64::MIN,
    0.1,
    // 2^53 + 1: not an f64, rounds to 2^53
    9007199254740993.0,
    -0.75,
    100.5,
    // past i32::MAX
    3e9,
    // just below i32::MIN
    -2147483649.0,
    // 2^52 + 1.5: not an f64 (the spacing is 1 there), rounds to 2^52 + 2
    4503599627370497.5,
];

/// Special `f32` values, aligned with [`F64`].
pub const F32: [f32; 25] = [
    0.0,
    1.0,
    -1.0,
    -0.0,
    0.5,
    2.0,
    -2.5,
    f32::NAN,
    f32::INFINITY,
    f32::NEG_INFINITY,
    3.0,
    7.0,
    1e30,
    -1e-30,
    f32::MIN_POSITIVE,
    // the smallest subnormal
    1e-45,
    f32::MAX,
    f32::MIN,
    0.1,
    // 2^24 + 1: not an f32, rounds to 2^24
    16777217.0,
    -0.75,
    100.5,
    3e9,
    -2147483649.0_f64 as f32,
    4503599627370497.5_f64 as f32,
];

/// Special `i64` values.
pub const I64: [i64; 24] = [
    0,
    1,
    -1,
    2,
    -2,
    i64::MIN,
    i64::MAX,
    i64::MIN + 1,
    i32::MIN as i64,
    i32::MAX as i64,
    1 << 32,
    // 2^53 + 1: the first integer an f64 cannot hold
    (1 << 53) + 1,
    3_000_000_000,
    -7,
    3,
    7,
    -(1 << 31) - 1,
    // the largest shift of an i64
    63,
    i32::MAX as i64 - 1,
    65536,
    -100,
    // the largest shift of an i32
    31,
    // 2^24: the last integer of a run an f32 holds exactly
    1 << 24,
    // the smallest integer whose square overflows an i32
    46341,
];

/// Special `i32` values, aligned with [`I64`].
pub const I32: [i32; 24] = [
    0,
    1,
    -1,
    2,
    -2,
    i32::MIN,
    i32::MAX,
    i32::MIN + 1,
    i32::MIN,
    i32::MAX,
    (1i64 << 32) as i32,
    ((1i64 << 53) + 1) as i32,
    3_000_000_000i64 as i32,
    -7,
    3,
    7,
    (-(1i64 << 31) - 1) as i32,
    63,
    i32::MAX - 1,
    65536,
    -100,
    31,
    1 << 24,
    46341,
];
