//! Splitting launches across threads: results are identical whatever the thread count (a
//! reduced outermost loop splits into a fixed number of chunks, combined in order).
//!
//! This file sets the process-wide thread limit, so it is its own test binary.

use lazyarray::{Array, s, set_max_threads};

fn bits(a: &Array) -> Vec<u64> {
    a.astype(lazyarray::DType::F64)
        .to_vec::<f64>()
        .unwrap()
        .iter()
        .map(|v| v.to_bits())
        .collect()
}

#[test]
fn results_do_not_depend_on_the_thread_count() {
    let a = Array::random(&[1_000_000], 1).eval().unwrap();
    let m = Array::random(&[2000, 600], 2).eval().unwrap();
    let exprs = |a: &Array, m: &Array| {
        vec![
            (a * 2.0 + 1.0).sum(), // full reduction: chunked partials
            (a * a).sum(),
            a.max(),
            m.sum_axis(0), // reduced outer loop, kept inner loop
            m.sum_axis(1), // kept outer loop: disjoint parts
            m.t().sum_axis(1),
            (m * 3.0).exp().slice(s![..;3, ..]), // a map split into parts
            m.cumsum(1),
            m.cumsum(0),
        ]
    };
    let mut runs = Vec::new();
    for threads in [1, 2, 3, 8] {
        set_max_threads(threads);
        runs.push(exprs(&a, &m).iter().map(bits).collect::<Vec<_>>());
    }
    for (t, run) in runs.iter().enumerate().skip(1) {
        assert_eq!(run, &runs[0], "thread setting #{t} changed a result");
    }
    // and the parallel results are right
    set_max_threads(2);
    let total = (&a * 2.0 + 1.0).sum().item::<f64>().unwrap();
    let reference = (&a * 2.0 + 1.0)
        .sum()
        .eval_reference()
        .unwrap()
        .item::<f64>()
        .unwrap();
    assert!(
        (total - reference).abs() <= 1e-12 * reference.abs(),
        "{total} vs {reference}"
    );
}

#[test]
fn an_error_in_any_part_is_reported() {
    set_max_threads(2);
    // indices computed lazily, one out of bounds deep in the second half of a big gather
    let a = Array::random(&[1000], 3).eval().unwrap();
    let mut idx: Vec<i64> = (0..600_000).map(|i| i % 1000).collect();
    idx[500_000] = 1000;
    let e = a
        .take(&Array::from_vec(idx, &[600_000]), 0)
        .eval()
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("index 1000 is out of bounds for axis 0 with size 1000"),
        "{e}"
    );
}
