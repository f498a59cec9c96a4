import Foundation
import Testing
import Statistics

// Reference values: SciPy 1.17.1 `scipy.stats.entropy(p)` and `entropy(p, q)` (which also divides
// by the sums); Docs/Statistics/reference_scipy_more.py. Others are closed forms.

@Suite struct DivergenceTests {
    @Test func kullbackLeiblerMatchesSciPy() {
        #expect(relativeError(Divergence.kullbackLeibler([0.1, 0.2, 0.3, 0.4], [0.25, 0.25, 0.25, 0.25]), 0.10644013528622315) < 1e-14)
        // Counts are normalised.
        #expect(relativeError(Divergence.kullbackLeibler([3, 0, 5, 2], [1, 1, 1, 1]), 0.3566413470553171) < 1e-14)
        #expect(Divergence.kullbackLeibler([0.5, 0.5], [1, 0]) == .infinity)
        #expect(Divergence.kullbackLeibler([1, 0], [0.5, 0.5]) == Foundation.log(2.0))
        #expect(Divergence.kullbackLeibler([0.2, 0.8], [0.2, 0.8]) == 0)
        #expect(Divergence.kullbackLeibler([0, 0], [0.5, 0.5]).isNaN)
    }

    @Test func totalVariationAndHellinger() {
        #expect(Divergence.totalVariation([1, 0], [0, 1]) == 1)
        #expect(Divergence.hellinger([1, 0], [0, 1]) == 1)
        #expect(relativeError(Divergence.totalVariation([0.1, 0.2, 0.7], [0.3, 0.3, 0.4]), 0.3) < 1e-15)
        // H² = 1 − Σ√(pq) = 1 − √½ for (½, ½) against (1, 0).
        #expect(relativeError(Divergence.hellingerSquared([0.5, 0.5], [1, 0]), 1 - 0.5.squareRoot()) < 1e-15)
        #expect(relativeError(Divergence.hellinger([5, 5], [3, 0]), (1 - 0.5.squareRoot()).squareRoot()) < 1e-15)
        // Nearby distributions keep their accuracy: H² ≈ ½ Σ (Δp)²/(4p) = ε²/2 here. (The inputs
        // 0.5 ± ε carry a relative error of about 10⁻⁷ in ε, hence the tolerance.)
        let epsilon = 1e-9
        let h2 = Divergence.hellingerSquared([0.5 + epsilon, 0.5 - epsilon], [0.5, 0.5])
        #expect(relativeError(h2, epsilon * epsilon / 2) < 1e-6)
        // H² ≤ δ ≤ √2 H.
        let p = [0.05, 0.15, 0.3, 0.5], q = [0.4, 0.1, 0.2, 0.3]
        let tv = Divergence.totalVariation(p, q), h = Divergence.hellinger(p, q)
        #expect(h * h <= tv && tv <= 2.0.squareRoot() * h)
    }

    @Test func entropyMatchesSciPy() {
        let p = [0.1, 0.2, 0.3, 0.4]
        #expect(relativeError(Entropy.shannon(p), 1.2798542258336676) < 1e-15)
        #expect(relativeError(Entropy.shannonBits(p), 1.8464393446710157) < 1e-15)
        #expect(relativeError(Entropy.shannon([3, 0, 5, 2]), 1.0296530140645737) < 1e-15)
        #expect(Entropy.shannon([0, 7, 0]) == 0)
        #expect(relativeError(Entropy.shannon([1, 1, 1, 1, 1]), Foundation.log(5.0)) < 1e-15)
        #expect(Entropy.shannon([]).isNaN)
    }

    @Test func collisionProbability() {
        #expect(relativeError(Entropy.collisionProbability([0.1, 0.2, 0.3, 0.4]), 0.3) < 1e-15)
        #expect(Entropy.collisionProbability([2, 2]) == 0.5)
        #expect(Entropy.collisionProbability([0, 9]) == 1)
    }
}
