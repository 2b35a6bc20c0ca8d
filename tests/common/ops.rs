//! The library's elementwise and reduction operations as data, for the tests that generate or
//! read programs (`tests/fuzz_api.rs`, `tests/differential.rs`, `tests/golden.rs`): each enum
//! lists the ops, names them, and applies one to arrays. The functions applying them are
//! `#[track_caller]`, so an error a built array carries names the test's own call (which
//! `tests/fuzz_api.rs` checks). Depends on nothing but the library, so the libFuzzer target can
//! include it through `tests/fuzz_api.rs`.

use lazyarray::{Array, IntoOperand, Scalar};

/// Runs `$body` with `$v` bound to the Rust value inside the `Scalar` `$s` (so that the body
/// is instantiated for each of bool, i32, i64, f32 and f64).
#[allow(unused_macros)]
macro_rules! with_scalar {
    ($s:expr, $v:ident => $body:expr) => {
        match $s {
            lazyarray::Scalar::Bool($v) => $body,
            lazyarray::Scalar::I8($v) => $body,
            lazyarray::Scalar::I16($v) => $body,
            lazyarray::Scalar::I32($v) => $body,
            lazyarray::Scalar::I64($v) => $body,
            lazyarray::Scalar::U8($v) => $body,
            lazyarray::Scalar::U16($v) => $body,
            lazyarray::Scalar::U32($v) => $body,
            lazyarray::Scalar::U64($v) => $body,
            lazyarray::Scalar::F32($v) => $body,
            lazyarray::Scalar::F64($v) => $body,
        }
    };
}
#[allow(unused_imports)]
pub(crate) use with_scalar;

/// A binary elementwise operation (arithmetic, comparison, bitwise, logical).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bin {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    FloorDiv,
    Pow,
    Max,
    Min,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    BitAnd,
    BitOr,
    BitXor,
    LogicalAnd,
    LogicalOr,
    LogicalXor,
    Arctan2,
    Hypot,
    LogAddExp,
    LogAddExp2,
    CopySign,
    Heaviside,
    Fmod,
    Fmax,
    Fmin,
    LeftShift,
    RightShift,
    Gcd,
    Lcm,
    FloatPower,
}

/// Every binary op, in the order the generators index them (the API fuzzer decodes its saved
/// inputs through the first [`FUZZ_BINS`]; grow the list at the end).
pub const BINS: [Bin; 35] = [
    Bin::Add,
    Bin::Sub,
    Bin::Mul,
    Bin::Div,
    Bin::Rem,
    Bin::FloorDiv,
    Bin::Pow,
    Bin::Max,
    Bin::Min,
    Bin::Lt,
    Bin::Le,
    Bin::Gt,
    Bin::Ge,
    Bin::Eq,
    Bin::Ne,
    Bin::BitAnd,
    Bin::BitOr,
    Bin::BitXor,
    Bin::LogicalAnd,
    Bin::LogicalOr,
    Bin::LogicalXor,
    Bin::Arctan2,
    Bin::Hypot,
    Bin::LogAddExp,
    Bin::LogAddExp2,
    Bin::CopySign,
    Bin::Heaviside,
    Bin::Fmod,
    Bin::Fmax,
    Bin::Fmin,
    Bin::LeftShift,
    Bin::RightShift,
    Bin::Gcd,
    Bin::Lcm,
    Bin::FloatPower,
];

/// How many of [`BINS`] the API fuzzer's saved inputs were recorded with.
pub const FUZZ_BINS: usize = 21;

impl Bin {
    /// The Rust operator, for the ops that have one (a Rust scalar can stand on its left).
    pub fn operator(self) -> Option<&'static str> {
        Some(match self {
            Bin::Add => "+",
            Bin::Sub => "-",
            Bin::Mul => "*",
            Bin::Div => "/",
            Bin::Rem => "%",
            Bin::BitAnd => "&",
            Bin::BitOr => "|",
            Bin::BitXor => "^",
            Bin::LeftShift => "<<",
            Bin::RightShift => ">>",
            _ => return None,
        })
    }

    /// The name of the `Array` method, or of the `std::ops` trait method for an operator
    /// (`add`, `bitand`): the name `tests/golden/cases.txt` uses.
    pub fn name(self) -> &'static str {
        match self {
            Bin::Add => "add",
            Bin::Sub => "sub",
            Bin::Mul => "mul",
            Bin::Div => "div",
            Bin::Rem => "rem",
            Bin::FloorDiv => "floor_divide",
            Bin::Pow => "pow",
            Bin::Max => "maximum",
            Bin::Min => "minimum",
            Bin::Lt => "lt",
            Bin::Le => "le",
            Bin::Gt => "gt",
            Bin::Ge => "ge",
            Bin::Eq => "equal",
            Bin::Ne => "not_equal",
            Bin::BitAnd => "bitand",
            Bin::BitOr => "bitor",
            Bin::BitXor => "bitxor",
            Bin::LogicalAnd => "logical_and",
            Bin::LogicalOr => "logical_or",
            Bin::LogicalXor => "logical_xor",
            Bin::Arctan2 => "arctan2",
            Bin::Hypot => "hypot",
            Bin::LogAddExp => "logaddexp",
            Bin::LogAddExp2 => "logaddexp2",
            Bin::CopySign => "copysign",
            Bin::Heaviside => "heaviside",
            Bin::Fmod => "fmod",
            Bin::Fmax => "fmax",
            Bin::Fmin => "fmin",
            Bin::LeftShift => "shl",
            Bin::RightShift => "shr",
            Bin::Gcd => "gcd",
            Bin::Lcm => "lcm",
            Bin::FloatPower => "float_power",
        }
    }

    /// The op [`Bin::name`] names.
    pub fn from_name(name: &str) -> Option<Bin> {
        BINS.into_iter().find(|b| b.name() == name)
    }
}

/// `a op b`, with `b` an array or a Rust scalar.
#[track_caller]
pub fn binary<R: IntoOperand>(op: Bin, a: &Array, b: R) -> Array {
    match op {
        Bin::Add => a + b,
        Bin::Sub => a - b,
        Bin::Mul => a * b,
        Bin::Div => a / b,
        Bin::Rem => a % b,
        Bin::FloorDiv => a.floor_divide(b),
        Bin::Pow => a.pow(b),
        Bin::Max => a.maximum(b),
        Bin::Min => a.minimum(b),
        Bin::Lt => a.lt(b),
        Bin::Le => a.le(b),
        Bin::Gt => a.gt(b),
        Bin::Ge => a.ge(b),
        Bin::Eq => a.equal(b),
        Bin::Ne => a.not_equal(b),
        Bin::BitAnd => a & b,
        Bin::BitOr => a | b,
        Bin::BitXor => a ^ b,
        Bin::LogicalAnd => a.logical_and(b),
        Bin::LogicalOr => a.logical_or(b),
        Bin::LogicalXor => a.logical_xor(b),
        Bin::Arctan2 => a.arctan2(b),
        Bin::Hypot => a.hypot(b),
        Bin::LogAddExp => a.logaddexp(b),
        Bin::LogAddExp2 => a.logaddexp2(b),
        Bin::CopySign => match b.into_operand() {
            // The sign a NaN made by arithmetic carries is not specified (x86 makes negative
            // NaNs; a reassociated sum keeps either operand's), so evaluations in different
            // orders may differ in it: read the sign of non-NaN values only.
            lazyarray::Operand::Array(y) if y.dtype().is_float() => {
                a.copysign(lazyarray::where_(&y.isnan(), 1.0, &y))
            }
            scalar => a.copysign(scalar),
        },
        Bin::Heaviside => a.heaviside(b),
        Bin::Fmod => a.fmod(b),
        Bin::Fmax => a.fmax(b),
        Bin::Fmin => a.fmin(b),
        Bin::LeftShift => a << b,
        Bin::RightShift => a >> b,
        Bin::Gcd => a.gcd(b),
        Bin::Lcm => a.lcm(b),
        Bin::FloatPower => a.float_power(b),
    }
}

/// `s op a` with the scalar on the left, for the ops with a Rust [`operator`](Bin::operator)
/// (`None` for the others). Rust implements those operators for bool, i64 and f64 on the left,
/// so an i32 scalar goes in as i64 and an f32 one as f64 (the same weak kinds).
#[track_caller]
pub fn binary_left(op: Bin, s: Scalar, a: &Array) -> Option<Array> {
    macro_rules! left {
        ($v:expr) => {
            match op {
                Bin::Add => Some($v + a),
                Bin::Sub => Some($v - a),
                Bin::Mul => Some($v * a),
                Bin::Div => Some($v / a),
                Bin::Rem => Some($v % a),
                Bin::BitAnd => Some($v & a),
                Bin::BitOr => Some($v | a),
                Bin::LeftShift => Some($v << a),
                Bin::RightShift => Some($v >> a),
                Bin::BitXor => Some($v ^ a),
                _ => None,
            }
        };
    }
    match s {
        Scalar::F64(v) => left!(v),
        Scalar::Bool(v) => left!(v),
        Scalar::F32(v) => left!(f64::from(v)),
        // Integers go in as i64 (the same weak kind) when it holds them.
        _ => match s.to_i64() {
            Some(v) => left!(v),
            None => None,
        },
    }
}

/// A unary elementwise operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Un {
    Neg,
    Abs,
    Sqrt,
    Exp,
    Log,
    Sin,
    Cos,
    Tanh,
    Floor,
    Ceil,
    Not,
    LogicalNot,
    Log1p,
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
    Square,
    Positive,
}

/// Every unary op, in the order the generators index them.
pub const UNS: [Un; 40] = [
    Un::Neg,
    Un::Abs,
    Un::Sqrt,
    Un::Exp,
    Un::Log,
    Un::Sin,
    Un::Cos,
    Un::Tanh,
    Un::Floor,
    Un::Ceil,
    Un::Not,
    Un::LogicalNot,
    Un::Log1p,
    Un::Cbrt,
    Un::Exp2,
    Un::Expm1,
    Un::Log2,
    Un::Log10,
    Un::Tan,
    Un::Arcsin,
    Un::Arccos,
    Un::Arctan,
    Un::Sinh,
    Un::Cosh,
    Un::Arcsinh,
    Un::Arccosh,
    Un::Arctanh,
    Un::Deg2rad,
    Un::Rad2deg,
    Un::Rint,
    Un::Trunc,
    Un::Sign,
    Un::Reciprocal,
    Un::IsNan,
    Un::IsInf,
    Un::IsFinite,
    Un::SignBit,
    Un::BitwiseCount,
    Un::Square,
    Un::Positive,
];

impl Un {
    /// The name of the `Array` method, or of the `std::ops` trait method for `-a` and `!a`
    /// (`neg`, `not`): the name `tests/golden/cases.txt` uses.
    pub fn name(self) -> &'static str {
        match self {
            Un::Neg => "neg",
            Un::Abs => "abs",
            Un::Sqrt => "sqrt",
            Un::Exp => "exp",
            Un::Log => "log",
            Un::Sin => "sin",
            Un::Cos => "cos",
            Un::Tanh => "tanh",
            Un::Floor => "floor",
            Un::Ceil => "ceil",
            Un::Not => "not",
            Un::LogicalNot => "logical_not",
            Un::Log1p => "log1p",
            Un::Cbrt => "cbrt",
            Un::Exp2 => "exp2",
            Un::Expm1 => "expm1",
            Un::Log2 => "log2",
            Un::Log10 => "log10",
            Un::Tan => "tan",
            Un::Arcsin => "arcsin",
            Un::Arccos => "arccos",
            Un::Arctan => "arctan",
            Un::Sinh => "sinh",
            Un::Cosh => "cosh",
            Un::Arcsinh => "arcsinh",
            Un::Arccosh => "arccosh",
            Un::Arctanh => "arctanh",
            Un::Deg2rad => "deg2rad",
            Un::Rad2deg => "rad2deg",
            Un::Rint => "rint",
            Un::Trunc => "trunc",
            Un::Sign => "sign",
            Un::Reciprocal => "reciprocal",
            Un::IsNan => "isnan",
            Un::IsInf => "isinf",
            Un::IsFinite => "isfinite",
            Un::SignBit => "signbit",
            Un::BitwiseCount => "bitwise_count",
            Un::Square => "square",
            Un::Positive => "positive",
        }
    }

    /// The op [`Un::name`] names.
    pub fn from_name(name: &str) -> Option<Un> {
        UNS.into_iter().find(|u| u.name() == name)
    }

    /// For a float function the compiled code computes by its own approximation rather than
    /// by the reference's libm call, the bound in ulps it promises (README): the inline `exp`,
    /// `log`, `log1p`, `expm1`, `sin`, `cos` and `tanh` are within 4 ulp of libm; every other
    /// op is exact.
    pub fn ulp_bound(self) -> Option<u64> {
        match self {
            Un::Exp | Un::Log | Un::Log1p | Un::Expm1 | Un::Sin | Un::Cos | Un::Tanh => Some(4),
            _ => None,
        }
    }
}

/// `op(a)`.
#[track_caller]
pub fn unary(op: Un, a: &Array) -> Array {
    match op {
        Un::Neg => -a,
        Un::Abs => a.abs(),
        Un::Sqrt => a.sqrt(),
        Un::Exp => a.exp(),
        Un::Log => a.log(),
        Un::Sin => a.sin(),
        Un::Cos => a.cos(),
        Un::Tanh => a.tanh(),
        Un::Floor => a.floor(),
        Un::Ceil => a.ceil(),
        Un::Not => !a,
        Un::LogicalNot => a.logical_not(),
        Un::Log1p => a.log1p(),
        Un::Cbrt => a.cbrt(),
        Un::Exp2 => a.exp2(),
        Un::Expm1 => a.expm1(),
        Un::Log2 => a.log2(),
        Un::Log10 => a.log10(),
        Un::Tan => a.tan(),
        Un::Arcsin => a.arcsin(),
        Un::Arccos => a.arccos(),
        Un::Arctan => a.arctan(),
        Un::Sinh => a.sinh(),
        Un::Cosh => a.cosh(),
        Un::Arcsinh => a.arcsinh(),
        Un::Arccosh => a.arccosh(),
        Un::Arctanh => a.arctanh(),
        Un::Deg2rad => a.deg2rad(),
        Un::Rad2deg => a.rad2deg(),
        Un::Rint => a.rint(),
        Un::Trunc => a.trunc(),
        Un::Sign => a.sign(),
        Un::Reciprocal => a.reciprocal(),
        Un::IsNan => a.isnan(),
        Un::IsInf => a.isinf(),
        Un::IsFinite => a.isfinite(),
        // As for `copysign`: the sign of a computed NaN is not specified.
        Un::SignBit => lazyarray::where_(&a.isnan(), false, a.signbit()),
        Un::BitwiseCount => a.bitwise_count(),
        Un::Square => a.square(),
        Un::Positive => a.positive(),
    }
}

/// A reduction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Red {
    Sum,
    Prod,
    Mean,
    Min,
    Max,
    Any,
    All,
    Var,
    Std,
    NanSum,
    NanProd,
    NanMean,
    NanMin,
    NanMax,
    NanVar,
    NanStd,
    Ptp,
    CountNonzero,
}

/// Every reduction, in the order the generators index them (`tests/fuzz_api.rs` decodes its
/// reduction opcode with the first seven, so saved inputs replay the same programs; the
/// statistics after them have an opcode of their own).
pub const REDS: [Red; 18] = [
    Red::Sum,
    Red::Prod,
    Red::Mean,
    Red::Min,
    Red::Max,
    Red::Any,
    Red::All,
    Red::Var,
    Red::Std,
    Red::NanSum,
    Red::NanProd,
    Red::NanMean,
    Red::NanMin,
    Red::NanMax,
    Red::NanVar,
    Red::NanStd,
    Red::Ptp,
    Red::CountNonzero,
];

impl Red {
    /// The name of the `Array` method reducing every axis (`sum`; `sum_axis` and `sum_axes`
    /// reduce some).
    pub fn name(self) -> &'static str {
        match self {
            Red::Sum => "sum",
            Red::Prod => "prod",
            Red::Mean => "mean",
            Red::Min => "min",
            Red::Max => "max",
            Red::Any => "any",
            Red::All => "all",
            Red::Var => "var",
            Red::Std => "std",
            Red::NanSum => "nansum",
            Red::NanProd => "nanprod",
            Red::NanMean => "nanmean",
            Red::NanMin => "nanmin",
            Red::NanMax => "nanmax",
            Red::NanVar => "nanvar",
            Red::NanStd => "nanstd",
            Red::Ptp => "ptp",
            Red::CountNonzero => "count_nonzero",
        }
    }

    /// The reduction [`Red::name`] names.
    pub fn from_name(name: &str) -> Option<Red> {
        REDS.into_iter().find(|r| r.name() == name)
    }

    /// The two-pass variances (`var`, `std`, `nanvar`, `nanstd`): reassociating their sums
    /// changes the last bits even of small integers' results, whose mean is inexact.
    pub fn is_variance(self) -> bool {
        matches!(self, Red::Var | Red::Std | Red::NanVar | Red::NanStd)
    }

    /// The ones ignoring NaNs (`nansum`, ..., `nanstd`).
    pub fn ignores_nan(self) -> bool {
        matches!(
            self,
            Red::NanSum
                | Red::NanProd
                | Red::NanMean
                | Red::NanMin
                | Red::NanMax
                | Red::NanVar
                | Red::NanStd
        )
    }
}

/// The axes a reduction reduces.
#[derive(Clone, Debug)]
pub enum How {
    /// Every axis (`sum()`).
    All,
    /// One axis (`sum_axis(k)`).
    One(isize),
    /// Some axes, and whether to keep them as extent 1 (`sum_axes(&axes, keepdims)`).
    Many(Vec<isize>, bool),
}

/// `op` of `a` over the axes `how` says.
#[track_caller]
pub fn reduce(op: Red, a: &Array, how: &How) -> Array {
    macro_rules! r {
        ($all:ident, $one:ident, $many:ident) => {
            match how {
                How::All => a.$all(),
                How::One(k) => a.$one(*k),
                How::Many(ax, keep) => a.$many(ax, *keep),
            }
        };
    }
    match op {
        Red::Sum => r!(sum, sum_axis, sum_axes),
        Red::Prod => r!(prod, prod_axis, prod_axes),
        Red::Mean => r!(mean, mean_axis, mean_axes),
        Red::Min => r!(min, min_axis, min_axes),
        Red::Max => r!(max, max_axis, max_axes),
        Red::Any => r!(any, any_axis, any_axes),
        Red::All => r!(all, all_axis, all_axes),
        Red::Var => r!(var, var_axis, var_axes),
        Red::Std => r!(std, std_axis, std_axes),
        Red::NanSum => r!(nansum, nansum_axis, nansum_axes),
        Red::NanProd => r!(nanprod, nanprod_axis, nanprod_axes),
        Red::NanMean => r!(nanmean, nanmean_axis, nanmean_axes),
        Red::NanMin => r!(nanmin, nanmin_axis, nanmin_axes),
        Red::NanMax => r!(nanmax, nanmax_axis, nanmax_axes),
        Red::NanVar => r!(nanvar, nanvar_axis, nanvar_axes),
        Red::NanStd => r!(nanstd, nanstd_axis, nanstd_axes),
        Red::Ptp => r!(ptp, ptp_axis, ptp_axes),
        Red::CountNonzero => r!(count_nonzero, count_nonzero_axis, count_nonzero_axes),
    }
}
