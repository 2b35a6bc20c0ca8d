//! Many threads evaluating the same arrays at once: the same lazy array, views of and
//! expressions on an array another thread is evaluating, a shared intermediate, private
//! rebinding chains over a shared source, joint evaluations racing single ones, reductions and
//! cumsums over shared sources, and the reference evaluator racing `eval`. Every result is
//! compared bit for bit with a single-threaded evaluation of a freshly built identical graph,
//! and after every trial the shared sources and arrays must still read their original values
//! (in-place reuse must never write a buffer another evaluation reads).
//!
//! The shapes live in `concurrency_shapes/`; `concurrency_guarded.rs` runs them under guard
//! pages. Each shape runs over sources the test holds and, where it matters, over sources it
//! drops (so that evaluating the shared array may write into its source's buffer in place
//! while other threads evaluate it).
//!
//! Two races in the library make some of these tests fail (they are ignored, with the reason,
//! until they are fixed; `cargo test --test concurrency -- --ignored` runs them): see
//! `two_threads_evaluating_one_array_never_fail` and
//! `a_plan_cached_during_a_race_never_serves_an_earlier_graphs_data`.

mod concurrency_shapes;

use concurrency_shapes::{self as shapes, Sources};
use lazyarray::Array;
use std::sync::Barrier;

#[test]
fn the_same_array_evaluated_by_many_threads() {
    assert_eq!(shapes::same_array(120, Sources::Held), 120);
}

#[test]
#[ignore = "races an in-place evaluation: spurious 'overwritten in place' errors"]
fn the_same_array_over_a_dropped_source_evaluated_by_many_threads() {
    assert_eq!(shapes::same_array(240, Sources::Dropped), 240);
}

#[test]
#[ignore = "bug: a plan cached while another thread remembers an intermediate serves an earlier graph's data"]
fn views_and_expressions_of_an_array_being_evaluated() {
    assert_eq!(
        shapes::views_of_an_array_being_evaluated(120, Sources::Held),
        120
    );
}

#[test]
#[ignore = "races an in-place evaluation: spurious 'overwritten in place' errors"]
fn views_and_expressions_of_an_array_over_a_dropped_source_being_evaluated() {
    assert_eq!(
        shapes::views_of_an_array_being_evaluated(240, Sources::Dropped),
        240
    );
}

#[test]
#[ignore = "bug: a plan cached while another thread remembers an intermediate serves an earlier graph's data"]
fn a_shared_intermediate() {
    assert_eq!(shapes::shared_intermediate(120), 120);
}

#[test]
fn private_rebinding_chains_over_a_shared_source() {
    assert_eq!(shapes::rebinding_chains(120), 120);
}

#[test]
fn joint_evaluations_racing_single_ones() {
    assert_eq!(shapes::joint_evaluations(120, Sources::Held), 120);
}

#[test]
#[ignore = "races an in-place evaluation: spurious 'overwritten in place' errors"]
fn joint_evaluations_racing_single_ones_over_a_dropped_source() {
    assert_eq!(shapes::joint_evaluations(240, Sources::Dropped), 240);
}

#[test]
fn reductions_and_cumsums_over_shared_sources() {
    assert_eq!(shapes::reductions_over_shared_sources(100), 100);
}

#[test]
#[ignore = "bug: a plan cached while another thread remembers an intermediate serves an earlier graph's data"]
fn the_reference_racing_eval() {
    assert_eq!(shapes::reference_racing_eval(100, Sources::Held), 100);
}

#[test]
#[ignore = "races an in-place evaluation: spurious 'overwritten in place' errors"]
fn the_reference_racing_eval_over_a_dropped_source() {
    assert_eq!(shapes::reference_racing_eval(200, Sources::Dropped), 200);
}

/// The race the tests marked "a plan cached while another thread remembers an intermediate"
/// hit: one thread evaluates `e = abs(src * 3) - 0.5` (over a held `src`) while another
/// evaluates `(e * 2).sum()`. The walk, the plan-cache fingerprint and the lowering each ask
/// `Node::memo` afresh. When `e`'s value is remembered after the fingerprint (key: the whole
/// graph, inputs `[src]`) but before the lowering (graph: `e`'s remembered buffer as a leaf),
/// the plan cache stores a schedule whose slot for that buffer is no input of the key, so
/// `plan_cache::put` keeps the buffer bound in the cached schedule, and every later evaluation
/// of a graph with the same structure and call sites reads that earlier `e`. Seen as trial 31
/// returning trial 13's sum (13107.25 instead of 11522.5) and trial 10's `e` reading trial 4's
/// values.
#[test]
#[ignore = "bug: a plan cached while another thread remembers an intermediate serves an earlier graph's data"]
fn a_plan_cached_during_a_race_never_serves_an_earlier_graphs_data() {
    assert_eq!(shapes::reference_racing_eval(600, Sources::Held), 600);
}

/// The minimal reproduction of the race the tests marked "races an in-place evaluation" hit:
/// two threads evaluate one
/// array whose source only it reaches. One of them writes the product into the source's buffer
/// and marks the source consumed *before* the array remembers its value; the other's walk, in
/// between, finds a consumed source with no remembered value above it and fails with "an
/// input of this array was overwritten in place by an evaluation that failed after writing
/// it" (about 1 in 1000 trials on 2 cores). It must never fail, and never see another value.
#[test]
#[ignore = "races an in-place evaluation: spurious 'overwritten in place' errors"]
fn two_threads_evaluating_one_array_never_fail() {
    for trial in 0..5000 {
        let e = Array::from_vec(vec![1.0f64; 64], &[64]) * 2.0;
        let barrier = Barrier::new(2);
        let results: Vec<_> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..2)
                .map(|_| {
                    scope.spawn(|| {
                        barrier.wait();
                        e.to_vec::<f64>()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for r in results {
            let r = r.unwrap_or_else(|err| panic!("trial {trial}: {err}"));
            assert!(r.iter().all(|&v| v == 2.0), "trial {trial}: {r:?}");
        }
    }
}
