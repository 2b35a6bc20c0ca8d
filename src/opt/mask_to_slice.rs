//! **mask_to_slice** — a boolean selection that picks one contiguous run becomes a slice.
//!
//! `a[mask]` and `np.compress(mask, a, axis)` copy the selected entries. When the mask (data,
//! evaluated when the selection was built) is all true, all false, or true on one run
//! `start..stop`, the selection is the view `a[start:stop]` along its axis.

use crate::opt::{Env, NodeRule, Rewrite, util};
use lazyarray_ir::{Graph, NodeId, Op, SliceArg, ViewOp};

/// See the module docs.
pub(crate) struct MaskToSlice;

impl NodeRule for MaskToSlice {
    fn name(&self) -> &'static str {
        "mask_to_slice"
    }

    fn apply(&self, g: &mut Graph, n: NodeId, env: &Env) -> Option<Rewrite> {
        let Op::Compress { axis, .. } = g.node(n).op else {
            return None;
        };
        let [data, mask] = g.inputs(n)[..] else {
            return None;
        };
        let values: Vec<bool> = util::source_values(g, mask, env)?
            .iter()
            .map(|v| v.is_truthy())
            .collect();
        let (start, stop) = single_run(&values)?;
        let mut args = vec![
            SliceArg::Range {
                start: None,
                stop: None,
                step: 1
            };
            axis
        ];
        args.push(SliceArg::Range {
            start: Some(start as isize),
            stop: Some(stop as isize),
            step: 1,
        });
        let op = ViewOp::slice(&args, &g.node(data).meta.shape).ok()?;
        let what = format!(
            "mask with one run of true → the view {}",
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

/// `start..stop` of the only run of true values (an empty run when none is true), or `None`
/// when there are several runs.
fn single_run(mask: &[bool]) -> Option<(usize, usize)> {
    let Some(start) = mask.iter().position(|&v| v) else {
        return Some((0, 0));
    };
    let stop = start + mask[start..].iter().take_while(|&&v| v).count();
    (!mask[stop..].contains(&true)).then_some((start, stop))
}

#[cfg(test)]
mod tests {
    use super::single_run;

    #[test]
    fn runs() {
        assert_eq!(single_run(&[false, true, true, false]), Some((1, 3)));
        assert_eq!(single_run(&[true, true]), Some((0, 2)));
        assert_eq!(single_run(&[false, false]), Some((0, 0)));
        assert_eq!(single_run(&[true, false, true]), None);
    }
}
