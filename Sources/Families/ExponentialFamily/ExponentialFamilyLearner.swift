import ModelCollapse
import Randomness

/// Fits a Bernoulli, Poisson or exponential model to a weighted training set through its
/// sufficient statistics and samples from it.
///
/// W = Σ_parts weight·n, S = Σ_parts weight·Σx; the estimate is ``ExponentialFamilyEstimator/estimate(_:weight:sum:)``.
/// Under maximum likelihood and `replace`, the mean parameter is a martingale ("Lost in
/// Retraining", 2025): E p_t = p₀, and the Bernoulli chain is absorbed at 1 with probability p₀
/// (RESEARCH.md §7). A degenerate estimate is a degenerate model, recorded by the evaluation.
public struct ExponentialFamilyLearner<Batch: ExponentialFamilyBatch>: Learner {
    public var distribution: ExponentialFamilyDistribution
    public var estimator: ExponentialFamilyEstimator

    public init(distribution: ExponentialFamilyDistribution, estimator: ExponentialFamilyEstimator) {
        self.distribution = distribution
        self.estimator = estimator
    }

    @inlinable
    public func fit(_ trainingSet: TrainingSet<Batch>) -> ExponentialFamilyModel {
        var weight = 0.0, sum = 0.0
        for part in trainingSet.parts where part.batch.count > 0 && part.weight > 0 {
            weight += part.weight * Double(part.batch.count)
            sum += part.weight * part.batch.sum
        }
        guard weight > 0 else {
            // No data (every part weighted 0): the MLE is degenerate, the MAP the prior's mode.
            if case .mle = estimator { return ExponentialFamilyModel(parameter: distribution == .exponential ? .infinity : 0) }
            return ExponentialFamilyModel(parameter: estimator.estimate(distribution, weight: 0, sum: 0))
        }
        return ExponentialFamilyModel(parameter: estimator.estimate(distribution, weight: weight, sum: sum))
    }

    @inlinable
    public func sample<G: RandomNumberGenerator>(
        from model: ExponentialFamilyModel, count: Int, into batch: inout Batch, using generator: inout G
    ) {
        batch.draw(distribution, parameter: model.parameter, count: count, using: &generator)
    }

    public var supportsIncrementalUpdate: Bool { true }

    /// Moves the mean parameter E T(x) (p, λ, or 1/λ) part-way: μ ← (1 − a)μ_previous + a μ̂.
    public func interpolate(
        from previous: ExponentialFamilyModel, toward fitted: ExponentialFamilyModel, step a: Double
    ) -> ExponentialFamilyModel {
        let mean = (1 - a) * distribution.meanParameter(previous.parameter) + a * distribution.meanParameter(fitted.parameter)
        return ExponentialFamilyModel(parameter: distribution.parameter(fromMean: mean))
    }
}
