/// Sufficient statistics of a 1-D sample: count n, mean x̄ and centred sum of squares
/// M₂ = Σ(xᵢ − x̄)².
///
/// Two sets combine exactly (Chan, Golub & LeVeque 1979):
/// M₂ = M₂ₐ + M₂ᵦ + δ²·nₐnᵦ/(nₐ + nᵦ), δ = x̄ᵦ − x̄ₐ.
public struct UnivariateStatistics: Sendable, Equatable {
    public var count: Int
    public var mean: Double
    public var sumOfSquares: Double

    @inlinable
    public init(count: Int = 0, mean: Double = 0, sumOfSquares: Double = 0) {
        self.count = count
        self.mean = mean
        self.sumOfSquares = sumOfSquares
    }

    /// The statistics of `points`, centred at `shift` (a value near the mean) for accuracy:
    /// x̄ = shift + S₁/n, M₂ = S₂ − S₁²/n with S_k = Σ(xᵢ − shift)^k.
    ///
    /// The sums run in four interleaved lanes (SIMD4), so the additions do not wait on each other;
    /// the lane order is fixed, so the result is the same on every run.
    @inlinable
    public init(points: UnsafeBufferPointer<Double>, shift: Double) {
        var lanes1 = SIMD4<Double>(repeating: 0), lanes2 = SIMD4<Double>(repeating: 0)
        let centre = SIMD4<Double>(repeating: shift)
        let whole = points.count & ~3
        var i = 0
        while i < whole {
            let d = SIMD4<Double>(points[i], points[i + 1], points[i + 2], points[i + 3]) - centre
            lanes1 += d
            lanes2 += d * d
            i += 4
        }
        var s1 = lanes1.sum(), s2 = lanes2.sum()
        while i < points.count {
            let d = points[i] - shift
            s1 += d
            s2 += d * d
            i += 1
        }
        let n = Double(points.count)
        count = points.count
        mean = points.isEmpty ? 0 : shift + s1 / n
        sumOfSquares = points.isEmpty ? 0 : max(0, s2 - s1 * s1 / n)
    }

    @inlinable
    public mutating func combine(_ other: UnivariateStatistics) {
        if other.count == 0 { return }
        if count == 0 { self = other; return }
        let na = Double(count), nb = Double(other.count)
        let delta = other.mean - mean
        let n = na + nb
        mean += delta * nb / n
        sumOfSquares += other.sumOfSquares + delta * delta * na * nb / n
        count += other.count
    }
}
