//! Strided views and their algebra.
//!
//! A [`View`] maps a multi-index to an element offset in a base buffer:
//! `offset + Σ index[k] * strides[k]`, with strides in *elements*. Every movement operation
//! (slicing, transposes, broadcasting, reshapes, diagonals, sliding windows, `as_strided`) is a
//! [`ViewOp`]; [`View::apply`] composes an op onto a view, so a chain of views over one buffer
//! collapses into a single `View`. All arithmetic is checked; a view is only ever built after its
//! op was validated against the input shape.

use crate::dtype::DType;
use crate::error::{IrError, IrResult};
use crate::shape::{
    Dims, ShapeFmt, Strides, c_strides, checked_size, normalize_axes, normalize_axis, size_of,
};
use smallvec::{SmallVec, smallvec};
use std::fmt;

/// A strided layout over a base buffer, in elements.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct View {
    /// Extents, outermost first.
    pub shape: Dims,
    /// Element strides per axis (negative: reversed; zero: broadcast).
    pub strides: Strides,
    /// Element offset of the first element (index all zeros) in the base.
    pub offset: usize,
}

/// One user-level indexing element, as written in `s![..]` (NumPy's basic indexing).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum SliceArg {
    /// `start:stop:step`; missing bounds default as in NumPy, negative bounds count from the end.
    Range {
        /// First index (NumPy's default when `None`).
        start: Option<isize>,
        /// One past the last index (NumPy's default when `None`).
        stop: Option<isize>,
        /// Step, nonzero; negative walks backwards.
        step: isize,
    },
    /// A single index (drops the axis); negative counts from the end.
    Index(isize),
    /// `np.newaxis`: inserts an axis of length 1.
    NewAxis,
    /// `...`: as many full slices as needed.
    Ellipsis,
}

/// A resolved basic-indexing element: bounds already clipped against the axis.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum AxisSlice {
    /// Keeps an input axis: `len` elements from `start` every `step` (`start` is 0 when empty).
    Range {
        /// First index taken.
        start: usize,
        /// Number of elements taken.
        len: usize,
        /// Step between taken indices.
        step: isize,
    },
    /// Takes one index of an input axis and drops the axis.
    Index(usize),
    /// Inserts a new axis of length 1.
    NewAxis,
}

/// A movement operation: produces a view of its input without touching data. Each is validated
/// against the input shape by its constructor, so applying it cannot fail (except `Reshape` and
/// `AsStrided` of a layout that needs a copy, see [`View::apply`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ViewOp {
    /// Basic indexing, one element per consumed or inserted axis (`a[1:5:2, 3, None]`).
    Slice(SmallVec<[AxisSlice; 4]>),
    /// Reorders axes (`a.transpose(axes)`): output axis `k` is input axis `perm[k]`.
    Permute(Dims),
    /// Broadcasts to a larger shape with zero strides (`np.broadcast_to`).
    BroadcastTo(Dims),
    /// Reinterprets the C-order element sequence with a new shape (`a.reshape`); also used for
    /// `expand_dims`/`squeeze`.
    Reshape(Dims),
    /// `a.diagonal(offset, axis1, axis2)`: drops both axes, appends the diagonal as the last axis.
    Diagonal {
        /// Offset of the diagonal from the main one (positive: above).
        offset: isize,
        /// First axis of the 2-D planes.
        axis1: usize,
        /// Second axis of the 2-D planes.
        axis2: usize,
    },
    /// `sliding_window_view(a, window, axes)`: each windowed axis shrinks to `n - w + 1` and the
    /// window dims are appended in order.
    Windows {
        /// Window extent per windowed axis.
        window: Dims,
        /// The windowed axes.
        axes: Dims,
    },
    /// `as_strided` over the C-order element sequence of the input (checked to stay inside it).
    /// Also the canonical form of a composed chain of views.
    AsStrided(View),
}

impl View {
    /// The C-contiguous view of a fresh buffer of `shape`.
    pub fn contiguous(shape: &[usize]) -> View {
        View {
            shape: shape.into(),
            strides: c_strides(shape),
            offset: 0,
        }
    }

    /// Number of dims.
    pub fn ndim(&self) -> usize {
        self.shape.len()
    }

    /// Number of elements.
    pub fn size(&self) -> usize {
        size_of(&self.shape)
    }

    /// True when the view walks its elements in C order at unit stride (ignoring extent-1 axes);
    /// an empty view is contiguous.
    pub fn is_c_contiguous(&self) -> bool {
        if self.size() == 0 {
            return true;
        }
        let mut expected: isize = 1;
        for (&d, &s) in self.shape.iter().zip(&self.strides).rev() {
            if d == 1 {
                continue;
            }
            if s != expected {
                return false;
            }
            expected *= d as isize;
        }
        true
    }

    /// True when the view is the whole of a base of `base_len` elements in C order (it *is* the
    /// base, not a part of it).
    pub fn is_identity_of(&self, base_len: usize) -> bool {
        self.is_c_contiguous() && self.offset == 0 && self.size() == base_len
    }

    /// The smallest and largest element offsets the view reaches, or `None` when it is empty.
    /// Computed in `i128`, so it never overflows.
    pub fn extent(&self) -> Option<(i128, i128)> {
        if self.size() == 0 {
            return None;
        }
        let mut lo = self.offset as i128;
        let mut hi = self.offset as i128;
        for (&d, &s) in self.shape.iter().zip(&self.strides) {
            let reach = (d as i128 - 1) * s as i128;
            if reach < 0 {
                lo += reach;
            } else {
                hi += reach;
            }
        }
        Some((lo, hi))
    }

    /// True when every element the view reaches lies in `[0, base_len)`.
    pub fn fits_in(&self, base_len: usize) -> bool {
        match self.extent() {
            None => true,
            Some((lo, hi)) => lo >= 0 && hi < base_len as i128,
        }
    }

    /// Element offset of a multi-index (the index must be inside the shape).
    pub fn offset_of(&self, index: &[usize]) -> usize {
        let mut off = self.offset as isize;
        for (&i, &s) in index.iter().zip(&self.strides) {
            off += i as isize * s;
        }
        off as usize
    }

    /// The element offsets of the view, in C order of its multi-indices.
    pub fn offsets(&self) -> Offsets<'_> {
        Offsets {
            view: self,
            index: smallvec![0; self.ndim()],
            offset: self.offset as isize,
            remaining: self.size(),
        }
    }

    /// Applies a movement op on top of this view. Returns `None` when the result is not a
    /// strided view of the same base: a `Reshape` of a layout that would need a copy (NumPy
    /// copies there too), or `AsStrided` over a non-contiguous layout.
    pub fn apply(&self, op: &ViewOp) -> Option<View> {
        match op {
            ViewOp::Slice(elems) => Some(self.slice(elems)),
            ViewOp::Permute(perm) => Some(View {
                shape: perm.iter().map(|&p| self.shape[p]).collect(),
                strides: perm.iter().map(|&p| self.strides[p]).collect(),
                offset: self.offset,
            }),
            ViewOp::BroadcastTo(target) => Some(self.broadcast_to(target)),
            ViewOp::Reshape(shape) => self.reshape(shape),
            ViewOp::Diagonal {
                offset,
                axis1,
                axis2,
            } => Some(self.diagonal(*offset, *axis1, *axis2)),
            ViewOp::Windows { window, axes } => {
                let mut v = self.clone();
                for (&w, &ax) in window.iter().zip(axes) {
                    v.shape[ax] = v.shape[ax] + 1 - w;
                    v.shape.push(w);
                    v.strides.push(self.strides[ax]);
                }
                Some(v)
            }
            ViewOp::AsStrided(view) => {
                if !self.is_c_contiguous() {
                    return None;
                }
                // An empty view reaches nothing and may have any offset.
                let offset = if view.size() == 0 {
                    self.offset
                } else {
                    self.offset + view.offset
                };
                Some(View {
                    shape: view.shape.clone(),
                    strides: view.strides.clone(),
                    offset,
                })
            }
        }
    }

    /// Only a non-empty result needs offset and stride arithmetic, and it stays within the
    /// input's reach; an empty one (whose input may have huge strides, as an empty `as_strided`
    /// can) and an axis of one element (whose step may be huge, `a[::2**62]`) keep the input's
    /// strides, which they never use.
    fn slice(&self, elems: &[AxisSlice]) -> View {
        let empty = elems
            .iter()
            .any(|e| matches!(e, AxisSlice::Range { len: 0, .. }));
        let mut out = View {
            shape: Dims::new(),
            strides: Strides::new(),
            offset: self.offset,
        };
        let mut axis = 0;
        for e in elems {
            match *e {
                AxisSlice::Range { start, len, step } => {
                    if !empty {
                        out.offset =
                            (out.offset as isize + start as isize * self.strides[axis]) as usize;
                    }
                    out.shape.push(len);
                    out.strides.push(if empty || len == 1 {
                        self.strides[axis]
                    } else {
                        self.strides[axis] * step
                    });
                    axis += 1;
                }
                AxisSlice::Index(i) => {
                    if !empty {
                        out.offset =
                            (out.offset as isize + i as isize * self.strides[axis]) as usize;
                    }
                    axis += 1;
                }
                AxisSlice::NewAxis => {
                    out.shape.push(1);
                    out.strides.push(0);
                }
            }
        }
        out
    }

    fn broadcast_to(&self, target: &[usize]) -> View {
        let lead = target.len() - self.ndim();
        let mut strides: Strides = smallvec![0; target.len()];
        for k in 0..self.ndim() {
            if self.shape[k] == target[lead + k] {
                strides[lead + k] = self.strides[k];
            }
        }
        View {
            shape: target.into(),
            strides,
            offset: self.offset,
        }
    }

    /// NumPy's `_attempt_nocopy_reshape`: groups runs of old and new axes with equal products and
    /// succeeds when each old run is contiguous in C order.
    fn reshape(&self, new_shape: &[usize]) -> Option<View> {
        if size_of(new_shape) != self.size() {
            return None;
        }
        if self.size() == 0 {
            return Some(View {
                shape: new_shape.into(),
                strides: c_strides(new_shape),
                offset: self.offset,
            });
        }
        let (old_d, old_s): (Dims, Strides) = self
            .shape
            .iter()
            .zip(&self.strides)
            .filter(|(d, _)| **d != 1)
            .map(|(&d, &s)| (d, s))
            .unzip();
        let mut new_s: Strides = smallvec![0; new_shape.len()];
        let (mut oi, mut oj, mut ni, mut nj) = (0usize, 1usize, 0usize, 1usize);
        while ni < new_shape.len() && oi < old_d.len() {
            let mut np = new_shape[ni];
            let mut op = old_d[oi];
            while np != op {
                if np < op {
                    np *= new_shape[nj];
                    nj += 1;
                } else {
                    op *= old_d[oj];
                    oj += 1;
                }
            }
            for ok in oi..oj - 1 {
                if old_s[ok] != old_d[ok + 1] as isize * old_s[ok + 1] {
                    return None;
                }
            }
            new_s[nj - 1] = old_s[oj - 1];
            for nk in (ni + 1..nj).rev() {
                new_s[nk - 1] = new_s[nk] * new_shape[nk] as isize;
            }
            ni = nj;
            nj += 1;
            oi = oj;
            oj += 1;
        }
        // Trailing extent-1 axes: any stride works; use the C-order one.
        for nk in ni..new_shape.len() {
            new_s[nk] = if nk == 0 { 1 } else { new_s[nk - 1] };
        }
        Some(View {
            shape: new_shape.into(),
            strides: new_s,
            offset: self.offset,
        })
    }

    /// As for slices, only a non-empty result needs arithmetic (then `|offset|` is below the
    /// extents, so it stays within the input's reach; any `isize` offset is accepted).
    fn diagonal(&self, offset: isize, axis1: usize, axis2: usize) -> View {
        let (n1, n2) = (self.shape[axis1] as isize, self.shape[axis2] as isize);
        let (s1, s2) = (self.strides[axis1], self.strides[axis2]);
        let len = if offset >= 0 {
            (n2 - offset).min(n1).max(0)
        } else {
            (n1 + offset).min(n2).max(0)
        };
        let reaches = len > 0 && self.size() > 0;
        let mut v = View {
            shape: Dims::new(),
            strides: Strides::new(),
            offset: match (reaches, offset >= 0) {
                (false, _) => self.offset,
                (true, true) => (self.offset as isize + offset * s2) as usize,
                (true, false) => (self.offset as isize - offset * s1) as usize,
            },
        };
        for k in 0..self.ndim() {
            if k != axis1 && k != axis2 {
                v.shape.push(self.shape[k]);
                v.strides.push(self.strides[k]);
            }
        }
        v.shape.push(len as usize);
        v.strides
            .push(if reaches && len > 1 { s1 + s2 } else { s1 });
        v
    }
}

/// Iterator over a view's element offsets in C order (see [`View::offsets`]).
pub struct Offsets<'a> {
    view: &'a View,
    index: Dims,
    offset: isize,
    remaining: usize,
}

impl Iterator for Offsets<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        let current = self.offset as usize;
        // Advance the odometer. Every offset it passes through is one of the view's elements
        // (never one past an axis' end), so nothing overflows even when a length-1 axis
        // carries a huge stride: that stride is never added.
        for k in (0..self.index.len()).rev() {
            if self.index[k] + 1 < self.view.shape[k] {
                self.index[k] += 1;
                self.offset += self.view.strides[k];
                break;
            }
            self.offset -= self.view.strides[k] * self.index[k] as isize;
            self.index[k] = 0;
        }
        Some(current)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for Offsets<'_> {}

impl ViewOp {
    /// Resolves NumPy basic indexing (`a[1:5:2, ..., None, -1]`) against `shape`: expands the
    /// ellipsis, clips slice bounds like NumPy and checks integer indices.
    pub fn slice(args: &[SliceArg], shape: &[usize]) -> IrResult<ViewOp> {
        let consumed = args
            .iter()
            .filter(|a| matches!(a, SliceArg::Range { .. } | SliceArg::Index(_)))
            .count();
        let ellipses = args
            .iter()
            .filter(|a| matches!(a, SliceArg::Ellipsis))
            .count();
        if ellipses > 1 {
            return Err(IrError::index(
                "an index can only have a single ellipsis ('...')",
            ));
        }
        if consumed > shape.len() {
            return Err(IrError::index(format!(
                "too many indices for array: array is {}-dimensional, but {} were indexed",
                shape.len(),
                consumed
            )));
        }
        let full = SliceArg::Range {
            start: None,
            stop: None,
            step: 1,
        };
        let mut out = SmallVec::new();
        let mut axis = 0;
        let mut push = |arg: SliceArg, axis: &mut usize| -> IrResult<()> {
            match arg {
                SliceArg::Range { start, stop, step } => {
                    out.push(resolve_range(start, stop, step, shape[*axis])?);
                    *axis += 1;
                }
                SliceArg::Index(i) => {
                    out.push(AxisSlice::Index(resolve_index(i, shape[*axis], *axis)?));
                    *axis += 1;
                }
                SliceArg::NewAxis => out.push(AxisSlice::NewAxis),
                SliceArg::Ellipsis => {}
            }
            Ok(())
        };
        for &arg in args {
            if arg == SliceArg::Ellipsis {
                for _ in 0..shape.len() - consumed {
                    push(full, &mut axis)?;
                }
            } else {
                push(arg, &mut axis)?;
            }
        }
        while axis < shape.len() {
            push(full, &mut axis)?;
        }
        Ok(ViewOp::Slice(out))
    }

    /// Checks a permutation of `ndim` axes (negative axes count from the end).
    pub fn permute(axes: &[isize], ndim: usize) -> IrResult<ViewOp> {
        if axes.len() != ndim {
            return Err(IrError::axis("axes don't match array".to_string()));
        }
        Ok(ViewOp::Permute(normalize_axes(axes, ndim)?))
    }

    /// Checks that `shape` broadcasts to `target` (NumPy: `np.broadcast_to`).
    pub fn broadcast_to(shape: &[usize], target: &[usize]) -> IrResult<ViewOp> {
        let err = || {
            IrError::shape(format!(
                "operands could not be broadcast together with remapped shapes [original->remapped]: {} and requested shape {}",
                ShapeFmt(shape),
                ShapeFmt(target)
            ))
        };
        if target.len() < shape.len() {
            return Err(err());
        }
        let lead = target.len() - shape.len();
        for (k, &d) in shape.iter().enumerate() {
            if d != 1 && d != target[lead + k] {
                return Err(err());
            }
        }
        Ok(ViewOp::BroadcastTo(target.into()))
    }

    /// Resolves a reshape target with at most one `-1` (NumPy: `a.reshape(new)`).
    pub fn reshape(shape: &[usize], new: &[isize], dtype: DType) -> IrResult<ViewOp> {
        let size = size_of(shape);
        let mut unknown = None;
        let mut known: usize = 1;
        let mut dims = Dims::new();
        for (k, &d) in new.iter().enumerate() {
            if d == -1 {
                if unknown.is_some() {
                    return Err(IrError::shape("can only specify one unknown dimension"));
                }
                unknown = Some(k);
                dims.push(0);
            } else if d < 0 {
                return Err(IrError::shape("negative dimensions are not allowed"));
            } else {
                known = known.saturating_mul(d as usize);
                dims.push(d as usize);
            }
        }
        let bad = || {
            IrError::shape(format!(
                "cannot reshape array of size {size} into shape {}",
                ReshapeFmt(new)
            ))
        };
        if let Some(k) = unknown {
            if known == 0 || !size.is_multiple_of(known) {
                return Err(bad());
            }
            dims[k] = size / known;
        }
        checked_size(&dims, dtype)?;
        if size_of(&dims) != size {
            return Err(bad());
        }
        Ok(ViewOp::Reshape(dims))
    }

    /// `np.expand_dims(a, axis)`: a new axis of length 1 at `axis` of the result.
    pub fn expand_dims(shape: &[usize], axis: isize) -> IrResult<ViewOp> {
        let ax = normalize_axis(axis, shape.len() + 1)?;
        let mut dims: Dims = shape.into();
        dims.insert(ax, 1);
        Ok(ViewOp::Reshape(dims))
    }

    /// `np.squeeze(a, axes)`; `None` removes every length-1 axis.
    pub fn squeeze(shape: &[usize], axes: Option<&[isize]>) -> IrResult<ViewOp> {
        let drop: Dims = match axes {
            None => (0..shape.len()).filter(|&k| shape[k] == 1).collect(),
            Some(axes) => {
                let axes = normalize_axes(axes, shape.len())?;
                if let Some(&k) = axes.iter().find(|&&k| shape[k] != 1) {
                    return Err(IrError::shape(format!(
                        "cannot select an axis to squeeze out which has size not equal to one (axis {k} of shape {})",
                        ShapeFmt(shape)
                    )));
                }
                axes
            }
        };
        Ok(ViewOp::Reshape(
            (0..shape.len())
                .filter(|k| !drop.contains(k))
                .map(|k| shape[k])
                .collect(),
        ))
    }

    /// `a.diagonal(offset, axis1, axis2)`; needs two distinct axes.
    pub fn diagonal(
        shape: &[usize],
        offset: isize,
        axis1: isize,
        axis2: isize,
    ) -> IrResult<ViewOp> {
        if shape.len() < 2 {
            return Err(IrError::shape(
                "diag requires an array of at least two dimensions",
            ));
        }
        let a1 = normalize_axis(axis1, shape.len())?;
        let a2 = normalize_axis(axis2, shape.len())?;
        if a1 == a2 {
            return Err(IrError::axis("axis1 and axis2 cannot be the same"));
        }
        Ok(ViewOp::Diagonal {
            offset,
            axis1: a1,
            axis2: a2,
        })
    }

    /// `sliding_window_view(a, window, axes)`: every window must fit its axis.
    pub fn windows(shape: &[usize], window: &[usize], axes: &[isize]) -> IrResult<ViewOp> {
        if window.len() != axes.len() {
            return Err(IrError::shape(
                "Must provide matching length window_shape and axis; got window_shape and axis of different lengths",
            ));
        }
        let mut norm = Dims::new();
        for &a in axes {
            norm.push(normalize_axis(a, shape.len())?);
        }
        let mut remaining: Dims = shape.into();
        for (&w, &ax) in window.iter().zip(&norm) {
            if w > remaining[ax] {
                return Err(IrError::view(format!(
                    "window shape cannot be larger than input array shape (window {w} on axis {ax} of shape {})",
                    ShapeFmt(shape)
                )));
            }
            remaining[ax] = remaining[ax] + 1 - w;
        }
        Ok(ViewOp::Windows {
            window: window.into(),
            axes: norm,
        })
    }

    /// Checked `as_strided` over the C-order elements of an input of `input_shape`: the view must
    /// stay inside them.
    pub fn as_strided(
        input_shape: &[usize],
        shape: &[usize],
        strides: &[isize],
        offset: usize,
        dtype: DType,
    ) -> IrResult<ViewOp> {
        if shape.len() != strides.len() {
            return Err(IrError::view(format!(
                "as_strided: shape {} and strides of length {} differ in rank",
                ShapeFmt(shape),
                strides.len()
            )));
        }
        checked_size(shape, dtype)?;
        let view = View {
            shape: shape.into(),
            strides: strides.into(),
            offset,
        };
        let base = size_of(input_shape);
        if !view.fits_in(base) {
            return Err(IrError::view(format!(
                "as_strided: the view (shape {}, strides {:?}, offset {offset}) reaches outside its base of {base} elements",
                ShapeFmt(shape),
                strides
            )));
        }
        Ok(ViewOp::AsStrided(view))
    }

    /// The output shape of this op on an input of `input` shape (the op must have been built
    /// for that shape).
    pub fn output_shape(&self, input: &[usize]) -> Dims {
        match self {
            ViewOp::Reshape(d) | ViewOp::BroadcastTo(d) => d.clone(),
            ViewOp::AsStrided(v) => v.shape.clone(),
            // The common ones directly (this runs for every view built).
            ViewOp::Slice(elems) => elems
                .iter()
                .filter_map(|e| match *e {
                    AxisSlice::Range { len, .. } => Some(len),
                    AxisSlice::NewAxis => Some(1),
                    AxisSlice::Index(_) => None,
                })
                .collect(),
            ViewOp::Permute(perm) => perm.iter().map(|&p| input[p]).collect(),
            _ => {
                View::contiguous(input)
                    .apply(self)
                    .expect("only reshape and as_strided can fail to apply")
                    .shape
            }
        }
    }

    /// A short NumPy-like description (`[::10, :]`, `transpose(1,0)`, `reshape(10,10)`).
    pub fn describe(&self) -> String {
        self.to_string()
    }
}

fn resolve_range(
    start: Option<isize>,
    stop: Option<isize>,
    step: isize,
    n: usize,
) -> IrResult<AxisSlice> {
    if step == 0 {
        return Err(IrError::view("slice step cannot be zero"));
    }
    let n = n as isize;
    let clip = |v: isize, lo: isize, hi: isize| {
        let v = if v < 0 { v + n } else { v };
        v.clamp(lo, hi)
    };
    // CPython's `(stop - start - 1) / step + 1`, on the clipped bounds and the step's magnitude
    // (so no step, not even `isize::MIN`, overflows).
    let count = |from: isize, to: isize| {
        if to > from {
            (to - from - 1) as usize / step.unsigned_abs() + 1
        } else {
            0
        }
    };
    let (start, len) = if step > 0 {
        let b = start.map_or(0, |v| clip(v, 0, n));
        let e = stop.map_or(n, |v| clip(v, 0, n));
        (b, count(b, e))
    } else {
        let b = start.map_or(n - 1, |v| clip(v, -1, n - 1));
        let e = stop.map_or(-1, |v| clip(v, -1, n - 1));
        (b, count(e, b))
    };
    Ok(AxisSlice::Range {
        start: if len > 0 { start as usize } else { 0 },
        len,
        step,
    })
}

/// Resolves a possibly negative index into an axis of length `n`.
pub fn resolve_index(i: isize, n: usize, axis: usize) -> IrResult<usize> {
    let ni = n as isize;
    if i < -ni || i >= ni {
        return Err(IrError::index(format!(
            "index {i} is out of bounds for axis {axis} with size {n}"
        )));
    }
    Ok(if i < 0 { i + ni } else { i } as usize)
}

struct ReshapeFmt<'a>(&'a [isize]);

impl fmt::Display for ReshapeFmt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dims: Vec<String> = self.0.iter().map(|d| d.to_string()).collect();
        if dims.len() == 1 {
            write!(f, "({},)", dims[0])
        } else {
            write!(f, "({})", dims.join(","))
        }
    }
}

impl fmt::Display for AxisSlice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            AxisSlice::Index(i) => write!(f, "{i}"),
            AxisSlice::NewAxis => f.write_str("None"),
            AxisSlice::Range { start, len, step } => {
                if len == 0 {
                    return f.write_str("0:0");
                }
                let last = start as isize + (len as isize - 1) * step;
                let stop = last + step.signum();
                if step == 1 && start == 0 {
                    write!(f, ":{stop}")
                } else if step == 1 {
                    write!(f, "{start}:{stop}")
                } else if stop < 0 {
                    write!(f, "{start}::{step}")
                } else {
                    write!(f, "{start}:{stop}:{step}")
                }
            }
        }
    }
}

impl fmt::Display for ViewOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let join = |d: &[usize]| {
            d.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        match self {
            ViewOp::Slice(elems) => {
                let parts: Vec<String> = elems.iter().map(|e| e.to_string()).collect();
                write!(f, "slice[{}]", parts.join(", "))
            }
            ViewOp::Permute(p) => write!(f, "transpose({})", join(p)),
            ViewOp::BroadcastTo(d) => write!(f, "broadcast_to({})", join(d)),
            ViewOp::Reshape(d) => write!(f, "reshape({})", join(d)),
            ViewOp::Diagonal {
                offset,
                axis1,
                axis2,
            } => write!(f, "diagonal(offset={offset}, axis1={axis1}, axis2={axis2})"),
            ViewOp::Windows { window, axes } => {
                write!(
                    f,
                    "sliding_window(window=({}), axes=({}))",
                    join(window),
                    join(axes)
                )
            }
            ViewOp::AsStrided(v) => write!(f, "{v}"),
        }
    }
}

impl fmt::Display for View {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let strides: Vec<String> = self.strides.iter().map(|s| s.to_string()).collect();
        let comma = if strides.len() == 1 { "," } else { "" };
        write!(
            f,
            "as_strided(shape={}, element strides=({}{comma}), offset={})",
            ShapeFmt(&self.shape),
            strides.join(","),
            self.offset
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(start: Option<isize>, stop: Option<isize>, step: isize) -> SliceArg {
        SliceArg::Range { start, stop, step }
    }

    fn apply(shape: &[usize], op: &ViewOp) -> View {
        View::contiguous(shape).apply(op).unwrap()
    }

    #[test]
    fn slices_clip_like_numpy() {
        // np.arange(10)[::-1] -> 9..0; [8:2:-2] -> [8,6,4]; [-100:100] -> all; [5:2] -> empty
        let v = apply(
            &[10],
            &ViewOp::slice(&[range(None, None, -1)], &[10]).unwrap(),
        );
        assert_eq!((v.shape[0], v.strides[0], v.offset), (10, -1, 9));
        let v = apply(
            &[10],
            &ViewOp::slice(&[range(Some(8), Some(2), -2)], &[10]).unwrap(),
        );
        assert_eq!((v.shape[0], v.strides[0], v.offset), (3, -2, 8));
        let v = apply(
            &[10],
            &ViewOp::slice(&[range(Some(-100), Some(100), 1)], &[10]).unwrap(),
        );
        assert_eq!(v.shape[0], 10);
        let v = apply(
            &[10],
            &ViewOp::slice(&[range(Some(5), Some(2), 1)], &[10]).unwrap(),
        );
        assert_eq!(v.shape[0], 0);
        // a reversed slice of an empty array is empty
        let v = apply(
            &[0],
            &ViewOp::slice(&[range(None, None, -1)], &[0]).unwrap(),
        );
        assert_eq!(v.shape[0], 0);
        assert!(ViewOp::slice(&[range(None, None, 0)], &[3]).is_err());
    }

    #[test]
    fn index_drops_axis_and_newaxis_inserts() {
        // np.zeros((3,4))[1] has shape (4,); [None, :, -1] has shape (1, 3)
        let v = apply(
            &[3, 4],
            &ViewOp::slice(&[SliceArg::Index(1)], &[3, 4]).unwrap(),
        );
        assert_eq!((&v.shape[..], v.offset), (&[4usize][..], 4));
        let op = ViewOp::slice(
            &[SliceArg::NewAxis, range(None, None, 1), SliceArg::Index(-1)],
            &[3, 4],
        )
        .unwrap();
        let v = apply(&[3, 4], &op);
        assert_eq!((&v.shape[..], v.offset), (&[1usize, 3][..], 3));
        let err = ViewOp::slice(&[SliceArg::Index(3)], &[3]).unwrap_err();
        assert_eq!(
            err.message,
            "index 3 is out of bounds for axis 0 with size 3"
        );
        let err = ViewOp::slice(&[SliceArg::Index(0), SliceArg::Index(0)], &[3]).unwrap_err();
        assert!(err.message.starts_with("too many indices for array"));
    }

    #[test]
    fn reshape_is_a_view_exactly_when_numpy_says() {
        // a = np.zeros((10,10)); a.reshape(100) is a view; a.T.reshape(100) is a copy
        let a = View::contiguous(&[10, 10]);
        assert!(a.apply(&ViewOp::Reshape(smallvec![100])).is_some());
        let t = a.apply(&ViewOp::Permute(smallvec![1, 0])).unwrap();
        assert!(t.apply(&ViewOp::Reshape(smallvec![100])).is_none());
        // a.T.reshape(10, 10, 1) is a view (only adds a unit axis)
        assert!(t.apply(&ViewOp::Reshape(smallvec![10, 10, 1])).is_some());
        // a[:, :5].reshape(50) is a copy; a[:, ::2].reshape(50) is a view (one stride of 2
        // walks it); a[::2].reshape(5, 2, 5) is a view
        let s = a
            .apply(
                &ViewOp::slice(&[range(None, None, 1), range(None, Some(5), 1)], &[10, 10])
                    .unwrap(),
            )
            .unwrap();
        assert!(s.apply(&ViewOp::Reshape(smallvec![50])).is_none());
        let s = a
            .apply(
                &ViewOp::slice(&[range(None, None, 1), range(None, None, 2)], &[10, 10]).unwrap(),
            )
            .unwrap();
        assert_eq!(
            &s.apply(&ViewOp::Reshape(smallvec![50])).unwrap().strides[..],
            &[2]
        );
        let s = a
            .apply(&ViewOp::slice(&[range(None, None, 2)], &[10, 10]).unwrap())
            .unwrap();
        let r = s.apply(&ViewOp::Reshape(smallvec![5, 2, 5])).unwrap();
        assert_eq!(&r.strides[..], &[20, 5, 1]);
    }

    #[test]
    fn reshape_errors() {
        let err = ViewOp::reshape(&[2, 3], &[4], DType::F64).unwrap_err();
        assert_eq!(
            err.message,
            "cannot reshape array of size 6 into shape (4,)"
        );
        assert!(ViewOp::reshape(&[2, 3], &[-1, -1], DType::F64).is_err());
        assert_eq!(
            ViewOp::reshape(&[2, 3], &[3, -1], DType::F64).unwrap(),
            ViewOp::Reshape(smallvec![3, 2])
        );
        assert_eq!(
            ViewOp::reshape(&[0, 3], &[-1, 0], DType::F64)
                .unwrap_err()
                .kind,
            crate::error::ErrorKind::Shape
        );
    }

    #[test]
    fn diagonal_and_windows() {
        // np.arange(12).reshape(3,4).diagonal(1) -> [1, 6, 11]
        let v = apply(&[3, 4], &ViewOp::diagonal(&[3, 4], 1, 0, 1).unwrap());
        assert_eq!(
            (&v.shape[..], &v.strides[..], v.offset),
            (&[3usize][..], &[5isize][..], 1)
        );
        // sliding_window_view(np.arange(6), 3).shape == (4, 3), strides (1, 1)
        let v = apply(&[6], &ViewOp::windows(&[6], &[3], &[0]).unwrap());
        assert_eq!(
            (&v.shape[..], &v.strides[..]),
            (&[4usize, 3][..], &[1isize, 1][..])
        );
        assert!(ViewOp::windows(&[2], &[3], &[0]).is_err());
    }

    #[test]
    fn as_strided_is_checked() {
        assert!(ViewOp::as_strided(&[10], &[4, 3], &[2, 1], 0, DType::F64).is_ok());
        assert!(ViewOp::as_strided(&[10], &[4, 3], &[3, 1], 0, DType::F64).is_err());
        assert!(ViewOp::as_strided(&[10], &[3], &[-1], 2, DType::F64).is_ok());
        assert!(ViewOp::as_strided(&[10], &[3], &[-1], 1, DType::F64).is_err());
        assert!(
            ViewOp::as_strided(&[10], &[0, 1 << 40], &[1 << 40, 1 << 40], 0, DType::F64).is_ok()
        );
    }

    #[test]
    fn offsets_walk_in_c_order() {
        let v = apply(&[3, 4], &ViewOp::Permute(smallvec![1, 0]));
        let got: Vec<usize> = v.offsets().collect();
        assert_eq!(got, vec![0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]);
        let empty = apply(&[0, 4], &ViewOp::Permute(smallvec![1, 0]));
        assert_eq!(empty.offsets().count(), 0);
        let scalar = View::contiguous(&[]);
        assert_eq!(scalar.offsets().collect::<Vec<_>>(), vec![0]);
    }

    #[test]
    fn output_shape_equals_the_applied_views_shape() {
        let shape = [4usize, 0, 5, 3];
        let r = |start: Option<isize>, stop: Option<isize>, step: isize| SliceArg::Range {
            start,
            stop,
            step,
        };
        let cases: Vec<Vec<SliceArg>> = vec![
            vec![
                r(None, None, -2),
                SliceArg::NewAxis,
                r(Some(1), None, 1),
                SliceArg::Index(-1),
            ],
            vec![
                SliceArg::Index(2),
                SliceArg::Ellipsis,
                r(Some(-2), Some(-9), -1),
            ],
            vec![SliceArg::NewAxis, SliceArg::NewAxis],
            vec![r(Some(9), None, 3), r(None, None, 1), r(None, None, 2)],
        ];
        let full = View::contiguous(&shape);
        for args in cases {
            let op = ViewOp::slice(&args, &shape).unwrap();
            assert_eq!(
                op.output_shape(&shape),
                full.apply(&op).unwrap().shape,
                "{args:?}"
            );
        }
        let op = ViewOp::Permute(smallvec![2, 0, 3, 1]);
        assert_eq!(op.output_shape(&shape), full.apply(&op).unwrap().shape);
    }

    #[test]
    fn broadcast_gives_zero_strides() {
        let op = ViewOp::broadcast_to(&[3, 1], &[2, 3, 4]).unwrap();
        let v = apply(&[3, 1], &op);
        assert_eq!(&v.strides[..], &[0, 1, 0]);
        assert!(ViewOp::broadcast_to(&[3], &[4]).is_err());
    }
}
