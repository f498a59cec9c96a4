import Families
import Foundation
import Randomness
import Statistics
import Testing

/// ∫ f over [a, b] by the composite trapezoid rule on `panels` panels (spectrally accurate for the
/// smooth, fast-decaying integrands here).
func trapezoid(_ a: Double, _ b: Double, panels: Int, _ f: (Double) -> Double) -> Double {
    let h = (b - a) / Double(panels)
    var sum = 0.5 * (f(a) + f(b))
    for i in 1..<panels { sum += f(a + Double(i) * h) }
    return sum * h
}

let bimodal = UnivariateGaussianMixture(weights: [0.3, 0.7], means: [-2, 1.5], standardDeviations: [0.6, 1.2])

@Test func mixtureMomentsQuantilesAndIntegratedCDF() {
    #expect(abs(bimodal.mean - (0.3 * -2 + 0.7 * 1.5)) < 1e-15)
    let secondMoment = 0.3 * (0.36 + 4) + 0.7 * (1.44 + 2.25)
    #expect(abs(bimodal.variance - (secondMoment - bimodal.mean * bimodal.mean)) < 1e-13)
    for p in [1e-12, 0.0015, 0.1, 0.5, 0.77, 0.9985, 1 - 1e-9] {
        // The smaller tail probability at the quantile, to relative accuracy.
        let q = bimodal.quantile(p)
        let tail = p > 0.5 ? bimodal.survival(q) : bimodal.cdf(q)
        let target = p > 0.5 ? 1 - p : p
        #expect(abs(tail - target) < 1e-11 * target, "p = \(p)")
    }
    // Ψ(x) = ∫_{−∞}^x F and ∫_x^∞ (1 − F) against quadrature.
    for x in [-3.0, 0.2, 4.0] {
        let psi = trapezoid(-30, x, panels: 200_000) { bimodal.cdf($0) }
        #expect(abs(bimodal.integratedCDF(x) - psi) < 1e-8)
        let upper = trapezoid(x, 30, panels: 200_000) { bimodal.survival($0) }
        #expect(abs(bimodal.integratedSurvival(x) - upper) < 1e-8)
    }
}

@Test func mixtureEntropyAgainstQuadrature() {
    // A Gaussian: ½ ln(2πeσ²).
    let gaussian = UnivariateGaussianMixture(mean: 3, variance: 2.5)
    #expect(abs(gaussian.entropy() - 0.5 * log(2 * Double.pi * exp(1.0) * 2.5)) < 1e-10)
    let reference = trapezoid(-20, 20, panels: 400_000) { x in
        let f = exp(bimodal.logDensity(x))
        return f > 0 ? -f * log(f) : 0
    }
    #expect(abs(bimodal.entropy() - reference) < 1e-8)
}

@Test func oneSampleWassersteinIsTheIntegralOfTheCDFGap() {
    // W₁(Fₘ, F) = ∫|Fₘ − F| against quadrature, for a sample in the body, a sample far in one tail,
    // and ties.
    let samples: [[Double]] = [
        [-2.7, -1.9, -0.4, 0.1, 0.9, 1.6, 2.8],
        [6, 7.5, 9, 9.5],
        [0, 0, 0, 1, 1],
    ]
    for sample in samples {
        let reference = MixtureWasserstein(reference: bimodal, sampleSize: sample.count)
        let sorted = sample.sorted()
        let exact = sorted.withUnsafeBufferPointer { reference.distance(sorted: $0) }
        let gap = trapezoid(-30, 30, panels: 600_000) { x in
            let empirical = Double(sorted.filter { $0 <= x }.count) / Double(sorted.count)
            return abs(empirical - bimodal.cdf(x))
        }
        // The empirical CDF jumps: the trapezoid rule is first-order there, error ≤ m·h.
        #expect(abs(exact - gap) < 1e-3, "\(sample)")
    }
    // A far shift: W₁ between N(0, 1) and a sample all at 50 is 50.
    let normal = MixtureWasserstein(reference: UnivariateGaussianMixture(mean: 0, variance: 1), sampleSize: 3)
    let far = [50.0, 50, 50]
    #expect(abs(far.withUnsafeBufferPointer { normal.distance(sorted: $0) } - 50) < 1e-12)
}

@Test func wassersteinOfAShiftedModelIsTheShift() {
    // Model N(1, 1) against truth N(0, 1): W₁ = 1. The estimate from m draws is the sample mean's
    // distance when the CDFs do not cross (almost surely here): SE 1/√m.
    let m = 20_000
    let reference = MixtureWasserstein(reference: UnivariateGaussianMixture(mean: 0, variance: 1), sampleSize: m)
    var generator = Xoshiro256StarStar(seed: 21)
    var draws = [Double](repeating: 0, count: m)
    draws.withUnsafeMutableBufferPointer { UnivariateGaussianMixture(mean: 1, variance: 1).sample(into: $0, using: &generator) }
    draws.sort()
    let estimate = draws.withUnsafeBufferPointer { reference.distance(sorted: $0) }
    #expect(abs(estimate - 1) < 4.5 / Double(m).squareRoot())
}
