//! Elementwise ops as instructions: each op's lowering comes from the op tables in
//! `lazyarray_ir::op` (an inline instruction family, matched here without a wildcard, or a call
//! to the op's scalar definition by address), plus comparisons and casts.

use super::*;

impl Translator<'_, '_> {
    pub(super) fn unary(&mut self, op: UnaryOp, d: DType, x: Value, mode: Mode) -> Value {
        let float = d.is_float();
        let inline = match op.lowering(d) {
            UnaryLowering::Call(f @ (UnaryCall::F32(_) | UnaryCall::F64(_))) => {
                return self.call(f.address(), scalar_type(d), &[x]);
            }
            UnaryLowering::Call(f @ UnaryCall::Int(_)) => {
                // The dtype's own definition on a widened word, narrowed to the result.
                let wide = self.widen_int(d, x);
                let r = self.call(f.address(), types::I64, &[wide]);
                return self.narrow_int(op.result_dtype(d), r);
            }
            UnaryLowering::Inline(inline) => inline,
        };
        match inline {
            InlineUnary::Negate if float => self.b.ins().fneg(x),
            InlineUnary::Negate => self.b.ins().ineg(x),
            InlineUnary::Absolute if float => self.b.ins().fabs(x),
            InlineUnary::Absolute if d.is_unsigned() => x,
            InlineUnary::Absolute => self.b.ins().iabs(x),
            InlineUnary::Sqrt => self.b.ins().sqrt(x),
            InlineUnary::Floor => self.b.ins().floor(x),
            InlineUnary::Ceil => self.b.ins().ceil(x),
            InlineUnary::Trunc => self.b.ins().trunc(x),
            InlineUnary::Nearest => self.b.ins().nearest(x),
            InlineUnary::Reciprocal => {
                let one = self.constant(Scalar::one(d), mode);
                self.b.ins().fdiv(one, x)
            }
            InlineUnary::Not if d.is_bool() && mode == Mode::Scalar => {
                self.b.ins().bxor_imm_s(x, 1)
            }
            InlineUnary::Not => self.b.ins().bnot(x),
            InlineUnary::Exp => math::exp(self.b, x, d),
            InlineUnary::Log => math::log(self.b, x, d),
            InlineUnary::Log1p => math::log1p(self.b, x, d),
            InlineUnary::Sin => math::sin(self.b, x, d),
            InlineUnary::Cos => math::cos(self.b, x, d),
            InlineUnary::Tanh => math::tanh(self.b, x, d),
            InlineUnary::Expm1 => math::expm1(self.b, x, d),
            InlineUnary::IsNan if float => self.b.ins().fcmp(FloatCC::Unordered, x, x),
            InlineUnary::IsInf if float => {
                let a = self.b.ins().fabs(x);
                let inf = self.constant(Scalar::highest(d), mode);
                self.b.ins().fcmp(FloatCC::Equal, a, inf)
            }
            InlineUnary::IsFinite if float => {
                let a = self.b.ins().fabs(x);
                let inf = self.constant(Scalar::highest(d), mode);
                self.b.ins().fcmp(FloatCC::LessThan, a, inf)
            }
            InlineUnary::SignBit if float => {
                let int = if d == DType::F32 {
                    types::I32
                } else {
                    types::I64
                };
                let bits = self.b.ins().bitcast(int, MemFlagsData::new(), x);
                self.b.ins().icmp_imm_s(IntCC::SignedLessThan, bits, 0)
            }
            InlineUnary::SignBit if d.is_signed_int() => {
                self.b.ins().icmp_imm_s(IntCC::SignedLessThan, x, 0)
            }
            // Not floats: nothing is NaN or infinite, everything is finite, and unsigned
            // values and bools have no sign bit.
            InlineUnary::IsNan | InlineUnary::IsInf | InlineUnary::SignBit => {
                self.b.ins().iconst(types::I8, 0)
            }
            InlineUnary::IsFinite => self.b.ins().iconst(types::I8, 1),
        }
    }

    /// The low bits of a 64-bit word as a value of integer or bool dtype `d`.
    pub(super) fn narrow_int(&mut self, d: DType, word: Value) -> Value {
        if d.itemsize() == 8 {
            word
        } else {
            self.b.ins().ireduce(scalar_type(d), word)
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
            BinaryLowering::Call(f @ BinaryCall::Int(_)) => {
                // The dtype's own definition on widened words, narrowed to the result.
                let a64 = self.widen_int(d, a);
                let b64 = self.widen_int(d, b);
                let r = self.call(f.address(), types::I64, &[a64, b64]);
                return self.narrow_int(op.result_dtype(d), r);
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
            InlineBinary::Max if d.is_unsigned() => ins.umax(a, b),
            InlineBinary::Max => ins.smax(a, b),
            InlineBinary::Min if float => self.float_max_min(false, a, b, mode),
            InlineBinary::Min if d.is_unsigned() => ins.umin(a, b),
            InlineBinary::Min => ins.smin(a, b),
            InlineBinary::And => ins.band(a, b),
            InlineBinary::Or => ins.bor(a, b),
            InlineBinary::Xor => ins.bxor(a, b),
            InlineBinary::FloorDiv => self.int_divmod(true, d, a, b),
            InlineBinary::Rem => self.int_divmod(false, d, a, b),
            InlineBinary::Compare(c) => self.compare(c, d, a, b),
            InlineBinary::CopySign => ins.fcopysign(a, b),
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
        if d.is_unsigned() {
            // Truncating division is floored for unsigned operands; only `x / 0` needs care.
            let is0 = self.b.ins().icmp_imm_s(IntCC::Equal, b, 0);
            let one = self.b.ins().iconst(ty, 1);
            let safe = self.b.ins().select(is0, one, b);
            let r = if floor_divide {
                self.b.ins().udiv(a, safe)
            } else {
                self.b.ins().urem(a, safe)
            };
            let zero = self.b.ins().iconst(ty, 0);
            return self.b.ins().select(is0, zero, r);
        }
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
        let unsigned = d.is_unsigned();
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

    /// An integer or bool of dtype `d` widened to 64 bits by its signedness.
    pub(super) fn widen_int(&mut self, d: DType, x: Value) -> Value {
        if d.itemsize() == 8 {
            x
        } else if d.is_unsigned() {
            self.b.ins().uextend(types::I64, x)
        } else {
            self.b.ins().sextend(types::I64, x)
        }
    }

    /// `x.astype(to)` with [`Scalar::cast`]'s rules: integers wrap, floats to integers
    /// truncate and saturate (NaN → 0), bool is `x != 0`.
    pub(super) fn cast(&mut self, from: DType, to: DType, x: Value) -> Value {
        let ty = scalar_type(to);
        if from == to {
            return x;
        }
        if to.is_bool() {
            return if from.is_float() {
                let z = self.zero_of(from);
                self.b.ins().fcmp(FloatCC::NotEqual, x, z)
            } else {
                self.b.ins().icmp_imm_s(IntCC::NotEqual, x, 0)
            };
        }
        match (from.is_float(), to.is_float()) {
            (true, true) if to == DType::F64 => self.b.ins().fpromote(ty, x),
            (true, true) => self.b.ins().fdemote(ty, x),
            (false, false) => match from.itemsize().cmp(&to.itemsize()) {
                std::cmp::Ordering::Equal => x,
                std::cmp::Ordering::Greater => self.b.ins().ireduce(ty, x),
                std::cmp::Ordering::Less if from.is_unsigned() => self.b.ins().uextend(ty, x),
                std::cmp::Ordering::Less => self.b.ins().sextend(ty, x),
            },
            (false, true) => {
                // Conversions read 32- or 64-bit integers; narrower ones are widened exactly.
                if from.itemsize() < 4 {
                    let wide = if from.is_unsigned() {
                        self.b.ins().uextend(types::I32, x)
                    } else {
                        self.b.ins().sextend(types::I32, x)
                    };
                    self.b.ins().fcvt_from_sint(ty, wide)
                } else if from.is_unsigned() {
                    self.b.ins().fcvt_from_uint(ty, x)
                } else {
                    self.b.ins().fcvt_from_sint(ty, x)
                }
            }
            (true, false) => self.float_to_int(to, x),
        }
    }

    /// Float to integer: truncation saturating at the target's range (NaN → 0), as Rust's
    /// `as`. Targets narrower than 32 bits convert to i32 and clamp.
    fn float_to_int(&mut self, to: DType, x: Value) -> Value {
        let ty = scalar_type(to);
        if to.itemsize() >= 4 {
            return if to.is_unsigned() {
                self.b.ins().fcvt_to_uint_sat(ty, x)
            } else {
                self.b.ins().fcvt_to_sint_sat(ty, x)
            };
        }
        let wide = self.b.ins().fcvt_to_sint_sat(types::I32, x);
        let (lo, hi) = to.int_range().expect("an integer dtype");
        let lo = self.b.ins().iconst(types::I32, lo as i64);
        let hi = self.b.ins().iconst(types::I32, hi as i64);
        let clamped = self.b.ins().smax(wide, lo);
        let clamped = self.b.ins().smin(clamped, hi);
        self.b.ins().ireduce(ty, clamped)
    }

    /// The float zero of dtype `d`.
    fn zero_of(&mut self, d: DType) -> Value {
        if d == DType::F32 {
            self.b.ins().f32const(0.0)
        } else {
            self.b.ins().f64const(0.0)
        }
    }

    pub(super) fn vector_cast(&mut self, from: DType, to: DType, x: Value) -> Value {
        let ty = self.ty(to, Mode::Vector);
        match (from.is_float(), to.is_float()) {
            _ if from == to => x,
            // Integers of one width and either signedness share their bits.
            (false, false) => x,
            (false, true) => self.b.ins().fcvt_from_sint(ty, x),
            (true, false) => self.b.ins().fcvt_to_sint_sat(ty, x),
            (true, true) => unreachable!("vector casts keep the lane width: {from} -> {to}"),
        }
    }
}
