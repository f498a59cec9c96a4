import Families
import Foundation
import ModelCollapse
import Randomness
import Statistics
import Testing

// Statistical checks allow 4.5 standard errors (two-sided false-failure rate ≈ 7·10⁻⁶ per check).

func mixture(_ weights: [Double], _ means: [[Double]], _ covariances: [[[Double]]]) -> GaussianMixture {
    GaussianMixture(weights: weights, means: means.flatMap { $0 }, covariances: covariances.flatMap { $0.flatMap { $0 } }, dimension: means[0].count)!
}

let planar = mixture(
    [0.2, 0.3, 0.5],
    [[-6, 0], [6, 0], [0, 8]],
    [[[1, 0.3], [0.3, 0.5]], [[0.5, -0.2], [-0.2, 1]], [[2, 0], [0, 0.5]]])

func draw(_ truth: GaussianMixture, _ count: Int, seed: UInt64) -> PointBatch {
    var generator = Xoshiro256StarStar(seed: seed)
    var batch = PointBatch()
    truth.sample(count: count, into: &batch, using: &generator)
    return batch
}

@Test func samplingHasTheMixturesMeanAndCovariance() {
    // Sample moments of N = 200,000 draws against the mixture's, with SE from its fourth moments:
    // for δ = μⱼ − m and (U₀, U₁) ~ N(0, Σⱼ), E[(δ₀ + U₀)²(δ₁ + U₁)²] =
    // δ₀²δ₁² + δ₀²Σ₁₁ + δ₁²Σ₀₀ + 4δ₀δ₁Σ₀₁ + Σ₀₀Σ₁₁ + 2Σ₀₁², and E(δ + U)⁴ = δ⁴ + 6δ²σ² + 3σ⁴.
    let n = 200_000
    let batch = draw(planar, n, seed: 4)
    #expect(batch.count == n && batch.dimension == 2)
    var m = [0.0, 0.0]
    for j in 0..<3 { for c in 0..<2 { m[c] += planar.weights[j] * planar.means[j * 2 + c] } }
    var variance = [0.0, 0.0], covariance = 0.0, fourth = [0.0, 0.0], crossSquare = 0.0
    for j in 0..<3 {
        let p = planar.weights[j]
        let d0 = planar.means[j * 2] - m[0], d1 = planar.means[j * 2 + 1] - m[1]
        let s00 = planar.covariances[j * 4], s01 = planar.covariances[j * 4 + 1], s11 = planar.covariances[j * 4 + 3]
        variance[0] += p * (s00 + d0 * d0)
        variance[1] += p * (s11 + d1 * d1)
        covariance += p * (s01 + d0 * d1)
        fourth[0] += p * (d0 * d0 * d0 * d0 + 6 * d0 * d0 * s00 + 3 * s00 * s00)
        fourth[1] += p * (d1 * d1 * d1 * d1 + 6 * d1 * d1 * s11 + 3 * s11 * s11)
        crossSquare += p * (d0 * d0 * d1 * d1 + d0 * d0 * s11 + d1 * d1 * s00 + 4 * d0 * d1 * s01 + s00 * s11 + 2 * s01 * s01)
    }
    var sampleMean = [0.0, 0.0]
    for i in 0..<n { for c in 0..<2 { sampleMean[c] += batch.points[i * 2 + c] } }
    sampleMean = sampleMean.map { $0 / Double(n) }
    var sampleVariance = [0.0, 0.0], sampleCovariance = 0.0
    for i in 0..<n {
        let u0 = batch.points[i * 2] - m[0], u1 = batch.points[i * 2 + 1] - m[1]
        sampleVariance[0] += u0 * u0
        sampleVariance[1] += u1 * u1
        sampleCovariance += u0 * u1
    }
    let N = Double(n)
    for c in 0..<2 {
        #expect(abs(sampleMean[c] - m[c]) < 4.5 * (variance[c] / N).squareRoot())
        // Centred at the true mean: the average of (x − m)² has variance (μ₄ − σ⁴)/N.
        #expect(abs(sampleVariance[c] / N - variance[c]) < 4.5 * ((fourth[c] - variance[c] * variance[c]) / N).squareRoot())
    }
    #expect(abs(sampleCovariance / N - covariance) < 4.5 * ((crossSquare - covariance * covariance) / N).squareRoot())
}

@Test func emRecoversAWellSeparatedOneDimensionalMixture() {
    // Truth 0.3·N(−5, 1) + 0.7·N(5, 0.25): the components' overlap (≈ Φ(−4.6) of the narrow one) is
    // far below what moves the estimates, so EM's estimates are the known-label estimates, with
    // SE √(π(1 − π)/n) (weights), σⱼ/√(nπⱼ) (means), σⱼ²√(2/(nπⱼ)) (variances).
    let truth = GaussianMixture(UnivariateGaussianMixture(weights: [0.3, 0.7], means: [-5, 5], standardDeviations: [1, 0.5]))
    let n = 4_000
    let learner = GaussianMixtureLearner(components: 2, tolerance: 1e-10, maximumIterations: 500)
    for seed: UInt64 in 1...5 {
        let data = draw(truth, n, seed: seed)
        var generator = Xoshiro256StarStar(seed: seed + 100)
        let fit = learner.fit(TrainingSet(parts: [.init(batch: data, origin: .real)]), using: &generator)
        #expect(fit.componentCount == 2 && fit.collapsedComponents == 0)
        let order = fit.means[0] < fit.means[1] ? [0, 1] : [1, 0]
        for (j, f) in order.enumerated() {
            let p = truth.weights[j], sigma2 = truth.covariances[j]
            #expect(abs(fit.weights[f] - p) < 4.5 * (p * (1 - p) / Double(n)).squareRoot(), "seed \(seed)")
            #expect(abs(fit.means[f] - truth.means[j]) < 4.5 * (sigma2 / (Double(n) * p)).squareRoot(), "seed \(seed)")
            #expect(abs(fit.covariances[f] - sigma2) < 4.5 * sigma2 * (2 / (Double(n) * p)).squareRoot(), "seed \(seed)")
        }
    }
}

@Test func emRecoversAWellSeparatedPlanarMixture() {
    // Components ≥ 6 standard deviations apart; SE of a covariance entry (Σ_aa Σ_bb + Σ_ab²)/(nπⱼ).
    let n = 6_000
    let learner = GaussianMixtureLearner(components: 3, tolerance: 1e-10, maximumIterations: 500)
    for seed: UInt64 in 1...3 {
        let data = draw(planar, n, seed: seed)
        var generator = Xoshiro256StarStar(seed: seed + 200)
        let fit = learner.fit(TrainingSet(parts: [.init(batch: data, origin: .real)]), using: &generator)
        #expect(fit.componentCount == 3 && fit.collapsedComponents == 0)
        for j in 0..<3 {
            // The fitted component nearest to truth component j.
            let f = (0..<3).min { a, b in
                func distance(_ i: Int) -> Double {
                    (0..<2).reduce(0) { $0 + pow(fit.means[i * 2 + $1] - planar.means[j * 2 + $1], 2) }
                }
                return distance(a) < distance(b)
            }!
            let p = planar.weights[j], count = Double(n) * p
            #expect(abs(fit.weights[f] - p) < 4.5 * (p * (1 - p) / Double(n)).squareRoot())
            for a in 0..<2 {
                let saa = planar.covariances[j * 4 + a * 3]
                #expect(abs(fit.means[f * 2 + a] - planar.means[j * 2 + a]) < 4.5 * (saa / count).squareRoot())
                for b in 0...a {
                    let s = { (x: Int, y: Int) in planar.covariances[j * 4 + x * 2 + y] }
                    let se = ((s(a, a) * s(b, b) + s(a, b) * s(a, b)) / count).squareRoot()
                    #expect(abs(fit.covariances[f * 4 + a * 2 + b] - s(a, b)) < 4.5 * se, "seed \(seed) component \(j) entry \(a)\(b)")
                }
            }
        }
    }
}

@Test func theFitIsAFunctionOfTheDataAndTheStream() {
    let data = draw(planar, 500, seed: 8)
    let learner = GaussianMixtureLearner(components: 3)
    let set = TrainingSet(parts: [.init(batch: data, origin: .real)])
    var a = Xoshiro256StarStar(seed: 1), b = Xoshiro256StarStar(seed: 1)
    let first = learner.fit(set, using: &a), second = learner.fit(set, using: &b)
    #expect(first.weights == second.weights && first.means == second.means && first.covariances == second.covariances)
    #expect(a == b)
}

@Test func aSpikeOnAnOutlierCollapsesAndIsDropped() {
    // 200 standard normal points and one at 10⁴: k-means++ seeds the outlier (probability
    // ≈ 1 − 2·10⁻⁶), its component holds one point, its variance falls below the floor: it
    // collapses, is dropped, and the other component takes the outlier.
    var points = draw(GaussianMixture(UnivariateGaussianMixture(mean: 0, variance: 1)), 200, seed: 2).points
    points.append(10_000)
    let set = TrainingSet(parts: [.init(batch: PointBatch(points: points, dimension: 1), origin: .real)])
    var generator = Xoshiro256StarStar(seed: 3)
    let fit = GaussianMixtureLearner(components: 2).fit(set, using: &generator)
    #expect(fit.collapsedComponents == 1)
    #expect(fit.componentCount == 1)
    #expect(fit.covariances[0].isFinite && fit.covariances[0] > 1000)
    let evaluation = GaussianMixtureEvaluation(
        truth: GaussianMixture(UnivariateGaussianMixture(mean: 0, variance: 1)),
        metrics: GaussianMixtureMetric.allCases, w1Samples: 100, klSamples: 100)
    var values = [Double](repeating: .nan, count: GaussianMixtureMetric.allCases.count)
    evaluation.evaluate(fit, previous: values, into: &values)
    #expect(values.allSatisfy { $0.isFinite }, "\(values)")
    #expect(values[GaussianMixtureMetric.allCases.firstIndex(of: .collapsedComponents)!] == 1)
}

@Test func degenerateDataNeverGiveNaN() {
    // All points equal (every component collapses; the heaviest stays with the floored
    // covariance), fewer distinct points than components, and weighted parts with weight 0.
    let cases: [(TrainingSet<PointBatch>, Int)] = [
        (TrainingSet(parts: [.init(batch: PointBatch(points: [Double](repeating: 2.5, count: 10), dimension: 1), origin: .real)]), 3),
        (TrainingSet(parts: [.init(batch: PointBatch(points: [0, 0, 1, 1], dimension: 2), origin: .real)]), 4),
        (TrainingSet(parts: [
            .init(batch: PointBatch(points: [0, 1, 2, 3], dimension: 1), weight: 0, origin: .synthetic),
            .init(batch: PointBatch(points: [5, 6, 7], dimension: 1), weight: 2, origin: .real),
        ]), 2),
    ]
    for (set, k) in cases {
        var generator = Xoshiro256StarStar(seed: 5)
        let fit = GaussianMixtureLearner(components: k).fit(set, using: &generator)
        #expect(fit.componentCount >= 1 && fit.componentCount + fit.collapsedComponents >= k)
        #expect((fit.weights + fit.means + fit.covariances).allSatisfy { $0.isFinite })
        let d = fit.dimension
        var scratch = [Double](repeating: 0, count: d)
        let value = fit.means.withUnsafeBufferPointer { mean in
            scratch.withUnsafeMutableBufferPointer { fit.logDensity(at: mean.baseAddress!, scratch: $0.baseAddress!) }
        }
        #expect(value.isFinite)
    }
    var generator = Xoshiro256StarStar(seed: 5)
    let allEqual = GaussianMixtureLearner(components: 3).fit(cases[0].0, using: &generator)
    #expect(allEqual.collapsedComponents == 3 && allEqual.componentCount == 1)
    #expect(allEqual.iterations < 5)  // converged: the survivor is counted once, not every iteration
}

@Test func mixtureL2MatchesNumericIntegration() {
    // 1-D: trapezoid on [−30, 30] (spectrally accurate for these smooth, fast-decaying integrands).
    let f = GaussianMixture(UnivariateGaussianMixture(weights: [0.3, 0.7], means: [-2, 1.5], standardDeviations: [0.6, 1.2]))
    let g = GaussianMixture(UnivariateGaussianMixture(weights: [0.5, 0.25, 0.25], means: [0, -1, 3], standardDeviations: [1, 0.3, 2]))
    let fu = f.marginal(0), gu = g.marginal(0)
    let numeric = trapezoid(-30, 30, panels: 300_000) { x in
        let difference = exp(fu.logDensity(x)) - exp(gu.logDensity(x))
        return difference * difference
    }
    #expect(abs(GaussianMixture.integratedSquaredDifference(f, g) - numeric) < 1e-10)
    #expect(GaussianMixture.integratedSquaredDifference(f, f) < 1e-15)
    // 2-D: a product trapezoid on [−14, 14]² with 1,400² panels.
    let h = mixture([0.6, 0.4], [[-5, 1], [5, -1]], [[[1.5, 0.2], [0.2, 0.8]], [[0.7, 0], [0, 2]]])
    let panels = 1_400, lower = -14.0, step = 28.0 / Double(panels)
    var scratch = [0.0, 0.0], point = [0.0, 0.0], total = 0.0
    for i in 0...panels {
        for j in 0...panels {
            point[0] = lower + Double(i) * step
            point[1] = lower + Double(j) * step + 4
            let weight = (i == 0 || i == panels ? 0.5 : 1) * (j == 0 || j == panels ? 0.5 : 1)
            let a = point.withUnsafeBufferPointer { p in scratch.withUnsafeMutableBufferPointer { planar.logDensity(at: p.baseAddress!, scratch: $0.baseAddress!) } }
            let b = point.withUnsafeBufferPointer { p in scratch.withUnsafeMutableBufferPointer { h.logDensity(at: p.baseAddress!, scratch: $0.baseAddress!) } }
            let difference = exp(a) - exp(b)
            total += weight * difference * difference
        }
    }
    total *= step * step
    #expect(abs(GaussianMixture.integratedSquaredDifference(planar, h) - total) < 1e-7)
}

@Test func monteCarloKLIsUnbiasedAndItsStandardErrorIsRight() {
    // Truth N(0, 1), model N(0.5, 1.5): KL = ½[1/1.5 + 0.25/1.5 − 1 + ln 1.5]. Over 400 replicate
    // states (m = 1,000 truth draws each): the mean estimate within 4.5 SE of KL, and the mean
    // squared reported SE against the estimates' variance: the ratio is ≈ χ²₃₉₉/399 (sd 0.071), so
    // within 1 ± 0.32.
    let truth = GaussianMixture(UnivariateGaussianMixture(mean: 0, variance: 1))
    let model = GaussianMixture(UnivariateGaussianMixture(mean: 0.5, variance: 1.5))
    let exact = GaussianDistance.kullbackLeibler(mean1: 0, variance1: 1, mean2: 0.5, variance2: 1.5)
    let evaluation = GaussianMixtureEvaluation(truth: truth, metrics: [.kl, .klSE], w1Samples: 10, klSamples: 1000)
    var estimates = RunningMoments(), squaredErrors = RunningMoments()
    var values = [0.0, 0.0]
    for r in 0..<400 {
        var generator = Xoshiro256StarStar(seed: UInt64(r))
        var state = evaluation.makeReplicateState(using: &generator)
        evaluation.evaluate(model, previous: values, state: &state, using: &generator, into: &values)
        estimates.add(values[0])
        squaredErrors.add(values[1] * values[1])
    }
    #expect(abs(estimates.mean - exact) < 4.5 * estimates.standardError)
    #expect(abs(estimates.variance / squaredErrors.mean - 1) < 0.32)
}

@Test func marginalsAndComponentVariance() {
    let marginal = planar.marginal(1)
    #expect(marginal.means == [0, 0, 8])
    #expect(marginal.standardDeviations == [(0.5).squareRoot(), 1, (0.5).squareRoot()])
    #expect(abs(planar.meanComponentVariance - (1.5 + 1.5 + 2.5) / 3) < 1e-15)
    #expect(planar.smallestWeight == 0.2)
}
