//! Accuracy of the compiled transcendental functions against libm (Rust's `f64::exp` etc.,
//! which the reference evaluator uses): at most 4 ulp, special values exact. `exp` is an inline
//! polynomial (vectorized); the others call libm and must match it exactly.

mod common;

use common::ulps::{ulps, ulps32, ulps64};
use lazyarray::{Array, DType};

/// The distance every tolerance here counts in: equal numbers and two NaNs are 0 apart, a NaN
/// and a number infinitely far (`u64::MAX`), anything else the steps between them on the
/// ordered line of floats, across zero too (-0.0 and 0.0 being one point).
#[test]
fn the_ulp_distance_counts_steps_on_the_ordered_line() {
    // equal numbers, signed zeros, NaNs of any payload or sign
    assert_eq!(ulps64(1.5, 1.5), 0);
    assert_eq!(ulps64(0.0, -0.0), 0);
    assert_eq!(ulps64(f64::NAN, -f64::NAN), 0);
    assert_eq!(ulps64(f64::NAN, f64::from_bits(0x7ff0_0000_0000_0001)), 0);
    assert_eq!(ulps32(f32::NAN, -f32::NAN), 0);
    // a NaN against any number, even the infinity whose bits are one away
    assert_eq!(ulps64(f64::NAN, 1.0), u64::MAX);
    assert_eq!(
        ulps64(f64::from_bits(0x7ff0_0000_0000_0001), f64::INFINITY),
        u64::MAX
    );
    assert_eq!(ulps32(f32::INFINITY, f32::NAN), u64::MAX);
    // neighbours, within a sign and across zero
    assert_eq!(ulps64(1.0, 1.0 + f64::EPSILON), 1);
    assert_eq!(ulps64(-1.0, -1.0 - f64::EPSILON), 1);
    assert_eq!(ulps64(f64::MAX, f64::INFINITY), 1);
    assert_eq!(ulps64(5e-324, -5e-324), 2);
    assert_eq!(ulps64(-0.0, 5e-324), 1);
    assert_eq!(ulps32(1e-45, -1e-45), 2);
    assert_eq!(ulps32(22026.465, 22026.467), 1);
    assert_eq!(ulps64(1.0, -1.0), 2 * 1f64.to_bits());
    assert_eq!(ulps64(f64::MAX, f64::MIN), 2 * f64::MAX.to_bits());
    // through bits, as the comparisons of whole arrays call it
    let b32 = |v: f32| u64::from(v.to_bits());
    assert_eq!(ulps(DType::F32, b32(1.0), b32(1.0 + f32::EPSILON)), 1);
    assert_eq!(ulps(DType::F32, b32(-0.0), b32(0.0)), 0);
    assert_eq!(ulps(DType::F64, 1f64.to_bits(), 2f64.to_bits()), 1 << 52);
    assert_eq!(ulps(DType::I64, 3, 3), 0);
    assert_eq!(ulps(DType::I64, 3, 4), u64::MAX);
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
