//! Snapshot tests of `explain()`'s text for the NumPy performance recipe's cases (the ones
//! `examples/recipe.rs` and `benches/recipe/` run: views instead of copies, broadcast instead
//! of tile, take/compress instead of fancy indexing, fused arithmetic and reductions), with
//! small sizes and fixed seeds so the text is stable, and tests of `explain_analyze()`.
//!
//! Two things in the text depend on the test process rather than on the expression, and are
//! normalized before comparing: buffer ids (`buffer #12` — a process-wide counter, so they
//! change with the order in which parallel tests allocate) become `#N`, and the line numbers of
//! call sites (`tests/explain.rs:123`) become `:L`.

mod common;
use common::*;
use lazyarray::{Array, s};

/// The text with buffer ids and call-site line numbers replaced (see the module docs).
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let digits_after = |prefix: &str| -> usize {
            rest.strip_prefix(prefix)
                .map_or(0, |r| r.chars().take_while(|d| d.is_ascii_digit()).count())
        };
        if c == '#' && digits_after("#") > 0 {
            // keep the width, so the padding that aligns the next column stays the same
            let digits = digits_after("#");
            let spaces = rest[1 + digits..].chars().take_while(|&d| d == ' ').count();
            out.push_str("#N");
            if spaces > 0 {
                out.push_str(&" ".repeat(digits + spaces - 1));
            }
            rest = &rest[1 + digits + spaces..];
        } else if rest.starts_with(".rs:") && digits_after(".rs:") > 0 {
            out.push_str(".rs:L");
            rest = &rest[4 + digits_after(".rs:")..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Asserts `explain()` of `a` prints `expected` (after [`normalize`]; `expected` may start with
/// a newline, which is dropped).
#[track_caller]
fn assert_explains(a: &Array, expected: &str) {
    let actual = normalize(&a.explain().to_string());
    let expected = expected.strip_prefix('\n').unwrap_or(expected);
    // `LAZYARRAY_UPDATE_SNAPSHOTS=1 cargo test --test explain` writes each actual text to
    // target/snapshots/explain-<line>.txt for review (then paste it over the literal).
    if std::env::var_os("LAZYARRAY_UPDATE_SNAPSHOTS").is_some() {
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("../snapshots");
        std::fs::create_dir_all(&dir).expect("create the snapshot directory");
        let line = std::panic::Location::caller().line();
        std::fs::write(dir.join(format!("explain-{line}.txt")), &actual).expect("write a snapshot");
        return;
    }
    if actual != expected {
        let line = actual
            .lines()
            .zip(expected.lines())
            .position(|(x, y)| x != y)
            .map_or_else(
                || "(one is a prefix of the other)".into(),
                |i| format!("{}", i + 1),
            );
        panic!(
            "explain() text differs from the snapshot at line {line}\n\
             ---- actual ----\n{actual}---- expected ----\n{expected}---- end ----"
        );
    }
}

#[test]
fn normalize_replaces_buffer_ids_and_line_numbers_only() {
    assert_eq!(
        normalize("%0 = buffer #12   float64[3]\nat tests/explain.rs:40 x #y 3#"),
        "%0 = buffer #N    float64[3]\nat tests/explain.rs:L x #y 3#"
    );
    // the column after an id stays where it was, whatever the id's width
    assert_eq!(
        normalize("%0 = buffer #7     float64[3]"),
        normalize("%0 = buffer #1234  float64[3]")
    );
}

// ---------------------------------------------------------------------------------------------
// In-place and implicit-copy operations: `c = a * 2` vs `a *= 2`.
// ---------------------------------------------------------------------------------------------

#[test]
fn times_two_into_a_new_array() {
    // c = a * 2 with `a` still in use: a new buffer
    let a = Array::random(&[8], 1).eval().unwrap();
    let c = &a * 2.0;
    assert_explains(
        &c,
        r"
== graph as written ==
%0 = array                                       float64[8]
%1 = full 2.0                                    float64[8]
%2 = * (%0, %1)                                  float64[8]
out: %2

== rewrites ==
(none)

== plan ==
kernel 0: map    out = a1 * 2.0
  loops: 8 [2-lane vectors]   threads: 1
  byte strides: a0 [8]; a1 [8]
  reads: a1=%0 (64 B, input)
  writes: %2 (64 B, new)   moves 128 B

== totals ==
                       this plan   NumPy eager
kernels                        1             1
allocations                    1             1
bytes allocated             64 B          64 B
bytes moved                128 B         128 B
",
    );
}

#[test]
fn times_two_in_place() {
    // a *= 2: nothing else holds the old `a`, so the result is written into its buffer
    let mut a = Array::random(&[8], 1).eval().unwrap();
    a *= 2.0;
    assert_explains(
        &a,
        r"
== graph as written ==
%0 = array                                       float64[8]
%1 = full 2.0                                    float64[8]
%2 = * (%0, %1)                                  float64[8]
out: %2

== rewrites ==
(none)

== plan ==
kernel 0: map    out = a1 * 2.0
  loops: 8 [2-lane vectors]   threads: 1
  byte strides: a0 [8]; a1 [8]
  reads: a1=%0 (64 B, input)
  writes: %2 (64 B, reused in place)   moves 128 B

== totals ==
                       this plan   NumPy eager
kernels                        1             1
allocations                    0             1
bytes allocated              0 B          64 B
bytes moved                128 B         128 B
",
    );
}

// ---------------------------------------------------------------------------------------------
// Reshaping: a.reshape((1, -1)) is a view, a.T.reshape((1, -1)) a copy.
// ---------------------------------------------------------------------------------------------

fn zeros10() -> Array {
    // np.zeros((10, 10))
    Array::zeros(&[10, 10]).eval().unwrap()
}

#[test]
fn reshape_of_a_contiguous_matrix() {
    assert_explains(
        &zeros10().reshape(&[1, -1]),
        r"
== graph as written ==
%0 = array                                       float64[10,10]
%1 = reshape(1,100) (%0)                         float64[1,100]
out: %1

== rewrites ==
(none)

== plan ==
the result is a view of %0 (as_strided(shape=(1,100), element strides=(100,1), offset=0)): nothing to compute

== totals ==
                       this plan   NumPy eager
kernels                        0             0
allocations                    0             0
bytes allocated              0 B           0 B
bytes moved                  0 B           0 B
",
    );
}

#[test]
fn reshape_of_a_transposed_matrix() {
    assert_explains(
        &zeros10().t().reshape(&[1, -1]),
        r"
== graph as written ==
%0 = array                                       float64[10,10]
%1 = transpose(1,0) (%0)                         float64[10,10]
%2 = reshape(1,100) (%1)                         float64[1,100]
out: %2

== rewrites ==
(none)

== plan ==
kernel 0: map    out = a1
  loops: 10 x 10   threads: 1
  byte strides: a0 [80, 8]; a1 [8, 80]
  reads: a1=%0 (800 B, input)
  writes: %2 (800 B, new)   moves 1.6 kB

== warnings ==
- kernel 0: a reshape of a non-contiguous layout is read through a split loop (the copy NumPy makes happens inside this kernel)
- kernel 0: the innermost loop strides 80 bytes through a1 (poor locality: one cache line per element)
- unavoidable copy: %2 (view) is materialized in C order first, because a view of it cannot be expressed (a reshape of a non-contiguous layout; NumPy copies there too)

== totals ==
                       this plan   NumPy eager
kernels                        1             1
allocations                    1             1
bytes allocated            800 B         800 B
bytes moved               1.6 kB        1.6 kB
",
    );
}

#[test]
fn reshape_of_a_transposed_matrix_inside_an_expression() {
    // a.T.reshape(-1) + 1: the copy happens in the addition's loop
    assert_explains(
        &(zeros10().t().reshape(&[-1]) + 1.0),
        r"
== graph as written ==
%0 = array                                       float64[10,10]
%1 = transpose(1,0) (%0)                         float64[10,10]
%2 = reshape(100) (%1)                           float64[100]
%3 = full 1.0                                    float64[100]
%4 = + (%2, %3)                                  float64[100]
out: %4

== rewrites ==
(none)

== plan ==
kernel 0: map    out = a1 + 1.0
  loops: 10 x 10   threads: 1
  byte strides: a0 [80, 8]; a1 [8, 80]
  reads: a1=%0 (800 B, input)
  writes: %4 (800 B, new)   moves 1.6 kB

== warnings ==
- kernel 0: a reshape of a non-contiguous layout is read through a split loop (the copy NumPy makes happens inside this kernel)
- kernel 0: the innermost loop strides 80 bytes through a1 (poor locality: one cache line per element)

== totals ==
                       this plan   NumPy eager
kernels                        1             2
allocations                    1             2
bytes allocated            800 B        1.6 kB
bytes moved               1.6 kB        3.2 kB
",
    );
}

#[test]
fn flatten() {
    assert_explains(
        &zeros10().flatten(),
        r"
== graph as written ==
%0 = array                                       float64[10,10]
%1 = copy (%0)                                   float64[10,10]
%2 = reshape(100) (%1)                           float64[100]
out: %2

== rewrites ==
flatten_view       flatten copy → view  (saved 800 B copy)

== graph as planned ==
%0 = array                                       float64[10,10]
%1 = reshape(100) (%0)                           float64[100]
out: %1

== plan ==
the result is a view of %0 (as_strided(shape=(100,), element strides=(1,), offset=0)): nothing to compute

== totals ==
                       this plan   NumPy eager
kernels                        0             1
allocations                    0             1
bytes allocated              0 B         800 B
bytes moved                  0 B        1.6 kB
",
    );
}

#[test]
fn ravel() {
    assert_explains(
        &zeros10().ravel(),
        r"
== graph as written ==
%0 = array                                       float64[10,10]
%1 = reshape(100) (%0)                           float64[100]
out: %1

== rewrites ==
(none)

== plan ==
the result is a view of %0 (as_strided(shape=(100,), element strides=(1,), offset=0)): nothing to compute

== totals ==
                       this plan   NumPy eager
kernels                        0             0
allocations                    0             0
bytes allocated              0 B           0 B
bytes moved                  0 B           0 B
",
    );
}

// ---------------------------------------------------------------------------------------------
// Broadcasting: outer product via tile vs broadcasting.
// ---------------------------------------------------------------------------------------------

#[test]
fn outer_product_via_tile() {
    // a = np.arange(4); np.tile(a[:, None], (1, 4)) * np.tile(a[None, :], (4, 1))
    let a = Array::arange(0i64, 4, 1).eval().unwrap();
    let ac = a.reshape(&[-1, 1]);
    let ar = a.reshape(&[1, -1]);
    assert_explains(
        &(ac.tile(&[1, 4]) * ar.tile(&[4, 1])),
        r"
== graph as written ==
%0 = array                                       int64[4]
%1 = reshape(4,1) (%0)                           int64[4,1]
%2 = tile reps=(1,4) (%1)                        int64[4,4]
%3 = reshape(1,4) (%0)                           int64[1,4]
%4 = tile reps=(4,1) (%3)                        int64[4,4]
%5 = * (%2, %4)                                  int64[4,4]
out: %5

== rewrites ==
tile_to_broadcast  tile → broadcast  (saved 128 B copy)
tile_to_broadcast  tile → broadcast  (saved 128 B copy)
compose_views      4 views → one (reshape(4,1), reshape(1,4,1,1), broadcast_to(1,4,4,1), reshape(4,4))
compose_views      4 views → one (reshape(1,4), reshape(1,1,1,4), broadcast_to(4,1,1,4), reshape(4,4))

== graph as planned ==
%0 = array                                       int64[4]
%1 = as_strided(shape=(4,4), element strides=(1,0), offset=0) (%0) int64[4,4]
%2 = as_strided(shape=(4,4), element strides=(0,1), offset=0) (%0) int64[4,4]
%3 = * (%1, %2)                                  int64[4,4]
out: %3

== plan ==
kernel 0: map    out = a1 * a2
  loops: 4 x 4 [2-lane vectors]   threads: 1
  byte strides: a0 [32, 8]; a1 [8, 0]; a2 [0, 8]
  reads: a1=%0 (32 B, input), a2=%0 (32 B, input)
  writes: %3 (128 B, new)   moves 192 B

== totals ==
                       this plan   NumPy eager
kernels                        1             3
allocations                    1             3
bytes allocated            128 B         384 B
bytes moved                192 B         704 B
",
    );
}

#[test]
fn outer_product_via_broadcasting() {
    // ar * ac
    let a = Array::arange(0i64, 4, 1).eval().unwrap();
    let ac = a.reshape(&[-1, 1]);
    let ar = a.reshape(&[1, -1]);
    assert_explains(
        &(&ar * &ac),
        r"
== graph as written ==
%0 = array                                       int64[4]
%1 = reshape(1,4) (%0)                           int64[1,4]
%2 = broadcast_to(4,4) (%1)                      int64[4,4]
%3 = reshape(4,1) (%0)                           int64[4,1]
%4 = broadcast_to(4,4) (%3)                      int64[4,4]
%5 = * (%2, %4)                                  int64[4,4]
out: %5

== rewrites ==
compose_views      2 views → one (reshape(1,4), broadcast_to(4,4))
compose_views      2 views → one (reshape(4,1), broadcast_to(4,4))

== graph as planned ==
%0 = array                                       int64[4]
%1 = as_strided(shape=(4,4), element strides=(0,1), offset=0) (%0) int64[4,4]
%2 = as_strided(shape=(4,4), element strides=(1,0), offset=0) (%0) int64[4,4]
%3 = * (%1, %2)                                  int64[4,4]
out: %3

== plan ==
kernel 0: map    out = a1 * a2
  loops: 4 x 4 [2-lane vectors]   threads: 1
  byte strides: a0 [32, 8]; a1 [0, 8]; a2 [8, 0]
  reads: a1=%0 (32 B, input), a2=%0 (32 B, input)
  writes: %3 (128 B, new)   moves 192 B

== totals ==
                       this plan   NumPy eager
kernels                        1             1
allocations                    1             1
bytes allocated            128 B         128 B
bytes moved                192 B         192 B
",
    );
}

// ---------------------------------------------------------------------------------------------
// Selections: a[::10], a[np.arange(0, n, 10)], np.take(a, i, axis=0), a[mask], np.compress.
// ---------------------------------------------------------------------------------------------

fn rows() -> Array {
    // n, d = 20, 3; np.random.seed(4); a = np.random.random_sample((n, d))
    Array::random(&[20, 3], 4).eval().unwrap()
}

#[test]
fn every_tenth_row_as_a_view() {
    assert_explains(
        &rows().slice(s![..;10]),
        r"
== graph as written ==
%0 = array                                       float64[20,3]
%1 = slice[0:11:10, :3] (%0)                     float64[2,3]
out: %1

== rewrites ==
(none)

== plan ==
the result is a view of %0 (as_strided(shape=(2,3), element strides=(30,1), offset=0)): nothing to compute

== totals ==
                       this plan   NumPy eager
kernels                        0             0
allocations                    0             0
bytes allocated              0 B           0 B
bytes moved                  0 B           0 B
",
    );
}

#[test]
fn fancy_index_with_an_arange() {
    assert_explains(
        &rows().index(&Array::arange(0i64, 20, 10)),
        r"
== graph as written ==
%0 = array                                       float64[20,3]
%1 = arange start=0 step=10                      int64[2]
%2 = take axis=0 (%0, %1)                        float64[2,3]
out: %2

== rewrites ==
take_to_slice      take of an arithmetic sequence → the view [0:11:10, :3]  (saved 48 B copy)

== graph as planned ==
%0 = array                                       float64[20,3]
%1 = slice[0:11:10, :3] (%0)                     float64[2,3]
out: %1

== plan ==
the result is a view of %0 (as_strided(shape=(2,3), element strides=(30,1), offset=0)): nothing to compute

== totals ==
                       this plan   NumPy eager
kernels                        0             2
allocations                    0             2
bytes allocated              0 B          64 B
bytes moved                  0 B         128 B
",
    );
}

#[test]
fn take_with_an_arange() {
    assert_explains(
        &rows().take(&Array::arange(0i64, 20, 10), 0),
        r"
== graph as written ==
%0 = array                                       float64[20,3]
%1 = arange start=0 step=10                      int64[2]
%2 = take axis=0 (%0, %1)                        float64[2,3]
out: %2

== rewrites ==
take_to_slice      take of an arithmetic sequence → the view [0:11:10, :3]  (saved 48 B copy)

== graph as planned ==
%0 = array                                       float64[20,3]
%1 = slice[0:11:10, :3] (%0)                     float64[2,3]
out: %1

== plan ==
the result is a view of %0 (as_strided(shape=(2,3), element strides=(30,1), offset=0)): nothing to compute

== totals ==
                       this plan   NumPy eager
kernels                        0             2
allocations                    0             2
bytes allocated              0 B          64 B
bytes moved                  0 B         128 B
",
    );
}

#[test]
fn take_with_arbitrary_indices() {
    // np.take(a, [3, 0, 7], axis=0)
    assert_explains(
        &rows().take(&Array::from_vec(vec![3i64, 0, 7], &[3]), 0),
        r"
== graph as written ==
%0 = array                                       float64[20,3]
%1 = array                                       int64[3]
%2 = take axis=0 (%0, %1)                        float64[3,3]
out: %2

== rewrites ==
(none)

== plan ==
kernel 0: map    out = a2[a1]
  loops: 3 x 3 [2-lane vectors]   threads: 1
  byte strides: a0 [24, 8]; a1 [8, 0]; a2 [0, 8]
  reads: a1=%1 (24 B, input), a2=%0 (480 B, input)
  writes: %2 (72 B, new)   moves 168 B

== totals ==
                       this plan   NumPy eager
kernels                        1             1
allocations                    1             1
bytes allocated             72 B          72 B
bytes moved                168 B         168 B
",
    );
}

fn mask() -> Array {
    // np.random.seed(5); i = np.random.random_sample(20) < .5  (11 true, in several runs)
    Array::random(&[20], 5).lt(0.5)
}

#[test]
fn boolean_mask() {
    assert_explains(
        &rows().mask(&mask()),
        r"
== graph as written ==
%0 = array                                       float64[20,3]
%1 = array                                       bool[20]
%2 = compress axis=0 count=11 (%0, %1)           float64[11,3]
out: %2

== rewrites ==
(none)

== graph as planned ==
%0 = array                                       float64[20,3]
%1 = array                                       int64[11]
%2 = take axis=0 (%0, %1)                        float64[11,3]
out: %2

== plan ==
kernel 0: map    out = a2[a1]
  loops: 11 x 3 [2-lane vectors]   threads: 1
  byte strides: a0 [24, 8]; a1 [8, 0]; a2 [0, 8]
  reads: a1=%1 (88 B, input), a2=%0 (480 B, input)
  writes: %2 (264 B, new)   moves 616 B

== totals ==
                       this plan   NumPy eager
kernels                        1             1
allocations                    1             1
bytes allocated            264 B         264 B
bytes moved                616 B         548 B
",
    );
}

#[test]
fn compress() {
    assert_explains(
        &rows().compress(&mask(), 0),
        r"
== graph as written ==
%0 = array                                       float64[20,3]
%1 = array                                       bool[20]
%2 = compress axis=0 count=11 (%0, %1)           float64[11,3]
out: %2

== rewrites ==
(none)

== graph as planned ==
%0 = array                                       float64[20,3]
%1 = array                                       int64[11]
%2 = take axis=0 (%0, %1)                        float64[11,3]
out: %2

== plan ==
kernel 0: map    out = a2[a1]
  loops: 11 x 3 [2-lane vectors]   threads: 1
  byte strides: a0 [24, 8]; a1 [8, 0]; a2 [0, 8]
  reads: a1=%1 (88 B, input), a2=%0 (480 B, input)
  writes: %2 (264 B, new)   moves 616 B

== totals ==
                       this plan   NumPy eager
kernels                        1             1
allocations                    1             1
bytes allocated            264 B         264 B
bytes moved                616 B         548 B
",
    );
}

// ---------------------------------------------------------------------------------------------
// Locality: a[0, :].sum() vs a[:, 0].sum(), and whole row and column sums.
// ---------------------------------------------------------------------------------------------

#[test]
fn sum_of_a_row() {
    assert_explains(
        &rows().slice(s![0, ..]).sum(),
        r"
== graph as written ==
%0 = array                                       float64[20,3]
%1 = slice[0, :3] (%0)                           float64[3]
%2 = sum axis=(0) (%1)                           float64[]
out: %2

== rewrites ==
(none)

== plan ==
kernel 0: sum    out = a1
  loops: 3 (reduced) [2-lane vectors]   threads: 1
  byte strides: a0 [0]; a1 [8]
  reads: a1=%0 (480 B, input)
  writes: %2 (8 B, new)   moves 32 B

== totals ==
                       this plan   NumPy eager
kernels                        1             1
allocations                    1             1
bytes allocated              8 B           8 B
bytes moved                 32 B          32 B
",
    );
}

#[test]
fn sum_of_a_column() {
    assert_explains(
        &rows().slice(s![.., 0]).sum(),
        r"
== graph as written ==
%0 = array                                       float64[20,3]
%1 = slice[:20, 0] (%0)                          float64[20]
%2 = sum axis=(0) (%1)                           float64[]
out: %2

== rewrites ==
(none)

== plan ==
kernel 0: sum    out = a1
  loops: 20 (reduced)   threads: 1
  byte strides: a0 [0]; a1 [24]
  reads: a1=%0 (480 B, input)
  writes: %2 (8 B, new)   moves 168 B

== totals ==
                       this plan   NumPy eager
kernels                        1             1
allocations                    1             1
bytes allocated              8 B           8 B
bytes moved                168 B         168 B
",
    );
}

#[test]
fn row_sums() {
    assert_explains(
        &rows().sum_axis(1),
        r"
== graph as written ==
%0 = array                                       float64[20,3]
%1 = sum axis=(1) (%0)                           float64[20]
out: %1

== rewrites ==
(none)

== plan ==
kernel 0: sum    out = a1
  loops: 20 x 3 (reduced) [2-lane vectors]   threads: 1
  byte strides: a0 [8, 0]; a1 [24, 8]
  reads: a1=%0 (480 B, input)
  writes: %1 (160 B, new)   moves 640 B

== totals ==
                       this plan   NumPy eager
kernels                        1             1
allocations                    1             1
bytes allocated            160 B         160 B
bytes moved                640 B         640 B
",
    );
}

#[test]
fn column_sums() {
    assert_explains(
        &rows().sum_axis(0),
        r"
== graph as written ==
%0 = array                                       float64[20,3]
%1 = sum axis=(0) (%0)                           float64[3]
out: %1

== rewrites ==
(none)

== plan ==
kernel 0: sum    out = a1
  loops: 20 (reduced) x 3 [2-lane vectors]   threads: 1
  byte strides: a0 [0, 8]; a1 [24, 8]
  reads: a1=%0 (480 B, input)
  writes: %1 (24 B, new)   moves 504 B

== totals ==
                       this plan   NumPy eager
kernels                        1             1
allocations                    1             1
bytes allocated             24 B          24 B
bytes moved                504 B         504 B
",
    );
}

// ---------------------------------------------------------------------------------------------
// Not snapshots: properties of explain() and explain_analyze().
// ---------------------------------------------------------------------------------------------

#[test]
fn explain_computes_nothing() {
    let mut a = Array::random(&[8], 1).eval().unwrap();
    a *= 2.0;
    let p = a.explain();
    assert_eq!(p.kernels.len(), 1);
    assert!(p.run_ms.is_none());
    assert!(p.kernels.iter().all(|k| k.measured.is_none()));
    assert!(!a.is_materialized());
    // the buffer that would be reused in place is intact: the reference still runs
    let want: Vec<f64> = [
        0.417022004702574,
        0.7203244934421581,
        0.00011437481734488664,
        0.30233257263183977,
        0.14675589081711304,
        0.0923385947687978,
        0.1862602113776709,
        0.34556072704304774,
    ]
    .iter()
    .map(|x| x * 2.0)
    .collect();
    // np.random.seed(1); np.random.random_sample(8) * 2
    check(&a, &[8], &want);
}

#[test]
fn explain_analyze_measures_every_kernel_that_ran() {
    // softmax over rows: max, exp/subtract/sum, divide: several kernels
    let x = Array::random(&[6, 5], 7).eval().unwrap();
    let softmax = || {
        let e = (&x - x.max_axes(&[1], true)).exp();
        &e / e.sum_axes(&[1], true)
    };
    let y = softmax();
    let want = y.eval_reference().unwrap().to_vec::<f64>().unwrap();
    let planned = y.explain();
    let p = y.explain_analyze();
    assert!(p.error.is_none(), "{p}");
    assert!(p.kernels.len() >= 2, "{p}");
    // the same plan as explain(), with measurements added
    assert_eq!(p.kernels.len(), planned.kernels.len());
    assert_eq!(p.totals, planned.totals);
    for (i, k) in p.kernels.iter().enumerate() {
        let m = k
            .measured
            .as_ref()
            .unwrap_or_else(|| panic!("kernel {i} has no measurement: {p}"));
        assert!(
            m.run_ms >= 0.0 && m.compile_ms >= 0.0 && m.gb_per_s >= 0.0,
            "{m:?}"
        );
        assert!(
            m.cache == "cached" || m.cache.starts_with("compiled"),
            "kernel {i}: {m:?}"
        );
        assert_eq!(planned.kernels[i].measured, None);
    }
    assert!(p.run_ms.is_some_and(|ms| ms >= 0.0), "{p}");
    let text = p.to_string();
    assert_eq!(
        text.matches("  measured: ").count(),
        p.kernels.len(),
        "{text}"
    );
    assert!(text.contains("run time: "), "{text}");
    // explain_analyze evaluated the array: its value is remembered and is right
    assert!(y.is_materialized());
    let got = y.to_vec::<f64>().unwrap();
    for (g, w) in got.iter().zip(&want) {
        assert!((g - w).abs() <= 1e-14 * w.abs(), "{got:?} vs {want:?}");
    }
    // the same structure again: every kernel comes from the cache
    let again = softmax().explain_analyze();
    for k in &again.kernels {
        let m = k.measured.as_ref().unwrap();
        assert_eq!(m.cache, "cached", "{again}");
        assert_eq!(m.compile_ms, 0.0, "{again}");
    }
}

#[test]
fn explain_analyze_of_an_empty_kernel_says_it_did_not_run() {
    let x = Array::random(&[0, 3], 8).eval().unwrap();
    let p = (&x * 2.0 + 1.0).explain_analyze();
    assert!(p.error.is_none(), "{p}");
    for k in &p.kernels {
        let m = k.measured.as_ref().expect("measured");
        assert_eq!(m.cache, "not run (empty)", "{p}");
    }
    assert_eq!(p.totals.kernels, 0, "{p}");
}

#[test]
fn explain_analyze_of_a_view_runs_nothing() {
    let p = rows().slice(s![..;10]).explain_analyze();
    assert!(p.kernels.is_empty(), "{p}");
    assert_eq!(p.views.len(), 1, "{p}");
    assert!(p.run_ms.is_some(), "{p}");
}

#[test]
fn explain_of_an_error_shows_the_error() {
    let a = Array::random(&[8], 1).eval().unwrap();
    let e = a.mask(&Array::from_vec(vec![false; 8], &[8])).max();
    let p = e.explain();
    let err = p.error.as_ref().expect("an error");
    assert_message(err, &["zero-size array to reduction operation maximum"]);
    let text = p.to_string();
    assert!(text.starts_with("error: "), "{text}");
    assert!(text.contains("zero-size array"), "{text}");
    // and explain_analyze reports it the same way
    let p = e.explain_analyze();
    assert!(p.error.is_some(), "{p}");
}
