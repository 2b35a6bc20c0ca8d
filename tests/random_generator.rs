//! `lazyarray::random::Generator` against NumPy's `np.random.default_rng`: every method's output
//! for several seeds and dtypes bit for bit (the `.npy` files `tests/golden/random/generate.py`
//! wrote with NumPy), a sequence of calls of different methods on one generator, split calls
//! against one call, and NumPy's errors (raised before anything is drawn).

mod common;

use common::bits::bits;
use lazyarray::random::Generator;
use lazyarray::{Array, DType, Error, npy};
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/random")
}

/// The seeds of `generate.py`: the first gets the longer draws.
const SEEDS: [u64; 4] = [0, 42, 12345, 0xDEAD_BEEF_CAFE_F00D];

/// `generate.py`'s CASES, by name: `n` is the case's length for the first seed (the others get
/// `n / 2`).
type Draw = fn(&mut Generator, usize) -> Array;
const CASES: &[(&str, usize, Draw)] = &[
    ("random_f64", 1000, |r, n| r.random(&[n])),
    ("random_f32", 1001, |r, n| r.random_with(&[n], DType::F32)),
    ("random_2d", 400, |r, n| r.random(&[n / 100, 7])),
    ("integers_small", 500, |r, n| r.integers(0, 100, &[n])),
    ("integers_negative", 300, |r, n| r.integers(-7, 3, &[n])),
    ("integers_wide", 300, |r, n| {
        r.integers(-(1 << 62), 1 << 62, &[n])
    }),
    ("integers_2pow32", 100, |r, n| r.integers(0, 1 << 32, &[n])),
    ("integers_full_endpoint", 200, |r, n| {
        r.integers_with(i64::MIN, i64::MAX, &[n], DType::I64, true)
    }),
    ("integers_i32", 1000, |r, n| {
        r.integers_with(-1000, 1000, &[n], DType::I32, false)
    }),
    ("integers_i32_full_endpoint", 200, |r, n| {
        r.integers_with(i32::MIN, i32::MAX, &[n], DType::I32, true)
    }),
    ("integers_bool", 1000, |r, n| {
        r.integers_with(0, 2, &[n], DType::Bool, false)
    }),
    ("integers_i8", 500, |r, n| {
        r.integers_with(-100, 100, &[n], DType::I8, false)
    }),
    ("integers_u8_full", 500, |r, n| {
        r.integers_with(0, 256, &[n], DType::U8, false)
    }),
    ("integers_i16", 500, |r, n| {
        r.integers_with(-3000, 20000, &[n], DType::I16, false)
    }),
    ("integers_u16", 500, |r, n| {
        r.integers_with(7, 60000, &[n], DType::U16, false)
    }),
    ("integers_u32", 300, |r, n| {
        r.integers_with(0, 1u64 << 32, &[n], DType::U32, false)
    }),
    ("integers_u64_high", 300, |r, n| {
        r.integers_with(1u64 << 63, u64::MAX - 4, &[n], DType::U64, false)
    }),
    ("uniform", 500, |r, n| r.uniform(-3.0, 5.0, &[n])),
    ("standard_normal", 3000, |r, n| r.standard_normal(&[n])),
    ("standard_normal_f32", 3000, |r, n| {
        r.standard_normal_with(&[n], DType::F32)
    }),
    ("normal", 300, |r, n| r.normal(1.5, 2.5, &[n])),
    ("exponential", 1000, |r, n| r.exponential(2.0, &[n])),
    ("standard_exponential_f32", 1000, |r, n| {
        r.standard_exponential_with(&[n], DType::F32)
    }),
    ("choice_replace", 300, |r, n| r.choice(1000, &[n], true)),
    ("choice_floyd", 200, |r, n| r.choice(1000, &[n], false)),
    ("choice_tail_shuffle", 500, |r, n| {
        r.choice(20000, &[n], false)
    }),
    ("choice_all", 64, |r, n| r.choice(n, &[n], false)),
    ("choice_rows", 16, |r, n| {
        r.choice(&rows(), &[n / 4, 5], true)
    }),
    ("permutation", 300, |r, n| r.permutation(n)),
    ("permutation_rows", 0, |r, _| r.permutation(&matrix())),
    ("shuffle_rows", 0, |r, _| r.shuffle(&pairs())),
];

/// `np.arange(150.0).reshape(50, 3) * 0.5`.
fn rows() -> Array {
    Array::from_vec((0..150).map(|i| f64::from(i) * 0.5).collect(), &[50, 3])
}

/// `np.arange(120).reshape(30, 4)`.
fn matrix() -> Array {
    Array::from_vec((0..120i64).collect(), &[30, 4])
}

/// `np.arange(50, dtype=np.float32).reshape(25, 2)`.
fn pairs() -> Array {
    Array::from_vec((0..50).map(|i| i as f32).collect(), &[25, 2])
}

/// Asserts `got` is NumPy's array in `file` exactly: dtype, shape and every bit.
#[track_caller]
fn assert_numpy(got: &Array, file: &str) {
    let want = npy::load(dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert_eq!(got.dtype(), want.dtype(), "{file}: dtype");
    assert_eq!(got.shape(), want.shape(), "{file}: shape");
    let (g, w) = (bits(got), bits(&want));
    if let Some(i) = (0..g.len()).find(|&i| g[i] != w[i]) {
        panic!(
            "{file}: element {i} of {} differs: {:#x} here, {:#x} in NumPy",
            g.len(),
            g[i],
            w[i]
        );
    }
}

#[test]
fn every_method_matches_numpy_for_every_seed() {
    for (k, &seed) in SEEDS.iter().enumerate() {
        for &(name, n, draw) in CASES {
            let n = if k == 0 { n } else { n / 2 };
            let got = draw(&mut Generator::new(seed), n);
            assert_numpy(&got, &format!("{seed}_{name}.npy"));
        }
    }
    // Every file generate.py wrote is checked (the lists agree).
    let files = std::fs::read_dir(dir())
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_string_lossy();
            name.ends_with(".npy") && !name.starts_with("seq_")
        })
        .count();
    assert_eq!(files, SEEDS.len() * CASES.len());
}

/// `generate.py`'s SEQUENCE: one generator through calls of different methods, some leaving a
/// pending 32-bit half for the next 32-bit draw.
#[test]
fn interleaved_methods_advance_the_state_as_numpy() {
    let mut r = Generator::new(7);
    let seq: Vec<(&str, Array)> = vec![
        ("random_f32", r.random_with(&[3], DType::F32)),
        ("standard_normal", r.standard_normal(&[5])),
        (
            "integers_i32",
            r.integers_with(0, 10, &[3], DType::I32, false),
        ),
        ("random_f32", r.random_with(&[1], DType::F32)),
        ("integers_wide", r.integers(0, 1 << 40, &[2])),
        (
            "standard_normal_f32",
            r.standard_normal_with(&[3], DType::F32),
        ),
        ("choice_floyd", r.choice(50, &[7], false)),
        ("permutation", r.permutation(9)),
        (
            "integers_bool",
            r.integers_with(0, 2, &[5], DType::Bool, false),
        ),
        ("random_f64", r.random(&[2])),
        (
            "standard_exponential_f32",
            r.standard_exponential_with(&[3], DType::F32),
        ),
        ("exponential", r.exponential(1.0, &[4])),
        ("uniform", r.uniform(0.0, 1.0, &[1])),
        ("choice_replace", r.choice(10, &[3], true)),
        ("random_f32", r.random_with(&[1], DType::F32)),
    ];
    for (k, (name, got)) in seq.iter().enumerate() {
        assert_numpy(got, &format!("seq_{k:02}_{name}.npy"));
    }
}

/// Two calls of `a` and `b` values give the values of one call of `a + b` for every method
/// whose NumPy form keeps no buffer of its own between calls (the pending 32-bit half lives in
/// the bit generator, so odd float32 counts split anywhere too).
#[test]
fn split_calls_continue_the_stream() {
    type Fill = fn(&mut Generator, usize) -> Array;
    let methods: &[(&str, Fill)] = &[
        ("random", |r, n| r.random(&[n])),
        ("random f32", |r, n| r.random_with(&[n], DType::F32)),
        ("integers", |r, n| r.integers(-5, 1000, &[n])),
        ("integers i32", |r, n| {
            r.integers_with(0, 7, &[n], DType::I32, false)
        }),
        ("integers wide", |r, n| r.integers(0, 1 << 50, &[n])),
        ("uniform", |r, n| r.uniform(2.0, 3.0, &[n])),
        ("standard_normal", |r, n| r.standard_normal(&[n])),
        ("standard_normal f32", |r, n| {
            r.standard_normal_with(&[n], DType::F32)
        }),
        ("normal", |r, n| r.normal(-1.0, 0.5, &[n])),
        ("exponential", |r, n| r.exponential(3.0, &[n])),
        ("standard_exponential f32", |r, n| {
            r.standard_exponential_with(&[n], DType::F32)
        }),
        ("choice", |r, n| r.choice(77, &[n], true)),
    ];
    for &(name, fill) in methods {
        for (a, b) in [(500, 500), (333, 667), (1, 999)] {
            let whole = bits(&fill(&mut Generator::new(3), a + b));
            let mut r = Generator::new(3);
            let mut parts = bits(&fill(&mut r, a));
            parts.extend(bits(&fill(&mut r, b)));
            assert_eq!(parts, whole, "{name}: {a} + {b}");
        }
    }
}

/// NumPy keeps the bits of one 32-bit draw for the booleans of one call only (the buffer of
/// its `random_bounded_bool_fill` is local), so a split call differs from one call, as here:
/// `r = default_rng(3); r.integers(0, 2, 5, dtype=bool); r.integers(0, 2, 5, dtype=bool)`
/// against `default_rng(3).integers(0, 2, 10, dtype=bool)`. The 32-bit draw itself is half of a
/// 64-bit output, whose other half the next 32-bit consumer gets.
#[test]
fn booleans_are_buffered_within_one_call_only() {
    let flags = |a: &Array| a.to_vec::<bool>().unwrap();
    let mut r = Generator::new(3);
    let first = r.integers_with(0, 2, &[5], DType::Bool, false);
    let second = r.integers_with(0, 2, &[5], DType::Bool, false);
    assert_eq!(flags(&first), [false, false, false, true, true]);
    assert_eq!(flags(&second), [true, true, false, false, true]);
    let whole = Generator::new(3).integers_with(0, 2, &[10], DType::Bool, false);
    let ones = [
        false, false, false, true, true, true, true, true, false, true,
    ];
    assert_eq!(flags(&whole), ones);
    // `r.integers(0, 2, 5, dtype=bool); r.random(1, dtype=np.float32).view(np.uint32)`.
    let mut r = Generator::new(3);
    let _ = r.integers_with(0, 2, &[5], DType::Bool, false);
    let f = r.random_with(&[1], DType::F32).to_vec::<f32>().unwrap();
    assert_eq!(f[0].to_bits(), 1_034_905_808);
}

/// The value error, its message, and that nothing was drawn: the next draw is a fresh
/// generator's first.
#[track_caller]
fn assert_value_error(call: impl FnOnce(&mut Generator) -> Array, words: &str) {
    let mut r = Generator::new(11);
    let a = call(&mut r);
    match a.check() {
        Err(Error::Value(c)) => {
            assert!(c.message.contains(words), "{}", c.message);
            assert!(
                c.location.file().ends_with("random_generator.rs"),
                "{}",
                c.location
            );
        }
        other => panic!("expected a Value error with {words:?}, got {other:?}"),
    }
    assert_eq!(
        bits(&r.random(&[3])),
        bits(&Generator::new(11).random(&[3]))
    );
}

#[test]
fn bad_arguments_are_numpys_value_errors() {
    assert_value_error(|r| r.integers(5, 5, &[3]), "low >= high");
    assert_value_error(|r| r.integers(0, 0, &[3]), "high <= 0");
    assert_value_error(
        |r| r.integers_with(0, -1, &[3], DType::I64, true),
        "high < 0",
    );
    assert_value_error(
        |r| r.integers_with(5, 4, &[3], DType::I64, true),
        "low > high",
    );
    assert_value_error(
        |r| r.integers_with(i64::from(i32::MIN) - 1, 0, &[3], DType::I32, false),
        "low is out of bounds for int32",
    );
    assert_value_error(
        |r| r.integers_with(0, i128::from(i64::MAX) + 2, &[3], DType::I64, false),
        "high is out of bounds for int64",
    );
    assert_value_error(
        |r| r.integers_with(0, 3, &[3], DType::Bool, false),
        "high is out of bounds for bool",
    );
    // Bounds far outside any dtype are errors, not overflows.
    assert_value_error(
        |r| r.integers_with(0, i128::MIN, &[3], DType::I64, false),
        "high <= 0",
    );
    assert_value_error(
        |r| r.integers_with(i128::MAX, i128::MAX, &[3], DType::I64, true),
        "high is out of bounds for int64",
    );
    assert_value_error(|r| r.uniform(1.0, 0.0, &[3]), "high - low < 0");
    assert_value_error(
        |r| r.uniform(0.0, f64::INFINITY, &[3]),
        "high - low range exceeds valid bounds",
    );
    assert_value_error(|r| r.normal(0.0, -1.0, &[3]), "scale < 0");
    assert_value_error(|r| r.exponential(-0.0, &[3]), "scale < 0");
    assert_value_error(
        |r| r.choice(3, &[4], false),
        "Cannot take a larger sample than population when replace is False",
    );
    assert_value_error(
        |r| r.choice(0, &[1], true),
        "a must be a positive integer unless no samples are taken",
    );
    assert_value_error(
        |r| r.choice(&Array::zeros(&[0, 2]), &[1], true),
        "a cannot be empty unless no samples are taken",
    );
}

#[test]
fn other_mistakes_are_typed_errors_and_draw_nothing() {
    let mut r = Generator::new(5);
    assert!(matches!(
        r.random_with(&[2], DType::I64).check(),
        Err(Error::DType(_))
    ));
    assert!(matches!(
        r.integers_with(0, 5, &[2], DType::F64, false).check(),
        Err(Error::DType(_))
    ));
    assert!(matches!(
        r.standard_normal_with(&[2], DType::I32).check(),
        Err(Error::DType(_))
    ));
    assert!(matches!(
        r.shuffle(&Array::scalar(1.0)).check(),
        Err(Error::Axis(_))
    ));
    assert!(matches!(
        r.permutation(&Array::scalar(1.0)).check(),
        Err(Error::Axis(_))
    ));
    assert!(matches!(
        r.random(&[usize::MAX, 4]).check(),
        Err(Error::Shape(_))
    ));
    // An input that carries an error passes it on.
    let bad = Array::zeros(&[2, 3]).reshape(&[4, 4]);
    assert!(matches!(r.shuffle(&bad).check(), Err(Error::Shape(_))));
    assert!(matches!(
        r.choice(&bad, &[2], true).check(),
        Err(Error::Shape(_))
    ));
    assert_eq!(bits(&r.random(&[3])), bits(&Generator::new(5).random(&[3])));
}

/// NumPy draws nothing and checks no bounds for an empty `size` (`rng.integers(5, 5, 0)` is
/// `array([], dtype=int64)`), and `choice` of nothing from nothing is empty.
#[test]
fn empty_draws_are_empty_and_draw_nothing() {
    let mut r = Generator::new(9);
    let e = r.integers(5, 5, &[0, 3]);
    assert_eq!(e.shape(), &[0, 3]);
    assert_eq!(e.dtype(), DType::I64);
    assert_eq!(r.choice(0, &[0], false).shape(), &[0]);
    assert_eq!(r.choice(&Array::zeros(&[0]), &[0], true).shape(), &[0]);
    assert_eq!(r.standard_normal(&[4, 0]).shape(), &[4, 0]);
    assert_eq!(r.permutation(0).shape(), &[0]);
    assert_eq!(r.permutation(-3).shape(), &[0]);
    let empty_rows = Array::zeros(&[3, 0]);
    assert_eq!(r.shuffle(&empty_rows).shape(), &[3, 0]);
    assert_eq!(bits(&r.random(&[3])), bits(&Generator::new(9).random(&[3])));
}

/// A 0-d integer array is a population size, as in NumPy (`rng.choice(np.array(10), 4)`).
#[test]
fn a_zero_d_integer_array_is_a_population_size() {
    let a = Generator::new(1).choice(&Array::scalar(10i64), &[4], true);
    let n = Generator::new(1).choice(10, &[4], true);
    assert_eq!(bits(&a), bits(&n));
    let f = Generator::new(1).choice(&Array::scalar(10.0), &[4], true);
    assert!(matches!(f.check(), Err(Error::Value(_))));
}

/// `shuffle` and `permutation` return new arrays and leave their argument as it was.
#[test]
fn shuffles_leave_their_argument_unchanged() {
    let m = matrix();
    let before = bits(&m);
    let p = Generator::new(2).permutation(&m);
    let s = Generator::new(2).shuffle(&m);
    assert_eq!(bits(&p), bits(&s));
    assert_eq!(bits(&m), before);
    let mut rows: Vec<Vec<u64>> = bits(&p).chunks(4).map(<[u64]>::to_vec).collect();
    rows.sort();
    assert_eq!(rows.concat(), before);
}
