//! [`Generator::choice`], [`Generator::permutation`] and [`Generator::shuffle`]: NumPy's index
//! draws (Lemire draws for `choice`, masked rejection for the shuffles), then a `take` of the
//! population's rows.

use super::bounded::{Width, bounded_fill, bounded_u64, gen_mask, interval};
use super::generator::{Generator, Sink, done, eager, reserve};
use super::pcg64::Pcg64;
use crate::array::{Array, Builder};
use crate::error::Result;
use lazyarray_ir::shape::checked_size;
use lazyarray_ir::{DType, ErrorKind};

/// What [`Generator::choice`] and [`Generator::permutation`] draw from: `np.arange(n)` (from an
/// integer) or the rows of an array (from `&Array`), as NumPy's `a` argument.
#[derive(Copy, Clone, Debug)]
pub enum Population<'a> {
    /// `np.arange(n)`.
    Range(i128),
    /// The array's elements along axis 0.
    Rows(&'a Array),
}

impl From<i64> for Population<'_> {
    fn from(n: i64) -> Self {
        Population::Range(n.into())
    }
}

impl From<i32> for Population<'_> {
    fn from(n: i32) -> Self {
        Population::Range(n.into())
    }
}

impl From<usize> for Population<'_> {
    fn from(n: usize) -> Self {
        // usize is at most 64 bits on every supported target.
        Population::Range(n as i128)
    }
}

impl<'a> From<&'a Array> for Population<'a> {
    fn from(a: &'a Array) -> Self {
        Population::Rows(a)
    }
}

/// NumPy's `_shuffle_int`: swaps `data[i]` with `data[j]`, `j` a Lemire draw in `[0, i]`, for
/// `i` from `n - 1` down to `first`.
fn shuffle_int(g: &mut Pcg64, data: &mut [i64], first: usize) {
    for i in (first..data.len()).rev() {
        let j = bounded_u64(g, i as u64) as usize;
        data.swap(i, j);
    }
}

/// A permutation of `0..n` by NumPy's `shuffle` of a 1-d array (`_shuffle_raw`): swaps with
/// `j = random_interval(i)` for `i` from `n - 1` down to 1.
fn shuffled_range(g: &mut Pcg64, b: &Builder, n: usize) -> Result<Array> {
    let mut perm = reserve::<i64>(b, n)?;
    perm.extend(0..n as i64);
    for i in (1..n).rev() {
        let j = interval(g, i as u64) as usize;
        perm.swap(i, j);
    }
    eager(b, &[n], |v: &mut Sink<'_, i64>, _| v.extend(perm))
}

/// The largest `i64`, as a population size.
const MAX_POP: i128 = i64::MAX as i128;

impl Generator {
    /// `shape` samples of `np.arange(n)` (from an integer: int64 indices) or of the rows of an
    /// array (its axis 0: the result has `shape` followed by the array's other dimensions), with
    /// or without replacement. NumPy: `rng.choice(a, shape, replace)` (`p=None`, `axis=0`,
    /// `shuffle=True`); with replacement, `rng.integers(0, n, shape)`; without, NumPy's Floyd
    /// sampler with its hash set, or a tail shuffle of `arange(n)` when `n > 10000` and more than
    /// `n / 50` samples are asked for.
    ///
    /// `Value` errors: a population that is not positive (or empty) when samples are asked for,
    /// and without replacement more samples than the population has (NumPy's `ValueError`s). A
    /// 0-d integer array counts as its value, as in NumPy.
    #[track_caller]
    pub fn choice<'a>(
        &mut self,
        a: impl Into<Population<'a>>,
        shape: &[usize],
        replace: bool,
    ) -> Array {
        let b = Builder::new("choice");
        let a = a.into();
        done((|| {
            let size = b.ir(checked_size(shape, DType::I64))?;
            let (pop, rows) = match a {
                Population::Range(n) => (n, None),
                Population::Rows(arr) => {
                    arr.check()?;
                    if arr.ndim() == 0 {
                        if !arr.dtype().is_int() {
                            return Err(b.error(
                                ErrorKind::Value,
                                format!(
                                    "a must be a sequence or an integer, not a 0-d {} array",
                                    arr.dtype().name()
                                ),
                            ));
                        }
                        (i128::from(arr.item::<i64>()?), None)
                    } else {
                        (arr.shape()[0] as i128, Some(arr))
                    }
                }
            };
            if size != 0 && pop <= 0 {
                let message = if rows.is_some() {
                    "a cannot be empty unless no samples are taken"
                } else {
                    "a must be a positive integer unless no samples are taken"
                };
                return Err(b.error(ErrorKind::Value, message));
            }
            if pop > MAX_POP {
                return Err(b.error(
                    ErrorKind::Value,
                    format!("a = {pop} is too large: the population must fit int64"),
                ));
            }
            let pop = pop.max(0) as u64;
            let idx = if replace {
                let g = &mut self.bits;
                // NumPy: `self.integers(0, pop_size, size=shape)`.
                eager(&b, shape, |v: &mut Sink<'_, i64>, n| {
                    if n > 0 {
                        bounded_fill(g, Width::U64, 0, pop - 1, n, |x| v.push(x as i64));
                    }
                })?
            } else {
                if size as u64 > pop {
                    return Err(b.error(
                        ErrorKind::Value,
                        "Cannot take a larger sample than population when replace is False",
                    ));
                }
                let picked = self.sample_without_replacement(&b, pop, size as u64)?;
                eager(&b, shape, |v: &mut Sink<'_, i64>, _| v.extend(picked))?
            };
            Ok(match rows {
                Some(arr) => arr.take(&idx, 0),
                None => idx,
            })
        })())
    }

    /// `size` distinct values of `0..pop`, in NumPy's order (the body of `choice` with
    /// `replace=False`, `p=None`, `shuffle=True`).
    fn sample_without_replacement(&mut self, b: &Builder, pop: u64, size: u64) -> Result<Vec<i64>> {
        let g = &mut self.bits;
        if pop > 10_000 && size > pop / 50 {
            // Tail shuffle: shuffle the last `size` places of arange(pop), keep them.
            let mut idx = reserve::<i64>(b, pop as usize)?;
            idx.extend(0..pop as i64);
            let first = (pop - size).max(1) as usize;
            shuffle_int(g, &mut idx, first);
            idx.drain(..(pop - size) as usize);
            return Ok(idx);
        }
        // Floyd's algorithm with an open-addressing hash set of at least 1.2 * size slots (a
        // power of two), `u64::MAX` marking an empty slot.
        let mask = gen_mask((1.2 * size as f64) as u64);
        let slots = (mask as usize).saturating_add(1);
        let mut set = reserve::<u64>(b, slots)?;
        set.resize(slots, u64::MAX);
        let mut idx = reserve::<i64>(b, size as usize)?;
        for j in pop - size..pop {
            let val = bounded_u64(g, j);
            let mut loc = (val & mask) as usize;
            while set[loc] != u64::MAX && set[loc] != val {
                loc = (loc + 1) & mask as usize;
            }
            if set[loc] == u64::MAX {
                set[loc] = val;
                idx.push(val as i64);
            } else {
                // `val` was drawn before: take `j` itself, which cannot have been.
                loc = (j & mask) as usize;
                while set[loc] != u64::MAX {
                    loc = (loc + 1) & mask as usize;
                }
                set[loc] = j;
                idx.push(j as i64);
            }
        }
        shuffle_int(g, &mut idx, 1);
        Ok(idx)
    }

    /// A random permutation: of `np.arange(n)` (from an integer; int64, empty for `n <= 0`) or of
    /// an array's rows (from `&Array`; the array itself is unchanged). NumPy:
    /// `rng.permutation(x)`. Draws `n - 1` indices whatever the other dimensions (NumPy shuffles
    /// an index array for an array of 2 or more dimensions). A 0-d array is an `Axis` error.
    #[track_caller]
    pub fn permutation<'a>(&mut self, x: impl Into<Population<'a>>) -> Array {
        let b = Builder::new("permutation");
        let x = x.into();
        done((|| match x {
            Population::Range(n) => {
                let n = usize::try_from(n.max(0))
                    .map_err(|_| b.error(ErrorKind::Shape, format!("arange({n}) is too large")))?;
                shuffled_range(&mut self.bits, &b, n)
            }
            Population::Rows(arr) => {
                arr.check()?;
                if arr.ndim() == 0 {
                    return Err(zero_d(&b));
                }
                let perm = shuffled_range(&mut self.bits, &b, arr.shape()[0])?;
                Ok(arr.take(&perm, 0))
            }
        })())
    }

    /// The array with its rows (axis 0) in a random order, as a new array (the argument is
    /// unchanged: arrays are values). NumPy: `rng.shuffle(x)` (which shuffles `x` in place), the
    /// same order and the same draws; an empty array draws nothing. A 0-d array is an `Axis`
    /// error.
    #[track_caller]
    pub fn shuffle(&mut self, x: &Array) -> Array {
        let b = Builder::new("shuffle");
        done((|| {
            x.check()?;
            if x.ndim() == 0 {
                return Err(zero_d(&b));
            }
            let n = if x.size() == 0 { 0 } else { x.shape()[0] };
            let perm = shuffled_range(&mut self.bits, &b, n)?;
            Ok(if n == 0 { x.clone() } else { x.take(&perm, 0) })
        })())
    }
}

/// NumPy's `AxisError` for shuffling a 0-d array.
fn zero_d(b: &Builder) -> crate::Error {
    b.error(
        ErrorKind::Axis,
        "axis 0 is out of bounds for array of dimension 0",
    )
}
