//! Memory and execution: the buffers arrays live in.

pub mod buffer;
