//! Execution: running plans over buffers (allocation up front, bounds proofs, kernel calls,
//! thread splits) and failure injection for tests. The buffers themselves are `storage`'s.

pub mod executor;
pub mod fault;
pub mod parallel;
