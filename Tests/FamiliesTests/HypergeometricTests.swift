import Families
import Foundation
import Randomness
import Statistics
import Testing

@Suite("Hypergeometric")
struct HypergeometricTests {
    /// P(x) = C(K, x) C(N − K, m − x)/C(N, m) over the whole support.
    static func pmf(population n: Int, marked k: Int, draws m: Int) -> [Double] {
        (0...m).map { x in
            guard x <= k, m - x <= n - k else { return 0 }
            return exp(SpecialFunctions.logBinomialCoefficient(k, x) + SpecialFunctions.logBinomialCoefficient(n - k, m - x)
                - SpecialFunctions.logBinomialCoefficient(n, m))
        }
    }

    /// Chi-square against the exact pmf, 200,000 draws each, for small and large populations and
    /// every symmetry branch (m > N/2, K > N/2, both), plus the constant cases.
    @Test(arguments: [
        (20, 7, 5), (20, 15, 5), (20, 7, 16), (20, 15, 16), (1000, 10, 50), (100_000, 30_000, 2_000),
        (10_000_000, 9_000_000, 9_999_000), (50, 50, 10), (50, 0, 10), (50, 20, 50), (50, 20, 0),
    ])
    func matchesTheExactDistribution(population n: Int, marked k: Int, draws m: Int) {
        var generator = Xoshiro256StarStar(seed: 91)
        let count = 200_000
        let sample = (0..<count).map { _ in Hypergeometric.sample(population: n, marked: k, draws: m, using: &generator) }
        let lower = max(0, m - (n - k)), upper = min(m, k)
        #expect(sample.allSatisfy { $0 >= lower && $0 <= upper })
        if lower == upper { return }
        // The pmf over mean ± 12 sd only, so the array stays small for huge m.
        let center = Double(m) * Double(k) / Double(n)
        let sd = (center * Double(n - k) / Double(n) * Double(n - m) / Double(n - 1)).squareRoot()
        let from = max(lower, Int(center - 12 * sd)), to = min(upper, Int(center + 12 * sd) + 1)
        let probabilities = (from...to).map { x in
            exp(SpecialFunctions.logBinomialCoefficient(k, x) + SpecialFunctions.logBinomialCoefficient(n - k, m - x)
                - SpecialFunctions.logBinomialCoefficient(n, m))
        }
        #expect(sample.allSatisfy { $0 >= from && $0 <= to }, "a draw more than 12 sd from the mean")
        let p = chiSquarePValue(sample.map { min(max($0, from), to) - from }, pmf: probabilities)
        #expect(p >= discreteGoodnessOfFitLevel, "N=\(n) K=\(k) m=\(m): p = \(p)")
    }

    /// The multivariate draw sums to the draws, never exceeds a category's count, and each
    /// category's marginal is Hypergeometric(N, c_i, m) (chi-square per category).
    @Test func multivariateMarginals() {
        let counts = [5, 0, 12, 3, 30]
        let total = counts.reduce(0, +)
        var generator = Xoshiro256StarStar(seed: 92)
        var result: [Int] = []
        var marginals = [[Int]](repeating: [], count: counts.count)
        for _ in 0..<100_000 {
            MultivariateHypergeometric.sample(counts: counts, draws: 17, into: &result, using: &generator)
            #expect(result.reduce(0, +) == 17)
            for i in counts.indices {
                #expect(result[i] <= counts[i])
                marginals[i].append(result[i])
            }
        }
        #expect(marginals[1].allSatisfy { $0 == 0 })
        for i in counts.indices where counts[i] > 0 {
            let p = chiSquarePValue(marginals[i], pmf: Self.pmf(population: total, marked: counts[i], draws: 17))
            #expect(p >= discreteGoodnessOfFitLevel, "category \(i): p = \(p)")
        }
    }

    /// A subsample of a count batch is uniform over the points: with every point its own category,
    /// each is kept with probability m/n.
    @Test func subsamplingACountBatchKeepsEachPointEqually() {
        let batch = CategoryCounts(counts: [Int](repeating: 1, count: 40))
        var generator = Xoshiro256StarStar(seed: 93)
        var kept = [Int](repeating: 0, count: 40)
        let rounds = 50_000
        for _ in 0..<rounds {
            let sub = batch.subsample(10, using: &generator)
            #expect(sub.total == 10 && sub.counts.reduce(0, +) == 10)
            for i in 0..<40 { kept[i] += sub.counts[i] }
        }
        let expected = [Double](repeating: Double(rounds) * 10 / 40, count: 40)
        // Per round the indicators have covariance p(1 − p)·N/(N − 1)·(I − J/N), p = 1/4, N = 40
        // (sampling without replacement), so Pearson's statistic is (1 − p)N/(N − 1)·χ²₃₉.
        let result = ChiSquareTest.goodnessOfFit(observed: kept, expected: expected)
        let scaled = result.statistic / (0.75 * 40 / 39)
        let p = SpecialFunctions.regularizedGammaQ(39.0 / 2, scaled / 2)
        #expect(p >= discreteGoodnessOfFitLevel, "p = \(p)")
    }
}
