//! The NumPy performance recipe, case by case: the naive code a NumPy user writes, what
//! lazyarray's optimizer made of it (from `explain()`), and its time next to the expert form.
//!
//! `cargo run --release --example recipe` (add `-- --quick` for small sizes). The side-by-side
//! table with NumPy itself is `cargo bench --bench recipe`.

use lazyarray::{Array, DType, Plan, s};
use std::time::Instant;

/// One recipe case: the naive form and the expert's form, both as lazyarray code. Each builds
/// its expression from a fresh input made by `input` (for most cases a handle to shared data;
/// for the in-place case a buffer only the expression holds, so it can be overwritten).
struct Case {
    title: &'static str,
    naive_code: &'static str,
    expert_code: &'static str,
    input: Box<dyn Fn() -> Array>,
    naive: Box<dyn Fn(Array) -> Array>,
    expert: Box<dyn Fn(Array) -> Array>,
}

fn main() -> lazyarray::Result<()> {
    let quick = std::env::args().any(|a| a == "--quick");
    let scale = if quick { 100 } else { 1 };
    println!(
        "The NumPy performance recipe, automated{}\n",
        if quick { " (--quick sizes)" } else { "" }
    );

    let n = 10_000_000 / scale;
    let a = Array::random(&[n], 1).eval()?;
    let m10 = Array::random(&[10, 10], 2).eval()?;
    let (rows, cols) = (100_000 / scale, 100);
    let big = Array::random(&[rows, cols], 3).eval()?;
    let every_tenth = Array::arange(0, rows as i64, 10);
    let random_rows = (Array::random(&[10_000 / scale], 4) * rows as f64)
        .astype(DType::I64)
        .eval()?;
    let half = Array::random(&[rows], 5).lt(0.5).eval()?;
    let side = 5000 / scale.min(10);
    let square = Array::random(&[side, side], 6).eval()?;
    let outer_n = 1000 / scale.min(10);
    let v = Array::arange(0, outer_n as i64, 1)
        .astype(DType::F64)
        .eval()?;
    let b = Array::random(&[n], 7).eval()?;

    let shared = |x: &Array| -> Box<dyn Fn() -> Array> {
        let x = x.clone();
        Box::new(move || x.clone())
    };
    let cases = vec![
        Case {
            title: "in-place vs implicit copy",
            naive_code: "a = a * 2   (the old a is not used again)",
            expert_code: "b = a * 2   (a is still needed: a new buffer)",
            input: {
                let a = a.clone();
                Box::new(move || (&a + 0.0).eval().expect("a fresh copy"))
            },
            naive: Box::new(|x| x * 2.0),
            expert: Box::new(|x| &x * 2.0 + x.slice(s![..0]).sum()),
        },
        Case {
            title: "reshape: view, or a copy for a transposed array",
            naive_code: "m.T.reshape(100) * 1.5",
            expert_code: "m.reshape(100) * 1.5",
            input: shared(&m10),
            naive: Box::new(|m| m.t().reshape(&[100]) * 1.5),
            expert: Box::new(|m| m.reshape(&[100]) * 1.5),
        },
        Case {
            title: "flatten vs ravel",
            naive_code: "m.flatten()",
            expert_code: "m.ravel()",
            input: shared(&m10),
            naive: Box::new(|m| m.flatten()),
            expert: Box::new(|m| m.ravel()),
        },
        Case {
            title: "outer product: tile vs broadcasting",
            naive_code: "np.tile(ac, (1, n)) * np.tile(ar, (n, 1))",
            expert_code: "ac * ar",
            input: shared(&v),
            naive: Box::new(move |v| {
                v.reshape(&[-1, 1]).tile(&[1, outer_n]) * v.reshape(&[1, -1]).tile(&[outer_n, 1])
            }),
            expert: Box::new(|v| v.reshape(&[-1, 1]) * v.reshape(&[1, -1])),
        },
        Case {
            title: "views vs fancy indexing",
            naive_code: "a[np.arange(0, n, 10)]",
            expert_code: "a[::10]",
            input: shared(&big),
            naive: Box::new(move |x| x.index(&every_tenth)),
            expert: Box::new(|x| x.slice(s![..;10])),
        },
        Case {
            title: "take vs fancy indexing (arbitrary rows)",
            naive_code: "a[i]",
            expert_code: "np.take(a, i, axis=0)",
            input: shared(&big),
            naive: {
                let i = random_rows.clone();
                Box::new(move |x| x.index(&i))
            },
            expert: Box::new(move |x| x.take(&random_rows, 0)),
        },
        Case {
            title: "compress vs boolean mask",
            naive_code: "a[mask]",
            expert_code: "np.compress(mask, a, axis=0)",
            input: shared(&big),
            naive: {
                let m = half.clone();
                Box::new(move |x| x.mask(&m))
            },
            expert: Box::new(move |x| x.compress(&half, 0)),
        },
        Case {
            title: "locality: column vs row sums",
            naive_code: "a[:, 0].sum()",
            expert_code: "a[0, :].sum()",
            input: shared(&square),
            naive: Box::new(|x| x.slice(s![.., 0]).sum()),
            expert: Box::new(|x| x.slice(s![0, ..]).sum()),
        },
        Case {
            title: "sums over each axis of a transposed matrix",
            naive_code: "a.T.sum(axis=0)",
            expert_code: "a.sum(axis=1)",
            input: shared(&square),
            naive: Box::new(|x| x.t().sum_axis(0)),
            expert: Box::new(|x| x.sum_axis(1)),
        },
        Case {
            title: "temporaries: one fused loop (numexpr's idea)",
            naive_code: "2*a**2 + 3*a + 1",
            expert_code: "(2*a + 3)*a + 1   (Horner, what numexpr would run)",
            input: shared(&a),
            naive: Box::new(|a| 2.0 * a.pow(2.0) + 3.0 * &a + 1.0),
            expert: Box::new(|a| (2.0 * &a + 3.0) * &a + 1.0),
        },
        Case {
            title: "reductions fused with their producers",
            naive_code: "(a * b).sum()",
            expert_code: "np.dot(a, b)",
            input: shared(&a),
            naive: {
                let b = b.clone();
                Box::new(move |a| (&a * &b).sum())
            },
            expert: Box::new(move |a| (&a * &b).sum()),
        },
    ];

    for case in &cases {
        let naive = (case.naive)((case.input)());
        let plan = naive.explain();
        println!("== {} ==", case.title);
        println!("  naive:  {}", case.naive_code);
        println!("  expert: {}", case.expert_code);
        summarize(&plan);
        let t_naive = time(&*case.input, &*case.naive)?;
        let t_expert = time(&*case.input, &*case.expert)?;
        println!(
            "  time: naive form {} | expert form {}  (median of {} runs)\n",
            ms(t_naive),
            ms(t_expert),
            RUNS
        );
    }
    Ok(())
}

const RUNS: usize = 7;

/// Median wall time of building and evaluating a fresh expression over a fresh input
/// (compile excluded: one warm-up run first; making the input is not timed).
fn time(input: &dyn Fn() -> Array, build: &dyn Fn(Array) -> Array) -> lazyarray::Result<f64> {
    let _ = build(input()).eval()?;
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let x = input();
        let start = Instant::now();
        let out = build(x).eval()?;
        times.push(start.elapsed().as_secs_f64() * 1e3);
        drop(out);
    }
    times.sort_by(f64::total_cmp);
    Ok(times[RUNS / 2])
}

fn ms(t: f64) -> String {
    if t < 0.01 {
        format!("{:.1} µs", t * 1e3)
    } else {
        format!("{t:.3} ms")
    }
}

/// The plan in a few lines: what fired, the kernels, and the totals next to NumPy's.
fn summarize(plan: &Plan) {
    if let Some(e) = &plan.error {
        println!("  error: {e}");
        return;
    }
    for r in &plan.rewrites {
        let saved = if r.saved_bytes > 0 {
            format!(" (saved {} copy)", bytes(r.saved_bytes))
        } else {
            String::new()
        };
        println!("  rewrite: {:<18} {}{}", r.rule, r.what, saved);
    }
    for v in &plan.views {
        println!("  plan:   {v}");
    }
    for (i, k) in plan.kernels.iter().enumerate() {
        let lanes = if k.vector_lanes > 1 {
            format!(", {}-lane vectors", k.vector_lanes)
        } else {
            String::new()
        };
        let nest: Vec<String> = k.loops.iter().map(|l| l.extent.to_string()).collect();
        println!(
            "  kernel {i}: {} out = {}  [loops {}{}; writes {}]",
            k.kind,
            k.body,
            nest.join("x"),
            lanes,
            k.writes.kind
        );
    }
    for w in &plan.warnings {
        println!("  note:   {w}");
    }
    let (t, n) = (plan.totals, plan.naive);
    println!(
        "  totals: {} kernels, {} allocations, {} moved   (NumPy eager: {} kernels, {} allocations, {} moved)",
        t.kernels,
        t.allocations,
        bytes(t.bytes_moved),
        n.kernels,
        n.allocations,
        bytes(n.bytes_moved)
    );
}

fn bytes(b: usize) -> String {
    match b {
        0..1_000 => format!("{b} B"),
        1_000..1_000_000 => format!("{:.1} kB", b as f64 / 1e3),
        _ => format!("{:.1} MB", b as f64 / 1e6),
    }
}
