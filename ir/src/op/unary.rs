//! Elementwise functions of one argument, and every property of each in one place: NumPy's
//! name, the dtype rule, the scalar definition, and how compiled code computes it.
//!
//! Adding a function is a change to this file — a variant, then one arm in each exhaustive
//! `match` below, which the compiler lists — plus its API method and its tests. Nothing else
//! in the library lists unary ops: the API, inference, the reference evaluator, constant
//! folding, the loop planner and the code generator all ask these tables.

use crate::op::lowering::UnaryCall;
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
}

/// Which dtypes a unary op takes and what it gives (NumPy's loops for the ufunc).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum UnaryRule {
    /// Numbers, not bool (NumPy has no boolean `negative`); the result has the input's dtype.
    Numeric,
    /// Every dtype; the result has the input's dtype.
    Any,
    /// A float function: floats keep their dtype; integers compute in float64 (NumPy's integer
    /// loops of these ufuncs); bool is rejected.
    FloatMath,
    /// Rounding: floats keep their dtype; integers and bools are returned unchanged (NumPy 2).
    Rounding,
    /// Bitwise: bool (logical) and integers; floats are rejected.
    Bitwise,
}

/// The instruction families the code generator emits inline for unary ops.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum InlineUnary {
    /// Float or integer negation (integers wrap).
    Negate,
    /// Float or wrapping integer absolute value; the identity on bool.
    Absolute,
    /// The IEEE square root instruction (correctly rounded, as libm's `sqrt`).
    Sqrt,
    /// Round toward −∞.
    Floor,
    /// Round toward +∞.
    Ceil,
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
    /// The inline `tanh` (from an inline `expm1`; within 4 ulp of libm).
    Tanh,
}

/// How compiled code computes a unary op on one dtype.
#[derive(Copy, Clone, Debug)]
pub enum UnaryLowering {
    /// Inline instructions (with a 128-bit vector form).
    Inline(InlineUnary),
    /// A call per element to the op's scalar definition (no vector form).
    Call(UnaryCall),
}

impl UnaryOp {
    /// Every unary op, in declaration order (tests enumerate it).
    pub const ALL: [UnaryOp; 12] = {
        use UnaryOp::*;
        [
            Neg, Abs, Sqrt, Exp, Log, Log1p, Sin, Cos, Tanh, Floor, Ceil, Not,
        ]
    };

    /// NumPy's ufunc name.
    pub fn name(self) -> &'static str {
        match self {
            UnaryOp::Neg => "negative",
            UnaryOp::Abs => "absolute",
            UnaryOp::Sqrt => "sqrt",
            UnaryOp::Exp => "exp",
            UnaryOp::Log => "log",
            UnaryOp::Log1p => "log1p",
            UnaryOp::Sin => "sin",
            UnaryOp::Cos => "cos",
            UnaryOp::Tanh => "tanh",
            UnaryOp::Floor => "floor",
            UnaryOp::Ceil => "ceil",
            UnaryOp::Not => "invert",
        }
    }

    /// Which dtypes the op takes and what it gives.
    pub fn rule(self) -> UnaryRule {
        match self {
            UnaryOp::Neg => UnaryRule::Numeric,
            UnaryOp::Abs => UnaryRule::Any,
            UnaryOp::Sqrt
            | UnaryOp::Exp
            | UnaryOp::Log
            | UnaryOp::Log1p
            | UnaryOp::Sin
            | UnaryOp::Cos
            | UnaryOp::Tanh => UnaryRule::FloatMath,
            UnaryOp::Floor | UnaryOp::Ceil => UnaryRule::Rounding,
            UnaryOp::Not => UnaryRule::Bitwise,
        }
    }

    /// How compiled code computes the op on `dtype` (one the op accepts).
    pub fn lowering(self, dtype: DType) -> UnaryLowering {
        use InlineUnary as I;
        use UnaryLowering::Inline;
        // Every op lowers the same way on each dtype it accepts (the float functions are all
        // inline now; a new one starts as `Call(unary_call!(op, dtype))`).
        let _ = dtype;
        match self {
            UnaryOp::Neg => Inline(I::Negate),
            UnaryOp::Abs => Inline(I::Absolute),
            UnaryOp::Sqrt => Inline(I::Sqrt),
            UnaryOp::Exp => Inline(I::Exp),
            UnaryOp::Floor => Inline(I::Floor),
            UnaryOp::Ceil => Inline(I::Ceil),
            UnaryOp::Not => Inline(I::Not),
            UnaryOp::Log => Inline(I::Log),
            UnaryOp::Log1p => Inline(I::Log1p),
            UnaryOp::Sin => Inline(I::Sin),
            UnaryOp::Cos => Inline(I::Cos),
            UnaryOp::Tanh => Inline(I::Tanh),
        }
    }

    /// True for the float functions (integers compute in float64).
    pub fn is_float_math(self) -> bool {
        self.rule() == UnaryRule::FloatMath
    }

    /// Whether the op is defined on `dtype` as a graph node (the API has already applied the
    /// integer-to-float64 and rounding-is-identity rules).
    pub fn accepts(self, dtype: DType) -> bool {
        match self.rule() {
            UnaryRule::Numeric => !dtype.is_bool(),
            UnaryRule::Any => true,
            UnaryRule::FloatMath | UnaryRule::Rounding => dtype.is_float(),
            UnaryRule::Bitwise => !dtype.is_float(),
        }
    }

    /// Ops that keep bool lane masks in vector code (logical not).
    pub fn works_on_masks(self) -> bool {
        self.rule() == UnaryRule::Bitwise
    }

    /// Whether compiled code has a 128-bit vector form of the op on `dtype`.
    pub fn vectorizes(self, dtype: DType) -> bool {
        matches!(self.lowering(dtype), UnaryLowering::Inline(_))
    }
}

/// The float definitions, written once for f32 and f64.
macro_rules! float {
    ($op:expr, $v:expr, $x:expr) => {
        match $op {
            UnaryOp::Neg => -$v,
            UnaryOp::Abs => $v.abs(),
            UnaryOp::Sqrt => $v.sqrt(),
            UnaryOp::Exp => $v.exp(),
            UnaryOp::Log => $v.ln(),
            UnaryOp::Log1p => $v.ln_1p(),
            UnaryOp::Sin => $v.sin(),
            UnaryOp::Cos => $v.cos(),
            UnaryOp::Tanh => $v.tanh(),
            UnaryOp::Floor => $v.floor(),
            UnaryOp::Ceil => $v.ceil(),
            UnaryOp::Not => undefined($op, $x),
        }
    };
}

/// The signed integer definitions: negation and `abs` wrap (`abs(MIN) == MIN`, as NumPy).
macro_rules! signed {
    ($op:expr, $v:expr, $x:expr) => {
        match $op {
            UnaryOp::Neg => $v.wrapping_neg(),
            UnaryOp::Abs => $v.wrapping_abs(),
            UnaryOp::Not => !$v,
            _ => undefined($op, $x),
        }
    };
}

/// The unsigned integer definitions: negation wraps (`-np.uint8(1) == 255`), `abs` is the
/// identity.
macro_rules! unsigned {
    ($op:expr, $v:expr, $x:expr) => {
        match $op {
            UnaryOp::Neg => $v.wrapping_neg(),
            UnaryOp::Abs => $v,
            UnaryOp::Not => !$v,
            _ => undefined($op, $x),
        }
    };
}

/// The scalar definition: `op(x)`. f32 math uses the f32 functions (as NumPy's `npy_expf` etc.
/// do), so results are correctly rounded f32s, not f64 results rounded twice.
pub fn apply(op: UnaryOp, x: Scalar) -> Scalar {
    use Scalar::*;
    match x {
        Bool(v) => Bool(match op {
            UnaryOp::Abs => v,
            UnaryOp::Not => !v,
            _ => undefined(op, x),
        }),
        I8(v) => I8(signed!(op, v, x)),
        I16(v) => I16(signed!(op, v, x)),
        I32(v) => I32(signed!(op, v, x)),
        I64(v) => I64(signed!(op, v, x)),
        U8(v) => U8(unsigned!(op, v, x)),
        U16(v) => U16(unsigned!(op, v, x)),
        U32(v) => U32(unsigned!(op, v, x)),
        U64(v) => U64(unsigned!(op, v, x)),
        F32(v) => F32(float!(op, v, x)),
        F64(v) => F64(float!(op, v, x)),
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
                if let UnaryLowering::Call(UnaryCall::F64(f)) = op.lowering(DType::F64) {
                    let want = apply(op, Scalar::F64(x));
                    assert_eq!(Scalar::F64(f(x)), want, "{op:?}({x})");
                }
                if let UnaryLowering::Call(UnaryCall::F32(f)) = op.lowering(DType::F32) {
                    let want = apply(op, Scalar::F32(x as f32));
                    assert_eq!(Scalar::F32(f(x as f32)), want, "{op:?}({x})");
                }
            }
        }
    }
}
