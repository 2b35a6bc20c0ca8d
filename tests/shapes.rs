//! Shape helpers and creation (issue #13): what the golden corpus cannot say. Views are views
//! (no kernel), `roll` and `pad` fuse into their consumer (one kernel, no temporary, no index
//! buffer), errors are typed and name the caller's line, and an index expression the planner
//! cannot bound is still checked. Every expected value was computed with NumPy 2.4 (the
//! expression is in the comment next to it).

mod common;
use common::*;
use lazyarray::{
    Array, DType, Error, Indexing, PadMode, column_stack, dstack, hstack, meshgrid, vstack,
};

/// `np.arange(12.0).reshape(3, 4)`, evaluated (a buffer).
fn m34() -> Array {
    Array::arange(0.0, 12.0, 1.0)
        .reshape(&[3, 4])
        .eval()
        .unwrap()
}

/// The error an array carries, whether found when building it or when evaluating it.
#[track_caller]
fn error_of(a: &Array) -> Error {
    match a.check() {
        Err(e) => e,
        Ok(_) => a.eval().expect_err("expected an error"),
    }
}

/// The error names this file as the caller's.
#[track_caller]
fn names_this_file(e: &Error) {
    assert!(
        e.context().location.file().ends_with("shapes.rs"),
        "error names {}: {e}",
        e.context().location.file()
    );
}

// ---------------------------------------------------------------------------------------------
// roll and pad fuse into their consumer
// ---------------------------------------------------------------------------------------------

#[test]
fn roll_plus_array_is_one_kernel_without_temporaries() {
    let a = m34();
    let b = Array::arange(0.0, 12.0, 1.0)
        .reshape(&[3, 4])
        .eval()
        .unwrap();
    for r in [
        a.roll(3, 0) + &b,
        a.roll(-1, 1) + &b,
        a.roll_axes(&[1, 2], &[0, 1]) + &b,
        a.roll_flat(5) + &b,
    ] {
        let plan = r.explain();
        assert_eq!(
            (plan.totals.kernels, plan.totals.allocations),
            (1, 1),
            "{plan}"
        );
        assert_eq!(plan.totals.bytes_allocated, 12 * 8, "{plan}");
    }
    // np.roll(m, 1, 0) + m
    check(
        &(a.roll(1, 0) + &b),
        &[3, 4],
        &[
            8.0, 10.0, 12.0, 14.0, 4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0, 18.0,
        ],
    );
    // np.roll(m, 5) + m
    check(
        &(a.roll_flat(5) + &b),
        &[3, 4],
        &[
            7.0, 9.0, 11.0, 13.0, 15.0, 5.0, 7.0, 9.0, 11.0, 13.0, 15.0, 17.0,
        ],
    );
}

#[test]
fn pad_of_every_mode_fuses_into_its_consumer() {
    let a = m34();
    let modes = [
        PadMode::constant(-1.0),
        PadMode::constant_pairs(&[(1.0, 2.0), (3.0, 4.0)]),
        PadMode::Edge,
        PadMode::Reflect,
        PadMode::Symmetric,
        PadMode::Wrap,
    ];
    for mode in modes {
        let p = a.pad_with([(2, 1), (3, 5)], mode.clone());
        assert_eq!(p.shape(), &[6, 12]);
        let plan = (&p * 2.0).explain();
        assert_eq!(
            (plan.totals.kernels, plan.totals.allocations),
            (1, 1),
            "{mode:?}: {plan}"
        );
        // A reduction reads the padded array through the same index maps.
        let plan = p.sum().explain();
        assert_eq!(plan.totals.kernels, 1, "{mode:?}: {plan}");
    }
    // (np.pad(m, ((1, 0), (0, 2)), 'reflect') * 2).sum(1)
    check(
        &(a.pad_with([(1, 0), (0, 2)], PadMode::Reflect) * 2.0).sum_axis(1),
        &[4],
        &[66.0, 18.0, 66.0, 114.0],
    );
}

#[test]
fn roll_and_pad_plans_are_cached_across_fresh_inputs() {
    // The index maps come from the graph alone: a loop over new data plans once.
    let run = |seed: u32| {
        let x = Array::random(&[64], seed).eval().unwrap();
        (x.roll(7, 0) * 2.0 + x.pad_with(3, PadMode::Wrap).slice(lazyarray::s![3..67]))
            .eval()
            .unwrap()
    };
    let _ = run(1);
    let before = lazyarray::testing::plan_cache::hits();
    let _ = run(2);
    let _ = run(3);
    assert!(lazyarray::testing::plan_cache::hits() >= before + 2);
}

#[test]
fn an_index_expression_the_planner_cannot_bound_is_still_checked() {
    let a = m34();
    // np.take(m, np.arange(7) % 7, 0): IndexError: index 3 is out of bounds for axis 0 with
    // size 3 (the range [0, 6] does not fit 3 rows, so the indices get a buffer and a check)
    let bad = a.take(&(Array::arange(0i64, 7, 1) % 7i64), 0);
    let e = error_of(&bad);
    assert!(matches!(e, Error::Index(_)), "{e}");
    assert_message(&e, &["index 3 is out of bounds for axis 0 with size 3"]);
    let e = bad.eval_reference().expect_err("reference");
    assert_message(&e, &["index 3 is out of bounds for axis 0 with size 3"]);
    // np.take(m, np.arange(7) % 3, 0)[:, 0] -> [0, 4, 8, 0, 4, 8, 0]: proven, no check step
    let ok = a.take(&(Array::arange(0i64, 7, 1) % 3i64), 0);
    check(
        &ok.slice(lazyarray::s![.., 0]),
        &[7],
        &[0.0, 4.0, 8.0, 0.0, 4.0, 8.0, 0.0],
    );
    assert_eq!(ok.explain().totals.kernels, 1);
}

// ---------------------------------------------------------------------------------------------
// views are views
// ---------------------------------------------------------------------------------------------

#[test]
fn flips_rotations_moves_splits_and_atleast_are_views() {
    let a = m34();
    let views = [
        a.flip(0),
        a.flip_axes(&[0, 1]),
        a.flip_all(),
        a.fliplr(),
        a.flipud(),
        a.rot90(1, [0, 1]),
        a.rot90(2, [0, 1]),
        a.rot90(-1, [1, 0]),
        a.moveaxis(0, -1),
        a.atleast_3d(),
        a.ravel().atleast_2d(),
    ];
    for v in views
        .iter()
        .chain(&a.split(2, 1))
        .chain(&a.array_split(2, 0))
    {
        let plan = v.explain();
        assert_eq!(plan.totals.kernels, 0, "{plan}");
        assert!(v.is_materialized());
    }
    // np.rot90(m) ; np.flip(m)[0]
    check(
        &a.rot90(1, [0, 1]),
        &[4, 3],
        &[3.0, 7.0, 11.0, 2.0, 6.0, 10.0, 1.0, 5.0, 9.0, 0.0, 4.0, 8.0],
    );
    check(
        &a.flip_all().slice(lazyarray::s![0]),
        &[4],
        &[11.0, 10.0, 9.0, 8.0],
    );
    // [p.tolist() for p in np.split(m, [1, -1], 1)]
    let parts = a.split_at(&[1, -1], 1);
    assert_eq!(parts.len(), 3);
    check(&parts[0], &[3, 1], &[0.0, 4.0, 8.0]);
    check(&parts[1], &[3, 2], &[1.0, 2.0, 5.0, 6.0, 9.0, 10.0]);
    check(&parts[2], &[3, 1], &[3.0, 7.0, 11.0]);
}

#[test]
fn meshgrid_gives_broadcast_views() {
    let x = Array::arange(0i64, 3, 1);
    let y = Array::from_vec(vec![10.0, 20.0], &[2]);
    let xy = meshgrid(&[&x, &y], Indexing::Xy);
    let ij = meshgrid(&[&x, &y], Indexing::Ij);
    // np.meshgrid(np.arange(3), [10., 20.])
    check(&xy[0], &[2, 3], &[0i64, 1, 2, 0, 1, 2]);
    check(&xy[1], &[2, 3], &[10.0, 10.0, 10.0, 20.0, 20.0, 20.0]);
    // np.meshgrid(np.arange(3), [10., 20.], indexing='ij')
    check(&ij[0], &[3, 2], &[0i64, 0, 1, 1, 2, 2]);
    check(&ij[1], &[3, 2], &[10.0, 20.0, 10.0, 20.0, 10.0, 20.0]);
    let y = y.eval().unwrap();
    let g = meshgrid(&[&x, &y], Indexing::Xy);
    assert_eq!(g[1].explain().totals.kernels, 0);
}

// ---------------------------------------------------------------------------------------------
// stacks, creation
// ---------------------------------------------------------------------------------------------

#[test]
fn stacks_of_mixed_ranks() {
    let v = Array::from_vec(vec![1i32, 2, 3], &[3]);
    let m = Array::from_vec(vec![4i32, 5, 6, 7, 8, 9], &[2, 3]);
    // np.vstack([v, m])
    check(&vstack(&[&v, &m]), &[3, 3], &[1i32, 2, 3, 4, 5, 6, 7, 8, 9]);
    // np.hstack([v, v.astype(np.float32)]) is float64 (int32 with float32)
    check(
        &hstack(&[&v, &v.astype(DType::F32)]),
        &[6],
        &[1.0, 2.0, 3.0, 1.0, 2.0, 3.0],
    );
    // np.dstack([v, v]).shape == (1, 3, 2)
    check(&dstack(&[&v, &v]), &[1, 3, 2], &[1i32, 1, 2, 2, 3, 3]);
    // np.column_stack([v, m.T])
    check(
        &column_stack(&[&v, &m.t()]),
        &[3, 3],
        &[1i32, 4, 7, 2, 5, 8, 3, 6, 9],
    );
}

#[test]
fn pad_constant_values_are_cast_to_the_dtype() {
    let v = Array::from_vec(vec![1i32, 2], &[2]);
    // np.pad(np.array([1, 2], np.int32), (1, 2), constant_values=(2.7, -1.9))
    check(
        &v.pad_with((1, 2), PadMode::constant_pairs(&[(2.7, -1.9)])),
        &[5],
        &[2i32, 1, 2, -1, -1],
    );
    // np.pad(np.array(5.0), 3) -> array(5.)
    check(&Array::scalar(5.0).pad(3), &[], &[5.0]);
    // np.pad(np.zeros((0, 2)), 1, constant_values=7).shape == (2, 4)
    check(
        &Array::zeros(&[0, 2]).pad_with(1, PadMode::constant(7.0)),
        &[2, 4],
        &[7.0; 8],
    );
}

#[test]
fn creation_of_every_dtype_and_like() {
    for d in DType::ALL {
        let z = Array::zeros_dtype(&[2], d);
        let o = Array::ones_dtype(&[2], d);
        assert_eq!((z.dtype(), o.dtype()), (d, d));
        assert_eq!(z.astype(DType::F64).to_vec::<f64>().unwrap(), vec![0.0; 2]);
        assert_eq!(o.astype(DType::F64).to_vec::<f64>().unwrap(), vec![1.0; 2]);
        let f = Array::full_dtype(&[3], -2.5, d);
        assert_eq!(f.dtype(), d);
        assert_eq!(f.zeros_like().dtype(), d);
        assert_eq!(f.empty_like().shape(), &[3]);
    }
    let m = Array::from_vec(vec![1i64, 2, 3, 4], &[2, 2]);
    // np.full_like(m, 7.9)
    check(&m.full_like(7.9), &[2, 2], &[7i64; 4]);
    // np.ones_like(m)
    check(&m.ones_like(), &[2, 2], &[1i64; 4]);
    // np.tri(2, 3, 1) ; np.identity(2)
    check(
        &Array::tri(2, 3, 1),
        &[2, 3],
        &[1.0, 1.0, 0.0, 1.0, 1.0, 1.0],
    );
    check(&Array::identity(2), &[2, 2], &[1.0, 0.0, 0.0, 1.0]);
    // np.indices((2, 2))
    check(
        &Array::indices(&[2, 2]),
        &[2, 2, 2],
        &[0i64, 0, 1, 1, 0, 1, 0, 1],
    );
    // np.geomspace(-1, -1000, 4) is exact at its ends
    let g: Vec<f64> = Array::geomspace(-1.0, -1000.0, 4).to_vec().unwrap();
    assert_eq!((g[0], g[3]), (-1.0, -1000.0));
    assert!((g[1] + 10.0).abs() < 1e-12 && (g[2] + 100.0).abs() < 1e-12);
}

#[test]
fn triangles_of_a_stack() {
    // np.tril(np.ones((2, 2, 3), np.int32), -1)
    let t = Array::ones_dtype(&[2, 2, 3], DType::I32).tril(-1);
    check(&t, &[2, 2, 3], &[0i32, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0]);
    // np.triu(np.ones((2, 3)), 1) with huge k: all zeros / all kept
    check(&Array::ones(&[2, 3]).triu(isize::MAX), &[2, 3], &[0.0; 6]);
    check(&Array::ones(&[2, 3]).triu(isize::MIN), &[2, 3], &[1.0; 6]);
    check(&Array::ones(&[2, 3]).tril(isize::MIN), &[2, 3], &[0.0; 6]);
    // One fused map: no mask buffer.
    assert_eq!(m34().tril(1).explain().totals.kernels, 1);
}

// ---------------------------------------------------------------------------------------------
// errors
// ---------------------------------------------------------------------------------------------

#[test]
fn errors_are_typed_and_name_the_callers_line() {
    let a = m34();
    let s = Array::arange(0i64, 7, 1);

    // np.split(np.arange(7), 3): every part carries the error.
    let parts = s.split(3, 0);
    assert_eq!(parts.len(), 3);
    for p in &parts {
        let e = error_of(p);
        assert!(matches!(e, Error::Shape(_)), "{e}");
        assert_eq!(e.context().op, "split");
        assert_message(&e, &["array split does not result in an equal division"]);
        names_this_file(&e);
    }
    let e = error_of(&s.array_split(0, 0)[0]);
    assert_message(&e, &["number sections must be larger than 0."]);
    let e = error_of(&a.split(2, 2)[1]);
    assert!(matches!(e, Error::Axis(_)), "{e}");

    // np.split(np.zeros(0), 2**62): NumPy's MemoryError is a Resource error, not an abort.
    let huge = Array::zeros(&[0]).split(1 << 62, 0);
    assert_eq!(huge.len(), 1);
    assert!(matches!(error_of(&huge[0]), Error::Resource(_)));
    let carried = a.reshape(&[5, 5]).array_split(usize::MAX, 0);
    assert_eq!(error_of(&carried[0]).context().op, "reshape");

    // np.moveaxis(m, 2, 0)
    let e = error_of(&a.moveaxis(2, 0));
    assert!(matches!(e, Error::Axis(_)), "{e}");
    assert_eq!(e.context().op, "moveaxis");
    assert_message(
        &e,
        &["source: axis 2 is out of bounds for array of dimension 2"],
    );
    names_this_file(&e);
    let e = error_of(&a.moveaxis_axes(&[0, 1], &[1, 1]));
    assert_message(&e, &["repeated axis in `destination` argument"]);

    // np.flip(m, 2) ; np.fliplr(np.arange(3)) ; np.rot90(m, 1, (0, 0))
    let e = error_of(&a.flip(2));
    assert!(matches!(e, Error::Axis(_)), "{e}");
    assert_eq!(e.context().op, "flip");
    let e = error_of(&s.fliplr());
    assert_message(&e, &["fliplr", "Input must be >= 2-d."]);
    names_this_file(&e);
    let e = error_of(&a.rot90(1, [0, -2]));
    assert_message(&e, &["rot90", "Axes must be different."]);
    names_this_file(&e);

    // np.roll(m, [1, 2], [0, 1, 1]) ; np.roll(m, 1, 2)
    let e = error_of(&a.roll_axes(&[1, 2], &[0, 1, 1]));
    assert_message(&e, &["roll", "shape mismatch"]);
    names_this_file(&e);
    let e = error_of(&a.roll(1, 2));
    assert!(matches!(e, Error::Axis(_)), "{e}");

    // np.pad(np.zeros((0, 3)), 1, 'wrap') ; np.pad(m, ((1, 1),) * 3)
    let e = error_of(&Array::zeros(&[0, 3]).pad_with(1, PadMode::Wrap));
    assert_message(
        &e,
        &[
            "pad",
            "can't extend empty axis 0 using modes other than 'constant' or 'empty'",
        ],
    );
    names_this_file(&e);
    let e = error_of(&a.pad(vec![(1, 1); 3]));
    assert!(matches!(e, Error::Shape(_)), "{e}");

    // Padding an axis of 2**62 bools (a broadcast) is refused under pad's name, not overflowed
    // in the index maps (which are int64 arrays of the padded length).
    let long = Array::scalar(true).broadcast_to(&[1 << 62]);
    for mode in [
        PadMode::constant(false),
        PadMode::Symmetric,
        PadMode::Reflect,
        PadMode::Wrap,
        PadMode::Edge,
    ] {
        let e = error_of(&long.pad_with(1, mode));
        assert!(matches!(e, Error::Shape(_)), "{e}");
        assert_eq!(e.context().op, "pad");
    }
    assert_eq!(long.roll(5, 0).shape(), &[1 << 62]);

    // np.vstack([np.arange(3), np.arange(4)]) ; np.geomspace(0, 1)
    let e = error_of(&vstack(&[
        &s.slice(lazyarray::s![..3]),
        &s.slice(lazyarray::s![..4]),
    ]));
    assert_eq!(e.context().op, "vstack");
    assert_message(&e, &["concatenation axis must match exactly"]);
    names_this_file(&e);
    let e = error_of(&Array::geomspace(0.0, 1.0, 5));
    assert_message(&e, &["geomspace", "Geometric sequence cannot include zero"]);
    names_this_file(&e);

    // np.tril(np.array(3)) (NumPy: TypeError from tri())
    let e = error_of(&Array::scalar(3.0).tril(0));
    assert!(matches!(e, Error::Shape(_)), "{e}");

    // An error already carried travels through.
    let bad = a.reshape(&[5, 5]);
    assert_eq!(error_of(&bad.roll(1, 0)).context().op, "reshape");
    assert_eq!(error_of(&bad.pad(1)).context().op, "reshape");
    assert_eq!(error_of(&bad.split(2, 0)[1]).context().op, "reshape");
}

// ---------------------------------------------------------------------------------------------
// shape and index arguments
// ---------------------------------------------------------------------------------------------

#[test]
fn shapes_take_any_integer_slice_array_or_vec() {
    let n: usize = 3;
    let a = Array::arange(0i64, 6, 1);
    // a.reshape(n, -1) ; a.reshape((1, 6)) ; np.zeros(a.shape) ; np.zeros(())
    check(&a.reshape(&[n, 2]), &[3, 2], &[0i64, 1, 2, 3, 4, 5]);
    check(
        &a.reshape(&[n as isize, -1]),
        &[3, 2],
        &[0i64, 1, 2, 3, 4, 5],
    );
    check(&a.reshape(&vec![1i64, 6]), &[1, 6], &[0i64, 1, 2, 3, 4, 5]);
    check(&a.reshape(&[2u32, 3]), &[2, 3], &[0i64, 1, 2, 3, 4, 5]);
    check(&Array::zeros(a.shape()), &[6], &[0.0; 6]);
    check(&Array::zeros(&[]), &[], &[0.0]);
    check(&Array::ones(&[n, 1]), &[3, 1], &[1.0; 3]);
    let s: Vec<usize> = vec![2, 1];
    check(&Array::full(&s, 2i32), &[2, 1], &[2i32, 2]);
    check(&Array::scalar(1.5).broadcast_to(&[n]), &[3], &[1.5; 3]);
    assert_eq!(Array::from_vec(vec![1.0; 6], &[n, 2]).shape(), &[3, 2]);
    // np.zeros((2, -1)): ValueError: negative dimensions are not allowed
    let e = error_of(&Array::zeros(&[2isize, -1][..]));
    assert!(matches!(e, Error::Shape(_)), "{e}");
    assert_eq!(e.context().op, "full");
    assert_message(&e, &["negative dimensions are not allowed"]);
    names_this_file(&e);
    let e = error_of(&a.reshape(&[u64::MAX, 1]));
    assert!(matches!(e, Error::Shape(_)), "{e}");
}

#[test]
fn indices_take_slices_arrays_and_vecs() {
    let a = Array::arange(0i64, 12, 1).reshape(&[3, 4]);
    // np.take(a, [2, 0, -1], 0)[:, 0]
    check(
        &a.take(&[2, 0, -1], 0).slice(lazyarray::s![.., 0]),
        &[3],
        &[8i64, 0, 8],
    );
    // np.take(a, [3, 1], 1)
    check(
        &a.take(&vec![3usize, 1], 1),
        &[3, 2],
        &[3i64, 1, 7, 5, 11, 9],
    );
    check(&a.take_flat(&[11i32, 0][..]), &[2], &[11i64, 0]);
    // a[[True, False, True]] ; a[[1, 1]] ; np.compress([False, True], a, 1)
    check(
        &a.index(&[true, false, true]),
        &[2, 4],
        &[0i64, 1, 2, 3, 8, 9, 10, 11],
    );
    check(&a.index(&[1, 1]), &[2, 4], &[4i64, 5, 6, 7, 4, 5, 6, 7]);
    check(&a.compress(&[false, true], 1), &[3, 1], &[1i64, 5, 9]);
    check(
        &a.mask(&vec![false, false, true]),
        &[1, 4],
        &[8i64, 9, 10, 11],
    );
    // np.take(a, [5], 1): IndexError naming this line
    let e = error_of(&a.take(&[5], 1));
    assert_message(
        &e,
        &["take", "index 5 is out of bounds for axis 1 with size 4"],
    );
    names_this_file(&e);
}
