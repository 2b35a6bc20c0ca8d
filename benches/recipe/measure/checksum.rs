//! Checksums of a result (its shape and float64 sums, as the NumPy script computes them) and
//! their comparisons: exact, between two lazyarray evaluations, and to a tolerance, against
//! NumPy's.

use lazyarray::{Array, DType};

/// Shape and float64 sums of a result.
#[derive(Clone, Debug)]
pub struct Checksum {
    /// The result's shape.
    pub shape: Vec<usize>,
    /// The sum of the elements.
    pub sum: f64,
    /// The sum of the elements weighted by `k % 97 + 1`, `k` the C-order position.
    pub wsum: f64,
    /// The sum of the absolute values.
    pub asum: f64,
}

/// Kahan–Babuška (Neumaier) sum.
#[derive(Default)]
struct Sum {
    /// The running sum.
    s: f64,
    /// The compensation: the low-order bits the running sum lost.
    c: f64,
}

impl Sum {
    /// Adds `x`.
    fn add(&mut self, x: f64) {
        let t = self.s + x;
        if self.s.abs() >= x.abs() {
            self.c += (self.s - t) + x;
        } else {
            self.c += (x - t) + self.s;
        }
        self.s = t;
    }

    /// The compensated sum.
    fn value(&self) -> f64 {
        self.s + self.c
    }
}

/// The elements of `a` in C order, as `f64` (bools as 0 and 1, integers rounded to the nearest
/// `f64` as NumPy's `astype(float64)` does).
fn values_f64(a: &Array) -> lazyarray::Result<Vec<f64>> {
    match a.dtype() {
        DType::F64 => a.to_vec::<f64>(),
        _ => a.astype(DType::F64).to_vec::<f64>(),
    }
}

/// The same figures as the NumPy script's `checksum`: weights `k % 97 + 1` by C-order position.
pub fn checksum(a: &Array) -> lazyarray::Result<Checksum> {
    let v = values_f64(a)?;
    let (mut sum, mut wsum, mut asum) = (Sum::default(), Sum::default(), Sum::default());
    for (k, &x) in v.iter().enumerate() {
        sum.add(x);
        wsum.add(x * ((k % 97) + 1) as f64);
        asum.add(x.abs());
    }
    Ok(Checksum {
        shape: a.shape().to_vec(),
        sum: sum.value(),
        wsum: wsum.value(),
        asum: asum.value(),
    })
}

/// `None` when two checksums are identical; else what differs.
pub fn compare_exact(got: &Checksum, want: &Checksum) -> Option<String> {
    if got.shape != want.shape {
        return Some(format!("shape {:?}, expected {:?}", got.shape, want.shape));
    }
    let scale = want.asum.abs().max(f64::MIN_POSITIVE);
    let dev =
        ((got.sum - want.sum).abs() / scale).max((got.wsum - want.wsum).abs() / (97.0 * scale));
    (dev > 1e-12).then(|| {
        format!(
            "sum {} (expected {}), weighted sum {} (expected {}), relative deviation {dev:.1e}",
            got.sum, want.sum, got.wsum, want.wsum
        )
    })
}

/// Compares lazyarray's checksum with NumPy's: the shape exactly, the sums to a relative
/// tolerance of the absolute sum (rounding differs in the last bits: summation order, exp).
/// Returns the check column's text and whether the results differ.
pub fn compare(la: &Checksum, np: &Checksum, dtype: DType) -> (String, bool) {
    if la.shape != np.shape {
        return (
            format!("DIFF shape {:?} vs numpy {:?}", la.shape, np.shape),
            true,
        );
    }
    let tol = match dtype {
        DType::F32 => 1e-5,
        DType::F64 => 1e-10,
        _ => 0.0,
    };
    let scale = np.asum.abs().max(f64::MIN_POSITIVE);
    let dev = ((la.sum - np.sum).abs() / scale).max((la.wsum - np.wsum).abs() / (97.0 * scale));
    if dev <= tol {
        (format!("ok ({dev:.0e})"), false)
    } else {
        (
            format!(
                "DIFF rel {dev:.1e}: sum {} vs numpy {}, weighted {} vs {}",
                la.sum, np.sum, la.wsum, np.wsum
            ),
            true,
        )
    }
}
