//! Rolling mean with a sliding-window view: NumPy's `sliding_window_view(a, w).mean(axis=1)`.
//!
//! In NumPy the window view is free but the mean walks it with poor locality (144 ms for 10M
//! values, window 10, on the reference machine). Here the view is fused into the reduction: one
//! pass over `a` computes every window's sum, then one small pass divides.
//!
//! `cargo run --release --example rolling_mean` (`-- --quick` for a small size).

use lazyarray::Array;
use std::time::Instant;

fn main() -> lazyarray::Result<()> {
    let quick = std::env::args().any(|a| a == "--quick");
    let n = if quick { 100_000 } else { 10_000_000 };
    let w = 10;
    let a = Array::random(&[n], 42).eval()?;

    let rolling = a.windows(w, 0).mean_axis(1);
    println!("rolling mean of {n} values, window {w}: sliding_window_view(a, {w}).mean(axis=1)\n");
    println!("{}", rolling.explain());

    let _ = a.windows(w, 0).mean_axis(1).eval()?; // compile once
    let mut times = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let r = a.windows(w, 0).mean_axis(1).eval()?;
        times.push(t.elapsed().as_secs_f64() * 1e3);
        drop(r);
    }
    times.sort_by(f64::total_cmp);
    let v = rolling.to_vec::<f64>()?;
    let first: f64 = a.slice(lazyarray::s![..w as isize]).sum().item::<f64>()? / w as f64;
    println!("first window's mean: {:.6} (by hand: {:.6})", v[0], first);
    println!("{} windows in {:.3} ms (median of 7)", v.len(), times[3]);
    Ok(())
}
