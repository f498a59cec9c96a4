import Families
import Foundation
import ModelCollapse
import Randomness
import Testing

func simulateOneParameter<B: ExponentialFamilyBatch>(
    _ batch: B.Type, _ distribution: ExponentialFamilyDistribution, truth: Double,
    estimator: ExponentialFamilyEstimator = .mle, schedule: SampleSchedule, generations: Int, replicates: Int,
    metrics: [ExponentialFamilyMetric] = ExponentialFamilyMetric.allCases, regime: Regime = .replace, seed: UInt64 = 61
) -> SimulationResult {
    let plan = SimulationPlan(
        generations: generations, replicates: replicates, seed: seed, schedule: schedule, regime: regime, threads: 2)
    let chain = ReplicateChain(
        source: ExponentialFamilySource<B>(distribution: distribution, parameter: truth),
        learner: ExponentialFamilyLearner<B>(distribution: distribution, estimator: estimator),
        evaluation: ExponentialFamilyEvaluation(distribution: distribution, truth: truth, metrics: metrics),
        plan: plan)
    return Simulation(chain: chain).run()
}

@Suite("Bernoulli, Poisson and exponential families")
struct ExponentialFamilyTests {
    /// MLE and MAP from weighted sufficient statistics, exactly.
    @Test func estimates() {
        let prior = ConjugatePrior(a: 3, b: 2)
        #expect(ExponentialFamilyEstimator.mle.estimate(.bernoulli, weight: 10, sum: 3) == 0.3)
        #expect(ExponentialFamilyEstimator.map(prior).estimate(.bernoulli, weight: 10, sum: 0) == 2.0 / 13)
        #expect(ExponentialFamilyEstimator.mle.estimate(.poisson, weight: 4, sum: 10) == 2.5)
        #expect(ExponentialFamilyEstimator.map(prior).estimate(.poisson, weight: 4, sum: 0) == 2.0 / 6)
        #expect(ExponentialFamilyEstimator.mle.estimate(.exponential, weight: 4, sum: 2) == 2)
        #expect(ExponentialFamilyEstimator.map(prior).estimate(.exponential, weight: 4, sum: 2) == 6.0 / 4)
        let learner = ExponentialFamilyLearner<SufficientStatisticBatch>(distribution: .bernoulli, estimator: .mle)
        let fitted = learner.fit(TrainingSet(parts: [
            .init(batch: SufficientStatisticBatch(count: 10, sum: 2), weight: 0.5, origin: .synthetic),
            .init(batch: SufficientStatisticBatch(count: 10, sum: 8), weight: 1.5, origin: .real),
        ]))
        #expect(fitted.parameter == (1 + 12) / 20.0)
    }

    @Test func divergences() {
        #expect(ExponentialFamilyDistribution.bernoulli.kullbackLeibler(truth: 0.3, model: 1) == .infinity)
        #expect(abs(ExponentialFamilyDistribution.bernoulli.kullbackLeibler(truth: 0.3, model: 0.5) - (0.3 * log(0.6) + 0.7 * log(1.4))) < 1e-15)
        #expect(ExponentialFamilyDistribution.poisson.kullbackLeibler(truth: 2, model: 0) == .infinity)
        #expect(abs(ExponentialFamilyDistribution.exponential.kullbackLeibler(truth: 2, model: 4) - (1 - log(2))) < 1e-15)
    }

    /// The MAP estimators never absorb: Beta(2, 2) for Bernoulli and Gamma(2, 1) for Poisson keep
    /// the parameter interior in every replicate and generation (M = 20, T = 400); the MLE on the
    /// same chain is absorbed in most replicates.
    @Test func mapNeverAbsorbs() {
        for distribution in [ExponentialFamilyDistribution.bernoulli, .poisson] {
            let truth = distribution == .bernoulli ? 0.1 : 0.5
            let prior = distribution == .bernoulli ? ConjugatePrior(a: 2, b: 2) : ConjugatePrior(a: 2, b: 1)
            let map = simulateOneParameter(
                SufficientStatisticBatch.self, distribution, truth: truth, estimator: .map(prior),
                schedule: .constant(20), generations: 400, replicates: 300, metrics: [.absorbed, .kl])
            for t in 1...400 {
                #expect(map.row("absorbed", at: t).mean == 0)
                #expect(map.row("kl", at: t).nonFiniteCount == 0)
            }
            let mle = simulateOneParameter(
                SufficientStatisticBatch.self, distribution, truth: truth, schedule: .constant(20), generations: 400,
                replicates: 300, metrics: [.absorbed])
            #expect(mle.row("absorbed", at: 400).mean > 0.9, "\(distribution)")
        }
    }

    /// Both paths agree in distribution for each family (4.5 standard errors of the difference).
    @Test(arguments: ExponentialFamilyDistribution.allCases)
    func pathsAgree(distribution: ExponentialFamilyDistribution) {
        let truth = distribution == .bernoulli ? 0.3 : 2
        let metrics: [ExponentialFamilyMetric] = [.parameter, .parameterError, .absorbed]
        let a = simulateOneParameter(
            SufficientStatisticBatch.self, distribution, truth: truth, schedule: .constant(15), generations: 20,
            replicates: 6000, metrics: metrics, seed: 62)
        let b = simulateOneParameter(
            ExponentialFamilySampleBatch.self, distribution, truth: truth, schedule: .constant(15), generations: 20,
            replicates: 6000, metrics: metrics, seed: 63)
        for metric in metrics {
            for t in [5, 20] {
                let z = twoSampleZ(a.row(metric.rawValue, at: t), b.row(metric.rawValue, at: t))
                #expect(z < 4.5, "\(distribution) \(metric) at \(t): z = \(z)")
            }
        }
    }
}
