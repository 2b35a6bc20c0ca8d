//! Copies and views: rebinding versus a new result, reshapes, flatten, and a tiled outer
//! product.

use super::inputs::{in_outer, in_small, in_vec1, in_vec2};
use super::{Case, F64, Sizes};
use crate::roofline::Traffic;

/// `inplace_mul`, `copy_mul`, `reshape_view`, `reshape_T_copy`, `flatten`, `outer_tile`.
pub(super) fn cases(z: &Sizes) -> Vec<Case> {
    let vec = vec![z.n];
    vec![
        Case {
            name: "inplace_mul",
            form: "a = a * 2.0 (rebinding)",
            dims: vec.clone(),
            inputs: in_vec1,
            build: |x, _| &x[0] * 2.0,
            rebind: Some(|a| a * 2.0),
            bytes: |_, d| 2.0 * F64 * d[0] as f64,
            traffic: Traffic::InPlace,
        },
        Case {
            name: "copy_mul",
            form: "&a * 2.0",
            dims: vec,
            inputs: in_vec2,
            build: |x, _| &x[0] * 2.0,
            rebind: None,
            bytes: |_, d| 2.0 * F64 * d[0] as f64,
            traffic: Traffic::Scale,
        },
        Case {
            name: "reshape_view",
            form: "a.reshape(&[1, 100])",
            dims: vec![10, 10],
            inputs: in_small,
            build: |x, _| x[0].reshape(&[1, 100]),
            rebind: None,
            bytes: |_, _| 0.0,
            traffic: Traffic::Copy,
        },
        Case {
            name: "reshape_T_copy",
            form: "a.t().reshape(&[1, 100])",
            dims: vec![10, 10],
            inputs: in_small,
            build: |x, _| x[0].t().reshape(&[1, 100]),
            rebind: None,
            bytes: |_, d| 2.0 * F64 * (d[0] * d[1]) as f64,
            traffic: Traffic::Copy,
        },
        Case {
            name: "flatten",
            form: "a.flatten()",
            dims: vec![10, 10],
            inputs: in_small,
            build: |x, _| x[0].flatten(),
            rebind: None,
            bytes: |_, _| 0.0,
            traffic: Traffic::Copy,
        },
        Case {
            name: "outer_tile",
            form: "ac.tile(&[1, n]) * ar.tile(&[n, 1])  (int64)",
            dims: vec![1000],
            inputs: in_outer,
            build: |x, d| x[0].tile(&[1, d[0]]) * x[1].tile(&[d[0], 1]),
            rebind: None,
            bytes: |_, d| F64 * (d[0] * d[0] + 2 * d[0]) as f64,
            traffic: Traffic::Copy,
        },
    ]
}
