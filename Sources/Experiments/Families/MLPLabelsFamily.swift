import Families
import ModelCollapse

/// `family: mlp-labels` — recursive training through labels on real images: generation t + 1 is a
/// small MLP trained on the training pool's inputs labelled by generation t's network (its softmax
/// sampled, or its argmax), with real labels mixed in as the regime says. Accuracy on a held-out
/// real test split decays when no real labels remain and holds with enough of them — the
/// feed-forward image experiments of Dohmatob et al. ("Strong Model Collapse", ICLR 2025) and
/// Shumailov et al. (Nature, 2024), with labels as the generated data.
public struct MLPLabelsFamily: ExperimentFamily {
    public static let name = "mlp-labels"
    public static let summary = "an MLP on real images, retrained on its own (sampled or argmax) labels; accuracy on held-out real data (Dohmatob et al. 2025)"
    public static let keys: [KeyDocumentation] = NeuralNetworkSpec.dataKeys + [
        KeyDocumentation("labels", default: "sample", allowed: "sample | argmax", "how a generation labels the pool for the next: a class drawn from its softmax, or its most probable class"),
    ]
    static let metricCases: [ClassifierMetric] = [.testAccuracy, .testLoss, .agreement, .labelEntropy, .predictiveEntropy, .trainAccuracy, .epochs, .accuracyGain]
    public static let metrics: [(name: String, summary: String)] = metricCases.map { ($0.rawValue, NeuralNetworkSpec.summary(of: $0)) }
    public static let defaultMetrics = [ClassifierMetric.testAccuracy, .testLoss, .agreement, .labelEntropy].map(\.rawValue)

    public var network: NeuralNetworkSpec
    public var labelling: SyntheticLabelling

    public static func parse(_ reader: SpecReader) throws -> MLPLabelsFamily {
        let network = try NeuralNetworkSpec.parse(reader)
        let labelling = SyntheticLabelling(rawValue: try reader.string("labels", default: "sample", allowed: SyntheticLabelling.allCases.map(\.rawValue)))!
        return MLPLabelsFamily(network: network, labelling: labelling)
    }

    public var resolvedKeys: [(key: String, value: SpecValue)] {
        network.resolvedKeys + [("labels", .scalar(labelling.rawValue))]
    }

    public var supportsIncrementalUpdate: Bool { false }

    /// Networks have no sufficient statistics: always the sample path.
    public func statisticsPathAllowed(regime: Regime) -> Bool { false }

    public func validate(_ spec: ExperimentSpec) throws {
        try network.validateSplit()
        try network.validateRealDraws(spec, syntheticAvailable: network.poolSize)
    }

    public func run(_ spec: ExperimentSpec, control: RunControl) -> SimulationResult {
        let split = network.split(seed: spec.seed)
        let data = network.scaledData(split)
        return control.simulate(
            source: LabelledPoolSource<LabelledExamples>(data: data, pool: split.pool),
            learner: MLPLabelsLearner(data: data, pool: split.pool, configuration: network.training, labelling: labelling),
            evaluation: ClassifierEvaluation<MLPClassifier>(data: data, split: split, metrics: NeuralNetworkSpec.metricList(spec.metrics)),
            plan: spec.plan(threads: control.threads))
    }

    /// No closed form exists for networks.
    public func theory(_ spec: ExperimentSpec) -> [String: [Double?]] { [:] }
}
