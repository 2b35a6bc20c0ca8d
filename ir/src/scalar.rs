//! One element value of any dtype, and NumPy's casting rules between dtypes.

use crate::dtype::DType;
use std::fmt;
use std::hash::{Hash, Hasher};

/// A single value of one of the supported dtypes. Equality and hashing compare bit patterns, so
/// `NaN == NaN` and `0.0 != -0.0` here: two constants are the same node only if they are the
/// same bits (this is what common-subexpression elimination needs).
#[derive(Copy, Clone, Debug)]
pub enum Scalar {
    /// A `bool` value.
    Bool(bool),
    /// An `i8` value.
    I8(i8),
    /// An `i16` value.
    I16(i16),
    /// An `i32` value.
    I32(i32),
    /// An `i64` value.
    I64(i64),
    /// A `u8` value.
    U8(u8),
    /// A `u16` value.
    U16(u16),
    /// A `u32` value.
    U32(u32),
    /// A `u64` value.
    U64(u64),
    /// An `f32` value.
    F32(f32),
    /// An `f64` value.
    F64(f64),
}

/// `$body` with `$v` bound to the value of an integer scalar `$s` (`$int`) or of a float one
/// (`$float`), or to a bool (`$bool`): one arm per family instead of one per dtype.
macro_rules! by_family {
    ($s:expr, $v:ident => bool: $bool:expr, int: $int:expr, float: $float:expr) => {
        match $s {
            Scalar::Bool($v) => $bool,
            Scalar::I8($v) => $int,
            Scalar::I16($v) => $int,
            Scalar::I32($v) => $int,
            Scalar::I64($v) => $int,
            Scalar::U8($v) => $int,
            Scalar::U16($v) => $int,
            Scalar::U32($v) => $int,
            Scalar::U64($v) => $int,
            Scalar::F32($v) => $float,
            Scalar::F64($v) => $float,
        }
    };
}

/// The scalar of `$dtype` made by `$make` applied to a value of its Rust type, written with
/// the same `$make` for every numeric dtype (`$v` is a Rust type name usable in `as` casts).
macro_rules! of_dtype {
    ($dtype:expr, bool: $bool:expr, $t:ident => $make:expr) => {
        match $dtype {
            DType::Bool => Scalar::Bool($bool),
            DType::I8 => {
                type $t = i8;
                Scalar::I8($make)
            }
            DType::I16 => {
                type $t = i16;
                Scalar::I16($make)
            }
            DType::I32 => {
                type $t = i32;
                Scalar::I32($make)
            }
            DType::I64 => {
                type $t = i64;
                Scalar::I64($make)
            }
            DType::U8 => {
                type $t = u8;
                Scalar::U8($make)
            }
            DType::U16 => {
                type $t = u16;
                Scalar::U16($make)
            }
            DType::U32 => {
                type $t = u32;
                Scalar::U32($make)
            }
            DType::U64 => {
                type $t = u64;
                Scalar::U64($make)
            }
            DType::F32 => {
                type $t = f32;
                Scalar::F32($make)
            }
            DType::F64 => {
                type $t = f64;
                Scalar::F64($make)
            }
        }
    };
}

impl Scalar {
    /// The dtype of this value.
    pub const fn dtype(self) -> DType {
        match self {
            Scalar::Bool(_) => DType::Bool,
            Scalar::I8(_) => DType::I8,
            Scalar::I16(_) => DType::I16,
            Scalar::I32(_) => DType::I32,
            Scalar::I64(_) => DType::I64,
            Scalar::U8(_) => DType::U8,
            Scalar::U16(_) => DType::U16,
            Scalar::U32(_) => DType::U32,
            Scalar::U64(_) => DType::U64,
            Scalar::F32(_) => DType::F32,
            Scalar::F64(_) => DType::F64,
        }
    }

    /// The zero of `dtype` (`false` for bool).
    pub fn zero(dtype: DType) -> Scalar {
        of_dtype!(dtype, bool: false, T => 0 as T)
    }

    /// The one of `dtype` (`true` for bool).
    pub fn one(dtype: DType) -> Scalar {
        of_dtype!(dtype, bool: true, T => 1 as T)
    }

    /// The smallest value of `dtype` (`-inf` for floats, `false` for bool).
    pub fn lowest(dtype: DType) -> Scalar {
        match dtype {
            DType::F32 => Scalar::F32(f32::NEG_INFINITY),
            DType::F64 => Scalar::F64(f64::NEG_INFINITY),
            _ => of_dtype!(dtype, bool: false, T => T::MIN),
        }
    }

    /// The largest value of `dtype` (`inf` for floats, `true` for bool).
    pub fn highest(dtype: DType) -> Scalar {
        match dtype {
            DType::F32 => Scalar::F32(f32::INFINITY),
            DType::F64 => Scalar::F64(f64::INFINITY),
            _ => of_dtype!(dtype, bool: true, T => T::MAX),
        }
    }

    /// The integer `v` as a scalar of `dtype`, wrapping modulo the dtype's width (NumPy's
    /// integer conversion; for a float dtype the nearest value, for bool `v != 0`).
    pub fn from_i128_wrapping(v: i128, dtype: DType) -> Scalar {
        of_dtype!(dtype, bool: v != 0, T => v as T)
    }

    /// Converts to `dtype` with NumPy's `astype` rules, made total:
    /// - to bool: `x != 0` (NaN is true);
    /// - integer to integer: wraps (two's complement), as NumPy;
    /// - float to integer: truncates toward zero and **saturates** (NaN → 0, ±inf and
    ///   out-of-range values → the type's min/max). NumPy leaves these undefined; we pick the
    ///   saturating rule so the result never depends on the CPU;
    /// - everything else: the nearest representable value.
    pub fn cast(self, dtype: DType) -> Scalar {
        if dtype.is_bool() {
            return Scalar::Bool(self.is_truthy());
        }
        by_family!(self, v =>
            bool: of_dtype!(dtype, bool: v, T => v as u8 as T),
            int: of_dtype!(dtype, bool: v != 0, T => v as T),
            // Rust's float-to-integer `as` truncates and saturates (NaN → 0).
            float: of_dtype!(dtype, bool: v != 0.0, T => v as T)
        )
    }

    /// The value as an `f64` (exact for every dtype but 64-bit integers beyond 2^53).
    pub fn to_f64(self) -> f64 {
        by_family!(self, v => bool: v as u8 as f64, int: v as f64, float: v as f64)
    }

    /// The value as an `i64` if it is a bool or an integer that `i64` holds.
    pub fn to_i64(self) -> Option<i64> {
        self.to_i128().and_then(|v| i64::try_from(v).ok())
    }

    /// The exact value as an `i128` if it is a bool or an integer.
    pub fn to_i128(self) -> Option<i128> {
        by_family!(self, v => bool: Some(v as i128), int: Some(v as i128), float: {
            let _ = v;
            None
        })
    }

    /// NumPy truthiness: nonzero (and NaN) is true.
    pub fn is_truthy(self) -> bool {
        by_family!(self, v => bool: v, int: v != 0, float: v != 0.0)
    }

    /// True if this is a float NaN.
    pub fn is_nan(self) -> bool {
        by_family!(self, v => bool: {
            let _ = v;
            false
        }, int: {
            let _ = v;
            false
        }, float: v.is_nan())
    }

    /// The raw bits, zero-extended to 64 bits (the identity used by `Eq` and `Hash`).
    pub fn bits(self) -> u64 {
        match self {
            Scalar::Bool(b) => b as u64,
            Scalar::I8(v) => v as u8 as u64,
            Scalar::I16(v) => v as u16 as u64,
            Scalar::I32(v) => v as u32 as u64,
            Scalar::I64(v) => v as u64,
            Scalar::U8(v) => v as u64,
            Scalar::U16(v) => v as u64,
            Scalar::U32(v) => v as u64,
            Scalar::U64(v) => v,
            Scalar::F32(v) => v.to_bits() as u64,
            Scalar::F64(v) => v.to_bits(),
        }
    }

    /// The scalar of `dtype` whose bits (zero-extended) are `bits`: the inverse of
    /// [`Scalar::bits`].
    pub fn from_bits(bits: u64, dtype: DType) -> Scalar {
        match dtype {
            DType::F32 => Scalar::F32(f32::from_bits(bits as u32)),
            DType::F64 => Scalar::F64(f64::from_bits(bits)),
            _ => of_dtype!(dtype, bool: bits & 1 != 0, T => bits as T),
        }
    }
}

macro_rules! from_rust {
    ($($t:ty => $V:ident),*) => {$(
        impl From<$t> for Scalar {
            fn from(v: $t) -> Scalar {
                Scalar::$V(v)
            }
        }
    )*};
}
from_rust!(bool => Bool, i8 => I8, i16 => I16, i32 => I32, i64 => I64, u8 => U8, u16 => U16,
    u32 => U32, u64 => U64, f32 => F32, f64 => F64);

impl PartialEq for Scalar {
    fn eq(&self, other: &Self) -> bool {
        self.dtype() == other.dtype() && self.bits() == other.bits()
    }
}

impl Eq for Scalar {}

impl Hash for Scalar {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.dtype().hash(state);
        self.bits().hash(state);
    }
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        by_family!(*self, v =>
            bool: write!(f, "{}", if v { "True" } else { "False" }),
            int: write!(f, "{v}"),
            float: write!(f, "{v:?}")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `np.array([nan, inf, -inf, 3.9, -3.9]).astype(np.int32)` is undefined in NumPy; we
    /// define it as saturating truncation (documented on `cast`).
    #[test]
    fn float_to_int_saturates_and_truncates() {
        assert_eq!(Scalar::F64(f64::NAN).cast(DType::I32), Scalar::I32(0));
        assert_eq!(
            Scalar::F64(f64::INFINITY).cast(DType::I32),
            Scalar::I32(i32::MAX)
        );
        assert_eq!(
            Scalar::F64(f64::NEG_INFINITY).cast(DType::I64),
            Scalar::I64(i64::MIN)
        );
        assert_eq!(Scalar::F64(3.9).cast(DType::I64), Scalar::I64(3));
        assert_eq!(Scalar::F64(-3.9).cast(DType::I64), Scalar::I64(-3));
    }

    /// `np.int64(2**40 + 5).astype(np.int32) == 5`; `np.float64(nan).astype(bool) == True`.
    #[test]
    fn int_narrowing_wraps_and_truthiness() {
        assert_eq!(Scalar::I64((1 << 40) + 5).cast(DType::I32), Scalar::I32(5));
        assert_eq!(Scalar::F64(f64::NAN).cast(DType::Bool), Scalar::Bool(true));
        assert_eq!(Scalar::F32(-0.0).cast(DType::Bool), Scalar::Bool(false));
    }

    /// `np.array([300, -1, 2**40 + 7]).astype(np.uint8) == [44, 255, 7]`;
    /// `np.uint64(2**64 - 1).astype(np.int8) == -1`; `np.float64(-3.5).astype(np.uint16)` is
    /// undefined in NumPy, saturated to 0 here.
    #[test]
    fn casts_of_the_narrow_and_unsigned_integers() {
        assert_eq!(Scalar::I64(300).cast(DType::U8), Scalar::U8(44));
        assert_eq!(Scalar::I64(-1).cast(DType::U8), Scalar::U8(255));
        assert_eq!(Scalar::I64((1 << 40) + 7).cast(DType::U8), Scalar::U8(7));
        assert_eq!(Scalar::U64(u64::MAX).cast(DType::I8), Scalar::I8(-1));
        assert_eq!(Scalar::F64(-3.5).cast(DType::U16), Scalar::U16(0));
        assert_eq!(Scalar::F64(1e10).cast(DType::I16), Scalar::I16(i16::MAX));
        assert_eq!(Scalar::U64(u64::MAX).to_i64(), None);
        assert_eq!(Scalar::U64(u64::MAX).to_i128(), Some(u64::MAX as i128));
        for d in DType::ALL {
            for v in [Scalar::lowest(d), Scalar::highest(d), Scalar::one(d)] {
                assert_eq!(Scalar::from_bits(v.bits(), d), v, "{d}");
            }
        }
    }

    #[test]
    fn equality_is_bitwise() {
        assert_eq!(Scalar::F64(f64::NAN), Scalar::F64(f64::NAN));
        assert_ne!(Scalar::F64(0.0), Scalar::F64(-0.0));
        assert_ne!(Scalar::I32(1), Scalar::I64(1));
    }
}
