//! The recipe's outer product: `np.tile(ac, (1, n)) * np.tile(ar, (n, 1))` against
//! broadcasting `ac * ar`. The tiles become zero-stride views, so both forms run the same single
//! loop, and neither makes a tiled copy.
//!
//! `cargo run --release --example outer_product` (`-- --quick` for a small size).

use lazyarray::{Array, DType};
use std::time::Instant;

fn time(f: impl Fn() -> Array) -> lazyarray::Result<f64> {
    let _ = f().eval()?;
    let mut times = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let r = f().eval()?;
        times.push(t.elapsed().as_secs_f64() * 1e3);
        drop(r);
    }
    times.sort_by(f64::total_cmp);
    Ok(times[3])
}

fn main() -> lazyarray::Result<()> {
    let quick = std::env::args().any(|a| a == "--quick");
    let n = if quick { 100 } else { 1000 };
    let a = Array::arange(0, n as i64, 1).astype(DType::F64).eval()?;
    let ac = a.reshape(&[-1, 1]);
    let ar = a.reshape(&[1, -1]);

    let tiled = || ac.tile(&[1, n]) * ar.tile(&[n, 1]);
    let broadcast = || &ac * &ar;
    println!("outer product, n = {n}\n");
    println!(
        "np.tile(ac, (1, n)) * np.tile(ar, (n, 1)):\n{}",
        tiled().explain()
    );
    let (t1, t2) = (time(tiled)?, time(broadcast)?);
    let same = tiled().to_vec::<f64>()? == broadcast().to_vec::<f64>()?;
    println!(
        "tile form {t1:.3} ms, broadcast form {t2:.3} ms (medians of 7); equal results: {same}"
    );
    Ok(())
}
