//! Helpers shared by the integration tests: every check evaluates an array twice — through the
//! library's normal path (`to_vec`, which runs the optimizer and compiler once they exist) and
//! through the reference evaluator on the unoptimized graph — and compares both with the
//! expected values, which come from NumPy (the expression is written next to each case).
//!
//! The submodules hold what several test files (and the libFuzzer target, which includes
//! `tests/fuzz_api.rs` and through it this module) share, one job each. Every test binary
//! compiles all of it and uses a part: hence `dead_code` is allowed here.
#![allow(dead_code)]

pub mod bits;
pub mod inputs;
pub mod ops;
pub mod palettes;
pub mod ulps;

use lazyarray::{Array, Element, Scalar};
use std::fmt::Debug;

/// Asserts `a` has `shape` and exactly the `expected` elements (bitwise for floats, so NaN
/// matches NaN and -0.0 differs from 0.0) on both evaluation paths.
#[track_caller]
pub fn check<T: Element + Debug>(a: &Array, shape: &[usize], expected: &[T]) {
    assert_eq!(a.shape(), shape, "shape of {a:?}");
    assert_eq!(a.dtype(), T::DTYPE, "dtype of {a:?}");
    // The reference first, so it recomputes from the sources (once evaluating has written a
    // result in place over an input only `a` could reach, it starts from `a`'s remembered value).
    let reference: Vec<T> = a
        .eval_reference()
        .and_then(|r| r.to_vec())
        .unwrap_or_else(|e| panic!("reference evaluation failed: {e}"));
    let fast: Vec<T> = a
        .to_vec()
        .unwrap_or_else(|e| panic!("evaluation failed: {e}"));
    assert!(
        same_bits(&reference, expected),
        "reference gave {reference:?}, expected {expected:?}"
    );
    assert!(
        same_bits(&fast, expected),
        "eval gave {fast:?}, expected {expected:?}"
    );
}

/// Like [`check`] for floats, within a relative tolerance (for reassociated float reductions).
#[track_caller]
pub fn check_close(a: &Array, shape: &[usize], expected: &[f64], rtol: f64) {
    assert_eq!(a.shape(), shape, "shape of {a:?}");
    let to_f64 = |x: &Array| -> Vec<f64> {
        x.astype(lazyarray::DType::F64)
            .to_vec::<f64>()
            .unwrap_or_else(|e| panic!("evaluation failed: {e}"))
    };
    let reference = to_f64(&a.eval_reference().expect("reference evaluation"));
    let fast = to_f64(a);
    for (name, got) in [("eval", &fast), ("reference", &reference)] {
        assert_eq!(got.len(), expected.len(), "{name}: length");
        for (i, (&g, &e)) in got.iter().zip(expected).enumerate() {
            let ok = (g.is_nan() && e.is_nan())
                || g == e
                || (g - e).abs() <= rtol * e.abs().max(g.abs());
            assert!(
                ok,
                "{name}[{i}]: got {g}, expected {e} (rtol {rtol}); all: {got:?}"
            );
        }
    }
}

/// Element-wise bitwise equality, except that every NaN equals every NaN (x86 arithmetic makes
/// NaNs with the sign bit set; NumPy does not distinguish NaN payloads).
pub fn same_bits<T: Element>(a: &[T], b: &[T]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            let (x, y) = (x.to_scalar(), y.to_scalar());
            x == y || (x.is_nan() && y.is_nan())
        })
}

/// The error's message must contain every word of `words`.
#[track_caller]
pub fn assert_message(err: &lazyarray::Error, words: &[&str]) {
    let text = err.to_string();
    for w in words {
        assert!(text.contains(w), "message {text:?} lacks {w:?}");
    }
}

/// A scalar of `T` for generic tests.
pub fn scalar<T: Element>(v: T) -> Scalar {
    v.to_scalar()
}
