//! The one error type of the library.

use lazyarray_ir::{ErrorKind, IrError};
use std::fmt;
use std::panic::Location;

/// Where and in which operation a mistake was made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Context {
    /// The NumPy-style name of the user's operation (`"reshape"`, `"take"`, `"add"`).
    pub op: &'static str,
    /// What is wrong, naming the shapes, axes, indices or dtypes involved.
    pub message: String,
    /// The user's call that built the failing operation.
    pub location: &'static Location<'static>,
}

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (at {}:{}:{})",
            self.op,
            self.message,
            self.location.file(),
            self.location.line(),
            self.location.column()
        )
    }
}

/// Every mistake a user can make, one variant per category of bad input. The message names the
/// operation, what was wrong and the caller's location:
///
/// ```text
/// add: operands could not be broadcast together with shapes (2,3) (4,) (at src/main.rs:7:13)
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Bad shapes: negative or overflowing sizes, incompatible broadcasts, impossible reshapes.
    #[error("{0}")]
    Shape(Context),
    /// An axis out of range or repeated.
    #[error("{0}")]
    Axis(Context),
    /// An invalid view: slice step 0, windows larger than the axis, `as_strided` outside its base.
    #[error("{0}")]
    View(Context),
    /// Bad indices: out of bounds, too many, wrong dtype, mask of the wrong length.
    #[error("{0}")]
    Index(Context),
    /// A reduction with no identity over an empty axis (`max` of nothing).
    #[error("{0}")]
    Reduction(Context),
    /// An operation undefined for a dtype, or a value that does not fit it.
    #[error("{0}")]
    DType(Context),
    /// An argument value NumPy rejects with `ValueError` (or `OverflowError`) although its type
    /// is right: `rng.integers(5, 5)` (`low >= high`), `rng.normal(0.0, -1.0, ..)`
    /// (`scale < 0`), `rng.choice(3, &[4], false)` (a sample larger than the population).
    #[error("{0}")]
    Value(Context),
    /// Memory could not be allocated.
    #[error("{0}")]
    Resource(Context),
    /// A bug in lazyarray itself (a failed internal check); please report it.
    #[error("internal error, please report: {0}")]
    Internal(Context),
    /// A file could not be read or written, or its bytes are not a valid array file (bad magic,
    /// unsupported version or dtype, malformed header, truncated data). NumPy: the `OSError` or
    /// `ValueError` of `np.load` / `np.save`.
    #[error("{0}")]
    Io(Context),
}

impl Error {
    /// The op, message and location.
    pub fn context(&self) -> &Context {
        match self {
            Error::Shape(c)
            | Error::Axis(c)
            | Error::View(c)
            | Error::Index(c)
            | Error::Reduction(c)
            | Error::DType(c)
            | Error::Value(c)
            | Error::Resource(c)
            | Error::Internal(c)
            | Error::Io(c) => c,
        }
    }

    /// The message alone (without op and location).
    pub fn message(&self) -> &str {
        &self.context().message
    }

    /// The same error (category and message) reported for the operation `op` at `location`:
    /// a composite operation (`var`, `nanargmin`) names itself and its caller for what the
    /// operations it is built from found.
    pub(crate) fn relocated(
        &self,
        op: &'static str,
        location: &'static Location<'static>,
    ) -> Error {
        let c = Context {
            op,
            message: self.message().to_string(),
            location,
        };
        match self {
            Error::Shape(_) => Error::Shape(c),
            Error::Axis(_) => Error::Axis(c),
            Error::View(_) => Error::View(c),
            Error::Index(_) => Error::Index(c),
            Error::Reduction(_) => Error::Reduction(c),
            Error::DType(_) => Error::DType(c),
            Error::Resource(_) => Error::Resource(c),
            Error::Internal(_) => Error::Internal(c),
            Error::Io(_) => Error::Io(c),
            Error::Value(_) => Error::Value(c),
        }
    }

    /// An error of the category `kind`.
    pub(crate) fn new(
        kind: ErrorKind,
        op: &'static str,
        message: impl Into<String>,
        location: &'static Location<'static>,
    ) -> Error {
        let c = Context {
            op,
            message: message.into(),
            location,
        };
        match kind {
            ErrorKind::Shape => Error::Shape(c),
            ErrorKind::Axis => Error::Axis(c),
            ErrorKind::View => Error::View(c),
            ErrorKind::Index => Error::Index(c),
            ErrorKind::Reduction => Error::Reduction(c),
            ErrorKind::DType => Error::DType(c),
            ErrorKind::Value => Error::Value(c),
        }
    }

    /// Wraps an IR check failure with the op name and location.
    pub(crate) fn from_ir(
        e: IrError,
        op: &'static str,
        location: &'static Location<'static>,
    ) -> Error {
        Error::new(e.kind, op, e.message, location)
    }

    /// An allocation failure.
    pub(crate) fn resource(
        op: &'static str,
        message: impl Into<String>,
        location: &'static Location<'static>,
    ) -> Error {
        Error::Resource(Context {
            op,
            message: message.into(),
            location,
        })
    }

    /// A broken internal invariant.
    pub(crate) fn internal(
        op: &'static str,
        message: impl Into<String>,
        location: &'static Location<'static>,
    ) -> Error {
        Error::Internal(Context {
            op,
            message: message.into(),
            location,
        })
    }
}

/// `Result<T, lazyarray::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;
