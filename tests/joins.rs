//! Repeating and joining: `tile`, `repeat`, `repeat_each`, `concatenate`, `stack`. Every
//! expected value was computed with NumPy 2 (the expression is in the comment next to it).

mod common;
use common::*;
use lazyarray::{Array, DType, Element, Error, concatenate, s, stack};

fn arr<T: Element>(data: &[T], shape: &[usize]) -> Array {
    Array::from_slice(data, shape)
}

/// `np.array([[1, 2, 3], [4, 5, 6]], np.int32)`.
fn a23() -> Array {
    arr(&[1i32, 2, 3, 4, 5, 6], &[2, 3])
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
// tile
// ---------------------------------------------------------------------------------------------

#[test]
fn tile_with_reps_shorter_equal_and_longer_than_ndim() {
    let a = a23();
    // np.tile(a, [2]) -> reps padded on the left: (1, 2)
    check(
        &a.tile(&[2]),
        &[2, 6],
        &[1i32, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6],
    );
    // np.tile(a, [2, 1])
    check(
        &a.tile(&[2, 1]),
        &[4, 3],
        &[1i32, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6],
    );
    // np.tile(np.array([1.5, 2.5]), [2, 2]) -> a leading axis is added
    check(
        &arr(&[1.5, 2.5], &[2]).tile(&[2, 2]),
        &[2, 4],
        &[1.5, 2.5, 1.5, 2.5, 1.5, 2.5, 1.5, 2.5],
    );
    // np.tile(a, [2, 1, 2])
    check(
        &a.tile(&[2, 1, 2]),
        &[2, 2, 6],
        &[
            1i32, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6, 1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6,
        ],
    );
    // np.tile(np.array([True, False]), 3)
    check(
        &arr(&[true, false], &[2]).tile(&[3]),
        &[6],
        &[true, false, true, false, true, false],
    );
}

#[test]
fn tile_of_zero_d_empty_and_views() {
    // np.tile(np.array(7), [2, 3]) ; np.tile(np.array(7.0), ())
    check(&Array::scalar(7i64).tile(&[2, 3]), &[2, 3], &[7i64; 6]);
    check(&Array::scalar(7.0).tile(&[]), &[], &[7.0]);
    // np.tile(a, [0, 2]) -> shape (0, 6)
    check(&a23().tile(&[0, 2]), &[0, 6], &[] as &[i32]);
    // np.tile(np.zeros((0, 2)), [3, 2]) -> shape (0, 4)
    check(&Array::zeros(&[0, 2]).tile(&[3, 2]), &[0, 4], &[] as &[f64]);
    // np.tile(a.T, [1, 2])
    check(
        &a23().t().tile(&[1, 2]),
        &[3, 4],
        &[1i32, 4, 1, 4, 2, 5, 2, 5, 3, 6, 3, 6],
    );
    // np.tile(a[:, ::-1], [1, 1])
    check(
        &a23().slice(s![.., ..;-1]).tile(&[1, 1]),
        &[2, 3],
        &[3i32, 2, 1, 6, 5, 4],
    );
}

// ---------------------------------------------------------------------------------------------
// repeat
// ---------------------------------------------------------------------------------------------

#[test]
fn repeat_each_element_the_same_number_of_times() {
    let a = a23();
    // np.repeat(a, 2, axis=0)
    check(
        &a.repeat(2, Some(0)),
        &[4, 3],
        &[1i32, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6],
    );
    // np.repeat(a, 2, axis=1)
    check(
        &a.repeat(2, Some(1)),
        &[2, 6],
        &[1i32, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6],
    );
    // np.repeat(a, 3, axis=-1)
    check(
        &a.repeat(3, Some(-1)),
        &[2, 9],
        &[1i32, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6],
    );
    // np.repeat(a, 2) -> axis None flattens
    check(
        &a.repeat(2, None),
        &[12],
        &[1i32, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6],
    );
    // np.repeat(a, 0, axis=0) -> shape (0, 3)
    check(&a.repeat(0, Some(0)), &[0, 3], &[] as &[i32]);
    // np.repeat(np.array(2.5), 3) -> a 0-d array flattens to (1,) first
    check(&Array::scalar(2.5).repeat(3, None), &[3], &[2.5, 2.5, 2.5]);
    // np.repeat(a.T.astype(np.float32), 2, axis=0)
    check(
        &a.t().astype(DType::F32).repeat(2, Some(0)),
        &[6, 2],
        &[
            1.0f32, 4.0, 1.0, 4.0, 2.0, 5.0, 2.0, 5.0, 3.0, 6.0, 3.0, 6.0,
        ],
    );
    // np.repeat(a, 2, axis=2) -> AxisError
    assert!(matches!(error_of(&a.repeat(2, Some(2))), Error::Axis(_)));
}

#[test]
fn repeat_each_element_its_own_number_of_times() {
    let a = a23();
    // np.repeat(a, [1, 0, 2], axis=1)
    check(
        &a.repeat_each(&[1, 0, 2], Some(1)),
        &[2, 3],
        &[1i32, 3, 3, 4, 6, 6],
    );
    // np.repeat(a, [3, 1], axis=0)
    check(
        &a.repeat_each(&[3, 1], Some(0)),
        &[4, 3],
        &[1i32, 2, 3, 1, 2, 3, 1, 2, 3, 4, 5, 6],
    );
    // np.repeat(a, [1, 0, 0, 2, 0, 1]) -> axis None flattens
    check(
        &a.repeat_each(&[1, 0, 0, 2, 0, 1], None),
        &[4],
        &[1i32, 4, 4, 6],
    );
    // np.repeat(a, [1, 2], axis=1) -> ValueError: operands could not be broadcast together with
    // shape (3,) (2,)
    let e = error_of(&a.repeat_each(&[1, 2], Some(1)));
    assert!(matches!(e, Error::Shape(_)), "{e}");
    assert_message(
        &e,
        &["operands could not be broadcast together with shape (3,) (2,)"],
    );
}

#[test]
fn repeat_with_a_single_count_broadcasts_it() {
    // np.repeat(np.array([1, 2, 3]), [2])
    check(
        &arr(&[1i64, 2, 3], &[3]).repeat_each(&[2], None),
        &[6],
        &[1i64, 1, 2, 2, 3, 3],
    );
    // np.repeat(a, [2], axis=1)
    check(
        &a23().repeat_each(&[2], Some(1)),
        &[2, 6],
        &[1i32, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6],
    );
}

// ---------------------------------------------------------------------------------------------
// concatenate
// ---------------------------------------------------------------------------------------------

#[test]
fn concatenate_along_axes_with_promotion() {
    let a = a23();
    // np.concatenate([a, np.array([[0.5, 1.5, 2.5]], np.float32)]) -> int32 + float32 = float64
    check(
        &concatenate(&[&a, &arr(&[0.5f32, 1.5, 2.5], &[1, 3])], 0),
        &[3, 3],
        &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 0.5, 1.5, 2.5],
    );
    // np.concatenate([a, np.array([[9], [10]])], axis=1) -> int64
    check(
        &concatenate(&[&a, &arr(&[9i64, 10], &[2, 1])], 1),
        &[2, 4],
        &[1i64, 2, 3, 9, 4, 5, 6, 10],
    );
    // np.concatenate([a, a[:, :1]], axis=-1)
    check(
        &concatenate(&[&a, &a.slice(s![.., ..1])], -1),
        &[2, 4],
        &[1i32, 2, 3, 1, 4, 5, 6, 4],
    );
    // np.concatenate([np.array([True, False]), np.array([5], np.int32)]) -> int32
    check(
        &concatenate(&[&arr(&[true, false], &[2]), &arr(&[5i32], &[1])], 0),
        &[3],
        &[1i32, 0, 5],
    );
    // np.concatenate([np.array([1], np.int32), np.array([2**40])]) -> int64
    check(
        &concatenate(&[&arr(&[1i32], &[1]), &arr(&[1i64 << 40], &[1])], 0),
        &[2],
        &[1i64, 1099511627776],
    );
    // np.concatenate([np.array([True]), np.array([False, True])]) -> bool
    check(
        &concatenate(&[&arr(&[true], &[1]), &arr(&[false, true], &[2])], 0),
        &[3],
        &[true, false, true],
    );
    // np.concatenate([np.array([1.]), np.array([2., 3.]), np.array([4.])])
    check(
        &concatenate(
            &[
                &arr(&[1.0], &[1]),
                &arr(&[2.0, 3.0], &[2]),
                &arr(&[4.0], &[1]),
            ],
            0,
        ),
        &[4],
        &[1.0, 2.0, 3.0, 4.0],
    );
    // np.concatenate([a]) is a copy of a
    check(&concatenate(&[&a], 0), &[2, 3], &[1i32, 2, 3, 4, 5, 6]);
}

#[test]
fn concatenate_empty_parts_and_views() {
    let a = a23();
    // np.concatenate([np.zeros((0, 3), np.int32), a])
    check(
        &concatenate(&[&Array::full(&[0, 3], 0i32), &a], 0),
        &[2, 3],
        &[1i32, 2, 3, 4, 5, 6],
    );
    // np.concatenate([a.T, a[::-1].T], axis=1)
    check(
        &concatenate(&[&a.t(), &a.slice(s![..;-1]).t()], 1),
        &[3, 4],
        &[1i32, 4, 4, 1, 2, 5, 5, 2, 3, 6, 6, 3],
    );
    // the same array twice and a lazy part: np.concatenate([a, a * 10, a], axis=0)[:, 0]
    let joined = concatenate(&[&a, &(&a * 10), &a], 0);
    check(&joined.slice(s![.., 0]), &[6], &[1i32, 4, 10, 40, 1, 4]);
}

#[test]
fn concatenate_shape_errors() {
    // np.concatenate([np.zeros((2, 3)), np.zeros((3, 2))], axis=0) -> ValueError: all the input
    // array dimensions except for the concatenation axis must match exactly ...
    let e = error_of(&concatenate(
        &[&Array::zeros(&[2, 3]), &Array::zeros(&[3, 2])],
        0,
    ));
    assert!(matches!(e, Error::Shape(_)), "{e}");
    assert_message(
        &e,
        &["all the input array dimensions except for the concatenation axis must match exactly"],
    );
    // different ranks: np.concatenate([np.zeros((2, 3)), np.zeros(3)])
    let e = error_of(&concatenate(
        &[&Array::zeros(&[2, 3]), &Array::zeros(&[3])],
        0,
    ));
    assert!(matches!(e, Error::Shape(_)), "{e}");
    // np.concatenate([np.array(1.), np.array(2.)]) -> zero-dimensional arrays cannot be
    // concatenated
    let e = error_of(&concatenate(&[&Array::scalar(1.0), &Array::scalar(2.0)], 0));
    assert!(matches!(e, Error::Shape(_)), "{e}");
    assert_message(&e, &["zero-dimensional arrays cannot be concatenated"]);
    // np.concatenate([]) -> need at least one array to concatenate
    let e = error_of(&concatenate(&[], 0));
    assert!(matches!(e, Error::Shape(_)), "{e}");
    assert_message(&e, &["need at least one array to concatenate"]);
    // np.concatenate([a, a], axis=2) -> AxisError: axis 2 is out of bounds for array of dimension 2
    let e = error_of(&concatenate(&[&a23(), &a23()], 2));
    assert!(matches!(e, Error::Axis(_)), "{e}");
    assert_message(&e, &["axis 2 is out of bounds for array of dimension 2"]);
    // an input carrying an error passes it on
    let bad = Array::zeros(&[2]) + Array::zeros(&[3]);
    assert!(matches!(
        error_of(&concatenate(&[&a23(), &bad], 0)),
        Error::Shape(_)
    ));
}

/// NumPy names the dimension that differs and the two sizes, not the concatenation axis.
#[test]

fn concatenate_mismatch_message_matches_numpy() {
    // np.concatenate([np.zeros((2, 3)), np.zeros((2, 2))], axis=0) -> ValueError: all the input
    // array dimensions except for the concatenation axis must match exactly, but along
    // dimension 1, the array at index 0 has size 3 and the array at index 1 has size 2
    let e = error_of(&concatenate(
        &[&Array::zeros(&[2, 3]), &Array::zeros(&[2, 2])],
        0,
    ));
    assert_message(
        &e,
        &[
            "but along dimension 1, the array at index 0 has size 3 and the array at index 1 has size 2",
        ],
    );
    // np.concatenate([np.zeros((2, 3)), np.zeros(2)]) -> ValueError: all the input arrays must
    // have same number of dimensions, but the array at index 0 has 2 dimension(s) and the array
    // at index 1 has 1 dimension(s)
    let e = error_of(&concatenate(
        &[&Array::zeros(&[2, 3]), &Array::zeros(&[2])],
        0,
    ));
    assert_message(
        &e,
        &[
            "all the input arrays must have same number of dimensions, but the array at index 0 has 2 dimension(s) and the array at index 1 has 1 dimension(s)",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// stack
// ---------------------------------------------------------------------------------------------

#[test]
fn stack_along_new_axes() {
    let x = arr(&[1i64, 2, 3], &[3]);
    let y = arr(&[4i64, 5, 6], &[3]);
    // np.stack([x, y]) ; np.stack([x, y], axis=1)
    check(&stack(&[&x, &y], 0), &[2, 3], &[1i64, 2, 3, 4, 5, 6]);
    check(&stack(&[&x, &y], 1), &[3, 2], &[1i64, 4, 2, 5, 3, 6]);
    // np.stack([a, a * 10], axis=-1)
    let a = a23();
    check(
        &stack(&[&a, &(&a * 10)], -1),
        &[2, 3, 2],
        &[1i32, 10, 2, 20, 3, 30, 4, 40, 5, 50, 6, 60],
    );
    // np.stack([a, a], axis=1)
    check(
        &stack(&[&a, &a], 1),
        &[2, 2, 3],
        &[1i32, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6],
    );
    // np.stack([np.array(1.0), np.array(2.0), np.array(3.0)]) -> 0-d arrays stack to (3,)
    check(
        &stack(
            &[
                &Array::scalar(1.0),
                &Array::scalar(2.0),
                &Array::scalar(3.0),
            ],
            0,
        ),
        &[3],
        &[1.0, 2.0, 3.0],
    );
    // np.stack([np.array([1, 2], np.int32), np.array([0.5, 1.5], np.float32)]) -> float64
    check(
        &stack(&[&arr(&[1i32, 2], &[2]), &arr(&[0.5f32, 1.5], &[2])], 0),
        &[2, 2],
        &[1.0, 2.0, 0.5, 1.5],
    );
    // np.stack([np.zeros(0), np.zeros(0)], axis=1) -> shape (0, 2)
    check(
        &stack(&[&Array::zeros(&[0]), &Array::zeros(&[0])], 1),
        &[0, 2],
        &[] as &[f64],
    );
    // views: np.stack([a.T, a[::-1].T]) -> shape (2, 3, 2)
    check(
        &stack(&[&a.t(), &a.slice(s![..;-1]).t()], 0),
        &[2, 3, 2],
        &[1i32, 4, 2, 5, 3, 6, 4, 1, 5, 2, 6, 3],
    );
}

#[test]
fn stack_errors() {
    // np.stack([np.zeros(2), np.zeros(3)]) -> ValueError: all input arrays must have the same shape
    let e = error_of(&stack(&[&Array::zeros(&[2]), &Array::zeros(&[3])], 0));
    assert!(matches!(e, Error::Shape(_)), "{e}");
    assert_message(&e, &["all input arrays must have the same shape"]);
    // np.stack([]) -> need at least one array to stack
    let e = error_of(&stack(&[], 0));
    assert!(matches!(e, Error::Shape(_)), "{e}");
    assert_message(&e, &["need at least one array to stack"]);
    // np.stack([a, a], axis=3) -> AxisError: axis 3 is out of bounds for array of dimension 3
    let e = error_of(&stack(&[&a23(), &a23()], 3));
    assert!(matches!(e, Error::Axis(_)), "{e}");
}
