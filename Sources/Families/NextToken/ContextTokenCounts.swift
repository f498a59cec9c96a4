import ModelCollapse
import Randomness

/// A batch of next-token data as counts: how often each token followed each context (C·V counts,
/// row-major) and the points per context. As for ``CategoryCounts`` the counts are the sufficient
/// statistics, so one batch type serves both paths, and a uniform subsample without replacement is
/// an exact multivariate hypergeometric draw of the C·V counts.
public struct ContextTokenCounts: DataBatch {
    /// n(c, v) at index c·V + v; empty for an empty batch.
    public var counts: [Int]
    /// n(c) = Σ_v n(c, v); empty for an empty batch.
    public var contextTotals: [Int]
    public var total: Int
    /// The lineage of the model that drew the batch (real data: ``CategoryLineage/real``).
    public var lineage: CategoryLineage

    public init() {
        counts = []
        contextTotals = []
        total = 0
        lineage = .real
    }

    public init(counts: [Int], contexts: Int, lineage: CategoryLineage = .real) {
        precondition(contexts > 0 && counts.count % contexts == 0, "ContextTokenCounts: C·V counts")
        self.counts = counts
        let tokens = counts.count / contexts
        contextTotals = (0..<contexts).map { c in counts[(c * tokens)..<((c + 1) * tokens)].reduce(0, +) }
        total = contextTotals.reduce(0, +)
        self.lineage = lineage
    }

    public var count: Int { total }

    public mutating func append(_ other: ContextTokenCounts) {
        if other.lineage.generation >= lineage.generation { lineage = other.lineage }
        if other.counts.isEmpty { return }
        if counts.isEmpty {
            counts = other.counts
            contextTotals = other.contextTotals
        } else {
            precondition(counts.count == other.counts.count && contextTotals.count == other.contextTotals.count,
                         "ContextTokenCounts: batches of different shapes")
            for i in counts.indices { counts[i] += other.counts[i] }
            for c in contextTotals.indices { contextTotals[c] += other.contextTotals[c] }
        }
        total += other.total
    }

    public static var supportsSubsampling: Bool { true }

    public func subsample<G: RandomNumberGenerator>(_ size: Int, using generator: inout G) -> ContextTokenCounts {
        if size >= total { return self }
        var drawn: [Int] = []
        MultivariateHypergeometric.sample(counts: counts, draws: size, into: &drawn, using: &generator)
        return ContextTokenCounts(counts: drawn, contexts: contextTotals.count, lineage: lineage)
    }

    /// Replaces the batch with n draws from `model`: the budget split across contexts by
    /// `allocation`, then per context one multinomial vector (or points tallied, `pointwise`).
    @inlinable
    public mutating func draw<G: RandomNumberGenerator>(
        from model: NextTokenModel, count n: Int, visits: ContextVisits, allocation: ContextAllocation,
        pointwise: Bool, using generator: inout G
    ) {
        let contexts = model.contexts, tokens = model.tokens
        if counts.count != contexts * tokens { counts = [Int](repeating: 0, count: contexts * tokens) }
        allocation.allocate(
            n, cumulative: visits.cumulative, conditionals: visits.conditionals, into: &contextTotals,
            using: &generator)
        if pointwise {
            var row: [Int] = []
            for c in 0..<contexts {
                let base = c * tokens
                MultinomialDraw.tally(
                    contextTotals[c], probabilities: Array(model.probabilities[base..<(base + tokens)]),
                    into: &row, using: &generator)
                for v in 0..<tokens { counts[base + v] = row[v] }
            }
        } else {
            model.conditionals.withUnsafeBufferPointer { cond in
                counts.withUnsafeMutableBufferPointer { out in
                    for c in 0..<contexts {
                        let base = c * tokens
                        MultinomialDraw.draw(
                            contextTotals[c],
                            conditionals: UnsafeBufferPointer(rebasing: cond[base..<(base + tokens)]),
                            into: UnsafeMutableBufferPointer(rebasing: out[base..<(base + tokens)]),
                            using: &generator)
                    }
                }
            }
        }
        total = n
        lineage = model.lineage
    }
}
