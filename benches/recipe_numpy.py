#!/usr/bin/env python3
"""NumPy's side of `cargo bench --bench recipe` (benches/recipe/numpy/ runs this; it prints JSON).

    python3 benches/recipe_numpy.py --case NAME:D1xD2:RUNS [--case ...] [--check]

For each case it times NumPy's *naive* form (what the recipe warns against, and what lazyarray
runs) and the *expert* form (what the recipe recommends, preallocated outputs, BLAS), and with
numexpr installed the numexpr form of the fused cases. Sizes and repeat counts come from the Rust
harness, so both sides always measure the same problem. The inputs are the same numbers as
lazyarray's: `np.random.seed(s); np.random.random_sample(shape)` is `Array::random(shape, s)`.

Timing: `timeit` with the statement compiled into its loop; one untimed warm-up call, then the
number of calls per sample is raised until a sample takes at least 5 ms (tiny cases), and the
result is the median over the samples of the time per call. A case slower than 100 ms per call
gets at most 7 samples. Results of a call are freed by the next call of a sample, or after the
sample (one call per sample), as timeit does.

With --check, each case also reports a checksum of its naive result (shape, sum, a
position-weighted sum and the sum of absolute values, all in float64) for the harness to
compare with lazyarray's result.

Without numpy this prints {"error": ...} and exits 0; without numexpr the numexpr times are null.
NumPy's defaults are kept: OpenBLAS (the expert sums and dots) and numexpr may use every core.
"""

import json
import statistics
import sys
import timeit

try:
    import numpy as np
except ImportError as e:  # the harness prints "n/a (pip install numpy)"
    print(json.dumps({"error": f"numpy is not installed ({e})"}))
    sys.exit(0)

try:
    import numexpr as ne
except ImportError:
    ne = None

from numpy.lib.stride_tricks import sliding_window_view

TARGET_SAMPLE_S = 0.005
SLOW_CALL_S = 0.1
SLOW_RUNS = 7


def rand(shape, seed):
    np.random.seed(seed)
    return np.random.random_sample(shape)


# Each case: inputs(dims) -> namespace; naive / expert statements (expert None: NumPy has no
# better form, the naive time is reported for it); numexpr statement (None: not applicable);
# `reset`: a statement run untimed before each sample (the in-place case restarts from its
# inputs so repeated doubling cannot overflow); `result`: the expression whose value is checked.

def vec1(d):
    return {"a0": rand(d[0], 1), "a": rand(d[0], 1)}


def vec2(d):
    n = d[0]
    return {"a": rand(n, 1), "b": rand(n, 2), "c": np.empty(n), "t": np.empty(n),
            "u": np.empty(n), "m": np.empty(n, dtype=bool), "o": np.empty(n)}


def small(d):
    return {"a": rand((d[0], d[1]), 7)}


def outer(d):
    n = d[0]
    a = np.arange(n)
    return {"n": n, "ac": a[:, np.newaxis], "ar": a[np.newaxis, :]}


def rows(d):
    n, k = d[0], d[1]
    ns = {"a": rand((n, k), 5), "n": n}
    ns["i"] = np.arange(0, n, 10)
    ns["mask"] = rand(n, 3) < 0.5
    if len(d) > 2:
        ns["j"] = (rand(d[2], 4) * n).astype(np.int64)
    return ns


def square(d):
    return {"a": rand((d[0], d[1]), 6), "o": np.ones(d[1])}


def std_in(d):
    a = rand((d[0], d[1]), 6)
    return {"a": a, "t": np.empty_like(a)}


def softmax_in(d):
    x = rand((d[0], d[1]), 8).astype(np.float32)
    return {"x": x, "e": np.empty_like(x)}


def rolling_in(d):
    n = d[0]
    return {"a": rand(n, 1), "c": np.empty(n), "r": np.empty(n - 9), "n": n,
            "sliding_window_view": sliding_window_view}


def image_in(d):
    img = (rand((d[0], d[1], d[2]), 9) * 256).astype(np.uint8)
    return {"img": img, "f": np.empty(img.shape, np.float32), "o": np.empty_like(img)}
def rng_in(d):
    return {"rng": np.random.default_rng(0), "n": d[0]}


def uniform_in(lo, hi, dtype):
    def inputs(d):
        x = (rand(d[0], 9) * (hi - lo) + lo).astype(dtype)
        return {"x": x, "o": np.empty_like(x)}
    return inputs


CASES = {
    "inplace_mul": dict(inputs=vec1, naive="a = a * 2", expert="a *= 2", reset="a = a0.copy()",
                        result="a0 * 2"),
    "copy_mul": dict(inputs=vec2, naive="r = a * 2", expert="np.multiply(a, 2, out=c)",
                     result="a * 2"),
    "reshape_view": dict(inputs=small, naive="a.reshape((1, 100))", expert=None,
                         result="a.reshape((1, 100))"),
    "reshape_T_copy": dict(inputs=small, naive="a.T.reshape((1, 100))", expert=None,
                           result="a.T.reshape((1, 100))"),
    "flatten": dict(inputs=small, naive="a.flatten()", expert="a.ravel()", result="a.flatten()"),
    "outer_tile": dict(inputs=outer, naive="np.tile(ac, (1, n)) * np.tile(ar, (n, 1))",
                       expert="ar * ac", result="np.tile(ac, (1, n)) * np.tile(ar, (n, 1))"),
    "slice_view": dict(inputs=rows, naive="a[::10]", expert=None, result="a[::10]"),
    "fancy_arange": dict(inputs=rows, naive="a[np.arange(0, n, 10)]", expert="a[::10]",
                         result="a[np.arange(0, n, 10)]"),
    "fancy_rows": dict(inputs=rows, naive="a[i]", expert="np.take(a, i, axis=0)", result="a[i]"),
    "mask_fancy": dict(inputs=rows, naive="a[mask]", expert="np.compress(mask, a, axis=0)",
                       result="a[mask]"),
    "row_sum": dict(inputs=square, naive="a[0, :].sum()", expert=None, result="a[0, :].sum()"),
    "take_random": dict(inputs=rows, naive="a[j]", expert="np.take(a, j, axis=0)", result="a[j]"),
    "col_sum": dict(inputs=square, naive="a[:, 0].sum()", expert=None, result="a[:, 0].sum()"),
    "sum_axis0": dict(inputs=square, naive="a.sum(axis=0)", expert="o @ a",
                      result="a.sum(axis=0)"),
    "sum_axis1": dict(inputs=square, naive="a.sum(axis=1)", expert="a @ o",
                      result="a.sum(axis=1)"),
    "sum_T_axis0": dict(inputs=square, naive="a.T.sum(axis=0)", expert="o @ a.T",
                        result="a.T.sum(axis=0)"),
    "sum_T_axis1": dict(inputs=square, naive="a.T.sum(axis=1)", expert="a.T @ o",
                        result="a.T.sum(axis=1)"),
    "std_axis0": dict(inputs=std_in, naive="a.std(axis=0)",
                      expert="np.subtract(a, a.mean(axis=0), out=t); np.multiply(t, t, out=t); "
                             "r = np.sqrt(t.mean(axis=0))",
                      result="a.std(axis=0)"),
    "poly": dict(inputs=vec2, naive="r = 2*a**2 + 3*a + 1",
                 expert="np.multiply(a, a, out=t); np.multiply(t, 2, out=t); np.multiply(a, 3, out=u); "
                        "np.add(t, u, out=t); np.add(t, 1, out=t)",
                 numexpr="r = ne.evaluate('2*a**2 + 3*a + 1')", result="2*a**2 + 3*a + 1"),
    "triad": dict(inputs=vec2, naive="r = a + 2.5*b",
                  expert="np.multiply(b, 2.5, out=c); np.add(a, c, out=c)",
                  numexpr="r = ne.evaluate('a + 2.5*b')", result="a + 2.5*b"),
    "blend": dict(inputs=vec2, naive="r = np.where(a > 0.5, a*b, a - b)",
                  expert="np.greater(a, 0.5, out=m); np.subtract(a, b, out=c); "
                         "np.multiply(a, b, out=c, where=m)",
                  numexpr="r = ne.evaluate('where(a > 0.5, a*b, a - b)')",
                  result="np.where(a > 0.5, a*b, a - b)"),
    "sumsq": dict(inputs=vec2, naive="(a*b).sum()", expert="np.dot(a, b)",
                  numexpr="ne.evaluate('sum(a*b)')", result="(a*b).sum()"),
    "norm": dict(inputs=vec2, naive="np.sqrt((a*a).sum())", expert="np.sqrt(np.dot(a, a))",
                 numexpr="np.sqrt(ne.evaluate('sum(a*a)'))", result="np.sqrt((a*a).sum())"),
    "softmax": dict(inputs=softmax_in,
                    naive="e2 = np.exp(x - x.max(axis=1, keepdims=True)); "
                          "r = e2 / e2.sum(axis=1, keepdims=True)",
                    expert="np.subtract(x, x.max(axis=1, keepdims=True), out=e); np.exp(e, out=e); "
                           "np.divide(e, e.sum(axis=1, keepdims=True), out=e)",
                    numexpr="mx = x.max(axis=1, keepdims=True); e2 = ne.evaluate('exp(x - mx)'); "
                            "s = e2.sum(axis=1, keepdims=True); r = ne.evaluate('e2 / s')",
                    result="np.exp(x - x.max(axis=1, keepdims=True)) / "
                           "np.exp(x - x.max(axis=1, keepdims=True)).sum(axis=1, keepdims=True)"),
    "rolling_mean": dict(inputs=rolling_in, naive="r = sliding_window_view(a, 10).mean(axis=1)",
                         expert="np.cumsum(a, out=c); r[0] = c[9]; "
                                "np.subtract(c[10:], c[:-10], out=r[1:]); np.divide(r, 10, out=r)",
                         result="sliding_window_view(a, 10).mean(axis=1)"),
    "u8_image_scale": dict(inputs=image_in,
                           naive="r = (img.astype(np.float32) * 0.5 + 10).clip(0, 255).astype(np.uint8)",
                           expert="np.multiply(img, np.float32(0.5), out=f); np.add(f, 10, out=f); "
                                  "np.clip(f, 0, 255, out=f); np.copyto(o, f, casting='unsafe')",
                           result="(img.astype(np.float32) * 0.5 + 10).clip(0, 255).astype(np.uint8)"),
    "rng_normal": dict(inputs=rng_in, naive="r = rng.standard_normal(n)", expert=None,
                       result="np.random.default_rng(0).standard_normal(n)"),
    "exp_f32": dict(inputs=uniform_in(-10, 10, np.float32), naive="r = np.exp(x)",
                    expert="np.exp(x, out=o)", numexpr="r = ne.evaluate('exp(x)')",
                    result="np.exp(x)"),
    "log_f64": dict(inputs=uniform_in(0, 100, np.float64), naive="r = np.log(x)",
                    expert="np.log(x, out=o)", numexpr="r = ne.evaluate('log(x)')",
                    result="np.log(x)"),
    "sin_f64": dict(inputs=uniform_in(-100, 100, np.float64), naive="r = np.sin(x)",
                    expert="np.sin(x, out=o)", numexpr="r = ne.evaluate('sin(x)')",
                    result="np.sin(x)"),
    "tanh_f32": dict(inputs=uniform_in(-5, 5, np.float32), naive="r = np.tanh(x)",
                     expert="np.tanh(x, out=o)", numexpr="r = ne.evaluate('tanh(x)')",
                     result="np.tanh(x)"),
}


def measure(stmt, ns, runs, reset=None):
    """Median time per call of `stmt`, in milliseconds."""
    setup = reset if reset else "pass"
    timer = timeit.Timer(stmt, setup=setup, globals=ns)
    first = timer.timeit(1)  # warm-up (first-touch of outputs, caches)
    number = 1
    if first < TARGET_SAMPLE_S:
        t = timer.timeit(1)
        while t < TARGET_SAMPLE_S and number < 1 << 24:
            number *= 10 if t * 10 < TARGET_SAMPLE_S else 2
            t = timer.timeit(number)
    elif first > SLOW_CALL_S:
        runs = min(runs, SLOW_RUNS)
    samples = timer.repeat(repeat=runs, number=number)
    return statistics.median(samples) / number * 1e3


def checksum(value):
    """Shape and float64 sums of a result, for comparison with lazyarray's."""
    r = np.asarray(value)
    flat = r.astype(np.float64).ravel()
    w = (np.arange(flat.size) % 97 + 1).astype(np.float64)
    return {
        "shape": list(r.shape),
        "sum": float(flat.sum()),
        "wsum": float(np.dot(flat, w)),
        "asum": float(np.abs(flat).sum()),
    }


def run_case(name, dims, runs, check):
    spec = CASES[name]
    out = {}
    ns = spec["inputs"](dims)
    ns.update(np=np, ne=ne)
    if check:
        out["check"] = checksum(eval(spec["result"], ns))
    reset = spec.get("reset")
    if reset:
        exec(reset, ns)
    out["naive_ms"] = measure(spec["naive"], ns, runs, reset)
    if spec["expert"] is None:
        out["expert_ms"] = out["naive_ms"]
        out["expert_is_naive"] = True
    else:
        if reset:
            exec(reset, ns)
        out["expert_ms"] = measure(spec["expert"], ns, runs, reset)
        out["expert_is_naive"] = False
    out["numexpr_ms"] = None
    if ne is not None and spec.get("numexpr"):
        out["numexpr_ms"] = measure(spec["numexpr"], ns, runs)
    out["naive"] = spec["naive"]
    out["expert"] = spec["expert"] or spec["naive"]
    out["numexpr"] = spec.get("numexpr") if ne is not None else None
    return out


def main(argv):
    cases, check = [], False
    args = iter(argv)
    for arg in args:
        if arg == "--check":
            check = True
        elif arg == "--case":
            name, dims, runs = next(args).split(":")
            cases.append((name, [int(d) for d in dims.split("x")], int(runs)))
        elif arg == "--list":
            print(json.dumps(sorted(CASES)))
            return
        else:
            print(json.dumps({"error": f"unknown argument {arg!r}"}))
            return
    result = {
        "numpy": np.__version__,
        "numexpr": ne.__version__ if ne is not None else None,
        "numexpr_threads": ne.get_num_threads() if ne is not None else None,
        "cases": {},
    }
    for name, dims, runs in cases:
        if name not in CASES:
            result["cases"][name] = {"error": f"no such case {name!r}"}
            continue
        try:
            result["cases"][name] = run_case(name, dims, runs, check)
        except Exception as e:  # report, and go on with the other cases
            result["cases"][name] = {"error": f"{type(e).__name__}: {e}"}
        print(f"recipe_numpy: {name} done", file=sys.stderr, flush=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
