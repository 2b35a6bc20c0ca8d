//! NumPy's elementwise functions beyond arithmetic and the first transcendental ones: the rest
//! of the math ufuncs, the float predicates, integer bit functions, and the functions NumPy
//! composes from ufuncs (`round`, `isclose`, `nan_to_num`, `divmod`, `float_power`). Each is
//! one node of the op tables (`lazyarray_ir::op`) or a small graph of them, so all of them are
//! lazy and fuse with their neighbours.

use crate::array::{Array, Builder};
use crate::error::Result;
use crate::ops::elementwise::{binary, binary_methods, unary, unary_methods, where_};
use crate::ops::{IntoOperand, Operand};
use lazyarray_ir::{BinaryOp, DType, ErrorKind, Scalar, UnaryOp};
use std::sync::Arc;

impl Array {
    unary_methods! {
        /// `np.negative(a)` (`-a`); integers wrap, bool is an error.
        negative => Neg;
        /// `np.cbrt(a)`: the real cube root; integers give floats.
        cbrt => Cbrt;
        /// `np.exp2(a)`: `2**a`; integers give floats.
        exp2 => Exp2;
        /// `np.expm1(a)`: `exp(a) - 1`, accurate where `a` is tiny; integers give floats.
        expm1 => Expm1;
        /// `np.log2(a)`; integers give floats.
        log2 => Log2;
        /// `np.log10(a)`; integers give floats.
        log10 => Log10;
        /// `np.tan(a)`; integers give floats.
        tan => Tan;
        /// `np.arcsin(a)`; integers give floats.
        arcsin => Arcsin;
        /// `np.arccos(a)`; integers give floats.
        arccos => Arccos;
        /// `np.arctan(a)`; integers give floats.
        arctan => Arctan;
        /// `np.sinh(a)`; integers give floats.
        sinh => Sinh;
        /// `np.cosh(a)`; integers give floats.
        cosh => Cosh;
        /// `np.arcsinh(a)`; integers give floats.
        arcsinh => Arcsinh;
        /// `np.arccosh(a)`; integers give floats.
        arccosh => Arccosh;
        /// `np.arctanh(a)`; integers give floats.
        arctanh => Arctanh;
        /// `np.deg2rad(a)` (`np.radians`): `a * (π / 180)`; integers give floats.
        deg2rad => Deg2rad;
        /// `np.rad2deg(a)` (`np.degrees`): `a * (180 / π)`; integers give floats.
        rad2deg => Rad2deg;
        /// `np.rint(a)`: the nearest integer, ties to even; integers give floats.
        rint => Rint;
        /// `np.trunc(a)`: rounds toward zero; integers and bools are returned unchanged.
        trunc => Trunc;
        /// `np.sign(a)`: -1, 0 or 1 in `a`'s dtype (NaN stays NaN); bool is an error.
        sign => Sign;
        /// `np.reciprocal(a)`: `1 / a`; on integers truncated (`0` for `|a| > 1`, and `0` for
        /// `a == 0`, whose NumPy result is undefined); bools compute in int8 as NumPy.
        reciprocal => Reciprocal;
        /// `np.isnan(a)` → bool (false for integers and bools).
        isnan => IsNan;
        /// `np.isinf(a)` → bool (false for integers and bools).
        isinf => IsInf;
        /// `np.isfinite(a)` → bool (true for integers and bools).
        isfinite => IsFinite;
        /// `np.signbit(a)` → bool: set for negative numbers, `-0.0` and negative NaNs.
        signbit => SignBit;
        /// `np.bitwise_count(a)` → uint8: the number of 1 bits of `|a|`; floats are an error.
        bitwise_count => BitwiseCount;
    }

    binary_methods! {
        /// `np.arctan2(a, b)`: the angle of the point `(b, a)` in `[-π, π]`.
        arctan2 => Arctan2;
        /// `np.hypot(a, b)`: `sqrt(a² + b²)` without undue overflow.
        hypot => Hypot;
        /// `np.logaddexp(a, b)`: `log(exp(a) + exp(b))` without overflow.
        logaddexp => LogAddExp;
        /// `np.logaddexp2(a, b)`: `log2(2**a + 2**b)` without overflow.
        logaddexp2 => LogAddExp2;
        /// `np.copysign(a, b)`: `|a|` with `b`'s sign; integers give floats.
        copysign => CopySign;
        /// `np.heaviside(a, h0)`: 0 where `a < 0`, `h0` where `a == 0`, 1 where `a > 0`.
        heaviside => Heaviside;
        /// `np.fmod(a, b)`: C's remainder, with the dividend's sign (`remainder` takes the
        /// divisor's); integer `fmod(a, 0)` is 0.
        fmod => Fmod;
        /// `np.remainder(a, b)` (`a % b`): the floored remainder, with the divisor's sign.
        remainder => Rem;
        /// `np.fmax(a, b)`: the maximum, ignoring a NaN operand (unlike `maximum`).
        fmax => Fmax;
        /// `np.fmin(a, b)`: the minimum, ignoring a NaN operand (unlike `minimum`).
        fmin => Fmin;
        /// `np.left_shift(a, b)` (`a << b`); a shift by the bit width or more, or by a negative
        /// amount, gives 0; bools shift as int8.
        left_shift => LeftShift;
        /// `np.right_shift(a, b)` (`a >> b`, arithmetic for signed integers); a shift by the
        /// bit width or more, or by a negative amount, gives 0 or -1 by `a`'s sign.
        right_shift => RightShift;
        /// `np.gcd(a, b)` of integers (non-negative).
        gcd => Gcd;
        /// `np.lcm(a, b)` of integers (non-negative; wraps at the dtype's width as NumPy).
        lcm => Lcm;
        /// `np.bitwise_and(a, b)` (`a & b`).
        bitwise_and => BitAnd;
        /// `np.bitwise_or(a, b)` (`a | b`).
        bitwise_or => BitOr;
        /// `np.bitwise_xor(a, b)` (`a ^ b`).
        bitwise_xor => BitXor;
    }

    /// `np.positive(a)` (`+a`): the same values; bool is an error, as in NumPy.
    #[track_caller]
    pub fn positive(&self) -> Array {
        let b = Builder::new("positive");
        b.run(|| {
            let x = self.node()?;
            if x.meta.dtype.is_bool() {
                return Err(b.error(
                    ErrorKind::DType,
                    "ufunc 'positive' not supported for the input type bool",
                ));
            }
            Ok(Arc::clone(x))
        })
    }

    /// `np.square(a)`: `a * a` (bools as int8, as NumPy).
    #[track_caller]
    pub fn square(&self) -> Array {
        let x = match self.dtype() {
            DType::Bool => self.astype(DType::I8),
            _ => self.clone(),
        };
        &x * &x
    }

    /// `np.invert(a)` (`!a`): bitwise not of integers, logical not of bools.
    #[track_caller]
    pub fn invert(&self) -> Array {
        unary(UnaryOp::Not, self)
    }

    /// `np.float_power(a, b)`: `a ** b` computed in float64 at least (float32 operands too).
    #[track_caller]
    pub fn float_power(&self, other: impl IntoOperand) -> Array {
        let a = self.astype(self.dtype().promote(DType::F64));
        match other.into_operand() {
            Operand::Array(b) => {
                let b = b.astype(b.dtype().promote(DType::F64));
                binary(BinaryOp::Pow, Operand::Array(a), Operand::Array(b))
            }
            Operand::Scalar(s) => binary(
                BinaryOp::Pow,
                Operand::Array(a),
                Operand::Scalar(Scalar::F64(s.to_f64())),
            ),
        }
    }

    /// `np.divmod(a, b)`: `(a // b, a % b)`, two lazy arrays (evaluate them together with
    /// [`crate::eval`] to compute both in one pass).
    #[track_caller]
    pub fn divmod(&self, other: impl IntoOperand) -> (Array, Array) {
        let b = other.into_operand();
        (
            binary(BinaryOp::FloorDiv, Operand::Array(self.clone()), b.clone()),
            binary(BinaryOp::Rem, Operand::Array(self.clone()), b),
        )
    }

    /// `np.round(a, decimals)` (`np.around`): rounds half to even at `decimals` decimal
    /// places (negative: to tens, hundreds, …), exactly as NumPy computes it: `rint(a * 10**d)
    /// / 10**d` (or `rint(a / 10**-d) * 10**-d`) in the float's precision. Integers with
    /// `decimals >= 0` are returned unchanged; with negative `decimals` they round in floats
    /// and convert back.
    #[track_caller]
    pub fn round(&self, decimals: i32) -> Array {
        let dtype = self.dtype();
        if !dtype.is_float() && decimals >= 0 {
            return self.clone();
        }
        let scale = 10f64.powi(decimals.unsigned_abs().min(400) as i32);
        // Integers round in float64, as NumPy's `true_divide` of an integer array does.
        let x = match dtype {
            DType::F32 | DType::F64 => self.clone(),
            _ => self.astype(DType::F64),
        };
        let rounded = if decimals >= 0 {
            (&x * scale).rint() / scale
        } else {
            (&x / scale).rint() * scale
        };
        match dtype {
            DType::F32 | DType::F64 => rounded,
            d => rounded.astype(d),
        }
    }

    /// `np.nan_to_num(a)`: NaN → 0.0, +inf → the dtype's largest finite value, -inf → its
    /// smallest; other dtypes are returned unchanged.
    #[track_caller]
    pub fn nan_to_num(&self) -> Array {
        self.nan_to_num_with(0.0, None, None)
    }

    /// `np.nan_to_num(a, nan=.., posinf=.., neginf=..)`: NaN → `nan`, +inf → `posinf` (the
    /// largest finite value if `None`), -inf → `neginf` (the smallest if `None`).
    #[track_caller]
    pub fn nan_to_num_with(&self, nan: f64, posinf: Option<f64>, neginf: Option<f64>) -> Array {
        let (big, small) = match self.dtype() {
            DType::F32 => (f64::from(f32::MAX), f64::from(f32::MIN)),
            DType::F64 => (f64::MAX, f64::MIN),
            _ => return self.clone(),
        };
        let x = where_(&self.isnan(), nan, self);
        let x = where_(&self.equal(f64::INFINITY), posinf.unwrap_or(big), &x);
        where_(&self.equal(f64::NEG_INFINITY), neginf.unwrap_or(small), &x)
    }

    /// `np.isclose(a, b)` with NumPy's defaults `rtol=1e-05`, `atol=1e-08`.
    #[track_caller]
    pub fn isclose(&self, other: &Array) -> Array {
        self.isclose_with(other, 1e-5, 1e-8, false)
    }

    /// `np.isclose(a, b, rtol, atol, equal_nan)` → bool: `|a - b| <= atol + rtol * |b|` for
    /// finite `b`, or `a == b` (equal infinities), or both NaN when `equal_nan`. `b` is read as
    /// a float (NumPy's `result_type(b, 1.0)`).
    #[track_caller]
    pub fn isclose_with(&self, other: &Array, rtol: f64, atol: f64, equal_nan: bool) -> Array {
        let y = other.astype(other.dtype().promote_weak(lazyarray_ir::ScalarKind::Float));
        let x = self;
        let within = (x - &y).abs().le((y.abs() * rtol) + atol);
        let result = within.logical_and(y.isfinite()).logical_or(x.equal(&y));
        if equal_nan {
            result.logical_or(x.isnan().logical_and(y.isnan()))
        } else {
            result
        }
    }

    /// `np.allclose(a, b)` with NumPy's defaults: evaluates and tells whether every element
    /// is close.
    #[track_caller]
    pub fn allclose(&self, other: &Array) -> Result<bool> {
        self.isclose(other).all().item::<bool>()
    }

    /// `np.allclose(a, b, rtol, atol, equal_nan)`.
    #[track_caller]
    pub fn allclose_with(
        &self,
        other: &Array,
        rtol: f64,
        atol: f64,
        equal_nan: bool,
    ) -> Result<bool> {
        self.isclose_with(other, rtol, atol, equal_nan)
            .all()
            .item::<bool>()
    }

    /// `np.array_equal(a, b)`: the same shape and equal elements (NaN differs from NaN).
    /// Evaluates; a shape mismatch is `false`, not an error.
    #[track_caller]
    pub fn array_equal(&self, other: &Array) -> Result<bool> {
        self.check()?;
        other.check()?;
        if self.shape() != other.shape() {
            return Ok(false);
        }
        self.equal(other).all().item::<bool>()
    }
}
