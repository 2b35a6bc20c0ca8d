//! Transcendental functions over a vector: NumPy runs its SIMD loops (SVML-class on AVX-512
//! CPUs for some), lazyarray its inline 128-bit polynomials.

use super::{Case, Sizes};
use crate::roofline::Traffic;
use lazyarray::{Array, DType};

/// `Array::random(&[n], 9)` scaled to `[lo, hi)`, in `dtype`, evaluated (the NumPy script
/// computes the same numbers).
fn uniform(n: usize, lo: f64, hi: f64, dtype: DType) -> Vec<Array> {
    let x = (Array::random(&[n], 9) * (hi - lo) + lo).astype(dtype);
    vec![x.eval().expect("evaluating a benchmark input")]
}

/// `exp_f32`, `log_f64`, `sin_f64`, `tanh_f32`.
pub(super) fn cases(z: &Sizes) -> Vec<Case> {
    let vec = vec![z.n];
    vec![
        Case {
            name: "exp_f32",
            form: "x.exp()  (f32, x in [-10, 10))",
            dims: vec.clone(),
            inputs: |d| uniform(d[0], -10.0, 10.0, DType::F32),
            build: |x, _| x[0].exp(),
            rebind: None,
            bytes: |_, d| 2.0 * 4.0 * d[0] as f64,
            traffic: Traffic::Scale,
        },
        Case {
            name: "log_f64",
            form: "x.log()  (x in [0, 100))",
            dims: vec.clone(),
            inputs: |d| uniform(d[0], 0.0, 100.0, DType::F64),
            build: |x, _| x[0].log(),
            rebind: None,
            bytes: |_, d| 2.0 * 8.0 * d[0] as f64,
            traffic: Traffic::Scale,
        },
        Case {
            name: "sin_f64",
            form: "x.sin()  (x in [-100, 100))",
            dims: vec.clone(),
            inputs: |d| uniform(d[0], -100.0, 100.0, DType::F64),
            build: |x, _| x[0].sin(),
            rebind: None,
            bytes: |_, d| 2.0 * 8.0 * d[0] as f64,
            traffic: Traffic::Scale,
        },
        Case {
            name: "tanh_f32",
            form: "x.tanh()  (f32, x in [-5, 5))",
            dims: vec,
            inputs: |d| uniform(d[0], -5.0, 5.0, DType::F32),
            build: |x, _| x[0].tanh(),
            rebind: None,
            bytes: |_, d| 2.0 * 4.0 * d[0] as f64,
            traffic: Traffic::Scale,
        },
    ]
}
