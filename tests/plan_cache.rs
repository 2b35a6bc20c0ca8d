//! The plan cache's bounds: it holds at most its byte budget, it keeps nothing alive that no
//! array can reach (a plan made for a mask holds the mask's true positions, and can only be
//! reused while the mask lives), and a repeated expression still skips planning.
//!
//! The cache is shared by the whole process, so these tests take turns (`serial`) and measure
//! what they change rather than absolute numbers.

use lazyarray::Array;
use lazyarray::testing::plan_cache::{BUDGET, CAPACITY, bytes, entries, hits};
use std::sync::{Mutex, MutexGuard};

static SERIAL: Mutex<()> = Mutex::new(());

/// One test at a time: the cache and its counters are global.
fn serial() -> MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|p| p.into_inner())
}

/// The loop body: `(x[mask] * 2).sum()` for a fresh random mask (true for about 90%
/// of the elements), so the plan holds about `0.9 * len * 8` bytes of positions.
fn masked_sum(x: &Array, mask: &Array) -> f64 {
    (x.mask(mask) * 2.0).sum().item::<f64>().expect("evaluates")
}

fn random_mask(len: usize, seed: u32) -> Array {
    Array::random(&[len], seed)
        .lt(0.9)
        .eval()
        .expect("evaluates")
}

/// A small expression with no data-dependent selection (keyed by structure), rebuilt on each
/// call from the same lines.
fn hot(a: &Array) -> f64 {
    ((a * 2.0) + 1.0).sum().item::<f64>().expect("evaluates")
}

/// Evaluates `f` and tells whether its plan came from the cache.
fn hit<T>(f: impl FnOnce() -> T) -> bool {
    let before = hits();
    let _ = f();
    hits() > before
}

/// Caches a new plan, which purges the plans of arrays that are gone (earlier tests' too).
fn purge() {
    let x = Array::random(&[4], 0).eval().unwrap();
    masked_sum(&x, &random_mask(4, 0));
}

const LEN: usize = 200_000;

/// The loop from the issue: every mask dies with its iteration, and the cache must not keep
/// each one's positions (before the fix it grew by about 1.4 MB an iteration, 288 MB here).
#[test]
fn a_loop_over_fresh_masks_stays_within_the_budget() {
    let _serial = serial();
    let x = Array::random(&[LEN], 7).eval().unwrap();
    let mut most = 0;
    for i in 0..200 {
        let mask = random_mask(LEN, 1000 + i);
        masked_sum(&x, &mask);
        most = most.max(bytes());
    }
    eprintln!("plan cache: at most {most} bytes over 200 masks of {LEN} elements");
    assert!(most <= BUDGET, "{most} bytes > budget {BUDGET}");
    // Dead masks' plans are dropped as new plans arrive: only the live iteration's remains.
    assert!(
        most < 4 * LEN * 8,
        "{most} bytes: dead masks' positions are kept"
    );
}

/// Masks that stay alive keep their plans reusable, but the cache still holds at most its
/// budget, evicting the least recently used: an expression used between them keeps hitting.
#[test]
fn live_masks_are_evicted_least_recently_used_first() {
    let _serial = serial();
    let x = Array::random(&[LEN], 8).eval().unwrap();
    let a = Array::random(&[1000], 9).eval().unwrap();
    hot(&a);
    let mut masks = Vec::new();
    for i in 0..200 {
        let mask = random_mask(LEN, 2000 + i);
        masked_sum(&x, &mask);
        masks.push(mask);
        assert!(bytes() <= BUDGET, "{} bytes > budget {BUDGET}", bytes());
        assert!(hit(|| hot(&a)), "iteration {i}: the hot plan was evicted");
    }
    // The most recent mask's plan is still there.
    let last = masks.last().unwrap();
    assert!(hit(|| masked_sum(&x, last)));
}

/// Once the arrays are dropped, the positions their plan held are freed (at the next plan
/// cached): nothing can reuse that plan any more.
#[test]
fn dropping_the_arrays_frees_the_positions_their_plan_held() {
    let _serial = serial();
    const N: usize = 1_000_000;
    purge();
    let before = bytes();
    let x = Array::random(&[N], 10).eval().unwrap();
    let mask = random_mask(N, 11);
    masked_sum(&x, &mask);
    let held = bytes();
    assert!(
        held >= before + N * 8 * 8 / 10,
        "{held} bytes held, {before} before: the plan should hold the mask's positions"
    );
    drop((x, mask));
    purge();
    let after = bytes();
    assert!(
        after < before + (64 << 10),
        "{after} bytes after dropping the arrays, {before} before"
    );
}

/// A repeated expression is planned once; a repeated selection by the same live mask too;
/// and one-off plans passing through (more than the cache's entry capacity) do not push a
/// plan in use out.
#[test]
fn a_repeated_expression_hits_the_cache() {
    let _serial = serial();
    let a = Array::random(&[1000], 13).eval().unwrap();
    hot(&a);
    assert!(hit(|| hot(&a)), "a repeated expression was planned again");

    let x = Array::random(&[1000], 14).eval().unwrap();
    let mask = random_mask(1000, 15);
    masked_sum(&x, &mask);
    assert!(
        hit(|| masked_sum(&x, &mask)),
        "a repeated selection by the same mask was planned again"
    );
    // The same values in a new mask are other data: planned again.
    let copy = random_mask(1000, 15);
    assert!(!hit(|| masked_sum(&x, &copy)));

    let small = Array::random(&[64], 16).eval().unwrap();
    for i in 0..1100 {
        masked_sum(&small, &random_mask(64, 3000 + i));
        assert!(hit(|| hot(&a)), "iteration {i}: the hot plan was dropped");
    }
    assert!(
        entries() < CAPACITY,
        "{} entries: dead plans are kept",
        entries()
    );
}
