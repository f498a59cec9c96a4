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
    @inlinable
    public init(points: UnsafeBufferPointer<Double>, shift: Double) {
        var s1 = 0.0, s2 = 0.0
        for x in points {
            let d = x - shift
            s1 += d
            s2 += d * d
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
