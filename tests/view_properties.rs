//! Property tests of the view algebra.
//!
//! 1. Random chains of view ops (slices with random bounds and steps, indices, new axes,
//!    ellipses, permutes, transposes, broadcasts, reshapes, expand_dims, squeezes, diagonals,
//!    sliding windows, as_strided) composed into one `View` with `View::apply` over a base buffer
//!    give the same elements as a plain model that materializes every step with direct index
//!    maths (written here, independently of the library), and so does the `Array` API.
//! 2. `View::apply(&ViewOp::Reshape(..))` returns a view exactly when one exists: when some
//!    strides for the new shape reach, for every C-order position, the element the old view
//!    reaches at that position (a brute-force oracle), and the view it returns does that.

mod common;
use common::*;
use lazyarray::{Array, DType, SliceArg};
use lazyarray_ir::{View, ViewOp};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

/// Calls `f` with every multi-index of `shape` in C order.
fn for_each_index(shape: &[usize], mut f: impl FnMut(&[usize])) {
    if shape.contains(&0) {
        return;
    }
    let mut idx = vec![0usize; shape.len()];
    loop {
        f(&idx);
        let mut k = shape.len();
        loop {
            if k == 0 {
                return;
            }
            k -= 1;
            idx[k] += 1;
            if idx[k] < shape[k] {
                break;
            }
            idx[k] = 0;
        }
    }
}

/// A small deterministic generator (splitmix64) for choices that depend on a shape only known
/// while a chain runs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A random shape of `size` elements with 1 to `max_ndim` dims (a zero dim when `size` is 0).
fn random_shape_of_size(size: usize, rng: &mut Rng, max_ndim: usize) -> Vec<usize> {
    let ndim = 1 + rng.below(max_ndim);
    if size == 0 {
        let mut dims: Vec<usize> = (0..ndim).map(|_| rng.below(4)).collect();
        let z = rng.below(ndim);
        dims[z] = 0;
        return dims;
    }
    let mut dims = vec![1usize; ndim];
    let (mut n, mut p) = (size, 2);
    while n > 1 {
        while n % p == 0 {
            let k = rng.below(ndim);
            dims[k] *= p;
            n /= p;
        }
        p += 1;
    }
    dims
}

// ---------------------------------------------------------------------------------------------
// 1. Chains of view ops
// ---------------------------------------------------------------------------------------------

/// A materialized array of the model: C-order data and a shape.
#[derive(Clone, Debug)]
struct Dense {
    shape: Vec<usize>,
    data: Vec<i64>,
}

impl Dense {
    fn at(&self, idx: &[usize]) -> i64 {
        let mut flat = 0;
        for (&i, &d) in idx.iter().zip(&self.shape) {
            assert!(i < d, "model index {idx:?} outside {:?}", self.shape);
            flat = flat * d + i;
        }
        self.data[flat]
    }

    /// The array of `shape` whose element at each index is `f(index)`.
    fn build(shape: Vec<usize>, mut f: impl FnMut(&[usize]) -> i64) -> Dense {
        let mut data = Vec::new();
        for_each_index(&shape, |idx| data.push(f(idx)));
        Dense { shape, data }
    }
}

/// A raw indexing element, made concrete against the shape when the chain runs.
#[derive(Clone, Debug)]
enum RawArg {
    /// `start:stop:step`; an empty result is kept only when the flag says so (or the slice
    /// would be empty anyway), so that most chains keep elements to compare.
    Range(Option<isize>, Option<isize>, isize, bool),
    Index(i8),
    NewAxis,
    Ellipsis,
}

/// A raw step of a chain; its parameters are made valid for the shape when the chain runs.
#[derive(Clone, Debug)]
enum RawStep {
    Slice(Vec<RawArg>),
    Permute(u64),
    Transpose,
    BroadcastTo(u64),
    Reshape(u64),
    ExpandDims(i8),
    Squeeze(u64),
    Diagonal(i8, u64),
    Windows(u64),
    AsStrided(Vec<(u8, i8)>, u8),
}

/// A concrete op, valid for the shape it was resolved against.
#[derive(Clone, Debug)]
enum Step {
    Slice(Vec<SliceArg>),
    Permute(Vec<isize>),
    Transpose,
    BroadcastTo(Vec<usize>),
    Reshape(Vec<isize>),
    ExpandDims(isize),
    Squeeze(Option<Vec<isize>>),
    Diagonal(isize, isize, isize),
    Windows(usize, isize),
    AsStrided(Vec<usize>, Vec<isize>, usize),
}

/// An axis `k` of `n`, negative (counted from the end) when `neg`.
fn maybe_negative(k: usize, n: usize, neg: bool) -> isize {
    if neg {
        k as isize - n as isize
    } else {
        k as isize
    }
}

/// Makes a raw step concrete for `shape`; `None` when it does not apply (or would grow the
/// array too much).
fn resolve(raw: &RawStep, shape: &[usize]) -> Option<Step> {
    let n = shape.len();
    let size: usize = shape.iter().product();
    Some(match raw {
        RawStep::Slice(args) => {
            // At most one ellipsis and at most `n` consuming elements.
            let mut kept: Vec<&RawArg> = Vec::new();
            let (mut consumed, mut ellipsis) = (0, None);
            for a in args {
                match a {
                    RawArg::Ellipsis if ellipsis.is_none() => {
                        ellipsis = Some(consumed);
                        kept.push(a);
                    }
                    RawArg::Ellipsis => {}
                    RawArg::NewAxis => kept.push(a),
                    RawArg::Range(..) | RawArg::Index(_) if consumed < n => {
                        consumed += 1;
                        kept.push(a);
                    }
                    _ => {}
                }
            }
            // Consuming elements after the ellipsis index the last axes.
            let skip = n - consumed;
            let mut out = Vec::new();
            let mut count = 0;
            for a in kept {
                let axis = match ellipsis {
                    Some(e) if count >= e => count + skip,
                    _ => count,
                };
                out.push(match *a {
                    RawArg::Range(start, stop, step, allow_empty) => {
                        count += 1;
                        let d = shape[axis] as isize;
                        let empty = numpy_slice(start, stop, step, d).1 == 0;
                        if empty && !allow_empty {
                            SliceArg::Range {
                                start: None,
                                stop: None,
                                step,
                            }
                        } else {
                            SliceArg::Range { start, stop, step }
                        }
                    }
                    RawArg::Index(i) => {
                        count += 1;
                        let d = shape[axis] as isize;
                        if d == 0 {
                            SliceArg::Range {
                                start: None,
                                stop: None,
                                step: 1,
                            }
                        } else {
                            SliceArg::Index((i as isize).rem_euclid(2 * d) - d)
                        }
                    }
                    RawArg::NewAxis => SliceArg::NewAxis,
                    RawArg::Ellipsis => SliceArg::Ellipsis,
                });
            }
            Step::Slice(out)
        }
        RawStep::Permute(seed) => {
            let mut rng = Rng(*seed);
            let mut perm: Vec<usize> = (0..n).collect();
            for i in (1..n).rev() {
                perm.swap(i, rng.below(i + 1));
            }
            Step::Permute(
                perm.iter()
                    .map(|&k| maybe_negative(k, n, rng.below(2) == 0))
                    .collect(),
            )
        }
        RawStep::Transpose => Step::Transpose,
        RawStep::BroadcastTo(seed) => {
            let mut rng = Rng(*seed);
            // New extents are 1 to 3, now and then 0.
            let extent = |rng: &mut Rng| rng.below(13).div_ceil(4);
            let lead = rng.below(3);
            let mut target: Vec<usize> = (0..lead).map(|_| extent(&mut rng)).collect();
            for &d in shape {
                target.push(if d == 1 && rng.below(2) == 0 {
                    extent(&mut rng)
                } else {
                    d
                });
            }
            if target.iter().product::<usize>() > 1500 {
                return None;
            }
            Step::BroadcastTo(target)
        }
        RawStep::Reshape(seed) => {
            let mut rng = Rng(*seed);
            let dims = random_shape_of_size(size, &mut rng, 5);
            let mut dims: Vec<isize> = dims.iter().map(|&d| d as isize).collect();
            if size > 0 && rng.below(2) == 0 {
                let k = rng.below(dims.len());
                dims[k] = -1;
            }
            Step::Reshape(dims)
        }
        RawStep::ExpandDims(a) => {
            let m = (n + 1) as isize;
            Step::ExpandDims((*a as isize).rem_euclid(2 * m) - m)
        }
        RawStep::Squeeze(seed) => {
            let mut rng = Rng(*seed);
            if rng.below(2) == 0 {
                Step::Squeeze(None)
            } else {
                let mut axes = Vec::new();
                for k in (0..n).filter(|&k| shape[k] == 1) {
                    if rng.below(2) == 0 {
                        axes.push(maybe_negative(k, n, rng.below(2) == 0));
                    }
                }
                Step::Squeeze(Some(axes))
            }
        }
        RawStep::Diagonal(offset, seed) => {
            if n < 2 {
                return None;
            }
            let mut rng = Rng(*seed);
            let a1 = rng.below(n);
            let a2 = (a1 + 1 + rng.below(n - 1)) % n;
            Step::Diagonal(
                *offset as isize % 3,
                maybe_negative(a1, n, rng.below(2) == 0),
                maybe_negative(a2, n, rng.below(2) == 0),
            )
        }
        RawStep::Windows(seed) => {
            if n == 0 {
                return None;
            }
            let mut rng = Rng(*seed);
            let ax = rng.below(n);
            // Windows of 1 to n, now and then of 0.
            let w = rng.below(4 * shape[ax] + 1).div_ceil(4);
            if size / shape[ax].max(1) * (shape[ax] + 1 - w) * w > 1500 {
                return None;
            }
            Step::Windows(w, maybe_negative(ax, n, rng.below(2) == 0))
        }
        RawStep::AsStrided(dims, offset) => {
            let shape: Vec<usize> = dims.iter().map(|&(d, _)| d as usize % 4).collect();
            let strides: Vec<isize> = dims.iter().map(|&(_, s)| s as isize % 4).collect();
            Step::AsStrided(shape, strides, *offset as usize % (size + 1))
        }
    })
}

/// NumPy's slice bounds (CPython's `PySlice_Unpack` + `PySlice_AdjustIndices`): the first index
/// and the number of elements of `start:stop:step` on an axis of `n`.
fn numpy_slice(start: Option<isize>, stop: Option<isize>, step: isize, n: isize) -> (isize, isize) {
    let adjust = |v: Option<isize>, default_fwd: isize, default_back: isize| match v {
        None => {
            if step < 0 {
                default_back
            } else {
                default_fwd
            }
        }
        Some(mut v) => {
            if v < 0 {
                v += n;
                if v < 0 {
                    v = if step < 0 { -1 } else { 0 };
                }
            } else if v >= n {
                v = if step < 0 { n - 1 } else { n };
            }
            v
        }
    };
    let start = adjust(start, 0, n - 1);
    let stop = adjust(stop, n, -1);
    let len = if step < 0 {
        if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    (start, len)
}

/// Where an output axis of a slice comes from.
enum Out {
    /// Input axis `axis`, element `start + i * step`.
    Range {
        axis: usize,
        start: isize,
        step: isize,
    },
    /// A new axis of length 1.
    New,
}

/// The model: applies `step` to a materialized array by direct index maths. `None` when the
/// op is invalid for the array (only `as_strided` outside the elements can be).
fn model(x: &Dense, step: &Step) -> Option<Dense> {
    let n = x.shape.len();
    let norm = |a: isize, m: usize| {
        if a < 0 {
            (a + m as isize) as usize
        } else {
            a as usize
        }
    };
    Some(match step {
        Step::Slice(args) => {
            let consumed = args
                .iter()
                .filter(|a| matches!(a, SliceArg::Range { .. } | SliceArg::Index(_)))
                .count();
            let mut fixed = vec![0usize; n];
            let mut outs = Vec::new();
            let mut shape = Vec::new();
            let mut axis = 0;
            let full = SliceArg::Range {
                start: None,
                stop: None,
                step: 1,
            };
            let mut expanded = Vec::new();
            for a in args {
                if *a == SliceArg::Ellipsis {
                    expanded.extend(std::iter::repeat_n(full, n - consumed));
                } else {
                    expanded.push(*a);
                }
            }
            while expanded
                .iter()
                .filter(|a| matches!(a, SliceArg::Range { .. } | SliceArg::Index(_)))
                .count()
                < n
            {
                expanded.push(full);
            }
            for a in expanded {
                match a {
                    SliceArg::Range { start, stop, step } => {
                        let (s, len) = numpy_slice(start, stop, step, x.shape[axis] as isize);
                        outs.push(Out::Range {
                            axis,
                            start: s,
                            step,
                        });
                        shape.push(len as usize);
                        axis += 1;
                    }
                    SliceArg::Index(i) => {
                        fixed[axis] = norm(i, x.shape[axis]);
                        axis += 1;
                    }
                    SliceArg::NewAxis => {
                        outs.push(Out::New);
                        shape.push(1);
                    }
                    SliceArg::Ellipsis => unreachable!(),
                }
            }
            Dense::build(shape, |idx| {
                let mut src = fixed.clone();
                for (o, &i) in outs.iter().zip(idx) {
                    if let Out::Range { axis, start, step } = *o {
                        src[axis] = (start + i as isize * step) as usize;
                    }
                }
                x.at(&src)
            })
        }
        Step::Permute(perm) => {
            let perm: Vec<usize> = perm.iter().map(|&p| norm(p, n)).collect();
            let shape = perm.iter().map(|&p| x.shape[p]).collect();
            Dense::build(shape, |idx| {
                let mut src = vec![0; n];
                for (k, &p) in perm.iter().enumerate() {
                    src[p] = idx[k];
                }
                x.at(&src)
            })
        }
        Step::Transpose => {
            let shape = x.shape.iter().rev().copied().collect();
            Dense::build(shape, |idx| {
                let src: Vec<usize> = idx.iter().rev().copied().collect();
                x.at(&src)
            })
        }
        Step::BroadcastTo(target) => {
            let lead = target.len() - n;
            Dense::build(target.clone(), |idx| {
                let src: Vec<usize> = (0..n)
                    .map(|k| if x.shape[k] == 1 { 0 } else { idx[lead + k] })
                    .collect();
                x.at(&src)
            })
        }
        Step::Reshape(dims) => {
            let known: usize = dims
                .iter()
                .filter(|&&d| d >= 0)
                .map(|&d| d as usize)
                .product();
            let shape = dims
                .iter()
                .map(|&d| {
                    if d < 0 {
                        x.data.len() / known
                    } else {
                        d as usize
                    }
                })
                .collect();
            Dense {
                shape,
                data: x.data.clone(),
            }
        }
        Step::ExpandDims(a) => {
            let mut shape = x.shape.clone();
            shape.insert(norm(*a, n + 1), 1);
            Dense {
                shape,
                data: x.data.clone(),
            }
        }
        Step::Squeeze(axes) => {
            let drop: Vec<usize> = match axes {
                None => (0..n).filter(|&k| x.shape[k] == 1).collect(),
                Some(axes) => axes.iter().map(|&a| norm(a, n)).collect(),
            };
            let shape = (0..n)
                .filter(|k| !drop.contains(k))
                .map(|k| x.shape[k])
                .collect();
            Dense {
                shape,
                data: x.data.clone(),
            }
        }
        Step::Diagonal(offset, a1, a2) => {
            let (a1, a2) = (norm(*a1, n), norm(*a2, n));
            let (r0, c0) = if *offset >= 0 {
                (0, *offset)
            } else {
                (-*offset, 0)
            };
            let len = (x.shape[a1] as isize - r0)
                .min(x.shape[a2] as isize - c0)
                .max(0) as usize;
            let rest: Vec<usize> = (0..n).filter(|&k| k != a1 && k != a2).collect();
            let mut shape: Vec<usize> = rest.iter().map(|&k| x.shape[k]).collect();
            shape.push(len);
            Dense::build(shape, |idx| {
                let mut src = vec![0; n];
                for (j, &k) in rest.iter().enumerate() {
                    src[k] = idx[j];
                }
                let d = idx[rest.len()];
                src[a1] = d + r0 as usize;
                src[a2] = d + c0 as usize;
                x.at(&src)
            })
        }
        Step::Windows(w, ax) => {
            let ax = norm(*ax, n);
            let mut shape = x.shape.clone();
            shape[ax] = shape[ax] + 1 - w;
            shape.push(*w);
            Dense::build(shape, |idx| {
                let mut src = idx[..n].to_vec();
                src[ax] += idx[n];
                x.at(&src)
            })
        }
        Step::AsStrided(shape, strides, offset) => {
            let mut ok = true;
            let out = Dense::build(shape.clone(), |idx| {
                let pos = *offset as isize
                    + idx
                        .iter()
                        .zip(strides)
                        .map(|(&i, &s)| i as isize * s)
                        .sum::<isize>();
                if pos < 0 || pos >= x.data.len() as isize {
                    ok = false;
                    return 0;
                }
                x.data[pos as usize]
            });
            if !ok {
                return None;
            }
            out
        }
    })
}

/// The op as built by the IR's checked constructors for an input of `shape`.
fn view_op(step: &Step, shape: &[usize]) -> ViewOp {
    let n = shape.len();
    match step {
        Step::Slice(args) => ViewOp::slice(args, shape),
        Step::Permute(perm) => ViewOp::permute(perm, n),
        Step::Transpose => ViewOp::permute(&(0..n as isize).rev().collect::<Vec<_>>(), n),
        Step::BroadcastTo(t) => ViewOp::broadcast_to(shape, t),
        Step::Reshape(d) => ViewOp::reshape(shape, d, DType::I64),
        Step::ExpandDims(a) => ViewOp::expand_dims(shape, *a),
        Step::Squeeze(axes) => ViewOp::squeeze(shape, axes.as_deref()),
        Step::Diagonal(o, a1, a2) => ViewOp::diagonal(shape, *o, *a1, *a2),
        Step::Windows(w, ax) => ViewOp::windows(shape, &[*w], &[*ax]),
        Step::AsStrided(s, st, off) => ViewOp::as_strided(shape, s, st, *off, DType::I64),
    }
    .unwrap_or_else(|e| panic!("{step:?} on {shape:?} was refused: {e}"))
}

/// The same op through the public `Array` API.
fn array_op(a: &Array, step: &Step) -> Array {
    match step {
        Step::Slice(args) => a.slice(args),
        Step::Permute(perm) => a.permute(perm),
        Step::Transpose => a.t(),
        Step::BroadcastTo(t) => a.broadcast_to(t),
        Step::Reshape(d) => a.reshape(d),
        Step::ExpandDims(ax) => a.expand_dims(*ax),
        Step::Squeeze(None) => a.squeeze(),
        Step::Squeeze(Some(axes)) => a.squeeze_axes(axes),
        Step::Diagonal(o, a1, a2) => a.diagonal_with(*o, *a1, *a2),
        Step::Windows(w, ax) => a.windows(*w, *ax),
        Step::AsStrided(s, st, off) => a.as_strided(s, st, *off),
    }
}

/// The elements a view reaches in a base, in C order.
fn gather(base: &[i64], view: &View) -> Vec<i64> {
    assert!(
        view.fits_in(base.len()),
        "{view} reaches outside its base of {}",
        base.len()
    );
    let mut out = Vec::new();
    for_each_index(&view.shape, |idx| out.push(base[view.offset_of(idx)]));
    out
}

fn raw_arg() -> impl Strategy<Value = RawArg> {
    let bound = || prop::option::of(-8isize..=8);
    let step = prop_oneof![-3isize..=-1, 1isize..=3];
    prop_oneof![
        5 => (bound(), bound(), step, prop::bool::weighted(0.2))
            .prop_map(|(a, b, s, e)| RawArg::Range(a, b, s, e)),
        2 => any::<i8>().prop_map(RawArg::Index),
        1 => Just(RawArg::NewAxis),
        1 => Just(RawArg::Ellipsis),
    ]
}

fn raw_step() -> impl Strategy<Value = RawStep> {
    prop_oneof![
        4 => prop::collection::vec(raw_arg(), 0..6).prop_map(RawStep::Slice),
        2 => any::<u64>().prop_map(RawStep::Permute),
        1 => Just(RawStep::Transpose),
        2 => any::<u64>().prop_map(RawStep::BroadcastTo),
        3 => any::<u64>().prop_map(RawStep::Reshape),
        1 => any::<i8>().prop_map(RawStep::ExpandDims),
        1 => any::<u64>().prop_map(RawStep::Squeeze),
        1 => (any::<i8>(), any::<u64>()).prop_map(|(o, s)| RawStep::Diagonal(o, s)),
        1 => any::<u64>().prop_map(RawStep::Windows),
        1 => (prop::collection::vec(any::<(u8, i8)>(), 0..4), any::<u8>())
            .prop_map(|(d, o)| RawStep::AsStrided(d, o)),
    ]
}

proptest! {
    /// A chain of views composed with `View::apply` (copying only where `apply` says a view is
    /// impossible) and the same chain through `Array` give the model's elements.
    #[test]
    fn composed_views_match_direct_indexing(
        base_shape in prop::collection::vec(prop_oneof![1 => Just(0usize), 12 => 1usize..=5], 0..=4),
        raw_steps in prop::collection::vec(raw_step(), 1..7),
    ) {
        let size: usize = base_shape.iter().product();
        let data: Vec<i64> = (0..size as i64).map(|x| x * 7 - 3).collect();
        let mut dense = Dense { shape: base_shape.clone(), data: data.clone() };
        let mut base = data.clone();
        let mut view = View::contiguous(&base_shape);
        let mut arr = Array::from_vec(data, &base_shape);
        for raw in &raw_steps {
            let Some(step) = resolve(raw, &dense.shape) else { continue };
            if let Step::AsStrided(s, st, off) = &step {
                // The checked constructor refuses exactly what falls outside the elements.
                let valid = model(&dense, &step).is_some();
                let built = ViewOp::as_strided(&dense.shape, s, st, *off, DType::I64);
                prop_assert_eq!(built.is_ok(), valid, "{:?} on {:?}", step, dense.shape);
                if !valid {
                    continue;
                }
            }
            let next = model(&dense, &step).expect("a valid step");
            let op = view_op(&step, &view.shape);
            view = match view.apply(&op) {
                Some(v) => v,
                None => {
                    // Not a view of this base: copy (as the planner does) and apply again.
                    base = gather(&base, &view);
                    View::contiguous(&view.shape)
                        .apply(&op)
                        .unwrap_or_else(|| panic!("{op} does not apply to a contiguous input"))
                }
            };
            prop_assert!(view.fits_in(base.len()), "{} outside {} elements", view, base.len());
            prop_assert_eq!(&view.shape[..], &next.shape[..], "shape after {:?}", step);
            arr = array_op(&arr, &step);
            dense = next;
        }
        prop_assert_eq!(gather(&base, &view), dense.data.clone(), "composed view {}", view);
        check(&arr, &dense.shape, &dense.data);
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Reshape is a view exactly when some strides reproduce the element order
// ---------------------------------------------------------------------------------------------

/// The element offsets a view reaches, in C order (in `i64`, so nothing wraps).
fn offsets(shape: &[usize], strides: &[isize], offset: i64) -> Vec<i64> {
    let mut out = Vec::new();
    for_each_index(shape, |idx| {
        out.push(
            offset
                + idx
                    .iter()
                    .zip(strides)
                    .map(|(&i, &s)| i as i64 * s as i64)
                    .sum::<i64>(),
        )
    });
    out
}

/// Brute force: strides for `new_shape` exist that reach `old` (the old view's offsets in C
/// order) at every position. The stride of an axis of extent > 1 must be the step from position
/// 0 to the position of that axis' unit index; extent-1 axes never move, so any stride will do.
fn view_exists(old: &[i64], new_shape: &[usize]) -> bool {
    if old.is_empty() {
        return true;
    }
    let mut unit = 1usize;
    let mut strides = vec![0isize; new_shape.len()];
    for k in (0..new_shape.len()).rev() {
        if new_shape[k] > 1 {
            strides[k] = (old[unit] - old[0]) as isize;
        }
        unit *= new_shape[k];
    }
    offsets(new_shape, &strides, old[0]) == old
}

/// An old view over a large base: a random shape with strides that are C-contiguous, reversed,
/// scaled, zero or arbitrary per axis (so some reshapes are views and some are not).
fn old_view() -> impl Strategy<Value = View> {
    prop::collection::vec((0usize..=5, 0u8..5, -6isize..=6), 0..=4).prop_map(|axes| {
        let mut shape = Vec::new();
        let mut strides = Vec::new();
        let mut expected: isize = 1;
        for &(d, kind, s) in axes.iter().rev() {
            let stride = match kind {
                0 | 1 => expected,
                2 => -expected,
                3 => expected * 2,
                _ => s,
            };
            shape.push(d);
            strides.push(stride);
            expected = stride.abs().max(1) * d.max(1) as isize;
        }
        shape.reverse();
        strides.reverse();
        View {
            shape: shape.as_slice().into(),
            strides: strides.as_slice().into(),
            offset: 10_000,
        }
    })
}

proptest! {
    #[test]
    fn reshape_is_a_view_exactly_when_strides_exist(old in old_view(), seed in any::<u64>()) {
        let mut rng = Rng(seed);
        let new_shape = random_shape_of_size(old.size(), &mut rng, 4);
        let old_offsets = offsets(&old.shape, &old.strides, old.offset as i64);
        let expected = view_exists(&old_offsets, &new_shape);
        let got = old.apply(&ViewOp::Reshape(new_shape.as_slice().into()));
        prop_assert_eq!(
            got.is_some(),
            expected,
            "reshape of {} to {:?}: apply gave {:?}",
            old,
            new_shape,
            got
        );
        if let Some(v) = got {
            prop_assert_eq!(&v.shape[..], &new_shape[..]);
            prop_assert_eq!(
                offsets(&v.shape, &v.strides, v.offset as i64),
                old_offsets,
                "reshape of {} to {:?} gave {}",
                old,
                new_shape,
                v
            );
        }
    }

    /// Views built by real ops (slices, permutes, broadcasts) rather than random strides.
    #[test]
    fn reshape_of_op_built_views_is_a_view_exactly_when_strides_exist(
        base_shape in prop::collection::vec(1usize..=5, 1..=4),
        steps in prop::collection::vec(raw_step(), 0..4),
        seed in any::<u64>(),
    ) {
        let mut view = View::contiguous(&base_shape);
        for raw in &steps {
            let Some(step) = resolve(raw, &view.shape) else { continue };
            if matches!(step, Step::AsStrided(..) | Step::Reshape(_)) || view.ndim() > 4 {
                continue;
            }
            view = view.apply(&view_op(&step, &view.shape)).expect("never a copy");
        }
        let mut rng = Rng(seed);
        let new_shape = random_shape_of_size(view.size(), &mut rng, 4);
        let old_offsets = offsets(&view.shape, &view.strides, view.offset as i64);
        let got = view.apply(&ViewOp::Reshape(new_shape.as_slice().into()));
        prop_assert_eq!(got.is_some(), view_exists(&old_offsets, &new_shape),
            "reshape of {} to {:?}", view, new_shape);
        if let Some(v) = got {
            prop_assert_eq!(offsets(&v.shape, &v.strides, v.offset as i64), old_offsets);
        }
    }
}

/// The oracle itself, on NumPy's own verdicts (`np.shares_memory(a, a.reshape(s))`).
#[test]
fn reshape_oracle_agrees_with_numpy_examples() {
    let c = |shape: &[usize]| View::contiguous(shape);
    let t = |v: View| v.apply(&ViewOp::permute(&[1, 0], 2).unwrap()).unwrap();
    let cases: [(View, &[usize], bool); 7] = [
        // a = np.zeros((10, 10)); a.reshape(100) is a view
        (c(&[10, 10]), &[100], true),
        // a.T.reshape(100) is a copy
        (t(c(&[10, 10])), &[100], false),
        // a.T.reshape(10, 10, 1) is a view
        (t(c(&[10, 10])), &[10, 10, 1], true),
        // b = np.zeros((2, 3)); b.T.reshape(2, 3) is a copy, b.T.reshape(3, 1, 2) a view
        (t(c(&[2, 3])), &[2, 3], false),
        (t(c(&[2, 3])), &[3, 1, 2], true),
        // np.zeros((4, 6))[:, :3].reshape(12) is a copy; .reshape(2, 2, 3) is a view
        (
            c(&[4, 6])
                .apply(&ViewOp::slice(&lazyarray::s![.., ..3], &[4, 6]).unwrap())
                .unwrap(),
            &[12],
            false,
        ),
        (
            c(&[4, 6])
                .apply(&ViewOp::slice(&lazyarray::s![.., ..3], &[4, 6]).unwrap())
                .unwrap(),
            &[2, 2, 3],
            true,
        ),
    ];
    for (v, new_shape, numpy_says_view) in cases {
        let offs = offsets(&v.shape, &v.strides, v.offset as i64);
        assert_eq!(
            view_exists(&offs, new_shape),
            numpy_says_view,
            "{v} -> {new_shape:?}"
        );
        assert_eq!(
            v.apply(&ViewOp::Reshape(new_shape.into())).is_some(),
            numpy_says_view,
            "{v} -> {new_shape:?}"
        );
    }
}

/// Composing onto views with extreme strides or offsets (which only `as_strided` builds, and
/// only where they are never used: empty views, axes of one element) never overflows.
#[test]
fn apply_never_overflows_on_extreme_views() {
    let data: Vec<i64> = (0..10).collect();
    let base = View::contiguous(&[10]);
    let strided = |shape: &[usize], strides: &[isize], offset: usize| {
        let op = ViewOp::as_strided(&[10], shape, strides, offset, DType::I64).unwrap();
        base.apply(&op).unwrap()
    };
    // An empty view with huge strides, then slices, an index and diagonals: still empty.
    let empty = strided(&[0, 4], &[1 << 62, 1 << 62], 0);
    let ops = [
        ViewOp::slice(&lazyarray::s![.., 3..;2], &[0, 4]).unwrap(),
        ViewOp::slice(&lazyarray::s![..;-1, 3], &[0, 4]).unwrap(),
        ViewOp::diagonal(&[0, 4], 1, 0, 1).unwrap(),
        ViewOp::diagonal(&[0, 4], -1, 1, 0).unwrap(),
    ];
    for op in &ops {
        let v = empty.apply(op).unwrap();
        assert_eq!(v.size(), 0, "{op}");
        assert!(v.fits_in(10), "{op} gave {v}");
    }
    // Axes of one element with the largest strides: the diagonal of a 1x1 view at element 3.
    let one = strided(&[1, 1], &[isize::MAX, isize::MAX], 3);
    let d = one
        .apply(&ViewOp::diagonal(&[1, 1], 0, 0, 1).unwrap())
        .unwrap();
    assert_eq!(gather(&data, &d), vec![3]);
    let s = one
        .apply(&ViewOp::slice(&lazyarray::s![..;-1, 0..;2], &[1, 1]).unwrap())
        .unwrap();
    assert_eq!(gather(&data, &s), vec![3]);
    // An empty as_strided view at the largest offset, composed onto a[5:].
    let tail = base
        .apply(&ViewOp::slice(&lazyarray::s![5..], &[10]).unwrap())
        .unwrap();
    let op = ViewOp::as_strided(&[5], &[0], &[1], usize::MAX, DType::I64).unwrap();
    assert_eq!(tail.apply(&op).unwrap().size(), 0);
}
