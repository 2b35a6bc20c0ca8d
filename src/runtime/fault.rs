//! Failure injection for tests: make the n-th fallible point of this thread's evaluations fail.
//!
//! The fallible points of a run are its allocations and its value checks (everything else that
//! can fail is a bug). The failure-injection suite makes each one fail in turn and checks that
//! a failed evaluation leaves every input and every remembered result as it was.

use crate::error::{Error, Result};
use std::cell::Cell;
use std::panic::Location;

thread_local! {
    /// Fallible points still to pass before the injected failure (`None`: no injection).
    static COUNTDOWN: Cell<Option<usize>> = const { Cell::new(None) };
    /// Fallible points passed on this thread since the last [`fail_at`].
    static PASSED: Cell<usize> = const { Cell::new(0) };
}

/// Makes the `n`-th fallible point (0-based: allocations and value checks, counted from now on
/// this thread) fail with a `Resource` error; `None` stops injecting. Also resets the count
/// [`fallible_points_passed`] reports. For tests; evaluations never need it.
#[doc(hidden)]
pub fn fail_at(n: Option<usize>) {
    COUNTDOWN.with(|c| c.set(n));
    PASSED.with(|p| p.set(0));
}

/// How many fallible points this thread passed since the last [`fail_at`].
#[doc(hidden)]
pub fn fallible_points_passed() -> usize {
    PASSED.with(|p| p.get())
}

/// A fallible point: fails when the injected countdown reaches it.
pub(crate) fn point(origin: &'static Location<'static>) -> Result<()> {
    PASSED.with(|p| p.set(p.get() + 1));
    match COUNTDOWN.with(|c| c.get()) {
        None => Ok(()),
        Some(0) => {
            COUNTDOWN.with(|c| c.set(None));
            Err(Error::resource("eval", "injected failure", origin))
        }
        Some(n) => {
            COUNTDOWN.with(|c| c.set(Some(n - 1)));
            Ok(())
        }
    }
}
