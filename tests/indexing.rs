//! Gathers: `take`, `take_flat`, `index` (integer and boolean arrays), `compress`, `mask`, and
//! their errors. Every expected value was computed with NumPy 2 (the expression is in the
//! comment next to it).

mod common;
use common::*;
use lazyarray::{Array, Element, Error, s};

fn arr<T: Element>(data: &[T], shape: &[usize]) -> Array {
    Array::from_slice(data, shape)
}

/// `np.arange(12).reshape(3, 4)`.
fn a34() -> Array {
    Array::arange(0i64, 12, 1).reshape(&[3, 4])
}

/// `np.arange(24).reshape(2, 3, 4)`.
fn cube() -> Array {
    Array::arange(0i64, 24, 1).reshape(&[2, 3, 4])
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
// take
// ---------------------------------------------------------------------------------------------

#[test]
fn take_along_each_axis_with_negative_indices() {
    let a = a34();
    // np.take(a, [2, 0, 2], axis=0)
    check(
        &a.take(&arr(&[2i64, 0, 2], &[3]), 0),
        &[3, 4],
        &[8i64, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11],
    );
    // np.take(a, [3, -1, -4, 0], axis=1)
    check(
        &a.take(&arr(&[3i64, -1, -4, 0], &[4]), 1),
        &[3, 4],
        &[3i64, 3, 0, 0, 7, 7, 4, 4, 11, 11, 8, 8],
    );
    // np.take(a, [-1], axis=-2) -> the last row, shape (1, 4)
    check(
        &a.take(&arr(&[-1i64], &[1]), -2),
        &[1, 4],
        &[8i64, 9, 10, 11],
    );
}

#[test]
fn take_with_multi_dimensional_and_int32_indices() {
    let a = a34();
    // np.take(a, np.array([[0, 1], [3, 2]], np.int32), axis=-1) -> shape (3, 2, 2)
    check(
        &a.take(&arr(&[0i32, 1, 3, 2], &[2, 2]), -1),
        &[3, 2, 2],
        &[0i64, 1, 3, 2, 4, 5, 7, 6, 8, 9, 11, 10],
    );
    // np.take(a, np.array([[2], [0]]), axis=0) -> shape (2, 1, 4)
    check(
        &a.take(&arr(&[2i64, 0], &[2, 1]), 0),
        &[2, 1, 4],
        &[8i64, 9, 10, 11, 0, 1, 2, 3],
    );
    // np.take(a, np.array(1), axis=0) -> a 0-d index drops the axis: shape (4,)
    check(&a.take(&Array::scalar(1i64), 0), &[4], &[4i64, 5, 6, 7]);
    // np.take(a, np.array(-1, np.int32), axis=1) -> shape (3,)
    check(&a.take(&Array::scalar(-1i32), 1), &[3], &[3i64, 7, 11]);
    // np.take(a, np.array([], np.int64), axis=1) -> shape (3, 0)
    check(&a.take(&Array::full(&[0], 0i64), 1), &[3, 0], &[] as &[i64]);
    // an empty take from an empty axis is fine: np.take(np.zeros((0, 2)), [], axis=0)
    check(
        &Array::zeros(&[0, 2]).take(&Array::full(&[0], 0i32), 0),
        &[0, 2],
        &[] as &[f64],
    );
}

#[test]
fn take_from_views_and_other_dtypes() {
    let a = a34();
    // np.take(a.T, [1, -1], axis=0)
    check(
        &a.t().take(&arr(&[1i64, -1], &[2]), 0),
        &[2, 3],
        &[1i64, 5, 9, 3, 7, 11],
    );
    // np.take(a[::-1, ::-1], [0, 2], axis=1)
    check(
        &a.slice(s![..;-1, ..;-1]).take(&arr(&[0i32, 2], &[2]), 1),
        &[3, 2],
        &[11i64, 9, 7, 5, 3, 1],
    );
    // np.take(np.array([1.5, -2.5, nan, 4.0], np.float32), [3, 2, 0])
    check(
        &arr(&[1.5f32, -2.5, f32::NAN, 4.0], &[4]).take(&arr(&[3i64, 2, 0], &[3]), 0),
        &[3],
        &[4.0f32, f32::NAN, 1.5],
    );
    // np.take(np.array([True, False, True]), [1, 1, 2, 0])
    check(
        &arr(&[true, false, true], &[3]).take(&arr(&[1i32, 1, 2, 0], &[4]), 0),
        &[4],
        &[false, false, true, true],
    );
    // a lazy source and lazy indices: np.take(a * 2, np.arange(3)[::-1] - 1, axis=0)
    // (indices [1, 0, -1])
    let idx = Array::arange(0i64, 3, 1).slice(s![..;-1]) - 1;
    check(
        &(&a * 2).take(&idx, 0),
        &[3, 4],
        &[8i64, 10, 12, 14, 0, 2, 4, 6, 16, 18, 20, 22],
    );
}

#[test]
fn take_flat_indexes_the_flattened_array() {
    let a = a34();
    // np.take(a, [11, -1, 0, 5])
    check(
        &a.take_flat(&arr(&[11i64, -1, 0, 5], &[4])),
        &[4],
        &[11i64, 11, 0, 5],
    );
    // np.take(a, np.array([[1, 2], [10, 11]], np.int32))
    check(
        &a.take_flat(&arr(&[1i32, 2, 10, 11], &[2, 2])),
        &[2, 2],
        &[1i64, 2, 10, 11],
    );
    // np.take(a.T, [1, 2]) -> a.T.ravel()[[1, 2]] == [4, 8]
    check(&a.t().take_flat(&arr(&[1i64, 2], &[2])), &[2], &[4i64, 8]);
    // np.take(np.array(7.5), [0, 0, -1])  (a 0-d source)
    check(
        &Array::scalar(7.5).take_flat(&arr(&[0i64, 0, -1], &[3])),
        &[3],
        &[7.5, 7.5, 7.5],
    );
}

#[test]
fn out_of_bounds_indices_fail_at_evaluation() {
    let x = Array::arange(0i64, 10, 1);
    // np.take(np.arange(10), [0, 10]) -> IndexError: index 10 is out of bounds for axis 0 with
    // size 10
    let t = x.take(&arr(&[0i64, 10], &[2]), 0);
    assert!(
        t.check().is_ok(),
        "the indices' values are only known when evaluated"
    );
    assert_eq!(t.shape(), &[2]);
    let e = t.eval().expect_err("out of bounds");
    assert!(matches!(e, Error::Index(_)), "{e}");
    assert_message(&e, &["index 10 is out of bounds for axis 0 with size 10"]);
    let r = t.eval_reference().expect_err("the reference checks too");
    assert!(matches!(r, Error::Index(_)), "{r}");
    assert!(t.to_vec::<i64>().is_err());
    // np.take(np.arange(10), [-11]) -> index -11 is out of bounds for axis 0 with size 10
    let e = error_of(&x.take(&arr(&[-11i32], &[1]), 0));
    assert!(matches!(e, Error::Index(_)), "{e}");
    assert_message(&e, &["index -11 is out of bounds for axis 0 with size 10"]);
    // np.take(a, [5], axis=1) -> index 5 is out of bounds for axis 1 with size 4
    let e = error_of(&a34().take(&arr(&[5i64], &[1]), 1));
    assert_message(&e, &["index 5 is out of bounds for axis 1 with size 4"]);
    // a[np.array([0, 4])] -> index 4 is out of bounds for axis 0 with size 3
    let e = error_of(&a34().index(&arr(&[0i64, 4], &[2])));
    assert!(matches!(e, Error::Index(_)), "{e}");
    assert_message(&e, &["index 4 is out of bounds for axis 0 with size 3"]);
    // the error propagates through later operations: (np.take(x, [0, 10]) * 2).sum()
    assert!(matches!(error_of(&(&t * 2).sum()), Error::Index(_)));
}

#[test]
fn float_and_bool_index_arrays_are_rejected_by_take() {
    let x = Array::arange(0i64, 10, 1);
    // np.take(np.arange(10), np.array([1.0])) -> IndexError: arrays used as indices must be of
    // integer (or boolean) type
    let e = error_of(&x.take(&arr(&[1.0], &[1]), 0));
    assert!(matches!(e, Error::Index(_)), "{e}");
    assert_message(&e, &["arrays used as indices must be of integer"]);
    // x[np.array([1.0, 2.0], np.float32)] -> IndexError
    assert!(matches!(
        error_of(&x.index(&arr(&[1.0f32, 2.0], &[2]))),
        Error::Index(_)
    ));
    // take along an axis that does not exist: np.take(np.arange(10), [0], axis=1) -> AxisError
    assert!(matches!(
        error_of(&x.take(&arr(&[0i64], &[1]), 1)),
        Error::Axis(_)
    ));
}

// ---------------------------------------------------------------------------------------------
// index (NumPy's a[idx] with an array)
// ---------------------------------------------------------------------------------------------

#[test]
fn index_with_integer_arrays_selects_along_axis_0() {
    let a = a34();
    // a[np.array([2, -3])]
    check(
        &a.index(&arr(&[2i64, -3], &[2])),
        &[2, 4],
        &[8i64, 9, 10, 11, 0, 1, 2, 3],
    );
    // np.arange(5.)[np.array([[0, 4], [4, 0]], np.int32)]
    check(
        &Array::arange(0.0, 5.0, 1.0).index(&arr(&[0i32, 4, 4, 0], &[2, 2])),
        &[2, 2],
        &[0.0, 4.0, 4.0, 0.0],
    );
}

#[test]
fn index_with_boolean_arrays_selects_where_true() {
    let a = a34();
    // a[np.array([True, False, True])]
    check(
        &a.index(&arr(&[true, false, true], &[3])),
        &[2, 4],
        &[0i64, 1, 2, 3, 8, 9, 10, 11],
    );
    // a[a % 3 == 0]
    check(&a.index(&(&a % 3).equal(0)), &[4], &[0i64, 3, 6, 9]);
}

// ---------------------------------------------------------------------------------------------
// compress
// ---------------------------------------------------------------------------------------------

#[test]
fn compress_with_short_and_long_masks() {
    let x = Array::arange(0i64, 5, 1) * 10;
    // np.compress([True, False, True], np.arange(5) * 10) -> a shorter mask selects from its length
    check(
        &x.compress(&arr(&[true, false, true], &[3]), 0),
        &[2],
        &[0i64, 20],
    );
    // np.compress([False, True, False, False, True, False, False], np.arange(5) * 10)
    // -> a longer mask is fine while it is False beyond the axis
    check(
        &x.compress(
            &arr(&[false, true, false, false, true, false, false], &[7]),
            0,
        ),
        &[2],
        &[10i64, 40],
    );
    let a = a34();
    // np.compress([False, True, True, False], a, axis=1)
    check(
        &a.compress(&arr(&[false, true, true, false], &[4]), 1),
        &[3, 2],
        &[1i64, 2, 5, 6, 9, 10],
    );
    // np.compress([True, False], a, axis=-1)
    check(
        &a.compress(&arr(&[true, false], &[2]), -1),
        &[3, 1],
        &[0i64, 4, 8],
    );
    // np.compress([False, False, False], a, axis=0) -> shape (0, 4)
    check(
        &a.compress(&Array::full(&[3], false), 0),
        &[0, 4],
        &[] as &[i64],
    );
    // np.compress(np.array([], bool), a, axis=0) -> shape (0, 4)
    check(
        &a.compress(&Array::full(&[0], false), 0),
        &[0, 4],
        &[] as &[i64],
    );
    // a lazy mask over a transposed input: np.compress(np.arange(3) != 1, a.T, axis=1)
    check(
        &a.t().compress(&Array::arange(0i64, 3, 1).not_equal(1), 1),
        &[4, 2],
        &[0i64, 8, 1, 9, 2, 10, 3, 11],
    );
    // float data: np.compress([True, False, True], np.array([0.5, nan, -0.0]))
    check(
        &arr(&[0.5, f64::NAN, -0.0], &[3]).compress(&arr(&[true, false, true], &[3]), 0),
        &[2],
        &[0.5, -0.0],
    );
}

#[test]
fn compress_with_a_true_beyond_the_axis_is_an_index_error() {
    // np.compress([False, False, False, True], np.arange(3)) -> IndexError: index 3 is out of
    // bounds for axis 0 with size 3
    let e =
        error_of(&Array::arange(0i64, 3, 1).compress(&arr(&[false, false, false, true], &[4]), 0));
    assert!(matches!(e, Error::Index(_)), "{e}");
    assert_message(&e, &["index 3 is out of bounds for axis 0 with size 3"]);
    // np.compress([True]*4 + [False, True], a, axis=1) -> index 5 is out of bounds for axis 1 with
    // size 4
    let e = error_of(&a34().compress(&arr(&[true, true, true, true, false, true], &[6]), 1));
    assert!(matches!(e, Error::Index(_)), "{e}");
    assert_message(&e, &["index 5 is out of bounds for axis 1 with size 4"]);
}

#[test]
fn compress_needs_a_boolean_mask() {
    // an integer array is not a mask here
    let e = error_of(&a34().compress(&arr(&[1i64, 0, 1], &[3]), 0));
    assert!(matches!(e, Error::Index(_)), "{e}");
    // a 2-D mask: np.compress(np.ones((2, 2), bool), a) -> condition must be a 1-d array
    let e = error_of(&a34().compress(&Array::full(&[2, 2], true), 0));
    assert!(matches!(e, Error::Index(_)), "{e}");
    assert_message(&e, &["1-d"]);
}

// ---------------------------------------------------------------------------------------------
// mask (NumPy's a[bool_array])
// ---------------------------------------------------------------------------------------------

#[test]
fn mask_over_leading_dims() {
    let c = cube();
    // c[np.array([[True, False, True], [False, False, True]])] -> shape (3, 4)
    check(
        &c.mask(&arr(&[true, false, true, false, false, true], &[2, 3])),
        &[3, 4],
        &[0i64, 1, 2, 3, 8, 9, 10, 11, 20, 21, 22, 23],
    );
    // c[np.array([False, True])] -> shape (1, 3, 4)
    let tail: Vec<i64> = (12..24).collect();
    check(&c.mask(&arr(&[false, true], &[2])), &[1, 3, 4], &tail);
    // c[c % 5 == 0] -> shape (5,)
    check(&c.mask(&(&c % 5).equal(0)), &[5], &[0i64, 5, 10, 15, 20]);
    let a = a34();
    // a.T[np.array([True, False, False, True])]
    check(
        &a.t().mask(&arr(&[true, false, false, true], &[4])),
        &[2, 3],
        &[0i64, 4, 8, 3, 7, 11],
    );
    // a[::-1][np.array([True, True, False])]
    check(
        &a.slice(s![..;-1]).mask(&arr(&[true, true, false], &[3])),
        &[2, 4],
        &[8i64, 9, 10, 11, 4, 5, 6, 7],
    );
    // a[np.array([False, False, False])] -> shape (0, 4)
    check(&a.mask(&Array::full(&[3], false)), &[0, 4], &[] as &[i64]);
    // float32 data with a lazy mask: x = np.array([1.5, -2.0, 3.0], np.float32); x[x > 0]
    let x = arr(&[1.5f32, -2.0, 3.0], &[3]);
    check(&x.mask(&x.gt(0.0)), &[2], &[1.5f32, 3.0]);
}

#[test]
fn mask_of_a_zero_d_array() {
    // np.array(5)[np.array(True)] -> array([5]) ; np.array(5.)[np.array(False)] -> shape (0,)
    check(
        &Array::scalar(5i64).mask(&Array::scalar(true)),
        &[1],
        &[5i64],
    );
    check(
        &Array::scalar(5.0).mask(&Array::scalar(false)),
        &[0],
        &[] as &[f64],
    );
}

#[test]
fn mask_length_mismatch_is_an_index_error() {
    // a[np.array([True, False])] -> IndexError: boolean index did not match indexed array along
    // axis 0; size of axis is 3 but size of corresponding boolean axis is 2
    let e = error_of(&a34().mask(&arr(&[true, false], &[2])));
    assert!(matches!(e, Error::Index(_)), "{e}");
    assert_message(
        &e,
        &[
            "boolean index did not match indexed array along axis 0; size of axis is 3 but size of corresponding boolean axis is 2",
        ],
    );
    // the same through index()
    let e = error_of(&a34().index(&arr(&[true, false], &[2])));
    assert!(matches!(e, Error::Index(_)), "{e}");
    // c[np.ones((2, 2), bool)] -> ... along axis 1; size of axis is 3 but size of corresponding
    // boolean axis is 2
    let e = error_of(&cube().mask(&Array::full(&[2, 2], true)));
    assert!(matches!(e, Error::Index(_)), "{e}");
    assert_message(
        &e,
        &["along axis 1; size of axis is 3 but size of corresponding boolean axis is 2"],
    );
    // np.arange(3)[np.ones((3, 1), bool)] -> IndexError: too many indices for array: array is
    // 1-dimensional, but 2 were indexed
    let e = error_of(&Array::arange(0i64, 3, 1).mask(&Array::full(&[3, 1], true)));
    assert!(matches!(e, Error::Index(_)), "{e}");
    assert_message(
        &e,
        &["too many indices for array: array is 1-dimensional, but 2 were indexed"],
    );
}

#[test]
fn an_integer_array_is_not_a_mask() {
    // mask() takes booleans only (use take/index for integer positions)
    let e = error_of(&a34().mask(&arr(&[1i64, 0, 1], &[3])));
    assert!(matches!(e, Error::Index(_)), "{e}");
    assert_message(&e, &["int64"]);
    let e = error_of(&a34().mask(&arr(&[1.0, 0.0, 1.0], &[3])));
    assert!(matches!(e, Error::Index(_)), "{e}");
    // a failed mask is carried: (a[bad_mask] + 1).sum()
    let bad = a34().mask(&arr(&[1i32, 0, 1], &[3]));
    assert!(matches!(error_of(&(bad + 1).sum()), Error::Index(_)));
}
