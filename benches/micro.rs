//! Micro-benchmarks of evaluation overheads (criterion): `cargo bench --bench micro`.
//!
//! Each times `eval()` alone; the expression is built in criterion's untimed setup.
//! - `cold_compile`: a kernel structure never seen before (the iteration's number written as a
//!   chain of ten ops, each one of add/multiply/subtract/maximum: constants, exponents
//!   included, are kernel parameters and would share one compiled kernel), on 1000 elements:
//!   planning, Cranelift compilation and a negligible run. Every iteration adds a kernel to
//!   the process-wide cache.
//! - `cached_eval_1000`: a small fused expression whose kernel is already compiled (cache hit).
//! - `view_eval`: `a.slice(s![..;2]).eval()` of an evaluated array: no kernel, no copy.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use lazyarray::{Array, s};
use std::hint::black_box;
use std::time::Duration;

const N: usize = 1000;

fn inputs() -> (Array, Array) {
    let a = Array::random(&[N], 1).eval().expect("input a");
    let b = Array::random(&[N], 2).eval().expect("input b");
    (a, b)
}

/// The fused expression of `cached_eval_1000`: `sqrt(2a + 3b) - 1`.
fn fused(a: &Array, b: &Array) -> Array {
    let sum: Array = 2.0 * a + 3.0 * b;
    sum.sqrt() - 1.0
}

/// `a` through ten ops chosen by the base-4 digits of `k`: a structure of its own for every
/// `k` below 4^10.
fn unique_chain(a: &Array, k: u64) -> Array {
    let mut x = a.clone();
    for digit in 0..10 {
        x = match (k >> (2 * digit)) & 3 {
            0 => x + 0.5,
            1 => x * 1.5,
            2 => x - 0.25,
            _ => x.maximum(0.1),
        };
    }
    x
}

fn cold_compile(c: &mut Criterion) {
    let (a, _) = inputs();
    let mut k = 0u64;
    let mut group = c.benchmark_group("micro");
    // Each iteration compiles a new kernel that the process keeps: bound their number.
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    group.bench_function("cold_compile", |bench| {
        bench.iter_batched(
            || {
                k += 1;
                unique_chain(&a, k)
            },
            |expr| black_box(expr.eval().expect("cold eval")),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

fn cached_eval(c: &mut Criterion) {
    let (a, b) = inputs();
    let _ = fused(&a, &b).eval().expect("warm-up compiles the kernel");
    c.bench_function("micro/cached_eval_1000", |bench| {
        bench.iter_batched(
            || fused(&a, &b),
            |expr| black_box(expr.eval().expect("cached eval")),
            BatchSize::SmallInput,
        )
    });
}

fn view_eval(c: &mut Criterion) {
    let (a, _) = inputs();
    c.bench_function("micro/view_eval", |bench| {
        bench.iter_batched(
            || a.slice(s![..;2]),
            |view| black_box(view.eval().expect("view eval")),
            BatchSize::SmallInput,
        )
    });
}

criterion_group!(benches, cold_compile, cached_eval, view_eval);
criterion_main!(benches);
