import Foundation
import ModelCollapse
import Randomness

/// The metrics of a classifier generation (``ClassifierMetric``), on the held-out real test split.
///
/// `agreement` and `accuracy-gain` compare with generation 1 of the same replicate: its test
/// predictions and accuracy are the per-replicate memory (``ReplicateState``), filled at the first
/// fit. Generation 0 describes the real labels: accuracy 1, loss 0, agreement 1, gain 0, the entropy
/// of the real test labels, predictive entropy 0, kept fraction 0 (nothing pseudo-labelled), 0 epochs.
public struct ClassifierEvaluation<Model: ClassProbabilityModel>: Evaluation {
    public struct ReplicateState: Sendable {
        /// Generation 1's most probable class of every test row.
        public var firstPredictions: [Int32] = []
        /// Generation 1's test accuracy.
        public var firstAccuracy: Double = 0
    }

    public var data: LabelledDataSet
    public var split: DataSplit
    public var metrics: [ClassifierMetric]

    public init(data: LabelledDataSet, split: DataSplit, metrics: [ClassifierMetric]) {
        self.data = data
        self.split = split
        self.metrics = metrics
    }

    public var metricNames: [String] { metrics.map(\.rawValue) }

    public func evaluateTruth(into values: inout [Double]) {
        for (index, metric) in metrics.enumerated() {
            switch metric {
            case .testAccuracy, .agreement, .trainAccuracy, .pseudoLabelAccuracy: values[index] = 1
            case .testLoss, .predictiveEntropy, .epochs, .keptFraction, .accuracyGain: values[index] = 0
            case .labelEntropy:
                var counts = [Int](repeating: 0, count: data.classCount)
                for row in split.test { counts[Int(data.labels[Int(row)])] += 1 }
                values[index] = Self.entropy(counts)
            }
        }
    }

    public func makeReplicateState<G: RandomNumberGenerator>(using generator: inout G) -> ReplicateState {
        ReplicateState()
    }

    public func evaluate(_ model: Model, previous: [Double], into values: inout [Double]) {
        var state = ReplicateState()
        var generator = Xoshiro256StarStar(seed: 0)
        evaluate(model, previous: previous, state: &state, using: &generator, into: &values)
    }

    public func evaluate<G: RandomNumberGenerator>(
        _ model: Model, previous: [Double], state: inout ReplicateState, using generator: inout G,
        into values: inout [Double]
    ) {
        let K = data.classCount
        let test = split.test
        let logP = model.logProbabilities(of: test, in: data)
        var predictions = [Int32](repeating: 0, count: test.count)
        var correct = 0, loss = 0.0, uncertainty = 0.0
        var counts = [Int](repeating: 0, count: K)
        for (r, row) in test.enumerated() {
            let offset = r * K
            let predicted = logP.argmax(from: offset, count: K)
            predictions[r] = Int32(predicted)
            counts[predicted] += 1
            let label = Int(data.labels[Int(row)])
            if predicted == label { correct += 1 }
            loss -= logP[offset + label]
            for j in 0..<K {
                let l = logP[offset + j]
                if l > -745 { uncertainty -= exp(l) * l }
            }
        }
        let n = Double(max(1, test.count))
        let accuracy = Double(correct) / n
        if state.firstPredictions.isEmpty {
            state.firstPredictions = predictions
            state.firstAccuracy = accuracy
        }
        var pseudo: PseudoLabelSummary?
        var pseudoDone = false
        for (index, metric) in metrics.enumerated() {
            switch metric {
            case .testAccuracy: values[index] = accuracy
            case .testLoss: values[index] = loss / n
            case .agreement:
                var same = 0
                for r in 0..<predictions.count where predictions[r] == state.firstPredictions[r] { same += 1 }
                values[index] = Double(same) / n
            case .labelEntropy: values[index] = Self.entropy(counts)
            case .predictiveEntropy: values[index] = uncertainty / n
            case .trainAccuracy: values[index] = Self.accuracy(model, rows: split.pool, data: data)
            case .epochs: values[index] = Double(model.report.epochs)
            case .accuracyGain: values[index] = accuracy - state.firstAccuracy
            case .pseudoLabelAccuracy, .keptFraction:
                if !pseudoDone {
                    pseudo = model.pseudoLabelSummary(data: data, pool: split.pool)
                    pseudoDone = true
                }
                values[index] = metric == .keptFraction ? pseudo?.keptFraction ?? 0 : pseudo?.accuracy ?? 0
            }
        }
    }

    /// The share of `rows` whose most probable class is the real label.
    static func accuracy(_ model: Model, rows: [Int32], data: LabelledDataSet) -> Double {
        guard !rows.isEmpty else { return 0 }
        let K = data.classCount
        let logP = model.logProbabilities(of: rows, in: data)
        var correct = 0
        for (r, row) in rows.enumerated() where logP.argmax(from: r * K, count: K) == Int(data.labels[Int(row)]) {
            correct += 1
        }
        return Double(correct) / Double(rows.count)
    }

    /// −Σ (c/n) ln(c/n) over non-zero counts.
    static func entropy(_ counts: [Int]) -> Double {
        let total = Double(counts.reduce(0, +))
        guard total > 0 else { return 0 }
        var h = 0.0
        for c in counts where c > 0 {
            let p = Double(c) / total
            h -= p * log(p)
        }
        return h
    }
}
