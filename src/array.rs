//! `Array`: an immutable, lazy n-dimensional array value.
//!
//! An `Array` is a handle to a node of an expression DAG (`Arc`-shared, so `clone` is cheap).
//! Building an array never computes anything; [`Array::eval`] and the readers (`to_vec`,
//! `item`) do. Mistakes are caught when a node is built: the returned `Array` then carries the
//! error (with the caller's location), every array built from it carries it too, and evaluation
//! or [`Array::check`] returns it.

use crate::error::{Error, Result};
use crate::storage::buffer::Buffer;
use lazyarray_ir::{DType, Meta, Op, View, ViewOp, infer};
use smallvec::SmallVec;
use std::panic::Location;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, OnceLock};

/// One node of the user-side expression DAG.
pub(crate) struct Node {
    pub op: Op,
    pub meta: Meta,
    pub inputs: SmallVec<[Arc<Node>; 3]>,
    /// The storage of a `Source` node.
    pub buffer: Option<Arc<Buffer>>,
    /// The user's call that built this node.
    pub origin: &'static Location<'static>,
    /// The node's value once evaluated: a buffer and the view of the node's elements in it.
    /// Values never change, so later evaluations reuse it instead of recomputing.
    pub memo: OnceLock<(Arc<Buffer>, View)>,
    /// Set on a source whose buffer an evaluation reused in place for its result (only done
    /// when nothing but already-evaluated arrays could reach the source). Its data is gone: the
    /// reference evaluator, which recomputes from sources, refuses to run through it.
    pub consumed: AtomicBool,
    /// When the node was built, in program order (every input has a smaller number): the
    /// reference evaluator computes nodes in this order, so of several errors in a graph it
    /// reports the one NumPy's eager evaluation would raise first.
    pub seq: u64,
}

/// What a computed array's chain of views and copies rests on (see
/// [`Array::materialized_on`]).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum Base {
    /// A source buffer.
    Source,
    /// The remembered result of an evaluation.
    Computed,
}

/// The next node's [`Node::seq`].
pub(crate) fn next_seq() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Drop for Node {
    /// Drops long chains iteratively: a naive recursive drop of a 100,000-op chain (`a += 1` in
    /// a loop) would overflow the stack.
    fn drop(&mut self) {
        let mut stack: Vec<Arc<Node>> = self.inputs.drain(..).collect();
        while let Some(n) = stack.pop() {
            if let Some(mut inner) = Arc::into_inner(n) {
                stack.extend(inner.inputs.drain(..));
            }
        }
    }
}

/// An immutable, lazily evaluated n-dimensional array (NumPy: `ndarray`, with value semantics).
///
/// ```
/// use lazyarray::Array;
/// let a = Array::arange(0.0, 6.0, 1.0).reshape(&[2, 3]);
/// let b = (&a * 2.0 + 1.0).sum_axis(1);
/// assert_eq!(b.to_vec::<f64>().unwrap(), vec![9.0, 27.0]);
/// ```
#[derive(Clone)]
#[must_use = "arrays are lazy values; an unused array computes nothing"]
pub struct Array {
    repr: Repr,
}

#[derive(Clone)]
enum Repr {
    Node(Arc<Node>),
    Failed(Arc<Error>),
}

/// Builds one node for one user call: remembers the op name and the caller's location so every
/// error names them.
pub(crate) struct Builder {
    pub name: &'static str,
    pub origin: &'static Location<'static>,
}

impl Builder {
    /// A builder for the user's call to `name` (the caller's location is recorded).
    #[track_caller]
    pub fn new(name: &'static str) -> Builder {
        Builder {
            name,
            origin: Location::caller(),
        }
    }

    /// Wraps an IR check failure with this call's op name and location.
    pub fn ir<T>(&self, r: lazyarray_ir::IrResult<T>) -> Result<T> {
        r.map_err(|e| Error::from_ir(e, self.name, self.origin))
    }

    /// An error of `kind` for this call.
    pub fn error(&self, kind: lazyarray_ir::ErrorKind, message: impl Into<String>) -> Error {
        Error::new(kind, self.name, message, self.origin)
    }

    /// A node of `op` over `inputs`, its dtype and shape inferred (and checked).
    pub fn node(&self, op: Op, inputs: &[&Arc<Node>]) -> Result<Arc<Node>> {
        let metas: SmallVec<[&Meta; 3]> = inputs.iter().map(|n| &n.meta).collect();
        let meta = self.ir(infer(&op, &metas))?;
        Ok(Arc::new(Node {
            op,
            meta,
            inputs: inputs.iter().map(|&n| Arc::clone(n)).collect(),
            buffer: None,
            origin: self.origin,
            memo: OnceLock::new(),
            consumed: AtomicBool::new(false),
            seq: next_seq(),
        }))
    }

    /// Runs a fallible build and turns its outcome into an `Array` (carrying any error).
    pub fn run(&self, build: impl FnOnce() -> Result<Arc<Node>>) -> Array {
        match build() {
            Ok(node) => Array::from_node(node),
            Err(e) => Array::failed(e),
        }
    }
}

impl Array {
    pub(crate) fn from_node(node: Arc<Node>) -> Array {
        Array {
            repr: Repr::Node(node),
        }
    }

    pub(crate) fn failed(error: Error) -> Array {
        Array {
            repr: Repr::Failed(Arc::new(error)),
        }
    }

    /// A materialized array over `buffer` (C-contiguous, `shape`).
    pub(crate) fn from_buffer(
        buffer: Arc<Buffer>,
        shape: &[usize],
        origin: &'static Location<'static>,
    ) -> Array {
        Array::from_node(source_node(buffer, shape, origin))
    }

    /// A materialized array whose elements are `view` of `buffer`.
    pub(crate) fn from_view(
        buffer: Arc<Buffer>,
        view: View,
        origin: &'static Location<'static>,
    ) -> Array {
        if view.is_identity_of(buffer.len()) {
            return Array::from_buffer(buffer, &view.shape, origin);
        }
        let len = buffer.len();
        let source = source_node(buffer, &[len], origin);
        let meta = Meta::new(source.meta.dtype, &view.shape);
        Array::from_node(Arc::new(Node {
            op: Op::View(ViewOp::AsStrided(view)),
            meta,
            inputs: SmallVec::from_elem(source, 1),
            buffer: None,
            origin,
            memo: OnceLock::new(),
            consumed: AtomicBool::new(false),
            seq: next_seq(),
        }))
    }

    /// The buffer and view holding this array's elements, if it is already computed (or is a
    /// view, or a copy, of something computed).
    pub(crate) fn materialized(&self) -> Option<(Arc<Buffer>, View)> {
        self.materialized_on()
            .map(|(buffer, view, _)| (buffer, view))
    }

    /// [`Array::materialized`], and what the chain of views and copies from this array rests
    /// on: one walk down the chain, composing only the views above the topmost remembered
    /// value.
    pub(crate) fn materialized_on(&self) -> Option<(Arc<Buffer>, View, Base)> {
        let mut node = self.node().ok()?;
        // The topmost remembered value, and the views above it (innermost last).
        let mut found: Option<(Arc<Buffer>, View)> = None;
        let mut ops: SmallVec<[&ViewOp; 4]> = SmallVec::new();
        let base = loop {
            if found.is_none()
                && let Some((b, v)) = node.memo.get()
            {
                found = Some((Arc::clone(b), v.clone()));
            }
            match &node.op {
                Op::Source { shape, .. } => {
                    if found.is_none() {
                        found = Some((Arc::clone(node.buffer.as_ref()?), View::contiguous(shape)));
                    }
                    break Base::Source;
                }
                Op::View(op) => {
                    if found.is_none() {
                        ops.push(op);
                    }
                    node = &node.inputs[0];
                }
                // A copy has its input's values (buffers never change under a live array), and
                // view ops compose the same over either: `a.flatten()` of a computed `a` is a
                // view of it.
                Op::Copy => node = &node.inputs[0],
                _ if found.is_some() => break Base::Computed,
                _ => return None,
            }
        };
        let (buffer, mut view) = found?;
        for op in ops.iter().rev() {
            view = view.apply(op)?;
        }
        Some((buffer, view, base))
    }

    /// The node behind this array, or the error it carries.
    pub(crate) fn node(&self) -> Result<&Arc<Node>> {
        match &self.repr {
            Repr::Node(n) => Ok(n),
            Repr::Failed(e) => Err((**e).clone()),
        }
    }

    /// Returns the error this array carries, if building it (or anything it is built from)
    /// failed. Nothing is evaluated.
    pub fn check(&self) -> Result<&Array> {
        self.node().map(|_| self)
    }

    /// The carried error, if any.
    pub fn error(&self) -> Option<&Error> {
        match &self.repr {
            Repr::Node(_) => None,
            Repr::Failed(e) => Some(e),
        }
    }

    /// Extents, outermost first. NumPy: `a.shape`. An array carrying an error has shape `()`.
    pub fn shape(&self) -> &[usize] {
        match &self.repr {
            Repr::Node(n) => &n.meta.shape,
            Repr::Failed(_) => &[],
        }
    }

    /// Number of dimensions. NumPy: `a.ndim`.
    pub fn ndim(&self) -> usize {
        self.shape().len()
    }

    /// Number of elements. NumPy: `a.size`.
    pub fn size(&self) -> usize {
        lazyarray_ir::shape::size_of(self.shape())
    }

    /// Element type. NumPy: `a.dtype`. An array carrying an error reports `float64`.
    pub fn dtype(&self) -> DType {
        match &self.repr {
            Repr::Node(n) => n.meta.dtype,
            Repr::Failed(_) => DType::F64,
        }
    }

    /// True when the array is already computed (a buffer or a view of one, not an
    /// expression still to evaluate).
    pub fn is_materialized(&self) -> bool {
        self.materialized().is_some()
    }
}

/// A source node over `buffer` with `shape`.
fn source_node(
    buffer: Arc<Buffer>,
    shape: &[usize],
    origin: &'static Location<'static>,
) -> Arc<Node> {
    let op = Op::Source {
        buffer: buffer.id(),
        dtype: buffer.dtype(),
        shape: shape.into(),
    };
    Arc::new(Node {
        meta: Meta::new(buffer.dtype(), shape),
        op,
        inputs: SmallVec::new(),
        buffer: Some(buffer),
        origin,
        memo: OnceLock::new(),
        consumed: AtomicBool::new(false),
        seq: next_seq(),
    })
}

impl std::fmt::Debug for Array {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.repr {
            Repr::Node(n) => write!(
                f,
                "Array({} {}, {})",
                n.meta.dtype,
                lazyarray_ir::ShapeFmt(&n.meta.shape),
                n.op.name()
            ),
            Repr::Failed(e) => write!(f, "Array(error: {e})"),
        }
    }
}
