import Families
import Foundation

/// Closed-form expectations of the `kde` family with a fixed bandwidth h under recursive refitting
/// on purely synthetic data (regime `replace`, update `refit`): Fu et al., "Towards Theoretical
/// Understandings of Self-Consuming Generative Models" (ICML 2024), RESEARCH.md §8.
///
/// **Derivation.** Fit t (t ≥ 1) is a KDE on n = n(t−1) points drawn i.i.d. from model t − 1 (model 0
/// is the truth), whose variance is V_{t−1}. A KDE of n points has variance
/// Var f̂ = s² + h², s² = (1/n)Σ(xᵢ − x̄)² the maximum-likelihood sample variance, and
/// E[s² | model_{t−1}] = (1 − 1/n)V_{t−1} for i.i.d. draws of any law. Hence
///
///     E V_t = (1 − 1/n(t−1))·E V_{t−1} + h²,   V_0 = σ² (the truth's variance),
///
/// and for constant n: E V_t = nh² + (1 − 1/n)^t (σ² − nh²) — the variance moves geometrically from
/// σ² towards the fixed point nh², inflating when nh² > σ² and shrinking otherwise. With σ² = 1 this
/// is RESEARCH.md §8's E Var(model_t) = nh² + (1 − 1/n)^t (1 − nh²), in the project's numbering
/// (generation 0 is the truth, fit t is generation t; t = 1 gives (1 − 1/n)σ² + h², one KDE of real
/// data). Only σ² enters: the truth may be any law (a Gaussian mixture here).
///
/// The mean x̄_t is a martingale with E[(x̄_t − x̄_{t−1})² | model_{t−1}] = V_{t−1}/n, so
///
///     E (x̄_t − μ*)² = Σ_{i=1..t} E V_{i−1} / n(i−1).
///
/// Both are checked by simulation in the tests (within 4.5 standard errors).
public struct KernelDensityTheory: Sendable {
    /// σ², the truth's variance.
    public var truthVariance: Double
    /// h, fixed.
    public var bandwidth: Double
    /// n(0), …, n(T − 1).
    public var sizes: [Int]

    public init(truthVariance: Double, bandwidth: Double, sizes: [Int]) {
        self.truthVariance = truthVariance
        self.bandwidth = bandwidth
        self.sizes = sizes
    }

    /// E[metric] at generations 0…T (index = generation); nil where no closed form applies.
    public func expectations(of metric: KernelDensityMetric) -> [Double?] {
        switch metric {
        case .variance: return variances().map { $0 }
        case .meanError:
            let v = variances()
            var error = 0.0
            var result: [Double?] = [0]
            for (index, n) in sizes.enumerated() {
                error += v[index] / Double(n)
                result.append(error)
            }
            return result
        case .bandwidth, .w1, .tailMass, .nll:
            return [Double?](repeating: nil, count: sizes.count + 1)
        }
    }

    /// E V_t, t = 0…T.
    func variances() -> [Double] {
        var result = [truthVariance]
        var v = truthVariance
        for n in sizes {
            v = (1 - 1 / Double(n)) * v + bandwidth * bandwidth
            result.append(v)
        }
        return result
    }

    /// The constant-n closed form nh² + (1 − 1/n)^t (σ² − nh²).
    public static func variance(truthVariance: Double, bandwidth h: Double, sampleSize n: Int, generation t: Int) -> Double {
        let fixedPoint = Double(n) * h * h
        return fixedPoint + pow(1 - 1 / Double(n), Double(t)) * (truthVariance - fixedPoint)
    }
}
