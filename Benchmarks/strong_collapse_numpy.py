#!/usr/bin/env python3
"""Monte Carlo of strong model collapse at finite size, independent of the Swift code (issue 5).

OLS on n points x ~ N(0, I_d), a fraction p labelled y = x·w₂ + ε, the rest y = x·w₁ + ε, ε ~ N(0, σ²),
‖w₂ − w₁‖² = c². Prints the mean excess risk E‖ŵ − w₁‖² with its standard error next to the asymptotic
formula of RESEARCH.md §4, σ²φ/(1−φ) + p²c² + p(1−p)c²φ/(1−φ), φ = d/n, to measure how far the
formula is from the finite-size truth (the tolerance of the Swift test).

    python3 Benchmarks/strong_collapse_numpy.py [--dimension 100] [--samples 1000] [--fraction 0.2]
                                                [--replicates 50000]
"""
import argparse

import numpy as np


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dimension", type=int, default=100)
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--fraction", type=float, default=0.2)
    parser.add_argument("--replicates", type=int, default=50000)
    args = parser.parse_args()
    d, n, p, r = args.dimension, args.samples, args.fraction, args.replicates
    rng = np.random.default_rng(2025)
    w1 = np.full(d, 1 / np.sqrt(d))
    w2 = w1 + np.where(np.arange(d) % 2 == 0, 1.0, -1.0) / np.sqrt(d)  # c² = 1
    n2 = int(round(p * n))
    errors = np.empty(r)
    for i in range(r):
        x = rng.standard_normal((n, d))
        y = x @ w1 + rng.standard_normal(n)
        y[n - n2:] += x[n - n2:] @ (w2 - w1)
        w = np.linalg.solve(x.T @ x, x.T @ y)
        errors[i] = np.sum((w - w1) ** 2)
    phi = d / n
    formula = phi / (1 - phi) + p * p + p * (1 - p) * phi / (1 - phi)
    mean, se = errors.mean(), errors.std(ddof=1) / np.sqrt(r)
    print(f"d={d} n={n} p={p} replicates={r}: mean {mean:.6f} ± {se:.6f} (sd {errors.std(ddof=1):.5f}), "
          f"formula {formula:.6f}, relative gap {(mean - formula) / formula:+.4%}")


if __name__ == "__main__":
    main()
