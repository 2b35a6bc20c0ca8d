//! The node set of the expression graph: one `Op` enum plus group predicates.
//!
//! Ops are *primitive*: every elementwise op takes inputs of one shape and one dtype (the API
//! inserts the broadcasts and casts NumPy does implicitly), so the optimizer and the code
//! generator see every conversion explicitly. `Eq + Hash` are structural, which is what common
//! subexpression elimination and the kernel cache key on.

use crate::dtype::DType;
use crate::scalar::Scalar;
use crate::shape::Dims;
use crate::view::ViewOp;
use std::fmt;

pub mod binary;
pub mod lowering;
pub mod reduce;
pub mod unary;

pub use binary::BinaryOp;
pub use reduce::ReduceOp;
pub use unary::UnaryOp;

/// Identifies a materialized buffer. The `lazyarray` runtime owns the buffers; the graph only
/// names them.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BufferId(pub u64);

/// How many times `repeat` repeats each element along its axis.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Repeats {
    /// Every element the same number of times (`np.repeat(a, 3, axis)`).
    Each(usize),
    /// One count per element of the axis (`np.repeat(a, [1, 0, 2], axis)`).
    PerElement(Vec<usize>),
}

/// One node's operation. Creation ops carry their output dtype and shape; every other op's
/// output follows from its inputs (see [`crate::infer()`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    /// A materialized C-contiguous buffer.
    Source {
        /// Which buffer.
        buffer: BufferId,
        /// Its dtype.
        dtype: DType,
        /// Its logical shape.
        shape: Dims,
    },
    /// Every element equal to `value` (`np.full`).
    Fill {
        /// The value (its dtype is the node's).
        value: Scalar,
        /// Output shape.
        shape: Dims,
    },
    /// `np.arange`: element `i` is `start + i * step` (1-D, `len` elements).
    Arange {
        /// First value (its dtype is the node's).
        start: Scalar,
        /// Increment, same dtype as `start`.
        step: Scalar,
        /// Number of elements.
        len: usize,
    },
    /// Uniform f64 in `[0, 1)`, NumPy's legacy `np.random.seed(seed); random_sample(shape)`.
    Random {
        /// MT19937 seed.
        seed: u32,
        /// Output shape.
        shape: Dims,
    },
    /// A movement op: a view of the input.
    View(ViewOp),
    /// An elementwise function of one input.
    Unary(UnaryOp),
    /// An elementwise function of two inputs of the same shape and dtype.
    Binary(BinaryOp),
    /// `np.where(cond, a, b)`: three inputs of one shape; `cond` is bool.
    Where,
    /// `astype(dtype)` with the rules of [`Scalar::cast`].
    Cast(DType),
    /// A reduction over `axes` (sorted, distinct).
    Reduce {
        /// Which reduction.
        op: ReduceOp,
        /// Reduced axes of the input.
        axes: Dims,
        /// Keep reduced axes as length 1.
        keepdims: bool,
    },
    /// A running reduction along `axis`, same dtype as its input: `np.cumsum(a, axis)` for
    /// `Sum`, `np.cumprod(a, axis)` for `Prod` (the ops [`ReduceOp::scan_name`] names).
    Scan {
        /// The combining reduction.
        op: ReduceOp,
        /// The scanned axis.
        axis: usize,
    },
    /// `np.take(a, indices, axis)`: inputs `[data, indices]`, integer indices, negative ones
    /// count from the end; every index is bounds-checked at evaluation.
    Take {
        /// The gathered axis of `data`.
        axis: usize,
    },
    /// `np.compress(mask, a, axis)`: inputs `[data, mask]`; the mask was evaluated when the node
    /// was built, so the number of selected entries is known.
    Compress {
        /// The selected axis of `data`.
        axis: usize,
        /// How many entries the mask selects.
        count: usize,
    },
    /// `np.tile(a, reps)`; `reps` has at least the input's rank (the input is left-padded with
    /// length-1 axes).
    Tile {
        /// Repetitions per output axis.
        reps: Dims,
    },
    /// `np.repeat(a, repeats, axis)`.
    Repeat {
        /// Counts.
        repeats: Repeats,
        /// The repeated axis.
        axis: usize,
    },
    /// `np.concatenate(inputs, axis)`: inputs of one dtype and rank, equal but for `axis`.
    Concat {
        /// The joined axis.
        axis: usize,
    },
    /// A materialized C-contiguous copy of the input (inserted where a layout needs one, e.g.
    /// the reshape of a transposed array).
    Copy,
}

impl Op {
    /// Elementwise ops: output element `i` depends only on input elements `i`.
    pub fn is_elementwise(&self) -> bool {
        matches!(
            self,
            Op::Unary(_) | Op::Binary(_) | Op::Where | Op::Cast(_) | Op::Copy
        )
    }

    /// Creation ops: no inputs.
    pub fn is_creation(&self) -> bool {
        matches!(
            self,
            Op::Source { .. } | Op::Fill { .. } | Op::Arange { .. } | Op::Random { .. }
        )
    }

    /// Movement ops: the output is a view of the input.
    pub fn is_view(&self) -> bool {
        matches!(self, Op::View(_))
    }

    /// Ops that move data by index maths (a loop can read through them without a temporary).
    pub fn is_index_map(&self) -> bool {
        matches!(
            self,
            Op::View(_) | Op::Tile { .. } | Op::Repeat { .. } | Op::Concat { .. }
        )
    }

    /// Gathers: the address depends on data (indices or a mask).
    pub fn is_gather(&self) -> bool {
        matches!(self, Op::Take { .. } | Op::Compress { .. })
    }

    /// A short name, as in NumPy (`"multiply"`, `"take"`), used in messages and plans.
    pub fn name(&self) -> &'static str {
        match self {
            Op::Source { .. } => "array",
            Op::Fill { .. } => "full",
            Op::Arange { .. } => "arange",
            Op::Random { .. } => "random_sample",
            Op::View(_) => "view",
            Op::Unary(u) => u.name(),
            Op::Binary(b) => b.name(),
            Op::Where => "where",
            Op::Cast(_) => "astype",
            Op::Reduce { op, .. } => op.name(),
            Op::Scan { op, .. } => op.scan_name().unwrap_or("scan"),
            Op::Take { .. } => "take",
            Op::Compress { .. } => "compress",
            Op::Tile { .. } => "tile",
            Op::Repeat { .. } => "repeat",
            Op::Concat { .. } => "concatenate",
            Op::Copy => "copy",
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let join = |d: &[usize]| {
            d.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        match self {
            Op::Source { .. } => f.write_str("array"),
            Op::Fill { value, .. } => write!(f, "full {value}"),
            Op::Arange { start, step, .. } => write!(f, "arange start={start} step={step}"),
            Op::Random { seed, .. } => write!(f, "random_sample seed={seed}"),
            Op::View(v) => write!(f, "{v}"),
            Op::Unary(u) => f.write_str(u.name()),
            Op::Binary(b) => f.write_str(b.symbol()),
            Op::Where => f.write_str("where"),
            Op::Cast(d) => write!(f, "astype({d})"),
            Op::Reduce { op, axes, keepdims } => {
                write!(f, "{} axis=({})", op.name(), join(axes))?;
                if *keepdims {
                    f.write_str(" keepdims")?;
                }
                Ok(())
            }
            Op::Scan { axis, .. } => write!(f, "{} axis={axis}", self.name()),
            Op::Take { axis } => write!(f, "take axis={axis}"),
            Op::Compress { axis, count } => write!(f, "compress axis={axis} count={count}"),
            Op::Tile { reps } => write!(f, "tile reps=({})", join(reps)),
            Op::Repeat { repeats, axis } => match repeats {
                Repeats::Each(n) => write!(f, "repeat {n} axis={axis}"),
                Repeats::PerElement(c) => write!(f, "repeat ({}) axis={axis}", join(c)),
            },
            Op::Concat { axis } => write!(f, "concatenate axis={axis}"),
            Op::Copy => f.write_str("copy"),
        }
    }
}
