import ModelCollapse
import Randomness

/// The training data of a refinement stage: real examples, the stack of earlier stages whose class
/// probabilities the next stage takes as extra inputs (empty for the first stage), and — for
/// cross-fitted stage inputs — those probabilities themselves, out of fold (count × K; empty when
/// the stage computes them from the stack, in sample).
public struct RefinementBatch: LabelledExampleBatch {
    public var examples: LabelledExamples
    /// The stages before the one trained on this batch.
    public var stages: [MLPClassifier]
    /// Out-of-fold probabilities of the examples, row by row, or empty.
    public var probabilities: [Double]

    public init() {
        examples = LabelledExamples()
        stages = []
        probabilities = []
    }

    public init(examples: LabelledExamples) {
        self.init(examples: examples, stages: [])
    }

    public init(examples: LabelledExamples, stages: [MLPClassifier], probabilities: [Double] = []) {
        precondition(probabilities.isEmpty || examples.count > 0 && probabilities.count % examples.count == 0,
                     "RefinementBatch: \(probabilities.count) probabilities for \(examples.count) examples")
        self.examples = examples
        self.stages = stages
        self.probabilities = probabilities
    }

    public var count: Int { examples.count }

    /// Appends the examples; the batches of one training set come from the same stack (the
    /// refinement family runs regime `replace`, one batch per training set).
    public mutating func append(_ other: RefinementBatch) {
        if other.count == 0 { return }
        if count == 0 {
            self = other
            return
        }
        precondition(probabilities.isEmpty == other.probabilities.isEmpty, "RefinementBatch: appending in-sample and out-of-fold batches")
        examples.append(other.examples)
        probabilities += other.probabilities
    }

    public static var supportsSubsampling: Bool { true }

    public func subsample<G: RandomNumberGenerator>(_ size: Int, using generator: inout G) -> RefinementBatch {
        let chosen = Self.subsampleIndices(count: count, size: size, using: &generator)
        let examples = LabelledExamples(
            rows: chosen.map { self.examples.rows[$0] }, labels: chosen.map { self.examples.labels[$0] },
            weights: self.examples.weights.isEmpty ? [] : chosen.map { self.examples.weights[$0] })
        guard !probabilities.isEmpty else { return RefinementBatch(examples: examples, stages: stages) }
        let K = probabilities.count / count
        return RefinementBatch(examples: examples, stages: stages, probabilities: chosen.flatMap { probabilities[($0 * K)..<(($0 + 1) * K)] })
    }
}
