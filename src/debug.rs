//! `LAZYARRAY_DEBUG`: what evaluation prints to stderr as it runs.
//!
//! | level | prints |
//! |---|---|
//! | 0 (default) | nothing |
//! | 1 | one line per evaluation: kernels launched and compiled, allocations, rewrites |
//! | 2 | also each kernel's compile and run time |
//! | 3 | also the optimized plan (`explain_analyze()`'s text) |
//! | 4 | also the Cranelift IR of every kernel compiled |

use std::sync::OnceLock;

/// The level set by `LAZYARRAY_DEBUG` (read once; an unparsable value means 0).
pub(crate) fn level() -> u8 {
    static LEVEL: OnceLock<u8> = OnceLock::new();
    *LEVEL.get_or_init(|| {
        std::env::var("LAZYARRAY_DEBUG")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0)
    })
}
