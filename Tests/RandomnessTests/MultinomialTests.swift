import Foundation
import Randomness
import Statistics
import Testing

@Suite("Multinomial")
struct MultinomialTests {
    /// The whole joint distribution for n = 8 over 4 categories, one of them with probability 0:
    /// chi-square over all 165 compositions of 8 into the 3 live categories against
    /// n!/∏x_i! ∏p_i^{x_i}; the dead category is always 0; every draw sums to n.
    @Test func jointDistribution() {
        let probabilities = [0.2, 0, 0.5, 0.3]
        let multinomial = Multinomial(count: 8, probabilities: probabilities)
        var generator = Xoshiro256StarStar(seed: 51)
        var counts: [Int] = []
        var index: [[Int]: Int] = [:]
        var pmf: [Double] = []
        for a in 0...8 {
            for c in 0...(8 - a) {
                let d = 8 - a - c
                index[[a, 0, c, d]] = pmf.count
                let logP = SpecialFunctions.logFactorial(8) - SpecialFunctions.logFactorial(a)
                    - SpecialFunctions.logFactorial(c) - SpecialFunctions.logFactorial(d)
                    + Double(a) * log(0.2) + Double(c) * log(0.5) + Double(d) * log(0.3)
                pmf.append(exp(logP))
            }
        }
        var observed = [Int](repeating: 0, count: pmf.count)
        let n = 100_000
        var valid = true
        for _ in 0..<n {
            multinomial.sample(into: &counts, using: &generator)
            guard let cell = index[counts] else { valid = false; continue }
            observed[cell] += 1
        }
        #expect(valid, "a draw was not a composition of 8 with a 0 in the dead category")
        let pooled = ChiSquareTest.pooled(observed: observed, expected: pmf.map { $0 * Double(n) }, minimumExpected: 10)
        let result = ChiSquareTest.goodnessOfFit(observed: pooled.observed, expected: pooled.expected)
        #expect(result.pValue >= goodnessOfFitLevel, "joint: chi-square \(result.statistic), p = \(result.pValue)")
    }

    /// Marginals X_i ~ Binomial(n, p_i): chi-square and moments for each live category, zeros for
    /// the dead ones, sums equal n; covariance of the first two categories −n p₁p₂ within 4.5 SE
    /// (SE from the sample's fourth mixed moment). Unnormalised weights are normalised.
    @Test(arguments: [
        (1_000_000, [3.0, 0, 1, 0.5, 0, 10, 1e-3, 2, 0]),
        (1_000_000_000, [1.0, 1, 2]),
        (25, [0.01, 0.3, 0.69]),
    ])
    func marginals(count n: Int, weights: [Double]) {
        let multinomial = Multinomial(count: n, probabilities: weights)
        let total = weights.reduce(0, +)
        let p = weights.map { $0 / total }
        #expect(zip(multinomial.probabilities, p).allSatisfy { abs($0 - $1) < 1e-15 })
        let draws = 20_000
        var generator = Xoshiro256StarStar(seed: 53)
        var columns = [[Int]](repeating: [], count: weights.count)
        var counts: [Int] = []
        var sumsOK = true
        for _ in 0..<draws {
            multinomial.sample(into: &counts, using: &generator)
            if counts.reduce(0, +) != n { sumsOK = false }
            for i in counts.indices { columns[i].append(counts[i]) }
        }
        #expect(sumsOK)
        for i in weights.indices {
            if p[i] == 0 {
                #expect(columns[i].allSatisfy { $0 == 0 })
                continue
            }
            let mean = Double(n) * p[i]
            let variance = mean * (1 - p[i])
            expectChiSquare(columns[i], support: centralRange(mean: mean, sd: variance.squareRoot(), limits: 0...n),
                            pmf: { binomialPMF(n, p[i], $0) }, "Multinomial(\(n)) marginal \(i)")
            expectMoments(SampleMoments(columns[i]), mean: mean, variance: variance,
                          fourthCentralMoment: variance * (1 + 3 * (Double(n) - 2) * p[i] * (1 - p[i])),
                          "Multinomial(\(n)) marginal \(i)")
        }
        let x = columns[0].map(Double.init), y = columns[1].map(Double.init)
        let mx = x.reduce(0, +) / Double(draws), my = y.reduce(0, +) / Double(draws)
        var covariance = 0.0, fourth = 0.0
        for j in 0..<draws {
            let product = (x[j] - mx) * (y[j] - my)
            covariance += product
            fourth += product * product
        }
        covariance /= Double(draws - 1)
        fourth /= Double(draws)
        let truth = -Double(n) * p[0] * p[1]
        let se = ((fourth - covariance * covariance) / Double(draws)).squareRoot()
        #expect(abs(covariance - truth) <= standardErrors * max(se, 1e-300), "cov \(covariance) vs \(truth) ± \(se)")
    }

    @Test func degenerateCases() {
        var generator = Xoshiro256StarStar(seed: 55)
        #expect(Multinomial(count: 0, probabilities: [0.5, 0.5]).sample(using: &generator) == [0, 0])
        #expect(Multinomial(count: 9, probabilities: [0, 0, 4]).sample(using: &generator) == [0, 0, 9])
        #expect(Multinomial(count: 9, probabilities: [4]).sample(using: &generator) == [9])
        // A wrongly sized array is resized.
        var counts = [1, 2, 3, 4, 5]
        Multinomial(count: 3, probabilities: [1, 0]).sample(into: &counts, using: &generator)
        #expect(counts == [3, 0])
    }
}
