//! Memory and execution: the buffers arrays live in, and running plans over them.

pub mod alloc;
pub mod buffer;
pub mod executor;
pub mod facts;
pub mod parallel;
