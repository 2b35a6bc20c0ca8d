#!/usr/bin/env python3
"""NumPy's `repr` of arrays, the expected text of `Display for lazyarray::Array`.

Regenerate (needs Python 3 and NumPy 2.x; the Rust test `tests/display.rs` needs neither):

    python3 tests/golden/repr/generate.py

This rewrites `tests/golden/repr/cases.txt` (deterministically); `random_cases.py` writes a
larger random set in the same format for `REPR_CASES=<file>`. Each case is

    case <name> [precision=<p>]
    build <step> | <step> | ...
    <NumPy's repr, one or more lines>
    end

`precision=<p>` compares `format!("{a:.p}")` with `np.array_repr(a, precision=p)`; without it,
`a.to_string()` with `repr(a)`. The steps build the same array on both sides:

    values <dtype> <shape> <v> <v> ...   np.array([v, ...], dtype).reshape(shape); a shape is
                                         `2,3`, `()` for 0-d, `0,3` for an empty one
    arange <n>                           np.arange(n) (int64)
    random <seed> <shape>                np.random.seed(seed); np.random.random_sample(shape)
    astype <dtype>                       a.astype(dtype)
    mul <f64> / sub <f64>                a * x / a - x (a Python float: weak, NEP 50)
    reshape <shape>                      a.reshape(shape)
    t                                    a.T (a strided view)
    lt <f64>                             a < x
"""

import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

DTYPES = {
    "bool": np.bool_,
    "int8": np.int8,
    "int16": np.int16,
    "int32": np.int32,
    "int64": np.int64,
    "uint8": np.uint8,
    "uint16": np.uint16,
    "uint32": np.uint32,
    "uint64": np.uint64,
    "float32": np.float32,
    "float64": np.float64,
}


def shape_text(shape):
    return "()" if shape == () else ",".join(str(d) for d in shape)


def parse_shape(text):
    return () if text == "()" else tuple(int(d) for d in text.split(","))


def value_text(v):
    if isinstance(v, (bool, np.bool_)):
        return "True" if v else "False"
    return repr(v)


def values(dtype, shape, data):
    """A `values` step: `data` as the exact tokens the Rust side parses."""
    a = np.array(data, dtype=DTYPES[dtype]).reshape(shape)
    tokens = [value_text(x) for x in a.ravel().tolist()]
    return " ".join(["values", dtype, shape_text(shape)] + tokens)


def build(recipe):
    """The NumPy array a recipe describes (the Rust test builds the same one)."""
    a = None
    for step in recipe.split(" | "):
        op, *args = step.split(" ")
        if op == "values":
            dtype, shape, *tokens = args
            py = {
                "True": True,
                "False": False,
            }
            data = [py[t] if t in py else float(t) if dtype.startswith("float") else int(t)
                    for t in tokens]
            a = np.array(data, dtype=DTYPES[dtype]).reshape(parse_shape(shape))
        elif op == "arange":
            a = np.arange(int(args[0]))
        elif op == "random":
            np.random.seed(int(args[0]))
            a = np.random.random_sample(parse_shape(args[1]))
        elif op == "astype":
            a = a.astype(DTYPES[args[0]])
        elif op == "mul":
            a = a * float(args[0])
        elif op == "sub":
            a = a - float(args[0])
        elif op == "reshape":
            a = a.reshape(parse_shape(args[0]))
        elif op == "t":
            a = a.T
        elif op == "lt":
            a = a < float(args[0])
        else:
            raise ValueError(step)
    return a


F64_MAX = float(np.finfo(np.float64).max)
F32_MAX = float(np.finfo(np.float32).max)
NAN, INF = float("nan"), float("inf")

# (name, recipe, precision or None)
CASES = [
    # float64, positional
    ("f64_2x2", values("float64", (2, 2), [1.0, 2.5, 3.0, 4.0]), None),
    ("f64_integral", values("float64", (3,), [1.0, 2.0, 3.0]), None),
    ("f64_negative", values("float64", (3,), [-1.5, 2.25, -3.0]), None),
    ("f64_thirds", values("float64", (3,), [1 / 3, 2 / 3, 1.0]), None),
    ("f64_rounds_up_to_one", values("float64", (2,), [0.999999999, 1.5]), None),
    ("f64_ratio_1000", values("float64", (2,), [1.0, 1000.0]), None),
    ("f64_small_edge", values("float64", (2,), [1e-4, 2e-4]), None),
    ("f64_mixed_positional", values("float64", (3,), [0.001, 0.5, -0.25]), None),
    ("f64_large_positional", values("float64", (2,), [12345678.9, 99999.0]), None),
    ("f64_negative_zero", values("float64", (2,), [-0.0, 1.0]), None),
    ("f64_zeros", values("float64", (2,), [0.0, -0.0]), None),
    # float64, scientific
    ("f64_sci_small", values("float64", (2,), [1e-5, 1.5]), None),
    ("f64_sci_ratio", values("float64", (2,), [1.0, 1001.0]), None),
    ("f64_sci_large", values("float64", (1,), [1e8]), None),
    ("f64_sci_below_cutoff", values("float64", (1,), [99999999.0]), None),
    ("f64_sci_mixed", values("float64", (4,), [1e-3, 1.0, -100.0, 0.0]), None),
    ("f64_sci_three_digit_exponent", values("float64", (2,), [1e-300, 1e5]), None),
    ("f64_sci_extremes", values("float64", (3,), [F64_MAX, -F64_MAX, 5e-324]), None),
    ("f64_sci_subnormal", values("float64", (2,), [5e-324, 1.0]), None),
    ("f64_sci_rounds_up", values("float64", (2,), [9.999999999e5, 1e-5]), None),
    ("f64_sci_long_digits", values("float64", (3,), [1 / 3 * 1e-7, 2 / 7, 123456.789]), None),
    # non-finite
    ("f64_nan_inf", values("float64", (5,), [NAN, INF, -INF, -0.0, 1.5]), None),
    ("f64_only_nan", values("float64", (1,), [NAN]), None),
    ("f64_only_inf", values("float64", (2,), [INF, NAN]), None),
    ("f64_neg_inf_nan", values("float64", (2,), [-INF, NAN]), None),
    ("f64_nan_sci", values("float64", (3,), [NAN, 1e-10, -INF]), None),
    ("f64_inf_long_digits", values("float64", (3,), [INF, 1 / 3, -2.0]), None),
    # float32
    ("f32_tenths", values("float32", (3,), [0.1, 0.2, 0.3]), None),
    ("f32_thirds", values("float32", (2,), [1 / 3, -2 / 3]), None),
    ("f32_cutoff", values("float32", (2,), [1e6, 1.0]), None),
    ("f32_below_cutoff", values("float32", (2,), [999999.0, 1.0]), None),
    ("f32_small_edge", values("float32", (1,), [1e-4]), None),
    ("f32_extremes", values("float32", (3,), [F32_MAX, -F32_MAX, 1e-45]), None),
    ("f32_nan_inf", values("float32", (4,), [NAN, -INF, 2.5, -0.0]), None),
    ("f32_2d", values("float32", (2, 3), [0.5, 1.25, -3.0, 7.1, 8.0, 9.99]), None),
    ("f32_0d", values("float32", (), [2.5]), None),
    ("f32_sci_digits_past_shortest", values("float32", (3,), [0.3, 1e-5, 0.12345678]), None),
    ("f32_shortest_ties_to_even", values("float32", (3,), [47568.5625, 3599.34912109375, 1.5]),
     None),
    ("f32_sci_shortest_ties_to_even", values("float32", (2,), [1909513.25, 1e-5]), None),
    # integers
    ("i64_1d", values("int64", (3,), [1, 2, 3]), None),
    ("i64_widths", values("int64", (2,), [-5, 100]), None),
    ("i64_widths_negative", values("int64", (2,), [-100, 5]), None),
    ("i64_extremes", values("int64", (3,), [-(2**63), 2**63 - 1, 0]), None),
    ("i64_2d_negative", "arange 12 | reshape 3,4 | sub 5.0 | astype int64", None),
    ("i32_1d", values("int32", (3,), [1, 2, 3]), None),
    ("i32_extremes", values("int32", (3,), [-(2**31), 2**31 - 1, -1]), None),
    ("i32_2d", values("int32", (2, 2), [10, -200, 3000, 4]), None),
    ("i8_extremes", values("int8", (3,), [-128, 127, 0]), None),
    ("i16_2d", values("int16", (2, 2), [-32768, 32767, 5, -1]), None),
    ("u8_image", values("uint8", (2, 2, 3), [0, 255, 7, 128, 1, 2, 3, 4, 5, 250, 251, 9]), None),
    ("u16_0d", values("uint16", (), [65535]), None),
    ("u32_extremes", values("uint32", (2,), [0, 2**32 - 1]), None),
    ("u64_extremes", values("uint64", (3,), [0, 2**64 - 1, 2**63]), None),
    ("u8_summarized", "arange 2000 | astype uint8", None),
    ("u64_empty", values("uint64", (0,), []), None),
    # bool
    ("bool_1d", values("bool", (3,), [True, False, True]), None),
    ("bool_2d", values("bool", (2, 2), [False, True, True, False]), None),
    ("bool_all_false", values("bool", (2,), [False, False]), None),
    # 0-d
    ("i64_0d", values("int64", (), [5]), None),
    ("i32_0d", values("int32", (), [-7]), None),
    ("f64_0d", values("float64", (), [2.5]), None),
    ("f64_0d_integral", values("float64", (), [1.0]), None),
    ("f64_0d_nan", values("float64", (), [NAN]), None),
    ("f64_0d_negative_zero", values("float64", (), [-0.0]), None),
    ("f64_0d_sci", values("float64", (), [1e-7]), None),
    ("bool_0d_true", values("bool", (), [True]), None),
    ("bool_0d_false", values("bool", (), [False]), None),
    # empty
    ("f64_empty", values("float64", (0,), []), None),
    ("i64_empty_2d", values("int64", (0, 3), []), None),
    ("bool_empty_2d", values("bool", (2, 0), []), None),
    ("f32_empty", values("float32", (0,), []), None),
    ("i32_empty_3d", values("int32", (3, 0, 2), []), None),
    # more dimensions
    ("i64_3d", "arange 24 | reshape 2,3,4", None),
    ("f64_3d", "arange 24 | reshape 2,3,4 | astype float64 | mul 0.5", None),
    ("i64_4d", "arange 16 | reshape 2,2,2,2", None),
    ("f32_3d_random", "random 3 2,2,3 | astype float32", None),
    # line wrapping
    ("f64_wrap", "arange 30 | astype float64 | mul 1.1", None),
    ("f64_wrap_random", "random 1 20", None),
    ("i64_wrap", "arange 100", None),
    ("f64_2d_wrap", "random 2 2,10", None),
    ("f64_3d_wrap", "random 4 2,2,9 | mul 100.0", None),
    ("bool_wrap", "random 5 40 | lt 0.5", None),
    # strided views
    ("i64_transposed", "arange 6 | reshape 2,3 | t", None),
    ("f64_transposed", "random 6 4,3 | t", None),
    # summarized
    ("i64_summarized", "arange 1001", None),
    ("i64_summarized_2000", "arange 2000", None),
    ("i32_summarized", "arange 3000 | astype int32", None),
    ("f64_summarized_2d", "arange 2000 | reshape 40,50 | astype float64", None),
    ("f64_summarized_3d", "random 7 10,10,11", None),
    ("f64_summarized_4d", "random 8 5,5,5,10", None),
    ("f64_summarized_sci", "random 9 1001 | mul 10000000000.0", None),
    ("f32_summarized_sci_new_line", "random 10 1001 | mul 10000000000.0 | astype float32", None),
    ("f32_summarized_2d", "random 11 50,30 | astype float32", None),
    ("bool_summarized", "random 12 1500 | lt 0.5", None),
    ("f64_summarized_wide_rows", "random 13 2,1000", None),
    ("f64_summarized_tall", "random 14 1000,2", None),
    ("f64_summarized_transposed", "random 15 50,40 | t", None),
    ("i64_summarized_3d", "arange 2400 | reshape 2,3,400", None),
    # precision option
    ("f64_precision_3", values("float64", (2,), [1 / 3, 2.5]), 3),
    ("f64_precision_3_sci", values("float64", (2,), [1e-5, 1 / 3]), 3),
    ("f64_precision_2_ties_to_even", values("float64", (2,), [0.125, 0.375]), 2),
    ("f32_precision_4", "random 16 6 | astype float32", 4),
]


def main():
    lines = [
        "# NumPy's repr of arrays for tests/display.rs: generated by generate.py "
        f"(NumPy {np.__version__}); do not edit.",
        "# Format: see generate.py.",
    ]
    names = set()
    for name, recipe, precision in CASES:
        assert name not in names, name
        names.add(name)
        a = build(recipe)
        text = repr(a) if precision is None else np.array_repr(a, precision=precision)
        header = f"case {name}" + ("" if precision is None else f" precision={precision}")
        lines += [header, f"build {recipe}", text, "end"]
    path = os.path.join(HERE, "cases.txt")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(CASES)} cases, {os.path.getsize(path)} bytes -> {path}")


if __name__ == "__main__":
    main()
