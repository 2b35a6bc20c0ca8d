//! The kernels that compute a materialized node into its buffer, and the view each requested
//! output is read through.

use super::*;

/// The kernels that compute node `n` into `slot`.
pub(super) fn kernels_for(
    graph: &Graph,
    n: NodeId,
    slot: SlotId,
    leaves: &HashMap<NodeId, Leaf>,
) -> std::result::Result<Vec<Launch>, Retry> {
    let node = graph.node(n);
    let inputs = graph.inputs(n);
    let dtype = node.meta.dtype;
    let shape = &node.meta.shape;
    let mut launches = Vec::new();
    match &node.op {
        Op::Reduce { op, axes, keepdims } => {
            let input = inputs[0];
            let domain = graph.node(input).meta.shape.clone();
            if size_of(shape) == 0 {
                return Ok(launches);
            }
            if size_of(&domain) == 0 {
                // An empty reduction: the identity everywhere (NumPy's result).
                let identity = op
                    .identity(dtype)
                    .expect("checked when built: only ops with an identity reach here");
                launches.push(fill_launch(slot, shape, identity));
                return Ok(launches);
            }
            let out_view = reduce_output_view(&domain, axes, *keepdims, shape);
            let draft = build(
                graph,
                leaves,
                &domain,
                (slot, dtype, out_view),
                input,
                DraftKind::Reduce(*op),
            )?;
            launches.push(launch(slot, draft));
        }
        Op::Scan { op, axis } => {
            if size_of(shape) > 0 {
                let draft = build(
                    graph,
                    leaves,
                    shape,
                    (slot, dtype, View::contiguous(shape)),
                    inputs[0],
                    DraftKind::Scan {
                        op: *op,
                        axis: *axis,
                    },
                )?;
                launches.push(launch(slot, draft));
            }
        }
        Op::Concat { axis } => {
            let full = View::contiguous(shape);
            let mut offset = 0usize;
            for &part in &inputs {
                let part_shape = graph.node(part).meta.shape.clone();
                let view = View {
                    shape: part_shape.clone(),
                    strides: full.strides.clone(),
                    offset: offset * full.strides[*axis] as usize,
                };
                offset += part_shape[*axis];
                if size_of(&part_shape) > 0 {
                    let draft = build(
                        graph,
                        leaves,
                        &part_shape,
                        (slot, dtype, view),
                        part,
                        DraftKind::Map,
                    )?;
                    launches.push(launch(slot, draft));
                }
            }
        }
        _ => {
            if size_of(shape) > 0 {
                let draft = build(
                    graph,
                    leaves,
                    shape,
                    (slot, dtype, View::contiguous(shape)),
                    n,
                    DraftKind::Map,
                )?;
                launches.push(launch(slot, draft));
            }
        }
    }
    Ok(launches)
}

pub(super) fn launch(out: SlotId, draft: Draft) -> Launch {
    let kernel = loops::order(&draft);
    Launch {
        layout: ArgLayout::of(&kernel.spec),
        compiled: OnceLock::new(),
        kernel,
        out,
        gathers: draft.gathers,
        power_origins: draft.power_origins,
        split_reshape: draft.split_reshape,
        fused: draft.fused,
    }
}

/// A kernel writing `value` over `shape`.
pub(super) fn fill_launch(slot: SlotId, shape: &[usize], value: Scalar) -> Launch {
    let draft = Draft {
        domain: shape.into(),
        accesses: vec![fuse::DraftAccess {
            target: fuse::Target::Slot(slot, value.dtype()),
            view: View::contiguous(shape),
            gathers: Default::default(),
        }],
        exprs: vec![KExpr::Const(value)],
        value: 0,
        kind: DraftKind::Map,
        gathers: Vec::new(),
        power_origins: HashMap::new(),
        split_reshape: false,
        fused: HashSet::new(),
    };
    launch(slot, draft)
}

/// Builds one draft, refining the domain when a reshape right under the root needs it.
pub(super) fn build(
    graph: &Graph,
    leaves: &HashMap<NodeId, Leaf>,
    domain: &[usize],
    output: (SlotId, DType, View),
    start: NodeId,
    kind: DraftKind,
) -> std::result::Result<Draft, Retry> {
    let mut shapes: Vec<Dims> = vec![domain.into()];
    let mut refined: Option<Dims> = None;
    loop {
        let mut fuser = Fuser::new(graph, leaves, domain, refined.clone(), output.clone());
        match fuser.build(start) {
            Ok(value) => return Ok(fuser.finish(value, kind)),
            Err(BuildError::Materialize(n)) => return Err(Retry::Materialize(n)),
            Err(BuildError::Refine { shape, fallback }) => {
                if matches!(kind, DraftKind::Scan { .. }) {
                    return Err(Retry::Materialize(fallback));
                }
                shapes.push(shape);
                let refs: Vec<&[usize]> = shapes.iter().map(|s| &s[..]).collect();
                match refine::common_refinement(&refs) {
                    Some(r) => refined = Some(r),
                    None => return Err(Retry::Materialize(fallback)),
                }
            }
        }
    }
}

/// The output of a reduction seen over its input's domain: reduced dims do not move.
pub(super) fn reduce_output_view(
    domain: &[usize],
    axes: &[usize],
    keepdims: bool,
    out_shape: &[usize],
) -> View {
    let out = View::contiguous(out_shape);
    let mut strides = Dims::new();
    let mut k = 0;
    let mut s: lazyarray_ir::Strides = lazyarray_ir::Strides::new();
    for axis in 0..domain.len() {
        let reduced = axes.contains(&axis);
        if reduced {
            s.push(0);
            if keepdims {
                k += 1;
            }
        } else {
            s.push(out.strides[k]);
            k += 1;
        }
        strides.push(0);
    }
    View {
        shape: domain.into(),
        strides: s,
        offset: 0,
    }
}

/// A requested output: a materialized node, or a chain of views over one.
pub(super) fn output_view(
    graph: &Graph,
    o: NodeId,
    leaves: &HashMap<NodeId, Leaf>,
) -> std::result::Result<Leaf, Retry> {
    let mut ops: Vec<&ViewOp> = Vec::new();
    let mut n = o;
    loop {
        if let Some(leaf) = leaves.get(&n) {
            let mut view = leaf.view.clone();
            for op in ops.iter().rev() {
                match view.apply(op) {
                    Some(v) => view = v,
                    None => return Err(Retry::Materialize(o)),
                }
            }
            return Ok(Leaf {
                slot: leaf.slot,
                dtype: leaf.dtype,
                view,
            });
        }
        match &graph.node(n).op {
            Op::View(op) => {
                ops.push(op);
                n = graph.inputs(n)[0];
            }
            _ => return Err(Retry::Materialize(o)),
        }
    }
}
