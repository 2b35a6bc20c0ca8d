//! Splitting launches across threads: results are identical whatever the thread count (a
//! reduced outermost loop splits into a fixed number of chunks, combined in order).
//!
//! This file sets the process-wide thread limit, so it is its own test binary.

mod common;

use common::bits::bits;
use lazyarray::{Array, max_threads, s, set_max_threads};
use std::sync::Mutex;

/// Held by tests that change the thread limit and depend on it while they run.
static THREADS: Mutex<()> = Mutex::new(());

#[test]
fn results_do_not_depend_on_the_thread_count() {
    let _one_setting = THREADS.lock().unwrap_or_else(|e| e.into_inner());
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

#[test]
fn a_kept_loop_inside_a_reduced_or_scanned_one_is_split() {
    // A rolling window's sum (the window loop outside the long kept loop), a column cumsum and
    // column min/argmax: the outermost loop cannot be split, the kept loop inside it is. The
    // parts must give the one-thread result bit for bit, and the reference's values.
    let _one_setting = THREADS.lock().unwrap_or_else(|e| e.into_inner());
    let a = Array::random(&[1_000_003], 3).eval().unwrap();
    let m = Array::random(&[700, 2001], 4).eval().unwrap();
    // built afresh for each use: an evaluated array keeps its value
    let cases = || {
        [
            a.windows(10, 0).sum_axis(1),
            a.slice(s![..;-1]).windows(7, 0).max_axis(1),
            m.cumsum(0),
            m.argmax_axis(0),
            (&m * 2.0).min_axis(0),
        ]
    };
    set_max_threads(1);
    let one: Vec<Vec<u64>> = cases().iter().map(bits).collect();
    set_max_threads(2);
    for (i, e) in cases().iter().enumerate() {
        let plan = e.explain();
        // (2 threads, or 1 on a one-core machine: the limit is capped at the machine's)
        assert!(
            plan.kernels.iter().any(|k| k.threads == max_threads()),
            "case {i} runs on one thread:\n{plan}"
        );
        assert!(bits(e) == one[i], "case {i}: the split changed the result");
        let got = e.astype(lazyarray::DType::F64).to_vec::<f64>().unwrap();
        let want = e
            .eval_reference()
            .unwrap()
            .astype(lazyarray::DType::F64)
            .to_vec::<f64>()
            .unwrap();
        // (the reference sums pairwise, the kernel in order: last-bit differences)
        let far = got
            .iter()
            .zip(&want)
            .position(|(g, w)| (g - w).abs() > 1e-12 * w.abs().max(1.0));
        assert_eq!(far, None, "case {i}: first element far from the reference");
    }
}

/// Far more threads than the machine has (or the system allows) are capped at the machine's
/// parallelism: a large map and a large reduction run, and give the one-thread result bit for
/// bit. (Uncapped, starting 50,000 threads failed and aborted the process.)
#[test]
fn a_thread_limit_beyond_the_machine_is_capped() {
    let _one_setting = THREADS.lock().unwrap_or_else(|e| e.into_inner());
    let before = max_threads();
    let a = Array::random(&[4_000_000], 5).eval().unwrap();
    let m = Array::random(&[3000, 700], 6).eval().unwrap();
    let cases = || {
        [
            (&a * 2.0 + 1.0).exp(), // a map split into parts
            (&a * 3.0).sum(),       // a full reduction: chunked partials
            m.sum_axis(0),
            m.cumsum(0),
        ]
    };
    set_max_threads(1);
    let one: Vec<Vec<u64>> = cases().iter().map(bits).collect();
    set_max_threads(50_000);
    let many: Vec<Vec<u64>> = cases().iter().map(bits).collect();
    let capped = max_threads();
    set_max_threads(before);
    let machine = std::thread::available_parallelism().map_or(1, |n| n.get());
    assert_eq!(capped, machine);
    for (i, (m, o)) in many.iter().zip(&one).enumerate() {
        assert!(m == o, "case {i}: 50,000 threads changed the result");
    }
}
