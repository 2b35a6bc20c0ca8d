//! NumPy's `.npy` files: [`load`] and [`save`] (NumPy: `np.load`, `np.save`), and the same
//! format in memory ([`from_bytes`], [`to_bytes`]).
//!
//! Supported: the dtypes lazyarray has (`|b1`, `<i4`, `<i8`, `<f4`, `<f8`), C and Fortran
//! order, any shape (0-d and empty too), and format versions 1.0, 2.0 and 3.0 on load. `save`
//! writes version 1.0 (2.0 when the header does not fit 1.0), exactly as `np.save` does.
//!
//! ```
//! use lazyarray::{npy, Array};
//! let path = std::env::temp_dir().join(format!("lazyarray-doc-{}.npy", std::process::id()));
//! let a = Array::arange(0i64, 6, 1).reshape(&[2, 3]);
//! npy::save(&path, &a).unwrap();                    // np.save(path, a)
//! let b = npy::load(&path).unwrap();                // np.load(path)
//! assert_eq!(b.shape(), &[2, 3]);
//! assert_eq!(b.to_vec::<i64>().unwrap(), vec![0, 1, 2, 3, 4, 5]);
//! # std::fs::remove_file(&path).unwrap();
//! ```
//!
//! Every problem with a file — missing, unreadable, not `.npy`, an unsupported version or
//! dtype, big-endian data, a malformed header, data shorter than its shape — is an
//! [`Error::Io`] naming the file, what is wrong and the caller's location. No input panics.

mod header;
mod literal;
mod read;
mod write;

use crate::array::Array;
use crate::error::{Context, Error, Result};
use crate::storage::buffer::Buffer;
use lazyarray_ir::View;
use std::fs::File;
use std::io::BufWriter;
use std::panic::Location;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Why reading or writing failed, before it is given an op, a file name and a location.
#[derive(Debug)]
enum Fault {
    /// The operating system refused (open, read, write, rename).
    Os(std::io::Error),
    /// The bytes are not a `.npy` file lazyarray can read.
    Invalid(String),
    /// Memory for the data could not be allocated.
    Resource(String),
}

impl From<std::io::Error> for Fault {
    fn from(e: std::io::Error) -> Fault {
        Fault::Os(e)
    }
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Fault::Os(e) => write!(f, "{e}"),
            Fault::Invalid(m) | Fault::Resource(m) => f.write_str(m),
        }
    }
}

impl Fault {
    /// The library error for this fault in `op`, naming `path` if there is one.
    fn into_error(
        self,
        op: &'static str,
        path: Option<&Path>,
        location: &'static Location<'static>,
    ) -> Error {
        let message = match path {
            Some(p) => format!("{}: {self}", p.display()),
            None => self.to_string(),
        };
        match self {
            Fault::Resource(_) => Error::resource(op, message, location),
            Fault::Os(_) | Fault::Invalid(_) => Error::Io(Context {
                op,
                message,
                location,
            }),
        }
    }
}

/// Reads an array from a `.npy` file. NumPy: `np.load(path)` (and, for large files,
/// `np.load(path, mmap_mode="r")`).
///
/// A Fortran-order file loads as a transposed view of its data, not a copy. A non-bool file
/// with at least 1 MiB of data that starts at a 64-byte aligned offset (every file NumPy or
/// lazyarray writes) is memory-mapped read-only instead of read: its pages are read when first
/// used, and the mapping lives as long as the array or anything built from it. Like NumPy's
/// `mmap_mode="r"`, the file must then not be modified or truncated by anyone while the array
/// lives (lazyarray's own [`save`] never does: it replaces the file). Use [`from_bytes`] on
/// the file's contents for an independent copy. Bool files are always read and checked (every
/// byte must be 0 or 1).
///
/// # Errors
/// [`Error::Io`] when the file cannot be opened or read, or its contents are not a supported
/// `.npy` array; [`Error::Resource`] when there is no memory for the data.
#[track_caller]
pub fn load(path: impl AsRef<Path>) -> Result<Array> {
    let location = Location::caller();
    let path = path.as_ref();
    let fail = |f: Fault| f.into_error("load_npy", Some(path), location);
    let file = File::open(path).map_err(|e| fail(Fault::Invalid(format!("cannot open: {e}"))))?;
    let total = file.metadata().map_err(|e| fail(e.into()))?.len();
    let mut reader = &file;
    let header = header::read(&mut reader).map_err(fail)?;
    let buffer = read::data(&header, total, Some(&file), &mut reader).map_err(fail)?;
    Ok(assemble(buffer, &header, location))
}

/// Reads an array from the bytes of a `.npy` file, copying the data. NumPy:
/// `np.load(io.BytesIO(bytes))`.
///
/// # Errors
/// As [`load`].
#[track_caller]
pub fn from_bytes(bytes: &[u8]) -> Result<Array> {
    let location = Location::caller();
    let fail = |f: Fault| f.into_error("load_npy", None, location);
    let mut reader = bytes;
    let header = header::read(&mut reader).map_err(fail)?;
    let buffer = read::data(&header, bytes.len() as u64, None, &mut reader).map_err(fail)?;
    Ok(assemble(buffer, &header, location))
}

/// Writes `array` (evaluating it) to a `.npy` file that NumPy and [`load`] read. NumPy:
/// `np.save(path, a)` — except that no `.npy` extension is added to `path`.
///
/// The data is written in C order, or in Fortran order when the evaluated array is a
/// Fortran-contiguous view (a transpose, a loaded Fortran-order file), as NumPy does. The file
/// is written under a temporary name in the same directory and then renamed over `path`, so a
/// reader never sees half a file, a failed save leaves the old file as it was, and an array
/// memory-mapped from the old file keeps its data.
///
/// As with `np.save`, a symbolic link at `path` is followed (through any chain of links): the
/// temporary file is written beside the file the link names and renamed over that file, so the
/// link stays a link and reads the new data. A dangling link creates the file it names. An
/// existing file's permission mode is kept.
///
/// Unlike `np.save`, which truncates the file and writes it in place (not atomically: a reader
/// or a crash can see half a file), the rename makes a new file: other hard links to the old
/// one keep the old data, and the new file belongs to the saving user. Keeping the inode would
/// mean giving up the atomic replacement and corrupting arrays mapped from the file.
///
/// # Errors
/// The array's own error or an evaluation error as they are; [`Error::Io`] when the file
/// cannot be written, or when `path` is a loop of symbolic links (as NumPy's `ELOOP`).
#[track_caller]
pub fn save(path: impl AsRef<Path>, array: &Array) -> Result<()> {
    let location = Location::caller();
    let path = path.as_ref();
    let (buffer, view) = evaluated(array, "save_npy", location)?;
    let fail = |f: Fault| f.into_error("save_npy", Some(path), location);
    let target = follow_links(path).map_err(fail)?;
    // The mode to keep, read before writing: `None` for a new file (the default mode, as NumPy).
    let kept = match std::fs::metadata(&target) {
        Ok(m) => Some(m.permissions()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(fail(e.into())),
    };
    let tmp = temporary_path(&target).map_err(fail)?;
    let written = File::create_new(&tmp)
        .map_err(Fault::from)
        .and_then(|file| {
            // Before any data is written, so the data is never readable more widely.
            if let Some(p) = kept {
                file.set_permissions(p)?;
            }
            let mut w = BufWriter::new(file);
            write::array(&mut w, &buffer, &view)?;
            w.into_inner().map_err(|e| e.into_error())?;
            Ok(())
        })
        .and_then(|()| Ok(std::fs::rename(&tmp, &target)?));
    if let Err(f) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(f));
    }
    Ok(())
}

/// The bytes of a `.npy` file holding `array` (evaluating it). NumPy: `np.save(buf, a)` into an
/// `io.BytesIO`.
///
/// # Errors
/// The array's own error or an evaluation error.
#[track_caller]
pub fn to_bytes(array: &Array) -> Result<Vec<u8>> {
    let location = Location::caller();
    let (buffer, view) = evaluated(array, "save_npy", location)?;
    let mut out = Vec::new();
    write::array(&mut out, &buffer, &view).map_err(|f| f.into_error("save_npy", None, location))?;
    Ok(out)
}

/// True when `array` is read in place from a memory-mapped file (for tests of [`load`]).
#[doc(hidden)]
pub fn is_mapped(array: &Array) -> bool {
    array.materialized().is_some_and(|(b, _)| b.is_mapped())
}

/// Memory-maps files whose data has at least `bytes` bytes from now on, process-wide (the
/// default is 1 MiB), so tests can have small files mapped. The other conditions still hold.
pub(crate) fn set_map_threshold(bytes: usize) {
    read::set_map_threshold(bytes);
}

impl Array {
    /// Writes the array to a `.npy` file; see [`npy::save`](save). NumPy: `np.save(path, a)`.
    #[track_caller]
    pub fn save_npy(&self, path: impl AsRef<Path>) -> Result<()> {
        save(path, self)
    }

    /// Reads an array from a `.npy` file; see [`npy::load`](load). NumPy: `np.load(path)`.
    #[track_caller]
    pub fn load_npy(path: impl AsRef<Path>) -> Result<Array> {
        load(path)
    }
}

/// The array a header describes over `buffer`: C order as it is; Fortran order as the
/// transpose of the data read in C order with the shape reversed (a view, not a copy).
fn assemble(
    buffer: Buffer,
    header: &header::Header,
    location: &'static Location<'static>,
) -> Array {
    let buffer = Arc::new(buffer);
    if !header.fortran_order {
        return Array::from_buffer(buffer, &header.shape, location);
    }
    let reversed: Vec<usize> = header.shape.iter().rev().copied().collect();
    let mut view = View::contiguous(&reversed);
    view.shape.reverse();
    view.strides.reverse();
    Array::from_view(buffer, view, location)
}

/// `array` evaluated: its buffer and the view of its elements in it.
#[track_caller]
fn evaluated(
    array: &Array,
    op: &'static str,
    location: &'static Location<'static>,
) -> Result<(Arc<Buffer>, View)> {
    let done = array.eval()?;
    done.materialized()
        .ok_or_else(|| Error::internal(op, "an evaluated array has no buffer", location))
}

/// The most symbolic links [`follow_links`] follows before it reports a loop (Linux's limit).
const MAX_LINKS: usize = 40;

/// The file that opening `path` for writing would write: `path` with the symbolic links of its
/// last component followed, each relative one from the directory of the link. The file need
/// not exist (a dangling link names the file to create). A loop is an `ELOOP` error.
fn follow_links(path: &Path) -> Result<PathBuf, Fault> {
    let mut at = path.to_path_buf();
    for _ in 0..=MAX_LINKS {
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&at)?;
                at = match at.parent() {
                    Some(dir) => dir.join(link),
                    None => link,
                };
            }
            Ok(_) => return Ok(at),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(at),
            Err(e) => return Err(e.into()),
        }
    }
    Err(too_many_links().into())
}

/// The operating system's error for a loop of symbolic links.
fn too_many_links() -> std::io::Error {
    #[cfg(unix)]
    return std::io::Error::from_raw_os_error(libc::ELOOP);
    #[cfg(not(unix))]
    return std::io::Error::other("too many levels of symbolic links");
}

/// A fresh name next to `path` to write to before renaming: `.NAME.PID.N.tmp`.
fn temporary_path(path: &Path) -> Result<PathBuf, Fault> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .ok_or_else(|| Fault::Invalid("not a file name".into()))?;
    let mut tmp = std::ffi::OsString::from(".");
    tmp.push(name);
    tmp.push(format!(
        ".{}.{}.tmp",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    Ok(path.with_file_name(tmp))
}
