#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
import Foundation
#endif
import LinearAlgebra

extension GaussianDistance {
    /// D_KL(N(μ₁, Σ₁) ‖ N(μ₂, Σ₂)) in d dimensions, in nats:
    /// `½ [tr(Σ₂⁻¹Σ₁) + (μ₂ − μ₁)ᵀ Σ₂⁻¹ (μ₂ − μ₁) − d + ln det Σ₂ − ln det Σ₁]`.
    ///
    /// Computed through the eigenvalues λᵢ of S = L₂⁻¹ Σ₁ L₂⁻ᵀ (Σ₂ = L₂L₂ᵀ, Cholesky), which are those
    /// of Σ₂⁻¹Σ₁: `½ [Σᵢ (rᵢ − log1p rᵢ) + ‖L₂⁻¹(μ₁ − μ₂)‖²]` with rᵢ = λᵢ − 1. The trace and the
    /// log-determinants then cancel term by term, so nearby distributions keep their relative
    /// accuracy (the textbook form loses it to d·ε absolute).
    ///
    /// Degenerate cases, as in one dimension: when Σ₂ is not positive definite (its Cholesky
    /// factorisation fails) the result is +∞, except 0 when the two distributions are identical
    /// (same mean, same covariance); when Σ₁ is singular and Σ₂ is not, +∞ (N₁ puts all its mass on
    /// a set of measure 0 under N₂).
    /// - Parameters:
    ///   - mean1, covariance1: μ₁ (d entries) and Σ₁ (d × d, lower triangle read, as in LinearAlgebra).
    ///   - mean2, covariance2: μ₂ and Σ₂.
    /// - Returns: the divergence in [0, +∞].
    /// - Complexity: O(d³) (Cholesky, two triangular solves with d right-hand sides, a symmetric
    ///   eigendecomposition).
    public static func kullbackLeibler(mean1: [Double], covariance1: Matrix, mean2: [Double], covariance2: Matrix) -> Double {
        let d = checkShapes(mean1, covariance1, mean2, covariance2)
        if d == 0 { return 0 }
        let first = symmetrisedFromLower(covariance1)
        let second = symmetrisedFromLower(covariance2)
        guard let factor = second.cholesky() else {
            return mean1 == mean2 && first == second ? 0 : .infinity
        }
        let lower = factor.lower
        // S = L⁻¹ Σ₁ L⁻ᵀ = L⁻¹ (L⁻¹ Σ₁)ᵀ, Σ₁ symmetric.
        let half = forwardSubstitute(lower, first)
        let whitened = forwardSubstitute(lower, half.transposed())
        let eigenvalues = whitened.symmetricEigen().values
        var total = 0.0
        for lambda in eigenvalues {
            guard lambda > 0 else { return .infinity }
            let r = lambda - 1
            total += r - log1p(r)
        }
        let shift = zip(mean1, mean2).map { $0 - $1 }
        let whitenedShift = forwardSubstitute(lower, Matrix(rows: d, columns: 1, elements: shift)).elements
        for value in whitenedShift { total += value * value }
        return max(0, 0.5 * total)
    }

    /// W₂²(N(μ₁, Σ₁), N(μ₂, Σ₂)) = ‖μ₁ − μ₂‖² + tr(Σ₁ + Σ₂ − 2 (Σ₂^½ Σ₁ Σ₂^½)^½), the squared
    /// 2-Wasserstein (Fréchet) distance (D. C. Dowson, B. V. Landau, "The Fréchet distance between
    /// multivariate normal distributions", J. Multivariate Anal. 12(3), 1982; C. R. Givens,
    /// R. M. Shortt, Michigan Math. J. 31(2), 1984).
    ///
    /// Σ₂^½ is ``LinearAlgebra/Matrix/symmetricSquareRoot()``; tr (Σ₂^½ Σ₁ Σ₂^½)^½ is the sum of the
    /// square roots of the eigenvalues of the middle matrix (negative round-off clamped to 0). Valid
    /// for singular (positive semi-definite) covariances: point masses and distributions on a
    /// subspace. The covariance term is a difference of traces, so its absolute error is about
    /// d·ε·(tr Σ₁ + tr Σ₂); the result is clamped at 0.
    /// - Parameters: as for ``kullbackLeibler(mean1:covariance1:mean2:covariance2:)``.
    /// - Returns: the squared distance ≥ 0.
    /// - Complexity: O(d³) (two symmetric eigendecompositions — Jacobi up to d = 12, tridiagonal QR above — and two products).
    public static func wasserstein2Squared(mean1: [Double], covariance1: Matrix, mean2: [Double], covariance2: Matrix) -> Double {
        let d = checkShapes(mean1, covariance1, mean2, covariance2)
        if d == 0 { return 0 }
        let first = symmetrisedFromLower(covariance1)
        let second = symmetrisedFromLower(covariance2)
        let root = second.symmetricSquareRoot()
        let middle = root * first * root
        var crossTerm = 0.0
        for lambda in middle.symmetricEigen().values { crossTerm += max(lambda, 0).squareRoot() }
        var shift = 0.0
        for (a, b) in zip(mean1, mean2) { shift += (a - b) * (a - b) }
        return shift + max(0, first.trace + second.trace - 2 * crossTerm)
    }

    private static func checkShapes(_ mean1: [Double], _ covariance1: Matrix, _ mean2: [Double], _ covariance2: Matrix) -> Int {
        let d = mean1.count
        precondition(mean2.count == d, "GaussianDistance: means of different dimensions")
        precondition(covariance1.rows == d && covariance1.columns == d, "GaussianDistance: covariance1 is not \(d) × \(d)")
        precondition(covariance2.rows == d && covariance2.columns == d, "GaussianDistance: covariance2 is not \(d) × \(d)")
        return d
    }

    /// The symmetric matrix whose lower triangle is that of `matrix` (LinearAlgebra's convention for
    /// symmetric input).
    private static func symmetrisedFromLower(_ matrix: Matrix) -> Matrix {
        Matrix(rows: matrix.rows, columns: matrix.columns) { i, j in i >= j ? matrix[i, j] : matrix[j, i] }
    }

    /// L⁻¹ B for lower triangular L with a positive diagonal, by forward substitution.
    private static func forwardSubstitute(_ lower: Matrix, _ b: Matrix) -> Matrix {
        let n = lower.rows, m = b.columns
        var x = b.elements
        for column in 0..<m {
            for i in 0..<n {
                var sum = x[i * m + column]
                for k in 0..<i { sum -= lower[i, k] * x[k * m + column] }
                x[i * m + column] = sum / lower[i, i]
            }
        }
        return Matrix(rows: n, columns: m, elements: x)
    }
}
