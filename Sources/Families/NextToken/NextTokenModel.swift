/// A statistical next-token model (Seddik et al. 2024): C contexts, each with a categorical
/// distribution over V tokens, stored as C rows of V probabilities (row-major), with each row's
/// conditional probabilities for the sequential-binomial multinomial draw (as ``CategoricalModel``)
/// and the model's lineage.
public struct NextTokenModel: Sendable, Equatable {
    public var contexts: Int
    public var tokens: Int
    /// p(v | c) at index c·V + v.
    public var probabilities: [Double]
    /// Row-wise conditionals p(v | c) / Σ_{w≥v} p(w | c).
    public var conditionals: [Double]
    public var lineage: CategoryLineage

    /// The model with rows ∝ the rows of `weights` (each row needs a positive sum).
    public init(contexts: Int, tokens: Int, weights: [Double], lineage: CategoryLineage) {
        precondition(weights.count == contexts * tokens, "NextTokenModel: weights must have C·V entries")
        self.contexts = contexts
        self.tokens = tokens
        var probabilities = [Double](repeating: 0, count: weights.count)
        var conditionals = [Double](repeating: 0, count: weights.count)
        weights.withUnsafeBufferPointer { w in
            probabilities.withUnsafeMutableBufferPointer { p in
                conditionals.withUnsafeMutableBufferPointer { c in
                    for row in 0..<contexts {
                        let base = row * tokens
                        var suffix = 0.0
                        for v in stride(from: tokens - 1, through: 0, by: -1) {
                            let weight = w[base + v]
                            suffix += weight
                            if weight > 0 { c[base + v] = weight >= suffix ? 1 : weight / suffix }
                        }
                        precondition(suffix > 0 && suffix.isFinite, "NextTokenModel: every row needs a positive, finite sum")
                        for v in 0..<tokens { p[base + v] = w[base + v] / suffix }
                    }
                }
            }
        }
        self.probabilities = probabilities
        self.conditionals = conditionals
        self.lineage = lineage
    }
}
