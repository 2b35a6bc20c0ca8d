//! The shapes of sharing the concurrency suites race (`tests/concurrency.rs` runs them all,
//! `tests/concurrency_guarded.rs` a part of them under guard pages). Each function runs
//! `trials` trials and returns how many it ran; a trial builds one graph over shared sources,
//! lets 2–8 threads evaluate parts of it at once (after a barrier), and compares every result
//! bit for bit with a single-threaded evaluation of a freshly built identical graph. After
//! each trial the sources the test holds must still read their original values, and the
//! shared arrays must still read their expected values.
//!
//! Data are multiples of 1/8 of modest size, so every float sum and cumsum here is exact and
//! cannot depend on the order of additions (fused or not, split across threads or not).
#![allow(dead_code)]

use crate::common::bits::bits;
use lazyarray::{Array, eval, s};
use std::sync::Barrier;

/// A small deterministic generator (Knuth's MMIX LCG), so every run builds the same graphs.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x2545_F491_4F6C_DD1D)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `n` float64 values, multiples of 1/8 in [-32, 32).
pub fn f64_data(seed: u64, n: usize) -> Vec<f64> {
    let mut g = Lcg::new(seed);
    (0..n)
        .map(|_| (g.below(512) as f64 - 256.0) / 8.0)
        .collect()
}

/// `n` int64 values in [-1000, 1000).
pub fn i64_data(seed: u64, n: usize) -> Vec<i64> {
    let mut g = Lcg::new(seed);
    (0..n).map(|_| g.below(2000) as i64 - 1000).collect()
}

/// `n` int32 values in [-1000, 1000).
pub fn i32_data(seed: u64, n: usize) -> Vec<i32> {
    i64_data(seed, n).into_iter().map(|v| v as i32).collect()
}

/// The bits of several arrays evaluated jointly, one after the other.
pub fn joint_bits(arrays: &[&Array]) -> Vec<u64> {
    let done = eval(arrays).unwrap_or_else(|e| panic!("joint evaluation failed: {e}"));
    assert_eq!(done.len(), arrays.len());
    done.iter().flat_map(bits).collect()
}

/// The element count of trial `t`: mostly small, sometimes large enough (2^18) that kernels
/// split across threads. Always a multiple of 64.
pub fn size(t: usize) -> usize {
    match t % 8 {
        0 => 1 << 18,
        1 | 4 => 1 << 16,
        2 | 5 => 1 << 12,
        _ => 64 * (1 + t % 5),
    }
}

/// The thread count of trial `t` (2–8).
pub fn threads(t: usize) -> usize {
    2 + t % 7
}

/// A job one racing thread runs: evaluate something and return its bits.
pub type Job<'a> = Box<dyn FnOnce() -> Vec<u64> + Send + 'a>;

/// Runs the jobs on one thread each, all released by one barrier, and returns their results in
/// order.
pub fn race(jobs: Vec<Job<'_>>) -> Vec<Vec<u64>> {
    let barrier = Barrier::new(jobs.len());
    std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .into_iter()
            .map(|job| {
                let barrier = &barrier;
                scope.spawn(move || {
                    barrier.wait();
                    job()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a racing thread panicked"))
            .collect()
    })
}

/// Asserts that each racing result equals its expected bits.
#[track_caller]
fn assert_results(shape: &str, t: usize, got: &[Vec<u64>], want: &[Vec<u64>]) {
    assert_eq!(got.len(), want.len());
    for (j, (g, w)) in got.iter().zip(want).enumerate() {
        assert_eq!(g.len(), w.len(), "{shape}, trial {t}, thread {j}: length");
        if let Some(i) = g.iter().zip(w).position(|(a, b)| a != b) {
            panic!(
                "{shape}, trial {t}, thread {j}: element {i} has bits {:#x}, expected {:#x} \
                 (as f64: {} vs {})",
                g[i],
                w[i],
                f64::from_bits(g[i]),
                f64::from_bits(w[i])
            );
        }
    }
}

/// Where the shared arrays of a trial rest.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Sources {
    /// On sources the test holds: nothing may be written in place, and the sources must read
    /// their original values after the trial.
    Held,
    /// On sources the test drops: evaluating the shared array may write into its source's
    /// buffer in place, while other threads evaluate it or build on it.
    Dropped,
}

/// The source data of trial `t`: float64 or int64.
fn source(t: usize, n: usize) -> Array {
    if t % 3 == 2 {
        Array::from_vec(i64_data(t as u64, n), &[n])
    } else {
        Array::from_vec(f64_data(t as u64, n), &[n])
    }
}

/// The shared lazy array `e` of trial `t` over its source, in one of three forms, and the
/// source when the test holds it.
fn shared(t: usize, n: usize, sources: Sources) -> (Option<Array>, Array) {
    let src = source(t, n);
    let e = match t % 3 {
        0 => &src * 2.0 + 1.0,
        1 => (&src * 3.0).abs() - 0.5,
        _ => &src * 3 - 1,
    };
    match sources {
        Sources::Held => (Some(src), e),
        Sources::Dropped => (None, e),
    }
}

/// Asserts that the held source of trial `t` (if any) reads its original values.
#[track_caller]
fn assert_source_intact(what: &str, t: usize, n: usize, held: &Option<Array>) {
    if let Some(src) = held {
        assert_eq!(
            bits(src),
            bits(&source(t, n)),
            "{what}, trial {t}: the held source changed"
        );
    }
}

/// The same array evaluated by N threads at once.
pub fn same_array(trials: usize, sources: Sources) -> usize {
    for t in 0..trials {
        let (n, k) = (size(t), threads(t));
        let want = bits(&shared(t, n, sources).1);
        let (held, e) = shared(t, n, sources);
        let jobs: Vec<Job> = (0..k)
            .map(|_| {
                let e = e.clone();
                Box::new(move || bits(&e)) as Job
            })
            .collect();
        let got = race(jobs);
        assert_results("same array", t, &got, &vec![want.clone(); k]);
        assert_eq!(bits(&e), want, "same array, trial {t}: the array changed");
        assert_source_intact("same array", t, n, &held);
    }
    trials
}

/// What racing thread `j` derives from the array `e` being evaluated by thread 0.
fn derived(e: &Array, j: usize) -> Array {
    let n = e.size() as isize;
    match j % 6 {
        0 => e.clone(),
        1 => e.slice(s![..;-1]),
        2 => e.reshape(&[n / 64, 64]).sum_axis(1),
        3 => (e * 2.0).sum(),
        4 => e.cumsum(0),
        _ => e + e,
    }
}

/// One thread evaluates `e`, the others views of `e` and expressions on it.
pub fn views_of_an_array_being_evaluated(trials: usize, sources: Sources) -> usize {
    for t in 0..trials {
        let (n, k) = (size(t), threads(t));
        let want: Vec<Vec<u64>> = (0..k)
            .map(|j| bits(&derived(&shared(t, n, sources).1, j)))
            .collect();
        let (held, e) = shared(t, n, sources);
        let jobs: Vec<Job> = (0..k)
            .map(|j| {
                let d = derived(&e, j);
                Box::new(move || bits(&d)) as Job
            })
            .collect();
        let got = race(jobs);
        assert_results("views", t, &got, &want);
        assert_eq!(bits(&e), want[0], "views, trial {t}: `e` changed");
        assert_source_intact("views", t, n, &held);
    }
    trials
}

/// A held source of trial `t`: float64 or int32 (whose sums are int64).
fn held_source(t: usize, n: usize) -> Array {
    if t.is_multiple_of(2) {
        Array::from_vec(f64_data(t as u64, n), &[n])
    } else {
        Array::from_vec(i32_data(t as u64, n), &[n])
    }
}

/// What thread `j` evaluates over the shared intermediate `mid`.
fn over_mid(mid: &Array, j: usize) -> Vec<u64> {
    match j % 5 {
        0 => bits(mid),
        1 => bits(&(mid * 1)),
        2 => bits(&(mid * 2).sum()),
        3 => joint_bits(&[mid, &(mid * 2).sum(), &mid.slice(s![1..;2])]),
        _ => bits(&(mid - mid.slice(s![..;-1])).max()),
    }
}

/// A shared intermediate `mid = src + 3` over a held source: threads evaluate `mid`, `mid * 1`,
/// `(mid * 2).sum()` and joint evaluations with it.
pub fn shared_intermediate(trials: usize) -> usize {
    for t in 0..trials {
        let (n, k) = (size(t), threads(t));
        let want: Vec<Vec<u64>> = (0..k)
            .map(|j| over_mid(&(held_source(t, n) + 3), j))
            .collect();
        let src = held_source(t, n);
        let mid = &src + 3;
        let jobs: Vec<Job> = (0..k)
            .map(|j| {
                let mid = mid.clone();
                Box::new(move || over_mid(&mid, j)) as Job
            })
            .collect();
        let got = race(jobs);
        assert_results("shared intermediate", t, &got, &want);
        assert_eq!(
            bits(&src),
            bits(&held_source(t, n)),
            "trial {t}: src changed"
        );
        assert_eq!(bits(&mid), want[0], "trial {t}: mid changed");
    }
    trials
}

/// Thread `j`'s chain over `base`: `a = a * 2` (and `+ j`) rebound several times, evaluated
/// every other step (so each later step may write into the previous step's buffer).
fn chain(base: &Array, j: usize) -> Vec<u64> {
    let mut a = base.clone();
    for step in 0..2 + j % 4 {
        a *= 2.0;
        if step % 2 == 1 {
            a = a
                .eval()
                .unwrap_or_else(|e| panic!("chain step failed: {e}"));
            a += j as f64;
        }
    }
    bits(&a)
}

/// Chains where each thread rebinds its own `a = a * 2` over one shared source (held by the
/// test, or a shared lazy array over a dropped source): the shared value must never change.
pub fn rebinding_chains(trials: usize) -> usize {
    for t in 0..trials {
        let (n, k) = (size(t), threads(t));
        let fresh = |t: usize| {
            let src = Array::from_vec(f64_data(t as u64, n), &[n]);
            if t.is_multiple_of(2) { src } else { src + 1.0 }
        };
        let want: Vec<Vec<u64>> = (0..k).map(|j| chain(&fresh(t), j)).collect();
        let shared = fresh(t);
        let jobs: Vec<Job> = (0..k)
            .map(|j| {
                let base = shared.clone();
                Box::new(move || chain(&base, j)) as Job
            })
            .collect();
        let got = race(jobs);
        assert_results("rebinding chains", t, &got, &want);
        assert_eq!(
            bits(&shared),
            bits(&fresh(t)),
            "rebinding chains, trial {t}: the shared value changed"
        );
    }
    trials
}

/// The arrays of the joint-evaluation trial: `e` and three results of it (and the source when
/// held).
fn joint_graph(t: usize, n: usize, sources: Sources) -> (Option<Array>, [Array; 4]) {
    let (held, e) = shared(t, n, sources);
    let (x, y, z) = (&e + 1, e.sum(), e.cumsum(0));
    (held, [e, x, y, z])
}

/// What thread `j` evaluates of the joint-evaluation graph.
fn joint_job(g: &[Array; 4], j: usize) -> Vec<u64> {
    let [e, x, y, z] = g;
    match j % 5 {
        0 => joint_bits(&[x, y, z]),
        1 => bits(x),
        2 => joint_bits(&[e, y]),
        3 => bits(z),
        _ => joint_bits(&[z, e, x]),
    }
}

/// Joint evaluations (`eval(&[&a, &b])`) racing single ones over the same graph.
pub fn joint_evaluations(trials: usize, sources: Sources) -> usize {
    for t in 0..trials {
        let (n, k) = (size(t), threads(t));
        let want: Vec<Vec<u64>> = (0..k)
            .map(|j| joint_job(&joint_graph(t, n, sources).1, j))
            .collect();
        let (held, g) = joint_graph(t, n, sources);
        let jobs: Vec<Job> = (0..k)
            .map(|j| {
                let g = g.clone();
                Box::new(move || joint_job(&g, j)) as Job
            })
            .collect();
        let got = race(jobs);
        assert_results("joint evaluations", t, &got, &want);
        let fresh = joint_graph(t, n, sources).1;
        for (a, b) in g.iter().zip(&fresh) {
            assert_eq!(
                bits(a),
                bits(b),
                "joint evaluations, trial {t}: a result changed"
            );
        }
        assert_source_intact("joint evaluations", t, n, &held);
    }
    trials
}

/// What thread `j` computes from a held 2-d source `m` (rows × 64).
fn reduction(m: &Array, j: usize) -> Vec<u64> {
    match j % 9 {
        0 => bits(&m.sum()),
        1 => bits(&m.sum_axis(0)),
        2 => bits(&m.sum_axis(1)),
        3 => bits(&m.max()),
        4 => bits(&m.cumsum(0)),
        5 => bits(&m.cumsum(1)),
        6 => bits(&(m * m).sum()),
        7 => bits(&m.argmax()),
        _ => joint_bits(&[&m.t().sum_axis(1), &m.min_axis(0), &m.cumsum_flat()]),
    }
}

/// Reductions and cumsums over shared (held) sources, several at once.
pub fn reductions_over_shared_sources(trials: usize) -> usize {
    for t in 0..trials {
        let (n, k) = (size(t), threads(t));
        let fresh = || held_source(t, n).reshape(&[(n / 64) as isize, 64]);
        let want: Vec<Vec<u64>> = (0..k).map(|j| reduction(&fresh(), j)).collect();
        let m = fresh();
        let jobs: Vec<Job> = (0..k)
            .map(|j| {
                let m = m.clone();
                Box::new(move || reduction(&m, j)) as Job
            })
            .collect();
        let got = race(jobs);
        assert_results("reductions", t, &got, &want);
        assert_eq!(
            bits(&m),
            bits(&fresh()),
            "reductions, trial {t}: source changed"
        );
    }
    trials
}

/// `eval_reference()` racing `eval()` on the same arrays (sizes kept small: the reference is an
/// interpreter).
pub fn reference_racing_eval(trials: usize, sources: Sources) -> usize {
    for t in 0..trials {
        let n = 64 << (t % 6);
        let k = threads(t);
        let graph = |t: usize| {
            let (held, e) = shared(t, n, sources);
            let later = (&e * 2).sum();
            (held, e, later)
        };
        let (_, e0, later0) = graph(t);
        let (want_e, want_later) = (bits(&e0), bits(&later0));
        let (held, e, later) = graph(t);
        let jobs: Vec<Job> = (0..k)
            .map(|j| {
                let (e, later) = (e.clone(), later.clone());
                Box::new(move || match j % 4 {
                    0 => bits(&e),
                    1 => bits(&e.eval_reference().expect("reference of e")),
                    2 => bits(&later.eval_reference().expect("reference of later")),
                    _ => bits(&later),
                }) as Job
            })
            .collect();
        let want: Vec<Vec<u64>> = (0..k)
            .map(|j| {
                if j % 4 < 2 {
                    want_e.clone()
                } else {
                    want_later.clone()
                }
            })
            .collect();
        let got = race(jobs);
        assert_results("reference racing eval", t, &got, &want);
        assert_eq!(
            bits(&e),
            want_e,
            "reference racing eval, trial {t}: e changed"
        );
        assert_eq!(
            bits(&e.eval_reference().expect("reference after the race")),
            want_e
        );
        assert_source_intact("reference racing eval", t, n, &held);
    }
    trials
}
