//! Who may read and who may write a buffer while evaluations run, on any number of threads.
//!
//! Values never change under a live array, but an evaluation may write its result into the
//! buffer of a source nothing else can reach any more (NumPy's `a *= 2`, see `lower::walk`).
//! Deciding that a buffer is dead from reference counts alone is not enough when several
//! threads evaluate arrays over the same sources, or when an evaluation fails half-way. So
//! every evaluation, before it reads any data (planning reads index arrays and masks too):
//!
//! - takes a [`ReadLease`] on every owned buffer it will read, and
//! - takes a [`WriteClaim`] on every buffer it may write in place,
//!
//! all or nothing ([`admit`]): a claim excludes every lease and every other claim, so no second
//! evaluation can read or claim a buffer between the decision to overwrite it and the end of
//! the evaluation that does. An evaluation that cannot be admitted gives everything back,
//! waits for a release ([`wait_for_release`]) and starts again from its walk (by then the
//! other evaluation has remembered its results, which the new walk starts from).
//!
//! The only way to write a buffer is a [`Writable`], which exists for fresh memory and, through
//! a claim, for owned memory ([`Ownership::Owned`]): a file mapping or lent memory cannot be
//! claimed, so no kernel can be handed one as its output.

use crate::storage::alloc::AllocError;
use crate::storage::buffer::{Buffer, Ownership};
use crate::storage::facts;
use lazyarray_ir::{BufferId, DType, Scalar};
use smallvec::SmallVec;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// The bit of `Buffer::access` set while an evaluation holds the buffer's write claim; the
/// bits below count read leases.
const CLAIMED: u64 = 1 << 63;

/// A registered reader of an owned buffer: while it lives, nobody can claim the buffer.
pub(crate) struct ReadLease(Arc<Buffer>);

impl ReadLease {
    /// A lease on `buffer`, or `None` while another evaluation holds its write claim. Memory
    /// that is never written (mapped, lent) needs no lease and always gets one.
    pub fn try_new(buffer: &Arc<Buffer>) -> Option<ReadLease> {
        if buffer.ownership() == Ownership::Owned {
            buffer
                .access
                .fetch_update(Ordering::AcqRel, Ordering::Acquire, |a| {
                    (a & CLAIMED == 0).then_some(a + 1)
                })
                .ok()?;
        }
        Some(ReadLease(Arc::clone(buffer)))
    }
}

impl Drop for ReadLease {
    fn drop(&mut self) {
        if self.0.ownership() == Ownership::Owned {
            let before = self.0.access.fetch_sub(1, Ordering::AcqRel);
            if before == 1 {
                notify_release();
            }
        }
    }
}

/// The exclusive right of one evaluation to overwrite an owned buffer: no lease and no other
/// claim exists while it lives. Dropping it gives the buffer back.
pub(crate) struct WriteClaim(Arc<Buffer>);

impl WriteClaim {
    /// The claim on `buffer`, or `None` when it is not owned memory, or another evaluation
    /// reads or claims it.
    pub fn try_new(buffer: &Arc<Buffer>) -> Option<WriteClaim> {
        if buffer.ownership() != Ownership::Owned {
            return None;
        }
        buffer
            .access
            .compare_exchange(0, CLAIMED, Ordering::AcqRel, Ordering::Acquire)
            .ok()?;
        Some(WriteClaim(Arc::clone(buffer)))
    }

    /// The buffer for writing. Its values are about to change: its version moves on and the
    /// facts remembered about its data are forgotten.
    pub fn writable(&self) -> Writable {
        self.0.bump_version();
        facts::forget(self.0.id());
        Writable(Arc::clone(&self.0))
    }
}

impl Drop for WriteClaim {
    fn drop(&mut self) {
        self.0.access.store(0, Ordering::Release);
        notify_release();
    }
}

/// A buffer that may be written: fresh memory nobody else has seen, or owned memory under a
/// [`WriteClaim`]. Kernels' outputs are `Writable`s; nothing else hands out a pointer to write.
pub(crate) struct Writable(Arc<Buffer>);

impl Writable {
    /// Fresh, uninitialized memory for `len` elements of `dtype`.
    ///
    /// # Safety
    /// Every element must be written before anything reads the buffer.
    pub unsafe fn uninit(dtype: DType, len: usize) -> Result<Writable, AllocError> {
        // SAFETY: the caller writes every element before it is read.
        Ok(Writable(Arc::new(unsafe { Buffer::uninit(dtype, len) }?)))
    }

    /// The buffer (to read it, or to hand it on as a result).
    pub fn buffer(&self) -> &Arc<Buffer> {
        &self.0
    }

    /// The start of the memory, for writing.
    pub fn write_ptr(&self) -> *mut u8 {
        self.0.write_ptr()
    }

    /// Writes `value` (cast to the buffer's dtype) at element `i`.
    ///
    /// # Safety
    /// `i < len`, and nothing reads element `i` concurrently.
    pub unsafe fn write(&self, i: usize, value: Scalar) {
        // SAFETY: the memory is fresh or claimed (owned, with no other reader or writer), and
        // the caller keeps `i` in range and the element unshared.
        unsafe { self.0.write(i, value) }
    }
}

/// Everything one evaluation reads and may write, held until it has remembered its results.
#[derive(Default)]
pub(crate) struct Admission {
    leases: SmallVec<[ReadLease; 8]>,
    claims: SmallVec<[WriteClaim; 4]>,
}

/// Another evaluation holds a claim on a buffer this one reads, or reads or claims one this one
/// would claim.
#[derive(Debug)]
pub(crate) struct Busy;

impl Admission {
    /// The claim on buffer `id`, if this evaluation holds it.
    pub fn claim(&self, id: BufferId) -> Option<&WriteClaim> {
        self.claims.iter().find(|c| c.0.id() == id)
    }
}

/// Leases on `reads` and claims on `claims` (a buffer in both is only claimed), all or nothing.
pub(crate) fn admit<'a>(
    reads: impl IntoIterator<Item = &'a Arc<Buffer>>,
    claims: impl IntoIterator<Item = &'a Arc<Buffer>>,
) -> Result<Admission, Busy> {
    let mut admission = Admission::default();
    for b in claims {
        if admission.claim(b.id()).is_none() {
            admission.claims.push(WriteClaim::try_new(b).ok_or(Busy)?);
        }
    }
    for b in reads {
        if admission.claim(b.id()).is_none() {
            admission.leases.push(ReadLease::try_new(b).ok_or(Busy)?);
        }
    }
    Ok(admission)
}

/// Signalled whenever a claim or the last lease on a buffer is given back.
static RELEASED: (Mutex<u64>, Condvar) = (Mutex::new(0), Condvar::new());

fn notify_release() {
    let (count, signal) = &RELEASED;
    *count.lock().unwrap_or_else(|p| p.into_inner()) += 1;
    signal.notify_all();
}

/// The current release count, to pass to [`wait_for_release`] (read it before giving back a
/// failed admission, so a release in between is not missed).
pub(crate) fn releases() -> u64 {
    *RELEASED.0.lock().unwrap_or_else(|p| p.into_inner())
}

/// Waits until something is released after `seen` (a short bounded wait: a release is never
/// missed, but the wait also ends on its own).
pub(crate) fn wait_for_release(seen: u64) {
    let (count, signal) = &RELEASED;
    let guard = count.lock().unwrap_or_else(|p| p.into_inner());
    let _ = signal
        .wait_timeout_while(guard, Duration::from_millis(10), |c| *c == seen)
        .unwrap_or_else(|p| p.into_inner());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned() -> Arc<Buffer> {
        Arc::new(Buffer::from_slice(&[1.0f64, 2.0]).unwrap())
    }

    #[test]
    fn a_claim_excludes_leases_and_other_claims() {
        let b = owned();
        let claim = WriteClaim::try_new(&b).unwrap();
        assert!(ReadLease::try_new(&b).is_none());
        assert!(WriteClaim::try_new(&b).is_none());
        drop(claim);
        let lease = ReadLease::try_new(&b).unwrap();
        let second = ReadLease::try_new(&b).unwrap();
        assert!(WriteClaim::try_new(&b).is_none());
        drop(lease);
        assert!(WriteClaim::try_new(&b).is_none());
        drop(second);
        assert!(WriteClaim::try_new(&b).is_some());
    }

    #[test]
    fn admission_is_all_or_nothing() {
        let (a, b) = (owned(), owned());
        let held = WriteClaim::try_new(&b).unwrap();
        assert!(admit([&b], [&a]).is_err());
        // The claim on `a` taken before the failure was given back.
        assert!(WriteClaim::try_new(&a).is_some());
        drop(held);
        let both = admit([&a, &b], [&a]).unwrap();
        assert!(both.claim(a.id()).is_some() && both.claim(b.id()).is_none());
        assert!(ReadLease::try_new(&a).is_none());
        assert!(WriteClaim::try_new(&b).is_none());
    }
}
