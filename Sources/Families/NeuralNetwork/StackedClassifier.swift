import Foundation

/// The model of recursive refinement: stages f₁, …, f_k, where f₁ sees the input x and stage j + 1
/// sees x together with stage j's class probabilities, [x, p_j(x)]; the stack predicts p_k.
public struct StackedClassifier: ClassProbabilityModel {
    public var stages: [MLPClassifier]
    /// For cross-fitted stage inputs: the last stage's out-of-fold probabilities of the rows it was
    /// trained on (nil for in-sample inputs).
    public var outOfFold: RowProbabilities?

    public init(stages: [MLPClassifier], outOfFold: RowProbabilities? = nil) {
        precondition(!stages.isEmpty, "StackedClassifier: no stage")
        self.stages = stages
        self.outOfFold = outOfFold
    }

    public var classCount: Int { stages[0].classCount }
    public var report: TrainingReport { stages[stages.count - 1].report }

    public func logProbabilities(of rows: [Int32], in data: LabelledDataSet) -> [Double] {
        let inputs = data.features(of: rows)
        var logP = stages[0].logProbabilities(inputs, count: rows.count)
        for stage in stages.dropFirst() {
            let augmented = Self.augment(inputs, featureCount: data.featureCount, probabilities: logP.map(exp), classCount: classCount, count: rows.count)
            logP = stage.logProbabilities(augmented, count: rows.count)
        }
        return logP
    }

    /// The rows [x, p]: the inputs (count × d) followed by the probabilities (count × K).
    static func augment(_ inputs: [Double], featureCount d: Int, probabilities p: [Double], classCount K: Int, count n: Int) -> [Double] {
        var result = [Double](repeating: 0, count: n * (d + K))
        for r in 0..<n {
            for j in 0..<d { result[r * (d + K) + j] = inputs[r * d + j] }
            for k in 0..<K { result[r * (d + K) + d + k] = p[r * K + k] }
        }
        return result
    }
}

/// Class probabilities of some rows of a data set (rows.count × K, row-major).
public struct RowProbabilities: Sendable, Equatable {
    public var rows: [Int32]
    public var probabilities: [Double]

    public init(rows: [Int32], probabilities: [Double]) {
        self.rows = rows
        self.probabilities = probabilities
    }
}
