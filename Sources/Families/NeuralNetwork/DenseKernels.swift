/// The dense-layer kernels of the multilayer perceptron, on row-major matrices behind raw pointers.
///
/// Every inner loop is an axpy `y += a·x` over a contiguous row, which the compiler vectorises for
/// `Float` and `Double` once the generic code is specialised; zero inputs (ReLU's inactive units,
/// blank pixels) skip their row of weights.
enum DenseKernels {
    /// y[0..<n] += a·x[0..<n].
    @inline(__always)
    static func axpy<S: NetworkScalar>(_ y: UnsafeMutablePointer<S>, _ a: S, _ x: UnsafePointer<S>, _ n: Int) {
        S.axpy(y, a, x, n)
    }

    /// out (rows × m) = input (rows × k) · W (k × m) + b, then max(0, ·) when `relu`.
    static func forward<S: NetworkScalar>(
        input: UnsafePointer<S>, rows: Int, inputs k: Int,
        weights: UnsafePointer<S>, bias: UnsafePointer<S>, outputs m: Int,
        output: UnsafeMutablePointer<S>, relu: Bool
    ) {
        for r in 0..<rows {
            let out = output + r * m
            out.update(from: bias, count: m)
            let row = input + r * k
            for i in 0..<k {
                let a = row[i]
                if a != 0 { axpy(out, a, weights + i * m, m) }
            }
            if relu {
                for j in 0..<m where out[j] < 0 { out[j] = 0 }
            }
        }
    }

    /// gW (k × m) += inputᵀ · δ, gb (m) += Σ_rows δ.
    static func accumulateGradient<S: NetworkScalar>(
        input: UnsafePointer<S>, rows: Int, inputs k: Int, delta: UnsafePointer<S>, outputs m: Int,
        weightGradient: UnsafeMutablePointer<S>, biasGradient: UnsafeMutablePointer<S>
    ) {
        for r in 0..<rows {
            let d = delta + r * m
            axpy(biasGradient, 1, d, m)
            let row = input + r * k
            for i in 0..<k {
                let a = row[i]
                if a != 0 { axpy(weightGradient + i * m, a, d, m) }
            }
        }
    }

    /// δ_prev (rows × k) = (δ (rows × m) · Wᵀ) ⊙ 1[activation > 0], with `transposed` = Wᵀ (m × k)
    /// and `activation` the previous layer's ReLU output.
    static func backpropagate<S: NetworkScalar>(
        delta: UnsafePointer<S>, rows: Int, outputs m: Int, transposed: UnsafePointer<S>, inputs k: Int,
        activation: UnsafePointer<S>, previousDelta: UnsafeMutablePointer<S>
    ) {
        for r in 0..<rows {
            let out = previousDelta + r * k
            out.update(repeating: 0, count: k)
            let d = delta + r * m
            for j in 0..<m {
                let g = d[j]
                if g != 0 { axpy(out, g, transposed + j * k, k) }
            }
            let a = activation + r * k
            for i in 0..<k where a[i] <= 0 { out[i] = 0 }
        }
    }

    /// Wᵀ (m × k) of W (k × m).
    static func transpose<S: NetworkScalar>(_ w: UnsafePointer<S>, rows k: Int, columns m: Int, into t: UnsafeMutablePointer<S>) {
        for i in 0..<k {
            for j in 0..<m { t[j * k + i] = w[i * m + j] }
        }
    }

    /// Row-wise log-softmax of logits (rows × m) in place: zᵢ − max z − ln Σ exp(z − max z), finite
    /// for every finite input.
    static func logSoftmax<S: NetworkScalar>(_ z: UnsafeMutablePointer<S>, rows: Int, classes m: Int) {
        for r in 0..<rows {
            let row = z + r * m
            var largest = row[0]
            for j in 1..<m where row[j] > largest { largest = row[j] }
            var sum: S = 0
            for j in 0..<m { sum += S.exponential(row[j] - largest) }
            let shift = largest + S.logarithm(sum)
            for j in 0..<m { row[j] -= shift }
        }
    }
}
