#!/usr/bin/env python3
"""NumPy reference for `collapse-bench samplers`: the same table format, same parameters.

Usage: python3 Benchmarks/numpy_reference.py

Generator: numpy.random.default_rng(7) (PCG64). Each row is the best of 5 repetitions of one call
producing 10**6 draws; where NumPy accepts `out=` (standard_normal, standard_exponential,
standard_gamma, random) the draws go into a reused buffer, otherwise (binomial, poisson, beta,
chisquare, choice) NumPy allocates the result array, which is included in the time.
Vector samplers (multinomial, dirichlet) are timed per vector over 10**4 calls.
"""
import time

import numpy as np

DRAWS = 10**6
REPETITIONS = 5


def header():
    print(f"{'sampler':<14} {'parameters':<34} {'draws':>12} {'ns/draw':>10} {'draws/s':>12}")


def row(sampler, parameters, draws, seconds):
    print(f"{sampler:<14} {parameters:<34} {draws:>12d} {seconds * 1e9 / draws:>10.2f} {draws / seconds:>12.3e}")


def best(body):
    times = []
    for _ in range(REPETITIONS):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    rng = np.random.default_rng(7)
    buffer = np.empty(DRAWS)
    header()
    row("uniform", "[0, 1), 53 bits", DRAWS, best(lambda: rng.random(out=buffer)))
    row("normal", "mean=0 sd=1", DRAWS, best(lambda: rng.standard_normal(DRAWS, out=buffer)))
    row("normal", "mean=3 sd=2", DRAWS, best(lambda: rng.normal(3, 2, DRAWS)))
    row("exponential", "rate=1", DRAWS, best(lambda: rng.standard_exponential(DRAWS, out=buffer)))
    for shape in [0.01, 0.5, 1.0, 7.3]:
        row("gamma", f"shape={shape} scale=1", DRAWS, best(lambda: rng.standard_gamma(shape, DRAWS, out=buffer)))
    row("chi-squared", "df=10", DRAWS, best(lambda: rng.chisquare(10, DRAWS)))
    row("beta", "alpha=2 beta=3", DRAWS, best(lambda: rng.beta(2, 3, DRAWS)))
    row("beta", "alpha=0.5 beta=0.5", DRAWS, best(lambda: rng.beta(0.5, 0.5, DRAWS)))
    for n, p in [(10, 0.3), (1000, 0.4), (1_000_000_000, 0.3), (1_000_000_000, 5e-9)]:
        row("binomial", f"n={n} p={p}", DRAWS, best(lambda: rng.binomial(n, p, DRAWS)))
    for mean in [0.5, 9.9, 10.0, 1000.0, 10000000.0]:
        row("poisson", f"mean={mean}", DRAWS, best(lambda: rng.poisson(mean, DRAWS)))
    weights = np.array([(i * 7919) % 1009 for i in range(1000)], dtype=float)
    weights /= weights.sum()
    row("choice(p=)", "K=1000", DRAWS, best(lambda: rng.choice(1000, DRAWS, p=weights)))

    vectors = 10**4
    probabilities = np.arange(1, 101, dtype=float)
    probabilities /= probabilities.sum()

    def multinomial():
        for _ in range(vectors):
            rng.multinomial(1_000_000, probabilities)

    row("multinomial", "n=1e6 K=100 (per vector)", vectors, best(multinomial))
    concentrations = np.arange(1, 101, dtype=float) / 10

    def dirichlet():
        for _ in range(vectors):
            rng.dirichlet(concentrations)

    row("dirichlet", "K=100 alpha=0.1..10 (per vector)", vectors, best(dirichlet))


if __name__ == "__main__":
    main()
