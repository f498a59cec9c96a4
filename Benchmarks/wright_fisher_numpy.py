#!/usr/bin/env python3
"""The NumPy reference for the Wright-Fisher benchmark of issue 4.

Neutral Wright-Fisher resampling, as `collapse-bench wright-fisher` runs it through the engine:
K categories with a uniform truth, n draws per generation, T fits (the first on n draws from the
truth, then T - 1 multinomial resamplings of the fitted proportions), R replicates, and the same
two metrics every generation (collision sum p^2 and support). The best vectorised NumPy loop: one
`rng.multinomial(n, pvals)` per generation with pvals of shape (R, K), i.e. vectorised over the
replicates. Prints the best wall seconds of --repetitions runs (default 3) and ns per
replicate-generation in the same format as the Swift suite, and the mean collision at T against
1 - (1 - 1/n)^T (1 - 1/K).

    python3 Benchmarks/wright_fisher_numpy.py [--categories K] [--samples n] [--generations T] [--replicates R] [--repetitions N]
"""
import argparse
import time

import numpy as np


def run(categories: int, samples: int, generations: int, replicates: int, seed: int = 7):
    rng = np.random.default_rng(seed)
    truth = np.full(categories, 1.0 / categories)
    start = time.perf_counter()
    counts = rng.multinomial(samples, truth, size=replicates)  # fit 1: n real draws
    p = counts / samples
    collision = np.einsum("ij,ij->i", p, p)
    support = np.count_nonzero(counts, axis=1)
    for _ in range(generations - 1):
        counts = rng.multinomial(samples, p)  # one row of K counts per replicate
        p = counts / samples
        collision = np.einsum("ij,ij->i", p, p)
        support = np.count_nonzero(counts, axis=1)
    elapsed = time.perf_counter() - start
    return elapsed, collision, support


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--categories", type=int, default=1000)
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--generations", type=int, default=1000)
    parser.add_argument("--replicates", type=int, default=1000)
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()
    runs = [run(args.categories, args.samples, args.generations, args.replicates) for _ in range(max(1, args.repetitions))]
    seconds = min(r[0] for r in runs)
    _, collision, support = runs[0]
    expected = 1 - (1 - 1 / args.samples) ** args.generations * (1 - 1 / args.categories)
    se = collision.std(ddof=1) / np.sqrt(len(collision))
    print("benchmark                                            seconds  ns/gen   mean collision (theory)   mean support")
    label = f"numpy wright-fisher K={args.categories} n={args.samples} T={args.generations} R={args.replicates}"
    per_generation = seconds * 1e9 / (args.replicates * args.generations)
    print(f"{label:<52} {seconds:8.3f} {per_generation:7.1f}   {collision.mean():.6f} ({expected:.6f} ± {se:.6f})   {support.mean():.2f}")
    print(f"best of {len(runs)}")


if __name__ == "__main__":
    main()
