//! The `s!` macro and the conversions behind it (NumPy basic indexing).

pub use lazyarray_ir::SliceArg;
use std::ops::{Range, RangeFrom, RangeFull, RangeInclusive, RangeTo, RangeToInclusive};

/// `np.newaxis` inside [`s!`](crate::s): inserts an axis of length 1.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct NewAxis;

/// `...` inside [`s!`](crate::s): stands for as many full slices as needed.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Ellipsis;

/// NumPy basic indexing: `s![1..5;2, .., -1, NewAxis, Ellipsis]` is `a[1:5:2, :, -1, None, ...]`.
///
/// Each element is a range (`a..b`, `a..`, `..b`, `..`, `a..=b`) optionally followed by
/// `;step` (negative steps walk backwards: `..;-1` is `::-1`, `8..2;-2` is `8:2:-2`, and
/// `5..=1;-1` runs through 1, like `5:0:-1`), a single integer index (drops the axis; negative
/// counts from the end), [`NewAxis`] or [`Ellipsis`].
///
/// ```
/// use lazyarray::{s, Array};
/// let a = Array::arange(0, 12, 1).reshape(&[3, 4]);
/// let b = a.slice(s![..;-1, 1..;2]);             // a[::-1, 1::2]
/// assert_eq!(b.to_vec::<i64>().unwrap(), vec![9, 11, 5, 7, 1, 3]);
/// ```
#[macro_export]
macro_rules! s {
    (@elem $e:expr ; $step:expr) => {
        $crate::slice::stepped($e, $step)
    };
    (@elem $e:expr) => {
        $crate::SliceArg::from($crate::slice::IntoSliceArg::into_slice_arg($e))
    };
    ($($e:expr $(; $step:expr)?),* $(,)?) => {
        [$($crate::s!(@elem $e $(; $step)?)),*]
    };
}

/// Anything that can stand in an [`s!`](crate::s) element.
pub trait IntoSliceArg {
    /// The indexing element.
    fn into_slice_arg(self) -> SliceArg;
}

/// A range that can take a `;step` in [`s!`](crate::s).
pub trait IntoRangeArg {
    /// `(start, stop)` for a walk by `step`, each `None` when left open; an inclusive end
    /// becomes the exclusive stop one step past it.
    fn bounds(self, step: isize) -> (Option<isize>, Option<isize>);
}

/// `range;step` in [`s!`](crate::s).
pub fn stepped<R: IntoRangeArg>(range: R, step: isize) -> SliceArg {
    let (start, stop) = range.bounds(step);
    SliceArg::Range { start, stop, step }
}

impl IntoRangeArg for RangeFull {
    fn bounds(self, _step: isize) -> (Option<isize>, Option<isize>) {
        (None, None)
    }
}

impl IntoSliceArg for RangeFull {
    fn into_slice_arg(self) -> SliceArg {
        stepped(self, 1)
    }
}

impl IntoSliceArg for NewAxis {
    fn into_slice_arg(self) -> SliceArg {
        SliceArg::NewAxis
    }
}

impl IntoSliceArg for Ellipsis {
    fn into_slice_arg(self) -> SliceArg {
        SliceArg::Ellipsis
    }
}

impl IntoSliceArg for SliceArg {
    fn into_slice_arg(self) -> SliceArg {
        self
    }
}

/// An inclusive end `b` becomes the exclusive stop one past it in the direction of `step`:
/// `b + 1` walking forwards, `b - 1` walking backwards. Where that stop would wrap around, the
/// end is left open instead: `..=-1` runs through the last element (`b + 1 == 0` would mean
/// "before the first"), and `..=0;-1` through the first (`b - 1 == -1` would mean "the last").
fn inclusive_end(b: isize, step: isize) -> Option<isize> {
    match (step < 0, b) {
        (false, -1) | (true, 0) => None,
        (false, b) => Some(b.saturating_add(1)),
        (true, b) => Some(b.saturating_sub(1)),
    }
}

macro_rules! index_types {
    ($($t:ty),*) => {$(
        impl IntoSliceArg for $t {
            fn into_slice_arg(self) -> SliceArg {
                SliceArg::Index(clamp(self as i128))
            }
        }
        impl IntoRangeArg for Range<$t> {
            fn bounds(self, _step: isize) -> (Option<isize>, Option<isize>) {
                (Some(clamp(self.start as i128)), Some(clamp(self.end as i128)))
            }
        }
        impl IntoRangeArg for RangeFrom<$t> {
            fn bounds(self, _step: isize) -> (Option<isize>, Option<isize>) {
                (Some(clamp(self.start as i128)), None)
            }
        }
        impl IntoRangeArg for RangeTo<$t> {
            fn bounds(self, _step: isize) -> (Option<isize>, Option<isize>) {
                (None, Some(clamp(self.end as i128)))
            }
        }
        impl IntoRangeArg for RangeInclusive<$t> {
            fn bounds(self, step: isize) -> (Option<isize>, Option<isize>) {
                (Some(clamp(*self.start() as i128)), inclusive_end(clamp(*self.end() as i128), step))
            }
        }
        impl IntoRangeArg for RangeToInclusive<$t> {
            fn bounds(self, step: isize) -> (Option<isize>, Option<isize>) {
                (None, inclusive_end(clamp(self.end as i128), step))
            }
        }
        impl IntoSliceArg for Range<$t> {
            fn into_slice_arg(self) -> SliceArg { stepped(self, 1) }
        }
        impl IntoSliceArg for RangeFrom<$t> {
            fn into_slice_arg(self) -> SliceArg { stepped(self, 1) }
        }
        impl IntoSliceArg for RangeTo<$t> {
            fn into_slice_arg(self) -> SliceArg { stepped(self, 1) }
        }
        impl IntoSliceArg for RangeInclusive<$t> {
            fn into_slice_arg(self) -> SliceArg { stepped(self, 1) }
        }
        impl IntoSliceArg for RangeToInclusive<$t> {
            fn into_slice_arg(self) -> SliceArg { stepped(self, 1) }
        }
    )*};
}

/// Bounds beyond `isize` clip like any out-of-range bound.
fn clamp(v: i128) -> isize {
    v.clamp(isize::MIN as i128, isize::MAX as i128) as isize
}

index_types!(i32, i64, isize, usize, u32);
