//! Scalar functions generated code calls: libm and the few ops without a Cranelift instruction.
//!
//! Each calls the very function the reference evaluator uses, so compiled results are
//! bit-identical to it. (`exp` is not here: it is inline, see `codegen::math`.)

use lazyarray_ir::scalar_ops;
use lazyarray_ir::{BinaryOp, Scalar, UnaryOp};

/// A helper's symbol, its address, and its signature: `arity` parameters and one result, all
/// of dtype `ty`.
pub(crate) struct Helper {
    pub name: &'static str,
    pub addr: *const u8,
    pub arity: usize,
    pub ty: lazyarray_ir::DType,
}

macro_rules! unary_f64 {
    ($($name:ident => $op:ident),*) => {$(
        extern "C" fn $name(x: f64) -> f64 {
            match scalar_ops::unary(UnaryOp::$op, Scalar::F64(x)) {
                Scalar::F64(v) => v,
                _ => unreachable!(),
            }
        }
    )*};
}

macro_rules! unary_f32 {
    ($($name:ident => $op:ident),*) => {$(
        extern "C" fn $name(x: f32) -> f32 {
            match scalar_ops::unary(UnaryOp::$op, Scalar::F32(x)) {
                Scalar::F32(v) => v,
                _ => unreachable!(),
            }
        }
    )*};
}

macro_rules! binary_f64 {
    ($($name:ident => $op:ident),*) => {$(
        extern "C" fn $name(a: f64, b: f64) -> f64 {
            match scalar_ops::binary(BinaryOp::$op, Scalar::F64(a), Scalar::F64(b)) {
                Scalar::F64(v) => v,
                _ => unreachable!(),
            }
        }
    )*};
}

macro_rules! binary_f32 {
    ($($name:ident => $op:ident),*) => {$(
        extern "C" fn $name(a: f32, b: f32) -> f32 {
            match scalar_ops::binary(BinaryOp::$op, Scalar::F32(a), Scalar::F32(b)) {
                Scalar::F32(v) => v,
                _ => unreachable!(),
            }
        }
    )*};
}

unary_f64!(la_log => Log, la_sin => Sin, la_cos => Cos, la_tanh => Tanh);
unary_f32!(la_logf => Log, la_sinf => Sin, la_cosf => Cos, la_tanhf => Tanh);
binary_f64!(la_pow => Pow, la_floordiv => FloorDiv, la_rem => Rem);
binary_f32!(la_powf => Pow, la_floordivf => FloorDiv, la_remf => Rem);

/// Wrapping integer power (the exponent was checked to be non-negative).
extern "C" fn la_ipow(a: i64, b: i64) -> i64 {
    match scalar_ops::binary(BinaryOp::Pow, Scalar::I64(a), Scalar::I64(b)) {
        Scalar::I64(v) => v,
        _ => unreachable!(),
    }
}

/// The symbol name of the helper for `op` on `dtype`, if it needs one.
pub(crate) fn unary_symbol(op: UnaryOp, dtype: lazyarray_ir::DType) -> Option<&'static str> {
    use lazyarray_ir::DType::*;
    Some(match (op, dtype) {
        (UnaryOp::Log, F64) => "la_log",
        (UnaryOp::Sin, F64) => "la_sin",
        (UnaryOp::Cos, F64) => "la_cos",
        (UnaryOp::Tanh, F64) => "la_tanh",
        (UnaryOp::Log, F32) => "la_logf",
        (UnaryOp::Sin, F32) => "la_sinf",
        (UnaryOp::Cos, F32) => "la_cosf",
        (UnaryOp::Tanh, F32) => "la_tanhf",
        _ => return None,
    })
}

/// The symbol name of the helper for `op` on `dtype`, if it needs one.
pub(crate) fn binary_symbol(op: BinaryOp, dtype: lazyarray_ir::DType) -> Option<&'static str> {
    use lazyarray_ir::DType::*;
    Some(match (op, dtype) {
        (BinaryOp::Pow, F64) => "la_pow",
        (BinaryOp::FloorDiv, F64) => "la_floordiv",
        (BinaryOp::Rem, F64) => "la_rem",
        (BinaryOp::Pow, F32) => "la_powf",
        (BinaryOp::FloorDiv, F32) => "la_floordivf",
        (BinaryOp::Rem, F32) => "la_remf",
        (BinaryOp::Pow, I32 | I64) => "la_ipow",
        _ => return None,
    })
}

/// Every helper, for registering with the JIT.
pub(crate) fn all() -> Vec<Helper> {
    use lazyarray_ir::DType::{F32, F64, I64};
    let h = |name, addr: *const u8, arity, ty| Helper {
        name,
        addr,
        arity,
        ty,
    };
    vec![
        h("la_log", la_log as *const u8, 1, F64),
        h("la_sin", la_sin as *const u8, 1, F64),
        h("la_cos", la_cos as *const u8, 1, F64),
        h("la_tanh", la_tanh as *const u8, 1, F64),
        h("la_logf", la_logf as *const u8, 1, F32),
        h("la_sinf", la_sinf as *const u8, 1, F32),
        h("la_cosf", la_cosf as *const u8, 1, F32),
        h("la_tanhf", la_tanhf as *const u8, 1, F32),
        h("la_pow", la_pow as *const u8, 2, F64),
        h("la_floordiv", la_floordiv as *const u8, 2, F64),
        h("la_rem", la_rem as *const u8, 2, F64),
        h("la_powf", la_powf as *const u8, 2, F32),
        h("la_floordivf", la_floordivf as *const u8, 2, F32),
        h("la_remf", la_remf as *const u8, 2, F32),
        h("la_ipow", la_ipow as *const u8, 2, I64),
    ]
}
