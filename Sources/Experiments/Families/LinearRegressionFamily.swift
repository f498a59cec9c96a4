import Families
import Foundation
import LinearAlgebra
import ModelCollapse
import Randomness
import Theory

/// `family: linear-regression` — least squares / ridge refitted on its own labels (Gerstgrasser et
/// al. 2024; Dohmatob, Feng & Kempe 2024), replace vs accumulate, fixed or fresh design.
public struct LinearRegressionFamily: ExperimentFamily {
    public static let name = "linear-regression"
    public static let summary = "y = x·w + ε refitted by OLS/ridge on its own labels (Gerstgrasser et al. 2024; Dohmatob et al. 2024)"
    public static let keys: [KeyDocumentation] = RegressionSpec.truthKeys + [
        KeyDocumentation("ridge", default: "0.0", allowed: "number ≥ 0", "λ of ridge regression (penalty λ‖w‖²); 0 is least squares (minimum-norm when singular)"),
        KeyDocumentation("design", default: "fixed", allowed: "fixed | fresh", "synthetic labels on the real inputs (fixed, needs a constant samples) or on new inputs x ~ N(0, Σ)"),
        KeyDocumentation("synthetic-noise", default: "truth.noise", allowed: "number ≥ 0", "σ of the noise added to synthetic labels"),
    ]
    public static let metrics: [(name: String, summary: String)] = RegressionSpec.metricSummaries
    public static let defaultMetrics = RegressionMetric.defaults.map(\.rawValue)

    public var truth: RegressionSpec.Truth
    public var ridge: Double
    public var design: DesignMode
    public var syntheticNoise: Double

    public static func parse(_ reader: SpecReader) throws -> LinearRegressionFamily {
        let truth = try RegressionSpec.parseTruth(reader)
        let ridge = try reader.double("ridge", default: 0, range: 0...1e300, rangeDescription: "a number ≥ 0")
        let design = DesignMode(rawValue: try reader.string("design", default: "fixed", allowed: DesignMode.allCases.map(\.rawValue)))!
        let syntheticNoise = try reader.double("synthetic-noise", default: truth.truth.noise, range: 0...1e150, rangeDescription: "a number ≥ 0")
        return LinearRegressionFamily(truth: truth, ridge: ridge, design: design, syntheticNoise: syntheticNoise)
    }

    public var resolvedKeys: [(key: String, value: SpecValue)] {
        truth.resolvedKeys + [
            ("ridge", .scalar(SpecReader.format(ridge))),
            ("design", .scalar(design.rawValue)),
            ("synthetic-noise", .scalar(SpecReader.format(syntheticNoise))),
        ]
    }

    public var supportsIncrementalUpdate: Bool { true }

    public func statisticsPathAllowed(regime: Regime) -> Bool {
        !regime.needsSubsampling(realSourceCanDrawFresh: true)
    }

    public func validate(_ spec: ExperimentSpec) throws {
        try RegressionSpec.validateMetrics(spec.metrics, linearPredictor: true)
        if design == .fixed {
            try RegressionSpec.requireConstantSchedule(spec, reason: "design: fixed reuses the real sample's inputs for every synthetic batch")
        }
    }

    public func run(_ spec: ExperimentSpec, control: RunControl) -> SimulationResult {
        let plan = spec.plan(threads: control.threads)
        let evaluation = LinearRegressionEvaluation(truth: truth.truth, metrics: spec.metrics.map { RegressionMetric(rawValue: $0)! })
        switch spec.resolvedPath {
        case .statistics:
            return control.simulate(
                source: LinearRegressionSource<RegressionStatisticsBatch>(truth: truth.truth),
                learner: LinearRegressionLearner<RegressionStatisticsBatch>(truth: truth.truth, ridge: ridge, syntheticNoise: syntheticNoise, design: design),
                evaluation: evaluation, plan: plan)
        default:
            return control.simulate(
                source: LinearRegressionSource<RegressionSampleBatch>(truth: truth.truth),
                learner: LinearRegressionLearner<RegressionSampleBatch>(truth: truth.truth, ridge: ridge, syntheticNoise: syntheticNoise, design: design),
                evaluation: evaluation, plan: plan)
        }
    }

    /// RESEARCH.md §3 (``RegressionTheory``): OLS (ridge 0), refit, no real-weight; replace with any
    /// design, or accumulate ({synthetic: accumulate, real: keep}) on the fixed design.
    public func theory(_ spec: ExperimentSpec) -> [String: [Double?]] {
        guard ridge == 0, spec.update == .refit, spec.regime.realWeight == nil else { return [:] }
        let d = truth.truth.dimension
        let sizes = spec.schedule.sizes(count: spec.generations)
        let sigma = truth.truth.noise
        let excess: [Double?]
        var train: [Double?]? = nil
        if spec.regime == .replace {
            excess = RegressionTheory.replaceExcessRisk(dimension: d, sizes: sizes, noise: sigma, syntheticNoise: syntheticNoise)
            train = RegressionTheory.replaceTrainError(dimension: d, sizes: sizes, noise: sigma, syntheticNoise: syntheticNoise)
        } else if spec.regime == .accumulate, design == .fixed, let n = sizes.first {
            excess = RegressionTheory.accumulateExcessRisk(dimension: d, sampleSize: n, generations: spec.generations, noise: sigma, syntheticNoise: syntheticNoise)
        } else {
            return [:]
        }
        // Euclidean ‖ŵ − w*‖²: each term's d becomes tr Σ⁻¹.
        let inverseTrace = truth.truth.spectrum.reduce(0) { $0 + 1 / $1 }
        var result: [String: [Double?]] = [:]
        for name in spec.metrics {
            switch RegressionMetric(rawValue: name)! {
            case .excessRisk: result[name] = excess
            case .testError: result[name] = excess.map { $0.map { sigma * sigma + $0 } }
            case .parameterError: result[name] = excess.map { $0.map { $0 * inverseTrace / Double(d) } }
            case .trainError: if let train { result[name] = train }
            case .weightNorm, .rankDeficient: break
            }
        }
        return result
    }
}

/// Keys, parsing and checks shared by the three regression families.
public enum RegressionSpec {
    /// The truth as given in the spec, with the form of its weights kept for the resolved spec.
    public struct Truth: Sendable {
        public var truth: RegressionTruth
        /// `unit`, a number, or the list as given.
        public var weightsValue: SpecValue
        /// `isotropic` or `{power-law: α}`.
        public var spectrumValue: SpecValue

        var resolvedKeys: [(key: String, value: SpecValue)] {
            [
                ("dimension", .scalar(String(truth.dimension))),
                ("truth", .mapping([
                    ("weights", weightsValue), ("noise", .scalar(SpecReader.format(truth.noise))),
                    ("spectrum", spectrumValue),
                ])),
            ]
        }
    }

    static let truthKeys: [KeyDocumentation] = [
        KeyDocumentation("dimension", default: "10", allowed: "integer in [1, 4096]", "d, the input dimension; taken from truth.weights when that is a list"),
        KeyDocumentation("truth", default: "{weights: unit, noise: 1.0, spectrum: isotropic}", allowed: "{weights: unit | W | [w1…wd], noise: σ ≥ 0, spectrum: isotropic | {power-law: α}}", "w* (unit: every wⱼ = 1/√d, so ‖w*‖ = 1), the label noise σ, and Σ = diag(λ) with λⱼ = 1 or j^(−α)"),
    ]

    static let metricSummaries: [(name: String, summary: String)] = [
        ("test-error", "E(y − ŷ)² on fresh real data: σ² + ‖ŵ − w*‖²_Σ (exact)"),
        ("excess-risk", "‖ŵ − w*‖²_Σ, the test error above σ² (isotropic: ‖ŵ − w*‖²)"),
        ("parameter-error", "‖ŵ − w*‖²"),
        ("weight-norm", "‖ŵ‖"),
        ("train-error", "the weighted mean squared residual on the training set"),
        ("rank-deficient", "1 when least squares met a singular design and took the minimum-norm solution"),
    ]

    static func parseTruth(_ reader: SpecReader) throws -> Truth {
        var dimension = try reader.int("dimension", default: 10, range: 1...4096)
        let dimensionGiven = reader.has("dimension")
        var weightsValue: SpecValue = .scalar("unit")
        var spectrumValue: SpecValue = .scalar("isotropic")
        var noise = 1.0
        var weights: [Double]? = nil
        var spectrumExponent: Double? = nil
        if let truthValue = reader.value("truth") {
            let truth = try SpecReader(truthValue, path: "truth")
            if let value = truth.value("weights") {
                let path = truth.keyPath("weights")
                switch value {
                case .list(let items):
                    if dimensionGiven, items.count != dimension {
                        throw SpecError(path: path, message: "has \(items.count) coordinates but dimension is \(dimension)")
                    }
                    guard !items.isEmpty, items.count <= 4096 else {
                        throw SpecError(path: path, message: "needs 1 to 4096 coordinates")
                    }
                    dimension = items.count
                    weights = try items.enumerated().map { try SpecReader.double($1, path: "\(path)[\($0)]") }
                    weightsValue = .list(weights!.map { .scalar(SpecReader.format($0)) })
                case .scalar("unit"):
                    break
                default:
                    let w = try SpecReader.double(value, path: path, rangeDescription: "unit, a number or a list of d numbers")
                    weights = [Double](repeating: w, count: dimension)
                    weightsValue = .scalar(SpecReader.format(w))
                }
            }
            noise = try truth.double("noise", default: 1, range: 0...1e150, rangeDescription: "a number ≥ 0")
            if let value = truth.value("spectrum") {
                let path = truth.keyPath("spectrum")
                switch value {
                case .scalar("isotropic"): break
                case .mapping:
                    let spectrum = try SpecReader(value, path: path)
                    guard spectrum.has("power-law") else {
                        throw SpecError(path: path, message: "expected isotropic or {power-law: α}")
                    }
                    let alpha = try spectrum.double("power-law", default: 1, range: 0...10, rangeDescription: "a number in [0, 10]")
                    try spectrum.finish()
                    spectrumExponent = alpha
                    spectrumValue = .mapping([("power-law", .scalar(SpecReader.format(alpha)))])
                default:
                    throw SpecError.wrongType(path, given: value, expected: "isotropic or {power-law: α}")
                }
            }
            try truth.finish()
        }
        let w = weights ?? [Double](repeating: 1 / Double(dimension).squareRoot(), count: dimension)
        let spectrum = spectrumExponent.map { RegressionTruth.powerLawSpectrum(dimension: dimension, exponent: $0) }
            ?? [Double](repeating: 1, count: dimension)
        return Truth(truth: RegressionTruth(weights: w, spectrum: spectrum, noise: noise), weightsValue: weightsValue, spectrumValue: spectrumValue)
    }

    /// `parameter-error` needs a linear predictor (ReLU random features are not one).
    static func validateMetrics(_ metrics: [String], linearPredictor: Bool) throws {
        if !linearPredictor, let index = metrics.firstIndex(of: RegressionMetric.parameterError.rawValue) {
            throw SpecError(path: "metrics[\(index)]", message: "parameter-error is defined for linear predictors only (activation: linear)")
        }
    }

    static func requireConstantSchedule(_ spec: ExperimentSpec, reason: String) throws {
        let sizes = spec.schedule.sizes(count: spec.generations)
        if let first = sizes.first, let index = sizes.firstIndex(where: { $0 != first }) {
            throw SpecError(path: "samples", message: "\(reason), so n(t) must be constant, but n(0) = \(first) and n(\(index)) = \(sizes[index]); use design: fresh or a constant samples")
        }
    }

    /// The mixed-label training sets' w₂ (`synthetic-model`): {shift: c} (w₂ = w₁ + c·u, u = (1, −1, 1, …)/√d),
    /// {weights: [..]} or {fit-on: N} (least squares on N real points drawn once per run).
    public enum SyntheticModel: Sendable, Equatable {
        case shift(Double)
        case weights([Double])
        case fitOn(Int)
    }

    static let mixtureKeys: [KeyDocumentation] = [
        KeyDocumentation("synthetic-fraction", default: "0.2", allowed: "number in [0, 1]", "p: the fraction of every training set labelled by w₂"),
        KeyDocumentation("synthetic-model", default: "{shift: 1.0}", allowed: "{shift: c} | {weights: [w1…wd]} | {fit-on: N}", "w₂: w* + c·(1, −1, 1, …)/√d (so ‖w₂ − w*‖ = c), given weights, or least squares on N real points drawn once per run"),
    ]

    static func parseSyntheticModel(_ reader: SpecReader, dimension: Int) throws -> SyntheticModel {
        guard let value = reader.value("synthetic-model") else { return .shift(1) }
        let model = try SpecReader(value, path: "synthetic-model")
        let given = ["shift", "weights", "fit-on"].filter { model.has($0) }
        guard given.count == 1 else {
            throw SpecError(path: "synthetic-model", message: "give exactly one of shift, weights, fit-on")
        }
        let result: SyntheticModel
        switch given[0] {
        case "shift":
            result = .shift(try model.double("shift", default: 1, range: 0...1e150, rangeDescription: "a number ≥ 0"))
        case "weights":
            let path = model.keyPath("weights")
            guard case .list(let items)? = model.value("weights"), items.count == dimension else {
                throw SpecError(path: path, message: "expected a list of \(dimension) numbers (dimension d)")
            }
            result = .weights(try items.enumerated().map { try SpecReader.double($1, path: "\(path)[\($0)]") })
        default:
            result = .fitOn(try model.int("fit-on", default: 100, range: 1...10_000_000))
        }
        try model.finish()
        return result
    }

    static func resolved(_ model: SyntheticModel) -> SpecValue {
        switch model {
        case .shift(let c): return .mapping([("shift", .scalar(SpecReader.format(c)))])
        case .weights(let w): return .mapping([("weights", .list(w.map { .scalar(SpecReader.format($0)) }))])
        case .fitOn(let n): return .mapping([("fit-on", .scalar(String(n)))])
        }
    }

    /// Stream path of the draws made once per run (w₂ fitted on N points, random features, test samples),
    /// apart from every replicate's stream.
    static let runStream: UInt64 = 0x5245_4752  // "REGR"

    /// w₂ for a run with master seed `seed`.
    static func syntheticWeights(_ model: SyntheticModel, truth: RegressionTruth, seed: UInt64) -> [Double] {
        let d = truth.dimension
        switch model {
        case .shift(let c):
            let scale = c / Double(d).squareRoot()
            return (0..<d).map { truth.weights[$0] + ($0 % 2 == 0 ? scale : -scale) }
        case .weights(let w):
            return w
        case .fitOn(let n):
            var generator = RandomStream.generator(seed: seed, path: [runStream, 2])
            var batch = RegressionSampleBatch()
            batch.drawLinear(weights: truth.weights, noise: truth.noise, design: .fresh(truth), count: n, retainDesign: false, using: &generator)
            let s = batch.statistics
            return s.gram.normalEquationsSolution(s.moment, rows: n) ?? s.gram.gramPseudoInverseSolution(s.moment)
        }
    }
}
