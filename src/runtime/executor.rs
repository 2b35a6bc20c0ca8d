//! Runs a plan: allocates the buffers its steps write, proves every launch stays inside its
//! buffers, calls the compiled kernels and turns their error codes into typed errors.

use crate::codegen::abi::{ArgLayout, ErrorCode};
use crate::codegen::jit::{self, CacheOutcome};
use crate::compile::Kernel;
use crate::error::{Error, Result};
use crate::plan::checks::ValueCheck;
use crate::plan::fuse::SlotId;
use crate::plan::fuse::Target;
use crate::plan::loops::AccessBinding;
use crate::plan::split::{self, Split};
use crate::plan::{Launch, Schedule, SlotInfo, Step};
use crate::random::Mt19937;
use crate::runtime::fault;
use crate::runtime::parallel;
use crate::storage::access::{Admission, Writable};
use crate::storage::buffer::Buffer;
use crate::storage::facts;
use lazyarray_ir::kernel::KernelKind;
use lazyarray_ir::scalar_ops;
use lazyarray_ir::{BufferId, DType, ErrorKind, Scalar, View};
use std::panic::Location;
use std::sync::Arc;
use std::time::Instant;

/// What one evaluation did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EvalReport {
    /// Kernel launches (a concatenation launches one per part).
    pub launches: usize,
    /// Kernels compiled during this evaluation (cache misses).
    pub compiled: usize,
    /// Kernels found in the cache.
    pub cache_hits: usize,
    /// Launches whose innermost loop ran as 128-bit vectors.
    pub vectorized: usize,
    /// Buffers allocated for results and intermediates.
    pub allocations: usize,
    /// Bytes allocated for them.
    pub bytes_allocated: usize,
    /// Time spent compiling, in milliseconds.
    pub compile_ms: f64,
    /// Time spent running kernels, in milliseconds.
    pub run_ms: f64,
    /// Rewrites the optimizer applied.
    pub rewrites: usize,
    /// Results written in place into a dead input's buffer (no allocation).
    pub reused: usize,
    /// One entry per kernel step of the plan, in order.
    pub kernels: Vec<LaunchStats>,
}

/// What one kernel launch took.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LaunchStats {
    /// Whether it ran (a launch over an empty domain does not).
    pub ran: bool,
    /// Whether the compiled kernel came from the cache.
    pub cached: bool,
    /// Compile time in milliseconds (0 when cached).
    pub compile_ms: f64,
    /// Run time in milliseconds.
    pub run_ms: f64,
    /// Whether the innermost loop ran as vectors.
    pub vectorized: bool,
    /// Threads the launch ran on.
    pub threads: usize,
}

/// A slot's buffer during a run: an input (only read) or a result this run writes.
enum Held {
    Input(Arc<Buffer>),
    Output(Writable),
    /// A slot no step writes and no output reads.
    Unused,
}

impl Held {
    fn buffer(&self) -> Result<&Arc<Buffer>> {
        match self {
            Held::Input(b) => Ok(b),
            Held::Output(w) => Ok(w.buffer()),
            Held::Unused => Err(Error::internal(
                "launch",
                "a kernel reads a buffer no step writes",
                Location::caller(),
            )),
        }
    }
}

/// What a launch needs besides its buffers, obtained before anything is written in place.
struct Resources {
    /// `None` for a launch over an empty domain, which never runs.
    compiled: Option<jit::Compiled>,
    outcome: CacheOutcome,
    split: Split,
    /// A private output per chunk of a [`Split::Partials`] launch.
    partials: Vec<Writable>,
}

/// Runs `plan` with `kernels` (its launches' machine code, from `compile`) and `bound` as its
/// slots' initial buffers (`None` for the ones its steps write; a slot that `reuses` a dead
/// input writes into that input's buffer, which `admission` must hold the claim of); returns
/// each output's buffer and view. The ids of buffers overwritten in place are pushed to
/// `overwritten` (also when the run then fails).
///
/// Everything that can fail without a bug — compilation, allocations, the value checks and
/// planned failures — happens before the first result is written in place (compilation before
/// this call, allocations up front here; the planner puts no check after an in-place write), so
/// a failed run leaves every input as it was.
pub(crate) fn run(
    plan: &Schedule,
    kernels: Vec<Option<Kernel>>,
    bound: Vec<Option<Arc<Buffer>>>,
    admission: &Admission,
    report: &mut EvalReport,
    overwritten: &mut Vec<BufferId>,
) -> Result<Vec<(Arc<Buffer>, View)>> {
    // The slots some step writes, or an output reads: others (a reduction's result that an
    // epilogue consumed inside the kernel) need no memory.
    let mut written = vec![false; plan.slots.len()];
    for step in &plan.steps {
        match step {
            Step::Kernel(l) => written[l.out] = true,
            Step::Group(ls) => ls.iter().for_each(|l| written[l.out] = true),
            Step::Random { slot, .. } => written[*slot] = true,
            Step::Check(_) | Step::Fail(_) => {}
        }
    }
    for leaf in &plan.outputs {
        written[leaf.slot] = true;
    }
    let mut slots = Vec::with_capacity(plan.slots.len());
    for (k, (info, b)) in plan.slots.iter().zip(&bound).enumerate() {
        slots.push(match (b, info.reuses) {
            (Some(b), None) => Held::Input(Arc::clone(b)),
            (_, Some(dead)) => {
                let target = bound[dead].as_ref().ok_or_else(|| {
                    Error::internal("launch", "an in-place target is not bound", info.origin)
                })?;
                let claim = admission.claim(target.id()).ok_or_else(|| {
                    Error::internal(
                        "launch",
                        "an in-place target is not claimed by this evaluation",
                        info.origin,
                    )
                })?;
                Held::Output(claim.writable())
            }
            (None, None) if written[k] => Held::Output(allocate(info, report)?),
            (None, None) => Held::Unused,
        });
    }
    let mut resources = std::collections::VecDeque::new();
    for (l, kernel) in plan.launches().zip(kernels) {
        resources.push_back(resources_for(l, kernel, &slots)?);
    }
    for step in &plan.steps {
        match step {
            Step::Random { seed, slot } => {
                let Held::Output(out) = &slots[*slot] else {
                    return Err(Error::internal(
                        "random",
                        "not an output",
                        Location::caller(),
                    ));
                };
                let mut rng = Mt19937::new(*seed);
                for i in 0..plan.slots[*slot].len {
                    // SAFETY: `i` is below the slot's length, and the buffer is this run's
                    // fresh result, read by nobody yet.
                    unsafe { out.write(i, Scalar::F64(rng.next_f64())) };
                }
            }
            Step::Check(check) => {
                fault::point(check.origin)?;
                check_values(check, &slots)?
            }
            Step::Fail(e) => return Err(e.clone()),
            Step::Group(launches) => {
                let out = &plan.slots[launches[0].out];
                note_written(plan, launches.iter().map(|l| l.out), &slots, overwritten);
                run_group(launches, &slots, &mut resources, report).map_err(|e| match e {
                    Error::Internal(c) => Error::internal(out.op, c.message, out.origin),
                    other => other,
                })?;
            }
            Step::Kernel(launch) => {
                let out = &plan.slots[launch.out];
                note_written(plan, [launch.out], &slots, overwritten);
                let r = resources.pop_front();
                run_launch(launch, &slots, r, report).map_err(|e| match e {
                    // Internal failures are reported at the user's call that needed the kernel.
                    Error::Internal(c) => Error::internal(out.op, c.message, out.origin),
                    other => other,
                })?;
            }
        }
    }
    plan.outputs
        .iter()
        .map(|leaf| Ok((Arc::clone(slots[leaf.slot].buffer()?), leaf.view.clone())))
        .collect()
}

/// Records the in-place targets among `outs` (before their kernels run: a kernel that fails
/// half-way has still changed its target).
fn note_written(
    plan: &Schedule,
    outs: impl IntoIterator<Item = SlotId>,
    slots: &[Held],
    overwritten: &mut Vec<BufferId>,
) {
    for out in outs {
        if let (Some(_), Ok(b)) = (plan.slots[out].reuses, slots[out].buffer())
            && !overwritten.contains(&b.id())
        {
            overwritten.push(b.id());
        }
    }
}

fn note_allocation(report: &mut EvalReport, len: usize, dtype: DType) {
    report.allocations += 1;
    report.bytes_allocated += len * dtype.itemsize();
}

/// A fresh buffer for a slot a step writes.
fn allocate(info: &SlotInfo, report: &mut EvalReport) -> Result<Writable> {
    fault::point(info.origin)?;
    // SAFETY: a slot that is not bound is the output of the steps that follow, and every
    // kernel writes each element of its output before anything reads it (maps store every
    // point of their domain, reductions initialize or store every output element, scans write
    // in order, the parts of a concatenation cover it, and a random step fills its slot); an
    // empty slot is never read.
    let b = unsafe { Writable::uninit(info.dtype, info.len) }
        .map_err(|e| Error::resource(info.op, e.to_string(), info.origin))?;
    note_allocation(report, info.len, info.dtype);
    Ok(b)
}

/// A launch's compiled kernel (`None`: an empty domain, never run), its thread split and its
/// partial outputs, allocated.
fn resources_for(launch: &Launch, kernel: Option<Kernel>, slots: &[Held]) -> Result<Resources> {
    let k = &launch.kernel;
    let Some(Kernel { compiled, outcome }) = kernel else {
        return Ok(Resources {
            compiled: None,
            outcome: CacheOutcome::Hit,
            split: Split::Serial,
            partials: Vec::new(),
        });
    };
    let split = split::split(&k.spec, &k.extents);
    let mut partials = Vec::new();
    if let Split::Partials(ranges) = &split {
        let Target::Slot(out_slot, dtype) = k.accesses[0].target else {
            return Err(Error::internal(
                "reduce",
                "a reduction writes a buffer",
                Location::caller(),
            ));
        };
        let len = slots[out_slot].buffer()?.len();
        for _ in ranges {
            fault::point(Location::caller())?;
            // SAFETY: the kernel writes (initializes, then accumulates into) every element of
            // its partial output before the combination reads them.
            let p = unsafe { Writable::uninit(dtype, len) }
                .map_err(|e| Error::resource("reduce", e.to_string(), Location::caller()))?;
            partials.push(p);
        }
    }
    Ok(Resources {
        compiled: Some(compiled),
        outcome,
        split,
        partials,
    })
}

/// A launch ready to run: its kernel and its argument block (bounds proven).
struct Ready {
    compiled: jit::Compiled,
    args: Vec<i64>,
}

/// Fills the launch's argument block, after proving every access stays inside its buffer, with
/// the kernel `resources` found; records the launch in the report. `None` for a launch over an
/// empty domain.
fn ready(
    launch: &Launch,
    slots: &[Held],
    resources: &Resources,
    report: &mut EvalReport,
) -> Result<Option<Ready>> {
    let k = &launch.kernel;
    report.kernels.push(LaunchStats::default());
    let Some(compiled) = resources.compiled else {
        return Ok(None);
    };
    let outcome = resources.outcome;
    if compiled.vectorized {
        report.vectorized += 1;
    }
    let stats = report.kernels.last_mut().expect("pushed above");
    stats.ran = true;
    stats.vectorized = compiled.vectorized;
    stats.cached = outcome == CacheOutcome::Hit;
    if outcome == CacheOutcome::Compiled {
        stats.compile_ms = compiled.compile_ms;
    }
    match outcome {
        CacheOutcome::Hit => report.cache_hits += 1,
        CacheOutcome::Compiled => {
            report.compiled += 1;
            report.compile_ms += compiled.compile_ms;
        }
    }
    let layout = &launch.layout;
    let mut args = vec![0i64; layout.len];
    args[layout.params..].copy_from_slice(&layout.parameters);
    for (l, &e) in k.extents.iter().enumerate() {
        args[l] = e as i64;
    }
    for (a, binding) in k.accesses.iter().enumerate() {
        let (base, unit) = match binding.target {
            Target::Slot(slot, dtype) => {
                let held = &slots[slot];
                let b = held.buffer()?;
                if !in_bounds(binding, &k.extents, b.len()) {
                    return Err(Error::internal(
                        "launch",
                        format!(
                            "access {a} of a kernel would leave its buffer of {} elements",
                            b.len()
                        ),
                        Location::caller(),
                    ));
                }
                // Access 0 is the one the kernel stores through: only a buffer this run may
                // write can be there.
                let start = match (a, held) {
                    (0, Held::Output(w)) => w.write_ptr() as *const u8,
                    (0, Held::Input(_) | Held::Unused) => {
                        return Err(Error::internal(
                            "launch",
                            "a kernel's output is an input buffer",
                            Location::caller(),
                        ));
                    }
                    _ => b.read_ptr(),
                };
                let isz = dtype.itemsize();
                (start as i64 + (binding.offset * isz) as i64, isz as i64)
            }
            Target::Position => (binding.offset as i64, 1),
        };
        args[layout.access[a]] = base;
        // A stride only reaches memory multiplied by an index below its
        // loop's extent, and the bounds check above covered every such
        // address; on a length-1 loop any stride is valid (NumPy allows
        // `as_strided` to put anything there) and may overflow when scaled
        // to bytes, but it is then only ever multiplied by zero, so the
        // wrapped value is never used to address memory.
        for (l, &s) in binding.strides.iter().enumerate() {
            args[layout.stride(a, l)] = (s as i64).wrapping_mul(unit);
        }
        for (g, &(stride, len, _)) in binding.gathers.iter().enumerate() {
            let slot = layout.gather[a][g];
            args[slot] = (stride as i64).wrapping_mul(unit);
            args[slot + 1] = len as i64;
        }
    }
    Ok(Some(Ready { compiled, args }))
}

fn run_launch(
    launch: &Launch,
    buffers: &[Held],
    resources: Option<Resources>,
    report: &mut EvalReport,
) -> Result<()> {
    let resources = resources.ok_or_else(|| {
        Error::internal("launch", "no resources for a launch", Location::caller())
    })?;
    let Some(Ready { compiled, mut args }) = ready(launch, buffers, &resources, report)? else {
        return Ok(());
    };
    let k = &launch.kernel;
    let layout = &launch.layout;
    let outer = k.extents.last().copied().unwrap_or(1) as i64;
    let start = Instant::now();
    let split = &resources.split;
    let (status, slots) = match split {
        Split::Serial => {
            // SAFETY: the argument block has the layout the kernel was compiled for; every
            // access was proven above to stay inside its live buffer for every iteration,
            // gather indices are checked by the kernel before use, and the buffers outlive
            // the call.
            let status = unsafe { (compiled.f)(args.as_mut_ptr(), 0, outer) };
            let slots = match status {
                0 => Vec::new(),
                _ => args[layout.error..].to_vec(),
            };
            (status, slots)
        }
        Split::Parts(ranges) => {
            let mut parts: Vec<(i64, i64, Vec<i64>)> =
                ranges.iter().map(|&(b, e)| (b, e, args.clone())).collect();
            // SAFETY: as above for each part; the parts cover disjoint ranges of the outermost
            // loop, along which the output moves, so they write disjoint elements.
            let statuses = unsafe { parallel::run_parts(compiled.f, &mut parts) };
            first_failure(&statuses, &parts, layout.error)
        }
        Split::Partials(ranges) => run_partials(
            launch,
            &compiled,
            layout,
            &args,
            ranges,
            buffers,
            &resources.partials,
        )?,
        Split::Inner { level, ranges } => {
            let mut parts: Vec<(i64, i64, Vec<i64>)> = ranges
                .iter()
                .map(|&r| {
                    (
                        0,
                        outer,
                        parallel::inner_part_args(&args, layout, *level, r),
                    )
                })
                .collect();
            // SAFETY: each part runs the proven launch restricted to a sub-range of one loop
            // (its accesses are a subset of the launch's); the output moves along that loop,
            // so the parts write disjoint elements.
            let statuses = unsafe { parallel::run_parts(compiled.f, &mut parts) };
            first_failure(&statuses, &parts, layout.error)
        }
    };
    let ms = start.elapsed().as_secs_f64() * 1e3;
    report.run_ms += ms;
    let stats = report.kernels.last_mut().expect("pushed above");
    stats.run_ms = ms;
    stats.threads = split.threads();
    report.launches += 1;
    if status != 0 {
        return Err(kernel_error(launch, status, &slots));
    }
    Ok(())
}

/// Bytes of rows a group keeps in cache at once: about half of L2.
const GROUP_BLOCK_BYTES: usize = 512 << 10;

/// Runs a row-blocked group (see `plan::group`): its rows are split over threads, and each
/// thread takes its rows a block at a time through every kernel of the group.
fn run_group(
    launches: &[Launch],
    buffers: &[Held],
    resources: &mut std::collections::VecDeque<Resources>,
    report: &mut EvalReport,
) -> Result<()> {
    let first = report.kernels.len();
    let mut kernels = Vec::with_capacity(launches.len());
    let mut members = Vec::with_capacity(launches.len());
    for launch in launches {
        let mine = resources.pop_front().ok_or_else(|| {
            Error::internal("launch", "no resources for a launch", Location::caller())
        })?;
        if let Some(r) = ready(launch, buffers, &mine, report)? {
            kernels.push((r.compiled.f, r.args));
            members.push(launch);
        }
    }
    let Some(lead) = members.first() else {
        return Ok(());
    };
    let rows = *lead
        .kernel
        .extents
        .last()
        .expect("grouped kernels have an outer loop");
    // Bytes each kernel touches per row: the rows of a block must fit in cache together.
    let per_row: usize = members
        .iter()
        .map(|l| {
            let inner: usize = l.kernel.extents[..l.kernel.extents.len() - 1]
                .iter()
                .product();
            inner * l.kernel.accesses.len() * 8
        })
        .sum::<usize>()
        .max(1);
    let block = (GROUP_BLOCK_BYTES / per_row).clamp(1, rows) as i64;
    let work: usize = members
        .iter()
        .map(|l| l.kernel.extents.iter().product::<usize>())
        .sum();
    let threads = if work < split::PARALLEL_MIN {
        1
    } else {
        split::max_threads().min(rows)
    };
    let ranges: Vec<(i64, i64)> = (0..threads)
        .map(|t| {
            (
                (t * rows / threads) as i64,
                ((t + 1) * rows / threads) as i64,
            )
        })
        .filter(|(b, e)| b < e)
        .collect();
    let error: Vec<usize> = members.iter().map(|l| l.layout.error).collect();
    let start = Instant::now();
    // SAFETY: every argument block was proven in bounds over the whole domain; the row ranges
    // are disjoint, and the group rule guarantees each kernel reads an earlier member's output
    // only in the rows it is itself running, which that member has already written for this
    // block.
    let outcomes = unsafe { parallel::run_group(&kernels, &ranges, block, &error) };
    let ms = start.elapsed().as_secs_f64() * 1e3;
    report.run_ms += ms;
    report.launches += members.len();
    for stats in &mut report.kernels[first..] {
        if stats.ran {
            stats.run_ms = ms / members.len() as f64;
            stats.threads = ranges.len();
        }
    }
    if let Some((status, k, slots)) = outcomes.into_iter().flatten().next() {
        return Err(kernel_error(members[k], status, &slots));
    }
    Ok(())
}

/// The status and error slots of the first part that failed (in part order, so the error
/// reported does not depend on thread timing), or `(0, _)`.
fn first_failure(
    statuses: &[i32],
    parts: &[(i64, i64, Vec<i64>)],
    error: usize,
) -> (i32, Vec<i64>) {
    match statuses.iter().position(|&s| s != 0) {
        Some(i) => (statuses[i], parts[i].2[error..].to_vec()),
        None => (0, Vec::new()),
    }
}

/// A reduction whose outermost loop is reduced: each fixed chunk of that loop reduces into a
/// private partial output, and the partials are folded into the output in chunk order.
fn run_partials(
    launch: &Launch,
    compiled: &jit::Compiled,
    layout: &ArgLayout,
    args: &[i64],
    ranges: &[(i64, i64)],
    buffers: &[Held],
    partials: &[Writable],
) -> Result<(i32, Vec<i64>)> {
    let k = &launch.kernel;
    let Target::Slot(out_slot, dtype) = k.accesses[0].target else {
        unreachable!("a reduction writes a buffer")
    };
    let Held::Output(out) = &buffers[out_slot] else {
        return Err(Error::internal(
            "reduce",
            "a reduction's output is an input buffer",
            Location::caller(),
        ));
    };
    let isz = dtype.itemsize();
    let mut parts = Vec::with_capacity(ranges.len());
    for (&(b, e), p) in ranges.iter().zip(partials) {
        let mut a = args.to_vec();
        a[layout.access[0]] = p.write_ptr() as i64 + (k.accesses[0].offset * isz) as i64;
        parts.push((b, e, a));
    }
    // SAFETY: as for a serial launch; each part writes only its own partial buffer (the same
    // layout as the output, which was proven in bounds), and the inputs are only read.
    let statuses = unsafe { parallel::run_parts(compiled.f, &mut parts) };
    let failed = first_failure(&statuses, &parts, layout.error);
    if failed.0 != 0 {
        return Ok(failed);
    }
    let KernelKind::Reduce(op) = k.spec.kind else {
        unreachable!("partials are for reductions")
    };
    let fold = op
        .combining()
        .expect("only reductions with a combining op are split");
    for i in 0..out.buffer().len() {
        let v = partials[1..]
            .iter()
            .fold(partials[0].buffer().get(i), |acc, p| {
                scalar_ops::binary(fold, acc, p.buffer().get(i))
            });
        // SAFETY: `i < len`; the output is this kernel's fresh result, read by nobody yet.
        unsafe { out.write(i, v) };
    }
    Ok((0, Vec::new()))
}

/// Checks every value of an input, in order: the first one the requirement refuses is the
/// error NumPy reports. The range of a whole integer buffer is remembered, so a buffer used
/// again costs nothing.
fn check_values(check: &ValueCheck, buffers: &[Held]) -> Result<()> {
    let view = &check.values.view;
    if view.size() == 0 {
        return Ok(());
    }
    let b = buffers[check.values.slot].buffer()?;
    let whole = view.is_identity_of(b.len());
    if whole
        && let Some((lo, hi)) = facts::range(b.id())
        && check.requirement.allows(lo)
        && check.requirement.allows(hi)
    {
        return Ok(());
    }
    let mut range: Option<(i64, i64)> = None;
    for offset in view.offsets() {
        let v = b.get(offset).to_i64().expect("checked values are integers");
        if !check.requirement.allows(v) {
            return Err(check.requirement.error(v, check.origin));
        }
        range = Some(range.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))));
    }
    if whole && let Some(r) = range {
        facts::set_range(b.id(), r);
    }
    Ok(())
}

/// Whether every element `binding` reaches over `extents` (and any gather value within its
/// axis) lies in a buffer of `len` elements. Wide arithmetic: never overflows.
fn in_bounds(binding: &AccessBinding, extents: &[usize], len: usize) -> bool {
    let (mut lo, mut hi) = (binding.offset as i128, binding.offset as i128);
    let mut reach = |n: usize, stride: isize| {
        let r = (n as i128 - 1) * stride as i128;
        if r < 0 { lo += r } else { hi += r }
    };
    for (&n, &s) in extents.iter().zip(&binding.strides) {
        reach(n, s);
    }
    for &(stride, n, _) in &binding.gathers {
        if n > 0 {
            reach(n, stride);
        }
    }
    lo >= 0 && hi < len as i128
}

fn kernel_error(launch: &Launch, status: i32, slots: &[i64]) -> Error {
    let (which, value) = (slots[1], slots[2]);
    if status == ErrorCode::IndexOutOfBounds as i32 {
        // `which` counts gathers in access order; each names the take it belongs to.
        let (len, id) = launch
            .kernel
            .accesses
            .iter()
            .flat_map(|a| a.gathers.iter())
            .nth(which as usize)
            .map(|&(_, n, id)| (n, id))
            .unwrap_or((0, 0));
        let g = &launch.gathers[id];
        return Error::new(
            ErrorKind::Index,
            "take",
            format!(
                "index {value} is out of bounds for axis {} with size {len}",
                g.axis
            ),
            g.origin,
        );
    }
    if status == ErrorCode::NegativePower as i32 {
        let origin = launch
            .power_origins
            .get(&(which as usize))
            .copied()
            .unwrap_or(Location::caller());
        return Error::new(
            ErrorKind::DType,
            "power",
            "Integers to negative integer powers are not allowed.",
            origin,
        );
    }
    Error::internal(
        "launch",
        format!("a kernel stopped with status {status}"),
        Location::caller(),
    )
}
