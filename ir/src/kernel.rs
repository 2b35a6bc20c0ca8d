//! The kernel IR: one loop nest over strided buffers with a scalar expression body.
//!
//! A [`KernelSpec`] is the *structure* of a kernel — its loop levels, the dtype and stride class
//! of every access, the expression it evaluates and what it does with the value (store,
//! accumulate, scan). Extents, strides, offsets and buffer addresses are *not* part of it: they
//! are passed at launch, so one compiled kernel serves every size and layout of the same
//! structure. `KernelSpec` is the kernel cache's key.
//!
//! Loop levels are numbered from the innermost (level 0) outwards.

use crate::dtype::DType;
use crate::op::{BinaryOp, ReduceOp, UnaryOp};
use crate::scalar::Scalar;
use smallvec::SmallVec;
use std::fmt;

/// Index of an access in [`KernelSpec::accesses`].
pub type AccessId = usize;

/// Index of an expression in [`KernelSpec::exprs`].
pub type ExprId = usize;

/// How an access moves along one loop level.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum StrideClass {
    /// Does not move (broadcast, or a reduced dim of the output).
    Zero,
    /// Moves one element per iteration (vectorizable).
    Unit,
    /// Moves by any other amount (negative included).
    Strided,
}

/// What an access addresses.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum AccessKind {
    /// Elements of a buffer of `dtype`.
    Buffer(DType),
    /// No memory: the element *position* itself (an `i64`), used for `arange`.
    Position,
}

/// One strided (possibly gathered) walk over a buffer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AccessSpec {
    /// What is addressed.
    pub kind: AccessKind,
    /// Stride class per loop level (index 0 = innermost).
    pub strides: SmallVec<[StrideClass; 4]>,
    /// Gathers: each adds `index * stride` to the address, where `index` is an integer
    /// expression (negative values count from the end of an axis of runtime length; values
    /// outside the axis stop the kernel with an index error).
    pub gathers: SmallVec<[ExprId; 1]>,
}

/// A node of the kernel body (an SSA expression list, inputs before users).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum KExpr {
    /// The element of an access at the current iteration.
    Load(AccessId),
    /// A constant.
    Const(Scalar),
    /// `op(x)`.
    Unary(UnaryOp, ExprId),
    /// `op(a, b)` (operands of one dtype).
    Binary(BinaryOp, ExprId, ExprId),
    /// `cond ? a : b`.
    Where(ExprId, ExprId, ExprId),
    /// A conversion.
    Cast(DType, ExprId),
    /// The finished value of the reduction; appears only in [`KernelSpec::epilogue`].
    Finished,
}

/// What the kernel does with its value.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum KernelKind {
    /// Stores the value at the output access.
    Map,
    /// Folds the value into the output with a reduction; reduced levels are those where the
    /// output access has stride class `Zero`.
    Reduce(ReduceOp),
    /// Running reduction along `level`: `out[i] = combine(out[i - 1 along level], value)`
    /// with the op's combining op (`+` for cumsum, `*` for cumprod).
    Scan {
        /// The reduction whose combining op folds each element in.
        op: ReduceOp,
        /// The scanned loop level.
        level: usize,
    },
}

/// NumPy's fast path for a float raised to a *constant* exponent, which the code generator
/// chooses at compile time from the exponent's value (so that value is part of a kernel's
/// structure, not a parameter): `x**2` is `x*x`, `x**0.5` is `sqrt(x)` (so `(-0.0)**0.5` is
/// -0.0 and `(-inf)**0.5` NaN, unlike `pow`), `x**-1` is `1/x`. Every other exponent, and
/// every integer one, is computed by `pow`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum PowerFastPath {
    /// `x**2`: `x*x`.
    Square,
    /// `x**0.5`: `sqrt(x)`.
    Sqrt,
    /// `x**-1`: `1/x`.
    Reciprocal,
}

impl PowerFastPath {
    /// The fast path of a power whose exponent is the constant `exponent` (of the base's
    /// dtype), if it has one.
    pub fn of(exponent: Scalar) -> Option<PowerFastPath> {
        if !exponent.dtype().is_float() {
            return None;
        }
        let e = exponent.to_f64();
        if e == 2.0 {
            Some(PowerFastPath::Square)
        } else if e == 0.5 {
            Some(PowerFastPath::Sqrt)
        } else if e == -1.0 {
            Some(PowerFastPath::Reciprocal)
        } else {
            None
        }
    }
}

/// The structure of a kernel; see the module docs.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct KernelSpec {
    /// Number of loop levels.
    pub rank: usize,
    /// Accesses; access 0 is the output.
    pub accesses: Vec<AccessSpec>,
    /// The body, inputs before users.
    pub exprs: Vec<KExpr>,
    /// The expression whose value is stored / reduced / scanned.
    pub value: ExprId,
    /// What happens to the value.
    pub kind: KernelKind,
    /// Whether level 0 runs as 128-bit vectors with a scalar tail.
    pub vectorize: bool,
    /// For a reduction: expressions over [`KExpr::Finished`] and constants applied to each
    /// finished output element before it is stored (the last one is stored). Empty: the
    /// reduced value is stored as is. Only where [`KernelSpec::epilogue_fits`].
    pub epilogue: Vec<KExpr>,
}

/// Iterations of a reduced level 1 a jammed kernel folds per visit of its output (see
/// [`KernelSpec::jams_level1`]).
pub const JAM: usize = 16;

impl KernelSpec {
    /// The dtype of every expression, in order.
    pub fn expr_dtypes(&self) -> Vec<DType> {
        self.dtypes_of(&self.exprs, |a| match self.accesses[a].kind {
            AccessKind::Buffer(d) => d,
            AccessKind::Position => DType::I64,
        })
    }

    /// The dtype of every epilogue expression, in order (a load there is the finished value).
    pub fn epilogue_dtypes(&self) -> Vec<DType> {
        self.dtypes_of(&self.epilogue, |_| self.out_dtype())
    }

    /// The dtypes of an expression list whose loads have the dtypes `load` gives.
    fn dtypes_of(&self, list: &[KExpr], load: impl Fn(AccessId) -> DType) -> Vec<DType> {
        let mut out: Vec<DType> = Vec::with_capacity(list.len());
        for e in list {
            let d = match *e {
                KExpr::Load(a) => load(a),
                KExpr::Finished => self.out_dtype(),
                KExpr::Const(s) => s.dtype(),
                // The op tables own the result dtypes.
                KExpr::Unary(op, x) => op.result_dtype(out[x]),
                KExpr::Binary(op, a, _) => op.result_dtype(out[a]),
                KExpr::Where(_, a, _) => out[a],
                KExpr::Cast(d, _) => d,
            };
            out.push(d);
        }
        out
    }

    /// The loop level at which each expression first varies, counting gathers (`rank` for a
    /// loop-invariant one): the level it is computed at.
    pub fn expr_levels(&self) -> Vec<usize> {
        let rank = self.rank;
        let mut levels: Vec<usize> = Vec::with_capacity(self.exprs.len());
        for e in &self.exprs {
            let l = match *e {
                KExpr::Load(a) => {
                    let acc = &self.accesses[a];
                    let mut l = (0..rank)
                        .find(|&l| acc.strides[l] != StrideClass::Zero)
                        .unwrap_or(rank);
                    for &g in &acc.gathers {
                        l = l.min(levels[g]);
                    }
                    l
                }
                KExpr::Const(_) | KExpr::Finished => rank,
                KExpr::Unary(_, x) | KExpr::Cast(_, x) => levels[x],
                KExpr::Binary(_, x, y) => levels[x].min(levels[y]),
                KExpr::Where(c, x, y) => levels[c].min(levels[x]).min(levels[y]),
            };
            levels.push(l);
        }
        levels
    }

    /// For a reduction, the innermost kept level (`rank` when every level is reduced); 0
    /// otherwise.
    pub fn innermost_kept(&self) -> usize {
        match self.kind {
            KernelKind::Reduce(_) => (0..self.rank)
                .find(|&l| !self.is_reduced(l))
                .unwrap_or(self.rank),
            _ => 0,
        }
    }

    /// Whether a reduction has reduced levels outside its innermost kept level, so its output
    /// is read, folded into and written back once per iteration of those levels.
    pub fn read_modify_write(&self) -> bool {
        matches!(self.kind, KernelKind::Reduce(_))
            && (self.innermost_kept() + 1..self.rank).any(|l| self.is_reduced(l))
    }

    /// Whether a reduced level 1 directly above a kept level 0 is *jammed*: the code generator
    /// folds up to [`JAM`] of its iterations into registers per visit of the output, instead
    /// of reading and writing the output once per iteration. Requires the body to depend on
    /// level 1 only through pointers (nothing computed at level 1, no gathers) and every input
    /// to step by at most one element along it (overlapping windows, where the jammed loads
    /// share cache lines; across rows the extra streams were measured to cost more than they
    /// save).
    pub fn jams_level1(&self) -> bool {
        matches!(self.kind, KernelKind::Reduce(op) if !op.is_arg())
            && self.rank >= 2
            && self.innermost_kept() == 0
            && self.is_reduced(1)
            && self.expr_levels().iter().all(|&l| l != 1)
            && self.accesses.iter().all(|a| a.gathers.is_empty())
            && self.accesses[1..]
                .iter()
                .all(|a| matches!(a.strides[1], StrideClass::Zero | StrideClass::Unit))
    }

    /// Whether each output element is final when the kernel stores it for the last time in a
    /// way it can recognize, so an [`KernelSpec::epilogue`] can be applied there: no reduced
    /// level outside the innermost kept one, or only a jammed level 1.
    pub fn epilogue_fits(&self) -> bool {
        matches!(self.kind, KernelKind::Reduce(op) if !op.is_arg())
            && (!self.read_modify_write()
                || self.jams_level1() && (2..self.rank).all(|l| !self.is_reduced(l)))
    }
    /// Whether the constant at `e` of `list` (the body or the epilogue) is a *parameter*: a
    /// value the kernel reads from its argument block instead of compiling in, so one compiled
    /// kernel serves every value (`(&a + t).sum()` for each time step `t`, `x ** p` for each
    /// `p`). Every constant is one except a power's exponent whose value selects the code, a
    /// [`PowerFastPath`] (`x*x`, `sqrt`, `1/x`): that value is part of the structure.
    fn is_parameter(list: &[KExpr], e: ExprId) -> bool {
        let KExpr::Const(c) = list[e] else {
            return false;
        };
        PowerFastPath::of(c).is_none()
            || !list
                .iter()
                .any(|x| matches!(*x, KExpr::Binary(BinaryOp::Pow, _, y) if y == e))
    }

    /// The parameter number of every body expression, then of every epilogue expression
    /// (`None` where it is not a parameter); numbers run over the body first.
    pub fn parameter_numbers(&self) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
        let mut next = 0;
        let mut number = |list: &[KExpr]| -> Vec<Option<usize>> {
            (0..list.len())
                .map(|e| {
                    Self::is_parameter(list, e).then(|| {
                        next += 1;
                        next - 1
                    })
                })
                .collect()
        };
        let body = number(&self.exprs);
        let epilogue = number(&self.epilogue);
        (body, epilogue)
    }

    /// The values of the parameters, in parameter order.
    pub fn parameters(&self) -> Vec<Scalar> {
        let (body, epilogue) = self.parameter_numbers();
        let pick = |list: &[KExpr], numbers: Vec<Option<usize>>| -> Vec<Scalar> {
            numbers
                .into_iter()
                .zip(list)
                .filter_map(|(n, e)| match (n, e) {
                    (Some(_), KExpr::Const(s)) => Some(*s),
                    _ => None,
                })
                .collect()
        };
        let mut out = pick(&self.exprs, body);
        out.extend(pick(&self.epilogue, epilogue));
        out
    }

    /// This spec with every parameter's value replaced by its dtype's zero: the key of the
    /// kernel cache, and what is compiled (so compiled code cannot depend on a parameter's
    /// value).
    pub fn structure(&self) -> KernelSpec {
        let (body, epilogue) = self.parameter_numbers();
        let blank = |list: &[KExpr], numbers: &[Option<usize>]| -> Vec<KExpr> {
            list.iter()
                .zip(numbers)
                .map(|(e, n)| match (e, n) {
                    (KExpr::Const(s), Some(_)) => KExpr::Const(Scalar::zero(s.dtype())),
                    _ => e.clone(),
                })
                .collect()
        };
        KernelSpec {
            exprs: blank(&self.exprs, &body),
            epilogue: blank(&self.epilogue, &epilogue),
            ..self.clone()
        }
    }

    /// The output's dtype.
    pub fn out_dtype(&self) -> DType {
        match self.accesses[0].kind {
            AccessKind::Buffer(d) => d,
            AccessKind::Position => DType::I64,
        }
    }

    /// Whether loop level `level` is reduced (the output does not move along it).
    pub fn is_reduced(&self, level: usize) -> bool {
        matches!(self.kind, KernelKind::Reduce(_))
            && self.accesses[0].strides[level] == StrideClass::Zero
    }
}

impl fmt::Display for KExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KExpr::Load(a) => write!(f, "load a{a}"),
            KExpr::Const(s) => write!(f, "{s}"),
            KExpr::Unary(op, x) => write!(f, "{}(e{x})", op.name()),
            KExpr::Binary(op, a, b) => write!(f, "e{a} {} e{b}", op.symbol()),
            KExpr::Where(c, a, b) => write!(f, "where(e{c}, e{a}, e{b})"),
            KExpr::Cast(d, x) => write!(f, "{d}(e{x})"),
            KExpr::Finished => write!(f, "finished"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use smallvec::smallvec;

    /// `out[i] = x[i] ** p` over float64.
    fn power(p: Scalar) -> KernelSpec {
        let access = AccessSpec {
            kind: AccessKind::Buffer(p.dtype()),
            strides: smallvec![StrideClass::Unit],
            gathers: SmallVec::new(),
        };
        KernelSpec {
            rank: 1,
            accesses: vec![access.clone(), access],
            exprs: vec![
                KExpr::Load(1),
                KExpr::Const(p),
                KExpr::Binary(BinaryOp::Pow, 0, 1),
            ],
            value: 2,
            kind: KernelKind::Map,
            vectorize: false,
            epilogue: Vec::new(),
        }
    }

    #[test]
    fn only_a_fast_path_exponent_is_structure() {
        // Any other exponent is a parameter: one structure for all of them.
        let generic = power(Scalar::F64(3.0)).structure();
        for p in [1.7, -2.0, 0.0, 1e300, f64::NAN] {
            assert_eq!(power(Scalar::F64(p)).structure(), generic, "{p}");
            assert_eq!(power(Scalar::F64(p)).parameters().len(), 1, "{p}");
        }
        assert_eq!(power(Scalar::I64(2)).parameters(), [Scalar::I64(2)]);
        assert_eq!(
            power(Scalar::I64(2)).structure(),
            power(Scalar::I64(5)).structure()
        );
        // A fast path's value selects the code: it stays in the structure.
        for p in [2.0, 0.5, -1.0] {
            let spec = power(Scalar::F64(p));
            assert!(spec.parameters().is_empty(), "{p}");
            assert_eq!(spec.structure(), spec, "{p}");
            assert_ne!(spec.structure(), generic, "{p}");
            let spec = power(Scalar::F32(p as f32));
            assert!(spec.parameters().is_empty(), "{p}");
        }
    }

    #[test]
    fn a_blanked_parameter_has_no_fast_path() {
        // What is compiled has parameters blanked to zero; that value must not select code.
        for d in DType::ALL {
            assert_eq!(PowerFastPath::of(Scalar::zero(d)), None, "{d:?}");
        }
    }
}
