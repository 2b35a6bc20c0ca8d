//! Per-level work of the loop nest: the expressions computed at a level, gather terms added to
//! pointers (each index bounds-checked), and the error exit a failed check takes.

use super::*;

impl Translator<'_, '_> {
    /// Computes the scalar expressions that vary first at `level` (and the gather terms they
    /// feed), in the current scope.
    pub(super) fn compute_level(&mut self, level: usize) {
        for e in 0..self.spec.exprs.len() {
            if self.levels[e] != level {
                continue;
            }
            if level == 0 && self.vector {
                continue;
            }
            let v = self.scalar_expr(e);
            self.scalars[e] = Some(v);
            if let Some(users) = self.gather_users.get(&e).cloned() {
                for (a, k) in users {
                    self.apply_gather(a, k, v);
                }
            }
        }
    }

    /// Adds `index * stride` to access `a`'s pointer after checking the index.
    pub(super) fn apply_gather(&mut self, a: usize, k: usize, index: Value) {
        let (stride, len) = self.gathers[a][k];
        let idx = match self.b.func.dfg.value_type(index) {
            types::I64 => index,
            _ => self.b.ins().sextend(types::I64, index),
        };
        let negative = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, idx, 0);
        let wrapped = self.b.ins().iadd(idx, len);
        let norm = self.b.ins().select(negative, wrapped, idx);
        let ok = self.b.ins().icmp(IntCC::UnsignedLessThan, norm, len);
        let which = self.gather_id(a, k);
        self.check(ok, ErrorCode::IndexOutOfBounds, which, idx);
        let contrib = self.b.ins().imul(norm, stride);
        self.eff[a] = self.b.ins().iadd(self.eff[a], contrib);
    }

    /// A gather's id in the error slots: its position among all gathers, in access order.
    pub(super) fn gather_id(&self, a: usize, k: usize) -> i64 {
        (self.spec.accesses[..a]
            .iter()
            .map(|x| x.gathers.len())
            .sum::<usize>()
            + k) as i64
    }

    /// Continues when `ok` is nonzero; otherwise records the error and returns its code.
    pub(super) fn check(&mut self, ok: Value, code: ErrorCode, which: i64, value: Value) {
        let fail = self.b.create_block();
        let cont = self.b.create_block();
        self.b.ins().brif(ok, cont, &[], fail, &[]);
        self.b.switch_to_block(fail);
        self.b.set_cold_block(fail);
        let base = (self.layout.error * 8) as i32;
        let c = self.b.ins().iconst(types::I64, code as i64);
        let w = self.b.ins().iconst(types::I64, which);
        self.b.ins().store(flags(), c, self.args, base);
        self.b.ins().store(flags(), w, self.args, base + 8);
        self.b.ins().store(flags(), value, self.args, base + 16);
        let ret = self.b.ins().iconst(types::I32, code as i64);
        self.b.ins().return_(&[ret]);
        self.b.switch_to_block(cont);
    }
}
