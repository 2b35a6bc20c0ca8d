//! The plan cache: a repeated expression does not pay for lowering, optimization and planning
//! again.
//!
//! The key is the exact structural fingerprint of the evaluation (`lower::fingerprint`): ops,
//! dtypes, shapes, sharing, which inputs may be overwritten in place, the options. A cached
//! schedule keeps no user buffer alive: each slot that held an input names the input's position
//! instead, and binding fills it with this evaluation's buffer. (Buffers the planner made
//! itself — the positions of a mask's true entries — stay in the plan; such graphs are keyed by
//! their inputs' identities, so the plan is only reused for the same data.)

use crate::fxhash::FxHashMap;
use crate::plan::Schedule;
use crate::runtime::buffer::Buffer;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Bytes the cached plans may hold at most: the buffers they hold plus an estimate of each
/// entry's own size.
pub const BUDGET: usize = 64 << 20;

/// Plans kept at most (the cache is emptied when full: plans are cheap to remake).
const CAPACITY: usize = 1024;

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
    /// Bytes of the buffers the plan holds.
    fn held_bytes(&self) -> usize {
        self.schedule
            .slots
            .iter()
            .filter_map(|s| s.bound.as_ref())
            .map(|b| b.len() * b.dtype().itemsize())
            .sum()
    }

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
}

static CACHE: Mutex<Option<FxHashMap<Vec<u8>, Arc<CachedPlan>>>> = Mutex::new(None);

/// Plans served from the cache so far.
static HITS: AtomicU64 = AtomicU64::new(0);

/// The plan cached under `key`.
pub(crate) fn get(key: &[u8]) -> Option<Arc<CachedPlan>> {
    let plan = CACHE
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()?
        .get(key)
        .cloned()?;
    HITS.fetch_add(1, Ordering::Relaxed);
    Some(plan)
}

/// Bytes of the buffers the cached plans hold (the ones the planner made, such as a mask's
/// true positions; inputs are not held).
pub fn bytes() -> usize {
    CACHE
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()
        .map_or(0, |map| {
            map.iter()
                .map(|(key, plan)| key.len() + plan.held_bytes())
                .sum()
        })
}

/// Plans in the cache.
pub fn entries() -> usize {
    CACHE
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()
        .map_or(0, |map| map.len())
}

/// Evaluations whose plan came from the cache, since the process started.
pub fn hits() -> u64 {
    HITS.load(Ordering::Relaxed)
}

/// Caches `schedule` (planned for inputs `buffers`) under `key`.
pub(crate) fn put(key: Vec<u8>, schedule: &Schedule, buffers: &[Arc<Buffer>], rewrites: usize) {
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
    let plan = Arc::new(CachedPlan {
        schedule,
        inputs,
        rewrites,
    });
    let mut guard = CACHE.lock().unwrap_or_else(|p| p.into_inner());
    let map = guard.get_or_insert_with(FxHashMap::default);
    if map.len() >= CAPACITY {
        map.clear();
    }
    map.insert(key, plan);
}
