import LinearAlgebra
import ModelCollapse
import Statistics

/// The metrics of a fitted d-dimensional Gaussian against the truth N(μ*, Σ*). See ``GaussianMetric``.
public struct MultivariateGaussianEvaluation: Evaluation {
    public var truth: MultivariateGaussianModel
    public var metrics: [GaussianMetric]
    public var collapseThreshold: Double
    /// The truth's smallest eigenvalue: `collapsed` compares the model's smallest eigenvalue to it.
    let truthSmallestEigenvalue: Double

    public init(truth: MultivariateGaussianModel, metrics: [GaussianMetric], collapseThreshold: Double) {
        self.truth = truth
        self.metrics = metrics
        self.collapseThreshold = collapseThreshold
        self.truthSmallestEigenvalue = truth.covariance.symmetricEigen().values.first ?? 0
    }

    public var metricNames: [String] { metrics.map(\.rawValue) }

    public func evaluateTruth(into values: inout [Double]) {
        evaluate(truth, previous: [Double](repeating: 0, count: metrics.count), into: &values)
    }

    public func evaluate(_ model: MultivariateGaussianModel, previous: [Double], into values: inout [Double]) {
        let d = model.dimension
        for (index, metric) in metrics.enumerated() {
            switch metric {
            case .mean:
                values[index] = model.mean.reduce(0, +) / Double(d)
            case .variance:
                values[index] = model.covariance.trace
            case .logVariance:
                values[index] = model.factor.logDeterminant
            case .std:
                values[index] = (model.covariance.trace / Double(d)).squareRoot()
            case .meanError:
                values[index] = zip(model.mean, truth.mean).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            case .w2Squared:
                values[index] = GaussianDistance.wasserstein2Squared(
                    mean1: truth.mean, covariance1: truth.covariance, mean2: model.mean, covariance2: model.covariance)
            case .kl:
                values[index] = GaussianDistance.kullbackLeibler(
                    mean1: truth.mean, covariance1: truth.covariance, mean2: model.mean, covariance2: model.covariance)
            case .tailMass:
                var total = 0.0
                for j in 0..<d {
                    let sd = truth.covariance[j, j].squareRoot()
                    total += UnivariateGaussianEvaluation.tailMass(
                        mean: model.mean[j], standardDeviation: max(0, model.covariance[j, j]).squareRoot(),
                        lower: truth.mean[j] - GaussianMetric.tailQuantile * sd,
                        upper: truth.mean[j] + GaussianMetric.tailQuantile * sd)
                }
                values[index] = total / Double(d)
            case .collapsed:
                if previous[index] >= 1 {
                    values[index] = 1
                } else {
                    let smallest = model.covariance.symmetricEigen().values.first ?? 0
                    values[index] = smallest < collapseThreshold * truthSmallestEigenvalue ? 1 : 0
                }
            }
        }
    }
}
