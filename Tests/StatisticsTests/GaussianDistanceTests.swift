import Foundation
import Testing
import Statistics

@Suite struct GaussianDistanceTests {
    @Test func kullbackLeiblerClosedForm() {
        // KL(N(0, 1) ‖ N(1, 2)) = ½ [½ + ½ − 1 + ln 2] = ½ ln 2.
        #expect(relativeError(GaussianDistance.kullbackLeibler(mean1: 0, variance1: 1, mean2: 1, variance2: 2), 0.5 * log(2.0)) < 1e-15)
        // KL(N(3, 4) ‖ N(0, 1)) = ½ [4 − 1 − ln 4 + 9] = 6 − ln 2.
        #expect(relativeError(GaussianDistance.kullbackLeibler(mean1: 3, variance1: 4, mean2: 0, variance2: 1), 6 - log(2.0)) < 1e-15)
        #expect(GaussianDistance.kullbackLeibler(mean1: 2, variance1: 3, mean2: 2, variance2: 3) == 0)
        // Close variances: ½ (r − log1p r) ≈ r²/4.
        let r = 1e-6
        #expect(relativeError(GaussianDistance.kullbackLeibler(mean1: 0, variance1: 1 + r, mean2: 0, variance2: 1), r * r / 4) < 1e-5)
    }

    @Test func kullbackLeiblerDegenerateCases() {
        #expect(GaussianDistance.kullbackLeibler(mean1: 0, variance1: 1, mean2: 0, variance2: 0) == .infinity)
        #expect(GaussianDistance.kullbackLeibler(mean1: 0, variance1: 0, mean2: 0, variance2: 1) == .infinity)
        #expect(GaussianDistance.kullbackLeibler(mean1: 1, variance1: 0, mean2: 1, variance2: 0) == 0)
        #expect(GaussianDistance.kullbackLeibler(mean1: 1, variance1: 0, mean2: 2, variance2: 0) == .infinity)
        #expect(GaussianDistance.kullbackLeibler(mean1: 0, variance1: -1, mean2: 0, variance2: 1).isNaN)
    }

    @Test func wassersteinClosedForm() {
        // (0 − 1)² + (2 − 1)² = 2.
        #expect(GaussianDistance.wasserstein2Squared(mean1: 0, variance1: 4, mean2: 1, variance2: 1) == 2)
        #expect(GaussianDistance.wasserstein2Squared(mean1: 0, variance1: 0, mean2: 0, variance2: 9) == 9)
        #expect(GaussianDistance.wasserstein2Squared(mean1: 5, variance1: 0, mean2: 5, variance2: 0) == 0)
        let r = 1e-9
        let close = GaussianDistance.wasserstein2Squared(mean1: 0, variance1: 1 + r, mean2: 0, variance2: 1)
        #expect(relativeError(close, r * r / 4) < 1e-6)  // (√(1+r) − 1)² ≈ r²/4
    }

    /// W₂ between Gaussians equals the 1-D optimal coupling of their quantile functions: compare with
    /// the empirical W₂ of matched quantiles on a fine grid.
    @Test func wassersteinAgreesWithQuantileCoupling() {
        let (m1, v1, m2, v2) = (0.3, 2.0, -1.1, 0.5)
        var sum = 0.0
        let grid = 200_000
        for index in 0..<grid {
            let z = SpecialFunctions.normalQuantile((Double(index) + 0.5) / Double(grid))
            let difference = (m1 + v1.squareRoot() * z) - (m2 + v2.squareRoot() * z)
            sum += difference * difference
        }
        let expected = GaussianDistance.wasserstein2Squared(mean1: m1, variance1: v1, mean2: m2, variance2: v2)
        #expect(abs(sum / Double(grid) - expected) < 1e-4)
    }
}
