//! Accuracy of the compiled transcendental functions against libm (Rust's `f64::exp` etc.,
//! which the reference evaluator uses): at most 4 ulp, special values exact. `exp` is an inline
//! polynomial (vectorized); the others call libm and must match it exactly.

use lazyarray::{Array, DType};

/// Distance in units in the last place between two floats of one sign (0 when equal).
fn ulps64(a: f64, b: f64) -> u64 {
    if a == b || (a.is_nan() && b.is_nan()) {
        return 0;
    }
    if a.is_nan() || b.is_nan() || a.signum() != b.signum() {
        return u64::MAX;
    }
    (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs()
}

fn ulps32(a: f32, b: f32) -> u64 {
    if a == b || (a.is_nan() && b.is_nan()) {
        return 0;
    }
    if a.is_nan() || b.is_nan() || a.signum() != b.signum() {
        return u64::MAX;
    }
    (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs()
}

/// Inputs over the whole domain: a dense sweep, random values, and the edges.
fn inputs64(lo: f64, hi: f64) -> Vec<f64> {
    let mut v: Vec<f64> = (0..20_001)
        .map(|i| lo + (hi - lo) * i as f64 / 20_000.0)
        .collect();
    let r = Array::random(&[20_000], 11).to_vec::<f64>().unwrap();
    v.extend(r.iter().map(|u| lo + (hi - lo) * u));
    v.extend([
        0.0,
        -0.0,
        1e-300,
        -1e-300,
        1.0,
        -1.0,
        709.78,
        709.79,
        -745.1,
        -745.2,
        -708.5,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
    ]);
    v
}

#[test]
fn exp_f64_within_4_ulp_of_libm() {
    let x = inputs64(-750.0, 712.0);
    let got = Array::from_slice(&x, &[x.len()])
        .exp()
        .to_vec::<f64>()
        .unwrap();
    let mut worst = (0u64, 0.0f64);
    for (&xi, &g) in x.iter().zip(&got) {
        let want = xi.exp();
        let d = ulps64(g, want);
        if d > worst.0 {
            worst = (d, xi);
        }
        // Subnormal results lose bits to the second scaling step: bound their absolute error.
        let ok = d <= 4 || (want < f64::MIN_POSITIVE && (g - want).abs() <= 4.0 * 4.9e-324);
        assert!(ok, "exp({xi:e}) = {g:e}, libm {want:e}: {d} ulp");
    }
    eprintln!("exp f64: worst {} ulp at {:e}", worst.0, worst.1);
}

#[test]
fn exp_f32_within_4_ulp_of_libm() {
    let x: Vec<f32> = inputs64(-104.0, 89.0)
        .into_iter()
        .map(|v| v as f32)
        .collect();
    let got = Array::from_slice(&x, &[x.len()])
        .exp()
        .to_vec::<f32>()
        .unwrap();
    for (&xi, &g) in x.iter().zip(&got) {
        let want = xi.exp();
        let d = ulps32(g, want);
        let ok = d <= 4 || (want < f32::MIN_POSITIVE && (g - want).abs() <= 4.0 * 1.5e-45);
        assert!(ok, "exp({xi:e}) = {g:e}, libm {want:e}: {d} ulp");
    }
}

#[test]
fn exp_is_the_same_in_the_vector_body_and_the_scalar_tail() {
    // The same value at every position of arrays of several lengths (vector lanes, unrolled
    // loop and tail all compute it).
    for n in [1usize, 2, 3, 7, 8, 9, 33] {
        let x = Array::full(&[n], 0.123_456_789_f64).eval().unwrap();
        let v = (&x + 0.0).exp().to_vec::<f64>().unwrap();
        assert!(
            v.iter().all(|&e| e.to_bits() == v[0].to_bits()),
            "n={n}: {v:?}"
        );
    }
}

#[test]
fn special_values_are_exact() {
    // np.exp([0, -0, inf, -inf, nan, 1000, -1000])
    let x = Array::from_vec(
        vec![
            0.0,
            -0.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            1000.0,
            -1000.0,
        ],
        &[7],
    );
    let v = x.exp().to_vec::<f64>().unwrap();
    assert_eq!(&v[..4], &[1.0, 1.0, f64::INFINITY, 0.0]);
    assert!(v[4].is_nan());
    assert_eq!(&v[5..], &[f64::INFINITY, 0.0]);
}

#[test]
fn other_functions_match_libm_exactly() {
    let x = inputs64(-20.0, 20.0);
    let a = Array::from_slice(&x, &[x.len()]);
    for (name, f, g) in [
        ("sin", a.sin(), f64::sin as fn(f64) -> f64),
        ("cos", a.cos(), f64::cos),
        ("tanh", a.tanh(), f64::tanh),
        ("log", a.abs().log(), |v: f64| v.abs().ln()),
    ] {
        let got = f.to_vec::<f64>().unwrap();
        for (&xi, &gi) in x.iter().zip(&got) {
            assert_eq!(ulps64(gi, g(xi)), 0, "{name}({xi})");
        }
    }
    // float32 too
    let x32 = a.astype(DType::F32);
    let got = x32.sin().to_vec::<f32>().unwrap();
    let xs = x32.to_vec::<f32>().unwrap();
    for (&xi, &gi) in xs.iter().zip(&got) {
        assert_eq!(ulps32(gi, xi.sin()), 0, "sin({xi})");
    }
}
