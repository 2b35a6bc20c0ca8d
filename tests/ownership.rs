//! Who may write which buffer: in-place reuse only ever writes memory this library owns, claimed
//! by the one evaluation that writes it, and a failed evaluation leaves every input as it was.
//! (The concurrency and failure-injection suites test the same rules at scale.)

use lazyarray::{Array, Ownership, eval, npy, s};
use std::sync::{Arc, Barrier};

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("lazyarray-own-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A `.npy` file of `n` float64 values `0, 1, 2, …` (large files are memory-mapped by `load`).
fn npy_file(name: &str, n: usize) -> std::path::PathBuf {
    let path = temp_dir(name).join("x.npy");
    npy::save(&path, &Array::arange(0.0, n as f64, 1.0)).unwrap();
    path
}

#[test]
fn a_mapped_file_is_never_written() {
    // 2 MiB of float64: `load` maps it read-only. Writing the product into the mapping crashed
    // the process (SIGSEGV) before buffers had an ownership kind.
    let n = 1 << 18;
    let path = npy_file("mapped", n);
    let before = std::fs::read(&path).unwrap();
    let x = npy::load(&path).unwrap();
    assert!(npy::is_mapped(&x));
    let y = (x * 2.0).to_vec::<f64>().unwrap();
    assert_eq!(y[..3], [0.0, 2.0, 4.0]);
    assert_eq!(y[n - 1], 2.0 * (n - 1) as f64);
    // A chain over the mapping, joint evaluation, and a Fortran-order file.
    let x = npy::load(&path).unwrap();
    let (a, b) = (&x + 1.0, x.sqrt());
    let [a, b]: [Array; 2] = eval(&[&a, &b]).unwrap().try_into().unwrap();
    assert_eq!(a.to_vec::<f64>().unwrap()[1], 2.0);
    assert_eq!(b.to_vec::<f64>().unwrap()[4], 2.0);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn explain_shows_mapped_and_lent_inputs_as_read_only() {
    let path = npy_file("explain", 1 << 18);
    let plan = (npy::load(&path).unwrap() * 2.0).explain();
    let text = plan.to_string();
    assert!(text.contains("read-only (mapped file)"), "{text}");
    assert!(!text.contains("reused in place"), "{text}");
    let owned = Array::from_vec(vec![1.0f64; 1 << 18], &[1 << 18]) * 2.0;
    assert!(owned.explain().to_string().contains("reused in place"));
    #[cfg(feature = "ndarray")]
    {
        let shared = lazyarray::ndarray::Array1::from_elem(1 << 18, 1.0f64).into_shared();
        let text = (Array::from_ndarray_shared(shared) * 2.0)
            .explain()
            .to_string();
        assert!(text.contains("read-only (lent)"), "{text}");
        assert!(!text.contains("reused in place"), "{text}");
    }
}

#[cfg(feature = "ndarray")]
#[test]
fn lent_memory_is_read_in_place_and_never_written() {
    let m = lazyarray::ndarray::Array1::from_shape_fn(1 << 16, |i| i as f64).into_shared();
    let a = Array::from_ndarray_shared(m.clone());
    let (b, report) = (a * 3.0).eval_with_report().unwrap();
    assert_eq!(report.reused, 0);
    assert_eq!(b.to_vec::<f64>().unwrap()[5], 15.0);
    assert!(m.iter().enumerate().all(|(i, &v)| v == i as f64));
    let (buffer_kind, _) = (Ownership::Lent, ());
    assert_ne!(buffer_kind, Ownership::Owned);
}

#[test]
fn two_threads_evaluating_one_array_agree() {
    // Both evaluations wanted to write `e` into its dead source's buffer at once: one of them
    // then read the other's result as its input and some elements came out 4.0.
    for _ in 0..200 {
        let e = Array::from_vec(vec![1.0f64; 1 << 16], &[1 << 16]) * 2.0;
        let barrier = Arc::new(Barrier::new(2));
        let results: Vec<Vec<f64>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..2)
                .map(|_| {
                    let (e, barrier) = (e.clone(), Arc::clone(&barrier));
                    scope.spawn(move || {
                        barrier.wait();
                        e.to_vec::<f64>().unwrap()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for r in results {
            assert!(r.iter().all(|&v| v == 2.0));
        }
        assert!(e.to_vec::<f64>().unwrap().iter().all(|&v| v == 2.0));
    }
}

#[test]
fn a_reader_never_sees_a_concurrent_in_place_write() {
    for _ in 0..200 {
        let e = Array::from_vec(vec![1.0f64; 1 << 16], &[1 << 16]) * 2.0;
        let barrier = Arc::new(Barrier::new(2));
        std::thread::scope(|scope| {
            let (e1, b1) = (e.clone(), Arc::clone(&barrier));
            let writer = scope.spawn(move || {
                b1.wait();
                e1.to_vec::<f64>().unwrap()
            });
            let reversed = e.slice(s![..;-1]);
            let b2 = Arc::clone(&barrier);
            let reader = scope.spawn(move || {
                b2.wait();
                reversed.to_vec::<f64>().unwrap()
            });
            assert!(writer.join().unwrap().iter().all(|&v| v == 2.0));
            assert!(reader.join().unwrap().iter().all(|&v| v == 2.0));
        });
    }
}

#[test]
fn a_failed_evaluation_leaves_its_inputs_as_they_were() {
    let e = Array::from_vec(vec![1.0f64; 8], &[8]) * 2.0;
    let t = Array::arange(0.0, 8.0, 1.0).take(&Array::from_vec(vec![100i64], &[1]), 0);
    assert!(eval(&[&e, &t]).is_err());
    assert_eq!(e.to_vec::<f64>().unwrap(), vec![2.0; 8]);

    // The later failure is a computed out-of-bounds index.
    let e = Array::from_vec(vec![1.0f64; 8], &[8]) * 2.0;
    let idx = Array::arange(0i64, 2, 1) * 100;
    let t = Array::arange(0.0, 8.0, 1.0).take(&idx, 0);
    assert!(eval(&[&e, &t]).is_err());
    assert_eq!(e.to_vec::<f64>().unwrap(), vec![2.0; 8]);

    // … a negative integer power.
    let e = Array::from_vec(vec![1.0f64; 8], &[8]) * 2.0;
    let p = Array::arange(0i64, 4, 1).pow(&(Array::arange(0i64, 4, 1) - 2));
    assert!(eval(&[&e, &p]).is_err());
    assert_eq!(e.to_vec::<f64>().unwrap(), vec![2.0; 8]);
}

#[test]
fn a_failed_allocation_leaves_its_inputs_as_they_were() {
    // The product is written in place, then a later step's allocation fails (injected).
    for k in 0..4 {
        let e = Array::from_vec(vec![1.0f64; 8], &[8]) * 2.0;
        let other = Array::arange(0.0, 8.0, 1.0).cumsum(0);
        lazyarray::testing::fail_at(Some(k));
        let r = eval(&[&e, &other]);
        lazyarray::testing::fail_at(None);
        if r.is_ok() {
            break;
        }
        assert_eq!(e.to_vec::<f64>().unwrap(), vec![2.0; 8]);
        assert_eq!(other.to_vec::<f64>().unwrap()[7], 28.0);
    }
}

#[test]
fn the_reference_starts_from_remembered_values_after_in_place_chains() {
    // `a = a * 2` repeated, evaluating in between: each evaluation writes into the dead
    // source's buffer, and the reference and `bisect` still work on every array held,
    // including one built on the step before it was evaluated.
    let mut a = Array::from_vec((0..1000).map(f64::from).collect(), &[1000]);
    for step in 1..=5 {
        let lazy = a * 2.0;
        let later = (&lazy + 1.0).sum();
        let (done, report) = lazy.eval_with_report().unwrap();
        assert_eq!(report.reused, 1, "step {step}");
        let scale = f64::from(1u32 << step);
        let want: f64 = (0..1000).map(|i| f64::from(i) * scale + 1.0).sum();
        assert_eq!(later.eval_reference().unwrap().item::<f64>().unwrap(), want);
        assert_eq!(later.item::<f64>().unwrap(), want);
        assert_eq!(
            lazyarray::bisect(&later, 0.0).unwrap(),
            lazyarray::Bisect::Agrees
        );
        let values: Vec<f64> = (0..1000).map(|i| f64::from(i) * scale).collect();
        assert_eq!(
            lazy.eval_reference().unwrap().to_vec::<f64>().unwrap(),
            values
        );
        assert_eq!(
            done.eval_reference().unwrap().to_vec::<f64>().unwrap(),
            values
        );
        drop((lazy, later));
        a = done;
    }
}

#[test]
fn an_evaluated_intermediate_over_a_consumed_source_stands_for_its_value() {
    // The evaluation of `mid` writes it into its source's buffer; an expression built on `mid`
    // before that is then recomputed by the reference from `mid`'s remembered value.
    let src = Array::from_vec(vec![1.5f64; 64], &[64]);
    let mid = src * 3.0;
    let later = (&mid + 1.0).sum();
    let (mid, report) = mid.eval_with_report().unwrap();
    assert_eq!(report.reused, 1);
    assert_eq!(
        later.eval_reference().unwrap().item::<f64>().unwrap(),
        64.0 * 5.5
    );
    assert_eq!(later.item::<f64>().unwrap(), 64.0 * 5.5);
    assert_eq!(
        lazyarray::bisect(&later, 0.0).unwrap(),
        lazyarray::Bisect::Agrees
    );
    drop(mid);
}

#[test]
fn the_differential_case_at_20000_recomputes_from_the_remembered_intermediate() {
    // Found by `PROPTEST_CASES=20000 PROPTEST_RNG_SEED=12025115554247737319` (differential):
    // sum(compress(compress(eval(take(take(x1 < x2, i3) % 0, i4)), m0), m5)). Evaluating the
    // inner `take` wrote it into the buffer of `i4` (constant folding turned the gather of a
    // constant into a map over `i4`), and the reference then recomputed it from `i4`'s new
    // contents and failed.
    let x1 = Array::from_vec(vec![false], &[1]);
    let x2 = Array::from_vec(vec![true], &[1]);
    let i3 = Array::from_vec(vec![0i64], &[]);
    let i4 = Array::from_vec(vec![0i64; 33], &[33]);
    let m0 = Array::from_vec((0..33).map(|i| i % 3 != 1).collect::<Vec<bool>>(), &[33]);
    let inner = x1.lt(&x2).take(&i3, 0) % 0i32;
    let e = inner.take(&i4, 0);
    drop((x1, x2, i3, i4, inner));
    // The differential test holds the evaluated intermediate itself (not only its result).
    let (done, report) = e.eval_with_report().unwrap();
    assert_eq!(report.reused, 1, "the case needs the in-place write");
    assert_eq!(
        e.eval_reference().unwrap().to_vec::<i64>().unwrap(),
        done.to_vec::<i64>().unwrap()
    );
    let kept = e.compress(&m0, 0);
    let n = kept.shape()[0];
    let m5 = Array::from_vec((0..n).map(|i| i % 2 == 0).collect::<Vec<bool>>(), &[n]);
    let root = kept.compress(&m5, 0).sum();
    let fast = root.eval().unwrap();
    let reference = root.eval_reference().unwrap();
    assert_eq!(fast.dtype(), reference.dtype());
    assert_eq!(
        fast.astype(lazyarray::DType::I64).item::<i64>().unwrap(),
        reference
            .astype(lazyarray::DType::I64)
            .item::<i64>()
            .unwrap()
    );
    assert_eq!(
        lazyarray::bisect(&root, 0.0).unwrap(),
        lazyarray::Bisect::Agrees
    );
}
