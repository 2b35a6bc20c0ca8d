//! One kernel of a plan, in words: its body, loop nest, strides, buffers and traffic.

use crate::explain::{BufferUse, Kernel, Loop, human_bytes};
use crate::plan::fuse::Target;
use crate::plan::split::split;
use crate::plan::{Launch, Schedule};
use crate::storage::buffer::Ownership;
use lazyarray_ir::NodeId;
use lazyarray_ir::kernel::{AccessKind, KExpr, KernelKind, KernelSpec};
use std::fmt;

/// A cache line: an innermost stride wider than this touches a new line per element.
const CACHE_LINE: isize = 64;

/// Describes one launch of `s`.
pub(crate) fn describe(launch: &Launch, s: &Schedule, name: &dyn Fn(NodeId) -> String) -> Kernel {
    let k = &launch.kernel;
    let spec = &k.spec;
    let rank = spec.rank;
    let unit: Vec<isize> = k
        .accesses
        .iter()
        .map(|a| match a.target {
            Target::Slot(_, d) => d.itemsize() as isize,
            Target::Position => 0,
        })
        .collect();
    let loops: Vec<Loop> = (0..rank)
        .rev()
        .map(|level| Loop {
            extent: k.extents[level],
            reduced: spec.is_reduced(level),
            strides: k
                .accesses
                .iter()
                .zip(&unit)
                .map(|(a, u)| a.strides[level] * u)
                .collect(),
        })
        .collect();
    let moved_by = |a: usize| -> usize {
        let acc = &k.accesses[a];
        let Target::Slot(slot, d) = acc.target else {
            return 0;
        };
        let touched: usize = (0..rank)
            .filter(|&l| acc.strides[l] != 0 || !acc.gathers.is_empty())
            .map(|l| k.extents[l])
            .product();
        // Elements visited more than once (overlapping windows, a gather repeating rows) come
        // from cache: a kernel moves at most its buffer's bytes.
        let buffer = s.slots[slot].len * d.itemsize();
        touched.saturating_mul(d.itemsize()).min(buffer)
    };
    let use_of = |a: usize, writing: bool| -> BufferUse {
        let (slot, node) = match k.accesses[a].target {
            Target::Slot(slot, _) => (Some(slot), s.slots[slot].node),
            Target::Position => (None, s.slots[launch.out].node),
        };
        let info = slot.map(|x| &s.slots[x]);
        BufferUse {
            node: match slot {
                Some(_) => name(node),
                None => "(index)".into(),
            },
            bytes: info.map_or(0, |i| i.len * i.dtype.itemsize()),
            kind: match (writing, info) {
                (true, Some(i)) if i.reuses.is_some() => "reused in place",
                (true, _) => "new",
                (false, Some(i)) => match i.bound.as_ref().map(|b| b.ownership()) {
                    Some(Ownership::Owned) => "input",
                    Some(Ownership::Mapped) => "input, read-only (mapped file)",
                    Some(Ownership::Lent) => "input, read-only (lent)",
                    None => "temporary",
                },
                (false, _) => "temporary",
            },
        }
    };
    let reads = (1..k.accesses.len())
        .filter(|&a| matches!(k.accesses[a].target, Target::Slot(..)))
        .map(|a| {
            let mut u = use_of(a, false);
            u.node = format!("a{a}={}", u.node);
            u
        })
        .collect();
    let bytes_moved = (0..k.accesses.len()).map(moved_by).sum();
    Kernel {
        kind: match spec.kind {
            KernelKind::Map => "map".into(),
            KernelKind::Reduce(op) => op.name().into(),
            KernelKind::Scan { op, .. } => op.scan_name().unwrap_or("scan").into(),
        },
        body: body(spec),
        loops,
        vector_lanes: if spec.vectorize { 16 / width(spec) } else { 1 },
        threads: planned_threads(spec, &k.extents),
        reads,
        writes: use_of(0, true),
        bytes_moved,
        measured: None,
    }
}

/// Threads the launch will be split across.
fn planned_threads(spec: &KernelSpec, extents: &[usize]) -> usize {
    split(spec, extents).threads()
}

/// Lane width in bytes of a vectorized body.
fn width(spec: &KernelSpec) -> usize {
    spec.expr_dtypes()
        .iter()
        .filter(|d| !d.is_bool())
        .map(|d| d.itemsize())
        .chain(std::iter::once(spec.out_dtype().itemsize()))
        .max()
        .unwrap_or(8)
}

/// The kernel's value as an expression over its accesses (`a1 * 2.0 + a2`).
fn body(spec: &KernelSpec) -> String {
    let mut v = expression_text(spec, &spec.exprs, spec.value, "");
    if !spec.epilogue.is_empty() {
        let finished = match spec.kind {
            KernelKind::Reduce(op) => op.name(),
            _ => "value",
        };
        let last = spec.epilogue.len() - 1;
        v = format!(
            "{v}; finished: {}",
            expression_text(spec, &spec.epilogue, last, finished)
        );
    }
    v
}

/// One expression of a body (or epilogue, where `Finished` reads `finished`), in words.
fn expression_text(spec: &KernelSpec, exprs: &[KExpr], value: usize, finished: &str) -> String {
    let mut text: Vec<String> = Vec::with_capacity(exprs.len());
    for e in exprs {
        let t = match *e {
            KExpr::Load(a) => {
                let acc = &spec.accesses[a];
                let name = match acc.kind {
                    AccessKind::Buffer(_) => format!("a{a}"),
                    AccessKind::Position => format!("i{a}"),
                };
                // A gathered access reads through its indices: `a2[a1]`.
                let index: Vec<&str> = acc.gathers.iter().map(|&g| text[g].as_str()).collect();
                if index.is_empty() {
                    name
                } else {
                    format!("{name}[{}]", index.join("]["))
                }
            }
            KExpr::Const(c) => c.to_string(),
            KExpr::Unary(op, x) => format!("{}({})", op.name(), text[x]),
            KExpr::Binary(op, x, y) => {
                if op.symbol() == op.name() {
                    format!("{}({}, {})", op.name(), text[x], text[y])
                } else {
                    format!("({} {} {})", text[x], op.symbol(), text[y])
                }
            }
            KExpr::Where(c, x, y) => format!("where({}, {}, {})", text[c], text[x], text[y]),
            KExpr::Cast(d, x) => format!("{d}({})", text[x]),
            KExpr::Finished => finished.to_string(),
        };
        text.push(t);
    }
    let mut v = text.swap_remove(value);
    if v.starts_with('(') && v.ends_with(')') {
        v = v[1..v.len() - 1].to_string();
    }
    if v.chars().count() > 160 {
        v = v.chars().take(157).collect::<String>() + "...";
    }
    v
}

/// A warning when the innermost loop walks some buffer a cache line or more per element.
pub(crate) fn locality_warning(k: &Kernel, index: usize) -> Option<String> {
    let inner = k.loops.last()?;
    let (a, s) = inner
        .strides
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, s)| s.abs() > CACHE_LINE)?;
    Some(format!(
        "kernel {index}: the innermost loop strides {s} bytes through a{a} (poor locality: one cache line per element)"
    ))
}

/// Writes one kernel for `Display`.
pub(crate) fn write(f: &mut fmt::Formatter<'_>, index: usize, k: &Kernel) -> fmt::Result {
    writeln!(f, "kernel {index}: {:<6} out = {}", k.kind, k.body)?;
    let nest: Vec<String> = k
        .loops
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut s = l.extent.to_string();
            if l.reduced {
                s.push_str(" (reduced)");
            }
            if i + 1 == k.loops.len() && k.vector_lanes > 1 {
                s.push_str(&format!(" [{}-lane vectors]", k.vector_lanes));
            }
            s
        })
        .collect();
    writeln!(
        f,
        "  loops: {}   threads: {}",
        if nest.is_empty() {
            "(one element)".into()
        } else {
            nest.join(" x ")
        },
        k.threads
    )?;
    if !k.loops.is_empty() {
        let accesses = k.loops[0].strides.len();
        let strides: Vec<String> = (0..accesses)
            .map(|a| {
                let per: Vec<String> = k.loops.iter().map(|l| l.strides[a].to_string()).collect();
                format!("a{a} [{}]", per.join(", "))
            })
            .collect();
        writeln!(f, "  byte strides: {}", strides.join("; "))?;
    }
    let reads: Vec<String> = k
        .reads
        .iter()
        .map(|r| format!("{} ({}, {})", r.node, human_bytes(r.bytes), r.kind))
        .collect();
    writeln!(
        f,
        "  reads: {}",
        if reads.is_empty() {
            "nothing".into()
        } else {
            reads.join(", ")
        }
    )?;
    writeln!(
        f,
        "  writes: {} ({}, {})   moves {}",
        k.writes.node,
        human_bytes(k.writes.bytes),
        k.writes.kind,
        human_bytes(k.bytes_moved)
    )?;
    if let Some(m) = &k.measured {
        writeln!(
            f,
            "  measured: {:.3} ms, {:.1} GB/s, {}{}",
            m.run_ms,
            m.gb_per_s,
            m.cache,
            if m.compile_ms > 0.0 {
                format!(" in {:.3} ms", m.compile_ms)
            } else {
                String::new()
            }
        )?;
    }
    Ok(())
}
