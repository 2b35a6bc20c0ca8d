//! Translation of a [`KernelSpec`] into Cranelift IR.
//!
//! The loop nest runs from the outermost level (over `begin..end`) to level 0. Every access
//! keeps a pointer per level that advances by its stride; gather terms are added at the level
//! where their index changes. Each expression is computed at the innermost level it varies at
//! (loop-invariant code is hoisted by construction). Level 0 runs either as a scalar loop, or —
//! when the spec says so — as 128-bit vectors, four per iteration, then one per iteration, then
//! a scalar tail. Reductions accumulate in registers (four vector accumulators) across the
//! reduced levels below the innermost kept level, and read-modify-write the output across
//! reduced levels above it.

use crate::codegen::abi::{ArgLayout, ErrorCode};
use crate::codegen::math;
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{
    AbiParam, Endianness, InstBuilder, MemFlagsData, SigRef, Signature, Type, Value, types,
};
use cranelift_frontend::{FunctionBuilder, Variable};
use lazyarray_ir::kernel::{
    AccessKind, ExprId, KExpr, KernelKind, KernelSpec, PowerFastPath, StrideClass,
};
use lazyarray_ir::op::binary::{BinaryLowering, Comparison, InlineBinary};
use lazyarray_ir::op::lowering::BinaryCall;
use lazyarray_ir::op::unary::{InlineUnary, UnaryLowering};
use lazyarray_ir::{BinaryOp, DType, ReduceOp, Scalar, UnaryOp};
use std::collections::HashMap;

/// Vectors per iteration of the unrolled vector loop.
const UNROLL: usize = 4;

/// Iterations of a reduced level 1 folded per visit of the output (see [`Translator::jammed`]).
const JAM: i64 = lazyarray_ir::kernel::JAM as i64;

/// Cranelift's scalar type for a dtype (bool is a byte holding 0 or 1).
pub(crate) fn scalar_type(d: DType) -> Type {
    match d {
        DType::Bool => types::I8,
        DType::I32 => types::I32,
        DType::I64 => types::I64,
        DType::F32 => types::F32,
        DType::F64 => types::F64,
    }
}

fn flags() -> MemFlagsData {
    // Never `aligned`: element pointers into views are only element-aligned, and an aligned
    // (or `trusted`, which implies aligned) load lets Cranelift fold it into an instruction that
    // faults on 8-byte-aligned data on a non-AVX x86 CPU.
    MemFlagsData::new().with_notrap()
}

/// What the kernel does per element, and the accumulator state of reductions.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Scalar,
    Vector,
}

/// Builds the body of one kernel function.
pub(crate) struct Translator<'a, 'b> {
    b: &'a mut FunctionBuilder<'b>,
    spec: &'a KernelSpec,
    layout: ArgLayout,
    dtypes: Vec<DType>,
    /// Level at which each expression is computed (`rank` = before all loops).
    levels: Vec<usize>,
    /// Signatures of the scalar functions the kernel calls, by parameter count and type.
    call_signatures: HashMap<(usize, Type), SigRef>,
    vector: bool,
    /// Lane width in bytes of the vector body (4 or 8).
    width: usize,
    args: Value,
    begin: Value,
    end: Value,
    extents: Vec<Value>,
    strides: Vec<Vec<Value>>,
    gathers: Vec<Vec<(Value, Value)>>,
    /// Per level, per access: the pointer carried by that level's loop.
    ptr: Vec<Vec<Variable>>,
    counter: Vec<Variable>,
    /// Per access: the effective pointer in the current scope.
    eff: Vec<Value>,
    /// Per expression: its scalar value in the current scope.
    scalars: Vec<Option<Value>>,
    /// Per access and gather: which expressions are gather indices of which access.
    gather_users: HashMap<ExprId, Vec<(usize, usize)>>,
    /// Innermost kept level of a reduction (`rank` if every level is reduced).
    k0: usize,
    /// Whether reduced levels above `k0` make the output a read-modify-write accumulator.
    rmw: bool,
    acc: Option<Accumulators>,
    /// Vector values of the current unroll copy (and splats of outer values).
    vector_cache: HashMap<ExprId, Value>,
    /// Values computed above level 0, splatted for the vector body.
    splats: HashMap<ExprId, Value>,
    /// Whether a reduced level 1 above a kept level 0 is folded `JAM` iterations at a time in
    /// registers (see [`Translator::jammed`]).
    jam: bool,
    /// Inside a jammed level 1: the iterations of it the current visit folds, and whether
    /// the visit is the last (its values are then final).
    jam_count: Option<(Value, Value)>,
    /// Parameter number of each body expression and each epilogue expression.
    param_numbers: (Vec<Option<usize>>, Vec<Option<usize>>),
    /// The epilogue's parameters, loaded before the loops.
    epilogue_params: HashMap<ExprId, Value>,
}

/// Register accumulators of a reduction over the levels below `k0`.
struct Accumulators {
    scalar: Variable,
    vectors: Vec<Variable>,
    /// argmin/argmax: the best index and the running position.
    arg_index: Option<(Variable, Variable)>,
}

impl<'a, 'b> Translator<'a, 'b> {
    /// Prepares a translation; call [`Translator::emit`] to build the function.
    pub fn new(b: &'a mut FunctionBuilder<'b>, spec: &'a KernelSpec, vector: bool) -> Self {
        let dtypes = spec.expr_dtypes();
        let levels = spec.expr_levels();
        let mut gather_users: HashMap<ExprId, Vec<(usize, usize)>> = HashMap::new();
        for (a, acc) in spec.accesses.iter().enumerate() {
            for (k, &g) in acc.gathers.iter().enumerate() {
                gather_users.entry(g).or_default().push((a, k));
            }
        }
        let k0 = spec.innermost_kept();
        let rmw = spec.read_modify_write();
        let jam = spec.jams_level1();
        // The output's width, as in `loops::vectorizable`: it vectorizes only when every value
        // that varies along level 0 has that width. Wider loop-invariant values (a 0-d int64
        // gather index, a hoisted int64 scalar) never enter the vector body, and counting them
        // here made a float32 kernel step two lanes per four-lane store.
        let width = spec.out_dtype().itemsize();
        Translator {
            param_numbers: spec.parameter_numbers(),
            epilogue_params: HashMap::new(),
            b,
            spec,
            layout: ArgLayout::of(spec),
            dtypes,
            levels,
            call_signatures: HashMap::new(),
            vector,
            width,
            args: Value::from_u32(0),
            begin: Value::from_u32(0),
            end: Value::from_u32(0),
            extents: Vec::new(),
            strides: Vec::new(),
            gathers: Vec::new(),
            ptr: Vec::new(),
            counter: Vec::new(),
            eff: Vec::new(),
            scalars: vec![None; spec.exprs.len()],
            gather_users,
            k0,
            rmw,
            acc: None,
            vector_cache: HashMap::new(),
            splats: HashMap::new(),
            jam,
            jam_count: None,
        }
    }

    /// Emits the whole function.
    pub fn emit(mut self) {
        let entry = self.b.create_block();
        self.b.append_block_params_for_function_params(entry);
        self.b.switch_to_block(entry);
        let params = self.b.block_params(entry).to_vec();
        (self.args, self.begin, self.end) = (params[0], params[1], params[2]);
        let rank = self.spec.rank;
        for l in 0..rank {
            let v = self.arg(l);
            self.extents.push(v);
        }
        for a in 0..self.spec.accesses.len() {
            let strides = (0..rank)
                .map(|l| self.arg(self.layout.stride(a, l)))
                .collect();
            self.strides.push(strides);
            let gathers = self.layout.gather[a]
                .clone()
                .into_iter()
                .map(|slot| (self.arg(slot), self.arg(slot + 1)))
                .collect();
            self.gathers.push(gathers);
            let base = self.arg(self.layout.access[a]);
            self.eff.push(base);
        }
        for (e, n) in self.param_numbers.1.clone().into_iter().enumerate() {
            if let (Some(n), KExpr::Const(s)) = (n, &self.spec.epilogue[e]) {
                let v = self.parameter(n, s.dtype());
                self.epilogue_params.insert(e, v);
            }
        }
        for _ in 0..rank {
            let vars = (0..self.spec.accesses.len())
                .map(|_| self.b.declare_var(types::I64))
                .collect();
            self.ptr.push(vars);
            let c = self.b.declare_var(types::I64);
            self.counter.push(c);
        }

        if self.rmw || (self.k0 == 0 && matches!(self.spec.kind, KernelKind::Reduce(_)) && rank > 0)
        {
            self.emit_init_output();
        }
        self.compute_level(rank);
        if rank == self.k0 {
            self.start_accumulators();
        }
        if rank == 0 {
            self.element(Mode::Scalar, 0);
        } else {
            self.emit_level(rank - 1);
        }
        if rank == self.k0 {
            self.finish_accumulators();
        }
        let ok = self.b.ins().iconst(types::I32, 0);
        self.b.ins().return_(&[ok]);
    }

    /// Parameter `n` of dtype `d`, read from its argument slot.
    fn parameter(&mut self, n: usize, d: DType) -> Value {
        let slot = self.layout.params + n;
        self.b
            .ins()
            .load(scalar_type(d), flags(), self.args, (slot * 8) as i32)
    }

    fn arg(&mut self, slot: usize) -> Value {
        self.b
            .ins()
            .load(types::I64, flags(), self.args, (slot * 8) as i32)
    }

    /// The loop of `level` (the current `eff` holds the bases it starts from).
    fn emit_level(&mut self, level: usize) {
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
        let header = self.b.create_block();
        let body = self.b.create_block();
        let exit = self.b.create_block();
        self.b.ins().jump(header, &[]);
        self.b.switch_to_block(header);
        let i = self.b.use_var(self.counter[level]);
        let more = self.b.ins().icmp(IntCC::SignedLessThan, i, end);
        self.b.ins().brif(more, body, &[], exit, &[]);
        self.b.switch_to_block(body);
        if jammed {
            let left = self.b.ins().isub(end, i);
            let full = self.b.ins().iconst(types::I64, JAM);
            let short = self.b.ins().icmp(IntCC::SignedLessThan, left, full);
            let count = self.b.ins().select(short, left, full);
            let last = self.b.ins().icmp(IntCC::SignedLessThanOrEqual, left, full);
            self.jam_count = Some((count, last));
        }
        let saved = self.eff.clone();
        for a in 0..n_acc {
            self.eff[a] = self.b.use_var(self.ptr[level][a]);
        }
        if level == 0 && self.jam {
            self.jammed(Mode::Scalar, 1);
        } else if level == 0 {
            self.compute_level(0);
            self.element(Mode::Scalar, 0);
        } else {
            self.compute_level(level);
            if level == self.k0 {
                self.start_accumulators();
            }
            self.emit_level(level - 1);
            if level == self.k0 {
                self.finish_accumulators();
            }
        }
        self.eff = saved;
        for (a, &bytes) in steps.iter().enumerate() {
            let p = self.b.use_var(self.ptr[level][a]);
            let p = self.b.ins().iadd(p, bytes);
            self.b.def_var(self.ptr[level][a], p);
        }
        let i = self.b.use_var(self.counter[level]);
        let i = self.b.ins().iadd_imm_s(i, step);
        self.b.def_var(self.counter[level], i);
        self.b.ins().jump(header, &[]);
        self.b.switch_to_block(exit);
    }

    /// Computes the scalar expressions that vary first at `level` (and the gather terms they
    /// feed), in the current scope.
    fn compute_level(&mut self, level: usize) {
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
    fn apply_gather(&mut self, a: usize, k: usize, index: Value) {
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
    fn gather_id(&self, a: usize, k: usize) -> i64 {
        (self.spec.accesses[..a]
            .iter()
            .map(|x| x.gathers.len())
            .sum::<usize>()
            + k) as i64
    }

    /// Continues when `ok` is nonzero; otherwise records the error and returns its code.
    fn check(&mut self, ok: Value, code: ErrorCode, which: i64, value: Value) {
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

    // ---- per-element work -------------------------------------------------------------

    /// Stores, accumulates or scans the value of the element at the current pointers.
    /// `k` is the unroll copy in vector mode (its byte offset is `k * 16`).
    fn element(&mut self, mode: Mode, k: usize) {
        let value = self.value(mode, k);
        let out_ty = self.ty(self.spec.out_dtype(), mode);
        let offset = (k * 16) as i32;
        match self.spec.kind {
            KernelKind::Map => {
                self.b.ins().store(flags(), value, self.eff[0], offset);
            }
            KernelKind::Scan { level } => {
                let i = self.b.use_var(self.counter[level]);
                let has_prev = self.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, i, 0);
                let zero = self.b.ins().iconst(types::I64, 0);
                let back = self.b.ins().select(has_prev, self.strides[0][level], zero);
                let prev_addr = self.b.ins().isub(self.eff[0], back);
                let prev = self.b.ins().load(out_ty, flags(), prev_addr, 0);
                let sum = self.binary(
                    BinaryOp::Add,
                    self.spec.out_dtype(),
                    prev,
                    value,
                    Mode::Scalar,
                );
                // The first element is copied, not added to a zero: `0.0 + -0.0` is `0.0`,
                // and NumPy's `cumsum([-0.0])` is `[-0.0]`.
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
    fn value(&mut self, mode: Mode, k: usize) -> Value {
        match mode {
            Mode::Scalar => self.scalars[self.spec.value].expect("value computed at its level"),
            Mode::Vector => self.vector_value(self.spec.value, k),
        }
    }

    // ---- reductions -------------------------------------------------------------------

    fn reduce_op(&self) -> ReduceOp {
        match self.spec.kind {
            KernelKind::Reduce(op) => op,
            _ => unreachable!("only reductions accumulate"),
        }
    }

    /// The value an accumulator starts from (argmin/argmax: any value, the position decides).
    fn neutral(&self) -> Scalar {
        let d = self.spec.out_dtype();
        self.reduce_op()
            .neutral(d)
            .unwrap_or(Scalar::zero(DType::I64))
    }

    /// Writes the neutral value over the output (the kept levels only) before a
    /// read-modify-write reduction.
    fn emit_init_output(&mut self) {
        let neutral = self.neutral();
        let value = self.constant(neutral, Mode::Scalar);
        let kept: Vec<usize> = (0..self.spec.rank)
            .filter(|&l| !self.spec.is_reduced(l))
            .collect();
        let base = self.eff[0];
        self.fill_levels(&kept, kept.len(), base, value);
    }

    fn fill_levels(&mut self, kept: &[usize], depth: usize, base: Value, value: Value) {
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
        let header = self.b.create_block();
        let body = self.b.create_block();
        let exit = self.b.create_block();
        self.b.ins().jump(header, &[]);
        self.b.switch_to_block(header);
        let i = self.b.use_var(counter);
        let more = self.b.ins().icmp(IntCC::SignedLessThan, i, end);
        self.b.ins().brif(more, body, &[], exit, &[]);
        self.b.switch_to_block(body);
        let p = self.b.use_var(ptr);
        self.fill_levels(kept, depth - 1, p, value);
        let p = self.b.use_var(ptr);
        let p = self.b.ins().iadd(p, self.strides[0][level]);
        self.b.def_var(ptr, p);
        let i = self.b.use_var(counter);
        let i = self.b.ins().iadd_imm_s(i, 1);
        self.b.def_var(counter, i);
        self.b.ins().jump(header, &[]);
        self.b.switch_to_block(exit);
    }

    fn start_accumulators(&mut self) {
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

    fn accumulate(&mut self, op: ReduceOp, value: Value, mode: Mode, k: usize) {
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
    fn accumulate_arg(
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
            DType::Bool => {
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

    fn finish_accumulators(&mut self) {
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
    fn fold(&mut self, op: ReduceOp, acc: Value, v: Value, mode: Mode) -> Value {
        let d = self.spec.out_dtype();
        let bin = op
            .combining()
            .expect("arg reductions fold with accumulate_arg");
        self.binary(bin, d, acc, v, mode)
    }

    // ---- vector level 0 ---------------------------------------------------------------

    /// Level 0 as unrolled vectors, single vectors, then a scalar tail.
    fn emit_vector_level0(&mut self) {
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
        for (step, copies) in [(lanes * UNROLL, UNROLL), (lanes, 1)] {
            let header = self.b.create_block();
            let body = self.b.create_block();
            let exit = self.b.create_block();
            self.b.ins().jump(header, &[]);
            self.b.switch_to_block(header);
            let i = self.b.use_var(self.counter[0]);
            let next = self.b.ins().iadd_imm_s(i, step as i64);
            let fits = self.b.ins().icmp(IntCC::SignedLessThanOrEqual, next, end);
            self.b.ins().brif(fits, body, &[], exit, &[]);
            self.b.switch_to_block(body);
            let saved = self.eff.clone();
            for a in 0..n_acc {
                self.eff[a] = self.b.use_var(self.ptr[0][a]);
            }
            if self.jam {
                self.jammed(Mode::Vector, copies);
            } else {
                for k in 0..copies {
                    self.vector_cache = self.splats.clone();
                    self.element(Mode::Vector, k);
                }
            }
            self.eff = saved;
            for a in 0..n_acc {
                let bytes = match self.spec.accesses[a].strides[0] {
                    StrideClass::Zero => 0,
                    _ => (step * self.access_itemsize(a)) as i64,
                };
                let p = self.b.use_var(self.ptr[0][a]);
                let p = self.b.ins().iadd_imm_s(p, bytes);
                self.b.def_var(self.ptr[0][a], p);
            }
            let i = self.b.use_var(self.counter[0]);
            let i = self.b.ins().iadd_imm_s(i, step as i64);
            self.b.def_var(self.counter[0], i);
            self.b.ins().jump(header, &[]);
            self.b.switch_to_block(exit);
        }
        // Scalar tail.
        let header = self.b.create_block();
        let body = self.b.create_block();
        let exit = self.b.create_block();
        self.b.ins().jump(header, &[]);
        self.b.switch_to_block(header);
        let i = self.b.use_var(self.counter[0]);
        let more = self.b.ins().icmp(IntCC::SignedLessThan, i, end);
        self.b.ins().brif(more, body, &[], exit, &[]);
        self.b.switch_to_block(body);
        let saved = self.eff.clone();
        for a in 0..n_acc {
            self.eff[a] = self.b.use_var(self.ptr[0][a]);
        }
        let vector = std::mem::replace(&mut self.vector, false);
        if self.jam {
            self.jammed(Mode::Scalar, 1);
        } else {
            self.compute_level(0);
            self.element(Mode::Scalar, 0);
        }
        self.vector = vector;
        self.eff = saved;
        for a in 0..n_acc {
            let p = self.b.use_var(self.ptr[0][a]);
            let p = self.b.ins().iadd(p, self.strides[a][0]);
            self.b.def_var(self.ptr[0][a], p);
        }
        let i = self.b.use_var(self.counter[0]);
        let i = self.b.ins().iadd_imm_s(i, 1);
        self.b.def_var(self.counter[0], i);
        self.b.ins().jump(header, &[]);
        self.b.switch_to_block(exit);
    }

    /// The level-0 body of a jammed reduction: the output elements at the current pointers
    /// (`copies` vectors, or one scalar) are loaded into registers once, folded with the values
    /// of the next `jam_count` iterations of the reduced level 1, and stored once — instead of
    /// a load and a store of the output per iteration of level 1. The folds run in the same
    /// order as without jamming, so results are bit-identical. This is what lets a
    /// `sum(axis=0)` read rows without streaming its output once per row, and a rolling
    /// window's short reduction make one pass instead of one per window element.
    fn jammed(&mut self, mode: Mode, copies: usize) {
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
        let header = self.b.create_block();
        let body = self.b.create_block();
        let exit = self.b.create_block();
        self.b.ins().jump(header, &[]);
        self.b.switch_to_block(header);
        let i = self.b.use_var(u);
        let more = self.b.ins().icmp(IntCC::SignedLessThan, i, count);
        self.b.ins().brif(more, body, &[], exit, &[]);
        self.b.switch_to_block(body);
        let saved = self.eff.clone();
        for (a, &p) in ptrs.iter().enumerate() {
            self.eff[a] = self.b.use_var(p);
        }
        for (k, &acc) in accs.iter().enumerate() {
            let value = match mode {
                Mode::Vector => {
                    self.vector_cache = self.splats.clone();
                    self.vector_value(self.spec.value, k)
                }
                Mode::Scalar => {
                    self.compute_level(0);
                    self.value(Mode::Scalar, 0)
                }
            };
            let old = self.b.use_var(acc);
            let new = self.fold(op, old, value, mode);
            self.b.def_var(acc, new);
        }
        self.eff = saved;
        for (a, &p) in ptrs.iter().enumerate() {
            let q = self.b.use_var(p);
            let q = self.b.ins().iadd(q, self.strides[a][1]);
            self.b.def_var(p, q);
        }
        let i = self.b.use_var(u);
        let i = self.b.ins().iadd_imm_s(i, 1);
        self.b.def_var(u, i);
        self.b.ins().jump(header, &[]);
        self.b.switch_to_block(exit);
        for (k, &acc) in accs.iter().enumerate() {
            let mut v = self.b.use_var(acc);
            if !self.spec.epilogue.is_empty() {
                let finished = self.epilogue(v, mode);
                v = self.b.ins().select(last, finished, v);
            }
            self.b.ins().store(flags(), v, self.eff[0], (k * 16) as i32);
        }
    }

    /// The epilogue applied to a finished value `v` (scalar or vector).
    fn epilogue(&mut self, v: Value, mode: Mode) -> Value {
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

    fn access_itemsize(&self, a: usize) -> usize {
        match self.spec.accesses[a].kind {
            AccessKind::Buffer(d) => d.itemsize(),
            AccessKind::Position => 1,
        }
    }

    fn used_at_level0(&self, e: ExprId) -> bool {
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

    fn mask_lane_type(&self) -> Type {
        if self.width == 8 {
            types::I64
        } else {
            types::I32
        }
    }

    fn mask_type(&self) -> Type {
        if self.width == 8 {
            types::I64X2
        } else {
            types::I32X4
        }
    }

    /// The vector type of a dtype (bools are lane masks).
    fn ty(&self, d: DType, mode: Mode) -> Type {
        match mode {
            Mode::Scalar => scalar_type(d),
            Mode::Vector => match d {
                DType::Bool => self.mask_type(),
                DType::I32 => types::I32X4,
                DType::I64 => types::I64X2,
                DType::F32 => types::F32X4,
                DType::F64 => types::F64X2,
            },
        }
    }

    // ---- expressions ------------------------------------------------------------------

    /// `v` (of dtype `d`) as a vector in vector mode (a bool as an all-ones / all-zeros mask).
    fn splat_if(&mut self, v: Value, d: DType, mode: Mode) -> Value {
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

    fn constant(&mut self, s: Scalar, mode: Mode) -> Value {
        let v = match s {
            Scalar::Bool(b) => self.b.ins().iconst(types::I8, b as i64),
            Scalar::I32(x) => self.b.ins().iconst(types::I32, x as i64),
            Scalar::I64(x) => self.b.ins().iconst(types::I64, x),
            Scalar::F32(x) => self.b.ins().f32const(x),
            Scalar::F64(x) => self.b.ins().f64const(x),
        };
        self.splat_if(v, s.dtype(), mode)
    }

    fn scalar_expr(&mut self, e: ExprId) -> Value {
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
                if op == BinaryOp::Pow && d.is_int() {
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
    fn vector_value(&mut self, e: ExprId, k: usize) -> Value {
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
    fn power_by_constant(&mut self, x: Value, c: Scalar, mode: Mode) -> Option<Value> {
        Some(match PowerFastPath::of(c)? {
            PowerFastPath::Square => self.b.ins().fmul(x, x),
            PowerFastPath::Sqrt => self.b.ins().sqrt(x),
            PowerFastPath::Reciprocal => {
                let one = self.constant(Scalar::one(c.dtype()), mode);
                self.b.ins().fdiv(one, x)
            }
        })
    }

    fn as_type(&mut self, v: Value, ty: Type) -> Value {
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

    fn unary(&mut self, op: UnaryOp, d: DType, x: Value, mode: Mode) -> Value {
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
    fn call(&mut self, address: *const u8, ty: Type, args: &[Value]) -> Value {
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

    fn binary(&mut self, op: BinaryOp, d: DType, a: Value, b: Value, mode: Mode) -> Value {
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
    fn float_max_min(&mut self, max: bool, a: Value, b: Value, mode: Mode) -> Value {
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
    fn int_divmod(&mut self, floor_divide: bool, d: DType, a: Value, b: Value) -> Value {
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

    fn compare(&mut self, c: Comparison, d: DType, a: Value, b: Value) -> Value {
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

    fn cast(&mut self, from: DType, to: DType, x: Value) -> Value {
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

    fn vector_cast(&mut self, from: DType, to: DType, x: Value) -> Value {
        let ty = self.ty(to, Mode::Vector);
        match (from.is_float(), to.is_float()) {
            _ if from == to => x,
            (false, true) => self.b.ins().fcvt_from_sint(ty, x),
            (true, false) => self.b.ins().fcvt_to_sint_sat(ty, x),
            _ => unreachable!("vector casts keep the lane width: {from} -> {to}"),
        }
    }
}
