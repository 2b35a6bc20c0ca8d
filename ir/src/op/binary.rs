//! Elementwise functions of two arguments of one dtype, and every property of each in one
//! place: NumPy's name and operator, the dtype rule, algebraic facts the optimizer uses, the
//! scalar definition, and how compiled code computes it.
//!
//! Adding a function is a change to this file — a variant, then one arm in each exhaustive
//! `match` below, which the compiler lists — plus its API method and its tests.
//!
//! Integers wrap; integer division and remainder by zero give 0 (NumPy's result, without its
//! warning); `maximum`/`minimum` propagate NaN and, for equal operands (`-0.0` vs `0.0`),
//! return the second one, exactly as NumPy does.

use crate::op::lowering::{BinaryCall, binary_call};
use crate::{DType, Scalar};

/// Elementwise functions of two arguments of the same dtype.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    /// `a + b`; integers wrap; on bool it is logical or (as in NumPy).
    Add,
    /// `a - b`; undefined for bool.
    Sub,
    /// `a * b`; on bool it is logical and.
    Mul,
    /// True division `a / b` (floats only; the API casts integers to f64 first).
    Div,
    /// Floor division `a // b`; integer division by zero gives 0, `MIN // -1` wraps.
    FloorDiv,
    /// Floored remainder `a % b` (takes the divisor's sign); integer `x % 0` gives 0.
    Rem,
    /// `a ** b`.
    Pow,
    /// `np.maximum` (NaN propagates).
    Max,
    /// `np.minimum` (NaN propagates).
    Min,
    /// `a < b` → bool.
    Lt,
    /// `a <= b` → bool.
    Le,
    /// `a > b` → bool.
    Gt,
    /// `a >= b` → bool.
    Ge,
    /// `a == b` → bool.
    Eq,
    /// `a != b` → bool.
    Ne,
    /// `a & b` (bool: logical and).
    BitAnd,
    /// `a | b` (bool: logical or).
    BitOr,
    /// `a ^ b` (bool: logical xor).
    BitXor,
}

/// Which dtypes a binary op takes and what it gives (NumPy's loops for the ufunc).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum BinaryRule {
    /// Every dtype, the result in the operands' dtype (on bool `add` is or, `multiply` and).
    Any,
    /// Numbers, not bool; the result in the operands' dtype.
    Numeric,
    /// A float function: integer operands compute in float64 (`true_divide`).
    FloatMath,
    /// Every dtype; the result is bool.
    Comparison,
    /// Bitwise: bool (logical) and integers; floats are rejected.
    Bitwise,
}

/// The comparison a [`InlineBinary::Compare`] makes.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Comparison {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `==`
    Eq,
    /// `!=`
    Ne,
}

/// The instruction families the code generator emits inline for binary ops.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum InlineBinary {
    /// Float or wrapping integer addition.
    Add,
    /// Float or wrapping integer subtraction.
    Sub,
    /// Float or wrapping integer multiplication.
    Mul,
    /// Float division.
    Div,
    /// NumPy's `maximum`: `a > b || isnan(a) ? a : b` on floats, signed max on integers.
    Max,
    /// NumPy's `minimum`: `a < b || isnan(a) ? a : b` on floats, signed min on integers.
    Min,
    /// Bitwise and (logical on bool).
    And,
    /// Bitwise or (logical on bool).
    Or,
    /// Bitwise xor (logical on bool).
    Xor,
    /// Floored integer division that never traps (`x // 0 == 0`, `MIN // -1 == MIN`).
    FloorDiv,
    /// Floored integer remainder that never traps (`x % 0 == 0`).
    Rem,
    /// A comparison giving bool (ordered on floats, unsigned on bool, signed on integers).
    Compare(Comparison),
}

/// How compiled code computes a binary op on one dtype.
#[derive(Copy, Clone, Debug)]
pub enum BinaryLowering {
    /// Inline instructions.
    Inline(InlineBinary),
    /// A call per element to the op's scalar definition.
    Call(BinaryCall),
}

impl BinaryOp {
    /// Every binary op, in declaration order (tests enumerate it).
    pub const ALL: [BinaryOp; 18] = {
        use BinaryOp::*;
        [
            Add, Sub, Mul, Div, FloorDiv, Rem, Pow, Max, Min, Lt, Le, Gt, Ge, Eq, Ne, BitAnd,
            BitOr, BitXor,
        ]
    };

    /// NumPy's ufunc name.
    pub fn name(self) -> &'static str {
        match self {
            BinaryOp::Add => "add",
            BinaryOp::Sub => "subtract",
            BinaryOp::Mul => "multiply",
            BinaryOp::Div => "true_divide",
            BinaryOp::FloorDiv => "floor_divide",
            BinaryOp::Rem => "remainder",
            BinaryOp::Pow => "power",
            BinaryOp::Max => "maximum",
            BinaryOp::Min => "minimum",
            BinaryOp::Lt => "less",
            BinaryOp::Le => "less_equal",
            BinaryOp::Gt => "greater",
            BinaryOp::Ge => "greater_equal",
            BinaryOp::Eq => "equal",
            BinaryOp::Ne => "not_equal",
            BinaryOp::BitAnd => "bitwise_and",
            BinaryOp::BitOr => "bitwise_or",
            BinaryOp::BitXor => "bitwise_xor",
        }
    }

    /// The operator symbol, where there is one (`+`), else the name.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::FloorDiv => "//",
            BinaryOp::Rem => "%",
            BinaryOp::Pow => "**",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::BitAnd => "&",
            BinaryOp::BitOr => "|",
            BinaryOp::BitXor => "^",
            BinaryOp::Max | BinaryOp::Min => self.name(),
        }
    }

    /// Which dtypes the op takes and what it gives.
    pub fn rule(self) -> BinaryRule {
        match self {
            BinaryOp::Add | BinaryOp::Mul | BinaryOp::Max | BinaryOp::Min => BinaryRule::Any,
            BinaryOp::Sub | BinaryOp::FloorDiv | BinaryOp::Rem | BinaryOp::Pow => {
                BinaryRule::Numeric
            }
            BinaryOp::Div => BinaryRule::FloatMath,
            BinaryOp::Lt
            | BinaryOp::Le
            | BinaryOp::Gt
            | BinaryOp::Ge
            | BinaryOp::Eq
            | BinaryOp::Ne => BinaryRule::Comparison,
            BinaryOp::BitAnd | BinaryOp::BitOr | BinaryOp::BitXor => BinaryRule::Bitwise,
        }
    }

    /// `f(a, b) == f(b, a)` for every input.
    pub fn is_commutative(self) -> bool {
        match self {
            BinaryOp::Add
            | BinaryOp::Mul
            | BinaryOp::Max
            | BinaryOp::Min
            | BinaryOp::Eq
            | BinaryOp::Ne
            | BinaryOp::BitAnd
            | BinaryOp::BitOr
            | BinaryOp::BitXor => true,
            BinaryOp::Sub
            | BinaryOp::Div
            | BinaryOp::FloorDiv
            | BinaryOp::Rem
            | BinaryOp::Pow
            | BinaryOp::Lt
            | BinaryOp::Le
            | BinaryOp::Gt
            | BinaryOp::Ge => false,
        }
    }

    /// How compiled code computes the op on operands of `dtype` (one the op accepts).
    pub fn lowering(self, dtype: DType) -> BinaryLowering {
        use BinaryLowering::{Call, Inline};
        use InlineBinary as I;
        let call = |c: Option<BinaryCall>| match c {
            Some(c) => Call(c),
            None => unreachable!("{self:?} has no call on {dtype}"),
        };
        let (float, boolean) = (dtype.is_float(), dtype.is_bool());
        match self {
            BinaryOp::Add if boolean => Inline(I::Or),
            BinaryOp::Add => Inline(I::Add),
            BinaryOp::Sub => Inline(I::Sub),
            BinaryOp::Mul if boolean => Inline(I::And),
            BinaryOp::Mul => Inline(I::Mul),
            BinaryOp::Div => Inline(I::Div),
            BinaryOp::FloorDiv if float => call(binary_call!(BinaryOp::FloorDiv, dtype)),
            BinaryOp::FloorDiv => Inline(I::FloorDiv),
            BinaryOp::Rem if float => call(binary_call!(BinaryOp::Rem, dtype)),
            BinaryOp::Rem => Inline(I::Rem),
            BinaryOp::Pow => call(binary_call!(BinaryOp::Pow, dtype)),
            BinaryOp::Max if boolean => Inline(I::Or),
            BinaryOp::Max => Inline(I::Max),
            BinaryOp::Min if boolean => Inline(I::And),
            BinaryOp::Min => Inline(I::Min),
            BinaryOp::Lt => Inline(I::Compare(Comparison::Lt)),
            BinaryOp::Le => Inline(I::Compare(Comparison::Le)),
            BinaryOp::Gt => Inline(I::Compare(Comparison::Gt)),
            BinaryOp::Ge => Inline(I::Compare(Comparison::Ge)),
            BinaryOp::Eq => Inline(I::Compare(Comparison::Eq)),
            BinaryOp::Ne => Inline(I::Compare(Comparison::Ne)),
            BinaryOp::BitAnd => Inline(I::And),
            BinaryOp::BitOr => Inline(I::Or),
            BinaryOp::BitXor => Inline(I::Xor),
        }
    }

    /// Whether compiled code has a 128-bit vector form of the op on operands of `dtype`
    /// (`power` by a constant with NumPy's fast path is decided by the caller).
    pub fn vectorizes(self, dtype: DType) -> bool {
        match self {
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Max | BinaryOp::Min => {
                !dtype.is_bool()
            }
            BinaryOp::Div => dtype.is_float(),
            BinaryOp::BitAnd | BinaryOp::BitOr | BinaryOp::BitXor => true,
            BinaryOp::Lt
            | BinaryOp::Le
            | BinaryOp::Gt
            | BinaryOp::Ge
            | BinaryOp::Eq
            | BinaryOp::Ne => !dtype.is_bool(),
            // No vector integer division; the float forms and `power` are calls.
            BinaryOp::FloorDiv | BinaryOp::Rem | BinaryOp::Pow => false,
        }
    }

    /// Comparisons return bool.
    pub fn is_comparison(self) -> bool {
        self.rule() == BinaryRule::Comparison
    }

    /// Ops that combine bool lane masks in vector code (comparisons make masks; logic on
    /// masks keeps them).
    pub fn works_on_masks(self) -> bool {
        matches!(self.rule(), BinaryRule::Comparison | BinaryRule::Bitwise)
    }

    /// Whether the op is defined on operands of `dtype` as a graph node (the API has already
    /// cast integer operands of a float function to float64).
    pub fn accepts(self, dtype: DType) -> bool {
        match self.rule() {
            BinaryRule::Any | BinaryRule::Comparison => true,
            BinaryRule::Numeric => !dtype.is_bool(),
            BinaryRule::FloatMath => dtype.is_float(),
            BinaryRule::Bitwise => !dtype.is_float(),
        }
    }

    /// The result dtype for operands of `dtype`.
    pub fn result_dtype(self, dtype: DType) -> DType {
        match self.rule() {
            BinaryRule::Comparison => DType::Bool,
            _ => dtype,
        }
    }
}

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

/// The integer definitions, written once for every width and signedness: floored division
/// and remainder are computed exactly in `i128` and wrapped back (`MIN // -1 == MIN`).
macro_rules! int_binary {
    ($op:expr, $x:expr, $y:expr, $V:ident, $t:ty) => {{
        use BinaryOp::*;
        let (x, y): ($t, $t) = ($x, $y);
        let (a, b) = (x as i128, y as i128);
        match $op {
            Add => Scalar::$V(x.wrapping_add(y)),
            Sub => Scalar::$V(x.wrapping_sub(y)),
            Mul => Scalar::$V(x.wrapping_mul(y)),
            FloorDiv => Scalar::$V(if b == 0 {
                0
            } else {
                let q = a / b;
                (if a % b != 0 && ((a < 0) != (b < 0)) {
                    q - 1
                } else {
                    q
                }) as $t
            }),
            Rem => Scalar::$V(if b == 0 {
                0
            } else {
                let r = a % b;
                (if r != 0 && ((r < 0) != (b < 0)) {
                    r + b
                } else {
                    r
                }) as $t
            }),
            Pow => Scalar::$V(if b < 0 {
                0
            } else {
                int_pow(a as i64, b as u64) as $t
            }),
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

/// The scalar definition: `op(a, b)` for operands of one dtype. Integer `power` with a
/// negative exponent has no integer result; the caller checks for it first (NumPy raises),
/// here it gives 0.
pub fn apply(op: BinaryOp, a: Scalar, b: Scalar) -> Scalar {
    use Scalar::*;
    match (a, b) {
        (Bool(x), Bool(y)) => bool_binary(op, x, y),
        (I8(x), I8(y)) => int_binary!(op, x, y, I8, i8),
        (I16(x), I16(y)) => int_binary!(op, x, y, I16, i16),
        (I32(x), I32(y)) => int_binary!(op, x, y, I32, i32),
        (I64(x), I64(y)) => int_binary!(op, x, y, I64, i64),
        (U8(x), U8(y)) => int_binary!(op, x, y, U8, u8),
        (U16(x), U16(y)) => int_binary!(op, x, y, U16, u16),
        (U32(x), U32(y)) => int_binary!(op, x, y, U32, u32),
        (U64(x), U64(y)) => int_binary!(op, x, y, U64, u64),
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

/// Wrapping `base ** exp` by squaring (the low bits of the product depend only on the low bits
/// of the base, so one 64-bit definition serves every integer width).
fn int_pow(base: i64, exp: u64) -> i64 {
    let (mut result, mut base, mut exp) = (1i64, base, exp);
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

    #[test]
    fn all_lists_every_op_once() {
        let mut names: Vec<_> = BinaryOp::ALL.iter().map(|o| o.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), BinaryOp::ALL.len());
    }

    #[test]
    fn calls_compute_the_scalar_definition() {
        let values = [0.5f64, -1.25, 3.0, 0.0, -7.0, f64::NAN, f64::INFINITY];
        for op in BinaryOp::ALL {
            for &x in &values {
                for &y in &values {
                    if let BinaryLowering::Call(BinaryCall::F64(f)) = op.lowering(DType::F64) {
                        let want = apply(op, Scalar::F64(x), Scalar::F64(y));
                        assert_eq!(Scalar::F64(f(x, y)), want, "{op:?}({x}, {y})");
                    }
                    let (a, b) = (x as f32, y as f32);
                    if let BinaryLowering::Call(BinaryCall::F32(f)) = op.lowering(DType::F32) {
                        let want = apply(op, Scalar::F32(a), Scalar::F32(b));
                        assert_eq!(Scalar::F32(f(a, b)), want, "{op:?}({a}, {b})");
                    }
                    let (i, j) = (x as i64, y.abs() as i64);
                    if let BinaryLowering::Call(BinaryCall::I64(f)) = op.lowering(DType::I64) {
                        let want = apply(op, Scalar::I64(i), Scalar::I64(j));
                        assert_eq!(Scalar::I64(f(i, j)), want, "{op:?}({i}, {j})");
                    }
                    let (u, v) = (i as u64, j as u64);
                    if let BinaryLowering::Call(BinaryCall::U64(f)) = op.lowering(DType::U64) {
                        let want = apply(op, Scalar::U64(u), Scalar::U64(v));
                        assert_eq!(Scalar::U64(f(u, v)), want, "{op:?}({u}, {v})");
                    }
                }
            }
        }
    }
}
