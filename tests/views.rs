//! Views: basic indexing with `s!`, transposes, reshapes, broadcasting, squeezes, diagonals,
//! sliding windows, `as_strided`, chains of them, and their errors. Every expected value was
//! computed with NumPy 2.4; the NumPy expression is written above each case, with
//! `swv = np.lib.stride_tricks.sliding_window_view` and, for lazyarray's element-stride
//! `as_strided` over the C-order elements of `x`,
//! `as_strided(x, shape, strides, offset) = np.lib.stride_tricks.as_strided(
//!     np.ascontiguousarray(x).ravel()[offset:], shape, [s * itemsize for s in strides])`.

// `s![8..2;-2]` is NumPy's `a[8:2:-2]`: a range written high to low is how `s!` walks backwards.
#![allow(clippy::reversed_empty_ranges)]

mod common;
use common::*;
use lazyarray::{Array, Ellipsis, Error, NewAxis, s};

#[test]
fn slice_1d_ranges_and_steps() {
    let a = Array::arange(0, 10, 1);
    // a[2:8]
    check(&a.slice(s![2..8]), &[6], &[2i64, 3, 4, 5, 6, 7]);
    // a[2:8:2]
    check(&a.slice(s![2..8;2]), &[3], &[2i64, 4, 6]);
    // a[:4]
    check(&a.slice(s![..4]), &[4], &[0i64, 1, 2, 3]);
    // a[7:]
    check(&a.slice(s![7..]), &[3], &[7i64, 8, 9]);
    // a[:]
    check(&a.slice(s![..]), &[10], &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // a[::3]
    check(&a.slice(s![..;3]), &[4], &[0i64, 3, 6, 9]);
    // a[1::4]
    check(&a.slice(s![1..;4]), &[3], &[1i64, 5, 9]);
    // a[:7:5]
    check(&a.slice(s![..7;5]), &[2], &[0i64, 5]);
    // a[-3:]
    check(&a.slice(s![-3..]), &[3], &[7i64, 8, 9]);
    // a[:-3]
    check(&a.slice(s![..-3]), &[7], &[0i64, 1, 2, 3, 4, 5, 6]);
    // a[-7:-2:2]
    check(&a.slice(s![-7..-2;2]), &[3], &[3i64, 5, 7]);
    // a[2:6]
    check(&a.slice(s![2..=5]), &[4], &[2i64, 3, 4, 5]);
    // a[:3]
    check(&a.slice(s![..=2]), &[3], &[0i64, 1, 2]);
    // a[:]
    check(
        &a.slice(s![..=-1]),
        &[10],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    // a[1:-1]
    check(&a.slice(s![1..=-2]), &[8], &[1i64, 2, 3, 4, 5, 6, 7, 8]);
    // a[0:9:3]
    check(&a.slice(s![0..=8;3]), &[3], &[0i64, 3, 6]);
    // a[5:2]
    check(&a.slice(s![5..2]), &[0], &[] as &[i64]);
    // a[4:4]
    check(&a.slice(s![4..4]), &[0], &[] as &[i64]);
    // a[2:3:100]
    check(&a.slice(s![2..3;100]), &[1], &[2i64]);
}

#[test]
fn slice_1d_negative_steps() {
    let a = Array::arange(0, 10, 1);
    // a[::-1]
    check(
        &a.slice(s![..;-1]),
        &[10],
        &[9i64, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    );
    // a[8:2:-2]
    check(&a.slice(s![8..2;-2]), &[3], &[8i64, 6, 4]);
    // a[::-3]
    check(&a.slice(s![..;-3]), &[4], &[9i64, 6, 3, 0]);
    // a[5::-1]
    check(&a.slice(s![5..;-1]), &[6], &[5i64, 4, 3, 2, 1, 0]);
    // a[:5:-1]
    check(&a.slice(s![..5;-1]), &[4], &[9i64, 8, 7, 6]);
    // a[-2:-8:-3]
    check(&a.slice(s![-2..-8;-3]), &[2], &[8i64, 5]);
    // a[2:8:-1]
    check(&a.slice(s![2..8;-1]), &[0], &[] as &[i64]);
    // a[0:0:-1]
    check(&a.slice(s![0..0;-1]), &[0], &[] as &[i64]);
    // a[0::-1]
    check(&a.slice(s![0..;-1]), &[1], &[0i64]);
    // a[9:-11:-4]
    check(&a.slice(s![9..-11;-4]), &[3], &[9i64, 5, 1]);
}

#[test]
fn slice_1d_inclusive_ranges_with_negative_steps() {
    let a = Array::arange(0, 10, 1);
    // a[5:0:-1]
    check(&a.slice(s![5..=1;-1]), &[5], &[5i64, 4, 3, 2, 1]);
    // a[3::-1]
    check(&a.slice(s![3..=0;-1]), &[4], &[3i64, 2, 1, 0]);
    // a[8:1:-3]
    check(&a.slice(s![8..=2;-3]), &[3], &[8i64, 5, 2]);
    // a[-1:-4:-1]
    check(&a.slice(s![-1..=-3;-1]), &[3], &[9i64, 8, 7]);
    // a[9::-2]
    check(&a.slice(s![9..=-10;-2]), &[5], &[9i64, 7, 5, 3, 1]);
    // a[:6:-1]
    check(&a.slice(s![..=7;-1]), &[3], &[9i64, 8, 7]);
    // a[:-2:-1]
    check(&a.slice(s![..=-1;-1]), &[1], &[9i64]);
    // a[2:3:-1]
    check(&a.slice(s![2..=3;-1]), &[0], &[] as &[i64]);
}

#[test]
fn s_macro_takes_every_integer_type() {
    let a = Array::arange(0, 10, 1);
    // a[2:5]
    check(&a.slice(s![2u32..5u32]), &[3], &[2i64, 3, 4]);
    // a[1:4:2]
    check(&a.slice(s![1usize..=3usize;2]), &[2], &[1i64, 3]);
    // a[-1]
    check(&a.slice(s![-1i64]), &[], &[9i64]);
    // a[:4]
    check(&a.slice(s![..4isize]), &[4], &[0i64, 1, 2, 3]);
    // a[-3:]
    check(&a.slice(s![-3i32..]), &[3], &[7i64, 8, 9]);
    // a[7]
    check(&a.slice(s![7u32]), &[], &[7i64]);
    // a[1:8:3], the bounds in variables
    let (lo, hi, step) = (1usize, 7usize, 3);
    check(&a.slice(s![lo..=hi;step]), &[3], &[1i64, 4, 7]);
    // a[9:2:-3]
    let (hi, lo) = (9i64, 3i64);
    check(&a.slice(s![hi..=lo;-3]), &[3], &[9i64, 6, 3]);
}

#[test]
fn slice_clips_out_of_range_bounds() {
    let a = Array::arange(0, 10, 1);
    // a[-100:100]
    check(
        &a.slice(s![-100..100]),
        &[10],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    // a[100:]
    check(&a.slice(s![100..]), &[0], &[] as &[i64]);
    // a[:-100]
    check(&a.slice(s![..-100]), &[0], &[] as &[i64]);
    // a[-100:3]
    check(&a.slice(s![-100..3]), &[3], &[0i64, 1, 2]);
    // a[9:100:4]
    check(&a.slice(s![9..100;4]), &[1], &[9i64]);
    // a[3:-100:-1]
    check(&a.slice(s![3..-100;-1]), &[4], &[3i64, 2, 1, 0]);
    // a[100:-100:-3]
    check(&a.slice(s![100..-100;-3]), &[4], &[9i64, 6, 3, 0]);
    // a[100:5:-1]
    check(&a.slice(s![100..5;-1]), &[4], &[9i64, 8, 7, 6]);
    // a[-100::-1]
    check(&a.slice(s![-100..;-1]), &[0], &[] as &[i64]);
    // a[:100:-1]
    check(&a.slice(s![..100;-1]), &[0], &[] as &[i64]);
    // a[2**62:]
    check(&a.slice(s![(1i64 << 62)..]), &[0], &[] as &[i64]);
    // a[-2**62:2**62:2**61]
    check(
        &a.slice(s![-(1i64 << 62)..(1i64 << 62);1 << 61]),
        &[1],
        &[0i64],
    );
    // a[::-(2**62)]
    check(&a.slice(s![..;-(1 << 62)]), &[1], &[9i64]);
}

#[test]
fn slice_1d_indices_newaxis_ellipsis() {
    let a = Array::arange(0, 10, 1);
    // a[3]
    check(&a.slice(s![3]), &[], &[3i64]);
    // a[-1]
    check(&a.slice(s![-1]), &[], &[9i64]);
    // a[-10]
    check(&a.slice(s![-10]), &[], &[0i64]);
    // a[9]
    check(&a.slice(s![9usize]), &[], &[9i64]);
    // a[None]
    check(
        &a.slice(s![NewAxis]),
        &[1, 10],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    // a[:, None]
    check(
        &a.slice(s![.., NewAxis]),
        &[10, 1],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    // a[..., None]
    check(
        &a.slice(s![Ellipsis, NewAxis]),
        &[10, 1],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    // a[None, ...]
    check(
        &a.slice(s![NewAxis, Ellipsis]),
        &[1, 10],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    // a[...]
    check(
        &a.slice(s![Ellipsis]),
        &[10],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    // a[None, 2, None]
    check(&a.slice(s![NewAxis, 2, NewAxis]), &[1, 1], &[2i64]);
    // a[..., 4]
    check(&a.slice(s![Ellipsis, 4]), &[], &[4i64]);
    // a[()]
    check(&a.slice(s![]), &[10], &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
}

#[test]
fn slice_2d() {
    let a = Array::arange(0, 12, 1).reshape(&[3, 4]);
    // a[1:, ::2]
    check(&a.slice(s![1.., ..;2]), &[2, 2], &[4i64, 6, 8, 10]);
    // a[::-1, ::-1]
    check(
        &a.slice(s![..;-1, ..;-1]),
        &[3, 4],
        &[11i64, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    );
    // a[1]
    check(&a.slice(s![1]), &[4], &[4i64, 5, 6, 7]);
    // a[-1]
    check(&a.slice(s![-1]), &[4], &[8i64, 9, 10, 11]);
    // a[:, 2]
    check(&a.slice(s![.., 2]), &[3], &[2i64, 6, 10]);
    // a[:, -1]
    check(&a.slice(s![.., -1]), &[3], &[3i64, 7, 11]);
    // a[1, 2]
    check(&a.slice(s![1, 2]), &[], &[6i64]);
    // a[-3, -4]
    check(&a.slice(s![-3, -4]), &[], &[0i64]);
    // a[None, :, None]
    check(
        &a.slice(s![NewAxis, .., NewAxis]),
        &[1, 3, 1, 4],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    // a[..., 1]
    check(&a.slice(s![Ellipsis, 1]), &[3], &[1i64, 5, 9]);
    // a[1, ...]
    check(&a.slice(s![1, Ellipsis]), &[4], &[4i64, 5, 6, 7]);
    // a[..., None]
    check(
        &a.slice(s![Ellipsis, NewAxis]),
        &[3, 4, 1],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    // a[:, None, 1:3]
    check(
        &a.slice(s![.., NewAxis, 1..3]),
        &[3, 1, 2],
        &[1i64, 2, 5, 6, 9, 10],
    );
    // a[::2, ::-3]
    check(&a.slice(s![..;2, ..;-3]), &[2, 2], &[3i64, 0, 11, 8]);
    // a[5:, :]
    check(&a.slice(s![5.., ..]), &[0, 4], &[] as &[i64]);
    // a[:, 4:]
    check(&a.slice(s![.., 4..]), &[3, 0], &[] as &[i64]);
    // a[2:0:-1, 3::-2]
    check(&a.slice(s![2..0;-1, 3..;-2]), &[2, 2], &[11i64, 9, 7, 5]);
    // a[-1:, -1:]
    check(&a.slice(s![-1.., -1..]), &[1, 1], &[11i64]);
}

#[test]
fn slice_3d() {
    let a = Array::arange(0, 24, 1).reshape(&[2, 3, 4]);
    // a[1, ::-1, 1:3]
    check(
        &a.slice(s![1, ..;-1, 1..3]),
        &[3, 2],
        &[21i64, 22, 17, 18, 13, 14],
    );
    // a[..., ::2]
    check(
        &a.slice(s![Ellipsis, ..;2]),
        &[2, 3, 2],
        &[0i64, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22],
    );
    // a[:, 1]
    check(
        &a.slice(s![.., 1]),
        &[2, 4],
        &[4i64, 5, 6, 7, 16, 17, 18, 19],
    );
    // a[-1, -1, -1]
    check(&a.slice(s![-1, -1, -1]), &[], &[23i64]);
    // a[0, ..., None, 2]
    check(
        &a.slice(s![0, Ellipsis, NewAxis, 2]),
        &[3, 1],
        &[2i64, 6, 10],
    );
    // a[None, ..., None]
    check(
        &a.slice(s![NewAxis, Ellipsis, NewAxis]),
        &[1, 2, 3, 4, 1],
        &[
            0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
        ],
    );
    // a[:, ::-2, ::3]
    check(
        &a.slice(s![.., ..;-2, ..;3]),
        &[2, 2, 2],
        &[8i64, 11, 0, 3, 20, 23, 12, 15],
    );
    // a[..., 1, :]
    check(
        &a.slice(s![Ellipsis, 1, ..]),
        &[2, 4],
        &[4i64, 5, 6, 7, 16, 17, 18, 19],
    );
    // a[1, ..., 0]
    check(&a.slice(s![1, Ellipsis, 0]), &[3], &[12i64, 16, 20]);
    // a[:, :, :, ...]
    check(
        &a.slice(s![.., .., .., Ellipsis]),
        &[2, 3, 4],
        &[
            0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
        ],
    );
    // a[:, 1:1]
    check(&a.slice(s![.., 1..1]), &[2, 0, 4], &[] as &[i64]);
}

#[test]
fn slice_4d() {
    let a = Array::arange(0, 120, 1).reshape(&[2, 3, 4, 5]);
    // a[1, :, ::-2, 1:4:2]
    check(
        &a.slice(s![1, .., ..;-2, 1..4;2]),
        &[3, 2, 2],
        &[76i64, 78, 66, 68, 96, 98, 86, 88, 116, 118, 106, 108],
    );
    // a[..., -1]
    check(
        &a.slice(s![Ellipsis, -1]),
        &[2, 3, 4],
        &[
            4i64, 9, 14, 19, 24, 29, 34, 39, 44, 49, 54, 59, 64, 69, 74, 79, 84, 89, 94, 99, 104,
            109, 114, 119,
        ],
    );
    // a[:, None, 1, ..., 0]
    check(
        &a.slice(s![.., NewAxis, 1, Ellipsis, 0]),
        &[2, 1, 4],
        &[20i64, 25, 30, 35, 80, 85, 90, 95],
    );
    // a[::-1, 1:2, ::3, -2:]
    check(
        &a.slice(s![..;-1, 1..2, ..;3, -2..]),
        &[2, 1, 2, 2],
        &[83i64, 84, 98, 99, 23, 24, 38, 39],
    );
    // a[1, 2, 3, 4]
    check(&a.slice(s![1, 2, 3, 4]), &[], &[119i64]);
    // a[..., None, 2, :, ::-4]
    check(
        &a.slice(s![Ellipsis, NewAxis, 2, .., ..;-4]),
        &[2, 1, 4, 2],
        &[
            44i64, 40, 49, 45, 54, 50, 59, 55, 104, 100, 109, 105, 114, 110, 119, 115,
        ],
    );
}

#[test]
fn slice_size_zero_and_size_one_dims() {
    let z = Array::arange(0, 0, 1).reshape(&[2, 0, 3]);
    let o = Array::arange(0, 6, 1).reshape(&[1, 6, 1]);
    let e = Array::arange(0, 0, 1);
    // z[:, ::-1]
    check(&z.slice(s![.., ..;-1]), &[2, 0, 3], &[] as &[i64]);
    // z[1]
    check(&z.slice(s![1]), &[0, 3], &[] as &[i64]);
    // z[..., 1]
    check(&z.slice(s![Ellipsis, 1]), &[2, 0], &[] as &[i64]);
    // z[:, :, ::2]
    check(&z.slice(s![.., .., ..;2]), &[2, 0, 2], &[] as &[i64]);
    // z[-1, 5:, None]
    check(&z.slice(s![-1, 5.., NewAxis]), &[0, 1, 3], &[] as &[i64]);
    // e[::-1]
    check(&e.slice(s![..;-1]), &[0], &[] as &[i64]);
    // e[3:-3:-2]
    check(&e.slice(s![3..-3;-2]), &[0], &[] as &[i64]);
    // e[None]
    check(&e.slice(s![NewAxis]), &[1, 0], &[] as &[i64]);
    // o[0]
    check(&o.slice(s![0]), &[6, 1], &[0i64, 1, 2, 3, 4, 5]);
    // o[..., 0]
    check(&o.slice(s![Ellipsis, 0]), &[1, 6], &[0i64, 1, 2, 3, 4, 5]);
    // o[:, ::-1, :]
    check(
        &o.slice(s![.., ..;-1, ..]),
        &[1, 6, 1],
        &[5i64, 4, 3, 2, 1, 0],
    );
    // o[0, 2, 0]
    check(&o.slice(s![0, 2, 0]), &[], &[2i64]);
    // o[-1, -6, -1]
    check(&o.slice(s![-1, -6, -1]), &[], &[0i64]);
    // o[::-1, 1::2, ::-1]
    check(&o.slice(s![..;-1, 1..;2, ..;-1]), &[1, 3, 1], &[1i64, 3, 5]);
    // o[1:]
    check(&o.slice(s![1..]), &[0, 6, 1], &[] as &[i64]);
}

#[test]
fn slice_zero_d() {
    let x = Array::scalar(5i64);
    // x[()]
    check(&x.slice(s![]), &[], &[5i64]);
    // x[None]
    check(&x.slice(s![NewAxis]), &[1], &[5i64]);
    // x[...]
    check(&x.slice(s![Ellipsis]), &[], &[5i64]);
    // x[None, ..., None]
    check(&x.slice(s![NewAxis, Ellipsis, NewAxis]), &[1, 1], &[5i64]);
    // x[None][0]
    check(&x.slice(s![NewAxis]).slice(s![0]), &[], &[5i64]);
    // x[None][::-1]
    check(&x.slice(s![NewAxis]).slice(s![..;-1]), &[1], &[5i64]);
}

#[test]
fn transpose_permute_swapaxes() {
    let a = Array::arange(0, 24, 1).reshape(&[2, 3, 4]);
    let m = Array::arange(0, 6, 1).reshape(&[2, 3]);
    let v = Array::arange(0, 4, 1);
    let x = Array::scalar(3i64);
    // m.T
    check(&m.t(), &[3, 2], &[0i64, 3, 1, 4, 2, 5]);
    // m.T.T
    check(&m.t().t(), &[2, 3], &[0i64, 1, 2, 3, 4, 5]);
    // a.T
    check(
        &a.t(),
        &[4, 3, 2],
        &[
            0i64, 12, 4, 16, 8, 20, 1, 13, 5, 17, 9, 21, 2, 14, 6, 18, 10, 22, 3, 15, 7, 19, 11, 23,
        ],
    );
    // v.T
    check(&v.t(), &[4], &[0i64, 1, 2, 3]);
    // x.T
    check(&x.t(), &[], &[3i64]);
    // np.transpose(a, (1, 0, 2))
    check(
        &a.permute(&[1, 0, 2]),
        &[3, 2, 4],
        &[
            0i64, 1, 2, 3, 12, 13, 14, 15, 4, 5, 6, 7, 16, 17, 18, 19, 8, 9, 10, 11, 20, 21, 22, 23,
        ],
    );
    // np.transpose(a, (2, 0, 1))
    check(
        &a.permute(&[2, 0, 1]),
        &[4, 2, 3],
        &[
            0i64, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23,
        ],
    );
    // np.transpose(a, (-1, 0, -2))
    check(
        &a.permute(&[-1, 0, -2]),
        &[4, 2, 3],
        &[
            0i64, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23,
        ],
    );
    // np.transpose(a, (0, 1, 2))
    check(
        &a.permute(&[0, 1, 2]),
        &[2, 3, 4],
        &[
            0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
        ],
    );
    // np.transpose(x, ())
    check(&x.permute(&[]), &[], &[3i64]);
    // np.swapaxes(a, 0, 2)
    check(
        &a.swapaxes(0, 2),
        &[4, 3, 2],
        &[
            0i64, 12, 4, 16, 8, 20, 1, 13, 5, 17, 9, 21, 2, 14, 6, 18, 10, 22, 3, 15, 7, 19, 11, 23,
        ],
    );
    // np.swapaxes(a, -1, 1)
    check(
        &a.swapaxes(-1, 1),
        &[2, 4, 3],
        &[
            0i64, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11, 12, 16, 20, 13, 17, 21, 14, 18, 22, 15, 19, 23,
        ],
    );
    // np.swapaxes(a, 1, 1)
    check(
        &a.swapaxes(1, 1),
        &[2, 3, 4],
        &[
            0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
        ],
    );
    // np.swapaxes(m, 0, 1)
    check(&m.swapaxes(0, 1), &[3, 2], &[0i64, 3, 1, 4, 2, 5]);
}

#[test]
fn transpose_4d_and_size_zero() {
    let a = Array::arange(0, 120, 1).reshape(&[2, 3, 4, 5]);
    let z = Array::zeros(&[0, 2, 3]);
    // np.transpose(a, (3, 1, 0, 2))[1]
    check(
        &a.permute(&[3, 1, 0, 2]).slice(s![1]),
        &[3, 2, 4],
        &[
            1i64, 6, 11, 16, 61, 66, 71, 76, 21, 26, 31, 36, 81, 86, 91, 96, 41, 46, 51, 56, 101,
            106, 111, 116,
        ],
    );
    // a.T[-1, ::2]
    check(
        &a.t().slice(s![-1, ..;2]),
        &[2, 3, 2],
        &[4i64, 64, 24, 84, 44, 104, 14, 74, 34, 94, 54, 114],
    );
    // np.transpose(z, (2, 0, 1))
    check(&z.permute(&[2, 0, 1]), &[3, 0, 2], &[] as &[f64]);
}

#[test]
fn reshape_contiguous() {
    let a = Array::arange(0, 12, 1).reshape(&[3, 4]);
    // a.reshape(2, -1)
    check(
        &a.reshape(&[2, -1]),
        &[2, 6],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    // a.reshape(-1)
    check(
        &a.reshape(&[-1]),
        &[12],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    // a.reshape(2, 2, 3)
    check(
        &a.reshape(&[2, 2, 3]),
        &[2, 2, 3],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    // a.reshape(12, 1)
    check(
        &a.reshape(&[12, 1]),
        &[12, 1],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    // a.reshape(1, -1, 1, 4)
    check(
        &a.reshape(&[1, -1, 1, 4]),
        &[1, 3, 1, 4],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    // a.reshape(-1, 2, 2)
    check(
        &a.reshape(&[-1, 2, 2]),
        &[3, 2, 2],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    // a.reshape(3, 4)
    check(
        &a.reshape(&[3, 4]),
        &[3, 4],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    // a.reshape(2, 3, 2).reshape(6, -1).reshape(4, 3)
    check(
        &a.reshape(&[2, 3, 2]).reshape(&[6, -1]).reshape(&[4, 3]),
        &[4, 3],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
}

#[test]
fn reshape_of_transposed_and_sliced_inputs() {
    let a = Array::arange(0, 12, 1).reshape(&[3, 4]);
    let b = Array::arange(0, 24, 1).reshape(&[2, 3, 4]);
    // a.T.reshape(-1)
    check(
        &a.t().reshape(&[-1]),
        &[12],
        &[0i64, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11],
    );
    // a.T.reshape(2, 6)
    check(
        &a.t().reshape(&[2, 6]),
        &[2, 6],
        &[0i64, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11],
    );
    // a.T.reshape(4, 3, 1)
    check(
        &a.t().reshape(&[4, 3, 1]),
        &[4, 3, 1],
        &[0i64, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11],
    );
    // a[:, ::2].reshape(-1)
    check(
        &a.slice(s![.., ..;2]).reshape(&[-1]),
        &[6],
        &[0i64, 2, 4, 6, 8, 10],
    );
    // a[::-1].reshape(4, 3)
    check(
        &a.slice(s![..;-1]).reshape(&[4, 3]),
        &[4, 3],
        &[8i64, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3],
    );
    // a[:, 1:3].reshape(-1)
    check(
        &a.slice(s![.., 1..3]).reshape(&[-1]),
        &[6],
        &[1i64, 2, 5, 6, 9, 10],
    );
    // a[:, 1:3].T.reshape(2, 3, 1)
    check(
        &a.slice(s![.., 1..3]).t().reshape(&[2, 3, 1]),
        &[2, 3, 1],
        &[1i64, 5, 9, 2, 6, 10],
    );
    // a[::2].reshape(2, 2, 2)
    check(
        &a.slice(s![..;2]).reshape(&[2, 2, 2]),
        &[2, 2, 2],
        &[0i64, 1, 2, 3, 8, 9, 10, 11],
    );
    // b.transpose(1, 0, 2).reshape(3, 8)
    check(
        &b.permute(&[1, 0, 2]).reshape(&[3, 8]),
        &[3, 8],
        &[
            0i64, 1, 2, 3, 12, 13, 14, 15, 4, 5, 6, 7, 16, 17, 18, 19, 8, 9, 10, 11, 20, 21, 22, 23,
        ],
    );
    // b.transpose(2, 0, 1).reshape(-1, 3)[::2]
    check(
        &b.permute(&[2, 0, 1]).reshape(&[-1, 3]).slice(s![..;2]),
        &[4, 3],
        &[0i64, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11],
    );
    // b[:, ::-1, 1].reshape(-1)
    check(
        &b.slice(s![.., ..;-1, 1]).reshape(&[-1]),
        &[6],
        &[9i64, 5, 1, 21, 17, 13],
    );
    // np.broadcast_to(np.arange(3), (2, 3)).reshape(-1)
    check(
        &Array::arange(0, 3, 1).broadcast_to(&[2, 3]).reshape(&[-1]),
        &[6],
        &[0i64, 1, 2, 0, 1, 2],
    );
    // np.broadcast_to(np.arange(3).reshape(3, 1), (3, 2)).reshape(2, 3)
    check(
        &Array::arange(0, 3, 1)
            .reshape(&[3, 1])
            .broadcast_to(&[3, 2])
            .reshape(&[2, 3]),
        &[2, 3],
        &[0i64, 0, 1, 1, 2, 2],
    );
}

#[test]
fn reshape_size_zero_size_one_and_zero_d() {
    let z = Array::zeros(&[0, 3]);
    let x = Array::scalar(5i32);
    let one = Array::from_vec(vec![7i32], &[1, 1, 1]);
    // z.reshape(3, 0)
    check(&z.reshape(&[3, 0]), &[3, 0], &[] as &[f64]);
    // z.reshape(-1)
    check(&z.reshape(&[-1]), &[0], &[] as &[f64]);
    // z.reshape(0, 5)
    check(&z.reshape(&[0, 5]), &[0, 5], &[] as &[f64]);
    // z.reshape(-1, 7)
    check(&z.reshape(&[-1, 7]), &[0, 7], &[] as &[f64]);
    // z.T.reshape(2, 0, 5)
    check(&z.t().reshape(&[2, 0, 5]), &[2, 0, 5], &[] as &[f64]);
    // x.reshape(1, 1)
    check(&x.reshape(&[1, 1]), &[1, 1], &[5i32]);
    // x.reshape(-1)
    check(&x.reshape(&[-1]), &[1], &[5i32]);
    // x.reshape(())
    check(&x.reshape(&[]), &[], &[5i32]);
    // one.reshape(())
    check(&one.reshape(&[]), &[], &[7i32]);
    // one.reshape(-1, 1)
    check(&one.reshape(&[-1, 1]), &[1, 1], &[7i32]);
}

#[test]
fn ravel_and_flatten() {
    let a = Array::arange(0, 12, 1).reshape(&[3, 4]);
    let b = Array::arange(0, 24, 1).reshape(&[2, 3, 4]);
    let x = Array::scalar(2.5f64);
    // a.ravel()
    check(
        &a.ravel(),
        &[12],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    // a.T.ravel()
    check(
        &a.t().ravel(),
        &[12],
        &[0i64, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11],
    );
    // b[:, ::-1].ravel()
    check(
        &b.slice(s![.., ..;-1]).ravel(),
        &[24],
        &[
            8i64, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3, 20, 21, 22, 23, 16, 17, 18, 19, 12, 13, 14, 15,
        ],
    );
    // x.ravel()
    check(&x.ravel(), &[1], &[2.5f64]);
    // a.flatten()
    check(
        &a.flatten(),
        &[12],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    // a.T.flatten()
    check(
        &a.t().flatten(),
        &[12],
        &[0i64, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11],
    );
    // b[1, :, ::3].flatten()
    check(
        &b.slice(s![1, .., ..;3]).flatten(),
        &[6],
        &[12i64, 15, 16, 19, 20, 23],
    );
    // x.flatten()
    check(&x.flatten(), &[1], &[2.5f64]);
    // np.zeros((2, 0)).flatten()
    check(&Array::zeros(&[2, 0]).flatten(), &[0], &[] as &[f64]);
}

#[test]
fn broadcast_to_shapes() {
    let v = Array::arange(0, 3, 1);
    let c = Array::arange(0, 3, 1).reshape(&[3, 1]);
    let m = Array::arange(0, 6, 1).reshape(&[2, 3]);
    // np.broadcast_to(v, (2, 3))
    check(&v.broadcast_to(&[2, 3]), &[2, 3], &[0i64, 1, 2, 0, 1, 2]);
    // np.broadcast_to(v, (3,))
    check(&v.broadcast_to(&[3]), &[3], &[0i64, 1, 2]);
    // np.broadcast_to(c, (2, 3, 4))
    check(
        &c.broadcast_to(&[2, 3, 4]),
        &[2, 3, 4],
        &[
            0i64, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
        ],
    );
    // np.broadcast_to(np.array(7), (2, 2))
    check(
        &Array::scalar(7i64).broadcast_to(&[2, 2]),
        &[2, 2],
        &[7i64, 7, 7, 7],
    );
    // np.broadcast_to(np.array(7), ())
    check(&Array::scalar(7i64).broadcast_to(&[]), &[], &[7i64]);
    // np.broadcast_to(c, (3, 0))
    check(&c.broadcast_to(&[3, 0]), &[3, 0], &[] as &[i64]);
    // np.broadcast_to(v, (0, 3))
    check(&v.broadcast_to(&[0, 3]), &[0, 3], &[] as &[i64]);
    // np.broadcast_to(m.T, (2, 3, 2))
    check(
        &m.t().broadcast_to(&[2, 3, 2]),
        &[2, 3, 2],
        &[0i64, 3, 1, 4, 2, 5, 0, 3, 1, 4, 2, 5],
    );
    // np.broadcast_to(m[:, ::-1], (1, 2, 3))
    check(
        &m.slice(s![.., ..;-1]).broadcast_to(&[1, 2, 3]),
        &[1, 2, 3],
        &[2i64, 1, 0, 5, 4, 3],
    );
    // np.broadcast_to(np.broadcast_to(c, (3, 2)), (2, 3, 2))
    check(
        &c.broadcast_to(&[3, 2]).broadcast_to(&[2, 3, 2]),
        &[2, 3, 2],
        &[0i64, 0, 1, 1, 2, 2, 0, 0, 1, 1, 2, 2],
    );
    // np.broadcast_to(m[:, 1:2], (2, 1, 2, 4))
    check(
        &m.slice(s![.., 1..2]).broadcast_to(&[2, 1, 2, 4]),
        &[2, 1, 2, 4],
        &[1i64, 1, 1, 1, 4, 4, 4, 4, 1, 1, 1, 1, 4, 4, 4, 4],
    );
}

#[test]
fn expand_dims_and_squeeze() {
    let v = Array::arange(0, 3, 1);
    let a = Array::arange(0, 12, 1).reshape(&[3, 4]);
    let s = Array::arange(0, 6, 1).reshape(&[1, 2, 1, 3, 1]);
    let x = Array::scalar(4i64);
    // np.expand_dims(v, 0)
    check(&v.expand_dims(0), &[1, 3], &[0i64, 1, 2]);
    // np.expand_dims(v, 1)
    check(&v.expand_dims(1), &[3, 1], &[0i64, 1, 2]);
    // np.expand_dims(v, -1)
    check(&v.expand_dims(-1), &[3, 1], &[0i64, 1, 2]);
    // np.expand_dims(v, -2)
    check(&v.expand_dims(-2), &[1, 3], &[0i64, 1, 2]);
    // np.expand_dims(x, 0)
    check(&x.expand_dims(0), &[1], &[4i64]);
    // np.expand_dims(a, -2)
    check(
        &a.expand_dims(-2),
        &[3, 1, 4],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    // np.expand_dims(a.T, 1)
    check(
        &a.t().expand_dims(1),
        &[4, 1, 3],
        &[0i64, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11],
    );
    // np.expand_dims(a[::-1, ::2], 2)
    check(
        &a.slice(s![..;-1, ..;2]).expand_dims(2),
        &[3, 2, 1],
        &[8i64, 10, 4, 6, 0, 2],
    );
    // np.squeeze(s)
    check(&s.squeeze(), &[2, 3], &[0i64, 1, 2, 3, 4, 5]);
    // np.squeeze(s, axis=(0, -1))
    check(
        &s.squeeze_axes(&[0, -1]),
        &[2, 1, 3],
        &[0i64, 1, 2, 3, 4, 5],
    );
    // np.squeeze(s, axis=2)
    check(&s.squeeze_axes(&[2]), &[1, 2, 3, 1], &[0i64, 1, 2, 3, 4, 5]);
    // np.squeeze(s, axis=())
    check(
        &s.squeeze_axes(&[]),
        &[1, 2, 1, 3, 1],
        &[0i64, 1, 2, 3, 4, 5],
    );
    // np.squeeze(a)
    check(
        &a.squeeze(),
        &[3, 4],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    // np.squeeze(x)
    check(&x.squeeze(), &[], &[4i64]);
    // np.squeeze(np.arange(1).reshape(1, 1))
    check(
        &Array::arange(0, 1, 1).reshape(&[1, 1]).squeeze(),
        &[],
        &[0i64],
    );
    // np.squeeze(np.transpose(s, (3, 2, 1, 0, 4)))
    check(
        &s.permute(&[3, 2, 1, 0, 4]).squeeze(),
        &[3, 2],
        &[0i64, 3, 1, 4, 2, 5],
    );
    // np.squeeze(np.zeros((1, 0, 1)))
    check(&Array::zeros(&[1, 0, 1]).squeeze(), &[0], &[] as &[f64]);
    // np.squeeze(np.expand_dims(a, 1), 1)
    check(
        &a.expand_dims(1).squeeze_axes(&[1]),
        &[3, 4],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
}

#[test]
fn diagonals() {
    let a = Array::arange(0, 12, 1).reshape(&[3, 4]);
    let b = Array::arange(0, 24, 1).reshape(&[2, 3, 4]);
    let c = Array::arange(0, 120, 1).reshape(&[2, 3, 4, 5]);
    // a.diagonal()
    check(&a.diagonal(), &[3], &[0i64, 5, 10]);
    // a.diagonal(1)
    check(&a.diagonal_with(1, 0, 1), &[3], &[1i64, 6, 11]);
    // a.diagonal(3)
    check(&a.diagonal_with(3, 0, 1), &[1], &[3i64]);
    // a.diagonal(-1)
    check(&a.diagonal_with(-1, 0, 1), &[2], &[4i64, 9]);
    // a.diagonal(-2)
    check(&a.diagonal_with(-2, 0, 1), &[1], &[8i64]);
    // a.diagonal(5)
    check(&a.diagonal_with(5, 0, 1), &[0], &[] as &[i64]);
    // a.diagonal(-3)
    check(&a.diagonal_with(-3, 0, 1), &[0], &[] as &[i64]);
    // a.diagonal(0, 1, 0)
    check(&a.diagonal_with(0, 1, 0), &[3], &[0i64, 5, 10]);
    // a.diagonal(1, 1, 0)
    check(&a.diagonal_with(1, 1, 0), &[2], &[4i64, 9]);
    // a.diagonal(-1, -1, -2)
    check(&a.diagonal_with(-1, -1, -2), &[3], &[1i64, 6, 11]);
    // a.T.diagonal(1)
    check(&a.t().diagonal_with(1, 0, 1), &[2], &[4i64, 9]);
    // a[::-1].diagonal()
    check(&a.slice(s![..;-1]).diagonal(), &[3], &[8i64, 5, 2]);
    // a[:, ::-2].diagonal(-1)
    check(
        &a.slice(s![.., ..;-2]).diagonal_with(-1, 0, 1),
        &[2],
        &[7i64, 9],
    );
    // b.diagonal()
    check(&b.diagonal(), &[4, 2], &[0i64, 16, 1, 17, 2, 18, 3, 19]);
    // b.diagonal(0, 1, 2)
    check(
        &b.diagonal_with(0, 1, 2),
        &[2, 3],
        &[0i64, 5, 10, 12, 17, 22],
    );
    // b.diagonal(1, 2, 0)
    check(&b.diagonal_with(1, 2, 0), &[3, 1], &[12i64, 16, 20]);
    // b.diagonal(-1, -1, 0)
    check(
        &b.diagonal_with(-1, -1, 0),
        &[3, 2],
        &[1i64, 14, 5, 18, 9, 22],
    );
    // c.diagonal(0, 1, 3)
    check(
        &c.diagonal_with(0, 1, 3),
        &[2, 4, 3],
        &[
            0i64, 21, 42, 5, 26, 47, 10, 31, 52, 15, 36, 57, 60, 81, 102, 65, 86, 107, 70, 91, 112,
            75, 96, 117,
        ],
    );
    // c.diagonal(2, 3, 2)
    check(
        &c.diagonal_with(2, 3, 2),
        &[2, 3, 2],
        &[10i64, 16, 30, 36, 50, 56, 70, 76, 90, 96, 110, 116],
    );
    // np.zeros((0, 3)).diagonal()
    check(&Array::zeros(&[0, 3]).diagonal(), &[0], &[] as &[f64]);
    // np.broadcast_to(np.arange(3), (3, 3)).diagonal()
    check(
        &Array::arange(0, 3, 1).broadcast_to(&[3, 3]).diagonal(),
        &[3],
        &[0i64, 1, 2],
    );
}

#[test]
fn sliding_windows() {
    let v = Array::arange(0, 6, 1);
    let a = Array::arange(0, 12, 1).reshape(&[3, 4]);
    let b = Array::arange(0, 24, 1).reshape(&[2, 3, 4]);
    // swv(v, 3)
    check(
        &v.windows(3, 0),
        &[4, 3],
        &[0i64, 1, 2, 1, 2, 3, 2, 3, 4, 3, 4, 5],
    );
    // swv(v, 6)
    check(&v.windows(6, 0), &[1, 6], &[0i64, 1, 2, 3, 4, 5]);
    // swv(v, 1)
    check(&v.windows(1, -1), &[6, 1], &[0i64, 1, 2, 3, 4, 5]);
    // swv(v, 0)
    check(&v.windows(0, 0), &[7, 0], &[] as &[i64]);
    // swv(v[::-1], 4)
    check(
        &v.slice(s![..;-1]).windows(4, 0),
        &[3, 4],
        &[5i64, 4, 3, 2, 4, 3, 2, 1, 3, 2, 1, 0],
    );
    // swv(a, 2, axis=1)
    check(
        &a.windows(2, 1),
        &[3, 3, 2],
        &[0i64, 1, 1, 2, 2, 3, 4, 5, 5, 6, 6, 7, 8, 9, 9, 10, 10, 11],
    );
    // swv(a, 2, axis=0)
    check(
        &a.windows(2, -2),
        &[2, 4, 2],
        &[0i64, 4, 1, 5, 2, 6, 3, 7, 4, 8, 5, 9, 6, 10, 7, 11],
    );
    // swv(a.T, 3, axis=1)
    check(
        &a.t().windows(3, 1),
        &[4, 1, 3],
        &[0i64, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11],
    );
    // swv(a, (2, 2), axis=(0, 1))
    check(
        &a.sliding_window_view(&[2, 2], &[0, 1]),
        &[2, 3, 2, 2],
        &[
            0i64, 1, 4, 5, 1, 2, 5, 6, 2, 3, 6, 7, 4, 5, 8, 9, 5, 6, 9, 10, 6, 7, 10, 11,
        ],
    );
    // swv(a, (3, 2), axis=(1, 0))
    check(
        &a.sliding_window_view(&[3, 2], &[1, 0]),
        &[2, 2, 3, 2],
        &[
            0i64, 4, 1, 5, 2, 6, 1, 5, 2, 6, 3, 7, 4, 8, 5, 9, 6, 10, 5, 9, 6, 10, 7, 11,
        ],
    );
    // swv(v, (2, 2), axis=(0, 0))
    check(
        &v.sliding_window_view(&[2, 2], &[0, 0]),
        &[4, 2, 2],
        &[0i64, 1, 1, 2, 1, 2, 2, 3, 2, 3, 3, 4, 3, 4, 4, 5],
    );
    // swv(b, (2, 3), axis=(-1, 1))
    check(
        &b.sliding_window_view(&[2, 3], &[-1, 1]),
        &[2, 1, 3, 2, 3],
        &[
            0i64, 4, 8, 1, 5, 9, 1, 5, 9, 2, 6, 10, 2, 6, 10, 3, 7, 11, 12, 16, 20, 13, 17, 21, 13,
            17, 21, 14, 18, 22, 14, 18, 22, 15, 19, 23,
        ],
    );
    // swv(a, (), axis=())
    check(
        &a.sliding_window_view(&[], &[]),
        &[3, 4],
        &[0i64, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    // swv(np.zeros((0, 3)), 2, axis=1)
    check(
        &Array::zeros(&[0, 3]).windows(2, 1),
        &[0, 2, 2],
        &[] as &[f64],
    );
    // swv(np.broadcast_to(np.arange(4), (2, 4)), 3, axis=1)
    check(
        &Array::arange(0, 4, 1).broadcast_to(&[2, 4]).windows(3, 1),
        &[2, 2, 3],
        &[0i64, 1, 2, 1, 2, 3, 0, 1, 2, 1, 2, 3],
    );
}

#[test]
fn as_strided_over_c_order_elements() {
    let v = Array::arange(0, 10, 1);
    let a = Array::arange(0, 12, 1).reshape(&[3, 4]);
    // as_strided(v, (4, 3), (2, 1))
    check(
        &v.as_strided(&[4, 3], &[2, 1], 0),
        &[4, 3],
        &[0i64, 1, 2, 2, 3, 4, 4, 5, 6, 6, 7, 8],
    );
    // as_strided(v, (3,), (-1,), 2)
    check(&v.as_strided(&[3], &[-1], 2), &[3], &[2i64, 1, 0]);
    // as_strided(v, (2, 3), (0, 1), 4)
    check(
        &v.as_strided(&[2, 3], &[0, 1], 4),
        &[2, 3],
        &[4i64, 5, 6, 4, 5, 6],
    );
    // as_strided(v, (), (), 9)
    check(&v.as_strided(&[], &[], 9), &[], &[9i64]);
    // as_strided(v, (5,), (2,), 0)
    check(&v.as_strided(&[5], &[2], 0), &[5], &[0i64, 2, 4, 6, 8]);
    // as_strided(v, (0, 100), (100, 100), 0)
    check(
        &v.as_strided(&[0, 100], &[100, 100], 0),
        &[0, 100],
        &[] as &[i64],
    );
    // as_strided(v, (3, 3), (-3, 1), 6)
    check(
        &v.as_strided(&[3, 3], &[-3, 1], 6),
        &[3, 3],
        &[6i64, 7, 8, 3, 4, 5, 0, 1, 2],
    );
    // as_strided(a, (3, 4), (1, 3))
    check(
        &a.as_strided(&[3, 4], &[1, 3], 0),
        &[3, 4],
        &[0i64, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11],
    );
    // as_strided(a.T, (2, 2), (1, 3), 1)
    check(
        &a.t().as_strided(&[2, 2], &[1, 3], 1),
        &[2, 2],
        &[4i64, 5, 8, 9],
    );
    // as_strided(a[::-1, 1:], (4,), (2,), 1)
    check(
        &a.slice(s![..;-1, 1..]).as_strided(&[4], &[2], 1),
        &[4],
        &[10i64, 5, 7, 2],
    );
    // as_strided(a[1:], (2, 2), (4, 1), 2)
    check(
        &a.slice(s![1..]).as_strided(&[2, 2], &[4, 1], 2),
        &[2, 2],
        &[6i64, 7, 10, 11],
    );
    // as_strided(np.broadcast_to(np.arange(3), (2, 3)), (3, 2), (2, 1), 0)
    check(
        &Array::arange(0, 3, 1)
            .broadcast_to(&[2, 3])
            .as_strided(&[3, 2], &[2, 1], 0),
        &[3, 2],
        &[0i64, 1, 2, 0, 1, 2],
    );
}

#[test]
fn chains_of_views() {
    let b = Array::arange(0, 24, 1).reshape(&[2, 3, 4]);
    let c = Array::arange(0, 60, 1).reshape(&[3, 4, 5]);
    let v = Array::arange(0, 4, 1);
    // b.T[::-1, 1:, 0]
    check(
        &b.t().slice(s![..;-1, 1.., 0]),
        &[4, 2],
        &[7i64, 11, 6, 10, 5, 9, 4, 8],
    );
    // np.arange(24).reshape(4, 6)[1:, ::2].T.reshape(-1)
    check(
        &Array::arange(0, 24, 1)
            .reshape(&[4, 6])
            .slice(s![1.., ..;2])
            .t()
            .reshape(&[-1]),
        &[9],
        &[6i64, 12, 18, 8, 14, 20, 10, 16, 22],
    );
    // c.transpose(2, 0, 1)[::2, -1].reshape(4, 3)
    check(
        &c.permute(&[2, 0, 1]).slice(s![..;2, -1]).reshape(&[4, 3]),
        &[4, 3],
        &[40i64, 45, 50, 55, 42, 47, 52, 57, 44, 49, 54, 59],
    );
    // np.broadcast_to(v, (3, 4))[::-1, 1::2].T
    check(
        &v.broadcast_to(&[3, 4]).slice(s![..;-1, 1..;2]).t(),
        &[2, 3],
        &[1i64, 1, 1, 3, 3, 3],
    );
    // np.squeeze(np.swapaxes(np.expand_dims(b, 1), 0, 3)[::-1], 1)
    check(
        &b.expand_dims(1)
            .swapaxes(0, 3)
            .slice(s![..;-1])
            .squeeze_axes(&[1]),
        &[4, 3, 2],
        &[
            3i64, 15, 7, 19, 11, 23, 2, 14, 6, 18, 10, 22, 1, 13, 5, 17, 9, 21, 0, 12, 4, 16, 8, 20,
        ],
    );
    // c[::-1, ::2].diagonal(1, 0, 2)
    check(
        &c.slice(s![..;-1, ..;2]).diagonal_with(1, 0, 2),
        &[2, 3],
        &[41i64, 22, 3, 51, 32, 13],
    );
    // swv(c.T, 2, axis=0)[1:, ::-2, 0]
    check(
        &c.t().windows(2, 0).slice(s![1.., ..;-2, 0]),
        &[3, 2, 2],
        &[16i64, 17, 6, 7, 17, 18, 7, 8, 18, 19, 8, 9],
    );
    // c.reshape(6, 10)[::-1].reshape(3, 2, 10)[:, 1, ::3]
    check(
        &c.reshape(&[6, 10])
            .slice(s![..;-1])
            .reshape(&[3, 2, 10])
            .slice(s![.., 1, ..;3]),
        &[3, 4],
        &[40i64, 43, 46, 49, 20, 23, 26, 29, 0, 3, 6, 9],
    );
    // swv(c[1], (2, 3), axis=(0, 1)).reshape(-1, 6)[::4].T
    check(
        &c.slice(s![1])
            .sliding_window_view(&[2, 3], &[0, 1])
            .reshape(&[-1, 6])
            .slice(s![..;4])
            .t(),
        &[6, 3],
        &[
            20i64, 26, 32, 21, 27, 33, 22, 28, 34, 25, 31, 37, 26, 32, 38, 27, 33, 39,
        ],
    );
    // np.broadcast_to(b[:, None, :, ::-1], (2, 2, 3, 4)).transpose(3, 1, 0, 2).reshape(8, 6)[::3]
    check(
        &b.slice(s![.., NewAxis, .., ..;-1])
            .broadcast_to(&[2, 2, 3, 4])
            .permute(&[3, 1, 0, 2])
            .reshape(&[8, 6])
            .slice(s![..;3]),
        &[3, 6],
        &[
            3i64, 7, 11, 15, 19, 23, 2, 6, 10, 14, 18, 22, 0, 4, 8, 12, 16, 20,
        ],
    );
    // as_strided(c[::2, ::-1].ravel(), (3, 4), (5, 2), 1).T.diagonal()
    check(
        &c.slice(s![..;2, ..;-1])
            .ravel()
            .as_strided(&[3, 4], &[5, 2], 1)
            .t()
            .diagonal(),
        &[3],
        &[16i64, 13, 0],
    );
    // b.ravel()[::-1].reshape(2, 3, 4)[1, ::-1, None, ::3].flatten()
    check(
        &b.ravel()
            .slice(s![..;-1])
            .reshape(&[2, 3, 4])
            .slice(s![1, ..;-1, NewAxis, ..;3])
            .flatten(),
        &[6],
        &[3i64, 0, 7, 4, 11, 8],
    );
}

#[test]
fn views_of_every_dtype() {
    let b = Array::from_vec(vec![true, false, false, true, true, false], &[2, 3]);
    let i = Array::from_vec((0..12).collect::<Vec<i32>>(), &[3, 4]);
    let f = Array::from_vec(
        (0..8).map(|x| x as f32 * 0.5).collect::<Vec<f32>>(),
        &[2, 2, 2],
    );
    let d = Array::from_vec(vec![0.5, -0.0, f64::NAN, f64::INFINITY, -1.5, 2.0], &[2, 3]);
    // b.T
    check(
        &b.t(),
        &[3, 2],
        &[true, true, false, true, false, false] as &[bool],
    );
    // b[::-1, 1:]
    check(
        &b.slice(s![..;-1, 1..]),
        &[2, 2],
        &[true, false, false, false] as &[bool],
    );
    // b[1, -1]
    check(&b.slice(s![1, -1]), &[], &[false] as &[bool]);
    // np.broadcast_to(b[:, None, 0], (2, 2))
    check(
        &b.slice(s![.., NewAxis, 0]).broadcast_to(&[2, 2]),
        &[2, 2],
        &[true, true, true, true] as &[bool],
    );
    // b.T.reshape(-1)
    check(
        &b.t().reshape(&[-1]),
        &[6],
        &[true, true, false, true, false, false] as &[bool],
    );
    // b.diagonal(1)
    check(&b.diagonal_with(1, 0, 1), &[2], &[false, false] as &[bool]);
    // swv(b, 2, axis=1)
    check(
        &b.windows(2, 1),
        &[2, 2, 2],
        &[true, false, false, false, true, true, true, false] as &[bool],
    );
    // i[::2, ::-1]
    check(
        &i.slice(s![..;2, ..;-1]),
        &[2, 4],
        &[3i32, 2, 1, 0, 11, 10, 9, 8],
    );
    // i.T.reshape(2, 6)
    check(
        &i.t().reshape(&[2, 6]),
        &[2, 6],
        &[0i32, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11],
    );
    // np.expand_dims(i[1], 0).squeeze()
    check(
        &i.slice(s![1]).expand_dims(0).squeeze(),
        &[4],
        &[4i32, 5, 6, 7],
    );
    // as_strided(i, (3, 3), (3, 1), 1)
    check(
        &i.as_strided(&[3, 3], &[3, 1], 1),
        &[3, 3],
        &[1i32, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    // i.diagonal(-1)
    check(&i.diagonal_with(-1, 0, 1), &[2], &[4i32, 9]);
    // np.transpose(f, (2, 0, 1))
    check(
        &f.permute(&[2, 0, 1]),
        &[2, 2, 2],
        &[0.0f32, 1.0, 2.0, 3.0, 0.5, 1.5, 2.5, 3.5],
    );
    // f[..., ::-1].ravel()
    check(
        &f.slice(s![Ellipsis, ..;-1]).ravel(),
        &[8],
        &[0.5f32, 0.0, 1.5, 1.0, 2.5, 2.0, 3.5, 3.0],
    );
    // np.swapaxes(f, 0, 2)[1]
    check(
        &f.swapaxes(0, 2).slice(s![1]),
        &[2, 2],
        &[0.5f32, 2.5, 1.5, 3.5],
    );
    // np.broadcast_to(f[0, 1], (3, 2))
    check(
        &f.slice(s![0, 1]).broadcast_to(&[3, 2]),
        &[3, 2],
        &[1.0f32, 1.5, 1.0, 1.5, 1.0, 1.5],
    );
    // d.T
    check(
        &d.t(),
        &[3, 2],
        &[0.5f64, f64::INFINITY, -0.0, -1.5, f64::NAN, 2.0],
    );
    // d[:, ::-2]
    check(
        &d.slice(s![.., ..;-2]),
        &[2, 2],
        &[f64::NAN, 0.5, 2.0, f64::INFINITY] as &[f64],
    );
    // d.T.flatten()
    check(
        &d.t().flatten(),
        &[6],
        &[0.5f64, f64::INFINITY, -0.0, -1.5, f64::NAN, 2.0],
    );
    // d.diagonal()
    check(&d.diagonal(), &[2], &[0.5f64, -1.5]);
    // swv(d.ravel(), 4)
    check(
        &d.ravel().windows(4, 0),
        &[3, 4],
        &[
            0.5f64,
            -0.0,
            f64::NAN,
            f64::INFINITY,
            -0.0,
            f64::NAN,
            f64::INFINITY,
            -1.5,
            f64::NAN,
            f64::INFINITY,
            -1.5,
            2.0,
        ],
    );
    // d[1, 0]
    check(&d.slice(s![1, 0]), &[], &[f64::INFINITY] as &[f64]);
}

// ---------------------------------------------------------------------------------------------
// Errors: the variant, NumPy's wording, the op and the caller's location.
// ---------------------------------------------------------------------------------------------

/// The error `a` carries; `check`, `eval` and `to_vec` all report the same one.
#[track_caller]
fn error_of(a: &Array) -> Error {
    let err = a.check().expect_err("expected an error").clone();
    assert_eq!(a.eval().unwrap_err(), err);
    assert_eq!(a.to_vec::<i64>().unwrap_err(), err);
    assert_message(&err, &["views.rs"]);
    err
}

#[test]
fn slice_step_zero() {
    let a = Array::arange(0, 10, 1);
    // a[::0] -> ValueError: slice step cannot be zero
    let err = error_of(&a.slice(s![..;0]));
    assert!(matches!(err, Error::View(_)), "{err:?}");
    assert_message(&err, &["slice", "slice step cannot be zero"]);
    assert_eq!(err.context().op, "slice");
    // np.zeros((2, 3))[:, 1:2:0]
    let err = error_of(&Array::zeros(&[2, 3]).slice(s![.., 1..2;0]));
    assert!(matches!(err, Error::View(_)), "{err:?}");
    assert_message(&err, &["slice step cannot be zero"]);
}

#[test]
fn slice_index_out_of_range() {
    let a = Array::arange(0, 10, 1);
    // a[10] -> IndexError: index 10 is out of bounds for axis 0 with size 10
    let err = error_of(&a.slice(s![10]));
    assert!(matches!(err, Error::Index(_)), "{err:?}");
    assert_eq!(
        err.message(),
        "index 10 is out of bounds for axis 0 with size 10"
    );
    // a[-11] -> IndexError: index -11 is out of bounds for axis 0 with size 10
    let err = error_of(&a.slice(s![-11]));
    assert!(matches!(err, Error::Index(_)), "{err:?}");
    assert_eq!(
        err.message(),
        "index -11 is out of bounds for axis 0 with size 10"
    );
    // np.arange(12).reshape(3, 4)[0, 5] -> index 5 is out of bounds for axis 1 with size 4
    let m = Array::arange(0, 12, 1).reshape(&[3, 4]);
    let err = error_of(&m.slice(s![0, 5]));
    assert!(matches!(err, Error::Index(_)), "{err:?}");
    assert_message(&err, &["index 5 is out of bounds for axis 1 with size 4"]);
    // np.zeros((2, 3, 4))[..., 4] -> index 4 is out of bounds for axis 2 with size 4
    let err = error_of(&Array::zeros(&[2, 3, 4]).slice(s![Ellipsis, 4]));
    assert_message(&err, &["index 4 is out of bounds for axis 2 with size 4"]);
    // np.zeros(0)[0] -> index 0 is out of bounds for axis 0 with size 0
    let err = error_of(&Array::zeros(&[0]).slice(s![0]));
    assert!(matches!(err, Error::Index(_)), "{err:?}");
    assert_message(&err, &["index 0 is out of bounds for axis 0 with size 0"]);
    // a new axis does not count: np.zeros((2, 3))[None, 2] -> index 2 ... axis 0 with size 2
    let err = error_of(&Array::zeros(&[2, 3]).slice(s![NewAxis, 2]));
    assert_message(&err, &["index 2 is out of bounds for axis 0 with size 2"]);
}

#[test]
fn slice_too_many_indices_and_two_ellipses() {
    let a = Array::arange(0, 10, 1);
    // a[0, 0] -> IndexError: too many indices for array: array is 1-dimensional, but 2 were
    // indexed
    let err = error_of(&a.slice(s![0, 0]));
    assert!(matches!(err, Error::Index(_)), "{err:?}");
    assert_eq!(
        err.message(),
        "too many indices for array: array is 1-dimensional, but 2 were indexed"
    );
    // a[None, 0, None, 0] -> the same (new axes consume nothing)
    let err = error_of(&a.slice(s![NewAxis, 0, NewAxis, 0]));
    assert_message(&err, &["array is 1-dimensional, but 2 were indexed"]);
    // a[1:, ::2] -> too many indices (ranges consume axes too)
    let err = error_of(&a.slice(s![1.., ..;2]));
    assert!(matches!(err, Error::Index(_)), "{err:?}");
    // np.array(1)[0] -> array is 0-dimensional, but 1 were indexed
    let err = error_of(&Array::scalar(1i64).slice(s![0]));
    assert_message(
        &err,
        &["too many indices for array: array is 0-dimensional, but 1 were indexed"],
    );
    // a[..., ...] -> IndexError: an index can only have a single ellipsis ('...')
    let err = error_of(&a.slice(s![Ellipsis, Ellipsis]));
    assert!(matches!(err, Error::Index(_)), "{err:?}");
    assert_message(&err, &["an index can only have a single ellipsis ('...')"]);
    let err = error_of(&Array::zeros(&[2, 3]).slice(s![Ellipsis, 0, Ellipsis]));
    assert!(matches!(err, Error::Index(_)), "{err:?}");
}

#[test]
fn reshape_errors() {
    let a = Array::arange(0, 12, 1).reshape(&[3, 4]);
    // a.reshape(5) -> ValueError: cannot reshape array of size 12 into shape (5,)
    let err = error_of(&a.reshape(&[5]));
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_eq!(err.context().op, "reshape");
    assert_message(&err, &["cannot reshape array of size 12 into shape (5,)"]);
    // a.reshape(5, -1) -> cannot reshape array of size 12 into shape (5,newaxis)
    let err = error_of(&a.reshape(&[5, -1]));
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_message(&err, &["cannot reshape array of size 12"]);
    // a.T.reshape(2, 2, 2) -> cannot reshape array of size 12 into shape (2,2,2)
    let err = error_of(&a.t().reshape(&[2, 2, 2]));
    assert_message(
        &err,
        &["cannot reshape array of size 12 into shape (2,2,2)"],
    );
    // a.reshape(-1, -1) -> ValueError: can only specify one unknown dimension
    let err = error_of(&a.reshape(&[-1, -1]));
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_message(&err, &["can only specify one unknown dimension"]);
    // np.zeros((0, 3)).reshape(0, -1) -> cannot reshape array of size 0 into shape (0,newaxis)
    let err = error_of(&Array::zeros(&[0, 3]).reshape(&[0, -1]));
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_message(&err, &["cannot reshape array of size 0"]);
    // Dims below -1 are refused ("negative dimensions are not allowed", NumPy's wording for
    // np.zeros((-2, 6))); note NumPy 2.4's reshape takes any negative dim as the unknown one:
    // np.arange(12).reshape(-2, 6) has shape (2, 6).
    let err = error_of(&a.reshape(&[-2, 6]));
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_message(&err, &["negative dimensions are not allowed"]);
    // the ravel of a failed array carries the failure
    let err = error_of(&a.reshape(&[7]).ravel());
    assert_message(&err, &["cannot reshape array of size 12"]);
}

#[test]
fn permutation_errors() {
    let a = Array::zeros(&[2, 3]);
    // np.transpose(a, (0, 0)) -> ValueError: repeated axis in transpose
    let err = error_of(&a.permute(&[0, 0]));
    assert!(matches!(err, Error::Axis(_)), "{err:?}");
    assert_eq!(err.context().op, "transpose");
    assert_message(&err, &["repeated axis"]);
    // np.transpose(a, (1, -1)) -> repeated axis (-1 is 1)
    let err = error_of(&a.permute(&[1, -1]));
    assert_message(&err, &["repeated axis"]);
    // np.transpose(a, (0,)) -> ValueError: axes don't match array
    let err = error_of(&a.permute(&[0]));
    assert!(matches!(err, Error::Axis(_)), "{err:?}");
    assert_message(&err, &["axes don't match array"]);
    let err = error_of(&a.permute(&[0, 1, 2]));
    assert_message(&err, &["axes don't match array"]);
    // np.transpose(a, (0, 2)) -> AxisError: axis 2 is out of bounds for array of dimension 2
    let err = error_of(&a.permute(&[0, 2]));
    assert!(matches!(err, Error::Axis(_)), "{err:?}");
    assert_message(&err, &["axis 2 is out of bounds for array of dimension 2"]);
    // np.swapaxes(a, 0, 2) -> AxisError: axis 2 is out of bounds for array of dimension 2
    let err = error_of(&a.swapaxes(0, 2));
    assert!(matches!(err, Error::Axis(_)), "{err:?}");
    assert_eq!(err.context().op, "swapaxes");
    assert_message(&err, &["axis 2 is out of bounds for array of dimension 2"]);
    // np.swapaxes(a, -3, 0) -> axis -3 is out of bounds for array of dimension 2
    let err = error_of(&a.swapaxes(-3, 0));
    assert_message(&err, &["axis -3 is out of bounds for array of dimension 2"]);
}

#[test]
fn broadcast_to_errors() {
    // np.broadcast_to(np.zeros(3), (4,)) -> ValueError: operands could not be broadcast together
    // with remapped shapes [original->remapped]: (3,)  and requested shape (4,)
    let err = error_of(&Array::zeros(&[3]).broadcast_to(&[4]));
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_eq!(err.context().op, "broadcast_to");
    assert_message(
        &err,
        &["operands could not be broadcast together", "(3,)", "(4,)"],
    );
    // np.broadcast_to(np.zeros((2, 3)), (3,)) -> ValueError (fewer dims than the input)
    let err = error_of(&Array::zeros(&[2, 3]).broadcast_to(&[3]));
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    // np.broadcast_to(np.zeros(2), (2, 0)) -> ValueError: ... (2,)  and requested shape (2,0)
    let err = error_of(&Array::zeros(&[2]).broadcast_to(&[2, 0]));
    assert_message(&err, &["(2,)", "(2,0)"]);
    // np.broadcast_to(np.zeros((2, 1)), (3, 4)) -> ValueError
    let err = error_of(&Array::zeros(&[2, 1]).broadcast_to(&[3, 4]));
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
}

#[test]
fn expand_dims_and_squeeze_errors() {
    let a = Array::zeros(&[3, 4]);
    // np.expand_dims(a, 3) -> AxisError: axis 3 is out of bounds for array of dimension 3
    let err = error_of(&a.expand_dims(3));
    assert!(matches!(err, Error::Axis(_)), "{err:?}");
    assert_eq!(err.context().op, "expand_dims");
    assert_message(&err, &["axis 3 is out of bounds for array of dimension 3"]);
    // np.expand_dims(a, -4) -> AxisError: axis -4 is out of bounds for array of dimension 3
    let err = error_of(&a.expand_dims(-4));
    assert_message(&err, &["axis -4 is out of bounds for array of dimension 3"]);
    let s = Array::zeros(&[1, 1, 2]);
    // np.squeeze(s, axis=2) -> ValueError: cannot select an axis to squeeze out which has size
    // not equal to one
    let err = error_of(&s.squeeze_axes(&[2]));
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_eq!(err.context().op, "squeeze");
    assert_message(
        &err,
        &["cannot select an axis to squeeze out which has size not equal to one"],
    );
    // np.squeeze(s, axis=(0, -1)) -> the same (axis -1 has size 2)
    let err = error_of(&s.squeeze_axes(&[0, -1]));
    assert_message(&err, &["size not equal to one"]);
    // np.squeeze(s, axis=3) -> AxisError: axis 3 is out of bounds for array of dimension 3
    let err = error_of(&s.squeeze_axes(&[3]));
    assert!(matches!(err, Error::Axis(_)), "{err:?}");
    assert_message(&err, &["axis 3 is out of bounds for array of dimension 3"]);
    // np.squeeze(s, axis=(0, 0)) -> ValueError: duplicate value in 'axis'
    let err = error_of(&s.squeeze_axes(&[0, 0]));
    assert!(matches!(err, Error::Axis(_)), "{err:?}");
    assert_message(&err, &["repeated axis"]);
}

#[test]
fn diagonal_errors() {
    // np.zeros(3).diagonal() -> ValueError: diag requires an array of at least two dimensions
    let err = error_of(&Array::zeros(&[3]).diagonal());
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_eq!(err.context().op, "diagonal");
    assert_message(&err, &["diag requires an array of at least two dimensions"]);
    // np.array(1.0).diagonal() -> the same
    let err = error_of(&Array::scalar(1.0f64).diagonal());
    assert_message(&err, &["at least two dimensions"]);
    let a = Array::zeros(&[2, 2]);
    // a.diagonal(0, 1, 1) -> ValueError: axis1 and axis2 cannot be the same
    let err = error_of(&a.diagonal_with(0, 1, 1));
    assert!(matches!(err, Error::Axis(_)), "{err:?}");
    assert_message(&err, &["axis1 and axis2 cannot be the same"]);
    // a.diagonal(0, 0, -2) -> the same (-2 is 0)
    let err = error_of(&a.diagonal_with(0, 0, -2));
    assert_message(&err, &["axis1 and axis2 cannot be the same"]);
    // a.diagonal(0, 0, 2) -> AxisError: axis 2 is out of bounds for array of dimension 2
    let err = error_of(&a.diagonal_with(0, 0, 2));
    assert!(matches!(err, Error::Axis(_)), "{err:?}");
    assert_message(&err, &["axis 2 is out of bounds for array of dimension 2"]);
}

#[test]
fn window_errors() {
    let v = Array::arange(0, 5, 1);
    // swv(np.arange(5), 6) -> ValueError: window shape cannot be larger than input array shape
    let err = error_of(&v.windows(6, 0));
    assert!(matches!(err, Error::View(_)), "{err:?}");
    assert_eq!(err.context().op, "sliding_window_view");
    assert_message(
        &err,
        &["window shape cannot be larger than input array shape"],
    );
    // swv(np.arange(5), (4, 3), axis=(0, 0)) -> the same: the second window sees 5 - 4 + 1 == 2
    let err = error_of(&v.sliding_window_view(&[4, 3], &[0, 0]));
    assert!(matches!(err, Error::View(_)), "{err:?}");
    assert_message(&err, &["window shape cannot be larger"]);
    // swv(np.zeros((0, 3)), 1, axis=0) -> the same
    let err = error_of(&Array::zeros(&[0, 3]).windows(1, 0));
    assert_message(&err, &["window shape cannot be larger"]);
    let a = Array::zeros(&[3, 4]);
    // swv(a, (2, 2), axis=1) -> ValueError: Must provide matching length window_shape and axis
    let err = error_of(&a.sliding_window_view(&[2, 2], &[1]));
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_message(
        &err,
        &["Must provide matching length window_shape and axis"],
    );
    // swv(a, 2, axis=2) -> AxisError: axis 2 is out of bounds for array of dimension 2
    let err = error_of(&a.windows(2, 2));
    assert!(matches!(err, Error::Axis(_)), "{err:?}");
    assert_message(&err, &["axis 2 is out of bounds for array of dimension 2"]);
}

#[test]
fn as_strided_outside_the_base() {
    let v = Array::arange(0, 10, 1);
    // rows of 3 every 3 elements reach element 3 * 3 + 2 == 11 of 10
    let err = error_of(&v.as_strided(&[4, 3], &[3, 1], 0));
    assert!(matches!(err, Error::View(_)), "{err:?}");
    assert_eq!(err.context().op, "as_strided");
    assert_message(&err, &["as_strided", "outside its base of 10 elements"]);
    // walking backwards from element 1 reaches element -1
    let err = error_of(&v.as_strided(&[3], &[-1], 1));
    assert!(matches!(err, Error::View(_)), "{err:?}");
    // a 0-d view at offset 10 is past the end
    let err = error_of(&v.as_strided(&[], &[], 10));
    assert!(matches!(err, Error::View(_)), "{err:?}");
    // the base is the input's elements, not the buffer under a slice: a[2:7] has 5
    let err = error_of(&v.slice(s![2..7]).as_strided(&[6], &[1], 0));
    assert_message(&err, &["outside its base of 5 elements"]);
    // nothing fits in an empty base but an empty view
    let err = error_of(&Array::arange(0, 0, 1).as_strided(&[1], &[0], 0));
    assert!(matches!(err, Error::View(_)), "{err:?}");
    // shape and strides of different ranks
    let err = error_of(&v.as_strided(&[2, 2], &[1], 0));
    assert!(matches!(err, Error::View(_)), "{err:?}");
    assert_message(&err, &["differ in rank"]);
    // an overflowing shape is too big
    let err = error_of(&v.as_strided(&[1 << 62, 4], &[0, 0], 0));
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_message(&err, &["array is too big"]);
}

#[test]
fn errors_travel_through_later_views() {
    let a = Array::arange(0, 12, 1).reshape(&[3, 4]);
    // the first failure is reported, with its own op and location
    let bad = a.slice(s![..;0]);
    let line = line!() - 1;
    let err = error_of(&bad.t().reshape(&[-1]).broadcast_to(&[2, 12]).diagonal());
    assert!(matches!(err, Error::View(_)), "{err:?}");
    assert_eq!(err.context().op, "slice");
    assert_eq!(err.context().location.line(), line);
    assert!(err.context().location.file().ends_with("views.rs"));
    // a failed array reports shape () and evaluates to nothing
    assert_eq!(bad.shape(), &[] as &[usize]);
    assert!(bad.error().is_some());
}

// ---------------------------------------------------------------------------------------------
// Extreme steps, offsets and sizes: NumPy's answers, never an arithmetic overflow.
// ---------------------------------------------------------------------------------------------

#[test]
fn huge_steps_and_bounds() {
    let a = Array::arange(0, 12, 1).reshape(&[3, 4]);
    let v = Array::arange(0, 10, 1);
    // a[::2**50]
    check(&a.slice(s![..;1 << 50, ..]), &[1, 4], &[0i64, 1, 2, 3]);
    // a[::2**63-1, ::-2**63]
    check(&a.slice(s![..;isize::MAX, ..;isize::MIN]), &[1, 1], &[3i64]);
    // a[::-2**62]
    check(&a.slice(s![..;-(1 << 62)]), &[1, 4], &[8i64, 9, 10, 11]);
    // a[1::2**62, -1::-(2**62)]
    check(&a.slice(s![1..;1 << 62, -1..;-(1 << 62)]), &[1, 1], &[7i64]);
    // v[-2**63:2**63-1:-2**63]
    check(
        &v.slice(s![isize::MIN..isize::MAX;isize::MIN]),
        &[0],
        &[] as &[i64],
    );
    // v[2**63-1:-2**63:-2**63]
    check(
        &v.slice(s![isize::MAX..isize::MIN;isize::MIN]),
        &[1],
        &[9i64],
    );
    // v[2**63-1:-2**63:2**63-1]
    check(
        &v.slice(s![isize::MAX..isize::MIN;isize::MAX]),
        &[0],
        &[] as &[i64],
    );
    // v[-2**63::2**63-1]
    check(&v.slice(s![isize::MIN..;isize::MAX]), &[1], &[0i64]);
    // v[3:2**63-1:2**62]
    check(&v.slice(s![3..isize::MAX;1 << 62]), &[1], &[3i64]);
    // a[None, ::2**60].diagonal(0, 0, 1)
    check(
        &a.slice(s![NewAxis, ..;1 << 60]).diagonal_with(0, 0, 1),
        &[4, 1],
        &[0i64, 1, 2, 3],
    );
    // Built lazily (never evaluated): a row stride of 2**40 times a step of 2**50 is past isize;
    // np.zeros((3, 2**40), bool)[::2**50].shape == (1, 2**40)
    let big = Array::full(&[3, 1 << 40], false).slice(s![..;1 << 50, ..]);
    big.check().unwrap();
    assert_eq!(big.shape(), &[1, 1 << 40]);
}

#[test]
fn huge_diagonal_offsets() {
    let a = Array::arange(0, 12, 1).reshape(&[3, 4]);
    // a.T.diagonal(2**31 - 1) (NumPy's offset is a C int; ours is an isize)
    check(&a.t().diagonal_with(isize::MAX, 0, 1), &[0], &[] as &[i64]);
    // a.T.diagonal(-(2**31 - 1))
    check(&a.t().diagonal_with(isize::MIN, 0, 1), &[0], &[] as &[i64]);
    check(&a.t().diagonal_with(-(1 << 40), 1, 0), &[0], &[] as &[i64]);
}

#[test]
fn too_big_broadcasts_and_windows() {
    // np.broadcast_to(np.zeros(1), (2**61,)) -> ValueError: array is too big;
    // `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.
    let err = error_of(&Array::zeros(&[1]).broadcast_to(&[1 << 61]));
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_message(&err, &["broadcast_to", "array is too big"]);
    // np.broadcast_to(np.arange(10), (2**63 - 1, 10)) -> ValueError (iterator is too large)
    let err = error_of(&Array::arange(0, 10, 1).broadcast_to(&[usize::MAX, 10]));
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    // np.broadcast_to(np.zeros(0), (2**62, 2**62, 0)) -> ValueError (iterator is too large)
    let err = error_of(&Array::zeros(&[0]).broadcast_to(&[1 << 62, 1 << 62, 0]));
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    // np.broadcast_to(np.zeros(1, bool), (2**62,)).shape == (2**62,): 2**62 bytes are allowed
    let ok = Array::full(&[1], false).broadcast_to(&[1 << 62]);
    ok.check().unwrap();
    assert_eq!(ok.shape(), &[1 << 62]);
    // swv(np.broadcast_to(np.zeros(1), (2**31,)), 2**30) -> ValueError: array is too big
    let err = error_of(
        &Array::zeros(&[1])
            .broadcast_to(&[1 << 31])
            .windows(1 << 30, 0),
    );
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
    assert_message(&err, &["sliding_window_view", "array is too big"]);
}

#[test]

fn too_big_implicit_broadcast_is_an_error() {
    // a = np.broadcast_to(np.zeros(1), (2**40, 1)); b = np.broadcast_to(np.zeros(1), (1, 2**40))
    // a + b -> ValueError: iterator is too large (2**80 elements)
    let a = Array::zeros(&[1 << 40, 1]) + Array::zeros(&[1, 1 << 40]);
    let err = error_of(&a);
    assert!(matches!(err, Error::Shape(_)), "{err:?}");
}
