//! Reading values one at a time: `get`, `get_scalar`, `iter` and `as_slice`, on evaluated and
//! lazy arrays, views and every dtype, and their errors (expected values are NumPy's:
//! `a.item(i, j)`, `a[i, j]`, `list(a.flat)`).

use lazyarray::{Array, DType, Error, Scalar, eval, s};

fn grid() -> Array {
    // np.arange(12.).reshape(3, 4)
    Array::arange(0.0, 12.0, 1.0).reshape(&[3, 4])
}

#[test]
fn get_reads_one_element_with_negative_indices() {
    let a = grid();
    assert_eq!(a.get::<f64>(&[0, 0]).unwrap(), 0.0);
    assert_eq!(a.get::<f64>(&[2, 3]).unwrap(), 11.0);
    assert_eq!(a.get::<f64>(&[-1, -4]).unwrap(), 8.0);
    assert_eq!(a.get::<f64>(&[1, -2]).unwrap(), 6.0);
    // Converted with NumPy's casting rules, like item().
    assert_eq!(a.get::<i32>(&[1, 1]).unwrap(), 5);
    assert_eq!(a.get_scalar(&[1, 1]).unwrap(), Scalar::F64(5.0));
    // 0-d: no index at all.
    assert_eq!(Array::scalar(7i32).get::<i32>(&[]).unwrap(), 7);
}

#[test]
fn get_reads_through_views_and_lazy_expressions() {
    let a = grid();
    // a.T[3, 1] == a[1, 3]; a[::-1, 1::2][0, 1] == a[2, 3]
    assert_eq!(a.t().get::<f64>(&[3, 1]).unwrap(), 7.0);
    let v = a.slice(s![..;-1, 1..;2]);
    assert_eq!(v.get::<f64>(&[0, 1]).unwrap(), 11.0);
    // (a * 2 + 1)[2, 0]
    let e = &a * 2.0 + 1.0;
    assert!(!e.is_materialized());
    assert_eq!(e.get::<f64>(&[2, 0]).unwrap(), 17.0);
    // The first read evaluated it; the value is remembered.
    assert!(e.is_materialized());
    assert_eq!(e.get::<f64>(&[0, 0]).unwrap(), 1.0);
}

#[test]
fn get_scalar_keeps_every_dtype() {
    let b = Array::from_vec(vec![true, false], &[2]);
    assert_eq!(b.get_scalar(&[1]).unwrap(), Scalar::Bool(false));
    let i = Array::from_vec(vec![i32::MIN, i32::MAX], &[2]);
    assert_eq!(i.get_scalar(&[-1]).unwrap(), Scalar::I32(i32::MAX));
    let l = Array::from_vec(vec![i64::MIN], &[1, 1]);
    assert_eq!(l.get_scalar(&[0, 0]).unwrap(), Scalar::I64(i64::MIN));
    let f = Array::from_vec(vec![0.1f32, -0.0], &[2]);
    assert_eq!(f.get_scalar(&[0]).unwrap(), Scalar::F32(0.1));
    assert_eq!(f.get_scalar(&[1]).unwrap(), Scalar::F32(-0.0));
    let n = Array::from_vec(vec![f64::NAN], &[1]);
    assert!(n.get::<f64>(&[0]).unwrap().is_nan());
}

#[test]
fn out_of_bounds_and_wrong_counts_are_index_errors() {
    let a = grid();
    match a.get::<f64>(&[3, 0]) {
        Err(Error::Index(c)) => {
            assert_eq!(c.message, "index 3 is out of bounds for axis 0 with size 3");
            assert_eq!(c.op, "get");
            assert!(c.location.file().ends_with("read.rs"), "{}", c.location);
        }
        other => panic!("expected an index error, got {other:?}"),
    }
    match a.get_scalar(&[0, -5]) {
        Err(Error::Index(c)) => {
            assert_eq!(
                c.message,
                "index -5 is out of bounds for axis 1 with size 4"
            )
        }
        other => panic!("expected an index error, got {other:?}"),
    }
    match a.get::<f64>(&[0, 0, 0]) {
        Err(Error::Index(c)) => assert_eq!(
            c.message,
            "too many indices for array: array is 2-dimensional, but 3 were indexed"
        ),
        other => panic!("expected an index error, got {other:?}"),
    }
    assert!(matches!(a.get::<f64>(&[0]), Err(Error::Index(_))));
    assert!(matches!(
        Array::zeros(&[0]).get::<f64>(&[0]),
        Err(Error::Index(_))
    ));
    // An array carrying an error returns it.
    let bad = Array::zeros(&[2]) + Array::zeros(&[3]);
    assert!(matches!(bad.get::<f64>(&[0]), Err(Error::Shape(_))));
}

#[test]
fn iter_walks_c_order() {
    let a = Array::arange(0, 6, 1).reshape(&[2, 3]);
    assert_eq!(
        a.iter::<i64>().unwrap().collect::<Vec<_>>(),
        [0, 1, 2, 3, 4, 5]
    );
    // Through a transposed and a reversed view: NumPy's list(a.T.flat), list(a[:, ::-1].flat).
    let t = a.t();
    assert_eq!(
        t.iter::<i64>().unwrap().collect::<Vec<_>>(),
        [0, 3, 1, 4, 2, 5]
    );
    let r = a.slice(s![.., ..;-1]);
    assert_eq!(
        r.iter::<i64>().unwrap().collect::<Vec<_>>(),
        [2, 1, 0, 5, 4, 3]
    );
    // A lazy expression, and the iterator outliving the array.
    let it = {
        let e = a.astype(DType::F32) * 0.5;
        e.iter::<f32>().unwrap()
    };
    assert_eq!(it.len(), 6);
    assert_eq!(it.collect::<Vec<_>>(), [0.0, 0.5, 1.0, 1.5, 2.0, 2.5]);
    // Broadcast (zero strides), 0-d and empty arrays.
    let b = Array::arange(0, 3, 1).broadcast_to(&[2, 3]);
    assert_eq!(
        b.iter::<i64>().unwrap().collect::<Vec<_>>(),
        [0, 1, 2, 0, 1, 2]
    );
    assert_eq!(
        Array::scalar(true)
            .iter::<bool>()
            .unwrap()
            .collect::<Vec<_>>(),
        [true]
    );
    assert_eq!(Array::zeros(&[0, 3]).iter::<f64>().unwrap().count(), 0);
}

#[test]
fn iter_of_the_wrong_type_is_a_dtype_error() {
    match Array::zeros(&[2]).iter::<i64>() {
        Err(Error::DType(c)) => assert!(c.message.contains("dtype float64 as int64"), "{c}"),
        other => panic!("expected a dtype error, got {other:?}"),
    }
}

#[test]
fn as_slice_borrows_contiguous_evaluated_values() {
    let a = Array::from_vec(vec![1.5f64, 2.5, 3.5, 4.5, 5.5, 6.5], &[2, 3]);
    let s = a.as_slice::<f64>().unwrap();
    assert_eq!(s, &[1.5, 2.5, 3.5, 4.5, 5.5, 6.5]);
    // No copy: every call hands out the same buffer.
    assert_eq!(s.as_ptr(), a.as_slice::<f64>().unwrap().as_ptr());
    // Not the element type, not evaluated, not contiguous: None.
    assert!(a.as_slice::<f32>().is_none());
    let e = &a + 1.0;
    assert!(e.as_slice::<f64>().is_none());
    let done = e.eval().unwrap();
    assert_eq!(
        done.as_slice::<f64>().unwrap(),
        &[2.5, 3.5, 4.5, 5.5, 6.5, 7.5]
    );
    // After eval, the array itself remembers its value too.
    assert_eq!(e.as_slice::<f64>().unwrap()[5], 7.5);
    let t = a.t().eval().unwrap();
    assert!(t.as_slice::<f64>().is_none());
    // A contiguous part of a buffer is a sub-slice of it: a[1] (its second row).
    let row = a.slice(s![1, ..]).eval().unwrap();
    assert_eq!(row.as_slice::<f64>().unwrap(), &[4.5, 5.5, 6.5]);
    assert!(
        Array::zeros(&[0])
            .eval()
            .unwrap()
            .as_slice::<f64>()
            .unwrap()
            .is_empty()
    );
}

/// A borrowed slice does not change while evaluations run over its array, even one that has
/// the array itself as an output (its buffer must not take the other result in place).
#[test]
fn as_slice_is_stable_under_evaluations_of_its_array() {
    let a = Array::from_vec((0..1000).map(f64::from).collect(), &[1000]);
    let s = a.as_slice::<f64>().unwrap();
    let doubled = &a * 2.0;
    let outs = eval(&[&a, &doubled]).unwrap();
    let more = (&a + 1.0).eval().unwrap();
    assert_eq!(s[999], 999.0);
    assert!(s.iter().enumerate().all(|(i, &x)| x == i as f64));
    assert_eq!(outs[1].get::<f64>(&[999]).unwrap(), 1998.0);
    assert_eq!(more.get::<f64>(&[0]).unwrap(), 1.0);
}
