import ModelCollapse
import Randomness

/// A batch of labelled examples of a ``LabelledDataSet``: rows (by index), a label for each — the
/// real one, or a synthetic one from a network — and optional per-example weights (soft
/// pseudo-label weights; empty means every weight is 1).
///
/// The inputs are not copied: every batch of a run refers to the rows of the same data set, which
/// is also how the tests check that no training set ever holds a held-out test row.
public struct LabelledExamples: DataBatch, Equatable {
    public var rows: [Int32]
    public var labels: [Int32]
    /// Empty, or one weight ≥ 0 per example.
    public var weights: [Double]

    public init() {
        rows = []
        labels = []
        weights = []
    }

    public init(rows: [Int32], labels: [Int32], weights: [Double] = []) {
        precondition(rows.count == labels.count && (weights.isEmpty || weights.count == rows.count),
                     "LabelledExamples: \(rows.count) rows, \(labels.count) labels, \(weights.count) weights")
        self.rows = rows
        self.labels = labels
        self.weights = weights
    }

    /// The rows with their real labels.
    public init(realRows rows: [Int32], of data: LabelledDataSet) {
        self.init(rows: rows, labels: rows.map { data.labels[Int($0)] })
    }

    public var count: Int { rows.count }

    /// The weight of example i.
    @inlinable
    public func weight(_ i: Int) -> Double { weights.isEmpty ? 1 : weights[i] }

    public mutating func append(_ other: LabelledExamples) {
        if other.count == 0 { return }
        if !weights.isEmpty || !other.weights.isEmpty {
            var merged = weights.isEmpty ? [Double](repeating: 1, count: count) : weights
            merged += other.weights.isEmpty ? [Double](repeating: 1, count: other.count) : other.weights
            weights = merged
        }
        rows += other.rows
        labels += other.labels
    }

    public static var supportsSubsampling: Bool { true }

    public func subsample<G: RandomNumberGenerator>(_ size: Int, using generator: inout G) -> LabelledExamples {
        let chosen = Self.subsampleIndices(count: count, size: size, using: &generator)
        return LabelledExamples(
            rows: chosen.map { rows[$0] }, labels: chosen.map { labels[$0] },
            weights: weights.isEmpty ? [] : chosen.map { weights[$0] })
    }
}

/// A batch built from labelled examples: the real data of the neural-network families' sources.
public protocol LabelledExampleBatch: DataBatch {
    init(examples: LabelledExamples)
}

extension LabelledExamples: LabelledExampleBatch {
    public init(examples: LabelledExamples) { self = examples }
}
