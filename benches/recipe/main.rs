//! The NumPy performance recipe's cases: lazyarray running the *naive* form of each, against
//! NumPy's naive and expert forms (and numexpr's, for the fused cases) and a bandwidth roofline
//! measured in the same run.
//!
//! ```text
//! cargo bench --bench recipe                  # every case, full size (~10M f64)
//! cargo bench --bench recipe -- --quick       # smaller sizes, fewer repeats (< 1 minute)
//! cargo bench --bench recipe -- softmax poly  # only these cases (with or without --quick)
//! ```
//!
//! Writes a table to stdout, `target/bench/recipe.json` and `target/bench/recipe.svg`.
//!
//! - **lazyarray**: the time from building the expression to having the evaluated result
//!   (`eval()`), median over the samples. The first evaluation of each case is an untimed
//!   warm-up that compiles its kernels; its `EvalReport::compile_ms` is reported as
//!   `compile_ms` (0 when an earlier case already compiled the same kernels: the cache is
//!   process-wide). Inputs are evaluated before timing; results are dropped after each sample
//!   (one call per sample) or by the next call (tiny cases run several calls per sample).
//!   `inplace_mul` is `a = a * 2` in a loop: each call takes `a` by value, so nothing else holds
//!   its buffer (the first call, from the pristine input, is not timed).
//! - **NumPy**: `benches/recipe_numpy.py`, run with `python3` (or `$RECIPE_PYTHON`) after the
//!   Rust measurements, times the same cases on the same numbers with `timeit` and prints JSON.
//!   Without numpy those columns say "n/a (pip install numpy)"; numexpr is optional.
//! - **roofline**: the bytes a case must move at minimum divided by the bandwidth of the matching
//!   STREAM kernel (copy, scale, triad, sum, in-place scale), measured at the start of the run
//!   with plain loops over 80 MB `Vec<f64>`s touched beforehand (best of several passes, as
//!   STREAM reports), on one thread and split over every core; the higher of the two counts
//!   (lazyarray, OpenBLAS and numexpr use every core by default). A case whose answer can be a
//!   view moves 0 bytes: roofline 0, ratio n/a.
//! - **check**: the lazyarray result's shape and float64 sums (plain, position-weighted and
//!   absolute) against the same of NumPy's naive result. The timed evaluations are checked
//!   too: the last one's result against the first's, and their kernel launches (a call that
//!   launches nothing reused an earlier result, and its time would not be the computation's).
//! - The share of the CPU that other processes used during the run is printed: the machine has
//!   two cores, and other work makes every figure noisy.
//!
//! One job per file: `args.rs` (the command line), `cases/` (the case tables, by group, and
//! their inputs), `roofline.rs` (the bandwidth and a case's roofline), `measure/` (timing
//! lazyarray, checksums, plan figures), `numpy/` (the NumPy subprocess and its JSON),
//! `report/` (a case's row, the text table, `recipe.json`, `recipe.svg`), `cpu.rs` (the other
//! processes' share of the CPU).

// Every item of the harness says what it is for (CI's clippy runs with `-D warnings`).
#![warn(clippy::missing_docs_in_private_items)]

mod args;
mod cases;
mod cpu;
mod measure;
mod numpy;
mod report;
mod roofline;

use cases::Case;
use report::Report;
use report::row::Row;

/// Runs the selected cases: the bandwidth first, then lazyarray's side of every case, then
/// NumPy's in one subprocess, then the report on stdout and in `target/bench/`.
fn main() {
    let cfg = args::parse_args();
    let all = cases::cases(cfg.quick);
    let selected: Vec<&Case> = all
        .iter()
        .filter(|c| cfg.only.is_empty() || cfg.only.iter().any(|n| n == c.name))
        .collect();
    let mode = if cfg.quick { "quick" } else { "full" };
    eprintln!(
        "recipe: {} case(s), {mode} size; measuring bandwidth…",
        selected.len()
    );

    let cpu_start = cpu::cpu_ticks();
    let bw = roofline::measure_bandwidth(cfg.quick);
    let bw_line = bw.summary();
    eprintln!("recipe: {bw_line}");
    let threads_line = format!(
        "threads: lazyarray {} (lazyarray::max_threads(), LAZYARRAY_THREADS), \
         OpenBLAS and numexpr their defaults, NumPy's own loops 1",
        lazyarray::max_threads()
    );

    let mut lazy = Vec::new();
    for c in &selected {
        let (r, bytes) = measure::run_lazy(c, &cfg);
        match &r {
            Ok(m) => eprintln!(
                "recipe: {:<14} lazyarray {} (compile {:.2} ms)",
                c.name,
                report::fmt_ms(m.ms),
                m.compile_ms
            ),
            Err(e) => eprintln!("recipe: {:<14} lazyarray FAILED: {e}", c.name),
        }
        lazy.push((r, bytes));
    }

    eprintln!(
        "recipe: running the NumPy side ({})…",
        numpy::script_path().display()
    );
    let numpy = numpy::run_numpy(&selected, &cfg);

    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for (c, (r, bytes)) in selected.iter().zip(lazy) {
        let np = numpy.case(c.name).cloned().unwrap_or_default();
        rows.push(Row::new(c, r, bytes, np, &bw, &mut notes));
    }

    let report = Report {
        mode,
        quick: cfg.quick,
        bandwidth: bw_line,
        threads: threads_line,
        numpy: &numpy,
        others: cpu::others_share(cpu_start, cpu::cpu_ticks()),
        rows,
        notes,
    };
    report::text::print(&report);
    report::write_files(&report);
}
