import Testing
import Statistics

// Reference values: SciPy 1.17.1, `scipy.stats.chisquare(observed, expected, ddof=…)`.

@Suite struct ChiSquareTestTests {
    @Test func matchesSciPy() {
        let first = ChiSquareTest.goodnessOfFit(observed: [16, 18, 16, 14, 12, 12], expected: [16, 16, 16, 16, 16, 8])
        #expect(relativeError(first.statistic, 3.5) < 1e-15)
        #expect(first.degreesOfFreedom == 5)
        #expect(relativeError(first.pValue, 0.6233876277495822) < 1e-12)

        let second = ChiSquareTest.goodnessOfFit(
            observed: [30, 14, 34, 45, 57, 20], expected: [20, 20, 30, 40, 60, 30], estimatedParameters: 1)
        #expect(relativeError(second.statistic, 11.441666666666666) < 1e-14)
        #expect(second.degreesOfFreedom == 4)
        #expect(relativeError(second.pValue, 0.0220240293490195) < 1e-12)

        // A tiny p-value keeps its relative accuracy.
        let third = ChiSquareTest.goodnessOfFit(observed: [200, 10], expected: [105, 105])
        #expect(relativeError(third.statistic, 171.9047619047619) < 1e-14)
        #expect(relativeError(third.pValue, 2.838969423741943e-39) < 1e-12)
    }

    @Test func emptyAndImpossibleBins() {
        // A bin with E = O = 0 is dropped.
        let dropped = ChiSquareTest.goodnessOfFit(observed: [5, 0, 5], expected: [5, 0, 5])
        #expect(dropped.degreesOfFreedom == 1)
        #expect(dropped.statistic == 0)
        #expect(dropped.pValue == 1)
        // An observation where none is expected.
        let impossible = ChiSquareTest.goodnessOfFit(observed: [5, 1, 4], expected: [5, 0, 5])
        #expect(impossible.statistic == .infinity)
        #expect(impossible.pValue == 0)
        // No degrees of freedom left.
        #expect(ChiSquareTest.goodnessOfFit(observed: [3, 4], expected: [3.5, 3.5], estimatedParameters: 1).pValue.isNaN)
    }

    @Test func poolingKeepsTotalsAndMinimum() {
        let observed = [1, 0, 3, 9, 20, 25, 18, 10, 2, 1, 0]
        let expected = [0.5, 1.5, 4.0, 10.0, 19.0, 24.0, 20.0, 11.0, 4.0, 1.5, 0.5]
        let pooled = ChiSquareTest.pooled(observed: observed, expected: expected)
        #expect(pooled.observed == [4, 9, 20, 25, 18, 10, 3])
        #expect(pooled.expected == [6.0, 10.0, 19.0, 24.0, 20.0, 11.0, 6.0])
        #expect(pooled.observed.reduce(0, +) == observed.reduce(0, +))
        #expect(pooled.expected.allSatisfy { $0 >= 5 })

        let tooSmall = ChiSquareTest.pooled(observed: [1, 2], expected: [1.0, 2.0])
        #expect(tooSmall.observed == [3])
        #expect(tooSmall.expected == [3.0])
    }
}
