#!/usr/bin/env python3
"""The NumPy reference for `collapse-bench mlp` (issue 6).

One generation of the neural-network families: an MLP 64 → hidden → 10 (ReLU, softmax
cross-entropy) trained on all 1,797 bundled digits (min-max scaled per pixel) by mini-batch Adam
(β₁ = 0.9, β₂ = 0.999, ε = 1e-8) with decoupled weight decay 1e-4 on the weights, He-normal
initial weights, a fresh shuffle every epoch, a fixed number of epochs and no validation split —
the same work as the Swift benchmark with the same options. Matrix products go through NumPy's
BLAS; set OPENBLAS_NUM_THREADS=1 to compare with the one-core Swift figure. Prints the best wall
time of --repeat runs, per generation, per epoch and per example, and the training accuracy.

    python3 Benchmarks/mlp_numpy.py [--epochs 30] [--hidden 64] [--batch-size 32]
                                    [--learning-rate 0.01] [--precision float32|float64|all] [--repeat 5]
"""
import argparse
import os
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = os.path.join(HERE, "..", "Sources", "Families", "Resources", "digits.csv")


def load(dtype):
    table = np.loadtxt(DIGITS, delimiter=",")
    x, y = table[:, :64], table[:, 64].astype(np.int64)
    low, high = x.min(axis=0), x.max(axis=0)
    span = np.where(high > low, high - low, 1.0)
    x = np.where(high > low, (x - low) / span, 0.0)
    return x.astype(dtype), y


def train(x, y, hidden, epochs, batch, lr, decay, rng, dtype):
    n, d = x.shape
    k = 10
    w1 = (rng.standard_normal((d, hidden)) * np.sqrt(2.0 / d)).astype(dtype)
    b1 = np.zeros(hidden, dtype)
    w2 = (rng.standard_normal((hidden, k)) * np.sqrt(2.0 / hidden)).astype(dtype)
    b2 = np.zeros(k, dtype)
    params = [w1, b1, w2, b2]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    decayed = [True, False, True, False]
    b1m, b2m, eps = 0.9, 0.999, 1e-8
    step = 0
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch):
            idx = order[start:start + batch]
            xb, yb = x[idx], y[idx]
            rows = len(idx)
            h_pre = xb @ w1 + b1
            h = np.maximum(h_pre, 0)
            z = h @ w2 + b2
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(rows), yb] -= 1
            dz = p / rows
            grads = [None, None, h.T @ dz, dz.sum(axis=0)]
            dh = (dz @ w2.T) * (h_pre > 0)
            grads[0] = xb.T @ dh
            grads[1] = dh.sum(axis=0)
            step += 1
            c1 = 1 / (1 - b1m ** step)
            c2 = 1 / (1 - b2m ** step)
            for i, g in enumerate(grads):
                m[i] *= b1m
                m[i] += (1 - b1m) * g
                v[i] *= b2m
                v[i] += (1 - b2m) * g * g
                if decayed[i]:
                    params[i] *= 1 - lr * decay
                params[i] -= lr * (m[i] * c1) / (np.sqrt(v[i] * c2) + eps)
    h = np.maximum(x @ w1 + b1, 0)
    return float(np.mean((h @ w2 + b2).argmax(axis=1) == y))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--learning-rate", type=float, default=0.01)
    parser.add_argument("--precision", default="all", choices=["float32", "float64", "all"])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    precisions = ["float32", "float64"] if args.precision == "all" else [args.precision]
    print(f"mlp digits n=1797 64→{args.hidden}→10, adam lr={args.learning_rate} wd=1e-4, batch {args.batch_size}, "
          f"{args.epochs} epochs, best of {args.repeat}, NumPy {np.__version__}, "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}")
    print(f"{'precision':<12} {'s/generation':>14} {'ms/epoch':>10} {'µs/example':>11} {'train acc':>10}")
    for name in precisions:
        dtype = np.float32 if name == "float32" else np.float64
        x, y = load(dtype)
        best, accuracy = float("inf"), 0.0
        for seed in range(1, args.repeat + 1):
            rng = np.random.default_rng(seed)
            start = time.perf_counter()
            accuracy = train(x, y, args.hidden, args.epochs, args.batch_size, args.learning_rate, 1e-4, rng, dtype)
            best = min(best, time.perf_counter() - start)
        n = len(y)
        print(f"{name:<12} {best:14.4f} {best * 1000 / args.epochs:10.3f} {best * 1e6 / (args.epochs * n):11.3f} {accuracy:10.4f}")


if __name__ == "__main__":
    main()
