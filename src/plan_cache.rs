//! The plan cache: a repeated expression does not pay for lowering, optimization and planning
//! again.
//!
//! The key is the exact structural fingerprint of the evaluation (`lower::fingerprint`): ops,
//! dtypes, shapes, sharing, which inputs may be overwritten in place, the options. A cached
//! schedule keeps no user buffer alive: each slot that held an input names the input's position
//! instead, and binding fills it with this evaluation's buffer. Buffers the planner made
//! itself — the positions of a mask's true entries, a per-element repeat's source indices —
//! stay in the plan.
//!
//! **Bounds.** The cache holds at most [`BUDGET`] bytes — the buffers its plans hold plus an
//! estimate of each entry's own size — and at most [`CAPACITY`] plans. When a new plan would
//! exceed either, the least recently used plans are evicted, down to three quarters of both
//! bounds (so eviction, which sorts the entries, runs once per many insertions). A plan larger
//! than the whole budget is not cached.
//!
//! **Plans keyed by identity.** A graph that reads data while planning (a `take`, a mask) is
//! keyed by its inputs' identities and versions, so its plan can only be used again while every
//! one of those buffers lives unchanged. Such an entry holds its inputs weakly and is dropped —
//! with the positions it holds — once one of them is freed or overwritten in place: every `put`
//! purges dead entries, and `get` treats one as a miss. A loop over fresh masks therefore keeps
//! one mask's positions, not one per iteration.

use crate::fxhash::FxHashMap;
use crate::plan::{Schedule, SlotInfo, Step};
use crate::storage::buffer::Buffer;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};

/// Bytes the cached plans may hold at most: the buffers they hold plus an estimate of each
/// entry's own size.
pub const BUDGET: usize = 64 << 20;

/// Plans kept at most.
pub const CAPACITY: usize = 1024;

/// An estimate of the memory of one plan step beyond its struct (a launch's kernel expression,
/// loop order, argument layout and node sets), for the byte count.
const STEP_BYTES: usize = 1024;

/// A reusable plan.
pub(crate) struct CachedPlan {
    /// The schedule, with inputs' buffers taken out of its slots.
    pub schedule: Schedule,
    /// Per slot, the input number that binds it.
    inputs: Vec<Option<usize>>,
    /// How many rewrites planning it took (for reports).
    pub rewrites: usize,
}

impl CachedPlan {
    /// The slots' buffers for an evaluation whose inputs are `buffers`.
    pub fn bind(&self, buffers: &[Arc<Buffer>]) -> Vec<Option<Arc<Buffer>>> {
        self.schedule
            .slots
            .iter()
            .zip(&self.inputs)
            .map(|(slot, input)| match input {
                Some(k) => Some(Arc::clone(&buffers[*k])),
                None => slot.bound.clone(),
            })
            .collect()
    }

    /// Bytes of the buffers the plan holds (the planner's own: inputs were taken out).
    fn held_bytes(&self) -> usize {
        self.schedule
            .slots
            .iter()
            .filter_map(|s| s.bound.as_ref())
            .map(|b| b.len().saturating_mul(b.dtype().itemsize()))
            .fold(0, usize::saturating_add)
    }
}

/// A cached plan and what the cache knows about it.
struct Entry {
    plan: Arc<CachedPlan>,
    /// For a plan keyed by its inputs' identities: each input, held weakly, and the version the
    /// plan was made for. Empty for a plan keyed by structure.
    identities: Vec<(Weak<Buffer>, u64)>,
    /// What the entry counts against the budget.
    bytes: usize,
    /// When it was last used (a tick of the cache's clock).
    used: u64,
}

impl Entry {
    /// Whether the plan can still be used: every input it is keyed by lives unchanged.
    fn live(&self) -> bool {
        self.identities
            .iter()
            .all(|(input, version)| input.upgrade().is_some_and(|b| b.version() == *version))
    }
}

/// The cache's state.
#[derive(Default)]
struct Cache {
    map: FxHashMap<Vec<u8>, Entry>,
    /// The sum of the entries' bytes.
    bytes: usize,
    /// The clock of `Entry::used`.
    clock: u64,
    /// Entries keyed by identity (a `put` purges dead ones only when there are some).
    by_identity: usize,
}

impl Cache {
    fn tick(&mut self) -> u64 {
        self.clock += 1;
        self.clock
    }

    /// Removes the entries `drop` selects; they are moved to `out` so their buffers are freed
    /// after the lock is released.
    fn remove_where(&mut self, select: impl Fn(&Entry) -> bool, out: &mut Vec<Entry>) {
        let Cache {
            map,
            bytes,
            by_identity,
            ..
        } = self;
        for (_, entry) in map.extract_if(|_, e| select(e)) {
            *bytes -= entry.bytes;
            *by_identity -= usize::from(!entry.identities.is_empty());
            out.push(entry);
        }
    }

    /// Evicts the least recently used entries until one of `bytes` more fits within three
    /// quarters of the budget and of the capacity.
    fn evict_for(&mut self, bytes: usize, out: &mut Vec<Entry>) {
        let byte_goal = (BUDGET - BUDGET / 4).saturating_sub(bytes);
        let len_goal = CAPACITY - CAPACITY / 4 - 1;
        let mut ages: Vec<(u64, usize)> = self.map.values().map(|e| (e.used, e.bytes)).collect();
        ages.sort_unstable();
        let (mut held, mut len) = (self.bytes, self.map.len());
        let mut cutoff = None;
        for (used, bytes) in ages {
            if held <= byte_goal && len <= len_goal {
                break;
            }
            held -= bytes;
            len -= 1;
            cutoff = Some(used);
        }
        if let Some(cutoff) = cutoff {
            self.remove_where(|e| e.used <= cutoff, out);
        }
    }
}

static CACHE: Mutex<Option<Cache>> = Mutex::new(None);

fn lock() -> MutexGuard<'static, Option<Cache>> {
    CACHE.lock().unwrap_or_else(|p| p.into_inner())
}

/// Plans served from the cache so far.
static HITS: AtomicU64 = AtomicU64::new(0);

/// The plan cached under `key`.
pub(crate) fn get(key: &[u8]) -> Option<Arc<CachedPlan>> {
    let mut dead = Vec::new();
    let plan = {
        let mut guard = lock();
        let cache = guard.as_mut()?;
        let now = cache.tick();
        let entry = cache.map.get_mut(key)?;
        if entry.live() {
            entry.used = now;
            Some(Arc::clone(&entry.plan))
        } else {
            // (Its inputs were freed or overwritten, so no evaluation can match its key: this
            // only happens if a buffer dies between fingerprinting and the lookup.)
            cache.remove_where(|e| !e.live(), &mut dead);
            None
        }
    };
    drop(dead);
    if plan.is_some() {
        HITS.fetch_add(1, Ordering::Relaxed);
    }
    plan
}

/// Caches `schedule` (planned for inputs `buffers`) under `key`; `by_identity` tells that the
/// key names `buffers` by identity and version (see the module's documentation).
pub(crate) fn put(
    key: Vec<u8>,
    schedule: &Schedule,
    buffers: &[Arc<Buffer>],
    by_identity: bool,
    rewrites: usize,
) {
    let number: HashMap<_, usize> = buffers
        .iter()
        .enumerate()
        .map(|(k, b)| (b.id(), k))
        .collect();
    let mut schedule = schedule.clone();
    let mut inputs = Vec::with_capacity(schedule.slots.len());
    for slot in &mut schedule.slots {
        let k = slot
            .bound
            .as_ref()
            .and_then(|b| number.get(&b.id()).copied());
        if k.is_some() {
            slot.bound = None;
        }
        inputs.push(k);
    }
    let identities: Vec<(Weak<Buffer>, u64)> = if by_identity {
        buffers
            .iter()
            .map(|b| (Arc::downgrade(b), b.version()))
            .collect()
    } else {
        Vec::new()
    };
    let plan = CachedPlan {
        schedule,
        inputs,
        rewrites,
    };
    let bytes = plan
        .held_bytes()
        .saturating_add(entry_overhead(&key, &plan, identities.len()));
    let mut entry = Some(Entry {
        plan: Arc::new(plan),
        identities,
        bytes,
        used: 0,
    });
    // Entries removed, and the new one if it is not kept: freed once the lock is released.
    let mut dropped = Vec::new();
    {
        let mut guard = lock();
        let cache = guard.get_or_insert_with(Cache::default);
        if cache.by_identity > 0 {
            cache.remove_where(|e| !e.live(), &mut dropped);
        }
        if let Some(old) = cache.map.get(&key) {
            // (Another thread planned the same evaluation meanwhile.)
            let used = old.used;
            cache.remove_where(|e| e.used == used, &mut dropped);
        }
        if bytes <= BUDGET
            && let Some(mut new) = entry.take()
        {
            if cache.bytes + bytes > BUDGET || cache.map.len() >= CAPACITY {
                cache.evict_for(bytes, &mut dropped);
            }
            new.used = cache.tick();
            cache.bytes += bytes;
            cache.by_identity += usize::from(!new.identities.is_empty());
            cache.map.insert(key, new);
        }
    }
    drop(dropped);
    drop(entry);
}

/// An estimate of an entry's own memory: its key, the plan's structs and steps, its inputs.
fn entry_overhead(key: &[u8], plan: &CachedPlan, identities: usize) -> usize {
    let slots = plan.schedule.slots.len();
    let steps = plan.schedule.steps.len();
    key.len()
        + size_of::<Entry>()
        + size_of::<CachedPlan>()
        + slots * (size_of::<SlotInfo>() + size_of::<Option<usize>>())
        + steps * (size_of::<Step>() + STEP_BYTES)
        + identities * size_of::<(Weak<Buffer>, u64)>()
}

/// Bytes the plan cache counts against its budget ([`BUDGET`]): the buffers its plans hold
/// (the ones the planner made, such as a mask's true positions; inputs are not held) plus an
/// estimate of each entry's own size.
pub fn bytes() -> usize {
    lock().as_ref().map_or(0, |c| c.bytes)
}

/// Plans in the cache.
pub fn entries() -> usize {
    lock().as_ref().map_or(0, |c| c.map.len())
}

/// Evaluations whose plan came from the cache, since the process started.
pub fn hits() -> u64 {
    HITS.load(Ordering::Relaxed)
}
