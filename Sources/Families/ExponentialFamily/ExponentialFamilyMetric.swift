/// The metrics of the exponential-family models, by their spec names.
public enum ExponentialFamilyMetric: String, Sendable, CaseIterable {
    /// θ: p, the Poisson mean λ, or the exponential rate λ.
    case parameter
    /// (θ − θ₀)².
    case parameterError = "parameter-error"
    /// KL(truth ‖ model), nats; +∞ once absorbed at a state that lost the truth's support.
    case kl
    /// 1 from the generation the chain reached a degenerate parameter: p ∈ {0, 1}, λ = 0
    /// (Poisson); for the exponential, whose chain tends to a point mass without reaching it, the
    /// mean 1/λ below `collapse-threshold` × the truth's.
    case absorbed

    public static let defaults: [ExponentialFamilyMetric] = [.parameter, .parameterError, .kl, .absorbed]
}
