import ModelCollapse
import Randomness

/// Recursive training through labels: generation t + 1 is an MLP trained on inputs of the real
/// training pool labelled by generation t's network (``SyntheticLabelling``: its argmax, or a class
/// drawn from its softmax), mixed with real labels as the regime says.
///
/// The synthetic batch of n(t) examples is a uniform subsample of the pool's inputs (all of them
/// when n(t) ≥ the pool size), relabelled; the inputs stay real, only the labels recurse. This is the
/// feed-forward image experiment of Dohmatob et al. ("Strong Model Collapse", ICLR 2025) and of
/// Shumailov et al. (2024) with labels as the generated data.
public struct MLPLabelsLearner: Learner {
    public typealias Batch = LabelledExamples

    public var data: LabelledDataSet
    public var pool: [Int32]
    public var configuration: TrainingConfiguration
    public var labelling: SyntheticLabelling

    public init(data: LabelledDataSet, pool: [Int32], configuration: TrainingConfiguration, labelling: SyntheticLabelling) {
        self.data = data
        self.pool = pool
        self.configuration = configuration
        self.labelling = labelling
    }

    /// Trains with a fixed stream (seed 0): the engine always calls ``fit(_:using:)``.
    public func fit(_ trainingSet: TrainingSet<LabelledExamples>) -> MLPClassifier {
        var generator = Xoshiro256StarStar(seed: 0)
        return fit(trainingSet, using: &generator)
    }

    /// Trains a network on the training set; the initial weights, the validation split and the
    /// mini-batch order come from one 64-bit draw of `generator` that seeds the fit's own stream.
    public func fit<G: RandomNumberGenerator>(_ trainingSet: TrainingSet<LabelledExamples>, using generator: inout G) -> MLPClassifier {
        var stream = Xoshiro256StarStar(seed: generator.next())
        let (rows, labels, weights) = trainingSet.gathered()
        return MLPClassifier.train(
            features: data.features(of: rows), count: rows.count, labels: labels, weights: weights,
            classCount: data.classCount, configuration: configuration, using: &stream)
    }

    public func sample<G: RandomNumberGenerator>(
        from model: MLPClassifier, count: Int, into batch: inout LabelledExamples, using generator: inout G
    ) {
        let rows = DataSplit.subsample(pool, count: count, using: &generator)
        let logProbabilities = model.logProbabilities(of: rows, in: data)
        let labels = labelling.labels(logProbabilities, count: rows.count, classes: data.classCount, using: &generator)
        batch = LabelledExamples(rows: rows, labels: labels)
    }
}
