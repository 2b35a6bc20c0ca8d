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
    /// An `i32` value.
    I32(i32),
    /// An `i64` value.
    I64(i64),
    /// An `f32` value.
    F32(f32),
    /// An `f64` value.
    F64(f64),
}

impl Scalar {
    /// The dtype of this value.
    pub const fn dtype(self) -> DType {
        match self {
            Scalar::Bool(_) => DType::Bool,
            Scalar::I32(_) => DType::I32,
            Scalar::I64(_) => DType::I64,
            Scalar::F32(_) => DType::F32,
            Scalar::F64(_) => DType::F64,
        }
    }

    /// The zero of `dtype` (`false` for bool).
    pub const fn zero(dtype: DType) -> Scalar {
        match dtype {
            DType::Bool => Scalar::Bool(false),
            DType::I32 => Scalar::I32(0),
            DType::I64 => Scalar::I64(0),
            DType::F32 => Scalar::F32(0.0),
            DType::F64 => Scalar::F64(0.0),
        }
    }

    /// The one of `dtype` (`true` for bool).
    pub const fn one(dtype: DType) -> Scalar {
        match dtype {
            DType::Bool => Scalar::Bool(true),
            DType::I32 => Scalar::I32(1),
            DType::I64 => Scalar::I64(1),
            DType::F32 => Scalar::F32(1.0),
            DType::F64 => Scalar::F64(1.0),
        }
    }

    /// Converts to `dtype` with NumPy's `astype` rules, made total:
    /// - to bool: `x != 0` (NaN is true);
    /// - integer to narrower integer: wraps (two's complement);
    /// - float to integer: truncates toward zero and **saturates** (NaN → 0, ±inf and
    ///   out-of-range values → the type's min/max). NumPy leaves these undefined; we pick the
    ///   saturating rule so the result never depends on the CPU;
    /// - everything else: the nearest representable value.
    pub fn cast(self, dtype: DType) -> Scalar {
        match dtype {
            DType::Bool => Scalar::Bool(self.is_truthy()),
            DType::I32 => Scalar::I32(match self {
                Scalar::Bool(b) => b as i32,
                Scalar::I32(v) => v,
                Scalar::I64(v) => v as i32,
                Scalar::F32(v) => v as i32,
                Scalar::F64(v) => v as i32,
            }),
            DType::I64 => Scalar::I64(match self {
                Scalar::Bool(b) => b as i64,
                Scalar::I32(v) => v as i64,
                Scalar::I64(v) => v,
                Scalar::F32(v) => v as i64,
                Scalar::F64(v) => v as i64,
            }),
            DType::F32 => Scalar::F32(match self {
                Scalar::Bool(b) => b as u8 as f32,
                Scalar::I32(v) => v as f32,
                Scalar::I64(v) => v as f32,
                Scalar::F32(v) => v,
                Scalar::F64(v) => v as f32,
            }),
            DType::F64 => Scalar::F64(self.to_f64()),
        }
    }

    /// The value as an `f64` (exact for every dtype but large `i64`s).
    pub fn to_f64(self) -> f64 {
        match self {
            Scalar::Bool(b) => b as u8 as f64,
            Scalar::I32(v) => v as f64,
            Scalar::I64(v) => v as f64,
            Scalar::F32(v) => v as f64,
            Scalar::F64(v) => v,
        }
    }

    /// The value as an `i64` if it is a bool or an integer.
    pub fn to_i64(self) -> Option<i64> {
        match self {
            Scalar::Bool(b) => Some(b as i64),
            Scalar::I32(v) => Some(v as i64),
            Scalar::I64(v) => Some(v),
            Scalar::F32(_) | Scalar::F64(_) => None,
        }
    }

    /// NumPy truthiness: nonzero (and NaN) is true.
    pub fn is_truthy(self) -> bool {
        match self {
            Scalar::Bool(b) => b,
            Scalar::I32(v) => v != 0,
            Scalar::I64(v) => v != 0,
            Scalar::F32(v) => v != 0.0,
            Scalar::F64(v) => v != 0.0,
        }
    }

    /// True if this is a float NaN.
    pub fn is_nan(self) -> bool {
        match self {
            Scalar::F32(v) => v.is_nan(),
            Scalar::F64(v) => v.is_nan(),
            _ => false,
        }
    }

    /// The raw bits, zero-extended to 64 bits (the identity used by `Eq` and `Hash`).
    pub fn bits(self) -> u64 {
        match self {
            Scalar::Bool(b) => b as u64,
            Scalar::I32(v) => v as u32 as u64,
            Scalar::I64(v) => v as u64,
            Scalar::F32(v) => v.to_bits() as u64,
            Scalar::F64(v) => v.to_bits(),
        }
    }
}

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
        match self {
            Scalar::Bool(b) => write!(f, "{}", if *b { "True" } else { "False" }),
            Scalar::I32(v) => write!(f, "{v}"),
            Scalar::I64(v) => write!(f, "{v}"),
            Scalar::F32(v) => write!(f, "{v:?}"),
            Scalar::F64(v) => write!(f, "{v:?}"),
        }
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

    #[test]
    fn equality_is_bitwise() {
        assert_eq!(Scalar::F64(f64::NAN), Scalar::F64(f64::NAN));
        assert_ne!(Scalar::F64(0.0), Scalar::F64(-0.0));
        assert_ne!(Scalar::I32(1), Scalar::I64(1));
    }
}
