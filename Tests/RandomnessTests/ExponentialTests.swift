import Foundation
@testable import Randomness
import Statistics
import Testing

@Suite("Exponential")
struct ExponentialTests {
    /// KS against 1 − e^{−λx}; moments σ² = 1/λ², μ₄ = 9/λ⁴.
    @Test(arguments: [1.0, 0.25, 1e4])
    func goodnessOfFitAndMoments(rate: Double) {
        let sample = draws(Exponential(rate: rate), 200_000, seed: 21)
        #expect(sample.allSatisfy { $0 >= 0 })
        expectKolmogorovSmirnov(sample, cdf: { -expm1(-rate * max($0, 0)) }, "Exp(\(rate))")
        let variance = 1 / (rate * rate)
        expectMoments(SampleMoments(sample), mean: 1 / rate, variance: variance,
                      fourthCentralMoment: 9 * variance * variance, "Exp(\(rate))")
    }

    /// The tail beyond the ziggurat's r ≈ 7.7 (mass e^{−r} ≈ 4.5·10⁻⁴): draws conditioned on
    /// exceeding r, minus r, are again standard exponential (KS); and the count beyond r and beyond
    /// 12 within 4.5 binomial standard errors in 10⁷ draws.
    @Test func tail() {
        let r = ZigguratTable.exponential.layers.tailStart
        var generator = Xoshiro256StarStar(seed: 23)
        var excess: [Double] = []
        var total = 0
        var beyond12 = 0
        var beyondR = 0
        let n = 10_000_000
        var buffer = [Double](repeating: 0, count: 1 << 20)
        while total < n {
            Exponential().fill(&buffer, using: &generator)
            for x in buffer where x > r {
                beyondR += 1
                if x > 12 { beyond12 += 1 }
                excess.append(x - r)
            }
            total += buffer.count
        }
        expectKolmogorovSmirnov(excess, cdf: { -expm1(-max($0, 0)) }, "exponential excess over r")
        for (count, threshold) in [(beyondR, r), (beyond12, 12.0)] {
            let p = exp(-threshold)
            let expected = Double(total) * p
            #expect(abs(Double(count) - expected) <= standardErrors * (expected * (1 - p)).squareRoot(),
                    "beyond \(threshold): \(count) vs \(expected)")
        }
    }

    @Test func batchAndSingleDrawsAgree() {
        var a = Xoshiro256StarStar(seed: 5), b = a
        let exponential = Exponential(rate: 3)
        let singles = (0..<10_000).map { _ in exponential.sample(using: &a) }
        var filled = [Double](repeating: 0, count: 10_000)
        exponential.fill(&filled, using: &b)
        #expect(singles == filled)
    }

    @Test func zigguratTableIsConsistent() {
        let layers = ZigguratTable.exponential.layers
        let n = ZigguratTable.layerCount
        let x = (0..<n).map { layers[$0].width * 0x1p53 } + [0]
        let r = layers.tailStart
        let v = (r + 1) * exp(-r)
        #expect(abs(x[0] - (r + 1)) < 1e-12)
        #expect(abs(x[n - 1] * (1 - exp(-x[n - 1])) - v) / v < 1e-12)
        for i in 1..<n {
            #expect(abs(x[i] * (exp(-x[i + 1]) - exp(-x[i])) - v) / v < 1e-9, "layer \(i)")
        }
    }
}
