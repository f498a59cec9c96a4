import Foundation

/// The model of recursive refinement: stages f₁, …, f_k, where f₁ sees the input x and stage j + 1
/// sees x together with stage j's class probabilities, [x, p_j(x)]; the stack predicts p_k.
public struct StackedClassifier: ClassProbabilityModel {
    public var stages: [MLPClassifier]

    public init(stages: [MLPClassifier]) {
        precondition(!stages.isEmpty, "StackedClassifier: no stage")
        self.stages = stages
    }

    public var classCount: Int { stages[0].classCount }
    public var report: TrainingReport { stages[stages.count - 1].report }

    public func logProbabilities(of rows: [Int32], in data: LabelledDataSet) -> [Double] {
        let inputs = data.features(of: rows)
        var logP = stages[0].logProbabilities(inputs, count: rows.count)
        for stage in stages.dropFirst() {
            let augmented = Self.augment(inputs, featureCount: data.featureCount, logProbabilities: logP, classCount: classCount, count: rows.count)
            logP = stage.logProbabilities(augmented, count: rows.count)
        }
        return logP
    }

    /// The rows [x, p(x)]: the inputs (count × d) followed by the probabilities exp(logP).
    static func augment(_ inputs: [Double], featureCount d: Int, logProbabilities logP: [Double], classCount K: Int, count n: Int) -> [Double] {
        var result = [Double](repeating: 0, count: n * (d + K))
        for r in 0..<n {
            for j in 0..<d { result[r * (d + K) + j] = inputs[r * d + j] }
            for k in 0..<K { result[r * (d + K) + d + k] = exp(logP[r * K + k]) }
        }
        return result
    }
}
