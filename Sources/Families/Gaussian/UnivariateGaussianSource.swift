import ModelCollapse
import Randomness

/// Real data from a known 1-D Gaussian N(mean, variance): fresh draws are always possible.
public struct UnivariateGaussianSource<Batch: UnivariateGaussianBatch>: RealSource {
    public var mean: Double
    public var variance: Double

    public init(mean: Double, variance: Double) {
        self.mean = mean
        self.variance = variance
    }

    public var canDrawFresh: Bool { true }

    @inlinable
    public func initialSample<G: RandomNumberGenerator>(count: Int, using generator: inout G) -> Batch {
        draw(count, using: &generator)
    }

    @inlinable
    public func draw<G: RandomNumberGenerator>(_ count: Int, using generator: inout G) -> Batch {
        var batch = Batch()
        batch.drawGaussian(mean: mean, standardDeviation: variance.squareRoot(), count: count, using: &generator)
        return batch
    }
}
