//! Errors found while checking shapes, axes, views and dtypes. The `lazyarray` crate adds the
//! name of the user's operation and the caller's location.

use thiserror::Error;

/// The category of a mistake, one per section of the bad-input catalog.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Bad shapes: negative or overflowing sizes, broadcasting, reshape.
    Shape,
    /// An axis out of range or repeated.
    Axis,
    /// A view that is invalid or would reach outside its base (slice step 0, windows, as_strided).
    View,
    /// Bad indices: out of bounds, too many, mask length, wrong index dtype.
    Index,
    /// A reduction without an identity over an empty axis.
    Reduction,
    /// An operation undefined for a dtype.
    DType,
    /// An argument value NumPy rejects with `ValueError` (or `OverflowError`) although its type
    /// is right: random bounds with `high <= low`, a negative scale, a sample larger than its
    /// population without replacement.
    Value,
}

/// A checked failure of the IR's algebra: a category and a NumPy-style message.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{message}")]
pub struct IrError {
    /// What kind of mistake this is.
    pub kind: ErrorKind,
    /// The message, worded like NumPy's where NumPy has one.
    pub message: String,
}

impl IrError {
    /// A new error of `kind`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        IrError {
            kind,
            message: message.into(),
        }
    }

    /// Shorthand for an [`ErrorKind::Shape`] error.
    pub fn shape(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Shape, message)
    }

    /// Shorthand for an [`ErrorKind::Axis`] error.
    pub fn axis(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Axis, message)
    }

    /// Shorthand for an [`ErrorKind::View`] error.
    pub fn view(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::View, message)
    }

    /// Shorthand for an [`ErrorKind::Index`] error.
    pub fn index(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Index, message)
    }

    /// Shorthand for an [`ErrorKind::DType`] error.
    pub fn dtype(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::DType, message)
    }
}

/// Results of the IR's checked algebra.
pub type IrResult<T> = Result<T, IrError>;
