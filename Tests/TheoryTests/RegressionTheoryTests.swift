import Foundation
import Testing
import Theory

/// The closed forms of RESEARCH.md §3–4 at the checked numbers.
@Suite struct RegressionTheoryTests {
    @Test func replaceAndAccumulateAtTheCheckedNumbers() throws {
        // d = 10, T = n = 100, σ = 1: base σ²d/(n − d − 1) = 10/89.
        let replace = RegressionTheory.replaceExcessRisk(dimension: 10, sizes: [Int](repeating: 100, count: 10), noise: 1, syntheticNoise: 1)
        let accumulate = RegressionTheory.accumulateExcessRisk(dimension: 10, sampleSize: 100, generations: 10, noise: 1, syntheticNoise: 1)
        #expect(replace.count == 11 && accumulate.count == 11)
        #expect(replace[0] == 0 && accumulate[0] == 0)
        #expect(abs(try #require(replace[1]) - 0.112360) < 5e-7)
        #expect(abs(try #require(accumulate[1]) - 0.112360) < 5e-7)
        #expect(abs(try #require(replace[2]) - 0.22472) < 5e-6)
        #expect(abs(try #require(accumulate[2]) - 0.14045) < 5e-6)
        // Linear growth against the (π²/6) bound.
        #expect(abs(try #require(replace[10]) - 10 * 10.0 / 89) < 1e-12)
        #expect(try #require(accumulate[10]) < Double.pi * Double.pi / 6 * 10 / 89)
        // Synthetic noise enters from generation 2 on.
        let quiet = RegressionTheory.replaceExcessRisk(dimension: 10, sizes: [100, 100], noise: 1, syntheticNoise: 0)
        #expect(quiet[2]! == quiet[1]!)
    }

    @Test func undefinedWhereTheInverseWishartMeanIsInfinite() {
        let values = RegressionTheory.replaceExcessRisk(dimension: 10, sizes: [100, 11, 100], noise: 1, syntheticNoise: 1)
        #expect(values[1] != nil && values[2] == nil && values[3] == nil)
        #expect(RegressionTheory.accumulateExcessRisk(dimension: 10, sampleSize: 11, generations: 2, noise: 1, syntheticNoise: 1) == [0, nil, nil])
    }

    @Test func trainErrorUnderReplace() {
        #expect(RegressionTheory.replaceTrainError(dimension: 10, sizes: [100, 50], noise: 1, syntheticNoise: 2) == [1, 0.9, 4 * 40.0 / 50])
    }

    /// d = 100, n = 1000, p = 0.2, c² = σ² = 1: 0.1/0.9 + 0.04 + 0.16·0.1/0.9 = 0.16889 (RESEARCH.md §4,
    /// "0.1690"); no plateau without synthetic labels; p²c² in the limit n → ∞.
    @Test func mixedLabelFormula() throws {
        let value = try #require(RegressionTheory.mixedLabelExcessRisk(dimension: 100, sampleSize: 1000, syntheticFraction: 0.2, shiftSquared: 1, noise: 1))
        #expect(abs(value - 0.168888888888889) < 1e-12)
        #expect(abs(value - 0.1690) < 5e-4)
        let limit = try #require(RegressionTheory.mixedLabelExcessRisk(dimension: 100, sampleSize: 100_000_000, syntheticFraction: 0.2, shiftSquared: 1, noise: 1))
        #expect(abs(limit - 0.04) < 1e-5)
        let clean = try #require(RegressionTheory.mixedLabelExcessRisk(dimension: 100, sampleSize: 100_000_000, syntheticFraction: 0, shiftSquared: 1, noise: 1))
        #expect(clean < 1e-5)
        #expect(RegressionTheory.mixedLabelExcessRisk(dimension: 100, sampleSize: 100, syntheticFraction: 0.2, shiftSquared: 1, noise: 1) == nil)
    }
}
