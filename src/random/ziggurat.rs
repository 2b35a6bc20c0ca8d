//! NumPy's ziggurat samplers for the standard normal and standard exponential distributions,
//! in float64 and float32 (different draws and tables, as in NumPy: the float32 forms use one
//! 32-bit draw per try). Operation for operation NumPy's C (`random_standard_normal`,
//! `random_standard_normal_f`, `random_standard_exponential`, `random_standard_exponential_f`),
//! including the precision of each intermediate, so every sample is bit for bit NumPy's.

use super::pcg64::Pcg64;
use super::ziggurat_tables::*;

/// One standard normal sample, float64. NumPy: `rng.standard_normal()`.
#[inline(always)]
pub fn standard_normal(g: &mut Pcg64) -> f64 {
    loop {
        let r = g.next_u64();
        let idx = (r & 0xff) as usize;
        let r = r >> 8;
        let rabs = (r >> 1) & 0x000f_ffff_ffff_ffff;
        // `rabs < 2^52`: the signed conversion (one instruction) gives NumPy's value.
        let mut x = rabs as i64 as f64 * WI_DOUBLE[idx];
        if r & 1 != 0 {
            x = -x;
        }
        if rabs < KI_DOUBLE[idx] {
            return x; // 99.3% of draws
        }
        if let Some(x) = normal_rare(g, idx, rabs, x) {
            return x;
        }
    }
}

/// The rest of a float64 normal try whose draw fell outside its layer's rectangle: the tail
/// beyond `r` (layer 0) or the wedge test; `None` when the try is rejected.
#[cold]
#[inline(never)]
fn normal_rare(g: &mut Pcg64, idx: usize, rabs: u64, x: f64) -> Option<f64> {
    if idx == 0 {
        // The tail beyond `r` (1 - U avoids log(0)).
        loop {
            let xx = -ZIGGURAT_NOR_INV_R * (-g.next_f64()).ln_1p();
            let yy = -(-g.next_f64()).ln_1p();
            if yy + yy > xx * xx {
                return Some(if (rabs >> 8) & 1 != 0 {
                    -(ZIGGURAT_NOR_R + xx)
                } else {
                    ZIGGURAT_NOR_R + xx
                });
            }
        }
    }
    let u = g.next_f64();
    ((FI_DOUBLE[idx - 1] - FI_DOUBLE[idx]) * u + FI_DOUBLE[idx] < (-0.5 * x * x).exp()).then_some(x)
}

/// One standard normal sample, float32. NumPy: `rng.standard_normal(dtype=np.float32)`.
#[inline]
pub fn standard_normal_f32(g: &mut Pcg64) -> f32 {
    loop {
        let r = g.next_u32();
        let idx = (r & 0xff) as usize;
        let sign = (r >> 8) & 1;
        let rabs = (r >> 9) & 0x007f_ffff;
        let mut x = rabs as f32 * WI_FLOAT[idx];
        if sign != 0 {
            x = -x;
        }
        if rabs < KI_FLOAT[idx] {
            return x;
        }
        if idx == 0 {
            loop {
                let xx = -ZIGGURAT_NOR_INV_R_F * (-g.next_f32()).ln_1p();
                let yy = -(-g.next_f32()).ln_1p();
                if yy + yy > xx * xx {
                    return if (rabs >> 8) & 1 != 0 {
                        -(ZIGGURAT_NOR_R_F + xx)
                    } else {
                        ZIGGURAT_NOR_R_F + xx
                    };
                }
            }
        }
        // NumPy's C compares the float32 density bound with `exp(-0.5 * x * x)` computed in
        // double (the literal -0.5 is a double).
        let bound = (FI_FLOAT[idx - 1] - FI_FLOAT[idx]) * g.next_f32() + FI_FLOAT[idx];
        let xd = f64::from(x);
        if f64::from(bound) < (-0.5 * xd * xd).exp() {
            return x;
        }
    }
}

/// One standard exponential sample, float64. NumPy: `rng.standard_exponential()`.
#[inline(always)]
pub fn standard_exponential(g: &mut Pcg64) -> f64 {
    loop {
        let ri = g.next_u64() >> 3;
        let idx = (ri & 0xff) as usize;
        let ri = ri >> 8;
        // `ri < 2^53`: the signed conversion gives NumPy's value.
        let x = ri as i64 as f64 * WE_DOUBLE[idx];
        if ri < KE_DOUBLE[idx] {
            return x; // 98.9% of draws
        }
        if let Some(x) = exponential_rare(g, idx, x) {
            return x;
        }
        // Rejected: NumPy starts over with a fresh draw.
    }
}

/// The rest of a float64 exponential try outside its layer's rectangle: the tail (layer 0) or
/// the wedge test; `None` when the try is rejected.
#[cold]
#[inline(never)]
fn exponential_rare(g: &mut Pcg64, idx: usize, x: f64) -> Option<f64> {
    if idx == 0 {
        return Some(ZIGGURAT_EXP_R - (-g.next_f64()).ln_1p());
    }
    let u = g.next_f64();
    ((FE_DOUBLE[idx - 1] - FE_DOUBLE[idx]) * u + FE_DOUBLE[idx] < (-x).exp()).then_some(x)
}

/// One standard exponential sample, float32. NumPy:
/// `rng.standard_exponential(dtype=np.float32)`.
#[inline]
pub fn standard_exponential_f32(g: &mut Pcg64) -> f32 {
    loop {
        let ri = g.next_u32() >> 1;
        let idx = (ri & 0xff) as usize;
        let ri = ri >> 8;
        let x = ri as f32 * WE_FLOAT[idx];
        if ri < KE_FLOAT[idx] {
            return x;
        }
        if idx == 0 {
            return ZIGGURAT_EXP_R_F - (-g.next_f32()).ln_1p();
        }
        if (FE_FLOAT[idx - 1] - FE_FLOAT[idx]) * g.next_f32() + FE_FLOAT[idx] < (-x).exp() {
            return x;
        }
    }
}
