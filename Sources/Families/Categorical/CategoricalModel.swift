/// A categorical distribution over K categories, ready to sample: the probabilities, the
/// conditional probabilities of the sequential-binomial multinomial draw, and its lineage.
///
/// Built from unnormalised non-negative weights (counts, weighted counts, smoothed counts):
/// pᵢ = wᵢ/W and cᵢ = wᵢ / Σ_{j≥i} w_j. The suffix sums are accumulated from the end, so with
/// integer counts (below 2⁵³) every cᵢ is a correctly rounded ratio of exact integers, and a tiny
/// tail keeps its relative accuracy.
public struct CategoricalModel: Sendable, Equatable {
    /// pᵢ, summing to 1 (up to rounding).
    public var probabilities: [Double]
    /// cᵢ = pᵢ / (pᵢ + … + p_K) in [0, 1]: category i's probability given that none of the earlier
    /// categories was drawn; exactly 1 for the last category with mass, 0 after it.
    public var conditionals: [Double]
    /// The number of categories with positive mass.
    public var support: Int
    public var lineage: CategoryLineage

    /// The model with probabilities ∝ `weights`.
    /// - Precondition: every weight finite and ≥ 0, with a positive sum.
    @inlinable
    public init(weights: [Double], lineage: CategoryLineage) {
        let k = weights.count
        var probabilities = [Double](repeating: 0, count: k)
        var conditionals = [Double](repeating: 0, count: k)
        var support = 0
        weights.withUnsafeBufferPointer { w in
            probabilities.withUnsafeMutableBufferPointer { p in
                conditionals.withUnsafeMutableBufferPointer { c in
                    var suffix = 0.0
                    for i in stride(from: k - 1, through: 0, by: -1) {
                        let weight = w[i]
                        suffix += weight
                        if weight > 0 {
                            support += 1
                            c[i] = weight >= suffix ? 1 : weight / suffix
                        }
                    }
                    precondition(suffix > 0 && suffix.isFinite, "CategoricalModel: weights need a positive, finite sum")
                    for i in 0..<k { p[i] = w[i] / suffix }
                }
            }
        }
        self.probabilities = probabilities
        self.conditionals = conditionals
        self.support = support
        self.lineage = lineage
    }

    /// A model of the given probabilities with the lineage of real data (a truth).
    public init(probabilities: [Double]) {
        self.init(weights: probabilities, lineage: .real)
    }

    /// K, the number of categories (alive or not).
    @inlinable public var categoryCount: Int { probabilities.count }
}
