import ModelCollapse
import Randomness

/// Fits N(μ, σ²) to a weighted 1-D training set and samples from it.
///
/// Weighted estimates from the parts' statistics (part p: n_p points of weight w_p, mean x̄_p,
/// centred sum of squares M₂,p): W = Σ w_p n_p, μ̂ = Σ w_p n_p x̄_p / W,
/// M = Σ w_p [M₂,p + n_p (x̄_p − μ̂)²]; MLE σ̂² = M/W, unbiased σ̂² = M/(W − V₂/W) with
/// V₂ = Σ w_p² n_p (reliability weights; n − 1 when every weight is 1).
/// Degenerate fits (one point, all points equal) give σ̂² = 0, which the evaluation records as
/// collapse; sampling from σ = 0 returns the mean.
public struct UnivariateGaussianLearner<Batch: UnivariateGaussianBatch>: Learner {
    public var estimator: GaussianEstimator
    public var fitMode: GaussianFitMode
    /// The known variance used when only the mean is fitted.
    public var knownVariance: Double

    public init(estimator: GaussianEstimator, fitMode: GaussianFitMode = .meanAndVariance, knownVariance: Double = 1) {
        self.estimator = estimator
        self.fitMode = fitMode
        self.knownVariance = knownVariance
    }

    @inlinable
    public func fit(_ trainingSet: TrainingSet<Batch>) -> UnivariateGaussianModel {
        var totalWeight = 0.0, weightedSum = 0.0, weightSquares = 0.0
        for part in trainingSet.parts where part.batch.count > 0 {
            let stats = part.batch.statistics
            let w = part.weight * Double(stats.count)
            totalWeight += w
            weightedSum += w * stats.mean
            weightSquares += part.weight * part.weight * Double(stats.count)
        }
        guard totalWeight > 0 else { return UnivariateGaussianModel(mean: 0, variance: 0) }
        let mean = weightedSum / totalWeight
        if fitMode == .meanOnly { return UnivariateGaussianModel(mean: mean, variance: knownVariance) }
        var scatter = 0.0
        for part in trainingSet.parts where part.batch.count > 0 {
            let stats = part.batch.statistics
            let d = stats.mean - mean
            scatter += part.weight * (stats.sumOfSquares + Double(stats.count) * d * d)
        }
        let divisor = estimator == .mle ? totalWeight : totalWeight - weightSquares / totalWeight
        let variance = divisor > 0 ? max(0, scatter / divisor) : 0
        return UnivariateGaussianModel(mean: mean, variance: variance)
    }

    @inlinable
    public func sample<G: RandomNumberGenerator>(
        from model: UnivariateGaussianModel, count: Int, into batch: inout Batch, using generator: inout G
    ) {
        batch.drawGaussian(
            mean: model.mean, standardDeviation: model.standardDeviation, count: count, using: &generator)
    }

    public var supportsIncrementalUpdate: Bool { true }

    /// μ ← (1 − a)μ + a μ̂, σ² ← (1 − a)σ² + a σ̂².
    @inlinable
    public func interpolate(
        from previous: UnivariateGaussianModel, toward fitted: UnivariateGaussianModel, step a: Double
    ) -> UnivariateGaussianModel {
        UnivariateGaussianModel(
            mean: (1 - a) * previous.mean + a * fitted.mean,
            variance: (1 - a) * previous.variance + a * fitted.variance)
    }
}
