//! The NumPy side: runs `benches/recipe_numpy.py` (with `python3`, or `$RECIPE_PYTHON`) on the
//! selected cases' sizes, and reads what it measured from the JSON it prints.

use crate::args::Config;
use crate::cases::Case;
use crate::measure::checksum::Checksum;
use json::{Json, Parser};
use std::path::PathBuf;
use std::process::{Command, Stdio};

mod json;

/// What the NumPy script measured for one case.
#[derive(Clone, Debug, Default)]
pub struct NumpyCase {
    /// The naive form's median time, in milliseconds.
    pub naive_ms: Option<f64>,
    /// The expert form's median time, in milliseconds (the naive time when NumPy has no better
    /// form).
    pub expert_ms: Option<f64>,
    /// NumPy has no better form than the naive one: the expert time is the naive time.
    pub expert_is_naive: bool,
    /// numexpr's median time, in milliseconds (for the fused cases, when numexpr is installed).
    pub numexpr_ms: Option<f64>,
    /// The expert form's statement.
    pub expert_form: Option<String>,
    /// numexpr's statement.
    pub numexpr_form: Option<String>,
    /// The checksum of NumPy's naive result.
    pub check: Option<Checksum>,
    /// Why the script could not run the case.
    pub error: Option<String>,
}

/// What the NumPy side gave: its measurements, or why there are none.
pub enum Numpy {
    /// numpy (or python3) is missing, or the script failed: why.
    Unavailable(String),
    /// The script ran.
    Ran {
        /// numpy's version.
        numpy: String,
        /// numexpr's version (`None`: not installed).
        numexpr: Option<String>,
        /// The threads numexpr uses.
        numexpr_threads: Option<f64>,
        /// Each case's measurements, by name.
        cases: Vec<(String, NumpyCase)>,
    },
}

impl Numpy {
    /// What the script measured for the case `name`, if it ran it.
    pub fn case(&self, name: &str) -> Option<&NumpyCase> {
        match self {
            Numpy::Ran { cases, .. } => cases.iter().find(|(n, _)| n == name).map(|(_, c)| c),
            Numpy::Unavailable(_) => None,
        }
    }

    /// Why there are no NumPy measurements (`None`: the script ran).
    pub fn missing(&self) -> Option<&str> {
        match self {
            Numpy::Unavailable(why) => Some(why),
            Numpy::Ran { .. } => None,
        }
    }

    /// Whether the script found numexpr.
    pub fn has_numexpr(&self) -> bool {
        matches!(
            self,
            Numpy::Ran {
                numexpr: Some(_),
                ..
            }
        )
    }
}

/// The NumPy script, `benches/recipe_numpy.py` in the package.
pub fn script_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/recipe_numpy.py")
}

/// Runs the NumPy script on `cases` (each with its sizes and [`Config::runs`] samples, and
/// `--check` for the checksums); its standard error goes to ours.
pub fn run_numpy(cases: &[&Case], cfg: &Config) -> Numpy {
    let python = std::env::var("RECIPE_PYTHON").unwrap_or_else(|_| "python3".into());
    let mut cmd = Command::new(&python);
    cmd.arg(script_path()).arg("--check");
    for c in cases {
        let dims: Vec<String> = c.dims.iter().map(|d| d.to_string()).collect();
        cmd.arg("--case")
            .arg(format!("{}:{}:{}", c.name, dims.join("x"), cfg.runs()));
    }
    let output = match cmd.stderr(Stdio::inherit()).output() {
        Ok(o) => o,
        Err(e) => return Numpy::Unavailable(format!("cannot run {python}: {e}")),
    };
    if !output.status.success() {
        return Numpy::Unavailable(format!(
            "{python} {} failed ({})",
            script_path().display(),
            output.status
        ));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let json = match Parser::parse(text.trim()) {
        Ok(j) => j,
        Err(e) => return Numpy::Unavailable(format!("unreadable output of the NumPy script: {e}")),
    };
    if let Some(e) = json.get("error").and_then(Json::str) {
        return Numpy::Unavailable(e.to_string());
    }
    let mut out = Vec::new();
    if let Some(Json::Obj(fields)) = json.get("cases") {
        for (name, v) in fields {
            let check = v.get("check").map(|c| Checksum {
                shape: match c.get("shape") {
                    Some(Json::Arr(dims)) => dims
                        .iter()
                        .map(|d| d.num().unwrap_or(-1.0) as usize)
                        .collect(),
                    _ => Vec::new(),
                },
                sum: c.get("sum").and_then(Json::num).unwrap_or(f64::NAN),
                wsum: c.get("wsum").and_then(Json::num).unwrap_or(f64::NAN),
                asum: c.get("asum").and_then(Json::num).unwrap_or(f64::NAN),
            });
            out.push((
                name.clone(),
                NumpyCase {
                    naive_ms: v.get("naive_ms").and_then(Json::num),
                    expert_ms: v.get("expert_ms").and_then(Json::num),
                    expert_is_naive: v
                        .get("expert_is_naive")
                        .and_then(Json::bool)
                        .unwrap_or(false),
                    numexpr_ms: v.get("numexpr_ms").and_then(Json::num),
                    expert_form: v.get("expert").and_then(Json::str).map(str::to_string),
                    numexpr_form: v.get("numexpr").and_then(Json::str).map(str::to_string),
                    check,
                    error: v.get("error").and_then(Json::str).map(str::to_string),
                },
            ));
        }
    }
    Numpy::Ran {
        numpy: json
            .get("numpy")
            .and_then(Json::str)
            .unwrap_or("?")
            .to_string(),
        numexpr: json.get("numexpr").and_then(Json::str).map(str::to_string),
        numexpr_threads: json.get("numexpr_threads").and_then(Json::num),
        cases: out,
    }
}
