//! [`Generator`]: NumPy's `np.random.default_rng(seed)`, the same numbers bit for bit.
//!
//! Generation is eager: the generator is stateful, so each call draws its values into a new
//! buffer at once (in C order, as NumPy fills its output) and returns it as an evaluated
//! [`Array`]. A call that fails (a bad argument) returns an array carrying the error and draws
//! nothing, as NumPy raises before drawing.

use super::bounded::{Width, bounded_fill};
use super::pcg64::Pcg64;
use super::ziggurat;
use crate::array::{Array, Builder};
use crate::element::Element;
use crate::error::{Error, Result};
use crate::storage::access::Writable;
use lazyarray_ir::shape::checked_size;
use lazyarray_ir::{DType, ErrorKind};
use std::mem::MaybeUninit;
use std::sync::Arc;

/// NumPy's `Generator` over its default bit generator, PCG64, seeded through `SeedSequence`:
/// `Generator::new(seed)` is `np.random.default_rng(seed)`, and every method returns the numbers
/// the NumPy method of the same name returns, bit for bit, advancing the state exactly as NumPy
/// does (so two calls of 500 give what one call of 1000 gives wherever NumPy's do, and calls of
/// different methods interleave as in NumPy).
///
/// ```
/// use lazyarray::random::Generator;
/// let mut rng = Generator::new(42);                 // rng = np.random.default_rng(42)
/// let x = rng.standard_normal(&[2, 3]);             // rng.standard_normal((2, 3))
/// let k = rng.integers(0, 10, &[5]);                // rng.integers(0, 10, 5)
/// assert_eq!(x.shape(), &[2, 3]);
/// assert!(k.to_vec::<i64>().unwrap().iter().all(|&v| (0..10).contains(&v)));
/// ```
#[derive(Clone, Debug)]
pub struct Generator {
    pub(super) bits: Pcg64,
}

/// Where a sampler writes an eager result: the uninitialized elements of a fresh buffer,
/// filled in order. Writes past the end are dropped and counted, so a miscounting sampler is an
/// internal error, never an out-of-bounds write; [`eager`] reads nothing unless every element
/// was written.
pub(super) struct Sink<'a, T> {
    out: &'a mut [MaybeUninit<T>],
    written: usize,
}

impl<T> Sink<'_, T> {
    /// Writes the next element.
    #[inline]
    pub fn push(&mut self, v: T) {
        if let Some(slot) = self.out.get_mut(self.written) {
            slot.write(v);
        }
        self.written += 1;
    }

    /// Writes the next elements from `values`.
    #[inline]
    pub fn extend(&mut self, values: impl IntoIterator<Item = T>) {
        values.into_iter().for_each(|v| self.push(v));
    }

    /// Writes every remaining element with `next()`, in order.
    #[inline]
    pub fn fill_rest(&mut self, mut next: impl FnMut() -> T) {
        let start = self.written.min(self.out.len());
        for slot in &mut self.out[start..] {
            slot.write(next());
        }
        self.written = self.written.max(self.out.len());
    }
}

/// An array of `shape` whose `size` elements `fill` writes in C order into a fresh buffer of
/// the library's allocator (so the memory of a dropped result is reused, as kernels' outputs
/// are); the size is checked first (a shape too large is an error, not an abort).
pub(super) fn eager<T: Element>(
    b: &Builder,
    shape: &[usize],
    fill: impl FnOnce(&mut Sink<'_, T>, usize),
) -> Result<Array> {
    let size = b.ir(checked_size(shape, T::DTYPE))?;
    // SAFETY: every element is written below before the buffer is read: the sink writes them
    // in order and the count is checked before the buffer becomes an array (a buffer dropped
    // unread is never read).
    let w = unsafe { Writable::uninit(T::DTYPE, size) }
        .map_err(|e| Error::resource(b.name, e.to_string(), b.origin))?;
    let out: &mut [MaybeUninit<T>] = if size == 0 {
        &mut []
    } else {
        // SAFETY: the fresh allocation holds `size` elements of `T`'s dtype, is aligned for
        // `T` (64 bytes at least) and nothing else can reach it until `w` is handed on.
        unsafe { std::slice::from_raw_parts_mut(w.write_ptr() as *mut MaybeUninit<T>, size) }
    };
    let mut sink = Sink { out, written: 0 };
    fill(&mut sink, size);
    if sink.written != size {
        return Err(Error::internal(
            b.name,
            format!("drew {} values for {size} elements", sink.written),
            b.origin,
        ));
    }
    Ok(Array::from_buffer(Arc::clone(w.buffer()), shape, b.origin))
}

/// An empty vector with room for `len` elements, or a `Resource` error.
pub(super) fn reserve<T>(b: &Builder, len: usize) -> Result<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| {
        Error::resource(
            b.name,
            format!("cannot allocate {len} elements of {} bytes", size_of::<T>()),
            b.origin,
        )
    })?;
    Ok(v)
}

/// The array, or an array carrying the error.
pub(super) fn done(r: Result<Array>) -> Array {
    r.unwrap_or_else(Array::failed)
}

/// NumPy's `CONS_NON_NEGATIVE` check of a float parameter: negative (sign bit set, NaN
/// allowed) is `ValueError: <name> < 0`.
fn non_negative(b: &Builder, name: &str, v: f64) -> Result<()> {
    if !v.is_nan() && v.is_sign_negative() {
        return Err(b.error(ErrorKind::Value, format!("{name} < 0")));
    }
    Ok(())
}

/// How `integers` draws a dtype: the unsigned width of its draws and the dtype's bounds.
/// An integer dtype slots in with one arm here and one in [`Generator::integers_with`]'s
/// output match (NumPy: `_rand_<dtype>` in `_bounded_integers.pyx`).
fn int_kind(dtype: DType) -> Option<(Width, i128, i128)> {
    match dtype {
        DType::Bool => Some((Width::Bool, 0, 1)),
        DType::I8 => Some((Width::U8, i8::MIN.into(), i8::MAX.into())),
        DType::I16 => Some((Width::U16, i16::MIN.into(), i16::MAX.into())),
        DType::I32 => Some((Width::U32, i32::MIN.into(), i32::MAX.into())),
        DType::I64 => Some((Width::U64, i64::MIN.into(), i64::MAX.into())),
        DType::U8 => Some((Width::U8, 0, u8::MAX.into())),
        DType::U16 => Some((Width::U16, 0, u16::MAX.into())),
        DType::U32 => Some((Width::U32, 0, u32::MAX.into())),
        DType::U64 => Some((Width::U64, 0, u64::MAX.into())),
        DType::F32 | DType::F64 => None,
    }
}

impl Generator {
    /// A generator seeded like NumPy's `np.random.default_rng(seed)` (PCG64 seeded through
    /// `np.random.SeedSequence(seed)`).
    pub fn new(seed: u64) -> Generator {
        Generator {
            bits: Pcg64::new(seed),
        }
    }

    /// Uniform float64 samples in `[0, 1)`, 53 random bits each. NumPy: `rng.random(shape)`.
    #[track_caller]
    pub fn random(&mut self, shape: &[usize]) -> Array {
        self.random_with(shape, DType::F64)
    }

    /// Uniform samples in `[0, 1)` of `dtype`, `F64` (53 random bits from a 64-bit draw) or `F32`
    /// (24 random bits from a 32-bit draw). NumPy: `rng.random(shape, dtype=np.float32)`.
    /// Another dtype is a `DType` error (NumPy's `TypeError`).
    #[track_caller]
    pub fn random_with(&mut self, shape: &[usize], dtype: DType) -> Array {
        let b = Builder::new("random");
        let g = &mut self.bits;
        done(match dtype {
            DType::F64 => eager(&b, shape, |v, _| v.fill_rest(|| g.next_f64())),
            DType::F32 => eager(&b, shape, |v, _| v.fill_rest(|| g.next_f32())),
            other => Err(unsupported(&b, other)),
        })
    }

    /// Integers in `[low, high)`, int64. NumPy: `rng.integers(low, high, shape)`. `low >= high`
    /// is a `Value` error (NumPy's `ValueError: low >= high`).
    #[track_caller]
    pub fn integers(&mut self, low: i64, high: i64, shape: &[usize]) -> Array {
        self.integers_with(low, high, shape, DType::I64, false)
    }

    /// Integers of `dtype` in `[low, high)`, or `[low, high]` with `endpoint`. NumPy:
    /// `rng.integers(low, high, shape, dtype=dtype, endpoint=endpoint)`, drawn with NumPy's
    /// Lemire method in the dtype's width (int64 needs 64-bit draws only for ranges wider than
    /// 32 bits). Supported dtypes: `I64`, `I32`, `Bool`; the narrower and unsigned integer
    /// dtypes are drawn the NumPy way already and join as soon as lazyarray has them. A bound
    /// outside the dtype or an empty range is a `Value` error with NumPy's message; another
    /// dtype is a `DType` error. An empty `shape` draws nothing and checks no bounds, as NumPy.
    #[track_caller]
    pub fn integers_with(
        &mut self,
        low: impl Into<i128>,
        high: impl Into<i128>,
        shape: &[usize],
        dtype: DType,
        endpoint: bool,
    ) -> Array {
        let b = Builder::new("integers");
        let (low, high) = (low.into(), high.into());
        done((|| {
            let (width, lb, ub) = int_kind(dtype).ok_or_else(|| unsupported(&b, dtype))?;
            if b.ir(checked_size(shape, dtype))? == 0 {
                return self.draw_ints(&b, shape, dtype, width, 0, 0);
            }
            // The closed interval [low, high] NumPy's samplers draw from.
            let high = if endpoint {
                high
            } else {
                high.saturating_sub(1)
            };
            let name = dtype.name();
            if low < lb {
                return Err(b.error(ErrorKind::Value, format!("low is out of bounds for {name}")));
            }
            if high > ub {
                return Err(b.error(
                    ErrorKind::Value,
                    format!("high is out of bounds for {name}"),
                ));
            }
            if low > high {
                let message = match (low == 0, endpoint) {
                    (true, true) => "high < 0",
                    (true, false) => "high <= 0",
                    (false, true) => "low > high",
                    (false, false) => "low >= high",
                };
                return Err(b.error(ErrorKind::Value, message));
            }
            let rng = (high - low) as u64;
            let off = (low as u64) & width.max();
            self.draw_ints(&b, shape, dtype, width, off, rng)
        })())
    }

    /// `off + [0, rng]` in `width`, as an array of `dtype` (see [`int_kind`]).
    fn draw_ints(
        &mut self,
        b: &Builder,
        shape: &[usize],
        dtype: DType,
        width: Width,
        off: u64,
        rng: u64,
    ) -> Result<Array> {
        let g = &mut self.bits;
        match dtype {
            DType::Bool => eager(b, shape, |v, n| {
                bounded_fill(g, width, off, rng, n, |x| v.push(x != 0))
            }),
            DType::I32 => eager(b, shape, |v, n| {
                bounded_fill(g, width, off, rng, n, |x| v.push(x as u32 as i32))
            }),
            DType::I64 => eager(b, shape, |v, n| {
                bounded_fill(g, width, off, rng, n, |x| v.push(x as i64))
            }),
            DType::I8 => eager(b, shape, |v, n| {
                bounded_fill(g, width, off, rng, n, |x| v.push(x as u8 as i8))
            }),
            DType::I16 => eager(b, shape, |v, n| {
                bounded_fill(g, width, off, rng, n, |x| v.push(x as u16 as i16))
            }),
            DType::U8 => eager(b, shape, |v, n| {
                bounded_fill(g, width, off, rng, n, |x| v.push(x as u8))
            }),
            DType::U16 => eager(b, shape, |v, n| {
                bounded_fill(g, width, off, rng, n, |x| v.push(x as u16))
            }),
            DType::U32 => eager(b, shape, |v, n| {
                bounded_fill(g, width, off, rng, n, |x| v.push(x as u32))
            }),
            DType::U64 => eager(b, shape, |v, n| {
                bounded_fill(g, width, off, rng, n, |x| v.push(x))
            }),
            other => Err(unsupported(b, other)),
        }
    }

    /// Uniform float64 samples in `[low, high)`: `low + (high - low) * u`. NumPy:
    /// `rng.uniform(low, high, shape)`. `high - low` negative is a `Value` error
    /// (`high - low < 0`), and so is an infinite or NaN `high - low` (NumPy's `OverflowError`).
    #[track_caller]
    pub fn uniform(&mut self, low: f64, high: f64, shape: &[usize]) -> Array {
        let b = Builder::new("uniform");
        let range = high - low;
        done((|| {
            if !range.is_finite() {
                return Err(b.error(ErrorKind::Value, "high - low range exceeds valid bounds"));
            }
            non_negative(&b, "high - low", range)?;
            let g = &mut self.bits;
            eager(&b, shape, |v, _| v.fill_rest(|| low + range * g.next_f64()))
        })())
    }

    /// Standard normal float64 samples (NumPy's ziggurat). NumPy: `rng.standard_normal(shape)`.
    #[track_caller]
    pub fn standard_normal(&mut self, shape: &[usize]) -> Array {
        self.standard_normal_with(shape, DType::F64)
    }

    /// Standard normal samples of `dtype`, `F64` or `F32` (NumPy's float32 ziggurat: its own
    /// tables, one 32-bit draw per try — not float64 samples rounded). NumPy:
    /// `rng.standard_normal(shape, dtype=np.float32)`. Another dtype is a `DType` error.
    #[track_caller]
    pub fn standard_normal_with(&mut self, shape: &[usize], dtype: DType) -> Array {
        let b = Builder::new("standard_normal");
        let g = &mut self.bits;
        done(match dtype {
            DType::F64 => eager(&b, shape, |v, _| {
                v.fill_rest(|| ziggurat::standard_normal(g))
            }),
            DType::F32 => eager(&b, shape, |v, _| {
                v.fill_rest(|| ziggurat::standard_normal_f32(g))
            }),
            other => Err(unsupported(&b, other)),
        })
    }

    /// Normal float64 samples, `loc + scale * z` with `z` standard normal. NumPy:
    /// `rng.normal(loc, scale, shape)`. A negative `scale` is a `Value` error (`scale < 0`).
    #[track_caller]
    pub fn normal(&mut self, loc: f64, scale: f64, shape: &[usize]) -> Array {
        let b = Builder::new("normal");
        done((|| {
            non_negative(&b, "scale", scale)?;
            let g = &mut self.bits;
            eager(&b, shape, |v, _| {
                v.fill_rest(|| loc + scale * ziggurat::standard_normal(g))
            })
        })())
    }

    /// Standard exponential float64 samples (NumPy's ziggurat). NumPy:
    /// `rng.standard_exponential(shape)`.
    #[track_caller]
    pub fn standard_exponential(&mut self, shape: &[usize]) -> Array {
        self.standard_exponential_with(shape, DType::F64)
    }

    /// Standard exponential samples of `dtype`, `F64` or `F32` (NumPy's float32 ziggurat).
    /// NumPy: `rng.standard_exponential(shape, dtype=np.float32)`. Another dtype is a `DType`
    /// error.
    #[track_caller]
    pub fn standard_exponential_with(&mut self, shape: &[usize], dtype: DType) -> Array {
        let b = Builder::new("standard_exponential");
        let g = &mut self.bits;
        done(match dtype {
            DType::F64 => eager(&b, shape, |v, _| {
                v.fill_rest(|| ziggurat::standard_exponential(g))
            }),
            DType::F32 => eager(&b, shape, |v, _| {
                v.fill_rest(|| ziggurat::standard_exponential_f32(g))
            }),
            other => Err(unsupported(&b, other)),
        })
    }

    /// Exponential float64 samples with mean `scale`: `scale * e` with `e` standard exponential.
    /// NumPy: `rng.exponential(scale, shape)`. A negative `scale` is a `Value` error.
    #[track_caller]
    pub fn exponential(&mut self, scale: f64, shape: &[usize]) -> Array {
        let b = Builder::new("exponential");
        done((|| {
            non_negative(&b, "scale", scale)?;
            let g = &mut self.bits;
            eager(&b, shape, |v, _| {
                v.fill_rest(|| scale * ziggurat::standard_exponential(g))
            })
        })())
    }
}

/// NumPy's `TypeError: Unsupported dtype ... for <method>`.
fn unsupported(b: &Builder, dtype: DType) -> Error {
    b.error(
        ErrorKind::DType,
        format!("Unsupported dtype {} for {}", dtype.name(), b.name),
    )
}
