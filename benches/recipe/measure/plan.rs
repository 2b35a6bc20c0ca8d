//! Plan figures: what `explain()` says the plan of an expression does, next to what NumPy's
//! eager evaluation of the same expression would do.

use lazyarray::Array;

/// What the plan of an expression does: kernels, allocations and bytes moved, and the same for
/// the expression run as written (one kernel and one buffer per operation, NumPy's way).
#[derive(Clone, Debug, Default)]
pub struct PlanFigures {
    /// Kernels this plan launches.
    pub kernels: Option<usize>,
    /// Buffers this plan allocates.
    pub allocations: Option<usize>,
    /// Bytes this plan reads and writes.
    pub bytes_moved: Option<f64>,
    /// Kernels of the expression run as written.
    pub naive_kernels: Option<usize>,
    /// Buffers of the expression run as written.
    pub naive_allocations: Option<usize>,
    /// Bytes moved by the expression run as written.
    pub naive_bytes_moved: Option<f64>,
}

/// The plan figures of `expr` from `explain()`: this plan's kernels, allocations and bytes
/// moved, and the same for NumPy's eager evaluation (one kernel and one result buffer per
/// operation).
pub fn plan_figures(expr: &Array) -> PlanFigures {
    let plan = expr.explain();
    PlanFigures {
        kernels: Some(plan.totals.kernels),
        allocations: Some(plan.totals.allocations),
        bytes_moved: Some(plan.totals.bytes_moved as f64),
        naive_kernels: Some(plan.naive.kernels),
        naive_allocations: Some(plan.naive.allocations),
        naive_bytes_moved: Some(plan.naive.bytes_moved as f64),
    }
}
