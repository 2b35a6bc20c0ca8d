//! The one text format for graphs, used by `Display`, `explain()` and snapshot tests.
//!
//! ```text
//! %0 = buffer #3                        float64[100000,100]
//! %1 = arange start=0 step=10           int64[10000]
//! %2 = take axis=0 (%0, %1)             float64[10000,100]
//! out: %2
//! ```
//! Nodes are numbered in topological order, so the text does not depend on how the graph was
//! built or rewritten.

use crate::graph::{Graph, NodeId};
use crate::shape::Dims;
use std::collections::HashMap;
use std::fmt;

/// Formats a dtype and shape as `float64[3,4]` (`float64[]` for 0-d).
pub fn type_label(dtype: crate::DType, shape: &Dims) -> String {
    let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    format!("{dtype}[{}]", dims.join(","))
}

impl Graph {
    /// Stable names (`%0`, `%1`, …) of the reachable nodes, in topological order.
    pub fn numbering(&self) -> HashMap<NodeId, usize> {
        self.topo_order()
            .into_iter()
            .enumerate()
            .map(|(k, n)| (n, k))
            .collect()
    }
}

impl fmt::Display for Graph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let order = self.topo_order();
        let names: HashMap<NodeId, usize> =
            order.iter().enumerate().map(|(k, &n)| (n, k)).collect();
        for &n in &order {
            let node = self.node(n);
            let inputs: Vec<String> = self
                .inputs(n)
                .iter()
                .map(|i| format!("%{}", names[i]))
                .collect();
            let mut text = format!("%{} = {}", names[&n], node.op);
            if !inputs.is_empty() {
                text.push_str(&format!(" ({})", inputs.join(", ")));
            }
            writeln!(
                f,
                "{text:<48} {}",
                type_label(node.meta.dtype, &node.meta.shape)
            )?;
        }
        let outs: Vec<String> = self
            .outputs()
            .iter()
            .map(|o| format!("%{}", names[o]))
            .collect();
        write!(f, "out: {}", outs.join(", "))
    }
}
