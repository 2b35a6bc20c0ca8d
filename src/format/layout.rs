//! Laying formatted elements out as NumPy does: `_formatArray` of `numpy/_core/arrayprint.py`
//! (brackets, `", "` separators, lines wrapped at the line width with a hanging indent, one
//! blank line fewer than axes left between blocks, `...` where a summarized axis skips items).

/// One axis of the elements being laid out.
#[derive(Copy, Clone, Debug)]
pub(crate) struct Axis {
    /// Items kept along the axis (all of them, or the leading and trailing edge items).
    pub kept: usize,
    /// True when the axis is summarized: `kept / 2` leading items, `...`, `kept / 2` trailing.
    pub summarized: bool,
}

/// The elements of an array (the kept ones, in C order over the kept indices), formatted.
pub(crate) struct Grid<'a> {
    /// One string per kept element.
    pub words: &'a [String],
    /// The axes, outermost first (none for a 0-d array).
    pub axes: &'a [Axis],
}

const SEPARATOR: &str = ", ";
const SUMMARY: &str = "...";

impl Grid<'_> {
    /// `_formatArray(a, ..., line_width, next_line_prefix, separator=', ')`: the nested lists,
    /// lines wrapped before `line_width` characters, continuation lines starting with
    /// `next_line_prefix` (as wide as the text before the first `[`, plus one).
    pub(crate) fn layout(&self, line_width: usize, next_line_prefix: &str) -> String {
        self.recurse(0, 0, next_line_prefix, line_width)
    }

    /// Elements per step along `axis` in [`Grid::words`].
    fn stride(&self, axis: usize) -> usize {
        self.axes[axis + 1..].iter().map(|a| a.kept).product()
    }

    /// `recurser(index, hanging_indent, curr_width)` for the block at `base` on `axis`.
    fn recurse(&self, axis: usize, base: usize, hanging: &str, width: usize) -> String {
        let Some(&Axis { kept, summarized }) = self.axes.get(axis) else {
            return self.words[base].clone();
        };
        let axes_left = self.axes.len() - axis;
        let stride = self.stride(axis);
        let next_hanging = format!("{hanging} ");
        let next_width = width.saturating_sub(1);
        let child = |i: usize| self.recurse(axis + 1, base + i * stride, &next_hanging, next_width);
        // Items before the `...` (none when nothing is skipped), then the rest.
        let leading = if summarized { kept / 2 } else { 0 };
        let mut s = String::new();
        if axes_left == 1 {
            // The innermost axis: elements on lines, wrapped when the next would not fit
            // before the separator or the closing bracket.
            let elem_width = width.saturating_sub(1);
            let mut line = hanging.to_string();
            for i in 0..leading {
                extend_line(&mut s, &mut line, &child(i), elem_width, hanging);
                line.push_str(SEPARATOR);
            }
            if summarized {
                extend_line(&mut s, &mut line, SUMMARY, elem_width, hanging);
                line.push_str(SEPARATOR);
            }
            for i in leading..kept - 1 {
                extend_line(&mut s, &mut line, &child(i), elem_width, hanging);
                line.push_str(SEPARATOR);
            }
            extend_line(&mut s, &mut line, &child(kept - 1), elem_width, hanging);
            s.push_str(&line);
        } else {
            // Outer axes: one block per line, with a blank line per axis below the next.
            let line_sep = format!("{}{}", SEPARATOR.trim_end(), "\n".repeat(axes_left - 1));
            for i in 0..leading {
                s.push_str(hanging);
                s.push_str(&child(i));
                s.push_str(&line_sep);
            }
            if summarized {
                s.push_str(hanging);
                s.push_str(SUMMARY);
                s.push_str(&line_sep);
            }
            for i in leading..kept - 1 {
                s.push_str(hanging);
                s.push_str(&child(i));
                s.push_str(&line_sep);
            }
            s.push_str(hanging);
            s.push_str(&child(kept - 1));
        }
        // The hanging indent of the first line gives way to the bracket.
        format!("[{}]", &s[hanging.len()..])
    }
}

/// `_extendLine`: appends `word` to `line`, first moving to a new line (flushed into `s`) when
/// it would pass `line_width` and the line holds more than its indent.
fn extend_line(s: &mut String, line: &mut String, word: &str, line_width: usize, prefix: &str) {
    if line.len() + word.len() > line_width && line.len() > prefix.len() {
        s.push_str(line.trim_end());
        s.push('\n');
        line.clear();
        line.push_str(prefix);
    }
    line.push_str(word);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(n: usize) -> Vec<String> {
        (0..n).map(|i| i.to_string()).collect()
    }

    /// `np.arange(4).reshape(2, 2)` is `[[0, 1],\n [2, 3]]` inside `array(`.
    #[test]
    fn rows_go_on_their_own_lines() {
        let w = words(4);
        let axes = [Axis {
            kept: 2,
            summarized: false,
        }; 2];
        let g = Grid {
            words: &w,
            axes: &axes,
        };
        assert_eq!(g.layout(74, "       "), "[[0, 1],\n       [2, 3]]");
    }

    /// A summarized axis shows its edges around `...`.
    #[test]
    fn summarized_axes_skip_the_middle() {
        let w = words(6);
        let axes = [Axis {
            kept: 6,
            summarized: true,
        }];
        let g = Grid {
            words: &w,
            axes: &axes,
        };
        assert_eq!(g.layout(74, "       "), "[0, 1, 2, ..., 3, 4, 5]");
    }

    #[test]
    fn zero_dim_is_the_word() {
        let w = words(1);
        assert_eq!(
            Grid {
                words: &w,
                axes: &[]
            }
            .layout(74, " "),
            "0"
        );
    }
}
