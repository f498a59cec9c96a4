/// How the variance is estimated from a (weighted) sample.
public enum GaussianEstimator: String, Sendable, CaseIterable {
    /// Maximum likelihood: divides the centred sum of squares by n (Σw for weights).
    /// E σ̂² = σ²(1 − 1/n): the variance shrinks geometrically under recursion.
    case mle
    /// Unbiased: divides by n − 1 (Σw − Σw²/Σw, reliability weights). A martingale, E σ̂² = σ², yet
    /// σ_t → 0 almost surely (Shumailov et al. 2024).
    case unbiased

    /// The divisor k of the centred sum of squares for an unweighted sample of n points.
    @inlinable
    public func divisor(sampleSize n: Int) -> Double {
        self == .mle ? Double(n) : Double(n - 1)
    }
}

/// Which parameters are fitted.
public enum GaussianFitMode: String, Sendable, CaseIterable {
    /// Mean and (co)variance are both estimated.
    case meanAndVariance = "mean-and-variance"
    /// Only the mean; the (co)variance is known and stays the truth's.
    case meanOnly = "mean-only"
}
