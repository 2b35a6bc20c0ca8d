//! Reductions: the neutral value written before a read-modify-write reduction, register
//! accumulators (four vectors and a scalar tail; argmin/argmax track a position), and the fold
//! with each reduction's combining op from the op table.

use super::*;

impl Translator<'_, '_> {
    pub(super) fn reduce_op(&self) -> ReduceOp {
        match self.spec.kind {
            KernelKind::Reduce(op) => op,
            _ => unreachable!("only reductions accumulate"),
        }
    }

    /// The value an accumulator starts from (argmin/argmax: any value, the position decides).
    pub(super) fn neutral(&self) -> Scalar {
        let d = self.spec.out_dtype();
        self.reduce_op()
            .neutral(d)
            .unwrap_or(Scalar::zero(DType::I64))
    }

    /// Writes the neutral value over the output (the kept levels only) before a
    /// read-modify-write reduction.
    pub(super) fn emit_init_output(&mut self) {
        let neutral = self.neutral();
        let value = self.constant(neutral, Mode::Scalar);
        let kept: Vec<usize> = (0..self.spec.rank)
            .filter(|&l| !self.spec.is_reduced(l))
            .collect();
        let base = self.eff[0];
        self.fill_levels(&kept, kept.len(), base, value);
    }

    pub(super) fn start_accumulators(&mut self) {
        if !matches!(self.spec.kind, KernelKind::Reduce(_)) {
            return;
        }
        let d = self.spec.out_dtype();
        let op = self.reduce_op();
        let neutral = self.neutral();
        let acc_dtype = if op.is_arg() {
            self.dtypes[self.spec.value]
        } else {
            d
        };
        let scalar = self.b.declare_var(scalar_type(acc_dtype));
        let init = self.constant(
            if op.is_arg() {
                Scalar::zero(acc_dtype)
            } else {
                neutral
            },
            Mode::Scalar,
        );
        self.b.def_var(scalar, init);
        let mut vectors = Vec::new();
        if self.vector && self.k0 >= 1 {
            let vty = self.ty(d, Mode::Vector);
            let init = self.constant(neutral, Mode::Vector);
            for _ in 0..UNROLL {
                let v = self.b.declare_var(vty);
                self.b.def_var(v, init);
                vectors.push(v);
            }
        }
        let arg_index = if op.is_arg() {
            let best = self.b.declare_var(types::I64);
            let pos = self.b.declare_var(types::I64);
            let zero = self.b.ins().iconst(types::I64, 0);
            self.b.def_var(best, zero);
            self.b.def_var(pos, zero);
            Some((best, pos))
        } else {
            None
        };
        self.acc = Some(Accumulators {
            scalar,
            vectors,
            arg_index,
        });
    }

    pub(super) fn accumulate(&mut self, op: ReduceOp, value: Value, mode: Mode, k: usize) {
        let acc = self.acc.as_ref().expect("accumulators started at k0");
        match mode {
            Mode::Vector => {
                let var = acc.vectors[k];
                let old = self.b.use_var(var);
                let new = self.fold(op, old, value, Mode::Vector);
                self.b.def_var(var, new);
            }
            Mode::Scalar => {
                let var = acc.scalar;
                if let Some((best, pos)) = acc.arg_index {
                    self.accumulate_arg(op, var, best, pos, value);
                } else {
                    let old = self.b.use_var(var);
                    let new = self.fold(op, old, value, Mode::Scalar);
                    self.b.def_var(var, new);
                }
            }
        }
    }

    /// argmin/argmax: the first extreme wins, and the first NaN beats everything.
    pub(super) fn accumulate_arg(
        &mut self,
        op: ReduceOp,
        var: Variable,
        best: Variable,
        pos: Variable,
        v: Value,
    ) {
        let d = self.dtypes[self.spec.value];
        let acc = self.b.use_var(var);
        let p = self.b.use_var(pos);
        let first = self.b.ins().icmp_imm_s(IntCC::Equal, p, 0);
        let better = match d {
            DType::F32 | DType::F64 => {
                let cc = if op == ReduceOp::ArgMax {
                    FloatCC::GreaterThan
                } else {
                    FloatCC::LessThan
                };
                let beats = self.b.ins().fcmp(cc, v, acc);
                let v_nan = self.b.ins().fcmp(FloatCC::Unordered, v, v);
                let acc_nan = self.b.ins().fcmp(FloatCC::Unordered, acc, acc);
                let wins = self.b.ins().bor(beats, v_nan);
                let not_done = self.b.ins().bxor_imm_s(acc_nan, 1);
                self.b.ins().band(wins, not_done)
            }
            _ if d.is_unsigned() => {
                let cc = if op == ReduceOp::ArgMax {
                    IntCC::UnsignedGreaterThan
                } else {
                    IntCC::UnsignedLessThan
                };
                self.b.ins().icmp(cc, v, acc)
            }
            _ => {
                let cc = if op == ReduceOp::ArgMax {
                    IntCC::SignedGreaterThan
                } else {
                    IntCC::SignedLessThan
                };
                self.b.ins().icmp(cc, v, acc)
            }
        };
        let take = self.b.ins().bor(first, better);
        let new_acc = self.b.ins().select(take, v, acc);
        let old_best = self.b.use_var(best);
        let new_best = self.b.ins().select(take, p, old_best);
        self.b.def_var(var, new_acc);
        self.b.def_var(best, new_best);
        let next = self.b.ins().iadd_imm_s(p, 1);
        self.b.def_var(pos, next);
    }

    pub(super) fn finish_accumulators(&mut self) {
        let Some(acc) = self.acc.take() else { return };
        let op = self.reduce_op();
        let d = self.spec.out_dtype();
        let result = if let Some((best, _)) = acc.arg_index {
            self.b.use_var(best)
        } else {
            // Combine in sequence order as far as the lanes allow: vector lanes first (they
            // hold the earlier elements), then the scalar tail.
            let tail = self.b.use_var(acc.scalar);
            if acc.vectors.is_empty() {
                tail
            } else {
                let mut v = self.b.use_var(acc.vectors[0]);
                for var in &acc.vectors[1..] {
                    let w = self.b.use_var(*var);
                    v = self.fold(op, v, w, Mode::Vector);
                }
                let neutral = self.neutral();
                let mut total = self.constant(neutral, Mode::Scalar);
                let lanes = 16 / d.itemsize();
                for lane in 0..lanes {
                    let x = self.b.ins().extractlane(v, lane as u8);
                    total = self.fold(op, total, x, Mode::Scalar);
                }
                self.fold(op, total, tail, Mode::Scalar)
            }
        };
        let out_ty = scalar_type(d);
        let value = if self.rmw {
            let old = self.b.ins().load(out_ty, flags(), self.eff[0], 0);
            self.fold(op, old, result, Mode::Scalar)
        } else if !self.spec.epilogue.is_empty() {
            self.epilogue(result, Mode::Scalar)
        } else {
            result
        };
        self.b.ins().store(flags(), value, self.eff[0], 0);
    }

    /// `acc (op) v` with NumPy's fold semantics (`maximum(acc, v)` keeps a NaN `acc`).
    pub(super) fn fold(&mut self, op: ReduceOp, acc: Value, v: Value, mode: Mode) -> Value {
        let d = self.spec.out_dtype();
        let bin = op
            .combining()
            .expect("arg reductions fold with accumulate_arg");
        self.binary(bin, d, acc, v, mode)
    }
}
