//! Reductions, and every property of each in one place: NumPy's names, the dtype rule, the
//! identity and neutral value, and the binary op that combines two partial results.
//!
//! The code generator, the executor's combination of per-thread partials, the masked-reduction
//! rewrite and the reference evaluator all ask these tables; adding a reduction is a change to
//! this file plus its API method and its tests.

use crate::op::BinaryOp;
use crate::{DType, Scalar};

/// Reductions over a set of axes.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum ReduceOp {
    /// `np.sum` (identity 0).
    Sum,
    /// `np.prod` (identity 1).
    Prod,
    /// `np.min` (no identity; NaN propagates).
    Min,
    /// `np.max` (no identity; NaN propagates).
    Max,
    /// `np.any` on bool (identity false).
    Any,
    /// `np.all` on bool (identity true).
    All,
    /// `np.argmin` over one axis → int64 (first occurrence; first NaN wins).
    ArgMin,
    /// `np.argmax` over one axis → int64 (first occurrence; first NaN wins).
    ArgMax,
}

impl ReduceOp {
    /// Every reduction, in declaration order (tests enumerate it).
    pub const ALL: [ReduceOp; 8] = {
        use ReduceOp::*;
        [Sum, Prod, Min, Max, Any, All, ArgMin, ArgMax]
    };

    /// NumPy's name.
    pub fn name(self) -> &'static str {
        match self {
            ReduceOp::Sum => "sum",
            ReduceOp::Prod => "prod",
            ReduceOp::Min => "min",
            ReduceOp::Max => "max",
            ReduceOp::Any => "any",
            ReduceOp::All => "all",
            ReduceOp::ArgMin => "argmin",
            ReduceOp::ArgMax => "argmax",
        }
    }

    /// NumPy's ufunc name for the "no identity" message (`maximum`, `minimum`).
    pub fn ufunc_name(self) -> &'static str {
        match self {
            ReduceOp::Min => "minimum",
            ReduceOp::Max => "maximum",
            ReduceOp::Sum
            | ReduceOp::Prod
            | ReduceOp::Any
            | ReduceOp::All
            | ReduceOp::ArgMin
            | ReduceOp::ArgMax => self.name(),
        }
    }

    /// The result dtype for an input of `dtype` (graph level: the API has already cast to the
    /// accumulation dtype), or `None` if the reduction is not defined on it.
    pub fn result_dtype(self, dtype: DType) -> Option<DType> {
        match self {
            ReduceOp::Sum | ReduceOp::Prod => (!dtype.is_bool()).then_some(dtype),
            ReduceOp::Any | ReduceOp::All => dtype.is_bool().then_some(dtype),
            ReduceOp::Min | ReduceOp::Max => Some(dtype),
            ReduceOp::ArgMin | ReduceOp::ArgMax => Some(DType::I64),
        }
    }

    /// Whether compiled code folds the reduction in 128-bit vector accumulators (not the bool
    /// reductions, whose lanes would be masks, nor argmin/argmax, which track a position).
    pub fn vectorizes(self) -> bool {
        match self {
            ReduceOp::Sum | ReduceOp::Prod | ReduceOp::Min | ReduceOp::Max => true,
            ReduceOp::Any | ReduceOp::All | ReduceOp::ArgMin | ReduceOp::ArgMax => false,
        }
    }

    /// NumPy's name for the running form of the reduction (`np.cumsum`, `np.cumprod`), or
    /// `None` for a reduction lazyarray does not scan.
    pub fn scan_name(self) -> Option<&'static str> {
        match self {
            ReduceOp::Sum => Some("cumsum"),
            ReduceOp::Prod => Some("cumprod"),
            ReduceOp::Min
            | ReduceOp::Max
            | ReduceOp::Any
            | ReduceOp::All
            | ReduceOp::ArgMin
            | ReduceOp::ArgMax => None,
        }
    }

    /// True for argmin/argmax (one axis, an int64 position as the result).
    pub fn is_arg(self) -> bool {
        matches!(self, ReduceOp::ArgMin | ReduceOp::ArgMax)
    }

    /// The value of a reduction over no elements, if the op has one (NumPy raises for the
    /// others).
    pub fn identity(self, dtype: DType) -> Option<Scalar> {
        match self {
            ReduceOp::Sum => Some(Scalar::zero(dtype)),
            ReduceOp::Prod => Some(Scalar::one(dtype)),
            ReduceOp::Any => Some(Scalar::Bool(false)),
            ReduceOp::All => Some(Scalar::Bool(true)),
            ReduceOp::Min | ReduceOp::Max | ReduceOp::ArgMin | ReduceOp::ArgMax => None,
        }
    }

    /// The value that leaves the reduction unchanged when folded in: the identity, or for
    /// min/max the value no element loses to (`-inf` for a float max, `i64::MIN` for an int
    /// max, …). Accumulators start from it; `None` for argmin/argmax, which track a position.
    pub fn neutral(self, dtype: DType) -> Option<Scalar> {
        match self {
            ReduceOp::Sum | ReduceOp::Prod | ReduceOp::Any | ReduceOp::All => self.identity(dtype),
            ReduceOp::Max => Some(Scalar::lowest(dtype)),
            ReduceOp::Min => Some(Scalar::highest(dtype)),
            ReduceOp::ArgMin | ReduceOp::ArgMax => None,
        }
    }

    /// The binary op that folds an element (or a partial result) into an accumulator, with
    /// NumPy's fold semantics (`maximum(acc, v)` keeps a NaN `acc`); `None` for argmin/argmax,
    /// whose fold also tracks a position.
    pub fn combining(self) -> Option<BinaryOp> {
        match self {
            ReduceOp::Sum => Some(BinaryOp::Add),
            ReduceOp::Prod => Some(BinaryOp::Mul),
            ReduceOp::Max => Some(BinaryOp::Max),
            ReduceOp::Min => Some(BinaryOp::Min),
            ReduceOp::Any => Some(BinaryOp::BitOr),
            ReduceOp::All => Some(BinaryOp::BitAnd),
            ReduceOp::ArgMin | ReduceOp::ArgMax => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::op::binary;

    /// Folding the neutral value into any element gives the element back.
    #[test]
    fn neutral_values_are_neutral() {
        let samples = [
            Scalar::Bool(true),
            Scalar::Bool(false),
            Scalar::I32(-3),
            Scalar::I32(i32::MAX),
            Scalar::I64(i64::MIN),
            Scalar::I8(-128),
            Scalar::U8(255),
            Scalar::U16(7),
            Scalar::U64(u64::MAX),
            Scalar::F32(-2.5),
            Scalar::F64(7.0),
            Scalar::F64(f64::INFINITY),
        ];
        for op in ReduceOp::ALL {
            let Some(fold) = op.combining() else {
                assert!(op.is_arg());
                continue;
            };
            for x in samples {
                let d = x.dtype();
                if op.result_dtype(d) != Some(d) {
                    continue;
                }
                let n = op.neutral(d).expect("a combining op has a neutral value");
                assert_eq!(binary::apply(fold, n, x), x, "{op:?}: {n:?} with {x:?}");
            }
        }
    }
}
