//! Conversions between `lazyarray::Array` and `ndarray` arrays: round trips of every dtype,
//! non-standard layouts (transposed, sliced, reversed), 0-d and empty arrays, and the errors.
#![cfg(feature = "ndarray")]

use lazyarray::{Array, DType, Element, Error};
use ndarray::{ArrayD, Axis, IxDyn, s};
use std::fmt::Debug;

/// `a`'s shape and elements in logical order, as text (floats compared by their `Debug` text:
/// -0.0 differs from 0.0, NaN equals NaN).
fn nd_text<T: Debug, D: ndarray::Dimension>(a: &ndarray::ArrayView<'_, T, D>) -> String {
    format!("{:?} {:?}", a.shape(), a.iter().collect::<Vec<_>>())
}

#[track_caller]
fn assert_same<T: Element + Debug, D: ndarray::Dimension>(
    a: &Array,
    expected: ndarray::ArrayView<'_, T, D>,
) {
    assert_eq!(a.dtype(), T::DTYPE);
    let back = a
        .to_ndarray::<T>()
        .unwrap_or_else(|e| panic!("to_ndarray: {e}"));
    assert!(back.is_standard_layout());
    assert_eq!(nd_text(&back.view()), nd_text(&expected));
    let elements: Vec<T> = a.to_vec().unwrap();
    let logical: Vec<T> = expected.iter().copied().collect();
    assert_eq!(format!("{elements:?}"), format!("{logical:?}"));
}

/// An `ArrayD` of `shape` with elements `f(0), f(1), ...` in C order.
fn make<T>(shape: &[usize], f: impl Fn(usize) -> T) -> ArrayD<T> {
    let n = shape.iter().product();
    ArrayD::from_shape_vec(IxDyn(shape), (0..n).map(f).collect()).unwrap()
}

/// Every layout of `base` (a 3-d array of shape (4, 5, 6)): standard, transposed, permuted,
/// sliced with steps, reversed, a single column; owned and borrowed.
fn layouts<T: Element + Debug>(f: impl Fn(usize) -> T + Copy) {
    let base = || make(&[4, 5, 6], f);
    let owned: Vec<ArrayD<T>> = vec![
        base(),
        base().reversed_axes(),
        base().permuted_axes(IxDyn(&[1, 2, 0])),
        base().slice_move(s![1..;2, ..;-1, 2..5]).into_dyn(),
        base().slice_move(s![.., 3, ..;-3]).into_dyn(),
        base().slice_move(s![2, 1.., 4]).into_dyn(),
    ];
    for nd in owned {
        let expected = nd.clone();
        // Borrowed: copied.
        assert_same(&Array::from_ndarray_view(nd.view()), expected.view());
        assert_same(&Array::from(nd.view()), expected.view());
        // Owned: moved in.
        let a = Array::from_ndarray(nd);
        assert!(a.is_materialized());
        assert_same(&a, expected.view());
        // Usable in expressions: a sum over the first axis matches ndarray's.
        if expected.ndim() > 0 && !expected.is_empty() {
            let n = expected.len_of(Axis(0));
            let first = a.slice(lazyarray::s![0]).to_vec::<T>().unwrap();
            let nd_first: Vec<T> = expected.index_axis(Axis(0), 0).iter().copied().collect();
            assert_eq!(format!("{first:?}"), format!("{nd_first:?}"), "{n} rows");
        }
    }
}

#[test]
fn every_dtype_round_trips_in_every_layout() {
    layouts(|i| i % 3 == 0);
    layouts(|i| i as i32 * 7 - 100);
    layouts(|i| i as i64 * -1_000_000_000_007);
    layouts(|i| [f32::NAN, -0.0, f32::INFINITY][i % 3] + i as f32 * 0.0);
    layouts(|i| i as f64 / 8.0 - 3.0);
}

#[test]
fn zero_d_and_empty_arrays_convert() {
    let zero_d = ndarray::arr0(2.5f64).into_dyn();
    let a = Array::from_ndarray(zero_d.clone());
    assert_eq!(a.shape(), &[] as &[usize]);
    assert_same(&a, zero_d.view());
    assert_same(&Array::from_ndarray_view(zero_d.view()), zero_d.view());
    assert_eq!(
        Array::scalar(7i64).to_ndarray::<i64>().unwrap(),
        ndarray::arr0(7i64).into_dyn()
    );

    for shape in [&[0][..], &[3, 0], &[0, 4, 2]] {
        let empty = ArrayD::<i32>::zeros(IxDyn(shape));
        assert_same(&Array::from_ndarray(empty.clone()), empty.view());
        assert_same(&Array::from_ndarray_view(empty.view()), empty.view());
    }
    // An owned array sliced down to nothing.
    let sliced = make(&[3, 4], |i| i as f32).slice_move(s![1..1, ..]);
    assert_same(&Array::from_ndarray(sliced.clone()), sliced.view());
    assert_eq!(
        Array::zeros(&[2, 0]).to_ndarray::<f64>().unwrap().shape(),
        &[2, 0]
    );
}

#[test]
fn fixed_dimension_arrays_convert_both_ways() {
    let m = ndarray::array![[1i64, 2, 3], [4, 5, 6]];
    let a = Array::from(m.clone());
    assert_eq!(a.shape(), &[2, 3]);
    let back: ndarray::Array2<i64> = ndarray::Array2::try_from(&(&a.t() * 10i64)).unwrap();
    assert_eq!(back, ndarray::array![[10i64, 40], [20, 50], [30, 60]]);
    let v = ndarray::Array1::<bool>::try_from(&Array::from(ndarray::array![true, false])).unwrap();
    assert_eq!(v, ndarray::array![true, false]);
    let dynamic: ArrayD<i64> = (&a).try_into().unwrap();
    assert_eq!(dynamic, m.into_dyn());
}

#[test]
fn lazy_results_evaluate_into_ndarray() {
    let x = make(&[3, 4], |i| i as f64);
    let a = Array::from_ndarray(x.clone());
    let y = (&a * 2.0 + 1.0).sum_axis(1);
    let expected = (&x * 2.0 + 1.0).sum_axis(Axis(1));
    assert_eq!(y.to_ndarray::<f64>().unwrap(), expected);
    // A non-contiguous lazy view evaluates into a standard-layout ndarray.
    let r = a
        .slice(lazyarray::s![..;-1, 1..;2])
        .to_ndarray::<f64>()
        .unwrap();
    assert!(r.is_standard_layout());
    assert_eq!(r, x.slice(s![..;-1, 1..;2]).to_owned().into_dyn());
}

#[test]
fn conversion_errors_are_typed_and_located() {
    let a = Array::zeros(&[2, 3]);
    let e = a.to_ndarray::<i32>().unwrap_err();
    assert!(matches!(e, Error::DType(_)), "{e:?}");
    assert_eq!(e.context().op, "to_ndarray");
    assert_eq!(e.context().location.file(), file!());
    let e = ndarray::Array1::<f64>::try_from(&a).unwrap_err();
    assert!(matches!(e, Error::Shape(_)), "{e:?}");
    assert!(e.message().contains("dimension 2"), "{e}");
    // An array carrying an error gives that error.
    let bad = a.reshape(&[4]);
    assert!(matches!(bad.to_ndarray::<f64>(), Err(Error::Shape(_))));
    assert_eq!(
        Array::from_ndarray(make(&[2], |i| i as f64))
            .astype(DType::I32)
            .to_ndarray::<i32>()
            .unwrap(),
        make(&[2], |i| i as i32)
    );
}
