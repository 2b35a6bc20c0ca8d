//! The command line: `--quick` and the case names to run, and what they set (samples per
//! measurement, the length of a sample).

use crate::cases::CASE_NAMES;

/// What the command line asked for.
pub struct Config {
    /// `--quick`: smaller sizes, fewer samples, shorter samples.
    pub quick: bool,
    /// Case names to run; empty: all.
    pub only: Vec<String>,
}

impl Config {
    /// Samples per measurement (cases slower than [`SLOW_CALL_S`] per call get at most
    /// [`SLOW_RUNS`]).
    pub fn runs(&self) -> usize {
        if self.quick { 5 } else { 15 }
    }

    /// A sample of a fast case repeats its call until it lasts this long (seconds).
    pub fn target_sample_s(&self) -> f64 {
        if self.quick { 0.001 } else { 0.005 }
    }
}

/// A case whose one call takes longer than this (seconds) is slow: it gets at most
/// [`SLOW_RUNS`] samples.
pub const SLOW_CALL_S: f64 = 0.1;
/// The most samples a slow case (see [`SLOW_CALL_S`]) gets.
pub const SLOW_RUNS: usize = 7;

/// Reads the command line: `--quick`, `--help` (prints the usage and the case names, and
/// exits), case names (an unknown one exits with status 2); `--bench`, which `cargo bench`
/// passes, is accepted and ignored, and so, with a warning, is any other option.
pub fn parse_args() -> Config {
    let mut cfg = Config {
        quick: false,
        only: Vec::new(),
    };
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--quick" => cfg.quick = true,
            // `cargo bench` passes `--bench` to every bench binary.
            "--bench" => {}
            "-h" | "--help" => {
                println!(
                    "usage: cargo bench --bench recipe -- [--quick] [CASE...]\ncases: {}",
                    CASE_NAMES.join(" ")
                );
                std::process::exit(0);
            }
            a if a.starts_with('-') => eprintln!("recipe: ignoring unknown option {a}"),
            name => {
                if !CASE_NAMES.contains(&name) {
                    eprintln!(
                        "recipe: no case named {name:?}; cases: {}",
                        CASE_NAMES.join(" ")
                    );
                    std::process::exit(2);
                }
                cfg.only.push(name.to_string());
            }
        }
    }
    cfg
}
