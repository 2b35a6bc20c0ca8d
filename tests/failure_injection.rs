//! Failure atomicity: for a few hundred random small graphs (leaves of float64, int64, int32
//! and bool, some held by the test and some dropped so results can be written in place;
//! elementwise ops, reductions, cumsum, `take` with leaf and computed indices, masks, `astype`,
//! views; several outputs evaluated jointly, sometimes after an intermediate was evaluated on
//! its own), make the k-th fallible point of the evaluation (an allocation, a value check)
//! fail, for every k. After each injected failure every held input must read its original
//! values, every remembered result its value, and evaluating the same outputs again must give
//! the values of an undisturbed run, bit for bit. Errors that are not injected (a computed
//! out-of-bounds index, a negative integer power) after a result that could be written in place
//! must leave everything intact too.

mod common;

use common::bits::bits;
use lazyarray::testing::{fail_at, fallible_points_passed};
use lazyarray::{Array, DType, Error, eval, eval_with_report, s, where_};

/// A small deterministic generator (Knuth's MMIX LCG).
struct Lcg(u64);

impl Lcg {
    fn new(seed: u64) -> Lcg {
        Lcg(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// Whether `e` is the failure `fail_at` injected.
fn injected(e: &Error) -> bool {
    matches!(e, Error::Resource(c) if c.message.contains("injected failure"))
}

/// One random graph: the leaves the test holds, intermediates evaluated before the outputs
/// (remembered results), and the outputs, evaluated jointly.
struct Graph {
    held: Vec<Array>,
    remembered: Vec<Array>,
    outputs: Vec<Array>,
}

impl Graph {
    fn outputs(&self) -> Vec<&Array> {
        self.outputs.iter().collect()
    }
}

/// A leaf of `n` elements of a random dtype, with small values.
fn leaf(g: &mut Lcg, n: usize) -> Array {
    match g.below(4) {
        0 => Array::from_vec(
            (0..n).map(|_| (g.below(64) as f64 - 32.0) / 4.0).collect(),
            &[n],
        ),
        1 => Array::from_vec((0..n).map(|_| g.below(21) as i64 - 10).collect(), &[n]),
        2 => Array::from_vec((0..n).map(|_| g.below(21) as i32 - 10).collect(), &[n]),
        _ => Array::from_vec((0..n).map(|_| g.below(2) == 1).collect(), &[n]),
    }
}

/// A number array from `a` (bools as int64, so arithmetic is defined).
fn num(a: &Array) -> Array {
    if a.dtype() == DType::Bool {
        a.astype(DType::I64)
    } else {
        a.clone()
    }
}

/// An index array of `n` entries in `0..n` (negative ones counting from the end): a leaf, or
/// computed from one.
fn indices(g: &mut Lcg, n: usize) -> Array {
    let k = n as i64;
    let leaf = Array::from_vec((0..n).map(|_| g.below(2 * n) as i64 - k).collect(), &[n]);
    match g.below(3) {
        0 => leaf,
        1 => leaf * 1,
        _ => (leaf + 1) % k,
    }
}

/// A new array of `n` elements built from the pool.
fn step(g: &mut Lcg, pool: &[Array], n: usize) -> Array {
    // Recent arrays more often, so graphs grow deep as well as wide.
    let pick = |g: &mut Lcg| {
        let len = pool.len();
        if g.below(2) == 0 {
            pool[len - 1 - g.below(len.min(3))].clone()
        } else {
            pool[g.below(len)].clone()
        }
    };
    let a = pick(g);
    match g.below(14) {
        0 => num(&a) + num(&pick(g)),
        1 => num(&a) * num(&pick(g)),
        2 => num(&a) * 2,
        3 => num(&a) - 1,
        4 => -num(&a).abs(),
        5 => a.astype([DType::F64, DType::F32, DType::I64, DType::I32][g.below(4)]),
        6 => num(&a).cumsum(0),
        7 => a.take(&indices(g, n), 0),
        8 => where_(&num(&pick(g)).gt(0), &a, pick(g)),
        9 => a.slice(s![..;-1]),
        10 if n.is_multiple_of(4) => a.reshape(&[4, -1]).t().reshape(&[-1]),
        10 => a.slice(s![..;-1]),
        11 => num(&a) - num(&a).max(),
        12 => num(&a).maximum(num(&pick(g))),
        _ if a.dtype() == DType::Bool => a.logical_not(),
        _ => num(&a).gt(0),
    }
}

/// An output made from an array of the pool: itself, a reduction, or a masked selection (the
/// mask is evaluated when it is built, as NumPy does).
fn output(g: &mut Lcg, a: &Array, pool: &[Array]) -> Array {
    match g.below(8) {
        0 => num(a).sum(),
        1 => num(a).max(),
        2 => {
            let m = &pool[g.below(pool.len())];
            let m = if m.dtype() == DType::Bool {
                m.clone()
            } else {
                num(m).gt(0)
            };
            a.mask(&m)
        }
        _ => a.clone(),
    }
}

/// Random graph number `seed`; building it twice gives identical graphs.
fn build(seed: u64) -> Graph {
    let mut g = Lcg::new(seed);
    // Sometimes large enough that kernels split across threads (and split reductions
    // allocate partial results: more fallible points).
    let n = if g.below(100) == 0 {
        1 << 18
    } else {
        [1, 3, 8, 17, 64, 256, 1000][g.below(7)]
    };
    let mut pool = Vec::new();
    let mut held = Vec::new();
    for _ in 0..2 + g.below(3) {
        let a = leaf(&mut g, n);
        if g.below(4) == 0 {
            held.push(a.clone());
        }
        pool.push(a);
    }
    let leaves = pool.len();
    for _ in 0..2 + g.below(8) {
        let a = step(&mut g, &pool, n);
        pool.push(a);
    }
    let mut remembered = Vec::new();
    if g.below(3) == 0 {
        remembered.push(pool[leaves + g.below(pool.len() - leaves)].clone());
    }
    let mut outputs = Vec::new();
    for _ in 0..1 + g.below(3) {
        let a = if g.below(2) == 0 {
            pool[pool.len() - 1].clone()
        } else {
            pool[g.below(pool.len())].clone()
        };
        outputs.push(output(&mut g, &a, &pool));
    }
    // Everything else in the pool is dropped here: sources only the outputs reach may be
    // written in place.
    Graph {
        held,
        remembered,
        outputs,
    }
}

/// What one graph's runs counted.
#[derive(Default)]
struct Counts {
    injected: usize,
    reused: usize,
}

/// Runs graph `seed` undisturbed, then with each of its fallible points failing in turn.
fn check_graph(seed: u64) -> Counts {
    let mut counts = Counts::default();
    let expected = build(seed);
    let want_remembered: Vec<Vec<u64>> = expected.remembered.iter().map(bits).collect();
    fail_at(None);
    let (done, report) = eval_with_report(&expected.outputs())
        .unwrap_or_else(|e| panic!("graph {seed}: undisturbed evaluation failed: {e}"));
    let points = fallible_points_passed();
    counts.reused = report.reused;
    let want: Vec<Vec<u64>> = done.iter().map(bits).collect();
    drop((done, expected));

    for k in 0.. {
        assert!(
            k <= points,
            "graph {seed}: still failing at point {k} of {points}"
        );
        let graph = build(seed);
        let held_before: Vec<Vec<u64>> = graph.held.iter().map(bits).collect();
        for (r, w) in graph.remembered.iter().zip(&want_remembered) {
            assert_eq!(&bits(r), w, "graph {seed}: remembered result");
        }
        fail_at(Some(k));
        let result = eval(&graph.outputs());
        fail_at(None);
        match result {
            Ok(done) => {
                let got: Vec<Vec<u64>> = done.iter().map(bits).collect();
                assert_eq!(got, want, "graph {seed}: result with no failure left");
                assert_eq!(k, points, "graph {seed}: fallible points");
                return counts;
            }
            Err(e) if injected(&e) => counts.injected += 1,
            Err(e) => panic!("graph {seed}, point {k}: not the injected failure: {e}"),
        }
        for (h, before) in graph.held.iter().zip(&held_before) {
            assert_eq!(
                &bits(h),
                before,
                "graph {seed}, point {k}: a held input changed"
            );
        }
        for (r, w) in graph.remembered.iter().zip(&want_remembered) {
            assert_eq!(
                &bits(r),
                w,
                "graph {seed}, point {k}: a remembered result changed"
            );
        }
        let again = eval(&graph.outputs())
            .unwrap_or_else(|e| panic!("graph {seed}, point {k}: evaluation after: {e}"));
        let got: Vec<Vec<u64>> = again.iter().map(bits).collect();
        assert_eq!(got, want, "graph {seed}, point {k}: evaluation after");
        for (o, w) in graph.outputs.iter().zip(&want) {
            assert_eq!(&bits(o), w, "graph {seed}, point {k}: output read again");
        }
    }
    unreachable!()
}

#[test]
fn every_fallible_point_of_random_graphs_fails_cleanly() {
    let graphs = 500;
    let (mut injected, mut reused, mut reusing_graphs, mut hard) = (0, 0, 0, 0);
    for seed in 0..graphs {
        let c = check_graph(seed);
        injected += c.injected;
        reused += c.reused;
        reusing_graphs += usize::from(c.reused > 0);
        // A graph that writes a result in place and has a fallible point to fail.
        hard += usize::from(c.reused > 0 && c.injected > 0);
    }
    println!(
        "{graphs} graphs, {injected} injected failures, {reusing_graphs} graphs reused \
         {reused} buffers in place, {hard} of them also failed at some point"
    );
    // The hard case is exercised: many graphs write a result in place, and many failures were
    // injected.
    assert!(
        reusing_graphs >= graphs as usize / 10,
        "only {reusing_graphs} graphs reused a buffer ({reused} reuses)"
    );
    assert!(
        hard >= graphs as usize / 20,
        "only {hard} graphs both reused a buffer and had a failure injected"
    );
    assert!(
        injected >= 2 * graphs as usize,
        "only {injected} failures injected"
    );
}

#[test]
fn a_failed_allocation_after_an_in_place_candidate_leaves_it_intact() {
    // `e` could be written into its dropped source; the cumsum and the take allocate.
    for k in 0.. {
        let e = Array::from_vec((0..64).map(f64::from).collect(), &[64]) * 2.0;
        let c = (&e + 1.0).cumsum(0);
        let idx = Array::from_vec((0..64i64).rev().collect(), &[64]) * 1;
        let t = Array::arange(0.0, 64.0, 1.0).take(&idx, 0);
        fail_at(Some(k));
        let r = eval(&[&e, &c, &t]);
        fail_at(None);
        let want_e: Vec<f64> = (0..64).map(|i| 2.0 * f64::from(i)).collect();
        match r {
            Ok(done) => {
                assert_eq!(done[0].to_vec::<f64>().unwrap(), want_e);
                assert!(k > 0, "no fallible point at all");
                break;
            }
            Err(err) => assert!(injected(&err), "point {k}: {err}"),
        }
        assert_eq!(e.to_vec::<f64>().unwrap(), want_e, "point {k}");
        assert_eq!(c.to_vec::<f64>().unwrap()[63], 64.0 * 63.0 + 64.0);
        assert_eq!(t.to_vec::<f64>().unwrap()[0], 63.0);
    }
}

/// Graphs whose evaluation genuinely fails after a result that could be written in place.
fn genuinely_failing(case: usize) -> (Array, Array, Option<Array>) {
    let data: Vec<f64> = (0..16).map(f64::from).collect();
    let e = Array::from_vec(data, &[16]) * 2.0;
    let held = Array::from_vec((0..16i64).collect(), &[16]);
    match case {
        // a computed out-of-bounds index (16 * 2 = 32 > 15)
        0 => {
            let bad = Array::arange(0.0, 16.0, 1.0).take(&(&held * 2), 0);
            (e, bad, Some(held))
        }
        // … built before the in-place candidate, and read through a view
        1 => {
            let idx = (&held + 10).slice(s![..;-1]);
            let bad = (&e + 0.5).take(&idx, 0);
            (e, bad, Some(held))
        }
        // a negative integer power
        2 => {
            let bad = held.pow(&(&held - 3));
            (e, bad, Some(held))
        }
        // … over a dropped exponent
        _ => {
            let base = Array::from_vec(vec![2i64; 16], &[16]);
            let bad = base.pow(&(Array::from_vec((0..16i64).collect(), &[16]) - 20));
            (e, bad, None)
        }
    }
}

#[test]
fn genuine_errors_after_an_in_place_candidate_leave_everything_intact() {
    let want_e: Vec<f64> = (0..16).map(|i| 2.0 * f64::from(i)).collect();
    let want_held: Vec<i64> = (0..16).collect();
    for case in 0..4 {
        for remember_first in [false, true] {
            let (e, bad, held) = genuinely_failing(case);
            // With `remember_first`, `e * 3` is the in-place candidate, over a remembered `e`.
            let (e, target) = if remember_first {
                let e = e.eval().unwrap();
                let target = &e * 3.0;
                (Some(e), target)
            } else {
                (None, e)
            };
            let err = eval(&[&target, &bad]).expect_err("the evaluation must fail");
            assert!(
                matches!(err, Error::Index(_) | Error::DType(_)),
                "case {case}: {err}"
            );
            let scale = if remember_first { 3.0 } else { 1.0 };
            let want: Vec<f64> = want_e.iter().map(|v| v * scale).collect();
            assert_eq!(target.to_vec::<f64>().unwrap(), want, "case {case}");
            if let Some(e) = &e {
                assert_eq!(e.to_vec::<f64>().unwrap(), want_e, "case {case}");
            }
            if let Some(h) = &held {
                assert_eq!(h.to_vec::<i64>().unwrap(), want_held, "case {case}");
            }
            assert!(bad.eval().is_err(), "case {case}: the error must stay");
            // The same graph evaluated alone writes in place after all.
            let (e2, _, _) = genuinely_failing(case);
            let (done, report) = e2.eval_with_report().unwrap();
            assert_eq!(done.to_vec::<f64>().unwrap(), want_e);
            assert_eq!(report.reused, 1, "case {case}: in place when alone");
        }
    }
}
