import Families
import LinearAlgebra
import ModelCollapse
import Randomness
import Testing

@Test func weightedMLEFitEqualsTheFitOfTheExpandedSample() {
    // Integer weights are frequency weights: weight 3 on a part = that part three times.
    let a = UnivariateSampleBatch(points: [0.5, 1.5, -2.0])
    let b = UnivariateSampleBatch(points: [4.0, 3.0])
    let learner = UnivariateGaussianLearner<UnivariateSampleBatch>(estimator: .mle)
    let weighted = learner.fit(TrainingSet(parts: [.init(batch: a, weight: 3, origin: .real), .init(batch: b, weight: 1, origin: .synthetic)]))
    let expanded = UnivariateSampleBatch(points: a.points + a.points + a.points + b.points)
    let direct = learner.fit(TrainingSet(parts: [.init(batch: expanded, origin: .real)]))
    #expect(abs(weighted.mean - direct.mean) < 1e-12)
    #expect(abs(weighted.variance - direct.variance) < 1e-12)
}

@Test func unbiasedFitDividesByNMinusOneAndByReliabilityWeights() {
    let points = [1.0, 2.0, 4.0, 7.0]
    let batch = UnivariateSampleBatch(points: points)
    let mean = points.reduce(0, +) / 4
    let scatter = points.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    let learner = UnivariateGaussianLearner<UnivariateSampleBatch>(estimator: .unbiased)
    let fit = learner.fit(TrainingSet(parts: [.init(batch: batch, origin: .real)]))
    #expect(abs(fit.variance - scatter / 3) < 1e-12)
    // Two parts, weights 2 and 0.5: V₁ = 2·2 + 0.5·2, V₂ = 4·2 + 0.25·2.
    let first = UnivariateSampleBatch(points: [1, 2]), second = UnivariateSampleBatch(points: [4, 7])
    let weighted = learner.fit(TrainingSet(parts: [.init(batch: first, weight: 2, origin: .real), .init(batch: second, weight: 0.5, origin: .synthetic)]))
    let v1 = 5.0, v2 = 8.5
    let mu = (2 * 3 + 0.5 * 11) / v1
    let m = 2 * ((1 - mu) * (1 - mu) + (2 - mu) * (2 - mu)) + 0.5 * ((4 - mu) * (4 - mu) + (7 - mu) * (7 - mu))
    #expect(abs(weighted.mean - mu) < 1e-12)
    #expect(abs(weighted.variance - m / (v1 - v2 / v1)) < 1e-12)
}

@Test func statisticsCombineLikeConcatenatedSamples() {
    var generator = Xoshiro256StarStar(seed: 5)
    var a = UnivariateSampleBatch(), b = UnivariateSampleBatch()
    a.drawGaussian(mean: 3, standardDeviation: 2, count: 17, using: &generator)
    b.drawGaussian(mean: -1, standardDeviation: 0.5, count: 9, using: &generator)
    var joined = a
    joined.append(b)
    let direct = UnivariateSampleBatch(points: a.points + b.points).statistics
    #expect(joined.count == 26)
    #expect(abs(joined.statistics.mean - direct.mean) < 1e-12)
    #expect(abs(joined.statistics.sumOfSquares - direct.sumOfSquares) < 1e-10)
}

@Test func degenerateFitsAreRecordedAsCollapseNotErrors() {
    // MLE on one point: σ² = 0 at the first fit; then log-variance −∞, KL +∞, collapsed 1, and the
    // chain goes on producing the same point.
    let result = simulateUnivariate(
        UnivariateSampleBatch.self, estimator: .mle, schedule: .constant(1), generations: 5,
        replicates: 10, metrics: [.variance, .logVariance, .kl, .collapsed, .tailMass])
    for t in 1...5 {
        #expect(result.row(.variance, at: t).mean == 0)
        #expect(result.row(.logVariance, at: t).mean == -.infinity)
        #expect(result.row(.kl, at: t).mean == .infinity)
        #expect(result.row(.collapsed, at: t).mean == 1)
        #expect(result.row(.kl, at: t).nonFiniteCount == 10)
        #expect(result.row(.tailMass, at: t).mean.isFinite)
    }
}

@Test func collapsedStaysOnceReached() {
    let evaluation = UnivariateGaussianEvaluation(
        truth: UnivariateGaussianModel(mean: 0, variance: 1), metrics: [.collapsed], collapseThreshold: 0.01)
    var values = [0.0]
    evaluation.evaluate(UnivariateGaussianModel(mean: 0, variance: 0.5), previous: [0], into: &values)
    #expect(values == [0])
    evaluation.evaluate(UnivariateGaussianModel(mean: 0, variance: 0.001), previous: [0], into: &values)
    #expect(values == [1])
    evaluation.evaluate(UnivariateGaussianModel(mean: 0, variance: 0.5), previous: [1], into: &values)
    #expect(values == [1])
}

@Test func accumulatingKeepsTheVarianceWhereReplacingLosesIt() {
    // Gerstgrasser et al. 2024: with accumulation the fitted variance stays near σ²; with
    // replacement (MLE) it decays as (1 − 1/n)^t. n = 20, t = 60: (0.95)^60 = 0.046.
    let replace = simulateUnivariate(
        UnivariateStatisticsBatch.self, estimator: .mle, schedule: .constant(20), generations: 60,
        replicates: 2_000, metrics: [.variance], regime: .replace)
    let accumulate = simulateUnivariate(
        UnivariateStatisticsBatch.self, estimator: .mle, schedule: .constant(20), generations: 60,
        replicates: 2_000, metrics: [.variance], regime: .accumulate)
    #expect(zScore(replace.row(.variance, at: 60), 0.046069799) < 4.5)
    let kept = accumulate.row(.variance, at: 60)
    #expect(kept.mean > 0.8 && kept.mean < 1.0, "accumulated variance \(kept.mean)")
}

@Test func incrementalUpdatesMovePartWay() {
    let learner = UnivariateGaussianLearner<UnivariateStatisticsBatch>(estimator: .mle)
    let next = learner.interpolate(
        from: UnivariateGaussianModel(mean: 0, variance: 1), toward: UnivariateGaussianModel(mean: 2, variance: 3), step: 0.25)
    #expect(next.mean == 0.5 && next.variance == 1.5)
    // With a small constant step the variance decays far more slowly than under refitting.
    let slow = simulateUnivariate(
        UnivariateStatisticsBatch.self, estimator: .mle, schedule: .constant(20), generations: 60,
        replicates: 500, metrics: [.variance], update: .incremental(.constant(0.1)))
    #expect(slow.row(.variance, at: 60).mean > 0.5)
}

@Test func threadCountDoesNotChangeResults() {
    let one = simulateUnivariate(
        UnivariateSampleBatch.self, estimator: .mle, schedule: .constant(10), generations: 7,
        replicates: 333, metrics: GaussianMetric.allCases, threads: 1)
    let three = simulateUnivariate(
        UnivariateSampleBatch.self, estimator: .mle, schedule: .constant(10), generations: 7,
        replicates: 333, metrics: GaussianMetric.allCases, threads: 3)
    #expect(one.rows == three.rows)
}
