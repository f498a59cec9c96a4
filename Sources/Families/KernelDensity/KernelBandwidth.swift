import Foundation

/// The bandwidth h of a Gaussian kernel density estimate: fixed, or a normal-reference rule
/// recomputed at every fit from that generation's (weighted) training set.
///
/// With normalised point masses mᵢ (Σmᵢ = 1), the rules use Kish's effective sample size
/// n_eff = 1/Σmᵢ² (n for equal weights) and the reliability-weighted standard deviation
/// σ̂ = [Σmᵢ(xᵢ − x̄)² / (1 − Σmᵢ²)]^{1/2} (divisor n − 1 for equal weights):
/// - `scott`: h = (4/3)^{1/5} σ̂ n_eff^{−1/5} ≈ 1.0592 σ̂ n_eff^{−1/5}, the AMISE-optimal bandwidth
///   when the data are normal (D. W. Scott, "Multivariate Density Estimation", 1992, §6.2.1;
///   B. W. Silverman, "Density Estimation for Statistics and Data Analysis", 1986, eq. 3.28);
/// - `silverman`: h = 0.9 min(σ̂, IQR/1.34) n_eff^{−1/5}, Silverman's rule of thumb (1986, eq. 3.31),
///   robust to heavy tails and bimodality; the IQR is of the weighted data (Hazen plotting positions
///   (Cᵢ₋₁ + mᵢ/2), linear interpolation: type 5 for equal weights), and σ̂ alone is used when the
///   IQR is 0.
/// scipy's `gaussian_kde` names differ: its "scott" factor is n^{−1/5}·σ̂ and its "silverman" is
/// (3n/4)^{−1/5}·σ̂, our `scott` without the IQR.
///
/// A training set with one effective point (n_eff ≤ 1) or no spread has σ̂ = 0 and gets h = 0: a
/// point-mass model, recorded as collapse by the metrics (`nll` = +∞).
public enum KernelBandwidth: Sendable, Equatable {
    case fixed(Double)
    case scott
    case silverman

    /// The spec value: the number, `scott` or `silverman`.
    public var name: String {
        switch self {
        case .fixed(let h): return "\(h)"
        case .scott: return "scott"
        case .silverman: return "silverman"
        }
    }

    /// h for points with per-point masses `mass(i)` (normalised), weighted mean `mean` and
    /// weighted population variance `variance` = Σmᵢ(xᵢ − x̄)².
    func value(points: [Double], masses: (Int) -> Double, variance: Double) -> Double {
        switch self {
        case .fixed(let h):
            return h
        case .scott, .silverman:
            var sumOfSquaredMasses = 0.0
            for i in points.indices {
                let m = masses(i)
                sumOfSquaredMasses += m * m
            }
            guard sumOfSquaredMasses < 1, sumOfSquaredMasses > 0 else { return 0 }
            let effectiveSize = 1 / sumOfSquaredMasses
            let sigma = max(0, variance / (1 - sumOfSquaredMasses)).squareRoot()
            let sizeFactor = pow(effectiveSize, -0.2)
            if self == .scott { return pow(4.0 / 3.0, 0.2) * sigma * sizeFactor }
            let quartiles = Self.weightedQuantiles([0.25, 0.75], points: points, masses: masses)
            let iqr = quartiles[1] - quartiles[0]
            let spread = iqr > 0 ? min(sigma, iqr / 1.34) : sigma
            return 0.9 * spread * sizeFactor
        }
    }

    /// Quantiles of weighted points: Hazen positions pᵢ = Cᵢ₋₁ + mᵢ/2 of the sorted points
    /// (Cᵢ the cumulative mass, Σmᵢ = 1), linear interpolation between positions, the extreme points
    /// outside them. Equal masses give R's type 5. Points of mass 0 are skipped.
    /// - Complexity: O(n log n).
    public static func weightedQuantiles(_ probabilities: [Double], points: [Double], masses: (Int) -> Double) -> [Double] {
        let order = points.indices.sorted { points[$0] < points[$1] }
        return probabilities.map { p in
            var cumulative = 0.0
            var previousPosition = -Double.infinity, previousValue = points[order[0]]
            for i in order {
                let m = masses(i)
                guard m > 0 else { continue }
                let position = cumulative + m / 2
                cumulative += m
                if p <= position {
                    if !previousPosition.isFinite { return points[i] }
                    let t = (p - previousPosition) / (position - previousPosition)
                    return previousValue + t * (points[i] - previousValue)
                }
                previousPosition = position
                previousValue = points[i]
            }
            return previousValue
        }
    }
}
