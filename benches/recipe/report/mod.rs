//! The report: one row per case joining lazyarray's, NumPy's and the roofline's figures, and
//! its three forms: the text table on stdout, `target/bench/recipe.json` and
//! `target/bench/recipe.svg`.

use crate::numpy::Numpy;
use row::Row;
use std::path::PathBuf;

pub mod json;
pub mod row;
pub mod svg;
pub mod text;

/// Everything the report shows.
pub struct Report<'a> {
    /// `quick` or `full`: the sizes the cases ran at.
    pub mode: &'static str,
    /// The cases ran at the quick sizes (which fit in the cache).
    pub quick: bool,
    /// The measured bandwidths ([`crate::roofline::Bandwidth::summary`]).
    pub bandwidth: String,
    /// The threads lazyarray, OpenBLAS, numexpr and NumPy use.
    pub threads: String,
    /// What the NumPy side gave.
    pub numpy: &'a Numpy,
    /// The share of the machine's CPU other processes used during the run.
    pub others: Option<f64>,
    /// One row per case, in the order they ran.
    pub rows: Vec<Row>,
    /// Problems to list after the table: failures, differing results.
    pub notes: Vec<String>,
}

/// A duration given in milliseconds, with three significant digits and a fitting unit.
pub fn fmt_ms(ms: f64) -> String {
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

/// A ratio such as `1.23×`: three significant digits from 1 up, two below 1, `n/a` for none.
pub fn fmt_ratio(r: Option<f64>) -> String {
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

/// Cargo's target directory: `$CARGO_TARGET_DIR`, else `target/` in the package.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// Writes `bench/recipe.json` and `bench/recipe.svg` in the target directory and says where
/// (or, on standard error, why not).
pub fn write_files(report: &Report) {
    let dir = target_dir().join("bench");
    let title = format!(
        "lazyarray vs NumPy: the performance recipe ({} size)",
        report.mode
    );
    let written = std::fs::create_dir_all(&dir)
        .and_then(|_| std::fs::write(dir.join("recipe.json"), json::to_json(&report.rows)))
        .and_then(|_| std::fs::write(dir.join("recipe.svg"), svg::to_svg(&report.rows, &title)));
    match written {
        Ok(()) => println!(
            "\nwrote {} and {}",
            dir.join("recipe.json").display(),
            dir.join("recipe.svg").display()
        ),
        Err(e) => eprintln!("recipe: cannot write {}: {e}", dir.display()),
    }
}
