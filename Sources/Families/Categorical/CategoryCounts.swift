import ModelCollapse
import Randomness

/// A batch of categorical data as its count vector: n points over K categories. The counts are the
/// sufficient statistics and the points up to order, so this one batch type serves both exact
/// paths (DESIGN.md): the statistics path draws it as one multinomial vector, the sample path
/// draws n points and tallies them.
///
/// Accumulation adds count vectors. A uniform subsample without replacement of m of the n points
/// is a multivariate hypergeometric draw of the counts (``MultivariateHypergeometric``), exact, so
/// `accumulate-subsample` and finite real data sets work on either path.
public struct CategoryCounts: DataBatch {
    /// Points per category; empty for an empty batch.
    public var counts: [Int]
    /// n = Σ counts.
    public var total: Int
    /// The lineage of the model that drew the batch (``CategoryLineage/real`` for real data).
    public var lineage: CategoryLineage
    /// The categories with a positive count, ascending, when known (after a multinomial draw), so
    /// a fit can visit only them; nil when unknown.
    public var occupied: [Int32]?

    public init() {
        counts = []
        total = 0
        lineage = .real
    }

    public init(counts: [Int], lineage: CategoryLineage = .real) {
        self.counts = counts
        self.total = counts.reduce(0, +)
        self.lineage = lineage
    }

    public var count: Int { total }

    public mutating func append(_ other: CategoryCounts) {
        if other.lineage.generation >= lineage.generation { lineage = other.lineage }
        occupied = nil
        if other.counts.isEmpty { return }
        if counts.isEmpty {
            counts = other.counts
        } else {
            precondition(counts.count == other.counts.count, "CategoryCounts: batches over different category counts")
            counts.withUnsafeMutableBufferPointer { mine in
                other.counts.withUnsafeBufferPointer { theirs in
                    for i in 0..<mine.count { mine[i] += theirs[i] }
                }
            }
        }
        total += other.total
    }

    public static var supportsSubsampling: Bool { true }

    public func subsample<G: RandomNumberGenerator>(_ size: Int, using generator: inout G) -> CategoryCounts {
        if size >= total { return self }
        var drawn: [Int] = []
        MultivariateHypergeometric.sample(counts: counts, draws: size, into: &drawn, using: &generator)
        var result = CategoryCounts(counts: drawn, lineage: lineage)
        result.total = size
        return result
    }

    /// Replaces the counts with n draws from `model`: one multinomial vector (`pointwise` false) or
    /// n points tallied (`pointwise` true). Reuses the storage; the lineage becomes the model's.
    @inlinable
    public mutating func draw<G: RandomNumberGenerator>(
        from model: CategoricalModel, count n: Int, pointwise: Bool, using generator: inout G
    ) {
        if pointwise {
            MultinomialDraw.tally(n, probabilities: model.probabilities, into: &counts, using: &generator)
            occupied = nil
        } else {
            if counts.count != model.categoryCount {
                counts = [Int](repeating: 0, count: model.categoryCount)
            }
            counts.withUnsafeMutableBufferPointer { out in
                MultinomialDraw.draw(n, from: model, into: out, using: &generator)
            }
            // The occupied categories are among the model's alive ones.
            var list = occupied ?? []
            occupied = nil
            list.removeAll(keepingCapacity: true)
            counts.withUnsafeBufferPointer { c in
                for i in model.aliveCategories where c[Int(i)] > 0 { list.append(i) }
            }
            occupied = list
        }
        total = n
        lineage = model.lineage
    }
}
