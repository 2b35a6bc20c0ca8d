//! Indexing: a strided slice, fancy indexing with an arange, with evaluated indices and with a
//! mask, a random gather, and sums over one row and one column of a square matrix.

use super::inputs::{count_true, in_rows, in_square};
use super::{Case, F64, LINE, Sizes};
use crate::roofline::Traffic;
use lazyarray::{Array, s};

/// `slice_view`, `fancy_arange`, `fancy_rows`, `mask_fancy`, `row_sum`, `take_random`,
/// `col_sum`.
pub(super) fn cases(z: &Sizes) -> Vec<Case> {
    let mat = vec![z.rows, 100];
    let square = vec![z.sq, z.sq];
    vec![
        Case {
            name: "slice_view",
            form: "a.slice(s![..;10])",
            dims: mat.clone(),
            inputs: in_rows,
            build: |x, _| x[0].slice(s![..;10]),
            rebind: None,
            bytes: |_, _| 0.0,
            traffic: Traffic::Copy,
        },
        Case {
            name: "fancy_arange",
            form: "a.index(&Array::arange(0, n, 10))",
            dims: mat.clone(),
            inputs: in_rows,
            build: |x, d| x[0].index(&Array::arange(0i64, d[0] as i64, 10)),
            rebind: None,
            // The same rows as `a[::10]`: the answer can be a view.
            bytes: |_, _| 0.0,
            traffic: Traffic::Copy,
        },
        Case {
            name: "fancy_rows",
            form: "a.index(&i)  (i = arange(0, n, 10), evaluated)",
            dims: mat.clone(),
            inputs: in_rows,
            build: |x, _| x[0].index(&x[1]),
            rebind: None,
            // The index holds arange(0, n, 10): reading it is enough to see that the rows are
            // `a[::10]`, a view. (A gather with an arbitrary index moves the rows: take_random.)
            bytes: |_, d| F64 * d[0].div_ceil(10) as f64,
            traffic: Traffic::Sum,
        },
        Case {
            name: "mask_fancy",
            form: "a.index(&mask)  (50% random bool mask, evaluated)",
            dims: mat,
            inputs: in_rows,
            build: |x, _| x[0].index(&x[2]),
            rebind: None,
            bytes: |x, d| 2.0 * F64 * count_true(&x[2]) * d[1] as f64 + d[0] as f64,
            traffic: Traffic::Copy,
        },
        Case {
            name: "row_sum",
            form: "a.slice(s![0, ..]).sum()",
            dims: square.clone(),
            inputs: in_square,
            build: |x, _| x[0].slice(s![0, ..]).sum(),
            rebind: None,
            bytes: |_, d| F64 * d[1] as f64,
            traffic: Traffic::Sum,
        },
        Case {
            name: "take_random",
            form: "a.index(&j)  (random row indices, evaluated)",
            dims: vec![z.rows, 100, z.picks],
            inputs: in_rows,
            build: |x, _| x[0].index(&x[3]),
            rebind: None,
            bytes: |_, d| 2.0 * F64 * (d[2] * d[1]) as f64 + F64 * d[2] as f64,
            traffic: Traffic::Copy,
        },
        Case {
            name: "col_sum",
            form: "a.slice(s![.., 0]).sum()",
            dims: square,
            inputs: in_square,
            build: |x, _| x[0].slice(s![.., 0]).sum(),
            rebind: None,
            bytes: |_, d| LINE * d[0] as f64,
            traffic: Traffic::Sum,
        },
    ]
}
