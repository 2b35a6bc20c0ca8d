//! `lazyarray-ir`: the plain-data intermediate representation of lazyarray.
//!
//! - [`DType`] and NumPy 2 promotion ([`dtype`]), [`Scalar`] values and casts ([`scalar`]);
//! - shapes and broadcasting ([`shape`]), strided [`View`]s and movement ops ([`view`]);
//! - the [`Op`] node set ([`op`]), dtype/shape inference ([`mod@infer`]);
//! - the [`Graph`] DAG ([`graph`]), its text form ([`display`]) and invariants ([`verify`]).
//!
//! Nothing here evaluates arrays, allocates buffers or uses `unsafe`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod display;
pub mod dtype;
pub mod error;
pub mod graph;
pub mod infer;
pub mod kernel;
pub mod op;
pub mod scalar;
pub mod scalar_ops;
pub mod shape;
pub mod verify;
pub mod view;

pub use dtype::{DType, ScalarKind};
pub use error::{ErrorKind, IrError, IrResult};
pub use graph::{Graph, Node, NodeId};
pub use infer::{Meta, infer};
pub use op::{BinaryOp, BufferId, Op, ReduceOp, Repeats, UnaryOp};
pub use scalar::Scalar;
pub use shape::{Dims, ShapeFmt, Strides};
pub use view::{AxisSlice, SliceArg, View, ViewOp};
