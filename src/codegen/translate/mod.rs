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
use lazyarray_ir::op::lowering::{BinaryCall, UnaryCall};
use lazyarray_ir::op::unary::{InlineUnary, UnaryLowering};
use lazyarray_ir::{BinaryOp, DType, ReduceOp, Scalar, UnaryOp};
use std::collections::HashMap;

mod element;
mod expr;
mod gather;
mod loops;
mod ops;
mod reduce;

/// Vectors per iteration of the unrolled vector loop.
const UNROLL: usize = 4;

/// Iterations of a reduced level 1 folded per visit of the output (see [`Translator::jammed`]).
const JAM: i64 = lazyarray_ir::kernel::JAM as i64;

/// Cranelift's scalar type for a dtype (bool is a byte holding 0 or 1).
pub(crate) fn scalar_type(d: DType) -> Type {
    use DType::*;
    match d {
        Bool | I8 | U8 => types::I8,
        I16 | U16 => types::I16,
        I32 | U32 => types::I32,
        I64 | U64 => types::I64,
        F32 => types::F32,
        F64 => types::F64,
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
}
