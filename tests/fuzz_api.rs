//! Fuzzing the graph-building API: arbitrary bytes are read as a program for a small stack
//! machine over lazyarray's public API, which is run, evaluated and checked.
//!
//! **The machine.** Each step reads an opcode byte and takes its arguments from the bytes that
//! follow (a missing byte reads as 0). Opcodes push arrays (data of every dtype with special
//! values, `full`/`zeros`/`ones`/`scalar`, `arange` of ints, floats and f32, `linspace`, `eye`,
//! `random`, `from_vec` with a mismatched shape, huge shapes) or pop their operands and push
//! the result: every unary and binary op (array–array, array–scalar, scalar–array, weak scalars
//! of every kind), `where_`, `clip`, `astype`, every view (`slice` with any `SliceArg` — steps
//! of 0, ±huge bounds, too many indices, several ellipses — transposes, reshapes with `-1`
//! and wrong sizes, `broadcast_to`, `expand_dims`, `squeeze`, `diagonal`, sliding windows,
//! `as_strided`), every reduction (all axes, one axis, several with `keepdims`, invalid and
//! repeated axes), `argmin`/`argmax`, `cumsum`, `take` (literal or computed indices of any
//! dtype, out of bounds, negative), fancy indexing, `compress` and masks (wrong length, wrong
//! dtype, wrong rank), `tile`, `repeat`, `concatenate`, `stack`; the shape helpers (`flip`,
//! `roll`, `pad` in every mode, `rot90`, `moveaxis`, `atleast_*d`, `split`/`array_split`,
//! `tril`/`triu`, `vstack`/`hstack`/`dstack`/`column_stack`, `meshgrid`) and creators (zeros,
//! ones and full of any dtype, `*_like`, `identity`, `tri`, `logspace`, `geomspace`,
//! `indices`); and stack and evaluation
//! control (`dup`, `swap`, `drop`, evaluate early, evaluate two arrays together). Arguments
//! are mostly valid, sometimes invalid (axes out of range, huge sizes, wrong dtypes, empty
//! arrays), so both the success and the error paths are reached.
//!
//! **The checks.** Nothing may panic (each program runs under `catch_unwind`). Every error is a
//! typed `lazyarray::Error` other than `Internal`, with an op name, a message, and the location
//! of the call in this file. An array that carries a build error returns exactly that error
//! from both evaluation paths. Every array whose graph stays small ([`EVAL_LIMIT`] elements
//! per node) is evaluated by the reference evaluator FIRST (normal evaluation may write into
//! dead inputs' buffers) and then normally: both must fail with the same variant or both
//! succeed with the array's shape and dtype and the same elements — bit for bit (any NaN
//! equals any NaN, -0.0 differs from 0.0), except where the README allows a difference:
//! reassociated float reductions (`sum`, `mean`, `cumsum` within `max(1e-12, (n+2)ε)` (f64) or
//! `max(1e-6, (n+2)ε)` (f32) of the reduction of `|x|`; `prod` is not compared), `exp` (4 ulp),
//! and -0.0/0.0 ties in `min`/`max`/`argmin`/`argmax`. Such a value is checked when it is made
//! and then replaced by its evaluated result before anything uses it, so everything built on
//! it compares exactly. Float reductions can also be made exact ("tamed": summing
//! `floor(clip(x, -64, 64))`).
//!
//! Bugs it found have regression tests at the end; a still open one can be counted rather
//! than failed (see [`known_bug`]) while it is being fixed.
//!
//! **Running.** `cargo test --test fuzz_api` runs [`DEFAULT_CASES`] random programs (seconds);
//! `PROPTEST_CASES=1000000 cargo test --release --test fuzz_api -- --nocapture` runs long,
//! `FUZZ_STATS=1` prints what was covered, `FUZZ_TRACE=1` prints each program and each of its
//! steps as it runs (the last lines before a crash name the culprit).
//! The same machine is the libFuzzer target `fuzz/fuzz_targets/api.rs`
//! (`cd fuzz && cargo fuzz run -s none api`, stable toolchain; see `fuzz/README.md`).
#![allow(dead_code)]

// By path, so that the libFuzzer target, which includes this file, finds it too.
#[path = "common/mod.rs"]
mod common;

use common::bits::{as_f64, same_value, try_bits as bits};
use common::inputs::{self, InputPath, Witness};
use common::ops::{
    BINS, Bin, FUZZ_BINS, How, REDS, Red, UNS, binary, binary_left, reduce, unary, with_scalar,
};
use common::palettes::{ALL_DTYPES, DTYPES, F32, F64, I32, I64};
use common::ulps::ulps;
use lazyarray::{
    Array, DType, Element, Error, Indexing, PadMode, Scalar, SliceArg, column_stack, concatenate,
    dstack, hstack, meshgrid, stack, vstack, where_,
};
use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Largest number of elements of any node of a graph that is evaluated.
pub const EVAL_LIMIT: usize = 1 << 13;
/// Most arrays on the stack.
const MAX_STACK: usize = 8;
/// Most steps of a program.
const MAX_STEPS: usize = 48;
/// Most elements of an array pushed from data.
const MAX_DATA: usize = 256;
/// Cases run by `cargo test` unless `PROPTEST_CASES` says otherwise.
pub const DEFAULT_CASES: u32 = 2000;

// ---------------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------------

/// What the runs covered (printed with `FUZZ_STATS=1`).
pub struct Stats {
    pub programs: AtomicUsize,
    pub steps: AtomicUsize,
    pub build_errors: AtomicUsize,
    pub compared_ok: AtomicUsize,
    pub compared_err: AtomicUsize,
    pub tolerant: AtomicUsize,
    pub too_big: AtomicUsize,
    pub known_bugs: AtomicUsize,
    pub huge_evals: AtomicUsize,
}

pub static STATS: Stats = Stats {
    programs: AtomicUsize::new(0),
    steps: AtomicUsize::new(0),
    build_errors: AtomicUsize::new(0),
    compared_ok: AtomicUsize::new(0),
    compared_err: AtomicUsize::new(0),
    tolerant: AtomicUsize::new(0),
    too_big: AtomicUsize::new(0),
    known_bugs: AtomicUsize::new(0),
    huge_evals: AtomicUsize::new(0),
};

fn bump(c: &AtomicUsize) {
    c.fetch_add(1, Ordering::Relaxed);
}

impl Stats {
    pub fn summary(&self) -> String {
        let g = |c: &AtomicUsize| c.load(Ordering::Relaxed);
        format!(
            "{} programs, {} steps; {} arrays carried a build error; evaluated on both paths: {} succeeded alike ({} within a tolerance), {} failed alike; {} too big to evaluate; {} huge allocations refused; {} hit known bugs",
            g(&self.programs),
            g(&self.steps),
            g(&self.build_errors),
            g(&self.compared_ok),
            g(&self.tolerant),
            g(&self.compared_err),
            g(&self.too_big),
            g(&self.huge_evals),
            g(&self.known_bugs)
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Reading bytes
// ---------------------------------------------------------------------------------------------

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.bytes.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    fn done(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn pick<T: Copy>(&mut self, table: &[T]) -> T {
        table[self.byte() as usize % table.len()]
    }

    /// True one time in `k` (for a uniform byte).
    fn one_in(&mut self, k: u8) -> bool {
        self.byte().is_multiple_of(k)
    }

    fn flag(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    fn u64(&mut self) -> u64 {
        (0..8).fold(0u64, |acc, _| (acc << 8) | u64::from(self.byte()))
    }
}

/// splitmix64: element values from a seed.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Extents, biased to the small and the SIMD edges.
const DIMS: [usize; 16] = [1, 2, 3, 4, 0, 1, 2, 3, 5, 7, 8, 9, 16, 17, 1, 33];

/// Huge extents (whose products overflow, or are too big to allocate).
const HUGE: [usize; 8] = [
    usize::MAX,
    usize::MAX / 2,
    isize::MAX as usize,
    1 << 62,
    1 << 47,
    1 << 41,
    1 << 32,
    1 << 31,
];

/// Small signed values for bounds, offsets and indices, with extremes.
const SMALL: [isize; 20] = [
    0,
    1,
    -1,
    2,
    -2,
    3,
    -3,
    4,
    -4,
    5,
    -5,
    7,
    -8,
    10,
    100,
    -100,
    isize::MAX,
    isize::MIN,
    isize::MAX - 1,
    isize::MIN + 1,
];

const STEPS: [isize; 14] = [
    1,
    1,
    1,
    -1,
    -1,
    2,
    -2,
    3,
    -3,
    0,
    isize::MAX,
    isize::MIN,
    7,
    -isize::MAX,
];

/// How many entries of the float palettes ([`F64`], [`F32`]) and of the integer ones ([`I64`],
/// [`I32`]) the byte decoding draws from: the palettes as they were when the inputs in
/// `tests/fuzz_regressions/` were saved (they grow at the end), so those inputs still decode
/// to the programs that found the bugs.
const FLOAT_SPECIALS: usize = 24;
const INT_SPECIALS: usize = 14;

/// An `f64`: a special value, a small number with two decimals, or any bits.
fn f64_value(k: u64) -> f64 {
    let i = (k % 40) as usize;
    if i < FLOAT_SPECIALS {
        F64[i]
    } else if i < 36 {
        ((k >> 8) % 2001) as f64 / 100.0 - 10.0
    } else {
        f64::from_bits(k.rotate_left(17))
    }
}

/// An `f32`: the special value at the index [`f64_value`] would pick, the same small number,
/// or any bits.
fn f32_value(k: u64) -> f32 {
    let i = (k % 40) as usize;
    if i < FLOAT_SPECIALS {
        F32[i]
    } else if i < 36 {
        f64_value(k) as f32
    } else {
        f32::from_bits((k >> 7) as u32)
    }
}

/// An `i64`: a special value, a small number, or any value.
fn i64_value(k: u64) -> i64 {
    let i = (k % 32) as usize;
    if i < INT_SPECIALS {
        I64[i]
    } else if i < 30 {
        ((k >> 8) % 41) as i64 - 20
    } else {
        (k >> 3) as i64
    }
}

/// An `i32`: the special value at the index [`i64_value`] would pick, or its value truncated.
fn i32_value(k: u64) -> i32 {
    let i = (k % 32) as usize;
    if i < INT_SPECIALS {
        I32[i]
    } else {
        i64_value(k) as i32
    }
}

/// A value of `dtype` from `k`; `small` gives integers in `-3..=3` (valid indices, exact sums).
fn value(dtype: DType, k: u64, small: bool) -> Scalar {
    if small {
        let v = (k % 7) as i64 - 3;
        return Scalar::I64(v).cast(dtype);
    }
    match dtype {
        DType::Bool => Scalar::Bool(k & 1 == 1),
        DType::I32 => Scalar::I32(i32_value(k)),
        DType::I64 => Scalar::I64(i64_value(k)),
        DType::F32 => Scalar::F32(f32_value(k)),
        DType::F64 => Scalar::F64(f64_value(k)),
        // The narrow and unsigned integers: their extremes, or an i64 value wrapped in.
        DType::I8 | DType::I16 | DType::U8 | DType::U16 | DType::U32 | DType::U64 => match k % 16 {
            0 => Scalar::lowest(dtype),
            1 => Scalar::highest(dtype),
            _ => Scalar::I64(i64_value(k >> 4)).cast(dtype),
        },
    }
}

/// A binary op from one byte: the top byte values pick the ops [`BINS`] gained after the
/// saved inputs were recorded (one each), the others the first [`FUZZ_BINS`] as
/// `r.pick(&BINS)` did then.
fn pick_binary(r: &mut Reader) -> Bin {
    let b = r.byte();
    let new = BINS.len() - FUZZ_BINS;
    match b.checked_sub((256 - new) as u8) {
        Some(k) => BINS[FUZZ_BINS + usize::from(k)],
        None => BINS[usize::from(b) % FUZZ_BINS],
    }
}

/// A dtype from one byte: the top six byte values pick the narrow and unsigned integers (one
/// each), the others [`DTYPES`] as `r.pick(&DTYPES)` always has, so saved inputs whose bytes
/// lie below 250 decode as before.
fn pick_dtype(r: &mut Reader) -> DType {
    let b = r.byte();
    match b.checked_sub(250) {
        Some(k) => ALL_DTYPES[DTYPES.len() + usize::from(k)],
        None => DTYPES[usize::from(b) % DTYPES.len()],
    }
}

/// A weak scalar (a Rust value in an expression): mostly small, sometimes special.
fn weak(r: &mut Reader) -> Scalar {
    let dtype = r.pick(&[DType::F64, DType::I64, DType::Bool, DType::F32, DType::I32]);
    let k = u64::from(r.byte());
    let small = k % 3 != 0;
    value(dtype, mix(k), small)
}

// ---------------------------------------------------------------------------------------------
// The stack
// ---------------------------------------------------------------------------------------------

/// How an array's values may differ between the two paths (only at the top of its graph).
#[derive(Clone)]
enum Tol {
    Exact,
    /// A reassociated float sum/mean/cumsum of `n` terms; `bound` is the same reduction of `|x|`.
    Sum {
        bound: Array,
        n: usize,
    },
    /// A float product: only shape, dtype and success are compared.
    Loose,
    /// Within this many ulps (`exp`).
    Ulps(u64),
    /// `-0.0` equals `0.0` (a float min/max reduction).
    ZeroTie,
    /// Indices into `input` (along `axis`, or flattened) whose values must be equal.
    ArgTie {
        input: Array,
        axis: Option<usize>,
    },
}

#[derive(Clone)]
struct Entry {
    a: Array,
    /// Its name in the trace.
    name: String,
    /// The largest number of elements of any node of its graph (saturating).
    cost: usize,
    tol: Tol,
}

/// A program's state: the stack and the trace of what was done.
struct Machine<'t> {
    stack: Vec<Entry>,
    trace: &'t RefCell<Vec<String>>,
    next: usize,
    /// In "keep" programs every array stays alive here, so no evaluation may reuse a source's
    /// buffer in place and the reference can always run; in the others, evaluations may consume
    /// sources only they could reach, after which the reference of a later array built on the
    /// evaluated one cannot recompute it (it says so with a `Resource` error).
    keep: Option<Vec<Array>>,
    /// In "keep" programs: every array compared, with the values it had; re-read at the end,
    /// they must not have changed (a later in-place reuse must never write a live array's
    /// buffer).
    seen: Vec<(String, Array, Vec<u64>)>,
    /// Every data, index and mask input made, checked after the program: its file unchanged,
    /// its values still there (see [`input`]).
    witnesses: Vec<Witness>,
}

fn sat_size(shape: &[usize]) -> usize {
    shape.iter().fold(1usize, |acc, &d| acc.saturating_mul(d))
}

thread_local! {
    /// Where the last panic on this thread happened (recorded by [`install_panic_hook`]).
    static PANIC_AT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Replaces the panic hook by one that records where a panic happened (for [`catch`]'s message
/// and [`known_panic`]) without printing: every panic is caught and reported as a failure.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_default();
        PANIC_AT.with(|p| *p.borrow_mut() = at);
    }));
}

/// Panics of open library bugs, counted rather than failed so a long run can find other bugs
/// (each gets an ignored regression test below). None is open: the four this fuzzer found —
/// an executor stride overflow (d486198), `View::offsets` overflowing on a length-1 axis, the
/// reference's `repeat` allocating for an empty result, and the kernel cache growing with every
/// scalar constant — are fixed, and their regression tests run.
fn known_panic(_at: &str, _text: &str) -> Option<&'static str> {
    None
}

/// Runs `f`, turning a panic into an error message (`Ok(Err(bug))` for a known one).
fn catch_known<T>(what: &str, f: impl FnOnce() -> T) -> Result<Result<T, &'static str>, String> {
    PANIC_AT.with(|p| p.borrow_mut().clear());
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(v) => Ok(Ok(v)),
        Err(p) => {
            let text = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            let at = PANIC_AT.with(|p| p.borrow().clone());
            match known_panic(&at, &text) {
                Some(bug) => {
                    bump(&STATS.known_bugs);
                    Ok(Err(bug))
                }
                None => Err(format!("PANIC in {what} at {at}: {text}")),
            }
        }
    }
}

/// Runs `f`, turning any panic into an error message.
fn catch<T>(what: &str, f: impl FnOnce() -> T) -> Result<T, String> {
    match catch_known(what, f)? {
        Ok(v) => Ok(v),
        Err(bug) => Err(format!("PANIC in {what} (known bug: {bug})")),
    }
}

/// Checks that an error is a proper typed error: not internal, naming an op, a message, and
/// the caller's location (a call in this file).
fn typed(e: &Error, what: &str) -> Result<(), String> {
    if let Error::Internal(_) = e {
        return Err(format!("{what}: internal error: {e}"));
    }
    let c = e.context();
    let text = e.to_string();
    if c.op.is_empty() || c.message.is_empty() || text.is_empty() {
        return Err(format!("{what}: error without op or message: {e:?}"));
    }
    if !c.location.file().ends_with("fuzz_api.rs") {
        return Err(format!(
            "{what}: error located outside the caller's code ({}:{}): {e}",
            c.location.file(),
            c.location.line()
        ));
    }
    Ok(())
}

fn variant(e: &Error) -> &'static str {
    match e {
        Error::Shape(_) => "Shape",
        Error::Axis(_) => "Axis",
        Error::View(_) => "View",
        Error::Index(_) => "Index",
        Error::Reduction(_) => "Reduction",
        Error::DType(_) => "DType",
        Error::Value(_) => "Value",
        Error::Resource(_) => "Resource",
        Error::Internal(_) => "Internal",
        Error::Io(_) => "Io",
    }
}

/// Open library bugs: a pair of outcomes one of them explains is counted, not failed. None is
/// open (the reference's error order, `regression_reference_reports_the_first_error_in_program_order`,
/// is fixed).
fn known_bug(
    _a: &Array,
    _fast: &Result<Array, Error>,
    _reference: &Result<Array, Error>,
) -> Option<&'static str> {
    None
}

/// Compares the two paths' values of `e` as its tolerance says.
fn compare_values(e: &Entry, f: &Array, r: &Array) -> Result<(), String> {
    let dtype = e.a.dtype();
    let (fv, rv) = (
        bits(f).map_err(|x| format!("reading the result: {x}"))?,
        bits(r).map_err(|x| format!("reading the reference: {x}"))?,
    );
    if fv.len() != rv.len() {
        return Err(format!("lengths differ: {} vs {}", fv.len(), rv.len()));
    }
    let show = |i: usize| {
        format!(
            "element {i}: eval {} reference {} ({dtype})",
            as_f64(dtype, fv[i]),
            as_f64(dtype, rv[i])
        )
    };
    match &e.tol {
        Tol::Exact => {
            if let Some(i) = (0..fv.len()).find(|&i| !same_value(dtype, fv[i], rv[i])) {
                return Err(show(i));
            }
        }
        Tol::Loose => bump(&STATS.tolerant),
        Tol::Ulps(n) => {
            bump(&STATS.tolerant);
            if let Some(i) = (0..fv.len())
                .find(|&i| !same_value(dtype, fv[i], rv[i]) && ulps(dtype, fv[i], rv[i]) > *n)
            {
                return Err(format!("{} (more than {n} ulps)", show(i)));
            }
        }
        Tol::ZeroTie => {
            if let Some(i) = (0..fv.len()).find(|&i| {
                let zeros = as_f64(dtype, fv[i]) == 0.0 && as_f64(dtype, rv[i]) == 0.0;
                !(same_value(dtype, fv[i], rv[i]) || zeros)
            }) {
                return Err(format!("{} (ties of -0.0 and 0.0 allowed)", show(i)));
            }
        }
        Tol::Sum { bound, n } => {
            bump(&STATS.tolerant);
            let bound = bound
                .eval_reference()
                .and_then(|b| b.astype(DType::F64).eval_reference())
                .and_then(|b| b.to_vec::<f64>())
                .map_err(|x| format!("the tolerance's bound failed: {x}"))?;
            let (eps, rtol): (f64, f64) = match dtype {
                DType::F32 => (f64::from(f32::EPSILON), 1e-6),
                _ => (f64::EPSILON, 1e-12),
            };
            let tol = rtol.max((*n as f64 + 2.0) * eps);
            for i in 0..fv.len() {
                let (x, y) = (as_f64(dtype, fv[i]), as_f64(dtype, rv[i]));
                let b = bound.get(i).copied().unwrap_or(f64::INFINITY);
                let ok = same_value(dtype, fv[i], rv[i])
                    || !b.is_finite()
                    || (x - y).abs() <= tol * b
                    || !dtype.is_float();
                if !ok {
                    return Err(format!(
                        "{} (bound {b}, {n} terms: beyond the reassociation tolerance)",
                        show(i)
                    ));
                }
            }
            if !dtype.is_float() && fv != rv {
                return Err("integer results differ".into());
            }
        }
        Tol::ArgTie { input, axis } => {
            if fv == rv {
                return Ok(());
            }
            // The values at both indices must be equal (a -0.0/0.0 tie).
            let x = input
                .eval_reference()
                .map_err(|x| format!("the arg input failed: {x}"))?;
            let xv = bits(&x).map_err(|x| x.to_string())?;
            let shape = x.shape().to_vec();
            let (n, inner) = match axis {
                None => (sat_size(&shape), 1),
                Some(k) => (shape[*k], sat_size(&shape[k + 1..])),
            };
            for i in 0..fv.len() {
                if fv[i] == rv[i] {
                    continue;
                }
                let (outer, inner_pos) = (i / inner.max(1), i % inner.max(1));
                let at = |j: u64| -> Option<f64> {
                    let j = usize::try_from(j).ok().filter(|&j| j < n)?;
                    xv.get(outer * n * inner + j * inner + inner_pos)
                        .map(|&b| as_f64(x.dtype(), b))
                };
                match (at(fv[i]), at(rv[i])) {
                    (Some(p), Some(q)) if p == q || (p.is_nan() && q.is_nan()) => {}
                    _ => {
                        return Err(format!(
                            "arg index {i}: eval {} reference {} point at different values",
                            fv[i] as i64, rv[i] as i64
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

impl Machine<'_> {
    fn log(&self, line: String) {
        if std::env::var_os("FUZZ_TRACE").is_some() {
            eprintln!("  {line}");
        }
        self.trace.borrow_mut().push(line);
    }

    /// Keeps `a` alive until the end in "keep" programs.
    fn hold(&mut self, a: &Array) {
        if let Some(keep) = &mut self.keep {
            keep.push(a.clone());
        }
    }

    /// Pushes `a` made from `inputs` by `what`.
    fn push(&mut self, a: Array, what: String, inputs: &[&Entry], tol: Tol) {
        let name = format!("x{}", self.next);
        self.next += 1;
        let cost = inputs
            .iter()
            .map(|e| e.cost)
            .fold(sat_size(a.shape()), usize::max);
        let status = match a.error() {
            Some(e) => {
                bump(&STATS.build_errors);
                if std::env::var_os("FUZZ_ERRS").is_some() {
                    eprintln!("ERR {} :: {}", e.context().op, e.context().message);
                }
                format!("  // error: {e}")
            }
            None => format!("  // {} {:?}", a.dtype(), a.shape()),
        };
        self.log(format!("let {name} = {what};{status}"));
        if let Some(keep) = &mut self.keep {
            keep.push(a.clone());
        }
        if self.stack.len() >= MAX_STACK {
            self.stack.remove(0);
        }
        self.stack.push(Entry { a, name, cost, tol });
    }

    /// Pops an array for use by an op (making one if the stack is empty). A value whose paths
    /// may differ within a tolerance is checked and replaced by its evaluated result first.
    fn pop(&mut self) -> Result<Entry, String> {
        // An array carrying an error makes everything built from it fail alike: most are
        // checked and dropped, so programs keep building valid graphs.
        while self.stack.len() > 1
            && self.stack.last().is_some_and(|e| e.a.error().is_some())
            && !self.next.is_multiple_of(4)
        {
            let e = self.stack.pop().expect("not empty");
            self.check(&e)?;
        }
        let e = match self.stack.pop() {
            Some(e) => e,
            None => {
                let a = Array::arange(0i64, 6, 1).reshape(&[2, 3]);
                self.push(
                    a,
                    "Array::arange(0i64, 6, 1).reshape(&[2, 3])".into(),
                    &[],
                    Tol::Exact,
                );
                self.stack.pop().expect("just pushed")
            }
        };
        self.settle(e)
    }

    /// Looks at the top without popping (settled like `pop`).
    fn top(&mut self) -> Result<Entry, String> {
        let e = self.pop()?;
        self.stack.push(e.clone());
        Ok(e)
    }

    fn settle(&mut self, e: Entry) -> Result<Entry, String> {
        if matches!(e.tol, Tol::Exact) {
            return Ok(e);
        }
        self.check(&e)?;
        let exact = Entry {
            tol: Tol::Exact,
            ..e.clone()
        };
        if e.cost > EVAL_LIMIT || e.a.error().is_some() {
            return Ok(exact);
        }
        match e.a.eval() {
            Ok(v) => {
                self.hold(&v);
                self.log(format!("let {0} = {0}.eval()?;  // settled", e.name));
                Ok(Entry {
                    a: v,
                    cost: sat_size(e.a.shape()),
                    ..exact
                })
            }
            Err(_) => Ok(exact),
        }
    }

    /// Evaluates `e` on both paths (reference first) and compares.
    fn check(&mut self, e: &Entry) -> Result<(), String> {
        let a = &e.a;
        if let Some(err) = a.error() {
            typed(err, "build")?;
            for (path, got) in [
                ("reference", catch("eval_reference", || a.eval_reference())?),
                ("eval", catch("eval", || a.eval())?),
            ] {
                match got {
                    Err(x) if &x == err => {}
                    other => {
                        return Err(format!(
                            "{path} of {} must return its build error {err}, gave {:?}",
                            e.name,
                            other.map(|_| ())
                        ));
                    }
                }
            }
            return Ok(());
        }
        if e.cost > EVAL_LIMIT {
            bump(&STATS.too_big);
            return Ok(());
        }
        let reference = catch("eval_reference", || a.eval_reference())?;
        let fast = match catch_known("eval", || a.eval())? {
            Ok(f) => f,
            Err(bug) => {
                self.log(format!("// {}: known bug ({bug})", e.name));
                return Ok(());
            }
        };
        if let Some(bug) = self.judge(e, &fast, &reference)? {
            self.log(format!("// {}: known bug ({bug})", e.name));
        }
        if self.keep.is_some()
            && let Ok(f) = &fast
            && let Ok(values) = bits(f)
        {
            self.seen.push((e.name.clone(), e.a.clone(), values));
        }
        Ok(())
    }

    /// Judges the two paths' outcomes for `e`: `Ok(Some(bug))` when a known bug explains a
    /// disagreement.
    fn judge(
        &self,
        e: &Entry,
        fast: &Result<Array, Error>,
        reference: &Result<Array, Error>,
    ) -> Result<Option<&'static str>, String> {
        let a = &e.a;
        let mismatch = |m: String| Err(format!("{}: {m}", e.name));
        // The reference recomputes every array a program still holds, whatever was evaluated
        // (and written in place) before: starting from remembered values where sources were
        // consumed. A failure to do so is a mismatch like any other.
        if let Err(Error::Resource(c)) = reference
            && c.message.contains("overwritten in place")
        {
            return mismatch(format!("the reference could not recompute: {}", c.message));
        }
        if let Err(x) = reference {
            typed(x, "reference")?;
        }
        if let Err(x) = fast {
            typed(x, "eval")?;
        }
        match (fast, reference) {
            (Err(x), Err(y)) if variant(x) == variant(y) => {
                bump(&STATS.compared_err);
                Ok(None)
            }
            (Ok(f), Ok(r)) => {
                for (path, v) in [("eval", f), ("reference", r)] {
                    if v.shape() != a.shape() || v.dtype() != a.dtype() {
                        return mismatch(format!(
                            "{path} gave {} {:?}, built as {} {:?}",
                            v.dtype(),
                            v.shape(),
                            a.dtype(),
                            a.shape()
                        ));
                    }
                }
                let values = catch("reading values", || compare_values(e, f, r))?;
                if let Err(m) = values {
                    return mismatch(m);
                }
                bump(&STATS.compared_ok);
                Ok(None)
            }
            _ => {
                if let Some(bug) = catch("known_bug", || known_bug(a, fast, reference))? {
                    bump(&STATS.known_bugs);
                    return Ok(Some(bug));
                }
                let show = |r: &Result<Array, Error>| match r {
                    Ok(v) => format!("Ok({} {:?})", v.dtype(), v.shape()),
                    Err(x) => format!("Err({}: {x})", variant(x)),
                };
                mismatch(format!(
                    "the paths disagree:\n  eval:      {}\n  reference: {}",
                    show(fast),
                    show(reference)
                ))
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Argument decoding
// ---------------------------------------------------------------------------------------------

fn shape(r: &mut Reader, max_ndim: usize, max_size: usize) -> Vec<usize> {
    let ndim = r.byte() as usize % (max_ndim + 1);
    let mut s: Vec<usize> = (0..ndim).map(|_| r.pick(&DIMS)).collect();
    while sat_size(&s) > max_size {
        let big = s
            .iter()
            .enumerate()
            .max_by_key(|(_, d)| **d)
            .map(|(i, _)| i);
        if let Some(i) = big {
            s[i] = (s[i] / 2).max(1);
        }
    }
    s
}

/// An axis for an `ndim`-d array: mostly valid (negative too), sometimes out of range.
fn axis(r: &mut Reader, ndim: usize) -> isize {
    let b = r.byte();
    let n = ndim as isize;
    if b % 16 < 14 && n > 0 {
        let k = (b / 8) as isize % (2 * n);
        k - n
    } else {
        [n, -n - 1, n + 1, isize::MAX, isize::MIN, 64][(b / 8) as usize % 6]
    }
}

fn axes(r: &mut Reader, ndim: usize) -> Vec<isize> {
    let k = r.byte() as usize % (ndim + 2);
    (0..k).map(|_| axis(r, ndim)).collect()
}

fn opt_bound(r: &mut Reader) -> Option<isize> {
    let b = r.byte();
    if b.is_multiple_of(4) {
        None
    } else {
        Some(SMALL[(b / 4) as usize % SMALL.len()])
    }
}

fn slice_args(r: &mut Reader, shape: &[usize]) -> Vec<SliceArg> {
    let ndim = shape.len();
    let b = r.byte();
    // Mostly no more indices than axes (an ellipsis or new axis may add one).
    let k = if b.is_multiple_of(8) {
        b as usize / 8 % (ndim + 3)
    } else {
        b as usize / 8 % (ndim + 1)
    };
    (0..k)
        .map(|i| match r.byte() % 16 {
            0..=6 => SliceArg::Range {
                start: opt_bound(r),
                stop: opt_bound(r),
                step: if r.one_in(16) {
                    r.pick(&STEPS)
                } else {
                    r.pick(&[1, 1, -1, 2, -2, 3])
                },
            },
            7..=9 => {
                // In range for the axis it probably meets, sometimes not.
                let n = shape.get(i).copied().unwrap_or(1).min(1 << 40) as isize;
                let b = r.byte();
                if b.is_multiple_of(8) || n == 0 {
                    SliceArg::Index(SMALL[b as usize / 8 % SMALL.len()])
                } else {
                    SliceArg::Index((b as isize / 8) % (2 * n) - n)
                }
            }
            10 | 11 => SliceArg::NewAxis,
            12 => SliceArg::Ellipsis,
            _ => SliceArg::Range {
                start: None,
                stop: None,
                step: r.pick(&[1, -1, 2, -2]),
            },
        })
        .collect()
}

/// A target shape for reshape: mostly of the right size (with a `-1`), sometimes not.
fn reshape_dims(r: &mut Reader, size: usize) -> Vec<isize> {
    let mode = r.byte() % 8;
    let factors: Vec<usize> = (2..=size.min(64))
        .filter(|d| size.is_multiple_of(*d))
        .collect();
    match mode {
        0..=2 if size > 0 => {
            let f = if factors.is_empty() {
                1
            } else {
                factors[r.byte() as usize % factors.len()]
            };
            let mut v = vec![f as isize, (size / f) as isize];
            if mode == 1 {
                v[0] = -1;
            }
            if mode == 2 {
                v.insert(r.byte() as usize % 3, 1);
            }
            v
        }
        3 => vec![-1],
        4 => vec![(size as isize).saturating_add(1)],
        5 => vec![-1, -1],
        6 => vec![r.pick(&SMALL), r.pick(&SMALL)],
        _ => vec![0, -1],
    }
}

/// Index values for an axis of extent `n`: mostly in `[-n, n)`, sometimes out of bounds.
fn index_array(r: &mut Reader, n: usize, witnesses: &mut Vec<Witness>) -> (Array, String) {
    let dtype = r.pick(&[
        DType::I64,
        DType::I64,
        DType::I64,
        DType::I32,
        DType::I32,
        DType::I64,
        DType::Bool,
        DType::F64,
    ]);
    let s = shape(r, 2, 16);
    let raw = r.u64();
    let seed = raw >> 48;
    let oob = r.one_in(8);
    // Extents of huge (never evaluated) arrays are capped so the arithmetic stays in range.
    let n = i64::try_from(n).unwrap_or(i64::MAX).min(1 << 40);
    let vals: Vec<i64> = (0..sat_size(&s))
        .map(|i| {
            let k = mix(seed ^ i as u64);
            if oob && k.is_multiple_of(5) {
                [n, -n - 1, i64::MAX, i64::MIN, 1 << 40][(k >> 8) as usize % 5]
            } else if n == 0 {
                0
            } else {
                (k % (2 * n as u64)) as i64 - n
            }
        })
        .collect();
    let (how, hold) = input_choice(raw);
    let (a, w) = match dtype {
        DType::I32 => input(vals.iter().map(|&v| v as i32).collect(), &s, how, hold),
        DType::Bool => input(vals.iter().map(|&v| v != 0).collect(), &s, how, hold),
        DType::F64 => input(vals.iter().map(|&v| v as f64).collect(), &s, how, hold),
        _ => input(vals.clone(), &s, how, hold),
    };
    let desc = format!(
        "Array::from_vec({vals:?}, &{s:?}).astype(DType::{dtype:?}) via {}",
        w.describe()
    );
    witnesses.push(w);
    (a, desc)
}

/// A boolean mask of length about `n` (or of shape `dims`).
fn mask_array(r: &mut Reader, dims: &[usize], witnesses: &mut Vec<Witness>) -> (Array, String) {
    let mut s = dims.to_vec();
    match r.byte() % 8 {
        0 if !s.is_empty() => {
            let last = s.len() - 1;
            s[last] = s[last].saturating_add(1);
        }
        1 if !s.is_empty() && s[0] > 0 => s[0] -= 1,
        2 => s.push(2),
        _ => {}
    }
    let raw = r.u64();
    let seed = raw >> 48;
    let style = r.byte() % 4;
    let vals: Vec<bool> = (0..sat_size(&s).min(4096))
        .map(|i| match style {
            0 => true,
            1 => false,
            2 => (2..5).contains(&i),
            _ => mix(seed ^ i as u64).is_multiple_of(3),
        })
        .collect();
    let dtype = r.pick(&[DType::Bool, DType::Bool, DType::Bool, DType::I64]);
    let mut desc = format!("Array::from_vec({vals:?}, &{s:?}).astype(DType::{dtype:?})");
    // A shape whose size is clipped, or that no array can have (an extent beyond isize::MAX
    // beside a zero: NumPy's "array is too big"), becomes an empty mask.
    let a = if sat_size(&s) != vals.len() || s.iter().any(|&d| d > isize::MAX as usize) {
        Array::from_vec(vals, &[0])
    } else {
        let (how, hold) = input_choice(raw);
        let (a, w) = input(vals, &s, how, hold);
        desc = format!("{desc} via {}", w.describe());
        witnesses.push(w);
        a
    };
    let a = if dtype == DType::Bool {
        a
    } else {
        a.astype(dtype)
    };
    (a, desc)
}

fn data_array(r: &mut Reader, witnesses: &mut Vec<Witness>) -> (Array, String) {
    let dtype = pick_dtype(r);
    let s = shape(r, 4, MAX_DATA);
    let raw = r.u64();
    let seed = raw >> 40;
    let small = r.one_in(3);
    let n = sat_size(&s);
    let vals: Vec<Scalar> = (0..n)
        .map(|i| value(dtype, mix(seed ^ (i as u64) << 1), small))
        .collect();
    let (how, hold) = input_choice(raw);
    macro_rules! build {
        ($t:ty) => {
            input(
                vals.iter()
                    .map(|&v| <$t as Element>::from_scalar(v))
                    .collect::<Vec<$t>>(),
                &s,
                how,
                hold,
            )
        };
    }
    let (a, w) = match dtype {
        DType::Bool => build!(bool),
        DType::I32 => build!(i32),
        DType::I64 => build!(i64),
        DType::F32 => build!(f32),
        DType::F64 => build!(f64),
        DType::I8 => build!(i8),
        DType::I16 => build!(i16),
        DType::U8 => build!(u8),
        DType::U16 => build!(u16),
        DType::U32 => build!(u32),
        DType::U64 => build!(u64),
    };
    let desc = format!(
        "data({dtype}, {s:?}, seed {seed:#x}{} via {})",
        if small { ", small" } else { "" },
        w.describe()
    );
    witnesses.push(w);
    // Sometimes a non-contiguous layout of the same values.
    let a = match r.byte() % 6 {
        0 if a.ndim() >= 2 => {
            let t = a.t().eval().unwrap_or(a.clone());
            return (t.t(), format!("{desc} (transposed layout)"));
        }
        _ => a,
    };
    (a, desc)
}

/// The input path and whether its witness holds the array, from the low bits of the `u64` a
/// data, index or mask array reads for its seed (bits the seed does not use, so programs
/// decode as before and libFuzzer still steers the choice): the low byte picks the path, the
/// next bit whether the witness keeps a clone of the array (which stops evaluations reusing
/// its buffer in place; the file and lent memory are checked either way).
fn input_choice(raw: u64) -> (InputPath, bool) {
    (InputPath::from_byte(raw as u8), raw & 0x100 != 0)
}

/// `values` with `shape` made through `how`, and its witness (released unless `hold`).
#[track_caller]
fn input<T: Element>(
    values: Vec<T>,
    shape: &[usize],
    how: InputPath,
    hold: bool,
) -> (Array, Witness) {
    let (a, mut w) = inputs::make(values, shape, how);
    if !hold {
        w.release();
    }
    (a, w)
}

// ---------------------------------------------------------------------------------------------
// Ops
// ---------------------------------------------------------------------------------------------

/// Number of terms each output of a reduction of `shape` over `how` sums (1 when invalid).
fn terms(shape: &[usize], how: &How) -> usize {
    let n = shape.len() as isize;
    let norm = |k: isize| -> Option<usize> {
        let k = if k < 0 { k.checked_add(n)? } else { k };
        (0..n).contains(&k).then_some(k as usize)
    };
    match how {
        How::All => sat_size(shape),
        How::One(k) => norm(*k).map_or(1, |k| shape[k]),
        How::Many(ax, _) => {
            let mut seen: Vec<usize> = ax.iter().filter_map(|&k| norm(k)).collect();
            seen.sort_unstable();
            seen.dedup();
            seen.iter()
                .fold(1usize, |acc, &k| acc.saturating_mul(shape[k]))
        }
    }
}

/// The tolerance of the statistic `op` of `input` over `how` (its result `out`): exact for
/// integers, min/max-like ones up to zero ties, the NaN-ignoring sums like sums (of a tamed,
/// hence exact, input: exactly), variances within the sum tolerance of the mean square (the
/// standard deviation within its square root).
fn statistic_tol(op: Red, input: &Array, out: &Array, how: &How, tamed: bool) -> Tol {
    if !out.dtype().is_float() {
        return Tol::Exact;
    }
    let n = terms(input.shape(), how);
    let x64 = input.astype(DType::F64);
    let mean_square = || {
        let squares = &x64 * &x64;
        reduce(
            if op.ignores_nan() {
                Red::NanMean
            } else {
                Red::Mean
            },
            &squares,
            how,
        )
    };
    let eps = if out.dtype() == DType::F32 {
        f64::from(f32::EPSILON)
    } else {
        f64::EPSILON
    };
    match op {
        Red::NanMin | Red::NanMax | Red::Ptp | Red::Min | Red::Max => Tol::ZeroTie,
        Red::NanProd | Red::Prod if !tamed => Tol::Loose,
        Red::NanSum | Red::NanMean | Red::Sum | Red::Mean | Red::NanProd | Red::Prod => Tol::Sum {
            bound: reduce(op, &x64.abs(), how),
            n,
        },
        Red::Var | Red::NanVar => Tol::Sum {
            bound: mean_square(),
            n: n.saturating_mul(2).saturating_add(4),
        },
        Red::Std | Red::NanStd => {
            let var_bound = (n as f64 * 2.0 + 6.0) * eps;
            Tol::Sum {
                bound: mean_square().sqrt(),
                n: (var_bound.sqrt() / eps).ceil() as usize,
            }
        }
        Red::Any | Red::All | Red::CountNonzero => Tol::Exact,
    }
}

/// Makes `x` exact to reduce in any order: small integers (floats floored).
fn tame(x: &Array, prod: bool) -> Array {
    let lim = if prod { 1 } else { 64 };
    match x.dtype() {
        DType::F32 | DType::F64 => x.clip(-lim as f64, lim as f64).floor(),
        DType::I8 | DType::I16 | DType::I32 | DType::I64 => x.clip(-lim, lim),
        DType::U8 | DType::U16 | DType::U32 | DType::U64 => x.clip(0, lim),
        DType::Bool => x.clone(),
    }
}

/// The opcodes the saved inputs in `tests/fuzz_regressions/` were recorded with: a byte
/// below [`EXTENDED_FROM`] decodes to `byte % NOPS`, as it always has.
const NOPS: u8 = 44;
/// Opcode bytes from here on decode to the opcodes added after the first [`NOPS`] (the shape
/// helpers and creators of issue #13, `NOPS..NOPS + NEW_OPS`). No saved input reads such a
/// byte as an opcode (`saved_fuzzer_findings_run_clean` checks it), so every saved input still
/// replays the program it was recorded as; random programs reach the new opcodes one step in
/// sixteen.
const EXTENDED_FROM: u8 = 240;
/// Opcodes added after the first [`NOPS`].
const NEW_OPS: u8 = 4;

thread_local! {
    /// How many opcodes at or above [`NOPS`] this thread decoded (see [`EXTENDED_FROM`]).
    static EXTENDED_USED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A shift for `roll`: small, negative, or extreme.
fn shift(r: &mut Reader) -> isize {
    r.pick(&[0isize, 1, -1, 2, -3, 5, 7, -13, isize::MAX, isize::MIN])
}

/// `pad` widths: one pair for all axes, or one per axis (sometimes one too many), sometimes
/// huge.
fn pad_widths(r: &mut Reader, ndim: usize) -> Vec<(usize, usize)> {
    let k = if r.flag() {
        1
    } else {
        ndim + usize::from(r.one_in(8))
    };
    let mut w = || {
        if r.one_in(64) {
            r.pick(&HUGE)
        } else {
            r.pick(&[0usize, 1, 2, 3, 5, 9])
        }
    };
    (0..k).map(|_| (w(), w())).collect()
}
/// Opcode bytes from here on decode to the statistics (`var`, `nanmin`, `cumprod`, `diff`,
/// `average`, ...), opcode `NOPS + NEW_OPS`; the shape helpers keep `EXTENDED_FROM..STATS_BYTES`.
const STATS_BYTES: u8 = 248;

impl Machine<'_> {
    /// Runs one step; `Err` is a failed check.
    fn step(&mut self, r: &mut Reader) -> Result<(), String> {
        let raw_op = r.byte();
        let op = match raw_op {
            b if b >= STATS_BYTES => NOPS + NEW_OPS,
            b if b >= EXTENDED_FROM => NOPS + (b - EXTENDED_FROM) % NEW_OPS,
            b => b % NOPS,
        };
        if op >= NOPS {
            EXTENDED_USED.with(|c| c.set(c.get() + 1));
        }
        match op {
            // ---- creation
            0..=3 => {
                let (a, d) = data_array(r, &mut self.witnesses);
                self.push(a, d, &[], Tol::Exact);
            }
            4 => {
                let s = shape(r, 3, 4096);
                let v = weak(r);
                let a = with_scalar!(v, x => Array::full(&s, x));
                self.push(a, format!("Array::full(&{s:?}, {v:?})"), &[], Tol::Exact);
            }
            5 => {
                let s = shape(r, 3, 4096);
                let (a, d) = match r.byte() % 3 {
                    0 => (Array::zeros(&s), "zeros"),
                    1 => (Array::ones(&s), "ones"),
                    _ => (Array::random(&s, u32::from(r.byte())), "random"),
                };
                self.push(a, format!("Array::{d}(&{s:?}, ..)"), &[], Tol::Exact);
            }
            6 => {
                let v = weak(r);
                let a = with_scalar!(v, x => Array::scalar(x));
                self.push(a, format!("Array::scalar({v:?})"), &[], Tol::Exact);
            }
            7 => {
                let (a, d) = match r.byte() % 4 {
                    0 => {
                        let (s, e, st) = (r.pick(&SMALL), r.pick(&SMALL), r.pick(&STEPS));
                        let (s, e, st) = (s as i64, e as i64, st as i64);
                        (
                            Array::arange(s, e, st),
                            format!("arange({s}i64, {e}, {st})"),
                        )
                    }
                    1 => {
                        let (s, e) = (
                            f64_value(u64::from(r.byte())),
                            f64_value(u64::from(r.byte())),
                        );
                        let st = r.pick(&[1.0, 0.5, -0.25, 0.0, 3.0, -1.0, 1e-300, f64::NAN]);
                        (
                            Array::arange(s, e, st),
                            format!("arange({s:?}, {e:?}, {st:?})"),
                        )
                    }
                    2 => {
                        let (s, e) = (r.byte() as i8 as f32 / 4.0, r.byte() as i8 as f32 / 4.0);
                        let st = r.pick(&[1.0f32, 0.5, -0.25, 0.0, 3.0]);
                        (
                            Array::arange(s, e, st),
                            format!("arange({s:?}f32, {e:?}, {st:?})"),
                        )
                    }
                    _ => {
                        let (s, e) = (r.byte() as i8 as i32, r.byte() as i8 as i32);
                        let st = r.pick(&[1i32, 2, -1, -3, 0]);
                        (
                            Array::arange(s, e, st),
                            format!("arange({s}i32, {e}, {st})"),
                        )
                    }
                };
                self.push(a, d, &[], Tol::Exact);
            }
            8 => {
                let (s, e) = (
                    f64_value(u64::from(r.byte())),
                    f64_value(u64::from(r.byte())),
                );
                let num = r.pick(&[0usize, 1, 2, 3, 4, 5, 6, 7, 9, 17, 50, 1 << 61, usize::MAX]);
                let endpoint = r.flag();
                self.push(
                    Array::linspace_with(s, e, num, endpoint),
                    format!("Array::linspace_with({s:?}, {e:?}, {num}, {endpoint})"),
                    &[],
                    Tol::Exact,
                );
            }
            9 => {
                let (n, m) = (r.pick(&DIMS), r.pick(&DIMS));
                let k = r.pick(&SMALL);
                let (a, d) = if r.flag() {
                    let n = if r.one_in(8) { r.pick(&HUGE) } else { n };
                    (Array::eye(n), format!("Array::eye({n})"))
                } else {
                    (
                        Array::eye_with(n, m, k),
                        format!("Array::eye_with({n}, {m}, {k})"),
                    )
                };
                self.push(a, d, &[], Tol::Exact);
            }
            10 => {
                // Huge or mismatched shapes: errors when built, or arrays too big to evaluate.
                let mut s = shape(r, 3, 64);
                let at = r.byte() as usize % (s.len() + 1);
                s.insert(at, r.pick(&HUGE));
                let (a, d) = match r.byte() % 5 {
                    0 => (Array::zeros(&s), "zeros"),
                    1 => (Array::random(&s, 1), "random"),
                    2 => (Array::full(&s, true), "full(.., true)"),
                    3 => (
                        Array::from_vec(vec![1i32, 2, 3], &s),
                        "from_vec(vec![1i32, 2, 3], ..)",
                    ),
                    _ => (self.pop()?.a.broadcast_to(&s), "<pop>.broadcast_to"),
                };
                self.push(a, format!("{d}(&{s:?})"), &[], Tol::Exact);
            }
            11 => {
                // A bare huge creation, evaluated: must be refused (Resource), never abort.
                let n = r.pick(&[1usize << 44, 1 << 47, 1 << 50]);
                let a = if r.flag() {
                    Array::zeros(&[n])
                } else {
                    Array::random(&[2, n / 2], 3)
                };
                self.log(format!("huge evaluation of {n} float64 elements"));
                bump(&STATS.huge_evals);
                for (path, got) in [
                    ("reference", catch("eval_reference", || a.eval_reference())?),
                    ("eval", catch("eval", || a.eval())?),
                ] {
                    match got {
                        Err(e @ (Error::Resource(_) | Error::Shape(_))) => typed(&e, path)?,
                        other => {
                            return Err(format!(
                                "{path} of a {n}-element array must be refused, gave {:?}",
                                other.map(|_| ())
                            ));
                        }
                    }
                }
            }
            // ---- elementwise
            12..=17 => {
                let x = self.pop()?;
                let op = pick_binary(r);
                let mode = r.byte() % 6;
                match mode {
                    0..=2 => {
                        let y = self.pop()?;
                        let a = binary(op, &x.a, &y.a);
                        self.push(
                            a,
                            format!("{op:?}({}, {})", x.name, y.name),
                            &[&x, &y],
                            Tol::Exact,
                        );
                    }
                    3 => {
                        // The same array twice, through a view.
                        let v = if x.a.ndim() > 0 {
                            x.a.slice([SliceArg::Range {
                                start: None,
                                stop: None,
                                step: -1,
                            }])
                        } else {
                            x.a.clone()
                        };
                        let a = binary(op, &x.a, &v);
                        self.push(
                            a,
                            format!("{op:?}({0}, {0}[::-1])", x.name),
                            &[&x],
                            Tol::Exact,
                        );
                    }
                    4 => {
                        let s = weak(r);
                        let a = with_scalar!(s, v => binary(op, &x.a, v));
                        self.push(a, format!("{op:?}({}, {s:?})", x.name), &[&x], Tol::Exact);
                    }
                    _ => {
                        let s = weak(r);
                        let a = binary_left(op, s, &x.a).unwrap_or_else(|| binary(op, &x.a, &x.a));
                        self.push(
                            a,
                            format!("{op:?}({s:?}, {}) or {op:?}(x, x)", x.name),
                            &[&x],
                            Tol::Exact,
                        );
                    }
                }
            }
            18..=20 => {
                let x = self.pop()?;
                // A unary op of the first twelve (as `UNS` orders them: the saved inputs in
                // tests/fuzz_regressions were recorded with these), or a cast; the top byte
                // values pick the ops `UNS` gained since (no saved input uses them here).
                let byte = r.byte();
                let first_new = (256 - (UNS.len() - 12)) as u8;
                let op = match byte.checked_sub(first_new) {
                    Some(k) => UNS.get(12 + usize::from(k)),
                    None => UNS[..12].get(usize::from(byte % 14)),
                };
                let (a, d, tol) = match op {
                    Some(&op) => (
                        unary(op, &x.a),
                        op.name(),
                        op.ulp_bound().map_or(Tol::Exact, Tol::Ulps),
                    ),
                    None => {
                        let dt = pick_dtype(r);
                        self.push(
                            x.a.astype(dt),
                            format!("{}.astype(DType::{dt:?})", x.name),
                            &[&x],
                            Tol::Exact,
                        );
                        return Ok(());
                    }
                };
                self.push(a, format!("{}.{d}()", x.name), &[&x], tol);
            }
            21 => {
                let c = self.pop()?;
                let mode = r.byte() % 4;
                let (a, d, inputs) = match mode {
                    0 => {
                        let (x, y) = (self.pop()?, self.pop()?);
                        (
                            where_(&c.a, &x.a, &y.a),
                            format!("where_({}, {}, {})", c.name, x.name, y.name),
                            vec![c, x, y],
                        )
                    }
                    1 => {
                        let x = self.pop()?;
                        let s = weak(r);
                        let a = with_scalar!(s, v => where_(&c.a, &x.a, v));
                        (
                            a,
                            format!("where_({}, {}, {s:?})", c.name, x.name),
                            vec![c, x],
                        )
                    }
                    2 => {
                        let y = self.pop()?;
                        let s = weak(r);
                        let a = with_scalar!(s, v => where_(&c.a, v, &y.a));
                        (
                            a,
                            format!("where_({}, {s:?}, {})", c.name, y.name),
                            vec![c, y],
                        )
                    }
                    _ => {
                        let (s, t) = (weak(r), weak(r));
                        let a = with_scalar!(s, v => with_scalar!(t, w => where_(&c.a, v, w)));
                        (a, format!("where_({}, {s:?}, {t:?})", c.name), vec![c])
                    }
                };
                let refs: Vec<&Entry> = inputs.iter().collect();
                self.push(a, d, &refs, Tol::Exact);
            }
            22 => {
                let x = self.pop()?;
                let (lo, hi) = (weak(r), weak(r));
                let a = if r.one_in(4) {
                    let y = self.pop()?;
                    let a = with_scalar!(hi, h => x.a.clip(&y.a, h));
                    self.push(
                        a,
                        format!("{}.clip({}, {hi:?})", x.name, y.name),
                        &[&x, &y],
                        Tol::Exact,
                    );
                    return Ok(());
                } else {
                    with_scalar!(lo, l => with_scalar!(hi, h => x.a.clip(l, h)))
                };
                self.push(
                    a,
                    format!("{}.clip({lo:?}, {hi:?})", x.name),
                    &[&x],
                    Tol::Exact,
                );
            }
            // ---- views
            23..=25 => {
                let x = self.pop()?;
                let args = slice_args(r, x.a.shape());
                let a = x.a.slice(&args);
                self.push(a, format!("{}.slice({args:?})", x.name), &[&x], Tol::Exact);
            }
            26 => {
                let x = self.pop()?;
                let n = x.a.ndim();
                let (a, d) = match r.byte() % 4 {
                    0 => (x.a.t(), ".t()".to_string()),
                    1 => {
                        let mut p: Vec<isize> = (0..n as isize).collect();
                        let seed = r.u64();
                        for i in (1..p.len()).rev() {
                            p.swap(i, (mix(seed ^ i as u64) % (i as u64 + 1)) as usize);
                        }
                        if r.one_in(4) {
                            p = axes(r, n);
                        } else if r.flag() && !p.is_empty() {
                            p[0] -= n as isize;
                        }
                        (x.a.permute(&p), format!(".permute(&{p:?})"))
                    }
                    2 => {
                        let (i, j) = (axis(r, n), axis(r, n));
                        (x.a.swapaxes(i, j), format!(".swapaxes({i}, {j})"))
                    }
                    _ => {
                        let k = axis(r, n + 1);
                        (x.a.expand_dims(k), format!(".expand_dims({k})"))
                    }
                };
                self.push(a, format!("{}{d}", x.name), &[&x], Tol::Exact);
            }
            27 | 28 => {
                let x = self.pop()?;
                let (a, d) = match r.byte() % 5 {
                    0 | 1 => {
                        let dims = reshape_dims(r, x.a.size());
                        (x.a.reshape(&dims), format!(".reshape(&{dims:?})"))
                    }
                    2 => (x.a.ravel(), ".ravel()".into()),
                    3 => (x.a.flatten(), ".flatten()".into()),
                    _ => {
                        if r.flag() {
                            (x.a.squeeze(), ".squeeze()".into())
                        } else {
                            let ax = axes(r, x.a.ndim());
                            (x.a.squeeze_axes(&ax), format!(".squeeze_axes(&{ax:?})"))
                        }
                    }
                };
                self.push(a, format!("{}{d}", x.name), &[&x], Tol::Exact);
            }
            29 => {
                let x = self.pop()?;
                let mut s: Vec<usize> = x.a.shape().to_vec();
                match r.byte() % 6 {
                    0 => s.insert(0, r.pick(&DIMS)),
                    1 => {
                        if let Some(d) = s.iter_mut().find(|d| **d == 1) {
                            *d = r.pick(&DIMS);
                        }
                    }
                    2 => {
                        if let Some(d) = s.last_mut() {
                            *d = d.saturating_add(1);
                        }
                    }
                    3 => s.insert(0, r.pick(&HUGE)),
                    4 => {
                        s.pop();
                    }
                    _ => {}
                }
                let a = x.a.broadcast_to(&s);
                self.push(
                    a,
                    format!("{}.broadcast_to(&{s:?})", x.name),
                    &[&x],
                    Tol::Exact,
                );
            }
            30 => {
                let x = self.pop()?;
                let n = x.a.ndim();
                let (a, d) = match r.byte() % 4 {
                    0 => (x.a.diagonal(), ".diagonal()".to_string()),
                    1 => {
                        let (o, i, j) = (r.pick(&SMALL), axis(r, n), axis(r, n));
                        (
                            x.a.diagonal_with(o, i, j),
                            format!(".diagonal_with({o}, {i}, {j})"),
                        )
                    }
                    2 => {
                        let w = r.pick(&[0usize, 1, 2, 3, 5, 17, usize::MAX, 1 << 40]);
                        let k = axis(r, n);
                        (x.a.windows(w, k), format!(".windows({w}, {k})"))
                    }
                    _ => {
                        let k = r.byte() as usize % 3;
                        let w: Vec<usize> =
                            (0..k).map(|_| r.pick(&[0usize, 1, 2, 3, 4, 9])).collect();
                        let ax: Vec<isize> = (0..k).map(|_| axis(r, n)).collect();
                        (
                            x.a.sliding_window_view(&w, &ax),
                            format!(".sliding_window_view(&{w:?}, &{ax:?})"),
                        )
                    }
                };
                self.push(a, format!("{}{d}", x.name), &[&x], Tol::Exact);
            }
            31 => {
                let x = self.pop()?;
                let k = r.byte() as usize % 4;
                let s: Vec<usize> = (0..k)
                    .map(|_| {
                        if r.one_in(16) {
                            r.pick(&HUGE)
                        } else {
                            r.pick(&DIMS)
                        }
                    })
                    .collect();
                let st: Vec<isize> = (0..k + usize::from(r.one_in(8)))
                    .map(|_| r.pick(&SMALL))
                    .collect();
                let off = r.pick(&[0usize, 1, 2, 5, usize::MAX, 1 << 40]);
                let a = x.a.as_strided(&s, &st, off);
                self.push(
                    a,
                    format!("{}.as_strided(&{s:?}, &{st:?}, {off})", x.name),
                    &[&x],
                    Tol::Exact,
                );
            }
            // ---- reductions
            32..=34 => {
                let x = self.pop()?;
                // The first seven (as `REDS` orders them: saved inputs replay the same
                // programs); the statistics after them have opcode 44.
                let op = r.pick(&REDS[..7]);
                let n = x.a.ndim();
                let how = match r.byte() % 3 {
                    0 => How::All,
                    1 => How::One(axis(r, n)),
                    _ => How::Many(axes(r, n), r.flag()),
                };
                let tamed = !r.one_in(3);
                let float = x.a.dtype().is_float();
                let reassoc = matches!(op, Red::Sum | Red::Mean | Red::Prod)
                    && (float || (matches!(op, Red::Mean) && x.a.dtype().is_int()));
                let (input, d) = if reassoc && tamed {
                    (
                        tame(&x.a, matches!(op, Red::Prod)),
                        format!("tame({})", x.name),
                    )
                } else {
                    (x.a.clone(), x.name.clone())
                };
                let tol = if reassoc && !tamed {
                    match op {
                        Red::Prod => Tol::Loose,
                        _ => {
                            let abs = if input.dtype().is_float() {
                                input.abs()
                            } else {
                                input.astype(DType::F64).abs()
                            };
                            Tol::Sum {
                                bound: reduce(op, &abs, &how),
                                n: terms(input.shape(), &how),
                            }
                        }
                    }
                } else if float && matches!(op, Red::Min | Red::Max) {
                    Tol::ZeroTie
                } else {
                    Tol::Exact
                };
                let a = reduce(op, &input, &how);
                self.push(a, format!("{op:?}({d}, {how:?})"), &[&x], tol);
            }
            35 => {
                let x = self.pop()?;
                let n = x.a.ndim();
                let ax = if r.one_in(3) { None } else { Some(axis(r, n)) };
                let keep = r.flag();
                let max = r.flag();
                let a = if max {
                    x.a.argmax_with(ax, keep)
                } else {
                    x.a.argmin_with(ax, keep)
                };
                let tol = if x.a.dtype().is_float() {
                    let axis = ax.and_then(|k| {
                        let k = if k < 0 { k.checked_add(n as isize)? } else { k };
                        (0..n as isize).contains(&k).then_some(k as usize)
                    });
                    Tol::ArgTie {
                        input: x.a.clone(),
                        axis,
                    }
                } else {
                    Tol::Exact
                };
                let d = if max { "argmax" } else { "argmin" };
                self.push(
                    a,
                    format!("{}.{d}_with({ax:?}, {keep})", x.name),
                    &[&x],
                    tol,
                );
            }
            36 => {
                let x = self.pop()?;
                let tamed = !r.one_in(3);
                let float = x.a.dtype().is_float();
                let input = if float && tamed {
                    tame(&x.a, false)
                } else {
                    x.a.clone()
                };
                let (a, bound, d) = if r.one_in(4) {
                    (
                        input.cumsum_flat(),
                        input.abs().cumsum_flat(),
                        "cumsum_flat()".to_string(),
                    )
                } else {
                    let k = axis(r, x.a.ndim());
                    (
                        input.cumsum(k),
                        input.abs().cumsum(k),
                        format!("cumsum({k})"),
                    )
                };
                let tol = if float && !tamed {
                    Tol::Sum {
                        bound,
                        n: x.a.size(),
                    }
                } else {
                    Tol::Exact
                };
                self.push(
                    a,
                    format!(
                        "{}{}.{d}",
                        if tamed && float { "tame " } else { "" },
                        x.name
                    ),
                    &[&x],
                    tol,
                );
            }
            // ---- gathers
            37 | 38 => {
                let x = self.pop()?;
                let n = x.a.ndim();
                let k = axis(r, n);
                let extent = usize::try_from(if k < 0 {
                    k.saturating_add(n as isize)
                } else {
                    k
                })
                .ok()
                .and_then(|k| x.a.shape().get(k).copied())
                .unwrap_or(3);
                let (idx, d, inputs) = if r.one_in(8) {
                    let i = self.pop()?;
                    let name = i.name.clone();
                    (i.a.clone(), name, vec![x.clone(), i])
                } else {
                    let (i, d) = index_array(r, extent, &mut self.witnesses);
                    self.hold(&i);
                    (i, d, vec![x.clone()])
                };
                let refs: Vec<&Entry> = inputs.iter().collect();
                // `index` with a bool array is a mask, which is evaluated when built: only with
                // small index arrays (a popped one may be huge).
                let small = refs.iter().all(|e| e.cost <= EVAL_LIMIT);
                let mode = if small { r.byte() % 4 } else { 0 };
                let (a, what) = match mode {
                    0 | 1 => (x.a.take(&idx, k), format!("{}.take(&{d}, {k})", x.name)),
                    2 => (x.a.take_flat(&idx), format!("{}.take_flat(&{d})", x.name)),
                    _ => (x.a.index(&idx), format!("{}.index(&{d})", x.name)),
                };
                self.push(a, what, &refs, Tol::Exact);
            }
            39 => {
                let x = self.pop()?;
                let n = x.a.ndim();
                let k = axis(r, n);
                let use_popped = r.one_in(4);
                let popped = if use_popped { Some(self.pop()?) } else { None };
                let (m, d) = match &popped {
                    // Building a compress evaluates its mask: only small ones.
                    Some(p) if p.cost <= EVAL_LIMIT => (p.a.clone(), p.name.clone()),
                    _ => {
                        let dims: Vec<usize> = if r.flag() {
                            let kk = usize::try_from(if k < 0 {
                                k.saturating_add(n as isize)
                            } else {
                                k
                            })
                            .ok();
                            vec![kk.and_then(|kk| x.a.shape().get(kk).copied()).unwrap_or(2)]
                        } else {
                            let lead = r.byte() as usize % (n + 1);
                            x.a.shape()[..lead].to_vec()
                        };
                        let (m, d) = mask_array(r, &dims, &mut self.witnesses);
                        self.hold(&m);
                        (m, d)
                    }
                };
                let (a, what) = if r.flag() {
                    (
                        x.a.compress(&m, k),
                        format!("{}.compress(&{d}, {k})", x.name),
                    )
                } else {
                    (x.a.mask(&m), format!("{}.mask(&{d})", x.name))
                };
                self.push(a, what, &[&x], Tol::Exact);
            }
            // ---- joins
            40 => {
                let x = self.pop()?;
                let (a, d) = match r.byte() % 3 {
                    0 => {
                        let k = r.byte() as usize % 4;
                        let reps: Vec<usize> = (0..k)
                            .map(|_| {
                                if r.one_in(32) {
                                    r.pick(&HUGE)
                                } else {
                                    r.pick(&[0usize, 1, 2, 3])
                                }
                            })
                            .collect();
                        (x.a.tile(&reps), format!(".tile(&{reps:?})"))
                    }
                    1 => {
                        let c = if r.one_in(32) {
                            r.pick(&HUGE)
                        } else {
                            r.pick(&[0usize, 1, 2, 3])
                        };
                        let ax = if r.flag() {
                            None
                        } else {
                            Some(axis(r, x.a.ndim()))
                        };
                        (x.a.repeat(c, ax), format!(".repeat({c}, {ax:?})"))
                    }
                    _ => {
                        let ax = if r.flag() {
                            None
                        } else {
                            Some(axis(r, x.a.ndim()))
                        };
                        let len = match ax {
                            None => x.a.size(),
                            Some(k) => usize::try_from(if k < 0 {
                                k.saturating_add(x.a.ndim() as isize)
                            } else {
                                k
                            })
                            .ok()
                            .and_then(|k| x.a.shape().get(k).copied())
                            .unwrap_or(2),
                        };
                        let len = match r.byte() % 6 {
                            0 => len.saturating_add(1),
                            1 => len.saturating_sub(1),
                            _ => len,
                        }
                        .min(64);
                        let counts: Vec<usize> =
                            (0..len).map(|_| r.pick(&[0usize, 1, 2, 3])).collect();
                        (
                            x.a.repeat_each(&counts, ax),
                            format!(".repeat_each(&{counts:?}, {ax:?})"),
                        )
                    }
                };
                self.push(a, format!("{}{d}", x.name), &[&x], Tol::Exact);
            }
            41 => {
                let k = r.byte() as usize % 4;
                let parts: Vec<Entry> = (0..k).map(|_| self.pop()).collect::<Result<_, _>>()?;
                let arrays: Vec<&Array> = parts.iter().map(|e| &e.a).collect();
                let names: Vec<&str> = parts.iter().map(|e| e.name.as_str()).collect();
                let ndim = arrays.first().map_or(1, |a| a.ndim());
                let stacked = r.flag();
                let ax = axis(r, ndim + usize::from(stacked));
                let a = if stacked {
                    stack(&arrays, ax)
                } else {
                    concatenate(&arrays, ax)
                };
                let refs: Vec<&Entry> = parts.iter().collect();
                let d = if stacked { "stack" } else { "concatenate" };
                self.push(a, format!("{d}(&{names:?}, {ax})"), &refs, Tol::Exact);
            }
            // ---- control
            42 => match r.byte() % 5 {
                0 => {
                    if let Some(e) = self.stack.last().cloned() {
                        self.stack.push(e);
                        if self.stack.len() > MAX_STACK {
                            self.stack.remove(0);
                        }
                    }
                }
                1 => {
                    let n = self.stack.len();
                    if n >= 2 {
                        self.stack.swap(n - 1, n - 2);
                    }
                }
                2 => {
                    self.stack.pop();
                }
                3 => {
                    let e = self.top()?;
                    self.check(&e)?;
                }
                _ => {
                    let n = self.stack.len();
                    if n > 0 {
                        let k = r.byte() as usize % n;
                        let e = self.stack.remove(k);
                        self.stack.push(e);
                    }
                }
            },
            // ---- shape helpers (issue #13): views
            44 => {
                let x = self.pop()?;
                let n = x.a.ndim();
                let (a, d) = match r.byte() % 9 {
                    0 => {
                        let k = axis(r, n);
                        (x.a.flip(k), format!(".flip({k})"))
                    }
                    1 => {
                        let ax = axes(r, n);
                        (x.a.flip_axes(&ax), format!(".flip_axes(&{ax:?})"))
                    }
                    2 => (x.a.flip_all(), ".flip_all()".to_string()),
                    3 => (x.a.fliplr(), ".fliplr()".to_string()),
                    4 => (x.a.flipud(), ".flipud()".to_string()),
                    5 => {
                        let k = shift(r);
                        let ax = [axis(r, n), axis(r, n)];
                        (x.a.rot90(k, ax), format!(".rot90({k}, {ax:?})"))
                    }
                    6 => {
                        let (src, dst) = (axes(r, n), axes(r, n));
                        (
                            x.a.moveaxis_axes(&src, &dst),
                            format!(".moveaxis_axes(&{src:?}, &{dst:?})"),
                        )
                    }
                    7 => match r.byte() % 3 {
                        0 => (x.a.atleast_1d(), ".atleast_1d()".to_string()),
                        1 => (x.a.atleast_2d(), ".atleast_2d()".to_string()),
                        _ => (x.a.atleast_3d(), ".atleast_3d()".to_string()),
                    },
                    _ => {
                        let k = axis(r, n);
                        let sections = if r.one_in(32) {
                            r.pick(&HUGE)
                        } else {
                            r.pick(&[0usize, 1, 2, 3, 4, 7])
                        };
                        let (parts, d) = match r.byte() % 3 {
                            0 => (x.a.split(sections, k), format!(".split({sections}, {k})")),
                            1 => (
                                x.a.array_split(sections, k),
                                format!(".array_split({sections}, {k})"),
                            ),
                            _ => {
                                let at: Vec<isize> = (0..r.byte() % 4)
                                    .map(|_| r.pick(&[0isize, 1, 2, -1, -3, 9, isize::MIN]))
                                    .collect();
                                (x.a.split_at(&at, k), format!(".split_at(&{at:?}, {k})"))
                            }
                        };
                        let i = r.byte() as usize % parts.len().max(1);
                        match parts.get(i) {
                            Some(p) => (p.clone(), format!("{d}[{i}]")),
                            None => return Err(format!("{}{d} returned no parts", x.name)),
                        }
                    }
                };
                self.push(a, format!("{}{d}", x.name), &[&x], Tol::Exact);
            }
            // ---- shape helpers: index maps (fused takes) and triangles
            45 => {
                let x = self.pop()?;
                let n = x.a.ndim();
                let (a, d) = match r.byte() % 5 {
                    0 => {
                        let (s, k) = (shift(r), axis(r, n));
                        (x.a.roll(s, k), format!(".roll({s}, {k})"))
                    }
                    1 => {
                        let s = shift(r);
                        (x.a.roll_flat(s), format!(".roll_flat({s})"))
                    }
                    2 => {
                        let shifts: Vec<isize> = (0..r.byte() % 4).map(|_| shift(r)).collect();
                        let ax = axes(r, n);
                        (
                            x.a.roll_axes(&shifts, &ax),
                            format!(".roll_axes(&{shifts:?}, &{ax:?})"),
                        )
                    }
                    3 => {
                        let w = pad_widths(r, n);
                        let mode = match r.byte() % 6 {
                            0 => {
                                let v = weak(r);
                                with_scalar!(v, s => PadMode::constant(s))
                            }
                            1 => {
                                let pairs: Vec<(f64, f64)> = (0..if r.flag() { 1 } else { n })
                                    .map(|_| (weak(r).to_f64(), weak(r).to_f64()))
                                    .collect();
                                PadMode::constant_pairs(&pairs)
                            }
                            2 => PadMode::Edge,
                            3 => PadMode::Reflect,
                            4 => PadMode::Symmetric,
                            _ => PadMode::Wrap,
                        };
                        let d = format!(".pad_with({w:?}, {mode:?})");
                        (x.a.pad_with(w, mode), d)
                    }
                    _ => {
                        let k = shift(r);
                        if r.flag() {
                            (x.a.tril(k), format!(".tril({k})"))
                        } else {
                            (x.a.triu(k), format!(".triu({k})"))
                        }
                    }
                };
                self.push(a, format!("{}{d}", x.name), &[&x], Tol::Exact);
            }
            // ---- shape helpers: stacks and grids
            46 => {
                let k = r.byte() as usize % 4;
                let parts: Vec<Entry> = (0..k).map(|_| self.pop()).collect::<Result<_, _>>()?;
                let arrays: Vec<&Array> = parts.iter().map(|e| &e.a).collect();
                let names: Vec<&str> = parts.iter().map(|e| e.name.as_str()).collect();
                let refs: Vec<&Entry> = parts.iter().collect();
                let (a, d) = match r.byte() % 5 {
                    0 => (vstack(&arrays), "vstack"),
                    1 => (hstack(&arrays), "hstack"),
                    2 => (dstack(&arrays), "dstack"),
                    3 => (column_stack(&arrays), "column_stack"),
                    _ => {
                        let indexing = if r.flag() { Indexing::Ij } else { Indexing::Xy };
                        let grids = meshgrid(&arrays, indexing);
                        let i = r.byte() as usize % grids.len().max(1);
                        match grids.get(i) {
                            Some(g) => (g.clone(), "meshgrid"),
                            None => {
                                self.stack.extend(parts);
                                return Ok(());
                            }
                        }
                    }
                };
                self.push(a, format!("{d}(&{names:?})"), &refs, Tol::Exact);
            }
            // ---- shape helpers: creation
            47 => {
                let dtype = r.pick(&DTYPES);
                let (a, d) = match r.byte() % 8 {
                    0 => {
                        let s = shape(r, 3, 4096);
                        (
                            Array::zeros_dtype(&s, dtype),
                            format!("Array::zeros_dtype(&{s:?}, {dtype:?})"),
                        )
                    }
                    1 => {
                        let s = shape(r, 3, 4096);
                        (
                            Array::ones_dtype(&s, dtype),
                            format!("Array::ones_dtype(&{s:?}, {dtype:?})"),
                        )
                    }
                    2 => {
                        let s = shape(r, 3, 4096);
                        let v = weak(r);
                        (
                            with_scalar!(v, x => Array::full_dtype(&s, x, dtype)),
                            format!("Array::full_dtype(&{s:?}, {v:?}, {dtype:?})"),
                        )
                    }
                    3 => {
                        let x = self.pop()?;
                        let v = weak(r);
                        let (a, d) = match r.byte() % 4 {
                            0 => (x.a.zeros_like(), ".zeros_like()".to_string()),
                            1 => (x.a.ones_like(), ".ones_like()".to_string()),
                            2 => (x.a.empty_like(), ".empty_like()".to_string()),
                            _ => (
                                with_scalar!(v, s => x.a.full_like(s)),
                                format!(".full_like({v:?})"),
                            ),
                        };
                        self.push(a, format!("{}{d}", x.name), &[&x], Tol::Exact);
                        return Ok(());
                    }
                    4 => {
                        let (n, m) = (r.pick(&DIMS), r.pick(&DIMS));
                        let k = shift(r);
                        if r.flag() {
                            (Array::tri(n, m, k), format!("Array::tri({n}, {m}, {k})"))
                        } else {
                            (Array::identity(n), format!("Array::identity({n})"))
                        }
                    }
                    5 => {
                        let (lo, hi) = (weak(r).to_f64(), weak(r).to_f64());
                        let num = r.pick(&DIMS);
                        let endpoint = r.flag();
                        if r.flag() {
                            let base = weak(r).to_f64();
                            (
                                Array::logspace_with(lo, hi, num, endpoint, base),
                                format!(
                                    "Array::logspace_with({lo:?}, {hi:?}, {num}, {endpoint}, {base:?})"
                                ),
                            )
                        } else {
                            (
                                Array::geomspace_with(lo, hi, num, endpoint),
                                format!("Array::geomspace_with({lo:?}, {hi:?}, {num}, {endpoint})"),
                            )
                        }
                    }
                    6 => {
                        let s = shape(r, 3, 1024);
                        (Array::indices(&s), format!("Array::indices(&{s:?})"))
                    }
                    _ => {
                        let n = if r.one_in(32) {
                            r.pick(&HUGE)
                        } else {
                            r.pick(&DIMS)
                        };
                        (Array::identity(n), format!("Array::identity({n})"))
                    }
                };
                self.push(a, d, &[], Tol::Exact);
            }
            43 => {
                // Evaluate early (later graphs read the memoized result), or two together.
                if r.flag() {
                    let e = self.top()?;
                    if e.cost <= EVAL_LIMIT {
                        self.check(&e)?;
                        self.log(format!("{}.eval();", e.name));
                    }
                } else {
                    let (x, y) = (self.pop()?, self.pop()?);
                    if x.cost <= EVAL_LIMIT && y.cost <= EVAL_LIMIT {
                        let refs = [
                            catch("eval_reference", || x.a.eval_reference())?,
                            catch("eval_reference", || y.a.eval_reference())?,
                        ];
                        let joint = catch("eval(&[..])", || lazyarray::eval(&[&x.a, &y.a]))?;
                        self.log(format!("lazyarray::eval(&[&{}, &{}]);", x.name, y.name));
                        let fast = |i: usize| match &joint {
                            Ok(v) => Ok(v[i].clone()),
                            Err(e) => Err(e.clone()),
                        };
                        let entries = [&x, &y];
                        let failing: Vec<usize> = (0..2).filter(|&i| refs[i].is_err()).collect();
                        let with = |m: String| format!("{m} (evaluated together with {})", y.name);
                        if failing.is_empty() {
                            // Both succeed, each equal to its reference.
                            for i in 0..2 {
                                self.judge(entries[i], &fast(i), &refs[i]).map_err(with)?;
                            }
                        } else {
                            // Evaluated together they fail together: like one of the failing
                            // references.
                            let mut last = Ok(None);
                            for &i in &failing {
                                last = self.judge(entries[i], &fast(i), &refs[i]);
                                if last.is_ok() {
                                    break;
                                }
                            }
                            last.map_err(with)?;
                        }
                    }
                    self.stack.push(y);
                    self.stack.push(x);
                }
            }
            // ---- statistics (appended: the opcodes above decode as before)
            _ => {
                let x = self.pop()?;
                let n = x.a.ndim();
                match r.byte() % 4 {
                    0 => {
                        let op = r.pick(&REDS[7..]);
                        let how = match r.byte() % 3 {
                            0 => How::All,
                            1 => How::One(axis(r, n)),
                            _ => How::Many(axes(r, n), r.flag()),
                        };
                        let tamed = !r.one_in(3) && x.a.dtype() != DType::Bool;
                        let (input, d) = if tamed {
                            (
                                tame(&x.a, matches!(op, Red::NanProd)),
                                format!("tame({})", x.name),
                            )
                        } else {
                            (x.a.clone(), x.name.clone())
                        };
                        let a = reduce(op, &input, &how);
                        let tol = statistic_tol(op, &input, &a, &how, tamed);
                        self.push(a, format!("{op:?}({d}, {how:?})"), &[&x], tol);
                    }
                    1 => {
                        let (prod, nan) = (r.flag(), r.flag());
                        let input = if x.a.dtype().is_float() {
                            tame(&x.a, prod)
                        } else {
                            x.a.clone()
                        };
                        let k = axis(r, n);
                        let a = match (prod, nan) {
                            (true, false) => input.cumprod(k),
                            (true, true) => input.nancumprod(k),
                            (false, _) => input.nancumsum(k),
                        };
                        let d = format!("tame({}).cum(prod={prod}, nan={nan}, {k})", x.name);
                        // Running products of integers wrap the same in any order; floats
                        // are floored into [-1, 1] and stay exact.
                        self.push(a, d, &[&x], Tol::Exact);
                    }
                    2 => {
                        let order = r.byte() as usize % 4;
                        let k = axis(r, n);
                        let edge = |r: &mut Reader, m: &mut Machine| -> Option<Array> {
                            match r.byte() % 4 {
                                0 => Some(Array::scalar(f64::from(r.byte()) - 128.0)),
                                1 => m.stack.last().map(|e| e.a.clone()),
                                _ => None,
                            }
                        };
                        let (pre, app) = (edge(r, self), edge(r, self));
                        let a = x.a.diff_with(order, k, pre.as_ref(), app.as_ref());
                        let d = format!("{}.diff_with({order}, {k}, ..)", x.name);
                        let inputs = match (&pre, &app) {
                            (None, None) => vec![x.clone()],
                            _ => match self.stack.last() {
                                Some(e) => vec![x.clone(), e.clone()],
                                None => vec![x.clone()],
                            },
                        };
                        let refs: Vec<&Entry> = inputs.iter().collect();
                        self.push(a, d, &refs, Tol::Exact);
                    }
                    _ => {
                        let ax = if r.one_in(3) { None } else { Some(axis(r, n)) };
                        let keep = r.flag();
                        match r.byte() % 3 {
                            0 => {
                                // Evaluates the NaN test when built: small inputs only.
                                if x.cost > EVAL_LIMIT {
                                    self.stack.push(x);
                                    return Ok(());
                                }
                                let max = r.flag();
                                let a = if max {
                                    x.a.nanargmax_with(ax, keep)
                                } else {
                                    x.a.nanargmin_with(ax, keep)
                                };
                                let tol = if x.a.dtype().is_float() {
                                    let axis = ax.and_then(|k| {
                                        let k = if k < 0 { k.checked_add(n as isize)? } else { k };
                                        (0..n as isize).contains(&k).then_some(k as usize)
                                    });
                                    Tol::ArgTie {
                                        input: x.a.clone(),
                                        axis,
                                    }
                                } else {
                                    Tol::Exact
                                };
                                let d = format!("{}.nanarg(max={max}, {ax:?}, {keep})", x.name);
                                self.push(a, d, &[&x], tol);
                            }
                            1 => {
                                let ddof = f64::from(r.byte() % 4);
                                let axes: Option<Vec<isize>> = ax.map(|k| vec![k]);
                                let std = r.flag();
                                let input = tame(&x.a, false);
                                let a = if std {
                                    input.std_with(axes.as_deref(), ddof, keep)
                                } else {
                                    input.var_with(axes.as_deref(), ddof, keep)
                                };
                                let how = match &axes {
                                    None => How::All,
                                    Some(a) => How::Many(a.clone(), keep),
                                };
                                let op = if std { Red::Std } else { Red::Var };
                                let tol = statistic_tol(op, &input, &a, &how, true);
                                let d = format!(
                                    "tame({}).var(std={std}, {axes:?}, ddof={ddof}, {keep})",
                                    x.name
                                );
                                self.push(a, d, &[&x], tol);
                            }
                            _ => {
                                // Weights: the array under it (evaluated when built: small).
                                let w = match self.stack.last() {
                                    Some(e) if e.cost <= EVAL_LIMIT && x.cost <= EVAL_LIMIT => {
                                        e.clone()
                                    }
                                    _ => {
                                        self.stack.push(x);
                                        return Ok(());
                                    }
                                };
                                let axes: Option<Vec<isize>> = ax.map(|k| vec![k]);
                                let (xt, wt) = (tame(&x.a, false), tame(&w.a, false));
                                let a = xt.average_with(axes.as_deref(), Some(&wt), keep);
                                let d = format!(
                                    "average(tame({}), {axes:?}, weights=tame({}), {keep})",
                                    x.name, w.name
                                );
                                // A sum of products over a sum of weights: loose for floats.
                                let tol = if a.dtype().is_float() {
                                    Tol::Loose
                                } else {
                                    Tol::Exact
                                };
                                self.push(a, d, &[&x, &w], tol);
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// Runs the program `bytes`; `Err` describes the first failed check, with the program's trace.
pub fn run_program(bytes: &[u8]) -> Result<(), String> {
    bump(&STATS.programs);
    let trace = RefCell::new(Vec::new());
    let outcome = catch_known("the program", || {
        let mut m = Machine {
            stack: Vec::new(),
            trace: &trace,
            next: 0,
            keep: bytes.len().is_multiple_of(2).then(Vec::new),
            seen: Vec::new(),
            witnesses: Vec::new(),
        };
        let mut r = Reader { bytes, pos: 0 };
        let mut steps = 0;
        while !r.done() && steps < MAX_STEPS {
            m.step(&mut r)?;
            steps += 1;
            bump(&STATS.steps);
        }
        // Everything left on the stack, top first.
        while let Some(e) = m.stack.pop() {
            m.check(&e)?;
        }
        // Arrays evaluated earlier still hold their values.
        for (name, a, values) in &m.seen {
            let now = catch("re-reading", || bits(a))?
                .map_err(|x| format!("{name}: re-reading an evaluated array failed: {x}"))?;
            if let Some(i) = (0..now.len().min(values.len()))
                .find(|&i| !same_value(a.dtype(), now[i], values[i]))
            {
                return Err(format!(
                    "{name}: element {i} changed after later evaluations: {} then {} ({})",
                    as_f64(a.dtype(), values[i]),
                    as_f64(a.dtype(), now[i]),
                    a.dtype()
                ));
            }
        }
        // Every input is as it was made: files byte-identical, values unchanged.
        catch("checking the inputs", || inputs::verify_all(&m.witnesses))?
            .map_err(|e| format!("an input changed: {e}"))?;
        Ok(())
    });
    match outcome.and_then(|r| r.unwrap_or(Ok(()))) {
        Ok(()) => Ok(()),
        Err(m) => Err(format!(
            "{m}\nprogram ({} bytes: {bytes:?}):\n  {}",
            bytes.len(),
            trace.borrow().join("\n  ")
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// The proptest driver (the libFuzzer driver is `fuzz/fuzz_targets/api.rs`)
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod driver {
    use super::*;
    use proptest::collection::vec;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    /// Arbitrary programs: no panic, typed errors, the same results as the reference.
    /// `PROPTEST_CASES` sets the number of programs ([`DEFAULT_CASES`] by default).
    #[test]
    fn arbitrary_programs_match_the_reference() {
        let cases = std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(DEFAULT_CASES);
        let config = Config {
            cases,
            failure_persistence: None,
            max_shrink_iters: 4096,
            ..Config::default()
        };
        let trace = std::env::var_os("FUZZ_TRACE").is_some();
        // Panics are caught and reported as failures (with where they happened).
        let default_hook = std::panic::take_hook();
        install_panic_hook();
        let mut runner = TestRunner::new(config);
        let result = runner.run(&vec(any::<u8>(), 0..512), |bytes| {
            if trace {
                eprintln!("program: {bytes:?}");
            }
            run_program(&bytes).map_err(TestCaseError::fail)
        });
        std::panic::set_hook(default_hook);
        if std::env::var_os("FUZZ_STATS").is_some() {
            eprintln!("fuzz_api: {}", STATS.summary());
        }
        if let Err(e) = result {
            panic!("{e}");
        }
    }

    /// Every input libFuzzer saved as a crash or slow unit (`tests/fuzz_regressions/`, copied
    /// from `fuzz/artifacts/api/`) runs clean now.
    #[test]
    fn saved_fuzzer_findings_run_clean() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("tests/fuzz_regressions")
            .map(|e| e.expect("an entry").path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no saved findings in {}", dir.display());
        let default_hook = std::panic::take_hook();
        install_panic_hook();
        let outcomes: Vec<(String, Result<(), String>)> = files
            .iter()
            .map(|f| {
                let bytes = std::fs::read(f).expect("a saved input");
                EXTENDED_USED.with(|c| c.set(0));
                let outcome = run_program(&bytes);
                // Recorded before the opcodes past NOPS existed: none may decode to one.
                let extended = EXTENDED_USED.with(|c| c.get());
                let outcome = outcome.and_then(|()| match extended {
                    0 => Ok(()),
                    k => Err(format!("{k} opcode bytes decode to opcodes added since")),
                });
                (f.display().to_string(), outcome)
            })
            .collect();
        std::panic::set_hook(default_hook);
        for (file, outcome) in outcomes {
            if let Err(e) = outcome {
                panic!("{file}: {e}");
            }
        }
    }

    /// The checker can fail: a panic, an internal error, a wrong value and an error on one
    /// path only are all reported.
    #[test]
    fn the_checks_can_fail() {
        assert!(catch("x", || panic!("boom")).is_err());
        let m = RefCell::new(Vec::new());
        let mut machine = Machine {
            stack: Vec::new(),
            trace: &m,
            next: 0,
            keep: None,
            seen: Vec::new(),
            witnesses: Vec::new(),
        };
        let a = Array::from_vec(vec![1.0f64, f64::NAN, -0.0], &[3]);
        let b = Array::from_vec(vec![1.0f64, f64::NAN, 0.0], &[3]);
        let e = |a: &Array, tol: Tol| Entry {
            a: a.clone(),
            name: "t".into(),
            cost: 3,
            tol,
        };
        assert!(compare_values(&e(&a, Tol::Exact), &a, &a).is_ok());
        assert!(compare_values(&e(&a, Tol::Exact), &a, &b).is_err());
        assert!(compare_values(&e(&a, Tol::ZeroTie), &a, &b).is_ok());
        let c = Array::from_vec(vec![1.0f64 + 4e-16, f64::NAN, 0.0], &[3]);
        let bound = Array::from_vec(vec![1.0f64, 1.0, 1.0], &[3]);
        assert!(
            compare_values(
                &e(
                    &a,
                    Tol::Sum {
                        bound: bound.clone(),
                        n: 2
                    }
                ),
                &c,
                &b
            )
            .is_ok()
        );
        assert!(
            compare_values(
                &e(
                    &a,
                    Tol::Sum {
                        bound: bound * 1e-6,
                        n: 2
                    }
                ),
                &c,
                &b
            )
            .is_err()
        );
        assert!(compare_values(&e(&a, Tol::Ulps(4)), &c, &b).is_ok());
        assert!(compare_values(&e(&a, Tol::Ulps(1)), &a, &c).is_err());
        // An internal error is refused.
        let err = Array::from_vec(vec![1i64], &[2])
            .error()
            .cloned()
            .expect("a build error");
        assert!(typed(&err, "t").is_ok());
        let internal = Error::Internal(err.context().clone());
        assert!(typed(&internal, "t").is_err());
        // Paths that disagree fail: one error and one value, two different errors, other
        // values; paths that agree pass.
        let x = Array::from_vec(vec![1.0f64, 2.0], &[2]);
        let ex = e(&x, Tol::Exact);
        let shape_err = Err(err.clone());
        let index_err = x.take(&Array::from_vec(vec![5i64], &[1]), 0).eval();
        assert!(matches!(index_err, Err(Error::Index(_))));
        assert!(machine.judge(&ex, &Ok(x.clone()), &shape_err).is_err());
        assert!(machine.judge(&ex, &shape_err, &Ok(x.clone())).is_err());
        assert!(machine.judge(&ex, &index_err, &shape_err).is_err());
        assert!(
            machine
                .judge(&ex, &Ok(x.clone()), &Ok(x.clone() + 1.0))
                .is_err()
        );
        assert!(machine.judge(&ex, &shape_err, &shape_err).is_ok());
        assert!(machine.judge(&ex, &Ok(x.clone()), &Ok(x.clone())).is_ok());
        let oob = x.take(&Array::from_vec(vec![5i64], &[1]), 0);
        assert!(machine.check(&e(&oob, Tol::Exact)).is_ok());
        assert!(run_program(&[]).is_ok());
        assert!(run_program(&[0, 1, 2, 3, 12, 1, 1, 0, 0]).is_ok());
    }
}

// ---------------------------------------------------------------------------------------------
// Regressions: minimal reproductions of what this fuzzer found
// ---------------------------------------------------------------------------------------------

/// A length-1 axis may have any stride (it is never stepped), and `as_strided` accepts
/// `isize::MAX`. When the view needs a kernel (here over a broadcast), the executor turned the
/// element stride into a byte stride with `s as i64 * itemsize`, which overflowed: a panic
/// ("attempt to multiply with overflow", `src/runtime/executor.rs`) in builds with overflow
/// checks. Fixed in d486198 (found there independently).
#[test]
fn regression_unit_extent_with_huge_stride_does_not_overflow() {
    let v = Array::from_vec(vec![0i64, 1, 2], &[3])
        .broadcast_to(&[2, 3])
        .as_strided(&[1], &[isize::MAX], 0);
    assert_eq!(v.eval_reference().unwrap().to_vec::<i64>().unwrap(), [0]);
    assert_eq!(v.to_vec::<i64>().unwrap(), [0]);
}

/// A graph with two errors: NumPy, evaluating eagerly, raises the one built first (the power
/// here). The compiled path does; the reference evaluator reports the error of its first
/// operand's subtree instead (the take, built second). (The converse — the compiled path
/// reporting a take before an earlier power — is `regression_first_error_in_program_order` in
/// `tests/differential.rs`.) Fixed: the reference evaluates nodes in the order they were built.
#[test]
fn regression_reference_reports_the_first_error_in_program_order() {
    let x = Array::from_vec(vec![2i64, 3], &[2]);
    let p = x.pow(-1i64); // NumPy raises here
    let t = x.take(&Array::from_vec(vec![5i64], &[1]), 0);
    let a = &t | &p;
    let fast = a.eval().map(|_| ()).expect_err("eval raises");
    assert!(matches!(fast, Error::DType(_)), "{fast}");
    let reference = a
        .eval_reference()
        .map(|_| ())
        .expect_err("the reference raises");
    assert!(matches!(reference, Error::DType(_)), "{reference}");
}

/// Reading a view whose length-1 axis has a huge stride (any stride is valid there, and
/// `as_strided` accepts it) overflows in `View::offsets` (`ir/src/view.rs`, "attempt to add
/// with overflow") in builds with overflow checks: the odometer adds the stride of the axis it
/// never steps. `eval` and `to_vec` panic; release builds wrap back harmlessly. Fixed: the
/// odometer only ever passes through the view's own elements.
#[test]
fn regression_reading_a_unit_extent_view_with_a_huge_stride() {
    let base = Array::arange(0.0f32, 8.0, 1.0).eval().expect("eval");
    let v = base.as_strided(&[1, 2], &[isize::MAX, -1], 1);
    assert_eq!(
        v.eval_reference()
            .and_then(|r| r.to_vec::<f32>())
            .expect("reference"),
        [1.0, 0.0]
    );
    assert_eq!(v.to_vec::<f32>().expect("eval"), [1.0, 0.0]);
}

/// The reference evaluator's `repeat` builds its index map (`extent * repeats` entries) before
/// looking at the result's size: `zeros([0, 2]).repeat(2^40, axis 1)` is empty (`eval` gives the
/// empty `[0, 2^41]` array) but the reference asks for 8 TiB and the process aborts ("memory
/// allocation of 8796093022208 bytes failed"), which no caller can catch. Run in a child
/// process. Fixed: a uniform count divides instead of building a map.
#[test]
fn regression_reference_repeat_of_an_empty_result_does_not_abort() {
    const NAME: &str = "regression_reference_repeat_of_an_empty_result_does_not_abort";
    if std::env::var_os("FUZZ_API_CHILD").is_some() {
        let r = Array::zeros(&[0, 2]).repeat(1 << 40, Some(1));
        assert_eq!(r.eval().expect("eval").shape(), &[0, 1 << 41]);
        let v = r.eval_reference().expect("the reference");
        assert_eq!(v.shape(), &[0, 1 << 41]);
        return;
    }
    let exe = std::env::current_exe().expect("the test binary");
    let out = std::process::Command::new(exe)
        .args(["--exact", NAME, "--nocapture"])
        .env("FUZZ_API_CHILD", "1")
        .output()
        .expect("run the child");
    assert!(
        out.status.success(),
        "the child failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}
