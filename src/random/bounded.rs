//! NumPy's bounded integers: `Generator.integers` draws `off + [0, rng]` with Lemire's
//! multiply-and-reject method in the unsigned width of the requested dtype — 64-bit draws only
//! when the range needs more than 32 bits, 32-bit draws (halves of 64-bit outputs, see
//! [`Pcg64::next_u32`]) otherwise, and 16-, 8- and 1-bit pieces of a 32-bit draw, consumed low
//! bits first, for the narrow dtypes. The pieces are buffered only within one call, as in NumPy.
//! Also NumPy's masked rejection sampler `random_interval`, which its shuffles use.

use super::pcg64::Pcg64;

/// The unsigned width NumPy draws an integer dtype's values in.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Width {
    /// `bool`: single bits of a 32-bit draw.
    Bool,
    /// `int8` / `uint8`: bytes of a 32-bit draw.
    U8,
    /// `int16` / `uint16`: 16-bit halves of a 32-bit draw.
    U16,
    /// `int32` / `uint32`.
    U32,
    /// `int64` / `uint64`.
    U64,
}

impl Width {
    /// All ones in this width.
    pub const fn max(self) -> u64 {
        match self {
            Width::Bool => 1,
            Width::U8 => 0xff,
            Width::U16 => 0xffff,
            Width::U32 => 0xffff_ffff,
            Width::U64 => u64::MAX,
        }
    }
}

/// Sub-word pieces of one 32-bit draw (NumPy's `buf` and `bcnt`).
#[derive(Default)]
struct Pieces {
    buf: u32,
    left: u32,
}

impl Pieces {
    /// The next `bits`-bit piece: a new 32-bit draw when the last one is used up.
    #[inline]
    fn next(&mut self, g: &mut Pcg64, bits: u32) -> u32 {
        if self.left == 0 {
            self.buf = g.next_u32();
            self.left = 32 / bits - 1;
        } else {
            self.buf >>= bits;
            self.left -= 1;
        }
        self.buf
    }
}

/// Lemire's method in 64 bits: a uniform value in `[0, rng]`, `rng < u64::MAX`.
#[inline]
fn lemire64(g: &mut Pcg64, rng: u64) -> u64 {
    let excl = rng + 1;
    let mut m = u128::from(g.next_u64()) * u128::from(excl);
    let mut leftover = m as u64;
    if leftover < excl {
        let threshold = (u64::MAX - rng) % excl;
        while leftover < threshold {
            m = u128::from(g.next_u64()) * u128::from(excl);
            leftover = m as u64;
        }
    }
    (m >> 64) as u64
}

/// Lemire's method in `bits` (8, 16 or 32) bits, over draws from `draw`: a uniform value in
/// `[0, rng]`, `rng` below the width's maximum.
#[inline]
fn lemire_narrow(rng: u32, bits: u32, mut draw: impl FnMut() -> u32) -> u32 {
    let full = u32::MAX >> (32 - bits);
    let excl = u64::from(rng) + 1;
    let low = |m: u64| (m & u64::from(full)) as u32;
    let mut m = u64::from(draw() & full) * excl;
    if u64::from(low(m)) < excl {
        let threshold = (full - rng) % (rng + 1);
        while low(m) < threshold {
            m = u64::from(draw() & full) * excl;
        }
    }
    (m >> bits) as u32
}

/// `n` values `off + [0, rng]` (wrapping in `width`), each passed to `emit`, drawn as NumPy's
/// `random_bounded_<width>_fill` draws them with `use_masked=False` (Lemire's method).
pub fn bounded_fill(
    g: &mut Pcg64,
    width: Width,
    off: u64,
    rng: u64,
    n: usize,
    mut emit: impl FnMut(u64),
) {
    let wmax = width.max();
    let wrap = |v: u64| off.wrapping_add(v) & wmax;
    if rng == 0 {
        (0..n).for_each(|_| emit(off));
        return;
    }
    let mut pieces = Pieces::default();
    match width {
        Width::Bool => {
            for _ in 0..n {
                emit(u64::from(pieces.next(g, 1) & 1));
            }
        }
        Width::U8 | Width::U16 => {
            let bits = if width == Width::U8 { 8 } else { 16 };
            if rng == wmax {
                for _ in 0..n {
                    emit(wrap(u64::from(pieces.next(g, bits)) & wmax));
                }
            } else {
                for _ in 0..n {
                    let v = lemire_narrow(rng as u32, bits, || pieces.next(g, bits));
                    emit(wrap(u64::from(v)));
                }
            }
        }
        Width::U32 | Width::U64 if rng <= 0xffff_ffff => {
            if rng == 0xffff_ffff {
                for _ in 0..n {
                    emit(wrap(u64::from(g.next_u32())));
                }
            } else {
                for _ in 0..n {
                    emit(wrap(u64::from(lemire_narrow(rng as u32, 32, || {
                        g.next_u32()
                    }))));
                }
            }
        }
        Width::U32 => unreachable!("a 32-bit range is at most 0xffff_ffff"),
        Width::U64 => {
            if rng == u64::MAX {
                for _ in 0..n {
                    emit(wrap(g.next_u64()));
                }
            } else {
                for _ in 0..n {
                    emit(wrap(lemire64(g, rng)));
                }
            }
        }
    }
}

/// One value in `[0, rng]`. NumPy: `random_bounded_uint64(state, 0, rng, 0, False)` (used by
/// `choice` without replacement).
pub fn bounded_u64(g: &mut Pcg64, rng: u64) -> u64 {
    if rng == 0 {
        0
    } else if rng < 0xffff_ffff {
        u64::from(lemire_narrow(rng as u32, 32, || g.next_u32()))
    } else if rng == 0xffff_ffff {
        u64::from(g.next_u32())
    } else if rng == u64::MAX {
        g.next_u64()
    } else {
        lemire64(g, rng)
    }
}

/// The smallest all-ones mask covering `max` (NumPy's `gen_mask`; 0 for 0).
pub fn gen_mask(max: u64) -> u64 {
    if max == 0 {
        0
    } else {
        u64::MAX >> max.leading_zeros()
    }
}

/// A value in `[0, max]` by masked rejection, from 32-bit draws when `max` fits them. NumPy:
/// `random_interval` (used by `shuffle` and `permutation`).
pub fn interval(g: &mut Pcg64, max: u64) -> u64 {
    if max == 0 {
        return 0;
    }
    let mask = gen_mask(max);
    if max <= 0xffff_ffff {
        loop {
            let v = u64::from(g.next_u32()) & mask;
            if v <= max {
                return v;
            }
        }
    }
    loop {
        let v = g.next_u64() & mask;
        if v <= max {
            return v;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draw(seed: u64, width: Width, off: u64, rng: u64, n: usize) -> Vec<u64> {
        let mut g = Pcg64::new(seed);
        let mut out = Vec::new();
        bounded_fill(&mut g, width, off, rng, n, |v| out.push(v));
        out
    }

    /// The narrow widths, whose dtypes lazyarray does not have yet:
    /// `rng = np.random.default_rng(0); rng.integers(0, 100, 12, dtype=np.uint8)`,
    /// `rng.integers(-5, 5, 12, dtype=np.int16)`, `rng.integers(0, 256, 6, dtype=np.uint8)`
    /// (a full range), `rng.integers(0, 2, 12, dtype=bool)`, in that order from one generator.
    #[test]
    fn narrow_widths_match_numpy() {
        let mut g = Pcg64::new(0);
        let mut take = |width, off: u64, rng, n| {
            let mut out = Vec::new();
            bounded_fill(&mut g, width, off, rng, n, |v| out.push(v));
            out
        };
        assert_eq!(take(Width::U8, 0, 99, 12), NARROW_U8);
        let i16s: Vec<i64> = take(Width::U16, (-5i64 as u64) & 0xffff, 9, 12)
            .into_iter()
            .map(|v| i64::from(v as u16 as i16))
            .collect();
        assert_eq!(i16s, NARROW_I16);
        assert_eq!(take(Width::U8, 0, 255, 6), NARROW_U8_FULL);
        assert_eq!(take(Width::Bool, 0, 1, 12), NARROW_BOOL);
    }

    /// `np.random.default_rng(42).integers(0, 2**40, 4, dtype=np.uint64)` (64-bit Lemire) and
    /// `default_rng(42).integers(0, 2**64, 2, dtype=np.uint64)` (the full range).
    #[test]
    fn wide_ranges_match_numpy() {
        assert_eq!(draw(42, Width::U64, 0, (1 << 40) - 1, 4), WIDE_U64);
        assert_eq!(draw(42, Width::U64, 0, u64::MAX, 2), FULL_U64);
    }

    const NARROW_U8: [u64; 12] = [50, 75, 84, 80, 91, 5, 63, 12, 83, 84, 50, 96];
    const NARROW_I16: [i64; 12] = [4, -2, -3, -5, 4, -5, -4, -5, -2, -4, -1, 3];
    const NARROW_U8_FULL: [u64; 6] = [78, 28, 64, 166, 121, 89];
    const NARROW_BOOL: [u64; 12] = [1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0];
    const WIDE_U64: [u64; 4] = [
        850_973_674_774,
        482_551_947_687,
        944_038_396_526,
        766_764_256_790,
    ];
    const FULL_U64: [u64; 2] = [14_276_969_152_011_380_360, 8_095_878_257_575_067_585];
}
