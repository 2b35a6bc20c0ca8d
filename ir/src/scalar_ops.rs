//! The meaning of every elementwise op on one value: the definition every evaluator must match.
//!
//! Operands of a binary op have one dtype (the graph makes conversions explicit). Integers wrap;
//! integer division and remainder by zero give 0 (NumPy's result, without its warning);
//! `maximum`/`minimum` propagate NaN and, for equal operands (`-0.0` vs `0.0`), return the
//! second one, exactly as NumPy does.

use crate::{BinaryOp, Scalar, UnaryOp};

/// NumPy's `npy_divmod` (floor division and floored remainder of floats), step for step.
macro_rules! float_divmod {
    ($a:expr, $b:expr, $t:ty) => {{
        let (a, b): ($t, $t) = ($a, $b);
        let mut m = a % b; // C fmod
        if b == 0.0 {
            (a / b, m)
        } else {
            let mut div = (a - m) / b;
            if m != 0.0 {
                if (b < 0.0) != (m < 0.0) {
                    m += b;
                    div -= 1.0;
                }
            } else {
                m = (0.0 as $t).copysign(b);
            }
            let floordiv = if div != 0.0 {
                let f = div.floor();
                if div - f > 0.5 { f + 1.0 } else { f }
            } else {
                (0.0 as $t).copysign(a / b)
            };
            (floordiv, m)
        }
    }};
}

macro_rules! int_binary {
    ($op:expr, $x:expr, $y:expr, $V:ident, $t:ty) => {{
        use BinaryOp::*;
        let (x, y): ($t, $t) = ($x, $y);
        match $op {
            Add => Scalar::$V(x.wrapping_add(y)),
            Sub => Scalar::$V(x.wrapping_sub(y)),
            Mul => Scalar::$V(x.wrapping_mul(y)),
            FloorDiv => Scalar::$V(if y == 0 {
                0
            } else {
                let q = x.wrapping_div(y);
                if x.wrapping_rem(y) != 0 && ((x < 0) != (y < 0)) {
                    q - 1
                } else {
                    q
                }
            }),
            Rem => Scalar::$V(if y == 0 {
                0
            } else {
                let r = x.wrapping_rem(y);
                if r != 0 && ((r < 0) != (y < 0)) {
                    r + y
                } else {
                    r
                }
            }),
            Pow => Scalar::$V(int_pow(x as i64, y as i64) as $t),
            Max => Scalar::$V(x.max(y)),
            Min => Scalar::$V(x.min(y)),
            BitAnd => Scalar::$V(x & y),
            BitOr => Scalar::$V(x | y),
            BitXor => Scalar::$V(x ^ y),
            Lt => Scalar::Bool(x < y),
            Le => Scalar::Bool(x <= y),
            Gt => Scalar::Bool(x > y),
            Ge => Scalar::Bool(x >= y),
            Eq => Scalar::Bool(x == y),
            Ne => Scalar::Bool(x != y),
            Div => unreachable!("true division is on floats"),
        }
    }};
}

macro_rules! float_binary {
    ($op:expr, $x:expr, $y:expr, $V:ident, $t:ty) => {{
        use BinaryOp::*;
        let (x, y): ($t, $t) = ($x, $y);
        match $op {
            Add => Scalar::$V(x + y),
            Sub => Scalar::$V(x - y),
            Mul => Scalar::$V(x * y),
            Div => Scalar::$V(x / y),
            FloorDiv => Scalar::$V(float_divmod!(x, y, $t).0),
            Rem => Scalar::$V(float_divmod!(x, y, $t).1),
            Pow => Scalar::$V(x.powf(y)),
            Max => Scalar::$V(if x > y || x.is_nan() { x } else { y }),
            Min => Scalar::$V(if x < y || x.is_nan() { x } else { y }),
            Lt => Scalar::Bool(x < y),
            Le => Scalar::Bool(x <= y),
            Gt => Scalar::Bool(x > y),
            Ge => Scalar::Bool(x >= y),
            Eq => Scalar::Bool(x == y),
            Ne => Scalar::Bool(x != y),
            BitAnd | BitOr | BitXor => unreachable!("bitwise ops are not defined on floats"),
        }
    }};
}

/// `op(x)`.
pub fn unary(op: UnaryOp, x: Scalar) -> Scalar {
    use Scalar::*;
    use UnaryOp::*;
    match (op, x) {
        (Neg, I32(v)) => I32(v.wrapping_neg()),
        (Neg, I64(v)) => I64(v.wrapping_neg()),
        (Neg, F32(v)) => F32(-v),
        (Neg, F64(v)) => F64(-v),
        (Abs, Bool(v)) => Bool(v),
        (Abs, I32(v)) => I32(v.wrapping_abs()),
        (Abs, I64(v)) => I64(v.wrapping_abs()),
        (Abs, F32(v)) => F32(v.abs()),
        (Abs, F64(v)) => F64(v.abs()),
        (Not, Bool(v)) => Bool(!v),
        (Not, I32(v)) => I32(!v),
        (Not, I64(v)) => I64(!v),
        (op, F32(v)) => F32(float_unary32(op, v)),
        (op, F64(v)) => F64(float_unary64(op, v)),
        (op, x) => unreachable!(
            "{op:?} is not defined on {:?} (rejected when built)",
            x.dtype()
        ),
    }
}

/// f32 math uses the f32 functions (as NumPy's `npy_expf` etc. do), so results are correctly
/// rounded f32s, not f64 results rounded twice.
fn float_unary32(op: UnaryOp, v: f32) -> f32 {
    match op {
        UnaryOp::Sqrt => v.sqrt(),
        UnaryOp::Exp => v.exp(),
        UnaryOp::Log => v.ln(),
        UnaryOp::Sin => v.sin(),
        UnaryOp::Cos => v.cos(),
        UnaryOp::Tanh => v.tanh(),
        UnaryOp::Floor => v.floor(),
        UnaryOp::Ceil => v.ceil(),
        other => unreachable!("{other:?} handled by `unary`"),
    }
}

fn float_unary64(op: UnaryOp, v: f64) -> f64 {
    match op {
        UnaryOp::Sqrt => v.sqrt(),
        UnaryOp::Exp => v.exp(),
        UnaryOp::Log => v.ln(),
        UnaryOp::Sin => v.sin(),
        UnaryOp::Cos => v.cos(),
        UnaryOp::Tanh => v.tanh(),
        UnaryOp::Floor => v.floor(),
        UnaryOp::Ceil => v.ceil(),
        other => unreachable!("{other:?} handled by `unary`"),
    }
}

/// `op(a, b)` for operands of one dtype. Integer `power` with a negative exponent has no
/// integer result; the caller checks for it first (NumPy raises), here it gives 0.
pub fn binary(op: BinaryOp, a: Scalar, b: Scalar) -> Scalar {
    use Scalar::*;
    match (a, b) {
        (Bool(x), Bool(y)) => bool_binary(op, x, y),
        (I32(x), I32(y)) => int_binary!(op, x, y, I32, i32),
        (I64(x), I64(y)) => int_binary!(op, x, y, I64, i64),
        (F32(x), F32(y)) => float_binary!(op, x, y, F32, f32),
        (F64(x), F64(y)) => float_binary!(op, x, y, F64, f64),
        _ => unreachable!("binary operands differ in dtype: {a:?} {b:?}"),
    }
}

fn bool_binary(op: BinaryOp, x: bool, y: bool) -> Scalar {
    use BinaryOp::*;
    Scalar::Bool(match op {
        Add | Max | BitOr => x | y,
        Mul | Min | BitAnd => x & y,
        BitXor | Ne => x ^ y,
        Eq => x == y,
        Lt => !x & y,
        Le => x <= y,
        Gt => x & !y,
        Ge => x >= y,
        Sub | Div | FloorDiv | Rem | Pow => unreachable!("{op:?} is not defined on bool"),
    })
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

/// Wrapping `base ** exp` by squaring (`exp >= 0`; a negative exponent gives 0).
fn int_pow(base: i64, exp: i64) -> i64 {
    if exp < 0 {
        return 0;
    }
    let (mut result, mut base, mut exp) = (1i64, base, exp as u64);
    while exp > 0 {
        if exp & 1 == 1 {
            result = result.wrapping_mul(base);
        }
        base = base.wrapping_mul(base);
        exp >>= 1;
    }
    result
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
