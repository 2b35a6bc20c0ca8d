//! Measuring lazyarray: a case's warm-up (which compiles its kernels and gives the result
//! checked against NumPy's), calibration, timed samples, and the check that the timed
//! evaluations computed what the warm-up did.

use crate::args::{Config, SLOW_CALL_S, SLOW_RUNS};
use crate::cases::Case;
use checksum::{Checksum, checksum, compare_exact};
use lazyarray::{Array, DType};
use plan::{PlanFigures, plan_figures};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

pub mod checksum;
pub mod plan;

/// What lazyarray's side of a case measured.
pub struct LazyResult {
    /// Median time of one call (build and evaluate), in milliseconds.
    pub ms: f64,
    /// The warm-up's compile time, in milliseconds (0 when the kernels were cached).
    pub compile_ms: f64,
    /// The plan of a timed call.
    pub plan: PlanFigures,
    /// The warm-up result's checksum, compared with NumPy's.
    pub check: Checksum,
    /// The result's element type (it sets the tolerance against NumPy).
    pub dtype: DType,
    /// How a timed call's result differs from the warm-up's, if it does.
    pub timed: Option<String>,
}

/// The median of `v` (the mean of the middle two for an even count).
fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

/// Times `case` on its evaluated `inputs`: an untimed warm-up (compiling the kernels, giving
/// the result checked against NumPy's and the compile time), a calibration call that sets the
/// calls per sample, then [`Config::runs`] samples (at most [`SLOW_RUNS`] for a case slower
/// than [`SLOW_CALL_S`] per call), checking that the timed calls launched the warm-up's kernels
/// and computed its result.
fn measure_lazy(case: &Case, inputs: &[Array], cfg: &Config) -> Result<LazyResult, String> {
    let dims = &case.dims;
    let err = |e: lazyarray::Error| e.to_string();
    // One call: build from the current state and evaluate. `a = a * 2` moves input 0 into the
    // expression and rebinds it to the result (returned as `None`: holding on to it would keep
    // the next call from finding its input unshared).
    // Kernel launches of all timed calls: a call that launched nothing reused an earlier
    // result instead of computing (reported, as the time then is not the computation's).
    let launches = std::cell::Cell::new(0usize);
    let call = |state: &mut Vec<Array>| -> Result<Option<Array>, String> {
        let (out, report) = match case.rebind {
            Some(f) => {
                let a = std::mem::replace(&mut state[0], Array::scalar(0.0));
                let (out, report) = f(a).eval_with_report().map_err(err)?;
                state[0] = out;
                (None, report)
            }
            None => {
                let (out, report) = (case.build)(state, dims).eval_with_report().map_err(err)?;
                (Some(out), report)
            }
        };
        launches.set(launches.get() + report.launches);
        Ok(out)
    };

    // Warm-up: compiles (unless an earlier case compiled the same kernels). It also gives the
    // result checked against NumPy's, computed from the pristine inputs.
    let (out, report) = (case.build)(inputs, dims).eval_with_report().map_err(err)?;
    let compile_ms = report.compile_ms;
    let check = checksum(&out).map_err(err)?;
    let dtype = out.dtype();
    drop(out);
    let mut plan = plan_figures(&(case.build)(inputs, dims));
    let mut state = inputs.to_vec();
    if case.rebind.is_some() {
        // The first `a = a * 2` reads the pristine input, which `inputs` still holds; the
        // timed calls are the ones after it, whose input nothing else holds.
        call(&mut state)?;
    }

    // Calibrate: calls per sample so a sample lasts at least the target.
    let t = Instant::now();
    drop(call(&mut state)?);
    let once = t.elapsed().as_secs_f64();
    let mut number = if once < cfg.target_sample_s() {
        ((cfg.target_sample_s() / once.max(1e-9)).ceil() as usize).clamp(1, 1_000_000)
    } else {
        1
    };
    let runs = if once > SLOW_CALL_S {
        cfg.runs().min(SLOW_RUNS)
    } else {
        cfg.runs()
    };
    if case.rebind.is_some() {
        // Repeated doubling: stay far from overflow (2^1024) over all calls.
        number = number.min(600 / (runs + 1)).max(1);
    }

    let mut samples = Vec::with_capacity(runs);
    let mut kept = None;
    launches.set(0);
    for _ in 0..runs {
        let t = Instant::now();
        let mut last = None;
        for _ in 0..number {
            last = call(&mut state)?;
        }
        let secs = t.elapsed().as_secs_f64();
        kept = last;
        samples.push(secs / number as f64 * 1e3);
    }

    // The timed calls must compute what the warm-up did: the same launches, and the last
    // one's result is checked too.
    let calls = runs * number;
    let mut timed_notes = Vec::new();
    if launches.get() != calls * report.launches {
        timed_notes.push(format!(
            "the timed evaluations launched {} kernels in {calls} calls; the first evaluation \
             launched {} (a call that launches nothing reused an earlier result)",
            launches.get(),
            report.launches
        ));
    }
    let differs = match case.rebind {
        // `a` was doubled by the untimed first call, the calibration call and every timed
        // call; the check is of one doubling. Scaling by a power of two is exact.
        Some(_) => {
            let doublings = 2 + runs * number;
            let got = checksum(&state[0]).map_err(err)?;
            let k = 2f64.powi(doublings as i32 - 1);
            let want = Checksum {
                shape: check.shape.clone(),
                sum: check.sum * k,
                wsum: check.wsum * k,
                asum: check.asum * k,
            };
            compare_exact(&got, &want)
        }
        None => match &kept {
            Some(out) => compare_exact(&checksum(out).map_err(err)?, &check),
            None => None,
        },
    };
    drop(kept);
    timed_notes.extend(differs.map(|d| format!("its result differs: {d}")));
    let timed = (!timed_notes.is_empty()).then(|| timed_notes.join("; "));
    if let Some(f) = case.rebind {
        // The plan of a timed call: input 0 held by the expression alone.
        let a = std::mem::replace(&mut state[0], Array::scalar(0.0));
        plan = plan_figures(&f(a));
    }
    Ok(LazyResult {
        ms: median(samples),
        compile_ms,
        plan,
        check,
        dtype,
        timed,
    })
}

/// Runs a case's lazyarray side, turning a panic into an error message; also returns the bytes
/// the case must move at minimum (NaN when it panicked).
pub fn run_lazy(case: &Case, cfg: &Config) -> (Result<LazyResult, String>, f64) {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let inputs = (case.inputs)(&case.dims);
        let bytes = (case.bytes)(&inputs, &case.dims);
        (measure_lazy(case, &inputs, cfg), bytes)
    }));
    match outcome {
        Ok(r) => r,
        Err(p) => {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            (Err(format!("panicked: {msg}")), f64::NAN)
        }
    }
}
