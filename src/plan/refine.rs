//! Refining a loop domain so a reshape becomes a regrouping of loop dims.
//!
//! A reshape between two shapes of one size is a pure renaming of loop dims when both shapes
//! are groupings of one finer shape (their *common refinement*): `(6,) ~ (2, 3)`,
//! `(4, 6) ~ (2, 2, 6) ~ (4, 2, 3)`. Splitting a strided dim into factors is always a view, so a
//! kernel whose domain is the common refinement can read a transposed input through a reshape,
//! or a tiled one, without a copy.

use lazyarray_ir::{Dims, Strides, View};

/// The common refinement of `shapes` (all of one nonzero size), without extent-1 dims, or
/// `None` when there is none (`(4, 6)` and `(6, 4)`).
pub fn common_refinement(shapes: &[&[usize]]) -> Option<Dims> {
    // A shape's breakpoints: the products of its trailing dims. Shapes have a common refinement
    // iff the union of their breakpoints is a divisibility chain.
    let mut points: Vec<usize> = vec![1];
    for shape in shapes {
        let mut p = 1usize;
        for &d in shape.iter().rev() {
            p = p.checked_mul(d)?;
            points.push(p);
        }
    }
    points.sort_unstable();
    points.dedup();
    if points.contains(&0) {
        return None;
    }
    let mut refined = Dims::new();
    for w in points.windows(2) {
        if w[1] % w[0] != 0 {
            return None;
        }
        refined.push(w[1] / w[0]);
    }
    refined.reverse();
    Some(refined)
}

/// Splits the dims of `view` into the finer `refined` shape (which must refine the view's
/// shape): a dim of extent `a*b` and stride `s` becomes `(a, b)` with strides `(b*s, s)`.
pub fn split(view: &View, refined: &[usize]) -> View {
    let mut strides: Strides = Strides::new();
    let mut r = refined.len();
    for (&d, &s) in view.shape.iter().zip(&view.strides).rev() {
        if d == 1 {
            continue;
        }
        let mut covered = 1usize;
        let mut stride = s;
        while covered < d {
            r -= 1;
            strides.push(stride);
            stride *= refined[r] as isize;
            covered *= refined[r];
        }
        debug_assert_eq!(covered, d, "refined shape must refine the view's shape");
    }
    strides.reverse();
    View {
        shape: refined.into(),
        strides,
        offset: view.offset,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refinements() {
        assert_eq!(&common_refinement(&[&[6], &[2, 3]]).unwrap()[..], &[2, 3]);
        assert_eq!(
            &common_refinement(&[&[4, 6], &[4, 2, 3]]).unwrap()[..],
            &[4, 2, 3]
        );
        assert_eq!(
            &common_refinement(&[&[2, 6], &[4, 3]]).unwrap()[..],
            &[2, 2, 3]
        );
        assert!(common_refinement(&[&[4, 6], &[6, 4]]).is_none());
        assert_eq!(&common_refinement(&[&[1, 5, 1], &[5]]).unwrap()[..], &[5]);
    }

    #[test]
    fn split_keeps_addresses() {
        // a transposed (3, 4) C-order array: strides (1, 3)
        let v = View {
            shape: [3, 4].into_iter().collect(),
            strides: [1, 3].into_iter().collect(),
            offset: 0,
        };
        let s = split(&v, &[3, 2, 2]);
        assert_eq!(&s.strides[..], &[1, 6, 3]);
        for i in 0..3 {
            for j in 0..4 {
                assert_eq!(v.offset_of(&[i, j]), s.offset_of(&[i, j / 2, j % 2]));
            }
        }
    }
}
