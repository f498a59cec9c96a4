import ModelCollapse
import Randomness

/// The training data of a refinement stage: real examples, and the stack of earlier stages whose
/// class probabilities the next stage takes as extra inputs (empty for the first stage).
public struct RefinementBatch: LabelledExampleBatch {
    public var examples: LabelledExamples
    /// The stages before the one trained on this batch.
    public var stages: [MLPClassifier]

    public init() {
        examples = LabelledExamples()
        stages = []
    }

    public init(examples: LabelledExamples) {
        self.examples = examples
        stages = []
    }

    public init(examples: LabelledExamples, stages: [MLPClassifier]) {
        self.examples = examples
        self.stages = stages
    }

    public var count: Int { examples.count }

    /// Appends the examples; the batches of one training set come from the same stack.
    public mutating func append(_ other: RefinementBatch) {
        if count == 0 { stages = other.stages }
        examples.append(other.examples)
    }

    public static var supportsSubsampling: Bool { true }

    public func subsample<G: RandomNumberGenerator>(_ size: Int, using generator: inout G) -> RefinementBatch {
        RefinementBatch(examples: examples.subsample(size, using: &generator), stages: stages)
    }
}
