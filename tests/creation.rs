//! Creating arrays: constants, ranges, identity matrices, data and random numbers. Every expected
//! value was computed with NumPy 2.4 (the expression is written next to each case).

mod common;
use common::*;
use lazyarray::{Array, DType, Error};

// ---------------------------------------------------------------------------------------------
// zeros, ones, full, scalar
// ---------------------------------------------------------------------------------------------

#[test]
fn zeros_and_ones_are_float64() {
    // np.zeros((2,3))
    check(&Array::zeros(&[2, 3]), &[2, 3], &[0.0f64; 6]);
    // np.ones((3,))
    check(&Array::ones(&[3]), &[3], &[1.0f64, 1.0, 1.0]);
    // np.zeros(())
    check(&Array::zeros(&[]), &[], &[0.0f64]);
    // np.ones(()) is 0-d
    check(&Array::ones(&[]), &[], &[1.0f64]);
    // np.ones((0,3)) is empty
    check(&Array::ones(&[0, 3]), &[0, 3], &[] as &[f64]);
    // np.zeros((2,0,4,1))
    check(&Array::zeros(&[2, 0, 4, 1]), &[2, 0, 4, 1], &[] as &[f64]);
    // np.zeros((1,1,1,1))
    check(&Array::zeros(&[1, 1, 1, 1]), &[1, 1, 1, 1], &[0.0f64]);
    assert_eq!(Array::zeros(&[2]).dtype(), DType::F64);
    assert_eq!(Array::ones(&[2]).dtype(), DType::F64);
}

#[test]
fn full_of_every_dtype() {
    // np.full((2,2), True)
    check(&Array::full(&[2, 2], true), &[2, 2], &[true; 4]);
    // np.full((3,), False)
    check(&Array::full(&[3], false), &[3], &[false; 3]);
    // np.full((3,), -7, dtype=np.int32)
    check(&Array::full(&[3], -7i32), &[3], &[-7i32, -7, -7]);
    // np.full((2,), 2**40+3)
    check(
        &Array::full(&[2], (1i64 << 40) + 3),
        &[2],
        &[1099511627779i64, 1099511627779],
    );
    // np.full((1,), np.iinfo(np.int64).min)
    check(&Array::full(&[1], i64::MIN), &[1], &[i64::MIN]);
    // np.full((2,2), 1.5, dtype=np.float32)
    check(&Array::full(&[2, 2], 1.5f32), &[2, 2], &[1.5f32; 4]);
    // np.full((1,3), -0.0): the sign of zero survives
    check(&Array::full(&[1, 3], -0.0f64), &[1, 3], &[-0.0f64; 3]);
    // np.full((2,), np.nan)
    check(&Array::full(&[2], f64::NAN), &[2], &[f64::NAN; 2]);
    // np.full((2,), -np.inf, dtype=np.float32)
    check(
        &Array::full(&[2], f32::NEG_INFINITY),
        &[2],
        &[f32::NEG_INFINITY; 2],
    );
    // np.full((0,5), 3)
    check(&Array::full(&[0, 5], 3i64), &[0, 5], &[] as &[i64]);
}

#[test]
fn scalars_are_zero_dimensional() {
    // np.array(True), np.array(3, dtype=np.int32), np.array(-4), np.array(2.5, dtype=np.float32),
    // np.array(0.1)
    check(&Array::scalar(true), &[], &[true]);
    check(&Array::scalar(3i32), &[], &[3i32]);
    check(&Array::scalar(-4i64), &[], &[-4i64]);
    check(&Array::scalar(2.5f32), &[], &[2.5f32]);
    check(&Array::scalar(0.1f64), &[], &[0.1f64]);
    let s = Array::scalar(7i64);
    assert_eq!((s.ndim(), s.size()), (0, 1));
    // np.array(7).item() == 7; item converts like NumPy: float(np.array(7)) == 7.0
    assert_eq!(s.item::<i64>().unwrap(), 7);
    assert_eq!(s.item::<f64>().unwrap(), 7.0);
    let e = s.eval().unwrap();
    assert!(e.is_materialized());
    assert_eq!(e.shape(), &[] as &[usize]);
}

#[test]
fn too_big_shapes_are_shape_errors() {
    // np.zeros(2**62) -> ValueError: array is too big; `arr.size * arr.dtype.itemsize` is larger
    // than the maximum possible size.
    let a = Array::zeros(&[1 << 62]);
    let err = a.check().unwrap_err();
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_message(&err, &["full", "array is too big", "creation.rs"]);
    // np.empty((0, 2**62, 2**62)) fails too, though it holds nothing
    let err = Array::full(&[0, 1 << 62, 1 << 62], 1i32)
        .eval()
        .unwrap_err();
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_message(&err, &["array is too big"]);
    // the error travels into everything built from the array
    let err = (Array::zeros(&[usize::MAX, 2]) + 1.0)
        .to_vec::<f64>()
        .unwrap_err();
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_message(&err, &["array is too big"]);
    let err = Array::random(&[1 << 61], 0).check().unwrap_err();
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_message(&err, &["random_sample", "array is too big"]);
}

// ---------------------------------------------------------------------------------------------
// arange
// ---------------------------------------------------------------------------------------------

#[test]
fn arange_integers() {
    // np.arange(0, 5, 1)
    check(&Array::arange(0, 5, 1), &[5], &[0i64, 1, 2, 3, 4]);
    // np.arange(2, 10, 3)
    check(&Array::arange(2, 10, 3), &[3], &[2i64, 5, 8]);
    // np.arange(10, 0, -3)
    check(&Array::arange(10, 0, -3), &[4], &[10i64, 7, 4, 1]);
    // np.arange(-3, 3, 2)
    check(&Array::arange(-3, 3, 2), &[3], &[-3i64, -1, 1]);
    // np.arange(-1, -10, -4)
    check(&Array::arange(-1, -10, -4), &[3], &[-1i64, -5, -9]);
    // np.arange(0, 1, 5)
    check(&Array::arange(0, 1, 5), &[1], &[0i64]);
    // i32 bounds are Python ints to NumPy: np.arange(1, 4, 1).dtype == int64
    let a = Array::arange(1i32, 4i32, 1i32);
    check(&a, &[3], &[1i64, 2, 3]);
    // np.arange(2**40, 2**40 + 3, 1)
    check(
        &Array::arange(1i64 << 40, (1i64 << 40) + 3, 1),
        &[3],
        &[1099511627776i64, 1099511627777, 1099511627778],
    );
}

#[test]
fn arange_empty_results() {
    // np.arange(5, 5, 1), np.arange(5, 0, 1), np.arange(0, 5, -1): all shape (0,)
    check(&Array::arange(5, 5, 1), &[0], &[] as &[i64]);
    check(&Array::arange(5, 0, 1), &[0], &[] as &[i64]);
    check(&Array::arange(0, 5, -1), &[0], &[] as &[i64]);
    // np.arange(1.0, 0.0, 0.5) and np.arange(0.0, 1.0, -0.5)
    check(&Array::arange(1.0, 0.0, 0.5), &[0], &[] as &[f64]);
    check(&Array::arange(0.0, 1.0, -0.5), &[0], &[] as &[f64]);
    // np.arange(2.0, 2.0, 1.0)
    check(&Array::arange(2.0, 2.0, 1.0), &[0], &[] as &[f64]);
}

#[test]
fn arange_floats_follow_numpys_length_rule() {
    // np.arange(0, 1, 0.1): ceil((1 - 0) / 0.1) == 10 elements, not 11
    check(
        &Array::arange(0.0, 1.0, 0.1),
        &[10],
        &[
            0.0f64,
            0.1,
            0.2,
            0.30000000000000004,
            0.4,
            0.5,
            0.6000000000000001,
            0.7000000000000001,
            0.8,
            0.9,
        ],
    );
    // np.arange(0, 0.3, 0.1): (0.3 - 0) / 0.1 == 2.9999999999999996 -> 3
    check(&Array::arange(0.0, 0.3, 0.1), &[3], &[0.0f64, 0.1, 0.2]);
    // np.arange(1, 1.3, 0.1): (1.3 - 1) / 0.1 == 3.0000000000000004 -> 4, the last past 1.3
    check(
        &Array::arange(1.0, 1.3, 0.1),
        &[4],
        &[1.0f64, 1.1, 1.2000000000000002, 1.3000000000000003],
    );
    // np.arange(0.5, 0.6, 0.1)
    check(&Array::arange(0.5, 0.6, 0.1), &[1], &[0.5f64]);
    // np.arange(-1, 1, 0.7)
    check(
        &Array::arange(-1.0, 1.0, 0.7),
        &[3],
        &[-1.0f64, -0.30000000000000004, 0.3999999999999999],
    );
    // np.arange(0, 2, 1/3)
    check(
        &Array::arange(0.0, 2.0, 1.0 / 3.0),
        &[6],
        &[
            0.0f64,
            0.3333333333333333,
            0.6666666666666666,
            1.0,
            1.3333333333333333,
            1.6666666666666665,
        ],
    );
}

#[test]
fn arange_floats_with_negative_steps() {
    // np.arange(1, 0, -0.25)
    check(
        &Array::arange(1.0, 0.0, -0.25),
        &[4],
        &[1.0f64, 0.75, 0.5, 0.25],
    );
    // np.arange(2.5, -1, -1.5)
    check(&Array::arange(2.5, -1.0, -1.5), &[3], &[2.5f64, 1.0, -0.5]);
}

#[test]
fn arange_float32() {
    let f = |a: f32, b: f32, c: f32| Array::arange(a, b, c);
    // np.arange(np.float32(0), np.float32(1), np.float32(0.1), dtype=np.float32)
    check(
        &f(0.0, 1.0, 0.1),
        &[10],
        &[0.0f32, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.90000004],
    );
    // np.arange(np.float32(1), np.float32(0), np.float32(-0.1), dtype=np.float32)
    check(
        &f(1.0, 0.0, -0.1),
        &[10],
        &[
            1.0f32,
            0.9,
            0.79999995,
            0.6999999,
            0.5999999,
            0.49999988,
            0.39999986,
            0.29999983,
            0.19999981,
            0.099999785,
        ],
    );
    // np.arange(np.float32(1), np.float32(1.3), np.float32(0.1), dtype=np.float32): 3 elements
    // (float32 bounds; the float64 ones give 4)
    check(&f(1.0, 1.3, 0.1), &[3], &[1.0f32, 1.1, 1.2]);
    // np.arange(np.float32(0.5), np.float32(0.6), np.float32(0.1), dtype=np.float32): 2 elements
    check(&f(0.5, 0.6, 0.1), &[2], &[0.5f32, 0.6]);
}

#[test]
fn arange_errors() {
    // np.arange(0, 5, 0) -> ZeroDivisionError: division by zero
    let err = Array::arange(0, 5, 0).check().unwrap_err();
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_message(&err, &["arange", "division by zero", "creation.rs"]);
    assert_eq!(err.message(), "step cannot be zero (division by zero)");
    // np.arange(0., 5., 0.) -> ZeroDivisionError: float division by zero
    let err = Array::arange(0.0, 5.0, 0.0).to_vec::<f64>().unwrap_err();
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_message(&err, &["division by zero"]);
    // np.arange(0, np.inf, 1) -> ValueError: Maximum allowed size exceeded
    let err = Array::arange(0.0, f64::INFINITY, 1.0).check().unwrap_err();
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_message(&err, &["Maximum allowed size exceeded"]);
    // np.arange(0, 1e300, 1e-10) -> ValueError: Maximum allowed size exceeded
    let err = Array::arange(0.0, 1e300, 1e-10).check().unwrap_err();
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_message(&err, &["Maximum allowed size exceeded"]);
    // np.arange(0, -np.inf, 1) and np.arange(-np.inf, 0, 1) -> ValueError: Maximum allowed size
    // exceeded (not an empty array)
    for (a, z) in [(0.0, f64::NEG_INFINITY), (f64::NEG_INFINITY, 0.0)] {
        let err = Array::arange(a, z, 1.0).check().unwrap_err();
        assert!(matches!(err, Error::Shape(_)), "{err:?}");
        assert_message(&err, &["Maximum allowed size exceeded"]);
    }
    // np.arange(np.inf, np.inf, 1) -> ValueError: arange: cannot compute length
    let err = Array::arange(f64::INFINITY, f64::INFINITY, 1.0)
        .check()
        .unwrap_err();
    assert_message(&err, &["cannot compute length"]);
    // np.arange(0, np.nan, 1) -> ValueError: arange: cannot compute length
    let err = Array::arange(0.0, f64::NAN, 1.0).check().unwrap_err();
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_message(&err, &["cannot compute length"]);
}

// ---------------------------------------------------------------------------------------------
// linspace
// ---------------------------------------------------------------------------------------------

#[test]
fn linspace_with_endpoint() {
    // np.linspace(0, 1, 5)
    check(
        &Array::linspace(0.0, 1.0, 5),
        &[5],
        &[0.0f64, 0.25, 0.5, 0.75, 1.0],
    );
    // np.linspace(1, 0, 3)
    check(&Array::linspace(1.0, 0.0, 3), &[3], &[1.0f64, 0.5, 0.0]);
    // np.linspace(0, 1, 7)
    check(
        &Array::linspace(0.0, 1.0, 7),
        &[7],
        &[
            0.0f64,
            0.16666666666666666,
            0.3333333333333333,
            0.5,
            0.6666666666666666,
            0.8333333333333333,
            1.0,
        ],
    );
    // np.linspace(0.1, 0.7, 6): the last element is exactly stop
    check(
        &Array::linspace(0.1, 0.7, 6),
        &[6],
        &[
            0.1f64,
            0.22,
            0.33999999999999997,
            0.45999999999999996,
            0.58,
            0.7,
        ],
    );
    // np.linspace(5, 5, 3)
    check(&Array::linspace(5.0, 5.0, 3), &[3], &[5.0f64, 5.0, 5.0]);
    // np.linspace(0, 1, 2)
    check(&Array::linspace(0.0, 1.0, 2), &[2], &[0.0f64, 1.0]);
    // np.linspace(1e-300, 1e-300*(1+2**-52), 4): the step underflows to 0, so NumPy divides first
    check(
        &Array::linspace(1e-300, 1e-300 * (1.0 + f64::EPSILON), 4),
        &[4],
        &[
            1e-300f64,
            1e-300,
            1.0000000000000002e-300,
            1.0000000000000002e-300,
        ],
    );
}

#[test]
fn linspace_without_endpoint() {
    // np.linspace(0, 1, 5, endpoint=False)
    check(
        &Array::linspace_with(0.0, 1.0, 5, false),
        &[5],
        &[0.0f64, 0.2, 0.4, 0.6000000000000001, 0.8],
    );
    // np.linspace(-1, 2, 7, endpoint=False)
    check(
        &Array::linspace_with(-1.0, 2.0, 7, false),
        &[7],
        &[
            -1.0f64,
            -0.5714285714285714,
            -0.1428571428571429,
            0.2857142857142856,
            0.7142857142857142,
            1.1428571428571428,
            1.5714285714285712,
        ],
    );
}

#[test]
fn linspace_with_zero_and_one_elements() {
    // np.linspace(0, 1, 0)
    check(&Array::linspace(0.0, 1.0, 0), &[0], &[] as &[f64]);
    // np.linspace(0, 1, 0, endpoint=False)
    check(
        &Array::linspace_with(0.0, 1.0, 0, false),
        &[0],
        &[] as &[f64],
    );
    // np.linspace(2, 3, 1)
    check(&Array::linspace(2.0, 3.0, 1), &[1], &[2.0f64]);
    // np.linspace(2, 3, 1, endpoint=False)
    check(&Array::linspace_with(2.0, 3.0, 1, false), &[1], &[2.0f64]);
}

// ---------------------------------------------------------------------------------------------
// eye
// ---------------------------------------------------------------------------------------------

#[test]
fn eye_square() {
    // np.eye(3)
    check(
        &Array::eye(3),
        &[3, 3],
        &[1.0f64, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0],
    );
    // np.eye(1)
    check(&Array::eye(1), &[1, 1], &[1.0f64]);
    // np.eye(0)
    check(&Array::eye(0), &[0, 0], &[] as &[f64]);
}

#[test]
fn eye_with_offsets_and_rectangles() {
    // np.eye(3, 4, 1)
    check(
        &Array::eye_with(3, 4, 1),
        &[3, 4],
        &[
            0.0f64, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0,
        ],
    );
    // np.eye(4, 3, -1)
    check(
        &Array::eye_with(4, 3, -1),
        &[4, 3],
        &[
            0.0f64, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0,
        ],
    );
    // np.eye(3, 5, 2)
    check(
        &Array::eye_with(3, 5, 2),
        &[3, 5],
        &[
            0.0f64, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0,
        ],
    );
    // np.eye(3, 2, -2)
    check(
        &Array::eye_with(3, 2, -2),
        &[3, 2],
        &[0.0f64, 0.0, 0.0, 0.0, 1.0, 0.0],
    );
    // np.eye(2, 3, 5) and np.eye(2, 5, -3): the diagonal misses the matrix
    check(&Array::eye_with(2, 3, 5), &[2, 3], &[0.0f64; 6]);
    check(&Array::eye_with(2, 5, -3), &[2, 5], &[0.0f64; 10]);
    // np.eye(0, 3)
    check(&Array::eye_with(0, 3, 0), &[0, 3], &[] as &[f64]);
}

#[test]
fn eye_too_big_is_an_error() {
    // np.eye(2**40) -> array is too big
    let err = Array::eye(1 << 40).check().unwrap_err();
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_message(&err, &["eye", "array is too big"]);
}

// ---------------------------------------------------------------------------------------------
// from_vec / from_slice
// ---------------------------------------------------------------------------------------------

#[test]
fn from_vec_of_every_dtype() {
    // np.array([True, False, True, True, False, False]).reshape(2, 3)
    let b = vec![true, false, true, true, false, false];
    check(&Array::from_vec(b.clone(), &[2, 3]), &[2, 3], &b);
    // np.array([1, -2, 3, 2**31 - 1], dtype=np.int32).reshape(2, 2)
    let i = vec![1i32, -2, 3, i32::MAX];
    check(&Array::from_vec(i.clone(), &[2, 2]), &[2, 2], &i);
    // np.array([-(2**63), 0, 2**63 - 1]) has shape (3,)
    let l = vec![i64::MIN, 0, i64::MAX];
    check(&Array::from_vec(l.clone(), &[3]), &[3], &l);
    // np.array([0.5, -1.25, np.inf, np.nan], dtype=np.float32).reshape(4, 1)
    let f = vec![0.5f32, -1.25, f32::INFINITY, f32::NAN];
    check(&Array::from_vec(f.clone(), &[4, 1]), &[4, 1], &f);
    // np.array([0.1, -0.0, 1e300, 5e-324]).reshape(1, 2, 2)
    let d = vec![0.1f64, -0.0, 1e300, 5e-324];
    check(&Array::from_vec(d.clone(), &[1, 2, 2]), &[1, 2, 2], &d);
    assert!(Array::from_vec(d, &[4]).is_materialized());
}

#[test]
fn from_slice_copies_and_handles_zero_d_and_empty() {
    let mut data = vec![1.0f64, 2.0, 3.0];
    let a = Array::from_slice(&data, &[3]);
    data[0] = 99.0;
    // np.array([1., 2., 3.]) does not see later changes to the Python list
    check(&a, &[3], &[1.0f64, 2.0, 3.0]);
    // np.array(5) reshaped to () is 0-d
    check(&Array::from_slice(&[5i64], &[]), &[], &[5i64]);
    // np.array([], dtype=np.int32).reshape(2, 0)
    check(
        &Array::from_slice(&[] as &[i32], &[2, 0]),
        &[2, 0],
        &[] as &[i32],
    );
    // np.array([], dtype=bool) has shape (0,)
    check(
        &Array::from_slice(&[] as &[bool], &[0]),
        &[0],
        &[] as &[bool],
    );
    // 4-D: np.arange(1, 25, dtype=np.float32).reshape(2, 3, 2, 2)
    let v: Vec<f32> = (1..=24).map(|x| x as f32).collect();
    check(&Array::from_slice(&v, &[2, 3, 2, 2]), &[2, 3, 2, 2], &v);
}

#[test]
fn from_vec_shape_mismatch() {
    // np.array([1, 2, 3]).reshape(2, 2) -> ValueError: cannot reshape array of size 3 into shape (2,2)
    let a = Array::from_vec(vec![1i64, 2, 3], &[2, 2]);
    let err = a.check().unwrap_err();
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_message(
        &err,
        &[
            "cannot reshape array of size 3 into shape (2,2)",
            "creation.rs",
        ],
    );
    assert_eq!(err.context().op, "array");
    // np.array([1., 2.]).reshape(()) -> cannot reshape array of size 2 into shape ()
    let err = Array::from_slice(&[1.0f64, 2.0], &[]).eval().unwrap_err();
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_message(&err, &["size 2", "shape ()"]);
    // np.array([]).reshape(1) -> cannot reshape array of size 0 into shape (1,)
    let err = Array::from_slice(&[] as &[bool], &[1])
        .to_vec::<bool>()
        .unwrap_err();
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_message(&err, &["size 0", "shape (1,)"]);
}

// ---------------------------------------------------------------------------------------------
// random
// ---------------------------------------------------------------------------------------------

#[test]
fn random_matches_numpys_legacy_stream() {
    // np.random.seed(0); np.random.random_sample((2, 3))
    check(
        &Array::random(&[2, 3], 0),
        &[2, 3],
        &[
            0.5488135039273248f64,
            0.7151893663724195,
            0.6027633760716439,
            0.5448831829968969,
            0.4236547993389047,
            0.6458941130666561,
        ],
    );
    // np.random.seed(42); np.random.random_sample((4,))
    check(
        &Array::random(&[4], 42),
        &[4],
        &[
            0.3745401188473625f64,
            0.9507143064099162,
            0.7319939418114051,
            0.5986584841970366,
        ],
    );
    // np.random.seed(5); np.random.random_sample((2, 2, 2))
    check(
        &Array::random(&[2, 2, 2], 5),
        &[2, 2, 2],
        &[
            0.22199317108973948f64,
            0.8707323061773764,
            0.20671915533942642,
            0.9186109079379216,
            0.48841118879482914,
            0.6117438629026457,
            0.7659078564803156,
            0.5184179878729432,
        ],
    );
    // np.random.seed(2**32 - 1); np.random.random_sample((3,))
    check(
        &Array::random(&[3], u32::MAX),
        &[3],
        &[0.0976320289940138f64, 0.9123828453026218, 0.78903530185164],
    );
}

#[test]
fn random_zero_d_empty_and_past_the_first_twist() {
    // np.random.seed(7); np.random.random_sample(())
    check(&Array::random(&[], 7), &[], &[0.07630828937395717f64]);
    // np.random.seed(1); np.random.random_sample((0, 3))
    check(&Array::random(&[0, 3], 1), &[0, 3], &[] as &[f64]);
    // 700 doubles take 1400 draws, past the 624-word state twice.
    // np.random.seed(123); np.random.random_sample((700,))[310:315]
    let r = Array::random(&[700], 123);
    check(
        &r.slice(lazyarray::s![310..315]),
        &[5],
        &[
            0.5721467679844612f64,
            0.6609517950296032,
            0.29824539331732947,
            0.41862685898002594,
            0.45308892454613003,
        ],
    );
    // np.random.seed(123); np.random.random_sample((700,))[695:]
    check(
        &r.slice(lazyarray::s![695..]),
        &[5],
        &[
            0.8703705044434535f64,
            0.9957817501352805,
            0.2198359500012872,
            0.6116713771751028,
            0.8475023105281434,
        ],
    );
    // the stream is a pure function of the seed: equal seeds, equal arrays
    let a: Vec<f64> = Array::random(&[50], 9).to_vec().unwrap();
    let b: Vec<f64> = Array::random(&[50], 9).to_vec().unwrap();
    assert_eq!(a, b);
    assert!(a.iter().all(|x| (0.0..1.0).contains(x)));
}
