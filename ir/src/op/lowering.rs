//! How compiled code computes an elementwise op: inline instructions, or a call per element to
//! the op's own scalar definition.
//!
//! Each op file ([`super::unary`], [`super::binary`]) answers `lowering(dtype)` with an
//! exhaustive `match`. A `Call` carries C-ABI entry points generated from the op's scalar
//! definition (the function the reference evaluator and constant folding use), so a compiled
//! result equals the oracle's bit for bit and a new function that is computed by a call needs
//! no change in the code generator. An `Inline` form names an instruction family the code
//! generator emits; it matches every family without a wildcard, so a new inline form that the
//! generator lacks is a compile error there.

/// A scalar function of one argument with the C calling convention, callable from JIT code.
#[derive(Copy, Clone, Debug)]
pub enum UnaryCall {
    /// On `f32`.
    F32(extern "C" fn(f32) -> f32),
    /// On `f64`.
    F64(extern "C" fn(f64) -> f64),
}

/// A scalar function of two arguments with the C calling convention, callable from JIT code.
#[derive(Copy, Clone, Debug)]
pub enum BinaryCall {
    /// On `f32` operands.
    F32(extern "C" fn(f32, f32) -> f32),
    /// On `f64` operands.
    F64(extern "C" fn(f64, f64) -> f64),
    /// On `i64` operands (narrower signed integers are sign-extended before the call and
    /// narrowed after).
    I64(extern "C" fn(i64, i64) -> i64),
    /// On `u64` operands (narrower unsigned integers are zero-extended before the call and
    /// narrowed after).
    U64(extern "C" fn(u64, u64) -> u64),
}

impl UnaryCall {
    /// The function's address, for the code generator.
    pub fn address(self) -> *const u8 {
        match self {
            UnaryCall::F32(f) => f as *const u8,
            UnaryCall::F64(f) => f as *const u8,
        }
    }
}

impl BinaryCall {
    /// The function's address, for the code generator.
    pub fn address(self) -> *const u8 {
        match self {
            BinaryCall::F32(f) => f as *const u8,
            BinaryCall::F64(f) => f as *const u8,
            BinaryCall::I64(f) => f as *const u8,
            BinaryCall::U64(f) => f as *const u8,
        }
    }
}

/// C-ABI entry points for unary op `$op` on f32 and f64, each calling the op's scalar
/// definition (`super::unary::apply`); evaluates to the one for `$dtype`.
#[allow(unused_macros)] // no unary op is lowered to a call at the moment
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
        match $dtype {
            $crate::DType::F32 => Some($crate::op::lowering::UnaryCall::F32(on_f32)),
            $crate::DType::F64 => Some($crate::op::lowering::UnaryCall::F64(on_f64)),
            _ => None,
        }
    }};
}

/// C-ABI entry points for binary op `$op` on f32, f64, i64 and u64, each calling the op's
/// scalar definition (`super::binary::apply`); evaluates to the one for `$dtype` (narrower
/// integers use the 64-bit one of their signedness).
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
        extern "C" fn on_i64(a: i64, b: i64) -> i64 {
            match $crate::op::binary::apply($op, $crate::Scalar::I64(a), $crate::Scalar::I64(b)) {
                $crate::Scalar::I64(v) => v,
                _ => 0,
            }
        }
        extern "C" fn on_u64(a: u64, b: u64) -> u64 {
            match $crate::op::binary::apply($op, $crate::Scalar::U64(a), $crate::Scalar::U64(b)) {
                $crate::Scalar::U64(v) => v,
                _ => 0,
            }
        }
        use $crate::DType::*;
        match $dtype {
            F32 => Some($crate::op::lowering::BinaryCall::F32(on_f32)),
            F64 => Some($crate::op::lowering::BinaryCall::F64(on_f64)),
            I8 | I16 | I32 | I64 => Some($crate::op::lowering::BinaryCall::I64(on_i64)),
            U8 | U16 | U32 | U64 => Some($crate::op::lowering::BinaryCall::U64(on_u64)),
            Bool => None,
        }
    }};
}

pub(crate) use binary_call;
#[allow(unused_imports)] // no unary op is lowered to a call at the moment
pub(crate) use unary_call;
