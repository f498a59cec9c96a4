import Families
import ModelCollapse

/// `family: refinement` — recursive training in the other sense seed 000 names (Lee, Zlateski,
/// Vishwanathan & Seung, "Recursive Training of 2D-3D Convolutional Networks for Neuronal Boundary
/// Prediction", NIPS 2015): stage k + 1 is trained on the real labels with the input and stage k's
/// predicted class probabilities, so each stage can refine the last. Generation t is the stack of t
/// stages; `accuracy-gain` is its test accuracy over stage 1's, `train-accuracy` against
/// `test-accuracy` shows whether the stack refines or overfits.
public struct RefinementFamily: ExperimentFamily {
    public static let name = "refinement"
    public static let summary = "stacked MLPs, stage k+1 fed the input and stage k's class probabilities, real labels (Lee et al. 2015)"
    public static let keys: [KeyDocumentation] = NeuralNetworkSpec.dataKeys
    static let metricCases: [ClassifierMetric] = [.testAccuracy, .testLoss, .trainAccuracy, .accuracyGain, .agreement, .labelEntropy, .predictiveEntropy, .epochs]
    public static let metrics: [(name: String, summary: String)] = metricCases.map { ($0.rawValue, NeuralNetworkSpec.summary(of: $0)) }
    public static let defaultMetrics = [ClassifierMetric.testAccuracy, .testLoss, .trainAccuracy, .accuracyGain].map(\.rawValue)

    public var network: NeuralNetworkSpec

    public static func parse(_ reader: SpecReader) throws -> RefinementFamily {
        RefinementFamily(network: try NeuralNetworkSpec.parse(reader))
    }

    public var resolvedKeys: [(key: String, value: SpecValue)] { network.resolvedKeys }

    public var supportsIncrementalUpdate: Bool { false }
    public func statisticsPathAllowed(regime: Regime) -> Bool { false }

    public func validate(_ spec: ExperimentSpec) throws {
        try network.validateSplit()
        if spec.regime != .replace {
            throw SpecError(path: "regime", message: "every refinement stage trains on real labels with the previous stage's probabilities as inputs; use regime: replace")
        }
    }

    public func run(_ spec: ExperimentSpec, control: RunControl) -> SimulationResult {
        let split = network.split(seed: spec.seed)
        let data = network.scaledData(split)
        return control.simulate(
            source: LabelledPoolSource<RefinementBatch>(data: data, pool: split.pool),
            learner: RefinementLearner(data: data, pool: split.pool, configuration: network.training),
            evaluation: ClassifierEvaluation<StackedClassifier>(data: data, split: split, metrics: NeuralNetworkSpec.metricList(spec.metrics)),
            plan: spec.plan(threads: control.threads))
    }

    public func theory(_ spec: ExperimentSpec) -> [String: [Double?]] { [:] }
}
