import Families
import Foundation
import Statistics

/// Closed-form expectations of the Gaussian family's metrics under recursive refitting on purely
/// synthetic data (regime `replace`, update `refit`).
///
/// Fit t (t ≥ 1) uses n_{t−1} points of model t − 1 (model 0 is the truth). With ν = n − 1 and the
/// estimator's divisor k (n for MLE, n − 1 unbiased), Cochran's theorem gives
/// Σ_t = Σ_{t−1}^{1/2} (S_t/k) Σ_{t−1}^{1/2}, S_t ~ Wishart_d(I, ν), and μ_t = μ_{t−1} + Σ_{t−1}^{1/2} Z_t/√n,
/// all factors independent. From this (RESEARCH.md §1–2; Shumailov et al. 2024, Nature, Thm 3.1;
/// Xu, He & Cheng 2025):
/// - E tr Σ_t = tr Σ₀ ∏ ν/k, so E σ_t² = σ²(1 − 1/n)^t (MLE) and σ² (unbiased);
/// - E ln det Σ_t = ln det Σ₀ + Σ_t Σ_{j=1..d} [ψ((n − j)/2) + ln 2 − ln k];
/// - 1-D: E σ_t = σ ∏ c, c = √(2/k)·Γ((ν + 1)/2)/Γ(ν/2);
/// - E‖μ_t − μ₀‖² = tr Σ₀ Σ_{i≤t} (1/n_{i−1}) ∏_{j<i} ν_j/k_j;
/// - 1-D: E W₂² = E(μ_t − μ)² + E σ_t² − 2σ E σ_t + σ²;
/// - E KL(truth ‖ model_t) = ½[d·A_t + d·B_t − d + E ln det Σ_t − ln det Σ₀], with
///   h = k/(ν − d − 1) = the factor of E Σ_t⁻¹ per generation, A_t = ∏_{i≤t} h_i,
///   B_t = Σ_{i≤t} (1/n_{i−1}) ∏_{j=i..t} h_j (finite only when every ν > d + 1).
/// With the covariance known (`mean-only`) the mean is a pure random walk:
/// E‖μ_t − μ₀‖² = tr Σ₀·Σ 1/n, E KL = ½ d Σ 1/n and the marginal tail mass outside μ ± zσ is
/// erfc(z/√(2(1 + Σ 1/n))).
public struct GaussianTheory: Sendable {
    public var dimension: Int
    public var estimator: GaussianEstimator
    public var fitMode: GaussianFitMode
    /// μ₀ averaged over coordinates (the `mean` metric of the truth).
    public var truthMean: Double
    /// tr Σ₀ (σ² in 1-D).
    public var truthTrace: Double
    /// ln det Σ₀ (ln σ² in 1-D).
    public var truthLogDeterminant: Double
    /// n(0), …, n(T − 1).
    public var sizes: [Int]

    public init(
        dimension: Int, estimator: GaussianEstimator, fitMode: GaussianFitMode, truthMean: Double,
        truthTrace: Double, truthLogDeterminant: Double, sizes: [Int]
    ) {
        self.dimension = dimension
        self.estimator = estimator
        self.fitMode = fitMode
        self.truthMean = truthMean
        self.truthTrace = truthTrace
        self.truthLogDeterminant = truthLogDeterminant
        self.sizes = sizes
    }

    /// E[metric] at generations 0…T (index = generation); nil where no closed form applies.
    public func expectations(of metric: GaussianMetric) -> [Double?] {
        let d = Double(dimension)
        let oneDimensional = dimension == 1
        var result: [Double?] = []
        // Running products and sums over fits 1…t.
        var varianceFactor = 1.0, stdFactor = 1.0, logSum = 0.0
        var meanError = 0.0, inverseFactor = 1.0, klMeanTerm = 0.0
        var sumInverseSizes = 0.0
        var logDefined = true, klDefined = true
        for t in 0...sizes.count {
            if t > 0 {
                let n = sizes[t - 1]
                let nu = Double(n - 1)
                let k = estimator.divisor(sampleSize: n)
                meanError += truthTrace * varianceFactor / Double(n)
                sumInverseSizes += 1 / Double(n)
                varianceFactor *= k > 0 ? nu / k : .nan
                if oneDimensional {
                    stdFactor *= nu > 0 && k > 0
                        ? (2 / k).squareRoot() * exp(SpecialFunctions.logGamma((nu + 1) / 2) - SpecialFunctions.logGamma(nu / 2))
                        : 0
                }
                if Double(n) - d > 0 && k > 0 {
                    for j in 1...dimension {
                        logSum += SpecialFunctions.digamma((Double(n) - Double(j)) / 2) + log(2.0) - log(k)
                    }
                } else {
                    logDefined = false
                }
                if nu - d - 1 > 0 && k > 0 {
                    let h = k / (nu - d - 1)
                    inverseFactor *= h
                    klMeanTerm = h * (klMeanTerm + 1 / Double(n))
                } else {
                    klDefined = false
                }
            }
            result.append(value(
                metric, generation: t, varianceFactor: varianceFactor, stdFactor: stdFactor,
                logSum: logDefined ? logSum : nil, meanError: meanError,
                kl: klDefined && logDefined ? 0.5 * (d * inverseFactor + d * klMeanTerm - d + logSum) : nil,
                sumInverseSizes: sumInverseSizes))
        }
        return result
    }

    func value(
        _ metric: GaussianMetric, generation t: Int, varianceFactor: Double, stdFactor: Double,
        logSum: Double?, meanError: Double, kl: Double?, sumInverseSizes: Double
    ) -> Double? {
        let oneDimensional = dimension == 1
        if fitMode == .meanOnly {
            let knownMeanError = truthTrace * sumInverseSizes
            switch metric {
            case .mean: return truthMean
            case .variance: return truthTrace
            case .logVariance: return truthLogDeterminant
            case .std: return (truthTrace / Double(dimension)).squareRoot()
            case .meanError: return knownMeanError
            case .w2Squared: return knownMeanError
            case .kl: return 0.5 * Double(dimension) * sumInverseSizes
            case .tailMass:
                return erfc(GaussianMetric.tailQuantile / (2 * (1 + sumInverseSizes)).squareRoot())
            case .collapsed: return 0
            }
        }
        switch metric {
        case .mean: return truthMean
        case .variance: return truthTrace * varianceFactor
        case .logVariance: return logSum.map { truthLogDeterminant + $0 }
        case .std: return oneDimensional ? truthTrace.squareRoot() * stdFactor : nil
        case .meanError: return meanError
        case .w2Squared:
            guard oneDimensional else { return nil }
            return meanError + truthTrace * varianceFactor + truthTrace - 2 * truthTrace * stdFactor
        case .kl: return kl
        case .tailMass:
            return t == 0 ? erfc(GaussianMetric.tailQuantile / 2.0.squareRoot()) : nil
        case .collapsed: return t == 0 ? 0 : nil
        }
    }
}
