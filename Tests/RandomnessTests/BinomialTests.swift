import Foundation
@testable import Randomness
import Statistics
import Testing

@Suite("Binomial and Poisson")
struct BinomialTests {
    /// Chi-square over mean ± 8σ against the exact pmf, and moments np, npq,
    /// μ₄ = npq(1 + 3(n − 2)pq). The cases straddle the inversion/BTRD switch (n·min(p, 1 − p) = 10),
    /// BTRD's short (|k − m| ≤ 15) and long acceptance paths, p near 0 and 1 (mirrored), and n = 10⁹.
    @Test(arguments: [
        (1, 0.3), (10, 0.5), (17, 0.5), (20, 0.5), (30, 0.5), (40, 0.4),
        (100, 0.0999), (100, 0.1), (1_000, 0.4), (1_000, 0.999), (100_000, 0.9999),
        (1_000_000, 1e-6), (1_000_000_000, 0.3), (1_000_000_000, 5e-9), (1_000_000_000, 0.5),
        (1_000_000_000, 1 - 0x1p-27), (1_000_000_000, 1 - 0x1p-26),
    ])
    func binomial(count n: Int, probability p: Double) {
        let sample = draws(Binomial(count: n, probability: p), 100_000, seed: 41)
        #expect(sample.allSatisfy { $0 >= 0 && $0 <= n })
        let q = 1 - p
        let mean = Double(n) * p
        let variance = mean * q
        expectChiSquare(sample, support: centralRange(mean: mean, sd: variance.squareRoot(), limits: 0...n),
                        pmf: { binomialPMF(n, p, $0) }, "Binomial(\(n), \(p))")
        expectMoments(SampleMoments(sample), mean: mean, variance: variance,
                      fourthCentralMoment: variance * (1 + 3 * (Double(n) - 2) * p * q), "Binomial(\(n), \(p))")
    }

    /// The single-draw path (``Binomial/sample(count:probability:using:)``, the conditional binomials
    /// of every multinomial draw) against the same exact pmf and moments, over the same cases.
    @Test(arguments: [
        (1, 0.3), (10, 0.5), (17, 0.5), (20, 0.5), (30, 0.5), (40, 0.4),
        (100, 0.0999), (100, 0.1), (1_000, 0.4), (1_000, 0.999), (100_000, 0.9999),
        (1_000_000, 1e-6), (1_000_000_000, 0.3), (1_000_000_000, 5e-9), (1_000_000_000, 0.5),
        (1_000_000_000, 1 - 0x1p-27), (1_000_000_000, 1 - 0x1p-26),
    ])
    func binomialSingleDraw(count n: Int, probability p: Double) {
        var generator = Xoshiro256StarStar(seed: 35)
        let sample = (0..<100_000).map { _ in Binomial.sample(count: n, probability: p, using: &generator) }
        #expect(sample.allSatisfy { $0 >= 0 && $0 <= n })
        let q = 1 - p
        let mean = Double(n) * p
        let variance = mean * q
        expectChiSquare(sample, support: centralRange(mean: mean, sd: variance.squareRoot(), limits: 0...n),
                        pmf: { binomialPMF(n, p, $0) }, "single draw Binomial(\(n), \(p))")
        expectMoments(SampleMoments(sample), mean: mean, variance: variance,
                      fourthCentralMoment: variance * (1 + 3 * (Double(n) - 2) * p * q), "single draw Binomial(\(n), \(p))")
    }

    @Test func binomialDegenerateCases() {
        #expect(draws(Binomial(count: 0, probability: 0.4), 100, seed: 1).allSatisfy { $0 == 0 })
        #expect(draws(Binomial(count: 50, probability: 0), 100, seed: 1).allSatisfy { $0 == 0 })
        #expect(draws(Binomial(count: 50, probability: 1), 100, seed: 1).allSatisfy { $0 == 50 })
        #expect(draws(Binomial(count: Int(1) << 52, probability: 1), 10, seed: 1).allSatisfy { $0 == 1 << 52 })
        var generator = Xoshiro256StarStar(seed: 3)
        #expect(Binomial.sample(count: 7, probability: 1, using: &generator) == 7)
        #expect(Binomial.sample(count: 7, probability: 0, using: &generator) == 0)
        #expect(Binomial.sample(count: 0, probability: 0.5, using: &generator) == 0)
    }

    /// Chi-square over mean ± 8σ against e^{−μ}μ^k/k!, and moments μ, μ, μ₄ = μ(1 + 3μ). The cases
    /// straddle the inversion/PTRS switch at μ = 10.
    @Test(arguments: [0.5, 3.0, 9.9, 10.0, 37.5, 1e3, 1e7])
    func poisson(mean: Double) {
        let sample = draws(Poisson(mean: mean), 100_000, seed: 43)
        #expect(sample.allSatisfy { $0 >= 0 })
        expectChiSquare(sample, support: centralRange(mean: mean, sd: mean.squareRoot(), width: 9, limits: 0...Int.max - 1),
                        pmf: { poissonPMF(mean, $0) }, "Poisson(\(mean))")
        expectMoments(SampleMoments(sample), mean: mean, variance: mean,
                      fourthCentralMoment: mean * (1 + 3 * mean), "Poisson(\(mean))")
    }

    /// Moments only (the support is too wide to tabulate): μ = 10¹², the largest scale the engine is
    /// expected to ask for (a Poisson total over 10¹² draws).
    @Test func poissonHugeMean() {
        let mean = 1e12
        let sample = draws(Poisson(mean: mean), 50_000, seed: 45)
        expectMoments(SampleMoments(sample), mean: mean, variance: mean, fourthCentralMoment: mean * (1 + 3 * mean), "Poisson(1e12)")
    }

    @Test func poissonZeroMean() {
        #expect(draws(Poisson(mean: 0), 100, seed: 1).allSatisfy { $0 == 0 })
        var generator = Xoshiro256StarStar(seed: 3)
        #expect(Poisson.sample(mean: 0, using: &generator) == 0)
    }

    /// The internal ln k! and Stirling correction against the Statistics target's independent
    /// implementation (relative 10⁻¹³), over the range BTRD and PTRS use.
    @Test func logFactorial() {
        var k = 0
        while k < 10_000_000_000 {
            let mine = LogFactorial.logFactorial(Double(k))
            let reference = SpecialFunctions.logFactorial(k)
            #expect(abs(mine - reference) <= 1e-13 * max(1, abs(reference)), "ln \(k)!: \(mine) vs \(reference)")
            let correction = reference - ((Double(k) + 0.5) * log(Double(k) + 1) - (Double(k) + 1) + 0.5 * log(2 * Double.pi))
            if k < 1_000 {
                // Beyond, the reference's subtraction loses the correction's digits.
                #expect(abs(LogFactorial.stirlingCorrection(Double(k)) - correction) <= 1e-12, "fc(\(k))")
            }
            k = k < 40 ? k + 1 : k * 3 / 2
        }
    }
}
