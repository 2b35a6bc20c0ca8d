//! Accuracy of the compiled transcendental functions against libm (Rust's `f64::exp` etc.,
//! which the reference evaluator uses): at most 4 ulp, special values exact. `exp`, `log`,
//! `log1p`, `expm1`, `sin`, `cos` and `tanh` are inline polynomials (vectorized); each is checked on
//! millions of inputs per dtype (random bit patterns of finite values, dense sweeps, the
//! neighbourhoods where it is hard, subnormals, edges), the measured worst printed; a value
//! gets the same result in a vector lane as in the scalar tail.

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

/// An array function (`Array::sin`, ...).
type ArrayFn = fn(&Array) -> Array;
/// A function's name, its compiled result and libm's form.
type Computed<T> = (&'static str, Array, fn(T) -> T);

/// A xorshift stream (the tests' inputs are reproducible).
struct Bits(u64);

impl Bits {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A uniform value in `[lo, hi)`.
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * ((self.next() >> 11) as f64 / (1u64 << 53) as f64)
    }

    /// A finite float64 from random bits (every exponent equally likely).
    fn finite64(&mut self) -> f64 {
        loop {
            let v = f64::from_bits(self.next());
            if v.is_finite() {
                return v;
            }
        }
    }

    /// A finite float32 from random bits.
    fn finite32(&mut self) -> f32 {
        loop {
            let v = f32::from_bits(self.next() as u32);
            if v.is_finite() {
                return v;
            }
        }
    }

    /// A float64 of magnitude `2^e`, `e` uniform in `[lo, hi)`, either sign.
    fn scale64(&mut self, lo: i32, hi: i32) -> f64 {
        let e = lo + (self.next() % (hi - lo) as u64) as i32;
        let m = self.uniform(1.0, 2.0);
        let s = if self.next() & 1 == 0 { 1.0 } else { -1.0 };
        s * m * 2f64.powi(e)
    }
}

/// Edges every function sees.
const EDGES64: [f64; 16] = [
    0.0,
    -0.0,
    5e-324,
    -5e-324,
    2.225_073_858_507_201e-308,
    -2.225_073_858_507_201e-308,
    1.0,
    -1.0,
    0.5,
    2.0,
    f64::MAX,
    f64::MIN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
    -f64::NAN,
];

/// The inputs of one function in float64: `n` random finite bit patterns, `n` uniform values
/// in `[lo, hi]` and a dense sweep of it, `n` values of magnitude `2^-60..2^3` (near 0), and
/// `extra` and the edges.
fn domain64(n: usize, lo: f64, hi: f64, extra: &[f64]) -> Vec<f64> {
    let mut r = Bits(0x9E37_79B9_7F4A_7C15 ^ n as u64 ^ lo.to_bits());
    let mut v = Vec::with_capacity(4 * n);
    v.extend((0..n).map(|_| r.finite64()));
    v.extend((0..n).map(|_| r.uniform(lo, hi)));
    v.extend((0..=n).map(|i| lo + (hi - lo) * i as f64 / n as f64));
    v.extend((0..n).map(|_| r.scale64(-60, 3)));
    // subnormals
    v.extend((0..1000).map(|_| f64::from_bits(r.next() & 0x800F_FFFF_FFFF_FFFF)));
    v.extend_from_slice(extra);
    v.extend_from_slice(&EDGES64);
    v
}

/// As [`domain64`] in float32, with random float32 bit patterns.
fn domain32(n: usize, lo: f64, hi: f64, extra: &[f64]) -> Vec<f32> {
    let mut r = Bits(0xD1B5_4A32_D192_ED03 ^ n as u64);
    let mut v: Vec<f32> = domain64(n, lo, hi, extra)
        .into_iter()
        .map(|x| x as f32)
        .collect();
    v.extend((0..n).map(|_| r.finite32()));
    v.extend((0..1000).map(|_| f32::from_bits(r.next() as u32 & 0x807F_FFFF)));
    v
}

/// Checks `f` on `x` (float64) against `libm`: compiled as one vectorized kernel, within 4
/// ulp everywhere; returns the worst distance, printed.
fn check64(name: &str, x: &[f64], f: fn(&Array) -> Array, libm: fn(f64) -> f64) -> u64 {
    let y = f(&Array::from_slice(x, &[x.len()]));
    let (y, report) = y.eval_with_report().unwrap();
    assert_eq!(
        (report.launches, report.vectorized),
        (1, 1),
        "{name}: {report:?}"
    );
    let got = y.to_vec::<f64>().unwrap();
    let mut worst = (0u64, 0.0f64);
    for (&xi, &g) in x.iter().zip(&got) {
        let want = libm(xi);
        let d = ulps64(g, want);
        assert!(d <= 4, "{name}({xi:e}) = {g:e}, libm {want:e}: {d} ulp");
        if d > worst.0 {
            worst = (d, xi);
        }
    }
    eprintln!(
        "{name} f64: {} inputs, worst {} ulp at {:e}",
        x.len(),
        worst.0,
        worst.1
    );
    worst.0
}

/// As [`check64`] in float32.
fn check32(name: &str, x: &[f32], f: fn(&Array) -> Array, libm: fn(f32) -> f32) -> u64 {
    let y = f(&Array::from_slice(x, &[x.len()]));
    let (y, report) = y.eval_with_report().unwrap();
    assert_eq!(
        (report.launches, report.vectorized),
        (1, 1),
        "{name}: {report:?}"
    );
    let got = y.to_vec::<f32>().unwrap();
    let mut worst = (0u64, 0.0f32);
    for (&xi, &g) in x.iter().zip(&got) {
        let want = libm(xi);
        let d = ulps32(g, want);
        assert!(d <= 4, "{name}({xi:e}) = {g:e}, libm {want:e}: {d} ulp");
        if d > worst.0 {
            worst = (d, xi);
        }
    }
    eprintln!(
        "{name} f32: {} inputs, worst {} ulp at {:e}",
        x.len(),
        worst.0,
        worst.1
    );
    worst.0
}

const N: usize = 500_000;

/// Values near 1 (where log cancels): `1 ± k·ε` and `1 ± u·2^-e`.
fn near_one() -> Vec<f64> {
    let mut r = Bits(7);
    let mut v: Vec<f64> = (-2000..=2000)
        .map(|k| 1.0 + f64::from(k) * f64::EPSILON)
        .collect();
    v.extend((0..200_000).map(|_| 1.0 + r.scale64(-50, -1)));
    v.extend((-2000..=2000).map(|k| 1.0 + k as f64 * f64::from(f32::EPSILON)));
    v
}

#[test]
fn log_within_4_ulp_of_libm() {
    let mut extra = near_one();
    // positive values of every exponent, and sqrt(1/2), sqrt(2) where the split switches
    let mut r = Bits(3);
    extra.extend((0..N).map(|_| r.finite64().abs()));
    extra.extend([
        std::f64::consts::FRAC_1_SQRT_2,
        std::f64::consts::SQRT_2,
        1.0 - 1e-16,
    ]);
    let x = domain64(N, 0.0, 1000.0, &extra);
    check64("log", &x, Array::log, f64::ln);
    let mut x32 = domain32(N, 0.0, 1000.0, &extra);
    x32.extend((0..N).map(|_| r.finite32().abs()));
    check32("log", &x32, Array::log, f32::ln);
}

#[test]
fn log1p_within_4_ulp_of_libm() {
    let mut r = Bits(5);
    // near -1 (log1p -> -inf), near 0 (its reason to exist), every exponent above -1
    let mut extra: Vec<f64> = (0..100_000)
        .map(|_| -1.0 + r.scale64(-53, -1).abs())
        .collect();
    extra.extend((0..N).map(|_| r.scale64(-80, 0)));
    extra.extend((0..N).map(|_| r.finite64().abs()));
    extra.extend([
        -1.0,
        -1.0 + f64::EPSILON / 2.0,
        -0.29,
        0.41,
        -0.5,
        1e-17,
        -1e-17,
    ]);
    let x = domain64(N, -1.0, 10.0, &extra);
    check64("log1p", &x, Array::log1p, f64::ln_1p);
    check32(
        "log1p",
        &domain32(N, -1.0, 10.0, &extra),
        Array::log1p,
        f32::ln_1p,
    );
}

/// Inputs for sin and cos: the closest float64s to multiples of π/2 (where the reduction
/// cancels most) up to the libm fallback's limit and beyond, values around that limit, and
/// huge arguments up to `f64::MAX`.
fn angles() -> Vec<f64> {
    let mut r = Bits(11);
    let mut v: Vec<f64> = Vec::new();
    for k in (1..1_100_000i64).step_by(7) {
        let m = k as f64 * std::f64::consts::FRAC_PI_2;
        v.extend([
            m,
            f64::from_bits(m.to_bits() + 1),
            f64::from_bits(m.to_bits() - 1),
        ]);
    }
    v.extend((0..N).map(|_| r.uniform(-2e6, 2e6)));
    v.extend((0..100_000).map(|_| r.uniform(1.59e6, 1.61e6)));
    v.extend((0..N).map(|_| r.scale64(20, 1024)));
    // 6381956970095103·2^797, the float64 closest to a multiple of π/2 (Kahan–McDonald)
    v.push(6_381_956_970_095_103.0 * 2f64.powi(797));
    v
}

#[test]
fn sin_within_4_ulp_of_libm() {
    let extra = angles();
    let x = domain64(N, -20.0, 20.0, &extra);
    check64("sin", &x, Array::sin, f64::sin);
    check32(
        "sin",
        &domain32(N, -20.0, 20.0, &extra),
        Array::sin,
        f32::sin,
    );
}

#[test]
fn cos_within_4_ulp_of_libm() {
    let extra = angles();
    let x = domain64(N, -20.0, 20.0, &extra);
    check64("cos", &x, Array::cos, f64::cos);
    check32(
        "cos",
        &domain32(N, -20.0, 20.0, &extra),
        Array::cos,
        f32::cos,
    );
}

#[test]
fn tanh_within_4_ulp_of_libm() {
    let mut r = Bits(13);
    // near 0, around the formula switches (0.2554, 0.5493) and saturation (20; 9 in f32)
    let mut extra: Vec<f64> = (0..N).map(|_| r.scale64(-80, -1)).collect();
    extra.extend((0..200_000).map(|_| r.uniform(0.2, 0.6)));
    extra.extend((0..100_000).map(|_| r.uniform(8.0, 23.0)));
    let x = domain64(N, -25.0, 25.0, &extra);
    check64("tanh", &x, Array::tanh, f64::tanh);
    check32(
        "tanh",
        &domain32(N, -25.0, 25.0, &extra),
        Array::tanh,
        f32::tanh,
    );
}

#[test]
fn expm1_within_4_ulp_of_libm() {
    let mut r = Bits(19);
    // near 0, around ±ln2/2 where the reduction starts, near the overflow and the -1 limit
    let mut extra: Vec<f64> = (0..N).map(|_| r.scale64(-80, -1)).collect();
    extra.extend((0..200_000).map(|_| r.uniform(-0.4, 0.4)));
    extra.extend((0..100_000).map(|_| r.uniform(700.0, 709.8)));
    extra.extend((0..100_000).map(|_| r.uniform(-45.0, -35.0)));
    extra.extend((0..100_000).map(|_| r.uniform(80.0, 89.0)));
    extra.extend([
        709.782_712_893_384,
        709.782_712_893_385,
        88.722_84,
        88.722_85,
    ]);
    let x = domain64(N, -50.0, 50.0, &extra);
    check64("expm1", &x, Array::expm1, f64::exp_m1);
    check32(
        "expm1",
        &domain32(N, -50.0, 50.0, &extra),
        Array::expm1,
        f32::exp_m1,
    );
}

/// Every inline function, at every position of an array of 4099 values (unrolled vectors,
/// single vectors, scalar tail), equals the function of that value alone (a one-element
/// array, computed by the scalar loop), and the array's plan is a vector loop.
#[test]
fn each_lane_equals_the_scalar_tail() {
    let mut r = Bits(17);
    let x: Vec<f64> = (0..4099)
        .map(|i| match i % 4 {
            0 => r.uniform(-10.0, 10.0),
            1 => r.scale64(-30, 10),
            2 => r.uniform(-1.0, 3.0),
            _ => r.finite64(),
        })
        .collect();
    let fs: [(&str, ArrayFn); 7] = [
        ("exp", Array::exp),
        ("expm1", Array::expm1),
        ("log", Array::log),
        ("log1p", Array::log1p),
        ("sin", Array::sin),
        ("cos", Array::cos),
        ("tanh", Array::tanh),
    ];
    for (name, f) in fs {
        for d in [DType::F64, DType::F32] {
            let a = Array::from_slice(&x, &[x.len()]).astype(d).eval().unwrap();
            let y = f(&a);
            let lanes = if d == DType::F64 { 2 } else { 4 };
            let plan = y.explain().to_string();
            assert!(
                plan.contains(&format!("loops: 4099 [{lanes}-lane vectors]")),
                "{name} {d}: {plan}"
            );
            let whole = y.astype(DType::F64).to_vec::<f64>().unwrap();
            let xs = a.astype(DType::F64).to_vec::<f64>().unwrap();
            for (i, (&xi, &wi)) in xs.iter().zip(&whole).enumerate() {
                let one = f(&Array::from_slice(&[xi], &[1]).astype(d));
                let one = one.astype(DType::F64).to_vec::<f64>().unwrap()[0];
                assert!(
                    one.to_bits() == wi.to_bits() || (one.is_nan() && wi.is_nan()),
                    "{name} {d} at {i}: {name}({xi:e}) = {wi:e} in the array, {one:e} alone"
                );
            }
        }
    }
}

/// Where libm's value is exact and so must ours be: signed zeros, infinities, NaN, `log(1)`,
/// `log1p(-1)`, and the odd functions of a subnormal (`f(x) = x`).
fn exactly_libms(name: &str, x: f64) -> bool {
    let odd = matches!(name, "expm1" | "log1p" | "sin" | "tanh");
    x == 0.0
        || !x.is_finite()
        || (name == "log" && x == 1.0)
        || (name == "log1p" && x == -1.0)
        || (odd && x.abs() < 1e-300)
}

#[test]
fn special_values_of_the_inline_functions_are_libms() {
    let x = [
        0.0,
        -0.0,
        1.0,
        -1.0,
        5e-324,
        -5e-324,
        1e-310,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
    ];
    let a = Array::from_slice(&x, &[x.len()]);
    let fs: [Computed<f64>; 6] = [
        ("expm1", a.expm1(), f64::exp_m1),
        ("log", a.log(), f64::ln),
        ("log1p", a.log1p(), f64::ln_1p),
        ("sin", a.sin(), f64::sin),
        ("cos", a.cos(), f64::cos),
        ("tanh", a.tanh(), f64::tanh),
    ];
    for (name, y, libm) in fs {
        let got = y.to_vec::<f64>().unwrap();
        for (&xi, &g) in x.iter().zip(&got) {
            let want = libm(xi);
            if exactly_libms(name, xi) {
                // signed zeros and infinities included
                assert!(
                    g.to_bits() == want.to_bits() || (g.is_nan() && want.is_nan()),
                    "{name}({xi:e}) = {g:e}, libm {want:e}"
                );
            }
        }
    }
    let x32: Vec<f32> = x.iter().map(|&v| v as f32).chain([1e-40, -1e-45]).collect();
    let a32 = Array::from_slice(&x32, &[x32.len()]);
    let fs: [Computed<f32>; 6] = [
        ("expm1", a32.expm1(), f32::exp_m1),
        ("log", a32.log(), f32::ln),
        ("log1p", a32.log1p(), f32::ln_1p),
        ("sin", a32.sin(), f32::sin),
        ("cos", a32.cos(), f32::cos),
        ("tanh", a32.tanh(), f32::tanh),
    ];
    for (name, y, libm) in fs {
        let got = y.to_vec::<f32>().unwrap();
        for (&xi, &g) in x32.iter().zip(&got) {
            let want = libm(xi);
            if exactly_libms(name, f64::from(xi)) || f64::from(xi).abs() < 1.2e-38 && name != "log"
            {
                assert!(
                    g.to_bits() == want.to_bits() || (g.is_nan() && want.is_nan()),
                    "{name}({xi:e}) = {g:e}, libm {want:e}"
                );
            }
        }
    }
}

/// The branch to libm for huge `sin`/`cos` arguments works wherever the function is computed:
/// inside a vectorized reduction, on a broadcast row (computed once per row of the output,
/// outside the innermost loop) and under `where_`.
#[test]
fn the_huge_argument_fallback_works_in_reductions_and_broadcasts() {
    let x: Vec<f64> = (0..1001)
        .map(|i| {
            if i % 3 == 0 {
                1e300 / (i + 1) as f64
            } else {
                i as f64 * 0.37
            }
        })
        .collect();
    let a = Array::from_slice(&x, &[x.len()]);
    let want: f64 = x.iter().map(|v| v.sin()).sum();
    let got = a.sin().sum().item::<f64>().unwrap();
    assert!(
        (got - want).abs() <= 1e-12 * x.len() as f64,
        "{got} vs {want}"
    );
    // a column of huge values broadcast along rows: cos(col) + row
    let col = Array::from_slice(&x[..40], &[40, 1]);
    let row = Array::from_slice(&x[..9], &[1, 9]);
    let m = (col.cos() + &row).to_vec::<f64>().unwrap();
    for i in 0..40 {
        for j in 0..9 {
            // cos within 4 ulp, then one rounded addition
            let w = x[i].cos() + x[j];
            let tol = 5.0 * f64::EPSILON * (x[i].cos().abs() + x[j].abs());
            assert!(
                (m[i * 9 + j] - w).abs() <= tol,
                "({i}, {j}): {} vs {w}",
                m[i * 9 + j]
            );
        }
    }
    // where_ picks sin(x) of huge and small values lane by lane
    let picked = lazyarray::where_(&a.gt(1.0), a.sin(), a.cos())
        .to_vec::<f64>()
        .unwrap();
    for (&v, &p) in x.iter().zip(&picked) {
        let w = if v > 1.0 { v.sin() } else { v.cos() };
        assert!(ulps64(p, w) <= 4, "{v:e}: {p} vs {w}");
    }
}
