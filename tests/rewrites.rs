//! Start ⇒ goal tests for the optimizer, in the style of egg's `test_fn!`: build the naive
//! expression as a NumPy user writes it, assert which rewrites fired (by rule name), assert the
//! plan's figures (kernels, allocations, bytes) next to NumPy's eager plan, and assert the value
//! equals NumPy's on both the reference evaluator and the normal path.
//!
//! One test (or group) per row of the rewrite table in `ARCHITECTURE.md` (in this repository),
//! then each rule where it must *not* fire, then every rule switched off, then `bisect`. The
//! cases that are only a rewrite and a value are one line each ([`rewrite_test!`]).
//!
//! The reference is evaluated *before* the normal evaluation of the same array, so that it
//! recomputes from the sources (after an evaluation that wrote its result in place over a dead
//! input, the reference starts from the remembered result instead).

mod common;
use common::*;
use lazyarray::{Array, Bisect, DType, EvalReport, Options, Plan, Rule, bisect, s};

/// How many times `rule` fired in `plan`.
fn fired(plan: &Plan, rule: Rule) -> usize {
    plan.rewrites
        .iter()
        .filter(|f| f.rule == rule.name())
        .count()
}

#[track_caller]
fn assert_fired(plan: &Plan, rule: Rule) {
    assert!(
        fired(plan, rule) > 0,
        "{rule} did not fire; fired: {:?}\n{plan}",
        plan.rewrites
    );
}

#[track_caller]
fn assert_not_fired(plan: &Plan, rule: Rule) {
    assert_eq!(
        fired(plan, rule),
        0,
        "{rule} fired but must not; fired: {:?}\n{plan}",
        plan.rewrites
    );
}

/// The elements of `a` as bits on the reference evaluator (first: it recomputes from the
/// sources) and on the normal path.
#[track_caller]
fn both_paths(a: &Array) -> (Vec<u64>, Vec<u64>) {
    let reference = a
        .eval_reference()
        .and_then(|r| common::bits::try_bits(&r))
        .unwrap_or_else(|e| panic!("reference evaluation failed: {e}"));
    (reference, common::bits::bits(a))
}

/// Whether two arrays' bits are the same values (NaN equal to NaN, -0.0 not 0.0).
fn same_values(dtype: DType, x: &[u64], y: &[u64]) -> bool {
    x.len() == y.len()
        && x.iter()
            .zip(y)
            .all(|(&a, &b)| common::bits::same_value(dtype, a, b))
}

/// `start` ⇒ `goal`: `rule` fires on `start`, the optimizer turns `start`'s graph into exactly
/// `goal`'s (the same text, nodes numbered in topological order), the planner then makes the
/// same kernels (kind and body) and totals for both, and `start` has `goal`'s dtype, shape and
/// values, bit for bit, on both evaluation paths.
#[track_caller]
fn assert_rewrites(rule: Rule, start: &Array, goal: &Array) {
    let (p, q) = (start.explain(), goal.explain());
    assert_fired(&p, rule);
    assert_eq!(p.optimized, q.optimized, "start:\n{p}\ngoal:\n{q}");
    let kernels = |p: &Plan| -> Vec<(String, String)> {
        p.kernels
            .iter()
            .map(|k| (k.kind.to_string(), k.body.clone()))
            .collect()
    };
    assert_eq!(kernels(&p), kernels(&q), "start:\n{p}\ngoal:\n{q}");
    assert_eq!(p.views.len(), q.views.len(), "start:\n{p}\ngoal:\n{q}");
    assert_eq!(p.totals, q.totals, "start:\n{p}\ngoal:\n{q}");
    assert_eq!(
        (start.dtype(), start.shape()),
        (goal.dtype(), goal.shape()),
        "start and goal"
    );
    let (reference, fast) = both_paths(start);
    let (want, _) = both_paths(goal);
    let d = goal.dtype();
    assert!(
        same_values(d, &reference, &want),
        "reference {reference:x?}, goal {want:x?}"
    );
    assert!(
        same_values(d, &fast, &want),
        "eval {fast:x?}, goal {want:x?}"
    );
}

/// `start` stays: `rule` does not fire on it, and both evaluation paths give the same values.
#[track_caller]
fn assert_stays(rule: Rule, start: &Array) {
    assert_not_fired(&start.explain(), rule);
    let (reference, fast) = both_paths(start);
    assert!(
        same_values(start.dtype(), &reference, &fast),
        "reference {reference:x?}, eval {fast:x?}"
    );
}

/// A start ⇒ goal test in one line, in the spirit of egg's `test_fn!`. Each case binds the
/// arrays it shares between start and goal in brackets (`[x = signed()]`), then:
///
/// - `rewrite_test!(name, Rule::R: [bindings] start => goal);` — `R` rewrites `start` into
///   `goal` (see [`assert_rewrites`]);
/// - `rewrite_test!(name, Rule::R: [bindings] start => goal; numpy [values]);` — and the
///   values are NumPy's too (in `goal`'s shape, as [`check`] compares them);
/// - `rewrite_test!(name, !Rule::R: [bindings] start; numpy shape, [values]);` — `R` must not
///   fire on `start` (see [`assert_stays`]), whose values are NumPy's.
macro_rules! rewrite_test {
    ($name:ident, $rule:path: [$($v:ident = $init:expr),*] $start:expr => $goal:expr) => {
        #[test]
        fn $name() {
            $(let $v = $init;)*
            assert_rewrites($rule, &$start, &$goal);
        }
    };
    ($name:ident, $rule:path: [$($v:ident = $init:expr),*] $start:expr => $goal:expr;
     numpy $want:expr) => {
        #[test]
        fn $name() {
            $(let $v = $init;)*
            let (start, goal) = ($start, $goal);
            assert_rewrites($rule, &start, &goal);
            check(&start, goal.shape(), &$want);
        }
    };
    ($name:ident, !$rule:path: [$($v:ident = $init:expr),*] $start:expr;
     numpy $shape:expr, $want:expr) => {
        #[test]
        fn $name() {
            $(let $v = $init;)*
            let start = $start;
            assert_stays($rule, &start);
            check(&start, &$shape, &$want);
        }
    };
}

/// What the first evaluation of the array `build` makes takes (built fresh, so no earlier
/// evaluation of it can be reused).
fn first_eval(build: impl Fn() -> Array) -> EvalReport {
    build().eval_with_report().expect("evaluates").1
}

/// `np.random.seed(1); np.random.random_sample(8)`
const SEED1: [f64; 8] = [
    0.417022004702574,
    0.7203244934421581,
    0.00011437481734488664,
    0.30233257263183977,
    0.14675589081711304,
    0.0923385947687978,
    0.1862602113776709,
    0.34556072704304774,
];

/// The elements of `a` as f64, through the reference evaluator.
fn reference_values(a: &Array) -> Vec<f64> {
    a.eval_reference()
        .expect("reference evaluation")
        .astype(DType::F64)
        .to_vec()
        .expect("reference values")
}

/// Relative closeness, NaN equal to NaN (float reductions may reassociate).
#[track_caller]
fn assert_close(got: &[f64], want: &[f64], rtol: f64, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        let ok =
            (g.is_nan() && w.is_nan()) || g == w || (g - w).abs() <= rtol * w.abs().max(g.abs());
        assert!(
            ok,
            "{what}[{i}]: got {g}, expected {w}; all: {got:?} vs {want:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Row 1: `a * 2.0` when `a` is dead afterwards → one loop writing into `a`'s buffer.
// ---------------------------------------------------------------------------------------------

#[test]
fn in_place_when_the_old_value_is_dead() {
    // np.random.seed(1); a = np.random.random_sample(8); a *= 2.0
    let want = [
        0.834044009405148,
        1.4406489868843162,
        0.00022874963468977327,
        0.6046651452636795,
        0.2935117816342261,
        0.1846771895375956,
        0.3725204227553418,
        0.6911214540860955,
    ];
    let mut a = Array::random(&[8], 1).eval().unwrap();
    a *= 2.0;
    let reference = a.eval_reference().unwrap().to_vec::<f64>().unwrap();
    assert!(same_bits(&reference, &want), "reference {reference:?}");
    let (r, report) = a.eval_with_report().unwrap();
    assert_eq!(
        (
            report.launches,
            report.reused,
            report.allocations,
            report.bytes_allocated
        ),
        (1, 1, 0, 0),
        "{report:?}"
    );
    let got = r.to_vec::<f64>().unwrap();
    assert!(same_bits(&got, &want), "eval {got:?}");
    // The old buffer is gone: the reference starts from the value `a` remembers instead.
    let again = a.eval_reference().unwrap().to_vec::<f64>().unwrap();
    assert!(same_bits(&again, &want), "reference after reuse {again:?}");
    // `a` remembers its value.
    assert!(same_bits(&a.to_vec::<f64>().unwrap(), &want));
}

#[test]
fn in_place_for_a_rebinding_by_value() {
    // a = a * 2.0 (the old `a` is moved into the expression, so nothing else holds it)
    let mut a = Array::random(&[8], 1).eval().unwrap();
    a = a * 2.0 + 1.0;
    // np.random.seed(1); np.random.random_sample(8) * 2.0 + 1.0
    let want: Vec<f64> = SEED1.iter().map(|x| x * 2.0 + 1.0).collect();
    let reference = a.eval_reference().unwrap().to_vec::<f64>().unwrap();
    assert!(same_bits(&reference, &want), "reference {reference:?}");
    let (r, report) = a.eval_with_report().unwrap();
    assert_eq!(
        (report.launches, report.reused, report.allocations),
        (1, 1, 0),
        "{report:?}"
    );
    assert!(same_bits(&r.to_vec::<f64>().unwrap(), &want));
}

#[test]
fn no_reuse_while_another_handle_holds_the_old_value() {
    let mut a = Array::random(&[8], 1).eval().unwrap();
    let old = a.clone();
    a *= 2.0;
    let want: Vec<f64> = SEED1.iter().map(|x| x * 2.0).collect();
    let reference = a.eval_reference().unwrap().to_vec::<f64>().unwrap();
    assert!(same_bits(&reference, &want));
    let (r, report) = a.eval_with_report().unwrap();
    assert_eq!(
        (
            report.launches,
            report.reused,
            report.allocations,
            report.bytes_allocated
        ),
        (1, 0, 1, 64),
        "{report:?}"
    );
    assert!(same_bits(&r.to_vec::<f64>().unwrap(), &want));
    // the old value is intact (NumPy: b = a; a = a * 2 leaves b alone)
    check(&old, &[8], &SEED1);
}

#[test]
fn no_reuse_when_the_input_is_read_at_other_positions() {
    // a = a + a[::-1]: element i reads a[7-i], which an in-place loop would already have
    // overwritten for i >= 4; the result must be the one computed from the old `a`.
    let mut a = Array::random(&[8], 1).eval().unwrap();
    a = &a + a.slice(s![..;-1]);
    // np.random.seed(1); a = np.random.random_sample(8); a + a[::-1]
    let want: Vec<f64> = (0..8).map(|i| SEED1[i] + SEED1[7 - i]).collect();
    let reference = a.eval_reference().unwrap().to_vec::<f64>().unwrap();
    assert!(same_bits(&reference, &want));
    let (r, report) = a.eval_with_report().unwrap();
    assert_eq!(report.reused, 0, "{report:?}");
    assert!(same_bits(&r.to_vec::<f64>().unwrap(), &want));
}

#[test]
fn explain_shows_the_in_place_write() {
    let mut a = Array::random(&[8], 1).eval().unwrap();
    a *= 2.0;
    let p = a.explain();
    assert_eq!(p.kernels.len(), 1, "{p}");
    assert_eq!(p.kernels[0].writes.kind, "reused in place", "{p}");
    assert_eq!(
        (p.totals.allocations, p.totals.bytes_allocated),
        (0, 0),
        "{p}"
    );
    // and it is what eval does
    let (_, report) = a.eval_with_report().unwrap();
    assert_eq!((report.reused, report.allocations), (1, 0));
}

// ---------------------------------------------------------------------------------------------
// Row 2: `x = a*2; y = x+1; z = y.sqrt()` → one fused loop, no temporaries.
// ---------------------------------------------------------------------------------------------

#[test]
fn an_elementwise_chain_is_one_loop() {
    let a = Array::random(&[8], 1).eval().unwrap();
    let chain = || {
        let x = &a * 2.0;
        let y = &x + 1.0;
        y.sqrt()
    };
    let r = first_eval(chain);
    assert_eq!(
        (r.launches, r.allocations, r.vectorized),
        (1, 1, 1),
        "{r:?}"
    );
    let z = chain();
    let p = z.explain();
    assert!(p.rewrites.is_empty(), "{p}");
    assert_eq!(p.kernels.len(), 1, "{p}");
    assert_eq!(p.kernels[0].kind, "map");
    assert_eq!(p.kernels[0].body, "sqrt(((a1 * 2.0) + 1.0))");
    assert_eq!(p.kernels[0].writes.kind, "new");
    assert_eq!(
        (
            p.totals.kernels,
            p.totals.allocations,
            p.totals.bytes_allocated,
            p.totals.bytes_moved
        ),
        (1, 1, 64, 128)
    );
    // NumPy: three ufunc calls, two temporaries
    assert_eq!(
        (
            p.naive.kernels,
            p.naive.allocations,
            p.naive.bytes_allocated,
            p.naive.bytes_moved
        ),
        (3, 3, 192, 384)
    );
    // np.sqrt(a*2 + 1)
    check(
        &z,
        &[8],
        &[
            1.3542688098768088,
            1.5622576570093412,
            1.0001143682772935,
            1.266753782415383,
            1.1373265940943376,
            1.0884287709986333,
            1.1715461675731529,
            1.300431256962895,
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Row 3: `a.flatten()` / `a.reshape(..)` of a contiguous array → a view, no copy.
// ---------------------------------------------------------------------------------------------

fn m34() -> Array {
    // np.arange(12.).reshape(3, 4)
    Array::arange(0.0, 12.0, 1.0)
        .reshape(&[3, 4])
        .eval()
        .unwrap()
}

#[test]
fn flatten_of_a_contiguous_array_is_a_view() {
    let m = m34();
    let f = m.flatten();
    let p = f.explain();
    assert_fired(&p, Rule::FlattenView);
    assert_eq!(p.rewrites[0].saved_bytes, 96, "{p}");
    assert!(p.kernels.is_empty(), "{p}");
    assert_eq!(p.views.len(), 1, "{p}");
    assert_eq!(p.totals, lazyarray::Totals::default(), "{p}");
    // NumPy's flatten always copies: one pass, 96 bytes
    assert_eq!(
        (
            p.naive.kernels,
            p.naive.allocations,
            p.naive.bytes_allocated
        ),
        (1, 1, 96)
    );
    let want: Vec<f64> = (0..12).map(f64::from).collect();
    check(&f, &[12], &want);
    let (_, r) = m.flatten().eval_with_report().unwrap();
    assert_eq!((r.launches, r.compiled, r.allocations), (0, 0, 0), "{r:?}");
}

#[test]
fn reshape_and_ravel_of_a_contiguous_array_are_views() {
    let m = m34();
    for (v, shape) in [
        (m.reshape(&[4, 3]), &[4usize, 3][..]),
        (m.reshape(&[-1]), &[12][..]),
        (m.ravel(), &[12][..]),
        (m.reshape(&[2, 1, 6]), &[2, 1, 6][..]),
    ] {
        let p = v.explain();
        assert!(p.kernels.is_empty(), "{p}");
        assert_eq!((p.totals.allocations, p.naive.allocations), (0, 0), "{p}");
        let want: Vec<f64> = (0..12).map(f64::from).collect();
        check(&v, shape, &want);
    }
}

// ---------------------------------------------------------------------------------------------
// Row 4: `a.t().reshape(..)` → a copy only where the layout demands, fused into its consumer.
// ---------------------------------------------------------------------------------------------

#[test]
fn a_transposed_reshape_is_copied_inside_its_consumer() {
    let m = m34();
    let y = m.t().reshape(&[-1]) * 2.0;
    let p = y.explain();
    assert_eq!(p.kernels.len(), 1, "{p}");
    assert_eq!(p.kernels[0].body, "a1 * 2.0", "{p}");
    assert_eq!(
        (
            p.totals.kernels,
            p.totals.allocations,
            p.totals.bytes_allocated
        ),
        (1, 1, 96)
    );
    // NumPy: a.T.reshape(-1) copies, then the multiply allocates again
    assert_eq!(
        (
            p.naive.kernels,
            p.naive.allocations,
            p.naive.bytes_allocated
        ),
        (2, 2, 192)
    );
    assert!(
        p.warnings.iter().any(|w| w.contains("split loop")),
        "{:?}",
        p.warnings
    );
    // np.arange(12.).reshape(3, 4).T.reshape(-1) * 2
    check(
        &y,
        &[12],
        &[
            0.0, 8.0, 16.0, 2.0, 10.0, 18.0, 4.0, 12.0, 20.0, 6.0, 14.0, 22.0,
        ],
    );
}

#[test]
fn a_reshape_that_needs_a_copy_is_not_composed_into_a_view() {
    let m = m34();
    let y = m.t().reshape(&[-1]);
    let p = y.explain();
    assert_not_fired(&p, Rule::ComposeViews);
    assert!(p.views.is_empty(), "{p}");
    assert_eq!(
        (
            p.totals.kernels,
            p.totals.allocations,
            p.totals.bytes_allocated
        ),
        (1, 1, 96)
    );
    // a[::-1].T[::2].reshape(-1) is also not a view
    let z = m.slice(s![..;-1]).t().slice(s![..;2]).reshape(&[-1]);
    let p = z.explain();
    assert_not_fired(&p, Rule::ComposeViews);
    assert_eq!(p.totals.kernels, 1, "{p}");
    // np.arange(12.).reshape(3, 4).T.reshape(-1)
    check(
        &y,
        &[12],
        &[0.0, 4.0, 8.0, 1.0, 5.0, 9.0, 2.0, 6.0, 10.0, 3.0, 7.0, 11.0],
    );
    // np.arange(12.).reshape(3, 4)[::-1].T[::2].reshape(-1)
    check(&z, &[6], &[8.0, 4.0, 0.0, 10.0, 6.0, 2.0]);
}

#[test]
fn a_chain_of_views_is_composed_into_one() {
    let m = m34();
    // m.T[::2] + 1: two views composed into one strided access of m
    let y = m.t().slice(s![..;2]) + 1.0;
    let p = y.explain();
    assert_fired(&p, Rule::ComposeViews);
    assert_eq!(p.totals.kernels, 1, "{p}");
    // np.arange(12.).reshape(3, 4).T[::2] + 1
    check(&y, &[2, 3], &[1.0, 5.0, 9.0, 3.0, 7.0, 11.0]);
    // and a chain ending in a reshape that is a view: m[:, ::-1].T.reshape(2, 6) is not, but
    // m.T.T.reshape(-1) is
    let v = m.t().t().reshape(&[-1]);
    let p = v.explain();
    assert_fired(&p, Rule::ComposeViews);
    assert!(p.kernels.is_empty(), "{p}");
    let want: Vec<f64> = (0..12).map(f64::from).collect();
    check(&v, &[12], &want);
}

// ---------------------------------------------------------------------------------------------
// Row 5: `tile(ac,(1,n)) * tile(ar,(n,1))` → broadcast views feeding one loop.
// ---------------------------------------------------------------------------------------------

#[test]
fn tiles_become_broadcasts() {
    let n = 5usize;
    let v = Array::arange(0.0, n as f64, 1.0).eval().unwrap();
    let build = || v.reshape(&[-1, 1]).tile(&[1, n]) * v.reshape(&[1, -1]).tile(&[n, 1]);
    let r = first_eval(build);
    assert_eq!(
        (r.launches, r.allocations, r.bytes_allocated),
        (1, 1, n * n * 8),
        "{r:?}"
    );
    let outer = build();
    let p = outer.explain();
    assert_eq!(fired(&p, Rule::TileToBroadcast), 2, "{p}");
    assert_eq!(p.kernels.len(), 1, "{p}");
    assert_eq!(
        (
            p.totals.kernels,
            p.totals.allocations,
            p.totals.bytes_allocated
        ),
        (1, 1, n * n * 8)
    );
    // Each operand is read through a zero stride in one loop (a broadcast), never copied.
    let k = &p.kernels[0];
    for a in 1..=2 {
        assert!(
            k.loops.iter().any(|l| l.strides[a] == 0),
            "a{a} is not broadcast: {k:?}"
        );
    }
    // NumPy: two tiled n×n copies and the product
    assert_eq!(p.naive.kernels, 3, "{p}");
    assert_eq!(p.naive.allocations, 3, "{p}");
    assert_eq!(p.naive.bytes_allocated, 3 * n * n * 8, "{p}");
    assert!(p.naive.bytes_moved > p.totals.bytes_moved, "{p}");
    // np.tile(v[:, None], (1, 5)) * np.tile(v[None, :], (5, 1)), v = np.arange(5.)
    check(
        &outer,
        &[5, 5],
        &[
            0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 3.0, 4.0, 0.0, 2.0, 4.0, 6.0, 8.0, 0.0, 3.0,
            6.0, 9.0, 12.0, 0.0, 4.0, 8.0, 12.0, 16.0,
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Row 6: `a.take(arange(0,n,10), 0)` / fancy index with an arange → a strided view `a[::10]`.
// ---------------------------------------------------------------------------------------------

fn rows40() -> Array {
    // np.arange(80.).reshape(40, 2)
    Array::arange(0.0, 80.0, 1.0)
        .reshape(&[40, 2])
        .eval()
        .unwrap()
}

#[test]
fn take_of_an_arange_is_a_strided_view() {
    let a = rows40();
    let index = Array::arange(0i64, 40, 10);
    let concrete = Array::from_vec(vec![0i64, 10, 20, 30], &[4]);
    let cases: [(&str, &dyn Fn() -> Array); 4] = [
        ("take(arange)", &|| a.take(&index, 0)),
        ("a[arange]", &|| a.index(&index)),
        ("take([0, 10, 20, 30])", &|| a.take(&concrete, 0)),
        ("a[[0, 10, 20, 30]]", &|| a.index(&concrete)),
    ];
    for (name, build) in cases {
        let r = first_eval(build);
        assert_eq!((r.launches, r.allocations), (0, 0), "{name}: {r:?}");
        let t = build();
        let p = t.explain();
        assert_fired(&p, Rule::TakeToSlice);
        assert!(p.kernels.is_empty(), "{name}: {p}");
        assert_eq!(p.views.len(), 1, "{name}: {p}");
        assert_eq!(p.totals.allocations, 0, "{name}: {p}");
        assert!(
            p.naive.kernels >= 1 && p.naive.bytes_allocated >= 64,
            "{name}: {p}"
        );
        // np.arange(80.).reshape(40, 2)[np.arange(0, 40, 10)]
        check(&t, &[4, 2], &[0.0, 1.0, 20.0, 21.0, 40.0, 41.0, 60.0, 61.0]);
    }
}

// np.arange(80.).reshape(40, 2)[[-1, -2, -3]] is a[:36:-1]
rewrite_test!(take_of_a_descending_negative_sequence_is_a_view, Rule::TakeToSlice: [a = rows40()]
    a.take(&Array::from_vec(vec![-1i64, -2, -3], &[3]), 0) => a.slice(s![..36;-1]);
    numpy [78.0, 79.0, 76.0, 77.0, 74.0, 75.0]);
// along axis 1: np.take(a, [1, 0], axis=1) is a[:, ::-1]
rewrite_test!(take_of_a_descending_sequence_along_axis_1_is_a_view, Rule::TakeToSlice:
    [a = rows40()] a.take(&Array::from_vec(vec![1i64, 0], &[2]), 1) => a.slice(s![.., ..;-1]);
    numpy (0..40).flat_map(|r| [(2 * r + 1) as f64, (2 * r) as f64]).collect::<Vec<f64>>());

#[test]
fn take_of_a_sequence_crossing_zero_is_not_a_slice() {
    // [-1, 0, 1] is arithmetic but wraps around: NumPy reads rows 39, 0, 1
    let a = rows40();
    let t = a.take(&Array::from_vec(vec![-1i64, 0, 1], &[3]), 0);
    let p = t.explain();
    assert_not_fired(&p, Rule::TakeToSlice);
    assert_eq!(p.totals.kernels, 1, "{p}");
    // np.arange(80.).reshape(40, 2)[[-1, 0, 1]]
    check(&t, &[3, 2], &[78.0, 79.0, 0.0, 1.0, 2.0, 3.0]);
}

#[test]
fn take_to_slice_sees_an_index_buffer_rewritten_in_place() {
    let a = rows40();
    let mut idx = Array::from_vec(vec![0i64, 10, 20, 30], &[4]);
    // np.arange(80.).reshape(40, 2)[[0, 10, 20, 30]]: remembered as the slice 0:31:10
    check(
        &a.take(&idx, 0),
        &[4, 2],
        &[0.0, 1.0, 20.0, 21.0, 40.0, 41.0, 60.0, 61.0],
    );
    // idx += 1 writes into idx's buffer (nothing else holds it)
    idx += 1;
    let (idx, report) = idx.eval_with_report().unwrap();
    assert_eq!(report.reused, 1, "{report:?}");
    assert_eq!(idx.to_vec::<i64>().unwrap(), [1, 11, 21, 31]);
    // np.arange(80.).reshape(40, 2)[[1, 11, 21, 31]]
    check(
        &a.take(&idx, 0),
        &[4, 2],
        &[2.0, 3.0, 22.0, 23.0, 42.0, 43.0, 62.0, 63.0],
    );
}

// ---------------------------------------------------------------------------------------------
// Row 7: `a.take(i, 0)` with arbitrary `i` → row-wise contiguous copies.
// ---------------------------------------------------------------------------------------------

#[test]
fn take_with_arbitrary_indices_is_one_gather_of_contiguous_rows() {
    let a = Array::arange(0.0, 24.0, 1.0)
        .reshape(&[6, 4])
        .eval()
        .unwrap();
    let i = Array::from_vec(vec![3i64, 0, 5, 5], &[4]);
    let r = first_eval(|| a.take(&i, 0));
    assert_eq!(
        (r.launches, r.allocations, r.bytes_allocated),
        (1, 1, 128),
        "{r:?}"
    );
    let t = a.take(&i, 0);
    let p = t.explain();
    assert_not_fired(&p, Rule::TakeToSlice);
    assert_eq!(p.kernels.len(), 1, "{p}");
    assert_eq!(
        (p.totals.allocations, p.totals.bytes_allocated),
        (1, 4 * 4 * 8)
    );
    let k = &p.kernels[0];
    // the access reading the data (192 bytes), numbered from a1
    let data = 1 + k
        .reads
        .iter()
        .position(|r| r.bytes == 192)
        .unwrap_or_else(|| panic!("no read of the data: {k:?}"));
    let inner = k.loops.last().unwrap();
    assert_eq!(inner.extent, 4, "the innermost loop is the row: {k:?}");
    assert_eq!(
        inner.strides[data], 8,
        "the row is read with unit stride: {k:?}"
    );
    assert_eq!(inner.strides[0], 8, "and written with unit stride: {k:?}");
    // np.take(np.arange(24.).reshape(6, 4), [3, 0, 5, 5], axis=0)
    check(
        &t,
        &[4, 4],
        &[
            12.0, 13.0, 14.0, 15.0, 0.0, 1.0, 2.0, 3.0, 20.0, 21.0, 22.0, 23.0, 20.0, 21.0, 22.0,
            23.0,
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Row 8: boolean mask `a[m]` → compress: count, then contiguous row copies.
// ---------------------------------------------------------------------------------------------

#[test]
fn a_mask_with_two_runs_is_a_compress_not_a_slice() {
    let a = Array::random(&[8], 1).eval().unwrap();
    let m = Array::from_vec(
        vec![false, true, true, false, false, true, false, false],
        &[8],
    );
    let picked = a.mask(&m);
    let p = picked.explain();
    assert_not_fired(&p, Rule::MaskToSlice);
    assert_eq!(p.kernels.len(), 1, "{p}");
    assert_eq!(
        (p.totals.allocations, p.totals.bytes_allocated),
        (1, 24),
        "{p}"
    );
    // np.random.seed(1); a = np.random.random_sample(8); a[[F, T, T, F, F, T, F, F]]
    check(
        &picked,
        &[3],
        &[
            0.7203244934421581,
            0.00011437481734488664,
            0.0923385947687978,
        ],
    );
    // the same with compress
    let c = a.compress(&m, 0);
    let p = c.explain();
    assert_not_fired(&p, Rule::MaskToSlice);
    assert_eq!(p.kernels.len(), 1, "{p}");
    check(&c, &[3], &[SEED1[1], SEED1[2], SEED1[5]]);
}

#[test]
fn a_mask_of_rows_copies_whole_rows() {
    let a = Array::arange(0.0, 24.0, 1.0)
        .reshape(&[6, 4])
        .eval()
        .unwrap();
    let m = Array::from_vec(vec![true, false, true, true, false, true], &[6]);
    let picked = a.mask(&m);
    let p = picked.explain();
    assert_not_fired(&p, Rule::MaskToSlice);
    assert_eq!(p.kernels.len(), 1, "{p}");
    let k = &p.kernels[0];
    let inner = k.loops.last().unwrap();
    assert_eq!(inner.extent, 4, "{k:?}");
    assert!(inner.strides.iter().skip(1).any(|&s| s == 8), "{k:?}");
    // np.arange(24.).reshape(6, 4)[[T, F, T, T, F, T]]
    let want: Vec<f64> = [0, 2, 3, 5]
        .iter()
        .flat_map(|&r| (0..4).map(move |c| (r * 4 + c) as f64))
        .collect();
    check(&picked, &[4, 4], &want);
}

#[test]
fn a_mask_with_one_run_is_a_slice() {
    let a = Array::random(&[8], 1).eval().unwrap();
    let m = Array::from_vec(
        vec![false, true, true, true, false, false, false, false],
        &[8],
    );
    let picked = a.mask(&m);
    let p = picked.explain();
    assert_fired(&p, Rule::MaskToSlice);
    assert!(p.kernels.is_empty(), "{p}");
    assert_eq!(p.totals.allocations, 0, "{p}");
    assert_eq!(p.naive.allocations, 1, "{p}");
    // a[1:4]
    check(&picked, &[3], &SEED1[1..4]);
    // all false: an empty slice, still a view
    let none = a.mask(&Array::from_vec(vec![false; 8], &[8]));
    let p = none.explain();
    assert_fired(&p, Rule::MaskToSlice);
    assert!(p.kernels.is_empty(), "{p}");
    check::<f64>(&none, &[0], &[]);
}

// ---------------------------------------------------------------------------------------------
// Row 9: `(a*b).sum()`, `x - x.max(axis, keepdims)` → reductions fused with their producers.
// ---------------------------------------------------------------------------------------------

#[test]
fn a_sum_of_products_is_one_kernel_allocating_only_the_scalar() {
    let a = Array::random(&[16], 3).eval().unwrap();
    let b = Array::random(&[16], 4).eval().unwrap();
    let d = (&a * &b).sum();
    let p = d.explain();
    assert_eq!(p.kernels.len(), 1, "{p}");
    assert_eq!(p.kernels[0].kind, "sum");
    assert_eq!(p.kernels[0].body, "a1 * a2");
    assert_eq!(
        (
            p.totals.kernels,
            p.totals.allocations,
            p.totals.bytes_allocated
        ),
        (1, 1, 8)
    );
    // NumPy: the product is a temporary of 128 bytes, then the sum
    assert_eq!(
        (
            p.naive.kernels,
            p.naive.allocations,
            p.naive.bytes_allocated
        ),
        (2, 2, 136)
    );
    assert!(p.naive.bytes_moved > p.totals.bytes_moved);
    // (np.random.seed(3) sample(16) * np.random.seed(4) sample(16)).sum()
    check_close(&d, &[], &[4.124964662628381], 1e-14);
}

#[test]
fn subtracting_a_keepdims_max_is_the_reduction_plus_one_map() {
    let x = Array::random(&[3, 4], 2).eval().unwrap();
    let y = &x - x.max_axes(&[1], true);
    let p = y.explain();
    assert_eq!(p.kernels.len(), 2, "{p}");
    assert_eq!(p.kernels[0].kind, "max");
    assert_eq!(p.kernels[1].kind, "map");
    assert_eq!(p.kernels[1].body, "a1 - a2");
    assert_eq!(
        (p.totals.allocations, p.totals.bytes_allocated),
        (2, 3 * 8 + 12 * 8)
    );
    // both kernels walk memory in order: the innermost loop is unit-stride in x
    for k in &p.kernels {
        let inner = k.loops.last().unwrap();
        assert!(inner.strides.contains(&8), "{k:?}");
    }
    // np.random.seed(2); x = np.random.random_sample((3, 4)); x - x.max(1, keepdims=True)
    check(
        &y,
        &[3, 4],
        &[
            -0.11366757573670538,
            -0.5237362460508178,
            0.0,
            -0.11434008526043227,
            -0.19890316426317467,
            -0.2889361453467896,
            -0.4146223323128212,
            0.0,
            -0.32147915909477176,
            -0.35430655766642827,
            0.0,
            -0.09199173849225584,
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Row 10: `a.t().sum(axis)` / column access → iteration order follows memory.
// ---------------------------------------------------------------------------------------------

#[test]
fn sums_of_a_transpose_and_column_sums_walk_memory_in_order() {
    let a = Array::random(&[6, 4], 6).eval().unwrap();
    // np.random.seed(6); a = np.random.random_sample((6, 4))
    // a.T.sum(0)
    let want_t0 = [
        2.0877657055202605,
        1.651333534891684,
        2.1319508139269834,
        2.732474379494436,
        2.933086219515171,
        2.311688950622463,
    ];
    // a.sum(0)
    let want_c0 = [
        2.7282937973887638,
        3.2602480733100396,
        4.112981224886225,
        3.7467765083859716,
    ];
    let cases: [(&dyn Fn() -> Array, &[f64]); 2] = [
        (&|| a.t().sum_axis(0), &want_t0),
        (&|| a.sum_axis(0), &want_c0),
    ];
    for (build, want) in cases {
        let r = first_eval(build);
        assert_eq!((r.launches, r.vectorized), (1, 1), "{r:?}");
        let x = &build();
        let p = x.explain();
        assert_eq!(p.kernels.len(), 1, "{p}");
        let k = &p.kernels[0];
        let inner = k.loops.last().unwrap();
        assert_eq!(
            inner.strides[1], 8,
            "the innermost loop reads a unit stride: {p}"
        );
        assert!(k.vector_lanes > 1, "{p}");
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
        check_close(x, &[want.len()], want, 1e-14);
    }
}

// ---------------------------------------------------------------------------------------------
// Row 11: `windows(a, w).mean(1)` → a view and one fused reduction, no window copies.
// ---------------------------------------------------------------------------------------------

#[test]
fn a_rolling_mean_copies_no_windows() {
    let a = Array::random(&[10], 3).eval().unwrap();
    let r = a.windows(3, 0).mean_axis(1);
    let p = r.explain();
    let out_bytes = 8 * 8;
    // No buffer is as large as the 8×3 windows: every kernel writes an output-sized buffer
    // (the sum, then the division by 3).
    assert!(!p.kernels.is_empty() && p.kernels.len() <= 2, "{p}");
    for k in &p.kernels {
        assert_eq!(k.writes.bytes, out_bytes, "{k:?}");
    }
    assert_eq!(p.kernels[0].kind, "sum");
    assert!(
        p.kernels[0].loops.last().unwrap().reduced,
        "the window is the innermost (reduced) loop: {p}"
    );
    assert!(
        p.totals.bytes_allocated <= 2 * out_bytes && p.totals.bytes_allocated < 8 * 3 * 8,
        "{p}"
    );
    // sliding_window_view(np.random.seed(3) sample(10), 3).mean(1)
    check_close(
        &r,
        &[8],
        &[
            0.5166168213685416,
            0.5032933889095706,
            0.5648930994860873,
            0.7666892161595853,
            0.6382751179149764,
            0.4097070925118204,
            0.12809846396761762,
            0.2331733083632177,
        ],
        1e-14,
    );
}

// ---------------------------------------------------------------------------------------------
// Row 12 (boolean masks feeding a reduction): `a[m].sum()` reads `a` once, no compress copy.
// ---------------------------------------------------------------------------------------------

#[test]
fn a_masked_sum_reduces_in_place_of_the_selection() {
    let a = Array::random(&[8], 1).eval().unwrap();
    let m = Array::random(&[8], 4).lt(0.5); // [F, F, F, F, F, T, F, T]
    let r = first_eval(|| a.mask(&m).sum());
    assert_eq!(
        (r.launches, r.allocations, r.bytes_allocated),
        (1, 1, 8),
        "{r:?}"
    );
    let s = a.mask(&m).sum();
    let p = s.explain();
    assert_fired(&p, Rule::MaskedReduction);
    assert_eq!(p.kernels.len(), 1, "{p}");
    assert_eq!(p.kernels[0].kind, "sum");
    assert_eq!(
        (
            p.totals.kernels,
            p.totals.allocations,
            p.totals.bytes_allocated
        ),
        (1, 1, 8)
    );
    assert_eq!((p.naive.allocations, p.naive.bytes_allocated), (2, 24));
    // np.random.seed(1); a = np.random.random_sample(8); np.random.seed(4);
    // m = np.random.random_sample(8) < .5; a[m].sum()
    check_close(&s, &[], &[0.43789932181184554], 1e-15);
    // max too: a[m].max()
    let mx = a.mask(&m).max();
    let p = mx.explain();
    assert_fired(&p, Rule::MaskedReduction);
    assert_eq!(p.totals.allocations, 1, "{p}");
    check(&mx, &[], &[0.34556072704304774]);
}

#[test]
fn a_masked_reduction_over_the_selected_axis_of_a_matrix() {
    // a = np.arange(80.).reshape(40, 2); np.random.seed(5); m = np.random.random_sample(40) < .5
    let a = Array::arange(0.0, 80.0, 1.0)
        .reshape(&[40, 2])
        .eval()
        .unwrap();
    let m = Array::random(&[40], 5).lt(0.5);
    // a[m].sum(0): the selected axis is reduced, so no copy
    let s0 = a.mask(&m).sum_axis(0);
    let p = s0.explain();
    assert_fired(&p, Rule::MaskedReduction);
    assert_eq!(
        (
            p.totals.kernels,
            p.totals.allocations,
            p.totals.bytes_allocated
        ),
        (1, 1, 16),
        "{p}"
    );
    check(&s0, &[2], &[814.0, 836.0]);
    // a[m].mean(0)
    let mean = a.mask(&m).mean_axis(0);
    assert_fired(&mean.explain(), Rule::MaskedReduction);
    check_close(&mean, &[2], &[37.0, 38.0], 1e-15);
    // a[m].sum(1): the selected axis stays, the selection must be made
    let s1 = a.mask(&m).sum_axis(1);
    let p = s1.explain();
    assert_not_fired(&p, Rule::MaskedReduction);
    check(
        &s1,
        &[22],
        &[
            1.0, 9.0, 17.0, 33.0, 37.0, 41.0, 49.0, 53.0, 61.0, 65.0, 69.0, 85.0, 89.0, 93.0, 97.0,
            101.0, 105.0, 117.0, 121.0, 125.0, 137.0, 145.0,
        ],
    );
}

#[test]
fn a_masked_reduction_of_int32_goes_through_the_accumulator_cast() {
    // i = np.arange(8, dtype=np.int32); m = [T, F, T, F, T, F, T, T]
    let i = Array::arange(0i64, 8, 1).astype(DType::I32).eval().unwrap();
    let m = Array::from_vec(
        vec![true, false, true, false, true, false, true, true],
        &[8],
    );
    // i[m].sum() → 19, int64
    let s = i.mask(&m).sum();
    assert_eq!(s.dtype(), DType::I64);
    assert_fired(&s.explain(), Rule::MaskedReduction);
    check(&s, &[], &[19i64]);
    // i[m].min() → 0, int32 (the neutral is int32's max)
    let mn = i.mask(&m).min();
    assert_fired(&mn.explain(), Rule::MaskedReduction);
    check(&mn, &[], &[0i32]);
}

#[test]
fn a_masked_max_of_nothing_is_still_numpys_error() {
    let a = Array::random(&[8], 1).eval().unwrap();
    let none = Array::from_vec(vec![false; 8], &[8]);
    let mx = a.mask(&none).max();
    let p = mx.explain();
    assert_not_fired(&p, Rule::MaskedReduction);
    // np.max(a[np.zeros(8, bool)]) → ValueError: zero-size array to reduction operation
    // maximum which has no identity
    let err = mx.eval().map(|_| ()).unwrap_err();
    assert_message(&err, &["zero-size array to reduction operation maximum"]);
    let err = mx.eval_reference().map(|_| ()).unwrap_err();
    assert_message(&err, &["zero-size array to reduction operation maximum"]);
    // a reduction with an identity gives it: np.sum(a[np.zeros(8, bool)]) == 0.0 (the empty
    // selection is the empty slice a[0:0], whose sum is folded to the identity)
    let sum = a.mask(&none).sum();
    let p = sum.explain();
    assert_fired(&p, Rule::MaskToSlice);
    assert_eq!(p.totals.bytes_allocated, 8, "{p}");
    check(&sum, &[], &[0.0]);
    // and with mask_to_slice off, masked_reduction takes it
    let got = sum
        .eval_with(&Options::default().disable(Rule::MaskToSlice))
        .unwrap()
        .item::<f64>()
        .unwrap();
    assert_eq!(got.to_bits(), 0.0f64.to_bits());
}

// ---------------------------------------------------------------------------------------------
// identities: what is removed and what must stay.
// ---------------------------------------------------------------------------------------------

fn signed() -> Array {
    Array::from_vec(vec![-0.0, 0.0, 1.5, f64::NEG_INFINITY], &[4])
}

#[test]
fn float_plus_zero_is_kept_because_it_turns_minus_zero_into_zero() {
    let x = signed();
    let y = &x + 0.0;
    let p = y.explain();
    assert_not_fired(&p, Rule::Identities);
    assert_eq!(p.kernels.len(), 1, "{p}");
    // np.array([-0.0, 0.0, 1.5, -np.inf]) + 0.0
    check(&y, &[4], &[0.0, 0.0, 1.5, f64::NEG_INFINITY]);
}

// 0.0 + x likewise: np.array([-0.0, 0.0, 1.5, -np.inf]) + 0.0
rewrite_test!(zero_plus_float_is_kept, !Rule::Identities: [x = signed()] 0.0 + &x;
    numpy [4], [0.0, 0.0, 1.5, f64::NEG_INFINITY]);
// x - (-0.0) is x + 0.0: kept. np.array([-0.0, 0.0, 1.5, -np.inf]) - (-0.0)
rewrite_test!(float_minus_minus_zero_is_kept, !Rule::Identities: [x = signed()] &x - (-0.0);
    numpy [4], [0.0, 0.0, 1.5, f64::NEG_INFINITY]);
// x - 0.0 keeps every bit: removed. np.array([-0.0, 0.0, 1.5, -np.inf]) - 0.0 is x
rewrite_test!(float_minus_zero_is_removed, Rule::Identities: [x = signed()] &x - 0.0 => x);

#[test]
fn integer_plus_zero_and_times_one_are_removed() {
    let i = Array::from_vec(vec![-3i64, 0, 7], &[3]);
    for (name, y) in [
        ("i + 0", &i + 0),
        ("0 + i", 0 + &i),
        ("i * 1", &i * 1),
        ("1 * i", 1 * &i),
    ] {
        let p = y.explain();
        assert_fired(&p, Rule::Identities);
        assert!(p.kernels.is_empty(), "{name}: {p}");
        assert_eq!(p.totals.allocations, 0, "{name}");
        assert_eq!(p.naive.kernels, 1, "{name}: {p}");
        check(&y, &[3], &[-3i64, 0, 7]);
    }
}

// np.array([-0.0, 0.0, 1.5, -np.inf]) * 1.0 keeps -0.0: it is x
rewrite_test!(float_times_one_is_removed, Rule::Identities: [x = signed()] &x * 1.0 => x);
rewrite_test!(float_over_one_is_removed, Rule::Identities: [x = signed()] &x / 1.0 => x);
rewrite_test!(one_times_float_is_removed, Rule::Identities: [x = signed()] 1.0 * &x => x);

#[test]
fn power_two_becomes_a_multiply() {
    let x = signed();
    let sq = x.pow(2.0);
    let p = sq.explain();
    assert_fired(&p, Rule::Identities);
    assert!(p.rewrites.iter().any(|f| f.what.contains("x*x")), "{p}");
    assert_eq!(p.kernels.len(), 1, "{p}");
    assert_eq!(p.kernels[0].body, "a1 * a1");
    // np.array([-0.0, 0.0, 1.5, -np.inf]) ** 2.0
    check(&sq, &[4], &[0.0, 0.0, 2.25, f64::INFINITY]);
}

// np.array([-0.0, 0.0, 1.5, -np.inf]) ** 0.5 → [-0., 0., 1.2247..., nan]: NumPy's own fast
// path is sqrt, which keeps -0.0 and gives nan for -inf (C's pow would give 0.0 and inf).
rewrite_test!(power_one_half_is_sqrt, Rule::Identities: [x = signed()] x.pow(0.5) => x.sqrt();
    numpy [-0.0, 0.0, 1.224744871391589, f64::NAN]);
// x ** -1.0 → 1/x. np.array([-0.0, 0.0, 1.5, -np.inf]) ** -1.0
rewrite_test!(power_minus_one_is_a_reciprocal, Rule::Identities: [x = signed()]
    x.pow(-1.0) => 1.0 / &x;
    numpy [f64::NEG_INFINITY, f64::INFINITY, 0.6666666666666666, -0.0]);
// x ** 1.0 → x
rewrite_test!(power_one_is_removed, Rule::Identities: [x = signed()] x.pow(1.0) => x);
// x ** 3.0 is left alone (no identity): np.array([-0.0, 0.0, 1.5, -np.inf]) ** 3.0
rewrite_test!(power_three_is_kept, !Rule::Identities: [x = signed()] x.pow(3.0);
    numpy [4], [-0.0, 0.0, 3.375, f64::NEG_INFINITY]);

#[test]
fn a_zero_d_exponent_takes_numpys_fast_path_on_both_evaluators() {
    // NumPy treats a 0-d array exponent like a scalar:
    // np.array([-0.0, 0.0, 1.5, -np.inf]) ** np.array(0.5) → [-0., 0., 1.2247..., nan]
    let x = signed();
    let r = x.pow(Array::scalar(0.5));
    check(&r, &[4], &[-0.0, 0.0, 1.224744871391589, f64::NAN]);
    assert_eq!(bisect(&r, 0.0).unwrap(), Bisect::Agrees);
}

/// An exponent that is data follows NumPy's array power (libm `pow`); a constant exponent —
/// a Rust scalar, `Array::scalar` or `Array::full` — takes NumPy's scalar fast path (sqrt for
/// 0.5). For `full` that is a documented difference from NumPy (README, "Value semantics"): the
/// graph does not tell a constant array from a scalar, and the two differ only at -0.0 and -inf.
#[test]
fn a_data_exponent_is_numpys_array_power_and_a_constant_one_the_scalar_fast_path() {
    // np.array([-0.0, 0.0, 1.5, -np.inf]) ** np.array([.5] * 4) → [0., 0., 1.2247..., inf]
    let x = signed();
    let r = x.pow(Array::from_vec(vec![0.5; 4], &[4]));
    check(&r, &[4], &[0.0, 0.0, 1.224744871391589, f64::INFINITY]);
    // np.array([-0.0, 0.0, 1.5, -np.inf]) ** 0.5 → [-0., 0., 1.2247..., nan]
    let r = x.pow(Array::full(&[4], 0.5));
    check(&r, &[4], &[-0.0, 0.0, 1.224744871391589, f64::NAN]);
}

rewrite_test!(double_negation_is_removed, Rule::Identities: [x = signed()] -(-&x) => x);
rewrite_test!(a_same_dtype_cast_is_removed, Rule::Identities: [x = signed()]
    x.astype(DType::F64) => x);

// ---------------------------------------------------------------------------------------------
// constant_fold and cse
// ---------------------------------------------------------------------------------------------

#[test]
fn operations_on_constants_fold_to_one_fill() {
    let y = Array::full(&[3], 2.0) * 3.0 + 1.0;
    let p = y.explain();
    assert_eq!(fired(&p, Rule::ConstantFold), 2, "{p}");
    // What is left is the fill of the result: one kernel writing 7.0, reading nothing.
    assert_eq!(p.kernels.len(), 1, "{p}");
    assert_eq!(p.kernels[0].body, "7.0", "{p}");
    assert!(p.kernels[0].reads.is_empty(), "{p}");
    assert_eq!(
        (
            p.totals.kernels,
            p.totals.allocations,
            p.totals.bytes_allocated,
            p.totals.bytes_moved
        ),
        (1, 1, 24, 24)
    );
    assert!(p.naive.kernels > p.totals.kernels, "{p}");
    // np.full(3, 2.0) * 3.0 + 1.0
    check(&y, &[3], &[7.0, 7.0, 7.0]);
}

#[test]
fn constant_folding_keeps_numpys_integer_power_error() {
    // np.full(3, 2) ** -1 → ValueError: Integers to negative integer powers are not allowed.
    let y = Array::full(&[3], 2i64).pow(-1i64);
    assert_not_fired(&y.explain(), Rule::ConstantFold);
    let err = y.eval().map(|_| ()).unwrap_err();
    assert_message(&err, &["negative integer powers"]);
}

#[test]
fn a_common_subexpression_is_computed_once() {
    let a = Array::random(&[8], 1).eval().unwrap();
    let b = Array::random(&[8], 5).eval().unwrap();
    let y = (&a * &b).sum() + (&a * &b).max();
    let p = y.explain();
    assert_eq!(fired(&p, Rule::Cse), 1, "{p}");
    let products = p.kernels.iter().filter(|k| k.body.contains('*')).count();
    assert_eq!(products, 1, "a*b is computed by one kernel: {p}");
    assert!(p.naive.kernels > p.totals.kernels, "{p}");
    // np.random.seed(1); a = np.random.random_sample(8); np.random.seed(5);
    // b = np.random.random_sample(8); (a*b).sum() + (a*b).max()
    let want = 2.0747131382910893;
    check_close(&y, &[], &[want], 1e-14);
    // with cse off, both products are computed
    let off = y.eval_with(&Options::default().disable(Rule::Cse)).unwrap();
    assert_close(&off.to_vec::<f64>().unwrap(), &[want], 1e-14, "cse off");
}

#[test]
fn cse_does_not_merge_different_operations() {
    let a = Array::random(&[8], 1).eval().unwrap();
    let b = Array::random(&[8], 5).eval().unwrap();
    // a*b and b*a are different nodes (operand order), a*b and a+b differ by op
    let y = (&a * &b).sum() + (&a + &b).sum();
    assert_not_fired(&y.explain(), Rule::Cse);
    let want = reference_values(&y);
    check_close(&y, &[], &want, 1e-14);
}

// ---------------------------------------------------------------------------------------------
// Every rule switched off, and all of them off: the same values as the reference.
// ---------------------------------------------------------------------------------------------

/// Expressions that, between them, make every rule fire.
fn exercises() -> Vec<(&'static str, Array)> {
    let x = Array::random(&[8], 1).eval().unwrap();
    let y = Array::random(&[8], 5).eval().unwrap();
    let m = Array::random(&[6, 4], 6).eval().unwrap();
    let v = Array::arange(0.0, 4.0, 1.0).eval().unwrap();
    let mask = Array::random(&[8], 4).lt(0.5);
    let run = Array::from_vec(
        vec![false, true, true, true, false, false, false, false],
        &[8],
    );
    vec![
        (
            "constant fold + identities",
            Array::full(&[8], 2.0) * 3.0 + x.pow(2.0) * 1.0 - x.pow(0.5),
        ),
        ("flatten", (m.flatten() + 1.0).sum()),
        (
            "tile",
            v.reshape(&[-1, 1]).tile(&[1, 4]) * v.reshape(&[1, -1]).tile(&[4, 1]) + 0.5,
        ),
        (
            "take of a sequence",
            m.take(&Array::arange(0i64, 6, 2), 0) * 2.0,
        ),
        (
            "take of a concrete sequence",
            m.take(&Array::from_vec(vec![3i64, 2, 1], &[3]), 1)
                .sum_axis(0),
        ),
        ("one-run mask", x.mask(&run) - 1.0),
        (
            "masked reduction",
            x.mask(&mask).sum() + x.mask(&mask).max(),
        ),
        (
            "compose views",
            m.t().slice(s![..;-1, 1..]).reshape(&[-1]).slice(s![..;2]) * 3.0,
        ),
        ("cse", (&x * &y).sum() + (&x * &y).max()),
        ("rolling mean", x.windows(3, 0).mean_axis(1)),
        ("softmax", {
            let e = (&m - m.max_axes(&[1], true)).exp();
            &e / e.sum_axes(&[1], true)
        }),
    ]
}

#[test]
fn the_exercises_make_every_rule_fire() {
    let mut seen = std::collections::BTreeSet::new();
    for (_, e) in exercises() {
        for f in e.explain().rewrites {
            seen.insert(f.rule);
        }
    }
    for rule in Rule::ALL {
        assert!(seen.contains(rule.name()), "{rule} never fires: {seen:?}");
    }
}

#[test]
fn every_rule_switched_off_gives_the_reference_values() {
    for (name, e) in exercises() {
        let want = reference_values(&e);
        let mut options: Vec<(String, Options)> = Rule::ALL
            .into_iter()
            .map(|r| (format!("without {r}"), Options::default().disable(r)))
            .collect();
        options.push(("no rules".into(), Options::none()));
        options.push(("all rules".into(), Options::all()));
        for (label, o) in options {
            let got = e
                .eval_with(&o)
                .unwrap_or_else(|err| panic!("{name}, {label}: {err}"))
                .astype(DType::F64)
                .to_vec::<f64>()
                .unwrap();
            assert_close(&got, &want, 1e-13, &format!("{name}, {label}"));
        }
        // and the normal path
        let got = e.astype(DType::F64).to_vec::<f64>().unwrap();
        assert_close(&got, &want, 1e-13, &format!("{name}, eval"));
    }
}

#[test]
fn each_rule_alone_gives_the_reference_values() {
    for (name, e) in exercises() {
        let want = reference_values(&e);
        for r in Rule::ALL {
            let got = e
                .eval_with(&Options::none().enable(r))
                .unwrap_or_else(|err| panic!("{name}, only {r}: {err}"))
                .astype(DType::F64)
                .to_vec::<f64>()
                .unwrap();
            assert_close(&got, &want, 1e-13, &format!("{name}, only {r}"));
        }
    }
}

#[test]
fn switching_rules_off_changes_the_plan_not_the_value() {
    // tile*tile without tile_to_broadcast: the same numbers (the planner still fuses the
    // tiles as gathers or copies; what changes is the cost, which explain() reports for the
    // default rules only)
    let v = Array::arange(0.0, 3.0, 1.0).eval().unwrap();
    let outer = v.reshape(&[-1, 1]).tile(&[1, 3]) * v.reshape(&[1, -1]).tile(&[3, 1]);
    // np.outer(np.arange(3.), np.arange(3.))
    let want = [0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 0.0, 2.0, 4.0];
    for o in [
        Options::none(),
        Options::all(),
        Options::all().disable(Rule::TileToBroadcast),
    ] {
        let got = outer.eval_with(&o).unwrap().to_vec::<f64>().unwrap();
        assert!(same_bits(&got, &want), "{o:?}: {got:?}");
    }
    // eval_with evaluates from scratch and does not record its result
    assert!(!outer.is_materialized());
}

// ---------------------------------------------------------------------------------------------
// bisect
// ---------------------------------------------------------------------------------------------

#[test]
fn bisect_agrees_on_correct_expressions() {
    for (name, e) in exercises() {
        // float reductions may reassociate (vector lanes): compare those within a tolerance,
        // everything else bit for bit
        let reduces = [
            "flatten",
            "take of a concrete sequence",
            "masked reduction",
            "cse",
            "rolling mean",
            "softmax",
        ];
        let rtol = if reduces.contains(&name) { 1e-13 } else { 0.0 };
        assert_eq!(
            bisect(&e, rtol).unwrap_or_else(|err| panic!("{name}: {err}")),
            Bisect::Agrees,
            "{name}"
        );
    }
}

#[test]
fn bisect_agrees_bitwise_on_elementwise_expressions() {
    let x = signed();
    for e in [
        x.pow(0.5),
        x.pow(2.0),
        &x + 0.0,
        &x * 1.0 - 0.0,
        -(-&x),
        Array::full(&[4], 2.0) * 3.0 + &x,
    ] {
        assert_eq!(bisect(&e, 0.0).unwrap(), Bisect::Agrees, "{e:?}");
    }
}

#[test]
fn bisect_reports_an_error_evaluation_would_report() {
    let a = Array::random(&[8], 1).eval().unwrap();
    let e = a.mask(&Array::from_vec(vec![false; 8], &[8])).max();
    let err = bisect(&e, 0.0).unwrap_err();
    assert_message(&err, &["zero-size array"]);
}
