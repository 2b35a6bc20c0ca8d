//! Adversarial kernels under guard pages: every buffer of this test binary (inputs, results,
//! intermediates, partial sums) lives in its own mapping with a `PROT_NONE` page right after
//! its last element — or, for the second run of each case, right before its first — so any
//! out-of-bounds read or write by generated code faults at once (and kills this binary) instead
//! of reading a neighbour. The cases sit at the edges: views at the very start and end of
//! buffers, negative strides ending at element 0, `as_strided` views that just fit, gathers
//! with indices 0, n-1 and -n, broadcasts, reductions, cumsum, concatenation parts, empty and
//! size-1 arrays, and every size around the vector widths (1..=17, 31, 33). Every result is
//! compared with the reference evaluator and with values computed here (NumPy semantics on
//! plain `Vec`s); out-of-bounds indices must be typed errors, never faults.
//!
//! Inputs are built with `Array::from_vec`/`from_slice`, which copy into the library's
//! allocator, so they are guarded too.

// `s![k..;-1]` walks backwards from `k`, as NumPy's `a[k::-1]`.
#![allow(clippy::reversed_empty_ranges)]

mod common;

use common::check;
use lazyarray::testing::{enable_guard_pages, guard_pages_at_start, guarded_allocations};
use lazyarray::{Array, Element, Error, concatenate, s};
use std::fmt::Debug;
use std::ops::{Add, Mul, Sub};
use std::sync::Once;

fn setup() {
    static ONCE: Once = Once::new();
    ONCE.call_once(enable_guard_pages);
}

/// Runs `case` with buffers ending at a guard page (overruns fault), then with buffers
/// starting right after one (underruns fault), and checks they really were guarded.
fn both_ends(case: impl Fn()) {
    setup();
    let before = guarded_allocations();
    guard_pages_at_start(false);
    case();
    let middle = guarded_allocations();
    guard_pages_at_start(true);
    case();
    guard_pages_at_start(false);
    assert!(middle > before && guarded_allocations() > middle);
}

/// The sizes around the vector widths (2, 4 lanes), and a little more.
fn sizes() -> Vec<usize> {
    (1..=17).chain([31, 33]).collect()
}

/// Element types with exact small-integer arithmetic.
trait Num: Element + Copy + Debug + PartialOrd + Add<Output = Self> + Sub<Output = Self>
where
    Self: Mul<Output = Self>,
{
    fn of(v: i64) -> Self;
}

impl Num for f64 {
    fn of(v: i64) -> f64 {
        v as f64
    }
}
impl Num for f32 {
    fn of(v: i64) -> f32 {
        v as f32
    }
}
impl Num for i64 {
    fn of(v: i64) -> i64 {
        v
    }
}
impl Num for i32 {
    fn of(v: i64) -> i32 {
        v as i32
    }
}

/// Distinct small values (sums and products of a few stay exact in float32).
fn data<T: Num>(n: usize) -> Vec<T> {
    (0..n).map(|i| T::of(((i * 7) % 23) as i64 - 11)).collect()
}

fn array<T: Num>(d: &[T]) -> Array {
    Array::from_slice(d, &[d.len()])
}

macro_rules! every_type {
    ($f:ident $(, $arg:expr)*) => {{
        $f::<f64>($($arg),*);
        $f::<f32>($($arg),*);
        $f::<i64>($($arg),*);
        $f::<i32>($($arg),*);
    }};
}

// ---------------------------------------------------------------------------------------------

fn edge_views<T: Num>(n: usize) {
    let d = data::<T>(n);
    let two = T::of(2);
    let a = array(&d);
    // a[:1] + a[-1:]
    check(
        &(a.slice(s![..1]) + a.slice(s![-1..])),
        &[1],
        &[d[0] + d[n - 1]],
    );
    for k in 0..n {
        // a[k:] * 2 (ends at the last element) and a[:k+1] * 2 (starts at the first)
        let tail: Vec<T> = d[k..].iter().map(|&x| x * two).collect();
        check(&(a.slice(s![k..]) * 2), &[n - k], &tail);
        let head: Vec<T> = d[..=k].iter().map(|&x| x * two).collect();
        check(&(a.slice(s![..=k]) * 2), &[k + 1], &head);
    }
    // a[1:] - a[:-1]
    let diff: Vec<T> = (1..n).map(|i| d[i] - d[i - 1]).collect();
    check(&(a.slice(s![1..]) - a.slice(s![..-1])), &[n - 1], &diff);
    // a[::-1] * 2 + a
    let mirror: Vec<T> = (0..n).map(|i| d[n - 1 - i] * two + d[i]).collect();
    check(&(a.slice(s![..;-1]) * 2 + &a), &[n], &mirror);
    // a.copy() (a kernel writing every element up to the end of a fresh guarded buffer)
    check(&(&a + 0), &[n], &d);
}

#[test]
fn views_at_the_start_and_end_of_buffers() {
    both_ends(|| {
        for n in sizes() {
            every_type!(edge_views, n);
            // bool: one-byte elements
            let m: Vec<bool> = (0..n).map(|i| i % 3 == 0).collect();
            let b = Array::from_slice(&m, &[n]);
            let want: Vec<bool> = (0..n).map(|i| m[i] ^ m[n - 1 - i]).collect();
            check(&b.logical_xor(b.slice(s![..;-1])), &[n], &want);
        }
    });
}

fn negative_strides<T: Num>(n: usize) {
    let d = data::<T>(n);
    let a = array(&d);
    for step in 1..=3usize {
        for k in 0..n {
            // a[k::-step]: from k down to k % step (element 0 when step divides k)
            let want: Vec<T> = (0..=k).rev().step_by(step).map(|i| d[i]).collect();
            check(
                &(a.slice(s![k..;-(step as isize)]) + 0),
                &[want.len()],
                &want,
            );
        }
    }
    // as_strided(a, (m,), (-1,), n-1): all of a, backwards, the last read at element 0
    let want: Vec<T> = d.iter().rev().copied().collect();
    check(&(a.as_strided(&[n], &[-1], n - 1) * 1), &[n], &want);
    // 2-D, both axes reversed: a.reshape(r, c)[::-1, ::-1]
    for r in (1..=n).filter(|r| n.is_multiple_of(*r)) {
        let c = n / r;
        let m = a.reshape(&[r as isize, c as isize]);
        let want: Vec<T> = (0..n).rev().map(|i| d[i]).collect();
        check(&(m.slice(s![..;-1, ..;-1]) + 0), &[r, c], &want);
        // its transpose: a.reshape(r, c)[::-1, ::-1].T
        let want: Vec<T> = (0..c)
            .flat_map(|j| (0..r).map(move |i| (i, j)))
            .map(|(i, j)| d[(r - 1 - i) * c + (c - 1 - j)])
            .collect();
        check(&(m.slice(s![..;-1, ..;-1]).t() * 1), &[c, r], &want);
    }
}

#[test]
fn negative_strides_ending_at_element_zero() {
    both_ends(|| {
        for n in sizes() {
            every_type!(negative_strides, n);
        }
    });
}

/// Every 1-D and 2-D `as_strided` view of `n` elements with strides in -3..=3 whose reach is
/// exactly the whole buffer (it touches element 0 and element n-1), evaluated; and the same
/// views one element further, which must be errors when built.
fn just_fitting_views<T: Num>(n: usize) -> usize {
    let d = data::<T>(n);
    let a = array(&d);
    let mut count = 0;
    let mut shapes: Vec<(Vec<usize>, Vec<isize>)> = Vec::new();
    for len in 1..=n.min(9) {
        for s in -3isize..=3 {
            shapes.push((vec![len], vec![s]));
            for len2 in 1..=4usize {
                for s2 in -3isize..=3 {
                    shapes.push((vec![len, len2], vec![s, s2]));
                }
            }
        }
    }
    for (shape, strides) in shapes {
        let (mut lo, mut hi) = (0isize, 0isize);
        for (&m, &s) in shape.iter().zip(&strides) {
            let r = (m as isize - 1) * s;
            if r < 0 { lo += r } else { hi += r }
        }
        // The view's elements run from offset + lo to offset + hi: make that 0..=n-1.
        if hi - lo != n as isize - 1 {
            continue;
        }
        let offset = (-lo) as usize;
        let v = a.as_strided(&shape, &strides, offset);
        let want: Vec<T> = positions(&shape, &strides, offset)
            .into_iter()
            .map(|p| d[p] * T::of(3))
            .collect();
        check(&(v * 3), &shape, &want);
        // One further: outside the buffer, refused when built.
        let over = a.as_strided(&shape, &strides, offset + 1);
        assert!(
            matches!(over.check(), Err(Error::View(_))),
            "as_strided({shape:?}, {strides:?}, {}) over {n} elements: {:?}",
            offset + 1,
            over.check().err()
        );
        count += 1;
    }
    count
}

/// Buffer positions of an `as_strided` view, in C order.
fn positions(shape: &[usize], strides: &[isize], offset: usize) -> Vec<usize> {
    let mut out = vec![offset as isize];
    for (&m, &s) in shape.iter().zip(strides) {
        out = out
            .iter()
            .flat_map(|&p| (0..m as isize).map(move |i| p + i * s))
            .collect();
    }
    out.into_iter().map(|p| p as usize).collect()
}

#[test]
fn as_strided_views_that_just_fit_run_and_one_more_is_an_error() {
    both_ends(|| {
        let mut count = 0;
        for n in [1, 2, 3, 5, 8, 9, 17] {
            count += just_fitting_views::<f64>(n);
            count += just_fitting_views::<i32>(n);
        }
        assert!(count > 300, "{count} views");
    });
}

fn gathers<T: Num>(n: usize) {
    let d = data::<T>(n);
    let a = array(&d);
    let ni = n as i64;
    let idx: Vec<i64> = vec![0, ni - 1, -ni, -1, 0, ni - 1];
    let at = |i: i64| d[i.rem_euclid(ni) as usize];
    let want: Vec<T> = idx.iter().map(|&i| at(i)).collect();
    let i = Array::from_slice(&idx, &[idx.len()]);
    check(&a.take(&i, 0), &[idx.len()], &want);
    // computed indices: (i * 1 + 0), and through a reversed view
    check(&a.take(&(&i * 1 + 0), 0), &[idx.len()], &want);
    let rev: Vec<T> = want.iter().rev().copied().collect();
    check(&a.take(&i.slice(s![..;-1]), 0), &[idx.len()], &rev);
    // along axis 1 of a (2, n) array: a2[:, idx]
    let a2 = concatenate(&[&a, &(&a * 2)], 0).reshape(&[2, ni as isize]);
    let want2: Vec<T> = (0..2)
        .flat_map(|r| idx.iter().map(move |&i| (r, i)))
        .map(|(r, i)| at(i) * T::of(r + 1))
        .collect();
    check(&a2.take(&i, 1), &[2, idx.len()], &want2);
    // a gather read backwards from a reversed view: a[::-1][idx]
    let want3: Vec<T> = idx
        .iter()
        .map(|&i| d[n - 1 - i.rem_euclid(ni) as usize])
        .collect();
    check(&a.slice(s![..;-1]).take(&i, 0), &[idx.len()], &want3);
}

#[test]
fn gathers_with_indices_zero_last_and_minus_n() {
    both_ends(|| {
        for n in sizes() {
            every_type!(gathers, n);
        }
    });
}

#[test]
fn out_of_bounds_indices_are_typed_errors() {
    both_ends(|| {
        for n in sizes() {
            let a = array(&data::<f64>(n));
            let ni = n as i64;
            for bad in [ni, -ni - 1, ni + 7, i64::MAX, i64::MIN] {
                let i = Array::from_slice(&[0, bad, ni - 1], &[3]);
                for (name, e) in [
                    ("a[i]", a.take(&i, 0)),
                    ("a[i * 1]", a.take(&(&i * 1), 0)),
                    (
                        "a[::-1][i[::-1]] + 1",
                        a.slice(s![..;-1]).take(&i.slice(s![..;-1]), 0) + 1.0,
                    ),
                ] {
                    for (path, got) in [
                        ("eval", e.eval().err()),
                        ("reference", e.eval_reference().err()),
                    ] {
                        assert!(
                            matches!(got, Some(Error::Index(_))),
                            "{name} with index {bad} over {n} elements ({path}): {got:?}"
                        );
                    }
                }
            }
        }
    });
}

fn broadcasts<T: Num>(n: usize) {
    let d = data::<T>(n);
    let a = array(&d);
    // a[-1:] broadcast to (3, n): the last element read 3n times
    let last = vec![d[n - 1]; 3 * n];
    check(
        &(a.slice(s![-1..]).broadcast_to(&[3, n]) + 0),
        &[3, n],
        &last,
    );
    // a[None, :] + a[:, None]: an (n, n) outer sum
    let outer: Vec<T> = (0..n * n).map(|k| d[k % n] + d[k / n]).collect();
    let row = a.reshape(&[1, n as isize]);
    let col = a.reshape(&[n as isize, 1]);
    check(&(&row + &col), &[n, n], &outer);
    // as_strided with a zero stride: (2, n) rows of the reversed array
    let rows: Vec<T> = (0..2 * n).map(|k| d[n - 1 - k % n]).collect();
    check(
        &(a.as_strided(&[2, n], &[0, -1], n - 1) * 1),
        &[2, n],
        &rows,
    );
}

#[test]
fn broadcasts_read_the_edges() {
    both_ends(|| {
        for n in sizes() {
            every_type!(broadcasts, n);
        }
    });
}

fn reductions<T: Num>(n: usize) {
    let d = data::<T>(n);
    let a = array(&d);
    let max = d
        .iter()
        .copied()
        .fold(d[0], |m, x| if x > m { x } else { m });
    let min = d
        .iter()
        .copied()
        .fold(d[0], |m, x| if x < m { x } else { m });
    check(&a.max(), &[], &[max]);
    check(&a.slice(s![..;-1]).min(), &[], &[min]);
    let first_max = d.iter().position(|&x| x == max).unwrap() as i64;
    check(&a.argmax(), &[], &[first_max]);
    let rev_min = (0..n).map(|i| d[n - 1 - i]).position(|x| x == min).unwrap() as i64;
    check(&a.slice(s![..;-1]).argmin(), &[], &[rev_min]);
    // 2-D, every axis, also transposed: small integers, so float sums are exact in any order
    for r in (1..=n).filter(|r| n.is_multiple_of(*r)) {
        let c = n / r;
        let m = a.reshape(&[r as isize, c as isize]);
        let rows: Vec<T> = (0..r)
            .map(|i| (0..c).fold(T::of(0), |s, j| s + d[i * c + j]))
            .collect();
        let cols: Vec<T> = (0..c)
            .map(|j| (0..r).fold(T::of(0), |s, i| s + d[i * c + j]))
            .collect();
        if T::DTYPE.itemsize() == 8 || T::DTYPE == lazyarray::DType::F32 {
            check(&m.sum_axis(1), &[r], &rows);
            check(&m.sum_axis(0), &[c], &cols);
            check(&m.t().sum_axis(0), &[r], &rows);
            let rev: Vec<T> = cols.iter().rev().copied().collect();
            check(&m.slice(s![.., ..;-1]).sum_axis(0), &[c], &rev);
        }
        let col_max: Vec<T> = (0..c)
            .map(|j| {
                (0..r)
                    .map(|i| d[i * c + j])
                    .fold(d[j], |m, x| if x > m { x } else { m })
            })
            .collect();
        check(&m.max_axis(0), &[c], &col_max);
    }
}

#[test]
fn reductions_over_edges_and_reversed_views() {
    both_ends(|| {
        for n in sizes() {
            every_type!(reductions, n);
        }
        // Large enough to be split across threads into partial sums (and each partial buffer
        // guarded): exact integer sums.
        let n = 1 << 18;
        let d: Vec<i64> = (0..n as i64).map(|i| i % 1000 - 500).collect();
        let a = array(&d);
        check(&a.sum(), &[], &[d.iter().sum::<i64>()]);
        let m = a.reshape(&[512, 512]);
        let cols: Vec<i64> = (0..512)
            .map(|j| (0..512).map(|i| d[i * 512 + j]).sum())
            .collect();
        check(&m.sum_axis(0), &[512], &cols);
    });
}

fn cumsums<T: Num>(n: usize) {
    let d = data::<T>(n);
    let a = array(&d);
    let run = |xs: &mut dyn Iterator<Item = T>| -> Vec<T> {
        let mut s = T::of(0);
        xs.map(|x| {
            s = s + x;
            s
        })
        .collect()
    };
    if T::DTYPE.itemsize() == 8 || T::DTYPE == lazyarray::DType::F32 {
        check(&a.cumsum(0), &[n], &run(&mut d.iter().copied()));
        check(
            &a.slice(s![..;-1]).cumsum(0),
            &[n],
            &run(&mut d.iter().rev().copied()),
        );
        for r in (1..=n).filter(|r| n.is_multiple_of(*r)) {
            let c = n / r;
            let m = a.reshape(&[r as isize, c as isize]);
            // cumsum along axis 0 of the reversed rows: m[::-1].cumsum(0)
            let mut want = vec![T::of(0); n];
            for j in 0..c {
                let col = run(&mut (0..r).map(|i| d[(r - 1 - i) * c + j]));
                for i in 0..r {
                    want[i * c + j] = col[i];
                }
            }
            check(&m.slice(s![..;-1]).cumsum(0), &[r, c], &want);
        }
    }
}

#[test]
fn cumsum_over_edges_and_reversed_views() {
    both_ends(|| {
        for n in sizes() {
            every_type!(cumsums, n);
        }
    });
}

fn concatenations<T: Num>(n: usize) {
    let d = data::<T>(n);
    let a = array(&d);
    // concatenate([a[:0], a[-1:], a[::-1], a[:1]])
    let mut want = vec![d[n - 1]];
    want.extend(d.iter().rev());
    want.push(d[0]);
    let parts = [
        a.slice(s![..0]),
        a.slice(s![-1..]),
        a.slice(s![..;-1]),
        a.slice(s![..1]),
    ];
    check(
        &concatenate(&parts.iter().collect::<Vec<_>>(), 0),
        &[n + 2],
        &want,
    );
    // along axis 1: [a[:, None], a[::-1, None] * 2]
    let col = a.reshape(&[n as isize, 1]);
    let rev = a.slice(s![..;-1]).reshape(&[n as isize, 1]) * 2;
    let want: Vec<T> = (0..n)
        .flat_map(|i| [d[i], d[n - 1 - i] * T::of(2)])
        .collect();
    check(&concatenate(&[&col, &rev], 1), &[n, 2], &want);
}

#[test]
fn concatenation_parts_at_the_edges() {
    both_ends(|| {
        for n in sizes() {
            every_type!(concatenations, n);
        }
    });
}

#[test]
fn empty_and_size_one_arrays() {
    both_ends(|| {
        let e = Array::from_slice::<f64>(&[], &[0]);
        check(&(&e * 2.0 + 1.0), &[0], &[] as &[f64]);
        check(&e.sum(), &[], &[0.0]);
        check(&e.cumsum(0), &[0], &[] as &[f64]);
        check(&concatenate(&[&e, &e], 0), &[0], &[] as &[f64]);
        let e2 = Array::from_slice::<i64>(&[], &[3, 0]);
        check(&e2.sum_axis(1), &[3], &[0i64, 0, 0]);
        check(&e2.sum_axis(0), &[0], &[] as &[i64]);
        check(&e2.t().slice(s![..;-1]), &[0, 3], &[] as &[i64]);
        let one = Array::from_slice(&[7.5f64], &[1]);
        check(&(one.slice(s![..;-1]) * 2.0), &[1], &[15.0]);
        check(&one.broadcast_to(&[2, 3]).sum_axis(0), &[3], &[15.0; 3]);
        check(&one.cumsum(0), &[1], &[7.5]);
        check(&one.reshape(&[1, 1]).t().max(), &[], &[7.5]);
        check(
            &one.take(&Array::from_slice(&[-1i64, 0], &[2]), 0),
            &[2],
            &[7.5, 7.5],
        );
        let b = Array::from_slice(&[true], &[1]);
        check(&b.logical_not(), &[1], &[false]);
    });
}

fn vector_widths<T: Num>(n: usize) {
    // n + 2 elements, read from element 1 (no alignment at all) or 2 (so the vector loop ends
    // exactly at the end of the buffer).
    let d = data::<T>(n + 2);
    let a = array(&d);
    for k in [1usize, 2] {
        let v = a.slice(s![k..k + n]);
        let w = a.slice(s![..n]);
        let want: Vec<T> = (0..n)
            .map(|i| {
                let (x, y) = (d[k + i], d[i]);
                (x * T::of(3) + y) * (if x > y { x } else { y })
            })
            .collect();
        check(&((&v * 3 + &w) * v.maximum(&w)), &[n], &want);
    }
}

#[test]
fn every_size_around_the_vector_widths() {
    both_ends(|| {
        for n in sizes() {
            every_type!(vector_widths, n);
            // float-only vector ops: sqrt, abs, floor (correctly rounded or exact)
            let d: Vec<f64> = (0..n).map(|i| (i * i) as f64 * 0.25 + 1.0).collect();
            let a = array(&d);
            let want: Vec<f64> = d.iter().map(|x| x.sqrt() + (-x).abs().floor()).collect();
            check(&(a.sqrt() + (-&a).abs().floor()), &[n], &want);
        }
    });
}

/// Kernels run together a block of rows at a time (rows wide enough for a one-row block):
/// `d = x - x.max(1, keepdims)`, `s = d.sum(1, keepdims)`, `d * s`.
#[test]
fn row_blocked_kernels_at_the_edges() {
    both_ends(|| {
        let (r, c) = (5usize, 30_001usize);
        let x: Vec<i64> = (0..r * c).map(|k| ((k * 13) % 101) as i64 - 50).collect();
        let a = Array::from_slice(&x, &[r, c]);
        let d = &a - a.max_axes(&[1], true);
        let s = d.sum_axes(&[1], true);
        let out = &d * &s;
        let mut want = Vec::with_capacity(r * c);
        for i in 0..r {
            let row = &x[i * c..(i + 1) * c];
            let m = *row.iter().max().unwrap();
            let s: i64 = row.iter().map(|v| v - m).sum();
            want.extend(row.iter().map(|v| (v - m) * s));
        }
        check(&out, &[r, c], &want);
    });
}

/// Length-1 axes may have any stride (it is never multiplied by a nonzero index): views with
/// `isize::MAX` / `isize::MIN` strides there are inside their buffer and must evaluate. Here the
/// planner drops the length-1 loop.
#[test]
fn extent_one_axes_with_extreme_strides() {
    both_ends(|| {
        let d: Vec<i64> = (0..6).map(|i| i * 10 - 7).collect();
        let a = array(&d);
        let twice: Vec<i64> = d.iter().map(|x| x * 2).collect();
        check(
            &(a.as_strided(&[1, 6], &[isize::MAX, 1], 0) * 2),
            &[1, 6],
            &twice,
        );
        check(
            &(a.as_strided(&[6, 1], &[1, isize::MIN], 0) * 2),
            &[6, 1],
            &twice,
        );
        let odd_back = [d[5], d[3], d[1]];
        check(
            &(a.slice(s![..;-1]).as_strided(&[1, 3], &[isize::MAX, 2], 0) + 0),
            &[1, 3],
            &odd_back,
        );
        check(&a.as_strided(&[1], &[isize::MAX], 5).argmax(), &[], &[0i64]);
        check(
            &a.as_strided(&[1, 6], &[isize::MAX, 1], 0).sum_axis(0),
            &[6],
            &d,
        );
        let run: Vec<i64> = d
            .iter()
            .scan(0, |s, x| {
                *s += x;
                Some(*s)
            })
            .collect();
        check(
            &a.as_strided(&[1, 6], &[isize::MIN, 1], 0).cumsum(1),
            &[1, 6],
            &run,
        );
    });
}

/// The same where the length-1 loop is kept (a domain of ones, a scanned axis, a gather axis):
/// the byte stride `stride * itemsize` does not fit `i64` once `|stride| * itemsize > i64::MAX`;
/// it must neither panic nor reach memory (it is only ever multiplied by index 0).
#[test]
fn kept_extent_one_loops_with_extreme_strides() {
    both_ends(|| {
        let d: Vec<i64> = (0..6).map(|i| i * 10 - 7).collect();
        let a = array(&d);
        check(
            &(a.as_strided(&[1], &[isize::MAX], 5) + 1),
            &[1],
            &[d[5] + 1],
        );
        check(&(a.as_strided(&[1], &[1 << 60], 5) + 1), &[1], &[d[5] + 1]);
        check(
            &(a.as_strided(&[1, 1], &[isize::MIN, isize::MAX], 3) * 2),
            &[1, 1],
            &[d[3] * 2],
        );
        check(&a.as_strided(&[1], &[isize::MAX], 5).sum(), &[], &[d[5]]);
        check(
            &a.as_strided(&[6, 1], &[1, isize::MAX], 0).cumsum(1),
            &[6, 1],
            &d,
        );
        check(
            &a.as_strided(&[1, 6], &[isize::MIN, 1], 0).cumsum(0),
            &[1, 6],
            &d,
        );
        let i = Array::from_slice(&[0i64, -1], &[2]);
        check(
            &a.as_strided(&[1], &[isize::MAX], 5).take(&i, 0),
            &[2],
            &[d[5], d[5]],
        );
        let f = Array::from_slice(&[0.5f64, 1.5, 2.5], &[3]);
        check(&(f.as_strided(&[1], &[isize::MIN], 0) * 2.0), &[1], &[1.0]);
        let w = Array::from_slice(&[7i32, 8, 9], &[3]);
        check(
            &(w.as_strided(&[1], &[(1 << 61) + 1], 2) + 1),
            &[1],
            &[10i32],
        );
    });
}
