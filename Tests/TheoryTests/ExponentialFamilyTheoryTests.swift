import Families
import Foundation
import ModelCollapse
import Testing
import Theory

// Simulation against ExponentialFamilyTheory; a simulated mean within 4.5 standard errors of the
// closed form (two-sided false-failure rate ≈ 6.8·10⁻⁶ per check).

private func run(
    _ distribution: ExponentialFamilyDistribution, truth: Double, n: Int, generations: Int, replicates: Int,
    metrics: [ExponentialFamilyMetric]
) -> SimulationResult {
    let plan = SimulationPlan(generations: generations, replicates: replicates, seed: 81, schedule: .constant(n), threads: 2)
    let chain = ReplicateChain(
        source: ExponentialFamilySource<SufficientStatisticBatch>(distribution: distribution, parameter: truth),
        learner: ExponentialFamilyLearner<SufficientStatisticBatch>(distribution: distribution, estimator: .mle),
        evaluation: ExponentialFamilyEvaluation(distribution: distribution, truth: truth, metrics: metrics),
        plan: plan)
    return Simulation(chain: chain).run()
}

private func mean(_ result: SimulationResult, _ metric: ExponentialFamilyMetric, at t: Int) -> (mean: Double, se: Double) {
    let row = result.rows[t].first { $0.metric == metric.rawValue }!
    return (row.mean, row.standardError)
}

@Suite("Exponential-family theory")
struct ExponentialFamilyTheoryTests {
    /// RESEARCH.md §7: Bernoulli, M = 50 per generation, p₀ = 0.3, pure closed loop: every chain
    /// is absorbed (T = 800: a chain is unabsorbed with probability ≈ 1.2·0.98^800 ≈ 10⁻⁷) and
    /// P(absorbed at 1) = 0.3 — with all absorbed the mean parameter is the fraction at 1
    /// (SE √(0.3·0.7/R)).
    @Test func bernoulliIsAbsorbedAtOneWithProbabilityP0() {
        let result = run(.bernoulli, truth: 0.3, n: 50, generations: 800, replicates: 3000, metrics: [.parameter, .absorbed])
        #expect(mean(result, .absorbed, at: 800).mean == 1)
        let p = ExponentialFamilyTheory.bernoulliAbsorptionAtOne(truth: 0.3)
        let fraction = mean(result, .parameter, at: 800).mean
        #expect(abs(fraction - p) < 4.5 * (p * (1 - p) / 3000).squareRoot(), "fraction absorbed at 1: \(fraction)")
    }

    /// E(θ_t − θ₀)² for Bernoulli and Poisson, E λ_t, E(λ_t − λ₀)² and E KL for the exponential
    /// rate, n = 20, t = 10.
    @Test(arguments: ExponentialFamilyDistribution.allCases)
    func momentsMatch(distribution: ExponentialFamilyDistribution) throws {
        let truth = distribution == .bernoulli ? 0.3 : 2
        let metrics: [ExponentialFamilyMetric] = distribution == .exponential ? [.parameter, .parameterError, .kl] : [.parameter, .parameterError]
        let result = run(distribution, truth: truth, n: 20, generations: 10, replicates: 20_000, metrics: metrics)
        let theory = ExponentialFamilyTheory(distribution: distribution, truth: truth, sizes: Array(repeating: 20, count: 10))
        for metric in metrics {
            let expected = try #require(theory.expectations(of: metric)[10])
            let simulated = mean(result, metric, at: 10)
            #expect(abs(simulated.mean - expected) < 4.5 * simulated.se, "\(distribution) \(metric): \(simulated.mean) vs \(expected)")
        }
    }

    /// Closed forms at t = 1 against direct formulas.
    @Test func firstGeneration() throws {
        let exponential = ExponentialFamilyTheory(distribution: .exponential, truth: 1, sizes: [10])
        // E KL after one fit on n points: 1/(n − 1) − ln n + ψ(n).
        let kl = try #require(exponential.expectations(of: .kl)[1])
        #expect(abs(kl - (1.0 / 9 - log(10.0) + 2.251752589066721)) < 1e-12)  // ψ(10) from scipy
        let bernoulli = ExponentialFamilyTheory(distribution: .bernoulli, truth: 0.3, sizes: [10])
        #expect(abs(try #require(bernoulli.expectations(of: .parameterError)[1]) - 0.021) < 1e-15)
    }
}
