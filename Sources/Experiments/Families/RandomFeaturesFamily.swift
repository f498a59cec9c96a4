import Families
import ModelCollapse
import Randomness

/// `family: random-features` — a model of size m on random features φ(x) = a(Fx/√d), by ridge or
/// minimum-norm least squares; recursive synthetic labels, or the mixed labels of strong collapse
/// (Dohmatob et al., ICLR 2025: larger models amplify collapse up to the interpolation threshold
/// m ≈ n and may mitigate it beyond).
public struct RandomFeaturesFamily: ExperimentFamily {
    public static let name = "random-features"
    public static let summary = "ridge / minimum-norm regression on m random features, recursive or mixed labels (Dohmatob et al. 2025)"
    public static let keys: [KeyDocumentation] = RegressionSpec.truthKeys + [
        KeyDocumentation("features", default: "100", allowed: "integer in [1, 20000]", "m, the model size (number of random features)"),
        KeyDocumentation("activation", default: "linear", allowed: "linear | relu", "φ(x) = Fx/√d (random projection) or max(0, Fx/√d)"),
        KeyDocumentation("ridge", default: "0.0", allowed: "number ≥ 0", "λ; 0 is least squares, the minimum-norm interpolator when m ≥ n"),
        KeyDocumentation("setting", default: "recursive", allowed: "recursive | mixed", "synthetic labels from the previous fit (with the regime), or a fixed fraction from w₂ in every fresh training set"),
        KeyDocumentation("design", default: "fresh", allowed: "fresh | fixed", "recursive setting: new inputs for synthetic labels, or the real ones (needs a constant samples)"),
        KeyDocumentation("synthetic-noise", default: "truth.noise", allowed: "number ≥ 0", "recursive setting: σ of the noise on synthetic labels"),
    ] + RegressionSpec.mixtureKeys + [
        KeyDocumentation("test-size", default: "2000", allowed: "integer in [1, 1000000]", "relu: the fixed real test sample the test error is measured on (linear features are exact)"),
    ]
    public static let metrics: [(name: String, summary: String)] = RegressionSpec.metricSummaries.map {
        $0.name == "weight-norm" ? ("weight-norm", "‖â‖, the norm of the feature coefficients") : $0
    }
    public static let defaultMetrics = [RegressionMetric.testError, .excessRisk, .weightNorm, .trainError].map(\.rawValue)

    public enum Setting: String, Sendable, CaseIterable {
        case recursive
        case mixed
    }

    public var truth: RegressionSpec.Truth
    public var features: Int
    public var activation: RandomFeatureMap.Activation
    public var ridge: Double
    public var setting: Setting
    public var design: DesignMode
    public var syntheticNoise: Double
    public var syntheticFraction: Double
    public var syntheticModel: RegressionSpec.SyntheticModel
    public var testSize: Int

    public static func parse(_ reader: SpecReader) throws -> RandomFeaturesFamily {
        let truth = try RegressionSpec.parseTruth(reader)
        let features = try reader.int("features", default: 100, range: 1...20_000)
        let activation = RandomFeatureMap.Activation(rawValue: try reader.string("activation", default: "linear", allowed: RandomFeatureMap.Activation.allCases.map(\.rawValue)))!
        let ridge = try reader.double("ridge", default: 0, range: 0...1e300, rangeDescription: "a number ≥ 0")
        let setting = Setting(rawValue: try reader.string("setting", default: "recursive", allowed: Setting.allCases.map(\.rawValue)))!
        let design = DesignMode(rawValue: try reader.string("design", default: "fresh", allowed: DesignMode.allCases.map(\.rawValue)))!
        let syntheticNoise = try reader.double("synthetic-noise", default: truth.truth.noise, range: 0...1e150, rangeDescription: "a number ≥ 0")
        let p = try reader.double("synthetic-fraction", default: 0.2, range: 0...1)
        let model = try RegressionSpec.parseSyntheticModel(reader, dimension: truth.truth.dimension)
        let testSize = try reader.int("test-size", default: 2000, range: 1...1_000_000)
        if setting == .recursive {
            for key in ["synthetic-fraction", "synthetic-model"] where reader.has(key) {
                throw SpecError(path: key, message: "applies to setting: mixed only")
            }
        } else {
            for key in ["design", "synthetic-noise"] where reader.has(key) {
                throw SpecError(path: key, message: "applies to setting: recursive only")
            }
        }
        return RandomFeaturesFamily(
            truth: truth, features: features, activation: activation, ridge: ridge, setting: setting,
            design: design, syntheticNoise: syntheticNoise, syntheticFraction: p, syntheticModel: model,
            testSize: testSize)
    }

    public var resolvedKeys: [(key: String, value: SpecValue)] {
        var keys = truth.resolvedKeys + [
            ("features", .scalar(String(features))),
            ("activation", .scalar(activation.rawValue)),
            ("ridge", .scalar(SpecReader.format(ridge))),
            ("setting", .scalar(setting.rawValue)),
        ]
        switch setting {
        case .recursive:
            keys += [("design", .scalar(design.rawValue)), ("synthetic-noise", .scalar(SpecReader.format(syntheticNoise)))]
        case .mixed:
            keys += [
                ("synthetic-fraction", .scalar(SpecReader.format(syntheticFraction))),
                ("synthetic-model", RegressionSpec.resolved(syntheticModel)),
            ]
        }
        keys.append(("test-size", .scalar(String(testSize))))
        return keys
    }

    public var supportsIncrementalUpdate: Bool { false }

    /// Random features have no exact sufficient-statistics draw (the features are not Gaussian for
    /// ReLU, and m may exceed n): always the sample path.
    public func statisticsPathAllowed(regime: Regime) -> Bool { false }

    public func validate(_ spec: ExperimentSpec) throws {
        try RegressionSpec.validateMetrics(spec.metrics, linearPredictor: activation == .linear)
        switch setting {
        case .mixed:
            if spec.regime != .replace {
                throw SpecError(path: "regime", message: "setting: mixed draws a fresh mixed training set for every fit; use regime: replace")
            }
        case .recursive:
            if design == .fixed {
                try RegressionSpec.requireConstantSchedule(spec, reason: "design: fixed reuses the real sample's inputs for every synthetic batch")
            }
        }
    }

    /// The feature map of a run: F from the run's own stream, shared by every replicate.
    public func featureMap(seed: UInt64) -> RandomFeatureMap {
        var generator = RandomStream.generator(seed: seed, path: [RegressionSpec.runStream, 1])
        return RandomFeatureMap(inputDimension: truth.truth.dimension, features: features, activation: activation, using: &generator)
    }

    public func run(_ spec: ExperimentSpec, control: RunControl) -> SimulationResult {
        let plan = spec.plan(threads: control.threads)
        let map = featureMap(seed: spec.seed)
        var testGenerator = RandomStream.generator(seed: spec.seed, path: [RegressionSpec.runStream, 3])
        let evaluation = RandomFeaturesEvaluation(
            truth: truth.truth, map: map, metrics: spec.metrics.map { RegressionMetric(rawValue: $0)! },
            testSize: testSize, using: &testGenerator)
        let learnerSetting: RandomFeaturesLearner.Setting
        switch setting {
        case .recursive:
            learnerSetting = .recursive
        case .mixed:
            learnerSetting = .mixed(MixedLabels(
                truth: truth.truth,
                syntheticWeights: RegressionSpec.syntheticWeights(syntheticModel, truth: truth.truth, seed: spec.seed),
                syntheticFraction: syntheticFraction))
        }
        let learner = RandomFeaturesLearner(
            truth: truth.truth, map: map, ridge: ridge, syntheticNoise: syntheticNoise, design: design, setting: learnerSetting)
        if case .mixed(let mixture) = learnerSetting {
            return control.simulate(
                source: StrongCollapseSource<LabelledPointsBatch>(mixture: mixture), learner: learner,
                evaluation: evaluation, plan: plan)
        }
        return control.simulate(
            source: LinearRegressionSource<LabelledPointsBatch>(truth: truth.truth), learner: learner,
            evaluation: evaluation, plan: plan)
    }

    /// No closed form is implemented for random features.
    public func theory(_ spec: ExperimentSpec) -> [String: [Double?]] { [:] }
}
