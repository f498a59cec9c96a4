import ModelCollapse
import Randomness

/// Real data from a known Gaussian mixture (the truth of the `gmm` and `kde` families): fresh
/// draws are always possible.
public struct GaussianMixtureSource: RealSource {
    public typealias Batch = PointBatch

    public let truth: GaussianMixture

    public init(truth: GaussianMixture) { self.truth = truth }

    public var canDrawFresh: Bool { true }

    @inlinable
    public func initialSample<G: RandomNumberGenerator>(count: Int, using generator: inout G) -> PointBatch {
        draw(count, using: &generator)
    }

    @inlinable
    public func draw<G: RandomNumberGenerator>(_ count: Int, using generator: inout G) -> PointBatch {
        var batch = PointBatch()
        truth.sample(count: count, into: &batch, using: &generator)
        return batch
    }
}
