//! The narrow and unsigned integer dtypes through every path that is not elementwise math (the
//! golden corpus checks that against NumPy): `.npy` files, `ndarray`, the compiled kernels'
//! unsigned comparisons, extremes and casts on arrays long enough to run as vectors and in
//! several threads, and reductions in NumPy's accumulator dtypes. Expected values are NumPy
//! 2.4's, written next to each assertion.

use lazyarray::{Array, DType, Element, s};

/// A file in the system's temporary directory, removed on drop.
struct Temp(std::path::PathBuf);

impl Temp {
    fn new(name: &str) -> Temp {
        Temp(std::env::temp_dir().join(format!("lazyarray-dtypes-{}-{name}", std::process::id())))
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn round_trip<T: Element + PartialEq + std::fmt::Debug>(values: Vec<T>) {
    let a = Array::from_vec(values.clone(), &[values.len()]);
    let file = Temp::new(T::DTYPE.name());
    lazyarray::npy::save(&file.0, &a).expect("save");
    let back = lazyarray::npy::load(&file.0).expect("load");
    assert_eq!(back.dtype(), T::DTYPE);
    assert_eq!(back.to_vec::<T>().expect("eval"), values, "{}", T::DTYPE);
    let nd = a.to_ndarray::<T>().expect("to ndarray");
    let again = Array::from_ndarray(nd);
    assert_eq!(again.to_vec::<T>().expect("eval"), values);
}

#[test]
fn every_dtype_round_trips_through_npy_and_ndarray() {
    round_trip(vec![i8::MIN, -1, 0, 1, i8::MAX]);
    round_trip(vec![i16::MIN, -1, 0, 1, i16::MAX]);
    round_trip(vec![0u8, 1, 128, u8::MAX]);
    round_trip(vec![0u16, 1, 32768, u16::MAX]);
    round_trip(vec![0u32, 1, 1 << 31, u32::MAX]);
    round_trip(vec![0u64, 1, 1 << 63, u64::MAX]);
}

/// `np.save` writes `|u1` / `<u8` / `|i1` / `<i2` descrs; `np.load` reads them back.
#[test]
fn npy_descr_of_each_new_dtype() {
    for (d, descr) in [
        (DType::I8, "|i1"),
        (DType::I16, "<i2"),
        (DType::U8, "|u1"),
        (DType::U16, "<u2"),
        (DType::U32, "<u4"),
        (DType::U64, "<u8"),
    ] {
        let file = Temp::new(descr.trim_start_matches(['<', '|']));
        lazyarray::npy::save(&file.0, &Array::zeros(&[2]).astype(d)).expect("save");
        let bytes = std::fs::read(&file.0).expect("read");
        let header = String::from_utf8_lossy(&bytes[..64]);
        assert!(header.contains(&format!("'descr': '{descr}'")), "{header}");
    }
}

/// Unsigned values at and above the sign bit of their width compare, reduce and convert as
/// unsigned numbers in compiled kernels long enough to run as vectors (4099 elements: vector
/// body, unrolled copies and a scalar tail).
#[test]
fn unsigned_values_above_the_sign_bit_in_vector_kernels() {
    let n = 4099u32;
    let u: Vec<u32> = (0..n).map(|i| i.wrapping_mul(2_654_435_761)).collect();
    let a = Array::from_vec(u.clone(), &[n as usize]);
    let half = 1u32 << 31;
    // np.count_nonzero(u > 2**31)
    let above = u.iter().filter(|&&v| v > half).count() as i64;
    assert_eq!(
        a.gt(half).astype(DType::I64).sum().item::<i64>().unwrap(),
        above
    );
    assert_eq!(a.max().item::<u32>().unwrap(), *u.iter().max().unwrap());
    assert_eq!(a.min().item::<u32>().unwrap(), *u.iter().min().unwrap());
    let want_argmax = u
        .iter()
        .enumerate()
        .max_by_key(|&(i, v)| (v, std::cmp::Reverse(i)));
    assert_eq!(
        a.argmax().item::<i64>().unwrap(),
        want_argmax.unwrap().0 as i64
    );
    // np.maximum(u, u[::-1])
    let m = a.maximum(a.slice(s![..;-1])).to_vec::<u32>().unwrap();
    let want: Vec<u32> = u
        .iter()
        .zip(u.iter().rev())
        .map(|(x, y)| *x.max(y))
        .collect();
    assert_eq!(m, want);
    // u.astype(np.float32), u.astype(np.float64): exact conversions of unsigned values.
    let f = a.astype(DType::F32).to_vec::<f32>().unwrap();
    assert!(f.iter().zip(&u).all(|(x, y)| *x == *y as f32));
    let g = a.astype(DType::F64).to_vec::<f64>().unwrap();
    assert!(g.iter().zip(&u).all(|(x, y)| *x == f64::from(*y)));
    // (u // 3, u % 7) as unsigned divisions.
    let q = a.floor_divide(3u32).to_vec::<u32>().unwrap();
    assert!(q.iter().zip(&u).all(|(x, y)| *x == y / 3));
    let r = (&a % 7u32).to_vec::<u32>().unwrap();
    assert!(r.iter().zip(&u).all(|(x, y)| *x == y % 7));
}

#[test]
fn u64_extremes_and_float_conversions() {
    let v = vec![0u64, 1, 1 << 63, u64::MAX, (1 << 63) - 1];
    let a = Array::from_vec(v.clone(), &[5]);
    assert_eq!(a.max().item::<u64>().unwrap(), u64::MAX);
    assert_eq!(a.argmin().item::<i64>().unwrap(), 0);
    // np.array(v, np.uint64).astype(np.float64)
    let f = a.astype(DType::F64).to_vec::<f64>().unwrap();
    assert_eq!(
        f,
        vec![
            0.0,
            1.0,
            9.223372036854776e18,
            1.8446744073709552e19,
            9.223372036854776e18
        ]
    );
    // Saturating float -> uint64 (NumPy leaves out-of-range casts undefined).
    let back = Array::from_vec(vec![-1.0f64, 1e30, f64::NAN, 3.7], &[4]).astype(DType::U64);
    assert_eq!(back.to_vec::<u64>().unwrap(), vec![0, u64::MAX, 0, 3]);
}

/// `np.sum` of uint8 is uint64 and of int8 int64, over enough elements for several threads
/// and partial sums; `np.prod` wraps in the accumulator dtype.
#[test]
fn sums_of_small_integers_accumulate_wide() {
    let n = 1 << 20;
    let a = Array::from_vec(vec![255u8; n], &[n]);
    let sum = a.sum();
    assert_eq!(sum.dtype(), DType::U64);
    assert_eq!(sum.item::<u64>().unwrap(), 255 * n as u64);
    let b = Array::from_vec(vec![-128i8; n], &[n]);
    assert_eq!(b.sum().dtype(), DType::I64);
    assert_eq!(b.sum().item::<i64>().unwrap(), -128 * n as i64);
    // np.cumsum(np.array([200, 100, 50], np.uint8)) == [200, 300, 350] (uint64)
    let c = Array::from_vec(vec![200u8, 100, 50], &[3]).cumsum(0);
    assert_eq!(c.dtype(), DType::U64);
    assert_eq!(c.to_vec::<u64>().unwrap(), vec![200, 300, 350]);
    // The mean of uint8 is float64: np.mean([255, 255, 254]) == 254.66666666666666
    let m = Array::from_vec(vec![255u8, 255, 254], &[3]).mean();
    assert_eq!(m.dtype(), DType::F64);
    assert_eq!(m.item::<f64>().unwrap(), 254.666_666_666_666_66);
}

/// A `uint8` image scaled in float32 and stored back as `uint8`:
/// `(img.astype(np.float32) * 0.5 + 10).clip(0, 255).astype(np.uint8)`.
#[test]
fn u8_image_scale() {
    let img: Vec<u8> = (0..=255u8).cycle().take(3 * 1000).collect();
    let a = Array::from_vec(img.clone(), &[1000, 3]);
    let out = (a.astype(DType::F32) * 0.5 + 10.0)
        .clip(0.0, 255.0)
        .astype(DType::U8);
    let got = out.to_vec::<u8>().unwrap();
    let want: Vec<u8> = img
        .iter()
        .map(|&v| (f32::from(v) * 0.5 + 10.0).clamp(0.0, 255.0) as u8)
        .collect();
    assert_eq!(got, want);
}

/// Reading an array with the wrong Rust type names both dtypes.
#[test]
fn reading_with_the_wrong_element_type_is_a_dtype_error() {
    let a = Array::from_vec(vec![1u16, 2], &[2]);
    let e = a.to_vec::<i16>().unwrap_err();
    assert!(matches!(e, lazyarray::Error::DType(_)), "{e}");
}
