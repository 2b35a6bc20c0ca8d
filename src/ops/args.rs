//! Argument conversions: shapes given as slices, arrays or `Vec`s of any Rust integer
//! (`reshape(&[n, 1])` with `n: usize`, `zeros(a.shape())`, `reshape(&[-1, 4])`), and index
//! arrays given as slices (`take(&[2, 0, -1], 0)`) as well as `Array`s.

use crate::array::{Array, Builder};
use crate::element::Element;
use crate::error::Result;
use lazyarray_ir::{Dims, ErrorKind};

mod sealed {
    pub trait Sealed {}
}

/// A Rust integer usable as one extent of a shape: `usize`, `isize`, `i64`, `i32`, `u32`,
/// `u64`.
pub trait Dim: Copy + sealed::Sealed {
    /// The value, exactly.
    fn to_i128(self) -> i128;
}

macro_rules! dim {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl Dim for $t {
            fn to_i128(self) -> i128 {
                self as i128
            }
        }
    )*};
}
dim!(usize, isize, i64, i32, u32, u64);

/// A shape of sizes (`zeros`, `full`, `broadcast_to`, `random`, `from_vec`, `tile`, ...):
/// `&[usize]` (as `a.shape()` gives), a `usize` array literal (`&[2, 3]`, `&[n, 1]` with
/// `n: usize`, `&[]`, `&[1 << 40]`), or a reference to a slice or `Vec` of any Rust integer
/// (`&[isize]`, `&Vec<i64>`). Arguments are borrowed, as they always were. NumPy takes any sequence of integers; a negative extent is NumPy's error
/// "negative dimensions are not allowed". (Array literals are `usize` only, so that an
/// unsuffixed literal takes that type rather than Rust's default `i32`.)
pub trait AsShape {
    /// The extents as given.
    fn extents(&self) -> Vec<i128>;
}

/// A reshape target (`reshape`): like [`AsShape`], and array literals of any Rust integer, so
/// `&[n, 1]` with `n: usize` and `&[-1, 4]` both work. An unsuffixed literal list is Rust's
/// default `i32` (suffix extents beyond it: `&[2, 1isize << 40]`); `&[]` is the 0-d shape.
pub trait AsNewShape {
    /// The extents as given (`-1` infers one).
    fn extents(&self) -> Vec<i128>;
}

macro_rules! both {
    ($(impl<$($g:tt),*> for $t:ty $(where $w:ty: $b:path)?;)*) => {$(
        impl<$($g),*> AsShape for $t $(where $w: $b)? {
            fn extents(&self) -> Vec<i128> {
                self.iter().map(|d| d.to_i128()).collect()
            }
        }
        impl<$($g),*> AsNewShape for $t $(where $w: $b)? {
            fn extents(&self) -> Vec<i128> {
                self.iter().map(|d| d.to_i128()).collect()
            }
        }
    )*};
}

both! {
    impl<T> for &[T] where T: Dim;
    impl<T> for &Vec<T> where T: Dim;
}

impl<A: smallvec::Array> AsShape for &smallvec::SmallVec<A>
where
    A::Item: Dim,
{
    fn extents(&self) -> Vec<i128> {
        self.iter().map(|d| d.to_i128()).collect()
    }
}

impl<A: smallvec::Array> AsNewShape for &smallvec::SmallVec<A>
where
    A::Item: Dim,
{
    fn extents(&self) -> Vec<i128> {
        self.iter().map(|d| d.to_i128()).collect()
    }
}

impl<const N: usize> AsShape for &[usize; N] {
    fn extents(&self) -> Vec<i128> {
        self.iter().map(|d| d.to_i128()).collect()
    }
}

/// `&[]` (the 0-d shape) has no integer in it to infer the element type from: the one
/// reshape impl for empty arrays fixes it, while every other length takes any integer type.
impl AsNewShape for &[usize; 0] {
    fn extents(&self) -> Vec<i128> {
        Vec::new()
    }
}

macro_rules! array_targets {
    ($($n:literal)*) => {$(
        impl<T: Dim> AsNewShape for &[T; $n] {
            fn extents(&self) -> Vec<i128> {
                self.iter().map(|d| d.to_i128()).collect()
            }
        }
    )*};
}
// NumPy arrays have at most 64 dimensions (longer targets as slices or `Vec`s).
array_targets!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30
    31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60
    61 62 63 64);

/// A shape of sizes: every extent non-negative (NumPy: "negative dimensions are not allowed").
pub(crate) fn sizes(b: &Builder, shape: &impl AsShape) -> Result<Dims> {
    shape
        .extents()
        .into_iter()
        .map(|d| {
            usize::try_from(d).map_err(|_| {
                if d < 0 {
                    b.error(ErrorKind::Shape, "negative dimensions are not allowed")
                } else {
                    b.error(ErrorKind::Shape, "Maximum allowed size exceeded")
                }
            })
        })
        .collect()
}

/// A reshape target: extents as `isize` (`-1` infers one; other negatives are refused by the
/// reshape itself).
pub(crate) fn targets(b: &Builder, shape: &impl AsNewShape) -> Result<Vec<isize>> {
    shape
        .extents()
        .into_iter()
        .map(|d| {
            isize::try_from(d)
                .map_err(|_| b.error(ErrorKind::Shape, "Maximum allowed size exceeded"))
        })
        .collect()
}

/// An index argument of `take`/`index`: an `&Array`, or a reference to a slice, array or
/// `Vec` of integers (becoming an `int64` index array, as NumPy makes of a list) or of bools (a
/// mask, for `index`).
pub trait IntoIndexArray {
    /// The indices as an array.
    fn into_index_array(self) -> Array;
}

impl IntoIndexArray for &Array {
    fn into_index_array(self) -> Array {
        self.clone()
    }
}

/// A Rust value usable in a literal index list: an integer (stored as `int64`; a `usize`
/// beyond `i64::MAX` saturates, which is out of bounds for every axis) or a `bool`.
pub trait IndexElement: Copy + sealed::Sealed {
    /// The element as stored in the index array.
    type Stored: Element;
    /// Converts it.
    fn stored(self) -> Self::Stored;
}

impl sealed::Sealed for bool {}

impl IndexElement for bool {
    type Stored = bool;
    fn stored(self) -> bool {
        self
    }
}

macro_rules! index_element {
    ($($t:ty),*) => {$(
        impl IndexElement for $t {
            type Stored = i64;
            fn stored(self) -> i64 {
                i64::try_from(self).unwrap_or(i64::MAX)
            }
        }
    )*};
}
index_element!(usize, isize, i64, i32, u32, u64);

#[track_caller]
fn index_list<T: IndexElement>(values: &[T]) -> Array {
    let data: Vec<T::Stored> = values.iter().map(|v| v.stored()).collect();
    let n = data.len();
    Array::from_slice(&data, &[n])
}

impl<T: IndexElement> IntoIndexArray for &[T] {
    #[track_caller]
    fn into_index_array(self) -> Array {
        index_list(self)
    }
}

impl<T: IndexElement, const N: usize> IntoIndexArray for &[T; N] {
    #[track_caller]
    fn into_index_array(self) -> Array {
        index_list(self)
    }
}

impl<T: IndexElement> IntoIndexArray for &Vec<T> {
    #[track_caller]
    fn into_index_array(self) -> Array {
        index_list(self)
    }
}
