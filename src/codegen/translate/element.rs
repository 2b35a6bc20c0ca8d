//! What the kernel does with each element's value: store it (map), add it to the previous
//! element (scan), or fold it into a reduction; and the epilogue applied to a finished value.

use super::*;

impl Translator<'_, '_> {
    /// Stores, accumulates or scans the value of the element at the current pointers.
    /// `k` is the unroll copy in vector mode (its byte offset is `k * 16`).
    pub(super) fn element(&mut self, mode: Mode, k: usize) {
        let value = self.value(mode, k);
        let out_ty = self.ty(self.spec.out_dtype(), mode);
        let offset = (k * 16) as i32;
        match self.spec.kind {
            KernelKind::Map => {
                self.b.ins().store(flags(), value, self.eff[0], offset);
            }
            KernelKind::Scan { op, level } => {
                let i = self.b.use_var(self.counter[level]);
                let has_prev = self.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, i, 0);
                let zero = self.b.ins().iconst(types::I64, 0);
                let back = self.b.ins().select(has_prev, self.strides[0][level], zero);
                let prev_addr = self.b.ins().isub(self.eff[0], back);
                let prev = self.b.ins().load(out_ty, flags(), prev_addr, 0);
                let combine = op
                    .combining()
                    .expect("only reductions with a combining op are scanned (ir::infer)");
                let sum = self.binary(combine, self.spec.out_dtype(), prev, value, Mode::Scalar);
                // The first element is copied, not combined with a neutral value: `0.0 + -0.0`
                // is `0.0`, and NumPy's `cumsum([-0.0])` is `[-0.0]`.
                let first_or_sum = self.b.ins().select(has_prev, sum, value);
                self.b.ins().store(flags(), first_or_sum, self.eff[0], 0);
            }
            KernelKind::Reduce(op) if op.is_arg() && self.k0 == 0 && self.spec.rank > 0 => {
                // No reduced level left (every reduced axis has length 1): the index is 0.
                let zero = self.b.ins().iconst(types::I64, 0);
                self.b.ins().store(flags(), zero, self.eff[0], 0);
            }
            KernelKind::Reduce(op) => {
                if self.k0 == 0 && self.spec.rank > 0 {
                    // The output moves along level 0: fold into it in memory.
                    let old = self.b.ins().load(out_ty, flags(), self.eff[0], offset);
                    let mut new = self.fold(op, old, value, mode);
                    if !self.rmw && !self.spec.epilogue.is_empty() {
                        // no reduced level at all: one fold finishes the element
                        new = self.epilogue(new, mode);
                    }
                    self.b.ins().store(flags(), new, self.eff[0], offset);
                } else {
                    self.accumulate(op, value, mode, k);
                }
            }
        }
    }

    /// The kernel's value for the current element.
    pub(super) fn value(&mut self, mode: Mode, k: usize) -> Value {
        match mode {
            Mode::Scalar => self.scalars[self.spec.value].expect("value computed at its level"),
            Mode::Vector => self.vector_value(self.spec.value, k),
        }
    }

    /// The epilogue applied to a finished value `v` (scalar or vector).
    pub(super) fn epilogue(&mut self, v: Value, mode: Mode) -> Value {
        let dtypes = self.spec.epilogue_dtypes();
        let mut values: Vec<Value> = Vec::with_capacity(self.spec.epilogue.len());
        for e in self.spec.epilogue.clone() {
            let x = match e {
                KExpr::Finished | KExpr::Load(_) => v,
                KExpr::Const(c) => match self.epilogue_params.get(&values.len()).copied() {
                    Some(p) => self.splat_if(p, c.dtype(), mode),
                    None => self.constant(c, mode),
                },
                KExpr::Unary(op, x) => self.unary(op, dtypes[x], values[x], mode),
                KExpr::Binary(op, x, y) => {
                    let fast = match (op, &self.spec.epilogue[y]) {
                        (BinaryOp::Pow, KExpr::Const(c))
                            if dtypes[x].is_float() && !self.epilogue_params.contains_key(&y) =>
                        {
                            self.power_by_constant(values[x], *c, mode)
                        }
                        _ => None,
                    };
                    match fast {
                        Some(r) => r,
                        None => self.binary(op, dtypes[x], values[x], values[y], mode),
                    }
                }
                KExpr::Where(c, x, y) => match mode {
                    Mode::Scalar => self.b.ins().select(values[c], values[x], values[y]),
                    Mode::Vector => {
                        let ty = self.ty(dtypes[x], Mode::Vector);
                        let mask = self.as_type(values[c], ty);
                        self.b.ins().bitselect(mask, values[x], values[y])
                    }
                },
                KExpr::Cast(to, x) => match mode {
                    Mode::Scalar => self.cast(dtypes[x], to, values[x]),
                    Mode::Vector => self.vector_cast(dtypes[x], to, values[x]),
                },
            };
            values.push(x);
        }
        *values.last().expect("a nonempty epilogue")
    }
}
