import LinearAlgebra

/// A fitted d-dimensional Gaussian N(μ, Σ), with the (semidefinite) Cholesky factor of Σ that
/// sampling and the metrics use. A singular Σ is allowed: it is a collapsed model.
public struct MultivariateGaussianModel: Sendable {
    public var mean: [Double]
    public var covariance: Matrix
    /// Σ = L Lᵀ, by semidefinite (pivoted where needed) Cholesky: rank-deficient when Σ is singular.
    public var factor: Cholesky

    public init(mean: [Double], covariance: Matrix) {
        self.mean = mean
        self.covariance = covariance
        self.factor = covariance.semidefiniteCholesky(tolerance: Self.rankTolerance)
    }

    /// Pivots at or below this fraction of the largest variance count as zero: a sample covariance
    /// of n ≤ d points keeps round-off pivots of order 10⁶·nε, far below this, so its rank
    /// deficiency (a collapsed direction) is detected.
    public static let rankTolerance = 1e-9

    public var dimension: Int { mean.count }
}
