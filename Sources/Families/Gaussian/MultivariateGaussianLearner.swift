import LinearAlgebra
import ModelCollapse
import Randomness

/// Fits N(μ, Σ) to a weighted d-dimensional training set and samples from it.
///
/// W = Σ w_p n_p, μ̂ = Σ w_p n_p x̄_p / W, M = Σ w_p [S_p + n_p (x̄_p − μ̂)(x̄_p − μ̂)ᵀ];
/// MLE Σ̂ = M/W, unbiased Σ̂ = M/(W − V₂/W), V₂ = Σ w_p² n_p. With fewer than d + 1 points Σ̂ is
/// singular: a collapsed model, sampled on its support.
public struct MultivariateGaussianLearner<Batch: MultivariateGaussianBatch>: Learner {
    public var dimension: Int
    public var estimator: GaussianEstimator
    public var fitMode: GaussianFitMode
    public var knownCovariance: Matrix

    public init(dimension: Int, estimator: GaussianEstimator, fitMode: GaussianFitMode, knownCovariance: Matrix) {
        self.dimension = dimension
        self.estimator = estimator
        self.fitMode = fitMode
        self.knownCovariance = knownCovariance
    }

    public func fit(_ trainingSet: TrainingSet<Batch>) -> MultivariateGaussianModel {
        let d = dimension
        var totalWeight = 0.0, weightSquares = 0.0
        var mean = [Double](repeating: 0, count: d)
        for part in trainingSet.parts where part.batch.count > 0 {
            let stats = part.batch.statistics
            let w = part.weight * Double(stats.count)
            totalWeight += w
            weightSquares += part.weight * part.weight * Double(stats.count)
            for j in 0..<d { mean[j] += w * stats.mean[j] }
        }
        guard totalWeight > 0 else {
            return MultivariateGaussianModel(mean: mean, covariance: Matrix(rows: d, columns: d, repeating: 0))
        }
        for j in 0..<d { mean[j] /= totalWeight }
        if fitMode == .meanOnly { return MultivariateGaussianModel(mean: mean, covariance: knownCovariance) }
        var scatter = Matrix(rows: d, columns: d, repeating: 0)
        for part in trainingSet.parts where part.batch.count > 0 {
            let stats = part.batch.statistics
            let delta = (0..<d).map { stats.mean[$0] - mean[$0] }
            let n = Double(stats.count)
            for i in 0..<d {
                for j in 0..<d {
                    scatter[i, j] += part.weight * (stats.scatter[i, j] + n * delta[i] * delta[j])
                }
            }
        }
        let divisor = estimator == .mle ? totalWeight : totalWeight - weightSquares / totalWeight
        let covariance = divisor > 0 ? scatter * (1 / divisor) : Matrix(rows: d, columns: d, repeating: 0)
        return MultivariateGaussianModel(mean: mean, covariance: covariance)
    }

    public func sample<G: RandomNumberGenerator>(
        from model: MultivariateGaussianModel, count: Int, into batch: inout Batch, using generator: inout G
    ) {
        batch.drawGaussian(from: model, count: count, using: &generator)
    }

    public var supportsIncrementalUpdate: Bool { true }

    /// μ ← (1 − a)μ + a μ̂, Σ ← (1 − a)Σ + a Σ̂ (a convex combination stays positive semi-definite).
    public func interpolate(
        from previous: MultivariateGaussianModel, toward fitted: MultivariateGaussianModel, step a: Double
    ) -> MultivariateGaussianModel {
        MultivariateGaussianModel(
            mean: zip(previous.mean, fitted.mean).map { (1 - a) * $0 + a * $1 },
            covariance: previous.covariance * (1 - a) + fitted.covariance * a)
    }
}
