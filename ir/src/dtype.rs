//! Element types and NumPy 2 type promotion (NEP 50).

use std::fmt;

/// The element type of an array. NumPy: `arr.dtype`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DType {
    /// `np.bool_`, stored as one byte holding 0 or 1.
    Bool,
    /// `np.int32`.
    I32,
    /// `np.int64`, NumPy's default integer.
    I64,
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
    /// Every dtype, narrowest first.
    pub const ALL: [DType; 5] = [DType::Bool, DType::I32, DType::I64, DType::F32, DType::F64];

    /// Bytes per element. NumPy: `dtype.itemsize`.
    pub const fn itemsize(self) -> usize {
        match self {
            DType::Bool => 1,
            DType::I32 | DType::F32 => 4,
            DType::I64 | DType::F64 => 8,
        }
    }

    /// NumPy's name of the dtype (`"float64"`).
    pub const fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::I32 => "int32",
            DType::I64 => "int64",
            DType::F32 => "float32",
            DType::F64 => "float64",
        }
    }

    /// True for `f32` and `f64`.
    pub const fn is_float(self) -> bool {
        matches!(self, DType::F32 | DType::F64)
    }

    /// True for the signed integers `i32` and `i64`.
    pub const fn is_int(self) -> bool {
        matches!(self, DType::I32 | DType::I64)
    }

    /// True for `bool`.
    pub const fn is_bool(self) -> bool {
        matches!(self, DType::Bool)
    }

    /// The kind a scalar of this dtype has.
    pub const fn kind(self) -> ScalarKind {
        match self {
            DType::Bool => ScalarKind::Bool,
            DType::I32 | DType::I64 => ScalarKind::Int,
            DType::F32 | DType::F64 => ScalarKind::Float,
        }
    }

    /// The result dtype of an operation between two arrays. NumPy: `np.result_type(a, b)`.
    ///
    /// NumPy 2's table restricted to our dtypes: the smallest type that holds both exactly, so
    /// `i32 + f32 -> f64` and `i64 + f32 -> f64` (a float32 cannot hold every int32).
    pub fn promote(self, other: DType) -> DType {
        use DType::*;
        match (self, other) {
            (a, b) if a == b => a,
            (Bool, x) | (x, Bool) => x,
            (I32, I64) | (I64, I32) => I64,
            (F32, F64) | (F64, F32) => F64,
            // An integer with a float: f32 cannot hold int32 or int64 exactly.
            (I32 | I64, F32 | F64) | (F32 | F64, I32 | I64) => F64,
            _ => unreachable!("all pairs are covered above"),
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

    /// The dtype NumPy gives a reduction or cumulative sum/product: bool and int32 accumulate
    /// in int64 (`np.add.reduce` on Linux), everything else keeps its dtype.
    pub const fn sum_dtype(self) -> DType {
        match self {
            DType::Bool | DType::I32 => DType::I64,
            other => other,
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
