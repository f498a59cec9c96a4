import ModelCollapse
import Randomness

/// A 1-D batch the Gaussian learner can fit (through its statistics) and sample into.
public protocol UnivariateGaussianBatch: DataBatch {
    /// Sufficient statistics of the batch.
    var statistics: UnivariateStatistics { get }
    /// Replaces the batch with `count` draws from N(mean, sd²) (or their statistics).
    mutating func drawGaussian<G: RandomNumberGenerator>(
        mean: Double, standardDeviation: Double, count: Int, using generator: inout G)
}

/// A 1-D sample path batch: the points themselves, and their statistics computed once.
public struct UnivariateSampleBatch: UnivariateGaussianBatch {
    public var points: [Double]
    public var statistics: UnivariateStatistics

    public init() {
        points = []
        statistics = UnivariateStatistics()
    }

    public init(points: [Double]) {
        self.points = points
        let shift = points.first ?? 0
        statistics = points.withUnsafeBufferPointer { UnivariateStatistics(points: $0, shift: shift) }
    }

    public var count: Int { points.count }

    public mutating func append(_ other: UnivariateSampleBatch) {
        points.append(contentsOf: other.points)
        statistics.combine(other.statistics)
    }

    public static var supportsSubsampling: Bool { true }

    public func subsample<G: RandomNumberGenerator>(_ size: Int, using generator: inout G) -> UnivariateSampleBatch {
        let indices = Self.subsampleIndices(count: points.count, size: size, using: &generator)
        return UnivariateSampleBatch(points: indices.map { points[$0] })
    }

    /// Fills the reused point buffer with normal draws, then computes the statistics centred at
    /// the model mean (exact to rounding since the draws are centred there).
    @inlinable
    public mutating func drawGaussian<G: RandomNumberGenerator>(
        mean: Double, standardDeviation: Double, count: Int, using generator: inout G
    ) {
        if points.count != count {
            points.removeAll(keepingCapacity: true)
            points.append(contentsOf: repeatElement(0, count: count))
        }
        Normal(mean: mean, standardDeviation: standardDeviation).fill(&points, using: &generator)
        statistics = points.withUnsafeBufferPointer { UnivariateStatistics(points: $0, shift: mean) }
    }
}

/// A 1-D sufficient-statistics batch: a synthetic batch of n points from N(μ, σ²) is drawn as
/// its statistics directly, x̄ ~ N(μ, σ²/n) and M₂ ~ σ²·χ²_{n−1}, independent (Cochran's theorem).
/// One generation then costs O(1) instead of O(n), exactly in distribution.
public struct UnivariateStatisticsBatch: UnivariateGaussianBatch {
    public var statistics: UnivariateStatistics

    public init() { statistics = UnivariateStatistics() }
    public init(statistics: UnivariateStatistics) { self.statistics = statistics }

    public var count: Int { statistics.count }
    public mutating func append(_ other: UnivariateStatisticsBatch) { statistics.combine(other.statistics) }
    public static var supportsSubsampling: Bool { false }
    public func subsample<G: RandomNumberGenerator>(_ size: Int, using generator: inout G) -> UnivariateStatisticsBatch {
        preconditionFailure("a statistics batch cannot be subsampled: use the sample path")
    }

    @inlinable
    public mutating func drawGaussian<G: RandomNumberGenerator>(
        mean: Double, standardDeviation: Double, count: Int, using generator: inout G
    ) {
        let n = Double(count)
        let sampleMean = mean + standardDeviation / n.squareRoot() * Normal.standard(using: &generator)
        let chiSquare = count > 1 ? ChiSquared(degreesOfFreedom: n - 1).sample(using: &generator) : 0
        statistics = UnivariateStatistics(
            count: count, mean: sampleMean,
            sumOfSquares: standardDeviation * standardDeviation * chiSquare)
    }
}
