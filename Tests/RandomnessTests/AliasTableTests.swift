import Foundation
@testable import Randomness
import Statistics
import Testing

@Suite("Alias table and Zipf")
struct AliasTableTests {
    /// Chi-square over the categories against w_i/Σw, zero weights never drawn (a draw of one
    /// makes the statistic infinite), and moments of the index.
    @Test(arguments: [
        [0, 1, 0, 3, 0.5, 0],
        [1.0],
        [1e-12, 1, 1e12, 0],
        (0..<1_000).map { Double(($0 * 7_919) % 1_009) },  // includes a 0 at index 0
    ])
    func aliasTable(weights: [Double]) {
        let table = AliasTable(weights: weights)
        let sample = draws(table, 500_000, seed: 61)
        let total = weights.reduce(0, +)
        let pmf = { (i: Int) in weights[i] / total }
        #expect(sample.allSatisfy { weights.indices.contains($0) && weights[$0] > 0 })
        expectChiSquare(sample, support: 0...(weights.count - 1), pmf: pmf, "AliasTable(\(weights.count) weights)")
        let m = discreteMoments(support: 0...(weights.count - 1), pmf: pmf)
        if m.variance > 0 {
            expectMoments(SampleMoments(sample), mean: m.mean, variance: m.variance, fourthCentralMoment: m.fourth,
                          "AliasTable(\(weights.count) weights)")
        }
        #expect(table.count == weights.count)
    }

    @Test func singleDrawsMatchFill() {
        let table = AliasTable(weights: [0.1, 0, 5, 2, 2])
        var a = Xoshiro256StarStar(seed: 63), b = a
        let singles = (0..<10_000).map { _ in table.sample(using: &a) }
        var filled = [Int](repeating: 0, count: 10_000)
        table.fill(&filled, using: &b)
        #expect(singles == filled)
    }

    /// Chi-square over {1 … 50} against k^{−s}/Σj^{−s} (the static `probabilities`, checked
    /// against a direct sum), and moments.
    @Test(arguments: [0.0, 0.5, 1.0, 1.5, 3.0, 20.0])
    func zipf(exponent s: Double) {
        let count = 50
        let probabilities = Zipf.probabilities(count: count, exponent: s)
        let normaliser = (1...count).reduce(0.0) { $0 + pow(Double($1), -s) }
        #expect(zip(probabilities, 1...count).allSatisfy { abs($0 - pow(Double($1), -s) / normaliser) <= 1e-15 })
        let sample = draws(Zipf(count: count, exponent: s), 300_000, seed: 65)
        #expect(sample.allSatisfy { $0 >= 1 && $0 <= count })
        let pmf = { (k: Int) in probabilities[k - 1] }
        expectChiSquare(sample, support: 1...count, pmf: pmf, "Zipf(50, \(s))")
        let m = discreteMoments(support: 1...count, pmf: pmf)
        expectMoments(SampleMoments(sample), mean: m.mean, variance: m.variance, fourthCentralMoment: m.fourth, "Zipf(50, \(s))")
    }

    /// A large support: N = 10⁶, s = 1.1; chi-square over {1 … 3000} plus everything beyond as one bin.
    @Test(arguments: [1.1, 0.8])
    func zipfLargeSupport(exponent s: Double) {
        let count = 1_000_000
        let probabilities = Zipf.probabilities(count: count, exponent: s)
        let sample = draws(Zipf(count: count, exponent: s), 300_000, seed: 67)
        #expect(sample.allSatisfy { $0 >= 1 && $0 <= count })
        expectChiSquare(sample, support: 1...3_000, pmf: { probabilities[$0 - 1] }, "Zipf(1e6, \(s))")
    }

    @Test func zipfSingleton() {
        #expect(draws(Zipf(count: 1, exponent: 2), 100, seed: 1).allSatisfy { $0 == 1 })
    }
}

@Suite("Zipf internals")
struct ZipfInternalTests {
    /// The squeeze `k − x ≤ 2 − H⁻¹(H(5/2) − h(2))` accepts only points that the exact test accepts:
    /// for every k ≥ 2, k − t_k ≥ squeeze where t_k = H⁻¹(H(k + ½) − h(k)) is the acceptance
    /// boundary. Checked for k up to 10⁵ over a grid of exponents. Also reports that the rejection
    /// rate is small: Σh(k) / (H(N + ½) − H(3/2) + 1) ≥ 0.95.
    @Test(arguments: [0.0, 0.1, 0.5, 0.9, 0.999, 1.0, 1.001, 1.1, 1.5, 2.0, 3.0, 7.0, 20.0, 60.0])
    func squeezeIsValid(exponent s: Double) {
        let zipf = Zipf(count: 100_000, exponent: s)
        var worst = Double.infinity
        for k in 2...100_000 {
            let kk = Double(k)
            let boundary = zipf.inverseIntegral(zipf.integral(kk + 0.5) - Zipf.density(kk, s))
            worst = min(worst, kk - boundary)
        }
        #expect(worst >= zipf.squeeze - 1e-9, "s = \(s): min k − t_k = \(worst) < squeeze \(zipf.squeeze)")
        var mass = 0.0
        for k in (1...100_000).reversed() { mass += Zipf.density(Double(k), s) }
        let acceptance = mass / (zipf.upperIntegral - zipf.lowerIntegral)
        #expect(acceptance >= 0.95 && acceptance <= 1 + 1e-9, "s = \(s): acceptance \(acceptance)")
    }
}
