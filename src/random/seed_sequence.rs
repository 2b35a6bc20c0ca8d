//! NumPy's `SeedSequence`: turns a seed into well-mixed state words for a bit generator.
//!
//! The construction is NumPy's (`numpy.random.SeedSequence`, after Melissa O'Neill's
//! `seed_seq`): the seed's 32-bit words (least significant first) are hashed into a pool of four
//! words, every pool word is mixed into every other, and state words are drawn from the pool
//! with a second hash. All arithmetic is on wrapping `u32`.

/// Words in the entropy pool (NumPy's `DEFAULT_POOL_SIZE`).
const POOL_SIZE: usize = 4;
const INIT_A: u32 = 0x43b0_d7e5;
const MULT_A: u32 = 0x931e_8875;
const INIT_B: u32 = 0x8b51_f9dd;
const MULT_B: u32 = 0x58f3_8ded;
const MIX_MULT_L: u32 = 0xca01_f9dd;
const MIX_MULT_R: u32 = 0x4973_f715;
const XSHIFT: u32 = 16;

/// The mixed entropy pool of one seed. NumPy: `np.random.SeedSequence(seed)` (no spawn key).
#[derive(Clone, Debug)]
pub struct SeedSequence {
    pool: [u32; POOL_SIZE],
}

/// NumPy's `hashmix`: hashes `value` with the running constant, which advances.
fn hashmix(value: u32, hash_const: &mut u32) -> u32 {
    let mut v = value ^ *hash_const;
    *hash_const = hash_const.wrapping_mul(MULT_A);
    v = v.wrapping_mul(*hash_const);
    v ^ (v >> XSHIFT)
}

/// NumPy's `mix`.
fn mix(x: u32, y: u32) -> u32 {
    let r = MIX_MULT_L
        .wrapping_mul(x)
        .wrapping_sub(MIX_MULT_R.wrapping_mul(y));
    r ^ (r >> XSHIFT)
}

impl SeedSequence {
    /// The pool for an integer seed. NumPy: `SeedSequence(seed)`.
    pub fn new(seed: u64) -> SeedSequence {
        // NumPy's `_coerce_to_uint32_array(int)`: 32-bit words, least significant first, and
        // `[0]` for zero (not an empty array).
        let entropy: Vec<u32> = if seed >> 32 == 0 {
            vec![seed as u32]
        } else {
            vec![seed as u32, (seed >> 32) as u32]
        };
        let mut pool = [0u32; POOL_SIZE];
        let mut hash_const = INIT_A;
        for (i, slot) in pool.iter_mut().enumerate() {
            *slot = hashmix(entropy.get(i).copied().unwrap_or(0), &mut hash_const);
        }
        for src in 0..POOL_SIZE {
            for dst in 0..POOL_SIZE {
                if src != dst {
                    pool[dst] = mix(pool[dst], hashmix(pool[src], &mut hash_const));
                }
            }
        }
        // Entropy words beyond the pool's size are mixed in afterwards (none for a u64 seed,
        // which has at most two words; kept for the shape of NumPy's algorithm).
        for &word in entropy.iter().skip(POOL_SIZE) {
            for slot in pool.iter_mut() {
                *slot = mix(*slot, hashmix(word, &mut hash_const));
            }
        }
        SeedSequence { pool }
    }

    /// `n` 32-bit state words. NumPy: `seq.generate_state(n, np.uint32)`.
    pub fn generate_u32(&self, n: usize) -> Vec<u32> {
        let mut hash_const = INIT_B;
        (0..n)
            .map(|i| {
                let mut v = self.pool[i % POOL_SIZE] ^ hash_const;
                hash_const = hash_const.wrapping_mul(MULT_B);
                v = v.wrapping_mul(hash_const);
                v ^ (v >> XSHIFT)
            })
            .collect()
    }

    /// `n` 64-bit state words: pairs of 32-bit words, the first the low half. NumPy:
    /// `seq.generate_state(n, np.uint64)`.
    pub fn generate_u64(&self, n: usize) -> Vec<u64> {
        self.generate_u32(2 * n)
            .chunks_exact(2)
            .map(|w| u64::from(w[0]) | (u64::from(w[1]) << 32))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `np.random.SeedSequence(s).generate_state(4, np.uint64)` for a one-word and a two-word
    /// seed.
    #[test]
    fn matches_numpy_generate_state() {
        assert_eq!(
            SeedSequence::new(0).generate_u64(4),
            [
                0xdb2c_d7e7_b0f4_78be,
                0xabf4_641a_2c71_ba49,
                0x20c6_ed6d_9d7b_8d41,
                0x2c40_99de_223c_39d4,
            ]
        );
        assert_eq!(
            SeedSequence::new(0xdead_beef_cafe_f00d).generate_u32(3),
            [0x2e34_3011, 0x349e_5379, 0x8913_4063]
        );
    }
}
