import Families
import ModelCollapse

/// `family: refinement` — recursive training in the other sense seed 000 names (Lee, Zlateski,
/// Vishwanathan & Seung, "Recursive Training of 2D-3D Convolutional Networks for Neuronal Boundary
/// Prediction", NIPS 2015): stage k + 1 is trained on the real labels with the input and stage k's
/// predicted class probabilities, so each stage can refine the last. Generation t is the stack of t
/// stages; `accuracy-gain` is its test accuracy over stage 1's, `train-accuracy` against
/// `test-accuracy` shows whether the stack refines or overfits, and `stage-inputs: {cross-fitted: K}`
/// trains each stage on out-of-fold probabilities instead (stacked generalisation).
public struct RefinementFamily: ExperimentFamily {
    public static let name = "refinement"
    public static let summary = "stacked MLPs, stage k+1 fed the input and stage k's class probabilities, real labels (Lee et al. 2015)"
    public static let keys: [KeyDocumentation] = NeuralNetworkSpec.dataKeys + [
        KeyDocumentation("stage-inputs", default: "in-sample", allowed: "in-sample | {cross-fitted: K} with K in [2, 10]", "the probabilities a stage is trained on: the previous stage's on its own training rows (Lee et al.), or out of fold from K copies trained on the other folds (stacked generalisation; K more trainings per stage)"),
    ]
    static let metricCases: [ClassifierMetric] = [.testAccuracy, .testLoss, .trainAccuracy, .accuracyGain, .agreement, .labelEntropy, .predictiveEntropy, .epochs]
    public static let metrics: [(name: String, summary: String)] = metricCases.map { ($0.rawValue, NeuralNetworkSpec.summary(of: $0)) }
    public static let defaultMetrics = [ClassifierMetric.testAccuracy, .testLoss, .trainAccuracy, .accuracyGain].map(\.rawValue)

    public var network: NeuralNetworkSpec
    public var stageInputs: RefinementLearner.StageInputs

    public static func parse(_ reader: SpecReader) throws -> RefinementFamily {
        let network = try NeuralNetworkSpec.parse(reader)
        var stageInputs = RefinementLearner.StageInputs.inSample
        if let value = reader.value("stage-inputs") {
            switch value {
            case .scalar("in-sample"):
                break
            case .mapping(let entries) where entries.count == 1 && entries[0].key == "cross-fitted":
                stageInputs = .crossFitted(folds: try SpecReader.int(entries[0].value, path: "stage-inputs.cross-fitted", range: 2...10))
            default:
                throw SpecError(path: "stage-inputs", message: "\(value.shortDescription) is not allowed; allowed: in-sample or {cross-fitted: K} with K in [2, 10]")
            }
        }
        return RefinementFamily(network: network, stageInputs: stageInputs)
    }

    public var resolvedKeys: [(key: String, value: SpecValue)] {
        let inputs: SpecValue
        switch stageInputs {
        case .inSample: inputs = .scalar("in-sample")
        case .crossFitted(let folds): inputs = .mapping([("cross-fitted", .scalar(String(folds)))])
        }
        return network.resolvedKeys + [("stage-inputs", inputs)]
    }

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
            learner: RefinementLearner(data: data, pool: split.pool, configuration: network.training, stageInputs: stageInputs),
            evaluation: ClassifierEvaluation<StackedClassifier>(data: data, split: split, metrics: NeuralNetworkSpec.metricList(spec.metrics)),
            plan: spec.plan(threads: control.threads))
    }

    public func theory(_ spec: ExperimentSpec) -> [String: [Double?]] { [:] }
}
