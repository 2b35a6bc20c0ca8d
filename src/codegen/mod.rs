//! Code generation: kernel specs to machine code with Cranelift.

pub mod abi;
pub mod jit;
pub mod math;
pub mod translate;
