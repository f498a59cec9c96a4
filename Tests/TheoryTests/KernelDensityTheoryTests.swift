import Families
import Foundation
import ModelCollapse
import Statistics
import Testing
import Theory

// Fu et al. (ICML 2024), RESEARCH.md §8: E Var(model_t) = nh² + (1 − 1/n)^t (σ² − nh²) for a
// fixed-bandwidth KDE refitted on its own samples. Simulation checks allow 4.5 standard errors of
// the simulated mean (two-sided false-failure rate ≈ 7·10⁻⁶ per check).

@Test func kdeVarianceClosedFormAndRecursionAgree() throws {
    // RESEARCH.md's form (σ² = 1): n = 100, h = 0.2, t = 50: 4 + 0.99⁵⁰·(1 − 4).
    let closed = KernelDensityTheory.variance(truthVariance: 1, bandwidth: 0.2, sampleSize: 100, generation: 50)
    #expect(abs(closed - (4 - 3 * 0.6050060671375364)) < 1e-12)
    let theory = KernelDensityTheory(truthVariance: 1, bandwidth: 0.2, sizes: Array(repeating: 100, count: 50))
    let recursion = theory.expectations(of: .variance)
    #expect(recursion.count == 51)
    for t in [0, 1, 7, 50] {
        let expected = KernelDensityTheory.variance(truthVariance: 1, bandwidth: 0.2, sampleSize: 100, generation: t)
        #expect(abs(try #require(recursion[t]) - expected) < 1e-12)
    }
    // t = 1 is one KDE of real data: (1 − 1/n)σ² + h².
    #expect(abs(try #require(recursion[1]) - (0.99 + 0.04)) < 1e-15)
    // E(x̄_t − μ*)² = Σ_{i<t} E V_i / n.
    let meanError = theory.expectations(of: .meanError)
    #expect(meanError[0] == 0)
    let sum = (0..<50).reduce(0.0) { $0 + KernelDensityTheory.variance(truthVariance: 1, bandwidth: 0.2, sampleSize: 100, generation: $1) / 100 }
    #expect(abs(try #require(meanError[50]) - sum) < 1e-12)
    #expect(theory.expectations(of: .nll).allSatisfy { $0 == nil })
}

func simulateKDE(truth: UnivariateGaussianMixture, bandwidth: KernelBandwidth, n: Int, generations: Int, replicates: Int, seed: UInt64) -> SimulationResult {
    let chain = ReplicateChain(
        source: GaussianMixtureSource(truth: GaussianMixture(truth)),
        learner: KernelDensityLearner(bandwidth: bandwidth),
        evaluation: KernelDensityEvaluation(truth: truth, metrics: [.variance, .meanError], w1Samples: 2, holdoutSize: 1),
        plan: SimulationPlan(generations: generations, replicates: replicates, seed: seed, schedule: .constant(n), threads: 2))
    return Simulation(chain: chain).run()
}

@Test(arguments: [
    // nh² > σ²: the variance inflates towards nh² = 5; nh² < σ²: it shrinks towards 0.5.
    (20, 0.5, UnivariateGaussianMixture(mean: 0, variance: 1)),
    (50, 0.1, UnivariateGaussianMixture(mean: 0, variance: 1)),
    // Any truth: only its variance enters (here 3.13).
    (25, 0.3, UnivariateGaussianMixture(weights: [0.3, 0.7], means: [-2, 1.5], standardDeviations: [0.6, 1.2])),
])
func kdeVarianceAndMeanErrorFollowTheRecursion(n: Int, h: Double, truth: UnivariateGaussianMixture) throws {
    let generations = 30
    let result = simulateKDE(truth: truth, bandwidth: .fixed(h), n: n, generations: generations, replicates: 4_000, seed: 13)
    let theory = KernelDensityTheory(truthVariance: truth.variance, bandwidth: h, sizes: Array(repeating: n, count: generations))
    for metric in [KernelDensityMetric.variance, .meanError] {
        let expected = theory.expectations(of: metric)
        for t in [1, 10, 30] {
            let row = try #require(result.rows[t].first { $0.metric == metric.rawValue })
            let value = try #require(expected[t])
            #expect(abs(row.mean - value) < 4.5 * row.standardError, "\(metric) n=\(n) h=\(h) t=\(t): \(row.mean) vs \(value)")
        }
    }
}

@Test func scottBandwidthInflatesTheVarianceGeometrically() throws {
    // E V_t = ((n − 1)/n + c²n^{−2/5})^t σ², c = (4/3)^{1/5}: 1.2146 per generation at n = 50.
    let n = 50, generations = 10
    let truth = UnivariateGaussianMixture(mean: 0, variance: 2)
    let factor = 49.0 / 50 + pow(4.0 / 3, 0.4) * pow(50.0, -0.4)
    #expect(abs(factor - 1.2146) < 1e-4)
    let theory = KernelDensityTheory(truthVariance: 2, bandwidth: .scott, sizes: Array(repeating: n, count: generations))
    #expect(abs(try #require(theory.expectations(of: .variance)[10]) - 2 * pow(factor, 10)) < 1e-9)
    #expect(KernelDensityTheory(truthVariance: 2, bandwidth: .silverman, sizes: [10]).expectations(of: .variance) == [nil, nil])
    let result = simulateKDE(truth: truth, bandwidth: .scott, n: n, generations: generations, replicates: 4_000, seed: 17)
    for metric in [KernelDensityMetric.variance, .meanError] {
        let expected = theory.expectations(of: metric)
        for t in [1, 5, 10] {
            let row = try #require(result.rows[t].first { $0.metric == metric.rawValue })
            let value = try #require(expected[t])
            #expect(abs(row.mean - value) < 4.5 * row.standardError, "\(metric) t=\(t): \(row.mean) vs \(value)")
        }
    }
}
