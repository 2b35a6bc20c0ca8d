//! `recipe.json`: one object per case with its times and plan figures. The keys are a contract
//! with whatever reads the file: keep them as they are.

use super::row::Row;
use std::fmt::Write as _;

/// A number, or `null` for none or a non-finite one.
fn json_num(v: Option<f64>) -> String {
    match v {
        Some(x) if x.is_finite() => format!("{x}"),
        _ => "null".into(),
    }
}

/// A count, or `null` for none.
fn json_count(v: Option<usize>) -> String {
    v.map_or("null".into(), |x| x.to_string())
}

/// A JSON string literal: quotes, backslashes and control characters escaped.
fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The rows as a JSON array: per case `case`, `lazyarray_ms`, `numpy_naive_ms`,
/// `numpy_expert_ms`, `numexpr_ms`, `roofline_ms`, `compile_ms` and `plan` (`kernels`,
/// `allocations`, `bytes_moved` and their `naive_` counterparts); a missing figure is `null`.
pub fn to_json(rows: &[Row]) -> String {
    let mut out = String::from("[\n");
    for (k, r) in rows.iter().enumerate() {
        let p = &r.plan;
        let _ = write!(
            out,
            "  {{\"case\": {}, \"lazyarray_ms\": {}, \"numpy_naive_ms\": {}, \"numpy_expert_ms\": {}, \
             \"numexpr_ms\": {}, \"roofline_ms\": {}, \"compile_ms\": {}, \"plan\": {{\"kernels\": {}, \
             \"allocations\": {}, \"bytes_moved\": {}, \"naive_kernels\": {}, \"naive_allocations\": {}, \
             \"naive_bytes_moved\": {}}}}}",
            json_string(r.case),
            json_num(r.lazy_ms),
            json_num(r.numpy_naive_ms),
            json_num(r.numpy_expert_ms),
            json_num(r.numexpr_ms),
            json_num(r.roofline_ms),
            json_num(r.compile_ms),
            json_count(p.kernels),
            json_count(p.allocations),
            json_num(p.bytes_moved),
            json_count(p.naive_kernels),
            json_count(p.naive_allocations),
            json_num(p.naive_bytes_moved),
        );
        out.push_str(if k + 1 < rows.len() { ",\n" } else { "\n" });
    }
    out.push_str("]\n");
    out
}
