//! # lazyarray
//!
//! A lazy expression-graph array compiler with NumPy's semantics: write the obvious array code,
//! get the expert's speed. Operations build a graph; nothing is computed until a result is
//! asked for ([`Array::eval`], [`Array::to_vec`], [`Array::item`], [`eval`]).
//!
//! ```
//! use lazyarray::{s, Array};
//! let a = Array::random(&[1000, 100], 42);
//! let rows = a.take(&Array::arange(0, 1000, 10), 0);        // a[np.arange(0, n, 10)]
//! let col_means = rows.slice(s![.., ..;-1]).mean_axis(0);   // a[..., ::-1].mean(0)
//! assert_eq!(col_means.shape(), &[100]);
//! let v: Vec<f64> = col_means.to_vec().unwrap();
//! assert!(v.iter().all(|&m| (0.0..1.0).contains(&m)));
//! ```
//!
//! Arrays are values: an `Array` never changes and never aliases another observably
//! (see the README for the one difference from NumPy this makes).
#![warn(missing_docs)]
// Every `unsafe` block says why it is sound.
#![warn(clippy::undocumented_unsafe_blocks)]

mod array;
mod bisect;
mod codegen;
mod compile;
mod debug;
mod element;
mod error;
mod eval;
mod explain;
mod format;
mod fxhash;
mod io;
mod lower;
mod ops;
mod opt;
mod options;
mod plan;
mod plan_cache;
pub mod random;
mod read;
mod reference;
mod runtime;
#[doc(hidden)]
pub mod slice;
mod storage;

pub use array::Array;
pub use bisect::{Bisect, bisect};
pub use element::Element;
pub use error::{Context, Error, Result};
pub use eval::{eval, eval_with, eval_with_report};
pub use explain::{BufferUse, Kernel, Loop, Measured, Plan, Totals};
pub use io::npy;
pub use lazyarray_ir::{DType, Scalar};
/// The `ndarray` crate this library converts to and from (the `ndarray` feature).
#[cfg(feature = "ndarray")]
pub use ndarray;
pub use ops::args::{AsNewShape, AsShape, Dim, IndexElement, IntoIndexArray};
pub use ops::creation::{ArangeBound, Indexing, meshgrid};
pub use ops::elementwise::where_;
pub use ops::joins::{column_stack, concatenate, dstack, hstack, stack, vstack};
pub use ops::shapes::{PadMode, PadWidth};
pub use ops::{IntoOperand, Operand};
pub use opt::Fired;
pub use options::{Options, Rule};
pub use plan::split::{max_threads, set_max_threads};
pub use read::Elements;
pub use runtime::executor::{EvalReport, LaunchStats};
pub use slice::{Ellipsis, NewAxis, SliceArg};
pub use storage::buffer::Ownership;

/// Switches for tests of the library itself (not part of the API).
#[doc(hidden)]
pub mod testing {
    pub use crate::runtime::fault::{fail_at, fallible_points_passed};
    pub use crate::storage::alloc::{
        enable_guard_pages, guard_pages_at_start, guarded_allocations,
    };

    /// What the plan cache holds (for tests of its bounds).
    pub mod plan_cache {
        pub use crate::plan_cache::{BUDGET, CAPACITY, bytes, entries, hits};
    }

    /// Makes [`npy::load`](crate::npy::load) memory-map files whose data has at least `bytes`
    /// bytes (1 MiB unless changed), for the whole process, so tests can have small inputs
    /// mapped. Mapping still needs a non-bool, non-empty array whose data starts at a 64-byte
    /// aligned offset; `npy::is_mapped` tells whether an array is mapped.
    #[doc(hidden)]
    pub fn set_npy_map_threshold(bytes: usize) {
        crate::io::npy::set_map_threshold(bytes);
    }
}

/// The README's code blocks, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
