import Families
import Foundation
import ModelCollapse
import Randomness
import Statistics
import Testing

@Suite("Categorical family")
struct CategoricalTests {
    static let uniform10 = [Double](repeating: 0.1, count: 10)

    /// The multinomial draw: sums to n, never draws a category without mass, and each marginal is
    /// Binomial(n, p_i) (chi-square, 100,000 draws).
    @Test func multinomialDrawMarginalsAreBinomial() {
        let model = CategoricalModel(weights: [3, 0, 1, 6, 0, 0.5, 0], lineage: .real)
        #expect(model.aliveCategories == [0, 2, 3, 5] && model.aliveConditionals == [1, 0.25, 0.6, 0.5 / 10.5])
        var generator = Xoshiro256StarStar(seed: 31)
        var batch = CategoryCounts()
        var marginals = [[Int]](repeating: [], count: 7)
        for _ in 0..<100_000 {
            batch.draw(from: model, count: 40, pointwise: false, using: &generator)
            #expect(batch.counts.reduce(0, +) == 40 && batch.total == 40)
            for i in 0..<7 { marginals[i].append(batch.counts[i]) }
        }
        for i in 0..<7 {
            let p = model.probabilities[i]
            if p == 0 {
                #expect(marginals[i].allSatisfy { $0 == 0 })
                continue
            }
            let pmf = (0...40).map { x in
                exp(SpecialFunctions.logBinomialCoefficient(40, x) + Double(x) * log(p) + Double(40 - x) * log1p(-p))
            }
            let pValue = chiSquarePValue(marginals[i], pmf: pmf)
            #expect(pValue >= discreteGoodnessOfFitLevel, "category \(i): p = \(pValue)")
        }
    }

    /// The joint law of the draw: n = 8 over five categories, one dead: chi-square over all
    /// 330 compositions of 8 into the four live ones against n!/∏xᵢ! ∏pᵢ^xᵢ (100,000 draws).
    @Test func multinomialDrawJointDistribution() {
        let weights = [0.2, 0, 0.5, 0.1, 0.2]
        let model = CategoricalModel(weights: weights, lineage: .real)
        var index: [[Int]: Int] = [:]
        var pmf: [Double] = []
        for a in 0...8 {
            for c in 0...(8 - a) {
                for d in 0...(8 - a - c) {
                    let e = 8 - a - c - d
                    index[[a, 0, c, d, e]] = pmf.count
                    var logP = SpecialFunctions.logFactorial(8)
                    for (x, p) in [(a, 0.2), (c, 0.5), (d, 0.1), (e, 0.2)] {
                        logP += Double(x) * log(p) - SpecialFunctions.logFactorial(x)
                    }
                    pmf.append(exp(logP))
                }
            }
        }
        var generator = Xoshiro256StarStar(seed: 32)
        var batch = CategoryCounts()
        var observed = [Int](repeating: 0, count: pmf.count)
        let draws = 100_000
        for _ in 0..<draws {
            batch.draw(from: model, count: 8, pointwise: false, using: &generator)
            guard let cell = index[batch.counts] else {
                Issue.record("not a composition of 8 with the dead category empty: \(batch.counts)")
                return
            }
            observed[cell] += 1
        }
        let pooled = ChiSquareTest.pooled(observed: observed, expected: pmf.map { $0 * Double(draws) }, minimumExpected: 10)
        let result = ChiSquareTest.goodnessOfFit(observed: pooled.observed, expected: pooled.expected)
        #expect(result.pValue >= discreteGoodnessOfFitLevel, "chi-square \(result.statistic), p = \(result.pValue)")
    }

    /// Weighted MLE and add-k fits from count vectors, exactly.
    @Test func weightedFits() {
        let a = CategoryCounts(counts: [2, 0, 6])
        let b = CategoryCounts(counts: [1, 1, 0])
        let set = TrainingSet<CategoryCounts>(parts: [.init(batch: a, weight: 0.5, origin: .synthetic), .init(batch: b, weight: 2, origin: .real)])
        let mle = CategoricalLearner(categoryCount: 3, estimator: .mle).fit(set)
        // w = (0.5·2 + 2·1, 0 + 2·1, 0.5·6) = (3, 2, 3), W = 8.
        let expectedMLE: [Double] = [3.0 / 8, 2.0 / 8, 3.0 / 8]
        #expect(mle.probabilities == expectedMLE)
        let smoothed = CategoricalLearner(categoryCount: 3, estimator: .addK(0.5)).fit(set)
        let expectedSmoothed: [Double] = [3.5 / 9.5, 2.5 / 9.5, 3.5 / 9.5]
        #expect(smoothed.probabilities == expectedSmoothed)
        #expect(mle.lineage.generation == 1 && mle.lineage.firstFit == mle.probabilities)
    }

    /// The lineage records when a category was lost and keeps the first fit; a category that
    /// comes back is no longer counted as lost.
    @Test func lineageRecordsLossGenerations() {
        let learner = CategoricalLearner(categoryCount: 4, estimator: .mle)
        func fit(_ counts: [Int], lineage: CategoryLineage) -> CategoricalModel {
            learner.fit(TrainingSet(parts: [.init(batch: CategoryCounts(counts: counts, lineage: lineage), origin: .synthetic)]))
        }
        let first = fit([1, 0, 2, 1], lineage: .real)
        #expect(first.lineage.lostAt == [0, 1, 0, 0])
        let second = fit([0, 0, 3, 1], lineage: first.lineage)
        #expect(second.lineage.generation == 2 && second.lineage.lostAt == [2, 1, 0, 0])
        #expect(second.lineage.firstFit == first.probabilities)
        let third = fit([1, 0, 2, 1], lineage: second.lineage)
        #expect(third.lineage.lostAt == [0, 1, 0, 0])
        let evaluation = CategoricalEvaluation(
            truth: DiscreteTruth(probabilities: [0.25, 0.25, 0.25, 0.25]),
            metrics: [.meanLossGeneration, .supportLost, .firstFitDistance, .collapsed, .support])
        var values = [Double](repeating: 0, count: 5)
        evaluation.evaluate(second, previous: values, into: &values)
        // min(lost, t) over the 4 categories at t = 2: (2 + 1 + 2 + 2)/4.
        #expect(values[0] == 7.0 / 4 && values[1] == 2 && values[3] == 0 && values[4] == 2)
        let d = zip(second.probabilities, first.probabilities).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        #expect(abs(values[2] - d) < 1e-15)
    }

    /// Tail weights: the rarest categories holding 10% of the mass, the boundary in part.
    @Test func tailMassOfTheTruthIsTheTailFraction() {
        let truth = DiscreteTruth(probabilities: [0.5, 0.3, 0.12, 0.05, 0.03])
        let expected: [Double] = [0, 0, 0.02 / 0.12, 1, 1]
        #expect(zip(truth.tailWeights, expected).allSatisfy { abs($0 - $1) < 1e-14 })
        let zipf = DiscreteTruth(probabilities: Zipf.probabilities(count: 1000, exponent: 1.1))
        let mass = zip(zipf.tailWeights, zipf.probabilities).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(mass - 0.1) < 1e-12)
    }

    /// add-k smoothing never loses a category: support-lost is 0 in every replicate (mean 0 of
    /// non-negative values) at every generation, even with n = 10 points for 50 Zipf categories.
    @Test func addKNeverLosesACategory() {
        let truth = Zipf.probabilities(count: 50, exponent: 1.2)
        let result = simulateCategorical(
            truth: truth, estimator: .addK(0.1), schedule: .constant(10), generations: 200, replicates: 500,
            metrics: [.supportLost, .support, .kl])
        for t in 1...200 {
            #expect(result.row("support-lost", at: t).mean == 0)
            #expect(result.row("support", at: t).mean == 50)
            #expect(result.row("kl", at: t).nonFiniteCount == 0)
        }
        // The MLE on the same data loses categories.
        let mle = simulateCategorical(
            truth: truth, schedule: .constant(10), generations: 20, replicates: 100, metrics: [.supportLost])
        #expect(mle.row("support-lost", at: 20).mean > 30)
    }

    /// Both paths — one multinomial vector, or n points tallied — agree in distribution: every
    /// metric's mean within 4.5 standard errors of the difference, at t = 3 and t = 15, including a
    /// regime that subsamples and mixes in fresh real data.
    @Test(arguments: [Regime.replace, Regime(synthetic: .accumulateSubsample(30), real: .fraction(0.2))])
    func samplePathAndMultinomialPathAgree(regime: Regime) {
        let truth = Zipf.probabilities(count: 12, exponent: 1)
        let metrics: [CategoricalMetric] = [.tv, .entropy, .collision, .support, .tailMass, .meanLossGeneration, .firstFitDistance]
        let a = simulateCategorical(
            truth: truth, sampling: .multinomial, schedule: .constant(30), generations: 15, replicates: 4000,
            metrics: metrics, regime: regime, seed: 5)
        let b = simulateCategorical(
            truth: truth, sampling: .points, schedule: .constant(30), generations: 15, replicates: 4000,
            metrics: metrics, regime: regime, seed: 6)
        for t in [3, 15] {
            for metric in metrics {
                let z = twoSampleZ(a.row(metric.rawValue, at: t), b.row(metric.rawValue, at: t))
                #expect(z < 4.5, "\(metric) at \(t): z = \(z)")
            }
        }
    }

    /// A finite data set: the first fit sees it whole (p⁽¹⁾ = its proportions, the truth); later
    /// real draws subsample it without replacement.
    @Test func aDataSetIsTheFirstTrainingSet() {
        let counts = [5, 3, 2, 0]
        let source = CategoricalSource(truth: CategoricalModel(weights: counts.map(Double.init), lineage: .real), kind: .dataSet(counts))
        var generator = Xoshiro256StarStar(seed: 33)
        #expect(source.initialSample(count: 1, using: &generator).counts == counts)
        #expect(!source.canDrawFresh)
        let drawn = source.draw(4, using: &generator)
        #expect(drawn.total == 4 && zip(drawn.counts, counts).allSatisfy { $0 <= $1 })
        #expect(source.draw(100, using: &generator).counts == counts)
        let result = simulateCategorical(
            truth: [0.5, 0.3, 0.2, 0], dataSet: counts, schedule: .constant(10), generations: 2, replicates: 10,
            metrics: [.tv, .supportLost])
        #expect(result.row("tv", at: 1).mean < 1e-15 && result.row("tv", at: 1).standardDeviation == 0)
    }

    /// Incremental updates keep categories alive while either model has mass.
    @Test func incrementalUpdateMixesTheModels() {
        let learner = CategoricalLearner(categoryCount: 3, estimator: .mle)
        let previous = learner.fit(TrainingSet(parts: [.init(batch: CategoryCounts(counts: [1, 1, 2]), origin: .real)]))
        let fitted = learner.fit(TrainingSet(parts: [.init(batch: CategoryCounts(counts: [0, 2, 2], lineage: previous.lineage), origin: .synthetic)]))
        let mixed = learner.interpolate(from: previous, toward: fitted, step: 0.5)
        #expect(mixed.probabilities == [0.125, 0.375, 0.5])
        #expect(mixed.lineage.generation == 2 && mixed.lineage.lostAt == [0, 0, 0])
    }
}
