//! The Rust types that can be array elements, and conversion of Rust scalars into values.

use lazyarray_ir::{DType, Scalar};

mod sealed {
    pub trait Sealed {}
    impl Sealed for bool {}
    impl Sealed for i8 {}
    impl Sealed for i16 {}
    impl Sealed for i32 {}
    impl Sealed for i64 {}
    impl Sealed for u8 {}
    impl Sealed for u16 {}
    impl Sealed for u32 {}
    impl Sealed for u64 {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
}

/// A Rust type that is the element type of one [`DType`]: `bool`, `i8`, `i16`, `i32`, `i64`,
/// `u8`, `u16`, `u32`, `u64`, `f32`, `f64`.
///
/// Used to build arrays from data (`Array::from_vec`), to read results (`to_vec::<T>()`,
/// `item::<T>()`) and as scalar operands (`&a * 2.0`). A Rust scalar in an expression is
/// *weak* (NEP 50): it takes the array's dtype unless it is of a higher kind.
pub trait Element: Copy + Send + Sync + 'static + sealed::Sealed {
    /// The dtype whose elements are `Self`.
    const DTYPE: DType;
    /// The value as a [`Scalar`].
    fn to_scalar(self) -> Scalar;
    /// Converts a scalar to `Self` with NumPy's casting rules.
    fn from_scalar(s: Scalar) -> Self;
}

macro_rules! element {
    ($t:ty, $dtype:ident) => {
        impl Element for $t {
            const DTYPE: DType = DType::$dtype;
            fn to_scalar(self) -> Scalar {
                Scalar::$dtype(self)
            }
            fn from_scalar(s: Scalar) -> Self {
                match s.cast(DType::$dtype) {
                    Scalar::$dtype(v) => v,
                    _ => unreachable!("cast returns the requested dtype"),
                }
            }
        }
    };
}

element!(bool, Bool);
element!(i8, I8);
element!(i16, I16);
element!(i32, I32);
element!(i64, I64);
element!(u8, U8);
element!(u16, U16);
element!(u32, U32);
element!(u64, U64);
element!(f32, F32);
element!(f64, F64);

/// `$body` with the type name `$T` bound to the Rust element type of `$dtype`: one generic
/// body instead of a `match` arm per dtype.
macro_rules! with_element_type {
    ($dtype:expr, $T:ident => $body:expr) => {
        match $dtype {
            lazyarray_ir::DType::Bool => {
                type $T = bool;
                $body
            }
            lazyarray_ir::DType::I8 => {
                type $T = i8;
                $body
            }
            lazyarray_ir::DType::I16 => {
                type $T = i16;
                $body
            }
            lazyarray_ir::DType::I32 => {
                type $T = i32;
                $body
            }
            lazyarray_ir::DType::I64 => {
                type $T = i64;
                $body
            }
            lazyarray_ir::DType::U8 => {
                type $T = u8;
                $body
            }
            lazyarray_ir::DType::U16 => {
                type $T = u16;
                $body
            }
            lazyarray_ir::DType::U32 => {
                type $T = u32;
                $body
            }
            lazyarray_ir::DType::U64 => {
                type $T = u64;
                $body
            }
            lazyarray_ir::DType::F32 => {
                type $T = f32;
                $body
            }
            lazyarray_ir::DType::F64 => {
                type $T = f64;
                $body
            }
        }
    };
}
pub(crate) use with_element_type;
