//! The process's memory stays bounded when a program is evaluated again and again with
//! changing scalars. This measures the whole process's resident size, so it lives alone in its
//! own test binary: a test running beside it in the same process (the API fuzzer shrinking a
//! failure allocates hundreds of MB) would be counted as its growth.

use lazyarray::Array;

/// Kernels embed their scalar constants, and the kernel cache (and the JIT's code memory) never
/// evicts: a loop over changing scalars (`(&a + t).sum()` for each time step) compiles and
/// keeps a new kernel per value, about 5 KB each, without bound (found as the proptest driver
/// of this file being killed at 24 GB after ~10^6 programs). Fixed: constants other than a
/// power's exponent are kernel parameters, read from the argument block, so one compiled
/// kernel serves every value.
#[test]
#[cfg(target_os = "linux")]
fn regression_distinct_scalar_constants_do_not_grow_memory_without_bound() {
    fn rss_mb() -> u64 {
        let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
        let line = status
            .lines()
            .find(|l| l.starts_with("VmRSS"))
            .expect("VmRSS");
        let kb: u64 = line
            .split_whitespace()
            .nth(1)
            .and_then(|v| v.parse().ok())
            .expect("a number");
        kb / 1024
    }
    let a = Array::from_vec((0..64).map(f64::from).collect(), &[64])
        .eval()
        .expect("eval");
    let run = |from: u32, n: u32| {
        for i in from..from + n {
            let c = f64::from(i) * 0.001;
            (&a + c).to_vec::<f64>().expect("eval");
        }
    };
    run(0, 2000);
    let before = rss_mb();
    run(2000, 40_000);
    let grown = rss_mb().saturating_sub(before);
    assert!(
        grown < 32,
        "40000 distinct constants grew the process by {grown} MB"
    );
}
