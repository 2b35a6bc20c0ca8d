//! The meaning of every elementwise op on one value: the definition every evaluator must match
//! (the reference evaluator, constant folding, and — through the calls in the op tables — the
//! compiled code). Each op family's definition lives with its other properties in
//! [`crate::op`]; this module is the one door to them.

use crate::op::{binary, unary};
use crate::{BinaryOp, Scalar, UnaryOp};

/// `op(x)`; see [`unary::apply`].
pub fn unary(op: UnaryOp, x: Scalar) -> Scalar {
    unary::apply(op, x)
}

/// `op(a, b)` for operands of one dtype; see [`binary::apply`].
pub fn binary(op: BinaryOp, a: Scalar, b: Scalar) -> Scalar {
    binary::apply(op, a, b)
}

/// NumPy's fast path for a float array raised to a *scalar* exponent: `x**2` is `square(x)`,
/// `x**0.5` is `sqrt(x)` (so `(-0.0)**0.5 == -0.0` and `(-inf)**0.5` is NaN, unlike libm's
/// `pow`), `x**-1` is `reciprocal(x)`. `None` when the exponent has no fast path.
pub fn power_by_constant(x: Scalar, exponent: Scalar) -> Option<Scalar> {
    let c = exponent.to_f64();
    let sqrt = |v: Scalar| unary(UnaryOp::Sqrt, v);
    match x {
        Scalar::F32(v) if c == 2.0 => Some(Scalar::F32(v * v)),
        Scalar::F64(v) if c == 2.0 => Some(Scalar::F64(v * v)),
        Scalar::F32(_) | Scalar::F64(_) if c == 0.5 => Some(sqrt(x)),
        Scalar::F32(v) if c == -1.0 => Some(Scalar::F32(1.0 / v)),
        Scalar::F64(v) if c == -1.0 => Some(Scalar::F64(1.0 / v)),
        _ => None,
    }
}

/// True if `op` on integers `a`, `b` has no defined result (a negative power).
pub fn int_power_is_invalid(op: BinaryOp, b: Scalar) -> bool {
    op == BinaryOp::Pow && b.to_i64().is_some_and(|e| e < 0) && !matches!(b, Scalar::Bool(_))
}

#[cfg(test)]
mod tests {
    use super::*;
    use BinaryOp::*;
    use Scalar::*;

    /// Each expected value is what NumPy 2 prints for the expression in the comment.
    #[test]
    fn integer_division_is_floored_and_total() {
        assert_eq!(binary(Rem, I64(-7), I64(3)), I64(2)); // np.remainder(-7, 3)
        assert_eq!(binary(FloorDiv, I64(-7), I64(3)), I64(-3)); // np.floor_divide(-7, 3)
        assert_eq!(binary(FloorDiv, I32(-7), I32(2)), I32(-4)); // np.int32(-7) // np.int32(2)
        assert_eq!(binary(FloorDiv, I64(7), I64(0)), I64(0)); // np.array([7]) // 0
        assert_eq!(binary(Rem, I64(7), I64(0)), I64(0));
        assert_eq!(binary(FloorDiv, I64(i64::MIN), I64(-1)), I64(i64::MIN)); // wraps
        assert_eq!(binary(Rem, I64(i64::MIN), I64(-1)), I64(0));
    }

    #[test]
    fn float_divmod_matches_numpy() {
        assert_eq!(binary(Rem, F64(-5.5), F64(2.0)), F64(0.5)); // np.remainder(-5.5, 2.0)
        assert!(matches!(binary(Rem, F64(5.0), F64(-0.0)), F64(v) if v.is_nan()));
        assert_eq!(
            binary(FloorDiv, F64(-5.0), F64(0.0)),
            F64(f64::NEG_INFINITY)
        );
        assert_eq!(binary(FloorDiv, F32(1.5), F32(0.0)), F32(f32::INFINITY));
        assert_eq!(binary(Rem, F64(6.0), F64(-3.0)), F64(-0.0));
    }

    #[test]
    fn max_min_propagate_nan_and_prefer_the_second_on_ties() {
        // np.maximum(-0.0, 0.0) -> 0.0 ; np.maximum(0.0, -0.0) -> -0.0
        assert_eq!(binary(Max, F64(-0.0), F64(0.0)), F64(0.0));
        assert_eq!(binary(Max, F64(0.0), F64(-0.0)), F64(-0.0));
        assert_eq!(binary(Min, F64(-0.0), F64(0.0)), F64(0.0));
        assert!(binary(Max, F64(1.0), F64(f64::NAN)).is_nan());
        assert!(binary(Min, F32(f32::NAN), F32(1.0)).is_nan());
    }

    #[test]
    fn bools_and_wrapping() {
        assert_eq!(binary(Add, Bool(true), Bool(true)), Bool(true)); // logical or
        assert_eq!(binary(Mul, Bool(true), Bool(false)), Bool(false));
        assert_eq!(binary(Add, I32(i32::MAX), I32(1)), I32(i32::MIN));
        assert_eq!(unary(UnaryOp::Abs, I64(i64::MIN)), I64(i64::MIN)); // np.abs(-2**63)
        assert_eq!(binary(Pow, I64(3), I64(4)), I64(81));
        assert_eq!(binary(Pow, I64(0), I64(0)), I64(1));
        assert!(int_power_is_invalid(Pow, I64(-1)));
    }
}
