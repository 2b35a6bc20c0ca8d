//! The elementwise functions as API: the ones that answer a question with one bool
//! (`allclose`, `array_equal`), the two-result `divmod`, operators with scalars on either
//! side, errors where NumPy raises, and fusion (a chain of the new functions is one kernel).
//! Values of every function on every dtype are checked against NumPy by the golden corpus;
//! expected values here are NumPy 2.4's, written next to each assertion.

use lazyarray::{Array, DType, Error};

fn f64s(v: &[f64]) -> Array {
    Array::from_slice(v, &[v.len()])
}

#[test]
fn allclose_and_array_equal_answer_with_one_bool() {
    let a = f64s(&[1.0, 2.0, f64::NAN]);
    let b = f64s(&[1.0 + 1e-9, 2.0, f64::NAN]);
    // np.allclose(a, b) is False (NaN), with equal_nan=True it is True.
    assert!(!a.allclose(&b).unwrap());
    assert!(a.allclose_with(&b, 1e-5, 1e-8, true).unwrap());
    // np.array_equal: NaN != NaN; shape mismatch is False, not an error.
    assert!(!a.array_equal(&a).unwrap());
    let c = f64s(&[1.0, 2.0]);
    assert!(c.array_equal(&c).unwrap());
    assert!(!c.array_equal(&a).unwrap());
    assert!(!c.array_equal(&c.reshape(&[1, 2])).unwrap());
    // np.isclose(1e10, 1.00001e10) is True (rtol), np.isclose(1e-9, 2e-9) is True (atol)
    let x = f64s(&[1e10, 1e-9, 1.0]);
    let y = f64s(&[1.00001e10, 2e-9, 1.1]);
    assert_eq!(
        x.isclose(&y).to_vec::<bool>().unwrap(),
        vec![true, true, false]
    );
    // Infinities are close only to themselves: np.isclose([inf, inf], [inf, -inf])
    let inf = f64s(&[f64::INFINITY, f64::INFINITY]);
    let other = f64s(&[f64::INFINITY, f64::NEG_INFINITY]);
    assert_eq!(
        inf.isclose(&other).to_vec::<bool>().unwrap(),
        vec![true, false]
    );
}

#[test]
fn an_error_in_an_operand_is_the_answer_of_allclose() {
    let bad = f64s(&[1.0]).reshape(&[3]);
    let e = bad.allclose(&f64s(&[1.0])).unwrap_err();
    assert!(matches!(e, Error::View(_) | Error::Shape(_)), "{e}");
}

#[test]
fn divmod_gives_both_results_and_they_evaluate_together() {
    let a = Array::from_vec(vec![7i64, -7, 7, -7], &[4]);
    let b = Array::from_vec(vec![2i64, 2, -2, 0], &[4]);
    let (q, r) = a.divmod(&b);
    let both = lazyarray::eval(&[&q, &r]).unwrap();
    // np.divmod([7, -7, 7, -7], [2, 2, -2, 0]) == ([3, -4, -4, 0], [1, 1, -1, 0])
    assert_eq!(both[0].to_vec::<i64>().unwrap(), vec![3, -4, -4, 0]);
    assert_eq!(both[1].to_vec::<i64>().unwrap(), vec![1, 1, -1, 0]);
}

#[test]
fn shift_operators_with_scalars_on_either_side() {
    let a = Array::from_vec(vec![1i32, -8, 3], &[3]);
    // np.left_shift([1, -8, 3], 2), np.right_shift([1, -8, 3], 1), np.left_shift(1, [1, -8, 3])
    assert_eq!((&a << 2).to_vec::<i32>().unwrap(), vec![4, -32, 12]);
    assert_eq!((&a >> 1).to_vec::<i32>().unwrap(), vec![0, -4, 1]);
    assert_eq!((1 << &a).to_vec::<i32>().unwrap(), vec![2, 0, 8]);
    let mut b = a.clone();
    b <<= 1;
    assert_eq!(b.to_vec::<i32>().unwrap(), vec![2, -16, 6]);
}

#[test]
fn functions_refuse_the_dtypes_numpy_refuses() {
    let floats = f64s(&[1.5]);
    let bools = Array::from_vec(vec![true], &[1]);
    for (a, name) in [
        (floats.gcd(&floats), "gcd"),
        (floats.clone() << 1, "left_shift"),
        (floats.bitwise_count(), "bitwise_count"),
        (bools.positive(), "positive"),
        (bools.sign(), "sign"),
        (bools.arctan2(&bools), "arctan2"),
    ] {
        let e = a.eval().unwrap_err();
        assert!(matches!(e, Error::DType(_)), "{name}: {e}");
        assert!(e.to_string().contains(name), "{name}: {e}");
    }
}

#[test]
fn result_dtypes_follow_numpy() {
    let i16s = Array::from_vec(vec![3i16], &[1]);
    let i32s = Array::from_vec(vec![3i32], &[1]);
    let bools = Array::from_vec(vec![true], &[1]);
    // np.arctan2(int16, int16) is float32; np.copysign(int32, int32) float64;
    // np.left_shift(bool, bool) int8; np.isnan(int32) bool; np.bitwise_count(int32) uint8;
    // np.float_power(float32, 2) float64; np.square(bool) int8; np.reciprocal(bool) int8.
    assert_eq!(i16s.arctan2(&i16s).dtype(), DType::F32);
    assert_eq!(i32s.copysign(&i32s).dtype(), DType::F64);
    assert_eq!((&bools << &bools).dtype(), DType::I8);
    assert_eq!(i32s.isnan().dtype(), DType::Bool);
    assert_eq!(i32s.bitwise_count().dtype(), DType::U8);
    assert_eq!(i32s.astype(DType::F32).float_power(2).dtype(), DType::F64);
    assert_eq!(bools.square().dtype(), DType::I8);
    assert_eq!(bools.reciprocal().dtype(), DType::I8);
    // np.round keeps the dtype: np.round(np.int32([1250]), -2) == [1200]
    let r = Array::from_vec(vec![1250i32, 1350], &[2]).round(-2);
    assert_eq!(r.dtype(), DType::I32);
    assert_eq!(r.to_vec::<i32>().unwrap(), vec![1200, 1400]);
}

/// A chain of the new functions over one input is one kernel that reads the input once.
#[test]
fn chains_of_functions_fuse_into_one_kernel() {
    let x = Array::linspace(0.1, 0.9, 10_000).eval().unwrap();
    let y = x
        .arcsin()
        .hypot(x.log2())
        .logaddexp(x.expm1())
        .fmax(x.rint())
        .copysign(&-&x);
    let plan = y.explain();
    assert_eq!(plan.kernels.len(), 1, "{plan}");
    let got = y.to_vec::<f64>().unwrap();
    let xs = x.to_vec::<f64>().unwrap();
    for (g, v) in got.iter().zip(&xs) {
        let h = v.asin().hypot(v.log2());
        let e = v.exp_m1();
        let l = h.max(e) + (-(h - e).abs()).exp().ln_1p();
        let m = l.max(v.round_ties_even());
        // expm1 is inline (within 4 ulp of libm; the rest calls libm): a few ulp apart at most
        let want = -m.abs();
        assert!(
            (g - want).abs() <= 8.0 * f64::EPSILON * want.abs(),
            "x = {v}: {g} vs {want}"
        );
    }
}
