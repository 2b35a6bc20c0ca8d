//! Elementwise functions of one argument, and every property of each in one place: NumPy's
//! name, the dtype rule, the scalar definition, and how compiled code computes it.
//!
//! Adding a function is a change to this file — a variant, then one arm in each exhaustive
//! `match` below, which the compiler lists — plus its API method and its tests. Nothing else
//! in the library lists unary ops: the API, inference, the reference evaluator, constant
//! folding, the loop planner and the code generator all ask these tables.

use crate::op::lowering::{UnaryCall, unary_call};
use crate::{DType, Scalar};

/// Elementwise functions of one argument.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    /// `-x` (`np.negative`); integers wrap.
    Neg,
    /// `np.abs`; `abs(i64::MIN)` wraps to `i64::MIN` as in NumPy.
    Abs,
    /// `np.sqrt`.
    Sqrt,
    /// `np.exp`.
    Exp,
    /// `np.log` (natural).
    Log,
    /// `np.log1p`: `log(1 + x)`, accurate for small `x`.
    Log1p,
    /// `np.sin`.
    Sin,
    /// `np.cos`.
    Cos,
    /// `np.tanh`.
    Tanh,
    /// `np.floor`.
    Floor,
    /// `np.ceil`.
    Ceil,
    /// `np.logical_not` on bool, `np.invert` (bitwise not) on integers.
    Not,
    /// `np.cbrt`.
    Cbrt,
    /// `np.exp2`: `2**x`.
    Exp2,
    /// `np.expm1`: `exp(x) - 1`, accurate for small `x`.
    Expm1,
    /// `np.log2`.
    Log2,
    /// `np.log10`.
    Log10,
    /// `np.tan`.
    Tan,
    /// `np.arcsin`.
    Arcsin,
    /// `np.arccos`.
    Arccos,
    /// `np.arctan`.
    Arctan,
    /// `np.sinh`.
    Sinh,
    /// `np.cosh`.
    Cosh,
    /// `np.arcsinh`.
    Arcsinh,
    /// `np.arccosh`.
    Arccosh,
    /// `np.arctanh`.
    Arctanh,
    /// `np.deg2rad`: `x * (π / 180)`.
    Deg2rad,
    /// `np.rad2deg`: `x * (180 / π)`.
    Rad2deg,
    /// `np.rint`: round to the nearest integer, ties to even.
    Rint,
    /// `np.trunc`: round toward zero.
    Trunc,
    /// `np.sign`: -1, 0 or 1 (NaN stays NaN; the sign of a zero is 0.0).
    Sign,
    /// `np.reciprocal`: `1 / x`; on integers `1 / x` truncated (0 for `|x| > 1`; 0 for `x == 0`,
    /// where NumPy's result is undefined, like integer division by zero).
    Reciprocal,
    /// `np.isnan` → bool.
    IsNan,
    /// `np.isinf` → bool.
    IsInf,
    /// `np.isfinite` → bool.
    IsFinite,
    /// `np.signbit` → bool: the sign bit is set (`-0.0` and negative NaNs included).
    SignBit,
    /// `np.bitwise_count` → uint8: the number of 1 bits of `abs(x)`.
    BitwiseCount,
}

/// Which dtypes a unary op takes and what it gives (NumPy's loops for the ufunc).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum UnaryRule {
    /// Numbers, not bool (NumPy has no boolean `negative`); the result has the input's dtype.
    Numeric,
    /// Every dtype; the result has the input's dtype.
    Any,
    /// A float function: floats keep their dtype; integers compute in the smallest float that
    /// holds them ([`DType::float_function_dtype`]); bool is rejected.
    FloatMath,
    /// Rounding: floats keep their dtype; integers and bools are returned unchanged (NumPy 2).
    Rounding,
    /// Bitwise: bool (logical) and integers; floats are rejected.
    Bitwise,
    /// A predicate of every dtype; the result is bool.
    Predicate,
    /// Bit counting of bool and integers; the result is uint8.
    Count,
}

/// The instruction families the code generator emits inline for unary ops.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum InlineUnary {
    /// Float or integer negation (integers wrap).
    Negate,
    /// Float or wrapping integer absolute value; the identity on bool and unsigned integers.
    Absolute,
    /// The IEEE square root instruction (correctly rounded, as libm's `sqrt`).
    Sqrt,
    /// Round toward −∞.
    Floor,
    /// Round toward +∞.
    Ceil,
    /// Round toward zero.
    Trunc,
    /// Round to nearest, ties to even.
    Nearest,
    /// `1 / x` on floats.
    Reciprocal,
    /// Logical not on bool, bitwise not on integers.
    Not,
    /// The inline `exp` polynomial (within 4 ulp of libm, for scalars and vectors alike).
    Exp,
    /// The inline `log` (exponent/mantissa split and a polynomial; within 4 ulp of libm).
    Log,
    /// The inline `log1p` (as `log`, with a correction for the rounding of `1 + x`).
    Log1p,
    /// The inline `sin` (π/2 reduction and polynomials; huge arguments call libm).
    Sin,
    /// The inline `cos` (as `sin`).
    Cos,
    /// The inline `tanh` (from the inline `expm1`; within 4 ulp of libm).
    Tanh,
    /// The inline `expm1` (reduction and a polynomial; within 4 ulp of libm).
    Expm1,
    /// `x != x` on floats; false on other dtypes.
    IsNan,
    /// `|x| == inf` on floats; false on other dtypes.
    IsInf,
    /// `|x| < inf` on floats (false for NaN); true on other dtypes.
    IsFinite,
    /// The sign bit of a float, `x < 0` on signed integers, false on other dtypes.
    SignBit,
}

/// How compiled code computes a unary op on one dtype.
#[derive(Copy, Clone, Debug)]
pub enum UnaryLowering {
    /// Inline instructions.
    Inline(InlineUnary),
    /// A call per element to the op's scalar definition (no vector form).
    Call(UnaryCall),
}

impl UnaryOp {
    /// Every unary op, in declaration order (tests enumerate it).
    pub const ALL: [UnaryOp; 37] = {
        use UnaryOp::*;
        [
            Neg,
            Abs,
            Sqrt,
            Exp,
            Log,
            Log1p,
            Sin,
            Cos,
            Tanh,
            Floor,
            Ceil,
            Not,
            Cbrt,
            Exp2,
            Expm1,
            Log2,
            Log10,
            Tan,
            Arcsin,
            Arccos,
            Arctan,
            Sinh,
            Cosh,
            Arcsinh,
            Arccosh,
            Arctanh,
            Deg2rad,
            Rad2deg,
            Rint,
            Trunc,
            Sign,
            Reciprocal,
            IsNan,
            IsInf,
            IsFinite,
            SignBit,
            BitwiseCount,
        ]
    };

    /// NumPy's ufunc name.
    pub fn name(self) -> &'static str {
        use UnaryOp::*;
        match self {
            Neg => "negative",
            Abs => "absolute",
            Sqrt => "sqrt",
            Exp => "exp",
            Log => "log",
            Log1p => "log1p",
            Sin => "sin",
            Cos => "cos",
            Tanh => "tanh",
            Floor => "floor",
            Ceil => "ceil",
            Not => "invert",
            Cbrt => "cbrt",
            Exp2 => "exp2",
            Expm1 => "expm1",
            Log2 => "log2",
            Log10 => "log10",
            Tan => "tan",
            Arcsin => "arcsin",
            Arccos => "arccos",
            Arctan => "arctan",
            Sinh => "sinh",
            Cosh => "cosh",
            Arcsinh => "arcsinh",
            Arccosh => "arccosh",
            Arctanh => "arctanh",
            Deg2rad => "deg2rad",
            Rad2deg => "rad2deg",
            Rint => "rint",
            Trunc => "trunc",
            Sign => "sign",
            Reciprocal => "reciprocal",
            IsNan => "isnan",
            IsInf => "isinf",
            IsFinite => "isfinite",
            SignBit => "signbit",
            BitwiseCount => "bitwise_count",
        }
    }

    /// Which dtypes the op takes and what it gives.
    pub fn rule(self) -> UnaryRule {
        use UnaryOp::*;
        match self {
            Neg | Sign | Reciprocal => UnaryRule::Numeric,
            Abs => UnaryRule::Any,
            Sqrt | Exp | Log | Log1p | Sin | Cos | Tanh | Cbrt | Exp2 | Expm1 | Log2 | Log10
            | Tan | Arcsin | Arccos | Arctan | Sinh | Cosh | Arcsinh | Arccosh | Arctanh
            | Deg2rad | Rad2deg | Rint => UnaryRule::FloatMath,
            Floor | Ceil | Trunc => UnaryRule::Rounding,
            Not => UnaryRule::Bitwise,
            IsNan | IsInf | IsFinite | SignBit => UnaryRule::Predicate,
            BitwiseCount => UnaryRule::Count,
        }
    }

    /// The dtype NumPy computes the op in for a bool input, where that is not bool itself
    /// (`np.reciprocal(True)` is int8).
    pub fn bool_input_as(self) -> Option<DType> {
        match self {
            UnaryOp::Reciprocal => Some(DType::I8),
            _ => None,
        }
    }

    /// How compiled code computes the op on `dtype` (one the op accepts).
    pub fn lowering(self, dtype: DType) -> UnaryLowering {
        use InlineUnary as I;
        use UnaryLowering::{Call, Inline};
        use UnaryOp::*;
        let call = |c: Option<UnaryCall>| match c {
            Some(c) => Call(c),
            None => unreachable!("{self:?} has no call on {dtype}"),
        };
        match self {
            Neg => Inline(I::Negate),
            Abs => Inline(I::Absolute),
            Sqrt => Inline(I::Sqrt),
            Exp => Inline(I::Exp),
            Floor => Inline(I::Floor),
            Ceil => Inline(I::Ceil),
            Trunc => Inline(I::Trunc),
            Rint => Inline(I::Nearest),
            Not => Inline(I::Not),
            Reciprocal if dtype.is_float() => Inline(I::Reciprocal),
            IsNan => Inline(I::IsNan),
            IsInf => Inline(I::IsInf),
            IsFinite => Inline(I::IsFinite),
            SignBit => Inline(I::SignBit),
            Log => Inline(I::Log),
            Log1p => Inline(I::Log1p),
            Sin => Inline(I::Sin),
            Cos => Inline(I::Cos),
            Tanh => Inline(I::Tanh),
            Cbrt => call(unary_call!(Cbrt, dtype)),
            Exp2 => call(unary_call!(Exp2, dtype)),
            Expm1 => Inline(I::Expm1),
            Log2 => call(unary_call!(Log2, dtype)),
            Log10 => call(unary_call!(Log10, dtype)),
            Tan => call(unary_call!(Tan, dtype)),
            Arcsin => call(unary_call!(Arcsin, dtype)),
            Arccos => call(unary_call!(Arccos, dtype)),
            Arctan => call(unary_call!(Arctan, dtype)),
            Sinh => call(unary_call!(Sinh, dtype)),
            Cosh => call(unary_call!(Cosh, dtype)),
            Arcsinh => call(unary_call!(Arcsinh, dtype)),
            Arccosh => call(unary_call!(Arccosh, dtype)),
            Arctanh => call(unary_call!(Arctanh, dtype)),
            Deg2rad => call(unary_call!(Deg2rad, dtype)),
            Rad2deg => call(unary_call!(Rad2deg, dtype)),
            Sign => call(unary_call!(Sign, dtype)),
            Reciprocal => call(unary_call!(Reciprocal, dtype)),
            BitwiseCount if dtype.is_bool() => Inline(I::Absolute),
            BitwiseCount => call(unary_call!(BitwiseCount, dtype)),
        }
    }

    /// True for the float functions (integers compute in a float dtype).
    pub fn is_float_math(self) -> bool {
        self.rule() == UnaryRule::FloatMath
    }

    /// Whether the op is defined on `dtype` as a graph node (the API has already applied the
    /// integer-to-float and rounding-is-identity rules).
    pub fn accepts(self, dtype: DType) -> bool {
        match self.rule() {
            UnaryRule::Numeric => !dtype.is_bool(),
            UnaryRule::Any | UnaryRule::Predicate => true,
            UnaryRule::FloatMath | UnaryRule::Rounding => dtype.is_float(),
            UnaryRule::Bitwise | UnaryRule::Count => !dtype.is_float(),
        }
    }

    /// The result dtype for an input of `dtype` (one the op accepts).
    pub fn result_dtype(self, dtype: DType) -> DType {
        match self.rule() {
            UnaryRule::Predicate => DType::Bool,
            UnaryRule::Count => DType::U8,
            UnaryRule::Numeric
            | UnaryRule::Any
            | UnaryRule::FloatMath
            | UnaryRule::Rounding
            | UnaryRule::Bitwise => dtype,
        }
    }

    /// Ops that keep bool lane masks in vector code (logical not).
    pub fn works_on_masks(self) -> bool {
        self.rule() == UnaryRule::Bitwise
    }

    /// Whether compiled code has a 128-bit vector form of the op on `dtype`: the inline
    /// families whose result has the input's lane width.
    pub fn vectorizes(self, dtype: DType) -> bool {
        matches!(self.lowering(dtype), UnaryLowering::Inline(_))
            && self.result_dtype(dtype) == dtype
    }
}

/// The float definitions, written once for f32 and f64 (`$t` the float type).
macro_rules! float {
    ($op:expr, $v:expr, $t:ty) => {{
        use UnaryOp::*;
        let v: $t = $v;
        match $op {
            Neg => Scalar::from(-v),
            Abs => Scalar::from(v.abs()),
            Sqrt => Scalar::from(v.sqrt()),
            Exp => Scalar::from(v.exp()),
            Log => Scalar::from(v.ln()),
            Log1p => Scalar::from(v.ln_1p()),
            Sin => Scalar::from(v.sin()),
            Cos => Scalar::from(v.cos()),
            Tanh => Scalar::from(v.tanh()),
            Floor => Scalar::from(v.floor()),
            Ceil => Scalar::from(v.ceil()),
            Cbrt => Scalar::from(v.cbrt()),
            Exp2 => Scalar::from(v.exp2()),
            Expm1 => Scalar::from(v.exp_m1()),
            Log2 => Scalar::from(v.log2()),
            Log10 => Scalar::from(v.log10()),
            Tan => Scalar::from(v.tan()),
            Arcsin => Scalar::from(v.asin()),
            Arccos => Scalar::from(v.acos()),
            Arctan => Scalar::from(v.atan()),
            Sinh => Scalar::from(v.sinh()),
            Cosh => Scalar::from(v.cosh()),
            // Rust's inverse hyperbolic functions are formulas over `ln_1p`, several ulps off
            // in f32: f32 computes them in f64 and rounds once (within an ulp of libm's).
            Arcsinh => Scalar::from((v as f64).asinh() as $t),
            Arccosh => Scalar::from((v as f64).acosh() as $t),
            Arctanh => Scalar::from((v as f64).atanh() as $t),
            // NumPy: `x * (NPY_PI / 180)` in the float's own precision.
            Deg2rad => Scalar::from(v * (std::f64::consts::PI / 180.0) as $t),
            Rad2deg => Scalar::from(v * (180.0 / std::f64::consts::PI) as $t),
            Rint => Scalar::from(v.round_ties_even()),
            Trunc => Scalar::from(v.trunc()),
            Sign => Scalar::from(if v > 0.0 {
                1.0
            } else if v < 0.0 {
                -1.0
            } else if v == 0.0 {
                0.0
            } else {
                v
            }),
            Reciprocal => Scalar::from(1.0 / v),
            IsNan => Scalar::Bool(v.is_nan()),
            IsInf => Scalar::Bool(v.is_infinite()),
            IsFinite => Scalar::Bool(v.is_finite()),
            SignBit => Scalar::Bool(v.is_sign_negative()),
            Not | BitwiseCount => undefined($op, Scalar::from(v)),
        }
    }};
}

/// The integer definitions, written once for every width and signedness: negation and `abs`
/// wrap (`abs(MIN) == MIN`, as NumPy; the identity on unsigned integers).
macro_rules! int {
    ($op:expr, $v:expr, $t:ty) => {{
        use UnaryOp::*;
        let v: $t = $v;
        let wide = v as i128;
        match $op {
            Neg => Scalar::from(v.wrapping_neg()),
            Abs => Scalar::from(if wide < 0 { v.wrapping_neg() } else { v }),
            Not => Scalar::from(!v),
            Sign => Scalar::from(wide.signum() as $t),
            Reciprocal => Scalar::from(match wide {
                1 => 1 as $t,
                -1 => (0 as $t).wrapping_sub(1),
                _ => 0,
            }),
            IsNan | IsInf => Scalar::Bool(false),
            IsFinite => Scalar::Bool(true),
            SignBit => Scalar::Bool(wide < 0),
            BitwiseCount => Scalar::U8(wide.unsigned_abs().count_ones() as u8),
            _ => undefined($op, Scalar::from(v)),
        }
    }};
}

/// The scalar definition: `op(x)`. f32 math uses the f32 functions (as NumPy's `npy_expf` etc.
/// do), so results are correctly rounded f32s, not f64 results rounded twice.
pub fn apply(op: UnaryOp, x: Scalar) -> Scalar {
    use Scalar::*;
    match x {
        Bool(v) => match op {
            UnaryOp::Abs => Bool(v),
            UnaryOp::Not => Bool(!v),
            UnaryOp::IsNan | UnaryOp::IsInf | UnaryOp::SignBit => Bool(false),
            UnaryOp::IsFinite => Bool(true),
            UnaryOp::BitwiseCount => U8(u8::from(v)),
            _ => undefined(op, x),
        },
        I8(v) => int!(op, v, i8),
        I16(v) => int!(op, v, i16),
        I32(v) => int!(op, v, i32),
        I64(v) => int!(op, v, i64),
        U8(v) => int!(op, v, u8),
        U16(v) => int!(op, v, u16),
        U32(v) => int!(op, v, u32),
        U64(v) => int!(op, v, u64),
        F32(v) => float!(op, v, f32),
        F64(v) => float!(op, v, f64),
    }
}

fn undefined(op: UnaryOp, x: Scalar) -> ! {
    unreachable!(
        "{op:?} is not defined on {:?} (rejected when built)",
        x.dtype()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_op_once() {
        for (i, op) in UnaryOp::ALL.iter().enumerate() {
            assert!(!UnaryOp::ALL[..i].contains(op), "{op:?} twice");
        }
        let mut names: Vec<_> = UnaryOp::ALL.iter().map(|o| o.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), UnaryOp::ALL.len());
    }

    #[test]
    fn calls_compute_the_scalar_definition() {
        for op in UnaryOp::ALL {
            for x in [0.5f64, -1.25, 3.0, f64::NAN, f64::INFINITY] {
                if let UnaryLowering::Call(UnaryCall::F64(f)) = op.lowering(DType::F64)
                    && op.accepts(DType::F64)
                {
                    let want = apply(op, Scalar::F64(x));
                    assert_eq!(Scalar::F64(f(x)), want, "{op:?}({x})");
                }
                if let UnaryLowering::Call(UnaryCall::F32(f)) = op.lowering(DType::F32)
                    && op.accepts(DType::F32)
                {
                    let want = apply(op, Scalar::F32(x as f32));
                    assert_eq!(Scalar::F32(f(x as f32)), want, "{op:?}({x})");
                }
            }
            for d in DType::ALL
                .into_iter()
                .filter(|d| d.is_int() && op.accepts(*d))
            {
                for v in [0i64, 1, -1, 7, -128, 255] {
                    let x = Scalar::I64(v).cast(d);
                    if let UnaryLowering::Call(UnaryCall::Int(f)) = op.lowering(d) {
                        let want = apply(op, x);
                        let got = Scalar::from_bits(f(x.bits() as i64) as u64, want.dtype());
                        assert_eq!(got, want, "{op:?}({x:?})");
                    }
                }
            }
        }
    }
}
