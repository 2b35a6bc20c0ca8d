//! Differential property test: random expression graphs evaluated by the compiler (`eval`: the
//! optimizer's rewrites, the planner's fusion and loop ordering, the Cranelift JIT, the
//! threaded executor) must give what the reference evaluator gives on the graph as written
//! (`eval_reference`).
//!
//! **The generator.** A case is a target shape (0–6 dims; extents biased to 0, 1, the SIMD and
//! unroll edges 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 65 and odd sizes; at most
//! [`ROOT_ELEMS`] elements) and a random expression tree. The tree is built *top down*: each
//! node gets the shape it must produce and derives its inputs' shapes from it and from its own
//! random choices (a reduction inserts the reduced axes, a slice widens each axis by its step
//! and padding, a take inserts the gathered axis, a binary op masks dims to 1 so its operands
//! broadcast against each other, ...), so almost every generated graph is valid, every
//! intermediate stays under [`MAX_ELEMS`] elements, and proptest can shrink trees
//! structurally. Covered:
//! - leaves: data of every dtype (bool, int32, int64, float32, float64) drawn from palettes of
//!   special values (NaN, ±inf, -0.0, subnormals, f32/f64 extremes, i32::MIN, i64::MAX, 2^53+1,
//!   ...) and random ones (a third of the cases give every leaf one dtype, which vectorizes
//!   more); `full`, `arange` (int and float, reshaped), `random`, `eye`, `linspace`;
//! - views on inputs and intermediates: slices with random starts/stops (negative, omitted,
//!   out of range) and steps (negative too), integer indices, new axes, ellipses; permutes,
//!   `.t()`, `swapaxes`; reshapes (boosted to reshape transposed or sliced inputs, which needs
//!   a copy), `-1` dims, `ravel`, `flatten`, `squeeze`; `broadcast_to`; `expand_dims`;
//!   `diagonal`; sliding windows;
//! - elementwise: every unary op (with `!` and `logical_not`), every binary op and comparison
//!   with broadcasting operands and weak scalars on either side, `where_`, `clip`, `astype` to
//!   every dtype, with promotion between all dtypes (an op undefined for the promoted dtype
//!   gets a cast inserted); integer `pow` normally gets a non-negative exponent, and sometimes
//!   keeps a negative one (both paths must then fail alike); chains of up to 300 ops (split
//!   into several kernels);
//! - reductions: sum, prod, mean, min, max, any, all over random axes (lists, single axes,
//!   all, negative axes, with and without keepdims, empty axes), argmin/argmax (axis or
//!   flattened, keepdims), cumsum (axis or flat), reductions of a boolean selection;
//! - gathers and joins: take (literal, computed, `arange` or arithmetic-sequence indices,
//!   possibly negative, rarely out of bounds; `take_flat`, `index`), `compress` and boolean
//!   masks (scattered, one run, all, none; shorter or longer than the axis), tile, repeat
//!   (count, per-element counts, flattened), concatenate and stack;
//! - shape helpers: flip, roll (one axis, several, flattened; extreme shifts), pad (every mode,
//!   constant values per axis), rot90, moveaxis, tril/triu;
//! - sharing: an intermediate used twice (`f(a, view(a))`), intermediates evaluated early
//!   (`eval()`, so later graphs read the memoized buffer), the result evaluated together with
//!   an intermediate (`lazyarray::eval(&[..])`), and sources nothing else holds (so results
//!   may be written into their buffers in place);
//! - rarely, a shallow graph over 2^18–2^19 elements, whose launches split across threads
//!   (reductions into partials).
//!
//! **The comparison.** The reference runs first (the compiled path may overwrite sources it
//! alone holds). Errors must have the same variant on both paths. Integers, bools and float
//! results of elementwise ops compare bit for bit (any NaN equals any NaN). Only the *root* of
//! a case may be a reassociated float reduction (sum, prod, mean, cumsum): it is compared
//! within a tolerance scaled by the reference's reduction of `|x|` (1e-12 for f64, 1e-6 for
//! f32, widened to `(n + 2)·ε` for a reduction of `n` terms, the worst case of a sequential
//! sum), and its input is tamed so that no order of summation overflows (finite values are
//! clipped, infinities kept; a product's magnitudes are bounded too). Float sums deeper in a
//! tree would feed their rounding into comparisons, casts and floors, so their inputs are made
//! small integers (`floor(clip(x, -64, 64))`, products `floor(clip(x, -1, 1))`), which every
//! order sums exactly. max/min/argmax/argmin results may differ only by -0.0 against 0.0 ties
//! (a max reduction below the root is canonicalized with `+ 0.0`). Functions the compiled code
//! approximates itself ([`Un::ulp_bound`]: `exp`, within 4 ulp of libm) are compared within their
//! bound at the root and replaced by `abs` below it.
//!
//! **On failure** the message shows the expression (`sum((x0.T + x1), axes=[1])`), every leaf's
//! dtype, shape and values, which optimizer rewrite (if any) switching off makes the paths
//! agree, and the seed to repeat the run (`PROPTEST_RNG_SEED`); proptest prints the shrunk
//! case, whose `Debug` rebuilds it exactly. A panic inside the library is reported the same
//! way. Known, still open bugs (the `KNOWN_*` constants, each with an ignored regression test)
//! are counted instead of failing. Regressions found by this test are plain `#[test]`s at the
//! end of the file.
//!
//! `PROPTEST_CASES` sets the number of cases (256 by default). `DIFF_STATS=1` (with
//! `--nocapture`) prints what the run covered: cases compared, failing alike when built or
//! run, launches vectorized or threaded, rewrites applied, results written in place.
//! `DIFF_TRACE=1` prints every case before it runs (a crash of the process names its case).

mod common;

use common::inputs::{self, InputPath, Witness};
use common::ops::{self, BINS, Bin, How, REDS, Red, UNS, Un, with_scalar};
use common::palettes::{ALL_DTYPES, F32, F64, I32, I64};
use common::same_bits;
use common::ulps::{ulps32, ulps64};
use lazyarray::{
    Array, DType, Element, Options, PadMode, Rule, Scalar, SliceArg, concatenate, stack, where_,
};
use proptest::prelude::*;
use proptest::strategy::Union;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use std::fmt::Debug;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Largest number of elements of any node of a case.
const MAX_ELEMS: usize = 4096;
/// Largest number of elements of a case's result.
const ROOT_ELEMS: usize = 1024;
/// Extents, biased to 1, the SIMD and unroll edges and odd sizes (index 0 is what shrinking
/// reaches).
const EXT: [usize; 23] = [
    1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 0, 1, 2, 3, 6, 11, 13, 1, 33, 31, 32, 65,
];

fn ext(u: u64) -> usize {
    EXT[(u % EXT.len() as u64) as usize]
}

fn size(s: &[usize]) -> usize {
    s.iter().product()
}

/// The elements of `s` with its zero extents counted as 1: what the limits are checked on, so
/// an empty shape cannot hide huge extents that a broadcast (which turns a 0 into a 1) or a
/// later node would make real (a 100,000-case run once built a 43 GB leaf that way).
fn span(s: &[usize]) -> usize {
    s.iter()
        .map(|&e| e.max(1))
        .fold(1usize, usize::saturating_mul)
}

/// Largest number of elements of a "big" case's nodes, whose launches are large enough to be
/// split across threads (and reductions into partials).
const BIG_ELEMS: usize = 1 << 20;

thread_local! {
    /// The element limit of the case being built ([`MAX_ELEMS`] or [`BIG_ELEMS`]).
    static LIMIT: std::cell::Cell<usize> = const { std::cell::Cell::new(MAX_ELEMS) };
}

fn limit() -> usize {
    LIMIT.with(|l| l.get())
}

/// Caps an extent so that a shape of `others` elements times it stays under the limit.
fn cap(e: usize, others: usize) -> usize {
    match limit().checked_div(others) {
        None => e.min(8),
        Some(most) => e.min(most),
    }
}

/// splitmix64, for the choices that depend on a shape known only while building.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n == 0`).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// True one time in `k`.
    fn one_in(&mut self, k: usize) -> bool {
        self.below(k) == 0
    }

    fn ext(&mut self) -> usize {
        ext(self.next())
    }
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/// A value choice: `.0` picks a special value (or a random one from `.1`), interpreted per dtype.
#[derive(Clone, Copy, Debug)]
struct Val(u8, u64);

fn pick<T: Copy>(v: Val, specials: &[T], random: impl Fn(u64) -> T) -> T {
    let k = v.0 as usize % (specials.len() + 3);
    if k < specials.len() {
        specials[k]
    } else {
        random(v.1.wrapping_add(k as u64))
    }
}

fn val_bool(v: Val) -> bool {
    (v.0 ^ v.1 as u8) & 1 == 1
}

fn val_i32(v: Val) -> i32 {
    pick(v, &I32, |r| {
        if r % 4 == 0 {
            r as i32
        } else {
            (r % 41) as i32 - 20
        }
    })
}

fn val_i64(v: Val) -> i64 {
    pick(v, &I64, |r| {
        if r % 4 == 0 {
            r as i64
        } else {
            (r % 41) as i64 - 20
        }
    })
}

/// [`val_int`] as the Rust type of each narrow or unsigned dtype.
macro_rules! val_as {
    ($($name:ident: $t:ty = $d:ident),*) => {$(
        fn $name(v: Val) -> $t {
            <$t as lazyarray::Element>::from_scalar(val_int(DType::$d, v))
        }
    )*};
}
val_as!(val_i8: i8 = I8, val_i16: i16 = I16, val_u8: u8 = U8, val_u16: u16 = U16,
    val_u32: u32 = U32, val_u64: u64 = U64);

fn val_f64(v: Val) -> f64 {
    pick(v, &F64, |r| {
        if r % 8 == 0 {
            f64::from_bits(r)
        } else {
            (r % 20001) as f64 / 1000.0 - 10.0
        }
    })
}

fn val_f32(v: Val) -> f32 {
    pick(v, &F32, |r| {
        if r % 8 == 0 {
            f32::from_bits(r as u32)
        } else {
            (r % 20001) as f32 / 1000.0 - 10.0
        }
    })
}

fn scalar_of(dtype: DType, v: Val) -> Scalar {
    match dtype {
        DType::Bool => Scalar::Bool(val_bool(v)),
        DType::I32 => Scalar::I32(val_i32(v)),
        DType::I64 => Scalar::I64(val_i64(v)),
        DType::F32 => Scalar::F32(val_f32(v)),
        DType::F64 => Scalar::F64(val_f64(v)),
        DType::I8 | DType::I16 | DType::U8 | DType::U16 | DType::U32 | DType::U64 => {
            val_int(dtype, v)
        }
    }
}

/// A value of a narrow or unsigned integer dtype: its extremes, or an `i64` palette value
/// wrapped into it (small numbers stay small; negative ones wrap in unsigned dtypes).
fn val_int(dtype: DType, v: Val) -> Scalar {
    match v.0 % 9 {
        0 => Scalar::lowest(dtype),
        1 => Scalar::highest(dtype),
        _ => Scalar::I64(val_i64(v)).cast(dtype),
    }
}

fn dtype_of(u: u8) -> DType {
    ALL_DTYPES[u as usize % ALL_DTYPES.len()]
}

/// A weak scalar operand (a Rust value in an expression).
#[derive(Clone, Copy, Debug)]
struct Weak {
    dtype: u8,
    v: Val,
}

impl Weak {
    fn scalar(self) -> Scalar {
        // Weak ints are mostly small: a large one against an int32 array is a build error.
        let d =
            [DType::F64, DType::I64, DType::F32, DType::I32, DType::Bool][self.dtype as usize % 5];
        match d {
            DType::I64 if !self.v.0.is_multiple_of(4) => Scalar::I64((self.v.1 % 21) as i64 - 10),
            d => scalar_of(d, self.v),
        }
    }
}

fn sdesc(s: Scalar) -> String {
    match s {
        Scalar::Bool(b) => format!("{b}"),
        Scalar::I8(v) => format!("{v}i8"),
        Scalar::I16(v) => format!("{v}i16"),
        Scalar::I32(v) => format!("{v}i32"),
        Scalar::I64(v) => format!("{v}i64"),
        Scalar::U8(v) => format!("{v}u8"),
        Scalar::U16(v) => format!("{v}u16"),
        Scalar::U32(v) => format!("{v}u32"),
        Scalar::U64(v) => format!("{v}u64"),
        Scalar::F32(v) => format!("{v:?}f32"),
        Scalar::F64(v) => format!("{v:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Expression trees
// ---------------------------------------------------------------------------------------------

/// Dtypes to cast a binary op's operands to when the promoted dtype does not support the op.
fn repairs(op: Bin) -> &'static [DType] {
    match op {
        Bin::BitAnd | Bin::BitOr | Bin::BitXor => &[DType::I64, DType::I32, DType::Bool],
        _ => &[DType::I32, DType::I64, DType::F32, DType::F64],
    }
}

#[derive(Clone, Debug)]
enum Leaf {
    /// Element `i` is `palette[i % len]` (seed 0) or `palette[hash(seed, i) % len]`, made
    /// through the input path `input` picks (`InputPath::from_byte`; 0, what shrinking
    /// reaches, is `from_vec`); its witness keeps a clone of the array when `input >= 128`.
    Data {
        dtype: u8,
        palette: Vec<Val>,
        seed: u64,
        input: u8,
    },
    Fill {
        dtype: u8,
        v: Val,
    },
    Arange {
        kind: u8,
        start: i8,
        step: i8,
    },
    Random(u32),
    /// `eye(n, m, k)` (reshaped when the shape is not 2-D).
    Eye(i8),
    /// `linspace(start, stop, n, endpoint)` reshaped.
    Linspace(Val, Val, bool),
}

/// The right operand of a binary op.
#[derive(Clone, Debug)]
enum Rhs {
    Arr(Box<Expr>),
    Weak(Weak),
    /// A weak scalar on the left (`2.5 - x`), for the ops with a Rust operator.
    WeakLeft(Weak),
}

/// A `where_` branch.
#[derive(Clone, Debug)]
enum Branch {
    Arr(Box<Expr>),
    Weak(Weak),
}

#[derive(Clone, Copy, Debug)]
struct SliceChoice {
    kind: u8,
    step: u8,
    lo: u8,
    hi: u8,
    style: u8,
}

#[derive(Clone, Debug)]
enum Expr {
    Leaf(Leaf),
    Unary(Un, Box<Expr>),
    /// `op(lhs, rhs)`; `seed` picks the broadcast shapes; `raw_pow` keeps negative integer
    /// exponents.
    Binary {
        op: Bin,
        lhs: Box<Expr>,
        rhs: Rhs,
        seed: u64,
        repair: u8,
        raw_pow: bool,
    },
    Where(Box<Expr>, Branch, Branch, u64),
    Clip(Box<Expr>, Weak, Weak),
    Cast(u8, Box<Expr>),
    Reduce {
        op: Red,
        style: u8,
        keepdims: bool,
        neg: bool,
        seed: u64,
        x: Box<Expr>,
    },
    Arg {
        max: bool,
        style: u8,
        neg: bool,
        seed: u64,
        x: Box<Expr>,
    },
    Cumsum {
        style: u8,
        axis: u8,
        neg: bool,
        x: Box<Expr>,
    },
    Slice(Vec<SliceChoice>, bool, Box<Expr>),
    Permute(u8, u64, Box<Expr>),
    Reshape(u8, u64, Box<Expr>),
    BroadcastTo(u64, Box<Expr>),
    ExpandDims(u8, Box<Expr>),
    Take {
        style: u8,
        idx_ndim: u8,
        axis: u8,
        n: u8,
        idx_i32: bool,
        neg: bool,
        oob: u8,
        seed: u64,
        computed: Option<Box<Expr>>,
        x: Box<Expr>,
    },
    Tile(u64, Box<Expr>),
    Repeat(u8, u64, Box<Expr>),
    Concat {
        axis: u8,
        seed: u64,
        stack: bool,
        parts: Vec<Expr>,
    },
    /// `op(a, view(a))`: an intermediate used twice.
    SelfOp(Bin, u8, Box<Expr>),
    /// The subexpression evaluated early (its memoized buffer feeds the rest).
    Eval(Box<Expr>),
    /// `x = x (op) w` for each `(op, w)`, `reps` times over: a long elementwise chain, which
    /// the planner splits into several kernels.
    Chain {
        ops: Vec<(Bin, Weak)>,
        reps: u16,
        x: Box<Expr>,
    },
    /// `compress(mask, axis)` (style 0) or boolean-mask indexing `x[mask]` (style 1), with a
    /// literal mask.
    Compress {
        style: u8,
        axis: u8,
        seed: u64,
        x: Box<Expr>,
    },
    /// `diagonal(offset, axis1, axis2)`.
    Diagonal {
        offset: i8,
        seed: u64,
        x: Box<Expr>,
    },
    /// Sliding windows along one axis.
    Windows {
        axis: u8,
        x: Box<Expr>,
    },
    /// A shape helper of issue #13 over `x`: flip, roll (one axis, several, flattened), pad
    /// (every mode), rot90, moveaxis, tril/triu; `kind` picks which, `seed` its arguments.
    Shaped {
        kind: u8,
        seed: u64,
        x: Box<Expr>,
    },
    /// A reduction over the selected axis of a `compress` (what `masked_reduction` rewrites).
    MaskedReduce {
        op: Red,
        keepdims: bool,
        seed: u64,
        x: Box<Expr>,
    },
}

/// One test case: the result's shape and the expression producing it.
#[derive(Clone, Debug)]
struct Case {
    shape: Vec<usize>,
    expr: Expr,
    /// Also evaluate this intermediate (by build order), together with the result.
    also: Option<u16>,
    /// Nodes up to [`BIG_ELEMS`] elements.
    big: bool,
    /// After passing, evaluate the same structure again with other data, then with the same
    /// data in new buffers (the plan cache must tell them apart).
    again: bool,
    /// Every data and fill leaf has this dtype (uniform graphs vectorize more often).
    dtype: Option<u8>,
}

// ---------------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------------

fn val() -> impl Strategy<Value = Val> {
    (any::<u8>(), any::<u64>()).prop_map(|(k, r)| Val(k, r))
}

fn weak() -> impl Strategy<Value = Weak> {
    (any::<u8>(), val()).prop_map(|(dtype, v)| Weak { dtype, v })
}

fn leaf() -> BoxedStrategy<Expr> {
    prop_oneof![
        8 => (
            any::<u8>(),
            prop::collection::vec(val(), 1..6),
            prop_oneof![Just(0u64), any::<u64>()],
            any::<u8>()
        )
            .prop_map(|(dtype, palette, seed, input)| Expr::Leaf(Leaf::Data {
                dtype,
                palette,
                seed,
                input
            })),
        2 => (any::<u8>(), val()).prop_map(|(dtype, v)| Expr::Leaf(Leaf::Fill { dtype, v })),
        2 => (any::<u8>(), any::<i8>(), any::<i8>())
            .prop_map(|(kind, start, step)| Expr::Leaf(Leaf::Arange { kind, start, step })),
        1 => any::<u32>().prop_map(|s| Expr::Leaf(Leaf::Random(s))),
        1 => any::<i8>().prop_map(|k| Expr::Leaf(Leaf::Eye(k))),
        1 => (val(), val(), any::<bool>()).prop_map(|(a, b, e)| Expr::Leaf(Leaf::Linspace(a, b, e))),
    ]
    .boxed()
}

fn slice_choice() -> impl Strategy<Value = SliceChoice> {
    (
        any::<u8>(),
        any::<u8>(),
        any::<u8>(),
        any::<u8>(),
        any::<u8>(),
    )
        .prop_map(|(kind, step, lo, hi, style)| SliceChoice {
            kind,
            step,
            lo,
            hi,
            style,
        })
}

fn reduce_node(inner: BoxedStrategy<Expr>) -> BoxedStrategy<Expr> {
    (
        0..REDS.len(),
        any::<u8>(),
        any::<bool>(),
        any::<bool>(),
        any::<u64>(),
        inner,
    )
        .prop_map(|(op, style, keepdims, neg, seed, x)| Expr::Reduce {
            op: REDS[op],
            style,
            keepdims,
            neg,
            seed,
            x: Box::new(x),
        })
        .boxed()
}

fn arg_node(inner: BoxedStrategy<Expr>) -> BoxedStrategy<Expr> {
    (
        any::<bool>(),
        any::<u8>(),
        any::<bool>(),
        any::<u64>(),
        inner,
    )
        .prop_map(|(max, style, neg, seed, x)| Expr::Arg {
            max,
            style,
            neg,
            seed,
            x: Box::new(x),
        })
        .boxed()
}

fn masked_reduce_node(inner: BoxedStrategy<Expr>) -> BoxedStrategy<Expr> {
    (0..REDS.len(), any::<bool>(), any::<u64>(), inner)
        .prop_map(|(op, keepdims, seed, x)| Expr::MaskedReduce {
            op: REDS[op],
            keepdims,
            seed,
            x: Box::new(x),
        })
        .boxed()
}

fn cumsum_node(inner: BoxedStrategy<Expr>) -> BoxedStrategy<Expr> {
    (any::<u8>(), any::<u8>(), any::<bool>(), inner)
        .prop_map(|(style, axis, neg, x)| Expr::Cumsum {
            style,
            axis,
            neg,
            x: Box::new(x),
        })
        .boxed()
}

fn expr() -> BoxedStrategy<Expr> {
    leaf()
        .prop_recursive(8, 64, 1, |inner| {
            let bx = || inner.clone().prop_map(Box::new);
            let rhs = prop_oneof![
                6 => inner.clone().prop_map(|e| Rhs::Arr(Box::new(e))),
                2 => weak().prop_map(Rhs::Weak),
                1 => weak().prop_map(Rhs::WeakLeft),
            ];
            let branch = || {
                prop_oneof![
                    3 => inner.clone().prop_map(|e| Branch::Arr(Box::new(e))),
                    1 => weak().prop_map(Branch::Weak),
                ]
            };
            // A reshape's input is often a transpose or a slice (a layout that needs a copy).
            let reshape_input = prop_oneof![
                2 => inner.clone(),
                2 => (any::<u8>(), any::<u64>(), bx()).prop_map(|(s, seed, x)| Expr::Permute(s, seed, x)),
                1 => (prop::collection::vec(slice_choice(), 0..4), bx())
                    .prop_map(|(c, x)| Expr::Slice(c, false, x)),
            ];
            let arms: Vec<(u32, BoxedStrategy<Expr>)> = vec![
                (
                    4,
                    (0..UNS.len(), bx())
                        .prop_map(|(op, x)| Expr::Unary(UNS[op], x))
                        .boxed(),
                ),
                (
                    8,
                    (
                        0..BINS.len(),
                        bx(),
                        rhs,
                        any::<u64>(),
                        any::<u8>(),
                        prop::bool::weighted(0.1),
                    )
                        .prop_map(|(op, lhs, rhs, seed, repair, raw_pow)| Expr::Binary {
                            op: BINS[op],
                            lhs,
                            rhs,
                            seed,
                            repair,
                            raw_pow,
                        })
                        .boxed(),
                ),
                (
                    2,
                    (bx(), branch(), branch(), any::<u64>())
                        .prop_map(|(c, x, y, s)| Expr::Where(c, x, y, s))
                        .boxed(),
                ),
                (
                    1,
                    (bx(), weak(), weak())
                        .prop_map(|(x, lo, hi)| Expr::Clip(x, lo, hi))
                        .boxed(),
                ),
                (
                    2,
                    (any::<u8>(), bx())
                        .prop_map(|(d, x)| Expr::Cast(d, x))
                        .boxed(),
                ),
                (3, reduce_node(inner.clone())),
                (1, arg_node(inner.clone())),
                (1, cumsum_node(inner.clone())),
                (1, masked_reduce_node(inner.clone())),
                (
                    4,
                    (
                        prop::collection::vec(slice_choice(), 0..5),
                        prop::bool::weighted(0.2),
                        bx(),
                    )
                        .prop_map(|(c, e, x)| Expr::Slice(c, e, x))
                        .boxed(),
                ),
                (
                    2,
                    (any::<u8>(), any::<u64>(), bx())
                        .prop_map(|(s, seed, x)| Expr::Permute(s, seed, x))
                        .boxed(),
                ),
                (
                    3,
                    (any::<u8>(), any::<u64>(), reshape_input.prop_map(Box::new))
                        .prop_map(|(s, seed, x)| Expr::Reshape(s, seed, x))
                        .boxed(),
                ),
                (
                    1,
                    (any::<u64>(), bx())
                        .prop_map(|(s, x)| Expr::BroadcastTo(s, x))
                        .boxed(),
                ),
                (
                    1,
                    (any::<u8>(), bx())
                        .prop_map(|(a, x)| Expr::ExpandDims(a, x))
                        .boxed(),
                ),
                (
                    2,
                    (
                        (
                            any::<u8>(),
                            any::<u8>(),
                            any::<u8>(),
                            any::<u8>(),
                            any::<bool>(),
                        ),
                        (any::<bool>(), any::<u8>(), any::<u64>()),
                        prop::option::weighted(0.3, bx()),
                        bx(),
                    )
                        .prop_map(
                            |((style, idx_ndim, axis, n, idx_i32), (neg, oob, seed), computed, x)| {
                                Expr::Take {
                                    style,
                                    idx_ndim,
                                    axis,
                                    n,
                                    idx_i32,
                                    neg,
                                    oob,
                                    seed,
                                    computed,
                                    x,
                                }
                            },
                        )
                        .boxed(),
                ),
                (
                    1,
                    (any::<u64>(), bx())
                        .prop_map(|(s, x)| Expr::Tile(s, x))
                        .boxed(),
                ),
                (
                    1,
                    (any::<u8>(), any::<u64>(), bx())
                        .prop_map(|(st, s, x)| Expr::Repeat(st, s, x))
                        .boxed(),
                ),
                (
                    1,
                    (
                        any::<u8>(),
                        any::<u64>(),
                        prop::bool::weighted(0.3),
                        prop::collection::vec(inner.clone(), 1..4),
                    )
                        .prop_map(|(axis, seed, stack, parts)| Expr::Concat {
                            axis,
                            seed,
                            stack,
                            parts,
                        })
                        .boxed(),
                ),
                (
                    1,
                    (0..BINS.len(), any::<u8>(), bx())
                        .prop_map(|(op, v, x)| Expr::SelfOp(BINS[op], v, x))
                        .boxed(),
                ),
                (1, bx().prop_map(Expr::Eval).boxed()),
                (
                    1,
                    (
                        prop::collection::vec((0..BINS.len(), weak()), 1..4),
                        any::<u16>(),
                        bx(),
                    )
                        .prop_map(|(ops, reps, x)| Expr::Chain {
                            ops: ops.into_iter().map(|(o, w)| (BINS[o], w)).collect(),
                            reps,
                            x,
                        })
                        .boxed(),
                ),
                (
                    2,
                    (any::<u8>(), any::<u8>(), any::<u64>(), bx())
                        .prop_map(|(style, axis, seed, x)| Expr::Compress {
                            style,
                            axis,
                            seed,
                            x,
                        })
                        .boxed(),
                ),
                (
                    1,
                    (any::<i8>(), any::<u64>(), bx())
                        .prop_map(|(offset, seed, x)| Expr::Diagonal { offset, seed, x })
                        .boxed(),
                ),
                (
                    1,
                    (any::<u8>(), bx())
                        .prop_map(|(axis, x)| Expr::Windows { axis, x })
                        .boxed(),
                ),
                (
                    2,
                    (any::<u8>(), any::<u64>(), bx())
                        .prop_map(|(kind, seed, x)| Expr::Shaped { kind, seed, x })
                        .boxed(),
                ),
            ];
            Union::new_weighted(arms)
        })
        .boxed()
}

fn shape() -> impl Strategy<Value = Vec<usize>> {
    let ndim = prop_oneof![
        1 => Just(0usize),
        3 => Just(1usize),
        3 => Just(2usize),
        2 => Just(3usize),
        1 => Just(4usize),
        1 => Just(5usize),
        1 => Just(6usize),
    ];
    (ndim, prop::collection::vec(any::<u8>(), 6)).prop_map(|(ndim, e)| {
        let mut s: Vec<usize> = e[..ndim].iter().map(|&u| ext(u as u64)).collect();
        while size(&s) > ROOT_ELEMS {
            let k = (0..s.len()).max_by_key(|&k| s[k]).expect("nonempty");
            s[k] /= 2;
        }
        s
    })
}

/// A root: any expression, with reductions and unary functions (compared with tolerance at
/// the root) boosted.
fn root(e: BoxedStrategy<Expr>) -> BoxedStrategy<Expr> {
    prop_oneof![
        5 => e.clone(),
        1 => (0..UNS.len(), e.clone()).prop_map(|(op, x)| Expr::Unary(UNS[op], Box::new(x))),
        2 => reduce_node(e.clone()),
        1 => arg_node(e.clone()),
        1 => masked_reduce_node(e.clone()),
        1 => cumsum_node(e),
    ]
    .boxed()
}

/// A shape of 2^18 to 2^19 elements (launches over it are split across threads).
fn big_shape() -> impl Strategy<Value = Vec<usize>> {
    (1usize..=3, prop::collection::vec(any::<u8>(), 2)).prop_map(|(ndim, e)| {
        let mut s: Vec<usize> = e[..ndim - 1]
            .iter()
            .map(|&u| ext(u as u64).max(1))
            .collect();
        let lead = size(&s);
        s.push((1usize << 18).div_ceil(lead) + (e[1] as usize % 7));
        s
    })
}

fn case() -> impl Strategy<Value = Case> {
    let also = prop::option::weighted(0.15, any::<u16>());
    let dtype = prop::option::weighted(0.3, any::<u8>());
    let again = prop::bool::weighted(0.2);
    let small = (shape(), root(expr()), also, dtype.clone(), again).prop_map(
        |(shape, expr, also, dtype, again)| Case {
            shape,
            expr,
            also,
            big: false,
            again,
            dtype,
        },
    );
    // Big cases are shallow: the reference evaluates every node in full.
    let shallow = leaf().prop_recursive(2, 3, 1, |inner| {
        prop_oneof![
            2 => (0..BINS.len(), inner.clone(), inner.clone(), any::<u64>()).prop_map(
                |(op, l, r, seed)| Expr::Binary {
                    op: BINS[op],
                    lhs: Box::new(l),
                    rhs: Rhs::Arr(Box::new(r)),
                    seed,
                    repair: 0,
                    raw_pow: false,
                }
            ),
            1 => (0..UNS.len(), inner.clone()).prop_map(|(op, x)| Expr::Unary(UNS[op], Box::new(x))),
            1 => (any::<u8>(), any::<u64>(), inner.clone())
                .prop_map(|(s, seed, x)| Expr::Permute(s, seed, Box::new(x))),
            1 => (prop::collection::vec(slice_choice(), 0..3), inner)
                .prop_map(|(c, x)| Expr::Slice(c, false, Box::new(x))),
        ]
    });
    let big = (big_shape(), root(shallow.boxed()), dtype).prop_map(|(shape, expr, dtype)| Case {
        shape,
        expr,
        also: None,
        big: true,
        again: false,
        dtype,
    });
    prop_oneof![60 => small, 1 => big]
}

// ---------------------------------------------------------------------------------------------
// Building arrays from trees
// ---------------------------------------------------------------------------------------------

/// An array and the expression that built it.
#[derive(Clone)]
struct Built {
    a: Array,
    d: String,
}

/// A reduction's input shape, its reduced axes (`None`: all), keepdims, and whether it is
/// called with a single axis.
type ReducePlan = (Vec<usize>, Option<Vec<usize>>, bool, bool);

/// How a case's result is compared.
enum Check {
    /// Bit for bit.
    Exact,
    /// Bit for bit, except -0.0 and 0.0 may tie either way (max/min reductions).
    ZeroTie,
    /// argmin/argmax: the indices may differ only where both point at zeros of `input`.
    ArgTie { input: Array, axis: Option<usize> },
    /// A reassociated float sum/mean/cumsum of `n` terms: within tolerance of `env` (the
    /// reference's reduction of `|x|`).
    Sum { env: Vec<f64>, n: usize },
    /// A reassociated float product of `n` terms: within a relative tolerance.
    Prod { n: usize },
    /// An approximated function: within this many ulps (NaN and infinities exact).
    Ulps(u64),
}

#[derive(Default)]
struct Builder {
    legend: Vec<String>,
    /// Holds every leaf when a case evaluates a subexpression early: evaluation may reuse the
    /// buffer of a source nothing else holds for its result, and the reference, which runs
    /// later and recomputes from the sources, needs them intact.
    keep_leaves: bool,
    kept: Vec<Array>,
    /// Every data leaf's witness, checked after the case: its file unchanged, its values (and
    /// those of the `ndarray` it borrows) still there.
    witnesses: Vec<Witness>,
    /// Every intermediate built below the root, in build order (when `collect_inters`: held
    /// arrays keep their sources from being overwritten in place).
    inters: Vec<Built>,
    collect_inters: bool,
    /// The dtype of every data and fill leaf, when the case fixes one.
    dtype: Option<u8>,
    /// Nonzero: other data (leaf values, indices, mask positions) in the same structure.
    salt: u64,
}

fn fmt_vals<T: Debug>(v: &[T]) -> String {
    let shown: Vec<String> = v.iter().take(64).map(|x| format!("{x:?}")).collect();
    let more = if v.len() > 64 {
        format!(", ... ({} in all)", v.len())
    } else {
        String::new()
    };
    format!("[{}{more}]", shown.join(", "))
}

fn mix(seed: u64, i: usize) -> u64 {
    Rng(seed ^ (i as u64).wrapping_mul(0x2545_f491_4f6c_dd1d)).next()
}

/// A random shape of `n` elements with up to `max_ndim` dims.
fn shape_of_size(n: usize, rng: &mut Rng, max_ndim: usize) -> Vec<usize> {
    let ndim = rng.below(max_ndim + 1);
    if n == 0 {
        let ndim = ndim.max(1);
        let mut dims: Vec<usize> = (0..ndim).map(|_| rng.below(4)).collect();
        let z = rng.below(ndim);
        dims[z] = 0;
        return dims;
    }
    if ndim == 0 {
        return if n == 1 { vec![] } else { vec![n] };
    }
    let mut dims = vec![1usize; ndim];
    let (mut m, mut p) = (n, 2);
    while m > 1 {
        while m.is_multiple_of(p) {
            let k = rng.below(ndim);
            dims[k] *= p;
            m /= p;
        }
        p += 1;
    }
    dims
}

fn divisors(n: usize) -> Vec<usize> {
    (1..=n).filter(|d| n.is_multiple_of(*d)).collect()
}

/// NumPy's length of `a[start:stop:step]` on an axis of `n` (an independent oracle for the
/// slices the generator writes).
fn py_slice_len(n: usize, start: Option<isize>, stop: Option<isize>, step: isize) -> usize {
    let (n, step) = (n as i64, step as i64);
    let (lo, hi) = if step > 0 { (0, n) } else { (-1, n - 1) };
    let norm = |v: Option<isize>, default: i64| -> i64 {
        match v {
            None => default,
            Some(v) => {
                let v = v as i64;
                let v = if v < 0 { v + n } else { v };
                v.clamp(lo, hi)
            }
        }
    };
    let start = norm(start, if step > 0 { 0 } else { n - 1 });
    let stop = norm(stop, if step > 0 { n } else { -1 });
    let len = if step > 0 {
        (stop - start + step - 1).div_euclid(step)
    } else {
        (start - stop + (-step) - 1).div_euclid(-step)
    };
    len.max(0) as usize
}

const STEPS: [isize; 10] = [1, -1, 2, -2, 3, -3, 1, -1, 5, -4];

/// A range argument giving `len` elements, and the extent of the axis it slices.
fn range_arg(len: usize, c: SliceChoice) -> (SliceArg, usize) {
    let s = STEPS[c.step as usize % STEPS.len()];
    let (p, q) = ((c.lo % 4) as usize, (c.hi % 4) as usize);
    let a = s.unsigned_abs();
    if len == 0 {
        let v = p as isize;
        return (
            SliceArg::Range {
                start: Some(v),
                stop: Some(v),
                step: s,
            },
            p + q,
        );
    }
    let n = p + (len - 1) * a + 1 + q;
    let ni = n as isize;
    let extra = (c.style as usize >> 2) % a;
    let (start, stop) = if s > 0 {
        let first = p;
        let last = p + (len - 1) * a;
        let stop = (last + 1 + extra).min(n);
        let start = match c.style % 3 {
            0 => Some(first as isize),
            1 => Some(first as isize - ni),
            _ if first == 0 => None,
            _ => Some(first as isize),
        };
        let stop = match (c.style >> 4) % 3 {
            0 => Some(stop as isize),
            1 if stop == n => None,
            1 => Some(stop as isize - ni),
            _ if stop == n => Some(ni + 7),
            _ => Some(stop as isize),
        };
        (start, stop)
    } else {
        let first = n - 1 - q;
        let stop_v = p as isize - 1 - extra as isize;
        let start = match c.style % 3 {
            0 => Some(first as isize),
            1 => Some(first as isize - ni),
            _ if q == 0 => None,
            _ => Some(first as isize),
        };
        let stop = match ((c.style >> 4) % 2, stop_v < 0) {
            (0, true) => None,
            (_, true) => Some(-ni - 1 - (c.style >> 6) as isize),
            (0, false) => Some(stop_v),
            (_, false) => Some(stop_v - ni),
        };
        (start, stop)
    };
    assert_eq!(
        py_slice_len(n, start, stop, s),
        len,
        "generator bug: slice {start:?}:{stop:?}:{s} of {n}"
    );
    (
        SliceArg::Range {
            start,
            stop,
            step: s,
        },
        n,
    )
}

fn slice_desc(args: &[SliceArg]) -> String {
    let parts: Vec<String> = args
        .iter()
        .map(|a| match a {
            SliceArg::Range { start, stop, step } => {
                let f = |v: &Option<isize>| v.map(|v| v.to_string()).unwrap_or_default();
                if *step == 1 {
                    format!("{}:{}", f(start), f(stop))
                } else {
                    format!("{}:{}:{step}", f(start), f(stop))
                }
            }
            SliceArg::Index(i) => i.to_string(),
            SliceArg::NewAxis => "None".into(),
            SliceArg::Ellipsis => "...".into(),
        })
        .collect();
    format!("[{}]", parts.join(", "))
}

/// Shapes for `n` array operands that broadcast together to exactly `t`.
fn bcast_shapes(t: &[usize], n: usize, rng: &mut Rng) -> Vec<Vec<usize>> {
    let mut shapes = vec![t.to_vec(); n];
    if n == 0 {
        return shapes;
    }
    // Each dim has an owner that keeps it (extent and presence).
    let owners: Vec<usize> = (0..t.len()).map(|_| rng.below(n)).collect();
    for (k, &owner) in owners.iter().enumerate() {
        for (i, s) in shapes.iter_mut().enumerate() {
            if i != owner && rng.one_in(3) {
                s[k] = 1;
            }
        }
    }
    for (i, s) in shapes.iter_mut().enumerate() {
        let ones = s.iter().take_while(|&&e| e == 1).count();
        let owned = owners.iter().position(|&o| o == i).unwrap_or(t.len());
        let drop = rng.below(ones.min(owned) + 1);
        s.drain(..drop);
    }
    shapes
}

/// A binary operand.
#[derive(Clone)]
enum Opd {
    A(Built),
    S(Scalar),
}

impl Opd {
    fn desc(&self) -> String {
        match self {
            Opd::A(b) => b.d.clone(),
            Opd::S(s) => sdesc(*s),
        }
    }

    fn cast(&self, d: DType) -> Opd {
        match self {
            Opd::A(b) => Opd::A(Built {
                a: b.a.astype(d),
                d: format!("{}.astype({d})", b.d),
            }),
            Opd::S(s) => Opd::S(s.cast(d)),
        }
    }
}

fn apply_bin(op: Bin, l: &Opd, r: &Opd) -> Built {
    let a = match (l, r) {
        (Opd::A(x), Opd::A(y)) => ops::binary(op, &x.a, &y.a),
        (Opd::A(x), Opd::S(s)) => with_scalar!(*s, v => ops::binary(op, &x.a, v)),
        (Opd::S(s), Opd::A(y)) => {
            ops::binary_left(op, *s, &y.a).unwrap_or_else(|| unreachable!("{op:?} has no operator"))
        }
        (Opd::S(_), Opd::S(_)) => unreachable!("one operand is an array"),
    };
    let d = match op.operator() {
        Some(sym) => format!("({} {sym} {})", l.desc(), r.desc()),
        None => format!("{}({}, {})", op.name(), l.desc(), r.desc()),
    };
    Built { a, d }
}

fn is_dtype_error(a: &Array) -> bool {
    matches!(a.error(), Some(lazyarray::Error::DType(_)))
}

/// `op(l, r)`, with a cast inserted when the promoted dtype does not support the op, and (unless
/// `raw_pow`) an integer exponent made non-negative (`r % 5`).
fn binary(op: Bin, l: Opd, r: Opd, repair: u8, raw_pow: bool) -> Built {
    let mut out = apply_bin(op, &l, &r);
    let (mut l, mut r) = (l, r);
    if is_dtype_error(&out.a) {
        let reps = repairs(op);
        let d = reps[repair as usize % reps.len()];
        l = l.cast(d);
        r = r.cast(d);
        out = apply_bin(op, &l, &r);
    }
    if op == Bin::Pow && !raw_pow && out.a.dtype().is_int() && out.a.error().is_none() {
        let r = match r {
            Opd::S(s) => Opd::S(match s {
                Scalar::I32(v) => Scalar::I32(v.rem_euclid(5)),
                Scalar::I64(v) => Scalar::I64(v.rem_euclid(5)),
                other => other,
            }),
            Opd::A(b) => Opd::A(Built {
                a: &b.a % 5i32,
                d: format!("({} % 5)", b.d),
            }),
        };
        out = apply_bin(op, &l, &r);
    }
    out
}

fn apply_un(op: Un, x: &Built) -> Built {
    Built {
        a: ops::unary(op, &x.a),
        d: format!("{}({})", op.name(), x.d),
    }
}

fn unary(op: Un, x: Built) -> Built {
    let out = apply_un(op, &x);
    if !is_dtype_error(&out.a) {
        return out;
    }
    let d = match op {
        Un::Not => DType::I64,
        Un::Neg => DType::I32,
        _ => DType::F32,
    };
    apply_un(
        op,
        &Built {
            a: x.a.astype(d),
            d: format!("{}.astype({d})", x.d),
        },
    )
}

/// `x + 0.0`: makes -0.0 0.0 (the sign of a max/min over ties of zeros is unspecified).
fn canonical_zero(b: Built) -> Built {
    if b.a.dtype().is_float() {
        Built {
            a: &b.a + 0.0,
            d: format!("({} + 0.0)", b.d),
        }
    } else {
        b
    }
}

/// Below the root, a float sum sums small integers (exact in every order).
fn tame_inner(op: Red, x: Built) -> Built {
    let d = x.a.dtype();
    match (op, d) {
        (Red::Prod | Red::NanProd, d) if d.is_float() => Built {
            a: x.a.clip(-1.0, 1.0).floor(),
            d: format!("floor(clip({}, -1, 1))", x.d),
        },
        (_, d) if d.is_float() => Built {
            a: x.a.clip(-64.0, 64.0).floor(),
            d: format!("floor(clip({}, -64, 64))", x.d),
        },
        (_, d) if d.is_int() => Built {
            a: x.a.clip(-64i64, 64i64),
            d: format!("clip({}, -64, 64)", x.d),
        },
        _ => x,
    }
}

/// At the root, a float sum's finite terms are bounded so that no order overflows (infinities
/// are kept); a product's nonzero finite magnitudes lie in `[1/B, B]` with `B^n` far from
/// overflow and underflow (smaller ones become signed zeros).
fn tame_root(op: Red, x: Built, n: usize) -> Built {
    let d = x.a.dtype();
    if !d.is_float() {
        return x;
    }
    let inf = x.a.abs().equal(f64::INFINITY);
    match op {
        Red::Prod | Red::NanProd => {
            let bits = if d == DType::F32 { 100.0 } else { 1000.0 };
            let b = 2f64.powf(bits / n.max(1) as f64).min(1e30);
            let small = x.a.abs().lt(1.0 / b);
            let a = where_(&small, &x.a * 0.0, where_(&inf, &x.a, x.a.clip(-b, b)));
            Built {
                a,
                d: format!("tame_prod({}, {b:e})", x.d),
            }
        }
        _ => {
            let c = if d == DType::F32 { 1e30 } else { 1e290 };
            Built {
                a: where_(&inf, &x.a, x.a.clip(-c, c)),
                d: format!("tame_sum({}, {c:e})", x.d),
            }
        }
    }
}

/// The reference's values of `a` as f64.
/// Whether `op` of a `dtype` input sums floats in an order the compiled code may change (its
/// input is then tamed: exact below the root, bounded at it).
fn float_accumulation(op: Red, dtype: DType) -> bool {
    match op {
        Red::Sum | Red::Prod | Red::NanSum | Red::NanProd => dtype.is_float(),
        Red::Mean | Red::NanMean | Red::Var | Red::Std | Red::NanVar | Red::NanStd => {
            dtype != DType::Bool
        }
        Red::Min
        | Red::Max
        | Red::Any
        | Red::All
        | Red::NanMin
        | Red::NanMax
        | Red::Ptp
        | Red::CountNonzero => false,
    }
}

/// The reduction generated for `op`: below the root a two-pass variance is not exact even of
/// small integers (their mean is not, so the squared deviations' sum depends on its order),
/// and stands as the mean it starts from (`nanmean` for the NaN-ignoring ones).
fn below_root(op: Red, root: bool) -> Red {
    match op {
        Red::Var | Red::Std if !root => Red::Mean,
        Red::NanVar | Red::NanStd if !root => Red::NanMean,
        op => op,
    }
}

/// How the root reduction `out = op(x)` over the axes `how` (`n` terms each) is compared.
fn root_check(op: Red, out: &Array, x: &Array, how: &How, n: usize) -> Check {
    if !out.dtype().is_float() || out.error().is_some() {
        return Check::Exact;
    }
    let eps = if out.dtype() == DType::F32 {
        f64::from(f32::EPSILON)
    } else {
        f64::EPSILON
    };
    let x64 = x.astype(DType::F64);
    // A variance is a sum of `n` squared deviations divided by a count; the mean it subtracts
    // is off by a few ulps of `mean(|x|)`, which moves the sum by less than that sum's own
    // rounding, so both are within the sum tolerance of the mean square of `x`.
    let mean_square = || {
        let squares = &x64 * &x64;
        let mean = if op.ignores_nan() {
            Red::NanMean
        } else {
            Red::Mean
        };
        reference_f64(&ops::reduce(mean, &squares, how))
    };
    match op {
        Red::Min | Red::Max | Red::NanMin | Red::NanMax | Red::Ptp => Check::ZeroTie,
        Red::Prod | Red::NanProd => Check::Prod { n },
        Red::Sum | Red::Mean | Red::NanSum | Red::NanMean => Check::Sum {
            env: reference_f64(&ops::reduce(op, &x64.abs(), how)),
            n,
        },
        Red::Var | Red::NanVar => Check::Sum {
            env: mean_square(),
            n: 2 * n + 4,
        },
        // |sqrt(a) - sqrt(b)| <= sqrt(|a - b|): the square root of the variance's bound,
        // written as a sum bound over sqrt(mean square).
        Red::Std | Red::NanStd => {
            let var_bound = (2 * n + 6) as f64 * eps;
            Check::Sum {
                env: mean_square().into_iter().map(f64::sqrt).collect(),
                n: (var_bound.sqrt() / eps).ceil() as usize,
            }
        }
        Red::Any | Red::All | Red::CountNonzero => Check::Exact,
    }
}

fn reference_f64(a: &Array) -> Vec<f64> {
    a.astype(DType::F64)
        .eval_reference()
        .and_then(|r| r.to_vec::<f64>())
        .unwrap_or_default()
}

impl Builder {
    /// Builds `e` so that it has shape `t` (below the root).
    fn build(&mut self, e: &Expr, t: &[usize]) -> Built {
        let b = self.build_at(e, t, false).0;
        if self.collect_inters {
            self.inters.push(b.clone());
        }
        b
    }

    /// Builds the root of a case: a float reduction there is compared with a tolerance.
    fn build_root(&mut self, e: &Expr, t: &[usize]) -> (Built, Check) {
        self.build_at(e, t, true)
    }

    fn build_at(&mut self, e: &Expr, t: &[usize], root: bool) -> (Built, Check) {
        let (b, check) = self.build_inner(e, t, root);
        if b.a.error().is_none() {
            assert_eq!(b.a.shape(), t, "generator bug: {} has the wrong shape", b.d);
        }
        (b, check)
    }

    fn build_inner(&mut self, e: &Expr, t: &[usize], root: bool) -> (Built, Check) {
        let plain = |b: Built| (b, Check::Exact);
        match e {
            Expr::Leaf(l) => plain(self.leaf(l, t)),
            Expr::Unary(op, x) => {
                let x = self.build(x, t);
                match op.ulp_bound() {
                    // Below the root an ulp could flip a floor or a comparison downstream.
                    Some(_) if !root => plain(unary(Un::Abs, x)),
                    Some(ulps) => {
                        let out = unary(*op, x);
                        let check = if out.a.dtype().is_float() {
                            Check::Ulps(ulps)
                        } else {
                            Check::Exact
                        };
                        (out, check)
                    }
                    None => plain(unary(*op, x)),
                }
            }
            Expr::Binary {
                op,
                lhs,
                rhs,
                seed,
                repair,
                raw_pow,
            } => {
                let mut rng = Rng(*seed);
                let (l, r) = match rhs {
                    Rhs::Arr(r) => {
                        let shapes = bcast_shapes(t, 2, &mut rng);
                        let l = self.build(lhs, &shapes[0]);
                        let r = self.build(r, &shapes[1]);
                        (Opd::A(l), Opd::A(r))
                    }
                    Rhs::Weak(w) => (Opd::A(self.build(lhs, t)), Opd::S(w.scalar())),
                    Rhs::WeakLeft(w) => {
                        let x = Opd::A(self.build(lhs, t));
                        if op.operator().is_some() {
                            (Opd::S(w.scalar()), x)
                        } else {
                            (x, Opd::S(w.scalar()))
                        }
                    }
                };
                plain(binary(*op, l, r, *repair, *raw_pow))
            }
            Expr::Where(c, x, y, seed) => plain(self.where_node(c, x, y, *seed, t)),
            Expr::Clip(x, lo, hi) => {
                let x = self.build(x, t);
                let (lo, hi) = (lo.scalar(), hi.scalar());
                let a = with_scalar!(lo, l => with_scalar!(hi, h => x.a.clip(l, h)));
                plain(Built {
                    a,
                    d: format!("clip({}, {}, {})", x.d, sdesc(lo), sdesc(hi)),
                })
            }
            Expr::Cast(d, x) => {
                let x = self.build(x, t);
                let d = dtype_of(*d);
                plain(Built {
                    a: x.a.astype(d),
                    d: format!("{}.astype({d})", x.d),
                })
            }
            Expr::Reduce {
                op,
                style,
                keepdims,
                neg,
                seed,
                x,
            } => self.reduce(*op, (*style, *keepdims, *neg, *seed), x, t, root),
            Expr::Arg {
                max,
                style,
                neg,
                seed,
                x,
            } => self.arg(*max, *style, *neg, *seed, x, t, root),
            Expr::Cumsum {
                style,
                axis,
                neg,
                x,
            } => self.cumsum(*style, *axis, *neg, x, t, root),
            Expr::Slice(choices, ellipsis, x) => plain(self.slice(choices, *ellipsis, x, t)),
            Expr::Permute(style, seed, x) => plain(self.permute(*style, *seed, x, t)),
            Expr::Reshape(style, seed, x) => plain(self.reshape(*style, *seed, x, t)),
            Expr::BroadcastTo(seed, x) => {
                let mut rng = Rng(*seed);
                let mut c: Vec<usize> = t
                    .iter()
                    .map(|&e| if rng.one_in(3) { 1 } else { e })
                    .collect();
                let ones = c.iter().take_while(|&&e| e == 1).count();
                let lead = rng.below(ones + 1);
                c.drain(..lead);
                let x = self.build(x, &c);
                plain(Built {
                    a: x.a.broadcast_to(t),
                    d: format!("broadcast_to({}, {t:?})", x.d),
                })
            }
            Expr::ExpandDims(axis, x) => {
                let ones: Vec<usize> = (0..t.len()).filter(|&k| t[k] == 1).collect();
                if ones.is_empty() {
                    return plain(self.build(x, t));
                }
                let a = ones[*axis as usize % ones.len()];
                let mut c = t.to_vec();
                c.remove(a);
                let x = self.build(x, &c);
                let ax = if axis & 0x80 != 0 {
                    a as isize - t.len() as isize
                } else {
                    a as isize
                };
                plain(Built {
                    a: x.a.expand_dims(ax),
                    d: format!("expand_dims({}, {ax})", x.d),
                })
            }
            Expr::Take {
                style,
                idx_ndim,
                axis,
                n,
                idx_i32,
                neg,
                oob,
                seed,
                computed,
                x,
            } => plain(self.take(
                (*style, *idx_ndim, *axis, *n),
                (*idx_i32, *neg, *oob, *seed),
                computed.as_deref(),
                x,
                t,
            )),
            Expr::Tile(seed, x) => plain(self.tile(*seed, x, t)),
            Expr::Shaped { kind, seed, x } => plain(self.shaped(*kind, *seed, x, t)),
            Expr::Repeat(style, seed, x) => plain(self.repeat(*style, *seed, x, t)),
            Expr::Concat {
                axis,
                seed,
                stack,
                parts,
            } => plain(self.concat(*axis, *seed, *stack, parts, t)),
            Expr::SelfOp(op, view, x) => plain(self.self_op(*op, *view, x, t)),
            Expr::Eval(x) => {
                let x = self.build(x, t);
                plain(match x.a.eval() {
                    Ok(a) => Built {
                        a,
                        d: format!("eval({})", x.d),
                    },
                    Err(_) => x,
                })
            }
            Expr::Chain { ops, reps, x } => {
                let mut x = self.build(x, t);
                let reps = 1 + *reps as usize % 300;
                let steps: Vec<String> = ops
                    .iter()
                    .map(|(op, w)| {
                        let op = op.operator().unwrap_or(op.name());
                        format!("{op} {}", sdesc(w.scalar()))
                    })
                    .collect();
                let d = format!("chain({}, {reps} x [{}])", x.d, steps.join(", "));
                for _ in 0..reps {
                    for (op, w) in ops {
                        x = binary(*op, Opd::A(x), Opd::S(w.scalar()), 0, false);
                        x.d = String::new();
                    }
                }
                plain(Built { a: x.a, d })
            }
            Expr::Compress {
                style,
                axis,
                seed,
                x,
            } => plain(self.compress(*style, *axis, *seed, x, t)),
            Expr::Diagonal { offset, seed, x } => plain(self.diagonal(*offset, *seed, x, t)),
            Expr::MaskedReduce {
                op,
                keepdims,
                seed,
                x,
            } => self.masked_reduce(*op, *keepdims, *seed, x, t, root),
            Expr::Windows { axis, x } => {
                let d = t.len();
                let w = t.last().copied().unwrap_or(0);
                if d < 2 || w == 0 && t[*axis as usize % (d - 1)] == 0 {
                    return plain(self.build(x, t));
                }
                let a = *axis as usize % (d - 1);
                let mut c = t[..d - 1].to_vec();
                c[a] = t[a] + w - 1;
                let x = self.build(x, &c);
                plain(Built {
                    a: x.a.windows(w, a as isize),
                    d: format!("windows({}, {w}, axis={a})", x.d),
                })
            }
        }
    }

    fn leaf(&mut self, l: &Leaf, t: &[usize]) -> Built {
        let n = size(t);
        match l {
            Leaf::Data {
                dtype,
                palette,
                seed,
                input,
            } => {
                let dtype = dtype_of(self.dtype.unwrap_or(*dtype));
                let salt = self.salt;
                let at = |i: usize| -> Val {
                    let v = if *seed == 0 {
                        palette[i % palette.len()]
                    } else {
                        palette[(mix(*seed, i) % palette.len() as u64) as usize]
                    };
                    match salt {
                        0 => v,
                        s => Val(v.0.wrapping_add(s as u8), v.1 ^ mix(s, i)),
                    }
                };
                let how = InputPath::from_byte(*input);
                macro_rules! data {
                    ($f:ident) => {{
                        let v: Vec<_> = (0..n).map(|i| $f(at(i))).collect();
                        let shown = fmt_vals(&v);
                        let (a, w) = inputs::make(v, t, how);
                        (a, w, shown)
                    }};
                }
                let (a, mut w, shown) = match dtype {
                    DType::Bool => data!(val_bool),
                    DType::I32 => data!(val_i32),
                    DType::I64 => data!(val_i64),
                    DType::F32 => data!(val_f32),
                    DType::F64 => data!(val_f64),
                    DType::I8 => data!(val_i8),
                    DType::I16 => data!(val_i16),
                    DType::U8 => data!(val_u8),
                    DType::U16 => data!(val_u16),
                    DType::U32 => data!(val_u32),
                    DType::U64 => data!(val_u64),
                };
                if *input < 128 {
                    w.release();
                }
                let name = format!("x{}", self.legend.len());
                self.legend.push(format!(
                    "{name}: {dtype} {t:?} via {} = {shown}",
                    w.describe()
                ));
                self.witnesses.push(w);
                if self.keep_leaves {
                    self.kept.push(a.clone());
                }
                Built { a, d: name }
            }
            Leaf::Fill { dtype, v } => {
                let s = scalar_of(dtype_of(self.dtype.unwrap_or(*dtype)), *v);
                Built {
                    a: with_scalar!(s, v => Array::full(t, v)),
                    d: format!("full({t:?}, {})", sdesc(s)),
                }
            }
            Leaf::Arange { kind, start, step } => {
                let dims: Vec<isize> = t.iter().map(|&e| e as isize).collect();
                let step = if *step == 0 { 1 } else { *step };
                let (a, d) = match kind % 4 {
                    k @ (0 | 3) => {
                        let (s, d) = (*start as i64, step as i64);
                        let stop = s + n as i64 * d;
                        let a = Array::arange(s, stop, d);
                        if k == 3 {
                            (
                                a.astype(DType::I32),
                                format!("arange({s}, {stop}, {d}).astype(int32)"),
                            )
                        } else {
                            (a, format!("arange({s}, {stop}, {d})"))
                        }
                    }
                    1 => {
                        let (s, d) = (*start as f64 * 0.25, step as f64 * 0.5);
                        let stop = s + n as f64 * d;
                        (
                            Array::arange(s, stop, d),
                            format!("arange({s:?}, {stop:?}, {d:?})"),
                        )
                    }
                    _ => {
                        let (s, d) = (*start as f32 * 0.25, step as f32 * 0.5);
                        let stop = s + n as f32 * d;
                        (
                            Array::arange(s, stop, d),
                            format!("arange({s:?}f32, {stop:?}f32, {d:?}f32)"),
                        )
                    }
                };
                Built {
                    a: a.reshape(&dims),
                    d: format!("{d}.reshape({t:?})"),
                }
            }
            Leaf::Random(seed) => Built {
                a: Array::random(t, *seed),
                d: format!("random({t:?}, {seed})"),
            },
            Leaf::Eye(k) => {
                let k = *k as isize % 4;
                if let [r, c] = t {
                    Built {
                        a: Array::eye_with(*r, *c, k),
                        d: format!("eye({r}, {c}, {k})"),
                    }
                } else {
                    let dims: Vec<isize> = t.iter().map(|&e| e as isize).collect();
                    Built {
                        a: Array::eye_with(1, n, k).reshape(&dims),
                        d: format!("eye(1, {n}, {k}).reshape({t:?})"),
                    }
                }
            }
            Leaf::Linspace(a, b, endpoint) => {
                let (a, b) = (val_f64(*a), val_f64(*b));
                let dims: Vec<isize> = t.iter().map(|&e| e as isize).collect();
                Built {
                    a: Array::linspace_with(a, b, n, *endpoint).reshape(&dims),
                    d: format!("linspace({a:?}, {b:?}, {n}, endpoint={endpoint}).reshape({t:?})"),
                }
            }
        }
    }

    fn where_node(&mut self, c: &Expr, x: &Branch, y: &Branch, seed: u64, t: &[usize]) -> Built {
        let mut rng = Rng(seed);
        let n_arrays =
            1 + usize::from(matches!(x, Branch::Arr(_))) + usize::from(matches!(y, Branch::Arr(_)));
        let mut shapes = bcast_shapes(t, n_arrays, &mut rng).into_iter();
        let c = self.build(c, &shapes.next().expect("cond shape"));
        let mut branch = |b: &Branch, this: &mut Builder| match b {
            Branch::Arr(e) => Opd::A(this.build(e, &shapes.next().expect("branch shape"))),
            Branch::Weak(w) => Opd::S(w.scalar()),
        };
        let x = branch(x, self);
        let y = branch(y, self);
        let a = match (&x, &y) {
            (Opd::A(x), Opd::A(y)) => where_(&c.a, &x.a, &y.a),
            (Opd::A(x), Opd::S(s)) => with_scalar!(*s, v => where_(&c.a, &x.a, v)),
            (Opd::S(s), Opd::A(y)) => with_scalar!(*s, v => where_(&c.a, v, &y.a)),
            (Opd::S(s), Opd::S(u)) => {
                with_scalar!(*s, v => with_scalar!(*u, w => where_(&c.a, v, w)))
            }
        };
        Built {
            a,
            d: format!("where({}, {}, {})", c.d, x.desc(), y.desc()),
        }
    }

    /// A reduction producing `t`: picks the reduced axes and inserts them into the input's
    /// shape. Below the root its float input is made exact; at the root it is tamed and the
    /// result compared with a tolerance.
    fn reduce(
        &mut self,
        op: Red,
        (style, keepdims, neg, seed): (u8, bool, bool, u64),
        x: &Expr,
        t: &[usize],
        root: bool,
    ) -> (Built, Check) {
        let op = below_root(op, root);
        let mut rng = Rng(seed);
        let d = t.len();
        let random_dims = |n: usize, rng: &mut Rng| -> Vec<usize> {
            let mut c = Vec::new();
            for _ in 0..n {
                let e = rng.ext();
                c.push(cap(e, size(&c)));
            }
            c
        };
        // (child shape, reduced axes of the child (None: all), keepdims, single-axis call)
        let mut plan: Option<ReducePlan> = None;
        if style % 3 == 2 {
            if d == 0 {
                let nd = rng.below(4);
                plan = Some((random_dims(nd, &mut rng), None, false, false));
            } else if keepdims && t.iter().all(|&e| e == 1) {
                plan = Some((
                    random_dims(d, &mut rng),
                    Some((0..d).collect()),
                    true,
                    false,
                ));
            }
        }
        if plan.is_none() && style % 3 == 1 && !keepdims {
            let p = rng.below(d + 1);
            let mut c = t.to_vec();
            c.insert(p, cap(rng.ext(), size(t)));
            plan = Some((c, Some(vec![p]), false, true));
        }
        let (child, axes, keepdims, single) = plan.unwrap_or_else(|| {
            if keepdims {
                let mut c = t.to_vec();
                let mut axes = Vec::new();
                for k in 0..d {
                    if t[k] == 1 && rng.one_in(2) {
                        c[k] = cap(rng.ext(), size(&c));
                        axes.push(k);
                    }
                }
                (c, Some(axes), true, false)
            } else {
                let r = rng.below(3.min(6usize.saturating_sub(d)) + 1);
                let mut c = t.to_vec();
                let mut is_new = vec![false; d];
                for _ in 0..r {
                    let p = rng.below(c.len() + 1);
                    let e = cap(rng.ext(), size(&c));
                    c.insert(p, e);
                    is_new.insert(p, true);
                }
                let axes = (0..c.len()).filter(|&k| is_new[k]).collect();
                (c, Some(axes), false, false)
            }
        });
        let count: usize = match &axes {
            None => size(&child),
            Some(a) => a.iter().map(|&k| child[k]).product(),
        };
        let x = self.build(x, &child);
        let float_acc = float_accumulation(op, x.a.dtype());
        let nd = child.len() as isize;
        let ax: Option<Vec<isize>> = axes.as_ref().map(|a| {
            a.iter()
                .map(|&k| if neg { k as isize - nd } else { k as isize })
                .collect()
        });
        let reduced = match &ax {
            None => How::All,
            Some(a) if single => How::One(a[0]),
            Some(a) => How::Many(a.clone(), keepdims),
        };
        let apply = |x: &Array| ops::reduce(op, x, &reduced);
        let how = match &ax {
            None => String::new(),
            Some(a) if single => format!(", axis={}", a[0]),
            Some(a) => format!(", axes={a:?}{}", if keepdims { ", keepdims" } else { "" }),
        };
        let name = op.name();
        if !root {
            let x = if float_acc { tame_inner(op, x) } else { x };
            let out = Built {
                a: apply(&x.a),
                d: format!("{name}({}{how})", x.d),
            };
            let out = if matches!(
                op,
                Red::Min | Red::Max | Red::NanMin | Red::NanMax | Red::Ptp
            ) {
                canonical_zero(out)
            } else {
                out
            };
            return (out, Check::Exact);
        }
        let x = if float_acc {
            tame_root(op, x, count)
        } else {
            x
        };
        let out = Built {
            a: apply(&x.a),
            d: format!("{name}({}{how})", x.d),
        };
        let check = root_check(op, &out.a, &x.a, &reduced, count);
        (out, check)
    }

    /// argmin/argmax producing `t`.
    #[allow(clippy::too_many_arguments)]
    fn arg(
        &mut self,
        max: bool,
        style: u8,
        neg: bool,
        seed: u64,
        x: &Expr,
        t: &[usize],
        root: bool,
    ) -> (Built, Check) {
        let mut rng = Rng(seed);
        let d = t.len();
        let ones: Vec<usize> = (0..d).filter(|&k| t[k] == 1).collect();
        // (child shape, axis (None: flattened), keepdims)
        let (child, axis, keepdims) = match style % 4 {
            1 if !ones.is_empty() => {
                let a = ones[rng.below(ones.len())];
                let mut c = t.to_vec();
                c[a] = cap(rng.ext(), size(t));
                (c, Some(a), true)
            }
            2 if d == 0 => {
                let nd = 1 + rng.below(3);
                let mut c = Vec::new();
                for _ in 0..nd {
                    let e = rng.ext();
                    c.push(cap(e, size(&c)));
                }
                (c, None, false)
            }
            3 if ones.len() == d => {
                let mut c = Vec::new();
                for _ in 0..d {
                    let e = rng.ext();
                    c.push(cap(e, size(&c)));
                }
                (c, None, true)
            }
            _ => {
                let a = rng.below(d + 1);
                let mut c = t.to_vec();
                c.insert(a, cap(rng.ext(), size(t)));
                (c, Some(a), false)
            }
        };
        let x = self.build(x, &child);
        let ax = axis.map(|a| {
            if neg {
                a as isize - child.len() as isize
            } else {
                a as isize
            }
        });
        let a = match (max, ax, keepdims) {
            (true, Some(a), false) => x.a.argmax_axis(a),
            (false, Some(a), false) => x.a.argmin_axis(a),
            (true, ax, k) => x.a.argmax_with(ax, k),
            (false, ax, k) => x.a.argmin_with(ax, k),
        };
        let name = if max { "argmax" } else { "argmin" };
        let out = Built {
            a,
            d: format!(
                "{name}({}, axis={ax:?}{})",
                x.d,
                if keepdims { ", keepdims" } else { "" }
            ),
        };
        let check = if root && x.a.dtype().is_float() {
            Check::ArgTie { input: x.a, axis }
        } else {
            Check::Exact
        };
        (out, check)
    }

    /// cumsum producing `t` (along an axis, or of a flattened input when `t` is 1-D).
    fn cumsum(
        &mut self,
        style: u8,
        axis: u8,
        neg: bool,
        x: &Expr,
        t: &[usize],
        root: bool,
    ) -> (Built, Check) {
        let d = t.len();
        if d == 0 {
            return (self.build(x, t), Check::Exact);
        }
        let mut rng = Rng(axis as u64);
        let (child, ax, n) = if style % 2 == 1 && d == 1 {
            (shape_of_size(t[0], &mut rng, 4), None, t[0])
        } else {
            let a = axis as usize % d;
            let ax = if neg {
                a as isize - d as isize
            } else {
                a as isize
            };
            (t.to_vec(), Some(ax), t[a])
        };
        let x = self.build(x, &child);
        let float = x.a.dtype().is_float();
        let apply = |x: &Array| match ax {
            Some(a) => x.cumsum(a),
            None => x.cumsum_flat(),
        };
        let how = match ax {
            Some(a) => format!("axis={a}"),
            None => "flat".to_string(),
        };
        if !root || !float {
            let x = if float { tame_inner(Red::Sum, x) } else { x };
            return (
                Built {
                    a: apply(&x.a),
                    d: format!("cumsum({}, {how})", x.d),
                },
                Check::Exact,
            );
        }
        let x = tame_root(Red::Sum, x, n);
        let out = Built {
            a: apply(&x.a),
            d: format!("cumsum({}, {how})", x.d),
        };
        let check = if out.a.error().is_some() {
            Check::Exact
        } else {
            Check::Sum {
                env: reference_f64(&apply(&x.a.astype(DType::F64).abs())),
                n,
            }
        };
        (out, check)
    }

    fn slice(&mut self, choices: &[SliceChoice], ellipsis: bool, x: &Expr, t: &[usize]) -> Built {
        let mut args = Vec::new();
        let mut child = Vec::new();
        let mut k = 0;
        for c in choices {
            match c.kind % 10 {
                7 | 8 => {
                    let m = 1 + (c.lo % 4) as usize;
                    let i = (c.hi as isize % (2 * m as isize)) - m as isize;
                    args.push(SliceArg::Index(i));
                    child.push(m);
                }
                9 if k < t.len() && t[k] == 1 => {
                    args.push(SliceArg::NewAxis);
                    k += 1;
                }
                _ if k < t.len() => {
                    let (arg, n) = range_arg(t[k], *c);
                    args.push(arg);
                    child.push(n);
                    k += 1;
                }
                _ => {}
            }
        }
        if ellipsis {
            args.push(SliceArg::Ellipsis);
        }
        child.extend_from_slice(&t[k..]);
        if span(&child) > limit() {
            args.clear();
            child = t.to_vec();
        }
        let x = self.build(x, &child);
        Built {
            a: x.a.slice(&args),
            d: format!("{}{}", x.d, slice_desc(&args)),
        }
    }

    fn permute(&mut self, style: u8, seed: u64, x: &Expr, t: &[usize]) -> Built {
        let mut rng = Rng(seed);
        let d = t.len();
        match style % 4 {
            1 => {
                let c: Vec<usize> = t.iter().rev().copied().collect();
                let x = self.build(x, &c);
                Built {
                    a: x.a.t(),
                    d: format!("{}.T", x.d),
                }
            }
            2 if d >= 1 => {
                let (a1, a2) = (rng.below(d), rng.below(d));
                let mut c = t.to_vec();
                c.swap(a1, a2);
                let x = self.build(x, &c);
                let a2 = if rng.one_in(2) {
                    a2 as isize - d as isize
                } else {
                    a2 as isize
                };
                Built {
                    a: x.a.swapaxes(a1 as isize, a2),
                    d: format!("swapaxes({}, {a1}, {a2})", x.d),
                }
            }
            _ => {
                let mut p: Vec<usize> = (0..d).collect();
                for i in (1..d).rev() {
                    p.swap(i, rng.below(i + 1));
                }
                let mut c = vec![0; d];
                for k in 0..d {
                    c[p[k]] = t[k];
                }
                let x = self.build(x, &c);
                let axes: Vec<isize> = p
                    .iter()
                    .map(|&a| {
                        if rng.one_in(4) {
                            a as isize - d as isize
                        } else {
                            a as isize
                        }
                    })
                    .collect();
                Built {
                    a: x.a.permute(&axes),
                    d: format!("transpose({}, {axes:?})", x.d),
                }
            }
        }
    }

    fn reshape(&mut self, style: u8, seed: u64, x: &Expr, t: &[usize]) -> Built {
        let mut rng = Rng(seed);
        let n = size(t);
        match style % 5 {
            2 | 3 if t.len() == 1 => {
                let c = shape_of_size(n, &mut rng, 4);
                let x = self.build(x, &c);
                if style % 5 == 2 {
                    Built {
                        a: x.a.ravel(),
                        d: format!("ravel({})", x.d),
                    }
                } else {
                    Built {
                        a: x.a.flatten(),
                        d: format!("flatten({})", x.d),
                    }
                }
            }
            4 => {
                // squeeze: the input has extra length-1 axes
                let mut c = t.to_vec();
                let mut inserted = vec![false; t.len()];
                for _ in 0..1 + rng.below(2) {
                    let p = rng.below(c.len() + 1);
                    c.insert(p, 1);
                    inserted.insert(p, true);
                }
                let x = self.build(x, &c);
                if !t.contains(&1) && rng.one_in(2) {
                    Built {
                        a: x.a.squeeze(),
                        d: format!("squeeze({})", x.d),
                    }
                } else {
                    let axes: Vec<isize> = (0..c.len())
                        .filter(|&k| inserted[k])
                        .map(|k| k as isize)
                        .collect();
                    Built {
                        a: x.a.squeeze_axes(&axes),
                        d: format!("squeeze({}, {axes:?})", x.d),
                    }
                }
            }
            _ => {
                let c = shape_of_size(n, &mut rng, 5);
                let x = self.build(x, &c);
                let mut dims: Vec<isize> = t.iter().map(|&e| e as isize).collect();
                if style % 5 == 1 && !dims.is_empty() {
                    let k = rng.below(dims.len());
                    let others: usize = (0..t.len()).filter(|&j| j != k).map(|j| t[j]).product();
                    if others > 0 {
                        dims[k] = -1;
                    }
                }
                Built {
                    a: x.a.reshape(&dims),
                    d: format!("{}.reshape({dims:?})", x.d),
                }
            }
        }
    }

    fn take(
        &mut self,
        (style, idx_ndim, axis, n): (u8, u8, u8, u8),
        (idx_i32, neg, oob, seed): (bool, bool, u8, u64),
        computed: Option<&Expr>,
        x: &Expr,
        t: &[usize],
    ) -> Built {
        let mut rng = Rng(seed);
        // Data choices come from their own generator, salted per rebuild (same structure,
        // other data).
        let mut vals = Rng(seed ^ self.salt.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let d = t.len();
        let flat = style % 3 == 1;
        let (k, axis) = if flat {
            (d, 0)
        } else if style % 3 == 2 {
            let k = (idx_ndim as usize % 3).min(d);
            (k, 0)
        } else {
            let k = (idx_ndim as usize % 3).min(d);
            (k, axis as usize % (d - k + 1))
        };
        let idx_shape = t[axis..axis + k].to_vec();
        let idx_len = size(&idx_shape);
        let others = span(&t[..axis]) * span(&t[axis + k..]);
        let mut n = cap(ext(n as u64), others.max(1));
        if n == 0 && idx_len > 0 && !rng.one_in(8) {
            n = 1;
        }
        let data_shape: Vec<usize> = if flat {
            shape_of_size(n, &mut rng, 3)
        } else {
            let mut s = t[..axis].to_vec();
            s.push(n);
            s.extend_from_slice(&t[axis + k..]);
            s
        };
        let data = self.build(x, &data_shape);
        let ni = n as i64;
        let idx = match computed {
            Some(e) => {
                let b = self.build(e, &idx_shape);
                let b = match b.a.dtype() {
                    DType::I32 | DType::I64 => b,
                    other => Built {
                        a: b.a.astype(DType::I64),
                        d: format!("{}.astype(int64) /* from {other} */", b.d),
                    },
                };
                let r = Built {
                    a: &b.a % ni,
                    d: format!("({} % {ni})", b.d),
                };
                if neg {
                    Built {
                        a: &r.a - ni,
                        d: format!("({} - {ni})", r.d),
                    }
                } else {
                    r
                }
            }
            None if oob % 16 >= 10 && oob % 16 < 15 && n > 0 => {
                // An arithmetic sequence (what `take_to_slice` turns into a view): steps -3..=3
                // (0 repeats one index), negative indices when `neg`, as an `arange` or as data.
                let step = (oob as i64 / 16) % 7 - 3;
                let span = step.unsigned_abs() as i64 * (idx_len as i64 - 1).max(0);
                let lo = if step < 0 { span } else { 0 };
                let hi = ni - 1 - if step > 0 { span } else { 0 };
                let start = if hi < lo {
                    None
                } else {
                    let s = lo + vals.below((hi - lo + 1) as usize) as i64;
                    Some(if neg { s - ni } else { s })
                };
                match start {
                    Some(start) if oob % 16 == 10 && step != 0 && idx_len > 0 => {
                        let stop = start + step * idx_len as i64;
                        let dims: Vec<isize> = idx_shape.iter().map(|&e| e as isize).collect();
                        Built {
                            a: Array::arange(start, stop, step).reshape(&dims),
                            d: format!("arange({start}, {stop}, {step}).reshape({idx_shape:?})"),
                        }
                    }
                    Some(start) => {
                        let v: Vec<i64> = (0..idx_len as i64).map(|i| start + i * step).collect();
                        let shown = fmt_vals(&v);
                        let name = format!("i{}", self.legend.len());
                        self.legend.push(format!(
                            "{name}: int64 {idx_shape:?} = {shown} (a sequence)"
                        ));
                        Built {
                            a: Array::from_vec(v, &idx_shape),
                            d: name,
                        }
                    }
                    None => {
                        let v = vec![0i64; idx_len];
                        let name = format!("i{}", self.legend.len());
                        self.legend
                            .push(format!("{name}: int64 {idx_shape:?} = zeros"));
                        Built {
                            a: Array::from_vec(v, &idx_shape),
                            d: name,
                        }
                    }
                }
            }
            None => {
                let mut v: Vec<i64> = (0..idx_len)
                    .map(|_| {
                        if n == 0 {
                            0
                        } else if neg {
                            vals.below(2 * n) as i64 - ni
                        } else {
                            vals.below(n) as i64
                        }
                    })
                    .collect();
                if oob % 16 == 15 && !v.is_empty() {
                    let i = vals.below(v.len());
                    v[i] = if vals.one_in(2) { ni } else { -ni - 1 };
                }
                let shown = fmt_vals(&v);
                let a = if idx_i32 {
                    Array::from_vec(v.iter().map(|&i| i as i32).collect(), &idx_shape)
                } else {
                    Array::from_vec(v, &idx_shape)
                };
                let name = format!("i{}", self.legend.len());
                let dt = if idx_i32 { "int32" } else { "int64" };
                self.legend
                    .push(format!("{name}: {dt} {idx_shape:?} = {shown}"));
                Built { a, d: name }
            }
        };
        match style % 3 {
            1 => Built {
                a: data.a.take_flat(&idx.a),
                d: format!("take_flat({}, {})", data.d, idx.d),
            },
            2 => Built {
                a: data.a.index(&idx.a),
                d: format!("{}[{}]", data.d, idx.d),
            },
            _ => {
                let ax = if rng.one_in(3) {
                    axis as isize - data_shape.len() as isize
                } else {
                    axis as isize
                };
                Built {
                    a: data.a.take(&idx.a, ax),
                    d: format!("take({}, {}, axis={ax})", data.d, idx.d),
                }
            }
        }
    }

    fn tile(&mut self, seed: u64, x: &Expr, t: &[usize]) -> Built {
        let mut rng = Rng(seed);
        let d = t.len();
        let lead = if rng.one_in(3) { rng.below(d + 1) } else { 0 };
        let mut reps = Vec::with_capacity(d);
        let mut child = Vec::new();
        for (k, &e) in t.iter().enumerate() {
            if k < lead {
                reps.push(e);
            } else if e == 0 {
                if rng.one_in(2) {
                    reps.push(0);
                    child.push(rng.below(4));
                } else {
                    reps.push(rng.below(4));
                    child.push(0);
                }
            } else {
                let divs = divisors(e);
                let r = divs[rng.below(divs.len())];
                reps.push(r);
                child.push(e / r);
            }
        }
        if span(&child) > limit() {
            reps = vec![1; d];
            child = t.to_vec();
        }
        // Leading reps of 1 may be left out when they stand for the input's own dims.
        if lead == 0 {
            let ones = reps.iter().take_while(|&&r| r == 1).count();
            let drop = rng.below(ones + 1);
            reps.drain(..drop);
        }
        let x = self.build(x, &child);
        Built {
            a: x.a.tile(&reps),
            d: format!("tile({}, {reps:?})", x.d),
        }
    }

    /// A shape helper whose result has shape `t` (see [`Expr::Shaped`]).
    fn shaped(&mut self, kind: u8, seed: u64, x: &Expr, t: &[usize]) -> Built {
        let mut rng = Rng(seed);
        let d = t.len();
        let ax = |rng: &mut Rng| -> isize {
            let k = rng.below(d.max(1)) as isize;
            if rng.one_in(2) { k - d as isize } else { k }
        };
        let shift = |rng: &mut Rng| -> isize {
            [0isize, 1, -1, 2, -3, 5, 17, isize::MAX, isize::MIN][rng.below(9)]
        };
        match kind % 7 {
            // pad: each axis of `t` is split into before + input + after.
            0 if d > 0 => {
                let mode = rng.below(6);
                let mut widths = Vec::with_capacity(d);
                let mut child = Vec::with_capacity(d);
                for &e in t {
                    let before = rng.below(e.min(4) + 1);
                    let after = rng.below((e - before).min(4) + 1);
                    let inner = e - before - after;
                    // Only a constant pad can extend an empty axis.
                    let (before, after, inner) = if inner == 0 && mode > 1 {
                        (0, 0, e)
                    } else {
                        (before, after, inner)
                    };
                    widths.push((before, after));
                    child.push(inner);
                }
                let x = self.build(x, &child);
                let (m, name) = match mode {
                    0 => (PadMode::constant(-2.5), "constant -2.5".to_string()),
                    1 => {
                        let pairs: Vec<(i64, i64)> =
                            (0..d).map(|k| (k as i64 + 1, -(k as i64) - 7)).collect();
                        (
                            PadMode::constant_pairs(&pairs),
                            format!("constant {pairs:?}"),
                        )
                    }
                    2 => (PadMode::Edge, "edge".into()),
                    3 => (PadMode::Reflect, "reflect".into()),
                    4 => (PadMode::Symmetric, "symmetric".into()),
                    _ => (PadMode::Wrap, "wrap".into()),
                };
                Built {
                    a: x.a.pad_with(widths.clone(), m),
                    d: format!("pad({}, {widths:?}, {name})", x.d),
                }
            }
            // rot90 in the plane of two axes: odd turns swap their extents.
            1 if d >= 2 => {
                let (a0, a1) = (rng.below(d), rng.below(d - 1));
                let a1 = if a1 >= a0 { a1 + 1 } else { a1 };
                let k = shift(&mut rng);
                let mut child = t.to_vec();
                if k.rem_euclid(2) == 1 {
                    child.swap(a0, a1);
                }
                let x = self.build(x, &child);
                let axes = [
                    a0 as isize,
                    a1 as isize - if rng.one_in(2) { d as isize } else { 0 },
                ];
                Built {
                    a: x.a.rot90(k, axes),
                    d: format!("rot90({}, {k}, {axes:?})", x.d),
                }
            }
            // moveaxis: the input has the axes where they come from.
            2 if d >= 2 => {
                let (src, dst) = (rng.below(d), rng.below(d));
                let mut order: Vec<usize> = (0..d).filter(|&k| k != src).collect();
                order.insert(dst, src);
                // Output axis j is input axis order[j].
                let mut child = vec![0; d];
                for (j, &k) in order.iter().enumerate() {
                    child[k] = t[j];
                }
                let x = self.build(x, &child);
                Built {
                    a: x.a.moveaxis(src as isize, dst as isize),
                    d: format!("moveaxis({}, {src}, {dst})", x.d),
                }
            }
            3 if d >= 2 => {
                let x = self.build(x, t);
                let k = shift(&mut rng).clamp(-9, 9);
                if rng.one_in(2) {
                    Built {
                        a: x.a.tril(k),
                        d: format!("tril({}, {k})", x.d),
                    }
                } else {
                    Built {
                        a: x.a.triu(k),
                        d: format!("triu({}, {k})", x.d),
                    }
                }
            }
            4 => {
                let x = self.build(x, t);
                let s = shift(&mut rng);
                Built {
                    a: x.a.roll_flat(s),
                    d: format!("roll({}, {s})", x.d),
                }
            }
            5 if d > 0 => {
                let x = self.build(x, t);
                let n = 1 + rng.below(3);
                let shifts: Vec<isize> = (0..n).map(|_| shift(&mut rng)).collect();
                let axes: Vec<isize> = (0..n).map(|_| ax(&mut rng)).collect();
                Built {
                    a: x.a.roll_axes(&shifts, &axes),
                    d: format!("roll({}, {shifts:?}, {axes:?})", x.d),
                }
            }
            _ => {
                let x = self.build(x, t);
                let axes: Vec<isize> = (0..d)
                    .filter(|_| rng.one_in(2))
                    .map(|k| k as isize)
                    .collect();
                Built {
                    a: x.a.flip_axes(&axes),
                    d: format!("flip({}, {axes:?})", x.d),
                }
            }
        }
    }

    fn repeat(&mut self, style: u8, seed: u64, x: &Expr, t: &[usize]) -> Built {
        let mut rng = Rng(seed);
        let d = t.len();
        if d == 0 {
            return self.build(x, t);
        }
        if style % 3 == 2 && d == 1 {
            // repeat(x, r) of a flattened input
            let divs = if t[0] == 0 {
                vec![0, 1, 2]
            } else {
                divisors(t[0])
            };
            let r = divs[rng.below(divs.len())];
            let inner = t[0].checked_div(r).unwrap_or_else(|| rng.below(5));
            let c = shape_of_size(inner, &mut rng, 3);
            let x = self.build(x, &c);
            return Built {
                a: x.a.repeat(r, None),
                d: format!("repeat({}, {r})", x.d),
            };
        }
        let a = rng.below(d);
        let ax = if rng.one_in(3) {
            a as isize - d as isize
        } else {
            a as isize
        };
        let e = t[a];
        let others = span(t) / e.max(1);
        let mut c = t.to_vec();
        if style % 3 == 1 {
            // per-element counts summing to e
            let m = if e == 0 {
                cap(rng.below(4), others)
            } else {
                1 + rng.below(e.min(6))
            };
            let mut counts = vec![0usize; m];
            for _ in 0..e {
                let i = rng.below(m);
                counts[i] += 1;
            }
            c[a] = m;
            let x = self.build(x, &c);
            return Built {
                a: x.a.repeat_each(&counts, Some(ax)),
                d: format!("repeat({}, {counts:?}, axis={ax})", x.d),
            };
        }
        let (r, m) = if e == 0 {
            if rng.one_in(2) {
                (0, cap(rng.below(4), others))
            } else {
                (rng.below(4), 0)
            }
        } else {
            let divs = divisors(e);
            let r = divs[rng.below(divs.len())];
            (r, e / r)
        };
        c[a] = m;
        let x = self.build(x, &c);
        Built {
            a: x.a.repeat(r, Some(ax)),
            d: format!("repeat({}, {r}, axis={ax})", x.d),
        }
    }

    fn concat(
        &mut self,
        axis: u8,
        seed: u64,
        stack_parts: bool,
        parts: &[Expr],
        t: &[usize],
    ) -> Built {
        let mut rng = Rng(seed);
        let d = t.len();
        if d == 0 {
            return self.build(&parts[0], t);
        }
        let p = parts.len();
        if stack_parts {
            let candidates: Vec<usize> = (0..d).filter(|&k| t[k] == p).collect();
            if !candidates.is_empty() {
                let a = candidates[axis as usize % candidates.len()];
                let mut c = t.to_vec();
                c.remove(a);
                let built: Vec<Built> = parts.iter().map(|e| self.build(e, &c)).collect();
                let refs: Vec<&Array> = built.iter().map(|b| &b.a).collect();
                let ax = if rng.one_in(3) {
                    a as isize - d as isize
                } else {
                    a as isize
                };
                let descs: Vec<&str> = built.iter().map(|b| b.d.as_str()).collect();
                return Built {
                    a: stack(&refs, ax),
                    d: format!("stack([{}], axis={ax})", descs.join(", ")),
                };
            }
        }
        let a = axis as usize % d;
        let mut cuts: Vec<usize> = (0..p - 1).map(|_| rng.below(t[a] + 1)).collect();
        cuts.sort_unstable();
        let mut bounds = vec![0];
        bounds.extend(cuts);
        bounds.push(t[a]);
        let built: Vec<Built> = parts
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let mut c = t.to_vec();
                c[a] = bounds[i + 1] - bounds[i];
                self.build(e, &c)
            })
            .collect();
        let refs: Vec<&Array> = built.iter().map(|b| &b.a).collect();
        let ax = if rng.one_in(3) {
            a as isize - d as isize
        } else {
            a as isize
        };
        let descs: Vec<&str> = built.iter().map(|b| b.d.as_str()).collect();
        Built {
            a: concatenate(&refs, ax),
            d: format!("concatenate([{}], axis={ax})", descs.join(", ")),
        }
    }

    /// `compress` or boolean-mask indexing producing `t`, with a literal mask holding exactly
    /// as many trues as the selected extent.
    fn compress(&mut self, style: u8, axis: u8, seed: u64, x: &Expr, t: &[usize]) -> Built {
        let mut rng = Rng(seed);
        // Data choices come from their own generator, salted per rebuild (same structure,
        // other data).
        let mut vals = Rng(seed ^ self.salt.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let d = t.len();
        if d == 0 {
            return self.build(x, t);
        }
        // `k` true values among `n` positions: scattered, or one run (`mask_to_slice` turns a
        // run, all-true and all-false masks into views).
        let mask_values = |k: usize, n: usize, rng: &mut Rng| -> Vec<bool> {
            if rng.one_in(2) {
                let start = rng.below(n - k + 1);
                return (0..n).map(|i| i >= start && i < start + k).collect();
            }
            let mut m = vec![false; n];
            let mut idx: Vec<usize> = (0..n).collect();
            for i in 0..k {
                let j = i + rng.below(n - i);
                idx.swap(i, j);
                m[idx[i]] = true;
            }
            m
        };
        if style % 2 == 1 {
            // x[mask]: the mask's shape leads the data's; the result is [count] + rest.
            let count = t[0];
            let rest = &t[1..];
            let nd = 1 + rng.below(3);
            let mut ms: Vec<usize> = Vec::new();
            for _ in 0..nd {
                let e = cap(rng.ext(), size(&ms) * size(rest)).max(1);
                ms.push(e);
            }
            let last = ms.len() - 1;
            while size(&ms) < count {
                ms[last] += 1;
            }
            let mut data_shape = ms.clone();
            data_shape.extend_from_slice(rest);
            if span(&data_shape) > limit() {
                return self.build(x, t);
            }
            let m = mask_values(count, size(&ms), &mut vals);
            let shown = fmt_vals(&m);
            let mask = Array::from_vec(m, &ms);
            let name = format!("m{}", self.legend.len());
            self.legend.push(format!("{name}: bool {ms:?} = {shown}"));
            let data = self.build(x, &data_shape);
            return Built {
                a: data.a.mask(&mask),
                d: format!("{}[{name}]", data.d),
            };
        }
        let a = axis as usize % d;
        let k = t[a];
        let others = span(t) / k.max(1);
        let n = (k + rng.below(5)).min((limit() / others.max(1)).max(k));
        let m_len = match rng.below(4) {
            0 => k + rng.below(n - k + 1),
            1 => n + 1 + rng.below(3),
            _ => n,
        };
        let mut m = mask_values(k, m_len.min(n), &mut vals);
        m.resize(m_len, false);
        let shown = fmt_vals(&m);
        let reversed = rng.one_in(3);
        let mask = if reversed {
            let rev: Vec<bool> = m.iter().rev().copied().collect();
            Array::from_vec(rev, &[m_len]).slice([SliceArg::Range {
                start: None,
                stop: None,
                step: -1,
            }])
        } else {
            Array::from_vec(m, &[m_len])
        };
        let name = format!("m{}", self.legend.len());
        self.legend.push(format!(
            "{name}: bool [{m_len}] = {shown}{}",
            if reversed { " (a reversed view)" } else { "" }
        ));
        let mut c = t.to_vec();
        c[a] = n;
        let data = self.build(x, &c);
        let ax = if rng.one_in(3) {
            a as isize - d as isize
        } else {
            a as isize
        };
        Built {
            a: data.a.compress(&mask, ax),
            d: format!("compress({}, {name}, axis={ax})", data.d),
        }
    }

    /// `reduce(compress(tame(x), mask, axis), axis)` producing `t`: the selected axis is the
    /// reduced one, and the input is tamed before the selection so the pattern stays intact.
    fn masked_reduce(
        &mut self,
        op: Red,
        keepdims: bool,
        seed: u64,
        x: &Expr,
        t: &[usize],
        root: bool,
    ) -> (Built, Check) {
        let op = below_root(op, root);
        let mut rng = Rng(seed);
        // Data choices come from their own generator, salted per rebuild (same structure,
        // other data).
        let mut vals = Rng(seed ^ self.salt.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let d = t.len();
        let ones: Vec<usize> = (0..d).filter(|&k| t[k] == 1).collect();
        let (a, keepdims) = if keepdims && !ones.is_empty() {
            (ones[rng.below(ones.len())], true)
        } else {
            (rng.below(d + 1), false)
        };
        let mut c = t.to_vec();
        let others = span(t);
        let n = cap(rng.ext(), others.max(1)).max(1);
        let k = match rng.below(4) {
            0 => 0,
            1 => n,
            _ => rng.below(n + 1),
        };
        if keepdims {
            c[a] = n;
        } else {
            c.insert(a, n);
        }
        let x = self.build(x, &c);
        let float_acc = float_accumulation(op, x.a.dtype());
        let x = match (float_acc, root) {
            (false, _) => x,
            (true, false) => tame_inner(op, x),
            (true, true) => tame_root(op, x, k),
        };
        let m: Vec<bool> = if vals.one_in(2) {
            let start = vals.below(n - k + 1);
            (0..n).map(|i| i >= start && i < start + k).collect()
        } else {
            let mut idx: Vec<usize> = (0..n).collect();
            let mut m = vec![false; n];
            for i in 0..k {
                let j = i + vals.below(n - i);
                idx.swap(i, j);
                m[idx[i]] = true;
            }
            m
        };
        let shown = fmt_vals(&m);
        let mask = Array::from_vec(m, &[n]);
        let name = format!("m{}", self.legend.len());
        self.legend.push(format!("{name}: bool [{n}] = {shown}"));
        let sel = x.a.compress(&mask, a as isize);
        let apply = |s: &Array| ops::reduce(op, s, &How::Many(vec![a as isize], keepdims));
        let name_op = op.name();
        let out = Built {
            a: apply(&sel),
            d: format!(
                "{name_op}(compress({}, {name}, axis={a}), axis={a}{})",
                x.d,
                if keepdims { ", keepdims" } else { "" }
            ),
        };
        if !root {
            let out = if matches!(
                op,
                Red::Min | Red::Max | Red::NanMin | Red::NanMax | Red::Ptp
            ) {
                canonical_zero(out)
            } else {
                out
            };
            return (out, Check::Exact);
        }
        let check = root_check(op, &out.a, &sel, &How::Many(vec![a as isize], keepdims), k);
        (out, check)
    }

    /// `diagonal(offset, axis1, axis2)` producing `t` (the diagonal is its last axis).
    fn diagonal(&mut self, offset: i8, seed: u64, x: &Expr, t: &[usize]) -> Built {
        let mut rng = Rng(seed);
        let d = t.len();
        if d == 0 {
            return self.build(x, t);
        }
        let len = t[d - 1];
        let k = offset as isize % 3;
        let diag_len = |n1: usize, n2: usize| -> usize {
            let (n1, n2) = (n1 as isize, n2 as isize);
            let l = if k >= 0 {
                n1.min(n2 - k)
            } else {
                (n1 + k).min(n2)
            };
            l.max(0) as usize
        };
        let pad = rng.below(3);
        let ku = k.unsigned_abs();
        // One of the two axes is exactly as long as the diagonal needs.
        let (n1, n2) = match (k >= 0, rng.one_in(2)) {
            (true, true) => (len, len + ku + pad),
            (true, false) => (len + pad, len + ku),
            (false, true) => (len + ku, len + pad),
            (false, false) => (len + ku + pad, len),
        };
        assert_eq!(
            diag_len(n1, n2),
            len,
            "generator bug: diagonal of {n1}x{n2} offset {k}"
        );
        let base = &t[..d - 1];
        let nd = d + 1;
        let p1 = rng.below(nd);
        let mut p2 = rng.below(nd - 1);
        if p2 >= p1 {
            p2 += 1;
        }
        let mut c = vec![0usize; nd];
        c[p1] = n1;
        c[p2] = n2;
        let mut rest = base.iter();
        for (i, e) in c.iter_mut().enumerate() {
            if i != p1 && i != p2 {
                *e = *rest.next().expect("base dims");
            }
        }
        if span(&c) > limit() {
            return self.build(x, t);
        }
        let x = self.build(x, &c);
        Built {
            a: x.a.diagonal_with(k, p1 as isize, p2 as isize),
            d: format!("diagonal({}, {k}, {p1}, {p2})", x.d),
        }
    }

    /// `op(a, view(a))`: `a` is used twice.
    fn self_op(&mut self, op: Bin, view: u8, x: &Expr, t: &[usize]) -> Built {
        let a = self.build(x, t);
        let b = match view % 4 {
            1 => {
                let args = vec![
                    SliceArg::Range {
                        start: None,
                        stop: None,
                        step: -1
                    };
                    t.len()
                ];
                Built {
                    a: a.a.slice(&args),
                    d: format!("{}{}", a.d, slice_desc(&args)),
                }
            }
            2 if t.iter().rev().eq(t.iter()) => Built {
                a: a.a.t(),
                d: format!("{}.T", a.d),
            },
            3 if !t.is_empty() && t[0] >= 1 => {
                let args = [SliceArg::Range {
                    start: Some(0),
                    stop: Some(1),
                    step: 1,
                }];
                Built {
                    a: a.a.slice(args),
                    d: format!("{}[0:1]", a.d),
                }
            }
            _ => a.clone(),
        };
        binary(op, Opd::A(a), Opd::A(b), view, false)
    }
}

// ---------------------------------------------------------------------------------------------
// Comparing
// ---------------------------------------------------------------------------------------------

/// Where the two paths' elements differ, shown (at most 8) with both values.
fn describe_diffs<T: Debug>(bad: &[usize], fast: &[T], reference: &[T]) -> String {
    let mut s = format!("{} of {} elements differ:", bad.len(), fast.len());
    for &i in bad.iter().take(8) {
        s += &format!("\n  [{i}] eval {:?}, reference {:?}", fast[i], reference[i]);
    }
    if fast.len() <= 64 {
        s += &format!(
            "\n  eval:      {}\n  reference: {}",
            fmt_vals(fast),
            fmt_vals(reference)
        );
    }
    s
}

fn values<T: Element>(a: &Array) -> Result<Vec<T>, String> {
    a.to_vec::<T>()
        .map_err(|e| format!("reading a result: {e}"))
}

fn exact<T: Element + Debug>(f: &Array, r: &Array) -> Result<(), String> {
    let (fv, rv) = (values::<T>(f)?, values::<T>(r)?);
    let bad: Vec<usize> = (0..fv.len())
        .filter(|&i| !same_bits(&fv[i..=i], &rv[i..=i]))
        .collect();
    if bad.is_empty() {
        Ok(())
    } else {
        Err(describe_diffs(&bad, &fv, &rv))
    }
}

/// Compares float results of dtype `T` (whose epsilon is `eps`) as `check` says.
fn floats<T: Element + Debug + Into<f64>>(
    f: &Array,
    r: &Array,
    check: &Check,
    eps: f64,
    rtol: f64,
) -> Result<(), String> {
    let (fv, rv) = (values::<T>(f)?, values::<T>(r)?);
    let bits_equal = |i: usize| same_bits(&fv[i..=i], &rv[i..=i]);
    let ok = |i: usize| -> bool {
        if bits_equal(i) {
            return true;
        }
        let (x, y): (f64, f64) = (fv[i].into(), rv[i].into());
        match check {
            Check::ZeroTie => x == 0.0 && y == 0.0,
            Check::Sum { env, n } => {
                let tol = rtol.max((*n as f64 + 2.0) * eps) * env[i];
                if x.is_nan() || y.is_nan() || x.is_infinite() || y.is_infinite() {
                    return false;
                }
                tol.is_finite() && (x - y).abs() <= tol
            }
            Check::Ulps(max) => {
                // NaN and the infinities exactly; finite values (underflow to 0 included)
                // within the bound.
                if !(x.is_finite() && y.is_finite()) {
                    return false;
                }
                let distance = if std::mem::size_of::<T>() == 4 {
                    ulps32(x as f32, y as f32)
                } else {
                    ulps64(x, y)
                };
                distance <= *max
            }
            Check::Prod { n } => {
                if x.is_nan() || y.is_nan() || x.is_infinite() || y.is_infinite() {
                    return false;
                }
                (x - y).abs() <= rtol.max((*n as f64 + 2.0) * eps) * y.abs()
            }
            _ => false,
        }
    };
    let bad: Vec<usize> = (0..fv.len()).filter(|&i| !ok(i)).collect();
    if bad.is_empty() {
        Ok(())
    } else {
        let mut msg = describe_diffs(&bad, &fv, &rv);
        if let Check::Sum { env, n } = check {
            msg += &format!(
                "\n  (tolerance scale: {n} terms, sum of |terms| {:?})",
                env.get(bad[0])
            );
        }
        Err(msg)
    }
}

/// argmin/argmax indices: equal, or both pointing at zeros (-0.0 and 0.0 tie either way).
fn arg_indices(f: &Array, r: &Array, input: &Array, axis: Option<usize>) -> Result<(), String> {
    let (fv, rv) = (values::<i64>(f)?, values::<i64>(r)?);
    let bad: Vec<usize> = (0..fv.len()).filter(|&i| fv[i] != rv[i]).collect();
    if bad.is_empty() {
        return Ok(());
    }
    let x = reference_f64(input);
    let shape = input.shape();
    // The input offset of output element `o` at position `i` along the reduced axis.
    let offset = |o: usize, i: i64| -> Option<usize> {
        let i = usize::try_from(i).ok()?;
        let Some(a) = axis else { return Some(i) };
        let inner: usize = shape[a + 1..].iter().product();
        let (outer, within) = (o / inner.max(1), o % inner.max(1));
        Some((outer * shape[a] + i) * inner + within)
    };
    let tie = |o: usize| -> bool {
        match (offset(o, fv[o]), offset(o, rv[o])) {
            (Some(p), Some(q)) => x.get(p) == Some(&0.0) && x.get(q) == Some(&0.0),
            _ => false,
        }
    };
    let bad: Vec<usize> = bad.into_iter().filter(|&o| !tie(o)).collect();
    if bad.is_empty() {
        Ok(())
    } else {
        Err(describe_diffs(&bad, &fv, &rv))
    }
}

/// Evaluates `a` on both paths and compares as `check` says. The reference runs first: the
/// compiled path may reuse the buffers of sources nothing else holds for its results.
fn compare(a: &Array, check: &Check) -> Result<Outcome, String> {
    compare_with(a, check, None)
}

/// [`compare`], evaluating with `options` (from scratch) instead of `eval()` when given.
fn compare_with(a: &Array, check: &Check, options: Option<&Options>) -> Result<Outcome, String> {
    let reference = a.eval_reference();
    let fast = match options {
        None => a.eval_with_report().map(|(f, report)| {
            LAUNCHES.fetch_add(report.launches, Ordering::Relaxed);
            VECTORIZED.fetch_add(report.vectorized, Ordering::Relaxed);
            let parallel = report.kernels.iter().filter(|k| k.threads > 1).count();
            PARALLEL.fetch_add(parallel, Ordering::Relaxed);
            REWRITES.fetch_add(report.rewrites, Ordering::Relaxed);
            REUSED.fetch_add(report.reused, Ordering::Relaxed);
            f
        }),
        Some(o) => a.eval_with(o),
    };
    compare_results(a, check, fast, reference)
}

/// Compares the two paths' results for `a` as `check` says.
fn compare_results(
    a: &Array,
    check: &Check,
    fast: lazyarray::Result<Array>,
    reference: lazyarray::Result<Array>,
) -> Result<Outcome, String> {
    let (f, r) = match (fast, reference) {
        (fast, Err(y))
            if KNOWN_POWER_BUGS
                && y.message().contains("negative integer powers")
                && matches!(fast, Ok(_) | Err(lazyarray::Error::Index(_))) =>
        {
            // See `regression_negative_int_power_fails_even_when_partly_used` and
            // `regression_first_error_in_program_order`.
            return Ok(Outcome::KnownBug);
        }
        (Err(x), Err(y)) => {
            return if std::mem::discriminant(&x) == std::mem::discriminant(&y) {
                Ok(if a.error().is_some() {
                    Outcome::BuildError
                } else {
                    Outcome::RunError
                })
            } else {
                Err(format!(
                    "the paths fail differently:\n  eval:      {x}\n  reference: {y}"
                ))
            };
        }
        (Err(x), Ok(_)) => return Err(format!("eval failed, the reference did not: {x}")),
        (Ok(_), Err(y)) => return Err(format!("the reference failed, eval did not: {y}")),
        (Ok(f), Ok(r)) => (f, r),
    };
    if f.shape() != a.shape() || r.shape() != a.shape() {
        return Err(format!(
            "shapes differ: built {:?}, eval {:?}, reference {:?}",
            a.shape(),
            f.shape(),
            r.shape()
        ));
    }
    if f.dtype() != a.dtype() || r.dtype() != a.dtype() {
        return Err(format!(
            "dtypes differ: built {}, eval {}, reference {}",
            a.dtype(),
            f.dtype(),
            r.dtype()
        ));
    }
    match (a.dtype(), check) {
        (DType::Bool, _) => exact::<bool>(&f, &r),
        (DType::I32, _) => exact::<i32>(&f, &r),
        (DType::I64, Check::ArgTie { input, axis }) => arg_indices(&f, &r, input, *axis),
        (DType::I64, _) => exact::<i64>(&f, &r),
        (DType::I8, _) => exact::<i8>(&f, &r),
        (DType::I16, _) => exact::<i16>(&f, &r),
        (DType::U8, _) => exact::<u8>(&f, &r),
        (DType::U16, _) => exact::<u16>(&f, &r),
        (DType::U32, _) => exact::<u32>(&f, &r),
        (DType::U64, _) => exact::<u64>(&f, &r),
        (DType::F32, _) => floats::<f32>(&f, &r, check, f32::EPSILON as f64, 1e-6),
        (DType::F64, _) => floats::<f64>(&f, &r, check, f64::EPSILON, 1e-12),
    }?;
    Ok(Outcome::Compared)
}

/// The result and an intermediate, evaluated together (`lazyarray::eval` of both, sharing
/// work), each compared with its reference (the intermediate exactly: it is built below the
/// root). Evaluated together they fail together: when a reference fails, the joint evaluation
/// must fail as that one does.
fn compare_pair(a: &Array, check: &Check, inter: &Built) -> Result<Outcome, String> {
    let references = [a.eval_reference(), inter.a.eval_reference()];
    let joint = lazyarray::eval(&[a, &inter.a]);
    let fast = |i: usize| -> lazyarray::Result<Array> {
        joint.as_ref().map(|v| v[i].clone()).map_err(|e| e.clone())
    };
    let arrays = [a, &inter.a];
    let checks = [check, &Check::Exact];
    let in_inter = |m: String| {
        format!(
            "{m}\n(in the intermediate evaluated with the result: {})",
            inter.d
        )
    };
    let mut outcomes = Vec::new();
    let failing: Vec<usize> = (0..2).filter(|&i| references[i].is_err()).collect();
    let which: Vec<usize> = if failing.is_empty() {
        vec![1, 0]
    } else {
        failing.clone()
    };
    for i in which {
        let r = compare_results(arrays[i], checks[i], fast(i), references[i].clone());
        outcomes.push(if i == 1 { r.map_err(in_inter) } else { r });
    }
    if failing.is_empty() {
        // Both must agree.
        let mut first = Outcome::Compared;
        for o in outcomes {
            match o? {
                Outcome::KnownBug => first = Outcome::KnownBug,
                other if matches!(first, Outcome::Compared) => first = other,
                _ => {}
            }
        }
        Ok(first)
    } else {
        // Failing like one of the failing references is enough.
        let mut last_err = String::new();
        for o in outcomes {
            match o {
                Ok(outcome) => return Ok(outcome),
                Err(m) => last_err = m,
            }
        }
        Err(last_err)
    }
}

/// While the negative-power bugs are open (see their ignored regression tests), a case where the
/// reference raises the negative-power error and eval succeeds or reports an index error is
/// counted instead of failing. Set to `false` once they are fixed.
const KNOWN_POWER_BUGS: bool = false;

/// While constant folding drops the error of a `where` branch it removes (see the ignored
/// regression test), an error only the reference reports, which switching off `constant_fold`
/// restores, is counted instead of failing. Set to `false` once fixed.
const KNOWN_CONSTANT_FOLD_BUG: bool = false;

enum Outcome {
    KnownBug,
    Compared,
    BuildError,
    RunError,
}

static COMPARED: AtomicUsize = AtomicUsize::new(0);
static BUILD_ERRORS: AtomicUsize = AtomicUsize::new(0);
static RUN_ERRORS: AtomicUsize = AtomicUsize::new(0);
static TOLERANT: AtomicUsize = AtomicUsize::new(0);
static KNOWN_BUGS: AtomicUsize = AtomicUsize::new(0);
static LAUNCHES: AtomicUsize = AtomicUsize::new(0);
static VECTORIZED: AtomicUsize = AtomicUsize::new(0);
static PARALLEL: AtomicUsize = AtomicUsize::new(0);
static REWRITES: AtomicUsize = AtomicUsize::new(0);
static REUSED: AtomicUsize = AtomicUsize::new(0);
static PAIRS: AtomicUsize = AtomicUsize::new(0);
static BIG: AtomicUsize = AtomicUsize::new(0);
static AGAIN: AtomicUsize = AtomicUsize::new(0);
static NODES: AtomicUsize = AtomicUsize::new(0);

impl Expr {
    /// The subexpressions.
    fn children(&self) -> Vec<&Expr> {
        match self {
            Expr::Leaf(_) => vec![],
            Expr::Unary(_, x)
            | Expr::Clip(x, ..)
            | Expr::Cast(_, x)
            | Expr::Reduce { x, .. }
            | Expr::Arg { x, .. }
            | Expr::Cumsum { x, .. }
            | Expr::Slice(_, _, x)
            | Expr::Permute(_, _, x)
            | Expr::Reshape(_, _, x)
            | Expr::BroadcastTo(_, x)
            | Expr::ExpandDims(_, x)
            | Expr::Tile(_, x)
            | Expr::Repeat(_, _, x)
            | Expr::SelfOp(_, _, x)
            | Expr::Eval(x)
            | Expr::Chain { x, .. }
            | Expr::MaskedReduce { x, .. }
            | Expr::Compress { x, .. }
            | Expr::Diagonal { x, .. }
            | Expr::Windows { x, .. }
            | Expr::Shaped { x, .. } => vec![x],
            Expr::Binary { lhs, rhs, .. } => match rhs {
                Rhs::Arr(r) => vec![lhs, r],
                Rhs::Weak(_) | Rhs::WeakLeft(_) => vec![lhs],
            },
            Expr::Where(c, x, y, _) => {
                let mut v: Vec<&Expr> = vec![c];
                for b in [x, y] {
                    if let Branch::Arr(e) = b {
                        v.push(e);
                    }
                }
                v
            }
            Expr::Take { computed, x, .. } => {
                let mut v: Vec<&Expr> = vec![x];
                v.extend(computed.as_deref());
                v
            }
            Expr::Concat { parts, .. } => parts.iter().collect(),
        }
    }

    /// Whether a subexpression is evaluated while the case is built.
    fn has_eval(&self) -> bool {
        matches!(self, Expr::Eval(_)) || self.children().into_iter().any(Expr::has_eval)
    }

    /// Number of nodes (for the statistics).
    fn nodes(&self) -> usize {
        1 + self.children().into_iter().map(Expr::nodes).sum::<usize>()
    }
}

fn run_case(case: &Case) -> Result<(), TestCaseError> {
    NODES.fetch_add(case.expr.nodes(), Ordering::Relaxed);
    LIMIT.with(|l| l.set(if case.big { BIG_ELEMS } else { MAX_ELEMS }));
    if case.big {
        BIG.fetch_add(1, Ordering::Relaxed);
    }
    let outcome = run_once(case, 0)?;
    let counter = match outcome {
        Outcome::Compared => &COMPARED,
        Outcome::BuildError => &BUILD_ERRORS,
        Outcome::RunError => &RUN_ERRORS,
        Outcome::KnownBug => &KNOWN_BUGS,
    };
    counter.fetch_add(1, Ordering::Relaxed);
    if case.again && matches!(outcome, Outcome::Compared) {
        // The same structure with other data, then with the first data in new buffers: the
        // plan cache may reuse a schedule only where the data did not shape it.
        AGAIN.fetch_add(1, Ordering::Relaxed);
        for salt in [SALT, 0] {
            run_once(case, salt)?;
        }
    }
    Ok(())
}

/// The salt of the rebuild with other data.
const SALT: u64 = 0x5eed;

/// Builds the case (with data salted by `salt`) and compares both paths.
fn run_once(case: &Case, salt: u64) -> Result<Outcome, TestCaseError> {
    let trace = std::env::var_os("DIFF_TRACE").is_some();
    if trace {
        eprintln!("building (salt {salt}): {case:?}");
    }
    let mut b = Builder {
        keep_leaves: case.expr.has_eval() || case.also.is_some(),
        collect_inters: case.also.is_some(),
        dtype: case.dtype,
        salt,
        ..Builder::default()
    };
    let (built, check) = b.build_root(&case.expr, &case.shape);
    let inter = case
        .also
        .filter(|_| !b.inters.is_empty())
        .map(|i| b.inters[i as usize % b.inters.len()].clone());
    if trace {
        // A crash (a kernel writing out of bounds) kills the process before proptest can
        // report: the last traced case is the culprit.
        eprintln!(
            "case: {} {:?}: {}\n  {}",
            built.a.dtype(),
            case.shape,
            built.d,
            b.legend.join("\n  ")
        );
    }
    if salt == 0 && matches!(check, Check::Sum { .. } | Check::Prod { .. }) {
        TOLERANT.fetch_add(1, Ordering::Relaxed);
    }
    if salt == 0 && inter.is_some() {
        PAIRS.fetch_add(1, Ordering::Relaxed);
    }
    match catch(|| {
        let outcome = match &inter {
            None => compare(&built.a, &check),
            Some(i) => compare_pair(&built.a, &check, i),
        }?;
        // Every input is as it was made: files byte-identical, values unchanged.
        inputs::verify_all(&b.witnesses).map_err(|e| format!("an input changed: {e}"))?;
        Ok(outcome)
    }) {
        Ok(outcome) => Ok(outcome),
        Err(msg)
            if KNOWN_CONSTANT_FOLD_BUG
                && msg.starts_with("the reference failed, eval did not")
                && passes_without(case, Rule::ConstantFold, salt) =>
        {
            // See `regression_constant_where_keeps_the_error_of_its_other_branch`.
            Ok(Outcome::KnownBug)
        }
        Err(msg) => {
            let again = match salt {
                0 => String::new(),
                s => format!(
                    "\n(after passing, the same structure evaluated again with other data, salt {s})"
                ),
            };
            Err(TestCaseError::fail(format!(
                "{msg}{again}\nexpression ({} {:?}): {}\nleaves:\n  {}",
                built.a.dtype(),
                case.shape,
                built.d,
                b.legend.join("\n  ")
            )))
        }
    }
}

/// Whether the case passes with the rewrite `rule` switched off (it is built afresh: evaluation
/// may have reused its sources' buffers).
fn passes_without(case: &Case, rule: Rule, salt: u64) -> bool {
    LIMIT.with(|l| l.set(if case.big { BIG_ELEMS } else { MAX_ELEMS }));
    let mut b = Builder {
        keep_leaves: true,
        dtype: case.dtype,
        salt,
        ..Builder::default()
    };
    let (built, check) = b.build_root(&case.expr, &case.shape);
    let options = Options::default().disable(rule);
    catch(|| compare_with(&built.a, &check, Some(&options))).is_ok()
}

/// Which rewrite a failing case blames: the first whose absence makes it pass.
fn blame(case: &Case) -> String {
    match Rule::ALL.into_iter().find(|&r| passes_without(case, r, 0)) {
        Some(rule) => format!("switching off the rewrite `{rule}` makes the paths agree"),
        None => "no single rewrite is to blame (planning or code generation)".into(),
    }
}

/// Runs `f`, turning a panic (a failed internal check of the library) into an error message.
fn catch(f: impl FnOnce() -> Result<Outcome, String>) -> Result<Outcome, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|p| {
        let text = p
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        Err(format!("evaluation panicked: {text}"))
    })
}

/// Random graphs: the compiled result equals the reference's (see the module docs).
/// `PROPTEST_CASES` sets the number of cases (256 by default).
#[test]
fn compiled_matches_reference() {
    let mut config = Config {
        failure_persistence: None,
        ..Config::default()
    };
    // A fresh seed per run (unless `PROPTEST_RNG_SEED` fixes one), printed on failure so the
    // run can be repeated.
    let seed = match config.rng_seed {
        RngSeed::Fixed(seed) => seed,
        RngSeed::Random => {
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos() as u64);
            Rng(t ^ u64::from(std::process::id())).next()
        }
    };
    config.rng_seed = RngSeed::Fixed(seed);
    let mut runner = TestRunner::new(config);
    // Panics inside the library are caught and reported as failures; keep the hook from
    // printing (and symbolizing a backtrace for) each one while cases shrink.
    let quiet = std::thread::current().id();
    let default_hook = std::sync::Arc::new(std::panic::take_hook());
    let hook = std::sync::Arc::clone(&default_hook);
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() != quiet {
            hook(info)
        }
    }));
    let result = runner.run(&case(), |c| run_case(&c));
    std::panic::set_hook(Box::new(move |info| default_hook(info)));
    if std::env::var_os("DIFF_STATS").is_some() {
        eprintln!(
            "differential: {} nodes; {} compared ({} with tolerance, {} with an intermediate, {} big, {} again with other data), {} failed alike when built, {} failed alike when run, {} hit known bugs; {} launches, {} vectorized, {} on several threads; {} rewrites, {} results written in place",
            NODES.load(Ordering::Relaxed),
            COMPARED.load(Ordering::Relaxed),
            TOLERANT.load(Ordering::Relaxed),
            PAIRS.load(Ordering::Relaxed),
            BIG.load(Ordering::Relaxed),
            AGAIN.load(Ordering::Relaxed),
            BUILD_ERRORS.load(Ordering::Relaxed),
            RUN_ERRORS.load(Ordering::Relaxed),
            KNOWN_BUGS.load(Ordering::Relaxed),
            LAUNCHES.load(Ordering::Relaxed),
            VECTORIZED.load(Ordering::Relaxed),
            PARALLEL.load(Ordering::Relaxed),
            REWRITES.load(Ordering::Relaxed),
            REUSED.load(Ordering::Relaxed)
        );
    }
    if let Err(e) = result {
        let culprit = match &e {
            proptest::test_runner::TestError::Fail(_, case) => blame(case),
            _ => String::new(),
        };
        panic!("{e}\n{culprit}\n(repeat this run with PROPTEST_RNG_SEED={seed})");
    }
}

/// The checker itself: a real difference must be reported (a different value, a different
/// error, a NaN against a number), and tolerated differences must pass.
#[test]
fn the_comparison_can_fail() {
    let a = Array::from_vec(vec![1.0f64, f64::NAN], &[2]);
    let b = Array::from_vec(vec![1.0f64, 2.0], &[2]);
    assert!(exact::<f64>(&a, &b).is_err());
    assert!(exact::<f64>(&a, &a).is_ok());
    let z = Array::from_vec(vec![0.0f64], &[1]);
    let nz = Array::from_vec(vec![-0.0f64], &[1]);
    assert!(floats::<f64>(&z, &nz, &Check::Exact, f64::EPSILON, 1e-12).is_err());
    assert!(floats::<f64>(&z, &nz, &Check::ZeroTie, f64::EPSILON, 1e-12).is_ok());
    let s1 = Array::from_vec(vec![1.0f64 + 1e-15], &[1]);
    let s2 = Array::from_vec(vec![1.0f64], &[1]);
    let sum = |env: f64| Check::Sum {
        env: vec![env],
        n: 2,
    };
    assert!(floats::<f64>(&s1, &s2, &sum(1.0), f64::EPSILON, 1e-12).is_ok());
    assert!(floats::<f64>(&s1, &s2, &sum(1e-6), f64::EPSILON, 1e-12).is_err());
    // Ulps: 22026.465 and 22026.467 are 1 ulp apart in f32; 1.0 and -1.0 are far apart.
    let e1 = Array::from_vec(vec![22026.465f32, 1.0, -0.0], &[3]);
    let e2 = Array::from_vec(vec![22026.467f32, 1.0, 0.0], &[3]);
    assert!(floats::<f32>(&e1, &e2, &Check::Ulps(4), f32::EPSILON as f64, 1e-6).is_ok());
    assert!(floats::<f32>(&e1, &e2, &Check::Ulps(0), f32::EPSILON as f64, 1e-6).is_err());
    let far = Array::from_vec(vec![22026.465f32, -1.0, 0.0], &[3]);
    assert!(floats::<f32>(&e1, &far, &Check::Ulps(4), f32::EPSILON as f64, 1e-6).is_err());
    assert_eq!(ulps64(1.0, -1.0), 2 * 1f64.to_bits());
    // An error on one path only, or errors of different kinds, fail.
    let bad = Array::from_vec(vec![5i64], &[1]);
    let x = Array::from_vec(vec![1.0f64, 2.0], &[2]);
    assert!(compare(&x.take(&bad, 0), &Check::Exact).is_ok()); // both fail alike
    assert!(compare(&x, &Check::Exact).is_ok());
}

// ---------------------------------------------------------------------------------------------
// Regressions: minimal reproductions of mismatches this test found
// ---------------------------------------------------------------------------------------------

/// Evaluates `a` on both paths; the values must be bitwise equal.
#[track_caller]
fn same_on_both_paths<T: Element + Debug>(a: &Array) -> Vec<T> {
    let fast: Vec<T> = a.to_vec().expect("eval");
    let reference: Vec<T> = a
        .eval_reference()
        .and_then(|r| r.to_vec())
        .expect("reference");
    assert!(
        same_bits(&fast, &reference),
        "eval {fast:?}\nreference {reference:?}"
    );
    fast
}

/// A float32 kernel with a loop-invariant int64 value (here a 0-d gather index) was vectorized
/// with the int64 lane count: two lanes per four-lane store, writing past its output. Inside a
/// concatenation the overrun clobbered the part written before (`[1, 0.5, 0.5, 0.5, 0.5, ...]`).
#[test]
fn regression_f32_kernel_with_invariant_i64_index_stays_in_bounds() {
    let idx = Array::from_vec(vec![1i64], &[]);
    let a = Array::from_vec(vec![1.0f32, 2.0, 3.0], &[3, 1]);
    let b = Array::full(&[3, 5, 3], 0.5f32).take(&idx, 1);
    let c = concatenate(&[&a, &b], 1);
    let v = same_on_both_paths::<f32>(&c);
    assert_eq!(
        v,
        [1.0, 0.5, 0.5, 0.5, 2.0, 0.5, 0.5, 0.5, 3.0, 0.5, 0.5, 0.5]
    );
}

/// The same bug in a reduction: the float32 sum stepped two elements per four-lane load and
/// counted elements twice (`[120, 248, 1.6e26]` for `[28, 92, 156]`).
#[test]
fn regression_f32_sum_with_invariant_i64_scalar() {
    let x = Array::from_vec((0..24).map(|i| i as f32).collect(), &[3, 8]);
    let y = Array::from_vec(vec![0i64], &[]).astype(DType::F32);
    let s = (&x + &y).sum_axis(1);
    assert_eq!(same_on_both_paths::<f32>(&s), [28.0, 92.0, 156.0]);
}

/// The compiled scan started from a `+0.0` accumulator, so a leading `-0.0` became `0.0`
/// (NumPy copies the first element: `np.cumsum([-0.0, -0.0])` is `[-0., -0.]`). Found as
/// `pow(tanh(cumsum(-0.0)), -1)` giving `inf` for `-inf`.
#[test]
fn regression_cumsum_keeps_a_leading_negative_zero() {
    let x = Array::from_vec(vec![-0.0f64; 6], &[2, 3]);
    let v = same_on_both_paths::<f64>(&x.cumsum(0));
    assert!(
        v.iter().all(|z| z.to_bits() == (-0.0f64).to_bits()),
        "{v:?}"
    );
    let y = Array::from_vec(vec![-0.0f32, 1.0, -1.0], &[3]);
    let v = same_on_both_paths::<f32>(&y.cumsum(0));
    let bits: Vec<u32> = v.iter().map(|z| z.to_bits()).collect();
    assert_eq!(bits, [(-0.0f32).to_bits(), 1f32.to_bits(), 0f32.to_bits()]);
}

/// NumPy raises for an integer power with any negative exponent, and so does the reference;
/// the compiled path checks only the exponents of the elements it computes, so a power that is
/// sliced, gathered or broadcast away before use evaluates without an error.
#[test]
fn regression_negative_int_power_fails_even_when_partly_used() {
    let x = Array::from_vec(vec![2i64, 3], &[2]);
    let e = Array::from_vec(vec![1i64, -1], &[2]);
    for a in [
        x.pow(&e).slice([SliceArg::Range {
            start: Some(0),
            stop: Some(1),
            step: 1,
        }]),
        x.pow(&e).take(&Array::from_vec(vec![0i64], &[1]), 0),
        x.pow(-1i64).slice([SliceArg::Range {
            start: Some(0),
            stop: Some(0),
            step: 1,
        }]),
    ] {
        let reference = a.eval_reference().expect_err("the reference raises");
        assert!(
            matches!(reference, lazyarray::Error::DType(_)),
            "{reference}"
        );
        let fast = a.eval().map(|_| ()).expect_err("eval must raise too");
        assert!(matches!(fast, lazyarray::Error::DType(_)), "{fast}");
    }
}

/// Two errors in one graph: the compiled path checks every take's indices before running any
/// kernel, so it reports the take; the reference, like NumPy's eager evaluation, reports the
/// operation that comes first (`x ** e + x[bad]` raises the power error in NumPy).
#[test]
fn regression_first_error_in_program_order() {
    let x = Array::from_vec(vec![2i64, 3], &[2]);
    let e = Array::from_vec(vec![1i64, -1], &[2]);
    let bad = Array::from_vec(vec![0i64, 5], &[2]);
    let a = x.pow(&e) + x.take(&bad, 0);
    let reference = a.eval_reference().expect_err("the reference raises");
    assert!(
        matches!(reference, lazyarray::Error::DType(_)),
        "{reference}"
    );
    let fast = a.eval().map(|_| ()).expect_err("eval raises");
    assert!(matches!(fast, lazyarray::Error::DType(_)), "{fast}");
}

/// `constant_fold` rewrites `where(constant, a, b)` to the chosen branch and drops the other one
/// with its errors: NumPy evaluates both branches (an out-of-bounds take raises), and so does
/// the reference.
#[test]
fn regression_constant_where_keeps_the_error_of_its_other_branch() {
    let x = Array::from_vec(vec![1.0f64, 2.0], &[2]);
    let bad = Array::from_vec(vec![2i64], &[]);
    let a = where_(&Array::full(&[], false), x.take(&bad, 0), 0.0);
    let reference = a.eval_reference().expect_err("the reference raises");
    assert!(
        matches!(reference, lazyarray::Error::Index(_)),
        "{reference}"
    );
    let fast = a.eval().map(|_| ()).expect_err("eval must raise too");
    assert!(matches!(fast, lazyarray::Error::Index(_)), "{fast}");
}

/// Two tiles whose reshapes need different refinements of one kernel domain: the second was
/// split with the first's refinement (`(2,3,4)` for a `(6,2,2)` layout), which does not refine
/// it — a failed internal check in debug builds, an index out of bounds in release builds.
#[test]
fn regression_kernel_domain_refined_for_every_reshape() {
    let t = Array::arange(0i64, 12, 1).reshape(&[3, 4]).tile(&[2, 1]);
    let t2 = Array::arange(0i64, 12, 1).reshape(&[6, 2]).tile(&[2]);
    let v = same_on_both_paths::<i64>(&(&t + &t2));
    assert_eq!(
        v,
        [
            0, 2, 2, 4, 6, 8, 8, 10, 12, 14, 14, 16, 6, 8, 8, 10, 12, 14, 14, 16, 18, 20, 20, 22
        ]
    );
}

/// Every input path gives an array of its values (mapped where it can be, C and Fortran
/// order), and a program over it — evaluated early, then consumed by a later evaluation —
/// leaves the input as it was, whether its witness holds the array or not.
#[test]
fn every_input_path_keeps_its_inputs_intact() {
    let shapes: [&[usize]; 5] = [&[], &[0], &[5], &[2, 3], &[3, 1, 4]];
    for how in InputPath::ALL {
        for shape in shapes {
            for hold in [true, false] {
                let n = size(shape);
                let ints: Vec<i64> = (0..n as i64).map(|i| i * 7 - 11).collect();
                let (a, mut w) = inputs::make(ints.clone(), shape, how);
                assert_eq!(
                    w.is_mapped(),
                    matches!(how, InputPath::NpyMappedC | InputPath::NpyMappedFortran) && n > 0,
                    "{how} {shape:?}"
                );
                if !hold {
                    w.release();
                }
                assert_eq!(a.to_vec::<i64>().unwrap(), ints, "{how} {shape:?}");
                let doubled = (&a * 2i64).eval().unwrap();
                drop(a);
                let out = (&doubled + 1i64).sqrt().to_vec::<f64>().unwrap();
                assert_eq!(out.len(), n);
                w.check();
                let floats: Vec<f32> = (0..n).map(|i| i as f32 - 0.5).collect();
                let (f, w) = inputs::make(floats.clone(), shape, how);
                assert_eq!((-&f).to_vec::<f32>().unwrap().len(), n);
                drop(f);
                w.check();
                let bools: Vec<bool> = (0..n).map(|i| i % 3 == 0).collect();
                let (b, w) = inputs::make(bools.clone(), shape, how);
                assert!(!w.is_mapped(), "bools are read, never mapped");
                assert_eq!(b.to_vec::<bool>().unwrap(), bools);
                w.check();
            }
        }
    }
}
