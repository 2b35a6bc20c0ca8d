//! NumPy's default bit generator, PCG64 (PCG XSL-RR 128/64), with NumPy's seeding and its
//! buffering of 32-bit halves.

use super::seed_sequence::SeedSequence;

/// The 128-bit LCG multiplier of PCG64.
const MULTIPLIER: u128 = (2_549_297_995_355_413_924u128 << 64) | 4_865_540_595_714_422_341u128;

/// PCG64's state. NumPy: `np.random.PCG64(seed)`.
#[derive(Clone, Debug)]
pub struct Pcg64 {
    state: u128,
    inc: u128,
    /// The high half of the last 64-bit output, when only its low half has been used as a
    /// 32-bit draw (NumPy's `has_uint32` / `uinteger`).
    pending_u32: Option<u32>,
}

impl Pcg64 {
    /// Seeded like `np.random.PCG64(seed)`: four 64-bit words of `SeedSequence(seed)`, the
    /// first two the initial state (high word first), the last two the stream.
    pub fn new(seed: u64) -> Pcg64 {
        let words = SeedSequence::new(seed).generate_u64(4);
        let initstate = (u128::from(words[0]) << 64) | u128::from(words[1]);
        let initseq = (u128::from(words[2]) << 64) | u128::from(words[3]);
        // PCG's `srandom_r`.
        let mut g = Pcg64 {
            state: 0,
            inc: (initseq << 1) | 1,
            pending_u32: None,
        };
        g.step();
        g.state = g.state.wrapping_add(initstate);
        g.step();
        g
    }

    #[inline(always)]
    fn step(&mut self) {
        self.state = self.state.wrapping_mul(MULTIPLIER).wrapping_add(self.inc);
    }

    /// The next 64-bit output (it does not touch a pending 32-bit half).
    #[inline(always)]
    pub fn next_u64(&mut self) -> u64 {
        self.step();
        let s = self.state;
        (((s >> 64) as u64) ^ (s as u64)).rotate_right((s >> 122) as u32)
    }

    /// The next 32-bit output: the high half of the previous 64-bit output if it is pending,
    /// else the low half of a new one (whose high half becomes pending).
    #[inline(always)]
    pub fn next_u32(&mut self) -> u32 {
        if let Some(v) = self.pending_u32.take() {
            return v;
        }
        let next = self.next_u64();
        self.pending_u32 = Some((next >> 32) as u32);
        next as u32
    }

    /// A double in `[0, 1)` from the top 53 bits of a 64-bit output.
    #[inline(always)]
    pub fn next_f64(&mut self) -> f64 {
        // Below 2^53: the signed conversion (one instruction) is exact.
        (self.next_u64() >> 11) as i64 as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A float in `[0, 1)` from the top 24 bits of a 32-bit output.
    #[inline(always)]
    pub fn next_f32(&mut self) -> f32 {
        (self.next_u32() >> 8) as f32 * (1.0 / 16_777_216.0)
    }

    /// The state as NumPy shows it: `(state, inc, has_uint32, uinteger)` of
    /// `bit_generator.state`.
    #[cfg(test)]
    pub fn numpy_state(&self) -> (u128, u128, bool, u32) {
        (
            self.state,
            self.inc,
            self.pending_u32.is_some(),
            self.pending_u32.unwrap_or(0),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `np.random.default_rng(0).bit_generator.state` and its first draws
    /// (`bit_generator.random_raw(2)`).
    #[test]
    fn matches_numpy_seeding_and_first_outputs() {
        let mut g = Pcg64::new(0);
        assert_eq!(
            g.numpy_state(),
            (
                35_399_562_948_360_463_058_890_781_895_381_311_971,
                87_136_372_517_582_989_555_478_159_403_783_844_777,
                false,
                0
            )
        );
        assert_eq!(g.next_u64(), RAW0[0]);
        assert_eq!(g.next_u32(), RAW0[1] as u32);
        assert_eq!(g.next_u32(), (RAW0[1] >> 32) as u32);
    }

    const RAW0: [u64; 2] = [11_749_869_230_777_074_271, 4_976_686_463_289_251_617];
}
