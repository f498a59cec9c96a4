import Foundation
@testable import Randomness
import Statistics
import Testing

@Suite("Normal")
struct NormalTests {
    @Test(arguments: [(0.0, 1.0), (3.0, 2.0), (-1e6, 1e-3)])
    func goodnessOfFitAndMoments(mean: Double, sd: Double) {
        let sample = draws(Normal(mean: mean, standardDeviation: sd), 200_000, seed: 11)
        expectKolmogorovSmirnov(sample, cdf: { SpecialFunctions.normalCDF(($0 - mean) / sd) }, "N(\(mean), \(sd)²)")
        let variance = sd * sd
        expectMoments(SampleMoments(sample), mean: mean, variance: variance,
                      fourthCentralMoment: 3 * variance * variance, "N(\(mean), \(sd)²)")
    }

    /// `standard(using:)`, `sample(using:)`, the specialised `fill` and `fill` reached through a
    /// generic `Sampler` all give the same sequence.
    @Test func batchAndSingleDrawsAgree() {
        func generic<S: Sampler>(_ s: S, _ n: Int, _ g: inout Xoshiro256StarStar) -> [S.Value] where S.Value == Double {
            var values = [Double](repeating: 0, count: n)
            s.fill(&values, using: &g)
            return values
        }
        var a = Xoshiro256StarStar(seed: 5), b = a, c = a, d = a
        let normal = Normal(mean: 1, standardDeviation: 2)
        let singles = (0..<10_000).map { _ in normal.sample(using: &a) }
        let standards = (0..<10_000).map { _ in 1 + 2 * Normal.standard(using: &b) }
        var filled = [Double](repeating: 0, count: 10_000)
        normal.fill(&filled, using: &c)
        #expect(singles == standards)
        #expect(singles == filled)
        #expect(singles == generic(normal, 10_000, &d))
        // The generator advanced identically.
        #expect(a.state == c.state && c.state == d.state)
    }

    @Test func zeroStandardDeviationIsConstant() {
        #expect(draws(Normal(mean: 2.5, standardDeviation: 0), 100, seed: 1).allSatisfy { $0 == 2.5 })
    }

    /// The tail: counts beyond ±4σ and ±5σ against 2Φ(−4) = 6.33·10⁻⁵ and 2Φ(−5) = 5.73·10⁻⁷, within
    /// 4.5 binomial standard errors √(Np(1 − p)); plus a chi-square test of 16 bins, finest in the
    /// tails (−∞, −5, −4.5, −4, −3.5, −3, −2, −1, 0, 1, …, 5, ∞), pooled to expected counts ≥ 5.
    static func checkTails(draws total: Int, seed: UInt64) {
        let edges: [Double] = [-5, -4.5, -4, -3.5, -3, -2, -1, 0, 1, 2, 3, 3.5, 4, 4.5, 5]
        var bins = [Int](repeating: 0, count: edges.count + 1)
        var beyond4 = 0
        var beyond5 = 0
        var generator = RandomStream.generator(seed: seed, path: [])
        var buffer = [Double](repeating: 0, count: 1 << 20)
        var remaining = total
        let normal = Normal()
        while remaining > 0 {
            let n = min(remaining, buffer.count)
            normal.fill(&buffer, using: &generator)
            for x in buffer[0..<n] {
                let magnitude = abs(x)
                if magnitude > 3 {
                    if magnitude > 4 { beyond4 += 1 }
                    if magnitude > 5 { beyond5 += 1 }
                }
                // Binary search over 15 edges.
                var lo = 0, hi = edges.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if x < edges[mid] { hi = mid } else { lo = mid + 1 }
                }
                bins[lo] += 1
            }
            remaining -= n
        }
        let n = Double(total)
        for (count, threshold) in [(beyond4, 4.0), (beyond5, 5.0)] {
            let p = 2 * SpecialFunctions.normalCDF(-threshold)
            let se = (n * p * (1 - p)).squareRoot()
            #expect(abs(Double(count) - n * p) <= standardErrors * se,
                    "beyond \(threshold)σ: \(count) vs \(n * p) ± \(se)")
        }
        var expected: [Double] = []
        var previous = 0.0
        for edge in edges {
            let cdf = SpecialFunctions.normalCDF(edge)
            expected.append(n * (cdf - previous))
            previous = cdf
        }
        expected.append(n * SpecialFunctions.normalCDF(-edges.last!))
        let pooled = ChiSquareTest.pooled(observed: bins, expected: expected, minimumExpected: 5)
        let result = ChiSquareTest.goodnessOfFit(observed: pooled.observed, expected: pooled.expected)
        #expect(result.pValue >= goodnessOfFitLevel, "tail bins: \(bins), p = \(result.pValue)")
    }

    /// 2·10⁷ draws: ≈ 1267 beyond 4σ (SE 36) and ≈ 11.5 beyond 5σ (SE 3.4).
    @Test func tailMass() {
        NormalTests.checkTails(draws: 20_000_000, seed: 404)
    }

    /// 10⁹ draws: ≈ 63 340 beyond 4σ (SE 252) and ≈ 573 beyond 5σ (SE 24). Opt-in:
    /// `COLLAPSE_LONG_TESTS=1 swift test --filter RandomnessTests`.
    @Test(.enabled(if: longTestsEnabled, "set COLLAPSE_LONG_TESTS=1"))
    func tailMassLong() {
        NormalTests.checkTails(draws: 1_000_000_000, seed: 405)
    }

    /// The tail algorithm alone: Marsaglia's draws beyond r are distributed as the normal tail,
    /// P(Z ≤ x | Z > r) = 1 − Φ(−x)/Φ(−r). Drawn by conditioning the sampler on |Z| > r.
    @Test func tailBeyondZigguratBaseIsExact() {
        let r = ZigguratTable.normal.layers.tailStart
        var generator = Xoshiro256StarStar(seed: 77)
        var tail: [Double] = []
        while tail.count < 20_000 {
            let z = abs(Normal.standard(using: &generator))
            if z > r { tail.append(z) }
        }
        let tailMass = SpecialFunctions.normalCDF(-r)
        expectKolmogorovSmirnov(tail, cdf: { 1 - SpecialFunctions.normalCDF(-$0) / tailMass }, "normal tail beyond r")
    }

    /// The table: the top layer closes (its area equals the others' to 10⁻¹²), the thresholds are
    /// consistent with the layer widths, and the fast path accepts ≈ 98.5 %.
    @Test func zigguratTableIsConsistent() {
        let layers = ZigguratTable.normal.layers
        let n = ZigguratTable.layerCount
        let x = (0..<n).map { layers[$0].width * 0x1p53 } + [0]
        let f = { (t: Double) in exp(-0.5 * t * t) }
        let r = layers.tailStart
        let v = r * f(r) + (Double.pi / 2).squareRoot() * erfc(r / 2.0.squareRoot())
        #expect(abs(x[n - 1] * (1 - f(x[n - 1])) - v) / v < 1e-12)
        for i in 1..<n {
            #expect(abs(x[i] * (f(x[i + 1]) - f(x[i])) - v) / v < 1e-9, "layer \(i)")
            #expect(abs(layers.density(at: i) - f(x[i])) < 1e-15)
        }
        var fastFraction = 0.0
        for i in 0..<n { fastFraction += Double(layers[i].threshold) * 0x1p-53 / Double(n) }
        #expect(fastFraction > 0.98 && fastFraction < 0.995, "fast path \(fastFraction)")
    }
}
