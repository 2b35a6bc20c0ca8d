//! A part of the concurrency suite (`concurrency_shapes/`) with every buffer between guard
//! pages, so a racing evaluation that reads or writes outside a buffer faults at once. Guard
//! pages are switched on for the whole process and cannot be switched off, so this is its own
//! test binary.

mod common;
mod concurrency_shapes;

use concurrency_shapes::{self as shapes, Sources};
use lazyarray::testing::{enable_guard_pages, guarded_allocations};

/// The shapes where no racing thread remembers an array another one plans over.
#[test]
fn racing_evaluations_under_guard_pages() {
    enable_guard_pages();
    let before = guarded_allocations();
    let trials = shapes::rebinding_chains(32) + shapes::reductions_over_shared_sources(32);
    assert_eq!(trials, 64);
    assert!(
        guarded_allocations() > before,
        "the buffers were not guarded"
    );
}

/// The shapes where one thread's evaluation remembers an array another thread is planning
/// over (where a plan-cache race once served an earlier graph's data; see `concurrency.rs`);
/// guard pages make races more frequent.
#[test]
fn racing_evaluations_on_intermediates_under_guard_pages() {
    enable_guard_pages();
    let before = guarded_allocations();
    let trials = shapes::same_array(24, Sources::Held)
        + shapes::views_of_an_array_being_evaluated(24, Sources::Held)
        + shapes::shared_intermediate(16)
        + shapes::joint_evaluations(16, Sources::Held)
        + shapes::reference_racing_eval(12, Sources::Held);
    assert_eq!(trials, 92);
    assert!(
        guarded_allocations() > before,
        "the buffers were not guarded"
    );
}
