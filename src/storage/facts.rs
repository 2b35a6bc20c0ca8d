//! Facts about the values of whole buffers, computed once and remembered: the range of an
//! integer buffer (so its use as `take` indices is checked once) and whether it is an
//! arithmetic sequence (so a `take` through it can become a slice).
//!
//! A buffer's values never change — except when an evaluation writes a result into a dead
//! input's buffer in place, which calls [`forget`] for it.

use lazyarray_ir::BufferId;
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

/// `(start, step, len)` of an arithmetic sequence.
pub(crate) type Sequence = (i64, i64, usize);

#[derive(Clone, Copy, Default)]
struct Facts {
    range: Option<(i64, i64)>,
    sequence: Option<Option<Sequence>>,
}

/// Remembered facts are dropped wholesale past this many buffers (a bound, not an LRU: the
/// facts are cheap to recompute).
const CAPACITY: usize = 4096;

static FACTS: Mutex<Option<HashMap<BufferId, Facts>>> = Mutex::new(None);

fn facts() -> MutexGuard<'static, Option<HashMap<BufferId, Facts>>> {
    FACTS.lock().unwrap_or_else(|p| p.into_inner())
}

fn update(id: BufferId, f: impl FnOnce(&mut Facts)) {
    let mut guard = facts();
    let map = guard.get_or_insert_with(HashMap::new);
    if map.len() >= CAPACITY && !map.contains_key(&id) {
        map.clear();
    }
    f(map.entry(id).or_default());
}

/// The known `(min, max)` of an integer buffer.
pub(crate) fn range(id: BufferId) -> Option<(i64, i64)> {
    facts().as_ref()?.get(&id)?.range
}

/// Remembers the `(min, max)` of an integer buffer.
pub(crate) fn set_range(id: BufferId, r: (i64, i64)) {
    update(id, |f| f.range = Some(r));
}

/// Whether the buffer is known to be an arithmetic sequence (`Some(None)`: known not to be).
pub(crate) fn sequence(id: BufferId) -> Option<Option<Sequence>> {
    facts().as_ref()?.get(&id)?.sequence
}

/// Remembers whether the buffer is an arithmetic sequence.
pub(crate) fn set_sequence(id: BufferId, s: Option<Sequence>) {
    update(id, |f| f.sequence = Some(s));
}

/// Forgets everything about a buffer whose values were just overwritten.
pub(crate) fn forget(id: BufferId) {
    if let Some(map) = facts().as_mut() {
        map.remove(&id);
    }
}
