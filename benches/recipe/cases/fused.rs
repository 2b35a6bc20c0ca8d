//! Expressions NumPy evaluates one temporary at a time and lazyarray fuses: a polynomial, a
//! triad, a blend with `where_`, a sum of products, a norm, a softmax and a rolling mean.

use super::inputs::{in_softmax, in_vec1, in_vec2};
use super::{Case, F64, Sizes};
use crate::roofline::Traffic;
use lazyarray::where_;

/// `poly`, `triad`, `blend`, `sumsq`, `norm`, `softmax`, `rolling_mean`.
pub(super) fn cases(z: &Sizes) -> Vec<Case> {
    let vec = vec![z.n];
    vec![
        Case {
            name: "poly",
            form: "2.0 * a.pow(2.0) + 3.0 * &a + 1.0",
            dims: vec.clone(),
            inputs: in_vec2,
            build: |x, _| 2.0 * x[0].pow(2.0) + 3.0 * &x[0] + 1.0,
            rebind: None,
            bytes: |_, d| 2.0 * F64 * d[0] as f64,
            traffic: Traffic::Scale,
        },
        Case {
            name: "triad",
            form: "&a + 2.5 * &b",
            dims: vec.clone(),
            inputs: in_vec2,
            build: |x, _| &x[0] + 2.5 * &x[1],
            rebind: None,
            bytes: |_, d| 3.0 * F64 * d[0] as f64,
            traffic: Traffic::Triad,
        },
        Case {
            name: "blend",
            form: "where_(&a.gt(0.5), &a * &b, &a - &b)",
            dims: vec.clone(),
            inputs: in_vec2,
            build: |x, _| where_(&x[0].gt(0.5), &x[0] * &x[1], &x[0] - &x[1]),
            rebind: None,
            bytes: |_, d| 3.0 * F64 * d[0] as f64,
            traffic: Traffic::Triad,
        },
        Case {
            name: "sumsq",
            form: "(&a * &b).sum()",
            dims: vec.clone(),
            inputs: in_vec2,
            build: |x, _| (&x[0] * &x[1]).sum(),
            rebind: None,
            bytes: |_, d| 2.0 * F64 * d[0] as f64,
            traffic: Traffic::Sum,
        },
        Case {
            name: "norm",
            form: "(&a * &a).sum().sqrt()",
            dims: vec.clone(),
            inputs: in_vec2,
            build: |x, _| (&x[0] * &x[0]).sum().sqrt(),
            rebind: None,
            bytes: |_, d| F64 * d[0] as f64,
            traffic: Traffic::Sum,
        },
        Case {
            name: "softmax",
            form: "e = (&x - x.max_axes(&[1], true)).exp(); &e / e.sum_axes(&[1], true)  (f32)",
            dims: vec![z.sm, 10_000],
            inputs: in_softmax,
            build: |x, _| {
                let e = (&x[0] - x[0].max_axes(&[1], true)).exp();
                &e / e.sum_axes(&[1], true)
            },
            rebind: None,
            bytes: |_, d| 2.0 * 4.0 * (d[0] * d[1]) as f64,
            traffic: Traffic::Scale,
        },
        Case {
            name: "rolling_mean",
            form: "a.windows(10, 0).mean_axis(1)",
            dims: vec,
            inputs: in_vec1,
            build: |x, _| x[0].windows(10, 0).mean_axis(1),
            rebind: None,
            bytes: |_, d| F64 * (2 * d[0] - 9) as f64,
            traffic: Traffic::Scale,
        },
    ]
}
