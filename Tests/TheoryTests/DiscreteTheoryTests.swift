import Families
import Foundation
import ModelCollapse
import Statistics
import Testing
import Theory

// Closed forms of RESEARCH.md §5–7 against their checked numbers, and simulations against the
// closed forms. A simulated mean must lie within 4.5 standard errors (the replicates' sd/√R) of
// the closed form: two-sided false-failure rate ≈ 6.8·10⁻⁶ per check; a chi-square test must give
// p ≥ 10⁻⁴.

private func z(_ row: MetricSummary, _ expected: Double) -> Double {
    abs(row.mean - expected) / row.standardError
}

private extension SimulationResult {
    func summary(_ metric: String, at generation: Int) -> MetricSummary {
        rows[generation].first { $0.metric == metric }!
    }
}

private func runCategorical(
    truth: [Double], dataSet: [Int]? = nil, n: Int, generations: Int, replicates: Int, regime: Regime,
    metrics: [CategoricalMetric] = [.collision, .firstFitDistance, .tailMass], seed: UInt64 = 71
) -> SimulationResult {
    let plan = SimulationPlan(generations: generations, replicates: replicates, seed: seed, schedule: .constant(n), regime: regime, threads: 2)
    let chain = ReplicateChain(
        source: CategoricalSource(truth: CategoricalModel(probabilities: truth), kind: dataSet.map { .dataSet($0) } ?? .distribution),
        learner: CategoricalLearner(categoryCount: truth.count, estimator: .mle),
        evaluation: CategoricalEvaluation(truth: DiscreteTruth(probabilities: truth), metrics: metrics),
        plan: plan)
    return Simulation(chain: chain).run()
}

/// Seddik et al.'s mixed setting: the first fit's real sample kept in every training set.
private let seddikMixed = Regime(synthetic: .replace, real: .keep)

@Suite("Discrete theory")
struct DiscreteTheoryTests {
    /// RESEARCH.md §5: N = n = 100, K = 10 uniform (S₁ = 0.1): D_∞ = 0.0029900.
    @Test func seddikStationaryDistance() {
        let value = CategoricalChainTheory.stationaryFirstFitDistance(real: 100, synthetic: 100, firstFitCollision: 0.1)
        #expect(abs(value - 0.0029900) < 5e-8)
        // The recursion from D₁ = 0 converges to it when p⁽¹⁾ is the truth (a data set).
        let chain = CategoricalChainTheory(
            truthCollision: 0.1, firstFit: .exact(100), syntheticSizes: Array(repeating: 100, count: 200),
            realPart: .kept(realWeight: nil))
        #expect(abs(chain.firstFitDistances[200] - value) < 1e-15)
        // real-weight 0.5 is the same mixture as N = n.
        let weighted = CategoricalChainTheory(
            truthCollision: 0.1, firstFit: .exact(100), syntheticSizes: Array(repeating: 100, count: 200),
            realPart: .kept(realWeight: 0.5))
        #expect(abs(weighted.firstFitDistances[200] - value) < 1e-15)
    }

    /// Fully synthetic: S_m = 1 − (1 − 1/n)^m (1 − S₀) with m = t (the first fit draws n too), and
    /// the Wright–Fisher heterozygosity (1 − 1/n)^t (1 − Σp₀²).
    @Test func collisionUnderFullSynthesis() {
        let chain = CategoricalChainTheory(truthCollision: 0.3, firstFit: .sample(50), syntheticSizes: Array(repeating: 50, count: 99))
        for t in [1, 2, 10, 100] {
            let seddik = 1 - pow(1 - 1.0 / 50, Double(t)) * 0.7
            #expect(abs(chain.collisions[t] - seddik) < 1e-14)
            #expect(abs(1 - chain.collisions[t] - CategoricalChainTheory.heterozygosity(initial: 0.7, sampleSize: 50, generations: t)) < 1e-14)
        }
        #expect(chain.collisions[0] == 0.3 && chain.firstFitDistances[1] == 0)
    }

    /// Wright–Fisher: simulated E Σp_t² against 1 − (1 − 1/n)^t (1 − S₀), n = 20, at t = 5, 25;
    /// the tail mass keeps its expectation 0.1 while categories die.
    @Test func wrightFisherHeterozygosityBySimulation() {
        let truth = [0.4, 0.3, 0.2, 0.1]
        let s0 = truth.reduce(0) { $0 + $1 * $1 }
        let result = runCategorical(truth: truth, n: 20, generations: 25, replicates: 10_000, regime: .replace)
        for t in [5, 25] {
            let expected = 1 - CategoricalChainTheory.heterozygosity(initial: 1 - s0, sampleSize: 20, generations: t)
            #expect(z(result.summary("collision", at: t), expected) < 4.5, "t = \(t)")
            #expect(z(result.summary("tail-mass", at: t), 0.1) < 4.5, "t = \(t)")
        }
    }

    /// Seddik's mixed recursion, reproduced exactly: the real data set of 10 categories × 10 points
    /// (p⁽¹⁾ uniform, S₁ = 0.1), n = 100 synthetic points, regime {replace, real: keep}:
    /// E first-fit-distance at t = 25 (converged: α²(1 − 1/n) = 0.2475) is D_∞ = 0.0029900, and
    /// E collision = S₁ + D_t.
    @Test func seddikMixedDistanceBySimulation() {
        let counts = [Int](repeating: 10, count: 10)
        let truth = [Double](repeating: 0.1, count: 10)
        let result = runCategorical(truth: truth, dataSet: counts, n: 100, generations: 25, replicates: 8000, regime: seddikMixed)
        let stationary = CategoricalChainTheory.stationaryFirstFitDistance(real: 100, synthetic: 100, firstFitCollision: 0.1)
        #expect(z(result.summary("first-fit-distance", at: 25), stationary) < 4.5)
        #expect(z(result.summary("collision", at: 25), 0.1 + stationary) < 4.5)
        let theory = CategoricalChainTheory(
            truthCollision: 0.1, firstFit: .exact(100), syntheticSizes: Array(repeating: 100, count: 24), realPart: .kept(realWeight: nil))
        #expect(z(result.summary("first-fit-distance", at: 3), theory.firstFitDistances[3]) < 4.5)
    }

    /// The same setting with a sampled real sample (N = n(0) = 100 draws of a Zipf truth), where
    /// E(1 − S₁) = (1 − 1/N)(1 − S₀), and with fresh samples of unequal sizes.
    @Test func seddikMixedWithASampledFirstFit() {
        let truth = [0.4, 0.25, 0.15, 0.1, 0.06, 0.04]
        let s0 = truth.reduce(0) { $0 + $1 * $1 }
        let result = runCategorical(truth: truth, n: 30, generations: 12, replicates: 20_000, regime: seddikMixed)
        let theory = CategoricalChainTheory(
            truthCollision: s0, firstFit: .sample(30), syntheticSizes: Array(repeating: 30, count: 11), realPart: .kept(realWeight: nil))
        for t in [2, 12] {
            #expect(z(result.summary("first-fit-distance", at: t), theory.firstFitDistances[t]) < 4.5, "t = \(t)")
            #expect(z(result.summary("collision", at: t), theory.collisions[t]) < 4.5, "t = \(t)")
        }
    }

    /// Fixation: every chain ends on one category, category j with probability p_{0,j}
    /// (chi-square over 4 categories, 3 degrees of freedom), n = 10, T = 200 (a chain is still
    /// unfixed with probability ≈ 3·0.9^200 ≈ 2·10⁻⁹).
    @Test func fixationFrequenciesMatchTheInitialProbabilities() throws {
        let truth = [0.1, 0.2, 0.3, 0.4]
        let replicates = 4000
        let plan = SimulationPlan(generations: 200, replicates: replicates, seed: 72, schedule: .constant(10), threads: 2)
        let chain = ReplicateChain(
            source: CategoricalSource(truth: CategoricalModel(probabilities: truth)),
            learner: CategoricalLearner(categoryCount: 4, estimator: .mle),
            evaluation: FixationEvaluation(categories: 4), plan: plan)
        let result = Simulation(chain: chain).run()
        let last = result.rows[200]
        #expect(last.first { $0.metric == "fixed" }!.mean == 1, "a chain had not fixed by T")
        let observed = (0..<4).map { j in Int((last.first { $0.metric == "fixed-\(j)" }!.mean * Double(replicates)).rounded()) }
        #expect(observed.reduce(0, +) == replicates)
        let expected = CategoricalChainTheory.fixationProbabilities(truth: truth).map { $0 * Double(replicates) }
        let test = ChiSquareTest.goodnessOfFit(observed: observed, expected: expected)
        #expect(test.pValue >= 1e-4, "fixation counts \(observed), p = \(test.pValue)")
    }

    /// Next-token, proportional allocation, real sample kept: each context follows the chain
    /// theory; the visit-weighted collision and first-fit distance match.
    @Test func nextTokenProportionalMixedBySimulation() throws {
        let (result, theory) = runNextToken(allocation: .proportional, regime: seddikMixed, n: 60, generations: 15)
        for t in [3, 15] {
            #expect(z(result.summary("collision", at: t), theory.collision[t]) < 4.5, "t = \(t)")
            #expect(z(result.summary("first-fit-distance", at: t), theory.firstFitDistance[t]) < 4.5, "t = \(t)")
        }
    }

    /// Next-token, contexts visited at random (sizes Binomial(n, f_c), sometimes 0), replace.
    @Test func nextTokenMultinomialReplaceBySimulation() throws {
        let (result, theory) = runNextToken(allocation: .multinomial, regime: .replace, n: 25, generations: 10)
        #expect(z(result.summary("collision", at: 1), theory.collision[1]) < 4.5)
        for t in [4, 10] {
            #expect(z(result.summary("collision", at: t), theory.collision[t]) < 4.5, "t = \(t)")
            #expect(z(result.summary("first-fit-distance", at: t), theory.firstFitDistance[t]) < 4.5, "t = \(t)")
        }
    }

    private func runNextToken(
        allocation: ContextAllocation, regime: Regime, n: Int, generations: Int
    ) -> (SimulationResult, (collision: [Double], firstFitDistance: [Double])) {
        let contexts = 3, tokens = 5
        let truth = NextTokenTruth.zipf(contexts: contexts, tokens: tokens, exponent: 1)
        let visits = ContextVisits(frequencies: [0.5, 0.3, 0.2])
        let model = NextTokenModel(contexts: contexts, tokens: tokens, weights: truth, lineage: .real)
        let plan = SimulationPlan(generations: generations, replicates: 10_000, seed: 73, schedule: .constant(n), regime: regime, threads: 2)
        let chain = ReplicateChain(
            source: NextTokenSource(truth: model, visits: visits, allocation: allocation),
            learner: NextTokenLearner(contexts: contexts, tokens: tokens, visits: visits, allocation: allocation, estimator: .mle),
            evaluation: NextTokenEvaluation(truth: model, visits: visits, metrics: [.collision, .firstFitDistance]),
            plan: plan)
        let collisions = (0..<contexts).map { c in truth[(c * tokens)..<((c + 1) * tokens)].reduce(0) { $0 + $1 * $1 } }
        let theory = NextTokenTheory(
            visits: visits.frequencies, tokens: tokens, truthCollisions: collisions,
            sizes: Array(repeating: n, count: generations), allocation: allocation, realKept: regime.real == .keep)
        return (Simulation(chain: chain).run(), theory.expectations()!)
    }
}

/// `fixed` (one category left) and `fixed-j` (all the mass on category j), for the fixation test.
struct FixationEvaluation: Evaluation {
    var categories: Int
    var metricNames: [String] { ["fixed"] + (0..<categories).map { "fixed-\($0)" } }
    func evaluateTruth(into values: inout [Double]) {
        for i in values.indices { values[i] = 0 }
    }
    func evaluate(_ model: CategoricalModel, previous: [Double], into values: inout [Double]) {
        values[0] = model.support == 1 ? 1 : 0
        for j in 0..<categories { values[j + 1] = model.probabilities[j] == 1 ? 1 : 0 }
    }
}
