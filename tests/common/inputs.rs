//! Input arrays made through every way data enters the library — `from_vec`, `from_slice`, a
//! `.npy` read into memory, a `.npy` memory-mapped in C and in Fortran order, `from_ndarray`
//! (C and Fortran layout), `from_ndarray_view` (a strided view) and `from_ndarray_shared` (C
//! and Fortran layout) — each with a [`Witness`] that checks, after a program has run, that the
//! input is untouched: its file byte-identical, its array (when the witness holds one) reading
//! its original values on both evaluation paths, the `ndarray` it lends reading them too.
//!
//! Evaluation may write a result into the buffer of a source nothing else can reach; it must
//! never write into a mapped file, lent memory, or a buffer someone can still read. A witness
//! that holds a clone of its array makes the buffer reachable (and checks it is left alone);
//! one that [`releases`](Witness::release) it lets owned buffers be reused, and still checks
//! the file and the lent `ndarray`.
//!
//! Part of `tests/common/` (which the libFuzzer target includes through `tests/fuzz_api.rs`),
//! so it depends on nothing but the library and its sibling modules. Without the `ndarray`
//! feature the `ndarray` paths build with `from_vec` instead.

use super::bits::{bits_of, try_bits};
use lazyarray::{Array, DType, Element, Scalar, npy};
use std::fmt;
use std::path::PathBuf;
use std::sync::Once;
use std::sync::atomic::{AtomicU64, Ordering};

/// A way an input array is made.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum InputPath {
    /// `Array::from_vec`.
    FromVec,
    /// `Array::from_slice`.
    FromSlice,
    /// The bytes of a C-order `.npy` file read with `npy::from_bytes` (copied into memory).
    NpyInMemory,
    /// A C-order `.npy` file memory-mapped by `npy::load` (read instead for bool and empty
    /// arrays, which are never mapped).
    NpyMappedC,
    /// A Fortran-order `.npy` file memory-mapped by `npy::load` (a transposed view of the
    /// mapping; read for bool and empty arrays).
    NpyMappedFortran,
    /// `Array::from_ndarray` of an owned C-layout `ndarray`.
    NdarrayOwned,
    /// `Array::from_ndarray` of an owned Fortran-layout `ndarray` (a strided view of its `Vec`).
    NdarrayOwnedFortran,
    /// `Array::from_ndarray_view` of a strided view (every other element of its data).
    NdarrayView,
    /// `Array::from_ndarray_shared` of a C-layout `ArcArray` (lent memory, read in place).
    NdarrayShared,
    /// `Array::from_ndarray_shared` of a Fortran-layout `ArcArray`.
    NdarraySharedFortran,
}

impl InputPath {
    /// Every path, in the order [`InputPath::from_byte`] picks them.
    pub const ALL: [InputPath; 10] = [
        InputPath::FromVec,
        InputPath::FromSlice,
        InputPath::NpyInMemory,
        InputPath::NpyMappedC,
        InputPath::NpyMappedFortran,
        InputPath::NdarrayOwned,
        InputPath::NdarrayOwnedFortran,
        InputPath::NdarrayView,
        InputPath::NdarrayShared,
        InputPath::NdarraySharedFortran,
    ];

    /// The path a byte picks (0 is `FromVec`, what shrinking reaches).
    pub fn from_byte(b: u8) -> InputPath {
        Self::ALL[b as usize % Self::ALL.len()]
    }

    /// Whether the path reads a file.
    pub fn is_file(self) -> bool {
        matches!(
            self,
            InputPath::NpyMappedC | InputPath::NpyMappedFortran | InputPath::NpyInMemory
        )
    }
}

impl fmt::Display for InputPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// What an input was, to check after a program that it still is.
pub struct Witness {
    path: InputPath,
    dtype: DType,
    shape: Vec<usize>,
    /// The original elements in C order, as bits ([`bits_of`]).
    bits: Vec<u64>,
    /// A clone of the input array (until [`Witness::release`]).
    array: Option<Array>,
    /// The file the input was read from, with its original bytes (removed on drop).
    file: Option<TempFile>,
    /// The elements of the `ndarray` an input borrows (`from_ndarray_shared`), in C order.
    lent: Option<Box<dyn Fn() -> Vec<u64>>>,
    mapped: bool,
}

impl fmt::Debug for Witness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.describe())
    }
}

impl Witness {
    /// The path, and whether the array is mapped, for descriptions of failing cases.
    pub fn describe(&self) -> String {
        let mapped = if self.mapped { ", mapped" } else { "" };
        let held = if self.array.is_some() {
            ""
        } else {
            ", released"
        };
        format!("{}{mapped}{held}", self.path)
    }

    /// The path the input was made through.
    pub fn path(&self) -> InputPath {
        self.path
    }

    /// Whether the input array reads a memory-mapped file.
    pub fn is_mapped(&self) -> bool {
        self.mapped
    }

    /// Drops the witness's clone of the array, so an evaluation may reuse an owned buffer in
    /// place once nothing else holds the array; the file and lent memory are still checked.
    pub fn release(&mut self) {
        self.array = None;
    }

    /// `Err` says what changed: the file's bytes, the array's values on either evaluation
    /// path, or the lent `ndarray`'s elements.
    pub fn verify(&self) -> Result<(), String> {
        let what = format!(
            "input {:?} {} ({})",
            self.shape,
            self.dtype,
            self.describe()
        );
        if let Some(file) = &self.file {
            let now = std::fs::read(&file.path)
                .map_err(|e| format!("{what}: cannot re-read {}: {e}", file.path.display()))?;
            if now != file.bytes {
                let at = now
                    .iter()
                    .zip(&file.bytes)
                    .position(|(a, b)| a != b)
                    .unwrap_or(now.len().min(file.bytes.len()));
                return Err(format!(
                    "{what}: the file {} changed ({} bytes, was {}; first difference at byte {at})",
                    file.path.display(),
                    now.len(),
                    file.bytes.len()
                ));
            }
        }
        if let Some(lent) = &self.lent {
            self.same(&what, "the lent ndarray", &lent())?;
        }
        if let Some(a) = &self.array {
            if a.shape() != self.shape.as_slice() || a.dtype() != self.dtype {
                return Err(format!(
                    "{what}: the array became {:?} {}",
                    a.shape(),
                    a.dtype()
                ));
            }
            let reference = a
                .eval_reference()
                .and_then(|r| try_bits(&r))
                .map_err(|e| format!("{what}: the reference cannot re-read the input: {e}"))?;
            self.same(&what, "the reference", &reference)?;
            let now = try_bits(a).map_err(|e| format!("{what}: cannot re-read the input: {e}"))?;
            self.same(&what, "eval", &now)?;
        }
        Ok(())
    }

    /// Panics with what changed, if anything did.
    #[track_caller]
    pub fn check(&self) {
        if let Err(e) = self.verify() {
            panic!("{e}");
        }
    }

    fn same(&self, what: &str, by: &str, now: &[u64]) -> Result<(), String> {
        if now.len() != self.bits.len() {
            return Err(format!(
                "{what}: {by} reads {} elements, there were {}",
                now.len(),
                self.bits.len()
            ));
        }
        match (0..now.len()).find(|&i| now[i] != self.bits[i]) {
            None => Ok(()),
            Some(i) => Err(format!(
                "{what}: {by} reads element {i} as {}, it was {}",
                show(self.dtype, now[i]),
                show(self.dtype, self.bits[i])
            )),
        }
    }
}

/// Checks every witness, naming the first that fails.
pub fn verify_all(witnesses: &[Witness]) -> Result<(), String> {
    witnesses.iter().try_for_each(Witness::verify)
}

/// A file removed when dropped.
struct TempFile {
    path: PathBuf,
    bytes: Vec<u8>,
}

impl TempFile {
    /// Writes `bytes` to a fresh file in the temporary directory.
    fn new(bytes: Vec<u8>) -> TempFile {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let path = std::env::temp_dir().join(format!(
            "lazyarray-input-{}-{}.npy",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&path, &bytes)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        TempFile { path, bytes }
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn show(dtype: DType, b: u64) -> String {
    match dtype {
        DType::Bool => format!("{}", b != 0),
        DType::U64 => format!("{b}"),
        DType::I8 | DType::I16 | DType::I32 | DType::I64 | DType::U8 | DType::U16 | DType::U32 => {
            format!("{}", b as i64)
        }
        DType::F32 => format!("{:?} ({b:#x})", f32::from_bits(b as u32)),
        DType::F64 => format!("{:?} ({b:#x})", f64::from_bits(b)),
    }
}

/// Little-endian bytes of elements (as `.npy` stores them).
fn le_bytes<T: Element>(values: &[T]) -> Vec<u8> {
    let mut out = Vec::with_capacity(std::mem::size_of_val(values));
    for v in values {
        match v.to_scalar() {
            Scalar::Bool(b) => out.push(u8::from(b)),
            Scalar::I8(x) => out.extend_from_slice(&x.to_le_bytes()),
            Scalar::I16(x) => out.extend_from_slice(&x.to_le_bytes()),
            Scalar::U8(x) => out.extend_from_slice(&x.to_le_bytes()),
            Scalar::U16(x) => out.extend_from_slice(&x.to_le_bytes()),
            Scalar::U32(x) => out.extend_from_slice(&x.to_le_bytes()),
            Scalar::U64(x) => out.extend_from_slice(&x.to_le_bytes()),
            Scalar::I32(x) => out.extend_from_slice(&x.to_le_bytes()),
            Scalar::I64(x) => out.extend_from_slice(&x.to_le_bytes()),
            Scalar::F32(x) => out.extend_from_slice(&x.to_le_bytes()),
            Scalar::F64(x) => out.extend_from_slice(&x.to_le_bytes()),
        }
    }
    out
}

/// A version 1.0 `.npy` file: the header NumPy writes (padded so the data starts at a multiple
/// of 64 bytes) and `data`, which is in C order or, with `fortran`, column-major.
fn npy_file(dtype: DType, shape: &[usize], fortran: bool, data: &[u8]) -> Vec<u8> {
    let descr = match dtype {
        DType::Bool => "|b1",
        DType::I8 => "|i1",
        DType::I16 => "<i2",
        DType::I32 => "<i4",
        DType::I64 => "<i8",
        DType::U8 => "|u1",
        DType::U16 => "<u2",
        DType::U32 => "<u4",
        DType::U64 => "<u8",
        DType::F32 => "<f4",
        DType::F64 => "<f8",
    };
    let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    let shape = match dims.len() {
        1 => format!("({},)", dims[0]),
        _ => format!("({})", dims.join(", ")),
    };
    let order = if fortran { "True" } else { "False" };
    let mut text = format!("{{'descr': '{descr}', 'fortran_order': {order}, 'shape': {shape}, }}");
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

/// `values` (C order for `shape`) rearranged in column-major order.
fn column_major<T: Copy>(values: &[T], shape: &[usize]) -> Vec<T> {
    let n = values.len();
    let mut out = Vec::with_capacity(n);
    if n == 0 {
        return out;
    }
    // C strides of `shape`; walk the index with the first axis fastest.
    let mut strides = vec![1usize; shape.len()];
    for k in (0..shape.len().saturating_sub(1)).rev() {
        strides[k] = strides[k + 1] * shape[k + 1];
    }
    let mut index = vec![0usize; shape.len()];
    for _ in 0..n {
        let at: usize = index.iter().zip(&strides).map(|(i, s)| i * s).sum();
        out.push(values[at]);
        for k in 0..shape.len() {
            index[k] += 1;
            if index[k] < shape[k] {
                break;
            }
            index[k] = 0;
        }
    }
    out
}

/// Has every later `npy::load` in the process map files of any non-empty size.
fn map_small_files() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| lazyarray::testing::set_npy_map_threshold(1));
}

/// The array of `values` (in C order) with `shape`, made through `path`, and the witness that
/// remembers it (holding a clone of it until released). `values` must have the shape's number
/// of elements. Mapped paths read bool and empty arrays instead (they cannot be mapped); every
/// other mapped input is checked to really be mapped.
#[track_caller]
pub fn make<T: Element>(values: Vec<T>, shape: &[usize], path: InputPath) -> (Array, Witness) {
    let n: usize = shape.iter().product();
    assert_eq!(values.len(), n, "make: {n} values for shape {shape:?}");
    let bits: Vec<u64> = values.iter().map(|v| bits_of(v.to_scalar())).collect();
    let mut file = None;
    let mut lent: Option<Box<dyn Fn() -> Vec<u64>>> = None;
    let a = match path {
        InputPath::FromVec => Array::from_vec(values, shape),
        InputPath::FromSlice => Array::from_slice(&values, shape),
        InputPath::NpyInMemory => {
            let bytes = npy_file(T::DTYPE, shape, false, &le_bytes(&values));
            npy::from_bytes(&bytes).unwrap_or_else(|e| panic!("from_bytes: {e}"))
        }
        InputPath::NpyMappedC | InputPath::NpyMappedFortran => {
            map_small_files();
            let fortran = path == InputPath::NpyMappedFortran;
            let data = if fortran {
                le_bytes(&column_major(&values, shape))
            } else {
                le_bytes(&values)
            };
            let f = TempFile::new(npy_file(T::DTYPE, shape, fortran, &data));
            let a = npy::load(&f.path).unwrap_or_else(|e| panic!("load: {e}"));
            file = Some(f);
            a
        }
        #[cfg(feature = "ndarray")]
        InputPath::NdarrayOwned
        | InputPath::NdarrayOwnedFortran
        | InputPath::NdarrayView
        | InputPath::NdarrayShared
        | InputPath::NdarraySharedFortran => from_ndarray(values, shape, path, &mut lent),
        #[cfg(not(feature = "ndarray"))]
        _ => Array::from_vec(values, shape),
    };
    assert_eq!(a.shape(), shape, "{path}: shape");
    assert_eq!(a.dtype(), T::DTYPE, "{path}: dtype");
    let mapped = npy::is_mapped(&a);
    let mappable = matches!(path, InputPath::NpyMappedC | InputPath::NpyMappedFortran)
        && T::DTYPE != DType::Bool
        && n > 0;
    assert_eq!(mapped, mappable, "{path} {shape:?} {}: mapped", T::DTYPE);
    let witness = Witness {
        path,
        dtype: T::DTYPE,
        shape: shape.to_vec(),
        bits,
        array: Some(a.clone()),
        file,
        lent,
        mapped,
    };
    (a, witness)
}

/// The `ndarray` paths.
#[cfg(feature = "ndarray")]
#[track_caller]
fn from_ndarray<T: Element>(
    values: Vec<T>,
    shape: &[usize],
    path: InputPath,
    lent: &mut Option<Box<dyn Fn() -> Vec<u64>>>,
) -> Array {
    use lazyarray::ndarray::{ArcArray, ArrayD, ArrayViewD, IxDyn, ShapeBuilder};
    let dim = IxDyn(shape);
    let fortran = || column_major(&values, shape);
    match path {
        InputPath::NdarrayOwned => {
            Array::from_ndarray(ArrayD::from_shape_vec(dim, values).expect("a C-layout ndarray"))
        }
        InputPath::NdarrayOwnedFortran => Array::from_ndarray(
            ArrayD::from_shape_vec(dim.f(), fortran()).expect("a Fortran-layout ndarray"),
        ),
        InputPath::NdarrayView => {
            // The values at the even positions of twice as much data (junk in between).
            let n = values.len();
            let mut data = Vec::with_capacity(2 * n);
            for (v, junk) in values.iter().zip(values.iter().rev()) {
                data.push(*v);
                data.push(*junk);
            }
            let mut strides = vec![2usize; shape.len()];
            for k in (0..shape.len().saturating_sub(1)).rev() {
                strides[k] = strides[k + 1] * shape[k + 1].max(1);
            }
            let view = if n == 0 {
                ArrayViewD::from_shape(dim, &data[..]).expect("an empty ndarray view")
            } else {
                ArrayViewD::from_shape(dim.strides(IxDyn(&strides)), &data[..])
                    .expect("a strided ndarray view")
            };
            Array::from_ndarray_view(view)
        }
        InputPath::NdarrayShared | InputPath::NdarraySharedFortran => {
            let arc = if path == InputPath::NdarrayShared {
                ArcArray::from_shape_vec(dim, values).expect("a C-layout ArcArray")
            } else {
                ArcArray::from_shape_vec(dim.f(), fortran()).expect("a Fortran-layout ArcArray")
            };
            let kept = arc.clone();
            *lent = Some(Box::new(move || {
                kept.iter().map(|v| bits_of(v.to_scalar())).collect()
            }));
            Array::from_ndarray_shared(arc)
        }
        _ => unreachable!("not an ndarray path: {path}"),
    }
}
