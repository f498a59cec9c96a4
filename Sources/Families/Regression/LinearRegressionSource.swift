import ModelCollapse
import Randomness

/// Real data y = x·w* + ε, x ~ N(0, Σ), from the truth: fresh draws are always possible. The first
/// sample keeps its inputs as the fixed design.
public struct LinearRegressionSource<Batch: LinearLabelBatch>: RealSource {
    public var truth: RegressionTruth

    public init(truth: RegressionTruth) { self.truth = truth }

    public var canDrawFresh: Bool { true }

    public func initialSample<G: RandomNumberGenerator>(count: Int, using generator: inout G) -> Batch {
        var batch = Batch()
        batch.drawLinear(
            weights: truth.weights, noise: truth.noise, design: .fresh(truth), count: count, retainDesign: true,
            using: &generator)
        return batch
    }

    public func draw<G: RandomNumberGenerator>(_ count: Int, using generator: inout G) -> Batch {
        var batch = Batch()
        batch.drawLinear(
            weights: truth.weights, noise: truth.noise, design: .fresh(truth), count: count, retainDesign: false,
            using: &generator)
        return batch
    }
}
