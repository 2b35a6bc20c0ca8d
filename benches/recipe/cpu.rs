//! CPU accounting from `/proc` (Linux): the share of the machine's CPU that other processes
//! used during the run, which makes every figure noisy on a two-core machine.

use std::time::Instant;

/// CPU time in clock ticks (Linux): busy time of the whole machine, and this process's own
/// (with its waited-for children, the NumPy script), to tell how much other work ran meanwhile.
#[derive(Copy, Clone)]
pub struct CpuTicks {
    /// Busy ticks of the whole machine (all but idle and iowait).
    busy: u64,
    /// This process's user and system ticks, with its waited-for children's.
    own: u64,
    /// When the snapshot was taken.
    at: Instant,
}

/// A snapshot of the machine's and this process's CPU ticks (`None` off Linux).
pub fn cpu_ticks() -> Option<CpuTicks> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let f: Vec<u64> = stat
        .lines()
        .next()?
        .split_whitespace()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal
    let busy = f.get(..8)?.iter().sum::<u64>() - f[3] - f[4];
    let me = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = &me[me.rfind(')')? + 1..];
    // After the name: state, ppid, pgrp, session, tty, tpgid (may be -1), flags, four fault
    // counts, then utime, stime, cutime, cstime.
    let g: Vec<i64> = after
        .split_whitespace()
        .skip(1)
        .map(|x| x.parse().unwrap_or(0))
        .collect();
    let own = g.get(10..14)?.iter().sum::<i64>().max(0) as u64;
    Some(CpuTicks {
        busy,
        own,
        at: Instant::now(),
    })
}

/// The share of the machine's CPU that other processes used between two snapshots.
pub fn others_share(a: Option<CpuTicks>, b: Option<CpuTicks>) -> Option<f64> {
    let (a, b) = (a?, b?);
    let ticks_per_s = 100.0; // USER_HZ on Linux
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
    let other = b.busy.saturating_sub(a.busy) as f64 - b.own.saturating_sub(a.own) as f64;
    let capacity = b.at.duration_since(a.at).as_secs_f64() * ticks_per_s * cpus;
    (capacity > 0.0).then(|| (other / capacity).clamp(0.0, 1.0))
}
