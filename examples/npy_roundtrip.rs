//! Saving and loading `.npy` files: arrays of every dtype, C and Fortran order; a large file is
//! memory-mapped when loaded. With NumPy installed, `np.load` reads what this writes.
//!
//! `cargo run --release --example npy_roundtrip` (`-- --quick` for a small size).

use lazyarray::{Array, DType, npy};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let quick = std::env::args().any(|a| a == "--quick");
    let dir = std::env::temp_dir().join(format!("lazyarray-npy-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;

    let m = Array::arange(0.0, 12.0, 1.0).reshape(&[3, 4]);
    let cases = [
        ("float64 3x4", m.clone()),
        (
            "float32 transposed (saved in Fortran order)",
            m.astype(DType::F32).t(),
        ),
        ("int32", Array::arange(-5, 5, 1).astype(DType::I32)),
        ("bool mask", m.gt(5.5)),
        ("0-d int64", Array::scalar(42i64)),
    ];
    for (name, a) in &cases {
        let path = dir.join(format!("{}.npy", name.split(' ').next().unwrap_or("a")));
        npy::save(&path, a)?;
        let back = npy::load(&path)?;
        let same =
            back.astype(DType::F64).to_vec::<f64>()? == a.astype(DType::F64).to_vec::<f64>()?;
        let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        println!(
            "{name:<45} shape {:?}, {bytes} bytes on disk, round trip equal: {same}",
            back.shape()
        );
    }

    let n = if quick { 200_000 } else { 20_000_000 };
    let big = Array::random(&[n], 1);
    let path = dir.join("big.npy");
    npy::save(&path, &big)?;
    let t = std::time::Instant::now();
    let loaded = npy::load(&path)?;
    println!(
        "\n{n} float64 values ({:.0} MB): loaded in {:.3} ms (memory-mapped: {}), sum {:.3}",
        (n * 8) as f64 / 1e6,
        t.elapsed().as_secs_f64() * 1e3,
        npy::is_mapped(&loaded),
        loaded.sum().item::<f64>()?
    );
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
