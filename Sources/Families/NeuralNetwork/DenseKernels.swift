/// The dense-layer steps of the multilayer perceptron on row-major matrices behind raw pointers:
/// the products are ``NetworkScalar``'s SIMD kernels, the rest (ReLU, its mask, log-softmax) are
/// elementwise passes.
enum DenseKernels {
    /// out (rows × m) = input (rows × k) · W (k × m) + b, then max(0, ·) when `relu`.
    @inline(__always)
    static func forward<S: NetworkScalar>(
        input: UnsafePointer<S>, rows: Int, inputs k: Int,
        weights: UnsafePointer<S>, bias: UnsafePointer<S>, outputs m: Int,
        output: UnsafeMutablePointer<S>, relu: Bool
    ) {
        S.multiply(input, rows: rows, depth: k, weights, columns: m, bias: bias, into: output, vectorized: vectorizedKernels)
        if relu {
            // Branch-free, so that it vectorises.
            for i in 0..<(rows * m) { output[i] = Swift.max(output[i], 0) }
        }
    }

    /// gW (k × m) += inputᵀ · δ and gb (m) += onesᵀ · δ, with `ones` at least `rows` ones.
    @inline(__always)
    static func accumulateGradient<S: NetworkScalar>(
        input: UnsafePointer<S>, rows: Int, inputs k: Int, delta: UnsafePointer<S>, outputs m: Int,
        weightGradient: UnsafeMutablePointer<S>, biasGradient: UnsafeMutablePointer<S>, ones: UnsafePointer<S>
    ) {
        S.accumulateTransposedProduct(input, rows: rows, depth: k, delta, columns: m, into: weightGradient, vectorized: vectorizedKernels)
        S.accumulateTransposedProduct(ones, rows: rows, depth: 1, delta, columns: m, into: biasGradient, vectorized: vectorizedKernels)
    }

    /// δ_prev (rows × k) = (δ (rows × m) · Wᵀ) ⊙ 1[activation > 0], with `transposed` = Wᵀ (m × k)
    /// and `activation` the previous layer's ReLU output.
    @inline(__always)
    static func backpropagate<S: NetworkScalar>(
        delta: UnsafePointer<S>, rows: Int, outputs m: Int, transposed: UnsafePointer<S>, inputs k: Int,
        activation: UnsafePointer<S>, previousDelta: UnsafeMutablePointer<S>
    ) {
        S.multiply(delta, rows: rows, depth: m, transposed, columns: k, bias: nil, into: previousDelta, vectorized: vectorizedKernels)
        for i in 0..<(rows * k) { previousDelta[i] = activation[i] > 0 ? previousDelta[i] : 0 }
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
