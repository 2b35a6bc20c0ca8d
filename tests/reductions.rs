//! Reductions (sum, prod, mean, min, max, any, all, argmin, argmax), cumsum, multi-output
//! `eval` and `item`. Every expected value was computed with NumPy 2 (the expression is in the
//! comment next to it).

mod common;
use common::*;
use lazyarray::{Array, DType, Element, Error, s};

fn arr<T: Element>(data: &[T], shape: &[usize]) -> Array {
    Array::from_slice(data, shape)
}

/// `np.array([[1,2,3],[4,5,6]]).astype(T)`.
fn two_by_three<T: Element>(f: impl Fn(i32) -> T) -> Array {
    arr(&[1, 2, 3, 4, 5, 6].map(f), &[2, 3])
}

/// `np.arange(24).reshape(2,3,4)`.
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
// sum, prod, mean, min, max over all, one and several axes
// ---------------------------------------------------------------------------------------------

#[test]
fn integer_reductions_accumulate_in_int64() {
    for x in [two_by_three(|v| v), two_by_three(|v| v as i64)] {
        // x = np.array([[1,2,3],[4,5,6]], dt); x.sum() ; x.sum(axis=0) ; x.sum(axis=-1)
        check(&x.sum(), &[], &[21i64]);
        check(&x.sum_axis(0), &[3], &[5i64, 7, 9]);
        check(&x.sum_axis(-1), &[2], &[6i64, 15]);
        // x.prod() ; x.prod(axis=1)
        check(&x.prod(), &[], &[720i64]);
        check(&x.prod_axis(1), &[2], &[6i64, 120]);
        // x.mean() ; x.mean(axis=0) -> float64
        check(&x.mean(), &[], &[3.5]);
        check(&x.mean_axis(0), &[3], &[2.5, 3.5, 4.5]);
    }
    // min/max keep the dtype: x.min() ; x.max(axis=1)
    let x = two_by_three(|v| v);
    check(&x.min(), &[], &[1i32]);
    check(&x.max_axis(1), &[2], &[3i32, 6]);
    let x = two_by_three(|v| v as i64);
    check(&x.min(), &[], &[1i64]);
    check(&x.max_axis(1), &[2], &[3i64, 6]);
    // np.array([2**31-1, 1], np.int32).sum() -> 2147483648 (no int32 overflow)
    check(&arr(&[i32::MAX, 1], &[2]).sum(), &[], &[2147483648i64]);
    // np.array([65536, 65536], np.int32).prod() -> 4294967296
    check(&arr(&[65536i32, 65536], &[2]).prod(), &[], &[4294967296i64]);
    // np.array([2**63-1, 1]).sum() wraps
    check(&arr(&[i64::MAX, 1], &[2]).sum(), &[], &[i64::MIN]);
}

#[test]
fn float_reductions_keep_their_dtype() {
    let x = two_by_three(|v| v as f32);
    // x = np.array([[1,2,3],[4,5,6]], np.float32); x.sum() ; sum(0) ; sum(-1) ; prod() ; prod(1)
    check(&x.sum(), &[], &[21.0f32]);
    check(&x.sum_axis(0), &[3], &[5.0f32, 7.0, 9.0]);
    check(&x.sum_axis(-1), &[2], &[6.0f32, 15.0]);
    check(&x.prod(), &[], &[720.0f32]);
    check(&x.prod_axis(1), &[2], &[6.0f32, 120.0]);
    // x.mean() stays float32 ; x.mean(axis=0)
    check(&x.mean(), &[], &[3.5f32]);
    check(&x.mean_axis(0), &[3], &[2.5f32, 3.5, 4.5]);
    // x.min() ; x.max(axis=1)
    check(&x.min(), &[], &[1.0f32]);
    check(&x.max_axis(1), &[2], &[3.0f32, 6.0]);

    let x = two_by_three(|v| v as f64);
    check(&x.sum(), &[], &[21.0]);
    check(&x.sum_axis(0), &[3], &[5.0, 7.0, 9.0]);
    check(&x.sum_axis(-1), &[2], &[6.0, 15.0]);
    check(&x.prod(), &[], &[720.0]);
    check(&x.prod_axis(1), &[2], &[6.0, 120.0]);
    check(&x.mean(), &[], &[3.5]);
    check(&x.mean_axis(0), &[3], &[2.5, 3.5, 4.5]);
    check(&x.min(), &[], &[1.0]);
    check(&x.max_axis(1), &[2], &[3.0, 6.0]);
    // np.array([0.5, 4.0, -3.0, 1e-3]).prod() ; np.array([1.5, 2.0, -0.25, 3.0], np.float32).prod()
    check_close(
        &arr(&[0.5, 4.0, -3.0, 1e-3], &[4]).prod(),
        &[],
        &[-0.006],
        1e-12,
    );
    check(
        &arr(&[1.5f32, 2.0, -0.25, 3.0], &[4]).prod(),
        &[],
        &[-2.25f32],
    );
}

#[test]
fn bool_reductions() {
    let b = arr(&[true, false, true, true, true, true], &[2, 3]);
    // b = np.array([[T,F,T],[T,T,T]]); b.sum() -> int64 ; b.sum(axis=0) ; b.prod(axis=1) -> int64
    check(&b.sum(), &[], &[5i64]);
    check(&b.sum_axis(0), &[3], &[2i64, 1, 2]);
    check(&b.prod_axis(1), &[2], &[0i64, 1]);
    // b.mean() ; b.mean(axis=1) -> float64
    check(&b.mean(), &[], &[0.8333333333333334]);
    check(&b.mean_axis(1), &[2], &[0.6666666666666666, 1.0]);
    // b.max() ; b.min(axis=0) -> bool
    check(&b.max(), &[], &[true]);
    check(&b.min_axis(0), &[3], &[true, false, true]);
    // b.any(axis=1) ; b.all(axis=0) ; b.all() ; b.any()
    check(&b.any_axis(1), &[2], &[true, true]);
    check(&b.all_axis(0), &[3], &[true, false, true]);
    check(&b.all(), &[], &[false]);
    check(&b.any(), &[], &[true]);
}

#[test]
fn any_and_all_use_truthiness() {
    let f = arr(&[0.0, f64::NAN, -0.0, 0.0], &[2, 2]);
    // np.array([[0.0, nan], [-0.0, 0.0]]).any(axis=1) ; .all(axis=0) ; .any()
    check(&f.any_axis(1), &[2], &[true, false]);
    check(&f.all_axis(0), &[2], &[false, false]);
    check(&f.any(), &[], &[true]);
    let i = arr(&[3i32, -1, 0, 7], &[4]);
    // np.array([3, -1, 0, 7], np.int32).all() ; np.array([3, -1, 0, 7])[[0, 1, 3]].all()
    check(&i.all(), &[], &[false]);
    check(&i.slice(s![..2]).all(), &[], &[true]);
    // np.array([0, 0], np.int64).any()
    check(&arr(&[0i64, 0], &[2]).any(), &[], &[false]);
}

#[test]
fn several_axes_negative_axes_and_keepdims() {
    let c = cube();
    // c = np.arange(24).reshape(2,3,4); c.sum(axis=(0,2)) ; keepdims=True ; axis=(-1,-3)
    check(&c.sum_axes(&[0, 2], false), &[3], &[60i64, 92, 124]);
    check(&c.sum_axes(&[0, 2], true), &[1, 3, 1], &[60i64, 92, 124]);
    check(&c.sum_axes(&[-1, -3], false), &[3], &[60i64, 92, 124]);
    // c.max(axis=(1,2)) ; c.min(axis=(0,1), keepdims=True) ; c.prod(axis=(0,))
    check(&c.max_axes(&[1, 2], false), &[2], &[11i64, 23]);
    check(&c.min_axes(&[0, 1], true), &[1, 1, 4], &[0i64, 1, 2, 3]);
    check(
        &c.prod_axes(&[0], false),
        &[3, 4],
        &[0i64, 13, 28, 45, 64, 85, 108, 133, 160, 189, 220, 253],
    );
    // c.sum(axis=(0,1,2)) ; c.mean(axis=(1,2), keepdims=True)
    check(&c.sum_axes(&[2, 0, 1], false), &[], &[276i64]);
    check(&c.mean_axes(&[1, 2], true), &[2, 1, 1], &[5.5, 17.5]);
    // c.sum(axis=()) reduces nothing (but still accumulates in int64)
    let all: Vec<i64> = (0..24).collect();
    check(&c.sum_axes(&[], false), &[2, 3, 4], &all);
    // c.any(axis=(0,2), keepdims=True) -> [[[True], [True], [True]]]
    check(&c.any_axes(&[0, 2], true), &[1, 3, 1], &[true, true, true]);
    // (c > 0).all(axis=(-1,), keepdims=True)
    check(
        &c.gt(0).all_axes(&[-1], true),
        &[2, 3, 1],
        &[false, true, true, true, true, true],
    );
}

#[test]
fn axis_errors() {
    let c = cube();
    // c.sum(axis=3) -> AxisError: axis 3 is out of bounds for array of dimension 3
    let e = error_of(&c.sum_axis(3));
    assert!(matches!(e, Error::Axis(_)), "{e}");
    assert_message(&e, &["axis 3 is out of bounds for array of dimension 3"]);
    // c.sum(axis=-4)
    assert!(matches!(error_of(&c.max_axis(-4)), Error::Axis(_)));
    // c.sum(axis=(0, -3)) -> ValueError: duplicate value in 'axis'
    let e = error_of(&c.sum_axes(&[0, -3], false));
    assert!(matches!(e, Error::Axis(_)), "{e}");
    assert_message(&e, &["repeated axis"]);
    // np.argmax(c, axis=5)
    assert!(matches!(error_of(&c.argmax_axis(5)), Error::Axis(_)));
}

#[test]
fn reductions_of_views() {
    let m = Array::arange(0i64, 12, 1).reshape(&[3, 4]);
    // m = np.arange(12).reshape(3,4); m.T.sum(axis=1) ; m[::-1].sum(axis=0)
    check(&m.t().sum_axis(1), &[4], &[12i64, 15, 18, 21]);
    check(&m.slice(s![..;-1]).sum_axis(0), &[4], &[12i64, 15, 18, 21]);
    // m[::-1, ::-2].max(axis=1) -> [11, 7, 3] ; m.T[::-1].min(axis=0) -> [0, 4, 8]
    check(&m.slice(s![..;-1, ..;-2]).max_axis(1), &[3], &[11i64, 7, 3]);
    check(&m.t().slice(s![..;-1]).min_axis(0), &[3], &[0i64, 4, 8]);
    // (m.T * 0.5).mean(axis=0) -> [0.75, 2.75, 4.75]
    check(&(m.t() * 0.5).mean_axis(0), &[3], &[0.75, 2.75, 4.75]);
    // np.broadcast_to(np.array([1, 2, 3]), (4, 3)).sum(axis=0) -> [4, 8, 12]
    check(
        &arr(&[1i64, 2, 3], &[3]).broadcast_to(&[4, 3]).sum_axis(0),
        &[3],
        &[4i64, 8, 12],
    );
}

#[test]
fn zero_d_and_size_one_dims() {
    // np.sum(np.array(5, np.int32)) -> int64 ; np.max(np.array(2.5)) ; np.mean(np.array(3, np.int32))
    check(&Array::scalar(5i32).sum(), &[], &[5i64]);
    check(&Array::scalar(2.5).max(), &[], &[2.5]);
    check(&Array::scalar(3i32).mean(), &[], &[3.0]);
    // np.argmax(np.array(5.0)) -> 0 ; np.argmax(np.array(5.0), keepdims=True) -> array(0)
    check(&Array::scalar(5.0).argmax(), &[], &[0i64]);
    check(&Array::scalar(5.0).argmax_with(None, true), &[], &[0i64]);
    let s1 = Array::arange(0.0, 3.0, 1.0).reshape(&[1, 3, 1]);
    // s1 = np.arange(3.).reshape(1,3,1); s1.sum(axis=(0,2)) ; s1.max(axis=(0,2), keepdims=True)
    check(&s1.sum_axes(&[0, 2], false), &[3], &[0.0, 1.0, 2.0]);
    check(&s1.max_axes(&[0, 2], true), &[1, 3, 1], &[0.0, 1.0, 2.0]);
    // s1.argmax(axis=0) -> zeros of shape (3, 1)
    check(&s1.argmax_axis(0), &[3, 1], &[0i64, 0, 0]);
}

// ---------------------------------------------------------------------------------------------
// NaN handling
// ---------------------------------------------------------------------------------------------

#[test]
fn max_min_sum_mean_propagate_nan() {
    let f = arr(&[1.0, f64::NAN, 3.0, 4.0, 5.0, 6.0], &[2, 3]);
    // f = np.array([[1.0, nan, 3.0], [4.0, 5.0, 6.0]]); f.max() ; f.max(axis=0) ; f.min(axis=1)
    check(&f.max(), &[], &[f64::NAN]);
    check(&f.max_axis(0), &[3], &[4.0, f64::NAN, 6.0]);
    check(&f.min_axis(1), &[2], &[f64::NAN, 4.0]);
    // f.sum(axis=1) ; f.mean(axis=0)
    check(&f.sum_axis(1), &[2], &[f64::NAN, 15.0]);
    check(&f.mean_axis(0), &[3], &[2.5, f64::NAN, 4.5]);
    // np.array([1.0, nan, -inf], np.float32).max() ; np.array([nan, 1.0], np.float32).min()
    check(
        &arr(&[1.0f32, f32::NAN, f32::NEG_INFINITY], &[3]).max(),
        &[],
        &[f32::NAN],
    );
    check(&arr(&[f32::NAN, 1.0], &[2]).min(), &[], &[f32::NAN]);
}

#[test]
fn max_min_of_signed_zeros() {
    // np.array([-0.0, 0.0]).max() -> 0.0 ; np.array([0.0, -0.0]).max() -> -0.0
    check(&arr(&[-0.0, 0.0], &[2]).max(), &[], &[0.0]);
    check(&arr(&[0.0, -0.0], &[2]).max(), &[], &[-0.0]);
    // np.array([0.0, -0.0]).min() -> -0.0 ; np.array([-0.0, 0.0]).min() -> 0.0
    check(&arr(&[0.0, -0.0], &[2]).min(), &[], &[-0.0]);
    check(&arr(&[-0.0, 0.0], &[2]).min(), &[], &[0.0]);
}

// ---------------------------------------------------------------------------------------------
// argmin / argmax
// ---------------------------------------------------------------------------------------------

#[test]
fn argmax_argmin_first_occurrence_axes_and_keepdims() {
    let h = arr(&[2i32, 7, 7, 7, 1, 1], &[2, 3]);
    // h = np.array([[2, 7, 7], [7, 1, 1]], np.int32); h.argmax() ; h.argmin()
    check(&h.argmax(), &[], &[1i64]);
    check(&h.argmin(), &[], &[4i64]);
    // h.argmax(axis=0) ; h.argmax(axis=1) ; h.argmin(axis=-1)
    check(&h.argmax_axis(0), &[3], &[1i64, 0, 0]);
    check(&h.argmax_axis(1), &[2], &[1i64, 0]);
    check(&h.argmin_axis(-1), &[2], &[0i64, 1]);
    // np.argmax(h, keepdims=True) -> shape (1, 1)
    check(&h.argmax_with(None, true), &[1, 1], &[1i64]);
    // np.argmax(h, axis=1, keepdims=True) ; np.argmin(h, axis=0, keepdims=True)
    check(&h.argmax_with(Some(1), true), &[2, 1], &[1i64, 0]);
    check(&h.argmin_with(Some(0), true), &[1, 3], &[0i64, 1, 1]);
    // without keepdims: np.argmin(h, axis=-2)
    check(&h.argmin_with(Some(-2), false), &[3], &[0i64, 1, 1]);
    check(&h.argmax_with(None, false), &[], &[1i64]);
    // views: h.T.argmax(axis=1) ; h[:, ::-1].argmax() ; h.T.argmin()
    check(&h.t().argmax_axis(1), &[3], &[1i64, 0, 0]);
    check(&h.slice(s![.., ..;-1]).argmax(), &[], &[0i64]);
    check(&h.t().argmin(), &[], &[3i64]);
    // bool: np.array([False, True, True]).argmax() ; np.array([True, False, False]).argmin()
    check(&arr(&[false, true, true], &[3]).argmax(), &[], &[1i64]);
    check(&arr(&[true, false, false], &[3]).argmin(), &[], &[1i64]);
}

#[test]
fn argmax_argmin_return_the_first_nan() {
    let f = arr(&[1.0, f64::NAN, 3.0, 4.0, 5.0, 6.0], &[2, 3]);
    // f = np.array([[1.0, nan, 3.0], [4.0, 5.0, 6.0]]); f.argmax() ; f.argmin()
    check(&f.argmax(), &[], &[1i64]);
    check(&f.argmin(), &[], &[1i64]);
    // f.argmax(axis=0) ; f.argmin(axis=1)
    check(&f.argmax_axis(0), &[3], &[1i64, 0, 1]);
    check(&f.argmin_axis(1), &[2], &[1i64, 0]);
    let g = arr(&[3.0, 1.0, 3.0, f64::NAN, 2.0, f64::NAN], &[2, 3]);
    // g = np.array([[3., 1., 3.], [nan, 2., nan]]); g.argmax() ; g.argmax(axis=1) ; g.argmin(axis=0)
    check(&g.argmax(), &[], &[3i64]);
    check(&g.argmax_axis(1), &[2], &[0i64, 0]);
    check(&g.argmin_axis(0), &[3], &[1i64, 0, 1]);
    // float32: np.array([nan, 5.0, nan], np.float32).argmin()
    check(
        &arr(&[f32::NAN, 5.0, f32::NAN], &[3]).argmin(),
        &[],
        &[0i64],
    );
}

// ---------------------------------------------------------------------------------------------
// Empty reductions
// ---------------------------------------------------------------------------------------------

#[test]
fn empty_reductions_with_an_identity() {
    let e = Array::zeros(&[0]);
    let ei = Array::full(&[0], 0i32);
    let eb = Array::full(&[0], false);
    // np.zeros(0).sum() ; np.zeros(0, np.int32).sum() -> int64 ; np.zeros(0, bool).sum()
    check(&e.sum(), &[], &[0.0]);
    check(&ei.sum(), &[], &[0i64]);
    check(&eb.sum(), &[], &[0i64]);
    // np.zeros(0).prod() ; np.zeros(0, np.int32).prod()
    check(&e.prod(), &[], &[1.0]);
    check(&ei.prod(), &[], &[1i64]);
    // np.zeros(0, bool).any() ; .all()
    check(&eb.any(), &[], &[false]);
    check(&eb.all(), &[], &[true]);
    // np.zeros(0).mean() -> nan (RuntimeWarning) ; np.zeros(0, np.int32).mean() -> nan
    check(&e.mean(), &[], &[f64::NAN]);
    check(&ei.mean(), &[], &[f64::NAN]);
    let e3 = Array::zeros(&[0, 3]);
    // np.zeros((0,3)).sum(axis=0) ; .sum(axis=1) ; .prod(axis=0, keepdims=True) ; .mean(axis=0)
    check(&e3.sum_axis(0), &[3], &[0.0, 0.0, 0.0]);
    check(&e3.sum_axis(1), &[0], &[] as &[f64]);
    check(&e3.prod_axes(&[0], true), &[1, 3], &[1.0, 1.0, 1.0]);
    check(&e3.mean_axis(0), &[3], &[f64::NAN, f64::NAN, f64::NAN]);
    // np.zeros((0,3)).astype(bool).any(axis=0)
    check(
        &e3.astype(DType::Bool).any_axis(0),
        &[3],
        &[false, false, false],
    );
}

#[test]
fn empty_reductions_without_an_identity() {
    // np.zeros(0).max() -> ValueError: zero-size array to reduction operation maximum which has
    // no identity
    let e = error_of(&Array::zeros(&[0]).max());
    assert!(matches!(e, Error::Reduction(_)), "{e}");
    assert_message(
        &e,
        &["zero-size array to reduction operation maximum which has no identity"],
    );
    // np.zeros(0, np.int32).min() -> ... minimum ...
    let e = error_of(&Array::full(&[0], 0i32).min());
    assert!(matches!(e, Error::Reduction(_)), "{e}");
    assert_message(
        &e,
        &["zero-size array to reduction operation minimum which has no identity"],
    );
    let e3 = Array::zeros(&[0, 3]);
    // np.zeros((0,3)).max(axis=0) raises ; np.zeros((0,0)).max(axis=0) raises too
    assert!(matches!(error_of(&e3.max_axis(0)), Error::Reduction(_)));
    assert!(matches!(
        error_of(&Array::zeros(&[0, 0]).max_axis(0)),
        Error::Reduction(_)
    ));
    // np.zeros((0,3)).max(axis=1) -> array([], shape (0,)) ; np.zeros(0).max(axis=()) -> empty
    check(&e3.max_axis(1), &[0], &[] as &[f64]);
    check(&e3.min_axes(&[1], true), &[0, 1], &[] as &[f64]);
    check(
        &Array::zeros(&[0]).max_axes(&[], false),
        &[0],
        &[] as &[f64],
    );
}

#[test]
fn argmax_of_empty_is_an_error() {
    // np.zeros(0).argmax() -> ValueError: attempt to get argmax of an empty sequence
    let e = error_of(&Array::zeros(&[0]).argmax());
    assert!(matches!(e, Error::Reduction(_)), "{e}");
    assert_message(&e, &["attempt to get argmax of an empty sequence"]);
    // np.zeros((0,3)).argmin(axis=0) ; np.zeros((0,3)).argmax() ; np.zeros((3,0)).argmax(axis=1)
    let e = error_of(&Array::zeros(&[0, 3]).argmin_axis(0));
    assert!(matches!(e, Error::Reduction(_)), "{e}");
    assert_message(&e, &["attempt to get argmin of an empty sequence"]);
    assert!(matches!(
        error_of(&Array::zeros(&[0, 3]).argmax()),
        Error::Reduction(_)
    ));
    assert!(matches!(
        error_of(&Array::zeros(&[3, 0]).argmax_axis(1)),
        Error::Reduction(_)
    ));
    // but np.zeros((3,0)).argmax(axis=0) is an empty int64 array
    check(&Array::zeros(&[3, 0]).argmax_axis(0), &[0], &[] as &[i64]);
}

// ---------------------------------------------------------------------------------------------
// Larger float reductions (summation order may differ: compared within a tolerance)
// ---------------------------------------------------------------------------------------------

#[test]
fn larger_float_reductions_within_tolerance() {
    // m = (np.arange(0.0, 240.0, 1.0) * 0.1).reshape(12, 20)
    let m = (Array::arange(0.0, 240.0, 1.0) * 0.1).reshape(&[12, 20]);
    // m.sum(axis=0)
    check_close(
        &m.sum_axis(0),
        &[20],
        &[
            132.0,
            133.2,
            134.40000000000003,
            135.6,
            136.8,
            138.0,
            139.2,
            140.40000000000003,
            141.6,
            142.8,
            144.0,
            145.2,
            146.40000000000003,
            147.6,
            148.8,
            150.0,
            151.2,
            152.40000000000003,
            153.60000000000002,
            154.8,
        ],
        1e-12,
    );
    // m.sum(axis=1)
    check_close(
        &m.sum_axis(1),
        &[12],
        &[
            19.0, 59.0, 99.0, 139.0, 179.0, 219.0, 259.0, 299.0, 339.0, 379.0, 419.0, 459.0,
        ],
        1e-12,
    );
    // m.sum() ; m.sum(axis=(0,1), keepdims=True)
    check_close(&m.sum(), &[], &[2868.0], 1e-12);
    check_close(&m.sum_axes(&[0, 1], true), &[1, 1], &[2868.0], 1e-12);
    // m.T.mean(axis=1)
    let t_mean = [
        11.0,
        11.1,
        11.200000000000003,
        11.299999999999999,
        11.4,
        11.5,
        11.6,
        11.700000000000003,
        11.799999999999999,
        11.9,
        12.0,
        12.1,
        12.200000000000003,
        12.299999999999999,
        12.4,
        12.5,
        12.6,
        12.700000000000003,
        12.800000000000002,
        12.9,
    ];
    check_close(&m.t().mean_axis(1), &[20], &t_mean, 1e-12);
    // m[::-1].mean(axis=0) (same values up to rounding)
    check_close(&m.slice(s![..;-1]).mean_axis(0), &[20], &t_mean, 1e-12);

    // m32 = (np.arange(0.0, 240.0, 1.0).astype(np.float32) * np.float32(0.1)).reshape(12, 20)
    let m32 = (Array::arange(0.0f32, 240.0, 1.0) * 0.1f32).reshape(&[12, 20]);
    assert_eq!(m32.dtype(), DType::F32);
    // m32.sum(axis=1)
    let s = m32.sum_axis(1);
    assert_eq!(s.dtype(), DType::F32);
    check_close(
        &s,
        &[12],
        &[
            19.0, 59.0, 99.0, 138.99998, 179.0, 219.0, 259.0, 299.0, 339.0, 379.0, 419.0, 459.0,
        ],
        1e-6,
    );
    // m32.mean() -> float32 11.95
    let mean = m32.mean();
    assert_eq!(mean.dtype(), DType::F32);
    check_close(&mean, &[], &[11.95], 1e-6);
    // m32.mean(axis=0)
    check_close(
        &m32.mean_axis(0),
        &[20],
        &[
            11.0, 11.099999, 11.2, 11.3, 11.400001, 11.5, 11.599999, 11.7, 11.8, 11.900001, 12.0,
            12.099999, 12.2, 12.3, 12.400001, 12.5, 12.599999, 12.7, 12.8, 12.900001,
        ],
        1e-6,
    );
}

// ---------------------------------------------------------------------------------------------
// cumsum
// ---------------------------------------------------------------------------------------------

#[test]
fn cumsum_axes_and_dtypes() {
    let x = two_by_three(|v| v);
    // x = np.array([[1,2,3],[4,5,6]], np.int32); np.cumsum(x, axis=0) -> int64 ; axis=1 ; axis=-1
    check(&x.cumsum(0), &[2, 3], &[1i64, 2, 3, 5, 7, 9]);
    check(&x.cumsum(1), &[2, 3], &[1i64, 3, 6, 4, 9, 15]);
    check(&x.cumsum(-1), &[2, 3], &[1i64, 3, 6, 4, 9, 15]);
    // np.cumsum(x) ; np.cumsum(x.T)
    check(&x.cumsum_flat(), &[6], &[1i64, 3, 6, 10, 15, 21]);
    check(&x.t().cumsum_flat(), &[6], &[1i64, 5, 7, 12, 15, 21]);
    // np.cumsum(np.arange(12).reshape(3,4).T, axis=0)
    check(
        &Array::arange(0i64, 12, 1).reshape(&[3, 4]).t().cumsum(0),
        &[4, 3],
        &[0i64, 4, 8, 1, 9, 17, 3, 15, 27, 6, 22, 38],
    );
    // np.cumsum(np.array([True, False, True, True])) -> int64
    check(
        &arr(&[true, false, true, true], &[4]).cumsum(0),
        &[4],
        &[1i64, 1, 2, 3],
    );
    // np.cumsum(np.array([0.1, 0.2, 0.3, nan, 1.0], np.float32)) -> float32
    check(
        &arr(&[0.1f32, 0.2, 0.3, f32::NAN, 1.0], &[5]).cumsum(0),
        &[5],
        &[0.1f32, 0.3, 0.6, f32::NAN, f32::NAN],
    );
    // np.cumsum(np.array([0.1, 0.2, 0.3]))
    check(
        &arr(&[0.1, 0.2, 0.3], &[3]).cumsum(0),
        &[3],
        &[0.1, 0.30000000000000004, 0.6000000000000001],
    );
    // np.cumsum(np.array([2**63-1, 1, 1])) wraps
    check(
        &arr(&[i64::MAX, 1, 1], &[3]).cumsum_flat(),
        &[3],
        &[i64::MAX, i64::MIN, -9223372036854775807],
    );
    // np.cumsum(np.array([1., 2., 4., 8.])[::-1])
    check(
        &arr(&[1.0, 2.0, 4.0, 8.0], &[4]).slice(s![..;-1]).cumsum(0),
        &[4],
        &[8.0, 12.0, 14.0, 15.0],
    );
}

#[test]
fn cumsum_of_zero_d_and_empty_arrays() {
    // np.cumsum(np.array(5, np.int32)) -> array([5]) int64
    check(&Array::scalar(5i32).cumsum_flat(), &[1], &[5i64]);
    // np.cumsum(np.zeros((0,3), np.int32), axis=0) -> shape (0,3) int64
    check(
        &Array::full(&[0, 3], 0i32).cumsum(0),
        &[0, 3],
        &[] as &[i64],
    );
    // np.cumsum(np.zeros((2,0))) -> shape (0,)
    check(&Array::zeros(&[2, 0]).cumsum_flat(), &[0], &[] as &[f64]);
    // np.cumsum(np.zeros((2,3)), axis=2) -> AxisError
    assert!(matches!(
        error_of(&Array::zeros(&[2, 3]).cumsum(2)),
        Error::Axis(_)
    ));
}

// ---------------------------------------------------------------------------------------------
// eval of several outputs, item
// ---------------------------------------------------------------------------------------------

#[test]
fn eval_several_outputs_together() {
    // x = np.arange(0., 4., 1.) * 2; x.sum(), x.max(), x.mean() -> 12.0, 6.0, 3.0
    let x = Array::arange(0.0, 4.0, 1.0) * 2.0;
    let (s, m, a) = (x.sum(), x.max(), x.mean());
    let out = lazyarray::eval(&[&s, &m, &a, &x]).expect("eval");
    assert_eq!(out.len(), 4);
    assert!(out.iter().all(|o| o.is_materialized()));
    check(&out[0], &[], &[12.0]);
    check(&out[1], &[], &[6.0]);
    check(&out[2], &[], &[3.0]);
    check(&out[3], &[4], &[0.0, 2.0, 4.0, 6.0]);
    // outputs of different dtypes and shapes: a = np.array([[1.,2.],[3.,4.]]);
    // a.sum(axis=0) ; (a * 10).min() ; (a > 2).any()
    let a = arr(&[1.0, 2.0, 3.0, 4.0], &[2, 2]);
    let out = lazyarray::eval(&[&a.sum_axis(0), &(&a * 10).min(), &a.gt(2).any()]).unwrap();
    check(&out[0], &[2], &[4.0, 6.0]);
    check(&out[1], &[], &[10.0]);
    check(&out[2], &[], &[true]);
    // the same array twice, and an empty list
    let twice = lazyarray::eval(&[&s, &s]).unwrap();
    assert_eq!(twice[0].item::<f64>().unwrap(), 12.0);
    assert_eq!(twice[1].item::<f64>().unwrap(), 12.0);
    assert!(lazyarray::eval(&[]).unwrap().is_empty());
}

#[test]
fn eval_reports_the_first_error() {
    let good = Array::arange(0.0, 3.0, 1.0).sum();
    // np.zeros(0).max() fails when built ...
    let bad = Array::zeros(&[0]).max();
    let e = lazyarray::eval(&[&good, &bad]).expect_err("one output is bad");
    assert!(matches!(e, Error::Reduction(_)), "{e}");
    // ... and an out-of-bounds take fails when evaluated
    let oob = Array::arange(0i64, 3, 1).take(&arr(&[5i64], &[1]), 0).sum();
    let e = lazyarray::eval(&[&good, &oob]).expect_err("one output is bad");
    assert!(matches!(e, Error::Index(_)), "{e}");
}

#[test]
fn item_of_size_one_arrays() {
    // np.arange(0., 4., 1.).sum().item() -> 6.0
    assert_eq!(
        Array::arange(0.0, 4.0, 1.0).sum().item::<f64>().unwrap(),
        6.0
    );
    // np.array([[7]], np.int32).item() -> 7 (any shape of size 1)
    assert_eq!(arr(&[7i32], &[1, 1]).item::<i32>().unwrap(), 7);
    // np.array([1, 2, 3]).sum(keepdims=True) has shape (1,); its item is 6
    let k = arr(&[1i64, 2, 3], &[3]).sum_axes(&[0], true);
    assert_eq!(k.shape(), &[1]);
    assert_eq!(k.item::<i64>().unwrap(), 6);
    // item converts with NumPy's casting rules: np.int64(int(np.float64(2.5))) -> 2
    assert_eq!(Array::scalar(2.5).item::<i64>().unwrap(), 2);
    // np.array([True, False]).any().item() -> True
    assert!(arr(&[true, false], &[2]).any().item::<bool>().unwrap());
}

#[test]
fn item_of_other_sizes_is_an_error() {
    // np.array([1., 2.]).item() -> ValueError: can only convert an array of size 1 to a Python
    // scalar
    let e = arr(&[1.0, 2.0], &[2]).item::<f64>().expect_err("size 2");
    assert!(matches!(e, Error::Shape(_)), "{e}");
    assert_message(&e, &["can only convert an array of size 1"]);
    // np.zeros((0,)).item() and np.zeros((2, 3)).sum(axis=0).item()
    assert!(matches!(
        Array::zeros(&[0]).item::<f64>(),
        Err(Error::Shape(_))
    ));
    assert!(matches!(
        Array::zeros(&[2, 3]).sum_axis(0).item::<f64>(),
        Err(Error::Shape(_))
    ));
    // an array carrying an error reports that error, not the size
    let e = Array::zeros(&[0]).max().item::<f64>().expect_err("carried");
    assert!(matches!(e, Error::Reduction(_)), "{e}");
}
