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
    /// `np.arctan2(y, x)`: the angle of the point `(x, y)`.
    Arctan2,
    /// `np.hypot`: `sqrt(a² + b²)` without undue overflow.
    Hypot,
    /// `np.logaddexp`: `log(exp(a) + exp(b))` without overflow.
    LogAddExp,
    /// `np.logaddexp2`: `log2(2**a + 2**b)` without overflow.
    LogAddExp2,
    /// `np.copysign`: `|a|` with the sign of `b`.
    CopySign,
    /// `np.heaviside(x, h0)`: 0 for `x < 0`, `h0` for `x == 0`, 1 for `x > 0`, NaN for NaN.
    Heaviside,
    /// `np.fmod`: the C remainder (truncated, the dividend's sign); integer `x % 0` gives 0.
    Fmod,
    /// `np.fmax`: the maximum, ignoring a NaN operand.
    Fmax,
    /// `np.fmin`: the minimum, ignoring a NaN operand.
    Fmin,
    /// `a << b`; shifts by the bit width or more, or by a negative amount, give 0.
    LeftShift,
    /// `a >> b` (arithmetic on signed integers); shifts by the bit width or more, or by a
    /// negative amount, give 0 or -1 by the sign of `a`.
    RightShift,
    /// `np.gcd` (non-negative; `gcd(MIN, 0)` wraps to `MIN` as NumPy).
    Gcd,
    /// `np.lcm` (non-negative, wrapping at the dtype's width as NumPy).
    Lcm,
}

/// Which dtypes a binary op takes and what it gives (NumPy's loops for the ufunc).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum BinaryRule {
    /// Every dtype, the result in the operands' dtype (on bool `add` is or, `multiply` and).
    Any,
    /// Numbers, not bool; the result in the operands' dtype.
    Numeric,
    /// True division: integer and bool operands compute in float64 (`true_divide`).
    FloatMath,
    /// A float function: integer operands compute in the smallest float that holds them
    /// ([`DType::float_function_dtype`]); bool is rejected.
    FloatFunction,
    /// Integers only (bool and floats are rejected).
    Integer,
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
    /// A comparison giving bool (ordered on floats, unsigned on bool and unsigned integers,
    /// signed on signed integers).
    Compare(Comparison),
    /// `|a|` with the sign of `b` (floats).
    CopySign,
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
    pub const ALL: [BinaryOp; 31] = {
        use BinaryOp::*;
        [
            Add, Sub, Mul, Div, FloorDiv, Rem, Pow, Max, Min, Lt, Le, Gt, Ge, Eq, Ne, BitAnd,
            BitOr, BitXor, Arctan2, Hypot, LogAddExp, LogAddExp2, CopySign, Heaviside, Fmod, Fmax,
            Fmin, LeftShift, RightShift, Gcd, Lcm,
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
            BinaryOp::Arctan2 => "arctan2",
            BinaryOp::Hypot => "hypot",
            BinaryOp::LogAddExp => "logaddexp",
            BinaryOp::LogAddExp2 => "logaddexp2",
            BinaryOp::CopySign => "copysign",
            BinaryOp::Heaviside => "heaviside",
            BinaryOp::Fmod => "fmod",
            BinaryOp::Fmax => "fmax",
            BinaryOp::Fmin => "fmin",
            BinaryOp::LeftShift => "left_shift",
            BinaryOp::RightShift => "right_shift",
            BinaryOp::Gcd => "gcd",
            BinaryOp::Lcm => "lcm",
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
            BinaryOp::LeftShift => "<<",
            BinaryOp::RightShift => ">>",
            BinaryOp::Max
            | BinaryOp::Min
            | BinaryOp::Arctan2
            | BinaryOp::Hypot
            | BinaryOp::LogAddExp
            | BinaryOp::LogAddExp2
            | BinaryOp::CopySign
            | BinaryOp::Heaviside
            | BinaryOp::Fmod
            | BinaryOp::Fmax
            | BinaryOp::Fmin
            | BinaryOp::Gcd
            | BinaryOp::Lcm => self.name(),
        }
    }

    /// Which dtypes the op takes and what it gives.
    pub fn rule(self) -> BinaryRule {
        match self {
            BinaryOp::Add
            | BinaryOp::Mul
            | BinaryOp::Max
            | BinaryOp::Min
            | BinaryOp::Fmax
            | BinaryOp::Fmin => BinaryRule::Any,
            BinaryOp::Sub | BinaryOp::FloorDiv | BinaryOp::Rem | BinaryOp::Pow | BinaryOp::Fmod => {
                BinaryRule::Numeric
            }
            BinaryOp::Div => BinaryRule::FloatMath,
            BinaryOp::Arctan2
            | BinaryOp::Hypot
            | BinaryOp::LogAddExp
            | BinaryOp::LogAddExp2
            | BinaryOp::CopySign
            | BinaryOp::Heaviside => BinaryRule::FloatFunction,
            BinaryOp::LeftShift | BinaryOp::RightShift | BinaryOp::Gcd | BinaryOp::Lcm => {
                BinaryRule::Integer
            }
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
            | BinaryOp::BitXor
            | BinaryOp::Hypot
            | BinaryOp::LogAddExp
            | BinaryOp::LogAddExp2
            | BinaryOp::Fmax
            | BinaryOp::Fmin
            | BinaryOp::Gcd
            | BinaryOp::Lcm => true,
            BinaryOp::Arctan2
            | BinaryOp::CopySign
            | BinaryOp::Heaviside
            | BinaryOp::Fmod
            | BinaryOp::LeftShift
            | BinaryOp::RightShift
            | BinaryOp::Sub
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
            BinaryOp::CopySign => Inline(I::CopySign),
            BinaryOp::Fmax if boolean => Inline(I::Or),
            BinaryOp::Fmax if !float => Inline(I::Max),
            BinaryOp::Fmin if boolean => Inline(I::And),
            BinaryOp::Fmin if !float => Inline(I::Min),
            BinaryOp::Arctan2 => call(binary_call!(BinaryOp::Arctan2, dtype)),
            BinaryOp::Hypot => call(binary_call!(BinaryOp::Hypot, dtype)),
            BinaryOp::LogAddExp => call(binary_call!(BinaryOp::LogAddExp, dtype)),
            BinaryOp::LogAddExp2 => call(binary_call!(BinaryOp::LogAddExp2, dtype)),
            BinaryOp::Heaviside => call(binary_call!(BinaryOp::Heaviside, dtype)),
            BinaryOp::Fmod => call(binary_call!(BinaryOp::Fmod, dtype)),
            BinaryOp::Fmax => call(binary_call!(BinaryOp::Fmax, dtype)),
            BinaryOp::Fmin => call(binary_call!(BinaryOp::Fmin, dtype)),
            BinaryOp::LeftShift => call(binary_call!(BinaryOp::LeftShift, dtype)),
            BinaryOp::RightShift => call(binary_call!(BinaryOp::RightShift, dtype)),
            BinaryOp::Gcd => call(binary_call!(BinaryOp::Gcd, dtype)),
            BinaryOp::Lcm => call(binary_call!(BinaryOp::Lcm, dtype)),
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
            BinaryOp::CopySign => true,
            BinaryOp::Fmax | BinaryOp::Fmin => !dtype.is_float() && !dtype.is_bool(),
            // No vector integer division; the float forms, `power` and the other functions
            // are calls.
            BinaryOp::FloorDiv
            | BinaryOp::Rem
            | BinaryOp::Pow
            | BinaryOp::Arctan2
            | BinaryOp::Hypot
            | BinaryOp::LogAddExp
            | BinaryOp::LogAddExp2
            | BinaryOp::Heaviside
            | BinaryOp::Fmod
            | BinaryOp::LeftShift
            | BinaryOp::RightShift
            | BinaryOp::Gcd
            | BinaryOp::Lcm => false,
        }
    }

    /// The dtype NumPy computes the op in for bool operands, where that is not bool itself
    /// (`np.left_shift(True, 1)` and `np.fmod(True, True)` are int8).
    pub fn bool_operands_as(self) -> Option<DType> {
        match self {
            BinaryOp::LeftShift | BinaryOp::RightShift | BinaryOp::Fmod => Some(DType::I8),
            _ => None,
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
            BinaryRule::FloatMath | BinaryRule::FloatFunction => dtype.is_float(),
            BinaryRule::Bitwise => !dtype.is_float(),
            BinaryRule::Integer => dtype.is_int(),
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
            Fmod => Scalar::$V(if b == 0 { 0 } else { (a % b) as $t }),
            Fmax => Scalar::$V(x.max(y)),
            Fmin => Scalar::$V(x.min(y)),
            LeftShift => Scalar::$V(if (0..<$t>::BITS as i128).contains(&b) {
                x.wrapping_shl(b as u32)
            } else {
                0
            }),
            RightShift => Scalar::$V(if (0..<$t>::BITS as i128).contains(&b) {
                x.wrapping_shr(b as u32)
            } else if a < 0 {
                (0 as $t).wrapping_sub(1)
            } else {
                0
            }),
            Gcd => Scalar::$V(int_gcd(a, b) as $t),
            Lcm => Scalar::$V({
                // NumPy: `abs(a / gcd * b)` in C's `int` for dtypes narrower than it (exact,
                // then wrapped to the dtype), in the dtype itself for wider ones (wrapped,
                // then made non-negative).
                let g = int_gcd(a, b);
                let exact = if g == 0 { 0 } else { a / g * b };
                if <$t>::BITS < 32 {
                    exact.unsigned_abs() as $t
                } else {
                    let w = exact as $t;
                    if (w as i128) < 0 { w.wrapping_neg() } else { w }
                }
            }),
            Div | Arctan2 | Hypot | LogAddExp | LogAddExp2 | CopySign | Heaviside => {
                unreachable!("{:?} is on floats", $op)
            }
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
            Arctan2 => Scalar::$V(x.atan2(y)),
            Hypot => Scalar::$V(x.hypot(y)),
            LogAddExp => Scalar::$V(logaddexp!(x, y, std::f64::consts::LN_2 as $t, |d: $t| d
                .exp()
                .ln_1p())),
            LogAddExp2 => Scalar::$V(logaddexp!(x, y, 1.0, |d: $t| (d.exp2()).ln_1p()
                * std::f64::consts::LOG2_E as $t)),
            CopySign => Scalar::$V(x.copysign(y)),
            Heaviside => Scalar::$V(if x.is_nan() {
                x
            } else if x < 0.0 {
                0.0
            } else if x > 0.0 {
                1.0
            } else {
                y
            }),
            // C's fmod (Rust's `%` on floats is fmod).
            Fmod => Scalar::$V(x % y),
            Fmax => Scalar::$V(if y.is_nan() || x >= y { x } else { y }),
            Fmin => Scalar::$V(if y.is_nan() || x <= y { x } else { y }),
            BitAnd | BitOr | BitXor | LeftShift | RightShift | Gcd | Lcm => {
                unreachable!("{:?} is not defined on floats", $op)
            }
        }
    }};
}

/// NumPy's `npy_logaddexp` / `npy_logaddexp2`: equal operands give `x + log(2)` (`x + 1` in
/// base 2, so infinities of one sign stay), otherwise the larger plus `log1p(exp(-|x - y|))`
/// (`$log1p_exp`); a NaN difference gives NaN.
macro_rules! logaddexp {
    ($x:expr, $y:expr, $log2:expr, $log1p_exp:expr) => {{
        let (x, y) = ($x, $y);
        let log1p_exp = $log1p_exp;
        if x == y {
            x + $log2
        } else {
            let d = x - y;
            if d > 0.0 {
                x + log1p_exp(-d)
            } else if d <= 0.0 {
                y + log1p_exp(d)
            } else {
                d
            }
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
        Add | Max | Fmax | BitOr => x | y,
        Mul | Min | Fmin | BitAnd => x & y,
        BitXor | Ne => x ^ y,
        Eq => x == y,
        Lt => !x & y,
        Le => x <= y,
        Gt => x & !y,
        Ge => x >= y,
        Sub | Div | FloorDiv | Rem | Pow | Arctan2 | Hypot | LogAddExp | LogAddExp2 | CopySign
        | Heaviside | Fmod | LeftShift | RightShift | Gcd | Lcm => {
            unreachable!("{op:?} is not defined on bool")
        }
    })
}

/// The greatest common divisor of `|a|` and `|b|` (Euclid), exact in `i128`.
fn int_gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
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
                    if let BinaryLowering::Call(BinaryCall::F64(f)) = op.lowering(DType::F64)
                        && op.accepts(DType::F64)
                    {
                        let want = apply(op, Scalar::F64(x), Scalar::F64(y));
                        assert_eq!(Scalar::F64(f(x, y)), want, "{op:?}({x}, {y})");
                    }
                    let (a, b) = (x as f32, y as f32);
                    if let BinaryLowering::Call(BinaryCall::F32(f)) = op.lowering(DType::F32)
                        && op.accepts(DType::F32)
                    {
                        let want = apply(op, Scalar::F32(a), Scalar::F32(b));
                        assert_eq!(Scalar::F32(f(a, b)), want, "{op:?}({a}, {b})");
                    }
                    for d in DType::ALL
                        .into_iter()
                        .filter(|d| d.is_int() && op.accepts(*d))
                    {
                        let (i, j) = (Scalar::F64(x).cast(d), Scalar::F64(y.abs()).cast(d));
                        if let BinaryLowering::Call(BinaryCall::Int(f)) = op.lowering(d) {
                            let want = apply(op, i, j);
                            let word = f(i.bits() as i64, j.bits() as i64);
                            let got = Scalar::from_bits(word as u64, want.dtype());
                            assert_eq!(got, want, "{op:?}({i:?}, {j:?})");
                        }
                    }
                }
            }
        }
    }
}
