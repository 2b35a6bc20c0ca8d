//! The loops of the nest: one counted-loop scaffold ([`Translator::counted_loop`]) used by every
//! level, the vector level 0 (unrolled vectors, single vectors, scalar tail), the output fill of
//! read-modify-write reductions, and the jammed level 1 of a reduction.

use super::*;

/// When a counted loop runs another iteration.
#[derive(Clone, Copy)]
enum While {
    /// `i < end`: every remaining iteration.
    Below,
    /// `i + step <= end`: whole steps only (the vector loops; a scalar tail finishes).
    WholeStep,
}

impl Translator<'_, '_> {
    /// The one loop scaffold of the code generator: `while test(i) { body(i); i += step }` over
    /// the variable `counter`, which the caller has set to the start. `body` receives the
    /// iteration's counter value and advances its own pointers.
    fn counted_loop(
        &mut self,
        counter: Variable,
        end: Value,
        step: i64,
        test: While,
        body: impl FnOnce(&mut Self, Value),
    ) {
        let header = self.b.create_block();
        let block = self.b.create_block();
        let exit = self.b.create_block();
        self.b.ins().jump(header, &[]);
        self.b.switch_to_block(header);
        let i = self.b.use_var(counter);
        let go = match test {
            While::Below => self.b.ins().icmp(IntCC::SignedLessThan, i, end),
            While::WholeStep => {
                let next = self.b.ins().iadd_imm_s(i, step);
                self.b.ins().icmp(IntCC::SignedLessThanOrEqual, next, end)
            }
        };
        self.b.ins().brif(go, block, &[], exit, &[]);
        self.b.switch_to_block(block);
        body(self, i);
        let i = self.b.use_var(counter);
        let i = self.b.ins().iadd_imm_s(i, step);
        self.b.def_var(counter, i);
        self.b.ins().jump(header, &[]);
        self.b.switch_to_block(exit);
    }

    /// The loop of `level` (the current `eff` holds the bases it starts from).
    pub(super) fn emit_level(&mut self, level: usize) {
        if level == 0 && self.vector {
            self.emit_vector_level0();
            return;
        }
        let rank = self.spec.rank;
        let (start, end) = if level == rank - 1 {
            (self.begin, self.end)
        } else {
            (self.b.ins().iconst(types::I64, 0), self.extents[level])
        };
        let n_acc = self.spec.accesses.len();
        for a in 0..n_acc {
            let off = self.b.ins().imul(start, self.strides[a][level]);
            let p = self.b.ins().iadd(self.eff[a], off);
            self.b.def_var(self.ptr[level][a], p);
        }
        let jammed = self.jam && level == 1;
        let step = if jammed { JAM } else { 1 };
        let steps: Vec<Value> = (0..n_acc)
            .map(|a| match jammed {
                true => self.b.ins().imul_imm_s(self.strides[a][level], JAM),
                false => self.strides[a][level],
            })
            .collect();
        self.b.def_var(self.counter[level], start);
        let counter = self.counter[level];
        self.counted_loop(counter, end, step, While::Below, |t, i| {
            if jammed {
                let left = t.b.ins().isub(end, i);
                let full = t.b.ins().iconst(types::I64, JAM);
                let short = t.b.ins().icmp(IntCC::SignedLessThan, left, full);
                let count = t.b.ins().select(short, left, full);
                let last = t.b.ins().icmp(IntCC::SignedLessThanOrEqual, left, full);
                t.jam_count = Some((count, last));
            }
            let saved = t.eff.clone();
            for a in 0..n_acc {
                t.eff[a] = t.b.use_var(t.ptr[level][a]);
            }
            if level == 0 && t.jam {
                t.jammed(Mode::Scalar, 1);
            } else if level == 0 {
                t.compute_level(0);
                t.element(Mode::Scalar, 0);
            } else {
                t.compute_level(level);
                if level == t.k0 {
                    t.start_accumulators();
                }
                t.emit_level(level - 1);
                if level == t.k0 {
                    t.finish_accumulators();
                }
            }
            t.eff = saved;
            for (a, &bytes) in steps.iter().enumerate() {
                let p = t.b.use_var(t.ptr[level][a]);
                let p = t.b.ins().iadd(p, bytes);
                t.b.def_var(t.ptr[level][a], p);
            }
        });
    }

    pub(super) fn fill_levels(&mut self, kept: &[usize], depth: usize, base: Value, value: Value) {
        if depth == 0 {
            self.b.ins().store(flags(), value, base, 0);
            return;
        }
        let level = kept[depth - 1];
        let (start, end) = if level == self.spec.rank - 1 {
            (self.begin, self.end)
        } else {
            (self.b.ins().iconst(types::I64, 0), self.extents[level])
        };
        let ptr = self.ptr[level][0];
        let counter = self.counter[level];
        let off = self.b.ins().imul(start, self.strides[0][level]);
        let p0 = self.b.ins().iadd(base, off);
        self.b.def_var(ptr, p0);
        self.b.def_var(counter, start);
        let stride = self.strides[0][level];
        self.counted_loop(counter, end, 1, While::Below, |t, _| {
            let p = t.b.use_var(ptr);
            t.fill_levels(kept, depth - 1, p, value);
            let p = t.b.use_var(ptr);
            let p = t.b.ins().iadd(p, stride);
            t.b.def_var(ptr, p);
        });
    }

    /// Level 0 as unrolled vectors, single vectors, then a scalar tail.
    pub(super) fn emit_vector_level0(&mut self) {
        let rank = self.spec.rank;
        let lanes = 16 / self.width;
        let (start, end) = if rank == 1 {
            (self.begin, self.end)
        } else {
            (self.b.ins().iconst(types::I64, 0), self.extents[0])
        };
        let n_acc = self.spec.accesses.len();
        for a in 0..n_acc {
            let off = self.b.ins().imul(start, self.strides[a][0]);
            let p = self.b.ins().iadd(self.eff[a], off);
            self.b.def_var(self.ptr[0][a], p);
        }
        self.b.def_var(self.counter[0], start);
        // Values computed above level 0, as vectors.
        let mut splats: HashMap<ExprId, Value> = HashMap::new();
        for e in 0..self.spec.exprs.len() {
            if self.levels[e] > 0 && self.used_at_level0(e) {
                let s = self.scalars[e].expect("computed above level 0");
                let v = self.splat_if(s, self.dtypes[e], Mode::Vector);
                splats.insert(e, v);
            }
        }
        self.splats = splats;
        let counter = self.counter[0];
        for (step, copies) in [(lanes * UNROLL, UNROLL), (lanes, 1)] {
            self.counted_loop(counter, end, step as i64, While::WholeStep, |t, _| {
                let saved = t.eff.clone();
                for a in 0..n_acc {
                    t.eff[a] = t.b.use_var(t.ptr[0][a]);
                }
                if t.jam {
                    t.jammed(Mode::Vector, copies);
                } else {
                    for k in 0..copies {
                        t.vector_cache = t.splats.clone();
                        t.element(Mode::Vector, k);
                    }
                }
                t.eff = saved;
                for a in 0..n_acc {
                    let bytes = match t.spec.accesses[a].strides[0] {
                        StrideClass::Zero => 0,
                        _ => (step * t.access_itemsize(a)) as i64,
                    };
                    let p = t.b.use_var(t.ptr[0][a]);
                    let p = t.b.ins().iadd_imm_s(p, bytes);
                    t.b.def_var(t.ptr[0][a], p);
                }
            });
        }
        // Scalar tail.
        self.counted_loop(counter, end, 1, While::Below, |t, _| {
            let saved = t.eff.clone();
            for a in 0..n_acc {
                t.eff[a] = t.b.use_var(t.ptr[0][a]);
            }
            let vector = std::mem::replace(&mut t.vector, false);
            if t.jam {
                t.jammed(Mode::Scalar, 1);
            } else {
                t.compute_level(0);
                t.element(Mode::Scalar, 0);
            }
            t.vector = vector;
            t.eff = saved;
            for a in 0..n_acc {
                let p = t.b.use_var(t.ptr[0][a]);
                let p = t.b.ins().iadd(p, t.strides[a][0]);
                t.b.def_var(t.ptr[0][a], p);
            }
        });
    }

    /// The level-0 body of a jammed reduction: the output elements at the current pointers
    /// (`copies` vectors, or one scalar) are loaded into registers once, folded with the values
    /// of the next `jam_count` iterations of the reduced level 1, and stored once — instead of
    /// a load and a store of the output per iteration of level 1. The folds run in the same
    /// order as without jamming, so results are bit-identical. This is what lets a
    /// `sum(axis=0)` read rows without streaming its output once per row, and a rolling
    /// window's short reduction make one pass instead of one per window element.
    pub(super) fn jammed(&mut self, mode: Mode, copies: usize) {
        let op = self.reduce_op();
        let out_ty = self.ty(self.spec.out_dtype(), mode);
        let (count, last) = self
            .jam_count
            .expect("level 1 sets the count of a jammed reduction");
        let accs: Vec<Variable> = (0..copies)
            .map(|k| {
                let var = self.b.declare_var(out_ty);
                let old = self
                    .b
                    .ins()
                    .load(out_ty, flags(), self.eff[0], (k * 16) as i32);
                self.b.def_var(var, old);
                var
            })
            .collect();
        let n_acc = self.spec.accesses.len();
        let ptrs: Vec<Variable> = (0..n_acc)
            .map(|a| {
                let var = self.b.declare_var(types::I64);
                self.b.def_var(var, self.eff[a]);
                var
            })
            .collect();
        let u = self.b.declare_var(types::I64);
        let zero = self.b.ins().iconst(types::I64, 0);
        self.b.def_var(u, zero);
        self.counted_loop(u, count, 1, While::Below, |t, _| {
            let saved = t.eff.clone();
            for (a, &p) in ptrs.iter().enumerate() {
                t.eff[a] = t.b.use_var(p);
            }
            for (k, &acc) in accs.iter().enumerate() {
                let value = match mode {
                    Mode::Vector => {
                        t.vector_cache = t.splats.clone();
                        t.vector_value(t.spec.value, k)
                    }
                    Mode::Scalar => {
                        t.compute_level(0);
                        t.value(Mode::Scalar, 0)
                    }
                };
                let old = t.b.use_var(acc);
                let new = t.fold(op, old, value, mode);
                t.b.def_var(acc, new);
            }
            t.eff = saved;
            for (a, &p) in ptrs.iter().enumerate() {
                let q = t.b.use_var(p);
                let q = t.b.ins().iadd(q, t.strides[a][1]);
                t.b.def_var(p, q);
            }
        });
        for (k, &acc) in accs.iter().enumerate() {
            let mut v = self.b.use_var(acc);
            if !self.spec.epilogue.is_empty() {
                let finished = self.epilogue(v, mode);
                v = self.b.ins().select(last, finished, v);
            }
            self.b.ins().store(flags(), v, self.eff[0], (k * 16) as i32);
        }
    }
}
