import Families
import LinearAlgebra
import ModelCollapse
import Testing
import Theory

func simulateMultivariate<B: MultivariateGaussianBatch>(
    _ batch: B.Type, covariance: Matrix, estimator: GaussianEstimator, n: Int, generations: Int,
    replicates: Int, metrics: [GaussianMetric], seed: UInt64 = 21
) -> SimulationResult {
    let d = covariance.rows
    let truth = MultivariateGaussianModel(mean: [Double](repeating: 1, count: d), covariance: covariance)
    let plan = SimulationPlan(generations: generations, replicates: replicates, seed: seed, schedule: .constant(n), threads: 2)
    let chain = ReplicateChain(
        source: MultivariateGaussianSource<B>(truth: truth),
        learner: MultivariateGaussianLearner<B>(dimension: d, estimator: estimator, fitMode: .meanAndVariance, knownCovariance: covariance),
        evaluation: MultivariateGaussianEvaluation(truth: truth, metrics: metrics, collapseThreshold: 1e-3),
        plan: plan)
    return Simulation(chain: chain).run()
}

/// A fixed non-diagonal covariance: the closed forms hold for any Σ₀.
let correlated = Matrix([[2.0, 0.5, 0.1], [0.5, 1.0, -0.3], [0.1, -0.3, 0.5]])

@Test(arguments: [GaussianEstimator.mle, .unbiased])
func multivariateSimulationMatchesTheory(estimator: GaussianEstimator) throws {
    let metrics: [GaussianMetric] = [.variance, .logVariance, .meanError, .kl]
    let theory = GaussianTheory(
        dimension: 3, estimator: estimator, fitMode: .meanAndVariance, truthMean: 1,
        truthTrace: correlated.trace, truthLogDeterminant: try #require(correlated.cholesky()).logDeterminant,
        sizes: Array(repeating: 30, count: 10))
    for (batch, label) in [(0, "statistics"), (1, "samples")] {
        let result = batch == 0
            ? simulateMultivariate(MultivariateStatisticsBatch.self, covariance: correlated, estimator: estimator, n: 30, generations: 10, replicates: 6_000, metrics: metrics)
            : simulateMultivariate(MultivariateSampleBatch.self, covariance: correlated, estimator: estimator, n: 30, generations: 10, replicates: 3_000, metrics: metrics)
        for metric in metrics {
            let expected = try #require(theory.expectations(of: metric)[10])
            let row = result.row(metric, at: 10)
            #expect(zScore(row, expected) < 4.5, "\(label) \(estimator) \(metric): \(row.mean) vs \(expected)")
        }
    }
}

@Test func tooFewPointsGiveASingularCovarianceRecordedAsCollapse() {
    // n = 3 points in d = 3: the fitted covariance has rank 2 at the first fit.
    let result = simulateMultivariate(
        MultivariateSampleBatch.self, covariance: Matrix.identity(3), estimator: .mle, n: 3,
        generations: 4, replicates: 20, metrics: [.logVariance, .kl, .collapsed, .w2Squared, .variance])
    for t in 1...4 {
        #expect(result.row(.logVariance, at: t).mean == -.infinity)
        #expect(result.row(.kl, at: t).mean == .infinity)
        #expect(result.row(.collapsed, at: t).mean == 1)
        #expect(result.row(.w2Squared, at: t).mean.isFinite)
        #expect(result.row(.variance, at: t).mean.isFinite)
    }
}
