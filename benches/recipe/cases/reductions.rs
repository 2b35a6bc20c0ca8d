//! Axis reductions of a square matrix: along each axis, and along each axis of its transpose;
//! and its columns' standard deviation.

use super::inputs::in_square;
use super::{Case, F64, Sizes};
use crate::roofline::Traffic;

/// `sum_axis0`, `sum_axis1`, `sum_T_axis0`, `sum_T_axis1`, `std_axis0`.
pub(super) fn cases(z: &Sizes) -> Vec<Case> {
    let square = vec![z.sq, z.sq];
    vec![
        Case {
            name: "sum_axis0",
            form: "a.sum_axis(0)",
            dims: square.clone(),
            inputs: in_square,
            build: |x, _| x[0].sum_axis(0),
            rebind: None,
            bytes: |_, d| F64 * (d[0] * d[1] + d[1]) as f64,
            traffic: Traffic::Sum,
        },
        Case {
            name: "sum_axis1",
            form: "a.sum_axis(1)",
            dims: square.clone(),
            inputs: in_square,
            build: |x, _| x[0].sum_axis(1),
            rebind: None,
            bytes: |_, d| F64 * (d[0] * d[1] + d[0]) as f64,
            traffic: Traffic::Sum,
        },
        Case {
            name: "sum_T_axis0",
            form: "a.t().sum_axis(0)",
            dims: square.clone(),
            inputs: in_square,
            build: |x, _| x[0].t().sum_axis(0),
            rebind: None,
            bytes: |_, d| F64 * (d[0] * d[1] + d[0]) as f64,
            traffic: Traffic::Sum,
        },
        Case {
            name: "sum_T_axis1",
            form: "a.t().sum_axis(1)",
            dims: square.clone(),
            inputs: in_square,
            build: |x, _| x[0].t().sum_axis(1),
            rebind: None,
            bytes: |_, d| F64 * (d[0] * d[1] + d[1]) as f64,
            traffic: Traffic::Sum,
        },
        // NumPy's two passes (the mean, then the squared deviations) read `a` twice; the
        // minimum counts one read, which a one-pass (Welford) method would reach.
        Case {
            name: "std_axis0",
            form: "a.std_axis(0)",
            dims: square,
            inputs: in_square,
            build: |x, _| x[0].std_axis(0),
            rebind: None,
            bytes: |_, d| F64 * (d[0] * d[1] + d[1]) as f64,
            traffic: Traffic::Sum,
        },
    ]
}
