//! Evaluation: turning lazy arrays into data.
//!
//! `eval` lowers the arrays' DAG to a graph, plans kernels over it, compiles them (or finds
//! them in the cache) and runs them. Each evaluated array remembers its value, so evaluating it
//! again — or anything built from it — starts from the computed buffer. `explain()` plans the
//! same way and hands the schedule to `explain` to describe: this module uses `explain`, never
//! the other way round.

use crate::array::{Array, Base, Node};
use crate::compile::compile;
use crate::debug;
use crate::element::Element;
use crate::error::{Error, Result};
use crate::explain;
use crate::explain::{Plan, Totals};
use crate::lower::{Lowered, Memos, Walk, data_gathers_to_takes, fingerprint, lower, walk};
use crate::opt::{self, Env, Fired};
use crate::options::Options;
use crate::plan::{self, Schedule};
use crate::plan_cache;
use crate::reference;
use crate::runtime::executor::{self, EvalReport};
use crate::storage::access::{self, Admission, Busy};
use crate::storage::buffer::Buffer;
use lazyarray_ir::{ErrorKind, Op};
use std::panic::Location;
use std::sync::Arc;
use std::sync::atomic::Ordering;

/// Evaluates several arrays together, sharing the work they have in common. NumPy has no
/// equivalent (it is always eager); use it when outputs share inputs (`mean` and `std` of one
/// expression).
///
/// ```
/// use lazyarray::{Array, eval};
/// let x = Array::arange(0.0, 4.0, 1.0) * 2.0;
/// let [s, m] = eval(&[&x.sum(), &x.max()]).unwrap().try_into().unwrap();
/// assert_eq!((s.item::<f64>().unwrap(), m.item::<f64>().unwrap()), (12.0, 6.0));
/// ```
#[track_caller]
pub fn eval(arrays: &[&Array]) -> Result<Vec<Array>> {
    Ok(evaluate(arrays, Location::caller(), &Options::default(), Memos::Use)?.0)
}

/// Evaluates `arrays` and reports what it took (kernels launched and compiled, allocations).
#[track_caller]
pub fn eval_with_report(arrays: &[&Array]) -> Result<(Vec<Array>, EvalReport)> {
    evaluate(arrays, Location::caller(), &Options::default(), Memos::Use)
}

/// Evaluates `arrays` from scratch with the rewrites `options` enables (earlier results of
/// these arrays are neither used nor replaced).
#[track_caller]
pub fn eval_with(arrays: &[&Array], options: &Options) -> Result<Vec<Array>> {
    Ok(evaluate(arrays, Location::caller(), options, Memos::Ignore)?.0)
}

thread_local! {
    /// The plan-cache key of this thread's last evaluation, kept for its memory.
    static KEY: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

fn evaluate(
    arrays: &[&Array],
    origin: &'static Location<'static>,
    options: &Options,
    memos: Memos,
) -> Result<(Vec<Array>, EvalReport)> {
    if memos == Memos::Use
        && let Some(done) = arrays
            .iter()
            .map(|a| already(a, origin))
            .collect::<Option<Vec<Array>>>()
    {
        return Ok((done, EvalReport::default()));
    }
    let nodes: Vec<Arc<Node>> = arrays
        .iter()
        .map(|a| a.node().map(Arc::clone))
        .collect::<Result<_>>()?;
    let refs: Vec<&Arc<Node>> = nodes.iter().collect();
    admitted(&refs, memos, |w, admission| {
        evaluate_walk(w, admission, &nodes, &refs, origin, options, memos)
    })
}

/// Walks `outputs`, takes the evaluation's leases and claims (`storage::access`) and runs `f`
/// while holding them. When another evaluation holds a buffer this one needs, everything is
/// given back, and after that evaluation releases something the walk starts again (it then
/// finds the results that evaluation remembered).
fn admitted<T>(
    outputs: &[&Arc<Node>],
    memos: Memos,
    f: impl FnOnce(&Walk, &Admission) -> Result<T>,
) -> Result<T> {
    loop {
        let seen = access::releases();
        let w = walk(outputs, memos)?;
        match access::admit(w.buffers(), w.reusable_buffers()) {
            // Another evaluation may have finished between the walk and the admission.
            Ok(admission) => {
                if w.settled()? {
                    return f(&w, &admission);
                }
            }
            Err(Busy) => access::wait_for_release(seen),
        }
    }
}

/// Plans (or finds the cached plan of) an admitted walk and runs it.
fn evaluate_walk(
    w: &Walk,
    admission: &Admission,
    nodes: &[Arc<Node>],
    refs: &[&Arc<Node>],
    origin: &'static Location<'static>,
    options: &Options,
    memos: Memos,
) -> Result<(Vec<Array>, EvalReport)> {
    let debug = debug::level();
    // The plan cache serves the normal path (not `eval_with`, which plans from scratch, nor a
    // debug level that prints the graph as written).
    let cached = (memos == Memos::Use && debug < 3)
        .then(|| fingerprint(w, refs, options, KEY.with(|k| k.take())));
    // The key's memory goes back for the next evaluation on this thread.
    let recycle = |key: Vec<u8>| KEY.with(|k| k.replace(key));
    if let Some(f) = &cached
        && let Some(plan) = plan_cache::get(&f.key)
    {
        let bound = plan.bind(&f.buffers);
        let (done, report) = execute(
            &plan.schedule,
            bound,
            admission,
            nodes,
            w,
            plan.rewrites,
            origin,
            memos,
        )?;
        if debug >= 1 {
            print_debug(debug, origin, &report);
        }
        if let Some(f) = cached {
            recycle(f.key);
        }
        return Ok((done, report));
    }
    let prepared = plan_walk(w, refs, options, debug >= 3)?;
    if let Some(f) = cached {
        plan_cache::put(
            f.key.clone(),
            &prepared.schedule,
            &f.buffers,
            f.by_identity,
            prepared.fired.len(),
        );
        recycle(f.key);
    }
    let bound = prepared.schedule.bound();
    let (done, report) = execute(
        &prepared.schedule,
        bound,
        admission,
        nodes,
        w,
        prepared.fired.len(),
        origin,
        memos,
    )?;
    if debug >= 1 {
        print_debug(debug, origin, &report);
    }
    if debug >= 3 {
        eprintln!("{}", prepared.describe(Some(report.clone())));
    }
    Ok((done, report))
}

/// An evaluation planned but not yet run.
pub(crate) struct Prepared {
    lowered: Lowered,
    pub(crate) schedule: Schedule,
    fired: Vec<Fired>,
    /// The graph as written and NumPy's eager totals for it, kept for `explain`.
    written: Option<(String, Totals)>,
}

/// Lowers, optimizes and plans a walk.
fn plan_walk(
    w: &Walk,
    outputs: &[&Arc<Node>],
    options: &Options,
    keep_written: bool,
) -> Result<Prepared> {
    let mut lowered = lower(w, outputs);
    let written = keep_written.then(|| {
        (
            lowered.graph.to_string(),
            explain::eager_totals(&lowered.graph),
        )
    });
    let env = Env {
        buffers: &lowered.buffers,
    };
    let fired = opt::optimize(&mut lowered.graph, &env, options)?;
    data_gathers_to_takes(&mut lowered.graph, &mut lowered.buffers)?;
    let schedule = plan::plan(&lowered.graph, &lowered.buffers, &w.reusable)?;
    Ok(Prepared {
        lowered,
        schedule,
        fired,
        written,
    })
}

/// Plans the evaluation of `array` (for `explain`) and, with `analyze`, runs the plan for real
/// (the array then remembers its value), under one admission.
pub(crate) fn prepare_and_run(
    array: &Array,
    analyze: bool,
    origin: &'static Location<'static>,
) -> Result<(Prepared, Option<EvalReport>)> {
    let node = Arc::clone(array.node()?);
    admitted(&[&node], Memos::Use, |w, admission| {
        let prepared = plan_walk(w, &[&node], &Options::default(), true)?;
        if !analyze {
            return Ok((prepared, None));
        }
        let bound = prepared.schedule.bound();
        let (_, report) = execute(
            &prepared.schedule,
            bound,
            admission,
            &[Arc::clone(&node)],
            w,
            prepared.fired.len(),
            origin,
            Memos::Use,
        )?;
        Ok((prepared, Some(report)))
    })
}

/// Runs a schedule: results are remembered by their arrays (with `Memos::Use`), and sources
/// whose buffers were overwritten in place are marked as consumed (also when the run fails
/// after writing one, so that nothing is ever recomputed from overwritten data).
#[allow(clippy::too_many_arguments)]
fn execute(
    schedule: &Schedule,
    bound: Vec<Option<Arc<Buffer>>>,
    admission: &Admission,
    nodes: &[Arc<Node>],
    w: &Walk,
    rewrites: usize,
    origin: &'static Location<'static>,
    memos: Memos,
) -> Result<(Vec<Array>, EvalReport)> {
    let mut report = EvalReport {
        rewrites,
        ..EvalReport::default()
    };
    let mut overwritten = Vec::new();
    let results = compile(schedule).and_then(|kernels| {
        executor::run(
            schedule,
            kernels,
            bound,
            admission,
            &mut report,
            &mut overwritten,
        )
    });
    // The results are remembered before the overwritten sources are marked (both while the
    // claims are held): whoever finds a source consumed also finds the value above it.
    let arrays = results.map(|results| {
        results
            .into_iter()
            .zip(nodes)
            .map(|((buffer, view), node)| {
                if memos == Memos::Use {
                    let _ = node.memo.set((Arc::clone(&buffer), view.clone()));
                }
                Array::from_view(buffer, view, origin)
            })
            .collect()
    });
    for &id in &overwritten {
        if let Some(source) = w.source_of(id) {
            source.consumed.store(true, Ordering::Release);
        }
    }
    report.reused = overwritten.len();
    Ok((arrays?, report))
}

impl Prepared {
    /// The plan `explain()` shows (with measurements if `report` is given).
    pub(crate) fn describe(&self, report: Option<EvalReport>) -> Plan {
        let (written, naive) = self.written.clone().unwrap_or_default();
        explain::describe(
            &self.lowered.graph,
            &self.schedule,
            written,
            self.fired.clone(),
            self.lowered.graph.to_string(),
            naive,
            report,
        )
    }
}

impl Array {
    /// The optimized plan of this array: rewrites, kernels with their loop nests, buffers,
    /// warnings, and totals next to NumPy's eager plan. Nothing is computed.
    #[track_caller]
    pub fn explain(&self) -> Plan {
        explain(self, false)
    }

    /// Like [`Array::explain`], and also runs the plan: compile and run time per kernel, GB/s,
    /// and whether each kernel came from the cache. This is a real evaluation: the array
    /// remembers its value.
    #[track_caller]
    pub fn explain_analyze(&self) -> Plan {
        explain(self, true)
    }
}

#[track_caller]
fn explain(a: &Array, analyze: bool) -> Plan {
    let origin = Location::caller();
    let run = || -> Result<Plan> {
        // With `analyze`, a real evaluation: the array remembers its value (so an input
        // overwritten in place is never needed again).
        let (prepared, report) = prepare_and_run(a, analyze, origin)?;
        Ok(prepared.describe(report))
    };
    run().unwrap_or_else(|e| Plan {
        written: String::new(),
        rewrites: Vec::new(),
        optimized: String::new(),
        kernels: Vec::new(),
        views: Vec::new(),
        warnings: Vec::new(),
        totals: Totals::default(),
        naive: Totals::default(),
        run_ms: None,
        error: Some(e),
    })
}

/// `LAZYARRAY_DEBUG` levels 1 and 2 (see `debug`).
fn print_debug(level: u8, origin: &'static Location<'static>, r: &EvalReport) {
    eprintln!(
        "lazyarray: eval at {}:{}: {} kernel launches ({} compiled, {} vectorized), {} allocations ({} bytes), {} rewrites, {:.3} ms running",
        origin.file(),
        origin.line(),
        r.launches,
        r.compiled,
        r.vectorized,
        r.allocations,
        r.bytes_allocated,
        r.rewrites,
        r.run_ms
    );
    if level >= 2 {
        for (i, k) in r.kernels.iter().enumerate() {
            eprintln!(
                "  kernel {i}: {:.3} ms{}{}",
                k.run_ms,
                if k.cached {
                    ", cached".to_string()
                } else {
                    format!(", compiled in {:.3} ms", k.compile_ms)
                },
                if k.vectorized { ", vectorized" } else { "" }
            );
        }
    }
}

/// `a` as a materialized array if it already is one or is a chain of views (and copies, which
/// change nothing under value semantics) over one (`None` otherwise): nothing runs. A chain over
/// a source remembers its composed view, so it is composed once and the array itself is the
/// result (no new nodes; it holds nothing but the source's buffer beyond what it held before); a
/// view covering its whole buffer in order becomes a plain source of that buffer, which a later
/// evaluation may reuse in place. Over a computed result, a fresh source of the result's buffer
/// is returned, so the answer does not keep the expression that computed it alive.
fn already(a: &Array, origin: &'static Location<'static>) -> Option<Array> {
    let node = a.node().ok()?;
    if matches!(node.op, Op::Source { .. }) {
        return Some(a.clone());
    }
    let remembered = node.memo.get().is_some();
    let (buffer, view, base) = a.materialized_on()?;
    if base == Base::Source && remembered {
        return Some(a.clone());
    }
    if base == Base::Computed || view.is_identity_of(buffer.len()) {
        return Some(Array::from_view(buffer, view, origin));
    }
    let _ = node.memo.set((buffer, view));
    Some(a.clone())
}

impl Array {
    /// Evaluates with the reference evaluator on the graph exactly as written (no rewrites, no
    /// compilation, no reuse of earlier results): the slow, obviously correct oracle that
    /// tests compare every other result against.
    #[track_caller]
    pub fn eval_reference(&self) -> Result<Array> {
        let origin = Location::caller();
        let node = self.node()?;
        admitted(&[node], Memos::Ignore, |w, _reading| {
            let lowered = lower(w, &[node]);
            let buffer = reference::evaluate(&lowered.graph, &lowered.buffers)?.remove(0);
            Ok(Array::from_buffer(buffer, &node.meta.shape, origin))
        })
    }

    /// Computes the array: the result is materialized (`is_materialized()`), and evaluating it
    /// again costs nothing. NumPy arrays are always evaluated; here this is where work happens.
    #[track_caller]
    pub fn eval(&self) -> Result<Array> {
        Ok(eval(&[self])?.remove(0))
    }

    /// Like [`Array::eval`], also reporting what evaluation took.
    #[track_caller]
    pub fn eval_with_report(&self) -> Result<(Array, EvalReport)> {
        let (mut arrays, report) =
            evaluate(&[self], Location::caller(), &Options::default(), Memos::Use)?;
        Ok((arrays.remove(0), report))
    }

    /// Evaluates from scratch with the rewrites `options` enables.
    #[track_caller]
    pub fn eval_with(&self, options: &Options) -> Result<Array> {
        Ok(eval_with(&[self], options)?.remove(0))
    }

    /// The elements in C (row-major) order. `T` must be the array's element type
    /// (`to_vec::<f64>()` on a float64 array). NumPy: `a.ravel().tolist()`.
    #[track_caller]
    pub fn to_vec<T: Element>(&self) -> Result<Vec<T>> {
        let origin = Location::caller();
        let done = self.eval()?;
        let (buffer, view) = done
            .materialized()
            .ok_or_else(|| Error::internal("to_vec", "an evaluated array has no buffer", origin))?;
        let data = buffer.as_slice::<T>().ok_or_else(|| {
            Error::new(
                ErrorKind::DType,
                "to_vec",
                format!(
                    "cannot read an array of dtype {} as {}; convert it with astype(DType::{:?}) first",
                    buffer.dtype(),
                    T::DTYPE,
                    T::DTYPE
                ),
                origin,
            )
        })?;
        if view.is_c_contiguous() {
            return Ok(data[view.offset..view.offset + view.size()].to_vec());
        }
        Ok(view.offsets().map(|o| data[o]).collect())
    }

    /// The single element of a size-1 array (any shape), converted to `T` with NumPy's casting
    /// rules. NumPy: `a.item()`.
    #[track_caller]
    pub fn item<T: Element>(&self) -> Result<T> {
        let origin = Location::caller();
        let node = self.node()?;
        if self.size() != 1 {
            return Err(Error::new(
                ErrorKind::Shape,
                "item",
                format!(
                    "can only convert an array of size 1 to a Python scalar (shape {})",
                    lazyarray_ir::ShapeFmt(&node.meta.shape)
                ),
                origin,
            ));
        }
        let done = self.eval()?;
        let (buffer, view) = done
            .materialized()
            .ok_or_else(|| Error::internal("item", "an evaluated array has no buffer", origin))?;
        Ok(T::from_scalar(buffer.get(view.offset)))
    }
}
