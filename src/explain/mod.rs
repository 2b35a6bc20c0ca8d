//! `explain()`: what the optimizer and planner made of an expression, and what it saved
//! against the eager plan NumPy would run. This module only describes a schedule it is given
//! (`Array::explain` in `eval` plans, and runs with `explain_analyze`, then calls [`describe`]).

mod kernel_text;
mod naive;

pub(crate) use naive::eager_totals;

use crate::error::Error;
use crate::opt::Fired;
use crate::plan::{Schedule, Step};
use crate::runtime::executor::EvalReport;
use lazyarray_ir::{Graph, NodeId};
use std::collections::HashMap;
use std::fmt;

/// Kernels, allocations and memory traffic of a plan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Loops over data (kernel launches).
    pub kernels: usize,
    /// New buffers.
    pub allocations: usize,
    /// Bytes of new buffers.
    pub bytes_allocated: usize,
    /// Bytes read and written by the loops.
    pub bytes_moved: usize,
}

/// One buffer a kernel reads or writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BufferUse {
    /// The graph node whose value it holds (`%3`), as numbered in the optimized graph.
    pub node: String,
    /// Its size in bytes.
    pub bytes: usize,
    /// For a read: `"input"` (an existing buffer this library owns), `"input, read-only
    /// (mapped file)"` or `"input, read-only (lent)"` (memory it never writes, so never reused
    /// in place), or `"temporary"` (computed earlier in the plan); for a write: `"new"` or `"reused in place"` (a dead input's buffer).
    pub kind: &'static str,
}

/// One loop of a kernel's nest, outermost first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loop {
    /// Iterations.
    pub extent: usize,
    /// Whether the loop runs over a reduced axis.
    pub reduced: bool,
    /// Per access (the output first), the byte stride of this loop.
    pub strides: Vec<isize>,
}

/// One kernel of the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Kernel {
    /// `map`, `sum`, `max`, …, `cumsum`.
    pub kind: String,
    /// The body, with `a1`, `a2`, … for the inputs (`a0` is the output).
    pub body: String,
    /// The loop nest, outermost first.
    pub loops: Vec<Loop>,
    /// Elements per vector in the innermost loop (1 when scalar).
    pub vector_lanes: usize,
    /// Threads the launch is split across.
    pub threads: usize,
    /// Buffers read (in access order, `a1` first).
    pub reads: Vec<BufferUse>,
    /// The buffer written.
    pub writes: BufferUse,
    /// Bytes of memory it reads and writes, each buffer at most once (elements visited again,
    /// as by overlapping windows, come from cache).
    pub bytes_moved: usize,
    /// Measured by `explain_analyze()`.
    pub measured: Option<Measured>,
}

/// What running a kernel took.
#[derive(Clone, Debug, PartialEq)]
pub struct Measured {
    /// Compile time in ms (0 when cached).
    pub compile_ms: f64,
    /// Run time in ms.
    pub run_ms: f64,
    /// Bytes moved per second, in GB/s.
    pub gb_per_s: f64,
    /// Whether the kernel came from the cache, and if not, why it was compiled.
    pub cache: String,
}

/// What `explain()` shows; `Display` prints it for people, the fields are for tests and tools.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// The graph as written.
    pub written: String,
    /// The rewrites that fired, in order.
    pub rewrites: Vec<Fired>,
    /// The graph after the rewrites.
    pub optimized: String,
    /// The kernels, in launch order.
    pub kernels: Vec<Kernel>,
    /// Notes on the plan as a whole: kernels run together row block by row block, and
    /// requested outputs that are views of existing buffers (nothing to compute).
    pub views: Vec<String>,
    /// Unavoidable copies and poor locality.
    pub warnings: Vec<String>,
    /// This plan's totals.
    pub totals: Totals,
    /// The totals of NumPy's eager plan for the same code.
    pub naive: Totals,
    /// Total run time in ms (from `explain_analyze()`).
    pub run_ms: Option<f64>,
    /// The error evaluation would report, if building or planning failed.
    pub error: Option<Error>,
}

/// The plan of an evaluation from its parts (also used by `LAZYARRAY_DEBUG=3`).
pub(crate) fn describe(
    g: &Graph,
    s: &Schedule,
    written: String,
    rewrites: Vec<Fired>,
    optimized: String,
    naive: Totals,
    report: Option<EvalReport>,
) -> Plan {
    let names = g.numbering();
    let name = |n: NodeId| {
        names
            .get(&n)
            .map_or_else(|| "?".to_string(), |k| format!("%{k}"))
    };
    let mut kernels = Vec::new();
    let mut warnings = Vec::new();
    let mut totals = Totals::default();
    let mut written_slots: HashMap<usize, bool> = HashMap::new();
    let mut launch_index = 0;
    let mut notes = Vec::new();
    let launches = s
        .steps
        .iter()
        .flat_map(|step| -> Vec<&crate::plan::Launch> {
            match step {
                Step::Kernel(l) => vec![l],
                Step::Group(g) => g.iter().collect(),
                _ => Vec::new(),
            }
        });
    let mut index = 0;
    for step in &s.steps {
        if let Step::Group(g) = step {
            notes.push(format!(
                "kernels {index}..={} run together, a block of rows at a time (rows stay in cache between them)",
                index + g.len() - 1
            ));
        }
        index += match step {
            Step::Kernel(_) => 1,
            Step::Group(g) => g.len(),
            _ => 0,
        };
    }
    for launch in launches {
        let mut k = kernel_text::describe(launch, s, &name);
        if launch.split_reshape {
            warnings.push(format!(
                "kernel {launch_index}: a reshape of a non-contiguous layout is read through a split loop (the copy NumPy makes happens inside this kernel)"
            ));
        }
        if let Some(w) = kernel_text::locality_warning(&k, launch_index) {
            warnings.push(w);
        }
        if let Some(r) = &report
            && let Some(stats) = r.kernels.get(launch_index)
        {
            k.measured = Some(Measured {
                compile_ms: stats.compile_ms,
                run_ms: stats.run_ms,
                gb_per_s: if stats.run_ms > 0.0 {
                    k.bytes_moved as f64 / (stats.run_ms * 1e6)
                } else {
                    0.0
                },
                cache: if !stats.ran {
                    "not run (empty)".into()
                } else if stats.cached {
                    "cached".into()
                } else {
                    "compiled (first use of this kernel's structure)".into()
                },
            });
        }
        if !k.loops.iter().any(|l| l.extent == 0) {
            totals.kernels += 1;
        }
        totals.bytes_moved += k.bytes_moved;
        written_slots.insert(launch.out, true);
        kernels.push(k);
        launch_index += 1;
    }
    for (slot, info) in s.slots.iter().enumerate() {
        let random = s
            .steps
            .iter()
            .any(|st| matches!(st, Step::Random { slot: r, .. } if *r == slot));
        if info.bound.is_none()
            && info.reuses.is_none()
            && (written_slots.contains_key(&slot) || random)
            && info.len > 0
        {
            totals.allocations += 1;
            totals.bytes_allocated += info.len * info.dtype.itemsize();
        }
        if random {
            totals.kernels += 1;
            totals.bytes_moved += info.len * info.dtype.itemsize();
        }
    }
    for &n in &s.forced {
        let node = g.node(n);
        warnings.push(format!(
            "unavoidable copy: {} ({}) is materialized in C order first, because a view of it cannot be expressed (a reshape of a non-contiguous layout; NumPy copies there too)",
            name(n),
            node.op.name(),
        ));
    }
    let views: Vec<String> = notes
        .into_iter()
        .chain(
            s.outputs
                .iter()
                .filter(|leaf| !written_slots.contains_key(&leaf.slot))
                .map(|leaf| {
                    let info = &s.slots[leaf.slot];
                    format!(
                        "the result is a view of {} ({}): nothing to compute",
                        name(info.node),
                        leaf.view
                    )
                }),
        )
        .collect();
    Plan {
        written,
        rewrites,
        optimized,
        kernels,
        views,
        warnings,
        totals,
        naive,
        run_ms: report.map(|r| r.run_ms),
        error: None,
    }
}

/// `8.0 MB`, `512 B`.
pub(crate) fn human_bytes(b: usize) -> String {
    let b = b as f64;
    if b >= 1e9 {
        format!("{:.1} GB", b / 1e9)
    } else if b >= 1e6 {
        format!("{:.1} MB", b / 1e6)
    } else if b >= 1e3 {
        format!("{:.1} kB", b / 1e3)
    } else {
        format!("{b} B")
    }
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(e) = &self.error {
            return write!(f, "error: {e}");
        }
        writeln!(f, "== graph as written ==")?;
        writeln!(f, "{}", self.written)?;
        writeln!(f, "\n== rewrites ==")?;
        if self.rewrites.is_empty() {
            writeln!(f, "(none)")?;
        }
        for r in &self.rewrites {
            write!(f, "{:<18} {}", r.rule, r.what)?;
            if r.saved_bytes > 0 {
                write!(f, "  (saved {} copy)", human_bytes(r.saved_bytes))?;
            }
            writeln!(f)?;
        }
        if self.optimized != self.written {
            // The plan below names nodes of this graph (rewrites, and the gathers planning
            // makes of masks, change it).
            writeln!(f, "\n== graph as planned ==")?;
            writeln!(f, "{}", self.optimized)?;
        }
        writeln!(f, "\n== plan ==")?;
        for v in &self.views {
            writeln!(f, "{v}")?;
        }
        for (i, k) in self.kernels.iter().enumerate() {
            kernel_text::write(f, i, k)?;
        }
        if !self.warnings.is_empty() {
            writeln!(f, "\n== warnings ==")?;
            for w in &self.warnings {
                writeln!(f, "- {w}")?;
            }
        }
        writeln!(f, "\n== totals ==")?;
        writeln!(f, "{:<18}{:>14}{:>14}", "", "this plan", "NumPy eager")?;
        let rows = [
            (
                "kernels",
                self.totals.kernels.to_string(),
                self.naive.kernels.to_string(),
            ),
            (
                "allocations",
                self.totals.allocations.to_string(),
                self.naive.allocations.to_string(),
            ),
            (
                "bytes allocated",
                human_bytes(self.totals.bytes_allocated),
                human_bytes(self.naive.bytes_allocated),
            ),
            (
                "bytes moved",
                human_bytes(self.totals.bytes_moved),
                human_bytes(self.naive.bytes_moved),
            ),
        ];
        for (label, ours, theirs) in rows {
            writeln!(f, "{label:<18}{ours:>14}{theirs:>14}")?;
        }
        if let Some(ms) = self.run_ms {
            writeln!(f, "run time: {ms:.3} ms")?;
        }
        Ok(())
    }
}
