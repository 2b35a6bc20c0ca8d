//! Compilation, the step between planning and running: every kernel of a schedule is compiled
//! (or found in the kernel cache, or in the schedule itself when the plan was cached) before
//! the first step runs. A failed compilation therefore fails an evaluation before it writes
//! anything, and the executor only calls machine code.

use crate::codegen::jit::{self, CacheOutcome, Compiled};
use crate::error::{Error, Result};
use crate::plan::Schedule;
use std::panic::Location;

/// One launch's machine code, and whether this evaluation compiled it.
#[derive(Copy, Clone, Debug)]
pub(crate) struct Kernel {
    pub compiled: Compiled,
    pub outcome: CacheOutcome,
}

/// Per launch of `schedule`, in [`Schedule::launches`] order: its kernel, or `None` for a launch
/// over an empty domain (it never runs, so nothing is compiled for it).
pub(crate) fn compile(schedule: &Schedule) -> Result<Vec<Option<Kernel>>> {
    schedule
        .launches()
        .map(|launch| {
            let k = &launch.kernel;
            if k.extents.contains(&0) {
                return Ok(None);
            }
            if let Some(&compiled) = launch.compiled.get() {
                return Ok(Some(Kernel {
                    compiled,
                    outcome: CacheOutcome::Hit,
                }));
            }
            let (compiled, outcome) = jit::kernel(&k.spec)
                .map_err(|e| Error::internal("compile", e, Location::caller()))?;
            let _ = launch.compiled.set(compiled);
            Ok(Some(Kernel { compiled, outcome }))
        })
        .collect()
}
