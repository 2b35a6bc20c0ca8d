//! The elements an array prints, read from its evaluated buffer: all of them, or only the
//! edges of each axis when the array is summarized (`_leading_trailing` of
//! `numpy/_core/arrayprint.py`), grouped by how NumPy formats them.

use super::layout::Axis;
use crate::storage::buffer::Buffer;
use lazyarray_ir::{Scalar, View};

/// The elements of one array, in the family of NumPy formatter that prints them. Floats keep
/// their own type: a float32 prints its float32 shortest digits.
pub(crate) enum Column {
    /// `BoolFormat`.
    Bool(Vec<bool>),
    /// `IntegerFormat` of a signed integer dtype.
    Signed(Vec<i64>),
    /// `IntegerFormat` of an unsigned integer dtype.
    Unsigned(Vec<u64>),
    /// `FloatingFormat` of float32.
    F32(Vec<f32>),
    /// `FloatingFormat` of float64.
    F64(Vec<f64>),
}

/// One element, in its formatter family.
enum Value {
    Bool(bool),
    Signed(i64),
    Unsigned(u64),
    F32(f32),
    F64(f64),
}

/// The family of a value: the one place a new dtype's elements are told how to print.
fn value(s: Scalar) -> Value {
    match s {
        Scalar::Bool(v) => Value::Bool(v),
        Scalar::I8(v) => Value::Signed(v.into()),
        Scalar::I16(v) => Value::Signed(v.into()),
        Scalar::I32(v) => Value::Signed(v.into()),
        Scalar::I64(v) => Value::Signed(v),
        Scalar::U8(v) => Value::Unsigned(v.into()),
        Scalar::U16(v) => Value::Unsigned(v.into()),
        Scalar::U32(v) => Value::Unsigned(v.into()),
        Scalar::U64(v) => Value::Unsigned(v),
        Scalar::F32(v) => Value::F32(v),
        Scalar::F64(v) => Value::F64(v),
    }
}

impl Column {
    /// An empty column of `first`'s family, holding `first`.
    fn start(first: Value, capacity: usize) -> Column {
        fn one<T>(v: T, capacity: usize) -> Vec<T> {
            let mut c = Vec::with_capacity(capacity);
            c.push(v);
            c
        }
        match first {
            Value::Bool(v) => Column::Bool(one(v, capacity)),
            Value::Signed(v) => Column::Signed(one(v, capacity)),
            Value::Unsigned(v) => Column::Unsigned(one(v, capacity)),
            Value::F32(v) => Column::F32(one(v, capacity)),
            Value::F64(v) => Column::F64(one(v, capacity)),
        }
    }

    /// Appends a value of the column's family (every element of a buffer has its dtype, so
    /// the families always agree; `false` if they do not).
    fn push(&mut self, v: Value) -> bool {
        match (self, v) {
            (Column::Bool(c), Value::Bool(v)) => c.push(v),
            (Column::Signed(c), Value::Signed(v)) => c.push(v),
            (Column::Unsigned(c), Value::Unsigned(v)) => c.push(v),
            (Column::F32(c), Value::F32(v)) => c.push(v),
            (Column::F64(c), Value::F64(v)) => c.push(v),
            (
                Column::Bool(_)
                | Column::Signed(_)
                | Column::Unsigned(_)
                | Column::F32(_)
                | Column::F64(_),
                _,
            ) => return false,
        }
        true
    }
}

/// The indices of an axis of length `n` that print: the first and last `edge` when the array is
/// summarized and the axis longer than `2 * edge`, all of them otherwise.
fn kept(n: usize, summarize: bool, edge: usize) -> (Vec<usize>, Axis) {
    if summarize && n > 2 * edge {
        let idx = (0..edge).chain(n - edge..n).collect();
        (
            idx,
            Axis {
                kept: 2 * edge,
                summarized: true,
            },
        )
    } else {
        (
            (0..n).collect(),
            Axis {
                kept: n,
                summarized: false,
            },
        )
    }
}

/// The printed elements of the non-empty array `view` of `buffer`, in C order over the kept
/// indices, with the axes the layout walks; `None` if the buffer's values disagree on their
/// family (never: a buffer has one dtype).
pub(crate) fn gather(
    buffer: &Buffer,
    view: &View,
    summarize: bool,
    edge: usize,
) -> Option<(Column, Vec<Axis>)> {
    let (indices, axes): (Vec<Vec<usize>>, Vec<Axis>) =
        view.shape.iter().map(|&n| kept(n, summarize, edge)).unzip();
    let count: usize = axes.iter().map(|a| a.kept).product();
    // An odometer over the kept indices, last axis fastest.
    let mut at = vec![0usize; axes.len()];
    let mut index = vec![0usize; axes.len()];
    let mut column: Option<Column> = None;
    for _ in 0..count {
        for (k, &p) in at.iter().enumerate() {
            index[k] = indices[k][p];
        }
        let v = value(buffer.get(view.offset_of(&index)));
        match &mut column {
            None => column = Some(Column::start(v, count)),
            Some(c) => {
                if !c.push(v) {
                    return None;
                }
            }
        }
        for k in (0..at.len()).rev() {
            at[k] += 1;
            if at[k] < axes[k].kept {
                break;
            }
            at[k] = 0;
        }
    }
    Some((column?, axes))
}
