/// How category probabilities are estimated from (weighted) counts.
public enum CategoricalEstimator: Sendable, Equatable {
    /// Maximum likelihood, pᵢ = wᵢ / W (wᵢ the weighted count of category i, W their sum): a
    /// category without data gets probability 0 and, sampled from the model, never comes back —
    /// the neutral Wright–Fisher model of population genetics.
    case mle
    /// Additive (Laplace–Lidstone) smoothing, pᵢ = (wᵢ + k) / (W + kK), k > 0: every category keeps
    /// mass at least k/(W + kK), so none is ever lost.
    case addK(Double)

    /// The spec name: `mle` or `add-k`.
    public var name: String {
        switch self {
        case .mle: return "mle"
        case .addK: return "add-k"
        }
    }

    /// The pseudo-count added to every category (0 for the MLE).
    @inlinable
    public var pseudoCount: Double {
        switch self {
        case .mle: return 0
        case .addK(let k): return k
        }
    }
}

/// How a discrete learner draws a synthetic batch: both are exact, they differ in cost.
public enum DiscreteSampling: String, Sendable, CaseIterable {
    /// One multinomial count vector by conditional binomials: O(K) whatever n (the statistics path).
    case multinomial
    /// n points from an alias table, tallied: O(n + K) (the sample path).
    case points
}
