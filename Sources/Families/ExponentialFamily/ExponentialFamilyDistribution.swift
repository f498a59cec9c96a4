#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The one-parameter exponential families of "Lost in Retraining" (2025) and Dey & Donoho (2024):
/// Bernoulli(p), Poisson(λ) and Exponential(λ), each with the sufficient statistic T(x) = x, so a
/// batch of n points is summarised by (n, Σx).
///
/// The parameter is p, the Poisson mean λ, and the exponential rate λ (mean 1/λ). Maximum
/// likelihood makes the mean parameter E T(x) a martingale — p, λ, and 1/λ — so the chain drifts
/// and, for Bernoulli and Poisson, is absorbed (p ∈ {0, 1}, λ = 0) with probability one.
public enum ExponentialFamilyDistribution: String, Sendable, CaseIterable {
    case bernoulli
    case poisson
    case exponential

    /// The parameter's name in specs and docs.
    public var parameterName: String {
        switch self {
        case .bernoulli: return "probability"
        case .poisson: return "mean"
        case .exponential: return "rate"
        }
    }

    /// The conjugate prior's name: Beta(a, b) for p, Gamma(shape a, rate b) for λ.
    public var priorName: String { self == .bernoulli ? "Beta(a, b)" : "Gamma(a, b) (shape a, rate b)" }

    /// The mean of T(x) = x under the parameter θ: p, λ, or 1/λ.
    @inlinable
    public func meanParameter(_ theta: Double) -> Double {
        self == .exponential ? 1 / theta : theta
    }

    /// The parameter whose mean of T(x) is μ (the inverse of ``meanParameter(_:)``).
    @inlinable
    public func parameter(fromMean mu: Double) -> Double {
        self == .exponential ? 1 / mu : mu
    }

    /// KL(truth θ₀ ‖ model θ), nats; +∞ when the model has lost the truth's support.
    /// Bernoulli: p₀ ln(p₀/p) + (1 − p₀) ln((1 − p₀)/(1 − p)); Poisson: λ₀ ln(λ₀/λ) + λ − λ₀;
    /// exponential (rates): ln(λ₀/λ) + λ/λ₀ − 1.
    @inlinable
    public func kullbackLeibler(truth p0: Double, model p: Double) -> Double {
        switch self {
        case .bernoulli:
            var sum = 0.0
            if p0 > 0 { sum += p == 0 ? .infinity : p0 * log(p0 / p) }
            if p0 < 1 { sum += p == 1 ? .infinity : (1 - p0) * log((1 - p0) / (1 - p)) }
            return max(0, sum)
        case .poisson:
            if p0 == 0 { return p }
            if p == 0 { return .infinity }
            return max(0, p0 * log(p0 / p) + p - p0)
        case .exponential:
            if !p.isFinite || p == 0 { return .infinity }
            let ratio = p / p0
            return max(0, ratio - 1 - log(ratio))
        }
    }

    /// Whether θ is an absorbing, degenerate state: p ∈ {0, 1}, λ = 0 (Poisson), or an exponential
    /// rate that is 0 or infinite (see ``ExponentialFamilyMetric/absorbed`` for its threshold).
    @inlinable
    public func isDegenerate(_ theta: Double) -> Bool {
        switch self {
        case .bernoulli: return theta <= 0 || theta >= 1
        case .poisson: return theta <= 0
        case .exponential: return theta <= 0 || !theta.isFinite
        }
    }
}

/// A conjugate prior: Beta(a, b) for a Bernoulli p, Gamma(shape a, rate b) for a Poisson mean or
/// an exponential rate.
public struct ConjugatePrior: Sendable, Equatable {
    public var a: Double
    public var b: Double

    public init(a: Double, b: Double) {
        self.a = a
        self.b = b
    }
}

/// How the parameter is estimated from the weighted sufficient statistics (W = Σ weights·n,
/// S = Σ weights·Σx).
public enum ExponentialFamilyEstimator: Sendable, Equatable {
    /// Maximum likelihood: p = S/W, λ = S/W (Poisson), λ = W/S (exponential).
    case mle
    /// The posterior mode under a conjugate prior: p = (S + a − 1)/(W + a + b − 2),
    /// λ = (S + a − 1)/(W + b) (Poisson), λ = (W + a − 1)/(S + b) (exponential). With a > 1 and
    /// b > 1 (Bernoulli), a > 1 (Poisson) the estimate stays interior: the chain is never absorbed.
    case map(ConjugatePrior)

    public var name: String {
        switch self {
        case .mle: return "mle"
        case .map: return "map"
        }
    }

    /// The estimate of θ from W = Σ wn > 0 and S = Σ w Σx.
    @inlinable
    public func estimate(_ distribution: ExponentialFamilyDistribution, weight w: Double, sum s: Double) -> Double {
        switch (self, distribution) {
        case (.mle, .bernoulli): return min(1, max(0, s / w))
        case (.mle, .poisson): return max(0, s / w)
        case (.mle, .exponential): return s > 0 ? w / s : .infinity
        case (.map(let prior), .bernoulli):
            return min(1, max(0, (s + prior.a - 1) / (w + prior.a + prior.b - 2)))
        case (.map(let prior), .poisson):
            return max(0, (s + prior.a - 1) / (w + prior.b))
        case (.map(let prior), .exponential):
            return max(0, (w + prior.a - 1) / (s + prior.b))
        }
    }
}
