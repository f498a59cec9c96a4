import ModelCollapse
import Randomness

/// Real data from a known d-dimensional Gaussian: fresh draws are always possible.
public struct MultivariateGaussianSource<Batch: MultivariateGaussianBatch>: RealSource {
    public var truth: MultivariateGaussianModel

    public init(truth: MultivariateGaussianModel) { self.truth = truth }

    public var canDrawFresh: Bool { true }

    public func initialSample<G: RandomNumberGenerator>(count: Int, using generator: inout G) -> Batch {
        draw(count, using: &generator)
    }

    public func draw<G: RandomNumberGenerator>(_ count: Int, using generator: inout G) -> Batch {
        var batch = Batch()
        batch.drawGaussian(from: truth, count: count, using: &generator)
        return batch
    }
}
