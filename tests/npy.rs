//! `.npy` files: round trips of every dtype, order and shape; NumPy's own files (fixtures written
//! by tests/fixtures/npy/make_fixtures.py, whose printed values are copied below); exchange
//! with a live NumPy when one is installed; every kind of bad file; memory mapping.

use lazyarray::{Array, DType, Element, Error, npy, s};
use proptest::prelude::*;
use std::fmt::Debug;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh path in the temporary directory, unique to this process and `name`.
fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("lazyarray-npy-{}-{name}", std::process::id()))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/npy")
        .join(name)
}

/// Equal elements, comparing floats by their `Debug` text (so -0.0 differs from 0.0 and NaN
/// equals NaN).
#[track_caller]
fn assert_elements<T: Element + Debug>(a: &Array, shape: &[usize], expected: &[T]) {
    assert_eq!(a.shape(), shape, "shape of {a:?}");
    assert_eq!(a.dtype(), T::DTYPE, "dtype of {a:?}");
    let got: Vec<T> = a.to_vec().unwrap_or_else(|e| panic!("to_vec: {e}"));
    assert_eq!(format!("{got:?}"), format!("{expected:?}"));
}

/// The header text of a `.npy` file's bytes.
fn header_text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(&bytes[10..bytes.len().min(200)]).into_owned()
}

/// Sample data with each dtype's awkward values first.
trait Sample: Element + Debug {
    fn sample(n: usize) -> Vec<Self>;
}

impl Sample for bool {
    fn sample(n: usize) -> Vec<bool> {
        (0..n).map(|i| i % 3 != 1).collect()
    }
}

impl Sample for i32 {
    fn sample(n: usize) -> Vec<i32> {
        let special = [i32::MIN, i32::MAX, -1, 0];
        (0..n)
            .map(|i| special.get(i).copied().unwrap_or(i as i32 * 7919 - 50_000))
            .collect()
    }
}

impl Sample for i64 {
    fn sample(n: usize) -> Vec<i64> {
        let special = [i64::MIN, i64::MAX, -1, 0];
        (0..n)
            .map(|i| special.get(i).copied().unwrap_or(i as i64 * -1_000_000_007))
            .collect()
    }
}

impl Sample for f32 {
    fn sample(n: usize) -> Vec<f32> {
        let special = [f32::NAN, -0.0, f32::INFINITY, f32::MIN_POSITIVE / 4.0];
        (0..n)
            .map(|i| special.get(i).copied().unwrap_or(i as f32 / 3.0 - 7.0))
            .collect()
    }
}

impl Sample for f64 {
    fn sample(n: usize) -> Vec<f64> {
        let special = [f64::NAN, -0.0, f64::NEG_INFINITY, 5e-324];
        (0..n)
            .map(|i| special.get(i).copied().unwrap_or(i as f64 / 3.0 - 7.0))
            .collect()
    }
}

const SHAPES: &[&[usize]] = &[&[], &[0], &[3, 0, 2], &[7], &[3, 4], &[2, 3, 4]];

/// Saves and loads (through a file and through bytes) C-order, Fortran-order and strided arrays
/// of every shape, and checks the elements survive.
fn round_trips<T: Sample>() {
    for (k, &shape) in SHAPES.iter().enumerate() {
        let n: usize = shape.iter().product();
        let data = T::sample(n);
        let reversed: Vec<usize> = shape.iter().rev().copied().collect();
        let c_order = Array::from_vec(data.clone(), shape);
        // Fortran order: the transpose of the data in C order with the shape reversed.
        let f_order = Array::from_vec(data, &reversed).t();
        let path = temp(&format!("round-trip-{}-{k}.npy", T::DTYPE));
        for a in [&c_order, &f_order] {
            let expected: Vec<T> = a.to_vec().unwrap();
            npy::save(&path, a).unwrap();
            assert_elements(&npy::load(&path).unwrap(), a.shape(), &expected);
            let bytes = npy::to_bytes(a).unwrap();
            assert_eq!(bytes, std::fs::read(&path).unwrap());
            assert_eq!(
                (bytes.len() - n * T::DTYPE.itemsize()) % 64,
                0,
                "data alignment"
            );
            assert_elements(&npy::from_bytes(&bytes).unwrap(), a.shape(), &expected);
        }
        std::fs::remove_file(&path).unwrap();
    }
    // A non-contiguous view (reversed, every other row) is written gathered in C order.
    let a = Array::from_vec(T::sample(24), &[4, 6]).slice(s![..;-2, 1..5]);
    let expected: Vec<T> = a.to_vec().unwrap();
    let bytes = npy::to_bytes(&a).unwrap();
    assert!(header_text(&bytes).contains("'fortran_order': False, 'shape': (2, 4), }"));
    assert_elements(&npy::from_bytes(&bytes).unwrap(), &[2, 4], &expected);
}

#[test]
fn every_dtype_round_trips_in_every_order_and_shape() {
    round_trips::<bool>();
    round_trips::<i32>();
    round_trips::<i64>();
    round_trips::<f32>();
    round_trips::<f64>();
}

#[test]
fn headers_are_the_ones_numpy_writes() {
    let a = Array::from_vec(vec![1.0f64, 2.0, 3.0], &[3]);
    let bytes = npy::to_bytes(&a).unwrap();
    assert_eq!(&bytes[..8], b"\x93NUMPY\x01\x00");
    assert_eq!(bytes.len(), 128 + 24);
    assert_eq!(
        header_text(&bytes[..128]).trim_end(),
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"
    );
    assert_eq!(bytes[127], b'\n');
    let zero_d = npy::to_bytes(&Array::scalar(true)).unwrap();
    assert!(
        header_text(&zero_d).starts_with("{'descr': '|b1', 'fortran_order': False, 'shape': (), }")
    );
    // A header too long for format 1.0's 16-bit length is written as 2.0.
    let long = Array::zeros(&[1; 22_000]).astype(DType::I32);
    let bytes = npy::to_bytes(&long).unwrap();
    assert_eq!(&bytes[6..8], &[2, 0]);
    assert_eq!(bytes.len() % 64, 4);
    assert_elements(&npy::from_bytes(&bytes).unwrap(), &[1; 22_000], &[0i32]);
}

#[test]
fn convenience_methods_save_and_load() {
    let path = temp("methods.npy");
    let a = Array::arange(0i64, 12, 1).reshape(&[3, 4]);
    a.save_npy(&path).unwrap();
    let b = Array::load_npy(&path).unwrap();
    assert_elements(&b, &[3, 4], &(0i64..12).collect::<Vec<_>>());
    std::fs::remove_file(&path).unwrap();
}

// ---- NumPy's files ---------------------------------------------------------------------------

#[test]
fn numpy_fixtures_load_with_their_values() {
    let load = |name: &str| npy::load(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_elements(
        &load("bool.npy"),
        &[2, 3],
        &[true, false, true, false, false, true],
    );
    assert_elements(
        &load("int32.npy"),
        &[3, 4],
        &[-21i32, -14, -7, 0, 7, 14, 21, 28, 35, 42, 49, 56],
    );
    assert_elements(&load("int64.npy"), &[5], &[i64::MIN, -1, 0, 1, i64::MAX]);
    assert_elements(
        &load("float32.npy"),
        &[2, 2],
        &[1.5f32, -0.0, f32::INFINITY, -3.25e-38],
    );
    let f64s: Vec<f64> = (0..24).map(|i| (i as f64 - 11.5) / 8.0).collect();
    assert_elements(&load("float64.npy"), &[2, 3, 4], &f64s);
    assert_elements(
        &load("float64_fortran.npy"),
        &[2, 3],
        &[0.0f64, 0.25, 0.5, 0.75, 1.0, 1.25],
    );
    assert_elements(
        &load("int32_fortran.npy"),
        &[2, 3, 4],
        &(0..24).collect::<Vec<i32>>(),
    );
    assert_elements(
        &load("bool_fortran.npy"),
        &[3, 2],
        &[true, false, true, true, false, true],
    );
    assert_elements(&load("float64_0d.npy"), &[], &[3.25f64]);
    assert_elements::<i64>(&load("int64_empty.npy"), &[0, 3], &[]);
    assert_elements(&load("float32_v2.npy"), &[3], &[0.5f32, 1.0, -2.0]);
    assert_elements(&load("int64_v3.npy"), &[2, 2], &[10i64, 20, 30, 40]);
}

#[test]
fn fortran_order_loads_as_a_view_and_saves_back_as_numpy_wrote_it() {
    for name in [
        "bool.npy",
        "int32.npy",
        "int64.npy",
        "float32.npy",
        "float64.npy",
        "float64_fortran.npy",
        "int32_fortran.npy",
        "bool_fortran.npy",
        "float64_0d.npy",
        "int64_empty.npy",
    ] {
        let original = std::fs::read(fixture(name)).unwrap();
        let a = npy::load(fixture(name)).unwrap();
        // Loaded as a (possibly transposed) view of the file's data: nothing to compute.
        assert!(a.is_materialized(), "{name}");
        assert_eq!(npy::to_bytes(&a).unwrap(), original, "{name} byte for byte");
    }
}

/// Runs `script` with python3 if NumPy is installed; `None` (after a note) if it is not.
fn python(script: &str, dir: &Path) -> Option<String> {
    let has_numpy = Command::new("python3")
        .args(["-c", "import numpy"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_numpy {
        println!("note: python3 with numpy is not available; skipping the live NumPy exchange");
        return None;
    }
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(dir)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "python failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(stdout)
}

/// The same arrays on both sides: `ARRAYS` in Python, `arrays()` in Rust.
const PY_ARRAYS: &str = r#"
import sys, os
import numpy as np
d = sys.argv[1]
x = np.arange(24)
ARRAYS = {
    "b": (x % 3 == 0).reshape(4, 6),
    "i4": (x.astype("<i4") * -3).reshape(2, 3, 4),
    "i8": x.astype("<i8") * 10**15,
    "f4": (x.astype("<f4") / 4).reshape(6, 4).T,
    "f8": np.array(2.5),
    "e": np.zeros((3, 0), dtype="<f8"),
}
"#;

fn arrays() -> Vec<(&'static str, Array)> {
    let x = || Array::arange(0i64, 24, 1);
    vec![
        ("b", (x() % 3i64).equal(0i64).reshape(&[4, 6])),
        ("i4", (x().astype(DType::I32) * -3i32).reshape(&[2, 3, 4])),
        ("i8", x() * 1_000_000_000_000_000i64),
        ("f4", (x().astype(DType::F32) / 4.0f32).reshape(&[6, 4]).t()),
        ("f8", Array::scalar(2.5f64)),
        ("e", Array::zeros(&[3, 0])),
    ]
}

#[test]
fn numpy_reads_what_lazyarray_writes_and_vice_versa() {
    let dir = temp("exchange");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, a) in arrays() {
        npy::save(dir.join(format!("lazy_{name}.npy")), &a).unwrap();
    }
    let script = format!(
        "{PY_ARRAYS}
for name, want in ARRAYS.items():
    got = np.load(os.path.join(d, 'lazy_' + name + '.npy'))
    assert got.dtype == want.dtype and got.shape == want.shape, (name, got.dtype, got.shape)
    assert np.array_equal(got, want), (name, got, want)
    np.save(os.path.join(d, 'np_' + name + '.npy'), want)
print('numpy checked', len(ARRAYS))
"
    );
    let Some(out) = python(&script, &dir) else {
        std::fs::remove_dir_all(&dir).unwrap();
        return;
    };
    assert!(out.contains("numpy checked 6"), "{out}");
    for (name, want) in arrays() {
        let got = npy::load(dir.join(format!("np_{name}.npy"))).unwrap();
        assert_eq!(got.shape(), want.shape(), "{name}");
        assert_eq!(got.dtype(), want.dtype(), "{name}");
        let equal = got.equal(&want).all().item::<bool>().unwrap();
        assert!(equal, "{name}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---- bad files ------------------------------------------------------------------------------

/// A `.npy` file of format 1.0 with `header` (padded as NumPy pads it) and `data`.
fn npy_bytes(header: &str, data: &[u8]) -> Vec<u8> {
    let mut text = header.to_string();
    while !(10 + text.len() + 1).is_multiple_of(64) {
        text.push(' ');
    }
    text.push('\n');
    let mut out = b"\x93NUMPY\x01\x00".to_vec();
    out.extend_from_slice(&(text.len() as u16).to_le_bytes());
    out.extend_from_slice(text.as_bytes());
    out.extend_from_slice(data);
    out
}

fn dict(descr: &str, shape: &str) -> String {
    format!("{{'descr': {descr}, 'fortran_order': False, 'shape': {shape}, }}")
}

/// The error `bytes` give, through `from_bytes` and through a file; checks it is an `Io` error
/// of `load_npy` located in this file, and returns its message.
#[track_caller]
fn load_error(bytes: &[u8]) -> String {
    let e = npy::from_bytes(bytes).expect_err("bad bytes must be refused");
    assert!(matches!(e, Error::Io(_)), "{e:?}");
    assert_eq!(e.context().op, "load_npy");
    assert!(e.context().location.file().ends_with("npy.rs"), "{e}");
    let path = temp(&format!("bad-{:x}.npy", hash(bytes)));
    std::fs::write(&path, bytes).unwrap();
    let from_file = npy::load(&path).expect_err("bad file must be refused");
    std::fs::remove_file(&path).unwrap();
    assert_eq!(
        from_file.message(),
        format!("{}: {}", path.display(), e.message())
    );
    e.message().to_string()
}

fn hash(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

#[track_caller]
fn assert_refused(bytes: &[u8], message_part: &str) {
    let message = load_error(bytes);
    assert!(
        message.contains(message_part),
        "{message:?} should contain {message_part:?}"
    );
}

#[test]
fn missing_and_unreadable_files_are_io_errors() {
    let missing = temp("does-not-exist.npy");
    let e = npy::load(&missing).unwrap_err();
    assert!(matches!(e, Error::Io(_)), "{e:?}");
    assert_eq!(e.context().op, "load_npy");
    assert!(e.message().contains("cannot open"), "{e}");
    assert!(e.message().contains("does-not-exist.npy"), "{e}");
    assert_eq!(e.context().location.file(), file!());
    let e = npy::load(std::env::temp_dir()).unwrap_err();
    assert!(matches!(e, Error::Io(_)), "a directory: {e:?}");
}

#[test]
fn bad_magic_and_versions_are_refused() {
    assert_refused(b"", "magic string");
    assert_refused(b"PK\x03\x04 a zip file, not .npy", "magic string");
    assert_refused(b"\x93NUMPZ\x01\x00\x00\x00", "magic string");
    let good = npy_bytes(&dict("'<f8'", "(1,)"), &[0; 8]);
    for version in [[0, 0], [1, 1], [4, 0], [255, 255]] {
        let mut bad = good.clone();
        bad[6..8].copy_from_slice(&version);
        let v = format!("version {}.{}", version[0], version[1]);
        assert_refused(&bad, &v);
    }
}

#[test]
fn truncated_headers_are_refused() {
    let good = npy_bytes(&dict("'<f8'", "(1,)"), &[0; 8]);
    for cut in [3, 6, 7, 8, 9, 10, 40, 127] {
        assert_refused(&good[..cut], "truncated");
    }
    let mut v2 = good.clone();
    v2[6] = 2; // format 2.0 reads a 4-byte length: here it is huge
    assert_refused(&v2, "the header is");
}

#[test]
fn bad_header_dicts_are_refused() {
    let data = [0u8; 8];
    for (header, part) in [
        ("not a dict", "bad header dict"),
        (
            "{'descr': '<f8', 'fortran_order': False}",
            "'shape' is missing",
        ),
        (
            "{'fortran_order': False, 'shape': (1,)}",
            "'descr' is missing",
        ),
        (
            "{'descr': '<f8', 'shape': (1,)}",
            "'fortran_order' is missing",
        ),
        (
            &dict("'<f8'", "(1,)").replace("}", "'extra': 1, }"),
            "unexpected key",
        ),
        (&dict("'<f8'", "[1]"), "not a tuple"),
        (&dict("'<f8'", "(-1,)"), "negative dimension"),
        (&dict("'<f8'", "(1.5,)"), "bad header dict"),
        (&dict("'<f8'", "('1',)"), "not an integer"),
        (&dict("8", "(1,)"), "not a string"),
        (
            "{'descr': '<f8', 'fortran_order': 0, 'shape': (1,), }",
            "not a bool",
        ),
        (
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1,",
            "bad header dict",
        ),
        (
            "{'descr: '<f8', 'fortran_order': False, 'shape': (1,), }",
            "bad header dict",
        ),
        (
            "{'descr': '<f8', 'fortran_order': Fals, 'shape': (1,), }",
            "bad header dict",
        ),
        ("\u{0}\u{1}\u{2}", "bad header dict"),
        ("", "bad header dict"),
    ] {
        assert_refused(&npy_bytes(header, &data), part);
    }
    let deep = format!(
        "{{'descr': '<f8', 'fortran_order': False, 'shape': {}",
        "(".repeat(5000)
    );
    assert_refused(&npy_bytes(&deep, &data), "nesting");
}

#[test]
fn unsupported_dtypes_and_big_endian_data_are_refused() {
    let data = [0u8; 16];
    assert_refused(
        &npy_bytes(&dict("'>f8'", "(1,)"), &data),
        "big-endian data is not supported",
    );
    assert_refused(
        &npy_bytes(&dict("'>i4'", "(1,)"), &data),
        "big-endian data is not supported",
    );
    for descr in [
        "'<c16'",
        "'<u16'",
        "'|O'",
        "'<U3'",
        "'|S5'",
        "'<f2'",
        "'<M8[ns]'",
    ] {
        assert_refused(&npy_bytes(&dict(descr, "(1,)"), &data), "unsupported dtype");
    }
    assert_refused(
        &npy_bytes(&dict("[('a', '<i4'), ('b', '<f8')]", "(1,)"), &data),
        "structured dtypes are not supported",
    );
    assert_refused(
        &npy_bytes(&dict("'>u2'", "(1,)"), &data),
        "big-endian data is not supported",
    );
    // One-byte bools and integers have no byte order.
    let big_bool = npy_bytes(&dict("'>b1'", "(2,)"), &[1, 0]);
    assert_elements(&npy::from_bytes(&big_bool).unwrap(), &[2], &[true, false]);
    let big_u8 = npy_bytes(&dict("'>u1'", "(2,)"), &[255, 7]);
    assert_elements(&npy::from_bytes(&big_u8).unwrap(), &[2], &[255u8, 7]);
    let i8_code = npy_bytes(&dict("'|i1'", "(2,)"), &[255, 7]);
    assert_elements(&npy::from_bytes(&i8_code).unwrap(), &[2], &[-1i8, 7]);
}

#[test]
fn short_data_and_overflowing_shapes_are_refused() {
    assert_refused(&npy_bytes(&dict("'<f8'", "(3, 4)"), &[0; 40]), "truncated");
    assert_refused(&npy_bytes(&dict("'<i4'", "(1,)"), &[0; 3]), "truncated");
    assert_refused(&npy_bytes(&dict("'|b1'", "()"), &[]), "truncated");
    // Huge shapes are refused from the header, before any allocation.
    assert_refused(
        &npy_bytes(&dict("'<f8'", "(1099511627776, 1099511627776)"), &[0; 8]),
        "shape overflow",
    );
    assert_refused(
        &npy_bytes(&dict("'<f8'", "(99999999999999999999999999,)"), &[0; 8]),
        "shape overflow",
    );
    assert_refused(
        &npy_bytes(&dict("'<f8'", "(1000000000000,)"), &[0; 8]),
        "truncated",
    );
    // Bytes past the data are ignored, as NumPy does.
    let longer = npy_bytes(&dict("'<i4'", "(1,)"), &[7, 0, 0, 0, 99]);
    assert_elements(&npy::from_bytes(&longer).unwrap(), &[1], &[7i32]);
}

#[test]
fn bool_bytes_other_than_0_and_1_are_refused() {
    assert_refused(
        &npy_bytes(&dict("'|b1'", "(4,)"), &[0, 1, 2, 1]),
        "invalid bool value 2 at element 2",
    );
    // Large bool files are read and checked too, never mapped.
    let mut data = vec![1u8; 2 << 20];
    data[(2 << 20) - 1] = 255;
    assert_refused(
        &npy_bytes(&dict("'|b1'", "(2097152,)"), &data),
        "invalid bool value 255",
    );
}

#[test]
fn save_errors_name_the_file_and_keep_array_errors() {
    let path = temp("no-such-dir").join("x.npy");
    let e = npy::save(&path, &Array::zeros(&[2])).unwrap_err();
    assert!(matches!(e, Error::Io(_)), "{e:?}");
    assert_eq!(e.context().op, "save_npy");
    assert!(e.message().contains("x.npy"), "{e}");
    assert_eq!(e.context().location.file(), file!());
    let bad = Array::zeros(&[2, 3]).reshape(&[4]);
    let e = npy::save(temp("never-written.npy"), &bad).unwrap_err();
    assert!(matches!(e, Error::Shape(_)), "{e:?}");
    assert!(!temp("never-written.npy").exists());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Random bytes never panic.
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = npy::from_bytes(&bytes);
        let mut with_magic = b"\x93NUMPY\x01\x00".to_vec();
        with_magic.extend_from_slice(&bytes);
        let _ = npy::from_bytes(&with_magic);
    }

    /// A valid file with some bytes changed loads or is refused; what loads can be read.
    #[test]
    fn damaged_files_never_panic(
        changes in proptest::collection::vec((0usize..160, any::<u8>()), 1..6),
        cut in 0usize..200,
    ) {
        let a = Array::arange(0i64, 6, 1).reshape(&[2, 3]);
        let mut bytes = npy::to_bytes(&a).unwrap();
        for (at, value) in changes {
            let at = at % bytes.len();
            bytes[at] = value;
        }
        bytes.truncate(cut.max(1));
        if let Ok(loaded) = npy::from_bytes(&bytes) {
            let _ = loaded.astype(DType::F64).to_vec::<f64>();
        }
    }
}

// ---- memory mapping --------------------------------------------------------------------------

/// The lines of /proc/self/maps naming `path`.
fn mappings_of(path: &Path) -> usize {
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap_or_default();
    let name = path.to_string_lossy();
    maps.lines().filter(|l| l.contains(name.as_ref())).count()
}

#[test]
fn large_files_are_memory_mapped_and_unmapped_on_drop() {
    let path = temp("large.npy");
    let n: usize = 300_000; // 2.4 MB of float64
    npy::save(&path, &Array::arange(0.0, n as f64, 1.0)).unwrap();
    let a = npy::load(&path).unwrap();
    assert!(npy::is_mapped(&a));
    if Path::new("/proc/self/maps").exists() {
        assert!(
            mappings_of(&path) > 0,
            "the file should appear in /proc/self/maps"
        );
    }
    let total = a.sum().item::<f64>().unwrap();
    assert_eq!(total, (n * (n - 1) / 2) as f64);
    let doubled = (&a * 2.0).slice(s![-3..]).to_vec::<f64>().unwrap();
    assert_eq!(
        doubled,
        [
            2.0 * (n - 3) as f64,
            2.0 * (n - 2) as f64,
            2.0 * (n - 1) as f64
        ]
    );

    // Saving over a mapped file replaces it: the loaded array keeps its values.
    npy::save(&path, &Array::zeros(&[4])).unwrap();
    assert_eq!(a.slice(s![-1..]).to_vec::<f64>().unwrap(), [(n - 1) as f64]);
    assert_elements(&npy::load(&path).unwrap(), &[4], &[0.0f64; 4]);

    drop(a);
    if Path::new("/proc/self/maps").exists() {
        assert_eq!(mappings_of(&path), 0, "dropping the array unmaps the file");
    }
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn what_is_and_is_not_mapped() {
    // A large Fortran-order file is mapped too: it loads as a view of the data either way.
    let path = temp("large-fortran.npy");
    let data: Vec<u8> = (0..200_000i64).flat_map(|i| i.to_le_bytes()).collect();
    let header = "{'descr': '<i8', 'fortran_order': True, 'shape': (200, 1000), }";
    std::fs::write(&path, npy_bytes(header, &data)).unwrap();
    let a = Array::arange(0i64, 200_000, 1).reshape(&[1000, 200]).t();
    let b = npy::load(&path).unwrap();
    assert!(npy::is_mapped(&b));
    assert_eq!(b.shape(), &[200, 1000]);
    assert!(b.equal(&a).all().item::<bool>().unwrap());
    drop(b);
    std::fs::remove_file(&path).unwrap();

    // Small files and bool files are read (bools are checked byte by byte).
    let small = temp("small.npy");
    npy::save(&small, &Array::arange(0i64, 100, 1)).unwrap();
    assert!(!npy::is_mapped(&npy::load(&small).unwrap()));
    std::fs::remove_file(&small).unwrap();
    let bools = temp("large-bools.npy");
    npy::save(&bools, &Array::arange(0i64, 3 << 20, 1).equal(5i64)).unwrap();
    let b = npy::load(&bools).unwrap();
    assert!(!npy::is_mapped(&b));
    assert_eq!(b.sum().item::<i64>().unwrap(), 1);
    std::fs::remove_file(&bools).unwrap();

    // In-memory bytes are always copied.
    let bytes = npy::to_bytes(&Array::zeros(&[300_000])).unwrap();
    assert!(!npy::is_mapped(&npy::from_bytes(&bytes).unwrap()));
}

// ---- saving through links and over existing files -------------------------------------------

/// A fresh empty directory for one test.
#[cfg(unix)]
fn fresh_dir(name: &str) -> PathBuf {
    let dir = temp(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir(&dir).unwrap();
    dir
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// Like `np.save`, saving through a symbolic link writes the link's target: the link stays a
/// link and reads the new data, and the target keeps its permission mode.
#[cfg(unix)]
#[test]
fn save_writes_through_a_symlink_and_keeps_the_mode() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = fresh_dir("links");
    let target = dir.join("target.npy");
    npy::save(&target, &Array::zeros(&[3])).unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.join("link.npy");
    symlink("target.npy", &link).unwrap(); // relative, as `ln -s target.npy link.npy`
    let chain = dir.join("chain.npy");
    symlink(&link, &chain).unwrap(); // a link to a link

    npy::save(&link, &Array::arange(0i64, 4, 1)).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_elements(&npy::load(&target).unwrap(), &[4], &[0i64, 1, 2, 3]);
    assert_eq!(mode(&target), 0o600);

    npy::save(&chain, &Array::arange(5i64, 7, 1)).unwrap();
    assert!(
        std::fs::symlink_metadata(&chain)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_elements(&npy::load(&target).unwrap(), &[2], &[5i64, 6]);
    assert_eq!(mode(&target), 0o600);

    // A plain file keeps its mode too.
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    npy::save(&target, &Array::ones(&[1])).unwrap();
    assert_eq!(mode(&target), 0o640);

    // A dangling link: the file it names is created, as opening it for writing does.
    let dangling = dir.join("dangling.npy");
    symlink("created.npy", &dangling).unwrap();
    npy::save(&dangling, &Array::ones(&[2])).unwrap();
    assert!(
        std::fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_elements(
        &npy::load(dir.join("created.npy")).unwrap(),
        &[2],
        &[1.0f64; 2],
    );

    // No temporary file is left behind.
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "chain.npy",
            "created.npy",
            "dangling.npy",
            "link.npy",
            "target.npy"
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A symbolic link loop is an `Io` error, as `np.save` fails with ELOOP, and nothing is written.
#[cfg(unix)]
#[test]
fn save_into_a_symlink_loop_is_an_io_error() {
    use std::os::unix::fs::symlink;
    let dir = fresh_dir("loop");
    let (a, b) = (dir.join("a.npy"), dir.join("b.npy"));
    symlink(&b, &a).unwrap();
    symlink(&a, &b).unwrap();
    let e = npy::save(&a, &Array::zeros(&[2])).unwrap_err();
    assert!(matches!(e, Error::Io(_)), "{e:?}");
    assert_eq!(e.context().op, "save_npy");
    assert!(e.message().contains("a.npy"), "{e}");
    assert!(e.message().contains("symbolic links"), "{e}");
    assert_eq!(e.context().location.file(), file!());
    for p in [&a, &b] {
        assert!(
            std::fs::symlink_metadata(p)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        2,
        "a temporary file was left"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A save that fails leaves the existing file as it was.
#[test]
fn a_failed_save_leaves_the_old_file() {
    let path = temp("kept.npy");
    npy::save(&path, &Array::arange(0i64, 3, 1)).unwrap();
    let bad = Array::zeros(&[2, 3]).reshape(&[4]);
    assert!(npy::save(&path, &bad).is_err());
    assert_elements(&npy::load(&path).unwrap(), &[3], &[0i64, 1, 2]);
    std::fs::remove_file(&path).unwrap();
}
