//! The bandwidth roofline: STREAM-style kernels (copy, scale, triad, a read-only sum and an
//! in-place scale) measured with plain loops at the start of the run, on one thread and on
//! every core, and a case's lower bound on time: the bytes it must move at minimum over the
//! bandwidth of the kernel with the same traffic shape.

use std::hint::black_box;
use std::time::Instant;

/// Which measured bandwidth bounds a case: the STREAM kernel with the same traffic shape.
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Traffic {
    /// Data movement without arithmetic (copies, gathers, tiles): one read and one write stream.
    Copy,
    /// One read stream and one write stream with arithmetic.
    Scale,
    /// Two read streams and one write stream.
    Triad,
    /// Read-only (reductions).
    Sum,
    /// Read and write back the same array.
    InPlace,
}

/// Bandwidths of the five kernels in GB/s (1e9 bytes per second), bytes counted as STREAM does.
#[derive(Copy, Clone, Debug)]
pub struct Rates {
    /// `c = a`: two streams.
    copy: f64,
    /// `b = q * c`: two streams.
    scale: f64,
    /// `a = b + q * c`: three streams.
    triad: f64,
    /// The sum of `a`: one stream.
    sum: f64,
    /// `a *= 1`: two streams (read and write back).
    inplace: f64,
}

impl Rates {
    /// The bandwidth of the kernel for traffic `t`.
    fn of(&self, t: Traffic) -> f64 {
        match t {
            Traffic::Copy => self.copy,
            Traffic::Scale => self.scale,
            Traffic::Triad => self.triad,
            Traffic::Sum => self.sum,
            Traffic::InPlace => self.inplace,
        }
    }

    /// The five bandwidths in one line, for the report.
    fn describe(&self) -> String {
        format!(
            "copy {:.1} GB/s, scale {:.1}, triad {:.1}, sum {:.1}, in-place scale {:.1}",
            self.copy, self.scale, self.triad, self.sum, self.inplace
        )
    }
}

/// The measured bandwidths: on one thread, and split across every core (lazyarray, BLAS and
/// numexpr all use every core by default). The roofline takes the higher of the two.
pub struct Bandwidth {
    /// On one thread.
    one: Rates,
    /// On `threads` threads.
    all: Rates,
    /// The cores used for `all`.
    threads: usize,
    /// Megabytes of each array the kernels ran over.
    mb: usize,
    /// Passes of each kernel; the best counts.
    passes: usize,
}

impl Bandwidth {
    /// The bandwidth that bounds traffic `t`: the higher of one thread's and every core's.
    pub fn of(&self, t: Traffic) -> f64 {
        self.one.of(t).max(self.all.of(t))
    }

    /// The measured bandwidths in three lines: one thread, every core, and which counts.
    pub fn summary(&self) -> String {
        format!(
            "bandwidth (STREAM-style, {} MB arrays, best of {} passes), 1 thread: {}\n\
             bandwidth, {} threads: {}\n\
             (the roofline uses the higher of the two for each kernel)",
            self.mb,
            self.passes,
            self.one.describe(),
            self.threads,
            self.all.describe()
        )
    }

    /// The roofline of a case that must move `bytes` with traffic `t`, in milliseconds
    /// (`None` when the bytes are unknown: the case's inputs could not be made).
    pub fn roofline_ms(&self, bytes: f64, t: Traffic) -> Option<f64> {
        if bytes.is_finite() {
            Some(bytes / (self.of(t) * 1e9) * 1e3)
        } else {
            None
        }
    }

    /// What [`Bandwidth::roofline_ms`] is made of: the bytes and the bandwidth, in words.
    pub fn basis(&self, bytes: f64, t: Traffic) -> String {
        if bytes == 0.0 {
            "0 bytes (the answer can be a view)".to_string()
        } else {
            format!(
                "{:.3} MB at the {} bandwidth, {:.1} GB/s",
                bytes / 1e6,
                format!("{t:?}").to_lowercase(),
                self.of(t)
            )
        }
    }
}

/// Best time of `passes` runs of `f`, in seconds.
fn best_of(passes: usize, mut f: impl FnMut()) -> f64 {
    (0..passes)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// Runs `f` over matching pieces of `out` and `ins`, one piece per thread (scoped threads); an
/// unused input is an empty slice.
fn split(
    threads: usize,
    out: &mut [f64],
    ins: [&[f64]; 2],
    f: impl Fn(&mut [f64], [&[f64]; 2]) + Sync,
) {
    if threads <= 1 {
        f(out, ins);
        return;
    }
    let piece = out.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        for (k, o) in out.chunks_mut(piece).enumerate() {
            let range = k * piece..k * piece + o.len();
            let pieces = ins.map(|x| x.get(range.clone()).unwrap_or(&[]));
            s.spawn(move || f(o, pieces));
        }
    });
}

/// A read-only sum with sixteen accumulators (one would be bound by the add latency).
fn sum16(a: &[f64]) -> f64 {
    let mut acc = [0.0f64; 16];
    let chunks = a.chunks_exact(16);
    let rest: f64 = chunks.remainder().iter().sum();
    for ch in chunks {
        for (s, &x) in acc.iter_mut().zip(ch) {
            *s += x;
        }
    }
    acc.iter().sum::<f64>() + rest
}

/// STREAM's copy, scale, triad and a read-only sum, plus an in-place scale, with plain loops
/// over 10M-element `Vec<f64>`s (80 MB each, far beyond the 32 MiB L3) written before timing so
/// no page fault is timed; on `threads` threads, each on its own part of the arrays.
fn measure_rates(threads: usize, passes: usize) -> Rates {
    const N: usize = 10_000_000;
    let mut a: Vec<f64> = (0..N).map(|i| 1.0 + (i % 7) as f64).collect();
    let mut b: Vec<f64> = (0..N).map(|i| 2.0 + (i % 5) as f64).collect();
    let mut c: Vec<f64> = (0..N).map(|i| 0.5 + (i % 3) as f64).collect();
    let q = black_box(3.0f64);
    let one = black_box(1.0f64);
    let bytes = (N * 8) as f64;
    let gbs = |streams: f64, secs: f64| streams * bytes / secs / 1e9;
    let none: &[f64] = &[];

    let copy = best_of(passes, || {
        split(threads, &mut c, [black_box(&a), none], |o, [x, _]| {
            for (oi, &xi) in o.iter_mut().zip(x) {
                *oi = xi;
            }
        });
        black_box(&mut c);
    });
    let scale = best_of(passes, || {
        split(threads, &mut b, [black_box(&c), none], |o, [x, _]| {
            for (oi, &xi) in o.iter_mut().zip(x) {
                *oi = q * xi;
            }
        });
        black_box(&mut b);
    });
    let triad = best_of(passes, || {
        split(
            threads,
            &mut a,
            [black_box(&b), black_box(&c)],
            |o, [x, y]| {
                for ((oi, &xi), &yi) in o.iter_mut().zip(x).zip(y) {
                    *oi = xi + q * yi;
                }
            },
        );
        black_box(&mut a);
    });
    let sum = best_of(passes, || {
        let a = black_box(&a);
        let total = if threads <= 1 {
            sum16(a)
        } else {
            let piece = a.len().div_ceil(threads);
            std::thread::scope(|s| {
                let parts: Vec<_> = a.chunks(piece).map(|p| s.spawn(move || sum16(p))).collect();
                parts.into_iter().map(|h| h.join().unwrap_or(0.0)).sum()
            })
        };
        black_box(total);
    });
    let inplace = best_of(passes, || {
        split(threads, black_box(&mut a), [none, none], |o, _| {
            for oi in o.iter_mut() {
                *oi *= one;
            }
        });
        black_box(&mut a);
    });
    Rates {
        copy: gbs(2.0, copy),
        scale: gbs(2.0, scale),
        triad: gbs(3.0, triad),
        sum: gbs(1.0, sum),
        inplace: gbs(2.0, inplace),
    }
}

/// Measures the bandwidths (10 passes of each kernel with `quick`, else 20) on one thread and,
/// when the machine has more than one core, on all of them.
pub fn measure_bandwidth(quick: bool) -> Bandwidth {
    let passes = if quick { 10 } else { 20 };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let one = measure_rates(1, passes);
    let all = if threads > 1 {
        measure_rates(threads, passes)
    } else {
        one
    };
    Bandwidth {
        one,
        all,
        threads,
        mb: 80,
        passes,
    }
}
