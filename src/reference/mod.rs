//! The reference evaluator: the slow, obviously correct definition of every op.
//!
//! Each node is computed into a fresh C-contiguous buffer by straightforward loops over
//! multi-indices, reading inputs one element at a time through [`Buffer::get`] (bounds-checked)
//! and combining them with the per-element rules of [`scalar_ops`]. It is the oracle every
//! optimized or compiled result is tested against, so it favours clarity over speed: no views,
//! no fusion, no reuse — except that a buffer is freed once its last user has run. (The
//! per-element rules live in the `ir` crate, shared with constant folding and the code
//! generator's scalar helpers.)

use crate::error::{Error, Result};
use crate::random::Mt19937;
use crate::storage::buffer::Buffer;
use lazyarray_ir::scalar_ops;
use lazyarray_ir::shape::size_of;
use lazyarray_ir::{
    BinaryOp, BufferId, DType, Dims, ErrorKind, Graph, NodeId, Op, ReduceOp, Repeats, Scalar, View,
};
use std::collections::HashMap;
use std::sync::Arc;

/// Evaluates every output of `graph`; `buffers` holds the storage of its `Source` nodes.
pub(crate) fn evaluate(
    graph: &Graph,
    buffers: &HashMap<BufferId, Arc<Buffer>>,
) -> Result<Vec<Arc<Buffer>>> {
    let order = graph.program_order();
    let mut uses: HashMap<NodeId, usize> = order.iter().map(|&n| (n, graph.use_count(n))).collect();
    let mut values: HashMap<NodeId, Arc<Buffer>> = HashMap::new();
    // Each node's value if it is a constant (a fill, or a view of one: what
    // `Graph::constant_value` finds), from its input's, which comes first in the order. (Asking
    // `constant_value` walks down every view below each node: quadratic on a chain of views.)
    let mut constants: HashMap<NodeId, Option<Scalar>> = HashMap::new();
    for &n in &order {
        let node = graph.node(n);
        let inputs = graph.inputs(n);
        let constant = match &node.op {
            Op::Fill { value, .. } => Some(*value),
            Op::View(_) => inputs
                .first()
                .and_then(|i| constants.get(i).copied().flatten()),
            _ => None,
        };
        constants.insert(n, constant);
        let value = match &node.op {
            Op::Source { buffer, .. } => Arc::clone(buffers.get(buffer).ok_or_else(|| {
                Error::internal(
                    "evaluate",
                    format!("buffer #{} is not bound", buffer.0),
                    node.origin,
                )
            })?),
            _ => {
                let args: Vec<Input> = inputs
                    .iter()
                    .map(|i| Input {
                        buf: &values[i],
                        shape: &graph.node(*i).meta.shape,
                        constant: constants.get(i).copied().flatten(),
                    })
                    .collect();
                Arc::new(eval_node(node, &args)?)
            }
        };
        values.insert(n, value);
        for i in inputs {
            let left = uses.get_mut(&i).expect("every input is in the order");
            *left -= 1;
            if *left == 0 {
                values.remove(&i);
            }
        }
    }
    Ok(graph
        .outputs()
        .iter()
        .map(|o| Arc::clone(&values[o]))
        .collect())
}

/// An evaluated input: its C-contiguous data and its shape, and its value if it is a
/// constant (a scalar operand, which changes the meaning of `power`).
struct Input<'a> {
    buf: &'a Buffer,
    shape: &'a [usize],
    constant: Option<Scalar>,
}

impl Input<'_> {
    /// The element at a multi-index.
    fn at(&self, index: &[usize]) -> Scalar {
        self.buf.get(c_offset(self.shape, index))
    }
}

fn eval_node(node: &lazyarray_ir::Node, ins: &[Input]) -> Result<Buffer> {
    let out_shape = &node.meta.shape;
    let dtype = node.meta.dtype;
    let len = size_of(out_shape);
    let fail =
        |kind: ErrorKind, message: String| Error::new(kind, node.op.name(), message, node.origin);
    let alloc = |fill: &mut dyn FnMut(usize) -> Scalar| {
        Buffer::from_fn(dtype, len, fill)
            .map_err(|e| Error::resource(node.op.name(), e.to_string(), node.origin))
    };
    let gather = |fill: &mut dyn FnMut(&[usize]) -> Scalar| {
        let mut index = MultiIndex::new(out_shape);
        alloc(&mut |_| {
            let v = fill(index.current());
            index.advance();
            v
        })
    };
    match &node.op {
        Op::Source { .. } => unreachable!("sources are bound, not evaluated"),
        Op::Fill { value, .. } => alloc(&mut |_| *value),
        Op::Arange { start, step, .. } => alloc(&mut |i| arange_value(*start, *step, i)),
        Op::Random { seed, .. } => {
            let mut rng = Mt19937::new(*seed);
            alloc(&mut |_| Scalar::F64(rng.next_f64()))
        }
        Op::View(op) => {
            let view = View::contiguous(ins[0].shape).apply(op).ok_or_else(|| {
                Error::internal(
                    "view",
                    format!("{op} does not apply to a contiguous input"),
                    node.origin,
                )
            })?;
            gather(&mut |idx| ins[0].buf.get(view.offset_of(idx)))
        }
        Op::Unary(op) => alloc(&mut |i| scalar_ops::unary(*op, ins[0].buf.get(i))),
        Op::Binary(op) => {
            if *op == BinaryOp::Pow && ins[0].buf.dtype().is_signed_int() {
                let invalid =
                    (0..len).any(|i| scalar_ops::int_power_is_invalid(*op, ins[1].buf.get(i)));
                if invalid {
                    return Err(fail(
                        ErrorKind::DType,
                        "Integers to negative integer powers are not allowed.".into(),
                    ));
                }
            }
            if let (BinaryOp::Pow, Some(c)) = (*op, ins[1].constant)
                && scalar_ops::power_by_constant(Scalar::zero(dtype), c).is_some()
            {
                return alloc(&mut |i| {
                    scalar_ops::power_by_constant(ins[0].buf.get(i), c).expect("checked above")
                });
            }
            alloc(&mut |i| scalar_ops::binary(*op, ins[0].buf.get(i), ins[1].buf.get(i)))
        }
        Op::Where => alloc(&mut |i| {
            if ins[0].buf.get(i).is_truthy() {
                ins[1].buf.get(i)
            } else {
                ins[2].buf.get(i)
            }
        }),
        Op::Cast(to) => alloc(&mut |i| ins[0].buf.get(i).cast(*to)),
        Op::Reduce { op, axes, keepdims } => {
            let x = &ins[0];
            let reduced: Dims = axes.iter().map(|&a| x.shape[a]).collect();
            let mut src: Dims = x.shape.iter().map(|_| 0).collect();
            let mut values = Vec::new();
            gather(&mut |out_idx| {
                // Place the output index on the kept axes of the input index.
                let mut k = 0;
                for (axis, slot) in src.iter_mut().enumerate() {
                    let reduced_axis = axes.contains(&axis);
                    if !reduced_axis {
                        *slot = out_idx[k];
                    }
                    if !reduced_axis || *keepdims {
                        k += 1;
                    }
                }
                values.clear();
                let mut r = MultiIndex::new(&reduced);
                for _ in 0..size_of(&reduced) {
                    for (&axis, &i) in axes.iter().zip(r.current()) {
                        src[axis] = i;
                    }
                    values.push(x.at(&src));
                    r.advance();
                }
                reduce(*op, x.buf.dtype(), &values)
            })
        }
        Op::Scan { op, axis } => {
            let x = &ins[0];
            let combine = op
                .combining()
                .expect("only reductions with a combining op are scanned (ir::infer)");
            let stride: usize = x.shape[axis + 1..].iter().product();
            let mut acc: Vec<Scalar> = (0..len).map(|i| x.buf.get(i)).collect();
            let mut index = MultiIndex::new(x.shape);
            for pos in 0..len {
                if index.current()[*axis] > 0 {
                    acc[pos] = scalar_ops::binary(combine, acc[pos - stride], acc[pos]);
                }
                index.advance();
            }
            alloc(&mut |i| acc[i])
        }
        Op::Take { axis } => {
            let (x, idx) = (&ins[0], &ins[1]);
            let n = x.shape[*axis];
            let resolved: Vec<usize> = (0..idx.buf.len())
                .map(|k| {
                    let i = idx.buf.get(k).to_i64().expect("indices are integers");
                    let ok = i >= -(n as i64) && i < n as i64;
                    if !ok {
                        return Err(fail(
                            ErrorKind::Index,
                            format!("index {i} is out of bounds for axis {axis} with size {n}"),
                        ));
                    }
                    Ok(if i < 0 {
                        (i + n as i64) as usize
                    } else {
                        i as usize
                    })
                })
                .collect::<Result<_>>()?;
            let k = idx.shape.len();
            let mut src: Dims = x.shape.iter().map(|_| 0).collect();
            gather(&mut |o| {
                src[..*axis].copy_from_slice(&o[..*axis]);
                src[*axis] = resolved[c_offset(idx.shape, &o[*axis..*axis + k])];
                src[axis + 1..].copy_from_slice(&o[axis + k..]);
                x.at(&src)
            })
        }
        Op::Compress { axis, .. } => {
            let (x, mask) = (&ins[0], &ins[1]);
            let picked: Vec<usize> = (0..mask.buf.len())
                .filter(|&k| mask.buf.get(k).is_truthy())
                .collect();
            let mut src: Dims = x.shape.into();
            gather(&mut |o| {
                src.copy_from_slice(o);
                src[*axis] = picked[o[*axis]];
                x.at(&src)
            })
        }
        Op::Tile { reps } => {
            let x = &ins[0];
            let lead = reps.len() - x.shape.len();
            let mut src: Dims = x.shape.into();
            gather(&mut |o| {
                for (k, s) in src.iter_mut().enumerate() {
                    *s = o[lead + k] % x.shape[k];
                }
                x.at(&src)
            })
        }
        Op::Repeat { repeats, axis } => {
            let x = &ins[0];
            // Per source element, where its copies end along the axis: only for explicit
            // counts (as long as the counts the caller gave); a uniform count divides. Nothing
            // is as large as the result's axis, which may be huge in an empty result.
            let ends: Vec<usize> = match repeats {
                Repeats::Each(_) => Vec::new(),
                Repeats::PerElement(c) => c
                    .iter()
                    .scan(0usize, |end, &r| {
                        *end = end.saturating_add(r);
                        Some(*end)
                    })
                    .collect(),
            };
            let mut src: Dims = x.shape.into();
            gather(&mut |o| {
                src.copy_from_slice(o);
                src[*axis] = match repeats {
                    Repeats::Each(r) => o[*axis] / r,
                    Repeats::PerElement(_) => ends.partition_point(|&e| e <= o[*axis]),
                };
                x.at(&src)
            })
        }
        Op::Concat { axis } => {
            let mut src: Dims = out_shape.clone();
            gather(&mut |o| {
                src.copy_from_slice(o);
                let mut part = 0;
                while src[*axis] >= ins[part].shape[*axis] {
                    src[*axis] -= ins[part].shape[*axis];
                    part += 1;
                }
                ins[part].at(&src)
            })
        }
        Op::Copy => alloc(&mut |i| ins[0].buf.get(i)),
    }
}

/// Element `i` of `np.arange`. Integers: `start + i*step`, wrapping. Floats: NumPy's fill rule —
/// element 1 is `start + step` and element `i ≥ 2` is `start + i*delta` with
/// `delta = (start + step) - start`.
fn arange_value(start: Scalar, step: Scalar, i: usize) -> Scalar {
    match (start, step) {
        (Scalar::I64(s), Scalar::I64(d)) => Scalar::I64(s.wrapping_add((i as i64).wrapping_mul(d))),
        (Scalar::I32(s), Scalar::I32(d)) => Scalar::I32(s.wrapping_add((i as i32).wrapping_mul(d))),
        (Scalar::F64(s), Scalar::F64(d)) => Scalar::F64(match i {
            0 => s,
            1 => s + d,
            _ => s + i as f64 * ((s + d) - s),
        }),
        (Scalar::F32(s), Scalar::F32(d)) => Scalar::F32(match i {
            0 => s,
            1 => s + d,
            _ => s + i as f32 * ((s + d) - s),
        }),
        _ => unreachable!("arange start and step share an int or float dtype"),
    }
}

/// Reduces `values` (in C order of the reduced axes) with `op`: a fold with the op's combining
/// binary op from its identity (or from the first value when it has none), float sums
/// pairwise as NumPy's; argmin/argmax keep the first extreme, and the first NaN wins.
fn reduce(op: ReduceOp, dtype: DType, values: &[Scalar]) -> Scalar {
    if let Some(bin) = op.combining() {
        if op == ReduceOp::Sum && dtype.is_float() {
            return pairwise_sum(values, dtype);
        }
        let (init, rest) = match op.identity(dtype) {
            Some(identity) => (identity, values),
            None => (values[0], &values[1..]),
        };
        return rest
            .iter()
            .fold(init, |acc, &v| scalar_ops::binary(bin, acc, v));
    }
    let better = if op == ReduceOp::ArgMax {
        BinaryOp::Gt
    } else {
        BinaryOp::Lt
    };
    let mut best = 0;
    for (i, &v) in values.iter().enumerate().skip(1) {
        if values[best].is_nan() {
            break;
        }
        if v.is_nan() || scalar_ops::binary(better, v, values[best]).is_truthy() {
            best = i;
        }
    }
    Scalar::I64(best as i64)
}

/// Pairwise (cascade) summation, as NumPy uses for float sums: error grows like `log n`.
fn pairwise_sum(values: &[Scalar], dtype: DType) -> Scalar {
    if values.len() <= 8 {
        return values.iter().fold(Scalar::zero(dtype), |acc, &v| {
            scalar_ops::binary(BinaryOp::Add, acc, v)
        });
    }
    let half = values.len() / 2;
    scalar_ops::binary(
        BinaryOp::Add,
        pairwise_sum(&values[..half], dtype),
        pairwise_sum(&values[half..], dtype),
    )
}

/// The C-order element offset of `index` in an array of `shape`.
fn c_offset(shape: &[usize], index: &[usize]) -> usize {
    shape.iter().zip(index).fold(0, |acc, (&d, &i)| acc * d + i)
}

/// Walks the multi-indices of a shape in C order (an odometer).
struct MultiIndex {
    shape: Dims,
    index: Dims,
}

impl MultiIndex {
    fn new(shape: &[usize]) -> MultiIndex {
        MultiIndex {
            shape: shape.into(),
            index: shape.iter().map(|_| 0).collect(),
        }
    }

    fn current(&self) -> &[usize] {
        &self.index
    }

    fn advance(&mut self) {
        for k in (0..self.shape.len()).rev() {
            self.index[k] += 1;
            if self.index[k] < self.shape[k] {
                return;
            }
            self.index[k] = 0;
        }
    }
}
