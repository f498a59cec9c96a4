/// Streaming weighted mean and variance in O(1) memory; mergeable.
///
/// West's update (D. H. D. West, "Updating mean and variance estimates: an improved method",
/// Communications of the ACM 22(9), 532–535, 1979): for a value x with weight w > 0, with
/// W the weight so far, δ = x − x̄ and R = δ w / (W + w),
/// `x̄ ← x̄ + R`, `S ← S + W δ R`, `W ← W + w`,
/// so that S = Σ wᵢ (xᵢ − x̄)². Merging uses the weighted form of Chan, Golub and LeVeque's
/// pairwise formula: `x̄ = x̄_A + δ W_B/W`, `S = S_A + S_B + δ² W_A W_B / W`.
///
/// Two kinds of weights, two unbiased variances:
/// - frequency weights (wᵢ = how many times xᵢ was observed): ``frequencyVariance`` = S / (W − 1);
/// - reliability weights (wᵢ ∝ 1/variance, or importance weights; their scale is arbitrary):
///   ``reliabilityVariance`` = S / (V₁ − V₂/V₁), with V₁ = Σwᵢ = W and V₂ = Σwᵢ².
///
/// Weights must be finite and ≥ 0; a zero weight is counted but changes nothing else. Non-finite
/// values are not separated out as in ``RunningMoments``: they make the mean and variance ±∞ or NaN.
public struct WeightedMoments: Sendable, Equatable {
    /// Number of (value, weight) pairs added, zero weights included.
    public private(set) var count: Int
    /// V₁ = Σ wᵢ.
    public private(set) var totalWeight: Double
    /// V₂ = Σ wᵢ².
    public private(set) var totalSquaredWeight: Double
    private var runningMean: Double
    private var sumOfSquaredDeviations: Double

    /// An empty accumulator.
    public init() {
        count = 0
        totalWeight = 0
        totalSquaredWeight = 0
        runningMean = 0
        sumOfSquaredDeviations = 0
    }

    /// Adds `x` with weight `weight` (West's update).
    /// - Complexity: O(1).
    public mutating func add(_ x: Double, weight: Double) {
        precondition(weight >= 0 && weight.isFinite, "WeightedMoments.add: weight must be finite and ≥ 0")
        count += 1
        guard weight > 0 else { return }
        let newTotal = totalWeight + weight
        let delta = x - runningMean
        let step = delta * weight / newTotal
        runningMean += step
        sumOfSquaredDeviations += totalWeight * delta * step
        totalWeight = newTotal
        totalSquaredWeight += weight * weight
    }

    /// Adds everything `other` holds.
    /// - Complexity: O(1).
    public mutating func merge(_ other: WeightedMoments) {
        count += other.count
        guard other.totalWeight > 0 else { return }
        if totalWeight == 0 {
            runningMean = other.runningMean
            sumOfSquaredDeviations = other.sumOfSquaredDeviations
        } else {
            let newTotal = totalWeight + other.totalWeight
            let delta = other.runningMean - runningMean
            runningMean += delta * (other.totalWeight / newTotal)
            sumOfSquaredDeviations += other.sumOfSquaredDeviations
                + delta * delta * (totalWeight * other.totalWeight / newTotal)
        }
        totalWeight += other.totalWeight
        totalSquaredWeight += other.totalSquaredWeight
    }

    /// The weighted mean Σ wᵢ xᵢ / Σ wᵢ; NaN when the total weight is 0.
    public var mean: Double { totalWeight > 0 ? runningMean : .nan }

    /// S / V₁, the weighted population (maximum-likelihood) variance; NaN when V₁ = 0.
    public var populationVariance: Double {
        totalWeight > 0 ? sumOfSquaredDeviations / totalWeight : .nan
    }

    /// S / (V₁ − 1), unbiased when the weights are frequencies (integer repeat counts);
    /// NaN when V₁ ≤ 1.
    public var frequencyVariance: Double {
        totalWeight > 1 ? sumOfSquaredDeviations / (totalWeight - 1) : .nan
    }

    /// S / (V₁ − V₂/V₁), unbiased when the weights are reliabilities (their scale does not matter);
    /// NaN when fewer than two values carry weight (V₁² = V₂).
    public var reliabilityVariance: Double {
        let denominator = totalWeight - totalSquaredWeight / totalWeight
        return totalWeight > 0 && denominator > 0 ? sumOfSquaredDeviations / denominator : .nan
    }

    /// Kish's effective sample size V₁² / V₂ (L. Kish, "Survey Sampling", 1965): the number of
    /// equally weighted values that would give the weighted mean the same variance. NaN when V₁ = 0.
    public var effectiveSampleSize: Double {
        totalWeight > 0 ? totalWeight * totalWeight / totalSquaredWeight : .nan
    }
}
