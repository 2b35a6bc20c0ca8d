//! A case's row of the report: lazyarray's measurement, NumPy's, the roofline, the check, and
//! the problems worth listing after the table.

use crate::cases::Case;
use crate::measure::LazyResult;
use crate::measure::checksum::compare;
use crate::measure::plan::PlanFigures;
use crate::numpy::NumpyCase;
use crate::roofline::Bandwidth;

/// One case's figures, as the table, the JSON and the chart show them.
pub struct Row {
    /// The case's name.
    pub case: &'static str,
    /// The lazyarray (naive) form.
    pub form: &'static str,
    /// lazyarray's median time, in milliseconds (`None`: it failed).
    pub lazy_ms: Option<f64>,
    /// Why lazyarray failed.
    pub lazy_error: Option<String>,
    /// The warm-up's compile time, in milliseconds.
    pub compile_ms: Option<f64>,
    /// The plan's kernels, allocations and bytes, and NumPy's eager ones.
    pub plan: PlanFigures,
    /// NumPy's naive form, in milliseconds.
    pub numpy_naive_ms: Option<f64>,
    /// NumPy's expert form, in milliseconds.
    pub numpy_expert_ms: Option<f64>,
    /// NumPy has no better form: the expert time is the naive one.
    pub expert_is_naive: bool,
    /// numexpr's time, in milliseconds.
    pub numexpr_ms: Option<f64>,
    /// The bandwidth roofline, in milliseconds (0: the answer can be a view).
    pub roofline_ms: Option<f64>,
    /// What the roofline is made of: bytes and bandwidth.
    pub roofline_basis: String,
    /// The check column: lazyarray's result against NumPy's, and the timed evaluations'.
    pub check: String,
}

impl Row {
    /// Joins a case's measurements into its row: `r` and `bytes` from lazyarray's side, `np`
    /// from NumPy's (default: not run), the roofline from `bw`. Failures and differing results
    /// are added to `notes`.
    pub fn new(
        c: &Case,
        r: Result<LazyResult, String>,
        bytes: f64,
        np: NumpyCase,
        bw: &Bandwidth,
        notes: &mut Vec<String>,
    ) -> Row {
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
        Row {
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
        }
    }

    /// lazyarray's time over NumPy's expert form's.
    pub fn vs_expert(&self) -> Option<f64> {
        ratio(self.lazy_ms, self.numpy_expert_ms)
    }

    /// lazyarray's time over the roofline.
    pub fn vs_roofline(&self) -> Option<f64> {
        ratio(self.lazy_ms, self.roofline_ms)
    }
}

/// `a / b` when both are finite and `b` is positive.
fn ratio(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 && a.is_finite() && b.is_finite() => Some(a / b),
        _ => None,
    }
}
