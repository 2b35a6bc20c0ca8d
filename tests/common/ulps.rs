//! Distance in units in the last place between two floats of one width: the one definition
//! every tolerance in the tests uses (the compiled `exp` is promised to within 4 ulp of libm).
//! Depends on nothing but the library, so the libFuzzer target can include it through
//! `tests/fuzz_api.rs`.

use lazyarray::DType;

/// The position of a float's bits (`bits` of a float `width_bits` wide, the sign bit at
/// `width_bits - 1`) on the ordered line of floats: consecutive floats are consecutive
/// integers, -0.0 and 0.0 are both 0, negative floats negative.
fn position(bits: u64, width_bits: u32) -> i128 {
    let sign = 1u64 << (width_bits - 1);
    let magnitude = i128::from(bits & (sign - 1));
    if bits & sign != 0 {
        -magnitude
    } else {
        magnitude
    }
}

/// The number of floats one must step over to go from `x` to `y`, both given as bits of a
/// float `width_bits` (32 or 64) wide: 0 when they are equal numbers (-0.0 and 0.0 included)
/// or both NaN (whatever their payloads), `u64::MAX` when only one is NaN, otherwise the
/// distance between their positions on the ordered line (so the smallest subnormals of
/// opposite signs are 2 apart, and 1.0 and -1.0 twice the bits of 1.0). Tests that must tell
/// -0.0 from 0.0 compare bits first.
fn distance(x: u64, y: u64, width_bits: u32) -> u64 {
    let is_nan = |b: u64| match width_bits {
        32 => f32::from_bits(b as u32).is_nan(),
        _ => f64::from_bits(b).is_nan(),
    };
    match (is_nan(x), is_nan(y)) {
        (true, true) => 0,
        (true, false) | (false, true) => u64::MAX,
        (false, false) => {
            let d = (position(x, width_bits) - position(y, width_bits)).unsigned_abs();
            u64::try_from(d).unwrap_or(u64::MAX)
        }
    }
}

/// The distance in ulps between two `f64`s (see [`ulps`] for what it counts).
pub fn ulps64(x: f64, y: f64) -> u64 {
    distance(x.to_bits(), y.to_bits(), 64)
}

/// The distance in ulps between two `f32`s (see [`ulps`] for what it counts).
pub fn ulps32(x: f32, y: f32) -> u64 {
    distance(u64::from(x.to_bits()), u64::from(y.to_bits()), 32)
}

/// The distance in ulps between two floats of `dtype` given as bits (an f32's in the low 32, as
/// `bits::bits_of` gives them): 0 for equal numbers (-0.0 and 0.0 included) and for two NaNs,
/// `u64::MAX` when only one is NaN, else how many floats lie between them on the ordered line
/// plus one. Elements of other dtypes are 0 apart when equal and `u64::MAX` apart otherwise.
pub fn ulps(dtype: DType, x: u64, y: u64) -> u64 {
    match dtype {
        DType::F32 => distance(x & 0xffff_ffff, y & 0xffff_ffff, 32),
        DType::F64 => distance(x, y, 64),
        _ if x == y => 0,
        _ => u64::MAX,
    }
}
