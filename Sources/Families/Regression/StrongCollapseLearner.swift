import ModelCollapse
import Randomness

/// Strong model collapse on the engine's loop: fit t trains OLS or ridge on a fresh mixed set of
/// n(t − 1) points (``MixedLabels``), independent of the previous fit. The generation axis is thus
/// the sample-size axis of Dohmatob et al. (2025): with `samples: {schedule: geometric, …}` one run
/// traces the test error against n.
public struct StrongCollapseLearner<Batch: RegressionBatch>: Learner {
    public var mixture: MixedLabels
    /// λ ≥ 0 (0: least squares, minimum-norm when singular).
    public var ridge: Double

    public init(mixture: MixedLabels, ridge: Double) {
        self.mixture = mixture
        self.ridge = ridge
    }

    public func fit(_ trainingSet: TrainingSet<Batch>) -> LinearRegressionModel {
        var total = RegressionStatistics(dimension: mixture.truth.dimension)
        var totalWeight = 0.0, positiveCount = 0
        for part in trainingSet.parts where part.batch.count > 0 {
            total.add(part.batch.statistics, weight: part.weight)
            totalWeight += part.weight * Double(part.batch.count)
            if part.weight > 0 { positiveCount += part.batch.count }
        }
        return LinearRegressionLearner<Batch>.solve(total, totalWeight: totalWeight, rows: positiveCount, ridge: ridge)
    }

    /// A fresh mixed training set; the model is not used (the synthetic labels come from w₂).
    public func sample<G: RandomNumberGenerator>(
        from model: LinearRegressionModel, count: Int, into batch: inout Batch, using generator: inout G
    ) {
        mixture.draw(count: count, into: &batch, using: &generator)
    }
}
