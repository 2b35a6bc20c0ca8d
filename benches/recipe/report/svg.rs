//! `recipe.svg`: a bar chart of lazyarray's time over NumPy's expert form's and over the
//! roofline, per case, on a log scale.

use super::fmt_ratio;
use super::row::Row;
use std::fmt::Write as _;

/// `s` with `&`, `<` and `>` escaped for XML text.
fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A horizontal bar chart of the two ratios per case on a log scale, bars drawn from 1×
/// (left: lazyarray faster; right: slower).
pub fn to_svg(rows: &[Row], title: &str) -> String {
    let ratios: Vec<f64> = rows
        .iter()
        .flat_map(|r| [r.vs_expert(), r.vs_roofline()])
        .flatten()
        .filter(|r| *r > 0.0)
        .collect();
    // Whole decades, with room beyond the extreme bars for their labels.
    let lo = (ratios.iter().fold(0.1f64, |m, &r| m.min(r)).log10() - 0.3).floor() as i32;
    let hi = (ratios.iter().fold(10.0f64, |m, &r| m.max(r)).log10() + 0.3).ceil() as i32;
    let (left, right, top, row_h, bar_h) = (150.0, 40.0, 96.0, 34.0, 12.0);
    let width = 1100.0;
    let plot_w = width - left - right;
    let height = top + row_h * rows.len() as f64 + 50.0;
    let x = |r: f64| left + (r.log10() - lo as f64) / (hi - lo) as f64 * plot_w;
    let colors = ["#3b6fb6", "#e08a2c"];
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">"
    );
    let _ = writeln!(
        s,
        "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text x=\"{left}\" y=\"24\" font-size=\"16\" font-weight=\"bold\">{}</text>\n\
         <text x=\"{left}\" y=\"44\" fill=\"#444\">Time ratios, log scale, bars from 1×: left of 1× lazyarray is faster, right of it slower. \
         Missing bar: n/a (a view, or NumPy not run).</text>",
        xml_escape(title)
    );
    let legend = [
        "lazyarray (naive form) / NumPy expert form",
        "lazyarray (naive form) / bandwidth roofline",
    ];
    for (k, (label, color)) in legend.iter().zip(colors).enumerate() {
        let lx = left + 380.0 * k as f64;
        let _ = writeln!(
            s,
            "<rect x=\"{lx}\" y=\"56\" width=\"14\" height=\"12\" fill=\"{color}\"/>\
             <text x=\"{}\" y=\"67\">{label}</text>",
            lx + 20.0
        );
    }
    let bottom = top + row_h * rows.len() as f64;
    for e in lo..=hi {
        let gx = x(10f64.powi(e));
        let (stroke, w) = if e == 0 { ("#000", 1.5) } else { ("#ccc", 1.0) };
        let label = if e >= 0 {
            format!("{}×", 10u64.pow(e as u32))
        } else {
            format!("{}×", 10f64.powi(e))
        };
        let _ = writeln!(
            s,
            "<line x1=\"{gx:.1}\" y1=\"{top}\" x2=\"{gx:.1}\" y2=\"{bottom}\" stroke=\"{stroke}\" stroke-width=\"{w}\"/>\
             <text x=\"{gx:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#444\">{label}</text>\
             <text x=\"{gx:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#444\">{label}</text>",
            bottom + 16.0,
            top - 6.0
        );
    }
    let one = x(1.0);
    for (k, r) in rows.iter().enumerate() {
        let y0 = top + row_h * k as f64;
        if k % 2 == 1 {
            let _ = writeln!(
                s,
                "<rect x=\"0\" y=\"{y0}\" width=\"{left}\" height=\"{row_h}\" fill=\"#f3f3f3\"/>"
            );
        }
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-family=\"monospace\">{}</text>",
            left - 8.0,
            y0 + row_h / 2.0 + 4.0,
            xml_escape(r.case)
        );
        for (j, (v, color)) in [r.vs_expert(), r.vs_roofline()]
            .into_iter()
            .zip(colors)
            .enumerate()
        {
            let by = y0 + 4.0 + j as f64 * (bar_h + 2.0);
            match v {
                Some(v) if v > 0.0 => {
                    let vx = x(v);
                    let (bx, bw) = if vx >= one {
                        (one, vx - one)
                    } else {
                        (vx, one - vx)
                    };
                    let (tx, anchor) = if vx >= one {
                        (vx + 4.0, "start")
                    } else {
                        (vx - 4.0, "end")
                    };
                    let _ = writeln!(
                        s,
                        "<rect x=\"{bx:.1}\" y=\"{by:.1}\" width=\"{:.1}\" height=\"{bar_h}\" fill=\"{color}\"/>\
                         <text x=\"{tx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" font-size=\"10\">{}</text>",
                        bw.max(1.0),
                        by + bar_h - 2.0,
                        fmt_ratio(Some(v))
                    );
                }
                _ => {
                    let _ = writeln!(
                        s,
                        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"#888\">n/a</text>",
                        one + 4.0,
                        by + bar_h - 2.0
                    );
                }
            }
        }
    }
    s.push_str("</svg>\n");
    s
}
