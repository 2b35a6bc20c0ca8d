//! The cases' inputs, evaluated before timing (random numbers from fixed seeds, so every run
//! and the NumPy script see the same), and what a case's byte count needs to read from them.

use lazyarray::{Array, DType};

/// `a` evaluated: an input is computed before timing, not inside the timed expression.
fn evaluated(a: Array) -> Array {
    a.eval().expect("evaluating a benchmark input")
}

/// One random vector of `d[0]` elements.
pub fn in_vec1(d: &[usize]) -> Vec<Array> {
    vec![evaluated(Array::random(&[d[0]], 1))]
}

/// Two random vectors of `d[0]` elements.
pub fn in_vec2(d: &[usize]) -> Vec<Array> {
    vec![
        evaluated(Array::random(&[d[0]], 1)),
        evaluated(Array::random(&[d[0]], 2)),
    ]
}

/// A small random `d[0]`×`d[1]` matrix.
pub fn in_small(d: &[usize]) -> Vec<Array> {
    vec![evaluated(Array::random(&[d[0], d[1]], 7))]
}

/// `arange(0, d[0])` (int64) as a column and as a row: two views of one evaluated vector.
pub fn in_outer(d: &[usize]) -> Vec<Array> {
    let n = d[0] as isize;
    let a = evaluated(Array::arange(0i64, d[0] as i64, 1));
    vec![a.reshape(&[n, 1]), a.reshape(&[1, n])]
}

/// The 100000×100 matrix, `arange(0, n, 10)` evaluated, the 50% mask, and (with a third
/// dimension) that many random row indices.
pub fn in_rows(d: &[usize]) -> Vec<Array> {
    let (n, k) = (d[0], d[1]);
    let mut v = vec![
        evaluated(Array::random(&[n, k], 5)),
        evaluated(Array::arange(0i64, n as i64, 10)),
        evaluated(Array::random(&[n], 3).lt(0.5)),
    ];
    if let Some(&m) = d.get(2) {
        v.push(evaluated(
            (Array::random(&[m], 4) * n as f64).astype(DType::I64),
        ));
    }
    v
}

/// A random square `d[0]`×`d[1]` matrix.
pub fn in_square(d: &[usize]) -> Vec<Array> {
    vec![evaluated(Array::random(&[d[0], d[1]], 6))]
}

/// A random `d[0]`×`d[1]` float32 matrix (softmax's logits).
pub fn in_softmax(d: &[usize]) -> Vec<Array> {
    vec![evaluated(
        Array::random(&[d[0], d[1]], 8).astype(DType::F32),
    )]
}

/// How many elements of a bool mask are true (NaN if it cannot be read).
pub fn count_true(mask: &Array) -> f64 {
    mask.to_vec::<bool>()
        .map(|v| v.iter().filter(|&&b| b).count() as f64)
        .unwrap_or(f64::NAN)
}
