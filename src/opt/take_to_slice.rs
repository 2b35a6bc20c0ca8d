//! **take_to_slice** — a gather whose indices are an arithmetic sequence becomes a strided view.
//!
//! `a[np.arange(0, n, 10)]` and `np.take(a, np.arange(0, n, 10), axis=0)` copy every tenth row;
//! `a[::10]` is a view. When the index array is an `arange`, or concrete data that happens to
//! be one (checked once per buffer: index arrays are data), and every index is in bounds on
//! one side of zero, the take is the slice `start:start+len*step:step` along its axis.

use crate::opt::{Env, NodeRule, Rewrite, util};
use crate::storage::facts::{self, Sequence};
use lazyarray_ir::{Graph, NodeId, Op, SliceArg, ViewOp};

/// See the module docs.
pub(crate) struct TakeToSlice;

impl NodeRule for TakeToSlice {
    fn name(&self) -> &'static str {
        "take_to_slice"
    }

    fn apply(&self, g: &mut Graph, n: NodeId, env: &Env) -> Option<Rewrite> {
        let Op::Take { axis } = g.node(n).op else {
            return None;
        };
        let [data, index] = g.inputs(n)[..] else {
            return None;
        };
        if g.node(index).meta.shape.len() != 1 {
            return None;
        }
        let (start, step, len) = sequence(g, index, env)?;
        let axis_len = g.node(data).meta.shape[axis] as i64;
        let start = normalize(start, step, len, axis_len)?;
        let (first, stop) = if len == 0 {
            (0, Some(0))
        } else {
            let end = start + step * len as i64;
            (start, if end < 0 { None } else { Some(end as isize) })
        };
        let mut args = vec![
            SliceArg::Range {
                start: None,
                stop: None,
                step: 1
            };
            axis
        ];
        args.push(SliceArg::Range {
            start: Some(first as isize),
            stop,
            step: if len == 0 { 1 } else { step as isize },
        });
        let op = ViewOp::slice(&args, &g.node(data).meta.shape).ok()?;
        let what = format!(
            "take of an arithmetic sequence → the view {}",
            op.to_string().trim_start_matches("slice")
        );
        let replacement = util::add(g, Op::View(op), &[data], n)?;
        (g.node(replacement).meta == g.node(n).meta).then_some(Rewrite {
            replacement,
            what,
            saved_bytes: util::bytes(g, n),
        })
    }
}

/// `(start, step, len)` of an index array that is an arithmetic sequence.
fn sequence(g: &Graph, index: NodeId, env: &Env) -> Option<Sequence> {
    match &g.node(index).op {
        Op::Arange { start, step, len } => Some((start.to_i64()?, step.to_i64()?, *len)),
        Op::Source { buffer, .. } => {
            if let Some(known) = facts::sequence(*buffer) {
                return known;
            }
            let values = util::source_values(g, index, env)?;
            let found = affine(
                &values
                    .iter()
                    .map(|v| v.to_i64())
                    .collect::<Option<Vec<_>>>()?,
            );
            facts::set_sequence(*buffer, found);
            found
        }
        _ => None,
    }
}

fn affine(v: &[i64]) -> Option<Sequence> {
    match v {
        [] => Some((0, 1, 0)),
        [x] => Some((*x, 1, 1)),
        [x, y, ..] => {
            let step = y.checked_sub(*x)?;
            if step == 0 {
                return None;
            }
            let ok = v.windows(2).all(|w| w[1].checked_sub(w[0]) == Some(step));
            ok.then_some((*x, step, v.len()))
        }
    }
}

/// The start as a non-negative index, when every index lies in bounds on one side of zero
/// (NumPy counts negative indices from the end; a sequence crossing zero is not a slice).
fn normalize(start: i64, step: i64, len: usize, n: i64) -> Option<i64> {
    if len == 0 {
        return Some(0);
    }
    let last = start.checked_add(step.checked_mul(len as i64 - 1)?)?;
    let (lo, hi) = (start.min(last), start.max(last));
    if lo >= 0 && hi < n {
        Some(start)
    } else if lo >= -n && hi < 0 {
        Some(start + n)
    } else {
        None
    }
}
