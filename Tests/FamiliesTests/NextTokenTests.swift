import Families
import Foundation
import ModelCollapse
import Randomness
import Testing

func simulateNextToken(
    truth: [Double], contexts: Int, visits: [Double], allocation: ContextAllocation,
    estimator: CategoricalEstimator = .mle, sampling: DiscreteSampling = .multinomial, schedule: SampleSchedule,
    generations: Int, replicates: Int, metrics: [CategoricalMetric], regime: Regime = .replace, seed: UInt64 = 41
) -> SimulationResult {
    let tokens = truth.count / contexts
    let model = NextTokenModel(contexts: contexts, tokens: tokens, weights: truth, lineage: .real)
    let contextVisits = ContextVisits(frequencies: visits)
    let plan = SimulationPlan(
        generations: generations, replicates: replicates, seed: seed, schedule: schedule, regime: regime, threads: 2)
    let chain = ReplicateChain(
        source: NextTokenSource(truth: model, visits: contextVisits, allocation: allocation, sampling: sampling),
        learner: NextTokenLearner(
            contexts: contexts, tokens: tokens, visits: contextVisits, allocation: allocation, estimator: estimator,
            sampling: sampling),
        evaluation: NextTokenEvaluation(truth: model, visits: contextVisits, metrics: metrics),
        plan: plan)
    return Simulation(chain: chain).run()
}

@Suite("Next-token family")
struct NextTokenTests {
    /// Proportional allocation: Σ n_c = n and |n_c − n f_c| ≤ 1; multinomial: Σ n_c = n.
    @Test func allocationsSplitTheBudget() {
        let visits = ContextVisits(frequencies: [0.5, 0.25, 0.125, 0.0625, 0.0625])
        var generator = Xoshiro256StarStar(seed: 42)
        var sizes: [Int] = []
        for n in [1, 7, 100, 12_345] {
            ContextAllocation.proportional.allocate(n, cumulative: visits.cumulative, conditionals: visits.conditionals, into: &sizes, using: &generator)
            #expect(sizes.reduce(0, +) == n)
            for c in 0..<5 { #expect(abs(Double(sizes[c]) - Double(n) * visits.frequencies[c]) <= 1) }
            ContextAllocation.multinomial.allocate(n, cumulative: visits.cumulative, conditionals: visits.conditionals, into: &sizes, using: &generator)
            #expect(sizes.reduce(0, +) == n)
        }
    }

    /// A context without data keeps the drawing model's row; the first fit gives it the uniform row.
    @Test func aContextWithoutDataKeepsItsRow() {
        let visits = ContextVisits(frequencies: [0.5, 0.5])
        let learner = NextTokenLearner(contexts: 2, tokens: 3, visits: visits, allocation: .proportional, estimator: .mle)
        let first = learner.fit(TrainingSet(parts: [.init(batch: ContextTokenCounts(counts: [1, 2, 1, 0, 0, 0], contexts: 2), origin: .real)]))
        let expected: [Double] = [0.25, 0.5, 0.25, 1.0 / 3, 1.0 / 3, 1.0 / 3]
        #expect(first.probabilities == expected)
        let second = learner.fit(TrainingSet(parts: [.init(batch: ContextTokenCounts(counts: [0, 0, 0, 0, 4, 0], contexts: 2, lineage: first.lineage), origin: .synthetic)]))
        #expect(Array(second.probabilities[0..<3]) == [0.25, 0.5, 0.25])
        #expect(Array(second.probabilities[3..<6]) == [0, 1, 0])
        #expect(second.lineage.lostAt == [0, 0, 0, 2, 0, 2])
    }

    /// With one context the next-token family is the categorical family: same metrics in
    /// distribution (4.5 standard errors of the difference).
    @Test func oneContextIsACategorical() {
        let truth = Zipf.probabilities(count: 15, exponent: 0.8)
        let metrics: [CategoricalMetric] = [.tv, .kl, .entropy, .collision, .supportLost, .tailMass, .meanLossGeneration, .firstFitDistance]
        let a = simulateNextToken(
            truth: truth, contexts: 1, visits: [1], allocation: .multinomial, schedule: .constant(25), generations: 12,
            replicates: 4000, metrics: metrics)
        let b = simulateCategorical(truth: truth, schedule: .constant(25), generations: 12, replicates: 4000, metrics: metrics, seed: 43)
        for metric in metrics where metric != .kl {
            let z = twoSampleZ(a.row(metric.rawValue, at: 12), b.row(metric.rawValue, at: 12))
            #expect(z < 4.5, "\(metric): z = \(z)")
        }
        // KL is infinite as soon as a token is lost: compare how many replicates it is infinite in.
        let infiniteA = Double(a.row("kl", at: 12).nonFiniteCount) / 4000
        let infiniteB = Double(b.row("kl", at: 12).nonFiniteCount) / 4000
        let se = (infiniteA * (1 - infiniteA) / 2000).squareRoot()
        #expect(abs(infiniteA - infiniteB) < 4.5 * max(se, 1e-3))
    }

    /// Sample path and multinomial path agree, with both allocations.
    @Test(arguments: [ContextAllocation.proportional, .multinomial])
    func pathsAgree(allocation: ContextAllocation) {
        let truth = NextTokenTruth.zipf(contexts: 3, tokens: 8, exponent: 1)
        let metrics: [CategoricalMetric] = [.tv, .collision, .support, .tailMass, .firstFitDistance, .collapsed]
        let a = simulateNextToken(
            truth: truth, contexts: 3, visits: [0.5, 0.3, 0.2], allocation: allocation, sampling: .multinomial,
            schedule: .constant(30), generations: 10, replicates: 3000, metrics: metrics, seed: 44)
        let b = simulateNextToken(
            truth: truth, contexts: 3, visits: [0.5, 0.3, 0.2], allocation: allocation, sampling: .points,
            schedule: .constant(30), generations: 10, replicates: 3000, metrics: metrics, seed: 45)
        for metric in metrics {
            let z = twoSampleZ(a.row(metric.rawValue, at: 10), b.row(metric.rawValue, at: 10))
            #expect(z < 4.5, "\(metric): z = \(z)")
        }
    }

    /// Ready-made truths: rows sum to 1, the Zipf rows are rotations, the Dirichlet truth is
    /// reproducible from its seed.
    @Test func readyMadeTruths() {
        let zipf = NextTokenTruth.zipf(contexts: 3, tokens: 4, exponent: 1)
        #expect(zipf[0] == zipf[5] && zipf[1] == zipf[6] && zipf[3] == zipf[4])
        let a = NextTokenTruth.dirichlet(contexts: 4, tokens: 6, concentration: 0.5, seed: 9)
        #expect(a == NextTokenTruth.dirichlet(contexts: 4, tokens: 6, concentration: 0.5, seed: 9))
        for c in 0..<4 { #expect(abs(a[(c * 6)..<(c * 6 + 6)].reduce(0, +) - 1) < 1e-12) }
    }
}
