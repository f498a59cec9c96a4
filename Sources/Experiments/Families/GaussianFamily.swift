import Families
import LinearAlgebra
import ModelCollapse
import Theory

/// `family: gaussian` — Shumailov et al. (2024)'s Gaussian model collapse, 1-D and d-dimensional.
public struct GaussianFamily: ExperimentFamily {
    public static let name = "gaussian"
    public static let summary = "N(μ, Σ) refitted on its own samples (Shumailov et al. 2024; Xu, He & Cheng 2025)"
    public static let keys: [KeyDocumentation] = [
        KeyDocumentation("dimension", default: "1", allowed: "integer in [1, 64]", "d; taken from truth when it gives vectors"),
        KeyDocumentation("truth", default: "{mean: 0.0, variance: 1.0}", allowed: "{mean: M | [m1…md], variance: V} or {mean: …, covariance: [[…]…]}", "the real distribution (a covariance must be symmetric positive definite)"),
        KeyDocumentation("estimator", default: "mle", allowed: "mle | unbiased", "variance divisor n (MLE) or n − 1 (unbiased)"),
        KeyDocumentation("fit", default: "mean-and-variance", allowed: "mean-and-variance | mean-only", "mean-only keeps the truth's covariance"),
        KeyDocumentation("collapse-threshold", default: "0.001", allowed: "number in (0, 1)", "`collapsed` turns 1 when the variance (d > 1: smallest eigenvalue) falls below this times the truth's"),
    ]
    public static let metrics: [(name: String, summary: String)] = [
        ("variance", "σ² (d > 1: tr Σ)"),
        ("log-variance", "ln σ² (d > 1: ln det Σ); −inf once degenerate"),
        ("std", "σ (d > 1: √(tr Σ / d))"),
        ("mean", "μ (d > 1: the average coordinate of μ)"),
        ("mean-error", "‖μ − μ*‖²"),
        ("w2-squared", "W₂²(model, truth)"),
        ("kl", "KL(truth ‖ model), nats; inf once degenerate"),
        ("tail-mass", "model mass outside the truth's central 99.7% interval (d > 1: average over coordinates)"),
        ("collapsed", "1 from the generation the variance fell below collapse-threshold × the truth's"),
    ]
    public static let defaultMetrics = GaussianMetric.defaults.map(\.rawValue)

    public var dimension: Int
    public var mean: [Double]
    public var covariance: Matrix
    public var estimator: GaussianEstimator
    public var fitMode: GaussianFitMode
    public var collapseThreshold: Double

    public static func parse(_ reader: SpecReader) throws -> GaussianFamily {
        var dimension = try reader.int("dimension", default: 1, range: 1...64)
        let dimensionGiven = reader.has("dimension")
        var mean = [Double](repeating: 0, count: dimension)
        var covariance = Matrix.identity(dimension)
        if let truthValue = reader.value("truth") {
            let truth = try SpecReader(truthValue, path: "truth")
            // The dimension follows vectors given in the truth when `dimension` is absent.
            if case .list(let items)? = truth.entries.first(where: { $0.key == "mean" })?.value, !dimensionGiven {
                dimension = items.count
            } else if case .list(let rows)? = truth.entries.first(where: { $0.key == "covariance" })?.value, !dimensionGiven {
                dimension = rows.count
            }
            mean = try parseMean(truth.value("mean"), path: truth.keyPath("mean"), dimension: dimension)
            let variance = truth.value("variance")
            let covarianceValue = truth.value("covariance")
            switch (variance, covarianceValue) {
            case (.some, .some):
                throw SpecError(path: truth.keyPath("covariance"), message: "give either variance or covariance, not both")
            case (let v?, nil):
                let sigma2 = try SpecReader.double(v, path: truth.keyPath("variance"), range: 1e-300...1e300, rangeDescription: "a number > 0")
                covariance = Matrix.identity(dimension) * sigma2
            case (nil, let c?):
                covariance = try parseCovariance(c, path: truth.keyPath("covariance"), dimension: dimension)
            case (nil, nil):
                covariance = Matrix.identity(dimension)
            }
            try truth.finish()
        }
        let estimator = GaussianEstimator(rawValue: try reader.string("estimator", default: "mle", allowed: GaussianEstimator.allCases.map(\.rawValue)))!
        let fitMode = GaussianFitMode(rawValue: try reader.string("fit", default: "mean-and-variance", allowed: GaussianFitMode.allCases.map(\.rawValue)))!
        let threshold = try reader.double("collapse-threshold", default: 1e-3, range: 1e-300...(1.0).nextDown, rangeDescription: "a number in (0, 1)")
        return GaussianFamily(
            dimension: dimension, mean: mean, covariance: covariance, estimator: estimator,
            fitMode: fitMode, collapseThreshold: threshold)
    }

    static func parseMean(_ value: SpecValue?, path: String, dimension: Int) throws -> [Double] {
        guard let value else { return [Double](repeating: 0, count: dimension) }
        if case .list(let items) = value {
            guard items.count == dimension else {
                throw SpecError(path: path, message: "has \(items.count) coordinates but dimension is \(dimension)")
            }
            return try items.enumerated().map { try SpecReader.double($1, path: "\(path)[\($0)]") }
        }
        let m = try SpecReader.double(value, path: path)
        return [Double](repeating: m, count: dimension)
    }

    static func parseCovariance(_ value: SpecValue, path: String, dimension: Int) throws -> Matrix {
        guard case .list(let rows) = value, rows.count == dimension else {
            throw SpecError.wrongType(path, given: value, expected: "a list of \(dimension) rows of \(dimension) numbers")
        }
        var elements: [Double] = []
        for (i, row) in rows.enumerated() {
            guard case .list(let entries) = row, entries.count == dimension else {
                throw SpecError.wrongType("\(path)[\(i)]", given: row, expected: "a row of \(dimension) numbers")
            }
            for (j, entry) in entries.enumerated() {
                elements.append(try SpecReader.double(entry, path: "\(path)[\(i)][\(j)]"))
            }
        }
        let matrix = Matrix(rows: dimension, columns: dimension, elements: elements)
        guard matrix.isSymmetric(tolerance: 1e-12) else {
            throw SpecError(path: path, message: "the covariance must be symmetric")
        }
        guard matrix.cholesky() != nil else {
            throw SpecError(path: path, message: "the covariance must be positive definite")
        }
        return matrix
    }

    public var resolvedKeys: [(key: String, value: SpecValue)] {
        let truth: SpecValue
        if dimension == 1 {
            truth = .mapping([("mean", .scalar(SpecReader.format(mean[0]))), ("variance", .scalar(SpecReader.format(covariance[0, 0])))])
        } else {
            let rows: [SpecValue] = (0..<dimension).map { i in
                .list((0..<dimension).map { j in .scalar(SpecReader.format(covariance[i, j])) })
            }
            truth = .mapping([("mean", .list(mean.map { .scalar(SpecReader.format($0)) })), ("covariance", .list(rows))])
        }
        return [
            ("dimension", .scalar(String(dimension))),
            ("truth", truth),
            ("estimator", .scalar(estimator.rawValue)),
            ("fit", .scalar(fitMode.rawValue)),
            ("collapse-threshold", .scalar(SpecReader.format(collapseThreshold))),
        ]
    }

    public var supportsIncrementalUpdate: Bool { true }

    public func statisticsPathAllowed(regime: Regime) -> Bool {
        !regime.needsSubsampling(realSourceCanDrawFresh: true)
    }

    public func validate(_ spec: ExperimentSpec) throws {
        if estimator == .unbiased {
            let sizes = spec.schedule.sizes(count: spec.generations)
            if let index = sizes.firstIndex(where: { $0 < 2 }) {
                throw SpecError(path: "samples", message: "estimator unbiased divides by n − 1 and needs n ≥ 2, but n(\(index)) = \(sizes[index]); use estimator: mle or larger samples")
            }
            if case .accumulateSubsample(let size) = spec.regime.synthetic, size < 2 {
                throw SpecError(path: "regime.synthetic.accumulate-subsample", message: "estimator unbiased needs at least 2 points, got \(size)")
            }
        }
    }

    public func run(_ spec: ExperimentSpec, control: RunControl) -> SimulationResult {
        let plan = spec.plan(threads: control.threads)
        let metrics = spec.metrics.map { GaussianMetric(rawValue: $0)! }
        if dimension == 1 {
            let truth = UnivariateGaussianModel(mean: mean[0], variance: covariance[0, 0])
            let evaluation = UnivariateGaussianEvaluation(truth: truth, metrics: metrics, collapseThreshold: collapseThreshold)
            switch spec.resolvedPath {
            case .statistics:
                return control.simulate(
                    source: UnivariateGaussianSource<UnivariateStatisticsBatch>(mean: truth.mean, variance: truth.variance),
                    learner: UnivariateGaussianLearner<UnivariateStatisticsBatch>(estimator: estimator, fitMode: fitMode, knownVariance: truth.variance),
                    evaluation: evaluation, plan: plan)
            default:
                return control.simulate(
                    source: UnivariateGaussianSource<UnivariateSampleBatch>(mean: truth.mean, variance: truth.variance),
                    learner: UnivariateGaussianLearner<UnivariateSampleBatch>(estimator: estimator, fitMode: fitMode, knownVariance: truth.variance),
                    evaluation: evaluation, plan: plan)
            }
        }
        let truth = MultivariateGaussianModel(mean: mean, covariance: covariance)
        let evaluation = MultivariateGaussianEvaluation(truth: truth, metrics: metrics, collapseThreshold: collapseThreshold)
        switch spec.resolvedPath {
        case .statistics:
            return control.simulate(
                source: MultivariateGaussianSource<MultivariateStatisticsBatch>(truth: truth),
                learner: MultivariateGaussianLearner<MultivariateStatisticsBatch>(dimension: dimension, estimator: estimator, fitMode: fitMode, knownCovariance: covariance),
                evaluation: evaluation, plan: plan)
        default:
            return control.simulate(
                source: MultivariateGaussianSource<MultivariateSampleBatch>(truth: truth),
                learner: MultivariateGaussianLearner<MultivariateSampleBatch>(dimension: dimension, estimator: estimator, fitMode: fitMode, knownCovariance: covariance),
                evaluation: evaluation, plan: plan)
        }
    }

    public func theory(_ spec: ExperimentSpec) -> [String: [Double?]] {
        guard spec.theoryApplies else { return [:] }
        let logDeterminant = covariance.cholesky()?.logDeterminant ?? -.infinity
        let theory = GaussianTheory(
            dimension: dimension, estimator: estimator, fitMode: fitMode,
            truthMean: mean.reduce(0, +) / Double(dimension), truthTrace: covariance.trace,
            truthLogDeterminant: logDeterminant, sizes: spec.schedule.sizes(count: spec.generations))
        var result: [String: [Double?]] = [:]
        for name in spec.metrics {
            guard let metric = GaussianMetric(rawValue: name) else { continue }
            let values = theory.expectations(of: metric)
            if values.contains(where: { $0 != nil }) { result[name] = values }
        }
        return result
    }
}
