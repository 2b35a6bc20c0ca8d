#!/usr/bin/env python3
"""Many random small arrays (and some summarized ones) with NumPy's repr, in the format of
generate.py, written to /tmp/cases.txt and not committed:

    python3 tests/golden/repr/random_cases.py SEED SMALL BIG
    REPR_CASES=/tmp/cases.txt cargo test --test display

Values lean on what is hard to print: float32/float64 dyadic values whose shortest forms tie,
random magnitudes, subnormals, extremes, nan/inf/-0.0, random precisions.
"""
import importlib.util
import os
import random
import sys

import numpy as np

spec = importlib.util.spec_from_file_location(
    "gen", os.path.join(os.path.dirname(os.path.abspath(__file__)), "generate.py"))
gen = importlib.util.module_from_spec(spec); spec.loader.exec_module(gen)
rng = random.Random(int(sys.argv[1]))
def fval(f32):
    r = rng.random()
    if r < 0.3:
        bits = 23 if f32 else 52
        return rng.randint(1, 2**rng.randint(1, bits)) * 2.0 ** -rng.randint(0, 30) * rng.choice([1, -1]) * 10.0 ** rng.choice([0, 0, 0, -5, 5, 10])
    if r < 0.05: return rng.choice([float('nan'), float('inf'), -float('inf'), 0.0, -0.0])
    if r < 0.1: return rng.choice([5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 1e-45, 3.4e38, 1.17e-38])
    e = rng.choice([rng.randint(-8, 9), rng.randint(-3, 3), rng.randint(-40, 40)])
    m = rng.random() * 10
    if rng.random() < 0.5: m = round(m, rng.randint(0, 9))
    v = m * 10.0 ** e
    if rng.random() < 0.2: v = float(int(v)) if abs(v) < 1e15 else v
    if rng.random() < 0.3: v = -v
    return v
cases = []
for k in range(int(sys.argv[2])):
    dt = rng.choice(["float64", "float32", "float64", "float32", "int64", "int32", "bool"])
    nd = rng.choice([0, 1, 1, 2, 2, 3])
    shape = tuple(rng.randint(1, 4) for _ in range(nd))
    n = int(np.prod(shape)) if shape else 1
    if dt.startswith("float"):
        scale_group = rng.random() < 0.2
        if scale_group:
            base = 10.0 ** rng.randint(-6, 9)
            data = [rng.random() * base * rng.choice([1, -1]) for _ in range(n)]
        else:
            data = [fval(dt == "float32") for _ in range(n)]
        if dt == "float32":
            with np.errstate(over='ignore'):
                data = [float(np.float32(x)) for x in data]
    elif dt == "int64":
        data = [rng.choice([rng.randint(-2**63, 2**63-1), rng.randint(-1000, 1000), rng.randint(0, 9)]) for _ in range(n)]
    elif dt == "int32":
        data = [rng.choice([rng.randint(-2**31, 2**31-1), rng.randint(-1000, 1000)]) for _ in range(n)]
    else:
        data = [rng.random() < 0.5 for _ in range(n)]
    prec = rng.choice([None, None, None, rng.randint(0, 12)])
    cases.append((f"fuzz{k}", gen.values(dt, shape, data), prec))
# big random ones
for k in range(int(sys.argv[3])):
    shape = rng.choice([(1001,), (1000,), (7, 150), (2, 3, 200), (1, 1001), (10, 10, 10, 2), (3, 334)])
    shape_txt = ",".join(map(str, shape))
    r = f"random {rng.randint(0, 10**6)} {shape_txt} | mul {10.0 ** rng.randint(-6, 12)!r} | sub {rng.random() * 10 ** rng.randint(-3, 8)!r}"
    r += rng.choice(["", " | astype float32", " | astype int64", " | t"])
    cases.append((f"big{k}", r, rng.choice([None, None, rng.randint(1, 10)])))
gen.CASES = cases
gen.HERE = "/tmp"
gen.main()
