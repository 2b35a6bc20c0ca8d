//! Random numbers: NumPy's `Generator` against lazyarray's, which draws the same numbers (the
//! result is checked against NumPy's like every other case's). Generation is eager, so a call
//! is the draw itself; the bound is writing the result (the samplers are compute-bound).

use super::{Case, F64, Sizes};
use crate::roofline::Traffic;
use lazyarray::random::Generator;

/// `rng_normal`.
pub(super) fn cases(z: &Sizes) -> Vec<Case> {
    vec![Case {
        name: "rng_normal",
        form: "Generator::new(0).standard_normal(&[n])",
        dims: vec![z.n],
        inputs: |_| Vec::new(),
        // A fresh generator per call, so every call draws the numbers NumPy's
        // `default_rng(0).standard_normal(n)` checks.
        build: |_, d| Generator::new(0).standard_normal(&[d[0]]),
        rebind: None,
        bytes: |_, d| F64 * d[0] as f64,
        traffic: Traffic::Copy,
    }]
}
