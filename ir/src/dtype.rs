//! Element types and NumPy 2 type promotion (NEP 50).

use std::fmt;

/// The element type of an array. NumPy: `arr.dtype`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DType {
    /// `np.bool_`, stored as one byte holding 0 or 1.
    Bool,
    /// `np.int8`.
    I8,
    /// `np.int16`.
    I16,
    /// `np.int32`.
    I32,
    /// `np.int64`, NumPy's default integer.
    I64,
    /// `np.uint8`.
    U8,
    /// `np.uint16`.
    U16,
    /// `np.uint32`.
    U32,
    /// `np.uint64`.
    U64,
    /// `np.float32`.
    F32,
    /// `np.float64`, NumPy's default float.
    F64,
}

/// The kind of a *weak* scalar (a Rust literal or variable used directly in an expression, like a
/// Python scalar in NumPy). NEP 50: a weak scalar never widens an array of its own kind.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum ScalarKind {
    /// `true` / `false`.
    Bool,
    /// A Rust integer.
    Int,
    /// A Rust float.
    Float,
}

impl DType {
    /// Every dtype: bool, the signed and unsigned integers narrowest first, then the floats.
    pub const ALL: [DType; 11] = {
        use DType::*;
        [Bool, I8, I16, I32, I64, U8, U16, U32, U64, F32, F64]
    };

    /// Bytes per element. NumPy: `dtype.itemsize`.
    pub const fn itemsize(self) -> usize {
        use DType::*;
        match self {
            Bool | I8 | U8 => 1,
            I16 | U16 => 2,
            I32 | U32 | F32 => 4,
            I64 | U64 | F64 => 8,
        }
    }

    /// NumPy's name of the dtype (`"float64"`).
    pub const fn name(self) -> &'static str {
        use DType::*;
        match self {
            Bool => "bool",
            I8 => "int8",
            I16 => "int16",
            I32 => "int32",
            I64 => "int64",
            U8 => "uint8",
            U16 => "uint16",
            U32 => "uint32",
            U64 => "uint64",
            F32 => "float32",
            F64 => "float64",
        }
    }

    /// The dtype NumPy calls `name` (`"uint8"`), if it is one of ours.
    pub fn from_name(name: &str) -> Option<DType> {
        DType::ALL.into_iter().find(|d| d.name() == name)
    }

    /// True for `f32` and `f64`.
    pub const fn is_float(self) -> bool {
        matches!(self, DType::F32 | DType::F64)
    }

    /// True for every integer dtype, signed or unsigned (not bool). NumPy:
    /// `np.issubdtype(d, np.integer)`.
    pub const fn is_int(self) -> bool {
        self.is_signed_int() || self.is_unsigned_int()
    }

    /// True for the signed integers `i8` … `i64`.
    pub const fn is_signed_int(self) -> bool {
        matches!(self, DType::I8 | DType::I16 | DType::I32 | DType::I64)
    }

    /// True for the unsigned integers `u8` … `u64`.
    pub const fn is_unsigned_int(self) -> bool {
        matches!(self, DType::U8 | DType::U16 | DType::U32 | DType::U64)
    }

    /// True for the dtypes whose values compare, extend and divide as unsigned numbers: the
    /// unsigned integers and bool.
    pub const fn is_unsigned(self) -> bool {
        self.is_unsigned_int() || self.is_bool()
    }

    /// True for `bool`.
    pub const fn is_bool(self) -> bool {
        matches!(self, DType::Bool)
    }

    /// The kind a scalar of this dtype has.
    pub const fn kind(self) -> ScalarKind {
        use DType::*;
        match self {
            Bool => ScalarKind::Bool,
            I8 | I16 | I32 | I64 | U8 | U16 | U32 | U64 => ScalarKind::Int,
            F32 | F64 => ScalarKind::Float,
        }
    }

    /// The smallest and largest value of an integer or bool dtype, as `i128` (`None` for
    /// floats). NumPy: `np.iinfo(d).min`, `np.iinfo(d).max`.
    pub const fn int_range(self) -> Option<(i128, i128)> {
        use DType::*;
        Some(match self {
            Bool => (0, 1),
            I8 => (i8::MIN as i128, i8::MAX as i128),
            I16 => (i16::MIN as i128, i16::MAX as i128),
            I32 => (i32::MIN as i128, i32::MAX as i128),
            I64 => (i64::MIN as i128, i64::MAX as i128),
            U8 => (0, u8::MAX as i128),
            U16 => (0, u16::MAX as i128),
            U32 => (0, u32::MAX as i128),
            U64 => (0, u64::MAX as i128),
            F32 | F64 => return None,
        })
    }

    /// The signed integer of `bytes` bytes (1, 2, 4 or 8).
    const fn signed_of(bytes: usize) -> DType {
        match bytes {
            1 => DType::I8,
            2 => DType::I16,
            4 => DType::I32,
            _ => DType::I64,
        }
    }

    /// The result dtype of an operation between two arrays. NumPy: `np.result_type(a, b)`.
    ///
    /// NumPy 2's table: the smallest type that holds both exactly. A signed and an unsigned
    /// integer meet in the next wider signed integer (`int8 + uint8 -> int16`), and since no
    /// integer holds both `int64` and `uint64`, they meet in float64. A float32 holds every
    /// integer of up to 16 bits (`int16 + float32 -> float32`) but not int32, so wider integers
    /// with a float32 give float64.
    pub fn promote(self, other: DType) -> DType {
        use DType::*;
        let (a, b) = (self, other);
        if a == b {
            return a;
        }
        match (a.kind(), b.kind()) {
            (ScalarKind::Bool, _) => b,
            (_, ScalarKind::Bool) => a,
            (ScalarKind::Float, ScalarKind::Float) => F64,
            (ScalarKind::Float, ScalarKind::Int) => float_with_int(a, b),
            (ScalarKind::Int, ScalarKind::Float) => float_with_int(b, a),
            (ScalarKind::Int, ScalarKind::Int) => {
                let (wa, wb) = (a.itemsize(), b.itemsize());
                match (a.is_unsigned_int(), b.is_unsigned_int()) {
                    (false, false) | (true, true) => {
                        if wa >= wb {
                            a
                        } else {
                            b
                        }
                    }
                    (true, false) => signed_with_unsigned(b, a),
                    (false, true) => signed_with_unsigned(a, b),
                }
            }
        }
    }

    /// The result dtype of an operation between an array of this dtype and a weak scalar of
    /// `kind` (NEP 50): the array's dtype wins unless the scalar is of a higher kind, in which
    /// case the default dtype of that kind is used (`i32 array * 2.5 -> f64`).
    pub fn promote_weak(self, kind: ScalarKind) -> DType {
        match (self.kind(), kind) {
            (ScalarKind::Bool, ScalarKind::Int) => DType::I64,
            (ScalarKind::Bool | ScalarKind::Int, ScalarKind::Float) => DType::F64,
            _ => self,
        }
    }

    /// The dtype NumPy gives a sum or product (and their cumulative forms): bool and the
    /// signed integers narrower than 64 bits accumulate in int64, the unsigned ones in uint64
    /// (`np.add.reduce` on Linux), floats keep their dtype.
    pub const fn sum_dtype(self) -> DType {
        use DType::*;
        match self {
            Bool | I8 | I16 | I32 | I64 => I64,
            U8 | U16 | U32 | U64 => U64,
            F32 => F32,
            F64 => F64,
        }
    }

    /// The dtype of a float-valued function (`sqrt`, `exp`, `mean`, true division) applied to
    /// this dtype: floats keep theirs, integers and bools become `f64`.
    pub const fn float_result(self) -> DType {
        match self {
            DType::F32 => DType::F32,
            _ => DType::F64,
        }
    }
}

impl DType {
    /// The float dtype NumPy's loops of a one-argument float function (`np.sqrt`, `np.exp`,
    /// …) compute an integer of this dtype in: the smallest float that holds it exactly —
    /// float32 for 16-bit integers, float64 for wider ones. (NumPy uses float16 for 8-bit
    /// integers; there is no float16 here, so they compute in float32, which also holds them.)
    pub const fn float_function_dtype(self) -> DType {
        use DType::*;
        match self {
            I8 | U8 | I16 | U16 | F32 => F32,
            Bool | I32 | U32 | I64 | U64 | F64 => F64,
        }
    }
}

/// `np.result_type(float, int)`: the float if it holds every value of the integer exactly.
fn float_with_int(float: DType, int: DType) -> DType {
    match (float, int.itemsize()) {
        (DType::F32, 1 | 2) => DType::F32,
        _ => DType::F64,
    }
}

/// `np.result_type(signed, unsigned)`: the signed one if it is wider, else the signed integer
/// twice the unsigned one's width, and float64 when that would exceed 64 bits.
fn signed_with_unsigned(signed: DType, unsigned: DType) -> DType {
    let (ws, wu) = (signed.itemsize(), unsigned.itemsize());
    if ws > wu {
        signed
    } else if wu < 8 {
        DType::signed_of(wu * 2)
    } else {
        DType::F64
    }
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DType::*;

    /// Expected values: `np.result_type(np.dtype(a), np.dtype(b))` under NumPy 2.
    #[test]
    fn promotion_matches_numpy_table() {
        let table = [
            (Bool, Bool, Bool),
            (Bool, I32, I32),
            (Bool, F32, F32),
            (I32, I64, I64),
            (I32, F32, F64),
            (I64, F32, F64),
            (I32, F64, F64),
            (F32, F64, F64),
            (F32, F32, F32),
            (I8, U8, I16),
            (I16, U8, I16),
            (I8, U16, I32),
            (I32, U32, I64),
            (I64, U32, I64),
            (I64, U64, F64),
            (I8, U64, F64),
            (U8, U64, U64),
            (I8, I64, I64),
            (Bool, U16, U16),
            (U8, F32, F32),
            (I16, F32, F32),
            (U16, F32, F32),
            (U32, F32, F64),
            (U64, F32, F64),
            (I8, F64, F64),
        ];
        for (a, b, want) in table {
            assert_eq!(a.promote(b), want, "{a} + {b}");
            assert_eq!(b.promote(a), want, "{b} + {a}");
        }
    }

    /// NEP 50: `np.float32(1) * 2.0 -> float32`, `np.int32(1) * 2 -> int32`,
    /// `np.int32(1) * 2.5 -> float64`, `np.bool_(1) + 1 -> int64`.
    #[test]
    fn weak_scalars_do_not_widen() {
        assert_eq!(F32.promote_weak(ScalarKind::Float), F32);
        assert_eq!(I32.promote_weak(ScalarKind::Int), I32);
        assert_eq!(I32.promote_weak(ScalarKind::Float), F64);
        assert_eq!(Bool.promote_weak(ScalarKind::Int), I64);
        assert_eq!(Bool.promote_weak(ScalarKind::Bool), Bool);
        assert_eq!(F64.promote_weak(ScalarKind::Bool), F64);
    }
}
