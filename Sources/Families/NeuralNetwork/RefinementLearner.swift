import ModelCollapse
import Randomness

/// Recursive refinement (K. Lee, A. Zlateski, A. Vishwanathan, H. S. Seung, "Recursive Training of
/// 2D-3D Convolutional Networks for Neuronal Boundary Prediction", NIPS 2015): stage k + 1 is trained
/// on the real labels with the input plus stage k's predicted class probabilities, [x, p_k(x)], so
/// each stage can refine the last. Generation t is the stack of t stages.
///
/// Here every stage trains on the same real training pool (n(t) rows of it, all when n(t) ≥ its
/// size), so stage k's probabilities on those rows are in-sample — nearly one-hot once a network
/// fits its training set — which is what decides whether stacking helps or overfits (compare
/// `train-accuracy` with `test-accuracy`).
public struct RefinementLearner: Learner {
    public typealias Batch = RefinementBatch

    public var data: LabelledDataSet
    public var pool: [Int32]
    public var configuration: TrainingConfiguration

    public init(data: LabelledDataSet, pool: [Int32], configuration: TrainingConfiguration) {
        self.data = data
        self.pool = pool
        self.configuration = configuration
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
        for part in trainingSet.parts {
            if stages.isEmpty { stages = part.batch.stages }
            examples.parts.append(TrainingSet<LabelledExamples>.Part(batch: part.batch.examples, weight: part.weight, origin: part.origin == .real ? .real : .synthetic))
        }
        let (rows, labels, weights) = examples.gathered()
        var features = data.features(of: rows)
        if !stages.isEmpty {
            let previous = StackedClassifier(stages: stages).logProbabilities(of: rows, in: data)
            features = StackedClassifier.augment(features, featureCount: data.featureCount, logProbabilities: previous, classCount: data.classCount, count: rows.count)
        }
        let stage = MLPClassifier.train(
            features: features, count: rows.count, labels: labels, weights: weights,
            classCount: data.classCount, configuration: configuration, using: &stream)
        return StackedClassifier(stages: stages + [stage])
    }

    /// n(t) real pool rows with their real labels, carrying the stack for the next stage.
    public func sample<G: RandomNumberGenerator>(
        from model: StackedClassifier, count: Int, into batch: inout RefinementBatch, using generator: inout G
    ) {
        let rows = DataSplit.subsample(pool, count: count, using: &generator)
        batch = RefinementBatch(examples: LabelledExamples(realRows: rows, of: data), stages: model.stages)
    }
}
