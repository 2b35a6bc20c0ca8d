//! How compiled code computes an elementwise op: inline instructions, or a call per element to
//! the op's own scalar definition.
//!
//! Each op file ([`super::unary`], [`super::binary`]) answers `lowering(dtype)` with an
//! exhaustive `match`. A `Call` carries a C-ABI entry point generated from the op's scalar
//! definition on that very dtype (the function the reference evaluator and constant folding
//! use), so a compiled result equals the oracle's bit for bit and a new function that is
//! computed by a call needs no change in the code generator. An `Inline` form names an
//! instruction family the code generator emits; it matches every family without a wildcard, so
//! a new inline form that the generator lacks is a compile error there.
//!
//! Integer entry points take and return 64-bit words: the code generator widens each operand
//! by its dtype's signedness, and narrows the result to the result dtype's width, keeping its
//! low bits. Each dtype has its own entry point, which rebuilds the narrow value first, so a
//! narrow dtype gets its own wrapping semantics (`lcm` of two int8s wraps at 8 bits).

/// A scalar function of one argument with the C calling convention, callable from JIT code.
#[derive(Copy, Clone, Debug)]
pub enum UnaryCall {
    /// On `f32`.
    F32(extern "C" fn(f32) -> f32),
    /// On `f64`.
    F64(extern "C" fn(f64) -> f64),
    /// On an integer dtype, as a widened 64-bit word (see the module docs).
    Int(extern "C" fn(i64) -> i64),
}

/// A scalar function of two arguments with the C calling convention, callable from JIT code.
#[derive(Copy, Clone, Debug)]
pub enum BinaryCall {
    /// On `f32` operands.
    F32(extern "C" fn(f32, f32) -> f32),
    /// On `f64` operands.
    F64(extern "C" fn(f64, f64) -> f64),
    /// On integer operands of one dtype, as widened 64-bit words (see the module docs).
    Int(extern "C" fn(i64, i64) -> i64),
}

impl UnaryCall {
    /// The function's address, for the code generator.
    pub fn address(self) -> *const u8 {
        match self {
            UnaryCall::F32(f) => f as *const u8,
            UnaryCall::F64(f) => f as *const u8,
            UnaryCall::Int(f) => f as *const u8,
        }
    }
}

impl BinaryCall {
    /// The function's address, for the code generator.
    pub fn address(self) -> *const u8 {
        match self {
            BinaryCall::F32(f) => f as *const u8,
            BinaryCall::F64(f) => f as *const u8,
            BinaryCall::Int(f) => f as *const u8,
        }
    }
}

/// The word an integer entry point returns for a result: its bits, zero-extended.
pub fn result_word(s: crate::Scalar) -> i64 {
    s.bits() as i64
}

/// C-ABI entry points for unary op `$op`, each calling the op's scalar definition
/// (`super::unary::apply`) on one dtype; evaluates to the one for `$dtype` (`None` for bool).
macro_rules! unary_call {
    ($op:expr, $dtype:expr) => {{
        extern "C" fn on_f32(x: f32) -> f32 {
            match $crate::op::unary::apply($op, $crate::Scalar::F32(x)) {
                $crate::Scalar::F32(v) => v,
                _ => f32::NAN,
            }
        }
        extern "C" fn on_f64(x: f64) -> f64 {
            match $crate::op::unary::apply($op, $crate::Scalar::F64(x)) {
                $crate::Scalar::F64(v) => v,
                _ => f64::NAN,
            }
        }
        macro_rules! on_int {
            ($d:ident) => {{
                extern "C" fn f(x: i64) -> i64 {
                    let x = $crate::Scalar::from_bits(x as u64, $crate::DType::$d);
                    $crate::op::lowering::result_word($crate::op::unary::apply($op, x))
                }
                Some($crate::op::lowering::UnaryCall::Int(f))
            }};
        }
        match $dtype {
            $crate::DType::F32 => Some($crate::op::lowering::UnaryCall::F32(on_f32)),
            $crate::DType::F64 => Some($crate::op::lowering::UnaryCall::F64(on_f64)),
            $crate::DType::I8 => on_int!(I8),
            $crate::DType::I16 => on_int!(I16),
            $crate::DType::I32 => on_int!(I32),
            $crate::DType::I64 => on_int!(I64),
            $crate::DType::U8 => on_int!(U8),
            $crate::DType::U16 => on_int!(U16),
            $crate::DType::U32 => on_int!(U32),
            $crate::DType::U64 => on_int!(U64),
            $crate::DType::Bool => None,
        }
    }};
}

/// C-ABI entry points for binary op `$op`, each calling the op's scalar definition
/// (`super::binary::apply`) on one dtype; evaluates to the one for `$dtype` (`None` for bool).
macro_rules! binary_call {
    ($op:expr, $dtype:expr) => {{
        extern "C" fn on_f32(a: f32, b: f32) -> f32 {
            match $crate::op::binary::apply($op, $crate::Scalar::F32(a), $crate::Scalar::F32(b)) {
                $crate::Scalar::F32(v) => v,
                _ => f32::NAN,
            }
        }
        extern "C" fn on_f64(a: f64, b: f64) -> f64 {
            match $crate::op::binary::apply($op, $crate::Scalar::F64(a), $crate::Scalar::F64(b)) {
                $crate::Scalar::F64(v) => v,
                _ => f64::NAN,
            }
        }
        macro_rules! on_int {
            ($d:ident) => {{
                extern "C" fn f(a: i64, b: i64) -> i64 {
                    let a = $crate::Scalar::from_bits(a as u64, $crate::DType::$d);
                    let b = $crate::Scalar::from_bits(b as u64, $crate::DType::$d);
                    $crate::op::lowering::result_word($crate::op::binary::apply($op, a, b))
                }
                Some($crate::op::lowering::BinaryCall::Int(f))
            }};
        }
        match $dtype {
            $crate::DType::F32 => Some($crate::op::lowering::BinaryCall::F32(on_f32)),
            $crate::DType::F64 => Some($crate::op::lowering::BinaryCall::F64(on_f64)),
            $crate::DType::I8 => on_int!(I8),
            $crate::DType::I16 => on_int!(I16),
            $crate::DType::I32 => on_int!(I32),
            $crate::DType::I64 => on_int!(I64),
            $crate::DType::U8 => on_int!(U8),
            $crate::DType::U16 => on_int!(U16),
            $crate::DType::U32 => on_int!(U32),
            $crate::DType::U64 => on_int!(U64),
            $crate::DType::Bool => None,
        }
    }};
}

pub(crate) use {binary_call, unary_call};
