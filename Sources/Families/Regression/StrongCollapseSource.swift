import ModelCollapse
import Randomness

/// The first training set of a strong-collapse run is already mixed (see ``MixedLabels``); later
/// draws of real data (regimes with real parts, which the family does not allow) are purely real.
public struct StrongCollapseSource<Batch: LinearLabelBatch>: RealSource {
    public var mixture: MixedLabels

    public init(mixture: MixedLabels) { self.mixture = mixture }

    public var canDrawFresh: Bool { true }

    public func initialSample<G: RandomNumberGenerator>(count: Int, using generator: inout G) -> Batch {
        var batch = Batch()
        mixture.draw(count: count, into: &batch, using: &generator)
        return batch
    }

    public func draw<G: RandomNumberGenerator>(_ count: Int, using generator: inout G) -> Batch {
        LinearRegressionSource<Batch>(truth: mixture.truth).draw(count, using: &generator)
    }
}
