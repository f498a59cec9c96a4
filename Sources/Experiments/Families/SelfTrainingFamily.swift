import Families
import ModelCollapse

/// `family: self-training` — semi-supervised self-training with pseudo-labels (Sun et al., "Learning
/// to Self-Train", NeurIPS 2019): a few labelled examples per class, the rest of the training pool
/// unlabelled. Generation 1 trains on the labelled set alone (the labelled-only baseline); each
/// later round pseudo-labels the unlabelled pool with the previous network, keeps the confident
/// ones (or weights them softly), and retrains on labelled + pseudo-labelled data. Recursion runs
/// through labels, and the question is whether it helps or collapses.
public struct SelfTrainingFamily: ExperimentFamily {
    public static let name = "self-training"
    public static let summary = "a few labels per class, pseudo-labels for the rest by confidence threshold or soft weights, retrain (Sun et al. 2019)"
    public static let keys: [KeyDocumentation] = NeuralNetworkSpec.dataKeys + [
        KeyDocumentation("labelled-per-class", default: "5", allowed: "integer in [1, 100000]", "labelled examples of each class, drawn per replicate from the training pool; samples n(t) is the number of unlabelled examples pseudo-labelled per round (all when larger)"),
        KeyDocumentation("selection", default: "{threshold: 0.9}", allowed: "{threshold: T} | {soft: {power: K}} | learned | all", "which pseudo-labels a round keeps: confidence max p ≥ T; all with weight confidence^K; all with weight σ(a + b·logit conf) learned on the labelled set by 2-fold cross-fitting; all with weight 1"),
    ]
    static let metricCases: [ClassifierMetric] = [.testAccuracy, .testLoss, .pseudoLabelAccuracy, .keptFraction, .accuracyGain, .agreement, .labelEntropy, .predictiveEntropy, .trainAccuracy, .epochs]
    public static let metrics: [(name: String, summary: String)] = metricCases.map { ($0.rawValue, NeuralNetworkSpec.summary(of: $0)) }
    public static let defaultMetrics = [ClassifierMetric.testAccuracy, .pseudoLabelAccuracy, .keptFraction, .accuracyGain].map(\.rawValue)

    public var network: NeuralNetworkSpec
    public var labelledPerClass: Int
    public var selection: PseudoLabelSelection

    public static func parse(_ reader: SpecReader) throws -> SelfTrainingFamily {
        let network = try NeuralNetworkSpec.parse(reader)
        let perClass = try reader.int("labelled-per-class", default: 5, range: 1...100_000)
        let selection = try parseSelection(reader.value("selection"))
        return SelfTrainingFamily(network: network, labelledPerClass: perClass, selection: selection)
    }

    static func parseSelection(_ value: SpecValue?) throws -> PseudoLabelSelection {
        let allowed = "{threshold: T} with T in [0, 1], {soft: {power: K}} with K in [0, 100], learned, or all"
        guard let value else { return .threshold(0.9) }
        switch value {
        case .scalar("learned"): return .learned
        case .scalar("all"): return .all
        case .mapping(let entries) where entries.count == 1 && entries[0].key == "threshold":
            return .threshold(try SpecReader.double(entries[0].value, path: "selection.threshold", range: 0...1))
        case .mapping(let entries) where entries.count == 1 && entries[0].key == "soft":
            let soft = try SpecReader(entries[0].value, path: "selection.soft")
            let power = try soft.double("power", default: 1, range: 0...100)
            try soft.finish()
            return .soft(power: power)
        default:
            throw SpecError(path: "selection", message: "\(value.shortDescription) is not allowed; allowed: \(allowed)")
        }
    }

    public var resolvedKeys: [(key: String, value: SpecValue)] {
        let selectionValue: SpecValue
        switch selection {
        case .all: selectionValue = .scalar("all")
        case .learned: selectionValue = .scalar("learned")
        case .threshold(let t): selectionValue = .mapping([("threshold", .scalar(SpecReader.format(t)))])
        case .soft(let k): selectionValue = .mapping([("soft", .mapping([("power", .scalar(SpecReader.format(k)))]))])
        }
        return network.resolvedKeys + [
            ("labelled-per-class", .scalar(String(labelledPerClass))),
            ("selection", selectionValue),
        ]
    }

    public var supportsIncrementalUpdate: Bool { false }
    public func statisticsPathAllowed(regime: Regime) -> Bool { false }

    public func validate(_ spec: ExperimentSpec) throws {
        try network.validateSplit()
        guard spec.regime.real == .keep, spec.regime.synthetic == .replace || spec.regime.synthetic == .accumulate else {
            throw SpecError(path: "regime", message: "self-training keeps the labelled set in every round: use {synthetic: replace, real: keep} (or synthetic: accumulate to keep every round's pseudo-labels), optionally with real-weight")
        }
        // Every class needs its labelled examples in the pool, and unlabelled ones besides.
        let pool = network.poolSize
        let counts = network.data.classCounts
        for (k, count) in counts.enumerated() {
            let inPool = count - Int((network.testFraction * Double(count)).rounded())
            if inPool < labelledPerClass {
                throw SpecError(path: "labelled-per-class", message: "\(labelledPerClass) labelled examples per class, but class '\(network.data.classNames[k])' has \(inPool) in the training pool")
            }
        }
        if labelledPerClass * counts.count >= pool {
            throw SpecError(path: "labelled-per-class", message: "\(labelledPerClass) per class × \(counts.count) classes leaves no unlabelled example in the training pool of \(pool)")
        }
    }

    public func run(_ spec: ExperimentSpec, control: RunControl) -> SimulationResult {
        let split = network.split(seed: spec.seed)
        let data = network.scaledData(split)
        return control.simulate(
            source: LabelledPoolSource<LabelledExamples>(data: data, pool: split.pool, firstSample: .perClass(labelledPerClass)),
            learner: SelfTrainingLearner(data: data, pool: split.pool, configuration: network.training, selection: selection),
            evaluation: ClassifierEvaluation<SelfTrainingModel>(data: data, split: split, metrics: NeuralNetworkSpec.metricList(spec.metrics)),
            plan: spec.plan(threads: control.threads))
    }

    public func theory(_ spec: ExperimentSpec) -> [String: [Double?]] { [:] }
}
