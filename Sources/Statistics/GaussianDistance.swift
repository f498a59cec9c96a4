#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
import Foundation
#endif

/// Closed-form divergences and distances between Gaussian distributions, in one dimension and
/// in d dimensions.
///
/// Degenerate Gaussians (variance 0: a point mass, which is where the variance of a recursively
/// refitted Gaussian goes) are allowed and handled as the limits, stated for each function.
public enum GaussianDistance {
    /// D_KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²)) = ½ [σ₁²/σ₂² − 1 − ln(σ₁²/σ₂²) + (μ₁ − μ₂)²/σ₂²], in nats.
    ///
    /// Computed as ½ [r − log1p(r) + (μ₁ − μ₂)²/σ₂²] with r = (σ₁² − σ₂²)/σ₂², accurate when the two
    /// are close. Degenerate cases:
    /// - σ₂² = 0: +∞, unless also σ₁² = 0 and μ₁ = μ₂ (the same point mass), which gives 0;
    /// - σ₁² = 0 < σ₂²: +∞. A point mass is not absolutely continuous with respect to a
    ///   non-degenerate Gaussian (it puts mass 1 on a set of measure 0), and the formula diverges
    ///   like −½ ln σ₁² as σ₁² → 0.
    /// - Parameters: means and variances (variances ≥ 0).
    /// - Returns: the divergence in [0, +∞]; NaN for NaN or negative variances.
    /// - Complexity: O(1).
    public static func kullbackLeibler(mean1: Double, variance1: Double, mean2: Double, variance2: Double) -> Double {
        guard variance1 >= 0, variance2 >= 0, !mean1.isNaN, !mean2.isNaN else { return .nan }
        if variance2 == 0 {
            return variance1 == 0 && mean1 == mean2 ? 0 : .infinity
        }
        if variance1 == 0 { return .infinity }
        if variance2 == .infinity { return .nan }
        if variance1 == .infinity { return .infinity }
        let relative = (variance1 - variance2) / variance2
        let shift = mean1 - mean2
        return 0.5 * (relative - log1p(relative) + shift * shift / variance2)
    }

    /// W₂²(N(μ₁, σ₁²), N(μ₂, σ₂²)) = (μ₁ − μ₂)² + (σ₁ − σ₂)², the squared 2-Wasserstein distance.
    ///
    /// Valid for degenerate Gaussians too (W₂ is a distance between probability measures, point
    /// masses included). (σ₁ − σ₂)² is computed as (σ₁² − σ₂²)²/(σ₁ + σ₂)², accurate when the
    /// standard deviations are close.
    /// - Returns: the squared distance ≥ 0; NaN for NaN or negative variances.
    /// - Complexity: O(1).
    public static func wasserstein2Squared(mean1: Double, variance1: Double, mean2: Double, variance2: Double) -> Double {
        guard variance1 >= 0, variance2 >= 0 else { return .nan }
        let shift = mean1 - mean2
        let sumOfDeviations = variance1.squareRoot() + variance2.squareRoot()
        var spread = 0.0
        if sumOfDeviations > 0 {
            let quotient = (variance1 - variance2) / sumOfDeviations
            spread = quotient.isNaN ? .infinity : quotient * quotient
        }
        return shift * shift + spread
    }
}
