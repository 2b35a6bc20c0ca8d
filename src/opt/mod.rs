//! The optimizer: small rewrite rules, each removing one copy or pass an expert would avoid by
//! hand, run by one driver to a fixed point.
//!
//! A [`NodeRule`] looks at one node and returns `None` (unchanged) or a [`Rewrite`]: a node it
//! added that replaces the one it looked at, and what that saved. A [`GraphPass`] works on the
//! whole graph (common subexpressions). Each rule has a name, which is also its flag: any rule
//! can be switched off ([`crate::Options::disable`], or `LAZYARRAY_DISABLE=name,name`), and
//! [`crate::bisect`] switches them off one at a time to find a rewrite that changes a result.
//! In debug builds a verifier checks after every pass that each node still has the dtype and
//! shape its op infers and that the outputs keep theirs.

mod compose_views;
mod constant_fold;
mod cse;
mod flatten_view;
mod identities;
mod mask_to_slice;
mod masked_reduction;
mod take_to_slice;
mod tile_to_broadcast;
mod util;

use crate::error::{Error, Result};
use crate::options::Options;
use crate::storage::buffer::Buffer;
use lazyarray_ir::{BufferId, Graph, Meta, NodeId};
use std::collections::HashMap;
use std::panic::Location;
use std::sync::Arc;

/// What a rule did to one node.
pub(crate) struct Rewrite {
    /// The node (already in the graph) that replaces the rewritten one.
    pub replacement: NodeId,
    /// In NumPy's terms, what the rewrite removed ("tile → broadcast").
    pub what: String,
    /// Bytes of copies or passes the eager plan would have spent that this one does not.
    pub saved_bytes: usize,
}

/// What the rules can look at besides the graph: the data of source buffers (masks and index
/// arrays are data).
pub(crate) struct Env<'a> {
    pub buffers: &'a HashMap<BufferId, Arc<Buffer>>,
}

/// A rewrite of one node.
pub(crate) trait NodeRule: Sync {
    /// The rule's name and flag.
    fn name(&self) -> &'static str;
    /// The rewrite of node `n`, if the rule applies.
    fn apply(&self, g: &mut Graph, n: NodeId, env: &Env) -> Option<Rewrite>;
}

/// A rewrite of the whole graph.
pub(crate) trait GraphPass: Sync {
    /// The pass's name and flag.
    fn name(&self) -> &'static str;
    /// Rewrites `g`; returns whether it changed anything, and the rewrites worth reporting
    /// (merging two constants changes the graph but saves nothing to speak of).
    fn run(&self, g: &mut Graph) -> (bool, Vec<Rewrite>);
}

/// One rewrite that fired, for `explain()`.
#[derive(Clone, Debug, PartialEq)]
pub struct Fired {
    /// The rule.
    pub rule: &'static str,
    /// What it removed, in NumPy's terms.
    pub what: String,
    /// Bytes of copies or passes saved against the eager plan.
    pub saved_bytes: usize,
}

/// The node rules in the order they are tried on each node.
static NODE_RULES: &[&dyn NodeRule] = &[
    &constant_fold::ConstantFold,
    &identities::Identities,
    &flatten_view::FlattenView,
    &tile_to_broadcast::TileToBroadcast,
    &take_to_slice::TakeToSlice,
    &mask_to_slice::MaskToSlice,
    &masked_reduction::MaskedReduction,
    &compose_views::ComposeViews,
];

/// The graph passes, run after each sweep of node rules.
static GRAPH_PASSES: &[&dyn GraphPass] = &[&cse::Cse];

/// The name of every rule, in the order they run.
#[cfg(test)]
fn rule_names() -> Vec<&'static str> {
    NODE_RULES
        .iter()
        .map(|r| r.name())
        .chain(GRAPH_PASSES.iter().map(|p| p.name()))
        .collect()
}

/// Sweeps over the graph this many times at most (every rule shrinks or simplifies the graph,
/// so a fixed point comes long before).
const MAX_SWEEPS: usize = 64;

/// Rewrites `g` to a fixed point with the rules `options` enables; returns what fired.
pub(crate) fn optimize(g: &mut Graph, env: &Env, options: &Options) -> Result<Vec<Fired>> {
    let outputs: Vec<Meta> = g
        .outputs()
        .iter()
        .map(|&o| g.node(o).meta.clone())
        .collect();
    let node_rules: Vec<&dyn NodeRule> = NODE_RULES
        .iter()
        .copied()
        .filter(|r| options.enabled(r.name()))
        .collect();
    let passes: Vec<&dyn GraphPass> = GRAPH_PASSES
        .iter()
        .copied()
        .filter(|p| options.enabled(p.name()))
        .collect();
    let mut fired = Vec::new();
    for _ in 0..MAX_SWEEPS {
        let mut changed = false;
        for n in g.topo_order() {
            for rule in &node_rules {
                if let Some(r) = rule.apply(g, n, env) {
                    g.replace_uses(n, r.replacement);
                    fired.push(Fired {
                        rule: rule.name(),
                        what: r.what,
                        saved_bytes: r.saved_bytes,
                    });
                    changed = true;
                    break;
                }
            }
        }
        g.remove_dead();
        for pass in &passes {
            let (pass_changed, rewrites) = pass.run(g);
            changed |= pass_changed;
            for r in rewrites {
                fired.push(Fired {
                    rule: pass.name(),
                    what: r.what,
                    saved_bytes: r.saved_bytes,
                });
            }
        }
        g.remove_dead();
        if cfg!(debug_assertions) {
            verify(g, &outputs)?;
        }
        if !changed {
            break;
        }
    }
    Ok(fired)
}

/// The graph invariants, checked between sweeps in debug builds.
fn verify(g: &Graph, outputs: &[Meta]) -> Result<()> {
    let fail =
        |e: lazyarray_ir::IrError| Error::internal("optimize", e.message, Location::caller());
    lazyarray_ir::verify::verify(g).map_err(fail)?;
    lazyarray_ir::verify::same_outputs(outputs, g).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::rule_names;
    use crate::options::Rule;

    #[test]
    fn every_rule_has_a_flag_in_order() {
        let flags: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
        assert_eq!(rule_names(), flags);
    }
}
