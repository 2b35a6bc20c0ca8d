//! Rust operators on arrays: `+ - * / %`, `& | ^` and `<< >>` between arrays and with scalars
//! on either side (by value and by reference), unary `-` and `!`, and the compound
//! assignments, which rebind the left side to a new lazy value (value semantics; see the
//! README).
//!
//! A scalar on the left is an `f64`, `i64` or `bool` (one impl per kind, so `2.0 * &a` and
//! `3 * &a` infer their literal's type); on the right any [`Element`] works. Scalars are weak
//! either way: their Rust type never changes the result's dtype, only their kind does.

use crate::array::Array;
use crate::element::Element;
use crate::ops::elementwise::{binary, unary};
use crate::ops::{IntoOperand, Operand};
use lazyarray_ir::{BinaryOp, UnaryOp};
use std::ops::{
    Add, AddAssign, BitAnd, BitAndAssign, BitOr, BitOrAssign, BitXor, BitXorAssign, Div, DivAssign,
    Mul, MulAssign, Neg, Not, Rem, RemAssign, Shl, ShlAssign, Shr, ShrAssign, Sub, SubAssign,
};

macro_rules! array_op {
    ($Trait:ident, $method:ident, $op:ident) => {
        impl<R: IntoOperand> $Trait<R> for Array {
            type Output = Array;
            #[track_caller]
            fn $method(self, rhs: R) -> Array {
                binary(BinaryOp::$op, Operand::Array(self), rhs.into_operand())
            }
        }

        impl<R: IntoOperand> $Trait<R> for &Array {
            type Output = Array;
            #[track_caller]
            fn $method(self, rhs: R) -> Array {
                binary(
                    BinaryOp::$op,
                    Operand::Array(self.clone()),
                    rhs.into_operand(),
                )
            }
        }

        scalar_lhs!($Trait, $method, $op, bool, i64, f64);
    };
}

macro_rules! scalar_lhs {
    ($Trait:ident, $method:ident, $op:ident, $($t:ty),*) => {$(
        impl $Trait<Array> for $t {
            type Output = Array;
            #[track_caller]
            fn $method(self, rhs: Array) -> Array {
                binary(BinaryOp::$op, Operand::Scalar(self.to_scalar()), Operand::Array(rhs))
            }
        }

        impl $Trait<&Array> for $t {
            type Output = Array;
            #[track_caller]
            fn $method(self, rhs: &Array) -> Array {
                binary(BinaryOp::$op, Operand::Scalar(self.to_scalar()), Operand::Array(rhs.clone()))
            }
        }
    )*};
}

macro_rules! assign_op {
    ($Trait:ident, $method:ident, $op:ident) => {
        impl<R: IntoOperand> $Trait<R> for Array {
            /// Rebinds `self` to `self op rhs` (a new lazy value; the old buffer is reused in
            /// place when nothing else holds it).
            #[track_caller]
            fn $method(&mut self, rhs: R) {
                *self = binary(
                    BinaryOp::$op,
                    Operand::Array(self.clone()),
                    rhs.into_operand(),
                );
            }
        }
    };
}

array_op!(Add, add, Add);
array_op!(Sub, sub, Sub);
array_op!(Mul, mul, Mul);
array_op!(Div, div, Div);
array_op!(Rem, rem, Rem);
array_op!(BitAnd, bitand, BitAnd);
array_op!(BitOr, bitor, BitOr);
array_op!(BitXor, bitxor, BitXor);
array_op!(Shl, shl, LeftShift);
array_op!(Shr, shr, RightShift);

assign_op!(AddAssign, add_assign, Add);
assign_op!(SubAssign, sub_assign, Sub);
assign_op!(MulAssign, mul_assign, Mul);
assign_op!(DivAssign, div_assign, Div);
assign_op!(RemAssign, rem_assign, Rem);
assign_op!(BitAndAssign, bitand_assign, BitAnd);
assign_op!(BitOrAssign, bitor_assign, BitOr);
assign_op!(BitXorAssign, bitxor_assign, BitXor);
assign_op!(ShlAssign, shl_assign, LeftShift);
assign_op!(ShrAssign, shr_assign, RightShift);

impl Neg for Array {
    type Output = Array;
    /// `-a` (`np.negative`); undefined for bool.
    #[track_caller]
    fn neg(self) -> Array {
        unary(UnaryOp::Neg, &self)
    }
}

impl Neg for &Array {
    type Output = Array;
    /// `-a` (`np.negative`); undefined for bool.
    #[track_caller]
    fn neg(self) -> Array {
        unary(UnaryOp::Neg, self)
    }
}

impl Not for Array {
    type Output = Array;
    /// `~a`: logical not of bools, bitwise not of integers; undefined for floats.
    #[track_caller]
    fn not(self) -> Array {
        unary(UnaryOp::Not, &self)
    }
}

impl Not for &Array {
    type Output = Array;
    /// `~a`: logical not of bools, bitwise not of integers; undefined for floats.
    #[track_caller]
    fn not(self) -> Array {
        unary(UnaryOp::Not, self)
    }
}
