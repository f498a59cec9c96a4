import Testing
import Statistics

// Reference values: NumPy 2.4.6 `numpy.quantile(x, p)` (method "linear", Hyndman–Fan type 7);
// Docs/Statistics/reference_scipy_more.py.

@Suite struct QuantileTests {
    @Test func matchesNumPy() {
        let x = [3.1, -0.4, 2.2, 7.9, 0.0, 5.5, -2.3, 1.1, 4.4]
        let reference: [(Double, Double)] = [
            (0, -2.3), (0.05, -1.5399999999999998), (0.1, -0.7799999999999999), (0.25, 0.0),
            (0.333, 0.7304000000000002), (0.5, 2.2), (0.9, 5.98), (0.95, 6.9399999999999995), (1, 7.9),
        ]
        for (p, expected) in reference {
            #expect(abs(Quantile.of(x, p: p) - expected) <= 1e-15 * max(1, abs(expected)), "p = \(p)")
        }
        #expect(Quantile.of(x, probabilities: reference.map { $0.0 }) == reference.map { Quantile.of(x, p: $0.0) })
    }

    @Test func edgeCases() {
        #expect(Quantile.of([], p: 0.5).isNaN)
        #expect(Quantile.of([4], p: 0.3) == 4)
        #expect(Quantile.of([1, .nan, 3], p: 0.5) == 2)  // NaN ignored
        // Infinities sort to the ends; interpolating towards one gives it (R's convention).
        #expect(Quantile.of([-.infinity, 1, 2], p: 0.25) == -.infinity)
        #expect(Quantile.of([-.infinity, 1, 2], p: 0.5) == 1)
        #expect(Quantile.of([1, 2, .infinity], p: 0.9) == .infinity)
        #expect(Quantile.of([-.infinity, .infinity], p: 0.5).isNaN)
        #expect(Quantile.of([.infinity, .infinity], p: 0.5) == .infinity)
        #expect(Quantile.of([-1e308, 1e308], p: 0.5) == 0)
    }
}
