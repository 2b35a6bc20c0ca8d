//! Axis reductions of a square matrix: along each axis, and along each axis of its transpose.

use super::inputs::in_square;
use super::{Case, F64, Sizes};
use crate::roofline::Traffic;

/// `sum_axis0`, `sum_axis1`, `sum_T_axis0`, `sum_T_axis1`.
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
            dims: square,
            inputs: in_square,
            build: |x, _| x[0].t().sum_axis(1),
            rebind: None,
            bytes: |_, d| F64 * (d[0] * d[1] + d[1]) as f64,
            traffic: Traffic::Sum,
        },
    ]
}
