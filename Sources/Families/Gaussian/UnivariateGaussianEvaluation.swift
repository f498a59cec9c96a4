import Foundation
import ModelCollapse
import Statistics

/// The metrics of a fitted 1-D Gaussian against the truth N(μ*, σ*²). See ``GaussianMetric``.
public struct UnivariateGaussianEvaluation: Evaluation {
    public var truth: UnivariateGaussianModel
    public var metrics: [GaussianMetric]
    /// `collapsed` turns 1 when σ_t² < collapseThreshold·σ*².
    public var collapseThreshold: Double

    public init(truth: UnivariateGaussianModel, metrics: [GaussianMetric], collapseThreshold: Double) {
        self.truth = truth
        self.metrics = metrics
        self.collapseThreshold = collapseThreshold
    }

    public var metricNames: [String] { metrics.map(\.rawValue) }

    public func evaluateTruth(into values: inout [Double]) {
        let zeros = [Double](repeating: 0, count: metrics.count)
        evaluate(truth, previous: zeros, into: &values)
    }

    @inlinable
    public func evaluate(_ model: UnivariateGaussianModel, previous: [Double], into values: inout [Double]) {
        for (index, metric) in metrics.enumerated() {
            values[index] = value(of: metric, model: model, previous: previous[index])
        }
    }

    @inlinable
    func value(of metric: GaussianMetric, model: UnivariateGaussianModel, previous: Double) -> Double {
        let delta = model.mean - truth.mean
        switch metric {
        case .mean: return model.mean
        case .variance: return model.variance
        case .logVariance: return log(model.variance)
        case .std: return model.standardDeviation
        case .meanError: return delta * delta
        case .w2Squared:
            return GaussianDistance.wasserstein2Squared(
                mean1: truth.mean, variance1: truth.variance, mean2: model.mean, variance2: model.variance)
        case .kl:
            return GaussianDistance.kullbackLeibler(
                mean1: truth.mean, variance1: truth.variance, mean2: model.mean, variance2: model.variance)
        case .tailMass:
            return UnivariateGaussianEvaluation.tailMass(
                mean: model.mean, standardDeviation: model.standardDeviation,
                lower: truth.mean - GaussianMetric.tailQuantile * truth.standardDeviation,
                upper: truth.mean + GaussianMetric.tailQuantile * truth.standardDeviation)
        case .collapsed:
            return previous >= 1 || model.variance < collapseThreshold * truth.variance ? 1 : 0
        }
    }

    /// P(X < lower) + P(X > upper) for X ~ N(mean, sd²), each tail through erfc so that small
    /// masses keep their relative accuracy; a point mass (sd = 0) gives 0 or 1.
    @inlinable
    public static func tailMass(mean: Double, standardDeviation sd: Double, lower: Double, upper: Double) -> Double {
        if sd == 0 { return mean < lower || mean > upper ? 1 : 0 }
        let below = 0.5 * erfc((mean - lower) / (sd * 2.0.squareRoot()))
        let above = 0.5 * erfc((upper - mean) / (sd * 2.0.squareRoot()))
        return below + above
    }
}
