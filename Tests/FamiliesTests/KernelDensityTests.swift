import Families
import Foundation
import ModelCollapse
import Randomness
import Statistics
import Testing

// Statistical checks allow 4.5 standard errors (two-sided false-failure rate ≈ 7·10⁻⁶ per check).

func pointPart(_ points: [Double], weight: Double = 1, origin: TrainingSet<PointBatch>.Origin = .synthetic) -> TrainingSet<PointBatch>.Part {
    .init(batch: PointBatch(points: points, dimension: 1), weight: weight, origin: origin)
}

@Test func kdeMomentsAreThePointsMomentsPlusTheKernel() {
    let learner = KernelDensityLearner(bandwidth: .fixed(0.3))
    let points = [1.0, 2.0, 4.0, 7.0]
    let model = learner.fit(TrainingSet(parts: [pointPart(points)]))
    #expect(abs(model.mean - 3.5) < 1e-12)
    // Σ(x − 3.5)²/4 = (6.25 + 2.25 + 0.25 + 12.25)/4 = 5.25.
    #expect(abs(model.variance - (5.25 + 0.09)) < 1e-12)
    // Weighted: weight 3 on [0, 1] and 1 on [10] is the KDE of [0, 0, 0, 1, 1, 1, 10].
    let weighted = learner.fit(TrainingSet(parts: [pointPart([0, 1], weight: 3), pointPart([10], weight: 1, origin: .real)]))
    let expanded = KernelDensityModel(points: [0, 0, 0, 1, 1, 1, 10], bandwidth: 0.3)
    #expect(abs(weighted.mean - expanded.mean) < 1e-12)
    #expect(abs(weighted.variance - expanded.variance) < 1e-12)
    #expect(abs(weighted.tailMass(lower: -0.5, upper: 0.8) - expanded.tailMass(lower: -0.5, upper: 0.8)) < 1e-14)
    // Parts of weight 0 are left out.
    let zero = learner.fit(TrainingSet(parts: [pointPart([0, 1]), pointPart([10], weight: 0, origin: .real)]))
    #expect(zero.points == [0, 1])
}

@Test func bandwidthRulesMatchTheirFormulas() {
    // Reference: NumPy, x.std(ddof=1) and np.percentile(x, [25, 75], method='hazen').
    let points = [1.0, 2.0, 3.0, 4.0, 10.0, -2.5, 0.5]
    let scott = KernelDensityLearner(bandwidth: .scott).fit(TrainingSet(parts: [pointPart(points)]))
    #expect(abs(scott.bandwidth - 2.7831087169268836) < 1e-12)
    let silverman = KernelDensityLearner(bandwidth: .silverman).fit(TrainingSet(parts: [pointPart(points)]))
    #expect(abs(silverman.bandwidth - 1.4222243984618304) < 1e-12)
    // One point has no spread: h = 0, a point-mass model.
    let single = KernelDensityLearner(bandwidth: .scott).fit(TrainingSet(parts: [pointPart([3])]))
    #expect(single.bandwidth == 0)
}

@Test func weightedQuantilesAreHazenForEqualWeights() {
    let points = [5.0, 1.0, 3.0, 2.0, 4.0]
    let q = KernelBandwidth.weightedQuantiles([0.05, 0.1, 0.25, 0.5, 0.95, 1.0], points: points) { _ in 0.2 }
    // Hazen positions (i − ½)/n: 0.1, 0.3, 0.5, 0.7, 0.9.
    for (value, expected) in zip(q, [1, 1, 1.75, 3, 5, 5]) { #expect(abs(value - expected) < 1e-14) }
}

@Test func tailMassIsTheMixtureTailMass() {
    let model = KernelDensityLearner(bandwidth: .fixed(0.7)).fit(TrainingSet(parts: [pointPart([-3, 0.5, 2.5], weight: 2), pointPart([4], weight: 1, origin: .real)]))
    let mixture = model.mixture
    #expect(abs(mixture.weights.reduce(0, +) - 1) < 1e-15)
    let exact = model.tailMass(lower: -2.9677, upper: 2.9677)
    #expect(abs(exact - mixture.tailMass(lower: -2.9677, upper: 2.9677)) < 1e-15)
    // Against Monte Carlo: 10⁶ model draws; the proportion outside has SE √(p(1 − p)/N).
    var generator = Xoshiro256StarStar(seed: 3)
    var draws = [Double](repeating: 0, count: 1_000_000)
    draws.withUnsafeMutableBufferPointer { model.sample(into: $0, using: &generator) }
    let outside = Double(draws.filter { $0 < -2.9677 || $0 > 2.9677 }.count) / Double(draws.count)
    let se = (exact * (1 - exact) / Double(draws.count)).squareRoot()
    #expect(abs(outside - exact) < 4.5 * se)
    // The segments are picked by mass (weight 2 × 3 points against 1 × 1 point: masses 2/7 and
    // 1/7 per point): P(X > 3.25) = Σ mᵢ Φ((xᵢ − 3.25)/h).
    let above = Double(draws.filter { $0 > 3.25 }.count) / Double(draws.count)
    let expectedAbove = zip([-3.0, 0.5, 2.5, 4], [2.0 / 7, 2.0 / 7, 2.0 / 7, 1.0 / 7])
        .reduce(0) { $0 + $1.1 * SpecialFunctions.normalCDF(($1.0 - 3.25) / 0.7) }
    let seAbove = (expectedAbove * (1 - expectedAbove) / Double(draws.count)).squareRoot()
    #expect(abs(above - expectedAbove) < 4.5 * seAbove)
}

@Test func heldOutNegativeLogLikelihoodIsTheMixtureLogDensity() {
    let model = KernelDensityLearner(bandwidth: .fixed(0.05)).fit(TrainingSet(parts: [pointPart([-1, 0, 2], weight: 1), pointPart([5], weight: 3, origin: .real)]))
    // 40 is so far that every kernel underflows (exp(−(35/0.05)²/2)): the stabilised pass.
    let heldOut = [-0.9, 0.3, 2.2, 4.0, 40.0]
    let expected = -heldOut.map { model.mixture.logDensity($0) }.reduce(0, +) / Double(heldOut.count)
    let value = heldOut.withUnsafeBufferPointer { model.meanNegativeLogLikelihood($0) }
    #expect(value.isFinite)
    #expect(abs(value - expected) < 1e-9 * abs(expected))
    // A point-mass model (h = 0) has no density.
    let collapsed = model.withBandwidth(0)
    #expect(heldOut.withUnsafeBufferPointer { collapsed.meanNegativeLogLikelihood($0) } == .infinity)
}

@Test func theEvaluationOfTheTruthIsExact() {
    let truth = UnivariateGaussianMixture(weights: [0.4, 0.6], means: [-1, 2], standardDeviations: [0.5, 1])
    let evaluation = KernelDensityEvaluation(truth: truth, metrics: KernelDensityMetric.allCases, w1Samples: 100, holdoutSize: 50)
    var values = [Double](repeating: .nan, count: KernelDensityMetric.allCases.count)
    evaluation.evaluateTruth(into: &values)
    #expect(abs(values[0] - truth.variance) < 1e-15)
    #expect(values[1] == 0 && values[2] == 0 && values[5] == 0)
    #expect(abs(values[3] - 0.003) < 1e-12)
    #expect(abs(values[4] - truth.entropy()) < 1e-15)
}

@Test func monteCarloMetricsUseTheirOwnStream() throws {
    // Measuring w1 and nll must not change the chain: the variance trajectory is the same with
    // and without them, value for value.
    func run(_ metrics: [KernelDensityMetric]) -> SimulationResult {
        let chain = ReplicateChain(
            source: GaussianMixtureSource(truth: GaussianMixture(UnivariateGaussianMixture(mean: 0, variance: 1))),
            learner: KernelDensityLearner(bandwidth: .silverman),
            evaluation: KernelDensityEvaluation(truth: UnivariateGaussianMixture(mean: 0, variance: 1), metrics: metrics, w1Samples: 50, holdoutSize: 20),
            plan: SimulationPlan(generations: 5, replicates: 20, seed: 9, schedule: .constant(30), threads: 2))
        return Simulation(chain: chain).run()
    }
    let plain = run([.variance])
    let measured = run([.w1, .variance, .nll])
    for t in 1...5 {
        let a = try #require(plain.rows[t].first { $0.metric == "variance" })
        let b = try #require(measured.rows[t].first { $0.metric == "variance" })
        #expect(a == b)
    }
}

@Test func vectorExponentialMatchesTheCLibrary() {
    // 4·300,000 arguments spread over [−708, 709] and 4·50,000 near 0: relative error below 1e-15
    // (≈ 4.5 ulp).
    var generator = Xoshiro256StarStar(seed: 12)
    var worst = 0.0
    for index in 0..<350_000 {
        let x = index < 300_000 ? -708 + 1417 * generator.nextUniform() : -1 + 2 * generator.nextUniform()
        let lanes = VectorExponential.exp(SIMD4(x, -x / 3, x / 7, 0.5 * x).clamped(lowerBound: SIMD4(repeating: -708), upperBound: SIMD4(repeating: 709)))
        for lane in 0..<4 {
            let argument = [x, -x / 3, x / 7, 0.5 * x][lane]
            let expected = Foundation.exp(argument)
            worst = max(worst, abs(lanes[lane] - expected) / expected)
        }
    }
    #expect(worst < 1e-15, "worst relative error \(worst)")
    #expect(VectorExponential.exp(0) == 1)
    #expect(VectorExponential.exp(-800) == 0 && VectorExponential.exp(-Double.infinity) == 0)
    #expect(VectorExponential.exp(710) == .infinity && VectorExponential.exp(Double.infinity) == .infinity)
    #expect(VectorExponential.exp(Double.nan).isNaN)
}
