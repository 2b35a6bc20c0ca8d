//! NumPy's legacy random stream: `np.random.seed(seed); np.random.random_sample(shape)`.
//!
//! MT19937 seeded with `init_genrand(seed)` (what `RandomState(int)` does), and doubles built from
//! two 32-bit draws exactly like NumPy's `legacy_double`: `((a >> 5) * 2^26 + (b >> 6)) / 2^53`.
//! So `Array::random(&[3], 0)` is `[0.5488135039273248, 0.7151893663724195, 0.6027633760716439]`.

const N: usize = 624;
const M: usize = 397;

/// The Mersenne Twister state.
pub struct Mt19937 {
    state: [u32; N],
    index: usize,
}

impl Mt19937 {
    /// Seeds like `init_genrand(seed)`.
    pub fn new(seed: u32) -> Mt19937 {
        let mut state = [0u32; N];
        state[0] = seed;
        for i in 1..N {
            let prev = state[i - 1];
            state[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        Mt19937 { state, index: N }
    }

    fn twist(&mut self) {
        for i in 0..N {
            let y = (self.state[i] & 0x8000_0000) | (self.state[(i + 1) % N] & 0x7fff_ffff);
            let mut next = self.state[(i + M) % N] ^ (y >> 1);
            if y & 1 != 0 {
                next ^= 0x9908_b0df;
            }
            self.state[i] = next;
        }
        self.index = 0;
    }

    /// The next 32-bit output.
    pub fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// The next double in `[0, 1)` with 53 random bits (NumPy's `random_sample`).
    pub fn next_f64(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `np.random.seed(0); np.random.random_sample(3)` and the same with seed 42.
    #[test]
    fn matches_numpy_legacy_stream() {
        let mut r = Mt19937::new(0);
        assert_eq!(r.next_f64(), 0.5488135039273248);
        assert_eq!(r.next_f64(), 0.7151893663724195);
        assert_eq!(r.next_f64(), 0.6027633760716439);
        let mut r = Mt19937::new(42);
        assert_eq!(r.next_f64(), 0.3745401188473625);
        assert_eq!(r.next_f64(), 0.9507143064099162);
    }
}
