import Families
import Foundation
import Statistics

/// Closed-form expectations for the Bernoulli, Poisson and exponential chains fitted by maximum
/// likelihood on purely synthetic data (regime `replace`, update `refit`); "Lost in Retraining"
/// (2025) and RESEARCH.md §7.
///
/// Fit t uses n_{t−1} points of model t − 1 (model 0 is the truth θ₀):
/// - Bernoulli: n p_t ~ Binomial(n, p_{t−1}), so E p_t = p₀ (a martingale) and
///   E p_t(1 − p_t) = (1 − 1/n) E p_{t−1}(1 − p_{t−1}): E(p_t − p₀)² = p₀(1 − p₀)(1 − ∏(1 − 1/n_i)).
///   The chain is absorbed at 0 or 1 with probability one, at 1 with probability p₀.
/// - Poisson: n λ_t ~ Poisson(n λ_{t−1}): E λ_t = λ₀ and Var λ_t = Var λ_{t−1} + λ₀/n, so
///   E(λ_t − λ₀)² = λ₀ Σ 1/n_i; absorbed at λ = 0 with probability one.
/// - Exponential (rate): λ_t = λ_{t−1} n/G, G ~ Gamma(n, 1): E λ_t = λ₀ ∏ n/(n − 1) (n ≥ 2),
///   E λ_t² = λ₀² ∏ n²/((n − 1)(n − 2)) (n ≥ 3), E ln(λ_t/λ₀) = Σ (ln n − ψ(n)), so
///   E KL(truth ‖ model_t) = E[λ_t/λ₀ − 1 − ln(λ_t/λ₀)] = ∏ n/(n − 1) − 1 − Σ (ln n − ψ(n)).
///   The mean 1/λ_t is the martingale; ln λ_t drifts up and the chain tends to a point mass at 0.
/// KL for Bernoulli and Poisson has no finite expectation (an absorbed chain has KL = ∞ with
/// positive probability) and `absorbed` no simple closed form; they get no theory.
public struct ExponentialFamilyTheory: Sendable {
    public var distribution: ExponentialFamilyDistribution
    public var truth: Double
    /// n(0), …, n(T − 1).
    public var sizes: [Int]

    public init(distribution: ExponentialFamilyDistribution, truth: Double, sizes: [Int]) {
        self.distribution = distribution
        self.truth = truth
        self.sizes = sizes
    }

    /// P(the Bernoulli chain is absorbed at 1) = p₀.
    public static func bernoulliAbsorptionAtOne(truth p0: Double) -> Double { p0 }

    /// E[metric] at generations 0…T (index = generation); nil where no closed form applies.
    public func expectations(of metric: ExponentialFamilyMetric) -> [Double?] {
        let theta = truth
        var result: [Double?] = []
        var keep = 1.0, inverseSum = 0.0
        var first: Double? = 1, second: Double? = 1, logDrift = 0.0
        for t in 0...sizes.count {
            if t > 0 {
                let n = Double(sizes[t - 1])
                keep *= 1 - 1 / n
                inverseSum += 1 / n
                first = sizes[t - 1] >= 2 ? first.map { $0 * n / (n - 1) } : nil
                second = sizes[t - 1] >= 3 ? second.map { $0 * n * n / ((n - 1) * (n - 2)) } : nil
                logDrift += log(n) - SpecialFunctions.digamma(n)
            }
            switch (metric, distribution) {
            case (.parameter, .bernoulli), (.parameter, .poisson):
                result.append(theta)
            case (.parameter, .exponential):
                result.append(first.map { theta * $0 })
            case (.parameterError, .bernoulli):
                result.append(theta * (1 - theta) * (1 - keep))
            case (.parameterError, .poisson):
                result.append(theta * inverseSum)
            case (.parameterError, .exponential):
                if let first, let second {
                    result.append(theta * theta * (second - 2 * first + 1))
                } else {
                    result.append(nil)
                }
            case (.kl, .exponential):
                result.append(first.map { $0 - 1 - logDrift })
            case (.kl, _):
                result.append(t == 0 ? 0 : nil)
            case (.absorbed, _):
                result.append(t == 0 ? 0 : nil)
            }
        }
        return result
    }
}
