#!/usr/bin/env python3
"""NumPy golden corpus for lazyarray: inputs, NumPy's outputs and NumPy's errors.

Regenerate (needs Python 3 and NumPy 2.x; the Rust test `tests/golden.rs` needs neither):

    python3 tests/golden/generate.py

This rewrites `tests/golden/cases.txt`, `tests/golden/in/*.npy` and `tests/golden/out/*.npy`
(deterministically: the same NumPy gives the same bytes). Commit all three. Check the printed
total size stays small (the files are committed; aim for < 300 KB).

Format of `cases.txt` (parsed by hand in `tests/golden.rs`): `#` lines are comments (each
error case is preceded by one giving NumPy's exception class and message); every other line is
one case,

    <id> <family> <check> [known=<slug>] ; <step> ; <step> ; ...

`<check>` is `exact` (bit for bit; NaN equals NaN, -0.0 differs from 0.0), `close` (a float
reduction: within 1e-12 (float64) / 1e-6 (float32) relative), `ulp4` (a transcendental
function: within 4 ulp of NumPy), or `error:<Variant>:<word>|<word>|...` (the program must fail
with that `lazyarray::Error` variant, on both evaluation paths, with every word in the message).
`known=<slug>` marks a case lazyarray is known to get wrong (see KNOWN below): the normal test
skips it, an ignored test runs it. Each `<step>` is `<op> <arg> <arg> ...`; the result of step
k is `$k`, the result of the last step is compared with `out/<id>.npy`. Arguments:

    @name           the array in in/name.npy
    $k              the result of step k
    f64:2.5 i64:3 bool:true f32:0.1 i32:7
                    a scalar (weak when used as an operand; its Rust type for full/scalar)
    3  -1  2,3  ()  an integer, or a list of them (`()` is empty)
    none true false an absent axis, a flag
    float32 ...     a dtype name
    s:<items>       a basic index: items separated by `,`, each `start:stop:step` (parts may
                    be empty), an integer, `new` (np.newaxis) or `...`

The ops are lazyarray's API by name (`add`, `sum_axes`, `take`, `windows`, ...; see
`tests/golden.rs`), and their NumPy equivalents are the lambdas below.

Deliberately NOT covered, because lazyarray documents a different result (README):
  * float -> int casts of NaN, +-inf and out-of-range values (we saturate; NumPy is undefined);
  * `x ** np.full(..., 0.5)` at -0.0 / -inf (a constant exponent takes the scalar fast path
    here; NumPy calls pow for an array exponent) -- array exponents here avoid 0.5 there;
  * sqrt/exp/log/sin/... of bool arrays (rejected here; NumPy computes in float16);
  * sqrt/exp/log/sin/... of int8 and uint8 arrays (NumPy computes and returns float16, which
    lazyarray does not have; here float32, which holds every 8-bit integer too);
  * `np.take` with bool indices (rejected here; NumPy treats them as 0/1);
  * ops whose NumPy result dtype lazyarray does not have: bool ** bool, bool // bool and
    bool % bool (int8 in NumPy);
  * which zero `maximum`/`minimum`/`clip` return for a tie of -0.0 and 0.0: NumPy's answer
    depends on its SIMD code (on AVX-512, `np.maximum(-0.0, 0.0)` is 0.0 but
    `np.clip(-0.0, 0.0, 1.0)` is -0.0); the inputs here never tie a zero against a zero.
"""

import hashlib
import math
import os
import shutil
import sys
import warnings

import numpy as np
from numpy.lib.stride_tricks import as_strided, sliding_window_view

HERE = os.path.dirname(os.path.abspath(__file__))
IN = os.path.join(HERE, "in")
OUT = os.path.join(HERE, "out")
MANIFEST = os.path.join(HERE, "cases.txt")

# Cases lazyarray gets wrong (found by this corpus; each reported): id -> slug. The corpus found
# three: `np.cumsum`/`np.take` of a 0-d array along axis 0 (NumPy reads it as 1-d; fixed) and
# `a.reshape(3, -3)` (NumPy 2.4 reads any negative size as the unknown one; lazyarray keeps the
# error "negative dimensions are not allowed" (item 1 of docs/bad-inputs.md), so that case
# is not in the corpus: it is `item01_negative_dimension_in_reshape_is_an_error`).
KNOWN = {}

F64, F32, I64, I32, BOOL = np.float64, np.float32, np.int64, np.int32, np.bool_
I8, I16, U8, U16, U32, U64 = np.int8, np.int16, np.uint8, np.uint16, np.uint32, np.uint64
DTYPE_NAMES = {
    F64: "float64", F32: "float32", I64: "int64", I32: "int32", BOOL: "bool",
    I8: "int8", I16: "int16", U8: "uint8", U16: "uint16", U32: "uint32", U64: "uint64",
}


# ---------------------------------------------------------------------------------------------
# Values and tokens
# ---------------------------------------------------------------------------------------------


class Arr:
    """A NumPy value and the token that names it in a program."""

    def __init__(self, val, tok):
        self.val = val
        self.tok = tok


class Weak:
    """A Python scalar (weak under NEP 50)."""

    def __init__(self, v):
        self.v = v
        if isinstance(v, bool):
            self.tok = "bool:" + ("true" if v else "false")
        elif isinstance(v, int):
            self.tok = "i64:%d" % v
        else:
            self.tok = "f64:" + float_tok(v)


def float_tok(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return repr(v)


def typed_tok(v):
    """A typed scalar (`np.float32(0.1)` -> `f32:0.1`)."""
    if isinstance(v, (bool, np.bool_)):
        return "bool:" + ("true" if v else "false")
    if isinstance(v, np.float32):
        return "f32:" + float_tok(v)  # the f32's exact value, which parses back to it
    if isinstance(v, np.int32):
        return "i32:%d" % int(v)
    for t, name in ((np.int8, "i8"), (np.int16, "i16"), (np.uint8, "u8"), (np.uint16, "u16"), (np.uint32, "u32"), (np.uint64, "u64")):
        if isinstance(v, t):
            return "%s:%d" % (name, int(v))
    if isinstance(v, (int, np.int64)):
        return "i64:%d" % int(v)
    return "f64:" + float_tok(v)


def T(v):
    """A typed scalar value: `T(F32(0.1))` is `f32:0.1`, `T(2.5)` is `f64:2.5`."""
    return Arr(v, typed_tok(v))


def ints(v):
    if v is None:
        return "none"
    if isinstance(v, (list, tuple)):
        return ",".join(str(int(x)) for x in v) if len(v) else "()"
    return str(int(v))


def slice_tok(items):
    parts = []
    for it in items:
        if it is None:
            parts.append("new")
        elif it is Ellipsis:
            parts.append("...")
        elif isinstance(it, slice):
            f = lambda x: "" if x is None else str(x)
            parts.append("%s:%s:%s" % (f(it.start), f(it.stop), f(it.step)))
        else:
            parts.append(str(int(it)))
    return "s:" + ",".join(parts)


def tok(x):
    if isinstance(x, (Arr, Weak)):
        return x.tok
    if isinstance(x, bool):
        return "true" if x else "false"
    if x is None:
        return "none"
    if isinstance(x, type) and x in DTYPE_NAMES:
        return DTYPE_NAMES[x]
    if isinstance(x, (list, tuple, int, np.integer)):
        return ints(x)
    return str(x)


def val(x):
    if isinstance(x, Arr):
        return x.val
    if isinstance(x, Weak):
        return x.v
    return x


# ---------------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------------

_inputs = {}  # hash -> name
_input_names = set()


def c_order(a):
    """A C-ordered copy (`np.ascontiguousarray` would make a 0-d array 1-d)."""
    return np.array(a, order="C", copy=True)


def npy_bytes(a):
    import io

    buf = io.BytesIO()
    np.save(buf, c_order(a), allow_pickle=False)
    return buf.getvalue()


def inp(a, name=None):
    """An input array (stored once in in/<name>.npy)."""
    a = c_order(a)
    data = npy_bytes(a)
    h = hashlib.sha256(data).hexdigest()
    if h in _inputs:
        return Arr(a, "@" + _inputs[h])
    if name is None:
        name = "%s_%s_%d" % (
            DTYPE_NAMES[a.dtype.type].replace("float", "f").replace("int", "i"),
            "x".join(map(str, a.shape)) or "0d",
            len(_inputs),
        )
    assert name not in _input_names, name
    _input_names.add(name)
    _inputs[h] = name
    with open(os.path.join(IN, name + ".npy"), "wb") as f:
        f.write(data)
    return Arr(a, "@" + name)


NAN, INF = float("nan"), float("inf")

F64_A = np.array([0.0, -0.0, 1.0, -1.5, 2.5, NAN, INF, -INF, 1e300, 5e-324, 3.0, -7.25]).reshape(3, 4)
F64_B = np.array([2.0, -0.0, 0.5, 3.0, -2.0, 1.0, NAN, 2.0, -1e300, 4.0, INF, 0.0]).reshape(3, 4)
F32_A = np.array([0.0, -0.0, 1.0, -1.5, 2.5, NAN, INF, -INF, 1e30, 1e-45, 3.0, -7.25], F32).reshape(3, 4)
F32_B = np.array([2.0, -0.0, 0.5, 3.0, -2.0, 1.0, NAN, 2.0, -1e30, 4.0, INF, 0.0], F32).reshape(3, 4)
I32_A = np.array([0, 1, -1, 7, -7, 2**31 - 1, -(2**31), 3, 100, -100, 5, 2], I32).reshape(3, 4)
I32_B = np.array([1, 2, -3, 0, 4, 2, -1, 3, 7, -5, 0, 1], I32).reshape(3, 4)
I64_A = np.array([0, 1, -1, 7, -7, 2**63 - 1, -(2**63), 3, 2**40, -(2**33), 5, 2], I64).reshape(3, 4)
I64_B = np.array([1, 2, -3, 0, 4, 2, -1, 3, 7, -5, 0, -1], I64).reshape(3, 4)
BOOL_A = np.array([1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1], BOOL).reshape(3, 4)
BOOL_B = np.array([1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1], BOOL).reshape(3, 4)
# Finite values for the transcendental functions and casts.
F64_T = np.array([0.0, -0.0, 0.5, -0.5, 1.0, 2.0, -3.0, 10.0, 0.1, 100.0, 1e-8, 700.0]).reshape(3, 4)
# Non-negative integer exponents (integer powers wrap on overflow).
I_EXP = np.array([0, 1, 2, 3, 5, 31, 63, 2, 1, 0, 4, 3])

POOL = {
    F64: (F64_A, F64_B),
    F32: (F32_A, F32_B),
    I64: (I64_A, I64_B),
    I32: (I32_A, I32_B),
    BOOL: (BOOL_A, BOOL_B),
}
SHORT = {
    F64: "f64", F32: "f32", I64: "i64", I32: "i32", BOOL: "bool",
    I8: "i8", I16: "i16", U8: "u8", U16: "u16", U32: "u32", U64: "u64",
}


def pool(dt, which):
    a = POOL[dt][which]
    return inp(a, "%s_%s" % (SHORT[dt], "ab"[which]))


# ---------------------------------------------------------------------------------------------
# Programs and cases
# ---------------------------------------------------------------------------------------------


class Program:
    def __init__(self):
        self.steps = []

    def __getattr__(self, name):
        """`p.add(x, y)`: a step named after lazyarray's op, computed by OPS[name]."""
        if name.startswith("_"):
            raise AttributeError(name)
        fn = OPS[name]

        def step(*args):
            self.steps.append(" ".join([name] + [tok(a) for a in args]))
            k = len(self.steps) - 1
            v = fn(*[val(a) for a in args])
            return Arr(np.asarray(v), "$%d" % k)

        return step


_cases = []
_ids = set()
_errors = []


class Expected(Exception):
    pass


def case(cid, family, build, check="exact", error=None):
    """One case: `build(p)` runs the program's steps on NumPy and returns the result. With
    `error=(NumPyClass, Variant, words)` NumPy must raise that class with every word."""
    assert cid not in _ids, cid
    _ids.add(cid)
    p = Program()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            try:
                r = build(p)
                exc = None
            except Exception as e:  # noqa: BLE001 -- recording NumPy's error
                exc = e
    known = " known=" + KNOWN[cid] if cid in KNOWN else ""
    if error is None:
        if exc is not None:
            raise SystemExit("case %s: NumPy raised %r" % (cid, exc))
        out = c_order(r.val)
        assert out.dtype.type in DTYPE_NAMES, (cid, out.dtype)
        with open(os.path.join(OUT, cid + ".npy"), "wb") as f:
            f.write(npy_bytes(out))
        _cases.append((cid, family, "%s %s %s%s ; %s" % (cid, family, check, known, " ; ".join(p.steps))))
    else:
        cls, variant, words = error
        if exc is None:
            raise SystemExit("case %s: NumPy did not raise (got %r)" % (cid, r.val))
        if not isinstance(exc, cls):
            raise SystemExit("case %s: NumPy raised %r, expected %s" % (cid, exc, cls.__name__))
        msg = str(exc)
        for w in words:
            if w not in msg:
                raise SystemExit("case %s: %r not in NumPy's message %r" % (cid, w, msg))
            assert " " not in w and "|" not in w and ";" not in w, w
        comment = "# %s: numpy %s: %s" % (cid, type(exc).__name__, " ".join(msg.split()))
        line = "%s %s error:%s:%s%s ; %s" % (cid, family, variant, "|".join(words), known, " ; ".join(p.steps))
        _cases.append((cid, family, comment + "\n" + line))


# ---------------------------------------------------------------------------------------------
# NumPy for each op
# ---------------------------------------------------------------------------------------------


def np_slice(a, items):
    return a[tuple(items)]


def np_random(shape, seed):
    np.random.seed(seed)
    return np.random.random_sample(tuple(shape))


def np_as_strided(a, shape, strides, offset):
    base = np.ascontiguousarray(a).ravel()[offset:]
    return as_strided(base, tuple(shape), tuple(s * a.itemsize for s in strides)).copy()


def pairs(flat):
    """`(b0, a0, b1, a1, ...)` as NumPy's `((b0, a0), (b1, a1), ...)`."""
    flat = flat if isinstance(flat, tuple) else (flat,)
    return tuple(flat[i : i + 2] for i in range(0, len(flat), 2))


def axes_arg(x):
    return tuple(x) if isinstance(x, (list, tuple)) else x


OPS = {
    # creation
    # float32 bounds give float32 (lazyarray's documented choice: NumPy's `dtype=np.float32`).
    "arange": lambda a, b, s: np.arange(a, b, s, dtype=np.float32 if isinstance(a, np.float32) else None),
    "linspace": lambda a, b, n, ep: np.linspace(a, b, n, endpoint=ep),
    "eye": lambda n, m, k: np.eye(n, m, k),
    "random": np_random,
    "full": lambda shape, v: np.full(tuple(shape), v),
    "zeros": lambda shape: np.zeros(tuple(shape)),
    "ones": lambda shape: np.ones(tuple(shape)),
    "scalar": lambda v: np.array(v),
    # views
    "slice": lambda a, items: np_slice(a, items),
    "t": lambda a: a.T,
    "permute": lambda a, ax: np.transpose(a, tuple(ax)),
    "swapaxes": lambda a, i, j: np.swapaxes(a, i, j),
    "reshape": lambda a, s: a.reshape(tuple(s)),
    "ravel": lambda a: a.ravel(),
    "flatten": lambda a: a.flatten(),
    "broadcast_to": lambda a, s: np.broadcast_to(a, tuple(s)),
    "expand_dims": lambda a, k: np.expand_dims(a, k),
    "squeeze": lambda a: np.squeeze(a),
    "squeeze_axes": lambda a, ax: np.squeeze(a, axis=tuple(ax)),
    "diagonal": lambda a, o, i, j: a.diagonal(o, i, j),
    "windows": lambda a, w, k: sliding_window_view(a, w, axis=k),
    "sliding_window_view": lambda a, w, ax: sliding_window_view(a, tuple(w), axis=tuple(ax)),
    "as_strided": np_as_strided,
    # elementwise
    "add": lambda a, b: np.add(a, b),
    "sub": lambda a, b: np.subtract(a, b),
    "mul": lambda a, b: np.multiply(a, b),
    "div": lambda a, b: np.true_divide(a, b),
    "rem": lambda a, b: np.remainder(a, b),
    "floor_divide": lambda a, b: np.floor_divide(a, b),
    # `a ** b`: NumPy's operator takes the scalar fast paths for a Python scalar exponent.
    "pow": lambda a, b: a ** b,
    "maximum": lambda a, b: np.maximum(a, b),
    "minimum": lambda a, b: np.minimum(a, b),
    "lt": lambda a, b: np.less(a, b),
    "le": lambda a, b: np.less_equal(a, b),
    "gt": lambda a, b: np.greater(a, b),
    "ge": lambda a, b: np.greater_equal(a, b),
    "equal": lambda a, b: np.equal(a, b),
    "not_equal": lambda a, b: np.not_equal(a, b),
    "bitand": lambda a, b: np.bitwise_and(a, b),
    "bitor": lambda a, b: np.bitwise_or(a, b),
    "bitxor": lambda a, b: np.bitwise_xor(a, b),
    "logical_and": lambda a, b: np.logical_and(a, b),
    "logical_or": lambda a, b: np.logical_or(a, b),
    "logical_xor": lambda a, b: np.logical_xor(a, b),
    "neg": lambda a: np.negative(a),
    "abs": lambda a: np.abs(a),
    "sqrt": lambda a: np.sqrt(a),
    "exp": lambda a: np.exp(a),
    "log": lambda a: np.log(a),
    "log1p": lambda a: np.log1p(a),
    "sin": lambda a: np.sin(a),
    "cos": lambda a: np.cos(a),
    "tanh": lambda a: np.tanh(a),
    "floor": lambda a: np.floor(a),
    "ceil": lambda a: np.ceil(a),
    "not": lambda a: np.invert(a),
    "logical_not": lambda a: np.logical_not(a),
    "astype": lambda a, dt: a.astype(dt),
    "cbrt": np.cbrt, "exp2": np.exp2, "expm1": np.expm1, "log2": np.log2, "log10": np.log10,
    "tan": np.tan, "arcsin": np.arcsin, "arccos": np.arccos, "arctan": np.arctan,
    "sinh": np.sinh, "cosh": np.cosh, "arcsinh": np.arcsinh, "arccosh": np.arccosh,
    "arctanh": np.arctanh, "deg2rad": np.deg2rad, "rad2deg": np.rad2deg, "rint": np.rint,
    "trunc": np.trunc, "sign": np.sign, "reciprocal": np.reciprocal, "isnan": np.isnan,
    "isinf": np.isinf, "isfinite": np.isfinite, "signbit": np.signbit,
    "bitwise_count": np.bitwise_count, "square": np.square, "positive": np.positive,
    "arctan2": np.arctan2, "hypot": np.hypot, "logaddexp": np.logaddexp,
    "logaddexp2": np.logaddexp2, "copysign": np.copysign, "heaviside": np.heaviside,
    "fmod": np.fmod, "fmax": np.fmax, "fmin": np.fmin, "shl": np.left_shift,
    "shr": np.right_shift, "gcd": np.gcd, "lcm": np.lcm, "float_power": np.float_power,
    "round": lambda a, d: np.round(a, d),
    "isclose": lambda a, b, rtol, atol, en: np.isclose(a, b, rtol=rtol, atol=atol, equal_nan=en),
    "nan_to_num": lambda a: np.nan_to_num(a),
    "where": lambda c, x, y: np.where(c, x, y),
    "clip": lambda a, lo, hi: np.clip(a, lo, hi),
    # gathers
    "take": lambda a, i, k: np.take(a, i, axis=k),
    "take_flat": lambda a, i: np.take(a, i),
    "index": lambda a, i: a[i],
    "compress": lambda a, m, k: np.compress(m, a, axis=k),
    "mask": lambda a, m: a[m],
    # joins
    "tile": lambda a, r: np.tile(a, tuple(r)),
    "repeat": lambda a, n, k: np.repeat(a, n, axis=k),
    "repeat_each": lambda a, c, k: np.repeat(a, list(c), axis=k),
    "concatenate": lambda k, *arrs: np.concatenate(arrs, axis=k),
    "stack": lambda k, *arrs: np.stack(arrs, axis=k),
    # arg reductions and scans
    "argmax": lambda a: np.argmax(a),
    "argmin": lambda a: np.argmin(a),
    "argmax_axis": lambda a, k: np.argmax(a, axis=k),
    "argmin_axis": lambda a, k: np.argmin(a, axis=k),
    "argmax_with": lambda a, k, keep: np.argmax(a, axis=k, keepdims=keep),
    "argmin_with": lambda a, k, keep: np.argmin(a, axis=k, keepdims=keep),
    "cumsum": lambda a, k: np.cumsum(a, axis=k),
    "cumsum_flat": lambda a: np.cumsum(a),
    # shape helpers (issue #13); a list of arrays is one step per part (`*_part ... i`)
    "flip": lambda a, k: np.flip(a, k),
    "flip_axes": lambda a, ax: np.flip(a, tuple(ax)),
    "flip_all": lambda a: np.flip(a),
    "fliplr": lambda a: np.fliplr(a),
    "flipud": lambda a: np.flipud(a),
    "roll": lambda a, s, k: np.roll(a, s, k),
    "roll_flat": lambda a, s: np.roll(a, s),
    "roll_axes": lambda a, s, k: np.roll(a, tuple(s), tuple(k)),
    "rot90": lambda a, k, ax: np.rot90(a, k, tuple(ax)),
    "moveaxis_axes": lambda a, s, d: np.moveaxis(a, tuple(s), tuple(d)),
    "atleast_1d": lambda a: np.atleast_1d(a),
    "atleast_2d": lambda a: np.atleast_2d(a),
    "atleast_3d": lambda a: np.atleast_3d(a),
    "vstack": lambda *arrs: np.vstack(arrs),
    "hstack": lambda *arrs: np.hstack(arrs),
    "dstack": lambda *arrs: np.dstack(arrs),
    "column_stack": lambda *arrs: np.column_stack(arrs),
    "split_part": lambda a, n, k, i: np.split(a, n, axis=k)[i],
    "array_split_part": lambda a, n, k, i: np.array_split(a, n, axis=k)[i],
    "split_at_part": lambda a, idx, k, i: np.split(a, list(idx) if isinstance(idx, tuple) else [idx], axis=k)[i],
    "pad_constant": lambda a, w, v: np.pad(a, pairs(w), constant_values=pairs(v)),
    "pad_edge": lambda a, w: np.pad(a, pairs(w), "edge"),
    "pad_reflect": lambda a, w: np.pad(a, pairs(w), "reflect"),
    "pad_symmetric": lambda a, w: np.pad(a, pairs(w), "symmetric"),
    "pad_wrap": lambda a, w: np.pad(a, pairs(w), "wrap"),
    "tril": lambda a, k: np.tril(a, k),
    "triu": lambda a, k: np.triu(a, k),
    "meshgrid_part": lambda ij, i, *arrs: np.meshgrid(*arrs, indexing="ij" if ij else "xy")[i],
    "indices": lambda d: np.indices(tuple(d) if isinstance(d, tuple) else (d,)),
    "zeros_like": lambda a: np.zeros_like(a),
    "ones_like": lambda a: np.ones_like(a),
    "full_like": lambda a, v: np.full_like(a, v),
    "zeros_dtype": lambda s, dt: np.zeros(s, dt),
    "ones_dtype": lambda s, dt: np.ones(s, dt),
    "full_dtype": lambda s, v, dt: np.full(s, v, dt),
    "identity": lambda n: np.identity(n),
    "tri": lambda n, m, k: np.tri(n, m, k),
    "logspace": lambda a, b, n, ep, base: np.logspace(a, b, n, endpoint=ep, base=base),
    "geomspace": lambda a, b, n, ep: np.geomspace(a, b, n, endpoint=ep),
    # statistics
    "cumprod": lambda a, k: np.cumprod(a, axis=k),
    "cumprod_flat": lambda a: np.cumprod(a),
    "nancumsum": lambda a, k: np.nancumsum(a, axis=k),
    "nancumsum_flat": lambda a: np.nancumsum(a),
    "nancumprod": lambda a, k: np.nancumprod(a, axis=k),
    "nancumprod_flat": lambda a: np.nancumprod(a),
    "nanargmax": lambda a: np.nanargmax(a),
    "nanargmin": lambda a: np.nanargmin(a),
    "nanargmax_axis": lambda a, k: np.nanargmax(a, axis=k),
    "nanargmin_axis": lambda a, k: np.nanargmin(a, axis=k),
    "nanargmax_with": lambda a, k, keep: np.nanargmax(a, axis=k, keepdims=keep),
    "nanargmin_with": lambda a, k, keep: np.nanargmin(a, axis=k, keepdims=keep),
    "var_with": lambda a, ax, ddof, keep: np.var(a, axis=axes_arg(ax), ddof=ddof, keepdims=keep),
    "std_with": lambda a, ax, ddof, keep: np.std(a, axis=axes_arg(ax), ddof=ddof, keepdims=keep),
    "nanvar_with": lambda a, ax, ddof, keep: np.nanvar(a, axis=axes_arg(ax), ddof=ddof, keepdims=keep),
    "nanstd_with": lambda a, ax, ddof, keep: np.nanstd(a, axis=axes_arg(ax), ddof=ddof, keepdims=keep),
    "diff": lambda a, n, k: np.diff(a, n, axis=k),
    # NumPy's `prepend=None` would join an object array: an absent edge is not passed.
    "diff_with": lambda a, n, k, pre, app: np.diff(a, n, axis=k, **({} if pre is None else {"prepend": pre}), **({} if app is None else {"append": app})),
    "average": lambda a: np.average(a),
    "average_with": lambda a, ax, w, keep: np.average(a, axis=axes_arg(ax), weights=w, keepdims=keep),
}

for _name, _fn in [
    ("sum", np.sum),
    ("prod", np.prod),
    ("mean", np.mean),
    ("min", np.min),
    ("max", np.max),
    ("any", np.any),
    ("all", np.all),
    ("var", np.var),
    ("std", np.std),
    ("nansum", np.nansum),
    ("nanprod", np.nanprod),
    ("nanmean", np.nanmean),
    ("nanmin", np.nanmin),
    ("nanmax", np.nanmax),
    ("nanvar", np.nanvar),
    ("nanstd", np.nanstd),
    ("ptp", np.ptp),
    ("count_nonzero", np.count_nonzero),
]:
    OPS[_name] = (lambda f: lambda a: f(a))(_fn)
    OPS[_name + "_axis"] = (lambda f: lambda a, k: f(a, axis=k))(_fn)
    OPS[_name + "_axes"] = (lambda f: lambda a, ax, keep: f(a, axis=axes_arg(ax), keepdims=keep))(_fn)


# ---------------------------------------------------------------------------------------------
# The cases
# ---------------------------------------------------------------------------------------------

DTS = [BOOL, I32, I64, F32, F64]
BINARY = [
    "add", "sub", "mul", "div", "rem", "floor_divide", "pow", "maximum", "minimum",
    "bitand", "bitor", "bitxor", "logical_and", "logical_or", "logical_xor",
]
COMPARISONS = ["lt", "le", "gt", "ge", "equal", "not_equal"]
TRANSCENDENTAL = ["sqrt", "exp", "log", "log1p", "sin", "cos", "tanh"]


def creation():
    f = "creation"
    for a, b, s in [(0, 10, 1), (0, 10, 3), (10, 0, -3), (-5, 5, 2), (5, 5, 1), (0, 519, 1)]:
        case("arange_i64_%d_%d_%d" % (a, b, s), f, lambda p, a=a, b=b, s=s: p.arange(Weak(a), Weak(b), Weak(s)))
    for i, (a, b, s) in enumerate([(0.0, 1.0, 0.1), (0.1, 1.0, 0.3), (1.0, -1.0, -0.25), (0.0, 5.5, 1.0), (-2.5, 2.5, 0.5), (0.0, 1.0, 2.0)]):
        case("arange_f64_%d" % i, f, lambda p, a=a, b=b, s=s: p.arange(Weak(a), Weak(b), Weak(s)))
    for i, (a, b, s) in enumerate([(0.0, 2.0, 0.25), (1.0, 0.0, -0.1), (-1.0, 1.5, 0.3)]):
        case("arange_f32_%d" % i, f, lambda p, a=a, b=b, s=s: p_arange_f32(p, a, b, s))
    for i, (a, b, n, ep) in enumerate([(0.0, 1.0, 5, True), (0.0, 1.0, 5, False), (-3.0, 7.0, 11, True), (1.0, 1.0, 3, True), (0.0, 1.0, 1, True), (0.0, 1.0, 0, True), (2.0, -1.0, 7, True), (0.0, 0.1, 9, False), (1e-3, 1e3, 13, True)]):
        case("linspace_%d" % i, f, lambda p, a=a, b=b, n=n, ep=ep: p.linspace(Weak(a), Weak(b), n, ep))
    for n, m, k in [(3, 3, 0), (2, 4, 1), (4, 2, -1), (3, 3, 5), (0, 3, 0), (1, 1, 0)]:
        case("eye_%d_%d_%d" % (n, m, k + 10), f, lambda p, n=n, m=m, k=k: p.eye(n, m, k))
    for shape, seed in [((5,), 0), ((2, 3), 7), ((4, 3, 2), 42), ((0, 3), 1), ((), 3), ((1000,), 123)]:
        cid = "random_%s_%d" % ("x".join(map(str, shape)) or "0d", seed)
        if shape == (1000,):
            case(cid, f, lambda p, shape=shape, seed=seed: p.sum(p.random(shape, seed)), "close")
        else:
            case(cid, f, lambda p, shape=shape, seed=seed: p.random(shape, seed))
    for i, (shape, v) in enumerate([((2, 3), 2.5), ((3,), 7), ((2, 2), True), ((0, 4), 1.5), ((), -0.0)]):
        case("full_%d" % i, f, lambda p, shape=shape, v=v: p.full(shape, T(v)))
    case("full_f32", f, lambda p: p.full((2, 2), T(F32(0.1))))
    case("full_i32", f, lambda p: p.full((3,), T(I32(-4))))
    case("zeros_2x3", f, lambda p: p.zeros((2, 3)))
    case("ones_4", f, lambda p: p.ones((4,)))
    case("scalar_f32", f, lambda p: p.scalar(T(F32(1.5))))


def p_arange_f32(p, a, b, s):
    t = lambda v: T(F32(v))
    return p.arange(t(a), t(b), t(s))


def views():
    f = "views"
    a3 = inp(np.arange(24, dtype=I64).reshape(2, 3, 4), "i64_2x3x4")
    a2 = inp(np.arange(30, dtype=F64).reshape(5, 6) / 4, "f64_5x6")
    v1 = inp(np.arange(10, dtype=I32), "i32_10")
    for i, items in enumerate([
        [slice(None, None, -1)],
        [slice(1, 5, 2), slice(None, None, -1)],
        [Ellipsis, slice(None, None, -2)],
        [slice(None, None, -1), slice(None, None, -1)],
        [-1],
        [1, slice(4, 0, -2)],
        [slice(10, 20)],
        [slice(-100, 100, 3)],
        [None, slice(None, None, -3), None],
        [slice(5, 0, -1), Ellipsis, None],
        [slice(None, -1, -1)],
        [slice(-2, None, -1)],
    ]):
        case("slice_2d_%d" % i, f, lambda p, items=items: p.slice(a2, slice_tok_arg(items)))
    for i, items in enumerate([[slice(None, None, -1), 2], [Ellipsis, 0], [1, None, slice(None, None, -1), slice(3, None, -2)], [slice(None), slice(None), slice(None, None, -1)]]):
        case("slice_3d_%d" % i, f, lambda p, items=items: p.slice(a3, slice_tok_arg(items)))
    case("slice_1d_negstep", f, lambda p: p.slice(v1, slice_tok_arg([slice(8, 1, -3)])))
    case("slice_then_add", f, lambda p: p.add(p.slice(v1, slice_tok_arg([slice(None, None, -1)])), v1))
    case("transpose_2d", f, lambda p: p.t(a2))
    case("transpose_3d", f, lambda p: p.t(a3))
    case("permute_102", f, lambda p: p.permute(a3, (1, 0, 2)))
    case("permute_neg", f, lambda p: p.permute(a3, (-1, 0, -2)))
    case("swapaxes_02", f, lambda p: p.swapaxes(a3, 0, 2))
    case("transpose_of_slice", f, lambda p: p.t(p.slice(a2, slice_tok_arg([slice(None, None, -2), slice(1, None)]))))
    case("reshape_neg1", f, lambda p: p.reshape(a3, (-1, 4)))
    case("reshape_of_transpose", f, lambda p: p.reshape(p.t(a2), (3, 10)))
    case("reshape_0d", f, lambda p: p.reshape(p.slice(v1, slice_tok_arg([3])), (1, 1)))
    case("reshape_empty", f, lambda p: p.reshape(p.zeros((0, 6)), (3, 0, 2)))
    case("reshape_empty_unknown", f, lambda p: p.reshape(p.zeros((0, 6)), (3, 0, -1)), error=(ValueError, "Shape", ["cannot", "reshape", "size", "0"]))
    case("ravel_of_reversed", f, lambda p: p.ravel(p.slice(a3, slice_tok_arg([slice(None, None, -1), Ellipsis, slice(None, None, -1)]))))
    case("flatten_t", f, lambda p: p.flatten(p.t(a2)))
    case("broadcast_to", f, lambda p: p.broadcast_to(v1, (3, 10)))
    case("broadcast_to_col", f, lambda p: p.broadcast_to(p.reshape(v1, (10, 1)), (10, 3)))
    case("expand_dims_neg", f, lambda p: p.expand_dims(a2, -1))
    case("squeeze", f, lambda p: p.squeeze(p.reshape(v1, (1, 10, 1))))
    case("squeeze_axes", f, lambda p: p.squeeze_axes(p.reshape(v1, (1, 10, 1)), (-1,)))
    case("diagonal", f, lambda p: p.diagonal(a2, 0, 0, 1))
    case("diagonal_offset", f, lambda p: p.diagonal(a2, 2, 0, 1))
    case("diagonal_neg_offset_3d", f, lambda p: p.diagonal(a3, -1, 1, 2))
    case("windows", f, lambda p: p.windows(v1, 3, 0))
    case("windows_2d_axis1", f, lambda p: p.windows(a2, 4, 1))
    case("sliding_window_2d", f, lambda p: p.sliding_window_view(a2, (2, 3), (0, 1)))
    case("as_strided_overlap", f, lambda p: p.as_strided(v1, (4, 3), (2, 1), 1))
    case("as_strided_neg", f, lambda p: p.as_strided(v1, (3,), (-2,), 9))
    case("view_chain_sum", f, lambda p: p.sum_axis(p.t(p.slice(a3, slice_tok_arg([Ellipsis, slice(None, None, -1)]))), 0))


def slice_tok_arg(items):
    return Arr(tuple(items), slice_tok(items))


def elementwise():
    f = "elementwise"
    for dt in DTS:
        a, b = pool(dt, 0), pool(dt, 1)
        for op in BINARY:
            cid = "%s_%s" % (op, SHORT[dt])
            if dt == BOOL and op in ("pow", "floor_divide", "rem"):
                continue  # int8 in NumPy (module docs)
            if dt == BOOL and op == "sub":
                case(cid, f, lambda p, op=op: getattr(p, op)(a, b), error=(TypeError, "DType", ["boolean", "subtract"]))
                continue
            if dt in (F32, F64) and op in ("bitand", "bitor", "bitxor"):
                name = {"bitand": "bitwise_and", "bitor": "bitwise_or", "bitxor": "bitwise_xor"}[op]
                case(cid, f, lambda p, op=op: getattr(p, op)(a, b), error=(TypeError, "DType", [name, "not", "supported"]))
                continue
            if op == "pow" and dt in (I32, I64):
                e = inp(I_EXP.astype(dt).reshape(3, 4), "%s_exp" % SHORT[dt])
                case(cid, f, lambda p, e=e: p.pow(a, e))
                continue
            check = "ulp4" if op == "pow" and dt in (F32, F64) else "exact"
            case(cid, f, lambda p, op=op: getattr(p, op)(a, b), check)
        for op in ["neg", "abs", "floor", "ceil", "not", "logical_not"]:
            cid = "%s_%s" % (op, SHORT[dt])
            if dt == BOOL and op == "neg":
                case(cid, f, lambda p: p.neg(a), error=(TypeError, "DType", ["boolean", "negative"]))
            elif dt in (F32, F64) and op == "not":
                case(cid, f, lambda p: p.__getattr__("not")(a), error=(TypeError, "DType", ["invert", "not", "supported"]))
            else:
                case(cid, f, lambda p, op=op: p.__getattr__(op)(a))
        if dt != BOOL:
            t = inp(F64_T.astype(dt), "%s_t" % SHORT[dt]) if dt in (F32, F64) else a
            for op in TRANSCENDENTAL:
                case("%s_%s" % (op, SHORT[dt]), f, lambda p, op=op, t=t: getattr(p, op)(t), "ulp4")
            if dt in (F32, F64):
                for op in ["sqrt", "log"]:
                    case("%s_%s_special" % (op, SHORT[dt]), f, lambda p, op=op: getattr(p, op)(a), "ulp4")
    # Scalar-exponent fast paths (x**2 is x*x, x**0.5 sqrt, x**-1 1/x), with specials.
    for dt in (F32, F64):
        a = pool(dt, 0)
        for e in [2.0, 0.5, -1.0, 3.0, 1.0, 0.0]:
            case("pow_%s_scalar_%s" % (SHORT[dt], float_tok(e).replace("-", "m").replace(".", "p")), f, lambda p, a=a, e=e: p.pow(a, Weak(e)), "exact" if e in (2.0, 0.5, -1.0, 1.0, 0.0) else "ulp4")
    for dt in (I32, I64):
        case("pow_%s_scalar_2" % SHORT[dt], f, lambda p, dt=dt: p.pow(pool(dt, 0), Weak(2)))
        case("pow_%s_scalar_half" % SHORT[dt], f, lambda p, dt=dt: p.pow(p.abs(pool(dt, 1)), Weak(0.5)), "ulp4")
    case("pow_int_negative", f, lambda p: p.pow(pool(I64, 0), pool(I64, 1)), error=(ValueError, "DType", ["negative", "integer", "powers"]))
    # Scalars on the left.
    case("rsub_f64", f, lambda p: p.sub(Weak(2.5), pool(F64, 0)))
    case("rdiv_i32", f, lambda p: p.div(Weak(7), pool(I32, 1)))
    case("rrem_i64", f, lambda p: p.rem(Weak(-7), pool(I64, 1)))
    case("rrem_f32", f, lambda p: p.rem(Weak(5.5), pool(F32, 1)))
    case("rbitxor_bool", f, lambda p: p.bitxor(Weak(True), pool(BOOL, 0)))
    # Broadcasting.
    col = inp(np.array([[1.0], [-2.0], [NAN]]), "f64_col")
    row = inp(np.array([0.5, -0.0, 2.0, 4.0]), "f64_row")
    case("bcast_col_row", f, lambda p: p.mul(col, row))
    case("bcast_3d", f, lambda p: p.add(p.reshape(p.arange(Weak(0), Weak(6), Weak(1)), (2, 1, 3)), p.reshape(p.arange(Weak(0), Weak(4), Weak(1)), (4, 1))))
    case("bcast_0d", f, lambda p: p.sub(pool(F64, 0), p.scalar(T(1.5))))
    case("bcast_empty", f, lambda p: p.add(p.zeros((0, 1)), row))
    case("chain_fused", f, lambda p: p.maximum(p.mul(p.add(pool(F64, 0), Weak(1.0)), Weak(2.0)), p.neg(pool(F64, 1))))
    case("self_reversed", f, lambda p: p.sub(row, p.slice(row, slice_tok_arg([slice(None, None, -1)]))))


def comparisons():
    f = "comparison"
    for dt in DTS:
        a, b = pool(dt, 0), pool(dt, 1)
        for op in COMPARISONS:
            case("%s_%s" % (op, SHORT[dt]), f, lambda p, op=op: getattr(p, op)(a, b))
    case("lt_i32_weak_float", f, lambda p: p.lt(pool(I32, 0), Weak(2.5)))
    case("lt_i32_weak_huge", f, lambda p: p.lt(pool(I32, 0), Weak(3_000_000_000)))
    case("equal_f64_nan_scalar", f, lambda p: p.equal(pool(F64, 0), Weak(NAN)))
    case("ge_bool_int", f, lambda p: p.ge(pool(BOOL, 0), Weak(1)))
    case("ne_f32_f64", f, lambda p: p.not_equal(pool(F32, 0), pool(F64, 0)))


def where_clip():
    f = "where_clip"
    m = pool(BOOL, 0)
    case("where_f64", f, lambda p: p.where(m, pool(F64, 0), pool(F64, 1)))
    case("where_i32_f32", f, lambda p: p.where(m, pool(I32, 0), pool(F32, 1)))
    case("where_weak_float", f, lambda p: p.where(m, pool(F32, 0), Weak(0.5)))
    case("where_weak_int_i32", f, lambda p: p.where(m, Weak(-1), pool(I32, 1)))
    case("where_two_scalars", f, lambda p: p.where(m, Weak(1), Weak(2.5)))
    case("where_float_cond", f, lambda p: p.where(pool(F64, 0), Weak(1), Weak(0)))
    case("where_bcast", f, lambda p: p.where(p.gt(inp(np.array([[1.0], [-2.0], [NAN]]), "f64_col"), Weak(0.0)), inp(np.array([0.5, -0.0, 2.0, 4.0]), "f64_row"), Weak(-1.0)))
    for dt in DTS[1:]:
        case("clip_%s" % SHORT[dt], f, lambda p, dt=dt: p.clip(pool(dt, 0), Weak(-2), Weak(5)))
    case("clip_f64_float_bounds", f, lambda p: p.clip(pool(F64, 0), Weak(-1.5), Weak(2.25)))
    case("clip_f32_nan", f, lambda p: p.clip(pool(F32, 0), Weak(-1.0), Weak(1.0)))
    case("clip_i32_wide_bounds", f, lambda p: p.clip(pool(I32, 0), Weak(-(2**40)), Weak(5)))
    case("clip_i32_float_bounds", f, lambda p: p.clip(pool(I32, 0), Weak(-0.5), Weak(3.5)))
    case("clip_array_bounds", f, lambda p: p.clip(pool(F64, 0), pool(F64, 1), Weak(3.0)))


def astype():
    f = "astype"
    finite = {
        F64: inp(np.array([0.0, -0.0, 0.9, -0.9, 1.5, -1.5, 2.5, -2.5, 1e9, -1e9, 2147483647.0, -2147483648.0]), "f64_cast"),
        F32: inp(np.array([0.0, -0.0, 0.9, -0.9, 1.5, -1.5, 2.5, -2.5, 1e9, -1e9, 16777217.0, -3.75], F32), "f32_cast"),
    }
    for src in DTS:
        for dst in DTS:
            if src == dst:
                continue
            a = finite.get(src, pool(src, 0))
            if src in (F32, F64) and dst in (I32, I64):
                a = finite[src]  # only finite, in-range values (README: saturating casts)
            case("astype_%s_%s" % (SHORT[src], SHORT[dst]), f, lambda p, a=a, dst=dst: p.astype(a, dst))
    case("astype_f64_f32_special", f, lambda p: p.astype(pool(F64, 0), F32))
    case("astype_f64_bool_special", f, lambda p: p.astype(pool(F64, 0), BOOL))
    case("astype_i64_f64_big", f, lambda p: p.astype(inp(np.array([2**53 + 1, -(2**63), 2**63 - 1, 3]), "i64_big"), F64))
    case("astype_i64_f32_big", f, lambda p: p.astype(inp(np.array([2**53 + 1, -(2**63), 2**63 - 1, 3]), "i64_big"), F32))


def intdiv():
    f = "intdiv"
    num = inp(np.array([7, -7, 7, -7, 0, 5, -5, 1, -(2**63), -(2**63), 2**63 - 1, 9]), "i64_num")
    den = inp(np.array([2, 2, -2, -2, 3, 0, 0, 0, -1, 1, -1, 0]), "i64_den")
    case("floor_divide_i64_signs_zero", f, lambda p: p.floor_divide(num, den))
    case("rem_i64_signs_zero", f, lambda p: p.rem(num, den))
    num32 = inp(np.array([7, -7, 7, -7, 0, 5, -5, 1, -(2**31), -(2**31), 2**31 - 1, 9], I32), "i32_num")
    den32 = inp(np.array([2, 2, -2, -2, 3, 0, 0, 0, -1, 1, -1, 0], I32), "i32_den")
    case("floor_divide_i32_signs_zero", f, lambda p: p.floor_divide(num32, den32))
    case("rem_i32_signs_zero", f, lambda p: p.rem(num32, den32))
    case("floor_divide_i64_scalar_zero", f, lambda p: p.floor_divide(num, Weak(0)))
    case("rem_i32_scalar_neg", f, lambda p: p.rem(num32, Weak(-3)))
    case("div_i64_by_zero", f, lambda p: p.div(num, den))
    fnum = inp(np.array([7.5, -7.5, 7.5, -7.5, 0.0, -0.0, 5.0, -5.0, INF, NAN, 1.0, -1.0]), "f64_num")
    fden = inp(np.array([2.0, 2.0, -2.0, -2.0, 3.0, 3.0, 0.0, 0.0, 2.0, 2.0, INF, INF]), "f64_den")
    case("floor_divide_f64_signs", f, lambda p: p.floor_divide(fnum, fden))
    case("rem_f64_signs", f, lambda p: p.rem(fnum, fden))
    case("floor_divide_f32_signs", f, lambda p: p.floor_divide(p.astype(fnum, F32), p.astype(fden, F32)))
    case("rem_f32_signs", f, lambda p: p.rem(p.astype(fnum, F32), p.astype(fden, F32)))
    case("rem_f64_neg_zero", f, lambda p: p.rem(fnum, Weak(-0.0)))
    case("floor_divide_mixed_i32_i64", f, lambda p: p.floor_divide(num32, den))


def reductions():
    f = "reductions"
    rng = np.random.default_rng(7)
    pos = inp(rng.random((4, 5, 6)) + 0.5, "f64_pos")
    pos32 = inp((rng.random((4, 5, 6)) + 0.5).astype(F32), "f32_pos")
    ints32 = inp(rng.integers(-50, 50, (4, 5, 6), dtype=I32), "i32_rand")
    ints64 = inp(rng.integers(-(2**40), 2**40, (4, 5, 6), dtype=I64), "i64_rand")
    bools = inp(rng.random((4, 5, 6)) < 0.5, "bool_rand")
    data = {F64: pos, F32: pos32, I32: ints32, I64: ints64, BOOL: bools}
    hows = [("all", None), ("axis0", 0), ("axism1", -1), ("axes02k", ((0, 2), True)), ("axes1", ((1,), False)), ("axesnone", ((), False))]
    for dt in DTS:
        a = data[dt]
        for red in ["sum", "prod", "mean", "min", "max", "any", "all"]:
            if red == "prod" and dt in (F64, F32):
                a_ = p_small(dt)
            else:
                a_ = a
            for hname, how in hows:
                if hname in ("axes1", "axesnone") and red not in ("sum", "max", "all"):
                    continue
                check = "close" if dt in (F32, F64) and red in ("sum", "prod", "mean") or red == "mean" else "exact"
                cid = "%s_%s_%s" % (red, SHORT[dt], hname)
                if how is None:
                    case(cid, f, lambda p, red=red, a_=a_: getattr(p, red)(a_), check)
                elif isinstance(how, int):
                    case(cid, f, lambda p, red=red, a_=a_, how=how: getattr(p, red + "_axis")(a_, how), check)
                else:
                    case(cid, f, lambda p, red=red, a_=a_, how=how: getattr(p, red + "_axes")(a_, how[0], how[1]), check)
    # NaN propagation and NaN truthiness.
    for dt in (F32, F64):
        a = pool(dt, 0)
        for red in ["sum", "max", "min", "any", "all"]:
            case("%s_%s_nan_axis1" % (red, SHORT[dt]), f, lambda p, a=a, red=red: getattr(p, red + "_axis")(a, 1))
        case("max_%s_nan_all" % SHORT[dt], f, lambda p, a=a: p.max(a))
        case("min_%s_nan_in_tail" % SHORT[dt], f, lambda p, dt=dt: p.min(inp(np.array([3.0] * 18 + [NAN], dt), "%s_nan_tail" % SHORT[dt])))
    # Empty reductions: identities, or errors.
    e = inp(np.zeros((0, 3)), "f64_0x3")
    ei = inp(np.zeros((0, 3), I32), "i32_0x3")
    case("sum_empty", f, lambda p: p.sum(e))
    case("prod_empty_axis0", f, lambda p: p.prod_axis(e, 0))
    case("sum_empty_i32", f, lambda p: p.sum(ei))
    case("any_empty", f, lambda p: p.any(e))
    case("all_empty", f, lambda p: p.all(e))
    case("mean_empty_axis0", f, lambda p: p.mean_axis(e, 0))
    case("max_empty_axis1", f, lambda p: p.max_axis(e, 1))
    case("sum_empty_axis1_keep", f, lambda p: p.sum_axes(e, (1,), True))
    case("max_empty", f, lambda p: p.max(e), error=(ValueError, "Reduction", ["zero-size", "maximum", "no", "identity"]))
    case("min_empty_axis0", f, lambda p: p.min_axis(e, 0), error=(ValueError, "Reduction", ["zero-size", "minimum", "identity"]))
    case("sum_0d", f, lambda p: p.sum(p.scalar(T(I32(5)))))
    # Integer overflow wraps.
    case("sum_i64_wraps", f, lambda p: p.sum(pool(I64, 0)))
    case("prod_i32_wraps", f, lambda p: p.prod(pool(I32, 0)))
    # Large, odd sizes (SIMD tails), reduced to one value.
    case("sum_arange_8191", f, lambda p: p.sum(p.arange(Weak(0), Weak(8191), Weak(1))))
    case("mean_random_519", f, lambda p: p.mean(p.random((519,), 5)), "close")
    case("max_random_8191", f, lambda p: p.max(p.random((8191,), 9)))
    case("sum_f32_random_axis0", f, lambda p: p.sum_axis(p.astype(p.random((33, 17), 2), F32), 0), "close")


def p_small(dt):
    rng = np.random.default_rng(11)
    return inp((rng.random((4, 5, 6)) * 0.4 + 0.8).astype(dt), "%s_near1" % SHORT[dt])


def argminmax():
    f = "argminmax"
    for dt in DTS:
        a = pool(dt, 0)
        for op in ["argmax", "argmin"]:
            case("%s_%s" % (op, SHORT[dt]), f, lambda p, op=op, a=a: getattr(p, op)(a))
            case("%s_%s_axis1" % (op, SHORT[dt]), f, lambda p, op=op, a=a: getattr(p, op + "_axis")(a, 1))
            case("%s_%s_axis0_keep" % (op, SHORT[dt]), f, lambda p, op=op, a=a: getattr(p, op + "_with")(a, 0, True))
    nan = inp(np.array([[1.0, NAN, 3.0, NAN], [NAN, 5.0, 9.0, 2.0], [4.0, 4.0, -INF, INF]]), "f64_nans")
    case("argmax_first_nan", f, lambda p: p.argmax(nan))
    case("argmin_first_nan_axis1", f, lambda p: p.argmin_axis(nan, 1))
    case("argmax_nan_axis0", f, lambda p: p.argmax_axis(nan, 0))
    case("argmax_keepdims_flat", f, lambda p: p.argmax_with(nan, None, True))
    ties = inp(np.array([3, 7, 7, 1, 7, 1, 1, 3], I32), "i32_ties")
    case("argmax_ties_first", f, lambda p: p.argmax(ties))
    case("argmin_ties_first", f, lambda p: p.argmin(ties))
    case("argmax_long_tail", f, lambda p: p.argmax(p.rem(p.arange(Weak(0), Weak(1031), Weak(1)), Weak(97))))
    case("argmax_empty", f, lambda p: p.argmax(inp(np.zeros((0,)), "f64_empty")), error=(ValueError, "Reduction", ["argmax", "empty", "sequence"]))
    case("argmin_empty_axis", f, lambda p: p.argmin_axis(inp(np.zeros((0, 3)), "f64_0x3"), 0), error=(ValueError, "Reduction", ["argmin", "empty", "sequence"]))


def cumsums():
    f = "cumsum"
    for dt in DTS:
        a = pool(dt, 0)
        check = "close" if dt in (F32, F64) else "exact"
        case("cumsum_%s_axis0" % SHORT[dt], f, lambda p, a=a: p.cumsum(a, 0), check)
        case("cumsum_%s_axism1" % SHORT[dt], f, lambda p, a=a: p.cumsum(a, -1), check)
        case("cumsum_%s_flat" % SHORT[dt], f, lambda p, a=a: p.cumsum_flat(a), check)
    case("cumsum_neg_zero", f, lambda p: p.cumsum(inp(np.array([-0.0, -0.0, 0.0, -0.0]), "f64_negzeros"), 0))
    case("cumsum_empty", f, lambda p: p.cumsum(inp(np.zeros((0, 3)), "f64_0x3"), 0))
    case("cumsum_random_1000", f, lambda p: p.cumsum(p.random((1000,), 4), 0), "close")


def statistics():
    f = "statistics"
    rng = np.random.default_rng(13)
    x = rng.random((4, 5, 6)) * 10 - 5
    xn = x.copy()
    xn[rng.random(xn.shape) < 0.3] = NAN
    xn[1, 2, :] = NAN  # an all-NaN slice along the last axis
    data = {
        F64: inp(x, "f64_stat"),
        F32: inp(x.astype(F32), "f32_stat"),
        I32: inp(rng.integers(-50, 50, (4, 5, 6), dtype=I32), "i32_stat"),
        I64: inp(rng.integers(-(2**40), 2**40, (4, 5, 6), dtype=I64), "i64_stat"),
        BOOL: inp(rng.random((4, 5, 6)) < 0.5, "bool_stat"),
    }
    nans = {F64: inp(xn, "f64_nanstat"), F32: inp(xn.astype(F32), "f32_nanstat")}
    hows = [("all", None), ("axis0", 0), ("axism1", -1), ("axes02k", ((0, 2), True))]

    def over(red, cid, a, how, check):
        if how is None:
            case(cid, f, lambda p: getattr(p, red)(a), check)
        elif isinstance(how, int):
            case(cid, f, lambda p: getattr(p, red + "_axis")(a, how), check)
        else:
            case(cid, f, lambda p: getattr(p, red + "_axes")(a, how[0], how[1]), check)

    # var/std of every dtype (integers and bools in float64), NumPy's two passes.
    for red in ["var", "std"]:
        for dt in DTS:
            for hname, how in hows:
                over(red, "%s_%s_%s" % (red, SHORT[dt], hname), data[dt], how, "close")
        for dt in (F32, F64):
            over(red, "%s_%s_special_axis1" % (red, SHORT[dt]), pool(dt, 0), 1, "exact")
    # ddof: the divisor max(n - ddof, 0), NaN or inf where it is 0.
    a = data[F64]
    case("var_ddof1_all", f, lambda p: p.var_with(a, None, Weak(1), False), "close")
    case("std_ddof1_axis0_keep", f, lambda p: p.std_with(a, (0,), Weak(1), True), "close")
    case("var_ddof_float", f, lambda p: p.var_with(a, (1, 2), Weak(0.5), False), "close")
    case("var_ddof_n", f, lambda p: p.var_with(a, (0,), Weak(4), False))
    case("std_ddof_beyond_n", f, lambda p: p.std_with(a, (0,), Weak(9), False))
    case("var_ddof1_one_element", f, lambda p: p.var_with(inp(np.array([2.5]), "f64_one"), None, Weak(1), False))
    case("var_ddof1_i32", f, lambda p: p.var_with(data[I32], (2,), Weak(1), False), "close")
    case("std_ddof2_f32", f, lambda p: p.std_with(data[F32], None, Weak(2), False), "close")
    case("var_empty", f, lambda p: p.var(inp(np.zeros((0, 3)), "f64_0x3")))
    case("var_empty_axis0", f, lambda p: p.var_axis(inp(np.zeros((0, 3)), "f64_0x3"), 0))
    case("std_0d", f, lambda p: p.std(p.scalar(T(2.5))))
    case("var_of_transposed_slice", f, lambda p: p.var_axis(p.t(p.slice(a, slice_tok_arg([slice(None, None, -1)]))), 1), "close")
    # The NaN-ignoring reductions: NaN-laced floats, and integers (the plain reductions).
    for red in ["nansum", "nanmean", "nanmin", "nanmax", "nanvar", "nanstd", "nanprod"]:
        check = "exact" if red in ("nanmin", "nanmax") else "close"
        for dt in (F64, F32, I32, BOOL):
            src = nans.get(dt, data[dt])
            for hname, how in hows:
                if red == "nanprod" and (how is None or hname == "axes02k"):
                    continue  # 120 or 24 factors of up to 5: beyond float32's range
                if dt in (I32, BOOL) and hname not in ("all", "axis0"):
                    continue  # the plain reductions, which the reductions family covers
                over(red, "%s_%s_%s" % (red, SHORT[dt], hname), src, how, check)
    for red in ["nansum", "nanmin", "nanmax", "nanmean"]:
        case("%s_special_axis1" % red, f, lambda p, red=red: getattr(p, red + "_axis")(pool(F64, 0), 1), "exact")
    allnan = inp(np.full((2, 3), NAN), "f64_allnan")
    case("nanmin_all_nan", f, lambda p: p.nanmin(allnan))
    case("nanmax_all_nan_axis0", f, lambda p: p.nanmax_axis(allnan, 0))
    case("nanmean_all_nan", f, lambda p: p.nanmean_axis(allnan, 1))
    case("nansum_all_nan", f, lambda p: p.nansum(allnan))
    case("nanvar_all_nan", f, lambda p: p.nanvar_axis(allnan, 0))
    case("nanvar_ddof1", f, lambda p: p.nanvar_with(nans[F64], (2,), Weak(1), False), "close")
    case("nanstd_ddof_beyond_count", f, lambda p: p.nanstd_with(nans[F64], (0,), Weak(3), True), "close")
    case("nanvar_ddof1_f32", f, lambda p: p.nanvar_with(nans[F32], None, Weak(1), False), "close")
    case("nanmin_empty", f, lambda p: p.nanmin(inp(np.zeros((0, 3)), "f64_0x3")), error=(ValueError, "Reduction", ["zero-size", "fmin", "identity"]))
    case("nanmax_empty_axis0_i32", f, lambda p: p.nanmax_axis(inp(np.zeros((0, 3), I32), "i32_0x3"), 0), error=(ValueError, "Reduction", ["zero-size", "fmax", "identity"]))
    case("nansum_empty", f, lambda p: p.nansum(inp(np.zeros((0, 3)), "f64_0x3")))
    case("nanmean_empty_axis0", f, lambda p: p.nanmean_axis(inp(np.zeros((0, 3)), "f64_0x3"), 0))
    # nanargmin/nanargmax: NaN skipped; an all-NaN slice is NumPy's ValueError.
    for dt in DTS:
        a_ = pool(dt, 0)
        for op in ["nanargmax", "nanargmin"]:
            case("%s_%s" % (op, SHORT[dt]), f, lambda p, op=op, a_=a_: getattr(p, op)(a_))
            case("%s_%s_axis1" % (op, SHORT[dt]), f, lambda p, op=op, a_=a_: getattr(p, op + "_axis")(a_, 1))
            case("%s_%s_axis0_keep" % (op, SHORT[dt]), f, lambda p, op=op, a_=a_: getattr(p, op + "_with")(a_, 0, True))
    case("nanargmin_nanstat_axis1", f, lambda p: p.nanargmin_axis(nans[F64], 1))
    case("nanargmax_keepdims_flat", f, lambda p: p.nanargmax_with(nans[F32], None, True))
    case("nanargmin_all_nan_slice", f, lambda p: p.nanargmin_axis(nans[F64], -1), error=(ValueError, "Reduction", ["All-NaN", "slice", "encountered"]))
    case("nanargmax_all_nan", f, lambda p: p.nanargmax(allnan), error=(ValueError, "Reduction", ["All-NaN", "slice", "encountered"]))
    case("nanargmin_empty", f, lambda p: p.nanargmin(inp(np.zeros((0,)), "f64_empty")), error=(ValueError, "Reduction", ["argmin", "empty", "sequence"]))
    case("nanargmin_empty_rows", f, lambda p: p.nanargmin_axis(inp(np.zeros((0, 3)), "f64_0x3"), 1))
    # ptp and count_nonzero.
    for dt in DTS:
        a_ = pool(dt, 0)
        if dt == BOOL:
            case("ptp_bool", f, lambda p, a_=a_: p.ptp(a_), error=(TypeError, "DType", ["boolean", "subtract"]))
        else:
            case("ptp_%s" % SHORT[dt], f, lambda p, a_=a_: p.ptp(a_))
            case("ptp_%s_axis0" % SHORT[dt], f, lambda p, a_=a_: p.ptp_axis(a_, 0))
            case("ptp_%s_axes1k" % SHORT[dt], f, lambda p, a_=a_: p.ptp_axes(a_, (1,), True))
        case("count_nonzero_%s" % SHORT[dt], f, lambda p, a_=a_: p.count_nonzero(a_))
        case("count_nonzero_%s_axis1" % SHORT[dt], f, lambda p, a_=a_: p.count_nonzero_axis(a_, 1))
        case("count_nonzero_%s_axes_k" % SHORT[dt], f, lambda p, a_=a_: p.count_nonzero_axes(a_, (0, 1), True))
    case("ptp_empty", f, lambda p: p.ptp(inp(np.zeros((0, 3)), "f64_0x3")), error=(ValueError, "Reduction", ["zero-size", "maximum", "identity"]))
    # Running products and the NaN-ignoring running sums and products.
    for dt in DTS:
        a_ = pool(dt, 0)
        case("cumprod_%s_axis0" % SHORT[dt], f, lambda p, a_=a_: p.cumprod(a_, 0))
        case("cumprod_%s_axism1" % SHORT[dt], f, lambda p, a_=a_: p.cumprod(a_, -1))
        case("cumprod_%s_flat" % SHORT[dt], f, lambda p, a_=a_: p.cumprod_flat(a_))
        if dt in (F32, F64, I32):
            check = "close" if dt != I32 else "exact"
            case("nancumsum_%s_axis1" % SHORT[dt], f, lambda p, a_=a_: p.nancumsum(a_, 1), check)
            case("nancumsum_%s_flat" % SHORT[dt], f, lambda p, a_=a_: p.nancumsum_flat(a_), check)
            case("nancumprod_%s_axis0" % SHORT[dt], f, lambda p, a_=a_: p.nancumprod(a_, 0))
            case("nancumprod_%s_flat" % SHORT[dt], f, lambda p, a_=a_: p.nancumprod_flat(a_))
    case("cumprod_near1_axis2", f, lambda p: p.cumprod(p_small(F64), 2), "close")
    case("cumprod_empty", f, lambda p: p.cumprod(inp(np.zeros((0, 3)), "f64_0x3"), 1))
    case("cumprod_0d", f, lambda p: p.cumprod(p.scalar(T(I32(3))), 0))
    case("cumprod_neg_zero", f, lambda p: p.cumprod(inp(np.array([-0.0, -0.0, 0.0, -0.0]), "f64_negzeros"), 0))
    case("cumprod_reversed", f, lambda p: p.cumprod(p.slice(data[I64], slice_tok_arg([Ellipsis, slice(None, None, -1)])), -1))
    case("nancumsum_nanstat_axis2", f, lambda p: p.nancumsum(nans[F64], 2), "close")
    case("err_axis_cumprod", f, lambda p: p.cumprod(pool(F64, 0), 2), error=(np.exceptions.AxisError, "Axis", ["axis", "2", "out", "bounds"]))
    # diff: n-th differences along an axis (`!=` for bool), with prepend/append.
    for dt in DTS:
        a_ = pool(dt, 0)
        case("diff_%s" % SHORT[dt], f, lambda p, a_=a_: p.diff(a_, 1, -1))
        case("diff_%s_n2_axis0" % SHORT[dt], f, lambda p, a_=a_: p.diff(a_, 2, 0))
    case("diff_n0", f, lambda p: p.diff(pool(F64, 0), 0, 0))
    case("diff_n0_0d", f, lambda p: p.diff(p.scalar(T(1.5)), 0, 0))
    case("diff_n_beyond", f, lambda p: p.diff(pool(I64, 0), 7, -1))
    case("diff_3d_axis1_n3", f, lambda p: p.diff(data[I32], 3, 1))
    case("diff_of_transposed", f, lambda p: p.diff(p.t(data[F64]), 2, 0))
    case("diff_prepend_scalar", f, lambda p: p.diff_with(pool(I32, 0), 1, 1, p.scalar(T(3)), None))
    case("diff_prepend_f64_scalar", f, lambda p: p.diff_with(pool(I32, 0), 1, -1, p.scalar(T(0.5)), None))
    case("diff_append_array", f, lambda p: p.diff_with(pool(F64, 1), 2, 0, None, p.slice(pool(F64, 0), slice_tok_arg([slice(None, 1)]))))
    case("diff_prepend_and_append", f, lambda p: p.diff_with(pool(BOOL, 0), 1, 0, p.scalar(T(True)), p.scalar(T(False))))
    case("diff_0d", f, lambda p: p.diff(p.scalar(T(1.5)), 1, 0), error=(ValueError, "Shape", ["diff", "requires", "at", "least", "one", "dimensional"]))
    case("diff_axis_oob", f, lambda p: p.diff(pool(F64, 0), 1, 2), error=(np.exceptions.AxisError, "Axis", ["axis", "2", "out", "bounds"]))
    case("diff_prepend_mismatch", f, lambda p: p.diff_with(pool(F64, 0), 1, 0, inp(np.zeros((1, 3)), "f64_1x3"), None), error=(ValueError, "Shape", ["concatenation", "axis", "1"]))
    # average: the mean, or a weighted mean.
    w = {
        "same": inp(rng.random((4, 5, 6)), "f64_w_same"),
        "axis1": inp(np.array([1.0, 2.0, 0.0, -1.0, 3.5]), "f64_w5"),
        "axes02": inp(rng.random((4, 6)), "f64_w4x6"),
        "axes20": inp(rng.random((6, 4)), "f64_w6x4"),
        "i32": inp(np.array([1, 2, 3, 4, 5], I32), "i32_w5"),
        "f32": inp(np.array([1, 2, 3, 4, 5], F32), "f32_w5"),
        "zero": inp(np.array([1.0, -1.0, 0.0, 2.0, -2.0]), "f64_w5_zero"),
    }
    case("average_plain", f, lambda p: p.average(data[F64]), "close")
    case("average_i32_axes_none", f, lambda p: p.average_with(data[I32], (0, 2), None, True), "close")
    case("average_weights_same", f, lambda p: p.average_with(data[F64], None, w["same"], False), "close")
    case("average_weights_same_axis0", f, lambda p: p.average_with(data[F64], (0,), w["same"], True), "close")
    case("average_weights_axis1", f, lambda p: p.average_with(data[F64], (1,), w["axis1"], False), "close")
    case("average_weights_axes02", f, lambda p: p.average_with(data[F64], (0, 2), w["axes02"], False), "close")
    case("average_weights_axes20", f, lambda p: p.average_with(data[F64], (2, 0), w["axes20"], True), "close")
    case("average_i32_i32_weights", f, lambda p: p.average_with(data[I32], (1,), w["i32"], False), "close")
    case("average_f32_f32_weights", f, lambda p: p.average_with(data[F32], (1,), w["f32"], False), "close")
    case("average_f32_i32_weights", f, lambda p: p.average_with(data[F32], (1,), w["i32"], False), "close")
    case("average_bool_weights", f, lambda p: p.average_with(data[BOOL], (1,), w["f32"], False), "close")
    case("average_zero_weights", f, lambda p: p.average_with(data[F64], (1,), w["zero"], False), error=(ZeroDivisionError, "Reduction", ["Weights", "sum", "to", "zero"]))
    case("average_no_axis_shape", f, lambda p: p.average_with(data[F64], None, w["axis1"], False), error=(TypeError, "Shape", ["Axis", "must", "be", "specified"]))
    case("average_inconsistent_weights", f, lambda p: p.average_with(data[F64], (0,), w["axis1"], False), error=(ValueError, "Shape", ["Shape", "of", "weights", "consistent"]))
    case("err_axis_var", f, lambda p: p.var_axis(data[F64], 3), error=(np.exceptions.AxisError, "Axis", ["axis", "3", "out", "bounds"]))
    case("err_axis_nanmean_repeated", f, lambda p: p.nanmean_axes(data[F64], (0, -3), False), error=(ValueError, "Axis", ["axis"]))


def gathers():
    f = "gathers"
    a = inp(np.arange(24, dtype=I64).reshape(2, 3, 4), "i64_2x3x4")
    x = inp(np.arange(30, dtype=F64).reshape(5, 6) / 4, "f64_5x6")
    idx = inp(np.array([2, 0, -1, -5, 4]), "i64_idx")
    idx2 = inp(np.array([[0, 3], [-1, 2]], I32), "i32_idx2")
    case("take_axis0", f, lambda p: p.take(x, idx, 0))
    case("take_axis1_2d_idx", f, lambda p: p.take(x, idx2, 1))
    case("take_axis_neg", f, lambda p: p.take(a, inp(np.array([3, -4, 1]), "i64_idx3"), -1))
    case("take_flat", f, lambda p: p.take_flat(a, idx2))
    case("take_0d_index", f, lambda p: p.take(a, p.scalar(T(-1)), 1))
    case("take_empty_index", f, lambda p: p.take(x, inp(np.zeros((0,), I64), "i64_empty"), 0))
    case("take_arange", f, lambda p: p.take(x, p.arange(Weak(0), Weak(5), Weak(2)), 0))
    case("index_fancy", f, lambda p: p.index(a, inp(np.array([1, 0, 1, 1]), "i64_01")))
    case("index_mask", f, lambda p: p.index(x, inp(np.array([True, False, True, True, False]), "bool_5")))
    case("take_oob", f, lambda p: p.take(x, inp(np.array([0, 5]), "i64_oob"), 0), error=(IndexError, "Index", ["index", "5", "out", "bounds", "size"]))
    case("take_oob_neg", f, lambda p: p.take(x, inp(np.array([-7]), "i64_oob_neg"), 1), error=(IndexError, "Index", ["-7", "out", "bounds"]))
    case("take_empty_axis", f, lambda p: p.take(inp(np.zeros((0, 3)), "f64_0x3"), inp(np.array([0]), "i64_zero"), 0), error=(IndexError, "Index", ["empty"]))
    case("take_float_idx", f, lambda p: p.index(x, inp(np.array([0.5, 1.0]), "f64_idx")), error=(IndexError, "Index", ["indices", "integer"]))
    m = inp(np.array([True, False, True, False, True]), "bool_5b")
    case("compress_axis0", f, lambda p: p.compress(x, m, 0))
    case("compress_axis1_short", f, lambda p: p.compress(x, inp(np.array([False, True, True]), "bool_3"), 1))
    case("compress_longer_false", f, lambda p: p.compress(x, inp(np.array([True, False, True, False, True, False, False]), "bool_7"), 0))
    case("compress_longer_true", f, lambda p: p.compress(x, inp(np.array([True, False, True, False, True, False, True]), "bool_7t"), 0), error=(IndexError, "Index", ["index", "6", "out", "bounds"]))
    case("compress_none", f, lambda p: p.compress(a, inp(np.zeros(3, BOOL), "bool_3f"), 1))
    m2 = inp(np.array([[True, False, True], [False, False, True]]), "bool_2x3")
    case("mask_2d_on_3d", f, lambda p: p.mask(a, m2))
    case("mask_full_shape", f, lambda p: p.mask(x, p.gt(x, Weak(3.0))))
    case("mask_run", f, lambda p: p.mask(p.arange(Weak(0), Weak(10), Weak(1)), inp(np.array([False] * 3 + [True] * 4 + [False] * 3), "bool_run")))
    case("mask_sum", f, lambda p: p.sum(p.mask(x, p.lt(x, Weak(5.0)))))
    case("mask_wrong_length", f, lambda p: p.mask(x, inp(np.array([True, False]), "bool_2")), error=(IndexError, "Index", ["boolean", "index", "did", "not", "match", "axis", "0"]))


def joins():
    f = "joins"
    v = inp(np.array([1.5, -0.0, NAN]), "f64_3")
    m = inp(np.arange(6, dtype=I32).reshape(2, 3), "i32_2x3")
    case("tile_1d", f, lambda p: p.tile(v, (3,)))
    case("tile_2d_more_reps", f, lambda p: p.tile(m, (2, 1, 2)))
    case("tile_zero", f, lambda p: p.tile(m, (0, 2)))
    case("tile_fewer_reps", f, lambda p: p.tile(m, (2,)))
    case("repeat_scalar_axis0", f, lambda p: p.repeat(m, 2, 0))
    case("repeat_flat", f, lambda p: p.repeat(m, 3, None))
    case("repeat_each_axis1", f, lambda p: p.repeat_each(m, (0, 2, 1), 1))
    case("repeat_each_flat", f, lambda p: p.repeat_each(v, (2, 0, 3), None))
    case("repeat_each_single", f, lambda p: p.repeat_each(m, (2,), -1))
    case("concatenate_axis0", f, lambda p: p.concatenate(0, m, p.slice(m, slice_tok_arg([slice(None, None, -1)]))))
    case("concatenate_axis1_promote", f, lambda p: p.concatenate(-1, m, inp(np.array([[0.5], [NAN]], F32), "f32_2x1")))
    case("concatenate_bool_i64", f, lambda p: p.concatenate(0, inp(np.array([True, False]), "bool_tf"), inp(np.array([7, -7]), "i64_77")))
    case("concatenate_three", f, lambda p: p.concatenate(0, v, v, p.astype(v, F32)))
    case("concatenate_empty", f, lambda p: p.concatenate(0, inp(np.zeros((0, 3), I32), "i32_0x3"), m))
    case("stack_axis0", f, lambda p: p.stack(0, m, m))
    case("stack_axis_last", f, lambda p: p.stack(-1, m, p.astype(m, F64)))
    case("stack_1d_axis1", f, lambda p: p.stack(1, v, v, v))
    case("concatenate_mismatch", f, lambda p: p.concatenate(0, m, v), error=(ValueError, "Shape", ["dimensions"]))
    case("concatenate_shape_mismatch", f, lambda p: p.concatenate(0, m, inp(np.zeros((2, 4), I32), "i32_2x4")), error=(ValueError, "Shape", ["concatenation", "axis", "1"]))
    case("concatenate_0d", f, lambda p: p.concatenate(0, p.scalar(T(1.0)), p.scalar(T(2.0))), error=(ValueError, "Shape", ["zero-dimensional", "concatenated"]))
    case("stack_shape_mismatch", f, lambda p: p.stack(0, m, inp(np.zeros((3, 2), I32), "i32_3x2")), error=(ValueError, "Shape", ["same", "shape"]))


def promotion():
    f = "promotion"
    # Array-array: NumPy 2's table over our dtypes (i32 + f32 -> f64, i64 + f32 -> f64, ...).
    small = {
        BOOL: inp(np.array([True, False, True]), "bool_3p"),
        I32: inp(np.array([-3, 0, 7], I32), "i32_3p"),
        I64: inp(np.array([-3, 0, 2**40]), "i64_3p"),
        F32: inp(np.array([0.1, -2.5, 3e38], F32), "f32_3p"),
        F64: inp(np.array([0.1, -2.5, 1e300]), "f64_3p"),
    }
    for x in DTS:
        for y in DTS:
            case("add_%s_%s" % (SHORT[x], SHORT[y]), f, lambda p, x=x, y=y: p.add(small[x], small[y]))
    # Weak Python scalars (NEP 50): the array's dtype unless the scalar is of a higher kind.
    for dt in DTS:
        for s in [True, 3, 2.5]:
            if dt == BOOL and s is True:
                continue
            case("mul_%s_weak_%s" % (SHORT[dt], type(s).__name__), f, lambda p, dt=dt, s=s: p.mul(small[dt], Weak(s)))
    case("add_i32_weak_big", f, lambda p: p.add(small[I32], Weak(3_000_000_000)), error=(OverflowError, "DType", ["3000000000", "out", "bounds", "int32"]))
    case("add_i32_weak_neg1", f, lambda p: p.add(small[I32], Weak(-1)))
    case("div_i32_weak_int", f, lambda p: p.div(small[I32], Weak(2)))
    case("div_bool_bool", f, lambda p: p.div(small[BOOL], small[BOOL]))
    case("sub_f32_weak_huge", f, lambda p: p.sub(small[F32], Weak(1e300)))
    # Strong 0-d arrays promote like arrays.
    case("add_i32_strong_f32", f, lambda p: p.add(small[I32], p.scalar(T(F32(0.5)))))
    case("add_f32_strong_f64", f, lambda p: p.add(small[F32], p.scalar(T(0.5))))
    case("add_i32_strong_i64", f, lambda p: p.add(small[I32], p.scalar(T(1))))
    case("maximum_i64_f32", f, lambda p: p.maximum(small[I64], small[F32]))
    case("where_promote_i64_f32", f, lambda p: p.where(small[BOOL], small[I64], small[F32]))
    case("logical_and_f64_i32", f, lambda p: p.logical_and(small[F64], small[I32]))
    case("bitor_bool_i32", f, lambda p: p.bitor(small[BOOL], small[I32]))
    case("bitand_i32_weak", f, lambda p: p.bitand(small[I32], Weak(6)))


# The narrow and unsigned integers: extremes, zeros (division) and small values of each.
NARROW = [I8, I16, U8, U16, U32, U64]


def narrow_values(dt):
    info = np.iinfo(dt)
    lo, hi = int(info.min), int(info.max)
    a = [0, 1, 7, hi, lo, hi - 1, 100 % (hi + 1), 3, 5, 2, lo + 1, 9]
    b = [1, 2, 3, 0, 4, 2, 1, 3, 7, 5, 0, hi]
    if lo < 0:
        a[2], b[2] = -7, -3
    return np.array(a, dt).reshape(3, 4), np.array(b, dt).reshape(3, 4)


def narrow_unsigned():
    """int8, int16, uint8, uint16, uint32 and uint64: arithmetic (wrapping), division by zero,
    comparisons, bit ops, reductions in NumPy's accumulator dtypes, casts to and from every
    dtype, promotion with every dtype (NEP 50 included) and out-of-range Python integers."""
    f = "narrow"
    every = DTS + NARROW
    small = {dt: inp(np.array([0, 1, 3], dt), "%s_3n" % SHORT[dt]) for dt in every}
    for dt in NARROW:
        av, bv = narrow_values(dt)
        a, b = inp(av, "%s_a" % SHORT[dt]), inp(bv, "%s_b" % SHORT[dt])
        for op in BINARY + COMPARISONS:
            cid = "%s_%s" % (op, SHORT[dt])
            if op == "pow":
                case(cid, f, lambda p, a=a, dt=dt: p.pow(a, inp(I_EXP.astype(dt).reshape(3, 4), "%s_exp" % SHORT[dt])))
            elif op == "div":
                case(cid, f, lambda p, a=a, b=b: p.div(a, b))
            else:
                case(cid, f, lambda p, op=op, a=a, b=b: getattr(p, op)(a, b))
        for op in ["neg", "abs", "floor", "ceil", "not", "logical_not"]:
            case("%s_%s" % (op, SHORT[dt]), f, lambda p, op=op, a=a: p.__getattr__(op)(a))
        if dt in (I16, U16):
            # NumPy computes float functions of 16-bit integers in float32.
            for op in TRANSCENDENTAL:
                case("%s_%s" % (op, SHORT[dt]), f, lambda p, op=op, b=b: getattr(p, op)(b), "ulp4")
        for red in ["sum", "prod", "min", "max", "any", "all", "argmax", "argmin"]:
            case("%s_%s" % (red, SHORT[dt]), f, lambda p, red=red, a=a: getattr(p, red)(a))
        case("sum_axis0_%s" % SHORT[dt], f, lambda p, a=a: p.sum_axis(a, 0))
        case("max_axism1_%s" % SHORT[dt], f, lambda p, a=a: p.max_axis(a, -1))
        case("mean_%s" % SHORT[dt], f, lambda p, a=a: p.mean(a), "close")
        case("cumsum_%s" % SHORT[dt], f, lambda p, a=a: p.cumsum(a, 1))
        for dst in every:
            if dst != dt:
                case("astype_%s_%s" % (SHORT[dt], SHORT[dst]), f, lambda p, a=a, dst=dst: p.astype(a, dst))
        in_range = inp(np.array([0.0, 0.9, 1.5, 2.5, 7.99, 100.0, 3.0, 0.0]), "f64_%s_range" % SHORT[dt]) if np.iinfo(dt).min == 0 else inp(np.array([0.0, -0.9, 1.5, -2.5, 7.99, -100.0, 3.0, -0.0]), "f64_%s_range" % SHORT[dt])
        case("astype_f64_%s_in_range" % SHORT[dt], f, lambda p, x=in_range, dt=dt: p.astype(x, dt))
        case("astype_f32_%s_in_range" % SHORT[dt], f, lambda p, x=in_range, dt=dt: p.astype(p.astype(x, F32), dt))
        for other in every:
            case("add_%s_%s" % (SHORT[dt], SHORT[other]), f, lambda p, dt=dt, other=other: p.add(small[dt], small[other]))
        for s_ in [True, 3, 2.5]:
            case("mul_%s_weak_%s" % (SHORT[dt], type(s_).__name__), f, lambda p, a=a, s_=s_: p.mul(a, Weak(s_)))
        big = int(np.iinfo(dt).max) + 1
        if dt == U64:
            continue  # no Rust integer (a weak scalar) exceeds u64
        case("add_%s_weak_too_big" % SHORT[dt], f, lambda p, a=a, big=big: p.add(a, Weak(big)), error=(OverflowError, "DType", [str(big), "out", "bounds", DTYPE_NAMES[dt]]))
        if np.iinfo(dt).min == 0:
            case("add_%s_weak_negative" % SHORT[dt], f, lambda p, a=a: p.add(a, Weak(-1)), error=(OverflowError, "DType", ["-1", "out", "bounds", DTYPE_NAMES[dt]]))
        case("lt_%s_weak_out_of_range" % SHORT[dt], f, lambda p, a=a, big=big: p.lt(a, Weak(big)))
        case("clip_%s_wide_bounds" % SHORT[dt], f, lambda p, a=a, big=big: p.clip(a, Weak(-big), Weak(5)))
    case("lt_u64_weak_negative", f, lambda p: p.lt(small[U64], Weak(-1)))
    case("floor_divide_i8_min_by_minus_one", f, lambda p: p.floor_divide(inp(np.array([-128, -128, 127], I8), "i8_min3"), inp(np.array([-1, 1, -1], I8), "i8_m1")))
    case("take_u8_indices", f, lambda p: p.take(inp(np.arange(300.0), "f64_300"), inp(np.array([200, 5, 255], U8), "u8_idx"), 0))
    case("take_u16_indices", f, lambda p: p.take(pool(F64, 0), inp(np.array([0, 2, 1], U16), "u16_idx"), 0))
    case("take_u64_index_wraps_out_of_bounds", f, lambda p: p.index(inp(np.arange(300.0), "f64_300"), inp(np.array([2**63 + 5], U64), "u64_idx")), error=(IndexError, "Index", ["-9223372036854775803", "out", "bounds"]))


# Every elementwise function beyond the first ones, on special values of every dtype it takes.
UNARY_MORE = ["cbrt", "exp2", "expm1", "log2", "log10", "tan", "arcsin", "arccos", "arctan",
              "sinh", "cosh", "arcsinh", "arccosh", "arctanh", "deg2rad", "rad2deg"]
BINARY_FLOAT = ["arctan2", "hypot", "logaddexp", "logaddexp2", "copysign", "heaviside", "fmod",
                "fmax", "fmin", "float_power"]


def functions():
    """The math functions (ulp4 against NumPy: libm differs by an ulp between machines), the
    exact ones (rounding, sign, predicates, bit functions), their integer loops and result
    dtypes, and NumPy's errors for dtypes a function does not take."""
    f = "functions"
    unit = inp(np.array([0.0, -0.0, 0.5, -0.5, 0.25, -0.99, 0.999, 1.0, -1.0, 0.1, 1e-300, -1e-8]).reshape(3, 4), "f64_unit")
    wide = inp(np.array([0.0, -0.0, 1.5, -2.5, 10.0, 100.0, 1.0, 3.0, 700.0, -700.0, 1e-8, 2.0]).reshape(3, 4), "f64_wide")
    for op in UNARY_MORE:
        for dt in (F64, F32):
            for name, src in (("unit", unit), ("wide", wide), ("special", pool(dt, 0))):
                x = src if dt == F64 or name == "special" else inp(val(src).astype(F32), "f32_" + name)
                case("%s_%s_%s" % (op, SHORT[dt], name), f, lambda p, op=op, x=x: getattr(p, op)(x), "ulp4")
        for dt in (I32, I64, I16, U16, U32):
            case("%s_%s" % (op, SHORT[dt]), f, lambda p, op=op, dt=dt: getattr(p, op)(small_ints(dt)), "ulp4")
    for op in ["rint", "trunc", "sign", "reciprocal", "isnan", "isinf", "isfinite", "signbit", "square", "positive", "nan_to_num"]:
        for dt in DTS + NARROW:
            cid = "%s_%s" % (op, SHORT[dt])
            x = pool(dt, 0) if dt in DTS else small_ints(dt)
            if dt == BOOL and op in ("sign", "positive"):
                case(cid, f, lambda p, op=op, x=x: getattr(p, op)(x), error=(TypeError, "DType", [op]))
            elif dt in (BOOL, I8, U8) and op == "rint":
                continue  # float16 in NumPy (module docs)
            elif op == "reciprocal" and dt not in (F32, F64, BOOL):
                # Integer 0 has no reciprocal (NumPy's value is undefined; here 0).
                case(cid, f, lambda p, x=x: p.reciprocal(p.maximum(x, Weak(1))))
            else:
                case(cid, f, lambda p, op=op, x=x: getattr(p, op)(x))
    for dt in [BOOL] + NARROW + [I32, I64]:
        x = pool(dt, 0) if dt in DTS else small_ints(dt)
        case("bitwise_count_%s" % SHORT[dt], f, lambda p, x=x: p.bitwise_count(x))
    case("bitwise_count_f64", f, lambda p: p.bitwise_count(pool(F64, 0)), error=(TypeError, "DType", ["bitwise_count"]))
    for op in BINARY_FLOAT:
        for dt in (F64, F32):
            a, b = pool(dt, 0), pool(dt, 1)
            check = "exact" if op in ("copysign", "heaviside", "fmod", "fmax", "fmin") else "ulp4"
            case("%s_%s" % (op, SHORT[dt]), f, lambda p, op=op, a=a, b=b: getattr(p, op)(a, b), check)
        for dt in (I32, I16, U16):
            x, y = small_ints(dt), p_rev(small_ints(dt))
            check = "exact" if op in ("fmod", "fmax", "fmin", "copysign", "heaviside") else "ulp4"
            if op == "fmod":
                continue  # integer fmod below (exact, zero divisors)
            case("%s_%s" % (op, SHORT[dt]), f, lambda p, op=op, x=x, y=y: getattr(p, op)(x, y), check)
    case("arctan2_f64_weak", f, lambda p: p.arctan2(pool(F64, 0), Weak(1.0)), "ulp4")
    case("hypot_f64_bool", f, lambda p: p.hypot(pool(F64, 0), pool(BOOL, 0)), "ulp4")
    for dt in (I32, I64, I8, U8, U64):
        info = np.iinfo(dt)
        num = inp(np.array([7, -7, 7, -7, 0, 5, info.min, info.max, 1, 3, 100, 9], dtype=np.int64).astype(dt) if info.min < 0 else np.array([7, 7, 0, 5, info.max, 1, 3, 100, 9, 8, 200 % (int(info.max) + 1), 2], dtype=np.uint64).astype(dt), "%s_fnum" % SHORT[dt])
        den = inp(np.array([2, 2, -2, -2, 3, 0, -1, -1, 0, 1, 7, 4], dtype=np.int64).astype(dt) if info.min < 0 else np.array([2, 3, 3, 0, 7, 0, 1, 7, 4, 3, 5, 1], dtype=np.uint64).astype(dt), "%s_fden" % SHORT[dt])
        for op in ["fmod", "fmax", "fmin", "gcd", "lcm"]:
            case("%s_int_%s" % (op, SHORT[dt]), f, lambda p, op=op, num=num, den=den: getattr(p, op)(num, den))
        amounts = inp(np.array([0, 1, 3, 7, 8, 15, 16, 31, 32, 63, 64, 200], dtype=np.int64).astype(dt), "%s_shift" % SHORT[dt])
        for op in ["shl", "shr"]:
            case("%s_%s" % (op, SHORT[dt]), f, lambda p, op=op, num=num, amounts=amounts: getattr(p, op)(num, amounts))
    case("shl_i32_negative_amount", f, lambda p: p.shl(small_ints(I32), Weak(-1)))
    case("shr_i32_negative_amount", f, lambda p: p.shr(p.neg(small_ints(I32)), Weak(-3)))
    case("shl_bool", f, lambda p: p.shl(pool(BOOL, 0), pool(BOOL, 1)))
    case("fmod_bool", f, lambda p: p.fmod(pool(BOOL, 0), pool(BOOL, 0)))
    case("gcd_f64", f, lambda p: p.gcd(pool(F64, 0), pool(F64, 1)), error=(TypeError, "DType", ["gcd"]))
    case("shl_f32", f, lambda p: p.shl(pool(F32, 0), pool(F32, 1)), error=(TypeError, "DType", ["left_shift"]))
    case("gcd_bool", f, lambda p: p.gcd(pool(BOOL, 0), pool(BOOL, 1)), error=(TypeError, "DType", ["gcd"]))
    case("float_power_f32_sqrt", f, lambda p: p.float_power(p.abs(pool(F32, 0)), Weak(0.5)), "ulp4")
    case("float_power_i32_square", f, lambda p: p.float_power(small_ints(I32), Weak(2)))
    for dt in (F64, F32):
        x = inp(np.array([2.5, 3.5, -2.5, 1.25, 1.35, 1234.5678, -0.5, 0.15, NAN, INF, -0.0, 1e300]).astype(dt).reshape(3, 4), "%s_round" % SHORT[dt])
        for d in (0, 1, 2, -1, -2):
            case("round_%s_%s" % (SHORT[dt], str(d).replace("-", "m")), f, lambda p, x=x, d=d: p.round(x, d))
    # (Not -128 with decimals=-1: NumPy rounds to -130.0 and casts back to int8, which wraps to
    # 126 on x86; lazyarray's float-to-int casts saturate, see the module docs.)
    for dt in (I64, I32, I8, U16):
        x = inp(np.array([1234, 1250, 1350, 15, 25, 35, 5, 0, 99, 100, 101, 49], dtype=np.int64).astype(dt) if dt != I8 else np.array([17, 25, 35, -15, -25, 5, 0, 99, 100, 101, 49, -100], I8), "%s_round" % SHORT[dt])
        for d in (0, 1, -1, -2):
            case("round_%s_%s" % (SHORT[dt], str(d).replace("-", "m")), f, lambda p, x=x, d=d: p.round(x, d))
    a, b = pool(F64, 0), pool(F64, 1)
    case("isclose_f64", f, lambda p: p.isclose(a, b, Weak(1e-5), Weak(1e-8), False))
    case("isclose_f64_equal_nan", f, lambda p: p.isclose(a, a, Weak(1e-5), Weak(1e-8), True))
    near = inp(val(a) * (1 + 1e-6), "f64_near")
    case("isclose_f64_near", f, lambda p: p.isclose(a, near, Weak(1e-5), Weak(0.0), False))
    case("isclose_i32_f32", f, lambda p: p.isclose(pool(I32, 0), pool(F32, 1), Weak(0.5), Weak(1.0), False))
    case("nan_to_num_f32_special", f, lambda p: p.nan_to_num(pool(F32, 0)))


def small_ints(dt):
    """Small integers of `dt` (negative ones for signed dtypes) and its extremes."""
    info = np.iinfo(dt)
    v = [0, 1, 2, 3, 5, 7, 10, 100 % (int(info.max) + 1), int(info.max), int(info.min), 4, 9]
    if info.min < 0:
        v[1], v[4] = -1, -5
    return inp(np.array(v, dtype=dt).reshape(3, 4), "%s_small" % SHORT[dt])


def p_rev(x):
    """The same values in reverse order, as an input."""
    return inp(val(x)[::-1, ::-1].copy(), x.tok[1:] + "_rev")


def errors():
    f = "errors"
    x = inp(np.arange(6, dtype=F64).reshape(2, 3), "f64_2x3")
    v4 = inp(np.arange(4, dtype=F64), "f64_4")
    case("err_broadcast", f, lambda p: p.add(x, v4), error=(ValueError, "Shape", ["operands", "could", "not", "broadcast", "(2,3)", "(4,)"]))
    case("err_broadcast_to", f, lambda p: p.broadcast_to(x, (4, 3, 2)), error=(ValueError, "Shape", ["broadcast"]))
    case("err_reshape", f, lambda p: p.reshape(x, (4,)), error=(ValueError, "Shape", ["cannot", "reshape", "size", "6", "(4,)"]))
    case("err_reshape_two_unknown", f, lambda p: p.reshape(x, (-1, -1)), error=(ValueError, "Shape", ["only", "one", "unknown", "dimension"]))
    case("err_axis_sum", f, lambda p: p.sum_axis(x, 2), error=(np.exceptions.AxisError, "Axis", ["axis", "2", "out", "bounds", "dimension", "2"]))
    case("err_axis_neg", f, lambda p: p.max_axis(x, -3), error=(np.exceptions.AxisError, "Axis", ["axis", "-3", "out", "bounds"]))
    case("err_axis_repeated", f, lambda p: p.sum_axes(x, (0, 0), False), error=(ValueError, "Axis", ["axis"]))
    case("err_axis_cumsum", f, lambda p: p.cumsum(x, 2), error=(np.exceptions.AxisError, "Axis", ["axis", "2", "out", "bounds"]))
    case("err_axis_expand_dims", f, lambda p: p.expand_dims(x, 3), error=(np.exceptions.AxisError, "Axis", ["axis", "3", "out", "bounds"]))
    case("err_axis_take", f, lambda p: p.take(x, inp(np.array([0]), "i64_zero"), 2), error=(np.exceptions.AxisError, "Axis", ["axis", "2", "out", "bounds"]))
    case("err_axis_argmax", f, lambda p: p.argmax_axis(x, 5), error=(np.exceptions.AxisError, "Axis", ["axis", "5", "out", "bounds"]))
    case("err_transpose_repeated", f, lambda p: p.permute(x, (0, 0)), error=(ValueError, "Axis", ["repeated", "axis"]))
    case("err_swapaxes", f, lambda p: p.swapaxes(x, 0, 2), error=(np.exceptions.AxisError, "Axis", ["axis", "2", "out", "bounds"]))
    case("err_slice_step_zero", f, lambda p: p.slice(x, slice_tok_arg([slice(None, None, 0)])), error=(ValueError, "View", ["slice", "step", "cannot", "be", "zero"]))
    case("err_slice_too_many", f, lambda p: p.slice(x, slice_tok_arg([0, 0, 0])), error=(IndexError, "Index", ["too", "many", "indices"]))
    case("err_slice_index_oob", f, lambda p: p.slice(x, slice_tok_arg([slice(None), 3])), error=(IndexError, "Index", ["index", "3", "out", "bounds", "axis", "1", "size"]))
    case("err_slice_two_ellipsis", f, lambda p: p.slice(x, slice_tok_arg([Ellipsis, Ellipsis])), error=(IndexError, "Index", ["single", "ellipsis"]))
    case("err_windows_too_large", f, lambda p: p.windows(v4, 5, 0), error=(ValueError, "View", ["window", "shape", "cannot", "be", "larger"]))
    case("err_squeeze_not_one", f, lambda p: p.squeeze_axes(x, (0,)), error=(ValueError, "Shape", ["cannot", "select", "axis", "squeeze"]))
    case("err_diagonal_same_axis", f, lambda p: p.diagonal(x, 0, 0, 0), error=(ValueError, "Axis", ["axis1", "axis2", "cannot", "be", "the", "same"]))
    case("err_diagonal_1d", f, lambda p: p.diagonal(v4, 0, 0, 1), error=(ValueError, "Shape", ["two", "dimensions"]))
    case("err_arange_step_zero", f, lambda p: p.arange(Weak(0), Weak(5), Weak(0)), error=(ZeroDivisionError, "Shape", ["division", "by", "zero"]))
    big = "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size"
    big_words = ["array", "is", "too", "big"]
    case("err_full_huge", f, lambda p: p.full((2**62, 4), T(1.0)), error=(ValueError, "Shape", big_words))
    case("err_eye_huge", f, lambda p: p.eye(2**40, 2**40, 0), error=(ValueError, "Shape", big_words))
    case("err_random_huge", f, lambda p: p.random((2**62, 4), 0), error=(ValueError, "Shape", big_words))
    case("err_linspace_huge", f, lambda p: p.linspace(Weak(0.0), Weak(1.0), 2**62, True), error=(ValueError, "Shape", big_words))
    case("err_arange_inf", f, lambda p: p.arange(Weak(0.0), Weak(INF), Weak(1.0)), error=(ValueError, "Shape", ["Maximum", "allowed", "size", "exceeded"]))
    case("err_arange_nan", f, lambda p: p.arange(Weak(NAN), Weak(1.0), Weak(1.0)), error=(ValueError, "Shape", ["cannot", "compute", "length"]))
    case("err_broadcast_to_fewer_dims", f, lambda p: p.broadcast_to(x, (3,)), error=(ValueError, "Shape", []))
    case("err_where_broadcast", f, lambda p: p.where(inp(np.zeros((3, 4), BOOL), "bool_3x4"), x, Weak(0)), error=(ValueError, "Shape", ["operands", "could", "not", "broadcast", "(3,4)", "(2,3)"]))
    case("err_axis_windows", f, lambda p: p.windows(v4, 2, 1), error=(np.exceptions.AxisError, "Axis", ["axis", "1", "out", "bounds"]))
    case("err_axis_stack", f, lambda p: p.stack(3, x, x), error=(np.exceptions.AxisError, "Axis", ["axis", "3", "out", "bounds"]))
    case("err_axis_concatenate", f, lambda p: p.concatenate(2, x, x), error=(np.exceptions.AxisError, "Axis", ["axis", "2", "out", "bounds"]))
    case("err_axis_repeated_negative", f, lambda p: p.sum_axes(x, (1, -1), False), error=(ValueError, "Axis", ["axis"]))
    case("err_axis_squeeze", f, lambda p: p.squeeze_axes(p.reshape(x, (1, 2, 3)), (3,)), error=(np.exceptions.AxisError, "Axis", ["axis", "3", "out", "bounds"]))
    case("err_axis_expand_dims_0d", f, lambda p: p.expand_dims(p.scalar(T(1.0)), 1), error=(np.exceptions.AxisError, "Axis", ["axis", "1", "out", "bounds"]))
    case("err_axis_diagonal", f, lambda p: p.diagonal(x, 0, 0, 2), error=(np.exceptions.AxisError, "Axis", ["axis", "2", "out", "bounds"]))
    case("err_transpose_short", f, lambda p: p.permute(x, (0,)), error=(ValueError, "Axis", ["axes"]))
    case("err_pow_int_weak_negative", f, lambda p: p.pow(p.arange(Weak(0), Weak(3), Weak(1)), Weak(-1)), error=(ValueError, "DType", ["negative", "integer", "powers"]))
    case("err_mul_i32_weak_min", f, lambda p: p.mul(inp(np.zeros(3, I32), "i32_zeros3"), Weak(-(2**31) - 1)), error=(OverflowError, "DType", ["-2147483649", "out", "bounds", "int32"]))
    case("err_sqrt_undefined_bitand", f, lambda p: p.bitand(x, x), error=(TypeError, "DType", ["bitwise_and", "not", "supported"]))
    case("err_tile_huge", f, lambda p: p.tile(x, (2**62, 1)), error=(ValueError, "Shape", big_words))
    case("err_repeat_counts", f, lambda p: p.repeat_each(x, (1, 2), 1), error=(ValueError, "Shape", ["broadcast"]))
    case("err_index_float", f, lambda p: p.index(x, inp(np.array([0.0, 1.0]), "f64_01")), error=(IndexError, "Index", ["integer"]))
    case("err_too_many_mask_dims", f, lambda p: p.mask(v4, inp(np.ones((4, 1), BOOL), "bool_4x1")), error=(IndexError, "Index", ["too", "many", "indices"]))


def corners():
    """Views under reductions and gathers, 0-d and empty operands, ties under reversal."""
    a3 = inp(np.arange(24, dtype=I64).reshape(2, 3, 4), "i64_2x3x4")
    x = inp(np.arange(30, dtype=F64).reshape(5, 6) / 4, "f64_5x6")
    ties = inp(np.array([3, 7, 7, 1, 7, 1, 1, 3], I32), "i32_ties")
    rev = lambda p, a: p.slice(a, slice_tok_arg([slice(None, None, -1)]))
    case("sum_axis_of_transpose", "reductions", lambda p: p.sum_axis(p.t(x), 0), "close")
    case("max_of_reversed_3d", "reductions", lambda p: p.max_axes(p.slice(a3, slice_tok_arg([slice(None, None, -1), Ellipsis, slice(None, None, -2)])), (0, -1), True))
    case("mean_of_broadcast", "reductions", lambda p: p.mean_axis(p.broadcast_to(p.reshape(x, (5, 1, 6)), (5, 4, 6)), 1), "close")
    case("sum_all_axes_keep", "reductions", lambda p: p.sum_axes(a3, (0, 1, 2), True))
    case("sum_negative_axes", "reductions", lambda p: p.sum_axes(a3, (-1, -3), False))
    case("prod_empty_i64", "reductions", lambda p: p.prod(inp(np.zeros((0,), I64), "i64_empty")))
    case("any_of_windows", "reductions", lambda p: p.any_axis(p.windows(p.gt(x, Weak(6.0)), 3, 1), -1))
    case("argmax_reversed_ties", "argminmax", lambda p: p.argmax(rev(p, ties)))
    case("argmin_reversed_ties", "argminmax", lambda p: p.argmin(rev(p, ties)))
    case("argmax_transposed_axis0", "argminmax", lambda p: p.argmax_axis(p.t(p.rem(a3, Weak(5))), 0))
    case("argmax_empty_rows", "argminmax", lambda p: p.argmax_axis(inp(np.zeros((0, 3)), "f64_0x3"), 1))
    case("cumsum_reversed", "cumsum", lambda p: p.cumsum(p.slice(a3, slice_tok_arg([Ellipsis, slice(None, None, -1)])), -1))
    case("cumsum_transposed_i32", "cumsum", lambda p: p.cumsum(p.t(p.astype(a3, I32)), 1))
    case("cumsum_0d", "cumsum", lambda p: p.cumsum(p.scalar(T(2.0)), 0))
    case("take_from_transposed", "gathers", lambda p: p.take(p.t(x), inp(np.array([-1, 0, 2]), "i64_idx_m1"), 1))
    case("take_0d_axis0", "gathers", lambda p: p.take(p.scalar(T(1.0)), inp(np.array([0]), "i64_zero"), 0))
    case("mask_of_reversed", "gathers", lambda p: p.mask(rev(p, x), inp(np.array([True, False, True, True, False]), "bool_5")))
    case("take_computed_index", "gathers", lambda p: p.take(x, p.rem(p.arange(Weak(0), Weak(7), Weak(1)), Weak(5)), 0))
    case("concatenate_views", "joins", lambda p: p.concatenate(1, p.t(p.slice(x, slice_tok_arg([slice(None, 3)]))), rev(p, p.t(p.slice(x, slice_tok_arg([slice(None, 3)]))))))
    case("tile_0d", "joins", lambda p: p.tile(p.scalar(T(2.5)), (2, 3)))
    case("repeat_0d", "joins", lambda p: p.repeat(p.scalar(T(2.5)), 3, None))
    case("stack_0d", "joins", lambda p: p.stack(0, p.scalar(T(1)), p.scalar(T(2))))
    case("reshape_reversed_slice", "views", lambda p: p.reshape(p.slice(x, slice_tok_arg([slice(None, None, -2), slice(1, None, 2)])), (9,)))
    case("windows_zero", "views", lambda p: p.windows(inp(np.arange(4, dtype=F64), "f64_4"), 0, 0))
    case("windows_full", "views", lambda p: p.windows(x, 6, 1))
    case("diagonal_empty_offset", "views", lambda p: p.diagonal(x, 7, 0, 1))
    case("expand_dims_0d", "views", lambda p: p.expand_dims(p.scalar(T(I32(3))), 0))
    case("slice_0d_ellipsis_new", "views", lambda p: p.slice(p.scalar(T(1.5)), slice_tok_arg([Ellipsis, None])))
    case("add_empty_both", "elementwise", lambda p: p.add(inp(np.zeros((0, 3)), "f64_0x3"), inp(np.zeros((0, 3), I32), "i32_0x3")))
    case("exp_f64_special", "elementwise", lambda p: p.exp(pool(F64, 0)), "ulp4")
    case("exp_f32_special", "elementwise", lambda p: p.exp(pool(F32, 0)), "ulp4")
    case("exp_f64_overflow", "elementwise", lambda p: p.exp(inp(np.array([709.0, 709.8, 710.0, -745.0, -746.0, -1000.0]), "f64_exp_edges")), "ulp4")
    case("exp_f32_overflow", "elementwise", lambda p: p.exp(inp(np.array([88.0, 88.8, 89.0, -103.0, -104.0, -200.0], F32), "f32_exp_edges")), "ulp4")
    case("pow_f32_weak_int", "elementwise", lambda p: p.pow(pool(F32, 0), Weak(2)))
    case("pow_f64_array_exponents", "elementwise", lambda p: p.pow(inp(np.array([2.0, -2.0, 0.0, 1.0, NAN, INF, -INF, 4.0]), "f64_bases"), inp(np.array([0.5, 3.0, -1.0, NAN, 0.0, -2.0, 3.0, 0.25]), "f64_exps")), "ulp4")
    case("floor_divide_f32_weak", "intdiv", lambda p: p.floor_divide(pool(F32, 0), Weak(-0.5)))
    case("rem_i32_weak_zero", "intdiv", lambda p: p.rem(pool(I32, 0), Weak(0)))
    case("floor_divide_bool_int", "intdiv", lambda p: p.floor_divide(pool(BOOL, 0), pool(I32, 1)))
    case("equal_i64_f64_big", "comparison", lambda p: p.equal(inp(np.array([2**53 + 1, 2**53, -(2**63), 3]), "i64_2p53"), inp(np.array([2.0**53, 2.0**53, -(2.0**63), 3.0]), "f64_2p53")))
    case("lt_bool_f32", "comparison", lambda p: p.lt(pool(BOOL, 0), pool(F32, 1)))
    case("where_scalar_cond", "where_clip", lambda p: p.where(p.scalar(T(True)), pool(I32, 0), Weak(0.5)))
    case("where_empty", "where_clip", lambda p: p.where(inp(np.zeros((0, 3), BOOL), "bool_0x3"), Weak(1), inp(np.zeros((0, 3), I32), "i32_0x3")))
    case("logical_or_weak_float", "elementwise", lambda p: p.logical_or(pool(I32, 0), Weak(0.0)))


def shapes():
    """Shape helpers and creation (issue #13): flips, rolls, rotations, moved axes, the
    `atleast_*d` views, stacks, splits, pads, triangles, grids and the `*_like`/dtype creators."""
    f = "shapes"
    a = inp(np.arange(24, dtype=I64).reshape(2, 3, 4), "i64_2x3x4")
    x = inp(np.arange(30, dtype=F64).reshape(5, 6) / 4, "f64_5x6")
    v = inp(np.array([1.5, -0.0, NAN]), "f64_3")
    m = inp(np.arange(6, dtype=I32).reshape(2, 3), "i32_2x3")
    b = inp(np.array([True, False, True, True, False]), "bool_5")
    s7 = inp(np.arange(7, dtype=F32), "f32_7")
    for k in [0, 1, -1]:
        case("flip_%s" % str(k).replace("-", "m"), f, lambda p, k=k: p.flip(a, k))
    case("flip_axes_0_2", f, lambda p: p.flip_axes(a, (0, -1)))
    case("flip_all", f, lambda p: p.flip_all(a))
    case("flip_all_0d", f, lambda p: p.flip_all(p.scalar(T(2.5))))
    case("fliplr", f, lambda p: p.fliplr(x))
    case("flipud_1d", f, lambda p: p.flipud(v))
    case("flip_of_slice_plus", f, lambda p: p.add(p.flip(p.slice(x, slice_tok_arg([slice(None, None, 2)])), 1), Weak(1.0)))
    case("flip_axis_oob", f, lambda p: p.flip(a, 3), error=(np.exceptions.AxisError, "Axis", ["axis", "3", "out", "bounds", "dimension", "3"]))
    case("flip_repeated", f, lambda p: p.flip_axes(a, (0, 0)), error=(ValueError, "Axis", ["repeated", "axis"]))
    case("fliplr_1d", f, lambda p: p.fliplr(v), error=(ValueError, "Shape", ["Input", "must", "2-d."]))
    case("flipud_0d", f, lambda p: p.flipud(p.scalar(T(1.0))), error=(ValueError, "Shape", ["Input", "must", "1-d."]))
    for sh in [0, 1, 3, -1, 10, -13]:
        case("roll_axis1_%s" % str(sh).replace("-", "m"), f, lambda p, sh=sh: p.roll(x, sh, 1))
    case("roll_axis0_3d", f, lambda p: p.roll(a, 1, 0))
    case("roll_negative_axis", f, lambda p: p.roll(a, -2, -1))
    case("roll_flat", f, lambda p: p.roll_flat(a, 5))
    case("roll_flat_neg", f, lambda p: p.roll_flat(m, -8))
    case("roll_flat_0d", f, lambda p: p.roll_flat(p.scalar(T(3.5)), 2))
    case("roll_axes_two", f, lambda p: p.roll_axes(a, (1, -1), (1, 2)))
    case("roll_axes_one_shift", f, lambda p: p.roll_axes(a, (2,), (0, 2)))
    case("roll_axes_repeated", f, lambda p: p.roll_axes(a, (1, 2), (2, 2)))
    case("roll_empty", f, lambda p: p.roll(inp(np.zeros((0, 3)), "f64_0x3"), 2, 0))
    case("roll_bool", f, lambda p: p.roll(b, 2, 0))
    case("roll_then_add", f, lambda p: p.add(p.roll(x, 2, 0), x))
    case("roll_mismatch", f, lambda p: p.roll_axes(a, (1, 2), (0, 1, 2)), error=(ValueError, "Shape", ["shape", "mismatch", "broadcast"]))
    case("roll_axis_oob", f, lambda p: p.roll(m, 1, 2), error=(np.exceptions.AxisError, "Axis", ["axis", "2", "out", "bounds"]))
    for k in [0, 1, 2, 3, -1, 5]:
        case("rot90_k%s" % str(k).replace("-", "m"), f, lambda p, k=k: p.rot90(x, k, (0, 1)))
    case("rot90_3d_axes", f, lambda p: p.rot90(a, 1, (2, 0)))
    case("rot90_3d_neg_axes", f, lambda p: p.rot90(a, 3, (-1, -2)))
    case("rot90_same_axes", f, lambda p: p.rot90(x, 1, (1, 1)), error=(ValueError, "Axis", ["Axes", "must", "different."]))
    case("rot90_1d", f, lambda p: p.rot90(v, 1, (0, 1)), error=(ValueError, "Axis", ["Axes", "must", "different."]))
    case("rot90_oob", f, lambda p: p.rot90(a, 1, (0, 4)), error=(ValueError, "Axis", ["out", "range", "ndim=3."]))
    case("moveaxis_one", f, lambda p: p.moveaxis_axes(a, (0,), (-1,)))
    case("moveaxis_two", f, lambda p: p.moveaxis_axes(a, (0, 1), (2, 0)))
    case("moveaxis_oob", f, lambda p: p.moveaxis_axes(m, (2,), (0,)), error=(np.exceptions.AxisError, "Axis", ["source:", "axis", "2", "out", "bounds"]))
    case("moveaxis_repeated", f, lambda p: p.moveaxis_axes(a, (0, 0), (1, 2)), error=(ValueError, "Axis", ["repeated", "axis", "`source`"]))
    case("moveaxis_lengths", f, lambda p: p.moveaxis_axes(a, (0, 1), (1,)), error=(ValueError, "Shape", ["same", "number", "elements"]))
    for fn in ["atleast_1d", "atleast_2d", "atleast_3d"]:
        case(fn + "_0d", f, lambda p, fn=fn: getattr(p, fn)(p.scalar(T(I32(4)))))
        case(fn + "_1d", f, lambda p, fn=fn: getattr(p, fn)(v))
        case(fn + "_2d", f, lambda p, fn=fn: getattr(p, fn)(m))
        case(fn + "_3d", f, lambda p, fn=fn: getattr(p, fn)(a))
    case("vstack_1d", f, lambda p: p.vstack(v, p.astype(v, F32)))
    case("vstack_2d_1d", f, lambda p: p.vstack(m, p.slice(m, slice_tok_arg([0]))))
    case("hstack_1d", f, lambda p: p.hstack(v, s7))
    case("hstack_2d", f, lambda p: p.hstack(m, m))
    case("hstack_0d", f, lambda p: p.hstack(p.scalar(T(1)), p.scalar(T(2))))
    case("dstack_1d", f, lambda p: p.dstack(v, v))
    case("dstack_2d", f, lambda p: p.dstack(m, p.astype(m, I64)))
    case("column_stack_1d", f, lambda p: p.column_stack(v, v, v))
    case("column_stack_mixed", f, lambda p: p.column_stack(p.slice(m, slice_tok_arg([slice(None), 0])), m))
    case("vstack_mismatch", f, lambda p: p.vstack(v, s7), error=(ValueError, "Shape", ["dimensions", "concatenation", "axis"]))
    case("column_stack_mismatch", f, lambda p: p.column_stack(v, s7), error=(ValueError, "Shape", ["dimensions", "concatenation", "axis"]))
    for i in range(3):
        case("split_3_axis1_%d" % i, f, lambda p, i=i: p.split_part(x, 3, 1, i))
        case("array_split_3_%d" % i, f, lambda p, i=i: p.array_split_part(s7, 3, 0, i))
        case("split_at_%d" % i, f, lambda p, i=i: p.split_at_part(a, (1, -1), -1, i))
    case("array_split_more_than_len", f, lambda p: p.array_split_part(v, 5, 0, 4))
    case("split_at_clipped", f, lambda p: p.split_at_part(s7, (3, 10), 0, 2))
    case("split_at_decreasing", f, lambda p: p.split_at_part(s7, (5, 2), 0, 1))
    case("split_unequal", f, lambda p: p.split_part(s7, 3, 0, 0), error=(ValueError, "Shape", ["array", "split", "does", "not", "result", "equal", "division"]))
    case("array_split_zero", f, lambda p: p.array_split_part(s7, 0, 0, 0), error=(ValueError, "Shape", ["number", "sections", "larger", "0."]))
    for mode in ["edge", "reflect", "symmetric", "wrap"]:
        case("pad_%s_1d" % mode, f, lambda p, mode=mode: getattr(p, "pad_" + mode)(s7, (2, 3)))
        case("pad_%s_wide" % mode, f, lambda p, mode=mode: getattr(p, "pad_" + mode)(v, (7, 8)))
        case("pad_%s_2d" % mode, f, lambda p, mode=mode: getattr(p, "pad_" + mode)(m, (1, 2, 3, 0)))
        case("pad_%s_3d" % mode, f, lambda p, mode=mode: getattr(p, "pad_" + mode)(a, (0, 1, 2, 2, 1, 0)))
    # Widths several times the axis: NumPy's iterated reflections equal the periodic formulas.
    for n in range(1, 6):
        vn = inp(np.arange(n, dtype=I64) * 10 + 1, "i64_pad%d" % n)
        for mode in ["edge", "reflect", "symmetric", "wrap"]:
            case("pad_%s_n%d_wide" % (mode, n), f, lambda p, mode=mode, vn=vn, n=n: getattr(p, "pad_" + mode)(vn, (2 * n + 1, 3 * n + 2)))
    case("pad_reflect_len1", f, lambda p: p.pad_reflect(inp(np.array([2.5]), "f64_one"), (3, 2)))
    case("pad_symmetric_len1", f, lambda p: p.pad_symmetric(inp(np.array([2.5]), "f64_one"), (3, 2)))
    case("pad_constant_1d", f, lambda p: p.pad_constant(s7, (2, 1), (0,)))
    case("pad_constant_pairs", f, lambda p: p.pad_constant(m, (1, 1, 2, 1), (7, 8, -1, -2)))
    case("pad_constant_bool", f, lambda p: p.pad_constant(b, (1, 2), (1, 0)))
    case("pad_constant_empty_axis", f, lambda p: p.pad_constant(inp(np.zeros((0, 3)), "f64_0x3"), (1, 1, 0, 1), (5, 6)))
    case("pad_then_sum", f, lambda p: p.sum_axis(p.pad_wrap(x, (2, 3)), 1), "close")
    case("pad_edge_empty", f, lambda p: p.pad_edge(inp(np.zeros((0, 3)), "f64_0x3"), (1, 1)), error=(ValueError, "Shape", ["can't", "extend", "empty", "axis", "0"]))
    case("pad_width_mismatch", f, lambda p: p.pad_edge(m, (1, 1, 1, 1, 1, 1)), error=(ValueError, "Shape", ["could", "not", "broadcast"]))
    for k in [0, 1, -1, 5, -5]:
        case("tril_k%s" % str(k).replace("-", "m"), f, lambda p, k=k: p.tril(x, k))
        case("triu_k%s" % str(k).replace("-", "m"), f, lambda p, k=k: p.triu(x, k))
    case("tril_3d", f, lambda p: p.tril(a, 1))
    case("triu_3d", f, lambda p: p.triu(a, -1))
    case("tril_1d", f, lambda p: p.tril(v, 0))
    case("triu_bool", f, lambda p: p.triu(p.reshape(inp(np.ones(6, BOOL), "bool_6"), (2, 3)), 0))
    for ij in [False, True]:
        for i in range(3):
            case("meshgrid_%s_%d" % ("ij" if ij else "xy", i), f, lambda p, ij=ij, i=i: p.meshgrid_part(ij, i, v, m, s7))
    case("meshgrid_xy_one", f, lambda p: p.meshgrid_part(False, 0, s7))
    case("indices_2d", f, lambda p: p.indices((2, 3)))
    case("indices_3d", f, lambda p: p.indices((2, 1, 3)))
    case("indices_empty", f, lambda p: p.indices(()))
    case("zeros_like", f, lambda p: p.zeros_like(m))
    case("ones_like_bool", f, lambda p: p.ones_like(b))
    case("full_like_trunc", f, lambda p: p.full_like(m, T(2.7)))
    case("full_like_f32", f, lambda p: p.full_like(s7, T(0.1)))
    for dt in DTS:
        case("zeros_dtype_" + DTYPE_NAMES[dt], f, lambda p, dt=dt: p.zeros_dtype((2, 3), dt))
        case("ones_dtype_" + DTYPE_NAMES[dt], f, lambda p, dt=dt: p.ones_dtype((3,), dt))
        case("full_dtype_" + DTYPE_NAMES[dt], f, lambda p, dt=dt: p.full_dtype((2,), T(-2.5), dt))
    case("identity_3", f, lambda p: p.identity(3))
    case("identity_0", f, lambda p: p.identity(0))
    for n, mm, k in [(3, 3, 0), (3, 5, 2), (4, 2, -1), (2, 3, -9)]:
        case("tri_%d_%d_%s" % (n, mm, str(k).replace("-", "m")), f, lambda p, n=n, mm=mm, k=k: p.tri(n, mm, k))
    for i, (lo, hi, n, ep, base) in enumerate([(0.0, 3.0, 4, True, 10.0), (0.0, 1.0, 5, False, 2.0), (-2.0, 2.0, 9, True, 10.0), (1.0, 1.0, 1, True, 3.0), (0.5, 2.5, 0, True, 10.0)]):
        case("logspace_%d" % i, f, lambda p, lo=lo, hi=hi, n=n, ep=ep, base=base: p.logspace(Weak(lo), Weak(hi), n, ep, Weak(base)), "ulp4")
    for i, (lo, hi, n, ep) in enumerate([(1.0, 1000.0, 4, True), (1.0, 256.0, 9, True), (-1.0, -1000.0, 4, True), (1e-3, 10.0, 7, False), (2.0, 3.0, 1, True), (5.0, 7.0, 0, True), (-1.0, 1.0, 3, True)]):
        case("geomspace_%d" % i, f, lambda p, lo=lo, hi=hi, n=n, ep=ep: p.geomspace(Weak(lo), Weak(hi), n, ep), "ulp4")
    case("geomspace_zero", f, lambda p: p.geomspace(Weak(0.0), Weak(1.0), 3, True), error=(ValueError, "Shape", ["Geometric", "sequence", "cannot", "include", "zero"]))


def main():
    if np.lib.NumpyVersion(np.__version__) < "2.0.0":
        raise SystemExit("NumPy 2.x is needed (NEP 50 promotion), found %s" % np.__version__)
    for d in (IN, OUT):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    for family in [creation, views, elementwise, comparisons, where_clip, astype, intdiv, reductions, argminmax, cumsums, gathers, joins, promotion, errors, corners, narrow_unsigned, functions, shapes, statistics]:
        family()
    counts = {}
    for _, fam, _ in _cases:
        counts[fam] = counts.get(fam, 0) + 1
    errs = sum(1 for _, _, text in _cases if " error:" in text)
    with open(MANIFEST, "w") as out:
        out.write("# NumPy golden corpus for lazyarray: generated by generate.py (NumPy %s); do not edit.\n" % np.__version__)
        out.write("# Format: see generate.py. %d cases (%d errors): %s\n" % (len(_cases), errs, ", ".join("%s %d" % kv for kv in counts.items())))
        for _, _, text in _cases:
            out.write(text + "\n")
    total = sum(os.path.getsize(os.path.join(dp, fn)) for dp, _, fns in os.walk(HERE) for fn in fns if not fn.endswith(".py") and "__pycache__" not in dp)
    print("%d cases (%d errors), %d inputs; %d bytes of data files" % (len(_cases), errs, len(_inputs), total))
    for k, v in counts.items():
        print("  %-12s %d" % (k, v))


if __name__ == "__main__":
    sys.exit(main())
