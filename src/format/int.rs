//! Integers and bools as NumPy prints them in an array: `IntegerFormat` and `BoolFormat` of
//! `numpy/_core/arrayprint.py`.

use std::fmt::Display;

/// NumPy's `IntegerFormat` (`sign='-'`): every value right-aligned to the width of the widest
/// of the smallest and the largest value printed.
pub(crate) struct IntFormat {
    width: usize,
}

impl IntFormat {
    /// `IntegerFormat(data)`: `values` are the elements that will be printed.
    pub(crate) fn new<T: Ord + Copy + Display>(values: &[T]) -> IntFormat {
        let width = match (values.iter().min(), values.iter().max()) {
            (Some(lo), Some(hi)) => lo.to_string().len().max(hi.to_string().len()),
            _ => 0,
        };
        IntFormat { width }
    }

    /// One value, padded to the column.
    pub(crate) fn format<T: Display>(&self, x: T) -> String {
        format!("{x:>width$}", width = self.width)
    }
}

/// NumPy's `BoolFormat`: `" True"` lines up with `"False"`, except in a 0-d array (`True`).
pub(crate) struct BoolFormat {
    zero_dim: bool,
}

impl BoolFormat {
    /// `BoolFormat(data)` for an array of `ndim` dimensions.
    pub(crate) fn new(ndim: usize) -> BoolFormat {
        BoolFormat {
            zero_dim: ndim == 0,
        }
    }

    /// One value.
    pub(crate) fn format(&self, x: bool) -> String {
        match (x, self.zero_dim) {
            (true, true) => "True",
            (true, false) => " True",
            (false, _) => "False",
        }
        .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `np.array([-5, 100])` prints `[ -5, 100]`; `np.array([-100, 5])` prints `[-100,    5]`.
    #[test]
    fn width_is_the_wider_extreme() {
        let f = IntFormat::new(&[-5i64, 100]);
        assert_eq!((f.format(-5), f.format(100)), (" -5".into(), "100".into()));
        let f = IntFormat::new(&[-100i64, 5]);
        assert_eq!(f.format(5), "   5");
        let f = IntFormat::new(&[u64::MAX, 0]);
        assert_eq!(f.format(0u64).len(), 20);
    }

    #[test]
    fn true_is_padded_except_in_0d() {
        assert_eq!(BoolFormat::new(1).format(true), " True");
        assert_eq!(BoolFormat::new(0).format(true), "True");
        assert_eq!(BoolFormat::new(2).format(false), "False");
    }
}
