import ModelCollapse
import Randomness

/// Real data from a known Bernoulli, Poisson or exponential distribution: fresh draws are always
/// possible.
public struct ExponentialFamilySource<Batch: ExponentialFamilyBatch>: RealSource {
    public var distribution: ExponentialFamilyDistribution
    public var parameter: Double

    public init(distribution: ExponentialFamilyDistribution, parameter: Double) {
        self.distribution = distribution
        self.parameter = parameter
    }

    public var canDrawFresh: Bool { true }

    public func initialSample<G: RandomNumberGenerator>(count: Int, using generator: inout G) -> Batch {
        draw(count, using: &generator)
    }

    public func draw<G: RandomNumberGenerator>(_ count: Int, using generator: inout G) -> Batch {
        var batch = Batch()
        batch.draw(distribution, parameter: parameter, count: count, using: &generator)
        return batch
    }
}
