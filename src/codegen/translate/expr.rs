//! Expressions: constants and parameters, loads, and each expression's scalar or vector value
//! (operands first, values computed above level 0 splatted into the vector body).

use super::*;

impl Translator<'_, '_> {
    pub(super) fn access_itemsize(&self, a: usize) -> usize {
        match self.spec.accesses[a].kind {
            AccessKind::Buffer(d) => d.itemsize(),
            AccessKind::Position => 1,
        }
    }

    pub(super) fn used_at_level0(&self, e: ExprId) -> bool {
        self.spec.exprs.iter().enumerate().any(|(u, x)| {
            self.levels[u] == 0
                && match *x {
                    KExpr::Unary(_, a) | KExpr::Cast(_, a) => a == e,
                    KExpr::Binary(_, a, b) => a == e || b == e,
                    KExpr::Where(c, a, b) => c == e || a == e || b == e,
                    _ => false,
                }
        }) || (self.spec.value == e)
    }

    pub(super) fn mask_lane_type(&self) -> Type {
        if self.width == 8 {
            types::I64
        } else {
            types::I32
        }
    }

    pub(super) fn mask_type(&self) -> Type {
        if self.width == 8 {
            types::I64X2
        } else {
            types::I32X4
        }
    }

    /// The vector type of a dtype (bools are lane masks).
    pub(super) fn ty(&self, d: DType, mode: Mode) -> Type {
        match mode {
            Mode::Scalar => scalar_type(d),
            Mode::Vector => match d {
                DType::Bool => self.mask_type(),
                DType::I8 | DType::U8 => types::I8X16,
                DType::I16 | DType::U16 => types::I16X8,
                DType::I32 | DType::U32 => types::I32X4,
                DType::I64 | DType::U64 => types::I64X2,
                DType::F32 => types::F32X4,
                DType::F64 => types::F64X2,
            },
        }
    }

    /// `v` (of dtype `d`) as a vector in vector mode (a bool as an all-ones / all-zeros mask).
    pub(super) fn splat_if(&mut self, v: Value, d: DType, mode: Mode) -> Value {
        match mode {
            Mode::Scalar => v,
            Mode::Vector if d.is_bool() => {
                let lane = self.mask_lane_type();
                let wide = self.b.ins().uextend(lane, v);
                let neg = self.b.ins().ineg(wide);
                let ty = self.mask_type();
                self.b.ins().splat(ty, neg)
            }
            Mode::Vector => {
                let ty = self.ty(d, Mode::Vector);
                self.b.ins().splat(ty, v)
            }
        }
    }

    pub(super) fn constant(&mut self, s: Scalar, mode: Mode) -> Value {
        let v = match s {
            Scalar::F32(x) => self.b.ins().f32const(x),
            Scalar::F64(x) => self.b.ins().f64const(x),
            // Bool and every integer: its bits, in the dtype's integer type.
            _ => self.b.ins().iconst(scalar_type(s.dtype()), s.bits() as i64),
        };
        self.splat_if(v, s.dtype(), mode)
    }

    pub(super) fn scalar_expr(&mut self, e: ExprId) -> Value {
        let get = |t: &Self, x: ExprId| t.scalars[x].expect("operands are computed first");
        match self.spec.exprs[e].clone() {
            KExpr::Load(a) => match self.spec.accesses[a].kind {
                AccessKind::Buffer(d) => self.b.ins().load(scalar_type(d), flags(), self.eff[a], 0),
                AccessKind::Position => self.eff[a],
            },
            KExpr::Const(s) => match self.param_numbers.0[e] {
                Some(n) => self.parameter(n, s.dtype()),
                None => self.constant(s, Mode::Scalar),
            },
            KExpr::Unary(op, x) => {
                let v = get(self, x);
                self.unary(op, self.dtypes[x], v, Mode::Scalar)
            }
            KExpr::Binary(op, x, y) => {
                let (a, b) = (get(self, x), get(self, y));
                let d = self.dtypes[x];
                if let (BinaryOp::Pow, KExpr::Const(c)) = (op, &self.spec.exprs[y])
                    && d.is_float()
                    && self.param_numbers.0[y].is_none()
                    && let Some(v) = self.power_by_constant(a, *c, Mode::Scalar)
                {
                    return v;
                }
                if op == BinaryOp::Pow && d.is_signed_int() {
                    let b64 = if d == DType::I64 {
                        b
                    } else {
                        self.b.ins().sextend(types::I64, b)
                    };
                    let ok = self
                        .b
                        .ins()
                        .icmp_imm_s(IntCC::SignedGreaterThanOrEqual, b64, 0);
                    self.check(ok, ErrorCode::NegativePower, e as i64, b64);
                }
                self.binary(op, d, a, b, Mode::Scalar)
            }
            KExpr::Where(c, x, y) => {
                let (c, a, b) = (get(self, c), get(self, x), get(self, y));
                self.b.ins().select(c, a, b)
            }
            KExpr::Cast(to, x) => {
                let v = get(self, x);
                self.cast(self.dtypes[x], to, v)
            }
            KExpr::Finished => unreachable!("`Finished` appears only in epilogues"),
        }
    }

    /// The vector value of expression `e` for unroll copy `k` (level-0 expressions only;
    /// others come splatted from `vector_cache`).
    pub(super) fn vector_value(&mut self, e: ExprId, k: usize) -> Value {
        if let Some(&v) = self.vector_cache.get(&e) {
            return v;
        }
        let v = match self.spec.exprs[e].clone() {
            KExpr::Load(a) => {
                let d = match self.spec.accesses[a].kind {
                    AccessKind::Buffer(d) => d,
                    AccessKind::Position => unreachable!("positions are not vectorized"),
                };
                let ty = self.ty(d, Mode::Vector);
                self.b.ins().load(ty, flags(), self.eff[a], (k * 16) as i32)
            }
            // Constants are computed (parameters loaded) before the loops.
            KExpr::Const(s) => match self.scalars[e] {
                Some(v) => self.splat_if(v, s.dtype(), Mode::Vector),
                None => self.constant(s, Mode::Vector),
            },
            KExpr::Unary(op, x) => {
                let v = self.vector_value(x, k);
                self.unary(op, self.dtypes[x], v, Mode::Vector)
            }
            KExpr::Binary(op, x, y) => {
                let a = self.vector_value(x, k);
                let fast = match (op, &self.spec.exprs[y]) {
                    (BinaryOp::Pow, KExpr::Const(c)) if self.param_numbers.0[y].is_none() => {
                        self.power_by_constant(a, *c, Mode::Vector)
                    }
                    _ => None,
                };
                match fast {
                    Some(v) => v,
                    None => {
                        let b = self.vector_value(y, k);
                        self.binary(op, self.dtypes[x], a, b, Mode::Vector)
                    }
                }
            }
            KExpr::Where(c, x, y) => {
                let (c, a, b) = (
                    self.vector_value(c, k),
                    self.vector_value(x, k),
                    self.vector_value(y, k),
                );
                let ty = self.ty(self.dtypes[x], Mode::Vector);
                let mask = self.as_type(c, ty);
                self.b.ins().bitselect(mask, a, b)
            }
            KExpr::Cast(to, x) => {
                let v = self.vector_value(x, k);
                self.vector_cast(self.dtypes[x], to, v)
            }
            KExpr::Finished => unreachable!("`Finished` appears only in epilogues"),
        };
        self.vector_cache.insert(e, v);
        v
    }

    /// NumPy's scalar-exponent fast path for the compiled-in exponent `c` (a
    /// [`PowerFastPath`]; see also `scalar_ops::power_by_constant`). Callers pass only
    /// exponents that are not parameters: a parameter's value is blanked in what is compiled.
    pub(super) fn power_by_constant(&mut self, x: Value, c: Scalar, mode: Mode) -> Option<Value> {
        Some(match PowerFastPath::of(c)? {
            PowerFastPath::Square => self.b.ins().fmul(x, x),
            PowerFastPath::Sqrt => self.b.ins().sqrt(x),
            PowerFastPath::Reciprocal => {
                let one = self.constant(Scalar::one(c.dtype()), mode);
                self.b.ins().fdiv(one, x)
            }
        })
    }

    pub(super) fn as_type(&mut self, v: Value, ty: Type) -> Value {
        if self.b.func.dfg.value_type(v) == ty {
            v
        } else {
            self.b.ins().bitcast(
                ty,
                MemFlagsData::new().with_endianness(Endianness::Little),
                v,
            )
        }
    }
}
