//! The statistics (`var`, `std`, the nan-reductions, `ptp`, `count_nonzero`, `cumprod`,
//! `diff`, `average`): how they fuse (read from `explain()`), their accuracy on data of a large
//! mean and a small variance, and their errors. Their values against NumPy's are in the golden
//! corpus (`tests/golden/`, family `statistics`); the expected values here were computed with
//! NumPy 2.4 (the expression is in the comment next to each).

mod common;
use common::*;
use lazyarray::{Array, DType, Error, Plan, where_};

/// The error an array carries, whether found when building it or when evaluating it.
#[track_caller]
fn error_of(a: &Array) -> Error {
    match a.check() {
        Err(e) => e,
        Ok(_) => a.eval().expect_err("expected an error"),
    }
}

/// A 256 x 64 float64 array, evaluated (a buffer the kernels read).
fn data() -> Array {
    Array::random(&[256, 64], 7).eval().unwrap()
}

/// How many times the kernels of `plan` read the input buffer of `bytes` bytes.
fn reads_of_input(plan: &Plan, bytes: usize) -> usize {
    plan.kernels
        .iter()
        .flat_map(|k| &k.reads)
        .filter(|r| r.kind == "input" && r.bytes == bytes)
        .count()
}

/// The reduction kernels of `plan` (not maps, not scans).
fn reductions(plan: &Plan) -> usize {
    plan.kernels.iter().filter(|k| k.kind != "map").count()
}

const X_BYTES: usize = 256 * 64 * 8;

// ---------------------------------------------------------------------------------------------
// Fusion
// ---------------------------------------------------------------------------------------------

/// NumPy's two passes, written out or called by name: a kernel for the mean and one for the
/// squared deviations, each reading `x` once; the deviation and square run inside the second,
/// the divisions and `sqrt` in the kernels' epilogues or, for a column-wise result, in maps
/// over the (small) results. The mean is divided once per column, not once per element of the
/// second pass.
#[test]
fn var_and_std_read_x_once_for_the_mean_and_once_for_the_deviations() {
    let x = data();
    let written = (&x - &x.mean_axis(0)).pow(2.0).mean_axis(0);
    let cases = [
        ("((x - x.mean(0))**2).mean(0)", written),
        ("x.var(axis=0)", x.var_axis(0)),
        ("x.std(axis=0)", x.std_axis(0)),
        ("x.var(axis=1)", x.var_axis(1)),
        ("x.std()", x.std()),
        ("x.var((0, 1), keepdims=True)", x.var_axes(&[0, 1], true)),
        ("x.std(axis=0, ddof=1)", x.std_with(Some(&[0]), 1, false)),
    ];
    for (what, a) in cases {
        let plan = a.explain();
        assert!(plan.error.is_none(), "{what}: {plan}");
        assert_eq!(reductions(&plan), 2, "{what}: two reductions\n{plan}");
        assert_eq!(
            reads_of_input(&plan, X_BYTES),
            2,
            "{what}: x is read once per pass\n{plan}"
        );
        // The mean's division and std's sqrt: in an epilogue, or a map over the result.
        assert!(plan.totals.kernels <= 4, "{what}\n{plan}");
        // No x-sized temporary: the deviations are never stored.
        assert!(
            plan.totals.bytes_allocated < X_BYTES / 8,
            "{what}: {} bytes allocated\n{plan}",
            plan.totals.bytes_allocated
        );
        assert!(
            plan.totals.bytes_moved < plan.naive.bytes_moved / 2,
            "{what}\n{plan}"
        );
    }
    // The second pass reads the divided mean: no division per element of x.
    let plan = x.var_axis(0).explain();
    let second = plan
        .kernels
        .iter()
        .filter(|k| k.kind == "sum")
        .nth(1)
        .unwrap();
    assert!(!second.body.contains('/'), "{plan}");
    // The standard deviation of the whole array finishes in its second kernel's epilogue.
    assert_eq!(x.std().explain().totals.kernels, 2);
}

/// The NaN test and the replacement fuse into the reduction that reads them: `nansum` is one
/// pass, `nanmean` and `nanmin` two (a count or an all-NaN test beside the fold).
#[test]
fn nan_reductions_fuse_the_nan_test_into_their_reductions() {
    let x = data();
    let x = where_(&x.gt(0.9), f64::NAN, &x).eval().unwrap();
    for (what, a, passes) in [
        ("nansum", x.nansum_axis(0), 1),
        ("nanprod", x.nanprod_axis(1), 1),
        ("nanmean", x.nanmean_axis(0), 2),
        ("nanmin", x.nanmin(), 2),
        ("nanmax(axis=1)", x.nanmax_axis(1), 2),
        ("nanvar", x.nanvar_axis(0), 3),
        ("count_nonzero", x.count_nonzero_axis(0), 1),
        ("ptp", x.ptp_axis(1), 2),
    ] {
        let plan = a.explain();
        assert_eq!(
            reads_of_input(&plan, X_BYTES),
            passes,
            "{what}: passes over x\n{plan}"
        );
        assert!(
            plan.totals.bytes_allocated < X_BYTES / 8,
            "{what}: no x-sized temporary\n{plan}"
        );
    }
}

/// `cumprod` is a scan kernel like `cumsum` (the NaN replacement of `nancumprod` inside it), and
/// `diff(n)` is one map over views of `x`.
#[test]
fn cumprod_is_one_scan_and_diff_one_map() {
    let x = data();
    for (what, a) in [
        ("cumprod(0)", x.cumprod(0)),
        ("nancumprod(1)", x.nancumprod(1)),
        ("nancumsum(0)", x.nancumsum(0)),
    ] {
        let plan = a.explain();
        assert_eq!(plan.totals.kernels, 1, "{what}\n{plan}");
        assert_eq!(reads_of_input(&plan, X_BYTES), 1, "{what}\n{plan}");
    }
    assert_eq!(x.cumprod(0).explain().kernels[0].kind, "cumprod");
    // Its four accesses are four rows' offsets into the one buffer of `x`.
    let plan = x.diff(3, 0).explain();
    assert_eq!(plan.totals.kernels, 1, "{plan}");
    assert_eq!(plan.kernels[0].kind, "map");
    let node = |r: &lazyarray::BufferUse| r.node.split('=').nth(1).map(str::to_string);
    let reads = &plan.kernels[0].reads;
    assert!(reads.iter().all(|r| node(r) == node(&reads[0])), "{plan}");
    assert_eq!(plan.totals.allocations, 1, "{plan}");
}

// ---------------------------------------------------------------------------------------------
// Accuracy
// ---------------------------------------------------------------------------------------------

/// `1e9 + k / 1024` for `k = (i * 7919) % 2048`: a mean of 1e9 and a standard deviation of
/// about 0.58, every element exact in float64, so the variance is known exactly from the `k`.
fn large_mean(n: usize) -> (Array, Vec<i64>) {
    let k: Vec<i64> = (0..n as i64).map(|i| (i * 7919) % 2048).collect();
    let x: Vec<f64> = k.iter().map(|&k| 1e9 + k as f64 / 1024.0).collect();
    (Array::from_vec(x, &[n]), k)
}

/// The exact variance of `1e9 + k / 1024`: `(n Σk² - (Σk)²) / n² / 2^20`, in integers.
fn exact_variance(k: &[i64]) -> f64 {
    let n = k.len() as i128;
    let s: i128 = k.iter().map(|&v| i128::from(v)).sum();
    let s2: i128 = k.iter().map(|&v| i128::from(v) * i128::from(v)).sum();
    (n * s2 - s * s) as f64 / (n * n) as f64 / 1048576.0
}

/// The two passes keep the variance of data whose mean dwarfs its spread: within 1e-12 of the
/// exact value, as NumPy's (`np.var` of these 100,000 values is 5.3e-15 from exact, of its
/// 100 columns as a 1000 x 100 array at most 2.6e-14), where the one-pass `E[x²] - E[x]²`
/// loses every digit (it gives 0.0).
#[test]
fn variance_of_a_large_mean_and_a_small_spread_is_accurate() {
    let (x, k) = large_mean(100_000);
    let exact = exact_variance(&k);
    // np.var(x) -> 0.33333125654563167 (exact 0.3333312565456299)
    let v: f64 = x.var().item().unwrap();
    assert!((v - exact).abs() <= 1e-12 * exact, "{v} vs {exact}");
    let s: f64 = x.std().item().unwrap();
    assert!((s - exact.sqrt()).abs() <= 1e-12 * exact.sqrt(), "{s}");
    let naive: f64 = ((&x * &x).mean() - x.mean().pow(2.0)).item().unwrap();
    assert!((naive - exact).abs() > 0.1 * exact, "one pass: {naive}");
    // Columns (the layout of the recipe bench's std(axis=0)).
    let cols = x.reshape(&[1000, 100]).var_axis(0).to_vec::<f64>().unwrap();
    for (j, v) in cols.iter().enumerate() {
        let col: Vec<i64> = (0..1000).map(|i| k[i * 100 + j]).collect();
        let exact = exact_variance(&col);
        assert!(
            (v - exact).abs() <= 1e-12 * exact,
            "column {j}: {v} vs {exact}"
        );
    }
    // float32 keeps the same two passes in float32: the spread of 1e3 + k / 64 survives.
    let small: Vec<f32> = k.iter().map(|&k| 1e3 + k as f32 / 64.0).collect();
    let v32: f32 = Array::from_vec(small, &[100_000]).var().item().unwrap();
    let exact32 = exact_variance(&k) * 256.0;
    assert!(
        ((f64::from(v32) - exact32) / exact32).abs() < 1e-4,
        "{v32} vs {exact32}"
    );
}

// ---------------------------------------------------------------------------------------------
// Values and dtypes
// ---------------------------------------------------------------------------------------------

#[test]
fn statistics_give_numpys_values_and_dtypes() {
    let a = Array::from_vec(vec![1.0, f64::NAN, 3.0, 4.0, f64::NAN, f64::NAN], &[2, 3]);
    // np.nanmean(a, axis=1) -> [2., 4.] ; np.nanmin(a, axis=0) -> [1., nan, 3.]
    check(&a.nanmean_axis(1), &[2], &[2.0, 4.0]);
    check(&a.nanmin_axis(0), &[3], &[1.0, f64::NAN, 3.0]);
    // np.nanvar(a, axis=1, ddof=1) -> [2., nan] ; np.nansum(a) -> 8.0
    check(&a.nanvar_with(Some(&[1]), 1, false), &[2], &[2.0, f64::NAN]);
    check(&a.nansum(), &[], &[8.0]);
    // np.nanargmax(a) -> 3 ; np.count_nonzero(a, axis=0) -> [2, 2, 2] (NaN is nonzero)
    check(&a.nanargmax(), &[], &[3i64]);
    check(&a.count_nonzero_axis(0), &[3], &[2i64, 2, 2]);
    let i = Array::from_vec(vec![3i32, -1, 4, 1, -5, 9], &[2, 3]);
    // np.var(i) -> 18.805555555555557 (float64) ; np.std(i, axis=0, ddof=1) -> [1.41.., 2.82.., 3.53..]
    check(&i.var(), &[], &[18.805555555555557]);
    check(
        &i.std_with(Some(&[0]), 1, false),
        &[3],
        &[
            std::f64::consts::SQRT_2,
            2.8284271247461903,
            3.5355339059327378,
        ],
    );
    // np.cumprod(i, axis=1) -> int64 [[3, -3, -12], [1, -5, -45]] ; np.ptp(i) -> 14 (int32)
    check(&i.cumprod(1), &[2, 3], &[3i64, -3, -12, 1, -5, -45]);
    check(&i.ptp(), &[], &[14i32]);
    // np.diff(i, axis=0) -> [[-2, -4, 5]] ; np.diff(i, 2) -> [[9], [20]]
    check(&i.diff(1, 0), &[1, 3], &[-2i32, -4, 5]);
    check(&i.diff(2, -1), &[2, 1], &[9i32, 20]);
    // np.var(np.array([1., 2., 3.]), ddof=3) -> inf ; ddof=5 -> inf ; np.var([7.], ddof=1) -> nan
    let v = Array::from_vec(vec![1.0, 2.0, 3.0], &[3]);
    check(&v.var_with(None, 3, false), &[], &[f64::INFINITY]);
    check(&v.var_with(None, 5.0, false), &[], &[f64::INFINITY]);
    check(
        &Array::from_vec(vec![7.0], &[1]).var_with(None, 1, false),
        &[],
        &[f64::NAN],
    );
    // np.average(i, axis=1, weights=[1, 0, 1]) -> [3.5, 5.] ; its dtype is float64
    let w = Array::from_vec(vec![1i32, 0, 1], &[3]);
    let avg = i.average_with(Some(&[1]), Some(&w), false);
    assert_eq!(avg.dtype(), DType::F64);
    check(&avg, &[2], &[3.5, 5.0]);
    // np.var(np.float32 array) stays float32
    assert_eq!(v.astype(DType::F32).var().dtype(), DType::F32);
    assert_eq!(v.astype(DType::F32).nanmean().dtype(), DType::F32);
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// Errors are NumPy's, typed, under the statistic's name and at the caller's line; an error an
/// input carries passes through unchanged.
#[test]
fn statistics_errors_name_the_statistic_and_the_callers_line() {
    let x = Array::from_vec(vec![1.0, f64::NAN, f64::NAN, f64::NAN], &[2, 2]);
    let first = line!();
    let cases: Vec<(Array, &str, &str)> = vec![
        (x.var_axis(2), "var", "axis 2 is out of bounds"),
        (
            x.nanargmin_axis(1),
            "nanargmin",
            "All-NaN slice encountered",
        ),
        (x.nanmin_axes(&[0, -2], false), "nanmin", "repeated axis"),
        (
            Array::zeros(&[0]).nanmax(),
            "nanmax",
            "fmax which has no identity",
        ),
        (
            Array::zeros(&[0]).nanargmax(),
            "nanargmax",
            "empty sequence",
        ),
        (
            Array::scalar(1.0).diff(1, 0),
            "diff",
            "at least one dimensional",
        ),
        (x.diff(1, -3), "diff", "axis -3 is out of bounds"),
        (x.astype(DType::Bool).ptp(), "ptp", "boolean subtract"),
        (x.nancumsum(4), "nancumsum", "axis 4 is out of bounds"),
        (x.cumprod(2), "cumprod", "axis 2 is out of bounds"),
        (
            x.average_with(
                Some(&[1]),
                Some(&Array::from_vec(vec![1.0, -1.0], &[2])),
                false,
            ),
            "average",
            "Weights sum to zero",
        ),
        (
            x.average_with(None, Some(&Array::ones(&[2])), false),
            "average",
            "Axis must be specified",
        ),
        (
            x.average_with(Some(&[0]), Some(&Array::ones(&[3])), false),
            "average",
            "Shape of weights must be consistent",
        ),
    ];
    let last = line!();
    for (a, op, words) in cases {
        let e = error_of(&a);
        let c = e.context();
        assert_eq!(c.op, op, "{e}");
        assert!(c.message.contains(words), "{e}");
        assert!(c.location.file().ends_with("statistics.rs"), "{e}");
        assert!((first..last).contains(&c.location.line()), "{e}");
    }
    assert!(matches!(
        error_of(&x.nanargmin_axis(1)),
        Error::Reduction(_)
    ));
    assert!(matches!(error_of(&x.var_axis(2)), Error::Axis(_)));
    // An input's error is its own.
    let bad = x.reshape(&[3]);
    let e = error_of(&bad.nanstd());
    assert_eq!(e.context().op, "reshape");
    assert_eq!(error_of(&bad.diff(1, 0)), error_of(&bad));
    let e = error_of(&x.average_with(None, Some(&bad), false));
    assert_eq!(e.context().op, "reshape");
}
