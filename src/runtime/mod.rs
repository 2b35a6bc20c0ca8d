//! Memory and execution: the buffers arrays live in, and running plans over them.

pub mod access;
pub mod alloc;
pub mod buffer;
pub mod executor;
pub mod facts;
pub mod fault;
pub mod parallel;
