//! Elementwise ops as instructions: each op's lowering comes from the op tables in
//! `lazyarray_ir::op` (an inline instruction family, matched here without a wildcard, or a call
//! to the op's scalar definition by address), plus comparisons and casts.

use super::*;

impl Translator<'_, '_> {
    pub(super) fn unary(&mut self, op: UnaryOp, d: DType, x: Value, mode: Mode) -> Value {
        let float = d.is_float();
        let inline = match op.lowering(d) {
            UnaryLowering::Call(f) => {
                let ty = scalar_type(d);
                return self.call(f.address(), ty, &[x]);
            }
            UnaryLowering::Inline(inline) => inline,
        };
        let ins = self.b.ins();
        match inline {
            InlineUnary::Negate if float => ins.fneg(x),
            InlineUnary::Negate => ins.ineg(x),
            InlineUnary::Absolute if float => ins.fabs(x),
            InlineUnary::Absolute if d.is_bool() => x,
            InlineUnary::Absolute => ins.iabs(x),
            InlineUnary::Sqrt => ins.sqrt(x),
            InlineUnary::Floor => ins.floor(x),
            InlineUnary::Ceil => ins.ceil(x),
            InlineUnary::Not if d.is_bool() && mode == Mode::Scalar => ins.bxor_imm_s(x, 1),
            InlineUnary::Not => ins.bnot(x),
            InlineUnary::Exp => math::exp(self.b, x, d),
        }
    }

    /// A call to the scalar function at `address` (all parameters and the result of type
    /// `ty`): the op's own scalar definition, so the result is the reference's bit for bit.
    pub(super) fn call(&mut self, address: *const u8, ty: Type, args: &[Value]) -> Value {
        let call_conv = self.b.func.signature.call_conv;
        let sig = *self
            .call_signatures
            .entry((args.len(), ty))
            .or_insert_with(|| {
                let mut sig = Signature::new(call_conv);
                sig.params.extend(args.iter().map(|_| AbiParam::new(ty)));
                sig.returns.push(AbiParam::new(ty));
                self.b.import_signature(sig)
            });
        let callee = self.b.ins().iconst(types::I64, address as usize as i64);
        let inst = self.b.ins().call_indirect(sig, callee, args);
        self.b.inst_results(inst)[0]
    }

    pub(super) fn binary(
        &mut self,
        op: BinaryOp,
        d: DType,
        a: Value,
        b: Value,
        mode: Mode,
    ) -> Value {
        let inline = match op.lowering(d) {
            BinaryLowering::Call(f @ (BinaryCall::F32(_) | BinaryCall::F64(_))) => {
                return self.call(f.address(), scalar_type(d), &[a, b]);
            }
            BinaryLowering::Call(f @ BinaryCall::I64(_)) => {
                if d == DType::I64 {
                    return self.call(f.address(), types::I64, &[a, b]);
                }
                let a64 = self.b.ins().sextend(types::I64, a);
                let b64 = self.b.ins().sextend(types::I64, b);
                let r = self.call(f.address(), types::I64, &[a64, b64]);
                return self.b.ins().ireduce(scalar_type(d), r);
            }
            BinaryLowering::Inline(inline) => inline,
        };
        let float = d.is_float();
        let ins = self.b.ins();
        match inline {
            InlineBinary::Add if float => ins.fadd(a, b),
            InlineBinary::Add => ins.iadd(a, b),
            InlineBinary::Sub if float => ins.fsub(a, b),
            InlineBinary::Sub => ins.isub(a, b),
            InlineBinary::Mul if float => ins.fmul(a, b),
            InlineBinary::Mul => ins.imul(a, b),
            InlineBinary::Div => ins.fdiv(a, b),
            InlineBinary::Max if float => self.float_max_min(true, a, b, mode),
            InlineBinary::Max => ins.smax(a, b),
            InlineBinary::Min if float => self.float_max_min(false, a, b, mode),
            InlineBinary::Min => ins.smin(a, b),
            InlineBinary::And => ins.band(a, b),
            InlineBinary::Or => ins.bor(a, b),
            InlineBinary::Xor => ins.bxor(a, b),
            InlineBinary::FloorDiv => self.int_divmod(true, d, a, b),
            InlineBinary::Rem => self.int_divmod(false, d, a, b),
            InlineBinary::Compare(c) => self.compare(c, d, a, b),
        }
    }

    /// NumPy's float `maximum(a, b) = (a > b || isnan(a)) ? a : b` (and `minimum` with `<`).
    pub(super) fn float_max_min(&mut self, max: bool, a: Value, b: Value, mode: Mode) -> Value {
        let cc = if max {
            FloatCC::GreaterThan
        } else {
            FloatCC::LessThan
        };
        let wins = self.b.ins().fcmp(cc, a, b);
        let nan = self.b.ins().fcmp(FloatCC::Unordered, a, a);
        let keep = self.b.ins().bor(wins, nan);
        match mode {
            Mode::Scalar => self.b.ins().select(keep, a, b),
            Mode::Vector => {
                let ty = self.b.func.dfg.value_type(a);
                let mask = self.as_type(keep, ty);
                self.b.ins().bitselect(mask, a, b)
            }
        }
    }

    /// Floored integer division / remainder that never traps: `x // 0 == 0`, `x % 0 == 0`,
    /// `MIN // -1 == MIN` (wrapping), `x % -1 == 0`.
    pub(super) fn int_divmod(&mut self, floor_divide: bool, d: DType, a: Value, b: Value) -> Value {
        let ty = scalar_type(d);
        let is0 = self.b.ins().icmp_imm_s(IntCC::Equal, b, 0);
        let is_m1 = self.b.ins().icmp_imm_s(IntCC::Equal, b, -1);
        let special = self.b.ins().bor(is0, is_m1);
        let one = self.b.ins().iconst(ty, 1);
        let safe = self.b.ins().select(special, one, b);
        let q = self.b.ins().sdiv(a, safe);
        let r = self.b.ins().srem(a, safe);
        let r_nonzero = self.b.ins().icmp_imm_s(IntCC::NotEqual, r, 0);
        let signs = self.b.ins().bxor(r, b);
        let differ = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, signs, 0);
        let adjust = self.b.ins().band(r_nonzero, differ);
        let zero = self.b.ins().iconst(ty, 0);
        if floor_divide {
            let q1 = self.b.ins().iadd_imm_s(q, -1);
            let q = self.b.ins().select(adjust, q1, q);
            let neg = self.b.ins().ineg(a);
            let q = self.b.ins().select(is_m1, neg, q);
            self.b.ins().select(is0, zero, q)
        } else {
            let r1 = self.b.ins().iadd(r, b);
            let r = self.b.ins().select(adjust, r1, r);
            self.b.ins().select(special, zero, r)
        }
    }

    pub(super) fn compare(&mut self, c: Comparison, d: DType, a: Value, b: Value) -> Value {
        use Comparison::*;
        if d.is_float() {
            let cc = match c {
                Lt => FloatCC::LessThan,
                Le => FloatCC::LessThanOrEqual,
                Gt => FloatCC::GreaterThan,
                Ge => FloatCC::GreaterThanOrEqual,
                Eq => FloatCC::Equal,
                Ne => FloatCC::NotEqual,
            };
            return self.b.ins().fcmp(cc, a, b);
        }
        let unsigned = d == DType::Bool;
        let cc = match (c, unsigned) {
            (Lt, false) => IntCC::SignedLessThan,
            (Le, false) => IntCC::SignedLessThanOrEqual,
            (Gt, false) => IntCC::SignedGreaterThan,
            (Ge, false) => IntCC::SignedGreaterThanOrEqual,
            (Lt, true) => IntCC::UnsignedLessThan,
            (Le, true) => IntCC::UnsignedLessThanOrEqual,
            (Gt, true) => IntCC::UnsignedGreaterThan,
            (Ge, true) => IntCC::UnsignedGreaterThanOrEqual,
            (Eq, _) => IntCC::Equal,
            (Ne, _) => IntCC::NotEqual,
        };
        self.b.ins().icmp(cc, a, b)
    }

    pub(super) fn cast(&mut self, from: DType, to: DType, x: Value) -> Value {
        use DType::*;
        let ty = scalar_type(to);
        match (from, to) {
            (f, t) if f == t => x,
            (Bool, I32 | I64) => self.b.ins().uextend(ty, x),
            (Bool, F32 | F64) => {
                let w = self.b.ins().uextend(types::I32, x);
                self.b.ins().fcvt_from_uint(ty, w)
            }
            (I32 | I64, Bool) => self.b.ins().icmp_imm_s(IntCC::NotEqual, x, 0),
            (F32, Bool) => {
                let z = self.b.ins().f32const(0.0);
                self.b.ins().fcmp(FloatCC::NotEqual, x, z)
            }
            (F64, Bool) => {
                let z = self.b.ins().f64const(0.0);
                self.b.ins().fcmp(FloatCC::NotEqual, x, z)
            }
            (I32, I64) => self.b.ins().sextend(ty, x),
            (I64, I32) => self.b.ins().ireduce(ty, x),
            (I32 | I64, F32 | F64) => self.b.ins().fcvt_from_sint(ty, x),
            (F32 | F64, I32 | I64) => self.b.ins().fcvt_to_sint_sat(ty, x),
            (F32, F64) => self.b.ins().fpromote(ty, x),
            (F64, F32) => self.b.ins().fdemote(ty, x),
            _ => unreachable!("every dtype pair is covered"),
        }
    }

    pub(super) fn vector_cast(&mut self, from: DType, to: DType, x: Value) -> Value {
        let ty = self.ty(to, Mode::Vector);
        match (from.is_float(), to.is_float()) {
            _ if from == to => x,
            (false, true) => self.b.ins().fcvt_from_sint(ty, x),
            (true, false) => self.b.ins().fcvt_to_sint_sat(ty, x),
            _ => unreachable!("vector casts keep the lane width: {from} -> {to}"),
        }
    }
}
