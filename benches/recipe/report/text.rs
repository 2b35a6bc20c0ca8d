//! The text report on stdout: the run's conditions (bandwidth, threads, versions, other load),
//! the table, the forms and roofline bases of every case, and the problems found.

use super::row::Row;
use super::{Report, fmt_ms, fmt_ratio};
use crate::numpy::Numpy;

/// Prints the report after the measurements: the run's conditions, the table, each case's
/// forms and roofline basis, a note on quick sizes, and the problems.
pub fn print(report: &Report) {
    let Report {
        mode,
        quick,
        bandwidth,
        threads,
        numpy,
        others,
        rows,
        notes,
    } = report;
    println!();
    println!("lazyarray vs NumPy, the NumPy performance recipe ({mode} size)");
    println!("{bandwidth}");
    println!("{threads}");
    match numpy {
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
    println!(
        "medians; lazyarray = build + eval of the naive form, compile time excluded (shown apart)"
    );
    match others {
        Some(o) if *o > 0.05 => println!(
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
    print_table(rows, numpy.missing(), !numpy.has_numexpr());

    println!();
    println!(
        "forms (lazyarray runs the naive form; NumPy's naive form is the same expression) and roofline bases:"
    );
    for r in rows {
        let np = numpy.case(r.case);
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
    if *quick {
        println!();
        println!(
            "note: quick sizes fit in the 32 MiB L3 cache, so times below the DRAM roofline are possible."
        );
    }
    if !notes.is_empty() {
        println!();
        println!("problems:");
        for n in notes {
            println!("  {n}");
        }
    }
}

/// `3 (5)`: this plan's count, then NumPy's eager one.
fn with_naive(ours: Option<usize>, naive: Option<usize>) -> String {
    match (ours, naive) {
        (Some(k), Some(n)) => format!("{k} ({n})"),
        (Some(k), None) => k.to_string(),
        _ => "n/a".into(),
    }
}

/// Prints the table, one row per case; `numpy_missing` says why the NumPy columns are empty,
/// `numexpr_missing` that the fused cases' numexpr column is.
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

/// The cases numexpr can evaluate (the fused expressions).
fn is_fused(case: &str) -> bool {
    matches!(
        case,
        "poly" | "triad" | "blend" | "sumsq" | "norm" | "softmax"
    )
}
