#!/usr/bin/env python3
"""The NumPy reference for `collapse-bench eigen`.

Seconds per `numpy.linalg.eigh` (LAPACK `dsyevd` on NumPy's own OpenBLAS; values and vectors) of a
Wigner matrix (entries N(0, 1), symmetrised) of each order, best of as many runs as fit in --budget
seconds (at least one, at most 10). Prints the same columns as the Swift benchmark. Set
OPENBLAS_NUM_THREADS=1 for a per-core comparison.

    python3 Benchmarks/eigen_numpy.py [--sizes 100,200,400,800] [--budget 2]
"""
import argparse
import time

import numpy as np


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,200,400,800")
    parser.add_argument("--budget", type=float, default=2.0)
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    print(f"NumPy {np.__version__}")
    print(f"{'method':<16} {'n':>6} {'runs':>6} {'seconds':>12} {'n³/s (1e9)':>12} {'residual':>10} {'orthog.':>10}")
    for n in (int(s) for s in args.sizes.split(",")):
        g = rng.standard_normal((n, n))
        a = (g + g.T) / 2
        best, total, runs = float("inf"), 0.0, 0
        while runs < 10 and (runs == 0 or total + best <= args.budget):
            start = time.perf_counter()
            values, vectors = np.linalg.eigh(a)
            seconds = time.perf_counter() - start
            best, total, runs = min(best, seconds), total + seconds, runs + 1
        residual = np.max(np.abs((vectors * values) @ vectors.T - a)) / np.max(np.abs(a))
        orthogonality = np.max(np.abs(vectors.T @ vectors - np.eye(n)))
        print(f"{'numpy-eigh':<16} {n:6d} {runs:6d} {best:12.4e} {n ** 3 / best / 1e9:12.3f} {residual:10.1e} {orthogonality:10.1e}")


if __name__ == "__main__":
    main()
