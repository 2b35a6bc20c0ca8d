//! Elementwise math: NumPy's ufuncs with broadcasting and NEP 50 promotion.

use crate::array::{Array, Builder};
use crate::ops::{IntoOperand, Operand, Resolved, broadcast_all, cast, weak_int_fits};
use lazyarray_ir::op::binary::BinaryRule;
use lazyarray_ir::op::unary::UnaryRule;
use lazyarray_ir::{BinaryOp, DType, ErrorKind, Op, Scalar, UnaryOp};
use std::sync::Arc;

/// Builds `op(lhs, rhs)`: promotes both operands to a common dtype, broadcasts them to a common
/// shape, and adds the (explicit) cast and broadcast nodes.
#[track_caller]
pub(crate) fn binary(op: BinaryOp, lhs: Operand, rhs: Operand) -> Array {
    let b = Builder::new(op.name());
    b.run(|| {
        let (l, r) = (lhs.resolve()?, rhs.resolve()?);
        let mut dtype = Resolved::result_dtype(&[&l, &r]);
        match op.rule() {
            BinaryRule::FloatMath => dtype = dtype.float_result(),
            BinaryRule::FloatFunction if dtype.is_int() => dtype = dtype.float_function_dtype(),
            _ => {}
        }
        if let (true, Some(d)) = (dtype.is_bool(), op.bool_operands_as()) {
            dtype = d;
        }
        if op.is_comparison() && dtype.is_int() && (!fits(&l, dtype) || !fits(&r, dtype)) {
            // NumPy 2 compares an integer array with an out-of-range Python integer by value
            // (`np.int32(1) < 3_000_000_000` is True) where arithmetic would raise: comparing
            // in int64 gives that answer when int64 holds both; otherwise (a uint64 array, or
            // a value beyond int64) float64 does, exactly up to 2**53.
            dtype = if dtype != DType::U64 && fits(&l, DType::I64) && fits(&r, DType::I64) {
                DType::I64
            } else {
                DType::F64
            };
        }
        if !op.accepts(dtype) {
            return Err(b.error(ErrorKind::DType, undefined_message(op, dtype)));
        }
        let out = op.result_dtype(dtype);
        let shape = broadcast_all(&b, &[l.shape(), r.shape()], out)?;
        let (ln, rn) = (l.to_node(&b, dtype, &shape)?, r.to_node(&b, dtype, &shape)?);
        b.node(Op::Binary(op), &[&ln, &rn])
    })
}

/// A weak integer bound of `clip` that lies beyond an integer array's range on the side where
/// it clips nothing becomes the range's end (NumPy accepts it, where other ufuncs raise).
fn clip_bound(bound: Operand, dtype: DType, low: bool) -> Operand {
    match (bound, dtype.int_range()) {
        (Operand::Scalar(s), Some((lo, hi))) if dtype.is_int() && s.dtype().is_int() => {
            match s.to_i128() {
                Some(v) if low && v < lo => Operand::Scalar(Scalar::lowest(dtype)),
                Some(v) if !low && v > hi => Operand::Scalar(Scalar::highest(dtype)),
                _ => Operand::Scalar(s),
            }
        }
        (other, _) => other,
    }
}

/// False for a weak integer whose value `dtype` cannot hold.
fn fits(o: &Resolved, dtype: DType) -> bool {
    match o {
        Resolved::Weak(s) => weak_int_fits(*s, dtype),
        Resolved::Node(_) => true,
    }
}

fn undefined_message(op: BinaryOp, dtype: DType) -> String {
    match (op, dtype) {
        (BinaryOp::Sub, DType::Bool) => "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.".into(),
        _ => format!("ufunc '{}' not supported for the input types ({dtype}, {dtype})", op.name()),
    }
}

/// Builds `op(x)`: float functions of integers compute in float64 (NumPy's loop for ints),
/// floor/ceil of integers and bools are the identity (NumPy 2 keeps their dtype).
#[track_caller]
pub(crate) fn unary(op: UnaryOp, x: &Array) -> Array {
    let b = Builder::new(op.name());
    b.run(|| {
        let mut x = Arc::clone(x.node()?);
        let mut dtype = x.meta.dtype;
        if op.rule() == UnaryRule::Rounding && !dtype.is_float() {
            return Ok(x);
        }
        if let (true, Some(d)) = (dtype.is_bool(), op.bool_input_as()) {
            x = cast(&b, &x, d)?;
            dtype = d;
        }
        let x = &x;
        if op.is_float_math() && dtype.is_int() {
            let wide = cast(&b, x, dtype.float_function_dtype())?;
            return b.node(Op::Unary(op), &[&wide]);
        }
        if !op.accepts(dtype) {
            let message = match op {
                UnaryOp::Neg => "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.".to_string(),
                _ => format!("ufunc '{}' not supported for the input type {dtype}", op.name()),
            };
            return Err(b.error(ErrorKind::DType, message));
        }
        b.node(Op::Unary(op), &[x])
    })
}

/// `np.logical_and/or/xor`: operands are converted to bool by truthiness.
#[track_caller]
fn logical(op: BinaryOp, name: &'static str, lhs: Operand, rhs: Operand) -> Array {
    let b = Builder::new(name);
    b.run(|| {
        let (l, r) = (lhs.resolve()?, rhs.resolve()?);
        let shape = broadcast_all(&b, &[l.shape(), r.shape()], DType::Bool)?;
        let to_bool = |o: &Resolved| match o {
            Resolved::Weak(s) => Ok(Resolved::Weak(s.cast(DType::Bool))),
            Resolved::Node(n) => Ok(Resolved::Node(cast(&b, n, DType::Bool)?)),
        };
        let (l, r) = (to_bool(&l)?, to_bool(&r)?);
        let (ln, rn) = (
            l.to_node(&b, DType::Bool, &shape)?,
            r.to_node(&b, DType::Bool, &shape)?,
        );
        b.node(Op::Binary(op), &[&ln, &rn])
    })
}

/// `np.where(cond, x, y)`: elements of `x` where `cond` is true (nonzero), else of `y`; all
/// three broadcast together and `x`, `y` promote like a binary op.
///
/// ```
/// use lazyarray::{where_, Array};
/// let a = Array::arange(0.0, 4.0, 1.0);
/// let r = where_(&a.gt(1.5), &a, 0.0);
/// assert_eq!(r.to_vec::<f64>().unwrap(), vec![0.0, 0.0, 2.0, 3.0]);
/// ```
#[track_caller]
pub fn where_(cond: &Array, x: impl IntoOperand, y: impl IntoOperand) -> Array {
    let b = Builder::new("where");
    let (x, y) = (x.into_operand(), y.into_operand());
    b.run(|| {
        let c = cond.node()?;
        let (x, y) = (x.resolve()?, y.resolve()?);
        let dtype = Resolved::result_dtype(&[&x, &y]);
        let shape = broadcast_all(&b, &[&c.meta.shape, x.shape(), y.shape()], dtype)?;
        let c = Resolved::Node(cast(&b, c, DType::Bool)?).to_node(&b, DType::Bool, &shape)?;
        let (xn, yn) = (x.to_node(&b, dtype, &shape)?, y.to_node(&b, dtype, &shape)?);
        b.node(Op::Where, &[&c, &xn, &yn])
    })
}

macro_rules! binary_methods {
    ($($(#[$doc:meta])* $name:ident => $op:ident;)*) => {$(
        $(#[$doc])*
        #[track_caller]
        pub fn $name(&self, other: impl IntoOperand) -> Array {
            binary(BinaryOp::$op, Operand::Array(self.clone()), other.into_operand())
        }
    )*};
}

pub(crate) use binary_methods;

/// Methods `a.name()` building unary op `op`, each with its doc comment.
macro_rules! unary_methods {
    ($($(#[$doc:meta])* $name:ident => $op:ident;)*) => {$(
        $(#[$doc])*
        #[track_caller]
        pub fn $name(&self) -> Array {
            unary(UnaryOp::$op, self)
        }
    )*};
}
pub(crate) use unary_methods;

impl Array {
    binary_methods! {
        /// `np.power(a, b)` (`a ** b`). Integers to negative integer powers are an error.
        pow => Pow;
        /// `np.maximum(a, b)`: NaN propagates.
        maximum => Max;
        /// `np.minimum(a, b)`: NaN propagates.
        minimum => Min;
        /// `np.floor_divide(a, b)` (`a // b`); integer division by zero gives 0.
        floor_divide => FloorDiv;
        /// `a < b` → bool.
        lt => Lt;
        /// `a <= b` → bool.
        le => Le;
        /// `a > b` → bool.
        gt => Gt;
        /// `a >= b` → bool.
        ge => Ge;
        /// `a == b` → bool (`np.equal`).
        equal => Eq;
        /// `a != b` → bool (`np.not_equal`).
        not_equal => Ne;
    }

    unary_methods! {
        /// `np.abs(a)`.
        abs => Abs;
        /// `np.sqrt(a)`; integers give float64.
        sqrt => Sqrt;
        /// `np.exp(a)`; integers give float64.
        exp => Exp;
        /// `np.log(a)` (natural); integers give float64.
        log => Log;
        /// `np.log1p(a)`: `log(1 + a)`, accurate where `a` is tiny (`log1p(1e-10)` is
        /// `9.9999999995e-11`, where `log(1 + 1e-10)` keeps 8 digits); integers give float64.
        log1p => Log1p;
        /// `np.sin(a)`; integers give float64.
        sin => Sin;
        /// `np.cos(a)`; integers give float64.
        cos => Cos;
        /// `np.tanh(a)`; integers give float64.
        tanh => Tanh;
        /// `np.floor(a)`; integers and bools are returned unchanged.
        floor => Floor;
        /// `np.ceil(a)`; integers and bools are returned unchanged.
        ceil => Ceil;
    }

    /// `np.logical_and(a, b)`.
    #[track_caller]
    pub fn logical_and(&self, other: impl IntoOperand) -> Array {
        logical(
            BinaryOp::BitAnd,
            "logical_and",
            Operand::Array(self.clone()),
            other.into_operand(),
        )
    }

    /// `np.logical_or(a, b)`.
    #[track_caller]
    pub fn logical_or(&self, other: impl IntoOperand) -> Array {
        logical(
            BinaryOp::BitOr,
            "logical_or",
            Operand::Array(self.clone()),
            other.into_operand(),
        )
    }

    /// `np.logical_xor(a, b)`.
    #[track_caller]
    pub fn logical_xor(&self, other: impl IntoOperand) -> Array {
        logical(
            BinaryOp::BitXor,
            "logical_xor",
            Operand::Array(self.clone()),
            other.into_operand(),
        )
    }

    /// `np.logical_not(a)`: true where `a` is zero.
    #[track_caller]
    pub fn logical_not(&self) -> Array {
        let b = Builder::new("logical_not");
        b.run(|| {
            let x = cast(&b, self.node()?, DType::Bool)?;
            b.node(Op::Unary(UnaryOp::Not), &[&x])
        })
    }

    /// `np.clip(a, lo, hi)` = `minimum(maximum(a, lo), hi)`; NaN propagates. As in NumPy, an
    /// integer bound beyond an integer array's range on the side where it clips nothing (`lo`
    /// below the minimum, `hi` above the maximum) is accepted.
    #[track_caller]
    pub fn clip(&self, lo: impl IntoOperand, hi: impl IntoOperand) -> Array {
        let dtype = self.dtype();
        let low = binary(
            BinaryOp::Max,
            Operand::Array(self.clone()),
            clip_bound(lo.into_operand(), dtype, true),
        );
        binary(
            BinaryOp::Min,
            Operand::Array(low),
            clip_bound(hi.into_operand(), dtype, false),
        )
    }

    /// Converts to `dtype` (float to int truncates toward zero and saturates; NaN gives 0).
    /// NumPy: `a.astype(dtype)`. The node is recorded even when the dtype already matches (as
    /// written); the optimizer drops it.
    #[track_caller]
    pub fn astype(&self, dtype: DType) -> Array {
        let b = Builder::new("astype");
        b.run(|| b.node(Op::Cast(dtype), &[self.node()?]))
    }
}
