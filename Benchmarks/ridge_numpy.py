#!/usr/bin/env python3
"""The NumPy reference for `collapse-bench ridge` (issue 5).

Recursive ridge regression, replace regime, fresh design: R chains × T generations; each
generation draws X (n × d) ~ N(0, I), y = X ŵ + ε (ŵ = w* for the first fit) and solves
(XᵀX + λI) w = Xᵀy with np.linalg.solve (NumPy's own OpenBLAS, all its threads). Prints the same
columns as the Swift benchmark, best of --repeat runs.

    python3 Benchmarks/ridge_numpy.py [--dimension 500] [--samples 5000] [--generations 20]
                                      [--replicates 50] [--ridge 1.0] [--repeat 3]
"""
import argparse
import time

import numpy as np


def run(d: int, n: int, generations: int, replicates: int, ridge: float, seed: int = 7) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    truth = np.full(d, 1 / np.sqrt(d))
    penalty = ridge * np.eye(d)
    x = np.empty((n, d))
    excess = 0.0
    start = time.perf_counter()
    for _ in range(replicates):
        w = truth
        for _ in range(generations):
            rng.standard_normal(out=x)
            y = x @ w + rng.standard_normal(n)
            gram = x.T @ x  # NumPy recognises XᵀX and calls syrk
            w = np.linalg.solve(gram + penalty, x.T @ y)
        excess += float(np.sum((w - truth) ** 2))
    elapsed = time.perf_counter() - start
    return elapsed, excess / replicates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dimension", type=int, default=500)
    parser.add_argument("--samples", type=int, default=5000)
    parser.add_argument("--generations", type=int, default=20)
    parser.add_argument("--replicates", type=int, default=50)
    parser.add_argument("--ridge", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    d, n, t, r = args.dimension, args.samples, args.generations, args.replicates
    fits = t * r
    print(f"ridge fit d={d} n={n} λ={args.ridge}: {t} generations × {r} replicates = {fits} fits, NumPy {np.__version__}")
    print(f"{'backend':<10} {'seconds':>10} {'ms/fit':>10} {'GFlop/s':>10} {'excess(T)':>12}")
    best, excess = min(run(d, n, t, r, args.ridge) for _ in range(max(1, args.repeat)))
    flops = fits * (n * d * d + 4 * n * d + d ** 3 / 3)
    print(f"{'numpy':<10} {best:10.2f} {best * 1000 / fits:10.2f} {flops / best / 1e9:10.2f} {excess:12.5f}")


if __name__ == "__main__":
    main()
