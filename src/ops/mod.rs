//! The operations that build arrays, one file per family, and the implicit conversions NumPy
//! performs (casts for type promotion, broadcasts for shape matching), made explicit nodes.

pub mod args;
pub mod creation;
pub mod elementwise;
pub mod indexing;
pub mod joins;
pub mod math;
pub mod operators;
pub mod reductions;
pub mod shapes;
pub mod statistics;
pub mod views;

use crate::array::{Array, Builder, Node};
use crate::element::Element;
use crate::error::Result;
use lazyarray_ir::{DType, ErrorKind, Op, Scalar, ScalarKind, ShapeFmt, ViewOp};
use std::sync::Arc;

/// One side of an elementwise operation: an array, or a Rust scalar used directly. A scalar is
/// *weak* (NEP 50): `f32_array * 2.0` stays `float32`, `i32_array * 2` stays `int32`.
#[derive(Clone, Debug)]
pub enum Operand {
    /// An array operand.
    Array(Array),
    /// A weak scalar operand.
    Scalar(Scalar),
}

/// Anything usable as an operand: `Array`, `&Array`, or a Rust `bool`/`i32`/`i64`/`f32`/`f64`.
pub trait IntoOperand {
    /// The operand.
    fn into_operand(self) -> Operand;
}

impl IntoOperand for Operand {
    fn into_operand(self) -> Operand {
        self
    }
}

impl IntoOperand for Array {
    fn into_operand(self) -> Operand {
        Operand::Array(self)
    }
}

impl IntoOperand for &Array {
    fn into_operand(self) -> Operand {
        Operand::Array(self.clone())
    }
}

impl<T: Element> IntoOperand for T {
    fn into_operand(self) -> Operand {
        Operand::Scalar(self.to_scalar())
    }
}

/// An operand resolved for building: a node, or a weak scalar.
pub(crate) enum Resolved {
    Node(Arc<Node>),
    Weak(Scalar),
}

impl Operand {
    pub(crate) fn resolve(self) -> Result<Resolved> {
        Ok(match self {
            Operand::Array(a) => Resolved::Node(Arc::clone(a.node()?)),
            Operand::Scalar(s) => Resolved::Weak(s),
        })
    }
}

impl Resolved {
    pub(crate) fn shape(&self) -> &[usize] {
        match self {
            Resolved::Node(n) => &n.meta.shape,
            Resolved::Weak(_) => &[],
        }
    }

    /// NEP 50: the dtype of an operation between these operands.
    pub(crate) fn result_dtype(operands: &[&Resolved]) -> DType {
        let strong: Vec<DType> = operands
            .iter()
            .filter_map(|o| match o {
                Resolved::Node(n) => Some(n.meta.dtype),
                Resolved::Weak(_) => None,
            })
            .collect();
        let mut dtype = match strong.split_first() {
            Some((first, rest)) => rest.iter().fold(*first, |a, &b| a.promote(b)),
            // Only scalars: they behave as their default dtypes.
            None => operands
                .iter()
                .map(|o| match o {
                    Resolved::Weak(s) => default_dtype(s.dtype().kind()),
                    Resolved::Node(_) => unreachable!(),
                })
                .fold(DType::Bool, DType::promote),
        };
        for o in operands {
            if let Resolved::Weak(s) = o {
                dtype = dtype.promote_weak(s.dtype().kind());
            }
        }
        dtype
    }

    /// The operand as a node of `dtype` and `shape` (casting and broadcasting as needed).
    pub(crate) fn to_node(&self, b: &Builder, dtype: DType, shape: &[usize]) -> Result<Arc<Node>> {
        match self {
            Resolved::Node(n) => broadcast(b, &cast(b, n, dtype)?, shape),
            Resolved::Weak(s) => {
                let value = weak_value(b, *s, dtype)?;
                b.node(
                    Op::Fill {
                        value,
                        shape: shape.into(),
                    },
                    &[],
                )
            }
        }
    }
}

fn default_dtype(kind: ScalarKind) -> DType {
    match kind {
        ScalarKind::Bool => DType::Bool,
        ScalarKind::Int => DType::I64,
        ScalarKind::Float => DType::F64,
    }
}

/// A weak scalar converted to `dtype`. NumPy 2 refuses an integer that does not fit
/// (`np.int32(1) + 3_000_000_000` and `np.uint8(1) + (-1)` raise `OverflowError`).
fn weak_value(b: &Builder, s: Scalar, dtype: DType) -> Result<Scalar> {
    if !weak_int_fits(s, dtype) {
        return Err(b.error(
            ErrorKind::DType,
            format!("Python integer {s} out of bounds for {dtype}"),
        ));
    }
    Ok(s.cast(dtype))
}

/// False for a weak integer whose value an integer `dtype` cannot hold exactly (every other
/// pairing converts by NumPy's rules).
pub(crate) fn weak_int_fits(s: Scalar, dtype: DType) -> bool {
    match (s.dtype().is_int(), s.to_i128(), dtype.int_range()) {
        (true, Some(v), Some((lo, hi))) if dtype.is_int() => (lo..=hi).contains(&v),
        _ => true,
    }
}

/// `x.astype(dtype)`, or `x` itself when it already has that dtype.
pub(crate) fn cast(b: &Builder, x: &Arc<Node>, dtype: DType) -> Result<Arc<Node>> {
    if x.meta.dtype == dtype {
        return Ok(Arc::clone(x));
    }
    b.node(Op::Cast(dtype), &[x])
}

/// `np.broadcast_to(x, shape)`, or `x` itself when it already has that shape.
pub(crate) fn broadcast(b: &Builder, x: &Arc<Node>, shape: &[usize]) -> Result<Arc<Node>> {
    if &x.meta.shape[..] == shape {
        return Ok(Arc::clone(x));
    }
    let op = b.ir(ViewOp::broadcast_to(&x.meta.shape, shape))?;
    b.node(Op::View(op), &[x])
}

/// The broadcast shape of several operands, with NumPy's message naming all of them.
pub(crate) fn broadcast_all(
    b: &Builder,
    shapes: &[&[usize]],
    dtype: DType,
) -> Result<lazyarray_ir::Dims> {
    let mut out: lazyarray_ir::Dims = lazyarray_ir::Dims::new();
    for s in shapes {
        out = lazyarray_ir::shape::broadcast_shapes(&out, s).map_err(|_| {
            let list: Vec<String> = shapes.iter().map(|s| ShapeFmt(s).to_string()).collect();
            b.error(
                ErrorKind::Shape,
                format!(
                    "operands could not be broadcast together with shapes {}",
                    list.join(" ")
                ),
            )
        })?;
    }
    // NumPy refuses a broadcast whose element count overflows ("iterator is too large") and a
    // result whose byte size does ("array is too big").
    lazyarray_ir::shape::checked_size(&out, DType::Bool).map_err(|_| {
        b.error(
            ErrorKind::Shape,
            format!(
                "iterator is too large: broadcast shape {} has too many elements",
                ShapeFmt(&out)
            ),
        )
    })?;
    b.ir(lazyarray_ir::shape::checked_size(&out, dtype))?;
    Ok(out)
}

/// Resolves the one axis of a function NumPy checks with `PyArray_CheckAxis` (`cumsum`, `take`,
/// `compress`, `repeat`, `argmin`/`argmax`): there a 0-d array counts as 1-d of length 1, so
/// axis 0 or -1 is valid and the array is read as that 1-d view. Returns the array to work on,
/// the axis, and whether the 0-d array was widened.
pub(crate) fn one_axis(
    b: &Builder,
    x: &Arc<Node>,
    axis: isize,
) -> Result<(Arc<Node>, usize, bool)> {
    if x.meta.shape.is_empty() && (axis == 0 || axis == -1) {
        let op = b.ir(ViewOp::reshape(&[], &[1], x.meta.dtype))?;
        return Ok((view(b, x, op)?, 0, true));
    }
    let axis = b.ir(lazyarray_ir::shape::normalize_axis(
        axis,
        x.meta.shape.len(),
    ))?;
    Ok((Arc::clone(x), axis, false))
}

/// A view op on `x`.
pub(crate) fn view(b: &Builder, x: &Arc<Node>, op: ViewOp) -> Result<Arc<Node>> {
    b.node(Op::View(op), &[x])
}
