import Families
import Foundation
import ModelCollapse

/// `family: gmm` — a Gaussian mixture refitted by EM on its own samples: the GMM experiment of
/// Shumailov et al. (2024, Nature), 1-D and d-dimensional.
public struct GaussianMixtureFamily: ExperimentFamily {
    public static let name = "gmm"
    public static let summary = "Gaussian mixture refitted by EM with k-means++ seeding on its own samples (Shumailov et al. 2024)"
    public static let keys: [KeyDocumentation] = [
        KeyDocumentation("truth", default: "{weights: [0.5, 0.5], means: [-2.0, 2.0], variances: [1.0, 1.0]}", allowed: "{weights: [π…] (> 0, sum 1), means: [μ…] or [[μ₁…μd]…], variances: [σ²…] (σ²·I in d > 1) or covariances: [[[…]…]…] (symmetric positive definite)}", "the true mixture; its means set the dimension d ≤ 64"),
        KeyDocumentation("components", default: "the truth's component count", allowed: "integer in [1, 64]", "K, the components EM fits (every n(t) must be ≥ K)"),
        KeyDocumentation("tolerance", default: "1e-06", allowed: "number in [0, 1]", "EM stops when the mean log-likelihood changes by at most this (0: always max-iterations)"),
        KeyDocumentation("max-iterations", default: "200", allowed: "integer in [1, 100000]", "cap on EM iterations per fit"),
        KeyDocumentation("covariance-floor", default: "1e-06", allowed: "number in (0, 1]", "λ added to every fitted covariance, relative to the training set's mean per-coordinate variance; a component whose own covariance is singular to within λ collapses"),
        KeyDocumentation("w1-samples", default: "1000", allowed: "integer in [2, 10000000]", "model draws per w1 estimate"),
        KeyDocumentation("kl-samples", default: "1000", allowed: "integer in [2, 10000000]", "truth draws per replicate for the kl estimate"),
    ]
    public static let metrics: [(name: String, summary: String)] = [
        ("component-variance", "mean over components of tr Σⱼ (σⱼ² in 1-D)"),
        ("mixture-l2", "∫(f − g)², integrated squared error to the truth (closed form)"),
        ("w1", "W₁ to the truth (d > 1: mean of marginal W₁), Monte Carlo from w1-samples model draws"),
        ("kl", "KL(truth ‖ model), Monte Carlo over kl-samples truth draws per replicate"),
        ("kl-se", "the Monte Carlo standard error of one replicate's kl"),
        ("collapsed-components", "components EM dropped in this generation's fit (no mass, or singular covariance)"),
        ("min-weight", "the smallest mixture weight"),
        ("iterations", "EM iterations of this generation's fit"),
    ]
    public static let defaultMetrics = GaussianMixtureMetric.defaults.map(\.rawValue)

    public var truth: GaussianMixture
    public var components: Int
    public var tolerance: Double
    public var maximumIterations: Int
    public var covarianceFloor: Double
    public var w1Samples: Int
    public var klSamples: Int

    public static func parse(_ reader: SpecReader) throws -> GaussianMixtureFamily {
        try rejectStatisticsPath(reader, family: name)
        let truth = try reader.value("truth").map { try parseMixture($0, path: "truth") }
            ?? GaussianMixture(UnivariateGaussianMixture(weights: [0.5, 0.5], means: [-2, 2], standardDeviations: [1, 1]))
        let components = try reader.int("components", default: truth.componentCount, range: 1...64)
        let tolerance = try reader.double("tolerance", default: 1e-6, range: 0...1)
        let iterations = try reader.int("max-iterations", default: 200, range: 1...100_000)
        let floor = try reader.double("covariance-floor", default: 1e-6, range: 1e-300...1, rangeDescription: "a number in (0, 1]")
        let w1Samples = try reader.int("w1-samples", default: 1000, range: 2...10_000_000)
        let klSamples = try reader.int("kl-samples", default: 1000, range: 2...10_000_000)
        return GaussianMixtureFamily(
            truth: truth, components: components, tolerance: tolerance, maximumIterations: iterations,
            covarianceFloor: floor, w1Samples: w1Samples, klSamples: klSamples)
    }

    /// These families draw every point: `path: statistics` is an error naming why.
    static func rejectStatisticsPath(_ reader: SpecReader, family: String) throws {
        if case .scalar("statistics")? = reader.value("path") {
            throw SpecError(path: "path", message: "the \(family) family has no sufficient statistics (its fit needs the individual points); use samples or auto")
        }
    }

    /// `{weights, means, variances | covariances}`: a mixture of dimension 1 (numbers as means) or
    /// d (lists as means).
    static func parseMixture(_ value: SpecValue, path: String) throws -> GaussianMixture {
        let reader = try SpecReader(value, path: path)
        guard let weightsValue = reader.value("weights") else {
            throw SpecError(path: reader.keyPath("weights"), message: "a mixture needs weights: a list of numbers > 0 that sum to 1")
        }
        let weights = try parseWeights(weightsValue, path: reader.keyPath("weights"))
        let k = weights.count
        guard let meansValue = reader.value("means") else {
            throw SpecError(path: reader.keyPath("means"), message: "a mixture needs means: one per weight")
        }
        let meansPath = reader.keyPath("means")
        guard case .list(let meanItems) = meansValue, meanItems.count == k else {
            throw SpecError.wrongType(meansPath, given: meansValue, expected: "a list of \(k) means, one per weight")
        }
        var dimension = 1
        if case .list(let first) = meanItems[0] { dimension = first.count }
        guard (1...64).contains(dimension) else {
            throw SpecError(path: "\(meansPath)[0]", message: "has \(dimension) coordinates; allowed: 1 to 64")
        }
        var means: [Double] = []
        for (j, item) in meanItems.enumerated() {
            if dimension == 1, case .scalar = item {
                means.append(try SpecReader.double(item, path: "\(meansPath)[\(j)]"))
            } else {
                guard case .list(let coordinates) = item, coordinates.count == dimension else {
                    throw SpecError.wrongType("\(meansPath)[\(j)]", given: item, expected: dimension == 1 ? "a number" : "a list of \(dimension) numbers (like means[0])")
                }
                for (c, coordinate) in coordinates.enumerated() {
                    means.append(try SpecReader.double(coordinate, path: "\(meansPath)[\(j)][\(c)]"))
                }
            }
        }
        var covariances: [Double] = []
        switch (reader.value("variances"), reader.value("covariances")) {
        case (.some, .some):
            throw SpecError(path: reader.keyPath("covariances"), message: "give either variances or covariances, not both")
        case (nil, nil):
            throw SpecError(path: reader.keyPath("variances"), message: "a mixture needs variances (one number > 0 per component) or covariances")
        case (let v?, nil):
            let variancesPath = reader.keyPath("variances")
            guard case .list(let items) = v, items.count == k else {
                throw SpecError.wrongType(variancesPath, given: v, expected: "a list of \(k) variances, one per weight")
            }
            for (j, item) in items.enumerated() {
                let variance = try SpecReader.double(item, path: "\(variancesPath)[\(j)]", range: 1e-300...1e300, rangeDescription: "a number > 0")
                for a in 0..<dimension {
                    for b in 0..<dimension { covariances.append(a == b ? variance : 0) }
                }
            }
        case (nil, let c?):
            let covariancesPath = reader.keyPath("covariances")
            guard case .list(let matrices) = c, matrices.count == k else {
                throw SpecError.wrongType(covariancesPath, given: c, expected: "a list of \(k) covariance matrices, one per weight")
            }
            for (j, matrix) in matrices.enumerated() {
                let matrixPath = "\(covariancesPath)[\(j)]"
                guard case .list(let rows) = matrix, rows.count == dimension else {
                    throw SpecError.wrongType(matrixPath, given: matrix, expected: "\(dimension) rows of \(dimension) numbers")
                }
                var block: [Double] = []
                for (a, row) in rows.enumerated() {
                    guard case .list(let entries) = row, entries.count == dimension else {
                        throw SpecError.wrongType("\(matrixPath)[\(a)]", given: row, expected: "a row of \(dimension) numbers")
                    }
                    for (b, entry) in entries.enumerated() {
                        block.append(try SpecReader.double(entry, path: "\(matrixPath)[\(a)][\(b)]"))
                    }
                }
                for a in 0..<dimension {
                    for b in 0..<a where abs(block[a * dimension + b] - block[b * dimension + a]) > 1e-12 * max(1, abs(block[a * dimension + b])) {
                        throw SpecError(path: matrixPath, message: "the covariance must be symmetric")
                    }
                }
                guard GaussianMixture(weights: [1], means: [Double](repeating: 0, count: dimension), covariances: block, dimension: dimension) != nil else {
                    throw SpecError(path: matrixPath, message: "the covariance must be positive definite")
                }
                covariances.append(contentsOf: block)
            }
        }
        try reader.finish()
        guard let mixture = GaussianMixture(weights: weights, means: means, covariances: covariances, dimension: dimension) else {
            throw SpecError(path: path, message: "not a valid mixture")
        }
        return mixture
    }

    /// A non-empty list of numbers in (0, 1] summing to 1 (within 10⁻⁹).
    static func parseWeights(_ value: SpecValue, path: String) throws -> [Double] {
        guard case .list(let items) = value, !items.isEmpty, items.count <= 1_000_000 else {
            throw SpecError.wrongType(path, given: value, expected: "a non-empty list of weights > 0 that sum to 1")
        }
        let weights = try items.enumerated().map {
            try SpecReader.double($1, path: "\(path)[\($0)]", range: 1e-300...1, rangeDescription: "a number in (0, 1]")
        }
        let total = weights.reduce(0, +)
        guard abs(total - 1) <= 1e-9 else {
            throw SpecError(path: path, message: "the weights sum to \(total); they must sum to 1")
        }
        return weights
    }

    static func resolvedMixture(_ mixture: GaussianMixture) -> SpecValue {
        let d = mixture.dimension, k = mixture.componentCount
        func number(_ x: Double) -> SpecValue { .scalar(SpecReader.format(x)) }
        let weights = SpecValue.list(mixture.weights.map(number))
        if d == 1 {
            return .mapping([
                ("weights", weights),
                ("means", .list(mixture.means.map(number))),
                ("variances", .list(mixture.covariances.map(number))),
            ])
        }
        let means = SpecValue.list((0..<k).map { j in .list((0..<d).map { number(mixture.means[j * d + $0]) }) })
        let covariances = SpecValue.list((0..<k).map { j in
            .list((0..<d).map { a in .list((0..<d).map { b in number(mixture.covariances[j * d * d + a * d + b]) }) })
        })
        return .mapping([("weights", weights), ("means", means), ("covariances", covariances)])
    }

    public var resolvedKeys: [(key: String, value: SpecValue)] {
        [
            ("truth", Self.resolvedMixture(truth)),
            ("components", .scalar(String(components))),
            ("tolerance", .scalar(SpecReader.format(tolerance))),
            ("max-iterations", .scalar(String(maximumIterations))),
            ("covariance-floor", .scalar(SpecReader.format(covarianceFloor))),
            ("w1-samples", .scalar(String(w1Samples))),
            ("kl-samples", .scalar(String(klSamples))),
        ]
    }

    public var supportsIncrementalUpdate: Bool { false }

    public func statisticsPathAllowed(regime: Regime) -> Bool { false }

    public func validate(_ spec: ExperimentSpec) throws {
        let sizes = spec.schedule.sizes(count: spec.generations)
        if let index = sizes.firstIndex(where: { $0 < max(2, components) }) {
            throw SpecError(path: "samples", message: "EM with \(components) components needs at least \(max(2, components)) points per generation, but n(\(index)) = \(sizes[index]); use larger samples or fewer components")
        }
        if case .accumulateSubsample(let size) = spec.regime.synthetic, size < max(2, components) {
            throw SpecError(path: "regime.synthetic.accumulate-subsample", message: "EM with \(components) components needs at least \(max(2, components)) points, got \(size)")
        }
    }

    public func run(_ spec: ExperimentSpec, control: RunControl) -> SimulationResult {
        control.simulate(
            source: GaussianMixtureSource(truth: truth),
            learner: GaussianMixtureLearner(
                components: components, tolerance: tolerance, maximumIterations: maximumIterations,
                covarianceFloor: covarianceFloor),
            evaluation: GaussianMixtureEvaluation(
                truth: truth, metrics: spec.metrics.map { GaussianMixtureMetric(rawValue: $0)! },
                w1Samples: w1Samples, klSamples: klSamples),
            plan: spec.plan(threads: control.threads))
    }

    /// No closed forms are known for EM-fitted mixtures under recursion.
    public func theory(_ spec: ExperimentSpec) -> [String: [Double?]] { [:] }
}
