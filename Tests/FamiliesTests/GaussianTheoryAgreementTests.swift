import Families
import ModelCollapse
import Testing
import Theory

// Simulation against the closed forms of RESEARCH.md §1–2 and GaussianTheory. Every check allows
// 4.5 standard errors of the simulated mean (two-sided false-failure rate ≈ 7·10⁻⁶ per check),
// the standard error being the replicates' sd/√R.

@Test func mleVarianceShrinksAsOneMinusOneOverNToTheT() {
    let result = simulateUnivariate(
        UnivariateStatisticsBatch.self, estimator: .mle, schedule: .constant(100), generations: 50,
        replicates: 20_000, metrics: [.variance, .logVariance])
    #expect(zScore(result.row(.variance, at: 50), 0.60501) < 4.5)
    #expect(zScore(result.row(.logVariance, at: 50), -1.00927) < 4.5)
}

@Test func unbiasedVarianceStaysWhileTheStandardDeviationAndW2Drift() {
    let result = simulateUnivariate(
        UnivariateStatisticsBatch.self, estimator: .unbiased, schedule: .constant(100), generations: 50,
        replicates: 20_000, metrics: [.variance, .std, .meanError, .w2Squared])
    #expect(zScore(result.row(.variance, at: 50), 1) < 4.5)
    #expect(zScore(result.row(.std, at: 50), 0.88139) < 4.5)
    #expect(zScore(result.row(.meanError, at: 50), 0.5) < 4.5)  // Var μ_t = tσ²/n
    #expect(zScore(result.row(.w2Squared, at: 50), 0.73723) < 4.5)
}

@Test func mleMeanErrorMatchesOneMinusTheVarianceFactor() {
    let result = simulateUnivariate(
        UnivariateSampleBatch.self, estimator: .mle, schedule: .constant(100), generations: 50,
        replicates: 4_000, metrics: [.meanError])
    #expect(zScore(result.row(.meanError, at: 50), 1 - 0.6050060671375364) < 4.5)
}

@Test func growingSampleSizesKeepTheStandardDeviation() {
    // Xu, He & Cheng 2025: E σ_T = ∏ c(n_k − 1); T = 1000 (RESEARCH.md §2).
    let cases: [(SampleSchedule, Double)] = [
        (.constant(100), 0.0800415352457135),
        (.linear(initial: 100, slope: 100), 0.9814197529012058),
        (.power(initial: 100, exponent: 2), 0.9958704290929399),
    ]
    for (schedule, expected) in cases {
        let result = simulateUnivariate(
            UnivariateStatisticsBatch.self, estimator: .unbiased, schedule: schedule, generations: 1000,
            replicates: 2_000, metrics: [.std])
        #expect(zScore(result.row(.std, at: 1000), expected) < 4.5, "\(schedule)")
    }
}

@Test func klFromTheTruthMatchesItsClosedForm() throws {
    // E KL(truth ‖ model_t) = ½[E ln σ_t²/σ² + A_t + B_t − 1] (GaussianTheory), n = 20, t = 10.
    let sizes = Array(repeating: 20, count: 10)
    for estimator in GaussianEstimator.allCases {
        let expected = try #require(GaussianTheory(
            dimension: 1, estimator: estimator, fitMode: .meanAndVariance, truthMean: 0,
            truthTrace: 1, truthLogDeterminant: 0, sizes: sizes).expectations(of: .kl)[10])
        let result = simulateUnivariate(
            UnivariateStatisticsBatch.self, estimator: estimator, schedule: .constant(20), generations: 10,
            replicates: 40_000, metrics: [.kl])
        #expect(zScore(result.row(.kl, at: 10), expected) < 4.5, "\(estimator)")
    }
}

@Test func knownVarianceTailMassMatchesTheMarginal() throws {
    let sizes = Array(repeating: 10, count: 30)
    let theory = GaussianTheory(
        dimension: 1, estimator: .mle, fitMode: .meanOnly, truthMean: 0, truthTrace: 1,
        truthLogDeterminant: 0, sizes: sizes)
    let result = simulateUnivariate(
        UnivariateSampleBatch.self, estimator: .mle, fitMode: .meanOnly, schedule: .constant(10),
        generations: 30, replicates: 4_000, metrics: [.tailMass, .meanError, .kl])
    #expect(zScore(result.row(.tailMass, at: 30), try #require(theory.expectations(of: .tailMass)[30])) < 4.5)
    #expect(zScore(result.row(.meanError, at: 30), 3) < 4.5)
    #expect(zScore(result.row(.kl, at: 30), 1.5) < 4.5)
}

@Test func sampleAndStatisticsPathsAgreeInDistribution() {
    // Same metrics on both paths (different random numbers): the difference of the two means
    // within 4.5 standard errors of the difference, for every metric, at t = 5 and t = 30.
    let metrics: [GaussianMetric] = [.variance, .logVariance, .std, .meanError, .kl, .tailMass]
    for regime in [Regime.replace, .accumulate, Regime(synthetic: .replace, real: .fresh(20), realWeight: 0.3)] {
        let samples = simulateUnivariate(
            UnivariateSampleBatch.self, estimator: .mle, schedule: .constant(30), generations: 30,
            replicates: 3_000, metrics: metrics, regime: regime, seed: 1)
        let statistics = simulateUnivariate(
            UnivariateStatisticsBatch.self, estimator: .mle, schedule: .constant(30), generations: 30,
            replicates: 3_000, metrics: metrics, regime: regime, seed: 2)
        for metric in metrics {
            for t in [5, 30] {
                let a = samples.row(metric, at: t), b = statistics.row(metric, at: t)
                let se = (a.standardError * a.standardError + b.standardError * b.standardError).squareRoot()
                #expect(abs(a.mean - b.mean) < 4.5 * se, "\(regime) \(metric) t=\(t): \(a.mean) vs \(b.mean)")
            }
        }
    }
}
