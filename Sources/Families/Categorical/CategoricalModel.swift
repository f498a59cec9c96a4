/// A categorical distribution over K categories, ready to sample: the probabilities, the
/// categories with mass and their conditional probabilities for the sequential-binomial
/// multinomial draw, and the model's lineage.
///
/// Built from unnormalised non-negative weights (counts, weighted counts, smoothed counts) in one
/// pass: with prefix sums S_i = Σ_{j≤i} w_j, pᵢ = wᵢ/S_K and, for each category with mass,
/// cᵢ = wᵢ/S_i — the probability of category i given that the draw is none of the categories after
/// it, so a multinomial draw takes the categories with mass from the last down (``MultinomialDraw``)
/// and never visits a dead one. With integer counts (below 2⁵³) every sum is exact and every cᵢ a
/// correctly rounded ratio of integers; a tiny category keeps its relative accuracy; the first
/// category with mass gets c = 1 exactly.
public struct CategoricalModel: Sendable, Equatable {
    /// pᵢ, summing to 1 (up to rounding).
    public var probabilities: [Double]
    /// The categories with positive mass, in increasing order.
    public var aliveCategories: [Int32]
    /// cᵢ = wᵢ / Σ_{j≤i} w_j for each category of ``aliveCategories``, in the same order.
    public var aliveConditionals: [Double]
    public var lineage: CategoryLineage

    /// The model with probabilities ∝ `weights`. When `candidates` (ascending) is given, only those
    /// categories may have positive weight and only they are visited: O(|candidates|) plus the
    /// allocation instead of O(K).
    /// - Precondition: every weight finite and ≥ 0, with a positive sum.
    @inlinable
    public init(weights: [Double], candidates: [Int32]? = nil, lineage: CategoryLineage) {
        let k = weights.count
        var probabilities = [Double](repeating: 0, count: k)
        var alive: [Int32] = []
        var conditionals: [Double] = []
        let capacity = candidates?.count ?? k
        alive.reserveCapacity(capacity)
        conditionals.reserveCapacity(capacity)
        var prefix = 0.0
        weights.withUnsafeBufferPointer { w in
            if let candidates {
                for i in candidates where w[Int(i)] > 0 {
                    prefix += w[Int(i)]
                    alive.append(i)
                    conditionals.append(w[Int(i)] / prefix)
                }
            } else {
                for i in 0..<k where w[i] > 0 {
                    prefix += w[i]
                    alive.append(Int32(i))
                    conditionals.append(w[i] / prefix)
                }
            }
            precondition(prefix > 0 && prefix.isFinite, "CategoricalModel: weights need a positive, finite sum")
            probabilities.withUnsafeMutableBufferPointer { p in
                for i in alive { p[Int(i)] = w[Int(i)] / prefix }
            }
        }
        self.probabilities = probabilities
        self.aliveCategories = alive
        self.aliveConditionals = conditionals
        self.lineage = lineage
    }

    /// A model of the given probabilities with the lineage of real data (a truth).
    public init(probabilities: [Double]) {
        self.init(weights: probabilities, lineage: .real)
    }

    /// K, the number of categories (alive or not).
    @inlinable public var categoryCount: Int { probabilities.count }

    /// The number of categories with positive mass.
    @inlinable public var support: Int { aliveCategories.count }
}
