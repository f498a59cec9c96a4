/// A fitted classifier as the neural-network evaluations see it: log-probabilities of the classes
/// for rows of a data set, and what its training did.
public protocol ClassProbabilityModel: Sendable {
    var classCount: Int { get }
    /// ln p(class | x) for `rows` of `data` (rows.count × classCount, row-major), every entry finite.
    func logProbabilities(of rows: [Int32], in data: LabelledDataSet) -> [Double]
    /// The training report of the last network trained.
    var report: TrainingReport { get }
    /// What the next round would train on (self-training only): the accuracy and the kept fraction
    /// of the pseudo-labels of the unlabelled pool. nil for other models.
    func pseudoLabelSummary(data: LabelledDataSet, pool: [Int32]) -> PseudoLabelSummary?
}

extension ClassProbabilityModel {
    public func pseudoLabelSummary(data: LabelledDataSet, pool: [Int32]) -> PseudoLabelSummary? { nil }
}

extension MLPClassifier: ClassProbabilityModel {
    public func logProbabilities(of rows: [Int32], in data: LabelledDataSet) -> [Double] {
        logProbabilities(data.features(of: rows), count: rows.count)
    }
}

/// The pseudo-labels of an unlabelled pool: the weighted share that is correct, and the kept share
/// (the mean weight: the fraction above the threshold, or the mean soft weight).
public struct PseudoLabelSummary: Sendable, Equatable {
    public var accuracy: Double
    public var keptFraction: Double

    public init(accuracy: Double, keptFraction: Double) {
        self.accuracy = accuracy
        self.keptFraction = keptFraction
    }
}

extension Array where Element == Double {
    /// The index of the largest of `classes` entries from `offset` (the first on ties).
    @inlinable
    func argmax(from offset: Int, count classes: Int) -> Int {
        var best = 0
        for j in 1..<classes where self[offset + j] > self[offset + best] { best = j }
        return best
    }
}
