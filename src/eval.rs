//! Evaluation: turning lazy arrays into data.

use crate::array::{Array, Node};
use crate::element::Element;
use crate::error::{Error, Result};
use crate::lower::lower;
use crate::reference;
use lazyarray_ir::{ErrorKind, Op};
use std::panic::Location;
use std::sync::Arc;

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
    let origin = Location::caller();
    let nodes: Vec<&Arc<Node>> = arrays.iter().map(|a| a.node()).collect::<Result<_>>()?;
    if nodes.iter().all(|n| matches!(n.op, Op::Source { .. })) {
        return Ok(arrays.iter().map(|&a| a.clone()).collect());
    }
    let lowered = lower(&nodes);
    let buffers = reference::evaluate(&lowered.graph, &lowered.buffers)?;
    Ok(buffers
        .into_iter()
        .zip(&nodes)
        .map(|(buf, node)| Array::from_buffer(buf, &node.meta.shape, origin))
        .collect())
}

impl Array {
    /// Evaluates with the reference evaluator on the graph exactly as written (no rewrites, no
    /// compilation): the slow, obviously correct oracle that tests compare every other result
    /// against.
    #[track_caller]
    pub fn eval_reference(&self) -> Result<Array> {
        let origin = Location::caller();
        let node = self.node()?;
        let lowered = lower(&[node]);
        let buffer = reference::evaluate(&lowered.graph, &lowered.buffers)?.remove(0);
        Ok(Array::from_buffer(buffer, &node.meta.shape, origin))
    }
}

impl Array {
    /// Computes the array: the result is materialized (`is_materialized()`), and evaluating it
    /// again costs nothing. NumPy arrays are always evaluated; here this is where work happens.
    #[track_caller]
    pub fn eval(&self) -> Result<Array> {
        Ok(eval(&[self])?.remove(0))
    }

    /// The elements in C (row-major) order. `T` must be the array's element type
    /// (`to_vec::<f64>()` on a float64 array). NumPy: `a.ravel().tolist()`.
    #[track_caller]
    pub fn to_vec<T: Element>(&self) -> Result<Vec<T>> {
        let origin = Location::caller();
        let done = self.eval()?;
        let node = done.node()?;
        let buffer = node
            .buffer
            .as_ref()
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
        Ok(data.to_vec())
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
        let buffer =
            done.node()?.buffer.clone().ok_or_else(|| {
                Error::internal("item", "an evaluated array has no buffer", origin)
            })?;
        Ok(T::from_scalar(buffer.get(0)))
    }
}
