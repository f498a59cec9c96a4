import LinearAlgebra

/// Sufficient statistics of a d-dimensional sample: count n, mean x̄ and scatter matrix
/// S = Σ(xᵢ − x̄)(xᵢ − x̄)ᵀ. Two sets combine exactly:
/// S = Sₐ + Sᵦ + δδᵀ·nₐnᵦ/(nₐ + nᵦ), δ = x̄ᵦ − x̄ₐ (Chan, Golub & LeVeque 1979).
public struct MultivariateStatistics: Sendable, Equatable {
    public var count: Int
    public var mean: [Double]
    public var scatter: Matrix

    public init(dimension: Int) {
        count = 0
        mean = [Double](repeating: 0, count: dimension)
        scatter = Matrix(rows: dimension, columns: dimension, repeating: 0)
    }

    public init(count: Int, mean: [Double], scatter: Matrix) {
        self.count = count
        self.mean = mean
        self.scatter = scatter
    }

    /// The statistics of n points stored row by row in `points` (n·d values), by two passes.
    public init(points: [Double], dimension d: Int) {
        let n = points.count / d
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { mean[j] += points[i * d + j] } }
        if n > 0 { for j in 0..<d { mean[j] /= Double(n) } }
        var centred = points
        for i in 0..<n { for j in 0..<d { centred[i * d + j] -= mean[j] } }
        self.init(count: n, mean: mean, scatter: Matrix(rows: n, columns: d, elements: centred).gram())
    }

    public var dimension: Int { mean.count }

    public mutating func combine(_ other: MultivariateStatistics) {
        if other.count == 0 { return }
        if count == 0 { self = other; return }
        let na = Double(count), nb = Double(other.count), n = na + nb
        let delta = zip(other.mean, mean).map { $0 - $1 }
        let d = dimension
        var combined = scatter + other.scatter
        let factor = na * nb / n
        for i in 0..<d { for j in 0..<d { combined[i, j] += delta[i] * delta[j] * factor } }
        for j in 0..<d { mean[j] += delta[j] * nb / n }
        scatter = combined
        count += other.count
    }
}
