//! Softmax over the rows of a float32 matrix, written the obvious NumPy way:
//! `e = exp(x - x.max(axis=1, keepdims=True)); e / e.sum(axis=1, keepdims=True)`.
//!
//! NumPy runs five passes with four temporaries. Here: one kernel for the row maxima, one that
//! computes `exp(x - max)` and its row sums without storing it, and one that writes the result
//! — `exp` is an inline vectorized polynomial.
//!
//! `cargo run --release --example softmax` (`-- --quick` for a small size).

use lazyarray::{Array, DType};
use std::time::Instant;

fn softmax(x: &Array) -> Array {
    let e = (x - x.max_axes(&[1], true)).exp();
    &e / e.sum_axes(&[1], true)
}

fn main() -> lazyarray::Result<()> {
    let quick = std::env::args().any(|a| a == "--quick");
    let (rows, cols) = if quick { (100, 1000) } else { (1000, 10_000) };
    let x = (Array::random(&[rows, cols], 7) * 10.0)
        .astype(DType::F32)
        .eval()?;

    let y = softmax(&x);
    println!("softmax over the rows of a {rows}x{cols} float32 matrix\n");
    println!("{}", y.explain());

    let _ = softmax(&x).eval()?;
    let mut times = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let r = softmax(&x).eval()?;
        times.push(t.elapsed().as_secs_f64() * 1e3);
        drop(r);
    }
    times.sort_by(f64::total_cmp);
    let sums = y.sum_axis(1).to_vec::<f32>()?;
    let worst = sums.iter().map(|s| (s - 1.0).abs()).fold(0.0f32, f32::max);
    println!("every row sums to 1 within {worst:.1e}");
    println!("{:.3} ms (median of 7)", times[3]);
    Ok(())
}
