//! Elementwise operations: the Rust operators, the ufunc-like methods, NEP 50 promotion,
//! broadcasting, and the integer/float corner cases. Every expected value was computed with
//! NumPy 2 (the expression is in the comment next to it).
// The float literals are NumPy's printed results, some of which happen to be `std` constants.
#![allow(clippy::approx_constant)]

mod common;
use common::*;
use lazyarray::{Array, DType, Element, Error, s, where_};

fn arr<T: Element>(data: &[T], shape: &[usize]) -> Array {
    Array::from_slice(data, shape)
}

/// The error an array carries, whether found when building it or when evaluating it.
#[track_caller]
fn error_of(a: &Array) -> Error {
    match a.check() {
        Err(e) => e,
        Ok(_) => a.eval().expect_err("expected an error"),
    }
}

// ---------------------------------------------------------------------------------------------
// Arithmetic operators
// ---------------------------------------------------------------------------------------------

#[test]
fn add_broadcasts_a_row_over_a_matrix_in_every_numeric_dtype() {
    // a = np.array([[1,2,3],[4,5,6]]); b = np.array([10,20,30]); a.astype(dt) + b.astype(dt)
    let a = [1i32, 2, 3, 4, 5, 6];
    let b = [10i32, 20, 30];
    let want = [11i32, 22, 33, 14, 25, 36];
    let a32 = arr(&a, &[2, 3]);
    let b32 = arr(&b, &[3]);
    check(&(&a32 + &b32), &[2, 3], &want);
    check(
        &(arr(&a.map(|v| v as i64), &[2, 3]) + arr(&b.map(|v| v as i64), &[3])),
        &[2, 3],
        &want.map(|v| v as i64),
    );
    check(
        &(arr(&a.map(|v| v as f32), &[2, 3]) + arr(&b.map(|v| v as f32), &[3])),
        &[2, 3],
        &want.map(|v| v as f32),
    );
    check(
        &(arr(&a.map(|v| v as f64), &[2, 3]) + &arr(&b.map(|v| v as f64), &[3])),
        &[2, 3],
        &want.map(|v| v as f64),
    );
}

#[test]
fn column_and_row_broadcast_to_a_matrix() {
    let c = arr(&[1.0, 2.0, 3.0], &[3, 1]);
    let r = arr(&[0.5, 1.5, 2.5, 3.5], &[4]);
    // np.array([[1.],[2.],[3.]]) + np.array([0.5,1.5,2.5,3.5])
    check(
        &(&c + &r),
        &[3, 4],
        &[1.5, 2.5, 3.5, 4.5, 2.5, 3.5, 4.5, 5.5, 3.5, 4.5, 5.5, 6.5],
    );
    // c * r
    check(
        &(&c * &r),
        &[3, 4],
        &[0.5, 1.5, 2.5, 3.5, 1.0, 3.0, 5.0, 7.0, 1.5, 4.5, 7.5, 10.5],
    );
    // c - r
    check(
        &(&c - &r),
        &[3, 4],
        &[
            0.5, -0.5, -1.5, -2.5, 1.5, 0.5, -0.5, -1.5, 2.5, 1.5, 0.5, -0.5,
        ],
    );
    // r - c is the transpose's negation: (r - c).T == -(c - r).T; check the shape and a corner
    // np.array([0.5,1.5,2.5,3.5]) - np.array([[1.],[2.],[3.]])
    check(
        &(&r - &c),
        &[3, 4],
        &[
            -0.5, 0.5, 1.5, 2.5, -1.5, -0.5, 0.5, 1.5, -2.5, -1.5, -0.5, 0.5,
        ],
    );
}

#[test]
fn scalars_on_either_side_by_value_and_by_reference() {
    let x = arr(&[1i64, 2, 3, 4], &[4]);
    // x + 1
    check(&(&x + 1), &[4], &[2i64, 3, 4, 5]);
    check(&(x.clone() + 1), &[4], &[2i64, 3, 4, 5]);
    // 1 + x
    check(&(1 + &x), &[4], &[2i64, 3, 4, 5]);
    check(&(1i64 + x.clone()), &[4], &[2i64, 3, 4, 5]);
    // 10 - x ; x - 10
    check(&(10 - &x), &[4], &[9i64, 8, 7, 6]);
    check(&(x.clone() - 10), &[4], &[-9i64, -8, -7, -6]);
    // 2 * x
    check(&(2 * x.clone()), &[4], &[2i64, 4, 6, 8]);
    check(&(&x * 2), &[4], &[2i64, 4, 6, 8]);
    // x / 2 -> float64
    check(&(&x / 2), &[4], &[0.5, 1.0, 1.5, 2.0]);
    // 2.0 / x
    check(&(2.0 / &x), &[4], &[2.0, 1.0, 0.6666666666666666, 0.5]);
    check(
        &(2.0 / x.clone()),
        &[4],
        &[2.0, 1.0, 0.6666666666666666, 0.5],
    );
    // 7 % x ; x % 3
    check(&(7 % &x), &[4], &[0i64, 1, 1, 3]);
    check(&(x.clone() % 3), &[4], &[1i64, 2, 0, 1]);

    let f = arr(&[1.5f32, -2.0, 4.0], &[3]);
    // f * 2.0 (float32 stays float32)
    check(&(&f * 2.0), &[3], &[3.0f32, -4.0, 8.0]);
    // 1.0 - f
    check(&(1.0 - &f), &[3], &[-0.5f32, 3.0, -3.0]);
    // f / 4
    check(&(f.clone() / 4), &[3], &[0.375f32, -0.5, 1.0]);
    // 3 % f
    check(&(3 % &f), &[3], &[0.0f32, -1.0, 3.0]);
    check(&(3.0 * f.clone()), &[3], &[4.5f32, -6.0, 12.0]); // 3.0 * f (a weak scalar keeps float32)
}

#[test]
fn arrays_by_value_and_by_reference() {
    let x = arr(&[1i64, 2, 3, 4], &[4]);
    let y = arr(&[4i64, 3, 2, 1], &[4]);
    // x + y ; x - y ; x * y ; x / y ; x % y
    check(&(&x + &y), &[4], &[5i64, 5, 5, 5]);
    check(&(x.clone() - y.clone()), &[4], &[-3i64, -1, 1, 3]);
    check(&(&x * y.clone()), &[4], &[4i64, 6, 6, 4]);
    check(
        &(x.clone() / &y),
        &[4],
        &[0.25, 0.6666666666666666, 1.5, 4.0],
    );
    check(&(&x % &y), &[4], &[1i64, 2, 1, 0]);
    // the operands are values: using them did not change them
    check(&x, &[4], &[1i64, 2, 3, 4]);
}

#[test]
fn compound_assignment_rebinds_and_leaves_the_original_alone() {
    let x = arr(&[1i64, 2, 3, 4], &[4]);
    let y = arr(&[4i64, 3, 2, 1], &[4]);
    // z = x + 1; z = z - y; z = z * 3; z = z % 4
    let mut z = x.clone();
    z += 1;
    z -= &y;
    z *= 3;
    z %= 4;
    check(&z, &[4], &[2i64, 0, 2, 0]);
    check(&x, &[4], &[1i64, 2, 3, 4]);

    // w = np.array([1.,2.,3.,4.]); w = w + 0.5; w = w / 2; w = w * w; w = w - 1; w = w % 2
    let mut w = arr(&[1.0, 2.0, 3.0, 4.0], &[4]);
    w += 0.5;
    w /= 2;
    w *= w.clone();
    w -= 1.0;
    w %= 2.0;
    check(&w, &[4], &[1.5625, 0.5625, 0.0625, 0.0625]);

    // u = np.array([12, 10, -1], np.int32); u &= 14; u |= 1; u ^= 5
    let mut u = arr(&[0b1100i32, 0b1010, -1], &[3]);
    u &= 0b1110;
    u |= 1;
    u ^= 0b0101;
    check(&u, &[3], &[8i32, 14, 10]);

    // compound assignment with an array that broadcasts: m = np.zeros((2,2)); m += [1., 2.]
    let mut m = Array::zeros(&[2, 2]);
    m += arr(&[1.0, 2.0], &[2]);
    check(&m, &[2, 2], &[1.0, 2.0, 1.0, 2.0]);
}

#[test]
fn zero_d_size_zero_and_size_one_shapes() {
    // np.array(3.0) + np.array([1.0, 2.0])
    check(
        &(Array::scalar(3.0) + arr(&[1.0, 2.0], &[2])),
        &[2],
        &[4.0, 5.0],
    );
    // np.array(3, np.int32) * np.array(4, np.int32) -> 0-d int32
    check(&(Array::scalar(3i32) * Array::scalar(4i32)), &[], &[12i32]);
    // np.zeros((0, 3)) + np.array([1., 2., 3.]) -> shape (0, 3)
    check(
        &(Array::zeros(&[0, 3]) + arr(&[1.0, 2.0, 3.0], &[3])),
        &[0, 3],
        &[] as &[f64],
    );
    // np.zeros((0,), np.int32) + np.ones((1,), np.int32) -> shape (0,)
    check(
        &(Array::full(&[0], 0i32) + Array::full(&[1], 1i32)),
        &[0],
        &[] as &[i32],
    );
    // np.array([[2.0]]) * np.array([[1.,2.,3.],[4.,5.,6.]])
    check(
        &(arr(&[2.0], &[1, 1]) * arr(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], &[2, 3])),
        &[2, 3],
        &[2.0, 4.0, 6.0, 8.0, 10.0, 12.0],
    );
}

#[test]
fn reversed_and_transposed_operands() {
    let a = Array::arange(0.0, 6.0, 1.0).reshape(&[2, 3]);
    // a[::-1] + np.array([10., 20., 30.])
    check(
        &(a.slice(s![..;-1]) + arr(&[10.0, 20.0, 30.0], &[3])),
        &[2, 3],
        &[13.0, 24.0, 35.0, 10.0, 21.0, 32.0],
    );
    // a[:, ::-1] - a
    check(
        &(a.slice(s![.., ..;-1]) - &a),
        &[2, 3],
        &[2.0, 0.0, -2.0, 2.0, 0.0, -2.0],
    );
    // a.T * 2
    check(&(a.t() * 2), &[3, 2], &[0.0, 6.0, 2.0, 8.0, 4.0, 10.0]);
    // a.T + np.array([[100.], [200.], [300.]])
    check(
        &(a.t() + arr(&[100.0, 200.0, 300.0], &[3, 1])),
        &[3, 2],
        &[100.0, 103.0, 201.0, 204.0, 302.0, 305.0],
    );
    // a.T[::-1] * a.T  (both views at once)
    // (np.arange(6.).reshape(2,3).T[::-1] * np.arange(6.).reshape(2,3).T)
    check(
        &(a.t().slice(s![..;-1]) * a.t()),
        &[3, 2],
        &[0.0, 15.0, 1.0, 16.0, 0.0, 15.0],
    );
}

#[test]
fn broadcast_mismatch_is_a_shape_error() {
    // np.zeros((2,3)) + np.zeros(4) -> ValueError: operands could not be broadcast together with
    // shapes (2,3) (4,)
    let e = error_of(&(Array::zeros(&[2, 3]) + Array::zeros(&[4])));
    assert!(matches!(e, Error::Shape(_)), "{e}");
    assert_message(
        &e,
        &["operands could not be broadcast together with shapes (2,3) (4,)"],
    );
    // the error is carried through later operations
    let later = (Array::zeros(&[2, 3]) + Array::zeros(&[4])).sum() * 2.0;
    assert!(matches!(later.check(), Err(Error::Shape(_))));
}

// ---------------------------------------------------------------------------------------------
// Unary operators and bitwise ops
// ---------------------------------------------------------------------------------------------

#[test]
fn negation_wraps_integers_and_flips_float_signs() {
    // -np.array([1, -2, 0, 2**31-1, -2**31], np.int32)
    let a = arr(&[1i32, -2, 0, i32::MAX, i32::MIN], &[5]);
    check(&-&a, &[5], &[-1i32, 2, 0, -2147483647, -2147483648]);
    // -np.array([5, -2**63])
    check(
        &-arr(&[5i64, i64::MIN], &[2]),
        &[2],
        &[-5i64, -9223372036854775808],
    );
    // -np.array([1.5, 0.0, -0.0, np.inf, np.nan])
    check(
        &-arr(&[1.5, 0.0, -0.0, f64::INFINITY, f64::NAN], &[5]),
        &[5],
        &[-1.5, -0.0, 0.0, f64::NEG_INFINITY, f64::NAN],
    );
    // -np.array([1.5, 0.0], np.float32)
    check(&-arr(&[1.5f32, 0.0], &[2]), &[2], &[-1.5f32, -0.0]);
}

#[test]
fn bool_negation_and_subtraction_are_dtype_errors() {
    let t = arr(&[true, false], &[2]);
    // -np.array([True, False]) -> TypeError: The numpy boolean negative, the `-` operator, is not
    // supported, use the `~` operator or the logical_not function instead.
    let e = error_of(&-&t);
    assert!(matches!(e, Error::DType(_)), "{e}");
    assert_message(&e, &["boolean negative", "logical_not"]);
    // np.array([True]) - np.array([False]) -> TypeError: numpy boolean subtract, the `-` operator,
    // is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.
    let e = error_of(&(&t - &t));
    assert!(matches!(e, Error::DType(_)), "{e}");
    assert_message(&e, &["numpy boolean subtract", "logical_xor"]);
    // np.array([True]) - True
    assert!(matches!(error_of(&(&t - true)), Error::DType(_)));
    // but bool - int promotes to int64 and is fine: np.array([True, False]) - 1
    check(&(&t - 1), &[2], &[0i64, -1]);
}

#[test]
fn invert_is_logical_on_bool_and_bitwise_on_integers() {
    // ~np.array([True, False])
    check(&!arr(&[true, false], &[2]), &[2], &[false, true]);
    // ~np.array([0, 1, -1, 5], np.int32)
    check(&!&arr(&[0i32, 1, -1, 5], &[4]), &[4], &[-1i32, -2, 0, -6]);
    // ~np.array([0, 2**62])
    check(
        &!arr(&[0i64, 1 << 62], &[2]),
        &[2],
        &[-1i64, -4611686018427387905],
    );
    // ~np.array([1.5]) -> TypeError: ufunc 'invert' not supported for the input types
    let e = error_of(&!arr(&[1.5], &[1]));
    assert!(matches!(e, Error::DType(_)), "{e}");
    assert_message(&e, &["invert"]);
}

#[test]
fn bitwise_and_or_xor() {
    let i = arr(&[0b1100i32, 0b1010, -1], &[3]);
    let j = arr(&[0b1010i32, 0b0110, 5], &[3]);
    // np.array([12,10,-1],np.int32) & np.array([10,6,5],np.int32) ; | ; ^
    check(&(&i & &j), &[3], &[8i32, 2, 5]);
    check(&(&i | &j), &[3], &[14i32, 14, -1]);
    check(&(i.clone() ^ j.clone()), &[3], &[6i32, 12, -6]);
    let p = arr(&[true, true, false, false], &[4]);
    let q = arr(&[true, false, true, false], &[4]);
    // np.array([T,T,F,F]) & np.array([T,F,T,F]) ; | ; ^
    check(&(&p & &q), &[4], &[true, false, false, false]);
    check(&(&p | &q), &[4], &[true, true, true, false]);
    check(&(&p ^ &q), &[4], &[false, true, true, false]);
    // np.array([True,False,True]) & np.array([3,3,2], np.int32) -> int32
    check(
        &(arr(&[true, false, true], &[3]) & arr(&[3i32, 3, 2], &[3])),
        &[3],
        &[1i32, 0, 0],
    );
    // np.array([3, 2], np.int32) & True ; ^ 1
    let k = arr(&[3i32, 2], &[2]);
    check(&(&k & true), &[2], &[1i32, 0]);
    check(&(&k ^ 1), &[2], &[2i32, 3]);
    // 6 | np.array([1, 8])  (scalar on the left)
    check(&(6i64 | arr(&[1i64, 8], &[2])), &[2], &[7i64, 14]);
    // np.array([1.5]) & np.array([1.5]) -> TypeError: ufunc 'bitwise_and' not supported
    let f = arr(&[1.5], &[1]);
    let e = error_of(&(&f & &f));
    assert!(matches!(e, Error::DType(_)), "{e}");
    assert_message(&e, &["bitwise_and", "float64"]);
    assert!(matches!(error_of(&(&k | 1.5)), Error::DType(_)));
}

// ---------------------------------------------------------------------------------------------
// Math functions
// ---------------------------------------------------------------------------------------------

#[test]
fn pow_floats_integers_and_weak_exponents() {
    // np.array([2.0, -8.0, 4.0, 0.0, -1.0]) ** np.array([0.5, 1/3, -1.0, 0.0, np.inf])
    check(
        &arr(&[2.0, -8.0, 4.0, 0.0, -1.0], &[5])
            .pow(arr(&[0.5, 1.0 / 3.0, -1.0, 0.0, f64::INFINITY], &[5])),
        &[5],
        &[1.4142135623730951, f64::NAN, 0.25, 1.0, 1.0],
    );
    // np.array([3,0,2,2,3,-2]) ** np.array([4,0,62,63,40,3])   (wraps)
    check(
        &arr(&[3i64, 0, 2, 2, 3, -2], &[6]).pow(arr(&[4i64, 0, 62, 63, 40, 3], &[6])),
        &[6],
        &[
            81i64,
            1,
            4611686018427387904,
            -9223372036854775808,
            -6289078614652622815,
            -8,
        ],
    );
    // np.array([3,2,-1,7], np.int32) ** np.array([4,31,5,0], np.int32)
    check(
        &arr(&[3i32, 2, -1, 7], &[4]).pow(arr(&[4i32, 31, 5, 0], &[4])),
        &[4],
        &[81i32, -2147483648, -1, 1],
    );
    // np.array([1.5, -2.0, 3.0], np.float32) ** 2.0 -> float32
    check(
        &arr(&[1.5f32, -2.0, 3.0], &[3]).pow(2.0),
        &[3],
        &[2.25f32, 4.0, 9.0],
    );
    let k = arr(&[4i32, 9, 2], &[3]);
    // np.array([4, 9, 2], np.int32) ** 0.5 -> float64
    check(&k.pow(0.5), &[3], &[2.0, 3.0, 1.4142135623730951]);
    // np.array([4, 9, 2], np.int32) ** 2 -> int32
    check(&k.pow(2), &[3], &[16i32, 81, 4]);
}

#[test]
fn integer_power_with_a_negative_exponent_is_an_error() {
    // np.array([2, 3]) ** np.array([1, -1]) -> ValueError: Integers to negative integer powers
    // are not allowed.
    let p = arr(&[2i64, 3], &[2]).pow(arr(&[1i64, -1], &[2]));
    let e = error_of(&p);
    assert!(matches!(e, Error::DType(_)), "{e}");
    assert_message(&e, &["Integers to negative integer powers are not allowed"]);
    let r = p.eval_reference().expect_err("reference must fail too");
    assert!(matches!(r, Error::DType(_)), "{r}");
    // with a weak exponent: np.array([2], np.int32) ** -2
    assert!(matches!(
        error_of(&arr(&[2i32], &[1]).pow(-2)),
        Error::DType(_)
    ));
    // a float exponent is fine: np.array([2]) ** -1.0 -> 0.5
    check(&arr(&[2i64], &[1]).pow(-1.0), &[1], &[0.5]);
}

#[test]
fn abs_wraps_the_minimum_integer() {
    // np.abs(np.array([-3, 3, -2**31, 0], np.int32))
    check(
        &arr(&[-3i32, 3, i32::MIN, 0], &[4]).abs(),
        &[4],
        &[3i32, 3, -2147483648, 0],
    );
    // np.abs(np.array([-3, -2**63]))
    check(
        &arr(&[-3i64, i64::MIN], &[2]).abs(),
        &[2],
        &[3i64, -9223372036854775808],
    );
    // np.abs(np.array([-1.5, -0.0, np.nan, -np.inf]))
    check(
        &arr(&[-1.5, -0.0, f64::NAN, f64::NEG_INFINITY], &[4]).abs(),
        &[4],
        &[1.5, 0.0, f64::NAN, f64::INFINITY],
    );
    // np.abs(np.array([-1.5, 2.0], np.float32))
    check(&arr(&[-1.5f32, 2.0], &[2]).abs(), &[2], &[1.5f32, 2.0]);
    // np.abs(np.array([True, False])) -> bool
    check(&arr(&[true, false], &[2]).abs(), &[2], &[true, false]);
}

#[test]
fn sqrt_is_exact_and_promotes_integers_to_float64() {
    // np.sqrt(np.array([4.0, 2.0, 0.0, -0.0, -1.0, np.inf]))
    check(
        &arr(&[4.0, 2.0, 0.0, -0.0, -1.0, f64::INFINITY], &[6]).sqrt(),
        &[6],
        &[2.0, 1.4142135623730951, 0.0, -0.0, f64::NAN, f64::INFINITY],
    );
    // np.sqrt(np.array([4.0, 2.0, -1.0], np.float32))
    check(
        &arr(&[4.0f32, 2.0, -1.0], &[3]).sqrt(),
        &[3],
        &[2.0f32, 1.4142135, f32::NAN],
    );
    // np.sqrt(np.array([4, 2, 9], np.int32)) -> float64
    check(
        &arr(&[4i32, 2, 9], &[3]).sqrt(),
        &[3],
        &[2.0, 1.4142135623730951, 3.0],
    );
    // np.sqrt(np.array([16, 3]))
    check(
        &arr(&[16i64, 3], &[2]).sqrt(),
        &[2],
        &[4.0, 1.7320508075688772],
    );
}

/// Transcendental functions: compared within a few ulps (libm and NumPy's SIMD loops may
/// differ in the last bit); special values exactly.
#[test]
fn exp_log_and_their_special_values() {
    // np.exp(np.array([0.0, 1.0, -1.0, 0.5, -np.inf, 710.0]))
    let e = arr(&[0.0, 1.0, -1.0, 0.5, f64::NEG_INFINITY, 710.0], &[6]).exp();
    assert_eq!(e.dtype(), DType::F64);
    check_close(
        &e,
        &[6],
        &[
            1.0,
            2.718281828459045,
            0.36787944117144233,
            1.6487212707001282,
            0.0,
            f64::INFINITY,
        ],
        1e-15,
    );
    // np.exp(np.array([0.0, 1.0, -1.0, 0.5], np.float32))
    let e32 = arr(&[0.0f32, 1.0, -1.0, 0.5], &[4]).exp();
    assert_eq!(e32.dtype(), DType::F32);
    check_close(
        &e32,
        &[4],
        &[
            1.0,
            2.718281828459045,
            0.36787944117144233,
            1.6487212707001282,
        ],
        1e-6,
    );
    // np.exp(np.array([0, 1, 2], np.int32)) -> float64
    let ei = arr(&[0i32, 1, 2], &[3]).exp();
    assert_eq!(ei.dtype(), DType::F64);
    check_close(
        &ei,
        &[3],
        &[1.0, 2.718281828459045, 7.38905609893065],
        1e-15,
    );

    // np.log(np.array([1.0, np.e, 10.0, 0.0, -1.0, np.inf]))
    check_close(
        &arr(
            &[1.0, std::f64::consts::E, 10.0, 0.0, -1.0, f64::INFINITY],
            &[6],
        )
        .log(),
        &[6],
        &[
            0.0,
            1.0,
            2.302585092994046,
            f64::NEG_INFINITY,
            f64::NAN,
            f64::INFINITY,
        ],
        1e-15,
    );
    // exact special values: log(1) == 0, log(0) == -inf, exp(-inf) == 0
    check(
        &arr(&[1.0, 0.0, -1.0], &[3]).log(),
        &[3],
        &[0.0, f64::NEG_INFINITY, f64::NAN],
    );
    // np.log(np.array([1.0, 2.0, 10.0, 0.0], np.float32))
    let l32 = arr(&[1.0f32, 2.0, 10.0, 0.0], &[4]).log();
    assert_eq!(l32.dtype(), DType::F32);
    check_close(
        &l32,
        &[4],
        &[
            0.0,
            0.6931471805599453,
            2.302585092994046,
            f64::NEG_INFINITY,
        ],
        1e-6,
    );
    // np.log(np.array([1, 2, 100]))
    check_close(
        &arr(&[1i64, 2, 100], &[3]).log(),
        &[3],
        &[0.0, 0.6931471805599453, 4.605170185988092],
        1e-15,
    );
}

#[test]
fn sin_cos_tanh() {
    // np.sin(np.array([0.0, -0.0, 1.0, np.pi/6, 3.0, -2.0]))
    check_close(
        &arr(
            &[0.0, -0.0, 1.0, std::f64::consts::FRAC_PI_6, 3.0, -2.0],
            &[6],
        )
        .sin(),
        &[6],
        &[
            0.0,
            -0.0,
            0.8414709848078965,
            0.49999999999999994,
            0.1411200080598672,
            -0.9092974268256817,
        ],
        1e-15,
    );
    // np.sin(np.array([0.0, -0.0])) keeps the sign of zero
    check(&arr(&[0.0, -0.0], &[2]).sin(), &[2], &[0.0, -0.0]);
    // np.cos(np.array([0.0, 1.0, np.pi, 3.0, -2.0]))
    check_close(
        &arr(&[0.0, 1.0, std::f64::consts::PI, 3.0, -2.0], &[5]).cos(),
        &[5],
        &[
            1.0,
            0.5403023058681398,
            -1.0,
            -0.9899924966004454,
            -0.4161468365471424,
        ],
        1e-15,
    );
    // np.tanh(np.array([0.0, -0.0, 0.5, -1.0, 20.0, -np.inf]))
    check_close(
        &arr(&[0.0, -0.0, 0.5, -1.0, 20.0, f64::NEG_INFINITY], &[6]).tanh(),
        &[6],
        &[
            0.0,
            -0.0,
            0.46211715726000974,
            -0.7615941559557649,
            1.0,
            -1.0,
        ],
        1e-15,
    );
    // float32: np.sin / np.cos / np.tanh of np.array([...], np.float32)
    let x32 = arr(&[0.0f32, 1.0, 3.0, -2.0], &[4]);
    for (got, want) in [
        (
            x32.sin(),
            [
                0.0,
                0.8414710164070129,
                0.14112000167369843,
                -0.9092974066734314,
            ],
        ),
        (
            x32.cos(),
            [
                1.0,
                0.5403022766113281,
                -0.9899924993515015,
                -0.41614681482315063,
            ],
        ),
    ] {
        assert_eq!(got.dtype(), DType::F32);
        check_close(&got, &[4], &want, 1e-6);
    }
    let t32 = arr(&[0.0f32, 0.5, -1.0, 20.0], &[4]).tanh();
    assert_eq!(t32.dtype(), DType::F32);
    // np.tanh(np.array([0.0, 0.5, -1.0, 20.0], np.float32))
    check_close(
        &t32,
        &[4],
        &[0.0, 0.46211719512939453, -0.7615941762924194, 1.0],
        1e-6,
    );
    // integers compute in float64: np.sin(np.array([0,1,2], np.int32)); np.cos(np.array([0,1,2]));
    // np.tanh(np.array([0, 1, -1]))
    let si = arr(&[0i32, 1, 2], &[3]).sin();
    assert_eq!(si.dtype(), DType::F64);
    check_close(
        &si,
        &[3],
        &[0.0, 0.8414709848078965, 0.9092974268256817],
        1e-15,
    );
    check_close(
        &arr(&[0i64, 1, 2], &[3]).cos(),
        &[3],
        &[1.0, 0.5403023058681398, -0.4161468365471424],
        1e-15,
    );
    check_close(
        &arr(&[0i64, 1, -1], &[3]).tanh(),
        &[3],
        &[0.0, 0.7615941559557649, -0.7615941559557649],
        1e-15,
    );
}

#[test]
fn floor_and_ceil_keep_integer_dtypes() {
    let x = [1.5, -1.5, -0.5, 0.5, 2.0, -0.0, f64::NAN, f64::INFINITY];
    // np.floor(np.array([1.5, -1.5, -0.5, 0.5, 2.0, -0.0, nan, inf]))
    check(
        &arr(&x, &[8]).floor(),
        &[8],
        &[1.0, -2.0, -1.0, 0.0, 2.0, -0.0, f64::NAN, f64::INFINITY],
    );
    // np.ceil(np.array([1.5, -1.5, -0.5, 0.5, 2.0, -0.0, nan, -inf]))
    let mut y = x;
    y[7] = f64::NEG_INFINITY;
    check(
        &arr(&y, &[8]).ceil(),
        &[8],
        &[2.0, -1.0, -0.0, 1.0, 2.0, -0.0, f64::NAN, f64::NEG_INFINITY],
    );
    // np.floor(np.array([1.5, -1.5], np.float32)) ; np.ceil(np.array([1.25, -1.75], np.float32))
    check(&arr(&[1.5f32, -1.5], &[2]).floor(), &[2], &[1.0f32, -2.0]);
    check(&arr(&[1.25f32, -1.75], &[2]).ceil(), &[2], &[2.0f32, -1.0]);
    // NumPy 2: np.floor(np.array([3, -3], np.int32)).dtype == int32; ceil of int64 -> int64;
    // np.floor(np.array([True, False])).dtype == bool
    check(&arr(&[3i32, -3], &[2]).floor(), &[2], &[3i32, -3]);
    check(&arr(&[3i64, -3], &[2]).ceil(), &[2], &[3i64, -3]);
    check(&arr(&[true, false], &[2]).floor(), &[2], &[true, false]);
}

#[test]
fn maximum_minimum_propagate_nan_and_break_ties_like_numpy() {
    let a = [1.0, f64::NAN, 3.0, -0.0, 0.0, f64::NEG_INFINITY];
    let b = [f64::NAN, 2.0, 1.0, 0.0, -0.0, 5.0];
    // np.maximum(a, b): NaN from either side; np.maximum(-0.0, 0.0) is 0.0 and
    // np.maximum(0.0, -0.0) is -0.0 (the second operand wins a tie)
    check(
        &arr(&a, &[6]).maximum(arr(&b, &[6])),
        &[6],
        &[f64::NAN, f64::NAN, 3.0, 0.0, -0.0, 5.0],
    );
    // np.minimum(a, b)
    check(
        &arr(&a, &[6]).minimum(arr(&b, &[6])),
        &[6],
        &[f64::NAN, f64::NAN, 1.0, 0.0, -0.0, f64::NEG_INFINITY],
    );
    // the same in float32
    let (a32, b32) = (a.map(|v| v as f32), b.map(|v| v as f32));
    check(
        &arr(&a32, &[6]).maximum(arr(&b32, &[6])),
        &[6],
        &[f32::NAN, f32::NAN, 3.0, 0.0, -0.0, 5.0],
    );
    check(
        &arr(&a32, &[6]).minimum(arr(&b32, &[6])),
        &[6],
        &[f32::NAN, f32::NAN, 1.0, 0.0, -0.0, f32::NEG_INFINITY],
    );
    // np.maximum(np.array([1,-5,7], np.int32), np.array([2,-6,7], np.int32))
    check(
        &arr(&[1i32, -5, 7], &[3]).maximum(arr(&[2i32, -6, 7], &[3])),
        &[3],
        &[2i32, -5, 7],
    );
    // np.minimum(np.array([1,-5,7]), np.array([2,-6,7]))
    check(
        &arr(&[1i64, -5, 7], &[3]).minimum(arr(&[2i64, -6, 7], &[3])),
        &[3],
        &[1i64, -6, 7],
    );
    // np.maximum(np.array([T,F,F]), np.array([F,F,T])); np.minimum([T,T,F], [F,T,T])
    check(
        &arr(&[true, false, false], &[3]).maximum(arr(&[false, false, true], &[3])),
        &[3],
        &[true, false, true],
    );
    check(
        &arr(&[true, true, false], &[3]).minimum(arr(&[false, true, true], &[3])),
        &[3],
        &[false, true, false],
    );
    // np.maximum(np.array([[0.],[2.],[4.]]), np.array([1., 3., nan, -1.]))
    check(
        &arr(&[0.0, 2.0, 4.0], &[3, 1]).maximum(arr(&[1.0, 3.0, f64::NAN, -1.0], &[4])),
        &[3, 4],
        &[
            1.0,
            3.0,
            f64::NAN,
            0.0,
            2.0,
            3.0,
            f64::NAN,
            2.0,
            4.0,
            4.0,
            f64::NAN,
            4.0,
        ],
    );
    // np.maximum(np.array([1, 3], np.int32), 2.5) -> float64
    check(&arr(&[1i32, 3], &[2]).maximum(2.5), &[2], &[2.5, 3.0]);
    // np.minimum(np.array([1.5, 3.5], np.float32), 2.0) -> float32
    check(
        &arr(&[1.5f32, 3.5], &[2]).minimum(2.0),
        &[2],
        &[1.5f32, 2.0],
    );
}

#[test]
fn clip_bounds_nan_and_promotion() {
    // np.clip(np.array([-2.0, 0.5, 3.0, nan, 1.0]), 0.0, 1.0)
    check(
        &arr(&[-2.0, 0.5, 3.0, f64::NAN, 1.0], &[5]).clip(0.0, 1.0),
        &[5],
        &[0.0, 0.5, 1.0, f64::NAN, 1.0],
    );
    let k = arr(&[-5i32, 0, 5, 10, 15], &[5]);
    // np.clip(np.array([-5, 0, 5, 10, 15], np.int32), 0, 10) -> int32
    check(&k.clip(0, 10), &[5], &[0i32, 0, 5, 10, 10]);
    // np.clip(np.array([-5, 0, 5, 10, 15], np.int32), 0.5, 9.5) -> float64
    check(&k.clip(0.5, 9.5), &[5], &[0.5, 0.5, 5.0, 9.5, 9.5]);
    // np.clip(np.array([[1.,5.,9.],[1.,5.,9.]]), np.array([[2.],[6.]]), np.array([4.,8.,7.]))
    check(
        &arr(&[1.0, 5.0, 9.0, 1.0, 5.0, 9.0], &[2, 3])
            .clip(arr(&[2.0, 6.0], &[2, 1]), arr(&[4.0, 8.0, 7.0], &[3])),
        &[2, 3],
        &[2.0, 5.0, 7.0, 4.0, 6.0, 7.0],
    );
    // np.clip(np.array([0., 5., 10.]), 6.0, 4.0) -> all 4.0 (lo > hi: hi wins)
    check(
        &arr(&[0.0, 5.0, 10.0], &[3]).clip(6.0, 4.0),
        &[3],
        &[4.0, 4.0, 4.0],
    );
}

/// NumPy's clip accepts an integer bound beyond an int32 array's range on the side where it
/// clips nothing; a bound that would have to be stored raises like any other ufunc.
#[test]
fn clip_with_integer_bounds_beyond_the_dtype() {
    let x = arr(&[1i32, 2], &[2]);
    // np.clip(np.array([1, 2], np.int32), 0, 3000000000) -> int32 [1, 2]
    check(&x.clip(0, 3_000_000_000i64), &[2], &[1i32, 2]);
    // np.clip(np.array([1, 2], np.int32), -3000000000, 1) -> int32 [1, 1]
    check(&x.clip(-3_000_000_000i64, 1), &[2], &[1i32, 1]);
    // np.clip(np.array([1, 2], np.int32), 3000000000, 4000000000) -> OverflowError: Python
    // integer 3000000000 out of bounds for int32
    let e = error_of(&x.clip(3_000_000_000i64, 4_000_000_000i64));
    assert!(matches!(e, Error::DType(_)), "{e}");
    assert_message(&e, &["3000000000 out of bounds for int32"]);
}

// ---------------------------------------------------------------------------------------------
// Comparisons and logic
// ---------------------------------------------------------------------------------------------

#[test]
fn comparisons_of_floats_with_nan() {
    let x = arr(&[1.0, 2.0, f64::NAN, 3.0], &[4]);
    let y = arr(&[2.0, 2.0, f64::NAN, 1.0], &[4]);
    // np.less(x, y), less_equal, greater, greater_equal, equal, not_equal
    check(&x.lt(&y), &[4], &[true, false, false, false]);
    check(&x.le(&y), &[4], &[true, true, false, false]);
    check(&x.gt(&y), &[4], &[false, false, false, true]);
    check(&x.ge(&y), &[4], &[false, true, false, true]);
    check(&x.equal(&y), &[4], &[false, true, false, false]);
    check(&x.not_equal(&y), &[4], &[true, false, true, true]);
}

#[test]
fn comparisons_broadcast_and_promote() {
    let xi = arr(&[1i32, 2, 3], &[3, 1]);
    let yi = arr(&[2i64, 3], &[2]);
    // np.less(np.array([[1],[2],[3]], np.int32), np.array([2, 3])) and the others
    check(
        &xi.lt(&yi),
        &[3, 2],
        &[true, true, false, true, false, false],
    );
    check(&xi.le(&yi), &[3, 2], &[true, true, true, true, false, true]);
    check(
        &xi.gt(&yi),
        &[3, 2],
        &[false, false, false, false, true, false],
    );
    check(
        &xi.ge(&yi),
        &[3, 2],
        &[false, false, true, false, true, true],
    );
    check(
        &xi.equal(&yi),
        &[3, 2],
        &[false, false, true, false, false, true],
    );
    check(
        &xi.not_equal(&yi),
        &[3, 2],
        &[true, true, false, true, true, false],
    );
    // int32 vs float32 compares in float64:
    // np.array([16777217, 3], np.int32) == np.array([16777216.0, 3.0], np.float32)
    check(
        &arr(&[16777217i32, 3], &[2]).equal(arr(&[16777216.0f32, 3.0], &[2])),
        &[2],
        &[false, true],
    );
    // a weak float does not widen float32: np.array([0.1, 0.2], np.float32) < 0.1
    check(&arr(&[0.1f32, 0.2], &[2]).lt(0.1), &[2], &[false, false]);
    // bools: np.array([F,F,T,T]) < np.array([F,T,F,T]) ; >=
    let p = arr(&[false, false, true, true], &[4]);
    let q = arr(&[false, true, false, true], &[4]);
    check(&p.lt(&q), &[4], &[false, true, false, false]);
    check(&p.ge(&q), &[4], &[true, false, true, true]);
    // 0-d against an array: np.array(2.0) >= np.array([1.0, 2.0, 3.0])
    check(
        &Array::scalar(2.0).ge(arr(&[1.0, 2.0, 3.0], &[3])),
        &[3],
        &[true, true, false],
    );
}

/// NumPy 2 compares an integer array with an out-of-range Python integer by value (NEP 50
/// special-cases comparisons) instead of raising as arithmetic does.
#[test]
fn comparison_with_an_out_of_range_integer_compares_by_value() {
    let a = arr(&[1i32, -5], &[2]);
    // np.array([1, -5], np.int32) < 3000000000
    check(&a.lt(3_000_000_000i64), &[2], &[true, true]);
    // ... > -3000000000
    check(&a.gt(-3_000_000_000i64), &[2], &[true, true]);
    // ... == 3000000000 ; != ; <= -3000000000 ; >= 3000000000
    check(&a.equal(3_000_000_000i64), &[2], &[false, false]);
    check(&a.not_equal(3_000_000_000i64), &[2], &[true, true]);
    check(&a.le(-3_000_000_000i64), &[2], &[false, false]);
    check(&a.ge(3_000_000_000i64), &[2], &[false, false]);
}

#[test]
fn logical_functions_use_truthiness() {
    let f = arr(&[0.0, f64::NAN, -0.0, 2.0], &[4]);
    let g = arr(&[1i32, 0, 0, -3], &[4]);
    // np.logical_and(f, g) ; logical_or ; logical_xor ; logical_not(f) ; logical_not(g)
    check(&f.logical_and(&g), &[4], &[false, false, false, true]);
    check(&f.logical_or(&g), &[4], &[true, true, false, true]);
    check(&f.logical_xor(&g), &[4], &[true, true, false, false]);
    check(&f.logical_not(), &[4], &[true, false, true, false]);
    check(&g.logical_not(), &[4], &[false, true, true, false]);
    // np.logical_and(np.array([True, False]), 2.5)
    check(
        &arr(&[true, false], &[2]).logical_and(2.5),
        &[2],
        &[true, false],
    );
    // np.logical_or(np.array([0, 3]), 0)
    check(&arr(&[0i64, 3], &[2]).logical_or(0), &[2], &[false, true]);
    // np.logical_xor(np.array([[True],[False]]), np.array([True, False, True]))
    check(
        &arr(&[true, false], &[2, 1]).logical_xor(arr(&[true, false, true], &[3])),
        &[2, 3],
        &[false, true, false, true, false, true],
    );
    // np.logical_not(np.array([True, False]))
    check(
        &arr(&[true, false], &[2]).logical_not(),
        &[2],
        &[false, true],
    );
}

#[test]
fn where_selects_broadcasts_and_promotes() {
    // np.where(np.array([True,False,True]), np.array([1.,2.,3.]), np.array([10.,20.,30.]))
    check(
        &where_(
            &arr(&[true, false, true], &[3]),
            arr(&[1.0, 2.0, 3.0], &[3]),
            arr(&[10.0, 20.0, 30.0], &[3]),
        ),
        &[3],
        &[1.0, 20.0, 3.0],
    );
    // np.where(np.array([0, 2, -1], np.int32), np.array([1, 2, 3], np.int32), 0) -> int32
    check(
        &where_(&arr(&[0i32, 2, -1], &[3]), arr(&[1i32, 2, 3], &[3]), 0),
        &[3],
        &[0i32, 2, 3],
    );
    // np.where(np.array([0.0, nan, -0.0, 0.5]), 1, 2) -> int64 (NaN is true)
    check(
        &where_(&arr(&[0.0, f64::NAN, -0.0, 0.5], &[4]), 1, 2),
        &[4],
        &[2i64, 1, 2, 1],
    );
    // np.where(np.array([[True],[False],[True]]), np.array([1.,2.,3.,4.]), -1.0)
    check(
        &where_(
            &arr(&[true, false, true], &[3, 1]),
            arr(&[1.0, 2.0, 3.0, 4.0], &[4]),
            -1.0,
        ),
        &[3, 4],
        &[
            1.0, 2.0, 3.0, 4.0, -1.0, -1.0, -1.0, -1.0, 1.0, 2.0, 3.0, 4.0,
        ],
    );
    let c = arr(&[true, false], &[2]);
    // np.where(c, np.array([1, 2], np.int32), 2.5) -> float64
    check(&where_(&c, arr(&[1i32, 2], &[2]), 2.5), &[2], &[1.0, 2.5]);
    // np.where(c, 1, 2.5) -> float64 ; np.where(c, 1, 2) -> int64
    check(&where_(&c, 1, 2.5), &[2], &[1.0, 2.5]);
    check(&where_(&c, 1, 2), &[2], &[1i64, 2]);
    // np.where(c, np.array([1.5, 2.5], np.float32), np.array([7, 8], np.int32)) -> float64
    check(
        &where_(&c, arr(&[1.5f32, 2.5], &[2]), arr(&[7i32, 8], &[2])),
        &[2],
        &[1.5, 8.0],
    );
    // np.where(c, np.array([1.5, 2.5], np.float32), 7) -> float32
    check(
        &where_(&c, arr(&[1.5f32, 2.5], &[2]), 7),
        &[2],
        &[1.5f32, 7.0],
    );
    // np.where(np.array(False), np.array([1, 2]), np.array(9)) -> [9, 9]
    check(
        &where_(
            &Array::scalar(false),
            arr(&[1i64, 2], &[2]),
            Array::scalar(9i64),
        ),
        &[2],
        &[9i64, 9],
    );
    // np.where(np.ones((2,1), bool), np.zeros(3), np.zeros(4)) -> broadcast error
    let e = error_of(&where_(
        &Array::full(&[2, 1], true),
        Array::zeros(&[3]),
        Array::zeros(&[4]),
    ));
    assert!(matches!(e, Error::Shape(_)), "{e}");
    assert_message(&e, &["could not be broadcast", "(2,1)", "(3,)", "(4,)"]);
}

// ---------------------------------------------------------------------------------------------
// astype
// ---------------------------------------------------------------------------------------------

#[test]
fn astype_truncates_wraps_and_rounds_like_numpy() {
    // np.array([-3.9, 3.9, -0.5, 2.5, -0.0, 1e9]).astype(np.int32)
    check(
        &arr(&[-3.9, 3.9, -0.5, 2.5, -0.0, 1e9], &[6]).astype(DType::I32),
        &[6],
        &[-3i32, 3, 0, 2, 0, 1000000000],
    );
    // np.array([-3.9, 3.9, 2**53 + 1.0]).astype(np.int64)
    check(
        &arr(&[-3.9, 3.9, 9007199254740993.0], &[3]).astype(DType::I64),
        &[3],
        &[-3i64, 3, 9007199254740992],
    );
    // np.array([-3.9, 3.9, 1.5], np.float32).astype(np.int32)
    check(
        &arr(&[-3.9f32, 3.9, 1.5], &[3]).astype(DType::I32),
        &[3],
        &[-3i32, 3, 1],
    );
    // np.array([2**40 + 5, -1, 2**31]).astype(np.int32) wraps
    check(
        &arr(&[(1i64 << 40) + 5, -1, 1 << 31], &[3]).astype(DType::I32),
        &[3],
        &[5i32, -1, -2147483648],
    );
    // np.array([0.0, -0.0, nan, 0.1, -inf]).astype(bool)
    check(
        &arr(&[0.0, -0.0, f64::NAN, 0.1, f64::NEG_INFINITY], &[5]).astype(DType::Bool),
        &[5],
        &[false, false, true, true, true],
    );
    // np.array([0, 5, -1], np.int32).astype(bool)
    check(
        &arr(&[0i32, 5, -1], &[3]).astype(DType::Bool),
        &[3],
        &[false, true, true],
    );
    // np.array([True, False]).astype(np.float32) ; .astype(np.int64)
    let t = arr(&[true, false], &[2]);
    check(&t.astype(DType::F32), &[2], &[1.0f32, 0.0]);
    check(&t.astype(DType::I64), &[2], &[1i64, 0]);
    // np.array([16777217, 3]).astype(np.float32) rounds to nearest
    check(
        &arr(&[16777217i64, 3], &[2]).astype(DType::F32),
        &[2],
        &[16777216.0f32, 3.0],
    );
    // np.array([0.1, 1e40, -1e-50]).astype(np.float32)
    check(
        &arr(&[0.1, 1e40, -1e-50], &[3]).astype(DType::F32),
        &[3],
        &[0.1f32, f32::INFINITY, -0.0],
    );
    // np.array([0.1], np.float32).astype(np.float64)
    check(
        &arr(&[0.1f32], &[1]).astype(DType::F64),
        &[1],
        &[0.10000000149011612],
    );
    // np.array([-7, 2**31 - 1], np.int32).astype(np.float64)
    check(
        &arr(&[-7i32, i32::MAX], &[2]).astype(DType::F64),
        &[2],
        &[-7.0, 2147483647.0],
    );
    // same dtype: a no-op; of a transposed input:
    // np.arange(6.).reshape(2,3).T.astype(np.int64)
    check(
        &Array::arange(0.0, 6.0, 1.0)
            .reshape(&[2, 3])
            .t()
            .astype(DType::I64),
        &[3, 2],
        &[0i64, 3, 1, 4, 2, 5],
    );
}

/// NumPy leaves float→int casts of NaN, ±inf and out-of-range values undefined (the result
/// depends on the CPU; x86 gives INT_MIN). lazyarray *defines* them: truncation toward zero
/// with saturation, NaN → 0. This test pins that rule; the values are ours, not NumPy's.
#[test]
fn astype_of_nan_and_infinity_saturates_by_our_rule() {
    let x = arr(
        &[f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 3e9, -3e9, 1e300],
        &[6],
    );
    check(
        &x.astype(DType::I32),
        &[6],
        &[0i32, i32::MAX, i32::MIN, i32::MAX, i32::MIN, i32::MAX],
    );
    check(
        &x.astype(DType::I64),
        &[6],
        &[
            0i64,
            i64::MAX,
            i64::MIN,
            3_000_000_000,
            -3_000_000_000,
            i64::MAX,
        ],
    );
    check(
        &arr(&[f32::NAN, f32::NEG_INFINITY], &[2]).astype(DType::I32),
        &[2],
        &[0i32, i32::MIN],
    );
}

// ---------------------------------------------------------------------------------------------
// NEP 50 promotion
// ---------------------------------------------------------------------------------------------

#[test]
fn nep50_promotion_between_arrays_and_weak_scalars() {
    // np.array([1, 2], np.int32) + np.array([0.5, 0.25], np.float32) -> float64
    check(
        &(arr(&[1i32, 2], &[2]) + arr(&[0.5f32, 0.25], &[2])),
        &[2],
        &[1.5, 2.25],
    );
    // np.array([1.5, 2.5], np.float32) * 2.0 -> float32
    check(&(arr(&[1.5f32, 2.5], &[2]) * 2.0), &[2], &[3.0f32, 5.0]);
    // np.array([1, 2], np.int32) * 2.5 -> float64
    check(&(arr(&[1i32, 2], &[2]) * 2.5), &[2], &[2.5, 5.0]);
    // np.array([1, 2], np.int32) * 2 -> int32 (an i64 Rust literal is weak too)
    check(&(arr(&[1i32, 2], &[2]) * 2i64), &[2], &[2i32, 4]);
    // np.array([T,T,F]) + np.array([T,F,F]) -> bool (logical or) ; * -> logical and
    let p = arr(&[true, true, false], &[3]);
    let q = arr(&[true, false, false], &[3]);
    check(&(&p + &q), &[3], &[true, true, false]);
    check(&(&p * &q), &[3], &[true, false, false]);
    let t = arr(&[true, false], &[2]);
    // np.array([True, False]) + 1 -> int64 ; + 1.5 -> float64 ; + True -> bool
    check(&(&t + 1), &[2], &[2i64, 1]);
    check(&(&t + 1.5), &[2], &[2.5, 1.5]);
    check(&(&t + true), &[2], &[true, true]);
    // np.array([1, 2], np.int32) + np.array([2**40, 3]) -> int64
    check(
        &(arr(&[1i32, 2], &[2]) + arr(&[1i64 << 40, 3], &[2])),
        &[2],
        &[1099511627777i64, 5],
    );
    // np.array([0.1], np.float32) + np.array([0.2]) -> float64
    check(
        &(arr(&[0.1f32], &[1]) + arr(&[0.2], &[1])),
        &[1],
        &[0.30000000149011613],
    );
    // np.array([2**40 + 1]) + np.array([0.5], np.float32) -> float64
    check(
        &(arr(&[(1i64 << 40) + 1], &[1]) + arr(&[0.5f32], &[1])),
        &[1],
        &[1099511627777.5],
    );
    // np.array([1, 2], np.int32) + True -> int32 ; np.array([1.5], np.float32) + 1 -> float32
    check(&(arr(&[1i32, 2], &[2]) + true), &[2], &[2i32, 3]);
    check(&(arr(&[1.5f32], &[1]) + 1), &[1], &[2.5f32]);
    // np.array([True, False]) + np.array([5, 5], np.int32) -> int32 ; + float32 -> float32
    check(&(&t + arr(&[5i32, 5], &[2])), &[2], &[6i32, 5]);
    check(&(&t + arr(&[5.0f32, 5.0], &[2])), &[2], &[6.0f32, 5.0]);
    // np.array([1.0], np.float32) + 1e300 -> inf (float32)
    check(&(arr(&[1.0f32], &[1]) + 1e300), &[1], &[f32::INFINITY]);
    // np.array([1, 0], np.int32) + 2147483647 fits and wraps
    check(
        &(arr(&[1i32, 0], &[2]) + 2147483647),
        &[2],
        &[-2147483648i32, 2147483647],
    );
}

#[test]
fn a_weak_integer_out_of_range_for_the_array_is_a_dtype_error() {
    // np.array([1], np.int32) + 3000000000 -> OverflowError: Python integer 3000000000 out of
    // bounds for int32
    let e = error_of(&(arr(&[1i32], &[1]) + 3_000_000_000i64));
    assert!(matches!(e, Error::DType(_)), "{e}");
    assert_message(&e, &["3000000000", "out of bounds for int32"]);
    // on the left too: 3000000000 * np.array([1], np.int32)
    let e = error_of(&(-3_000_000_000i64 * arr(&[1i32], &[1])));
    assert!(matches!(e, Error::DType(_)), "{e}");
    assert_message(&e, &["out of bounds for int32"]);
    // but true division goes to float64 first: np.array([3], np.int32) / 3000000000
    check(&(arr(&[3i32], &[1]) / 3_000_000_000i64), &[1], &[1e-9]);
}

// ---------------------------------------------------------------------------------------------
// Integer and float division, remainder, overflow
// ---------------------------------------------------------------------------------------------

#[test]
#[allow(clippy::modulo_one)] // `array % -1` is the NumPy expression under test
fn integer_remainder_and_floor_division_are_floored_and_total() {
    let a = [-7i64, 7, -7, 7, 0, 5, -5];
    let b = [3i64, 3, -3, -3, 0, 0, 0];
    // np.array(a) % np.array(b) ; np.array(a) // np.array(b)   (x % 0 == x // 0 == 0)
    check(
        &(arr(&a, &[7]) % arr(&b, &[7])),
        &[7],
        &[2i64, 1, -1, -2, 0, 0, 0],
    );
    check(
        &arr(&a, &[7]).floor_divide(arr(&b, &[7])),
        &[7],
        &[-3i64, 2, 2, -3, 0, 0, 0],
    );
    // the same in int32
    let (a32, b32) = (a.map(|v| v as i32), b.map(|v| v as i32));
    check(
        &(arr(&a32, &[7]) % arr(&b32, &[7])),
        &[7],
        &[2i32, 1, -1, -2, 0, 0, 0],
    );
    check(
        &arr(&a32, &[7]).floor_divide(arr(&b32, &[7])),
        &[7],
        &[-3i32, 2, 2, -3, 0, 0, 0],
    );
    // np.floor_divide(np.array([-2**63]), -1) wraps ; np.array([-2**63]) % -1 == 0
    let min64 = arr(&[i64::MIN], &[1]);
    check(&min64.floor_divide(-1), &[1], &[i64::MIN]);
    check(&(&min64 % -1), &[1], &[0i64]);
    // the same for int32
    let min32 = arr(&[i32::MIN], &[1]);
    check(&min32.floor_divide(-1), &[1], &[i32::MIN]);
    check(&(&min32 % -1), &[1], &[0i32]);
    // np.array([-4, -3, 4], np.int32) % 3 ; 10 % np.array([3, -3, 0])
    check(&(arr(&[-4i32, -3, 4], &[3]) % 3), &[3], &[2i32, 0, 1]);
    check(&(10 % arr(&[3i64, -3, 0], &[3])), &[3], &[1i64, -2, 0]);
    // np.floor_divide(np.array([-4, 9], np.int32), 2)
    check(&arr(&[-4i32, 9], &[2]).floor_divide(2), &[2], &[-2i32, 4]);
    // bool floor division is undefined here (NumPy would give int8, which we lack)
    let t = arr(&[true], &[1]);
    assert!(matches!(error_of(&(&t % &t)), Error::DType(_)));
}

#[test]
fn float_remainder_and_floor_division_follow_npy_divmod() {
    let a = [-5.5, 5.5, 6.0, 1.0, -5.0, 0.0, f64::INFINITY, 5.0, -0.0];
    let b = [2.0, -2.0, -3.0, 0.0, 0.0, 0.0, 2.0, f64::INFINITY, 3.0];
    // np.array(a) % np.array(b)
    check(
        &(arr(&a, &[9]) % arr(&b, &[9])),
        &[9],
        &[
            0.5,
            -0.5,
            -0.0,
            f64::NAN,
            f64::NAN,
            f64::NAN,
            f64::NAN,
            5.0,
            0.0,
        ],
    );
    // np.array(a) // np.array(b)
    check(
        &arr(&a, &[9]).floor_divide(arr(&b, &[9])),
        &[9],
        &[
            -3.0,
            -3.0,
            -2.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            f64::NAN,
            0.0,
            -0.0,
        ],
    );
    // the same in float32
    let (a32, b32) = (a.map(|v| v as f32), b.map(|v| v as f32));
    check(
        &(arr(&a32, &[9]) % arr(&b32, &[9])),
        &[9],
        &[
            0.5f32,
            -0.5,
            -0.0,
            f32::NAN,
            f32::NAN,
            f32::NAN,
            f32::NAN,
            5.0,
            0.0,
        ],
    );
    check(
        &arr(&a32, &[9]).floor_divide(arr(&b32, &[9])),
        &[9],
        &[
            -3.0f32,
            -3.0,
            -2.0,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NAN,
            f32::NAN,
            0.0,
            -0.0,
        ],
    );
}

#[test]
fn integer_true_division_gives_float64_with_infinities() {
    // np.array([1, -1, 0, 7, -7]) / np.array([0, 0, 0, 2, 2])
    check(
        &(arr(&[1i64, -1, 0, 7, -7], &[5]) / arr(&[0i64, 0, 0, 2, 2], &[5])),
        &[5],
        &[f64::INFINITY, f64::NEG_INFINITY, f64::NAN, 3.5, -3.5],
    );
    // np.array([1, -1, 0, 7], np.int32) / np.array([0, 0, 0, -2], np.int32)
    check(
        &(arr(&[1i32, -1, 0, 7], &[4]) / arr(&[0i32, 0, 0, -2], &[4])),
        &[4],
        &[f64::INFINITY, f64::NEG_INFINITY, f64::NAN, -3.5],
    );
    // np.array([True, False]) / np.array([True, True])
    check(
        &(arr(&[true, false], &[2]) / arr(&[true, true], &[2])),
        &[2],
        &[1.0, 0.0],
    );
    // np.array([1.0, -1.0]) / 0.0
    check(
        &(arr(&[1.0, -1.0], &[2]) / 0.0),
        &[2],
        &[f64::INFINITY, f64::NEG_INFINITY],
    );
}

#[test]
fn integer_overflow_wraps() {
    // np.array([2**31-1], np.int32) + np.array([1], np.int32)
    check(
        &(arr(&[i32::MAX], &[1]) + arr(&[1i32], &[1])),
        &[1],
        &[i32::MIN],
    );
    // np.array([-2**31], np.int32) - 1
    check(&(arr(&[i32::MIN], &[1]) - 1), &[1], &[i32::MAX]);
    // np.array([2**63-1]) * 2 ; + 1
    check(&(arr(&[i64::MAX], &[1]) * 2), &[1], &[-2i64]);
    check(&(arr(&[i64::MAX], &[1]) + 1), &[1], &[i64::MIN]);
    // np.array([65536], np.int32) * np.array([65536], np.int32) ; np.array([50000], np.int32) * 50000
    check(
        &(arr(&[65536i32], &[1]) * arr(&[65536i32], &[1])),
        &[1],
        &[0i32],
    );
    check(&(arr(&[50000i32], &[1]) * 50000), &[1], &[-1794967296i32]);
}

/// `np.log1p`: expected values are NumPy 2.4's (`np.log1p(x)`), compiled and reference alike;
/// integers compute in float64, float32 stays float32, bool is rejected (NumPy's float16 loop
/// has no dtype here).
#[test]
fn log1p_matches_numpy_in_every_dtype() {
    let x = [
        0.0,
        -0.0,
        1e-10,
        -0.5,
        1.0,
        3.5,
        -1.0,
        -2.0,
        f64::INFINITY,
        f64::NAN,
    ];
    let numpy = [
        0.0,
        -0.0,
        9.999999999500001e-11,
        -0.6931471805599453,
        0.6931471805599453,
        1.5040773967762742,
        f64::NEG_INFINITY,
        f64::NAN,
        f64::INFINITY,
        f64::NAN,
    ];
    let a = Array::from_vec(x.to_vec(), &[10]);
    // Fused into a kernel with its consumer, and alone on the reference path.
    let compiled = (a.log1p() * 1.0).to_vec::<f64>().unwrap();
    let reference = a.log1p().eval_reference().unwrap().to_vec::<f64>().unwrap();
    for got in [compiled, reference] {
        // Bit for bit, but any NaN equals any NaN (NumPy does not promise a NaN's sign).
        let bits = |v: &[f64]| {
            v.iter()
                .map(|x| if x.is_nan() { 1 } else { x.to_bits() })
                .collect::<Vec<_>>()
        };
        assert_eq!(bits(&got), bits(&numpy), "{got:?}");
    }
    // `log(1 + x)` loses the tiny argument's digits; `log1p` keeps them.
    assert_ne!(
        (a.clone() + 1.0).log().to_vec::<f64>().unwrap()[2],
        numpy[2]
    );

    let f = Array::from_vec(vec![1e-7f32, 0.25, -0.75], &[3]).log1p();
    assert_eq!(f.dtype(), DType::F32);
    assert_eq!(
        f.to_vec::<f32>().unwrap(),
        vec![9.9999994e-8f32, 0.22314355, -1.3862944]
    );

    let i = Array::from_vec(vec![0i32, 1, 7], &[3]).log1p();
    assert_eq!(i.dtype(), DType::F64);
    assert_eq!(
        i.to_vec::<f64>().unwrap(),
        vec![0.0, 0.6931471805599453, 2.0794415416798357]
    );

    let b = Array::from_vec(vec![true], &[1]).log1p();
    assert!(matches!(b.eval(), Err(Error::DType(_))), "{:?}", b.eval());
}
