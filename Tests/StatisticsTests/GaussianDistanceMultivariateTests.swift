import Foundation
import LinearAlgebra
import Testing
import Statistics

// Reference values: the textbook formulas evaluated in 40-digit mpmath 1.3.0 (inverse, det, sqrtm);
// Docs/Statistics/reference_gaussian_multivariate.py.

@Suite struct GaussianDistanceMultivariateTests {
    static let sigma1 = Matrix([[2, 0.3, 0.1], [0.3, 1, -0.2], [0.1, -0.2, 0.5]])
    static let sigma2 = Matrix([[1, -0.4, 0], [-0.4, 1.5, 0.3], [0, 0.3, 0.8]])
    static let mu1 = [0.1, -0.5, 1]
    static let mu2 = [0, 0.2, 0.7]

    @Test func matchesMpmath() {
        let kl12 = GaussianDistance.kullbackLeibler(mean1: Self.mu1, covariance1: Self.sigma1, mean2: Self.mu2, covariance2: Self.sigma2)
        let kl21 = GaussianDistance.kullbackLeibler(mean1: Self.mu2, covariance1: Self.sigma2, mean2: Self.mu1, covariance2: Self.sigma1)
        #expect(relativeError(kl12, 0.9002020311442244) < 1e-13)
        #expect(relativeError(kl21, 0.986559500576813) < 1e-13)
        let w12 = GaussianDistance.wasserstein2Squared(mean1: Self.mu1, covariance1: Self.sigma1, mean2: Self.mu2, covariance2: Self.sigma2)
        let w21 = GaussianDistance.wasserstein2Squared(mean1: Self.mu2, covariance1: Self.sigma2, mean2: Self.mu1, covariance2: Self.sigma1)
        #expect(relativeError(w12, 1.1903766851884552) < 1e-13)
        #expect(relativeError(w21, 1.1903766851884552) < 1e-13)
    }

    @Test func oneDimensionAgreesWithTheScalarForms() {
        let kl = GaussianDistance.kullbackLeibler(mean1: [0.3], covariance1: Matrix([[2.5]]), mean2: [-1], covariance2: Matrix([[0.7]]))
        #expect(relativeError(kl, GaussianDistance.kullbackLeibler(mean1: 0.3, variance1: 2.5, mean2: -1, variance2: 0.7)) < 1e-14)
        let w = GaussianDistance.wasserstein2Squared(mean1: [0.3], covariance1: Matrix([[2.5]]), mean2: [-1], covariance2: Matrix([[0.7]]))
        #expect(relativeError(w, GaussianDistance.wasserstein2Squared(mean1: 0.3, variance1: 2.5, mean2: -1, variance2: 0.7)) < 1e-14)
    }

    /// Independent coordinates: both quantities add up over coordinates.
    @Test func diagonalCovariancesAddUp() {
        let a = [1.5, 0.2, 3.0, 0.9], b = [0.5, 0.4, 2.0, 1.1]
        let m = [0.0, 1.0, -2.0, 0.5], n = [0.3, 0.9, -1.0, 0.5]
        var kl = 0.0, w = 0.0
        for i in 0..<4 {
            kl += GaussianDistance.kullbackLeibler(mean1: m[i], variance1: a[i], mean2: n[i], variance2: b[i])
            w += GaussianDistance.wasserstein2Squared(mean1: m[i], variance1: a[i], mean2: n[i], variance2: b[i])
        }
        #expect(relativeError(GaussianDistance.kullbackLeibler(mean1: m, covariance1: .diagonal(a), mean2: n, covariance2: .diagonal(b)), kl) < 1e-14)
        #expect(relativeError(GaussianDistance.wasserstein2Squared(mean1: m, covariance1: .diagonal(a), mean2: n, covariance2: .diagonal(b)), w) < 1e-13)
    }

    /// KL is invariant under a common invertible affine map x ↦ Ax + b; W₂ under a common rotation
    /// and translation.
    @Test func invariances() {
        let angle = 0.7
        let rotation = Matrix([[cos(angle), -sin(angle), 0], [sin(angle), cos(angle), 0], [0, 0, 1]])
        let general = Matrix([[1.2, 0.3, -0.5], [0.0, 0.8, 0.4], [0.7, -0.2, 1.1]])
        let b = [3.0, -1.0, 0.25]
        func map(_ a: Matrix, _ mu: [Double], _ sigma: Matrix) -> ([Double], Matrix) {
            let moved = zip(a.multiply(mu), b).map { $0 + $1 }
            return (moved, a * sigma * a.transposed())
        }
        let kl = GaussianDistance.kullbackLeibler(mean1: Self.mu1, covariance1: Self.sigma1, mean2: Self.mu2, covariance2: Self.sigma2)
        let (m1, s1) = map(general, Self.mu1, Self.sigma1), (m2, s2) = map(general, Self.mu2, Self.sigma2)
        #expect(relativeError(GaussianDistance.kullbackLeibler(mean1: m1, covariance1: s1, mean2: m2, covariance2: s2), kl) < 1e-12)
        let w = GaussianDistance.wasserstein2Squared(mean1: Self.mu1, covariance1: Self.sigma1, mean2: Self.mu2, covariance2: Self.sigma2)
        let (r1, t1) = map(rotation, Self.mu1, Self.sigma1), (r2, t2) = map(rotation, Self.mu2, Self.sigma2)
        #expect(relativeError(GaussianDistance.wasserstein2Squared(mean1: r1, covariance1: t1, mean2: r2, covariance2: t2), w) < 1e-12)
    }

    @Test func degenerateCovariances() {
        let singular = Matrix([[1, 1], [1, 1]])
        let definite = Matrix([[2, 0.5], [0.5, 1]])
        #expect(GaussianDistance.kullbackLeibler(mean1: [0, 0], covariance1: definite, mean2: [0, 0], covariance2: singular) == .infinity)
        #expect(GaussianDistance.kullbackLeibler(mean1: [0, 0], covariance1: singular, mean2: [0, 0], covariance2: definite) == .infinity)
        #expect(GaussianDistance.kullbackLeibler(mean1: [1, 2], covariance1: singular, mean2: [1, 2], covariance2: singular) == 0)
        #expect(GaussianDistance.kullbackLeibler(mean1: [0, 0], covariance1: definite, mean2: [0, 0], covariance2: definite) == 0)
        // W₂ between point masses is the distance between the points; to a Gaussian, ‖δ‖² + tr Σ.
        let zero = Matrix(rows: 2, columns: 2, repeating: 0)
        #expect(GaussianDistance.wasserstein2Squared(mean1: [0, 0], covariance1: zero, mean2: [3, 4], covariance2: zero) == 25)
        #expect(relativeError(GaussianDistance.wasserstein2Squared(mean1: [0, 0], covariance1: zero, mean2: [0, 0], covariance2: definite), 3) < 1e-14)
        // Same singular covariance: only the means differ (here along the support).
        #expect(abs(GaussianDistance.wasserstein2Squared(mean1: [0, 0], covariance1: singular, mean2: [1, 1], covariance2: singular) - 2) < 1e-14)
    }

    /// Close distributions: KL ≈ ½ δᵀΣ⁻¹δ + ¼ Σ rᵢ²; the eigenvalue form keeps relative accuracy.
    @Test func nearbyDistributionsKeepRelativeAccuracy() {
        let epsilon = 1e-7
        let perturbed = Matrix([[2 * (1 + epsilon), 0.3, 0.1], [0.3, 1, -0.2], [0.1, -0.2, 0.5]])
        let kl = GaussianDistance.kullbackLeibler(mean1: Self.mu1, covariance1: perturbed, mean2: Self.mu1, covariance2: Self.sigma1)
        // r = the single nonzero eigenvalue of Σ⁻¹ΔΣ shifted: ¼ r² with r = 2ε (Σ⁻¹)₁₁.
        let inverse11 = Self.sigma1.cholesky()!.inverse()[0, 0]
        let r = 2 * epsilon * inverse11
        #expect(relativeError(kl, r * r / 4) < 1e-5)
    }
}
