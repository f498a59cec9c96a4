import Families
import Foundation
import ModelCollapse
import Randomness
import Theory

/// `family: categorical` — a categorical distribution refitted on its own samples: Wright–Fisher
/// resampling under maximum likelihood (RESEARCH.md §6), add-k smoothing, Seddik et al. (2024)'s
/// one-context language model.
public struct CategoricalFamily: ExperimentFamily {
    public static let name = "categorical"
    public static let summary = "K categories refitted on their own counts: Wright–Fisher drift, lost categories, Seddik et al. 2024"
    public static let keys: [KeyDocumentation] = [
        KeyDocumentation("truth", default: "{zipf: {categories: 100, exponent: 1.0}}", allowed: "{probabilities: [p1…pK]} | {zipf: {categories: K, exponent: S}} | {counts-file: PATH, as: data-set | distribution}", "the real distribution; a counts file (one count per line, or label,count) is by default the real data set itself"),
    ] + DiscreteSpec.estimatorKeys
    public static let metrics = DiscreteSpec.metricDocumentation
    public static let defaultMetrics = CategoricalMetric.defaults.map(\.rawValue)

    /// How the truth was given (written back into the resolved spec).
    public enum TruthSource: Sendable, Equatable {
        case probabilities
        case zipf(categories: Int, exponent: Double)
        /// A counts file, used as the real data set (`data-set`) or as a distribution.
        case countsFile(path: String, dataSet: Bool)
    }

    public var truthSource: TruthSource
    public var probabilities: [Double]
    /// The counts of a counts file (nil otherwise).
    public var counts: [Int]?
    public var estimator: CategoricalEstimator

    public static func parse(_ reader: SpecReader) throws -> CategoricalFamily {
        var truthSource = TruthSource.zipf(categories: 100, exponent: 1)
        var probabilities = Zipf.probabilities(count: 100, exponent: 1)
        var counts: [Int]?
        if let value = reader.value("truth") {
            let truth = try SpecReader(value, path: "truth")
            let given = ["probabilities", "zipf", "counts-file"].filter { truth.has($0) }
            guard given.count == 1 else {
                if given.isEmpty {
                    truth.declare(["probabilities", "zipf", "counts-file", "as"])
                    try truth.finish()
                    throw SpecError(path: "truth", message: "give the truth as probabilities, zipf or counts-file")
                }
                throw SpecError(path: "truth", message: "give only one of \(given.joined(separator: ", "))")
            }
            if let list = truth.value("probabilities") {
                probabilities = try DiscreteSpec.probabilities(list, path: truth.keyPath("probabilities"))
                truthSource = .probabilities
            } else if let zipfValue = truth.value("zipf") {
                let zipf = try SpecReader(zipfValue, path: truth.keyPath("zipf"))
                let k = try zipf.int("categories", default: 100, range: 1...10_000_000)
                let s = try zipf.double("exponent", default: 1, range: 0...100, rangeDescription: "a number in [0, 100]")
                try zipf.finish()
                probabilities = Zipf.probabilities(count: k, exponent: s)
                truthSource = .zipf(categories: k, exponent: s)
            } else if let fileValue = truth.value("counts-file") {
                let key = truth.keyPath("counts-file")
                let path = try SpecReader.string(fileValue, path: key)
                let use = try truth.string("as", default: "data-set", allowed: ["data-set", "distribution"])
                let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
                let file = try CountsFile.read(absolute, key: key)
                let total = Double(file.counts.reduce(0, +))
                counts = file.counts
                probabilities = file.counts.map { Double($0) / total }
                truthSource = .countsFile(path: absolute, dataSet: use == "data-set")
            }
            if !truthSource.isCountsFile, truth.has("as") {
                _ = truth.value("as")
                throw SpecError(path: truth.keyPath("as"), message: "as applies to a counts-file truth only")
            }
            try truth.finish()
        }
        let estimator = try DiscreteSpec.parseEstimator(reader)
        return CategoricalFamily(truthSource: truthSource, probabilities: probabilities, counts: counts, estimator: estimator)
    }

    public var resolvedKeys: [(key: String, value: SpecValue)] {
        let truth: SpecValue
        switch truthSource {
        case .probabilities:
            truth = .mapping([("probabilities", DiscreteSpec.list(probabilities))])
        case .zipf(let k, let s):
            truth = .mapping([("zipf", .mapping([("categories", .scalar(String(k))), ("exponent", .scalar(SpecReader.format(s)))]))])
        case .countsFile(let path, let dataSet):
            truth = .mapping([("counts-file", .scalar(path)), ("as", .scalar(dataSet ? "data-set" : "distribution"))])
        }
        return [("truth", truth)] + DiscreteSpec.resolvedEstimator(estimator)
    }

    public var supportsIncrementalUpdate: Bool { true }

    /// Count vectors subsample exactly (multivariate hypergeometric): every regime runs on both paths.
    public func statisticsPathAllowed(regime: Regime) -> Bool { true }

    public func validate(_ spec: ExperimentSpec) throws {}

    /// The real data set, when the truth is a counts file used as one.
    var dataSet: [Int]? {
        if case .countsFile(_, true) = truthSource { return counts }
        return nil
    }

    public func run(_ spec: ExperimentSpec, control: RunControl) -> SimulationResult {
        let sampling = DiscreteSpec.sampling(spec)
        let truth = CategoricalModel(probabilities: probabilities)
        let source = CategoricalSource(truth: truth, kind: dataSet.map { .dataSet($0) } ?? .distribution, sampling: sampling)
        let learner = CategoricalLearner(categoryCount: probabilities.count, estimator: estimator, sampling: sampling)
        let evaluation = CategoricalEvaluation(
            truth: DiscreteTruth(probabilities: probabilities), metrics: spec.metrics.map { CategoricalMetric(rawValue: $0)! })
        return control.simulate(source: source, learner: learner, evaluation: evaluation, plan: spec.plan(threads: control.threads))
    }

    /// Collision, first-fit distance and tail mass under counting with `replace` or Seddik's
    /// `{synthetic: replace, real: keep}` (``CategoricalChainTheory``).
    public func theory(_ spec: ExperimentSpec) -> [String: [Double?]] {
        guard let realPart = DiscreteSpec.chainRealPart(spec, estimator: estimator) else { return [:] }
        let sizes = spec.schedule.sizes(count: spec.generations)
        let firstFit: CategoricalChainTheory.FirstFit = dataSet.map { .exact($0.reduce(0, +)) } ?? .sample(sizes[0])
        let chain = CategoricalChainTheory(
            truthCollision: probabilities.reduce(0) { $0 + $1 * $1 }, firstFit: firstFit,
            syntheticSizes: Array(sizes.dropFirst()), realPart: realPart)
        var result: [String: [Double?]] = [:]
        for name in spec.metrics {
            switch CategoricalMetric(rawValue: name) {
            case .collision?: result[name] = chain.collisions
            case .firstFitDistance?: result[name] = chain.firstFitDistances
            case .tailMass?: result[name] = [Double?](repeating: CategoricalMetric.tailFraction, count: spec.generations + 1)
            default: break
            }
        }
        return result
    }
}

extension CategoricalFamily.TruthSource {
    var isCountsFile: Bool {
        if case .countsFile = self { return true }
        return false
    }
}
