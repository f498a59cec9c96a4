import Foundation
import ModelCollapse
import Randomness

/// Self-training with pseudo-labels (Q. Sun, X. Li, Y. Liu, S. Zheng, T.-S. Chua, B. Schiele,
/// "Learning to Self-Train for Semi-Supervised Few-Shot Classification", NeurIPS 2019): recursion
/// through labels rather than inputs.
///
/// Round 0 (generation 1) trains on the labelled set alone — the labelled-only baseline. Each later
/// round pseudo-labels the unlabelled pool with the previous round's network (its argmax), keeps or
/// weights the pseudo-labels by the network's confidence (``PseudoLabelSelection``), and retrains a
/// fresh network on the labelled set plus the pseudo-labelled examples (regime
/// `{synthetic: replace, real: keep}`; `real-weight` sets the labelled set's share of the weight).
///
/// The labelled set is the real part of the training set: every fit records its rows in the model,
/// so the unlabelled pool is the training pool minus them.
public struct SelfTrainingLearner: Learner {
    public typealias Batch = LabelledExamples

    public var data: LabelledDataSet
    public var pool: [Int32]
    public var configuration: TrainingConfiguration
    public var selection: PseudoLabelSelection

    public init(data: LabelledDataSet, pool: [Int32], configuration: TrainingConfiguration, selection: PseudoLabelSelection) {
        self.data = data
        self.pool = pool
        self.configuration = configuration
        self.selection = selection
    }

    public func fit(_ trainingSet: TrainingSet<LabelledExamples>) -> SelfTrainingModel {
        var generator = Xoshiro256StarStar(seed: 0)
        return fit(trainingSet, using: &generator)
    }

    public func fit<G: RandomNumberGenerator>(_ trainingSet: TrainingSet<LabelledExamples>, using generator: inout G) -> SelfTrainingModel {
        var stream = Xoshiro256StarStar(seed: generator.next())
        let (rows, labels, weights) = trainingSet.gathered()
        var labelled: [Int32] = []
        for part in trainingSet.parts where part.origin == .real { labelled += part.batch.rows }
        labelled = Array(Set(labelled)).sorted()
        let classifier = MLPClassifier.train(
            features: data.features(of: rows), count: rows.count, labels: labels, weights: weights,
            classCount: data.classCount, configuration: configuration, using: &stream)
        var calibration: ConfidenceCalibration? = nil
        if selection == .learned {
            calibration = crossFittedCalibration(trainingSet, using: &stream)
        }
        return SelfTrainingModel(classifier: classifier, labelledRows: labelled, selection: selection, calibration: calibration)
    }

    /// Two-fold cross-fitting on the labelled examples: for each half, a network trained on the
    /// training set without that half predicts it; the calibration is fitted to those held-out
    /// (confidence, right) pairs. Nil with fewer than 4 labelled examples.
    func crossFittedCalibration(_ trainingSet: TrainingSet<LabelledExamples>, using stream: inout Xoshiro256StarStar) -> ConfidenceCalibration? {
        var labelled = LabelledExamples()
        for part in trainingSet.parts where part.origin == .real { labelled.append(part.batch) }
        guard labelled.count >= 4 else { return nil }
        var order = Array(0..<labelled.count)
        NetworkTrainer<Double>.shuffle(&order, using: &stream)
        let half = labelled.count / 2
        var confidences: [Double] = [], correct: [Bool] = []
        for fold in 0..<2 {
            let heldOut = fold == 0 ? Array(order[0..<half]) : Array(order[half...])
            let kept = fold == 0 ? Array(order[half...]) : Array(order[0..<half])
            var reduced = TrainingSet<LabelledExamples>()
            for part in trainingSet.parts where part.origin == .synthetic { reduced.parts.append(part) }
            let keptExamples = LabelledExamples(
                rows: kept.map { labelled.rows[$0] }, labels: kept.map { labelled.labels[$0] },
                weights: labelled.weights.isEmpty ? [] : kept.map { labelled.weights[$0] })
            let realWeight = trainingSet.parts.first { $0.origin == .real }?.weight ?? 1
            reduced.parts.append(.init(batch: keptExamples, weight: realWeight, origin: .real))
            let (rows, labels, weights) = reduced.gathered()
            let network = MLPClassifier.train(
                features: data.features(of: rows), count: rows.count, labels: labels, weights: weights,
                classCount: data.classCount, configuration: configuration, using: &stream)
            let heldRows = heldOut.map { labelled.rows[$0] }
            let logP = network.logProbabilities(of: heldRows, in: data)
            let K = data.classCount
            for (r, index) in heldOut.enumerated() {
                let k = logP.argmax(from: r * K, count: K)
                confidences.append(exp(logP[r * K + k]))
                correct.append(Int32(k) == labelled.labels[index])
            }
        }
        return ConfidenceCalibration(confidences: confidences, correct: correct)
    }

    /// Pseudo-labels n(t) unlabelled rows (a uniform subsample; all when n(t) is at least their
    /// number) and keeps those with a positive weight.
    public func sample<G: RandomNumberGenerator>(
        from model: SelfTrainingModel, count: Int, into batch: inout LabelledExamples, using generator: inout G
    ) {
        let unlabelled = model.unlabelledRows(of: pool, dataCount: data.count)
        let rows = DataSplit.subsample(unlabelled, count: count, using: &generator)
        let (labels, weights) = model.pseudoLabels(of: rows, in: data)
        var kept = LabelledExamples()
        var keptWeights: [Double] = []
        for r in 0..<rows.count where weights[r] > 0 {
            kept.rows.append(rows[r])
            kept.labels.append(labels[r])
            keptWeights.append(weights[r])
        }
        if keptWeights.contains(where: { $0 != 1 }) { kept.weights = keptWeights }
        batch = kept
    }
}
