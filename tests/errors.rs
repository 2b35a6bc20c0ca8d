//! The bad-input catalog (`docs/bad-inputs.md` lists every item with its tests): every item
//! that applies to the library today has a test here.
//!
//! An E item (a typed error) is checked for its variant, its op, the key words of its message
//! (NumPy's wording where NumPy has one) and its location (the caller's line in this file). An R
//! item (a defined result) is checked with `common::check`, on both evaluation paths, against
//! values computed with NumPy 2 (the NumPy expression is in a comment next to each).

// Slice bounds are NumPy's, and NumPy's `a[5:2]` is written `s![5..2]`.
#![allow(clippy::reversed_empty_ranges)]

mod common;
use common::*;
use lazyarray::{Array, DType, Element, Error, NewAxis, concatenate, eval, s, stack, where_};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn arr<T: Element>(data: &[T], shape: &[usize]) -> Array {
    Array::from_slice(data, shape)
}

fn vec1<T: Element>(data: &[T]) -> Array {
    Array::from_slice(data, &[data.len()])
}

/// `np.arange(12).reshape(3, 4)`.
fn a34() -> Array {
    Array::arange(0i64, 12, 1).reshape(&[3, 4])
}

/// `np.arange(16.0).reshape(4, 4) * 1.5 - 3.0`.
fn x44() -> Array {
    Array::arange(0.0, 16.0, 1.0).reshape(&[4, 4]) * 1.5 - 3.0
}

/// `v` repeated to `n` elements: long enough for every SIMD lane and an odd tail.
fn cycle<T: Copy>(v: &[T], n: usize) -> Vec<T> {
    v.iter().copied().cycle().take(n).collect()
}

/// The error `a` carries from when it was built (nothing is evaluated).
#[track_caller]
fn build_error(a: &Array) -> Error {
    match a.check() {
        Err(e) => e,
        Ok(_) => panic!("expected {a:?} to carry an error when built"),
    }
}

/// The error found when `a` is evaluated: it builds fine (the error depends on data), and the
/// normal path and the reference evaluator report the same error.
#[track_caller]
fn eval_error(a: &Array) -> Error {
    if let Err(e) = a.check() {
        panic!("expected {a:?} to build and fail when evaluated, but it failed when built: {e}");
    }
    let fast = match a.eval() {
        Err(e) => e,
        Ok(v) => panic!("expected evaluating {a:?} to fail, got {v:?}"),
    };
    let reference = match a.eval_reference() {
        Err(e) => e,
        Ok(v) => panic!("expected the reference evaluation of {a:?} to fail, got {v:?}"),
    };
    assert_eq!(fast, reference, "both evaluators report the same error");
    fast
}

/// The error was recorded at the user's call, in this file.
#[track_caller]
fn assert_located_here(e: &Error) {
    let file = e.context().location.file();
    assert!(
        file.ends_with("tests/errors.rs"),
        "{e:?} is located in {file}, not at the caller in tests/errors.rs"
    );
}

/// Asserts the variant, the op, the words of the message and the caller's location.
macro_rules! assert_error {
    ($err:expr, $variant:ident, $op:expr, [$($word:expr),+ $(,)?]) => {{
        let e: &Error = &$err;
        assert!(
            matches!(e, Error::$variant(_)),
            "expected Error::{}, got {e:?}",
            stringify!($variant)
        );
        assert_eq!(e.context().op, $op, "op of {e:?}");
        assert_message(e, &[$($word),+]);
        assert_located_here(e);
    }};
}

// ---------------------------------------------------------------------------------------------
// Error propagation: an inner error reaches everything built from it
// ---------------------------------------------------------------------------------------------

#[test]
fn a_build_error_propagates_to_everything_built_from_it() {
    let (bad, line) = (Array::zeros(&[2, 3]) + Array::zeros(&[4]), line!());
    let original = build_error(&bad);
    assert_error!(
        original,
        Shape,
        "add",
        ["operands could not be broadcast together with shapes (2,3) (4,)"]
    );
    assert_eq!(original.context().location.line(), line);
    let derived = [
        (&bad + 1.0).sum(),
        -bad.t().reshape(&[-1]),
        where_(&bad.gt(0.0), &bad, 0.0),
        where_(&Array::full(&[3], true), 1.0, &bad),
        concatenate(&[&Array::zeros(&[3]), &bad], 0),
        stack(&[&bad, &bad], 0),
        Array::arange(0.0, 3.0, 1.0).take(&bad.astype(DType::I64), 0),
        Array::zeros(&[2, 3]).mask(&bad.gt(0.0)),
        bad.max().maximum(1.0).slice(s![NewAxis]),
        bad.cumsum(0).argmax(),
    ];
    for d in &derived {
        assert_eq!(build_error(d), original, "{d:?}");
    }
    // Every reader returns the original error too.
    assert_eq!(bad.to_vec::<f64>().unwrap_err(), original);
    assert_eq!(bad.item::<f64>().unwrap_err(), original);
    assert_eq!(bad.eval().unwrap_err(), original);
    assert_eq!(bad.eval_reference().unwrap_err(), original);
    assert_eq!(
        eval(&[&Array::zeros(&[2]), &bad.sum()]).unwrap_err(),
        original
    );
    assert_eq!(bad.error(), Some(&original));
}

#[test]
fn an_evaluation_error_propagates_with_its_original_location() {
    // np.take(np.arange(10.0), np.arange(5) * 3) raises: index 12 is out of bounds
    let idx = Array::arange(0i64, 5, 1) * 3;
    let (bad, line) = (Array::arange(0.0, 10.0, 1.0).take(&idx, 0), line!());
    let built = (&bad * 2.0 + 1.0).sum().maximum(0.0);
    let e = eval_error(&built);
    assert_error!(
        e,
        Index,
        "take",
        ["index 12 is out of bounds for axis 0 with size 10"]
    );
    assert_eq!(e.context().location.line(), line);
    assert_eq!(built.to_vec::<f64>().unwrap_err(), e);
    assert_eq!(built.item::<f64>().unwrap_err(), e);
}

#[test]
fn readers_report_their_own_mistakes_at_the_caller() {
    let e = Array::zeros(&[2]).item::<f64>().unwrap_err();
    assert_error!(
        e,
        Shape,
        "item",
        ["can only convert an array of size 1", "(2,)"]
    );
    let e = Array::zeros(&[2]).to_vec::<i64>().unwrap_err();
    assert_error!(e, DType, "to_vec", ["float64", "int64"]);
}

// ---------------------------------------------------------------------------------------------
// 1. Negative dimensions
// ---------------------------------------------------------------------------------------------

/// Shapes are `usize` in the API; a negative dimension can only be written in a reshape target,
/// where `-1` is the one allowed (inferred) value.
#[test]
fn item01_negative_dimension_in_reshape_is_an_error() {
    let a = Array::arange(0i64, 6, 1);
    let e = build_error(&a.reshape(&[-2, 3]));
    assert_error!(e, Shape, "reshape", ["negative dimensions are not allowed"]);
    let e = build_error(&a.reshape(&[3, isize::MIN]));
    assert_error!(e, Shape, "reshape", ["negative dimensions are not allowed"]);
    let e = build_error(&Array::zeros(&[0]).reshape(&[0, -5]));
    assert_error!(e, Shape, "reshape", ["negative dimensions are not allowed"]);
}

// ---------------------------------------------------------------------------------------------
// 2. Sizes that overflow, even with a zero dimension
// ---------------------------------------------------------------------------------------------

#[test]
fn item02_overflowing_sizes_are_errors_even_with_a_zero_dim() {
    // np.zeros((0, 2**62, 2**62)) raises "array is too big"
    let e = build_error(&Array::zeros(&[0, 1 << 62, 1 << 62]));
    assert_error!(
        e,
        Shape,
        "full",
        [
            "array is too big",
            "(0,4611686018427387904,4611686018427387904)"
        ]
    );
    // 2**61 float64 elements are 2**64 bytes
    let e = build_error(&Array::zeros(&[1 << 61]));
    assert_error!(e, Shape, "full", ["array is too big"]);
    // the check is on bytes: 2**61 bools fit in isize (nothing is evaluated here)
    assert!(Array::full(&[1 << 61], true).check().is_ok());
    let e = build_error(&Array::from_slice::<f64>(&[], &[0, 1 << 62, 1 << 62]));
    assert_error!(e, Shape, "array", ["array is too big"]);
    let e = build_error(&Array::zeros(&[0]).reshape(&[0isize, 1 << 62, 1 << 62]));
    assert_error!(e, Shape, "reshape", ["array is too big"]);
    let e = build_error(&Array::random(&[1 << 62, 4], 0));
    assert_error!(e, Shape, "random_sample", ["array is too big"]);
    let e = build_error(&Array::eye_with(1 << 62, 1 << 62, 0));
    assert_error!(e, Shape, "eye", ["array is too big"]);
    // np.arange(0.0, 1e300, 1.0) raises "Maximum allowed size exceeded"
    let e = build_error(&Array::arange(0.0, 1e300, 1.0));
    assert_error!(e, Shape, "arange", ["Maximum allowed size exceeded"]);
    let e = build_error(&Array::arange(0i64, i64::MAX, 1));
    assert_error!(e, Shape, "arange", ["too big"]);
}

#[test]
fn item02_views_and_joins_that_would_overflow_are_errors() {
    let one = Array::zeros(&[1]);
    let e = build_error(&one.broadcast_to(&[1 << 31, 1 << 31]));
    assert_error!(
        e,
        Shape,
        "broadcast_to",
        ["array is too big", "(2147483648,2147483648)"]
    );
    let e = build_error(&one.broadcast_to(&[0, 1 << 62, 1 << 62]));
    assert_error!(e, Shape, "broadcast_to", ["array is too big"]);
    let e = build_error(&one.tile(&[1 << 31, 1 << 31]));
    assert_error!(e, Shape, "tile", ["too big"]);
    let e = build_error(&Array::zeros(&[2]).repeat(1 << 62, None));
    assert_error!(e, Shape, "repeat", ["too big"]);
    let e = build_error(&Array::zeros(&[3]).repeat(usize::MAX, Some(0)));
    assert_error!(e, Shape, "repeat", ["too big"]);
    let long = one.broadcast_to(&[1 << 40]);
    let e = build_error(&long.windows(1 << 39, 0));
    assert_error!(e, Shape, "sliding_window_view", ["too big"]);
    let idx = Array::zeros(&[1])
        .astype(DType::I64)
        .broadcast_to(&[1 << 20, 1 << 20]);
    let e = build_error(&one.broadcast_to(&[1 << 20, 1]).take(&idx, 1));
    assert_error!(e, Shape, "take", ["too big"]);
    let half = one.broadcast_to(&[1 << 59]);
    let e = build_error(&concatenate(&[&half, &half], 0));
    assert_error!(e, Shape, "concatenate", ["too big"]);
    // the broadcast element count itself overflows isize: NumPy's "iterator is too large"
    let col = one.broadcast_to(&[1 << 31, 1]);
    let e = build_error(&(&col + &one.broadcast_to(&[1 << 32])));
    assert_error!(e, Shape, "add", ["too large", "(2147483648,4294967296)"]);
}

#[test]

fn item02_elementwise_broadcast_whose_bytes_overflow_is_an_error() {
    // np.broadcast_to(np.zeros(1), (2**31, 1)) + np.broadcast_to(np.zeros(1), (2**31,)) raises
    // "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size"
    let one = Array::zeros(&[1]);
    let col = one.broadcast_to(&[1 << 31, 1]);
    let row = one.broadcast_to(&[1 << 31]);
    let e = build_error(&(&col + &row));
    assert_error!(e, Shape, "add", ["too", "(2147483648,2147483648)"]);
    let cond = Array::full(&[1], true).broadcast_to(&[1 << 31, 1]);
    let e = build_error(&where_(&cond, &row, 0.0));
    assert_error!(e, Shape, "where", ["too", "(2147483648,2147483648)"]);
}

#[test]

fn item02_linspace_with_an_overflowing_count_is_an_error() {
    // np.linspace(0, 1, 2**64 - 1): "Maximum allowed size exceeded"; np.linspace(0, 1, 2**63)
    // raises too
    for num in [usize::MAX, 1 << 63] {
        let l = Array::linspace(0.0, 1.0, num);
        let e = match l.check() {
            Err(e) => e,
            Ok(_) => panic!("linspace(0, 1, {num}) built {l:?}, shape {:?}", l.shape()),
        };
        assert!(matches!(e, Error::Shape(_)), "{e:?}");
        assert_message(&e, &["size"]);
        assert_located_here(&e);
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Zero-size dims and 0-d arrays
// ---------------------------------------------------------------------------------------------

#[test]
fn item03_zero_size_arrays_flow_through_every_op() {
    let z = Array::zeros(&[0, 3]);
    let e: &[f64] = &[];
    check(&(&z + 1.0), &[0, 3], e); // np.zeros((0, 3)) + 1
    check(&(&z * &Array::ones(&[1, 3])).sqrt(), &[0, 3], e);
    check(&z.sum_axis(0), &[3], &[0.0, 0.0, 0.0]); // z.sum(axis=0)
    check(&z.prod_axis(0), &[3], &[1.0, 1.0, 1.0]); // z.prod(axis=0)
    check(&z.sum_axis(1), &[0], e); // z.sum(axis=1)
    check(&z.max_axis(1), &[0], e); // z.max(axis=1)
    check(&z.argmax_axis(1), &[0], &[] as &[i64]); // z.argmax(axis=1)
    check(&z.sum(), &[], &[0.0]); // z.sum()
    check(&z.mean(), &[], &[f64::NAN]); // z.mean() -> nan (with a RuntimeWarning)
    check(&z.any(), &[], &[false]);
    check(&z.all(), &[], &[true]);
    check(&z.t(), &[3, 0], e); // z.T
    check(&z.reshape(&[3, -1]), &[3, 0], e); // z.reshape(3, -1)
    check(&z.reshape(&[-1, 3]), &[0, 3], e);
    check(&z.slice(s![.., 1..]), &[0, 2], e); // z[:, 1:]
    check(&z.slice(s![..;-1, ..;-1]), &[0, 3], e); // z[::-1, ::-1]
    check(&z.cumsum(0), &[0, 3], e);
    check(&z.broadcast_to(&[2, 0, 3]), &[2, 0, 3], e);
    check(&z.tile(&[2, 2]), &[0, 6], e); // np.tile(z, (2, 2))
    check(&z.repeat(3, Some(1)), &[0, 9], e); // np.repeat(z, 3, axis=1)
    check(&where_(&z.gt(0.0), &z, 1.0), &[0, 3], e);
    check(&z.astype(DType::I32), &[0, 3], &[] as &[i32]);
    check(&z.diagonal(), &[0], e); // z.diagonal()
    // np.concatenate([np.arange(6.0).reshape(2, 3), z])
    let six = Array::arange(0.0, 6.0, 1.0).reshape(&[2, 3]);
    check(
        &concatenate(&[&six, &z], 0),
        &[2, 3],
        &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0],
    );
    // np.take(np.arange(3.0), np.zeros((2, 0), int))
    let no_idx = Array::zeros(&[2, 0]).astype(DType::I64);
    check(&Array::arange(0.0, 3.0, 1.0).take(&no_idx, 0), &[2, 0], e);
    // np.take(np.zeros((0, 3)), [], axis=0)
    check(&z.take(&vec1::<i64>(&[]), 0), &[0, 3], e);
    // np.arange(3.0)[np.zeros(3, bool)]
    let none = Array::full(&[3], false);
    check(&Array::arange(0.0, 3.0, 1.0).mask(&none), &[0], e);
    // np.zeros((2, 0, 3)).sum(axis=(0, 2))
    check(&Array::zeros(&[2, 0, 3]).sum_axes(&[0, 2], false), &[0], e);
    // np.zeros((3, 0)).sum(axis=1), .prod(axis=1), .any(axis=1)
    let w = Array::zeros(&[3, 0]);
    check(&w.sum_axis(1), &[3], &[0.0, 0.0, 0.0]);
    check(&w.prod_axis(1), &[3], &[1.0, 1.0, 1.0]);
    check(&w.any_axis(1), &[3], &[false, false, false]);
    check(&w.all_axis(1), &[3], &[true, true, true]);
    check(&w.max_axis(0), &[0], e); // np.zeros((3, 0)).max(axis=0)
    check(&w.argmax_axis(0), &[0], &[] as &[i64]);
    // creation of empty arrays
    check(&Array::arange(0i64, 0, 1), &[0], &[] as &[i64]); // np.arange(0)
    check(&Array::arange(5i64, 0, 1), &[0], &[] as &[i64]); // np.arange(5, 0)
    check(&Array::linspace(0.0, 1.0, 0), &[0], e); // np.linspace(0, 1, 0)
    check(&Array::eye(0), &[0, 0], e); // np.eye(0)
    check(&Array::random(&[0, 4], 1), &[0, 4], e);
    assert_eq!(
        Array::zeros(&[0]).to_vec::<f64>().unwrap(),
        Vec::<f64>::new()
    );
    // np.zeros(0).max(axis=()) reduces nothing: no error
    check(&Array::zeros(&[0]).max_axes(&[], false), &[0], e);
}

#[test]
fn item03_zero_d_arrays_behave_like_numpy_scalars() {
    let five = Array::scalar(5.0);
    check(&(&five + 1.0), &[], &[6.0]); // np.array(5.0) + 1
    // np.array(2.0) + np.arange(3.0)
    check(
        &(Array::scalar(2.0) + Array::arange(0.0, 3.0, 1.0)),
        &[3],
        &[2.0, 3.0, 4.0],
    );
    check(&five.sum(), &[], &[5.0]);
    check(&five.sum_axes(&[], false), &[], &[5.0]); // np.array(5.0).sum(axis=())
    check(&five.max(), &[], &[5.0]);
    check(&five.mean(), &[], &[5.0]);
    check(&five.argmax(), &[], &[0i64]); // np.argmax(np.array(5.0))
    check(&five.t(), &[], &[5.0]);
    check(&five.reshape(&[1, 1]), &[1, 1], &[5.0]);
    check(&five.reshape(&[-1]), &[1], &[5.0]);
    check(&vec1(&[7.0]).reshape(&[]), &[], &[7.0]); // np.array([7.0]).reshape(())
    check(&five.slice(s![NewAxis]), &[1], &[5.0]); // np.array(5.0)[None]
    check(&five.slice(s![lazyarray::Ellipsis]), &[], &[5.0]); // np.array(5.0)[...]
    check(&five.expand_dims(0), &[1], &[5.0]);
    check(&five.broadcast_to(&[2, 2]), &[2, 2], &[5.0; 4]);
    check(&Array::scalar(5i64).cumsum_flat(), &[1], &[5i64]); // np.cumsum(np.array(5))
    check(&Array::scalar(7i64).floor_divide(2i64), &[], &[3i64]); // np.array(7) // 2
    check(
        &Array::scalar(3i64).take_flat(&vec1(&[0i64, -1])),
        &[2],
        &[3i64, 3],
    );
    assert_eq!(five.item::<f64>().unwrap(), 5.0);
    assert_eq!(five.ndim(), 0);
    assert_eq!(five.size(), 1);
}

// ---------------------------------------------------------------------------------------------
// 4. Broadcasting
// ---------------------------------------------------------------------------------------------

#[test]
fn item04_incompatible_broadcasts_name_both_shapes() {
    let e = build_error(&(Array::zeros(&[2, 3]) + Array::zeros(&[4])));
    assert_error!(
        e,
        Shape,
        "add",
        ["operands could not be broadcast together with shapes (2,3) (4,)"]
    );
    let e = build_error(&Array::zeros(&[2, 3]).lt(Array::zeros(&[3, 2])));
    assert_error!(e, Shape, "less", ["shapes (2,3) (3,2)"]);
    // size 2 against size 0 does not broadcast
    let e = build_error(&(Array::zeros(&[2]) * Array::zeros(&[0])));
    assert_error!(e, Shape, "multiply", ["shapes (2,) (0,)"]);
    // np.where(np.ones(2, bool), np.zeros(3), np.zeros(4))
    let e = build_error(&where_(
        &Array::full(&[2], true),
        Array::zeros(&[3]),
        Array::zeros(&[4]),
    ));
    assert_error!(e, Shape, "where", ["shapes (2,) (3,) (4,)"]);
    let e = build_error(&Array::zeros(&[3]).logical_and(Array::zeros(&[2])));
    assert_error!(e, Shape, "logical_and", ["shapes (3,) (2,)"]);
    // np.broadcast_to(np.zeros(3), (4,))
    let e = build_error(&Array::zeros(&[3]).broadcast_to(&[4]));
    assert_error!(
        e,
        Shape,
        "broadcast_to",
        [
            "operands could not be broadcast together with remapped shapes",
            "(3,)",
            "(4,)"
        ]
    );
    let e = build_error(&Array::zeros(&[2, 3]).broadcast_to(&[3]));
    assert_error!(e, Shape, "broadcast_to", ["(2,3)", "(3,)"]);
}

#[test]
fn item04_size_one_against_size_zero_broadcasts_to_zero() {
    let e: &[f64] = &[];
    // np.zeros(1) + np.zeros(0)
    check(&(Array::zeros(&[1]) + Array::zeros(&[0])), &[0], e);
    // np.zeros((3, 1)) + np.zeros((1, 0))
    check(&(Array::zeros(&[3, 1]) + Array::zeros(&[1, 0])), &[3, 0], e);
    // np.array(1.0) * np.zeros((0, 2))
    check(&(Array::scalar(1.0) * Array::zeros(&[0, 2])), &[0, 2], e);
    // np.broadcast_to(np.zeros((1, 3)), (0, 3))
    check(&Array::zeros(&[1, 3]).broadcast_to(&[0, 3]), &[0, 3], e);
    // np.where(np.ones(1, bool), np.zeros(0), 2.0)
    check(
        &where_(&Array::full(&[1], true), Array::zeros(&[0]), 2.0),
        &[0],
        e,
    );
}

// ---------------------------------------------------------------------------------------------
// 5. Reshape
// ---------------------------------------------------------------------------------------------

#[test]
fn item05_reshape_to_another_size_or_with_two_unknowns_is_an_error() {
    let a = Array::arange(0i64, 6, 1);
    let e = build_error(&a.reshape(&[4]));
    assert_error!(
        e,
        Shape,
        "reshape",
        ["cannot reshape array of size 6 into shape (4,)"]
    );
    let e = build_error(&a.reshape(&[-1, -1]));
    assert_error!(
        e,
        Shape,
        "reshape",
        ["can only specify one unknown dimension"]
    );
    // np.arange(6).reshape(4, -1): "cannot reshape array of size 6 into shape (4,newaxis)"
    let e = build_error(&a.reshape(&[4, -1]));
    assert_error!(
        e,
        Shape,
        "reshape",
        ["cannot reshape array of size 6 into shape (4,"]
    );
    // np.zeros(0).reshape(-1, 0): the unknown dimension cannot be inferred
    let e = build_error(&Array::zeros(&[0]).reshape(&[-1, 0]));
    assert_error!(e, Shape, "reshape", ["cannot reshape array of size 0"]);
    let e = build_error(&Array::scalar(1.0).reshape(&[0]));
    assert_error!(
        e,
        Shape,
        "reshape",
        ["cannot reshape array of size 1 into shape (0,)"]
    );
    // np.array([1.0, 2.0, 3.0]).reshape(2, 2)
    let e = build_error(&arr(&[1.0, 2.0, 3.0], &[2, 2]));
    assert_error!(
        e,
        Shape,
        "array",
        ["cannot reshape array of size 3 into shape (2,2)"]
    );
}

// ---------------------------------------------------------------------------------------------
// 6. Axes
// ---------------------------------------------------------------------------------------------

#[test]
fn item06_axis_out_of_range_is_an_error_for_every_op() {
    let v = Array::zeros(&[3]);
    let e = build_error(&v.sum_axis(2));
    assert_error!(
        e,
        Axis,
        "sum",
        ["axis 2 is out of bounds for array of dimension 1"]
    );
    let e = build_error(&v.max_axis(-2));
    assert_error!(
        e,
        Axis,
        "max",
        ["axis -2 is out of bounds for array of dimension 1"]
    );
    let e = build_error(&v.argmax_axis(1));
    assert_error!(
        e,
        Axis,
        "argmax",
        ["axis 1 is out of bounds for array of dimension 1"]
    );
    let e = build_error(&v.cumsum(1));
    assert_error!(
        e,
        Axis,
        "cumsum",
        ["axis 1 is out of bounds for array of dimension 1"]
    );
    let e = build_error(&v.take(&vec1(&[0i64]), 1));
    assert_error!(
        e,
        Axis,
        "take",
        ["axis 1 is out of bounds for array of dimension 1"]
    );
    let e = build_error(&v.compress(&vec1(&[true]), -2));
    assert_error!(
        e,
        Axis,
        "compress",
        ["axis -2 is out of bounds for array of dimension 1"]
    );
    let e = build_error(&v.repeat(2, Some(1)));
    assert_error!(
        e,
        Axis,
        "repeat",
        ["axis 1 is out of bounds for array of dimension 1"]
    );
    // np.expand_dims(np.zeros(3), 3): the result has 2 dimensions
    let e = build_error(&v.expand_dims(3));
    assert_error!(
        e,
        Axis,
        "expand_dims",
        ["axis 3 is out of bounds for array of dimension 2"]
    );
    let e = build_error(&v.swapaxes(0, 1));
    assert_error!(
        e,
        Axis,
        "swapaxes",
        ["axis 1 is out of bounds for array of dimension 1"]
    );
    let e = build_error(&v.squeeze_axes(&[1]));
    assert_error!(
        e,
        Axis,
        "squeeze",
        ["axis 1 is out of bounds for array of dimension 1"]
    );
    let e = build_error(&v.windows(2, 1));
    assert_error!(e, Axis, "sliding_window_view", ["axis 1 is out of bounds"]);
    let e = build_error(&Array::zeros(&[2, 2]).diagonal_with(0, 0, 2));
    assert_error!(
        e,
        Axis,
        "diagonal",
        ["axis 2 is out of bounds for array of dimension 2"]
    );
    let e = build_error(&concatenate(&[&v, &v], 1));
    assert_error!(
        e,
        Axis,
        "concatenate",
        ["axis 1 is out of bounds for array of dimension 1"]
    );
    let e = build_error(&Array::scalar(1.0).sum_axis(0));
    assert_error!(
        e,
        Axis,
        "sum",
        ["axis 0 is out of bounds for array of dimension 0"]
    );
    let e = build_error(&Array::zeros(&[2, 3]).permute(&[0, 2]));
    assert_error!(
        e,
        Axis,
        "transpose",
        ["axis 2 is out of bounds for array of dimension 2"]
    );
    // np.transpose(np.zeros((2, 3)), (0,)): "axes don't match array"
    let e = build_error(&Array::zeros(&[2, 3]).permute(&[0]));
    assert_error!(e, Axis, "transpose", ["axes don't match array"]);
    let e = build_error(&Array::zeros(&[2, 3]).sum_axes(&[isize::MIN], false));
    assert_error!(
        e,
        Axis,
        "sum",
        ["is out of bounds for array of dimension 2"]
    );
}

/// `Context::op` is "the NumPy-style name of the user's operation".
#[test]

fn item06_errors_of_composite_ops_name_the_users_call() {
    let v = Array::zeros(&[3]);
    // np.stack([np.zeros(3)] * 2, axis=3): "axis 3 is out of bounds for array of dimension 2"
    let e = build_error(&stack(&[&v, &v], 3));
    assert_error!(
        e,
        Axis,
        "stack",
        ["axis 3 is out of bounds for array of dimension 2"]
    );
    // np.linspace(0, 1, 2**62): "array is too big"
    let e = build_error(&Array::linspace(0.0, 1.0, 1 << 62));
    assert_error!(e, Shape, "linspace", ["too big"]);
}

#[test]
fn item06_repeated_axes_are_errors() {
    let m = Array::zeros(&[2, 3]);
    // np.sum(m, axis=(0, -2)) raises ("duplicate value in 'axis'")
    let e = build_error(&m.sum_axes(&[0, -2], false));
    assert_error!(e, Axis, "sum", ["repeated axis"]);
    let e = build_error(&m.max_axes(&[1, 1], true));
    assert_error!(e, Axis, "max", ["repeated axis"]);
    // np.transpose(m, (0, 0)): "repeated axis in transpose"
    let e = build_error(&m.permute(&[0, 0]));
    assert_error!(e, Axis, "transpose", ["repeated axis"]);
    let e = build_error(&m.diagonal_with(0, 1, -1));
    assert_error!(e, Axis, "diagonal", ["axis1 and axis2 cannot be the same"]);
    let e = build_error(&m.squeeze_axes(&[0, 0]));
    assert_error!(e, Axis, "squeeze", ["repeated axis"]);
}

#[test]
fn item06_negative_axes_count_from_the_end() {
    let a = a34();
    check(&a.sum_axis(-1), &[3], &[6i64, 22, 38]); // a.sum(axis=-1)
    check(&a.max_axis(-2), &[4], &[8i64, 9, 10, 11]); // a.max(axis=-2)
    check(&a.argmax_axis(-1), &[3], &[3i64, 3, 3]);
    // a.sum(axis=(-1, -2), keepdims=True)
    check(&a.sum_axes(&[-1, -2], true), &[1, 1], &[66i64]);
    // np.cumsum(a, axis=-1)
    check(
        &a.cumsum(-1),
        &[3, 4],
        &[0i64, 1, 3, 6, 4, 9, 15, 22, 8, 17, 27, 38],
    );
    // np.transpose(a, (-1, -2))
    check(
        &a.permute(&[-1, -2]),
        &[4, 3],
        &[0i64, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11],
    );
    // np.take(a, [-1], axis=-1)
    check(&a.take(&vec1(&[-1i64]), -1), &[3, 1], &[3i64, 7, 11]);
    // np.expand_dims(a, -1).shape == (3, 4, 1)
    check(
        &a.expand_dims(-1),
        &[3, 4, 1],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    check(
        &a.swapaxes(-1, 0),
        &[4, 3],
        &[0i64, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11],
    );
    check(&a.diagonal_with(1, -2, -1), &[3], &[1i64, 6, 11]); // a.diagonal(1, -2, -1)
    // np.concatenate([a, a[:, :1]], axis=-1)[0]
    let wide = concatenate(&[&a, &a.slice(s![.., ..1])], -1);
    check(&wide.slice(s![0]), &[5], &[0i64, 1, 2, 3, 0]);
    // np.squeeze(np.zeros((2, 1)), axis=-1)
    check(
        &Array::zeros(&[2, 1]).squeeze_axes(&[-1]),
        &[2],
        &[0.0, 0.0],
    );
    // sliding_window_view(a, 3, axis=-1)[2]
    check(
        &a.windows(3, -1).slice(s![2]),
        &[2, 3],
        &[8i64, 9, 10, 9, 10, 11],
    );
}

// ---------------------------------------------------------------------------------------------
// 7. Negative strides
// ---------------------------------------------------------------------------------------------

#[test]
fn item07_reversed_views_compute_like_numpy() {
    let a = a34();
    check(&a.slice(s![..;-1, ..;-2]), &[3, 2], &[11i64, 9, 7, 5, 3, 1]); // a[::-1, ::-2]
    check(
        &(a.slice(s![..;-1]) + &a),
        &[3, 4],
        &[8i64, 10, 12, 14, 8, 10, 12, 14, 8, 10, 12, 14],
    ); // a[::-1] + a
    check(&a.slice(s![.., ..;-1]).sum_axis(1), &[3], &[6i64, 22, 38]); // a[:, ::-1].sum(1)
    check(
        &a.slice(s![..;-2, ..;-1]).max_axis(0),
        &[4],
        &[11i64, 10, 9, 8],
    ); // a[::-2, ::-1].max(0)
    check(
        &(a.slice(s![..;-1, ..;-1]) - a.slice(s![.., ..;-1])),
        &[3, 4],
        &[8i64, 8, 8, 8, 0, 0, 0, 0, -8, -8, -8, -8],
    ); // a[::-1, ::-1] - a[:, ::-1]
    let v = Array::arange(0.0, 17.0, 1.0) * 0.25; // np.arange(17.0) * 0.25
    let rev = v.slice(s![..;-1]);
    check(
        &(&rev * 2.0 + 1.0),
        &[17],
        &[
            9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0, 5.5, 5.0, 4.5, 4.0, 3.5, 3.0, 2.5, 2.0, 1.5, 1.0,
        ],
    ); // v[::-1] * 2 + 1
    check(
        &rev.cumsum(0),
        &[17],
        &[
            4.0, 7.75, 11.25, 14.5, 17.5, 20.25, 22.75, 25.0, 27.0, 28.75, 30.25, 31.5, 32.5,
            33.25, 33.75, 34.0, 34.0,
        ],
    ); // np.cumsum(v[::-1])
    check(&v.slice(s![..;-3]).sum(), &[], &[12.75]); // v[::-3].sum()
    // the reversed result equals the same values laid out forwards
    let forwards = vec1(&rev.to_vec::<f64>().unwrap());
    let f = |x: &Array| ((x * 1.1 + 0.3).sqrt() * x).to_vec::<f64>().unwrap();
    assert!(same_bits(&f(&rev), &f(&forwards)));
}

// ---------------------------------------------------------------------------------------------
// 8. Zero strides (broadcast views)
// ---------------------------------------------------------------------------------------------

#[test]
fn item08_broadcast_views_read_correctly_and_are_never_written() {
    let r = Array::arange(1.0, 4.0, 1.0); // np.arange(1.0, 4.0)
    let b = r.broadcast_to(&[3, 3]);
    // B = np.broadcast_to(r, (3, 3)); B + B.T
    check(
        &(&b + &b.t()),
        &[3, 3],
        &[2.0, 3.0, 4.0, 3.0, 4.0, 5.0, 4.0, 5.0, 6.0],
    );
    check(&b.sum_axis(0), &[3], &[3.0, 6.0, 9.0]); // B.sum(axis=0)
    check(&b.sum_axis(1), &[3], &[6.0, 6.0, 6.0]);
    check(
        &b.cumsum(0),
        &[3, 3],
        &[1.0, 2.0, 3.0, 2.0, 4.0, 6.0, 3.0, 6.0, 9.0],
    ); // np.cumsum(B, axis=0)
    // np.broadcast_to(r.reshape(3, 1), (3, 4)) * np.arange(4.0)
    check(
        &(r.reshape(&[3, 1]).broadcast_to(&[3, 4]) * Array::arange(0.0, 4.0, 1.0)),
        &[3, 4],
        &[0.0, 1.0, 2.0, 3.0, 0.0, 2.0, 4.0, 6.0, 0.0, 3.0, 6.0, 9.0],
    );
    // B[:, [2, 0]]
    check(
        &b.take(&vec1(&[2i64, 0]), 1),
        &[3, 2],
        &[3.0, 1.0, 3.0, 1.0, 3.0, 1.0],
    );
    // "writing" to a broadcast view makes a new value: each element on its own
    let mut w = r.broadcast_to(&[2, 3]);
    w += 10.0;
    w = &w * &Array::arange(1.0, 3.0, 1.0).reshape(&[2, 1]);
    check(&w, &[2, 3], &[11.0, 12.0, 13.0, 22.0, 24.0, 26.0]);
    check(&r, &[3], &[1.0, 2.0, 3.0]);
    check(&b.slice(s![0]), &[3], &[1.0, 2.0, 3.0]);
    // a materialized broadcast, then updated
    let mut m = r.broadcast_to(&[2, 3]).eval().unwrap();
    let before = m.clone();
    m += 1.0;
    check(&m, &[2, 3], &[2.0, 3.0, 4.0, 2.0, 3.0, 4.0]);
    check(&before, &[2, 3], &[1.0, 2.0, 3.0, 1.0, 2.0, 3.0]);
}

// ---------------------------------------------------------------------------------------------
// 9. Views outside their base
// ---------------------------------------------------------------------------------------------

#[test]
fn item09_views_reaching_outside_their_base_are_errors_when_built() {
    let ten = Array::arange(0i64, 10, 1);
    // the last row of a (4, 3) view with strides (3, 1) starts at element 9 and ends at 11
    let e = build_error(&ten.as_strided(&[4, 3], &[3, 1], 0));
    assert_error!(
        e,
        View,
        "as_strided",
        ["reaches outside its base of 10 elements"]
    );
    let e = build_error(&ten.as_strided(&[3], &[-1], 1));
    assert_error!(e, View, "as_strided", ["outside its base"]);
    let e = build_error(&ten.as_strided(&[1], &[1], 10));
    assert_error!(e, View, "as_strided", ["outside its base"]);
    let e = build_error(&ten.as_strided(&[2], &[isize::MAX], 0));
    assert_error!(e, View, "as_strided", ["outside its base"]);
    let e = build_error(&ten.as_strided(&[4, 3], &[3], 0));
    assert_error!(e, View, "as_strided", ["differ in rank"]);
    // sliding_window_view(np.arange(2), 3): "window shape cannot be larger than input array shape"
    let e = build_error(&Array::zeros(&[2]).windows(3, 0));
    assert_error!(
        e,
        View,
        "sliding_window_view",
        ["window shape cannot be larger than input array shape"]
    );
    let e = build_error(&Array::zeros(&[4, 2]).sliding_window_view(&[2, 3], &[0, 1]));
    assert_error!(
        e,
        View,
        "sliding_window_view",
        ["window shape cannot be larger"]
    );
    // two windows on one axis must fit together: sliding_window_view(np.zeros(4), (3, 3), (0, 0))
    let e = build_error(&Array::zeros(&[4]).sliding_window_view(&[3, 3], &[0, 0]));
    assert_error!(
        e,
        View,
        "sliding_window_view",
        ["window shape cannot be larger"]
    );
    let e = build_error(&Array::zeros(&[4]).sliding_window_view(&[2], &[0, 0]));
    assert_error!(e, Shape, "sliding_window_view", ["matching length"]);
}

#[test]
fn item09_views_inside_their_base_compute_like_numpy() {
    let ten = Array::arange(0i64, 10, 1);
    // as_strided(np.arange(10), (4, 3), (2, 1)) in elements
    check(
        &ten.as_strided(&[4, 3], &[2, 1], 0),
        &[4, 3],
        &[0i64, 1, 2, 2, 3, 4, 4, 5, 6, 6, 7, 8],
    );
    // as_strided(np.arange(10)[2:], (3,), (-1,)) starting at element 2: [2, 1, 0]
    check(&ten.as_strided(&[3], &[-1], 2), &[3], &[2i64, 1, 0]);
    // an empty view may have any strides
    check(
        &ten.as_strided(&[0, 1 << 40], &[1 << 40, 1 << 40], 0),
        &[0, 1 << 40],
        &[] as &[i64],
    );
    // as_strided works on the C-order elements of a non-contiguous input:
    // as_strided(a.T.copy(), (6,), (2,)) offset 1 -> elements 1, 3, .., 11 of a.T.ravel()
    let a = a34();
    check(
        &a.t().as_strided(&[6], &[2], 1),
        &[6],
        &[4i64, 1, 9, 6, 3, 11],
    );
    // sliding_window_view(np.arange(5), 3) and on a reversed input
    let five = Array::arange(0i64, 5, 1);
    check(
        &five.windows(3, 0),
        &[3, 3],
        &[0i64, 1, 2, 1, 2, 3, 2, 3, 4],
    );
    check(
        &five.slice(s![..;-1]).windows(5, 0),
        &[1, 5],
        &[4i64, 3, 2, 1, 0],
    );
    // a window of 0 gives n + 1 empty windows: sliding_window_view(np.arange(5), 0).shape
    check(&five.windows(0, 0), &[6, 0], &[] as &[i64]);
}

// ---------------------------------------------------------------------------------------------
// 10. Slices: step 0, out-of-range bounds
// ---------------------------------------------------------------------------------------------

#[test]
fn item10_slice_step_zero_is_an_error() {
    let e = build_error(&Array::zeros(&[3]).slice(s![..;0]));
    assert_error!(e, View, "slice", ["slice step cannot be zero"]);
    let e = build_error(&Array::zeros(&[0, 3]).slice(s![.., 1..2;0]));
    assert_error!(e, View, "slice", ["slice step cannot be zero"]);
}

#[test]
fn item10_out_of_range_slice_bounds_clip_like_numpy() {
    let a = Array::arange(0i64, 10, 1);
    let all: Vec<i64> = (0..10).collect();
    let none: &[i64] = &[];
    check(&a.slice(s![-100..100]), &[10], &all); // a[-100:100]
    check(&a.slice(s![5..2]), &[0], none); // a[5:2]
    check(&a.slice(s![8..2;-2]), &[3], &[8i64, 6, 4]); // a[8:2:-2]
    check(&a.slice(s![100..]), &[0], none); // a[100:]
    check(&a.slice(s![..-100]), &[0], none); // a[:-100]
    check(
        &a.slice(s![100..-100;-1]),
        &[10],
        &[9i64, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ); // a[100:-100:-1]
    check(&a.slice(s![..;isize::MIN]), &[1], &[9i64]); // a[::-2**63]
    check(&a.slice(s![..;isize::MAX]), &[1], &[0i64]); // a[::2**63-1]
    check(&a.slice(s![i64::MIN..i64::MAX]), &[10], &all);
    check(&a.slice(s![-3..]), &[3], &[7i64, 8, 9]); // a[-3:]
    check(&a.slice(s![..;-4]), &[3], &[9i64, 5, 1]); // a[::-4]
    check(&a.slice(s![..=-1;-4]), &[1], &[9i64]); // a[:-2:-4]: the inclusive end -1 is the last
    // np.zeros((2, 3))[5:, -1:]
    check(
        &Array::zeros(&[2, 3]).slice(s![5.., -1..]),
        &[0, 1],
        &[] as &[f64],
    );
    // a[7:100:3] + 1 and a[-1:-100:-4].sum()
    check(&(a.slice(s![7..100;3]) + 1), &[1], &[8i64]);
    check(&a.slice(s![-1..-100;-4]).sum(), &[], &[15i64]);
}

// ---------------------------------------------------------------------------------------------
// 11. Non-contiguous, transposed, offset inputs
// ---------------------------------------------------------------------------------------------

/// The same values laid out C-contiguously, as a fresh materialized array.
fn contiguous(x: &Array) -> Array {
    arr(&x.to_vec::<f64>().unwrap(), x.shape())
}

#[test]
fn item11_strided_inputs_give_bit_identical_results_to_contiguous_ones() {
    let a = a34();
    // a.T * 2 + 1 and a[1:, 1::2] * 3 - 1
    check(
        &(a.t() * 2 + 1),
        &[4, 3],
        &[1i64, 9, 17, 3, 11, 19, 5, 13, 21, 7, 15, 23],
    );
    check(
        &(a.slice(s![1.., 1..;2]) * 3 - 1),
        &[2, 2],
        &[14i64, 20, 26, 32],
    );
    // np.random.seed(3); q = np.random.random_sample((5, 7)); q.T.sum(axis=0)
    let q = Array::random(&[5, 7], 3).eval().unwrap();
    check_close(
        &q.t().sum_axis(0),
        &[5],
        &[3.97550342, 2.11386069, 2.80783242, 3.14374457, 5.09931303],
        1e-8,
    );
    let ops: [NamedOp; 5] = [
        ("elementwise", |x| (x * 1.1 + 0.7).sqrt() * x - x.exp()),
        ("cumsum", |x| x.cumsum(1)),
        ("max", |x| x.max_axis(0)),
        ("min", |x| x.min_axis(1)),
        ("argmin", |x| x.argmin_axis(1).astype(DType::F64)),
    ];
    assert_layout_independent(&q, &ops);
}

/// Float sums are the one exception to bit-identity across layouts: the catalog's item 23
/// lets them be reassociated (the compiler vectorizes a contiguous sum with several
/// accumulators, a strided one runs in order), so they agree within the documented tolerance
/// (1e-12 relative for float64).
#[test]
fn item11_strided_float_sums_agree_within_the_reduction_tolerance() {
    let q = Array::random(&[5, 7], 3).eval().unwrap();
    let views = [
        q.t(),
        q.slice(s![1..4, 2..;2]),
        q.slice(s![..;-1, 1..;3]).t(),
        q.permute(&[1, 0]).slice(s![..;2]),
    ];
    for v in &views {
        let copy = contiguous(v);
        for f in [
            (|x: &Array| x.sum_axis(0)) as fn(&Array) -> Array,
            |x| x.sum_axis(1),
            |x| x.sum(),
        ] {
            let want = f(&copy).to_vec::<f64>().unwrap();
            check_close(&f(v), f(&copy).shape(), &want, 1e-12);
        }
    }
}

/// An op on arrays, with its name for messages.
type NamedOp = (&'static str, fn(&Array) -> Array);

/// Each op gives bit-identical results on strided views of `q` and on contiguous copies of
/// them, on both evaluation paths.
#[track_caller]
fn assert_layout_independent(q: &Array, ops: &[NamedOp]) {
    let views = [
        q.t(),
        q.slice(s![1..4, 2..;2]),
        q.slice(s![..;-1, 1..;3]).t(),
        q.permute(&[1, 0]).slice(s![..;2]),
    ];
    for v in &views {
        let c = contiguous(v);
        for (name, op) in ops {
            let (got, want) = (op(v), op(&c));
            let g = got.to_vec::<f64>().unwrap();
            let w = want.to_vec::<f64>().unwrap();
            assert!(same_bits(&g, &w), "{name} of {v:?}: {g:?} != {w:?}");
            // The reference on both layouts too (compiled `exp` is a polynomial within a few
            // ulp of libm's, so the two evaluators are compared with themselves).
            let r = got.eval_reference().unwrap().to_vec::<f64>().unwrap();
            let rw = want.eval_reference().unwrap().to_vec::<f64>().unwrap();
            assert!(
                same_bits(&r, &rw),
                "{name} of {v:?} (reference): {r:?} != {rw:?}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 12–15. Aliasing: value semantics, tested by their results
// ---------------------------------------------------------------------------------------------

#[test]
fn item12_updates_of_a_buffer_give_numpy_results_whatever_the_access_pattern() {
    let w = Array::arange(0.0, 8.0, 1.0).eval().unwrap();
    // same access pattern (a candidate for in-place reuse): w * 2 + 1, then + w
    let mut x = w.clone();
    x *= 2.0;
    x += 1.0;
    x = &x + &w;
    check(&x, &[8], &[1.0, 4.0, 7.0, 10.0, 13.0, 16.0, 19.0, 22.0]); // w * 2 + 1 + w
    // different access patterns: w + w[::-1], w[1:] - w[:-1]
    let mut y = w.clone();
    y = &y + &y.slice(s![..;-1]);
    check(&y, &[8], &[7.0; 8]);
    let mut d = w.clone();
    d = d.slice(s![1..]) - d.slice(s![..-1]);
    check(&d, &[7], &[1.0; 7]);
    check(&w, &[8], &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]);
}

#[test]
fn item13_partially_overlapping_inputs_give_results_as_if_copied() {
    let x = x44().eval().unwrap();
    // X = np.arange(16.0).reshape(4, 4) * 1.5 - 3.0; X + X.T
    let sym: [f64; 16] = [
        -6.0, 1.5, 9.0, 16.5, 1.5, 9.0, 16.5, 24.0, 9.0, 16.5, 24.0, 31.5, 16.5, 24.0, 31.5, 39.0,
    ];
    check(&(&x + &x.t()), &[4, 4], &sym);
    // X[::-1] + X
    check(
        &(x.slice(s![..;-1]) + &x),
        &[4, 4],
        &[
            12.0, 15.0, 18.0, 21.0, 12.0, 15.0, 18.0, 21.0, 12.0, 15.0, 18.0, 21.0, 12.0, 15.0,
            18.0, 21.0,
        ],
    );
    // X[::-1, ::-1] * X
    check(
        &(x.slice(s![..;-1, ..;-1]) * &x),
        &[4, 4],
        &[
            -58.5, -27.0, 0.0, 22.5, 40.5, 54.0, 63.0, 67.5, 67.5, 63.0, 54.0, 40.5, 22.5, 0.0,
            -27.0, -58.5,
        ],
    );
    // X[1:] - X[:-1]
    check(&(x.slice(s![1..]) - x.slice(s![..-1])), &[3, 4], &[6.0; 12]);
    // X.T - X[:, ::-1]
    check(
        &(x.t() - x.slice(s![.., ..;-1])),
        &[4, 4],
        &[
            -4.5, 3.0, 10.5, 18.0, -9.0, -1.5, 6.0, 13.5, -13.5, -6.0, 1.5, 9.0, -18.0, -10.5,
            -3.0, 4.5,
        ],
    );
    // x += x.T, twice (NumPy's in-place `x += x.T` is unsafe; value semantics give this)
    let mut y = x.clone();
    let yt = y.t();
    y += &yt;
    check(&y, &[4, 4], &sym);
    let y = y.eval().unwrap();
    let mut z = y.clone();
    z += &y.t();
    check(
        &z,
        &[4, 4],
        &[
            -12.0, 3.0, 18.0, 33.0, 3.0, 18.0, 33.0, 48.0, 18.0, 33.0, 48.0, 63.0, 33.0, 48.0,
            63.0, 78.0,
        ],
    );
    check(&y, &[4, 4], &sym);
}

#[test]
fn item14_a_buffer_read_by_pending_views_keeps_its_values() {
    let a = Array::arange(0.0, 6.0, 1.0).eval().unwrap();
    let evens = a.slice(s![..;2]);
    let rev = a.slice(s![..;-1]);
    let grid = a.reshape(&[2, 3]).t();
    let mut b = a.clone();
    for _ in 0..3 {
        b += 100.0;
    }
    b *= 2.0;
    check(&b, &[6], &[600.0, 602.0, 604.0, 606.0, 608.0, 610.0]); // (a + 300) * 2
    check(&evens, &[3], &[0.0, 2.0, 4.0]); // a[::2]
    check(&rev, &[6], &[5.0, 4.0, 3.0, 2.0, 1.0, 0.0]);
    check(&grid, &[3, 2], &[0.0, 3.0, 1.0, 4.0, 2.0, 5.0]); // a.reshape(2, 3).T
    check(&a, &[6], &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
    // several outputs evaluated together, all reading one buffer
    let outs = eval(&[&(&a + 1.0), &a.slice(s![..;-1]), &(&a * &a), &a]).unwrap();
    check(&outs[0], &[6], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    check(&outs[1], &[6], &[5.0, 4.0, 3.0, 2.0, 1.0, 0.0]);
    check(&outs[2], &[6], &[0.0, 1.0, 4.0, 9.0, 16.0, 25.0]);
    check(&outs[3], &[6], &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
    // an evaluated intermediate stays valid while later values are built from it
    let c = (&a * 3.0).eval().unwrap();
    let tail = c.slice(s![3..]);
    let c2 = (&c + 1.0).eval().unwrap();
    check(&c2, &[6], &[1.0, 4.0, 7.0, 10.0, 13.0, 16.0]);
    check(&tail, &[3], &[9.0, 12.0, 15.0]);
}

#[test]
fn item15_data_dependent_indices_and_masks_that_alias_the_output() {
    let x = vec1(&[3i64, 0, 2, 1]).eval().unwrap();
    // x[x], x[x[::-1]], x[x > 1], np.where(x > 1, x[::-1], x)
    let mut y = x.clone();
    y = y.take(&y, 0);
    check(&y, &[4], &[1i64, 3, 2, 0]);
    y = y.take(&y, 0);
    check(&y, &[4], &[3i64, 0, 2, 1]); // x2 = x[x]; x2[x2]
    check(&x.take(&x.slice(s![..;-1]), 0), &[4], &[0i64, 2, 3, 1]);
    let mut m = x.clone();
    m = m.mask(&m.gt(1));
    check(&m, &[2], &[3i64, 2]);
    let mut w = x.clone();
    w = where_(&w.gt(1), w.slice(s![..;-1]), &w);
    check(&w, &[4], &[1i64, 0, 0, 1]);
    check(&x, &[4], &[3i64, 0, 2, 1]);
}

// ---------------------------------------------------------------------------------------------
// 16. Integer indices out of bounds
// ---------------------------------------------------------------------------------------------

#[test]
fn item16_basic_index_out_of_bounds_is_an_error() {
    let a = Array::arange(0i64, 10, 1);
    let e = build_error(&a.slice(s![10]));
    assert_error!(
        e,
        Index,
        "slice",
        ["index 10 is out of bounds for axis 0 with size 10"]
    );
    let e = build_error(&a.slice(s![-11]));
    assert_error!(
        e,
        Index,
        "slice",
        ["index -11 is out of bounds for axis 0 with size 10"]
    );
    let e = build_error(&a34().slice(s![.., 4]));
    assert_error!(
        e,
        Index,
        "slice",
        ["index 4 is out of bounds for axis 1 with size 4"]
    );
    let e = build_error(&a.slice(s![isize::MIN]));
    assert_error!(
        e,
        Index,
        "slice",
        ["is out of bounds for axis 0 with size 10"]
    );
    // any index into a size-0 axis: np.zeros(0)[0], np.zeros((2, 0))[:, -1]
    let e = build_error(&Array::zeros(&[0]).slice(s![0]));
    assert_error!(
        e,
        Index,
        "slice",
        ["index 0 is out of bounds for axis 0 with size 0"]
    );
    let e = build_error(&Array::zeros(&[2, 0]).slice(s![.., -1]));
    assert_error!(
        e,
        Index,
        "slice",
        ["index -1 is out of bounds for axis 1 with size 0"]
    );
    // np.take(np.zeros(0), [0]): "cannot do a non-empty take from an empty axes."
    let e = build_error(&Array::zeros(&[0]).take(&vec1(&[0i64]), 0));
    assert_error!(
        e,
        Index,
        "take",
        ["cannot do a non-empty take from an empty ax"]
    );
    let e = build_error(&Array::zeros(&[2, 0]).take(&vec1(&[0i64]), 1));
    assert_error!(
        e,
        Index,
        "take",
        ["cannot do a non-empty take from an empty ax"]
    );
}

#[test]
fn item16_take_index_out_of_bounds_is_an_error_when_evaluated() {
    let a = Array::arange(0.0, 10.0, 1.0);
    // np.take(a, [1, 10]), np.take(a, [-11]), np.take(a, [2**63 - 1]), np.take(a, [-2**63])
    let e = eval_error(&a.take(&vec1(&[1i64, 10]), 0));
    assert_error!(
        e,
        Index,
        "take",
        ["index 10 is out of bounds for axis 0 with size 10"]
    );
    let e = eval_error(&a.take(&vec1(&[-11i64]), 0));
    assert_error!(
        e,
        Index,
        "take",
        ["index -11 is out of bounds for axis 0 with size 10"]
    );
    let e = eval_error(&a.take(&vec1(&[i64::MAX]), 0));
    assert_error!(
        e,
        Index,
        "take",
        ["index 9223372036854775807 is out of bounds"]
    );
    let e = eval_error(&a.take(&vec1(&[i64::MIN]), 0));
    assert_error!(
        e,
        Index,
        "take",
        ["index -9223372036854775808 is out of bounds"]
    );
    // int32 indices: np.take(a, np.array([3, 12], np.int32))
    let e = eval_error(&a.take(&vec1(&[3i32, 12]), 0));
    assert_error!(
        e,
        Index,
        "take",
        ["index 12 is out of bounds for axis 0 with size 10"]
    );
    // along axis 1: np.take(a34, [0, 4], axis=1)
    let e = eval_error(&a34().take(&vec1(&[0i64, 4]), 1));
    assert_error!(
        e,
        Index,
        "take",
        ["index 4 is out of bounds for axis 1 with size 4"]
    );
    // fancy indexing and take_flat: a34[[3]], np.take(a34, [12])
    let e = eval_error(&a34().index(&vec1(&[3i64])));
    assert_error!(
        e,
        Index,
        "take",
        ["index 3 is out of bounds for axis 0 with size 3"]
    );
    let e = eval_error(&a34().take_flat(&vec1(&[12i64])));
    assert_error!(
        e,
        Index,
        "take",
        ["index 12 is out of bounds for axis 0 with size 12"]
    );
}

#[test]
fn item16_lazily_computed_indices_are_checked_when_evaluated() {
    let a = Array::arange(0.0, 10.0, 1.0);
    // np.take(a, np.arange(5) * 3): index 12
    let idx = Array::arange(0i64, 5, 1) * 3;
    let e = eval_error(&a.take(&idx, 0));
    assert_error!(
        e,
        Index,
        "take",
        ["index 12 is out of bounds for axis 0 with size 10"]
    );
    // inside a fused expression: (np.take(a * 2, np.arange(5) - 11) + 1).sum(): index -11
    let idx = Array::arange(0i64, 5, 1) - 11;
    let e = eval_error(&((&a * 2.0).take(&idx, 0) + 1.0).sum());
    assert_error!(
        e,
        Index,
        "take",
        ["index -11 is out of bounds for axis 0 with size 10"]
    );
    // indices computed from floats: np.take(a, (a * 1.5).astype(int))
    let idx = (&a * 1.5).astype(DType::I64);
    let e = eval_error(&a.take(&idx, 0));
    assert_error!(
        e,
        Index,
        "take",
        ["is out of bounds for axis 0 with size 10"]
    );
    // the same with every index in range works: np.take(a, np.arange(5) * 2)
    check(
        &a.take(&(Array::arange(0i64, 5, 1) * 2), 0),
        &[5],
        &[0.0, 2.0, 4.0, 6.0, 8.0],
    );
}

#[test]

fn item16_every_index_is_checked_even_when_its_element_is_not_needed() {
    // np.take(np.zeros((2, 0)), [5], axis=0): "index 5 is out of bounds for axis 0 with size 2"
    let e = eval_error(&Array::zeros(&[2, 0]).take(&vec1(&[5i64]), 0));
    assert_error!(
        e,
        Index,
        "take",
        ["index 5 is out of bounds for axis 0 with size 2"]
    );
    // np.take(np.arange(10.0), [1, 10])[:1] and [:0] raise: index 10
    let t = Array::arange(0.0, 10.0, 1.0).take(&vec1(&[1i64, 10]), 0);
    for part in [t.slice(s![..1]), t.slice(s![..0])] {
        let e = eval_error(&part);
        assert_error!(
            e,
            Index,
            "take",
            ["index 10 is out of bounds for axis 0 with size 10"]
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 17. Negative indices count from the end
// ---------------------------------------------------------------------------------------------

#[test]
fn item17_negative_indices_count_from_the_end() {
    let a = a34();
    // np.take(a, [-1, -4, 0], axis=1)
    check(
        &a.take(&vec1(&[-1i64, -4, 0]), 1),
        &[3, 3],
        &[3i64, 0, 0, 7, 4, 4, 11, 8, 8],
    );
    // np.take(a, [-1, -12])
    check(&a.take_flat(&vec1(&[-1i64, -12])), &[2], &[11i64, 0]);
    // a[[-1, 0]]
    check(
        &a.index(&vec1(&[-1i64, 0])),
        &[2, 4],
        &[8i64, 9, 10, 11, 0, 1, 2, 3],
    );
    // np.take(np.arange(5.0), np.arange(-3, 0)) and with int32 indices
    let five = Array::arange(0.0, 5.0, 1.0);
    check(
        &five.take(&Array::arange(-3i64, 0, 1), 0),
        &[3],
        &[2.0, 3.0, 4.0],
    );
    check(&five.take(&vec1(&[-5i32, -1]), 0), &[2], &[0.0, 4.0]);
    // a[-1], a[-3, -4] and a[:, -1]
    check(&a.slice(s![-1]), &[4], &[8i64, 9, 10, 11]);
    check(&a.slice(s![-3, -4]), &[], &[0i64]);
    check(&a.slice(s![.., -1]), &[3], &[3i64, 7, 11]);
}

// ---------------------------------------------------------------------------------------------
// 18. Index dtypes
// ---------------------------------------------------------------------------------------------

#[test]
fn item18_float_and_bool_indices_and_integer_masks_are_errors() {
    let a = Array::arange(0i64, 10, 1);
    // np.take(a, np.array([1.0])) raises TypeError; a[np.array([1.0])] raises IndexError
    // "arrays used as indices must be of integer (or boolean) type"
    let e = build_error(&a.take(&vec1(&[1.0]), 0));
    assert_error!(
        e,
        Index,
        "take",
        ["arrays used as indices must be of integer type", "float64"]
    );
    let e = build_error(&a.index(&vec1(&[1.0f32])));
    assert_error!(
        e,
        Index,
        "take",
        ["arrays used as indices must be of integer type", "float32"]
    );
    let e = build_error(&a.take(&vec1(&[true, false]), 0));
    assert_error!(
        e,
        Index,
        "take",
        ["arrays used as indices must be of integer type", "bool"]
    );
    // an integer array where a mask is needed
    let e = build_error(&Array::arange(0i64, 3, 1).mask(&vec1(&[1i64, 0, 1])));
    assert_error!(
        e,
        Index,
        "boolean index",
        ["a mask must be a boolean array", "int64"]
    );
    let e = build_error(&Array::arange(0i64, 3, 1).compress(&vec1(&[1.0, 0.0, 1.0]), 0));
    assert_error!(
        e,
        Index,
        "compress",
        ["a mask must be a boolean array", "float64"]
    );
}

// ---------------------------------------------------------------------------------------------
// 19. Mask length
// ---------------------------------------------------------------------------------------------

#[test]
fn item19_a_mask_of_the_wrong_length_is_an_error() {
    let a = Array::arange(0i64, 3, 1);
    // np.arange(3)[np.array([True])]
    let words = "boolean index did not match indexed array along axis 0; size of axis is 3 but size of corresponding boolean axis is 1";
    let e = build_error(&a.mask(&vec1(&[true])));
    assert_error!(e, Index, "boolean index", [words]);
    let e = build_error(&a.index(&vec1(&[true])));
    assert_error!(e, Index, "boolean index", [words]);
    // a34[np.ones((3, 2), bool)]
    let e = build_error(&a34().mask(&Array::full(&[3, 2], true)));
    assert_error!(
        e,
        Index,
        "boolean index",
        ["along axis 1; size of axis is 4 but size of corresponding boolean axis is 2"]
    );
    // np.compress([0, 0, 0, 1], np.arange(3)): "index 3 is out of bounds for axis 0 with size 3"
    let e = build_error(&a.compress(&vec1(&[false, false, false, true]), 0));
    assert_error!(
        e,
        Index,
        "compress",
        ["index 3 is out of bounds for axis 0 with size 3"]
    );
    let e = build_error(&a.compress(&Array::full(&[1, 3], true), 0));
    assert_error!(e, Index, "compress", ["1-d", "(1,3)"]);
}

#[test]
fn item19_masks_of_the_right_length_and_short_compress_masks_select() {
    let a = Array::arange(0i64, 5, 1);
    // np.compress([True, False], np.arange(5)): a shorter mask selects from its length
    check(&a.compress(&vec1(&[true, false]), 0), &[1], &[0i64]);
    // np.compress([0, 1, 0, 0, 1, 0, 0], np.arange(5)): false beyond the axis is fine
    let long = vec1(&[false, true, false, false, true, false, false]);
    check(&a.compress(&long, 0), &[2], &[1i64, 4]);
    // a34[a34 % 3 == 0]
    let b = a34();
    check(&b.mask(&(&b % 3).equal(0)), &[4], &[0i64, 3, 6, 9]);
    // a34[[True, False, True]]
    check(
        &b.index(&vec1(&[true, false, true])),
        &[2, 4],
        &[0i64, 1, 2, 3, 8, 9, 10, 11],
    );
}

// ---------------------------------------------------------------------------------------------
// 20. Too many indices
// ---------------------------------------------------------------------------------------------

#[test]
fn item20_too_many_indices_are_an_error() {
    // np.arange(3)[0, 0]
    let e = build_error(&Array::arange(0i64, 3, 1).slice(s![0, 0]));
    assert_error!(
        e,
        Index,
        "slice",
        ["too many indices for array: array is 1-dimensional, but 2 were indexed"]
    );
    let e = build_error(&Array::scalar(1.0).slice(s![0]));
    assert_error!(
        e,
        Index,
        "slice",
        ["array is 0-dimensional, but 1 were indexed"]
    );
    let e = build_error(&a34().slice(s![0, .., 1..]));
    assert_error!(
        e,
        Index,
        "slice",
        ["array is 2-dimensional, but 3 were indexed"]
    );
    // np.zeros(2)[np.ones((2, 2), bool)]
    let e = build_error(&Array::zeros(&[2]).mask(&Array::full(&[2, 2], true)));
    assert_error!(
        e,
        Index,
        "boolean index",
        ["too many indices for array: array is 1-dimensional, but 2 were indexed"]
    );
    let e = build_error(&Array::zeros(&[2]).slice(s![lazyarray::Ellipsis, 0, lazyarray::Ellipsis]));
    assert_error!(
        e,
        Index,
        "slice",
        ["an index can only have a single ellipsis"]
    );
    // new axes do not count: np.arange(3)[None, 0, None]
    check(
        &Array::arange(0i64, 3, 1).slice(s![NewAxis, 0, NewAxis]),
        &[1, 1],
        &[0i64],
    );
}

// ---------------------------------------------------------------------------------------------
// 21. Empty reductions
// ---------------------------------------------------------------------------------------------

#[test]
fn item21_empty_reductions_with_an_identity_give_it() {
    let e = Array::zeros(&[0]);
    check(&e.sum(), &[], &[0.0]); // np.zeros(0).sum()
    check(&e.prod(), &[], &[1.0]); // np.zeros(0).prod()
    check(&e.any(), &[], &[false]);
    check(&e.all(), &[], &[true]);
    let i = Array::arange(0i64, 0, 1);
    check(&i.sum(), &[], &[0i64]);
    check(&i.prod(), &[], &[1i64]);
    check(&i.astype(DType::I32).sum(), &[], &[0i64]); // int32 sums in int64
    check(&Array::full(&[0], true).sum(), &[], &[0i64]); // np.zeros(0, bool).sum()
    check(&e.astype(DType::F32).prod(), &[], &[1.0f32]);
    // keepdims: np.zeros((0, 2)).sum(axis=0, keepdims=True)
    check(
        &Array::zeros(&[0, 2]).sum_axes(&[0], true),
        &[1, 2],
        &[0.0, 0.0],
    );
}

#[test]
fn item21_empty_reductions_without_an_identity_are_errors() {
    let e = build_error(&Array::zeros(&[0]).max());
    assert_error!(
        e,
        Reduction,
        "max",
        ["zero-size array to reduction operation maximum which has no identity"]
    );
    let e = build_error(&Array::arange(0i64, 0, 1).min());
    assert_error!(
        e,
        Reduction,
        "min",
        ["zero-size array to reduction operation minimum which has no identity"]
    );
    // np.zeros((0, 3)).max(axis=0), np.zeros((3, 0)).min(axis=1)
    let e = build_error(&Array::zeros(&[0, 3]).max_axis(0));
    assert_error!(
        e,
        Reduction,
        "max",
        ["operation maximum which has no identity"]
    );
    let e = build_error(&Array::zeros(&[3, 0]).min_axis(1));
    assert_error!(
        e,
        Reduction,
        "min",
        ["operation minimum which has no identity"]
    );
    let e = build_error(&Array::zeros(&[3, 0]).max_axes(&[0, 1], true));
    assert_error!(
        e,
        Reduction,
        "max",
        ["operation maximum which has no identity"]
    );
    // np.zeros(0).argmax(): "attempt to get argmax of an empty sequence"
    let e = build_error(&Array::zeros(&[0]).argmax());
    assert_error!(
        e,
        Reduction,
        "argmax",
        ["attempt to get argmax of an empty sequence"]
    );
    let e = build_error(&Array::zeros(&[2, 0]).argmin());
    assert_error!(
        e,
        Reduction,
        "argmin",
        ["attempt to get argmin of an empty sequence"]
    );
    let e = build_error(&Array::zeros(&[3, 0]).argmax_axis(1));
    assert_error!(
        e,
        Reduction,
        "argmax",
        ["attempt to get argmax of an empty sequence"]
    );
    let e = build_error(&Array::zeros(&[0, 3]).argmin_with(Some(0), true));
    assert_error!(
        e,
        Reduction,
        "argmin",
        ["attempt to get argmin of an empty sequence"]
    );
}

#[test]
fn item21_reducing_the_nonempty_axis_of_an_empty_array_gives_an_empty_result() {
    let z = Array::zeros(&[0, 3]);
    let e: &[f64] = &[];
    check(&z.max_axis(1), &[0], e); // np.zeros((0, 3)).max(axis=1)
    check(&z.min_axis(-1), &[0], e);
    check(&z.argmin_axis(1), &[0], &[] as &[i64]);
    check(&z.max_axes(&[1], true), &[0, 1], e);
    check(&Array::zeros(&[3, 0]).max_axis(0), &[0], e); // np.zeros((3, 0)).max(axis=0)
}

// ---------------------------------------------------------------------------------------------
// 22. NaN in max/min/maximum/minimum/argmax/argmin
// ---------------------------------------------------------------------------------------------

#[test]
fn item22_nan_propagates_in_every_lane_and_the_tail() {
    // NumPy: np.max / np.min of an array holding a NaN is NaN wherever it is; np.argmax /
    // np.argmin give the first NaN's index; np.maximum / np.minimum give NaN where either is.
    for n in [1usize, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 65, 519] {
        for p in [0, n / 2, n - 1] {
            let mut v: Vec<f64> = (0..n).map(|i| ((i * 7) % 11) as f64 - 5.0).collect();
            v[p] = f64::NAN;
            let x = vec1(&v);
            let what = format!("n = {n}, NaN at {p}");
            check(&x.max(), &[], &[f64::NAN]);
            check(&x.min(), &[], &[f64::NAN]);
            check(&x.argmax(), &[], &[p as i64]);
            check(&x.argmin(), &[], &[p as i64]);
            // under fusion: (x * 2).max(), np.maximum(x, 0).min(), np.abs(x).argmax()
            check(&(&x * 2.0).max(), &[], &[f64::NAN]);
            check(&x.maximum(0.0).min(), &[], &[f64::NAN]);
            check(&x.abs().argmax(), &[], &[p as i64]);
            // elementwise, NaN on either side
            let ones = Array::ones(&[n]);
            let mut want = vec![1.0; n];
            want[p] = f64::NAN;
            check(&ones.maximum(&x).minimum(1.0), &[n], &want);
            check(&x.minimum(&ones).maximum(1.0), &[n], &want);
            // a second NaN later: argmax still gives the first one
            if p + 1 < n {
                let mut w = v.clone();
                w[n - 1] = f64::NAN;
                check(&vec1(&w).argmax(), &[], &[p as i64]);
                assert_eq!(vec1(&w).argmin().item::<i64>().unwrap(), p as i64, "{what}");
            }
        }
    }
}

#[test]
fn item22_nan_propagates_along_axes_in_float32_and_with_infinities() {
    let nan = f64::NAN;
    // m = np.array([[1, nan, 3], [4, 5, 6]]); m.max(0), m.min(1), m.argmax(0), m.argmin(1)
    let m = arr(&[1.0, nan, 3.0, 4.0, 5.0, 6.0], &[2, 3]);
    check(&m.max_axis(0), &[3], &[4.0, nan, 6.0]);
    check(&m.min_axis(1), &[2], &[nan, 4.0]);
    check(&m.argmax_axis(0), &[3], &[1i64, 0, 1]);
    check(&m.argmin_axis(1), &[2], &[1i64, 0]);
    check(&m.t().max_axis(1), &[3], &[4.0, nan, 6.0]);
    // np.array([np.inf, nan, -np.inf]).max() is nan; argmax is 1; argmin is 1
    let inf = arr(&[f64::INFINITY, nan, f64::NEG_INFINITY], &[3]);
    check(&inf.max(), &[], &[nan]);
    check(&inf.min(), &[], &[nan]);
    check(&inf.argmax(), &[], &[1i64]);
    check(&inf.argmin(), &[], &[1i64]);
    // float32, 19 elements, NaN in the tail: np.float32 max is nan
    let mut v: Vec<f32> = (0..19).map(|i| i as f32).collect();
    v[18] = f32::NAN;
    let x = vec1(&v);
    check(&x.max(), &[], &[f32::NAN]);
    check(&x.min(), &[], &[f32::NAN]);
    check(&x.argmin(), &[], &[18i64]);
    check(&x.clip(0.0, 5.0).max(), &[], &[f32::NAN]); // np.clip(x, 0, 5).max()
    // np.maximum(nan, x) and np.minimum(x, nan) in every position
    let y = vec1(&[nan; 5]);
    let z = Array::arange(0.0, 5.0, 1.0);
    check(&y.maximum(&z), &[5], &[nan; 5]);
    check(&z.minimum(&y), &[5], &[nan; 5]);
}

// ---------------------------------------------------------------------------------------------
// 23. Float reductions may be reassociated; integer reductions are exact
// ---------------------------------------------------------------------------------------------

#[test]
fn item23_float_reductions_are_close_and_integer_reductions_exact() {
    // np.random.seed(42); r = np.random.random_sample(10000)
    let r = Array::random(&[10_000], 42);
    check_close(&r.sum(), &[], &[4941.595576842997], 1e-12); // r.sum()
    check_close(&r.mean(), &[], &[0.49415955768429964], 1e-12); // r.mean()
    // max/min/argmax/argmin are exact whatever the order
    check(&r.max(), &[], &[0.9997176732861306]);
    check(&r.min(), &[], &[1.1634755366141114e-05]);
    check(&r.argmax(), &[], &[531i64]);
    check(&r.argmin(), &[], &[2902i64]);
    // np.random.seed(7); np.random.random_sample(100000).astype(np.float32).sum()
    let r32 = Array::random(&[100_000], 7).astype(DType::F32);
    check_close(&r32.sum(), &[], &[49993.59765625], 1e-5);
    // np.arange(100000).sum() and the int32 version (accumulates in int64)
    let n = Array::arange(0i64, 100_000, 1);
    check(&n.sum(), &[], &[4_999_950_000i64]);
    check(&n.astype(DType::I32).sum(), &[], &[4_999_950_000i64]);
    check(&(&n * 3 + 1).sum(), &[], &[14_999_950_000i64]); // (n * 3 + 1).sum()
    // np.prod(np.arange(1, 26)) wraps to 7034535277573963776
    check(
        &Array::arange(1i64, 26, 1).prod(),
        &[],
        &[7_034_535_277_573_963_776i64],
    );
}

// ---------------------------------------------------------------------------------------------
// 24. Promotion (NEP 50)
// ---------------------------------------------------------------------------------------------

#[test]
fn item24_promotion_follows_nep50_with_weak_scalars() {
    let f32s = vec1(&[1.0f32, 2.5]);
    let i32s = vec1(&[1i32, 2]);
    let i64s = vec1(&[10i64, 20]);
    let f64s = vec1(&[0.5, 0.25]);
    let bools = vec1(&[true, false]);
    check(&(&f32s * 2.0), &[2], &[2.0f32, 5.0]); // np.float32 array * 2.0 -> float32
    check(&(2.0 * &f32s), &[2], &[2.0f32, 5.0]);
    check(&(&f32s + 0.1), &[2], &[1.1f32, 2.6f32]); // 0.1 becomes float32 first
    check(&(&f32s / 2), &[2], &[0.5f32, 1.25]); // float32 / int -> float32
    check(&(&i32s + 2), &[2], &[3i32, 4]); // int32 + int -> int32
    check(&(&i32s * 2.5), &[2], &[2.5, 5.0]); // int32 * float -> float64
    check(&(&i32s / 2), &[2], &[0.5, 1.0]); // true division -> float64
    check(&(&i32s / &i32s), &[2], &[1.0, 1.0]);
    check(&(&bools + 1), &[2], &[2i64, 1]); // bool + int -> int64
    check(&(&bools + 1.5), &[2], &[2.5, 1.5]); // bool + float -> float64
    check(&(&i32s + &i64s), &[2], &[11i64, 22]); // int32 + int64 -> int64
    check(&(&f32s + &i32s), &[2], &[2.0, 4.5]); // float32 + int32 -> float64
    check(&(&f32s + &i64s), &[2], &[11.0, 22.5]); // float32 + int64 -> float64
    check(&(&f32s + &f64s), &[2], &[1.5, 2.75]); // float32 + float64 -> float64
    check(&(&bools & true), &[2], &[true, false]);
    check(&i32s.sum(), &[], &[3i64]); // int32 sums in int64
    check(&i32s.mean(), &[], &[1.5]); // int mean -> float64
    check(&f32s.mean(), &[], &[1.75f32]); // float32 mean stays float32
    check(&f32s.sqrt().slice(s![0]), &[], &[1.0f32]);
    check(&i32s.sqrt(), &[2], &[1.0, std::f64::consts::SQRT_2]); // int -> float64 math
    check(&where_(&bools, &f32s, 1.0), &[2], &[1.0f32, 1.0]); // np.where(c, f32, 1.0)
    check(
        &concatenate(&[&f32s, &i32s], 0),
        &[4],
        &[1.0, 2.5, 1.0, 2.0],
    ); // -> float64
    // np.int32(1) < 3_000_000_000 compares by value: True
    check(&i32s.lt(3_000_000_000i64), &[2], &[true, true]);
    // np.array([1], np.int32) + 3_000_000_000 raises OverflowError
    let e = build_error(&(&i32s + 3_000_000_000i64));
    assert_error!(
        e,
        DType,
        "add",
        ["Python integer 3000000000 out of bounds for int32"]
    );
}

// ---------------------------------------------------------------------------------------------
// 25. Integer overflow wraps
// ---------------------------------------------------------------------------------------------

#[test]
fn item25_integer_overflow_wraps_in_every_lane() {
    const N: usize = 19;
    let (max32, min32, max64, min64) = (i32::MAX, i32::MIN, i64::MAX, i64::MIN);
    // np.array([MAX, MIN, 5], np.int32) + 1 -> [MIN, MIN + 1, 6]
    let x = vec1(&cycle(&[max32, min32, 5], N));
    check(&(&x + 1), &[N], &cycle(&[min32, min32 + 1, 6], N));
    check(&(&x - 1), &[N], &cycle(&[max32 - 1, max32, 4], N));
    check(&(&x * 2), &[N], &cycle(&[-2i32, 0, 10], N));
    check(&(-&x), &[N], &cycle(&[-max32, min32, -5], N)); // -MIN == MIN
    check(&x.abs(), &[N], &cycle(&[max32, min32, 5], N)); // np.abs(MIN) == MIN
    // np.array([MAX, MIN, 3], np.int64) * 2 and ** 40 (3 ** 40 wraps)
    let y = vec1(&cycle(&[max64, min64, 3], N));
    check(&(&y * 2), &[N], &cycle(&[-2i64, 0, 6], N));
    check(&(&y + 1), &[N], &cycle(&[min64, min64 + 1, 4], N));
    check(
        &y.pow(40i64).slice(s![2..3]),
        &[1],
        &[-6_289_078_614_652_622_815i64],
    );
    // 2 ** 64 in int64 and 2 ** 31 in int32
    check(&vec1(&[2i64]).pow(64i64), &[1], &[0i64]);
    check(&vec1(&[2i32]).pow(31i32), &[1], &[min32]);
    // sums: np.array([MAX, MAX], np.int32).sum() == 4294967294 (int64); [MAX, 1].sum() wraps
    check(&vec1(&[max32, max32]).sum(), &[], &[4_294_967_294i64]);
    check(&vec1(&[max64, 1]).sum(), &[], &[min64]);
    // np.cumsum([MAX, 1, 1])
    check(
        &vec1(&[max64, 1, 1]).cumsum(0),
        &[3],
        &[max64, min64, min64 + 1],
    );
    // casts wrap too: np.array([2**32 + 5, -1]).astype(np.int32)
    check(
        &vec1(&[(1i64 << 32) + 5, -1]).astype(DType::I32),
        &[2],
        &[5i32, -1],
    );
}

// ---------------------------------------------------------------------------------------------
// 26. Integer division by zero and MIN // -1
// ---------------------------------------------------------------------------------------------

#[test]
fn item26_integer_division_by_zero_gives_zero_and_min_by_minus_one_wraps() {
    const N: usize = 19;
    let m = i64::MIN;
    let a = [7, -7, 0, m, m, 5, -5, 6, -6];
    let b: [i64; 9] = [0, 0, 0, -1, 1, -2, 2, -3, 4];
    let (x, y) = (vec1(&cycle(&a, N)), vec1(&cycle(&b, N)));
    // np.floor_divide(a, b), np.remainder(a, b)
    check(
        &x.floor_divide(&y),
        &[N],
        &cycle(&[0, 0, 0, m, m, -3, -3, -2, -2], N),
    );
    check(
        &(&x % &y),
        &[N],
        &cycle(&[0i64, 0, 0, 0, 0, -1, 1, 0, 2], N),
    );
    // the same in int32
    let m32 = i32::MIN;
    let a32: Vec<i32> = a
        .iter()
        .map(|&v| if v == m { m32 } else { v as i32 })
        .collect();
    let b32: Vec<i32> = b.iter().map(|&v| v as i32).collect();
    let (x32, y32) = (vec1(&cycle(&a32, N)), vec1(&cycle(&b32, N)));
    check(
        &x32.floor_divide(&y32),
        &[N],
        &cycle(&[0, 0, 0, m32, m32, -3, -3, -2, -2], N),
    );
    check(
        &(&x32 % &y32),
        &[N],
        &cycle(&[0i32, 0, 0, 0, 0, -1, 1, 0, 2], N),
    );
    // by a scalar 0: np.array(a) // 0, % 0
    check(&x.floor_divide(0i64), &[N], &[0i64; N]);
    check(&(&x % 0i64), &[N], &[0i64; N]);
    check(&x.floor_divide(-1i64).slice(s![3]), &[], &[m]); // MIN // -1 == MIN
    // true division of integers is float: np.array([1, -1, 0]) / 0 -> [inf, -inf, nan]
    check(
        &(vec1(&[1i64, -1, 0]) / vec1(&[0i64, 0, 0])),
        &[3],
        &[f64::INFINITY, f64::NEG_INFINITY, f64::NAN],
    );
    check(
        &(vec1(&[1i32, -1, 0]) / 0),
        &[3],
        &[f64::INFINITY, f64::NEG_INFINITY, f64::NAN],
    );
    // floats: np.floor_divide([-5, 5, 0, -5.5, 5.5], [0, 0, 0, 2, -2]) and np.remainder
    let f = vec1(&[-5.0, 5.0, 0.0, -5.5, 5.5]);
    let g = vec1(&[0.0, 0.0, 0.0, 2.0, -2.0]);
    check(
        &f.floor_divide(&g),
        &[5],
        &[f64::NEG_INFINITY, f64::INFINITY, f64::NAN, -3.0, -3.0],
    );
    check(&(&f % &g), &[5], &[f64::NAN, f64::NAN, f64::NAN, 0.5, -0.5]);
}

// ---------------------------------------------------------------------------------------------
// 27. Float -> int casts saturate
// ---------------------------------------------------------------------------------------------

#[test]
fn item27_float_to_int_casts_saturate_and_nan_gives_zero() {
    // Documented divergence: NumPy on x86-64 gives INT_MIN for NaN, ±inf and out-of-range
    // values (np.array([np.nan, np.inf]).astype(np.int32) -> [-2147483648, -2147483648]);
    // lazyarray saturates (Rust's `as`), NaN giving 0. In-range values truncate toward zero.
    const N: usize = 19;
    let nan = f64::NAN;
    let inf = f64::INFINITY;
    let v = [nan, inf, -inf, 1e10, -1e10, 2.9, -2.9, -0.5];
    let x = vec1(&cycle(&v, N));
    let (max32, min32) = (i32::MAX, i32::MIN);
    check(
        &x.astype(DType::I32),
        &[N],
        &cycle(&[0, max32, min32, max32, min32, 2, -2, 0], N),
    );
    let w = vec1(&cycle(&[nan, inf, -inf, 1e19, -1e19, 2.9], N));
    let (max64, min64) = (i64::MAX, i64::MIN);
    check(
        &w.astype(DType::I64),
        &[N],
        &cycle(&[0, max64, min64, max64, min64, 2], N),
    );
    // float32 sources, and a cast fused after arithmetic: (x * 2).astype(np.int32)
    let f = vec1(&cycle(&[f32::NAN, 3e9, -3e9, 2.5], N));
    check(
        &f.astype(DType::I32),
        &[N],
        &cycle(&[0, max32, min32, 2], N),
    );
    check(
        &(&x * 2.0).astype(DType::I32),
        &[N],
        &cycle(&[0, max32, min32, max32, min32, 5, -5, -1], N),
    );
    // to bool: np.array([np.nan, 0.0, -0.0, 0.5]).astype(bool) -> [True, False, False, True]
    check(
        &vec1(&[nan, 0.0, -0.0, 0.5]).astype(DType::Bool),
        &[4],
        &[true, false, false, true],
    );
}

// ---------------------------------------------------------------------------------------------
// 28. Ops undefined for a dtype
// ---------------------------------------------------------------------------------------------

#[test]
fn item28_ops_undefined_for_a_dtype_are_errors_when_built() {
    let b = Array::full(&[2], true);
    let f = Array::zeros(&[2]);
    let e = build_error(&b.sqrt());
    assert_error!(
        e,
        DType,
        "sqrt",
        ["ufunc 'sqrt' not supported for the input type bool"]
    );
    let e = build_error(&b.exp());
    assert_error!(e, DType, "exp", ["not supported for the input type bool"]);
    // np.zeros(2) & np.zeros(2): "ufunc 'bitwise_and' not supported for the input types"
    let e = build_error(&(&f & &f));
    assert_error!(
        e,
        DType,
        "bitwise_and",
        ["ufunc 'bitwise_and' not supported for the input types"]
    );
    let e = build_error(&(&f | 1i64));
    assert_error!(
        e,
        DType,
        "bitwise_or",
        ["not supported for the input types"]
    );
    let e = build_error(&(Array::arange(0i64, 2, 1) ^ 1.5));
    assert_error!(
        e,
        DType,
        "bitwise_xor",
        ["not supported for the input types"]
    );
    let e = build_error(&!&f);
    assert_error!(
        e,
        DType,
        "invert",
        ["ufunc 'invert' not supported for the input type float64"]
    );
    // -np.ones(2, bool) and np.ones(2, bool) - np.ones(2, bool)
    let e = build_error(&-&b);
    assert_error!(e, DType, "negative", ["The numpy boolean negative"]);
    let e = build_error(&(&b - &b));
    assert_error!(e, DType, "subtract", ["numpy boolean subtract"]);
}

#[test]
fn item28_negative_integer_powers_are_an_error_when_evaluated() {
    // np.array([1, 2], np.int32) ** -1: "Integers to negative integer powers are not allowed."
    let e = eval_error(&vec1(&[1i32, 2]).pow(-1));
    assert_error!(
        e,
        DType,
        "power",
        ["Integers to negative integer powers are not allowed."]
    );
    // a lazily computed exponent: np.arange(3) ** (np.arange(3) - 1)
    let x = Array::arange(0i64, 3, 1);
    let e = eval_error(&(x.pow(&x - 1) + 1).sum());
    assert_error!(
        e,
        DType,
        "power",
        ["Integers to negative integer powers are not allowed."]
    );
    // floats are fine: np.arange(1.0, 3.0) ** -1
    check(&Array::arange(1.0, 3.0, 1.0).pow(-1.0), &[2], &[1.0, 0.5]);
    // An empty slice of the power still raises, as NumPy's eager power did before slicing,
    // also when the exponent is a reshape of a transpose (a copy, not a view): found by the
    // API fuzzer, which evaluated `(e ** e)[0:0]` to an empty array without the check.
    let e = vec1(&[1i32, -1, 2, 3])
        .reshape(&[2, 2])
        .t()
        .reshape(&[4, 1]);
    let err = eval_error(&e.pow(&e).slice(s![0..0]));
    assert_error!(
        err,
        DType,
        "power",
        ["Integers to negative integer powers are not allowed."]
    );
}

// ---------------------------------------------------------------------------------------------
// 29. Very deep lazy chains
// ---------------------------------------------------------------------------------------------

#[test]
fn item29_a_ten_thousand_op_chain_evaluates_and_drops() {
    let mut a = Array::zeros(&[4]);
    for _ in 0..10_000 {
        a += 1.0;
    }
    check(&a, &[4], &[10_000.0; 4]); // both the normal path and eval_reference()
    drop(a);
    // dropped without ever being evaluated
    let mut b = Array::arange(0i64, 3, 1);
    for _ in 0..20_000 {
        b = &b * 1 + 1;
    }
    drop(b);
    // a chain of 10,000 views (an even number of reversals is the identity)
    let mut v = Array::arange(0.0, 5.0, 1.0);
    for _ in 0..10_000 {
        v = v.slice(s![..;-1]);
    }
    check(&v, &[5], &[0.0, 1.0, 2.0, 3.0, 4.0]);
    // a deep chain built on an error carries the original error
    let (bad, line) = (Array::zeros(&[2]) + Array::zeros(&[3]), line!());
    let mut c = bad;
    for _ in 0..10_000 {
        c += 1.0;
    }
    let e = build_error(&c);
    assert_error!(e, Shape, "add", ["shapes (2,) (3,)"]);
    assert_eq!(e.context().location.line(), line);
}

/// The reference evaluator is linear in the length of a chain of views: it asked each node's
/// inputs whether they were constants by walking down every view below them (a 32,000-view
/// chain took about a minute in a test build; now well under a second).
#[test]
fn item29_the_reference_evaluates_a_long_chain_of_views_in_linear_time() {
    let a = Array::arange(0.0, 8.0, 1.0).eval().unwrap();
    let mut c = a.clone();
    for _ in 0..16_000 {
        c = c.reshape(&[2, 4]).reshape(&[8]);
    }
    let start = std::time::Instant::now();
    let reference = c.eval_reference().unwrap().to_vec::<f64>().unwrap();
    let took = start.elapsed();
    // (generous for a loaded machine; the quadratic walk could not come near it)
    assert!(took.as_secs_f64() < 5.0, "32,000 views took {took:?}");
    assert_eq!(reference, c.to_vec::<f64>().unwrap());
    assert_eq!(reference, a.to_vec::<f64>().unwrap());
    // A constant seen through views is still a constant exponent: NumPy's scalar fast path
    // (`x**0.5` is `sqrt(x)`: `(-0.0)**0.5` is -0.0 and `(-inf)**0.5` NaN, unlike `pow`).
    let mut half = Array::full(&[2], 0.5);
    for _ in 0..1000 {
        half = half.reshape(&[1, 2]).reshape(&[2]);
    }
    check(
        &Array::from_vec(vec![-0.0, f64::NEG_INFINITY], &[2]).pow(&half),
        &[2],
        &[-0.0, f64::NAN],
    );
}

// ---------------------------------------------------------------------------------------------
// 30. Sizes: 0, 1, SIMD width ± 1, odd sizes, larger than L3
// ---------------------------------------------------------------------------------------------

#[test]
fn item30_every_size_from_empty_to_odd_gives_exact_results() {
    for n in [
        0usize, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 519, 8191,
    ] {
        // x = np.arange(n) * 0.5 + 1: every partial sum is exact, in any order
        let x = Array::arange(0.0, n as f64, 1.0) * 0.5 + 1.0;
        let want: Vec<f64> = (0..n).map(|i| i as f64 * 0.5 + 1.0).collect();
        check(&x, &[n], &want);
        check(
            &(&x * 2.0 - 1.0),
            &[n],
            &want.iter().map(|v| v * 2.0 - 1.0).collect::<Vec<_>>(),
        );
        let total = want.iter().fold(0.0, |acc, v| acc + v); // np.sum of nothing is +0.0
        check(&x.sum(), &[], &[total]);
        let i = Array::arange(0i64, n as i64, 1);
        check(&i.sum(), &[], &[(n * n.saturating_sub(1) / 2) as i64]);
        check(
            &(&i % 3).sum(),
            &[],
            &[(0..n).map(|k| (k % 3) as i64).sum::<i64>()],
        );
        check(
            &i.slice(s![..;-1]).cumsum(0).slice(s![-1..]),
            &[n.min(1)],
            &if n == 0 {
                vec![]
            } else {
                vec![(n * (n - 1) / 2) as i64]
            },
        );
        if n > 0 {
            check(&x.max(), &[], &[(n - 1) as f64 * 0.5 + 1.0]);
            check(&x.min(), &[], &[1.0]);
            check(&x.slice(s![..;-1]).argmax(), &[], &[0i64]);
            check(&i.astype(DType::I32).max(), &[], &[(n - 1) as i32]);
        }
    }
}

#[test]
fn item30_an_array_larger_than_the_caches_gives_exact_results() {
    // np.arange(10_000_000).sum() and (np.arange(0.0, 1e7) * 0.5).max()
    let n = 10_000_000;
    let i = Array::arange(0i64, n, 1);
    assert_eq!(i.sum().item::<i64>().unwrap(), 49_999_995_000_000);
    let x = Array::arange(0.0, n as f64, 1.0) * 0.5;
    assert_eq!(x.max().item::<f64>().unwrap(), 4_999_999.5);
    assert_eq!(x.argmax().item::<i64>().unwrap(), n - 1);
    let v = (&x + 1.0).to_vec::<f64>().unwrap();
    assert_eq!(v.len(), n as usize);
    assert!(
        v.iter()
            .enumerate()
            .all(|(k, &e)| e == k as f64 * 0.5 + 1.0)
    );
}

// ---------------------------------------------------------------------------------------------
// 31. Arrays larger than memory
// ---------------------------------------------------------------------------------------------

/// 2**58 float64 elements are 2**61 bytes: a valid size (below `isize::MAX`), so the array
/// builds, but no machine can allocate it (it exceeds a 47- or 57-bit address space, so this
/// holds under any overcommit setting, unlike 2**40 elements).
const HUGE: usize = 1 << 58;

#[test]
fn item31_an_array_larger_than_memory_is_a_resource_error_in_the_reference_evaluator() {
    let big = Array::zeros(&[HUGE]);
    assert!(big.check().is_ok());
    let e = big.eval_reference().unwrap_err();
    assert_error!(
        e,
        Resource,
        "full",
        ["cannot allocate 2305843009213693952 bytes"]
    );
    let e = (Array::ones(&[HUGE]) * 2.0).eval_reference().unwrap_err();
    assert_error!(
        e,
        Resource,
        "full",
        ["cannot allocate 2305843009213693952 bytes"]
    );
}

#[test]

fn item31_an_array_larger_than_memory_is_a_resource_error() {
    let e = Array::zeros(&[HUGE]).to_vec::<f64>().unwrap_err();
    assert_error!(
        e,
        Resource,
        "full",
        ["cannot allocate 2305843009213693952 bytes"]
    );
    let e = Array::random(&[HUGE], 1).to_vec::<f64>().unwrap_err();
    assert_error!(e, Resource, "random_sample", ["cannot allocate"]);
}

/// A plan is cached by structure, and a cached plan carries the call sites its errors name: two
/// evaluations of the same structure built on different lines each report their own line.
#[test]
fn a_cached_plan_reports_the_call_site_of_this_evaluation() {
    let idx = Array::from_vec(vec![0i64, 7], &[2]).eval().unwrap();
    let x = Array::full(&[3], 1.0f64);
    #[rustfmt::skip]
    let (first, l1) = (x.take(&idx, 0).eval().expect_err("index 7"), line!());
    #[rustfmt::skip]
    let (second, l2) = (x.take(&idx, 0).eval().expect_err("index 7"), line!());
    assert_eq!(first.context().location.line(), l1, "{first}");
    assert_eq!(second.context().location.line(), l2, "{second}");
}

/// With two bad inputs the error is the first in program order, also when a rewrite replaced
/// the first one's node (taking from a constant) — NumPy raises at the `take`, built first.
#[test]
fn the_first_error_in_program_order_survives_rewrites() {
    let idx = Array::from_vec(vec![2i64, 0], &[2]);
    let taken = Array::scalar(1.0f32).take(&idx, 0);
    let exponents = Array::from_vec(vec![-1i64, 1], &[2]);
    let a = taken + Array::from_vec(vec![2i64, 3], &[2]).pow(&exponents);
    assert_error!(
        a.eval().unwrap_err(),
        Index,
        "take",
        ["index 2 is out of bounds"]
    );
    assert_error!(
        a.eval_reference().unwrap_err(),
        Index,
        "take",
        ["index 2 is out of bounds"]
    );
    // and the other way round
    let b = Array::from_vec(vec![2i64, 3], &[2]).pow(&exponents);
    let b = b + Array::scalar(1.0f32).take(&idx, 0);
    assert_error!(
        b.eval().unwrap_err(),
        DType,
        "power",
        ["negative integer powers"]
    );
}

/// An allocation failure inside `repeat` or `tile` names that op and the caller's line, in both
/// evaluators (not the view a rewrite turned it into). NumPy raises its `MemoryError` at the
/// `np.repeat` / `np.tile` call.
#[test]
fn item31_repeat_and_tile_larger_than_memory_name_their_op() {
    let four = Array::arange(0i64, 4, 1);
    #[rustfmt::skip]
    let cases = [
        ("repeat", four.repeat(HUGE / 4, None), line!()),
        ("tile", four.tile(&[HUGE / 4]), line!()),
        ("repeat", four.reshape(&[2, 2]).repeat(HUGE / 4, Some(0)), line!()),
        ("tile", four.reshape(&[2, 2]).tile(&[HUGE / 4, 1]), line!()),
        ("repeat", four.repeat_each(&[1 << 20, 2, 3, 4], None).repeat(HUGE >> 20, None), line!()),
    ];
    for (op, a, line) in cases {
        assert!(a.check().is_ok(), "{op} builds");
        for e in [a.eval().unwrap_err(), a.eval_reference().unwrap_err()] {
            assert_error!(e, Resource, op, ["cannot allocate"]);
            assert_eq!(e.context().location.line(), line, "{e}");
        }
    }
}
