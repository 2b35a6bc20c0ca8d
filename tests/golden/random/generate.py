#!/usr/bin/env python3
"""NumPy's `np.random.default_rng(seed)` outputs, for `tests/random_generator.rs`.

Regenerate (needs Python 3 and NumPy 2.x; the Rust test needs neither):

    python3 tests/golden/random/generate.py

This rewrites `tests/golden/random/*.npy` (deterministically). Each `<seed>_<case>.npy` holds
what a fresh `default_rng(seed)` returns for `<case>` (see CASES; the Rust test runs the same
list by name). `seq_<k>_<case>.npy` are the pieces of one generator's sequence of calls of
different methods (SEQUENCE), which checks that each method leaves the state — including a
pending 32-bit half — where NumPy's does. Sizes are kept small: the files are committed.
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = [0, 42, 12345, 0xDEADBEEFCAFEF00D]
I64 = np.iinfo(np.int64)
I32 = np.iinfo(np.int32)

# name -> (draw for the first seed, draw for the others): the first seed's draws are longer so
# the ziggurat's rare paths (the wedges, the tail) are met often enough.
def sized(f, n):
    return (lambda rng: f(rng, n), lambda rng: f(rng, n // 2))

ROWS = np.arange(150, dtype=np.float64).reshape(50, 3) * 0.5
MATRIX = np.arange(120, dtype=np.int64).reshape(30, 4)
PAIRS = np.arange(50, dtype=np.float32).reshape(25, 2)

CASES = {
    "random_f64": sized(lambda r, n: r.random(n), 1000),
    "random_f32": sized(lambda r, n: r.random(n, dtype=np.float32), 1001),
    "random_2d": sized(lambda r, n: r.random((n // 100, 7)), 400),
    "integers_small": sized(lambda r, n: r.integers(0, 100, n), 500),
    "integers_negative": sized(lambda r, n: r.integers(-7, 3, n), 300),
    "integers_wide": sized(lambda r, n: r.integers(-(2**62), 2**62, n), 300),
    "integers_2pow32": sized(lambda r, n: r.integers(0, 2**32, n), 100),
    "integers_full_endpoint": sized(
        lambda r, n: r.integers(I64.min, I64.max, n, endpoint=True), 200
    ),
    "integers_i32": sized(lambda r, n: r.integers(-1000, 1000, n, dtype=np.int32), 1000),
    "integers_i32_full_endpoint": sized(
        lambda r, n: r.integers(I32.min, I32.max, n, dtype=np.int32, endpoint=True), 200
    ),
    "integers_bool": sized(lambda r, n: r.integers(0, 2, n, dtype=bool), 1000),
    "integers_i8": sized(lambda r, n: r.integers(-100, 100, n, dtype=np.int8), 500),
    "integers_u8_full": sized(lambda r, n: r.integers(0, 256, n, dtype=np.uint8), 500),
    "integers_i16": sized(lambda r, n: r.integers(-3000, 20000, n, dtype=np.int16), 500),
    "integers_u16": sized(lambda r, n: r.integers(7, 60000, n, dtype=np.uint16), 500),
    "integers_u32": sized(lambda r, n: r.integers(0, 2**32, n, dtype=np.uint32), 300),
    "integers_u64_high": sized(lambda r, n: r.integers(2**63, 2**64 - 5, n, dtype=np.uint64), 300),
    "uniform": sized(lambda r, n: r.uniform(-3.0, 5.0, n), 500),
    "standard_normal": sized(lambda r, n: r.standard_normal(n), 3000),
    "standard_normal_f32": sized(lambda r, n: r.standard_normal(n, dtype=np.float32), 3000),
    "normal": sized(lambda r, n: r.normal(1.5, 2.5, n), 300),
    "exponential": sized(lambda r, n: r.exponential(2.0, n), 1000),
    "standard_exponential_f32": sized(
        lambda r, n: r.standard_exponential(n, dtype=np.float32), 1000
    ),
    "choice_replace": sized(lambda r, n: r.choice(1000, n), 300),
    "choice_floyd": sized(lambda r, n: r.choice(1000, n, replace=False), 200),
    "choice_tail_shuffle": sized(lambda r, n: r.choice(20000, n, replace=False), 500),
    "choice_all": sized(lambda r, n: r.choice(n, n, replace=False), 64),
    "choice_rows": sized(lambda r, n: r.choice(ROWS, (n // 4, 5)), 16),
    "permutation": sized(lambda r, n: r.permutation(n), 300),
    "permutation_rows": sized(lambda r, n: r.permutation(MATRIX), 0),
    "shuffle_rows": sized(lambda r, n: shuffled(r, PAIRS), 0),
}


def shuffled(rng, a):
    a = a.copy()
    rng.shuffle(a)
    return a


# One generator (seed 7) through calls of different methods; odd float32 counts leave a
# pending 32-bit half for the next 32-bit consumer.
SEQUENCE = [
    ("random_f32", lambda r: r.random(3, dtype=np.float32)),
    ("standard_normal", lambda r: r.standard_normal(5)),
    ("integers_i32", lambda r: r.integers(0, 10, 3, dtype=np.int32)),
    ("random_f32", lambda r: r.random(1, dtype=np.float32)),
    ("integers_wide", lambda r: r.integers(0, 2**40, 2)),
    ("standard_normal_f32", lambda r: r.standard_normal(3, dtype=np.float32)),
    ("choice_floyd", lambda r: r.choice(50, 7, replace=False)),
    ("permutation", lambda r: r.permutation(9)),
    ("integers_bool", lambda r: r.integers(0, 2, 5, dtype=bool)),
    ("random_f64", lambda r: r.random(2)),
    ("standard_exponential_f32", lambda r: r.standard_exponential(3, dtype=np.float32)),
    ("exponential", lambda r: r.exponential(1.0, 4)),
    ("uniform", lambda r: r.uniform(0.0, 1.0, 1)),
    ("choice_replace", lambda r: r.choice(10, 3)),
    ("random_f32", lambda r: r.random(1, dtype=np.float32)),
]


def main():
    for name in os.listdir(HERE):
        if name.endswith(".npy"):
            os.remove(os.path.join(HERE, name))
    total = 0
    for i, seed in enumerate(SEEDS):
        for case, draws in CASES.items():
            out = draws[0 if i == 0 else 1](np.random.default_rng(seed))
            path = os.path.join(HERE, f"{seed}_{case}.npy")
            np.save(path, np.ascontiguousarray(out))
            total += os.path.getsize(path)
    rng = np.random.default_rng(7)
    for k, (case, draw) in enumerate(SEQUENCE):
        path = os.path.join(HERE, f"seq_{k:02}_{case}.npy")
        np.save(path, draw(rng))
        total += os.path.getsize(path)
    print(f"{total / 1024:.0f} KiB in tests/golden/random (numpy {np.__version__})")


if __name__ == "__main__":
    main()
