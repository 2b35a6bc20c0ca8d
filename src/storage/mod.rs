//! Storage: the buffers arrays live in, below planning and execution. Memory blocks
//! (`alloc`), buffers and their ownership kinds (`buffer`), who may read or write a buffer
//! while evaluations run (`access`), and facts remembered about buffers' values (`facts`).

pub mod access;
pub mod alloc;
pub mod buffer;
pub mod facts;
