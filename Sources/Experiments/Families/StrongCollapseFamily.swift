import Families
import ModelCollapse
import Theory

/// `family: strong-collapse` — Dohmatob, Feng, Subramonian & Kempe, "Strong Model Collapse" (ICLR
/// 2025): a fixed fraction p of every training set has labels from another linear model w₂.
///
/// Mapping onto the engine: each fit trains on a fresh mixed set of n(t − 1) points (the family's
/// own training-set composition, ``MixedLabels``), so the generation axis is the sample-size axis:
/// `samples: {schedule: geometric, initial: 200, ratio: 2}` traces the error against n in one run.
/// The regime is therefore `replace` and the update `refit` (anything else is a spec error).
public struct StrongCollapseFamily: ExperimentFamily {
    public static let name = "strong-collapse"
    public static let summary = "OLS/ridge on training sets with a fixed fraction p of labels from w₂ ≠ w* (Dohmatob et al., ICLR 2025)"
    public static let keys: [KeyDocumentation] = RegressionSpec.truthKeys + RegressionSpec.mixtureKeys + [
        KeyDocumentation("ridge", default: "0.0", allowed: "number ≥ 0", "λ of ridge regression; 0 is least squares (minimum-norm when singular)"),
    ]
    public static let metrics: [(name: String, summary: String)] = RegressionSpec.metricSummaries
    public static let defaultMetrics = RegressionMetric.defaults.map(\.rawValue)

    public var truth: RegressionSpec.Truth
    public var syntheticFraction: Double
    public var syntheticModel: RegressionSpec.SyntheticModel
    public var ridge: Double

    public static func parse(_ reader: SpecReader) throws -> StrongCollapseFamily {
        let truth = try RegressionSpec.parseTruth(reader)
        let p = try reader.double("synthetic-fraction", default: 0.2, range: 0...1)
        let model = try RegressionSpec.parseSyntheticModel(reader, dimension: truth.truth.dimension)
        let ridge = try reader.double("ridge", default: 0, range: 0...1e300, rangeDescription: "a number ≥ 0")
        return StrongCollapseFamily(truth: truth, syntheticFraction: p, syntheticModel: model, ridge: ridge)
    }

    public var resolvedKeys: [(key: String, value: SpecValue)] {
        truth.resolvedKeys + [
            ("synthetic-fraction", .scalar(SpecReader.format(syntheticFraction))),
            ("synthetic-model", RegressionSpec.resolved(syntheticModel)),
            ("ridge", .scalar(SpecReader.format(ridge))),
        ]
    }

    public var supportsIncrementalUpdate: Bool { false }

    public func statisticsPathAllowed(regime: Regime) -> Bool { regime == .replace }

    public func validate(_ spec: ExperimentSpec) throws {
        if spec.regime != .replace {
            throw SpecError(path: "regime", message: "strong-collapse draws a fresh mixed training set for every fit (the fraction p is its synthetic part); use regime: replace and vary samples or synthetic-fraction")
        }
    }

    /// The mixture of a run (w₂ resolved with the run's seed).
    public func mixture(seed: UInt64) -> MixedLabels {
        MixedLabels(
            truth: truth.truth,
            syntheticWeights: RegressionSpec.syntheticWeights(syntheticModel, truth: truth.truth, seed: seed),
            syntheticFraction: syntheticFraction)
    }

    public func run(_ spec: ExperimentSpec, control: RunControl) -> SimulationResult {
        let plan = spec.plan(threads: control.threads)
        let mixture = mixture(seed: spec.seed)
        let evaluation = LinearRegressionEvaluation(truth: truth.truth, metrics: spec.metrics.map { RegressionMetric(rawValue: $0)! })
        switch spec.resolvedPath {
        case .statistics:
            return control.simulate(
                source: StrongCollapseSource<RegressionStatisticsBatch>(mixture: mixture),
                learner: StrongCollapseLearner<RegressionStatisticsBatch>(mixture: mixture, ridge: ridge),
                evaluation: evaluation, plan: plan)
        default:
            return control.simulate(
                source: StrongCollapseSource<RegressionSampleBatch>(mixture: mixture),
                learner: StrongCollapseLearner<RegressionSampleBatch>(mixture: mixture, ridge: ridge),
                evaluation: evaluation, plan: plan)
        }
    }

    /// RESEARCH.md §4 at every generation t, with n = n(t − 1): isotropic Σ, least squares, d < n.
    /// The formula is asymptotic (d, n → ∞ at fixed d/n); at d ≥ 100 it is within about 1%.
    public func theory(_ spec: ExperimentSpec) -> [String: [Double?]] {
        let t = truth.truth
        guard ridge == 0, t.spectrum.allSatisfy({ $0 == 1 }) else { return [:] }
        let c2 = mixture(seed: spec.seed).shiftSquared
        let sizes = spec.schedule.sizes(count: spec.generations)
        let excess: [Double?] = [0] + sizes.map {
            RegressionTheory.mixedLabelExcessRisk(dimension: t.dimension, sampleSize: $0, syntheticFraction: syntheticFraction, shiftSquared: c2, noise: t.noise)
        }
        var result: [String: [Double?]] = [:]
        for name in spec.metrics {
            switch RegressionMetric(rawValue: name)! {
            case .excessRisk, .parameterError: result[name] = excess
            case .testError: result[name] = excess.map { $0.map { t.noise * t.noise + $0 } }
            default: break
            }
        }
        return result
    }
}
