//! Narrow dtypes: a `uint8` image scaled in float32 and stored back as `uint8` (NumPy makes a
//! float32 copy of the image, three float32 temporaries and the uint8 result; lazyarray reads
//! each byte once and writes each once).

use super::Case;
use super::Sizes;
use crate::roofline::Traffic;
use lazyarray::{Array, DType};

/// `u8_image_scale`.
pub(super) fn cases(z: &Sizes) -> Vec<Case> {
    vec![Case {
        name: "u8_image_scale",
        form: "(img.astype(DType::F32) * 0.5 + 10.0).clip(0.0, 255.0).astype(DType::U8)",
        dims: vec![z.side, z.side, 3],
        inputs: in_image,
        build: |x, _| {
            (x[0].astype(DType::F32) * 0.5 + 10.0)
                .clip(0.0, 255.0)
                .astype(DType::U8)
        },
        rebind: None,
        bytes: |_, d| 2.0 * (d[0] * d[1] * d[2]) as f64,
        traffic: Traffic::Scale,
    }]
}

/// A random `d[0]`×`d[1]`×`d[2]` uint8 image (`floor(random * 256)`).
fn in_image(d: &[usize]) -> Vec<Array> {
    let img = (Array::random(&[d[0], d[1], d[2]], 9) * 256.0).astype(DType::U8);
    vec![img.eval().expect("evaluating a benchmark input")]
}
