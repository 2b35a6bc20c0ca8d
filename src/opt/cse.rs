//! **cse** — common subexpression elimination.
//!
//! Two nodes with the same op on the same inputs compute the same value (ops are pure and
//! compare structurally); all uses move to the first, so `(a*b).sum() / (a*b).max()` computes
//! `a*b` once.

use crate::opt::{GraphPass, Rewrite, util};
use lazyarray_ir::{Graph, NodeId, Op};
use smallvec::SmallVec;
use std::collections::HashMap;

/// See the module docs.
pub(crate) struct Cse;

impl GraphPass for Cse {
    fn name(&self) -> &'static str {
        "cse"
    }

    fn run(&self, g: &mut Graph) -> (bool, Vec<Rewrite>) {
        let mut seen: HashMap<(Op, SmallVec<[NodeId; 3]>), NodeId> = HashMap::new();
        let mut done = Vec::new();
        let mut changed = false;
        for n in g.topo_order() {
            let key = (g.node(n).op.clone(), g.inputs(n));
            match seen.get(&key) {
                Some(&first) if first != n => {
                    let op = &g.node(n).op;
                    let trivial = op.is_view() || op.is_creation();
                    if !trivial {
                        done.push(Rewrite {
                            replacement: first,
                            what: format!("{} computed once", op.name()),
                            saved_bytes: util::bytes(g, n),
                        });
                    }
                    g.replace_uses(n, first);
                    changed = true;
                }
                _ => {
                    seen.insert(key, n);
                }
            }
        }
        (changed, done)
    }
}
