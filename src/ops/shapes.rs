//! Shape helpers: flips, rolls, rotations, moving axes, `atleast_*d`, triangles, splits and
//! padding.
//!
//! Where NumPy returns a view (`flip`, `rot90`, `moveaxis`, `split`, `atleast_*d`) the result
//! is one movement node. `roll` and `pad` copy in NumPy; here they are index maps built from
//! `take`s whose indices are aranges or integer expressions of one (`clip`, `%`, `abs`), which
//! the planner proves in range while planning, so the gather is computed inside the consumer's
//! kernel: `a.roll(3, 0) + b` is one kernel reading `a` and `b`, with no temporary.

use crate::array::{Array, Builder, Node};
use crate::error::Result;
use crate::ops::view;
use lazyarray_ir::shape::{checked_size, normalize_axes, normalize_axis};
use lazyarray_ir::{ErrorKind, Op, Scalar, ShapeFmt, SliceArg, ViewOp};
use std::sync::Arc;

/// `:` on one axis.
const FULL: SliceArg = SliceArg::Range {
    start: None,
    stop: None,
    step: 1,
};

/// `::-1` on one axis.
const REVERSED: SliceArg = SliceArg::Range {
    start: None,
    stop: None,
    step: -1,
};

/// An arange of `int64` values `start, start + 1, ..., start + len - 1` (an index map).
fn index_arange(b: &Builder, start: i64, len: usize) -> Result<Arc<Node>> {
    b.node(
        Op::Arange {
            start: Scalar::I64(start),
            step: Scalar::I64(1),
            len,
        },
        &[],
    )
}

/// `x` rolled by `shift` (already reduced to `0..n`) along `axis`: `take(x, arange(-shift,
/// n - shift), axis)`, the negative indices counting from the end. The indices are an arange,
/// checked while planning, so the gather fuses into the consumer.
fn roll_node(b: &Builder, x: &Arc<Node>, shift: usize, axis: usize) -> Result<Arc<Node>> {
    if shift == 0 {
        return Ok(Arc::clone(x));
    }
    let n = x.meta.shape[axis];
    let idx = index_arange(b, -(shift as i64), n)?;
    b.node(Op::Take { axis }, &[x, &idx])
}

/// How `pad` fills the added elements. NumPy: the `mode` argument of `np.pad` (and its
/// `constant_values`).
#[derive(Clone, Debug, PartialEq)]
pub enum PadMode {
    /// `mode='constant'`: the given values, as `(before, after)` pairs broadcast over the axes
    /// like NumPy's `constant_values` (one pair for every axis, or one per axis). Each value is
    /// cast to the array's dtype. Build it with [`PadMode::constant`] or
    /// [`PadMode::constant_pairs`].
    Constant(Vec<(Scalar, Scalar)>),
    /// `mode='edge'`: the edge value of each axis repeated.
    Edge,
    /// `mode='reflect'`: mirrored about the edge element, which is not repeated (`[1, 2, 3]`
    /// padded by 2 is `[3, 2, 1, 2, 3, 2, 1]`).
    Reflect,
    /// `mode='symmetric'`: mirrored including the edge element (`[1, 2, 3]` padded by 2 is
    /// `[2, 1, 1, 2, 3, 3, 2]`).
    Symmetric,
    /// `mode='wrap'`: the axis repeated periodically (`[1, 2, 3]` padded by 2 is
    /// `[2, 3, 1, 2, 3, 1, 2]`).
    Wrap,
}

impl PadMode {
    /// `mode='constant', constant_values=value` on every side of every axis.
    pub fn constant<T: crate::Element>(value: T) -> PadMode {
        PadMode::Constant(vec![(value.to_scalar(), value.to_scalar())])
    }

    /// `mode='constant', constant_values=((before, after), ...)`: one pair for all axes, or one
    /// per axis.
    pub fn constant_pairs<T: crate::Element>(pairs: &[(T, T)]) -> PadMode {
        PadMode::Constant(
            pairs
                .iter()
                .map(|&(b, a)| (b.to_scalar(), a.to_scalar()))
                .collect(),
        )
    }
}

/// The widths `np.pad` adds: NumPy's `pad_width` forms. `n` pads every axis by `n` on both
/// sides, `(before, after)` every axis by those, and a slice, array or `Vec` of pairs gives one
/// pair for all axes (length 1) or one per axis.
pub trait PadWidth {
    /// The `(before, after)` pairs as given (one, or one per axis).
    fn pairs(&self) -> Vec<(usize, usize)>;
}

impl PadWidth for usize {
    fn pairs(&self) -> Vec<(usize, usize)> {
        vec![(*self, *self)]
    }
}

impl PadWidth for (usize, usize) {
    fn pairs(&self) -> Vec<(usize, usize)> {
        vec![*self]
    }
}

impl PadWidth for &[(usize, usize)] {
    fn pairs(&self) -> Vec<(usize, usize)> {
        self.to_vec()
    }
}

impl<const N: usize> PadWidth for [(usize, usize); N] {
    fn pairs(&self) -> Vec<(usize, usize)> {
        self.to_vec()
    }
}

impl PadWidth for Vec<(usize, usize)> {
    fn pairs(&self) -> Vec<(usize, usize)> {
        self.clone()
    }
}

/// NumPy's `_as_pairs`: one pair broadcasts to every axis, otherwise there must be one per
/// axis (NumPy's broadcast error otherwise).
fn as_pairs<T: Clone>(b: &Builder, pairs: Vec<T>, ndim: usize) -> Result<Vec<T>> {
    if pairs.len() == 1 {
        return Ok(vec![pairs[0].clone(); ndim]);
    }
    if pairs.len() != ndim {
        return Err(b.error(
            ErrorKind::Shape,
            format!(
                "operands could not be broadcast together with remapped shapes [original->remapped]: {}  and requested shape {}",
                ShapeFmt(&[pairs.len(), 2]),
                ShapeFmt(&[ndim, 2])
            ),
        ));
    }
    Ok(pairs)
}

impl Array {
    /// Reverses the order of the elements along `axis`: a view with a negative stride.
    /// NumPy: `np.flip(a, axis)`.
    #[track_caller]
    pub fn flip(&self, axis: isize) -> Array {
        self.flip_impl("flip", Some(&[axis]))
    }

    /// Reverses the elements along each of `axes` (a view). NumPy: `np.flip(a, axes)`.
    #[track_caller]
    pub fn flip_axes(&self, axes: &[isize]) -> Array {
        self.flip_impl("flip", Some(axes))
    }

    /// Reverses the elements along every axis (a view). NumPy: `np.flip(a)`.
    #[track_caller]
    pub fn flip_all(&self) -> Array {
        self.flip_impl("flip", None)
    }

    /// Reverses the columns, axis 1, of an array of at least two dimensions (a view). NumPy:
    /// `np.fliplr(a)`.
    #[track_caller]
    pub fn fliplr(&self) -> Array {
        if self.check().is_ok() && self.ndim() < 2 {
            return Array::failed(
                Builder::new("fliplr").error(ErrorKind::Shape, "Input must be >= 2-d."),
            );
        }
        self.flip_impl("fliplr", Some(&[1]))
    }

    /// Reverses the rows, axis 0, of an array of at least one dimension (a view). NumPy:
    /// `np.flipud(a)`.
    #[track_caller]
    pub fn flipud(&self) -> Array {
        if self.check().is_ok() && self.ndim() < 1 {
            return Array::failed(
                Builder::new("flipud").error(ErrorKind::Shape, "Input must be >= 1-d."),
            );
        }
        self.flip_impl("flipud", Some(&[0]))
    }

    #[track_caller]
    fn flip_impl(&self, name: &'static str, axes: Option<&[isize]>) -> Array {
        self.view_op(name, |shape| {
            let n = shape.len();
            let axes = match axes {
                Some(a) => normalize_axes(a, n)?,
                None => (0..n).collect(),
            };
            let args: Vec<SliceArg> = (0..n)
                .map(|k| if axes.contains(&k) { REVERSED } else { FULL })
                .collect();
            ViewOp::slice(&args, shape)
        })
    }

    /// Rolls the elements `shift` places along `axis`: element `i` moves to `(i + shift) mod n`.
    /// NumPy: `np.roll(a, shift, axis)`. Not a copy: the result reads `a` through an index map
    /// inside whatever kernel consumes it.
    #[track_caller]
    pub fn roll(&self, shift: isize, axis: isize) -> Array {
        self.roll_axes(&[shift], &[axis])
    }

    /// Rolls the flattened elements by `shift` and restores the shape. NumPy:
    /// `np.roll(a, shift)` (`axis=None`).
    #[track_caller]
    pub fn roll_flat(&self, shift: isize) -> Array {
        let b = Builder::new("roll");
        b.run(|| {
            let x = self.node()?;
            let shape = x.meta.shape.clone();
            let flat = view(&b, x, b.ir(ViewOp::reshape(&shape, &[-1], x.meta.dtype))?)?;
            let n = flat.meta.shape[0];
            let shift = (shift as i128).rem_euclid(n.max(1) as i128) as usize;
            let rolled = roll_node(&b, &flat, shift, 0)?;
            let back: Vec<isize> = shape.iter().map(|&d| d as isize).collect();
            view(
                &b,
                &rolled,
                b.ir(ViewOp::reshape(&[n], &back, x.meta.dtype))?,
            )
        })
    }

    /// Rolls by `shifts[i]` along `axes[i]`; `shifts` and `axes` broadcast against each other
    /// (one shift for several axes, or several for one), and shifts of a repeated axis add up.
    /// NumPy: `np.roll(a, shifts, axes)`.
    #[track_caller]
    pub fn roll_axes(&self, shifts: &[isize], axes: &[isize]) -> Array {
        let b = Builder::new("roll");
        b.run(|| {
            let mut x = Arc::clone(self.node()?);
            let count = match (shifts.len(), axes.len()) {
                (s, a) if s == a => s,
                (1, a) => a,
                (s, 1) => s,
                (s, a) => {
                    return Err(b.error(
                        ErrorKind::Shape,
                        format!(
                            "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape ({s},) and arg 1 with shape ({a},)."
                        ),
                    ));
                }
            };
            let ndim = x.meta.shape.len();
            let mut total = vec![0i128; ndim];
            for i in 0..count {
                let shift = shifts[if shifts.len() == 1 { 0 } else { i }];
                let axis = axes[if axes.len() == 1 { 0 } else { i }];
                let axis = b.ir(normalize_axis(axis, ndim))?;
                total[axis] += shift as i128;
            }
            for (axis, &t) in total.iter().enumerate() {
                let n = x.meta.shape[axis];
                let shift = t.rem_euclid(n.max(1) as i128) as usize;
                x = roll_node(&b, &x, shift, axis)?;
            }
            Ok(x)
        })
    }

    /// Moves axis `source` to position `destination`, the others keeping their order (a
    /// view). NumPy: `np.moveaxis(a, source, destination)`.
    #[track_caller]
    pub fn moveaxis(&self, source: isize, destination: isize) -> Array {
        self.moveaxis_axes(&[source], &[destination])
    }

    /// Moves each axis of `source` to the position of the same entry of `destination` (a
    /// view). NumPy: `np.moveaxis(a, source, destination)` with sequences.
    #[track_caller]
    pub fn moveaxis_axes(&self, source: &[isize], destination: &[isize]) -> Array {
        self.view_op("moveaxis", |shape| {
            let n = shape.len();
            let norm = |axes: &[isize], what: &str| {
                let mut out = Vec::with_capacity(axes.len());
                for &a in axes {
                    let ax = normalize_axis(a, n).map_err(|mut e| {
                        e.message = format!("{what}: {}", e.message);
                        e
                    })?;
                    if out.contains(&ax) {
                        return Err(lazyarray_ir::IrError::axis(format!(
                            "repeated axis in `{what}` argument"
                        )));
                    }
                    out.push(ax);
                }
                Ok(out)
            };
            let src = norm(source, "source")?;
            let dst = norm(destination, "destination")?;
            if src.len() != dst.len() {
                return Err(lazyarray_ir::IrError::shape(
                    "`source` and `destination` arguments must have the same number of elements",
                ));
            }
            let mut order: Vec<usize> = (0..n).filter(|k| !src.contains(k)).collect();
            let mut pairs: Vec<(usize, usize)> = dst.into_iter().zip(src).collect();
            pairs.sort_unstable();
            for (d, s) in pairs {
                order.insert(d, s);
            }
            let perm: Vec<isize> = order.iter().map(|&k| k as isize).collect();
            ViewOp::permute(&perm, n)
        })
    }

    /// Rotates by 90 degrees `k` times in the plane of `axes`, from the first axis towards the
    /// second (a view). NumPy: `np.rot90(a, k, axes)`; `np.rot90(a)` is `a.rot90(1, [0, 1])`.
    #[track_caller]
    pub fn rot90(&self, k: isize, axes: [isize; 2]) -> Array {
        let b = Builder::new("rot90");
        if let Ok(x) = self.node() {
            let n = x.meta.shape.len() as isize;
            let [a0, a1] = axes;
            if a0 == a1 || (a0 as i128 - a1 as i128).abs() == n as i128 {
                return Array::failed(b.error(ErrorKind::Axis, "Axes must be different."));
            }
            if a0 >= n || a0 < -n || a1 >= n || a1 < -n {
                return Array::failed(b.error(
                    ErrorKind::Axis,
                    format!("Axes=({a0}, {a1}) out of range for array of ndim={n}."),
                ));
            }
            let (ax0, ax1) = ((a0 + n) % n, (a1 + n) % n);
            let mut perm: Vec<isize> = (0..n).collect();
            perm.swap(ax0 as usize, ax1 as usize);
            return match k.rem_euclid(4) {
                0 => self.view_op("rot90", |shape| ViewOp::slice(&[], shape)),
                2 => self.flip_impl("rot90", Some(&[ax0, ax1])),
                1 => self.flip_impl("rot90", Some(&[ax1])).permute(&perm),
                _ => self.permute(&perm).flip_impl("rot90", Some(&[ax1])),
            };
        }
        self.clone()
    }

    /// The array viewed with at least one dimension: a 0-d array becomes shape `(1,)`.
    /// NumPy: `np.atleast_1d(a)`.
    #[track_caller]
    pub fn atleast_1d(&self) -> Array {
        self.view_op("atleast_1d", |shape| {
            let dims: Vec<usize> = if shape.is_empty() {
                vec![1]
            } else {
                shape.to_vec()
            };
            Ok(ViewOp::Reshape(dims.into_iter().collect()))
        })
    }

    /// The array viewed with at least two dimensions: `()` becomes `(1, 1)`, `(n,)` becomes
    /// `(1, n)`. NumPy: `np.atleast_2d(a)`.
    #[track_caller]
    pub fn atleast_2d(&self) -> Array {
        self.view_op("atleast_2d", |shape| {
            let dims: Vec<usize> = match shape {
                [] => vec![1, 1],
                [n] => vec![1, *n],
                _ => shape.to_vec(),
            };
            Ok(ViewOp::Reshape(dims.into_iter().collect()))
        })
    }

    /// The array viewed with at least three dimensions: `()` becomes `(1, 1, 1)`, `(n,)`
    /// becomes `(1, n, 1)` and `(m, n)` becomes `(m, n, 1)`. NumPy: `np.atleast_3d(a)`.
    #[track_caller]
    pub fn atleast_3d(&self) -> Array {
        self.view_op("atleast_3d", |shape| {
            let dims: Vec<usize> = match shape {
                [] => vec![1, 1, 1],
                [n] => vec![1, *n, 1],
                [m, n] => vec![*m, *n, 1],
                _ => shape.to_vec(),
            };
            Ok(ViewOp::Reshape(dims.into_iter().collect()))
        })
    }

    /// The lower triangle of the last two axes (of every matrix of a stack): elements above
    /// diagonal `k` become zero (`k > 0` keeps diagonals above the main one). A 1-D array is
    /// broadcast to a square matrix first. NumPy: `np.tril(a, k)`.
    #[track_caller]
    pub fn tril(&self, k: isize) -> Array {
        self.triangle("tril", k, true)
    }

    /// The upper triangle of the last two axes (of every matrix of a stack): elements below
    /// diagonal `k` become zero. A 1-D array is broadcast to a square matrix first. NumPy:
    /// `np.triu(a, k)`.
    #[track_caller]
    pub fn triu(&self, k: isize) -> Array {
        self.triangle("triu", k, false)
    }

    /// `where(tri(n, m, k), a, 0)` (tril) or `where(tri(n, m, k - 1), 0, a)` (triu), as NumPy
    /// writes them: one fused map.
    #[track_caller]
    fn triangle(&self, name: &'static str, k: isize, lower: bool) -> Array {
        let b = Builder::new(name);
        let shape = match self.node() {
            Ok(x) => x.meta.shape.clone(),
            Err(e) => return Array::failed(e),
        };
        let (n, m) = match shape[..] {
            [] => {
                return Array::failed(b.error(
                    ErrorKind::Shape,
                    format!("{name} requires an array of at least one dimension"),
                ));
            }
            [m] => (m, m),
            [.., n, m] => (n, m),
        };
        let k = if lower { k as i128 } else { k as i128 - 1 };
        let mask = tri_mask(n, m, k);
        let zero = Array::full_scalar(&[], Scalar::zero(self.dtype()));
        let out = if lower {
            crate::where_(&mask, self, &zero)
        } else {
            crate::where_(&mask, &zero, self)
        };
        b.run(|| Ok(Arc::clone(out.node()?)))
    }

    /// Pads every axis with zeros: `pad_width` is NumPy's (`n`, `(before, after)`, or one pair
    /// per axis). NumPy: `np.pad(a, pad_width)`. Not a copy: the result reads `a` through an
    /// index map inside whatever kernel consumes it.
    #[track_caller]
    pub fn pad(&self, pad_width: impl PadWidth) -> Array {
        self.pad_with(pad_width, PadMode::constant(0i64))
    }

    /// Pads with `mode` (constant values, edge, reflect, symmetric or wrap). NumPy:
    /// `np.pad(a, pad_width, mode, constant_values=...)`. Axes are padded in order, so a
    /// corner of a constant pad takes the last axis' value, as in NumPy.
    #[track_caller]
    pub fn pad_with(&self, pad_width: impl PadWidth, mode: PadMode) -> Array {
        let b = Builder::new("pad");
        match self.pad_impl(&b, pad_width.pairs(), &mode) {
            Ok(a) => a,
            Err(e) => Array::failed(e),
        }
    }

    /// `pad_with`'s body: a function rather than a closure, so every node it builds records the
    /// user's call (`track_caller` does not pass through closures).
    #[track_caller]
    fn pad_impl(&self, b: &Builder, widths: Vec<(usize, usize)>, mode: &PadMode) -> Result<Array> {
        let x = Arc::clone(self.node()?);
        let ndim = x.meta.shape.len();
        let widths = as_pairs(b, widths, ndim)?;
        // One (before, after) pair per axis for a constant pad; none otherwise.
        let values = match mode {
            PadMode::Constant(v) => as_pairs(b, v.clone(), ndim)?,
            _ => Vec::new(),
        };
        let dtype = x.meta.dtype;
        let mut padded: Vec<usize> = x.meta.shape.to_vec();
        for (d, &(before, after)) in padded.iter_mut().zip(&widths) {
            *d = d
                .checked_add(before)
                .and_then(|l| l.checked_add(after))
                .filter(|&l| l <= isize::MAX as usize)
                .ok_or_else(|| b.error(ErrorKind::Shape, "Maximum allowed size exceeded"))?;
        }
        b.ir(checked_size(&padded, dtype))?;
        let mut out = Array::from_node(x);
        for (axis, &(before, after)) in widths.iter().enumerate() {
            if before == 0 && after == 0 {
                continue;
            }
            let n = out.shape()[axis];
            let len = padded[axis];
            // The index map along the axis is an int64 array of its length.
            b.ir(checked_size(&[len], lazyarray_ir::DType::I64))?;
            let mut mask_shape = vec![1isize; ndim];
            mask_shape[axis] = len as isize;
            // Output position j along the axis reads input position j (before it: -before).
            let j = Array::from_node(index_arange(b, -(before as i64), len)?);
            let (n64, ax) = (n as i64, axis as isize);
            if n == 0 && !matches!(mode, PadMode::Constant(_)) {
                return Err(b.error(
                    ErrorKind::Shape,
                    format!(
                        "can't extend empty axis {axis} using modes other than 'constant' or 'empty'"
                    ),
                ));
            }
            // The index maps compute up to 4n in int64 (only a broadcast bool array can have
            // such an axis and still be small enough to pad).
            if n > (i64::MAX / 4) as usize {
                return Err(b.error(ErrorKind::Shape, "Maximum allowed size exceeded"));
            }
            let idx = match mode {
                PadMode::Constant(_) => {
                    let (vb, va) = values[axis];
                    let (vb, va) = (
                        Array::full_scalar(&[], vb.cast(dtype)),
                        Array::full_scalar(&[], va.cast(dtype)),
                    );
                    let fill = crate::where_(&j.lt(0i64), &vb, &va).reshape(&mask_shape);
                    out = if n == 0 {
                        let mut full_shape = out.shape().to_vec();
                        full_shape[axis] = len;
                        fill.broadcast_to(&full_shape)
                    } else {
                        let inside = j.ge(0i64).logical_and(j.lt(n64));
                        let taken = out.take(&j.clip(0i64, n64 - 1), ax);
                        crate::where_(&inside.reshape(&mask_shape), &taken, &fill)
                    };
                    continue;
                }
                PadMode::Edge => j.clip(0i64, n64 - 1),
                PadMode::Wrap => &j % n64,
                PadMode::Reflect if n == 1 => j.clip(0i64, 0i64),
                // Period 2n - 2: (n - 1) - |(j mod p) - (n - 1)|.
                PadMode::Reflect => {
                    let m = &j % (2 * n64 - 2);
                    -(m - (n64 - 1)).abs() + (n64 - 1)
                }
                // Period 2n: (n - 1) - |2 (j mod p) - (2n - 1)| // 2.
                PadMode::Symmetric => {
                    let m = &j % (2 * n64);
                    -((m * 2i64 - (2 * n64 - 1)).abs().floor_divide(2i64)) + (n64 - 1)
                }
            };
            out = out.take(&idx, ax);
        }
        out.check()?;
        Ok(out)
    }

    /// Splits into `sections` equal parts along `axis`, each a view. NumPy:
    /// `np.split(a, sections, axis)`. An axis that does not divide evenly is NumPy's error
    /// ("array split does not result in an equal division"); then, as for every error, each
    /// returned array carries it (there are `sections` of them, or one when `sections` is 0).
    #[track_caller]
    pub fn split(&self, sections: usize, axis: isize) -> Vec<Array> {
        let b = Builder::new("split");
        let n = match self.split_axis_len(&b, axis) {
            Ok(n) => n,
            Err(e) => return carrying(e, sections.max(1)),
        };
        if sections == 0 {
            return vec![Array::failed(
                b.error(ErrorKind::Shape, "integer modulo by zero"),
            )];
        }
        if !n.is_multiple_of(sections) {
            let e = b.error(
                ErrorKind::Shape,
                "array split does not result in an equal division",
            );
            return carrying(e, sections);
        }
        self.split_sections(&b, sections, axis)
    }

    /// Splits into `sections` parts along `axis`, each a view; when the axis does not divide
    /// evenly the first `len % sections` parts are one longer. NumPy:
    /// `np.array_split(a, sections, axis)`.
    #[track_caller]
    pub fn array_split(&self, sections: usize, axis: isize) -> Vec<Array> {
        let b = Builder::new("array_split");
        if let Err(e) = self.split_axis_len(&b, axis) {
            return carrying(e, sections.max(1));
        }
        if sections == 0 {
            return vec![Array::failed(
                b.error(ErrorKind::Shape, "number sections must be larger than 0."),
            )];
        }
        self.split_sections(&b, sections, axis)
    }

    /// Splits along `axis` before each of `indices` (slice bounds: clipped, negative ones
    /// counting from the end), giving `indices.len() + 1` views. NumPy:
    /// `np.split(a, indices, axis)` and `np.array_split(a, indices, axis)`.
    #[track_caller]
    pub fn split_at(&self, indices: &[isize], axis: isize) -> Vec<Array> {
        let b = Builder::new("split");
        let n = match self.split_axis_len(&b, axis) {
            Ok(n) => n as isize,
            Err(e) => return vec![Array::failed(e); indices.len() + 1],
        };
        let mut points = Vec::with_capacity(indices.len() + 2);
        points.push(0);
        points.extend_from_slice(indices);
        points.push(n);
        self.split_points(&b, &points, axis)
    }

    fn split_axis_len(&self, b: &Builder, axis: isize) -> Result<usize> {
        let x = self.node()?;
        let ax = b.ir(normalize_axis(axis, x.meta.shape.len()))?;
        Ok(x.meta.shape[ax])
    }

    /// NumPy's `array_split` division points for `sections` parts.
    fn split_sections(&self, b: &Builder, sections: usize, axis: isize) -> Vec<Array> {
        let n = self.split_axis_len(b, axis).unwrap_or(0);
        let (each, extras) = (n / sections, n % sections);
        let start = |k: usize| (k * each + k.min(extras)) as isize;
        parts(b, sections, |k| {
            self.split_part(b, start(k), start(k + 1), axis)
        })
    }

    fn split_points(&self, b: &Builder, points: &[isize], axis: isize) -> Vec<Array> {
        points
            .windows(2)
            .map(|w| self.split_part(b, w[0], w[1], axis))
            .collect()
    }

    /// `a[start:stop]` along `axis` (slice bounds: clipped, negative from the end).
    fn split_part(&self, b: &Builder, start: isize, stop: isize, axis: isize) -> Array {
        b.run(|| {
            let x = self.node()?;
            let ndim = x.meta.shape.len();
            let ax = b.ir(normalize_axis(axis, ndim))?;
            let mut args = vec![FULL; ndim];
            args[ax] = SliceArg::Range {
                start: Some(start),
                stop: Some(stop),
                step: 1,
            };
            view(b, x, b.ir(ViewOp::slice(&args, &x.meta.shape))?)
        })
    }
}

/// `count` arrays made by `part(k)`; when a `Vec` of that many cannot be allocated (NumPy:
/// `MemoryError`), one array carrying a `Resource` error instead.
fn parts(b: &Builder, count: usize, part: impl FnMut(usize) -> Array) -> Vec<Array> {
    let mut out = Vec::new();
    if out.try_reserve_exact(count).is_err() {
        return vec![Array::failed(crate::Error::resource(
            b.name,
            format!("cannot allocate a list of {count} arrays"),
            b.origin,
        ))];
    }
    out.extend((0..count).map(part));
    out
}

/// `count` arrays carrying `e` (one when a `Vec` of that many cannot be allocated).
fn carrying(e: crate::Error, count: usize) -> Vec<Array> {
    let mut out = Vec::new();
    if out.try_reserve_exact(count).is_err() {
        return vec![Array::failed(e)];
    }
    out.resize(count, Array::failed(e));
    out
}

/// The bool mask of `np.tri(n, m, k)`: true where `j <= i + k`. `k` is clamped to the range
/// where it matters, so no index arithmetic overflows.
#[track_caller]
pub(crate) fn tri_mask(n: usize, m: usize, k: i128) -> Array {
    let k = k.clamp(-(n as i128) - 1, m as i128 + 1) as i64;
    let rows = Array::arange(0i64, n as i64, 1).reshape(&[n as isize, 1]);
    let cols = Array::arange(0i64, m as i64, 1).reshape(&[1, m as isize]);
    (rows + k).ge(&cols)
}
