//! Finding the rewrite that changes a result.

use crate::array::Array;
use crate::error::Result;
use crate::options::{Options, Rule};
use lazyarray_ir::Scalar;

/// What [`bisect`] found.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Bisect {
    /// The optimized result equals the reference evaluator's.
    Agrees,
    /// Switching this rewrite off (the first, in rule order, that does so) makes the result
    /// equal the reference: the rewrite changed it.
    Culprit(Rule),
    /// The result differs even with every single rewrite off in turn: the difference comes
    /// from planning or code generation, or from several rewrites together.
    NotARewrite,
}

/// When an optimized result differs from the reference evaluator's (on the graph as written),
/// re-runs the evaluation with the rewrites switched off one at a time and names the first
/// that changes the result. Floats compare within `rtol` (relative), NaN equal to NaN.
///
/// ```
/// use lazyarray::{Array, Bisect, bisect};
/// let a = Array::random(&[100], 1);
/// assert_eq!(bisect(&(a.pow(2.0) + 1.0), 0.0).unwrap(), Bisect::Agrees);
/// ```
#[track_caller]
pub fn bisect(a: &Array, rtol: f64) -> Result<Bisect> {
    let want = values(&a.eval_reference()?)?;
    let agrees = |options: &Options| -> Result<bool> {
        let got = values(&a.eval_with(options)?)?;
        Ok(close(&got, &want, rtol))
    };
    if agrees(&Options::all())? {
        return Ok(Bisect::Agrees);
    }
    for rule in Rule::ALL {
        if agrees(&Options::all().disable(rule))? {
            return Ok(Bisect::Culprit(rule));
        }
    }
    Ok(Bisect::NotARewrite)
}

/// The elements of an evaluated array, in C order.
fn values(a: &Array) -> Result<Vec<Scalar>> {
    let (buffer, view) = a.materialized().expect("evaluated arrays are materialized");
    let out = view.offsets().map(|o| buffer.get(o)).collect();
    Ok(out)
}

fn close(a: &[Scalar], b: &[Scalar], rtol: f64) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(&x, &y)| {
            if x == y || (x.is_nan() && y.is_nan()) {
                return true;
            }
            let (x, y) = (x.to_f64(), y.to_f64());
            (x - y).abs() <= rtol * x.abs().max(y.abs())
        })
}
