import Families
import ModelCollapse
import Randomness
import Testing

// The regression families against RESEARCH.md §3–4. Statistical checks allow 4.5 standard errors of
// the simulated mean (the replicates' sd/√R; two-sided false-failure rate ≈ 7·10⁻⁶ per check). Most
// run on the sufficient-statistics path, whose cost does not grow with n, so that debug builds stay
// fast; `samplesAndStatisticsPathsAgree` ties it to the sample path.

func isotropicTruth(_ d: Int, noise: Double = 1) -> RegressionTruth {
    RegressionTruth(weights: [Double](repeating: 1 / Double(d).squareRoot(), count: d), spectrum: [Double](repeating: 1, count: d), noise: noise)
}

func simulateRegression<B: RegressionBatch>(
    _ batch: B.Type, truth: RegressionTruth, ridge: Double = 0, design: DesignMode, schedule: SampleSchedule,
    generations: Int, replicates: Int, regime: Regime, metrics: [RegressionMetric] = [.excessRisk, .trainError],
    seed: UInt64 = 21
) -> SimulationResult {
    let plan = SimulationPlan(
        generations: generations, replicates: replicates, seed: seed, schedule: schedule, regime: regime, threads: 2)
    let chain = ReplicateChain(
        source: LinearRegressionSource<B>(truth: truth),
        learner: LinearRegressionLearner<B>(truth: truth, ridge: ridge, syntheticNoise: truth.noise, design: design),
        evaluation: LinearRegressionEvaluation(truth: truth, metrics: metrics),
        plan: plan)
    return Simulation(chain: chain).run()
}

func simulateStrongCollapse<B: RegressionBatch>(
    _ batch: B.Type, mixture: MixedLabels, schedule: SampleSchedule, generations: Int, replicates: Int,
    metrics: [RegressionMetric] = [.excessRisk], seed: UInt64 = 23
) -> SimulationResult {
    let plan = SimulationPlan(
        generations: generations, replicates: replicates, seed: seed, schedule: schedule, regime: .replace, threads: 2)
    let chain = ReplicateChain(
        source: StrongCollapseSource<B>(mixture: mixture),
        learner: StrongCollapseLearner<B>(mixture: mixture, ridge: 0),
        evaluation: LinearRegressionEvaluation(truth: mixture.truth, metrics: metrics),
        plan: plan)
    return Simulation(chain: chain).run()
}

extension SimulationResult {
    func row(_ metric: RegressionMetric, at generation: Int) -> MetricSummary {
        rows[generation].first { $0.metric == metric.rawValue }!
    }
}

/// σ²d/(n − d − 1) at d = 10, n = 100, σ = 1 (RESEARCH.md §3).
let regressionBase = 10.0 / 89.0

@Suite struct LinearRegressionRecursionTests {
    /// Replace: t·σ²d/(n − d − 1) after t generations, generation 1 being the fit on real labels:
    /// 0.112360, 0.22472, …, 1.12360 at t = 10; the same on fresh designs (OLS is unbiased for any
    /// design, so the error increments are independent either way).
    @Test(arguments: [DesignMode.fixed, .fresh])
    func replaceGrowsLinearly(design: DesignMode) {
        let result = simulateRegression(
            RegressionStatisticsBatch.self, truth: isotropicTruth(10), design: design, schedule: .constant(100),
            generations: 10, replicates: 20_000, regime: .replace)
        #expect(abs(regressionBase - 0.112360) < 5e-7)
        for t in [1, 2, 5, 10] {
            #expect(zScore(result.row(.excessRisk, at: t), Double(t) * regressionBase) < 4.5)
            // E‖y − Xŵ‖²/n = σ²(n − d)/n for every generation.
            #expect(zScore(result.row(.trainError, at: t), 0.9) < 4.5)
        }
        #expect(zScore(result.row(.excessRisk, at: 2), 0.22472) < 4.5)
    }

    /// Accumulate on the fixed design: σ²d/(n − d − 1)·Σ_{i≤t} 1/i², 0.14045 at t = 2, 0.17413 at t = 10,
    /// bounded by (π²/6)·0.112360 = 0.18482 (Gerstgrasser et al. 2024).
    @Test func accumulateStaysBounded() {
        let result = simulateRegression(
            RegressionStatisticsBatch.self, truth: isotropicTruth(10), design: .fixed, schedule: .constant(100),
            generations: 10, replicates: 20_000, regime: .accumulate)
        var partial = 0.0
        for t in 1...10 {
            partial += 1 / Double(t * t)
            #expect(zScore(result.row(.excessRisk, at: t), regressionBase * partial) < 4.5)
        }
        #expect(zScore(result.row(.excessRisk, at: 2), 0.14045) < 4.5)
        #expect(result.row(.excessRisk, at: 10).mean < regressionBase * Double.pi * Double.pi / 6)
    }

    /// The sample path (points drawn, XᵀX formed) and the statistics path (Wishart and conditional
    /// draws) agree in distribution: each against the closed form, 2,500 replicates.
    @Test(arguments: [Regime.replace, .accumulate])
    func samplesAndStatisticsPathsAgree(regime: Regime) {
        let truth = isotropicTruth(10)
        for path in [0, 1] {
            let result = path == 0
                ? simulateRegression(RegressionSampleBatch.self, truth: truth, design: .fixed, schedule: .constant(100), generations: 3, replicates: 2_500, regime: regime)
                : simulateRegression(RegressionStatisticsBatch.self, truth: truth, design: .fixed, schedule: .constant(100), generations: 3, replicates: 2_500, regime: regime)
            let expected = regime == .replace ? 3 * regressionBase : regressionBase * (1 + 0.25 + 1.0 / 9)
            #expect(zScore(result.row(.excessRisk, at: 3), expected) < 4.5)
            #expect(zScore(result.row(.trainError, at: 1), 0.9) < 4.5)
        }
    }

    /// A power-law spectrum changes the Euclidean error (d → tr Σ⁻¹) but not the excess risk in the
    /// Σ-norm, which stays σ²d/(n − d − 1) per generation (E(XᵀX)⁻¹ = Σ⁻¹/(n − d − 1)).
    @Test func powerLawSpectrum() {
        let d = 10
        let spectrum = RegressionTruth.powerLawSpectrum(dimension: d, exponent: 1)
        let truth = RegressionTruth(weights: [Double](repeating: 0.3, count: d), spectrum: spectrum, noise: 1)
        let result = simulateRegression(
            RegressionStatisticsBatch.self, truth: truth, design: .fresh, schedule: .constant(100),
            generations: 2, replicates: 20_000, regime: .replace, metrics: [.excessRisk, .parameterError])
        let inverseTrace = spectrum.reduce(0) { $0 + 1 / $1 }  // 55
        #expect(zScore(result.row(.excessRisk, at: 2), 2 * regressionBase) < 4.5)
        #expect(zScore(result.row(.parameterError, at: 2), 2 * inverseTrace / 89) < 4.5)
    }

    /// Ridge shrinks: (XᵀX + λI)⁻¹XᵀX ≈ n/(n + λ) = 2/3 per generation at n = 100, λ = 50, so the signal
    /// dies out and ‖ŵ‖² settles where the shrinkage balances the fresh noise, d·n/(n + λ)² = 0.044 per
    /// generation: 0.044/(1 − 4/9) ≈ 0.08, ‖ŵ‖ ≈ 0.28. Least squares instead random-walks away:
    /// E‖ŵ₂₀‖² = ‖w*‖² + 20·0.112 ≈ 3.2.
    @Test func ridgeShrinksTheWeights() {
        let truth = isotropicTruth(10)
        let ols = simulateRegression(RegressionStatisticsBatch.self, truth: truth, design: .fresh, schedule: .constant(100), generations: 20, replicates: 500, regime: .replace, metrics: [.weightNorm])
        let ridge = simulateRegression(RegressionStatisticsBatch.self, truth: truth, ridge: 50, design: .fresh, schedule: .constant(100), generations: 20, replicates: 500, regime: .replace, metrics: [.weightNorm])
        #expect(ridge.row(.weightNorm, at: 1).mean < ols.row(.weightNorm, at: 1).mean)
        #expect(ridge.row(.weightNorm, at: 20).mean < 0.5 && ols.row(.weightNorm, at: 20).mean > 1.2)
    }

    /// Fewer points than dimensions: least squares is singular, the minimum-norm solution is taken and
    /// recorded; nothing is NaN.
    @Test func singularDesignIsRecordedNotACrash() {
        let result = simulateRegression(
            RegressionSampleBatch.self, truth: isotropicTruth(10), design: .fixed, schedule: .constant(6),
            generations: 3, replicates: 50, regime: .replace, metrics: [.excessRisk, .trainError, .rankDeficient])
        #expect(result.row(.rankDeficient, at: 1).mean == 1)
        #expect(result.rows.allSatisfy { $0.allSatisfy { $0.mean.isFinite && $0.nonFiniteCount == 0 } })
        // The minimum-norm fit interpolates: zero training error (to rounding).
        #expect(result.row(.trainError, at: 2).mean < 1e-12)
    }
}

@Suite struct StrongCollapseTests {
    /// n = 100, 400, 1600, 6400 (one generation each) at d = 10, c² = ‖w₂ − w₁‖² = 1: with p = 0 the
    /// error is σ²d/(n − d − 1) and keeps falling (÷ ≈ 4 per step); with p = 0.2 it plateaus just above
    /// p²c² = 0.04 (Dohmatob et al. 2025).
    @Test func errorPlateausWithSyntheticLabelsAndFallsWithout() {
        let truth = isotropicTruth(10)
        let shifted = zip(truth.weights, [1.0, -1, 1, -1, 1, -1, 1, -1, 1, -1]).map { $0 + $1 / 10.0.squareRoot() }
        let schedule = SampleSchedule.geometric(initial: 100, ratio: 4)
        let clean = simulateStrongCollapse(
            RegressionStatisticsBatch.self, mixture: MixedLabels(truth: truth, syntheticWeights: shifted, syntheticFraction: 0),
            schedule: schedule, generations: 4, replicates: 2_000)
        let mixed = simulateStrongCollapse(
            RegressionStatisticsBatch.self, mixture: MixedLabels(truth: truth, syntheticWeights: shifted, syntheticFraction: 0.2),
            schedule: schedule, generations: 4, replicates: 2_000)
        for t in 1...4 {
            let n = 100 * Int(pow4(t - 1))
            #expect(zScore(clean.row(.excessRisk, at: t), 10 / Double(n - 11)) < 4.5)
        }
        for t in 2...4 {
            #expect(clean.row(.excessRisk, at: t).mean < clean.row(.excessRisk, at: t - 1).mean / 3)
        }
        let last = mixed.row(.excessRisk, at: 4), before = mixed.row(.excessRisk, at: 3)
        #expect(last.mean > 0.04 && before.mean / last.mean < 1.2)
        #expect(zScore(last, 0.04 + (0.16 + 1) * 10.0 / 6390) < 4.5 + 0.01 * last.mean / last.standardError)
        #expect(clean.row(.excessRisk, at: 4).mean < 0.1 * last.mean)
    }

    /// RESEARCH.md §4 at d = 100, n = 1000, p = 0.2, c² = σ² = 1: 0.168889. The formula is asymptotic;
    /// at this size a NumPy Monte Carlo of the same setting (Benchmarks/strong_collapse_numpy.py,
    /// 40,000 replicates, Docs/Regression.md) puts the finite-size value within 0.3% of it, so 1% of
    /// the formula is allowed for the approximation on top of 4.5 standard errors (400 replicates on the
    /// statistics path: SE ≈ 0.7% of the value).
    @Test func mixedLabelFormulaAtDimension100() {
        let d = 100
        let truth = isotropicTruth(d)
        let shifted = (0..<d).map { truth.weights[$0] + ($0 % 2 == 0 ? 1 : -1) / 10.0 }
        let result = simulateStrongCollapse(
            RegressionStatisticsBatch.self, mixture: MixedLabels(truth: truth, syntheticWeights: shifted, syntheticFraction: 0.2),
            schedule: .constant(1000), generations: 1, replicates: 400)
        let row = result.row(.excessRisk, at: 1)
        let formula = 0.1 / 0.9 + 0.04 + 0.16 * 0.1 / 0.9
        #expect(abs(row.mean - formula) <= 0.01 * formula + 4.5 * row.standardError)
    }

    func pow4(_ k: Int) -> Double { (0..<k).reduce(1.0) { acc, _ in acc * 4 } }
}

@Suite struct RandomFeaturesTests {
    func simulate(
        features m: Int, activation: RandomFeatureMap.Activation, n: Int, d: Int, ridge: Double = 0,
        generations: Int = 1, replicates: Int, metrics: [RegressionMetric] = [.excessRisk, .trainError, .rankDeficient]
    ) -> SimulationResult {
        let truth = isotropicTruth(d)
        var mapGenerator = RandomStream.generator(seed: 41, path: [UInt64(m)])
        let map = RandomFeatureMap(inputDimension: d, features: m, activation: activation, using: &mapGenerator)
        var testGenerator = RandomStream.generator(seed: 43, path: [UInt64(m)])
        let plan = SimulationPlan(generations: generations, replicates: replicates, seed: 31, schedule: .constant(n), regime: .replace, threads: 2)
        let chain = ReplicateChain(
            source: LinearRegressionSource<LabelledPointsBatch>(truth: truth),
            learner: RandomFeaturesLearner(truth: truth, map: map, ridge: ridge, syntheticNoise: 1, design: .fresh, setting: .recursive),
            evaluation: RandomFeaturesEvaluation(truth: truth, map: map, metrics: metrics, testSize: 500, using: &testGenerator),
            plan: plan)
        return Simulation(chain: chain).run()
    }

    /// Linear features with m = d: φ(x) = Fx/√d is an invertible reparametrisation, so least squares
    /// on φ makes the same predictions as on x and the excess risk is σ²d/(n − d − 1) = 0.112360.
    @Test func linearFeaturesOfFullRankAreOrdinaryLeastSquares() {
        let result = simulate(features: 10, activation: .linear, n: 100, d: 10, generations: 2, replicates: 2_000)
        #expect(zScore(result.row(.excessRisk, at: 1), regressionBase) < 4.5)
        #expect(zScore(result.row(.excessRisk, at: 2), 2 * regressionBase) < 4.5)
        #expect(result.row(.rankDeficient, at: 1).mean == 0)
    }

    /// Double descent in the model size (Belkin et al. 2019; Mei & Montanari 2022): the minimum-norm
    /// fit interpolates for m ≥ n (training error 0, rank-deficient), and its test error peaks at the
    /// interpolation threshold m ≈ n, well above both sides. Linear features have rank ≤ d, so they
    /// need d > n to interpolate; ReLU features do not.
    @Test(arguments: [RandomFeatureMap.Activation.linear, .relu])
    func errorPeaksAtTheInterpolationThreshold(activation: RandomFeatureMap.Activation) {
        let n = 40, d = activation == .linear ? 100 : 20
        let small = simulate(features: 10, activation: activation, n: n, d: d, replicates: 80)
        let threshold = simulate(features: 40, activation: activation, n: n, d: d, replicates: 80)
        let large = simulate(features: 400, activation: activation, n: n, d: d, replicates: 80)
        #expect(threshold.row(.trainError, at: 1).mean < 1e-8 && large.row(.trainError, at: 1).mean < 1e-8)
        #expect(large.row(.rankDeficient, at: 1).mean == 1)
        let peak = threshold.row(.excessRisk, at: 1).mean
        #expect(peak > 3 * small.row(.excessRisk, at: 1).mean)
        #expect(peak > 3 * large.row(.excessRisk, at: 1).mean)
    }
}
