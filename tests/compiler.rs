//! What the compiler promises beyond correct values: how many kernels and allocations a plan
//! takes, that views compile nothing, and that one compile serves every size.
//!
//! The kernel cache is shared by every test in the process, so tests that count compiles use
//! constants no other test uses (a cache hit from another test would hide a compile).

mod common;
use common::*;
use lazyarray::{Array, DType, EvalReport, s};

fn report(a: &Array) -> EvalReport {
    a.eval_with_report().expect("evaluates").1
}

#[test]
fn an_elementwise_chain_is_one_kernel_and_one_allocation() {
    // x = a*2; y = x+1; z = sqrt(y); w = z - 0.5; v = w * w  — five ops, NumPy makes four
    // temporaries; here one loop writes only the result.
    let a = Array::arange(0.0, 1000.0, 1.0).eval().unwrap();
    let v = {
        let z = ((&a * 2.0) + 1.0).sqrt();
        let w = z - 0.5;
        &w * &w
    };
    let r = report(&v);
    assert_eq!(
        (r.launches, r.allocations, r.bytes_allocated),
        (1, 1, 8000),
        "{r:?}"
    );
    let want: Vec<f64> = (0..1000)
        .map(|i| {
            let w = (i as f64 * 2.0 + 1.0).sqrt() - 0.5;
            w * w
        })
        .collect();
    check(&v, &[1000], &want);
}

#[test]
fn a_fused_reduction_allocates_only_its_result() {
    // (a*b).sum() reads a and b once and allocates 8 bytes
    let a = Array::random(&[10_000], 3).eval().unwrap();
    let b = Array::random(&[10_000], 4).eval().unwrap();
    let r = report(&(&a * &b).sum());
    assert_eq!(
        (r.launches, r.allocations, r.bytes_allocated),
        (1, 1, 8),
        "{r:?}"
    );
    // sqrt((a*a).sum()) : the sqrt runs on the finished sum inside the same kernel
    let r = report(&(&a * &a).sum().sqrt());
    assert_eq!((r.launches, r.allocations), (1, 1), "{r:?}");
}

#[test]
fn a_view_of_a_buffer_compiles_and_copies_nothing() {
    let a = Array::random(&[100, 100], 5).eval().unwrap();
    for v in [
        a.slice(s![..;10, ..]),
        a.t(),
        a.slice(s![..;-1, 3]),
        a.reshape(&[10_000]),
        a.diagonal(),
        // np.flatten copies; under value semantics the copy is never needed
        a.flatten(),
        a.slice(s![10..20, ..]).flatten(),
    ] {
        let r = report(&v);
        assert_eq!(
            (r.launches, r.compiled, r.allocations),
            (0, 0, 0),
            "{v:?}: {r:?}"
        );
    }
    // and the values are right: a[::10, :][1, 2] == a[10, 2]
    let row = a
        .slice(s![..;10, ..])
        .slice(s![1, 2])
        .item::<f64>()
        .unwrap();
    assert_eq!(row, a.slice(s![10, 2]).item::<f64>().unwrap());
    // a[10:20].flatten()[150] == a[11, 50]; a[::2].flatten() and a.T.flatten() need the copy
    let flat = a.slice(s![10..20, ..]).flatten().eval().unwrap();
    assert_eq!(
        flat.slice(s![150]).item::<f64>().unwrap(),
        a.slice(s![11, 50]).item::<f64>().unwrap()
    );
    let r = report(&a.slice(s![..;2, ..]).flatten());
    assert_eq!((r.launches, r.allocations), (1, 1), "{r:?}");
    let r = report(&a.t().flatten());
    assert_eq!((r.launches, r.allocations), (1, 1), "{r:?}");
    assert_eq!(
        a.t().flatten().slice(s![1]).item::<f64>().unwrap(),
        a.slice(s![1, 0]).item::<f64>().unwrap()
    );
}

#[test]
fn one_compile_serves_every_size_and_layout() {
    let f = |x: &Array| (x * 1.234_567 + 7.654_321).maximum(0.5);
    let first = report(&f(&Array::random(&[1000], 6)));
    assert!(first.compiled >= 1, "{first:?}");
    for shape in [&[10][..], &[3, 333], &[20_000], &[1], &[7, 11]] {
        let n: usize = shape.iter().product();
        let x =
            Array::random(&[n], 7).reshape(&shape.iter().map(|&d| d as isize).collect::<Vec<_>>());
        let r = report(&f(&x.eval().unwrap()));
        assert_eq!(r.compiled, 0, "shape {shape:?}: {r:?}");
    }
    // A reversed view has another stride class (not unit) and may compile once; after that
    // every reversed input of any size hits the cache.
    let rev = |n: usize| Array::random(&[n], 8).eval().unwrap().slice(s![..;-1]);
    report(&f(&rev(100)));
    let r = report(&f(&rev(5000)));
    assert_eq!(r.compiled, 0, "{r:?}");
}

/// Constants are kernel parameters: a loop over changing scalars (`(&a + t).sum()` for each
/// time step `t`) compiles once, and each value still gives its own result. (Exponents:
/// `one_compile_serves_every_exponent`.)
#[test]
fn one_compile_serves_every_constant() {
    let a = Array::from_vec((0..100).map(f64::from).collect(), &[100])
        .eval()
        .unwrap();
    let f = |t: f64| ((&a * t + t * 0.5).maximum(t)).sum();
    report(&f(0.25));
    // (Not 0 or 1: `x * 1` and `x + 0` are rewritten away, another structure.)
    for t in [2.0, -3.5, 1e300, 7.25] {
        let y = f(t);
        let r = report(&y);
        assert_eq!(r.compiled, 0, "t = {t}: {r:?}");
        let expected: f64 = (0..100).map(|i| (f64::from(i) * t + t * 0.5).max(t)).sum();
        let got = y.item::<f64>().unwrap();
        // (a float sum may be reassociated: the README's 1e-12 relative tolerance)
        assert!(
            (got - expected).abs() <= 1e-12 * expected.abs() || (got.is_nan() && expected.is_nan()),
            "t = {t}: {got} vs {expected}"
        );
    }
    // A reduction's epilogue (mean's division) takes its constant the same way.
    let m = |n: usize| a.slice(s![..n]).mean();
    report(&m(10));
    let r = report(&m(20));
    assert_eq!(r.compiled, 0, "{r:?}");
    assert_eq!(m(20).item::<f64>().unwrap(), 9.5);
    // Integer and bool constants too.
    let i = Array::arange(0i64, 10, 1).eval().unwrap();
    report(&(&i * 3i64).lt(7i64));
    let r = report(&(&i * 5i64).lt(12i64));
    assert_eq!(r.compiled, 0, "{r:?}");
    assert_eq!(
        (&i * 5i64).lt(12i64).to_vec::<bool>().unwrap(),
        [
            true, true, true, false, false, false, false, false, false, false
        ]
    );
}

/// A power's exponent is a kernel parameter too, unless its value selects NumPy's scalar fast
/// path (`x**2` is `x*x`, `x**0.5` is `sqrt(x)`, `x**-1` is `1/x` for floats), which is chosen
/// at compile time. Evaluating `x ** e` for many distinct exponents compiled and kept one
/// kernel per exponent (20,000 exponents: 20,000 compiles, +100 MB); now each dtype compiles
/// once, and every exponent still gives the reference evaluator's result, bit for bit.
#[test]
fn one_compile_serves_every_exponent() {
    use common::bits::{bits, same_value};
    use lazyarray::{Options, Rule};
    // NaNs compare as NaNs (x86 arithmetic sets the sign bit of the NaNs it makes).
    let same = |a: &[u64], b: &[u64], dtype: DType| {
        a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| same_value(dtype, x, y))
    };
    let data: Vec<f64> = vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.5,
        2.0,
        -2.5,
        3.75,
        1e-3,
        1e10,
        -7.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        0.1,
        123.456,
        -0.3,
    ];
    let n = data.len();
    let x64 = Array::from_vec(data.clone(), &[n]).eval().unwrap();
    let x32 = Array::from_vec(data.iter().map(|&v| v as f32).collect(), &[n])
        .eval()
        .unwrap();
    // Many exponents without a fast path (none is 2, 0.5, -1 or 1, which is rewritten away).
    let mut exponents: Vec<f64> = (0..60).map(|k| -3.01 + 0.1 * f64::from(k)).collect();
    exponents.extend([0.0, -0.0, 3.0, -2.0, 0.25, 4.0, 1.5, -0.5, 1e300, -1e-300]);
    for x in [&x64, &x32] {
        let mut compiled = 0;
        for &e in &exponents {
            let y = x.pow(e);
            let (_, r) = y.eval_with_report().unwrap();
            compiled += r.compiled;
            let want = bits(&y.eval_reference().unwrap());
            assert!(same(&bits(&y), &want, x.dtype()), "{:?} ** {e}", x.dtype());
        }
        assert!(compiled <= 1, "{:?}: {compiled} compiles", x.dtype());
    }
    // A power over a reduction's finished elements runs in its epilogue, with the exponent
    // as a parameter there too.
    let rows = Array::from_vec(
        (0..60).map(|i| f64::from(i) * 0.37 - 3.0).collect(),
        &[6, 10],
    )
    .eval()
    .unwrap();
    let mut compiled = 0;
    for &e in &exponents {
        let y = rows.sum_axis(1).pow(e);
        let (_, r) = y.eval_with_report().unwrap();
        compiled += r.compiled;
        assert_eq!(r.launches, 1, "{r:?}");
        // (the reduction is the same on both sides: the power must match bit for bit)
        let want = bits(&rows.sum_axis(1).eval().unwrap().pow(e));
        assert!(same(&bits(&y), &want, DType::F64), "row sums ** {e}");
    }
    assert!(compiled <= 1, "epilogue: {compiled} compiles");
    // Integer powers (no fast path, not even for 2): every exponent is a parameter.
    let ints: Vec<i64> = vec![-3, -2, -1, 0, 1, 2, 3, 7, 10, 1 << 20, i64::MIN, i64::MAX];
    let i64s = Array::from_vec(ints.clone(), &[ints.len()]).eval().unwrap();
    let i32s = Array::from_vec(ints.iter().map(|&v| v as i32).collect(), &[ints.len()])
        .eval()
        .unwrap();
    for x in [&i64s, &i32s] {
        let mut compiled = 0;
        for e in 0..50i64 {
            let y = x.pow(e);
            let (_, r) = y.eval_with_report().unwrap();
            compiled += r.compiled;
            let want = bits(&y.eval_reference().unwrap());
            assert!(same(&bits(&y), &want, x.dtype()), "{:?} ** {e}", x.dtype());
        }
        assert!(compiled <= 1, "{:?}: {compiled} compiles", x.dtype());
        // A negative exponent is still NumPy's error, located at the `pow`.
        let (y, line) = (x.pow(-3i64), line!());
        let err = y.eval().unwrap_err();
        assert_eq!(err.context().op, "power", "{err:?}");
        assert!(err.message().contains("negative integer powers"), "{err:?}");
        assert_eq!(err.context().location.line(), line, "{err:?}");
    }
    // The fast paths are still chosen from the exponent's value, in the kernel (the rewrite
    // of `identities` is switched off): bit-identical to `x*x`, `sqrt(x)` and `1/x`, which
    // differ from `pow` (`(-0.0)**0.5` is -0.0, `(-inf)**0.5` is NaN).
    let options = Options::all().disable(Rule::Identities);
    for x in [&x64, &x32] {
        for (e, want) in [
            (2.0, x * x),
            (0.5, x.sqrt()),
            (-1.0, Array::ones(&[n]).astype(x.dtype()) / x),
        ] {
            let got = bits(&x.pow(e).eval_with(&options).unwrap());
            assert!(
                same(&got, &bits(&want), x.dtype()),
                "{:?} ** {e}",
                x.dtype()
            );
            let reference = bits(&x.pow(e).eval_reference().unwrap());
            assert!(same(&got, &reference, x.dtype()), "{:?} ** {e}", x.dtype());
        }
        // A generic exponent compiled just before does not change them.
        let _ = x.pow(1.75).eval_with(&options).unwrap();
        let got = bits(&x.pow(0.5).eval_with(&options).unwrap());
        assert!(same(&got, &bits(&x.sqrt()), x.dtype()));
    }
}

#[test]
fn tiles_are_read_as_broadcasts() {
    // np.tile(ac, (1, n)) * np.tile(ar, (n, 1)): one loop, no tiled copies
    let n = 300;
    let a = Array::arange(0i64, n as i64, 1)
        .astype(DType::F64)
        .eval()
        .unwrap();
    let ac = a.reshape(&[-1, 1]);
    let ar = a.reshape(&[1, -1]);
    let outer = ac.tile(&[1, n]) * ar.tile(&[n, 1]);
    let r = report(&outer);
    assert_eq!(
        (r.launches, r.allocations, r.bytes_allocated),
        (1, 1, n * n * 8),
        "{r:?}"
    );
    let v = outer.to_vec::<f64>().unwrap();
    assert_eq!(v[7 * n + 11], 77.0);
    assert_eq!(v[(n - 1) * n + (n - 2)], ((n - 1) * (n - 2)) as f64);
}

#[test]
fn a_transposed_reshape_is_copied_inside_its_consumer() {
    // a.T.reshape(-1) + 1: NumPy copies a.T first; here the copy is the consumer's loop
    let a = Array::arange(0.0, 12.0, 1.0)
        .reshape(&[3, 4])
        .eval()
        .unwrap();
    let b = a.t().reshape(&[-1]) + 1.0;
    let r = report(&b);
    assert_eq!((r.launches, r.allocations), (1, 1), "{r:?}");
    // np.arange(12.).reshape(3,4).T.reshape(-1) + 1
    check(
        &b,
        &[12],
        &[
            1.0, 5.0, 9.0, 2.0, 6.0, 10.0, 3.0, 7.0, 11.0, 4.0, 8.0, 12.0,
        ],
    );
}

#[test]
fn gathers_fuse_with_their_consumers() {
    // (np.take(a, i, axis=0) * 2).sum(axis=1): one kernel, the gathered rows are never stored
    let a = Array::random(&[50, 8], 9).eval().unwrap();
    let i = Array::from_vec(vec![3i64, -1, 0, 3], &[4]);
    let r = report(&(a.take(&i, 0) * 2.0).sum_axis(1));
    assert_eq!((r.launches, r.allocations), (1, 1), "{r:?}");
    check_close(
        &(a.take(&i, 0) * 2.0).sum_axis(1),
        &[4],
        &[
            (a.slice(s![3, ..]) * 2.0).sum().item::<f64>().unwrap(),
            (a.slice(s![49, ..]) * 2.0).sum().item::<f64>().unwrap(),
            (a.slice(s![0, ..]) * 2.0).sum().item::<f64>().unwrap(),
            (a.slice(s![3, ..]) * 2.0).sum().item::<f64>().unwrap(),
        ],
        1e-12,
    );
}

#[test]
fn reductions_stream_in_memory_order_and_vectorize() {
    // sum over rows and over columns of a C-order matrix, and of its transpose: all four walk
    // memory in order, so the innermost loop is unit-stride and vectorized.
    let a = Array::random(&[64, 48], 10).eval().unwrap();
    for (x, axis) in [(a.clone(), 0), (a.clone(), 1), (a.t(), 0), (a.t(), 1)] {
        let r = report(&x.sum_axis(axis));
        assert_eq!((r.launches, r.vectorized), (1, 1), "axis {axis}: {r:?}");
    }
}

#[test]
fn evaluating_twice_reuses_the_first_result() {
    let a = Array::random(&[1000], 11);
    let b = (&a * 3.0 + 1.0).sum();
    let first = report(&b);
    assert!(first.launches >= 1);
    let again = report(&b);
    assert_eq!((again.launches, again.allocations), (0, 0), "{again:?}");
    // and something built on it starts from the stored value
    let r = report(&(&b * 2.0));
    assert_eq!(r.launches, 1, "{r:?}");
}

#[test]
fn a_deep_chain_compiles_in_pieces() {
    // 10,000 chained adds (a += 1 in a loop): no stack overflow, bounded kernel size, and the
    // pieces share one compiled kernel.
    // (A chain on a constant would fold to one constant: start from data.)
    let base = Array::arange(0.0, 64.0, 1.0).eval().unwrap();
    let mut a = base.clone();
    for _ in 0..10_000 {
        a += 1.0;
    }
    let (v, r) = a.eval_with_report().unwrap();
    assert!(r.launches > 1 && r.compiled <= 3, "{r:?}");
    let want: Vec<f64> = (0..64).map(|i| i as f64 + 10_000.0).collect();
    assert_eq!(v.to_vec::<f64>().unwrap(), want);
}

#[test]
fn integer_division_never_traps() {
    // np.array([7, -7, MIN, 5]) // np.array([0, 2, -1, -1]) and %: no trap, NumPy's values
    let a = Array::from_vec(vec![7i64, -7, i64::MIN, 5], &[4]);
    let b = Array::from_vec(vec![0i64, 2, -1, -1], &[4]);
    check(&a.floor_divide(&b), &[4], &[0i64, -4, i64::MIN, -5]);
    check(&(&a % &b), &[4], &[0i64, 1, 0, 0]);
    let a = Array::from_vec(vec![7i32, -7, i32::MIN, 5, 9], &[5]);
    let b = Array::from_vec(vec![0i32, 2, -1, -1, -4], &[5]);
    check(&a.floor_divide(&b), &[5], &[0i32, -4, i32::MIN, -5, -3]);
    check(&(&a % &b), &[5], &[0i32, 1, 0, 0, -3]);
}

/// Values whose float sum depends on the order of the additions (large and small magnitudes).
fn order_sensitive(n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| match i % 13 {
            0 => 1e16,
            5 => -1e16,
            _ => ((i * 7919) % 1000) as f64 * 1e-3 + 0.1,
        })
        .collect()
}

#[test]
fn sums_over_rows_fold_in_row_order_for_every_row_count() {
    // np.sum(x, axis=0) on a C-ordered x adds row after row for every column; the compiled
    // kernel folds several rows per visit of the output in registers, which must not change
    // that order (bit-identical), for row counts around the block size and short/odd widths.
    for rows in [1usize, 2, 15, 16, 17, 31, 32, 33, 50] {
        // (one column would make the rows contiguous: NumPy then sums pairwise, and so do we,
        // by lanes — a documented reassociation)
        for cols in [2usize, 3, 5, 8, 9, 17] {
            let data = order_sensitive(rows * cols);
            let x = Array::from_vec(data.clone(), &[rows, cols]);
            let mut want = vec![0.0f64; cols];
            for r in 0..rows {
                for c in 0..cols {
                    want[c] += data[r * cols + c];
                }
            }
            let got = x.sum_axis(0).to_vec::<f64>().unwrap();
            assert!(same_bits(&got, &want), "{rows}x{cols}: {got:?} vs {want:?}");
            // float32 and int32 (which accumulates in int64), max with a NaN in one column
            let x32: Vec<f32> = data.iter().map(|&v| v as f32).collect();
            let mut want32 = vec![0.0f32; cols];
            for r in 0..rows {
                for c in 0..cols {
                    want32[c] += x32[r * cols + c];
                }
            }
            let got32 = Array::from_vec(x32, &[rows, cols]).sum_axis(0);
            assert!(same_bits(&got32.to_vec::<f32>().unwrap(), &want32));
            let ints: Vec<i32> = (0..rows * cols)
                .map(|i| (i as i32 * 37) % 101 - 50)
                .collect();
            let mut want_i = vec![0i64; cols];
            let mut want_max = vec![i32::MIN; cols];
            for r in 0..rows {
                for c in 0..cols {
                    want_i[c] += ints[r * cols + c] as i64;
                    want_max[c] = want_max[c].max(ints[r * cols + c]);
                }
            }
            let xi = Array::from_vec(ints, &[rows, cols]);
            assert_eq!(xi.sum_axis(0).to_vec::<i64>().unwrap(), want_i);
            assert_eq!(xi.max_axis(0).to_vec::<i32>().unwrap(), want_max);
            let mut with_nan = data.clone();
            with_nan[(rows - 1) * cols] = f64::NAN;
            let m = Array::from_vec(with_nan, &[rows, cols]).max_axis(0);
            let m = m.to_vec::<f64>().unwrap();
            assert!(m[0].is_nan(), "np.max propagates NaN: {m:?}");
        }
    }
}

#[test]
fn window_sums_fold_each_window_in_order() {
    // sliding_window_view(a, w).sum(axis=1): the window axis is reduced outside the long kept
    // axis; each window is added left to right (the reference evaluator's order), for windows
    // shorter than, equal to and longer than the kernel's block of folded rows. (Windows of
    // 32 and more are summed innermost, by vector lanes, like NumPy's pairwise sum.)
    let data = order_sensitive(1000);
    let a = Array::from_vec(data.clone(), &[1000]);
    for w in [1usize, 3, 10, 15, 16, 17, 31] {
        let got = a.windows(w, 0).sum_axis(1).to_vec::<f64>().unwrap();
        let want: Vec<f64> = (0..=1000 - w)
            .map(|i| data[i..i + w].iter().fold(0.0, |s, v| s + v))
            .collect();
        assert!(same_bits(&got, &want), "window {w}");
        // also on a reversed, strided base: a[::-2]
        let b = a.slice(s![..;-2]);
        let bd: Vec<f64> = data.iter().rev().step_by(2).copied().collect();
        let got = b.windows(w, 0).sum_axis(1).to_vec::<f64>().unwrap();
        let want: Vec<f64> = (0..=bd.len() - w)
            .map(|i| bd[i..i + w].iter().fold(0.0, |s, v| s + v))
            .collect();
        assert!(same_bits(&got, &want), "window {w} over a[::-2]");
    }
}

/// `expr` evaluated with one kernel launch and one allocation.
#[track_caller]
fn one_kernel(expr: &Array) -> Array {
    let (v, r) = expr.eval_with_report().expect("evaluates");
    assert_eq!((r.launches, r.allocations), (1, 1), "{r:?}");
    v
}

#[test]
fn a_map_over_a_reduction_runs_in_its_kernel() {
    // np.mean(x, axis=1), np.sqrt(np.sum(x*x)), a rolling mean, where(s > t, s, -s) on row
    // sums: the map runs on each finished element inside the reduction's kernel. Each result
    // must equal, bit for bit, the reduction evaluated on its own and the map applied after.
    let data = order_sensitive(50 * 37);
    let x = Array::from_vec(data.clone(), &[50, 37]);
    let a = Array::from_vec(order_sensitive(1000), &[1000]);
    let ints = Array::from_vec((0..600i64).map(|i| i * 7 % 23 - 11).collect(), &[20, 30]);
    let two_step = |raw: &Array, map: &dyn Fn(&Array) -> Array| map(&raw.eval().unwrap());
    type Case = (Array, Box<dyn Fn(&Array) -> Array>);
    let cases: Vec<Case> = vec![
        (x.sum_axis(1), Box::new(|s| s / 37.0)),
        ((&x * &x).sum(), Box::new(|s| s.sqrt())),
        (a.windows(10, 0).sum_axis(1), Box::new(|s| s / 10.0)),
        // longer than one visit of the output (16 window elements fold per visit)
        (a.windows(29, 0).sum_axis(1), Box::new(|s| s / 29.0)),
        (
            a.slice(s![..;-3]).windows(17, 0).min_axis(1),
            Box::new(|s| -s),
        ),
        (
            a.windows(3, 0).sum_axis(1),
            Box::new(|s| lazyarray::where_(&s.gt(1.5), s, &-s)),
        ),
        (x.max_axis(1), Box::new(|s| (s * 2.0).abs())),
        (ints.sum_axis(1), Box::new(|s| s * 3 - 1)),
        (x.sum_axis(1), Box::new(|s| s.log())),
    ];
    for (i, (raw, map)) in cases.iter().enumerate() {
        let fused = one_kernel(&map(raw));
        let apart = two_step(raw, map.as_ref());
        assert_eq!(fused.shape(), apart.shape(), "case {i}");
        let (f, p) = (
            fused.astype(DType::F64).to_vec::<f64>().unwrap(),
            apart.astype(DType::F64).to_vec::<f64>().unwrap(),
        );
        let first = f
            .iter()
            .zip(&p)
            .position(|(x, y)| x.to_bits() != y.to_bits());
        assert!(same_bits(&f, &p), "case {i}: first difference at {first:?}");
    }
    // the mean is NumPy's: sum of each row / 37
    let m = x.mean_axis(1).to_vec::<f64>().unwrap();
    for (r, v) in m.iter().enumerate() {
        let row = &data[r * 37..(r + 1) * 37];
        let want = row.iter().sum::<f64>() / 37.0;
        let scale = row.iter().map(|x| x.abs()).sum::<f64>() / 37.0;
        assert!((v - want).abs() <= 1e-15 * scale, "row {r}: {v} vs {want}");
    }
}

#[test]
fn maps_a_reduction_cannot_finish_run_apart() {
    let x = Array::from_vec(order_sensitive(60), &[6, 10]);
    let launches = |e: &Array| e.eval_with_report().unwrap().1.launches;
    // the raw sums are also a result: they are kept
    let s = x.sum_axis(1);
    let (both, r) = lazyarray::eval_with_report(&[&s, &(&s / 2.0)]).unwrap();
    assert_eq!(r.launches, 2, "{r:?}");
    let (raw, half) = (
        both[0].to_vec::<f64>().unwrap(),
        both[1].to_vec::<f64>().unwrap(),
    );
    assert!(raw.iter().zip(&half).all(|(r, h)| *h == r / 2.0));
    // a dtype change (int64 sums to float64), an arg reduction, a second input
    let ints = Array::arange(0i64, 60, 1).reshape(&[6, 10]);
    assert_eq!(launches(&(ints.sum_axis(1).astype(DType::F64) / 10.0)), 2);
    assert_eq!(launches(&(x.argmax_axis(1) + 1)), 2);
    assert_eq!(launches(&(x.sum_axis(1) / x.max_axis(1))), 3);
    // rows summed into a column accumulator (sum over axis 0) only finish after the last row
    assert_eq!(launches(&(x.sum_axis(0) * 0.5)), 2);
    // (np.mean of ints accumulates in float64: that mean is fused)
    assert_eq!(launches(&ints.mean_axis(1)), 1);
    check(
        &ints.mean_axis(1),
        &[6],
        &[4.5f64, 14.5, 24.5, 34.5, 44.5, 54.5],
    );
}
