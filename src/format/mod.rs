//! Printing arrays the way NumPy's `repr` does (`numpy/_core/arrayprint.py` with the default
//! `np.set_printoptions`): `impl Display for Array`.
//!
//! One job per file: [`values`] reads the elements that print (the edges of a summarized
//! array), [`float`] and [`int`] format them in columns (NumPy's `FloatingFormat`,
//! `IntegerFormat`, `BoolFormat`), [`layout`] nests and wraps them (`_formatArray`), and this
//! file adds `array(`, `shape=` and `dtype=` (`array_repr`).

mod float;
mod int;
mod layout;
mod values;

use crate::array::Array;
use crate::error::{Error, Result};
use float::FloatFormat;
use int::{BoolFormat, IntFormat};
use layout::Grid;
use lazyarray_ir::DType;
use std::fmt;
use std::panic::Location;
use values::Column;

/// NumPy's print options that `Display` uses, at NumPy's defaults.
#[derive(Copy, Clone, Debug)]
struct PrintOptions {
    /// Digits after the point, at most (`precision=8`).
    precision: usize,
    /// Arrays of more elements are summarized (`threshold=1000`).
    threshold: usize,
    /// Items kept at each end of a summarized axis (`edgeitems=3`).
    edge_items: usize,
    /// Characters per line (`linewidth=75`).
    line_width: usize,
}

impl Default for PrintOptions {
    fn default() -> PrintOptions {
        PrintOptions {
            precision: 8,
            threshold: 1000,
            edge_items: 3,
            line_width: 75,
        }
    }
}

const PREFIX: &str = "array(";
const SUFFIX: &str = ")";

/// Whether NumPy's `repr` leaves the dtype out because the values imply it
/// (`dtype_is_implied`: int64, float64 and bool; every other dtype is named).
fn dtype_is_implied(dtype: DType) -> bool {
    matches!(dtype, DType::I64 | DType::F64 | DType::Bool)
}

/// A shape as Python writes a tuple: `(3,)`, `(0, 3)`.
fn shape_tuple(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => {
            let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
            format!("({})", dims.join(", "))
        }
    }
}

/// The nested-list text of `a` (`array2string(a, separator=', ', prefix='array(',
/// suffix=')')`), evaluating it.
fn body(a: &Array, opts: &PrintOptions, origin: &'static Location<'static>) -> Result<String> {
    if a.size() == 0 {
        return Ok("[]".to_string());
    }
    let done = a.eval()?;
    let internal = |what: &str| Error::internal("display", what.to_string(), origin);
    let (buffer, view) = done
        .materialized()
        .ok_or_else(|| internal("an evaluated array has no buffer"))?;
    let summarize = a.size() > opts.threshold;
    let (column, axes) = values::gather(&buffer, &view, summarize, opts.edge_items)
        .ok_or_else(|| internal("a buffer holds values of another dtype"))?;
    let words: Vec<String> = match &column {
        Column::Bool(v) => {
            let f = BoolFormat::new(a.ndim());
            v.iter().map(|&x| f.format(x)).collect()
        }
        Column::Signed(v) => {
            let f = IntFormat::new(v);
            v.iter().map(|&x| f.format(x)).collect()
        }
        Column::Unsigned(v) => {
            let f = IntFormat::new(v);
            v.iter().map(|&x| f.format(x)).collect()
        }
        Column::F32(v) => {
            let f = FloatFormat::new(v, opts.precision);
            v.iter().map(|&x| f.format(x)).collect()
        }
        Column::F64(v) => {
            let f = FloatFormat::new(v, opts.precision);
            v.iter().map(|&x| f.format(x)).collect()
        }
    };
    let grid = Grid {
        words: &words,
        axes: &axes,
    };
    // Continuation lines start under the first element: past `array(` and one `[`.
    let next_line_prefix = " ".repeat(PREFIX.len() + 1);
    Ok(grid.layout(opts.line_width - SUFFIX.len(), &next_line_prefix))
}

/// NumPy's `repr(a)` (`array_repr`): `array(`, the nested lists, and `shape=` / `dtype=` where
/// the text alone would not tell them, on a new line when they would pass the line width.
fn repr(a: &Array, opts: &PrintOptions, origin: &'static Location<'static>) -> Result<String> {
    a.check()?;
    let list = body(a, opts, origin)?;
    let (shape, size, dtype) = (a.shape(), a.size(), a.dtype());
    let mut extras = Vec::new();
    if (size == 0 && shape != [0]) || size > opts.threshold {
        extras.push(format!("shape={}", shape_tuple(shape)));
    }
    if !dtype_is_implied(dtype) || size == 0 {
        extras.push(format!("dtype={}", dtype.name()));
    }
    if extras.is_empty() {
        return Ok(format!("{PREFIX}{list}{SUFFIX}"));
    }
    let text = format!("{PREFIX}{list},");
    let extra = format!("{}{SUFFIX}", extras.join(", "));
    let last_line = text.len() - text.rfind('\n').map_or(0, |i| i + 1);
    let spacer = if last_line + extra.len() + 1 > opts.line_width {
        format!("\n{}", " ".repeat(PREFIX.len()))
    } else {
        " ".to_string()
    };
    Ok(format!("{text}{spacer}{extra}"))
}

/// Prints the array's values exactly as NumPy's `repr` prints the same array with the default
/// print options: `array([[1. , 2.5],\n       [3. , 4. ]])`, `array([1, 2], dtype=int32)`,
/// `array(5)`, `array([], shape=(0, 3), dtype=int64)`; arrays of more than 1000 elements are
/// summarized with `...` (3 items at each end of every axis) and get a `shape=`. Floats show at
/// most 8 digits after the point, switching to scientific notation as NumPy does; a precision
/// in the format (`format!("{a:.3}")`) replaces the 8 (NumPy:
/// `np.array_repr(a, precision=3)`).
///
/// This evaluates the array (it then remembers its value). If building or evaluating it fails,
/// the text is `<error: ` followed by the error's message and `>`, since `Display` cannot
/// return the error: use [`Array::eval`] or [`Array::check`] to handle it.
///
/// ```
/// use lazyarray::Array;
/// let a = Array::from_vec(vec![1.0, 2.5, 3.0, 4.0], &[2, 2]);
/// assert_eq!(a.to_string(), "array([[1. , 2.5],\n       [3. , 4. ]])");
/// assert_eq!(Array::arange(0, 3, 1).astype(lazyarray::DType::I32).to_string(),
///            "array([0, 1, 2], dtype=int32)");
/// ```
impl fmt::Display for Array {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut opts = PrintOptions::default();
        if let Some(p) = f.precision() {
            opts.precision = p;
        }
        match repr(self, &opts, Location::caller()) {
            Ok(text) => f.write_str(&text),
            Err(e) => write!(f, "<error: {e}>"),
        }
    }
}
