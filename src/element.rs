//! The Rust types that can be array elements, and conversion of Rust scalars into values.

use lazyarray_ir::{DType, Scalar};

mod sealed {
    pub trait Sealed {}
    impl Sealed for bool {}
    impl Sealed for i32 {}
    impl Sealed for i64 {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
}

/// A Rust type that is the element type of one [`DType`]: `bool`, `i32`, `i64`, `f32`, `f64`.
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
element!(i32, I32);
element!(i64, I64);
element!(f32, F32);
element!(f64, F64);
