//! Repeating and joining arrays: tile, repeat, concatenate, stack.

use crate::array::{Array, Builder};
use crate::ops::args::{AsShape, sizes};
use crate::ops::{Resolved, cast, one_axis, view};
use lazyarray_ir::shape::normalize_axis;
use lazyarray_ir::{ErrorKind, Op, Repeats, ShapeFmt, ViewOp};
use std::sync::Arc;

impl Array {
    /// Repeats the whole array `reps[k]` times along axis `k`. Shorter `reps` are padded with
    /// ones on the left; longer ones add leading axes. NumPy: `np.tile(a, reps)`.
    #[track_caller]
    pub fn tile(&self, reps: impl AsShape) -> Array {
        let b = Builder::new("tile");
        b.run(|| {
            let x = self.node()?;
            let reps = &sizes(&b, &reps)?[..];
            let n = reps.len().max(x.meta.shape.len());
            let mut full: lazyarray_ir::Dims = std::iter::repeat_n(1, n - reps.len()).collect();
            full.extend_from_slice(reps);
            b.node(Op::Tile { reps: full }, &[x])
        })
    }

    /// Repeats each element `repeats` times along `axis`; `None` flattens first. NumPy:
    /// `np.repeat(a, repeats, axis)`.
    #[track_caller]
    pub fn repeat(&self, repeats: usize, axis: Option<isize>) -> Array {
        self.repeat_impl(Repeats::Each(repeats), axis)
    }

    /// Repeats element `i` of `axis` `counts[i]` times; `None` flattens first. A single count
    /// applies to every element (it broadcasts, as in NumPy). NumPy: `np.repeat(a, counts, axis)`.
    #[track_caller]
    pub fn repeat_each(&self, counts: &[usize], axis: Option<isize>) -> Array {
        match counts {
            [n] => self.repeat_impl(Repeats::Each(*n), axis),
            _ => self.repeat_impl(Repeats::PerElement(counts.to_vec()), axis),
        }
    }

    #[track_caller]
    fn repeat_impl(&self, repeats: Repeats, axis: Option<isize>) -> Array {
        let b = Builder::new("repeat");
        b.run(|| {
            let mut x = Arc::clone(self.node()?);
            let axis = match axis {
                Some(a) => {
                    let (widened, axis, _) = one_axis(&b, &x, a)?;
                    x = widened;
                    axis
                }
                None => {
                    let flat = b.ir(ViewOp::reshape(&x.meta.shape, &[-1], x.meta.dtype))?;
                    x = view(&b, &x, flat)?;
                    0
                }
            };
            b.node(Op::Repeat { repeats, axis }, &[&x])
        })
    }
}

/// Joins arrays along an existing axis; dtypes promote. NumPy: `np.concatenate(arrays, axis)`.
#[track_caller]
pub fn concatenate(arrays: &[&Array], axis: isize) -> Array {
    concatenate_named("concatenate", arrays, axis)
}

/// `concatenate` reporting its errors as the user's call `name` (`vstack`, `hstack`, ...).
#[track_caller]
fn concatenate_named(name: &'static str, arrays: &[&Array], axis: isize) -> Array {
    let b = Builder::new(name);
    b.run(|| {
        if arrays.is_empty() {
            return Err(b.error(ErrorKind::Shape, "need at least one array to concatenate"));
        }
        let nodes: Vec<Resolved> = arrays
            .iter()
            .map(|a| Ok(Resolved::Node(Arc::clone(a.node()?))))
            .collect::<crate::Result<_>>()?;
        let refs: Vec<&Resolved> = nodes.iter().collect();
        let dtype = Resolved::result_dtype(&refs);
        let ndim = refs[0].shape().len();
        if ndim == 0 {
            return Err(b.error(
                ErrorKind::Shape,
                "zero-dimensional arrays cannot be concatenated",
            ));
        }
        let axis = b.ir(normalize_axis(axis, ndim))?;
        let cast_nodes: Vec<_> = nodes
            .iter()
            .map(|r| match r {
                Resolved::Node(n) => cast(&b, n, dtype),
                Resolved::Weak(_) => unreachable!("only arrays are concatenated"),
            })
            .collect::<crate::Result<_>>()?;
        let inputs: Vec<_> = cast_nodes.iter().collect();
        b.node(Op::Concat { axis }, &inputs)
    })
}

/// Joins arrays of one shape along a new axis. NumPy: `np.stack(arrays, axis)`.
#[track_caller]
pub fn stack(arrays: &[&Array], axis: isize) -> Array {
    let b = Builder::new("stack");
    if let Err(e) = same_shapes(&b, arrays) {
        return Array::failed(e);
    }
    // The new axis is checked here so a bad one is reported as `stack`'s.
    let ndim = arrays[0].ndim();
    if let Err(e) = b.ir(normalize_axis(axis, ndim + 1)) {
        return Array::failed(e);
    }
    let mut expanded = Vec::with_capacity(arrays.len());
    for a in arrays {
        expanded.push(a.expand_dims(axis));
    }
    let refs: Vec<&Array> = expanded.iter().collect();
    concatenate(&refs, axis)
}

fn same_shapes(b: &Builder, arrays: &[&Array]) -> crate::Result<()> {
    let first = arrays
        .first()
        .ok_or_else(|| b.error(ErrorKind::Shape, "need at least one array to stack"))?
        .node()?;
    for a in arrays {
        if a.node()?.meta.shape != first.meta.shape {
            return Err(b.error(
                ErrorKind::Shape,
                format!(
                    "all input arrays must have the same shape ({} and {})",
                    ShapeFmt(&first.meta.shape),
                    ShapeFmt(a.shape())
                ),
            ));
        }
    }
    Ok(())
}

/// Joins arrays along a new or existing axis after viewing each with `view` (an `atleast_*d`).
#[track_caller]
fn join_viewed(
    name: &'static str,
    arrays: &[&Array],
    view: impl Fn(&Array) -> Array,
    axis: impl FnOnce(&[Array]) -> isize,
) -> Array {
    let viewed: Vec<Array> = arrays.iter().map(|a| view(a)).collect();
    let axis = axis(&viewed);
    let refs: Vec<&Array> = viewed.iter().collect();
    concatenate_named(name, &refs, axis)
}

/// Stacks arrays vertically: each is viewed as at least 2-D (`(n,)` as `(1, n)`) and they are
/// joined along axis 0. NumPy: `np.vstack(arrays)`.
#[track_caller]
pub fn vstack(arrays: &[&Array]) -> Array {
    join_viewed("vstack", arrays, |a| a.atleast_2d(), |_| 0)
}

/// Stacks arrays horizontally: each is viewed as at least 1-D; 1-D arrays are joined along
/// axis 0, others along axis 1. NumPy: `np.hstack(arrays)`.
#[track_caller]
pub fn hstack(arrays: &[&Array]) -> Array {
    join_viewed(
        "hstack",
        arrays,
        |a| a.atleast_1d(),
        |v| match v.first() {
            Some(a) if a.ndim() == 1 => 0,
            _ => 1,
        },
    )
}

/// Stacks arrays depth-wise: each is viewed as at least 3-D (`(n,)` as `(1, n, 1)`, `(m, n)`
/// as `(m, n, 1)`) and they are joined along axis 2. NumPy: `np.dstack(arrays)`.
#[track_caller]
pub fn dstack(arrays: &[&Array]) -> Array {
    join_viewed("dstack", arrays, |a| a.atleast_3d(), |_| 2)
}

/// Stacks 1-D arrays as the columns of a 2-D array (`(n,)` is viewed as `(n, 1)`, a 0-d array
/// as `(1, 1)`); arrays of two or more dimensions are joined along axis 1 as they are.
/// NumPy: `np.column_stack(arrays)`.
#[track_caller]
pub fn column_stack(arrays: &[&Array]) -> Array {
    join_viewed(
        "column_stack",
        arrays,
        |a| match a.ndim() {
            0 | 1 if a.check().is_ok() => a.atleast_2d().t(),
            _ => a.clone(),
        },
        |_| 1,
    )
}
