//! Getting arrays in and out of the library: NumPy's `.npy` files and, behind the `ndarray`
//! feature, conversions to and from `ndarray` arrays.

#[cfg(feature = "ndarray")]
mod ndarray_interop;
pub mod npy;
