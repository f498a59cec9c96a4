import Foundation
import ModelCollapse
import Randomness

/// The metrics of a fitted Gaussian mixture against the true one. See ``GaussianMixtureMetric``.
///
/// `component-variance`, `mixture-l2`, `collapsed-components`, `min-weight` and `iterations` are
/// exact functions of the model. `w1`, `kl` and `kl-se` are Monte Carlo estimates from the
/// replicate's evaluation stream (separate from the training chain's): `w1` from `w1Samples` fresh
/// model draws per generation; `kl` and `kl-se` from `klSamples` truth draws made once per
/// replicate (their truth log-densities cached), reused at every generation.
public struct GaussianMixtureEvaluation: Evaluation {
    public typealias Model = GaussianMixture

    /// The replicate's truth sample with its log-densities, and reused buffers.
    public struct ReplicateState {
        public var truthSample: [Double]
        public var truthLogDensities: [Double]
        @usableFromInline var draws = PointBatch()
        @usableFromInline var column: [Double] = []
        @usableFromInline var scratch: [Double] = []
    }

    public let truth: GaussianMixture
    public let metrics: [GaussianMixtureMetric]
    public let w1Samples: Int
    public let klSamples: Int
    /// ∫g², the truth's part of the integrated squared error.
    @usableFromInline let truthSquared: Double
    /// One per coordinate: the truth's marginals with their quantiles.
    @usableFromInline let wassersteins: [MixtureWasserstein]

    public init(truth: GaussianMixture, metrics: [GaussianMixtureMetric], w1Samples: Int, klSamples: Int) {
        self.truth = truth
        self.metrics = metrics
        self.w1Samples = w1Samples
        self.klSamples = klSamples
        truthSquared = GaussianMixture.productIntegral(truth, truth)
        wassersteins = metrics.contains(.w1)
            ? (0..<truth.dimension).map { MixtureWasserstein(reference: truth.marginal($0), sampleSize: w1Samples) }
            : []
    }

    public var metricNames: [String] { metrics.map(\.rawValue) }

    var needsTruthSample: Bool { metrics.contains(.kl) || metrics.contains(.klSE) }

    public func evaluateTruth(into values: inout [Double]) {
        for (index, metric) in metrics.enumerated() {
            switch metric {
            case .componentVariance: values[index] = truth.meanComponentVariance
            case .minWeight: values[index] = truth.smallestWeight
            case .mixtureL2, .w1, .kl, .klSE, .collapsedComponents, .iterations: values[index] = 0
            }
        }
    }

    public func makeReplicateState<G: RandomNumberGenerator>(using generator: inout G) -> ReplicateState {
        let d = truth.dimension
        var state = ReplicateState(truthSample: [], truthLogDensities: [])
        state.scratch = [Double](repeating: 0, count: d)
        if needsTruthSample {
            var batch = PointBatch()
            truth.sample(count: klSamples, into: &batch, using: &generator)
            state.truthSample = batch.points
            state.truthLogDensities = logDensities(of: truth, at: state.truthSample, scratch: &state.scratch)
        }
        if !wassersteins.isEmpty { state.column = [Double](repeating: 0, count: w1Samples) }
        return state
    }

    func logDensities(of mixture: GaussianMixture, at points: [Double], scratch: inout [Double]) -> [Double] {
        let d = mixture.dimension
        return points.withUnsafeBufferPointer { x in
            scratch.withUnsafeMutableBufferPointer { s in
                (0..<(x.count / d)).map { mixture.logDensity(at: x.baseAddress! + $0 * d, scratch: s.baseAddress!) }
            }
        }
    }

    /// Without a replicate stream: the Monte Carlo metrics use a fixed stream (seed 0).
    public func evaluate(_ model: GaussianMixture, previous: [Double], into values: inout [Double]) {
        var generator = Xoshiro256StarStar(seed: 0)
        var state = makeReplicateState(using: &generator)
        evaluate(model, previous: previous, state: &state, using: &generator, into: &values)
    }

    @inlinable
    public func evaluate<G: RandomNumberGenerator>(
        _ model: GaussianMixture, previous: [Double], state: inout ReplicateState, using generator: inout G,
        into values: inout [Double]
    ) {
        var kl: (estimate: Double, standardError: Double)?
        for (index, metric) in metrics.enumerated() {
            switch metric {
            case .componentVariance:
                values[index] = model.meanComponentVariance
            case .mixtureL2:
                values[index] = GaussianMixture.integratedSquaredDifference(model, truth, gSquared: truthSquared)
            case .w1:
                values[index] = wasserstein(model, state: &state, using: &generator)
            case .kl, .klSE:
                if kl == nil { kl = klEstimate(model, state: &state) }
                values[index] = metric == .kl ? kl!.estimate : kl!.standardError
            case .collapsedComponents:
                values[index] = Double(model.collapsedComponents)
            case .minWeight:
                values[index] = model.smallestWeight
            case .iterations:
                values[index] = Double(model.iterations)
            }
        }
    }

    /// The average over coordinates of the exact W₁ between m fresh model draws and the truth's
    /// marginal.
    @inlinable
    func wasserstein<G: RandomNumberGenerator>(_ model: GaussianMixture, state: inout ReplicateState, using generator: inout G) -> Double {
        let d = model.dimension
        model.sample(count: w1Samples, into: &state.draws, using: &generator)
        var total = 0.0
        for c in 0..<d {
            for i in 0..<w1Samples { state.column[i] = state.draws.points[i * d + c] }
            state.column.sort()
            total += state.column.withUnsafeBufferPointer { wassersteins[c].distance(sorted: $0) }
        }
        return total / Double(d)
    }

    /// (1/m) Σ [ln g(yₖ) − ln f(yₖ)] and its standard error sd/√m (Welford over the log-ratios).
    @usableFromInline
    func klEstimate(_ model: GaussianMixture, state: inout ReplicateState) -> (Double, Double) {
        let d = model.dimension
        var mean = 0.0, sumOfSquares = 0.0
        let m = state.truthLogDensities.count
        state.truthSample.withUnsafeBufferPointer { x in
            state.scratch.withUnsafeMutableBufferPointer { s in
                for k in 0..<m {
                    let ratio = state.truthLogDensities[k] - model.logDensity(at: x.baseAddress! + k * d, scratch: s.baseAddress!)
                    let delta = ratio - mean
                    mean += delta / Double(k + 1)
                    sumOfSquares += delta * (ratio - mean)
                }
            }
        }
        let standardError = m > 1 ? (sumOfSquares / Double(m - 1) / Double(m)).squareRoot() : 0
        return (mean, standardError)
    }
}
