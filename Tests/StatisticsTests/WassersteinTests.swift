import Testing
import Statistics

// Reference values: SciPy 1.17.1 `scipy.stats.wasserstein_distance(a, b)`;
// Docs/Statistics/reference_scipy_more.py.

@Suite struct WassersteinTests {
    @Test func matchesSciPy() {
        #expect(relativeError(Wasserstein.w1([0.2, 1.5, -0.7, 3.3, 2.8], [0.1, -1.2, 4.0]), 1.0533333333333332) < 1e-14)
        #expect(relativeError(Wasserstein.w1([1, 1, 2, 5, 5, 5, 9], [0, 2, 2, 3, 10, 10]), 1.9285714285714284) < 1e-14)
    }

    /// For equal sizes W₁ is the mean distance between matched order statistics.
    @Test func equalSizesMatchOrderStatistics() {
        var normal = BoxMuller(seed: 12)
        let a = normal.draws(500), b = normal.draws(500).map { 0.5 + 2 * $0 }
        let matched = zip(a.sorted(), b.sorted()).reduce(0) { $0 + abs($1.0 - $1.1) } / 500
        #expect(relativeError(Wasserstein.w1(a, b), matched) < 1e-12)
        #expect(Wasserstein.w1(a, a) == 0)
        #expect(relativeError(Wasserstein.w1(a, a.map { $0 + 3 }), 3) < 1e-12)
    }

    @Test func nonFinite() {
        #expect(Wasserstein.w1([1, 2, .infinity], [1, 2, 3]) == .infinity)
        #expect(Wasserstein.w1([1, .infinity], [2, .infinity]) == 0.5)
        #expect(Wasserstein.w1([-.infinity, 0], [-.infinity, 1]) == 0.5)
        #expect(Wasserstein.w1([1, .nan], [1]).isNaN)
        #expect(Wasserstein.w1([], [1]).isNaN)
    }
}
