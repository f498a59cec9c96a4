import Foundation
import ModelCollapse
import Randomness

/// Recursive refinement (K. Lee, A. Zlateski, A. Vishwanathan, H. S. Seung, "Recursive Training of
/// 2D-3D Convolutional Networks for Neuronal Boundary Prediction", NIPS 2015): stage k + 1 is trained
/// on the real labels with the input plus stage k's predicted class probabilities, [x, p_k(x)], so
/// each stage can refine the last. Generation t is the stack of t stages.
///
/// Every stage trains on the real training pool (n(t) rows of it, all when n(t) ≥ its size). Which
/// probabilities stage k + 1 sees on its training rows is ``StageInputs``: stage k's own, in sample —
/// nearly one-hot once a network fits its training set, so the next stage learns to copy them and
/// only grows more confident — or out of fold, as in stacked generalisation, where they look like
/// the probabilities the stack will produce on new inputs. At test time every stage sees the
/// probabilities of the full stack below it.
public struct RefinementLearner: Learner {
    public typealias Batch = RefinementBatch

    /// The probabilities a stage is trained on.
    public enum StageInputs: Sendable, Equatable {
        /// The previous stage's probabilities on its own training rows (Lee et al.).
        case inSample
        /// Out-of-fold probabilities (D. H. Wolpert, "Stacked generalization", Neural Networks 5(2),
        /// 1992): the training rows are split at random into K folds, and each fold's probabilities
        /// come from a copy of the stage trained on the other folds — K more trainings per stage.
        case crossFitted(folds: Int)
    }

    public var data: LabelledDataSet
    public var pool: [Int32]
    public var configuration: TrainingConfiguration
    public var stageInputs: StageInputs

    public init(data: LabelledDataSet, pool: [Int32], configuration: TrainingConfiguration, stageInputs: StageInputs = .inSample) {
        if case .crossFitted(let folds) = stageInputs { precondition(folds >= 2, "RefinementLearner: at least 2 folds") }
        self.data = data
        self.pool = pool
        self.configuration = configuration
        self.stageInputs = stageInputs
    }

    public func fit(_ trainingSet: TrainingSet<RefinementBatch>) -> StackedClassifier {
        var generator = Xoshiro256StarStar(seed: 0)
        return fit(trainingSet, using: &generator)
    }

    /// Trains the next stage on [x, p_k(x)] (x alone for the first) and returns the longer stack.
    public func fit<G: RandomNumberGenerator>(_ trainingSet: TrainingSet<RefinementBatch>, using generator: inout G) -> StackedClassifier {
        var stream = Xoshiro256StarStar(seed: generator.next())
        var examples = TrainingSet<LabelledExamples>()
        var stages: [MLPClassifier] = []
        var given: [Double] = []
        for part in trainingSet.parts where part.batch.count > 0 && part.weight > 0 {
            if stages.isEmpty { stages = part.batch.stages }
            given += part.batch.probabilities
            examples.parts.append(TrainingSet<LabelledExamples>.Part(batch: part.batch.examples, weight: part.weight, origin: part.origin == .real ? .real : .synthetic))
        }
        let (rows, labels, weights) = examples.gathered()
        let K = data.classCount
        var features = data.features(of: rows)
        if !stages.isEmpty {
            let probabilities = given.count == rows.count * K
                ? given : StackedClassifier(stages: stages).logProbabilities(of: rows, in: data).map(exp)
            features = StackedClassifier.augment(features, featureCount: data.featureCount, probabilities: probabilities, classCount: K, count: rows.count)
        }
        let stage = MLPClassifier.train(
            features: features, count: rows.count, labels: labels, weights: weights,
            classCount: K, configuration: configuration, using: &stream)
        var outOfFold: RowProbabilities? = nil
        if case .crossFitted(let folds) = stageInputs, rows.count >= folds {
            outOfFold = crossFit(features: features, rows: rows, labels: labels, weights: weights, folds: folds, using: &stream)
        }
        return StackedClassifier(stages: stages + [stage], outOfFold: outOfFold)
    }

    /// Each fold's probabilities from a network trained on the other folds.
    func crossFit(features: [Double], rows: [Int32], labels: [Int32], weights: [Double]?, folds: Int, using stream: inout Xoshiro256StarStar) -> RowProbabilities {
        let n = rows.count, K = data.classCount
        let width = features.count / n
        var order = Array(0..<n)
        NetworkTrainer<Double>.shuffle(&order, using: &stream)
        var probabilities = [Double](repeating: 0, count: n * K)
        for fold in 0..<folds {
            let held = stride(from: fold, to: n, by: folds).map { order[$0] }
            var isHeld = [Bool](repeating: false, count: n)
            for i in held { isHeld[i] = true }
            let kept = (0..<n).filter { !isHeld[$0] }
            var keptFeatures: [Double] = []
            keptFeatures.reserveCapacity(kept.count * width)
            for i in kept { keptFeatures += features[(i * width)..<((i + 1) * width)] }
            let network = MLPClassifier.train(
                features: keptFeatures, count: kept.count, labels: kept.map { labels[$0] },
                weights: weights.map { w in kept.map { w[$0] } }, classCount: K, configuration: configuration, using: &stream)
            var heldFeatures: [Double] = []
            heldFeatures.reserveCapacity(held.count * width)
            for i in held { heldFeatures += features[(i * width)..<((i + 1) * width)] }
            let logP = network.logProbabilities(heldFeatures, count: held.count)
            for (r, i) in held.enumerated() {
                for k in 0..<K { probabilities[i * K + k] = exp(logP[r * K + k]) }
            }
        }
        return RowProbabilities(rows: rows, probabilities: probabilities)
    }

    /// n(t) real pool rows with their real labels, carrying the stack for the next stage and, for
    /// cross-fitted inputs, the rows' out-of-fold probabilities (a row the last stage did not train
    /// on gets the stack's probabilities, which are out of sample for the last stage).
    public func sample<G: RandomNumberGenerator>(
        from model: StackedClassifier, count: Int, into batch: inout RefinementBatch, using generator: inout G
    ) {
        let rows = DataSplit.subsample(pool, count: count, using: &generator)
        let examples = LabelledExamples(realRows: rows, of: data)
        guard case .crossFitted = stageInputs, let outOfFold = model.outOfFold else {
            batch = RefinementBatch(examples: examples, stages: model.stages)
            return
        }
        let K = data.classCount
        var position = [Int32](repeating: -1, count: data.count)
        for (i, row) in outOfFold.rows.enumerated() { position[Int(row)] = Int32(i) }
        let missing = rows.filter { position[Int($0)] < 0 }
        let stackProbabilities = missing.isEmpty ? [] : model.logProbabilities(of: missing, in: data).map(exp)
        var missingIndex = 0
        var probabilities = [Double](repeating: 0, count: rows.count * K)
        for (r, row) in rows.enumerated() {
            let p = Int(position[Int(row)])
            for k in 0..<K {
                probabilities[r * K + k] = p >= 0 ? outOfFold.probabilities[p * K + k] : stackProbabilities[missingIndex * K + k]
            }
            if p < 0 { missingIndex += 1 }
        }
        batch = RefinementBatch(examples: examples, stages: model.stages, probabilities: probabilities)
    }
}
