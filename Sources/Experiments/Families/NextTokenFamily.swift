import Families
import ModelCollapse
import Randomness
import Theory

/// `family: next-token` — Seddik et al. (2024)'s statistical language model: C contexts, each a
/// categorical next-token distribution over V tokens, learnt by counting and retrained on its own
/// generations.
public struct NextTokenFamily: ExperimentFamily {
    public static let name = "next-token"
    public static let summary = "C contexts × V tokens counted and regenerated (Seddik et al. 2024)"
    public static let keys: [KeyDocumentation] = [
        KeyDocumentation("truth", default: "{contexts: 10, tokens: 100, zipf: 1.0}", allowed: "{probabilities: [[…V]…C]} | {contexts: C, tokens: V, zipf: S} | {contexts: C, tokens: V, dirichlet: A, seed: N}", "the true next-token distributions, one row per context (zipf: rotated per context; dirichlet: drawn once from the seed)"),
        KeyDocumentation("visits", default: "uniform", allowed: "uniform | [f1…fC] (summing to 1, each > 0) | {zipf: S}", "how often each context is visited"),
        KeyDocumentation("allocation", default: "proportional", allowed: "proportional | multinomial", "how a generation's n samples split across contexts: n·f_c rounded (cumulatively), or Multinomial(n, f)"),
    ] + DiscreteSpec.estimatorKeys
    public static let metrics = DiscreteSpec.metricDocumentation.map { metric in
        (name: metric.name, summary: metric.summary + " (per context, visit-weighted mean)")
    }
    public static let defaultMetrics = CategoricalMetric.defaults.map(\.rawValue)

    public enum TruthSource: Sendable, Equatable {
        case probabilities
        case zipf(Double)
        case dirichlet(concentration: Double, seed: UInt64)
    }

    public enum VisitsSource: Sendable, Equatable {
        case uniform
        case list
        case zipf(Double)
    }

    public var contexts: Int
    public var tokens: Int
    public var truthSource: TruthSource
    /// C·V probabilities, row-major.
    public var probabilities: [Double]
    public var visitsSource: VisitsSource
    public var visits: [Double]
    public var allocation: ContextAllocation
    public var estimator: CategoricalEstimator

    public static func parse(_ reader: SpecReader) throws -> NextTokenFamily {
        var contexts = 10, tokens = 100
        var truthSource = TruthSource.zipf(1)
        var probabilities: [Double]?
        if let value = reader.value("truth") {
            let truth = try SpecReader(value, path: "truth")
            if let matrix = truth.value("probabilities") {
                let path = truth.keyPath("probabilities")
                guard case .list(let rows) = matrix, !rows.isEmpty else {
                    throw SpecError.wrongType(path, given: matrix, expected: "a non-empty list of rows, one per context, each a list of V probabilities summing to 1")
                }
                var flat: [Double] = []
                for (c, row) in rows.enumerated() {
                    let values = try DiscreteSpec.probabilities(row, path: "\(path)[\(c)]")
                    if c > 0, values.count != tokens {
                        throw SpecError(path: "\(path)[\(c)]", message: "has \(values.count) tokens but the first row has \(tokens)")
                    }
                    tokens = values.count
                    flat += values
                }
                contexts = rows.count
                probabilities = flat
                truthSource = .probabilities
            } else {
                contexts = try truth.int("contexts", default: 10, range: 1...1_000_000)
                tokens = try truth.int("tokens", default: 100, range: 1...10_000_000)
                guard contexts * tokens <= 100_000_000 else {
                    throw SpecError(path: "truth", message: "contexts × tokens = \(contexts * tokens) is above the limit of 10^8")
                }
                let zipf = truth.value("zipf")
                let dirichlet = truth.value("dirichlet")
                if zipf != nil && dirichlet != nil {
                    throw SpecError(path: "truth", message: "give either zipf or dirichlet, not both")
                }
                if let dirichlet {
                    let a = try SpecReader.double(dirichlet, path: truth.keyPath("dirichlet"), range: 1e-3...1e6, rangeDescription: "a number in [0.001, 10^6]")
                    let seed = try truth.int("seed", default: 1, range: 0...Int.max)
                    truthSource = .dirichlet(concentration: a, seed: UInt64(seed))
                } else {
                    let s = try zipf.map { try SpecReader.double($0, path: truth.keyPath("zipf"), range: 0...100, rangeDescription: "a number in [0, 100]") } ?? 1
                    truthSource = .zipf(s)
                    if truth.has("seed") {
                        _ = truth.value("seed")
                        throw SpecError(path: truth.keyPath("seed"), message: "seed applies to a dirichlet truth only")
                    }
                }
            }
            try truth.finish()
        }
        switch truthSource {
        case .probabilities: break
        case .zipf(let s): probabilities = NextTokenTruth.zipf(contexts: contexts, tokens: tokens, exponent: s)
        case .dirichlet(let a, let seed):
            probabilities = NextTokenTruth.dirichlet(contexts: contexts, tokens: tokens, concentration: a, seed: seed)
        }

        var visitsSource = VisitsSource.uniform
        var visits = [Double](repeating: 1 / Double(contexts), count: contexts)
        if let value = reader.value("visits") {
            switch value {
            case .scalar("uniform"): break
            case .list(let items):
                guard items.count == contexts else {
                    throw SpecError(path: "visits", message: "has \(items.count) frequencies but there are \(contexts) contexts")
                }
                visits = try DiscreteSpec.probabilities(value, path: "visits", what: "visiting frequencies")
                if let zero = visits.firstIndex(of: 0) {
                    throw SpecError(path: "visits[\(zero)]", message: "every context must be visited (a frequency > 0)")
                }
                visitsSource = .list
            case .mapping:
                let zipf = try SpecReader(value, path: "visits")
                let s = try zipf.double("zipf", default: 1, range: 0...100, rangeDescription: "a number in [0, 100]")
                try zipf.finish()
                visits = Zipf.probabilities(count: contexts, exponent: s)
                visitsSource = .zipf(s)
            default:
                throw SpecError.wrongType("visits", given: value, expected: "uniform, a list of \(contexts) frequencies, or {zipf: S}")
            }
        }
        let allocation = ContextAllocation(rawValue: try reader.string("allocation", default: "proportional", allowed: ContextAllocation.allCases.map(\.rawValue)))!
        let estimator = try DiscreteSpec.parseEstimator(reader)
        return NextTokenFamily(
            contexts: contexts, tokens: tokens, truthSource: truthSource, probabilities: probabilities!,
            visitsSource: visitsSource, visits: visits, allocation: allocation, estimator: estimator)
    }

    public var resolvedKeys: [(key: String, value: SpecValue)] {
        let truth: SpecValue
        switch truthSource {
        case .probabilities:
            truth = .mapping([("probabilities", .list((0..<contexts).map { c in
                DiscreteSpec.list(Array(probabilities[(c * tokens)..<((c + 1) * tokens)]))
            }))])
        case .zipf(let s):
            truth = .mapping([("contexts", .scalar(String(contexts))), ("tokens", .scalar(String(tokens))), ("zipf", .scalar(SpecReader.format(s)))])
        case .dirichlet(let a, let seed):
            truth = .mapping([("contexts", .scalar(String(contexts))), ("tokens", .scalar(String(tokens))), ("dirichlet", .scalar(SpecReader.format(a))), ("seed", .scalar(String(seed)))])
        }
        let visitsValue: SpecValue
        switch visitsSource {
        case .uniform: visitsValue = .scalar("uniform")
        case .list: visitsValue = DiscreteSpec.list(visits)
        case .zipf(let s): visitsValue = .mapping([("zipf", .scalar(SpecReader.format(s)))])
        }
        return [("truth", truth), ("visits", visitsValue), ("allocation", .scalar(allocation.rawValue))]
            + DiscreteSpec.resolvedEstimator(estimator)
    }

    public var supportsIncrementalUpdate: Bool { true }
    public func statisticsPathAllowed(regime: Regime) -> Bool { true }
    public func validate(_ spec: ExperimentSpec) throws {}

    public func run(_ spec: ExperimentSpec, control: RunControl) -> SimulationResult {
        let sampling = DiscreteSpec.sampling(spec)
        let truth = NextTokenModel(contexts: contexts, tokens: tokens, weights: probabilities, lineage: .real)
        let contextVisits = ContextVisits(frequencies: visits)
        return control.simulate(
            source: NextTokenSource(truth: truth, visits: contextVisits, allocation: allocation, sampling: sampling),
            learner: NextTokenLearner(
                contexts: contexts, tokens: tokens, visits: contextVisits, allocation: allocation,
                estimator: estimator, sampling: sampling),
            evaluation: NextTokenEvaluation(truth: truth, visits: contextVisits, metrics: spec.metrics.map { CategoricalMetric(rawValue: $0)! }),
            plan: spec.plan(threads: control.threads))
    }

    /// Visit-weighted ``NextTokenTheory``: collision and first-fit distance (and the tail mass,
    /// whose expectation stays 0.1) under counting with `replace`, or with the real sample kept
    /// when the allocation is proportional.
    public func theory(_ spec: ExperimentSpec) -> [String: [Double?]] {
        guard let realPart = DiscreteSpec.chainRealPart(spec, estimator: estimator) else { return [:] }
        var realKept = false, realWeight: Double?
        if case .kept(let weight) = realPart {
            realKept = true
            realWeight = weight
        }
        let collisions = (0..<contexts).map { c in
            probabilities[(c * tokens)..<((c + 1) * tokens)].reduce(0) { $0 + $1 * $1 }
        }
        let theory = NextTokenTheory(
            visits: ContextVisits(frequencies: visits).frequencies, tokens: tokens, truthCollisions: collisions,
            sizes: spec.schedule.sizes(count: spec.generations), allocation: allocation, realKept: realKept,
            realWeight: realWeight)
        guard let expectations = theory.expectations() else { return [:] }
        var result: [String: [Double?]] = [:]
        for name in spec.metrics {
            switch CategoricalMetric(rawValue: name) {
            case .collision?: result[name] = expectations.collision
            case .firstFitDistance?: result[name] = expectations.firstFitDistance
            case .tailMass?:
                // E p⁽ᵗ⁾ = p₀ needs every context to have data at the first fit.
                if allocation == .proportional { result[name] = [Double?](repeating: CategoricalMetric.tailFraction, count: spec.generations + 1) }
            default: break
            }
        }
        return result
    }
}
