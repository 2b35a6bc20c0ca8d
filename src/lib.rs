//! lazyarray
