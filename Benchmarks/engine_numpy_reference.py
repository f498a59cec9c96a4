#!/usr/bin/env python3
"""The NumPy reference for the engine benchmark of issue 3.

Gaussian, 1-D, MLE, replace: R chains, n samples per generation, T generations. The best
vectorised NumPy loop: one (R, n) normal draw per generation, then the row means and the MLE
standard deviations. Prints ns per sample (R·n·T samples), best of 3, in the same table format as
`collapse-bench engine`.

    python3 Benchmarks/engine_numpy_reference.py [--replicates R] [--samples n] [--generations T]
"""
import argparse
import time

import numpy as np


def run(replicates: int, samples: int, generations: int, seed: int = 7) -> float:
    rng = np.random.default_rng(seed)
    mu = np.zeros(replicates)
    sigma = np.ones(replicates)
    buffer = np.empty((replicates, samples))
    start = time.perf_counter()
    for _ in range(generations):
        rng.standard_normal(out=buffer)
        buffer *= sigma[:, None]
        buffer += mu[:, None]
        mu = buffer.mean(axis=1)
        sigma = buffer.std(axis=1)  # ddof=0: the MLE
    elapsed = time.perf_counter() - start
    assert np.all(np.isfinite(sigma))
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replicates", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--generations", type=int, default=100)
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()
    total = args.replicates * args.samples * args.generations
    best = min(run(args.replicates, args.samples, args.generations) for _ in range(args.repetitions))
    print(f"{'benchmark':<44}{'samples':>14}{'seconds':>10}{'ns/sample':>11}")
    label = f"numpy gaussian mle replace R={args.replicates} n={args.samples} T={args.generations}"
    print(f"{label:<44}{total:>14}{best:>10.3f}{best / total * 1e9:>11.2f}")


if __name__ == "__main__":
    main()
