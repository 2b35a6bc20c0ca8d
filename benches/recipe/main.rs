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

mod args;
mod cases;
mod cpu;
mod measure;
mod numpy;
mod roofline;

use args::parse_args;
use cases::{Case, cases};
use cpu::{cpu_ticks, others_share};
use measure::checksum::compare;
use measure::plan::PlanFigures;
use measure::{LazyResult, run_lazy};
use numpy::{Numpy, run_numpy, script_path};
use roofline::measure_bandwidth;
use std::fmt::Write as _;
use std::path::PathBuf;

/// `3 (5)`: this plan's count, then NumPy's eager one.
fn with_naive(ours: Option<usize>, naive: Option<usize>) -> String {
    match (ours, naive) {
        (Some(k), Some(n)) => format!("{k} ({n})"),
        (Some(k), None) => k.to_string(),
        _ => "n/a".into(),
    }
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

struct Row {
    case: &'static str,
    form: &'static str,
    lazy_ms: Option<f64>,
    lazy_error: Option<String>,
    compile_ms: Option<f64>,
    plan: PlanFigures,
    numpy_naive_ms: Option<f64>,
    numpy_expert_ms: Option<f64>,
    expert_is_naive: bool,
    numexpr_ms: Option<f64>,
    roofline_ms: Option<f64>,
    /// What the roofline is made of: bytes and bandwidth.
    roofline_basis: String,
    check: String,
}

impl Row {
    fn vs_expert(&self) -> Option<f64> {
        ratio(self.lazy_ms, self.numpy_expert_ms)
    }

    fn vs_roofline(&self) -> Option<f64> {
        ratio(self.lazy_ms, self.roofline_ms)
    }
}

fn ratio(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 && a.is_finite() && b.is_finite() => Some(a / b),
        _ => None,
    }
}

/// A duration given in milliseconds, with three significant digits and a fitting unit.
fn fmt_ms(ms: f64) -> String {
    let (v, unit) = if ms >= 1.0 {
        (ms, "ms")
    } else if ms >= 1e-3 {
        (ms * 1e3, "µs")
    } else {
        (ms * 1e6, "ns")
    };
    let digits = if v >= 100.0 {
        0
    } else if v >= 10.0 {
        1
    } else {
        2
    };
    format!("{v:.digits$} {unit}")
}

fn fmt_ratio(r: Option<f64>) -> String {
    match r {
        Some(r) if r >= 100.0 => format!("{r:.0}×"),
        Some(r) if r >= 10.0 => format!("{r:.1}×"),
        Some(r) if r >= 1.0 || r <= 0.0 => format!("{r:.2}×"),
        // Two significant digits: 0.33×, 0.0033×.
        Some(r) => {
            let decimals = (1 - r.log10().floor() as i32).max(2) as usize;
            format!("{r:.decimals$}×")
        }
        None => "n/a".into(),
    }
}

fn print_table(rows: &[Row], numpy_missing: Option<&str>, numexpr_missing: bool) {
    let np_na = "n/a (pip install numpy)";
    let header = [
        "case",
        "lazyarray",
        "numpy naive",
        "numpy expert",
        "numexpr",
        "roofline",
        "la/np_expert",
        "la/roofline",
        "compile",
        "kernels (np)",
        "allocs (np)",
        "check",
    ];
    let mut cells: Vec<Vec<String>> = Vec::new();
    for r in rows {
        let np = |v: Option<f64>| match (numpy_missing, v) {
            (Some(_), _) => np_na.to_string(),
            (None, Some(v)) => fmt_ms(v),
            (None, None) => "n/a".into(),
        };
        let numexpr = match (numpy_missing, r.numexpr_ms) {
            (Some(_), _) => np_na.to_string(),
            (None, Some(v)) => fmt_ms(v),
            (None, None) if numexpr_missing && is_fused(r.case) => {
                "n/a (pip install numexpr)".into()
            }
            (None, None) => "n/a".into(),
        };
        let expert = if r.expert_is_naive && numpy_missing.is_none() {
            format!("{} (=naive)", np(r.numpy_expert_ms))
        } else {
            np(r.numpy_expert_ms)
        };
        let roof = match r.roofline_ms {
            Some(0.0) => "0 (view)".into(),
            Some(v) => fmt_ms(v),
            None => "n/a".into(),
        };
        cells.push(vec![
            r.case.to_string(),
            match (&r.lazy_ms, &r.lazy_error) {
                (Some(v), _) => fmt_ms(*v),
                (None, Some(_)) => "FAILED".into(),
                (None, None) => "n/a".into(),
            },
            np(r.numpy_naive_ms),
            expert,
            numexpr,
            roof,
            fmt_ratio(r.vs_expert()),
            fmt_ratio(r.vs_roofline()),
            r.compile_ms.map_or("n/a".into(), |c| format!("{c:.2} ms")),
            with_naive(r.plan.kernels, r.plan.naive_kernels),
            with_naive(r.plan.allocations, r.plan.naive_allocations),
            r.check.clone(),
        ]);
    }
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |row: &[String]| {
        let mut s = String::new();
        for (k, (c, w)) in row.iter().zip(&widths).enumerate() {
            let pad = w - c.chars().count();
            if k == 0 || k == row.len() - 1 {
                s.push_str(c);
                s.push_str(&" ".repeat(pad));
            } else {
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            }
            s.push_str("  ");
        }
        println!("{}", s.trim_end());
    };
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    line(&header);
    println!(
        "{}",
        "-".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1))
    );
    for row in &cells {
        line(row);
    }
}

fn is_fused(case: &str) -> bool {
    matches!(
        case,
        "poly" | "triad" | "blend" | "sumsq" | "norm" | "softmax"
    )
}

fn json_num(v: Option<f64>) -> String {
    match v {
        Some(x) if x.is_finite() => format!("{x}"),
        _ => "null".into(),
    }
}

fn json_count(v: Option<usize>) -> String {
    v.map_or("null".into(), |x| x.to_string())
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn to_json(rows: &[Row]) -> String {
    let mut out = String::from("[\n");
    for (k, r) in rows.iter().enumerate() {
        let p = &r.plan;
        let _ = write!(
            out,
            "  {{\"case\": {}, \"lazyarray_ms\": {}, \"numpy_naive_ms\": {}, \"numpy_expert_ms\": {}, \
             \"numexpr_ms\": {}, \"roofline_ms\": {}, \"compile_ms\": {}, \"plan\": {{\"kernels\": {}, \
             \"allocations\": {}, \"bytes_moved\": {}, \"naive_kernels\": {}, \"naive_allocations\": {}, \
             \"naive_bytes_moved\": {}}}}}",
            json_string(r.case),
            json_num(r.lazy_ms),
            json_num(r.numpy_naive_ms),
            json_num(r.numpy_expert_ms),
            json_num(r.numexpr_ms),
            json_num(r.roofline_ms),
            json_num(r.compile_ms),
            json_count(p.kernels),
            json_count(p.allocations),
            json_num(p.bytes_moved),
            json_count(p.naive_kernels),
            json_count(p.naive_allocations),
            json_num(p.naive_bytes_moved),
        );
        out.push_str(if k + 1 < rows.len() { ",\n" } else { "\n" });
    }
    out.push_str("]\n");
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A horizontal bar chart of the two ratios per case on a log scale, bars drawn from 1×
/// (left: lazyarray faster; right: slower).
fn to_svg(rows: &[Row], title: &str) -> String {
    let ratios: Vec<f64> = rows
        .iter()
        .flat_map(|r| [r.vs_expert(), r.vs_roofline()])
        .flatten()
        .filter(|r| *r > 0.0)
        .collect();
    // Whole decades, with room beyond the extreme bars for their labels.
    let lo = (ratios.iter().fold(0.1f64, |m, &r| m.min(r)).log10() - 0.3).floor() as i32;
    let hi = (ratios.iter().fold(10.0f64, |m, &r| m.max(r)).log10() + 0.3).ceil() as i32;
    let (left, right, top, row_h, bar_h) = (150.0, 40.0, 96.0, 34.0, 12.0);
    let width = 1100.0;
    let plot_w = width - left - right;
    let height = top + row_h * rows.len() as f64 + 50.0;
    let x = |r: f64| left + (r.log10() - lo as f64) / (hi - lo) as f64 * plot_w;
    let colors = ["#3b6fb6", "#e08a2c"];
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">"
    );
    let _ = writeln!(
        s,
        "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text x=\"{left}\" y=\"24\" font-size=\"16\" font-weight=\"bold\">{}</text>\n\
         <text x=\"{left}\" y=\"44\" fill=\"#444\">Time ratios, log scale, bars from 1×: left of 1× lazyarray is faster, right of it slower. \
         Missing bar: n/a (a view, or NumPy not run).</text>",
        xml_escape(title)
    );
    let legend = [
        "lazyarray (naive form) / NumPy expert form",
        "lazyarray (naive form) / bandwidth roofline",
    ];
    for (k, (label, color)) in legend.iter().zip(colors).enumerate() {
        let lx = left + 380.0 * k as f64;
        let _ = writeln!(
            s,
            "<rect x=\"{lx}\" y=\"56\" width=\"14\" height=\"12\" fill=\"{color}\"/>\
             <text x=\"{}\" y=\"67\">{label}</text>",
            lx + 20.0
        );
    }
    let bottom = top + row_h * rows.len() as f64;
    for e in lo..=hi {
        let gx = x(10f64.powi(e));
        let (stroke, w) = if e == 0 { ("#000", 1.5) } else { ("#ccc", 1.0) };
        let label = if e >= 0 {
            format!("{}×", 10u64.pow(e as u32))
        } else {
            format!("{}×", 10f64.powi(e))
        };
        let _ = writeln!(
            s,
            "<line x1=\"{gx:.1}\" y1=\"{top}\" x2=\"{gx:.1}\" y2=\"{bottom}\" stroke=\"{stroke}\" stroke-width=\"{w}\"/>\
             <text x=\"{gx:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#444\">{label}</text>\
             <text x=\"{gx:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#444\">{label}</text>",
            bottom + 16.0,
            top - 6.0
        );
    }
    let one = x(1.0);
    for (k, r) in rows.iter().enumerate() {
        let y0 = top + row_h * k as f64;
        if k % 2 == 1 {
            let _ = writeln!(
                s,
                "<rect x=\"0\" y=\"{y0}\" width=\"{left}\" height=\"{row_h}\" fill=\"#f3f3f3\"/>"
            );
        }
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-family=\"monospace\">{}</text>",
            left - 8.0,
            y0 + row_h / 2.0 + 4.0,
            xml_escape(r.case)
        );
        for (j, (v, color)) in [r.vs_expert(), r.vs_roofline()]
            .into_iter()
            .zip(colors)
            .enumerate()
        {
            let by = y0 + 4.0 + j as f64 * (bar_h + 2.0);
            match v {
                Some(v) if v > 0.0 => {
                    let vx = x(v);
                    let (bx, bw) = if vx >= one {
                        (one, vx - one)
                    } else {
                        (vx, one - vx)
                    };
                    let (tx, anchor) = if vx >= one {
                        (vx + 4.0, "start")
                    } else {
                        (vx - 4.0, "end")
                    };
                    let _ = writeln!(
                        s,
                        "<rect x=\"{bx:.1}\" y=\"{by:.1}\" width=\"{:.1}\" height=\"{bar_h}\" fill=\"{color}\"/>\
                         <text x=\"{tx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" font-size=\"10\">{}</text>",
                        bw.max(1.0),
                        by + bar_h - 2.0,
                        fmt_ratio(Some(v))
                    );
                }
                _ => {
                    let _ = writeln!(
                        s,
                        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"#888\">n/a</text>",
                        one + 4.0,
                        by + bar_h - 2.0
                    );
                }
            }
        }
    }
    s.push_str("</svg>\n");
    s
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

fn main() {
    let cfg = parse_args();
    let all = cases(cfg.quick);
    let selected: Vec<&Case> = all
        .iter()
        .filter(|c| cfg.only.is_empty() || cfg.only.iter().any(|n| n == c.name))
        .collect();
    let mode = if cfg.quick { "quick" } else { "full" };
    eprintln!(
        "recipe: {} case(s), {mode} size; measuring bandwidth…",
        selected.len()
    );

    let cpu_start = cpu_ticks();
    let bw = measure_bandwidth(cfg.quick);
    let bw_line = bw.summary();
    eprintln!("recipe: {bw_line}");
    let threads_line = format!(
        "threads: lazyarray {} (lazyarray::max_threads(), LAZYARRAY_THREADS), \
         OpenBLAS and numexpr their defaults, NumPy's own loops 1",
        lazyarray::max_threads()
    );

    let mut lazy = Vec::new();
    for c in &selected {
        let (r, bytes) = run_lazy(c, &cfg);
        match &r {
            Ok(m) => eprintln!(
                "recipe: {:<14} lazyarray {} (compile {:.2} ms)",
                c.name,
                fmt_ms(m.ms),
                m.compile_ms
            ),
            Err(e) => eprintln!("recipe: {:<14} lazyarray FAILED: {e}", c.name),
        }
        lazy.push((r, bytes));
    }

    eprintln!(
        "recipe: running the NumPy side ({})…",
        script_path().display()
    );
    let numpy = run_numpy(&selected, &cfg);
    let numpy_missing = numpy.missing();

    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for (c, (r, bytes)) in selected.iter().zip(lazy) {
        let np = numpy.case(c.name).cloned().unwrap_or_default();
        if let Some(e) = &np.error {
            notes.push(format!("{}: the NumPy script failed: {e}", c.name));
        }
        let roofline_basis = bw.basis(bytes, c.traffic);
        let roofline_ms = bw.roofline_ms(bytes, c.traffic);
        let (mut check, mut check_failed) = match (&r, &np.check) {
            (Ok(m), Some(npc)) => compare(&m.check, npc, m.dtype),
            (Err(_), _) => ("FAILED".into(), true),
            (Ok(_), None) => ("n/a".into(), false),
        };
        if let Ok(LazyResult {
            timed: Some(why), ..
        }) = &r
        {
            notes.push(format!(
                "{}: timed evaluations are not like the first: {why}",
                c.name
            ));
            check = format!("{check}; timed: see problems");
            check_failed = false; // reported above
        }
        let (lazy_ms, lazy_error, compile_ms, plan) = match r {
            Ok(m) => (Some(m.ms), None, Some(m.compile_ms), m.plan),
            Err(e) => {
                notes.push(format!("{}: lazyarray failed: {e}", c.name));
                (None, Some(e), None, PlanFigures::default())
            }
        };
        if check_failed && lazy_error.is_none() {
            notes.push(format!("{}: result differs from NumPy's: {check}", c.name));
        }
        rows.push(Row {
            case: c.name,
            form: c.form,
            lazy_ms,
            lazy_error,
            compile_ms,
            plan,
            numpy_naive_ms: np.naive_ms,
            numpy_expert_ms: np.expert_ms,
            expert_is_naive: np.expert_is_naive,
            numexpr_ms: np.numexpr_ms,
            roofline_ms,
            roofline_basis,
            check,
        });
    }

    println!();
    println!("lazyarray vs NumPy, the NumPy performance recipe ({mode} size)");
    println!("{bw_line}");
    println!("{threads_line}");
    match &numpy {
        Numpy::Ran {
            numpy,
            numexpr,
            numexpr_threads,
            ..
        } => println!(
            "numpy {numpy}; numexpr {}",
            match (numexpr, numexpr_threads) {
                (Some(v), Some(t)) => format!("{v} ({t} threads)"),
                (Some(v), None) => v.clone(),
                _ => "not installed (pip install numexpr)".into(),
            }
        ),
        Numpy::Unavailable(why) => println!("numpy: n/a ({why}); pip install numpy"),
    }
    let others = others_share(cpu_start, cpu_ticks());
    println!(
        "medians; lazyarray = build + eval of the naive form, compile time excluded (shown apart)"
    );
    match others {
        Some(o) if o > 0.05 => println!(
            "WARNING: other processes used {:.0}% of the machine's CPU during this run: times are noisy",
            o * 100.0
        ),
        Some(o) => println!(
            "other processes used {:.0}% of the machine's CPU during this run",
            o * 100.0
        ),
        None => {}
    }
    println!();
    print_table(&rows, numpy_missing, !numpy.has_numexpr());

    println!();
    println!(
        "forms (lazyarray runs the naive form; NumPy's naive form is the same expression) and roofline bases:"
    );
    for (r, c) in rows.iter().zip(&selected) {
        let np = numpy.case(c.name);
        println!("  {:<14} lazyarray: {}", r.case, r.form);
        println!("  {:<14} roofline: {}", "", r.roofline_basis);
        if let Some(np) = np {
            if let Some(e) = &np.expert_form {
                let same = if np.expert_is_naive {
                    "  (no better NumPy form: expert = naive)"
                } else {
                    ""
                };
                println!("  {:<14} numpy expert: {e}{same}", "");
            }
            if let Some(e) = &np.numexpr_form {
                println!("  {:<14} numexpr: {e}", "");
            }
        }
    }
    if cfg.quick {
        println!();
        println!(
            "note: quick sizes fit in the 32 MiB L3 cache, so times below the DRAM roofline are possible."
        );
    }
    if !notes.is_empty() {
        println!();
        println!("problems:");
        for n in &notes {
            println!("  {n}");
        }
    }

    let dir = target_dir().join("bench");
    let title = format!("lazyarray vs NumPy: the performance recipe ({mode} size)");
    let written = std::fs::create_dir_all(&dir)
        .and_then(|_| std::fs::write(dir.join("recipe.json"), to_json(&rows)))
        .and_then(|_| std::fs::write(dir.join("recipe.svg"), to_svg(&rows, &title)));
    match written {
        Ok(()) => println!(
            "\nwrote {} and {}",
            dir.join("recipe.json").display(),
            dir.join("recipe.svg").display()
        ),
        Err(e) => eprintln!("recipe: cannot write {}: {e}", dir.display()),
    }
}
