import ModelCollapse
import Randomness

/// The metrics of a fitted KDE against a 1-D truth (a Gaussian or a Gaussian mixture). See
/// ``KernelDensityMetric``.
///
/// Exact metrics (`variance`, `mean-error`, `tail-mass`, `bandwidth`) are closed forms of the model.
/// `w1` and `nll` are Monte Carlo estimates drawn from the replicate's evaluation stream (separate
/// from the training chain's, see ``ReplicateChain/evaluationGenerator(replicate:)``): `w1` from
/// `w1Samples` fresh model draws per generation, `nll` on `holdoutSize` truth draws made once per
/// replicate and reused for every generation (so a replicate's trajectory is free of held-out
/// noise from one generation to the next).
public struct KernelDensityEvaluation: Evaluation {
    public typealias Model = KernelDensityModel

    /// The replicate's held-out real sample and a reused buffer for model draws.
    public struct ReplicateState {
        public var heldOut: [Double]
        public var draws: [Double]
    }

    public let truth: UnivariateGaussianMixture
    public let metrics: [KernelDensityMetric]
    public let holdoutSize: Int
    /// The truth's central 99.7% interval [Q*(0.0015), Q*(0.9985)].
    public let tailInterval: (lower: Double, upper: Double)
    @usableFromInline let wasserstein: MixtureWasserstein?
    let truthEntropy: Double

    /// - Parameters:
    ///   - w1Samples: m, the model draws per `w1` estimate (≥ 1).
    ///   - holdoutSize: the held-out real points per replicate for `nll` (≥ 1).
    public init(truth: UnivariateGaussianMixture, metrics: [KernelDensityMetric], w1Samples: Int, holdoutSize: Int) {
        self.truth = truth
        self.metrics = metrics
        self.holdoutSize = holdoutSize
        tailInterval = (truth.quantile(0.0015), truth.quantile(0.9985))
        wasserstein = metrics.contains(.w1) ? MixtureWasserstein(reference: truth, sampleSize: w1Samples) : nil
        truthEntropy = metrics.contains(.nll) ? truth.entropy() : 0
    }

    public var metricNames: [String] { metrics.map(\.rawValue) }

    public func evaluateTruth(into values: inout [Double]) {
        for (index, metric) in metrics.enumerated() {
            switch metric {
            case .variance: values[index] = truth.variance
            case .meanError, .w1, .bandwidth: values[index] = 0
            case .tailMass: values[index] = truth.tailMass(lower: tailInterval.lower, upper: tailInterval.upper)
            case .nll: values[index] = truthEntropy
            }
        }
    }

    public func makeReplicateState<G: RandomNumberGenerator>(using generator: inout G) -> ReplicateState {
        var heldOut = [Double](repeating: 0, count: metrics.contains(.nll) ? holdoutSize : 0)
        heldOut.withUnsafeMutableBufferPointer { truth.sample(into: $0, using: &generator) }
        return ReplicateState(heldOut: heldOut, draws: [Double](repeating: 0, count: wasserstein?.sampleSize ?? 0))
    }

    /// Without a replicate stream: the Monte Carlo metrics use a fixed stream (seed 0).
    public func evaluate(_ model: KernelDensityModel, previous: [Double], into values: inout [Double]) {
        var generator = Xoshiro256StarStar(seed: 0)
        var state = makeReplicateState(using: &generator)
        evaluate(model, previous: previous, state: &state, using: &generator, into: &values)
    }

    @inlinable
    public func evaluate<G: RandomNumberGenerator>(
        _ model: KernelDensityModel, previous: [Double], state: inout ReplicateState, using generator: inout G,
        into values: inout [Double]
    ) {
        for (index, metric) in metrics.enumerated() {
            switch metric {
            case .variance:
                values[index] = model.variance
            case .meanError:
                let delta = model.mean - truth.mean
                values[index] = delta * delta
            case .w1:
                guard let wasserstein else { continue }
                state.draws.withUnsafeMutableBufferPointer { model.sample(into: $0, using: &generator) }
                state.draws.sort()
                values[index] = state.draws.withUnsafeBufferPointer { wasserstein.distance(sorted: $0) }
            case .tailMass:
                values[index] = model.tailMass(lower: tailInterval.lower, upper: tailInterval.upper)
            case .nll:
                values[index] = state.heldOut.withUnsafeBufferPointer { model.meanNegativeLogLikelihood($0) }
            case .bandwidth:
                values[index] = model.bandwidth
            }
        }
    }
}
