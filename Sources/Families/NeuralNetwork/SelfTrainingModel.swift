import Foundation

/// A self-training round's model: the network, the rows whose real labels it was trained on (the
/// labelled set; the rest of the pool is unlabelled), and how the next round selects pseudo-labels.
public struct SelfTrainingModel: ClassProbabilityModel {
    public var classifier: MLPClassifier
    /// The labelled rows, increasing.
    public var labelledRows: [Int32]
    public var selection: PseudoLabelSelection
    /// For `selection: learned`: the calibration fitted this round (nil otherwise).
    public var calibration: ConfidenceCalibration?

    public init(classifier: MLPClassifier, labelledRows: [Int32], selection: PseudoLabelSelection, calibration: ConfidenceCalibration? = nil) {
        self.classifier = classifier
        self.labelledRows = labelledRows
        self.selection = selection
        self.calibration = calibration
    }

    public var classCount: Int { classifier.classCount }
    public var report: TrainingReport { classifier.report }

    public func logProbabilities(of rows: [Int32], in data: LabelledDataSet) -> [Double] {
        classifier.logProbabilities(of: rows, in: data)
    }

    /// The pool rows that are not labelled, increasing.
    public func unlabelledRows(of pool: [Int32], dataCount: Int) -> [Int32] {
        var labelled = [Bool](repeating: false, count: dataCount)
        for row in labelledRows { labelled[Int(row)] = true }
        return pool.filter { !labelled[Int($0)] }
    }

    /// The pseudo-labels (argmax) of `rows` and their weights by the selection rule.
    public func pseudoLabels(of rows: [Int32], in data: LabelledDataSet) -> (labels: [Int32], weights: [Double]) {
        let K = data.classCount
        let logP = logProbabilities(of: rows, in: data)
        var labels = [Int32](repeating: 0, count: rows.count)
        var weights = [Double](repeating: 0, count: rows.count)
        for r in 0..<rows.count {
            let k = logP.argmax(from: r * K, count: K)
            labels[r] = Int32(k)
            weights[r] = selection.weight(confidence: exp(logP[r * K + k]), calibration: calibration)
        }
        return (labels, weights)
    }

    /// Weighted accuracy and mean weight of the pseudo-labels of the whole unlabelled pool. When no
    /// pseudo-label is kept the accuracy is that of all of them (what a lower threshold would keep).
    public func pseudoLabelSummary(data: LabelledDataSet, pool: [Int32]) -> PseudoLabelSummary? {
        let rows = unlabelledRows(of: pool, dataCount: data.count)
        guard !rows.isEmpty else { return PseudoLabelSummary(accuracy: 1, keptFraction: 0) }
        let (labels, weights) = pseudoLabels(of: rows, in: data)
        var right = 0.0, total = 0.0, plainRight = 0
        for r in 0..<rows.count {
            let isRight = labels[r] == data.labels[Int(rows[r])]
            total += weights[r]
            if isRight {
                right += weights[r]
                plainRight += 1
            }
        }
        let accuracy = total > 0 ? right / total : Double(plainRight) / Double(rows.count)
        return PseudoLabelSummary(accuracy: accuracy, keptFraction: total / Double(rows.count))
    }
}
