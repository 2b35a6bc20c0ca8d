//! Graph invariants, checked between optimizer passes in debug builds: every node's recorded
//! dtype and shape equal what its op infers from its inputs, and every output keeps its type.

use crate::error::{IrError, IrResult};
use crate::graph::Graph;
use crate::infer::{Meta, infer};

/// Checks every reachable node's dtype and shape against [`infer`].
pub fn verify(graph: &Graph) -> IrResult<()> {
    for n in graph.topo_order() {
        let node = graph.node(n);
        let inputs: Vec<&Meta> = graph
            .inputs(n)
            .iter()
            .map(|&i| &graph.node(i).meta)
            .collect();
        let inferred = infer(&node.op, &inputs).map_err(|e| {
            IrError::new(e.kind, format!("invalid node `{}`: {}", node.op, e.message))
        })?;
        if inferred != node.meta {
            return Err(IrError::shape(format!(
                "node `{}` records {:?} but its inputs give {:?}",
                node.op, node.meta, inferred
            )));
        }
    }
    Ok(())
}

/// Checks that the outputs of `after` have the dtypes and shapes of the outputs of `before`.
pub fn same_outputs(before: &[Meta], after: &Graph) -> IrResult<()> {
    let now: Vec<&Meta> = after
        .outputs()
        .iter()
        .map(|&o| &after.node(o).meta)
        .collect();
    if now.len() != before.len() || now.iter().zip(before).any(|(a, b)| *a != b) {
        return Err(IrError::shape(format!(
            "a rewrite changed the outputs from {before:?} to {now:?}"
        )));
    }
    Ok(())
}
