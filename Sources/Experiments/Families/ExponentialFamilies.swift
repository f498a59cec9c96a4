import Families
import ModelCollapse
import Theory

/// The shared spec and run logic of `bernoulli`, `poisson` and `exponential`: a truth θ₀, the MLE
/// or a conjugate MAP estimator, both exact paths, and ``ExponentialFamilyTheory``.
public struct OneParameterSpec: Sendable, Equatable {
    public var distribution: ExponentialFamilyDistribution
    public var truth: Double
    public var estimator: ExponentialFamilyEstimator
    /// Exponential only: `absorbed` when the mean falls below this × the truth's.
    public var collapseThreshold: Double

    static func defaultTruth(_ distribution: ExponentialFamilyDistribution) -> Double {
        switch distribution {
        case .bernoulli: return 0.3
        case .poisson: return 4
        case .exponential: return 1
        }
    }

    static func defaultPrior(_ distribution: ExponentialFamilyDistribution) -> ConjugatePrior {
        distribution == .bernoulli ? ConjugatePrior(a: 2, b: 2) : ConjugatePrior(a: 2, b: 1)
    }

    static func keys(_ distribution: ExponentialFamilyDistribution) -> [KeyDocumentation] {
        let parameter = distribution.parameterName
        let truthRange = distribution == .bernoulli ? "p in (0, 1)" : "a number > 0"
        let prior = defaultPrior(distribution)
        let priorAllowed = distribution == .bernoulli
            ? "{a: A ≥ 1, b: B ≥ 1}: Beta(a, b); never absorbed when a > 1 and b > 1"
            : "{a: A ≥ 1, b: B > 0}: Gamma(shape a, rate b) on λ" + (distribution == .poisson ? "; never absorbed when a > 1" : "")
        var keys = [
            KeyDocumentation("truth", default: "{\(parameter): \(SpecReader.format(defaultTruth(distribution)))}", allowed: "{\(parameter): \(truthRange)}", "the real distribution's parameter"),
            KeyDocumentation("estimator", default: "mle", allowed: "mle | map", "maximum likelihood, or the posterior mode under the conjugate prior"),
            KeyDocumentation("prior", default: "{a: \(SpecReader.format(prior.a)), b: \(SpecReader.format(prior.b))} (map only)", allowed: priorAllowed, "the conjugate prior of estimator: map"),
        ]
        if distribution == .exponential {
            keys.append(KeyDocumentation("collapse-threshold", default: "0.001", allowed: "number in (0, 1)", "`absorbed` turns 1 when the mean 1/λ falls below this × the truth's"))
        }
        return keys
    }

    static let metrics: [(name: String, summary: String)] = [
        ("parameter", "θ: p, the Poisson mean λ, or the exponential rate λ"),
        ("parameter-error", "(θ − θ₀)²"),
        ("kl", "KL(truth ‖ model), nats; inf once absorbed"),
        ("absorbed", "1 from the generation the chain reached a degenerate parameter (p ∈ {0,1}, λ = 0; exponential: mean below collapse-threshold × truth's)"),
    ]

    static func parse(_ reader: SpecReader, distribution: ExponentialFamilyDistribution) throws -> OneParameterSpec {
        var truthValue = defaultTruth(distribution)
        let parameter = distribution.parameterName
        if let value = reader.value("truth") {
            let truth = try SpecReader(value, path: "truth")
            if distribution == .bernoulli {
                truthValue = try truth.double(parameter, default: truthValue, range: 1e-300...(1 - 1e-16), rangeDescription: "a number in (0, 1)")
            } else {
                truthValue = try truth.double(parameter, default: truthValue, range: 1e-300...1e15, rangeDescription: "a number in (0, 10^15]")
            }
            try truth.finish()
        }
        if distribution == .bernoulli, !(truthValue > 0 && truthValue < 1) {
            throw SpecError(path: "truth.\(parameter)", message: "\(truthValue) is out of range; allowed: a number in (0, 1)")
        }
        let estimatorName = try reader.string("estimator", default: "mle", allowed: ["mle", "map"])
        var estimator = ExponentialFamilyEstimator.mle
        if estimatorName == "map" {
            var prior = defaultPrior(distribution)
            if let value = reader.value("prior") {
                let priorReader = try SpecReader(value, path: "prior")
                prior.a = try priorReader.double("a", default: prior.a, range: 1...1e12, rangeDescription: "a number ≥ 1")
                if distribution == .bernoulli {
                    prior.b = try priorReader.double("b", default: prior.b, range: 1...1e12, rangeDescription: "a number ≥ 1")
                } else {
                    prior.b = try priorReader.double("b", default: prior.b, range: 1e-300...1e12, rangeDescription: "a number > 0")
                }
                try priorReader.finish()
            }
            estimator = .map(prior)
        } else if reader.has("prior") {
            _ = reader.value("prior")
            throw SpecError(path: "prior", message: "a prior applies to estimator: map only")
        }
        var threshold = 1e-3
        if distribution == .exponential {
            threshold = try reader.double("collapse-threshold", default: 1e-3, range: 1e-300...(1.0).nextDown, rangeDescription: "a number in (0, 1)")
        }
        return OneParameterSpec(distribution: distribution, truth: truthValue, estimator: estimator, collapseThreshold: threshold)
    }

    var resolvedKeys: [(key: String, value: SpecValue)] {
        var entries: [(key: String, value: SpecValue)] = [
            ("truth", .mapping([(distribution.parameterName, .scalar(SpecReader.format(truth)))])),
            ("estimator", .scalar(estimator.name)),
        ]
        if case .map(let prior) = estimator {
            entries.append(("prior", .mapping([("a", .scalar(SpecReader.format(prior.a))), ("b", .scalar(SpecReader.format(prior.b)))])))
        }
        if distribution == .exponential {
            entries.append(("collapse-threshold", .scalar(SpecReader.format(collapseThreshold))))
        }
        return entries
    }

    func run(_ spec: ExperimentSpec, control: RunControl) -> SimulationResult {
        let evaluation = ExponentialFamilyEvaluation(
            distribution: distribution, truth: truth,
            metrics: spec.metrics.map { ExponentialFamilyMetric(rawValue: $0)! }, collapseThreshold: collapseThreshold)
        let plan = spec.plan(threads: control.threads)
        switch spec.resolvedPath {
        case .statistics:
            return control.simulate(
                source: ExponentialFamilySource<SufficientStatisticBatch>(distribution: distribution, parameter: truth),
                learner: ExponentialFamilyLearner<SufficientStatisticBatch>(distribution: distribution, estimator: estimator),
                evaluation: evaluation, plan: plan)
        default:
            return control.simulate(
                source: ExponentialFamilySource<ExponentialFamilySampleBatch>(distribution: distribution, parameter: truth),
                learner: ExponentialFamilyLearner<ExponentialFamilySampleBatch>(distribution: distribution, estimator: estimator),
                evaluation: evaluation, plan: plan)
        }
    }

    func theory(_ spec: ExperimentSpec) -> [String: [Double?]] {
        guard case .mle = estimator, spec.theoryApplies else { return [:] }
        let theory = ExponentialFamilyTheory(distribution: distribution, truth: truth, sizes: spec.schedule.sizes(count: spec.generations))
        var result: [String: [Double?]] = [:]
        for name in spec.metrics {
            guard let metric = ExponentialFamilyMetric(rawValue: name) else { continue }
            let values = theory.expectations(of: metric)
            if values.dropFirst().contains(where: { $0 != nil }) { result[name] = values }
        }
        return result
    }
}

/// Conformances shared by the three one-parameter families.
public protocol OneParameterExperimentFamily: ExperimentFamily {
    static var distribution: ExponentialFamilyDistribution { get }
    var configuration: OneParameterSpec { get }
    init(configuration: OneParameterSpec)
}

extension OneParameterExperimentFamily {
    public static var keys: [KeyDocumentation] { OneParameterSpec.keys(distribution) }
    public static var metrics: [(name: String, summary: String)] { OneParameterSpec.metrics }
    public static var defaultMetrics: [String] { ExponentialFamilyMetric.defaults.map(\.rawValue) }
    public static func parse(_ reader: SpecReader) throws -> Self {
        Self(configuration: try OneParameterSpec.parse(reader, distribution: distribution))
    }
    public var resolvedKeys: [(key: String, value: SpecValue)] { configuration.resolvedKeys }
    public var supportsIncrementalUpdate: Bool { true }
    public func statisticsPathAllowed(regime: Regime) -> Bool { !regime.needsSubsampling(realSourceCanDrawFresh: true) }
    public func validate(_ spec: ExperimentSpec) throws {}
    public func run(_ spec: ExperimentSpec, control: RunControl) -> SimulationResult {
        configuration.run(spec, control: control)
    }
    public func theory(_ spec: ExperimentSpec) -> [String: [Double?]] { configuration.theory(spec) }
}

/// `family: bernoulli` — a coin refitted on its own flips: absorbed at 1 with probability p₀ under
/// maximum likelihood; never absorbed under a Beta(a > 1, b > 1) MAP ("Lost in Retraining", 2025).
public struct BernoulliFamily: OneParameterExperimentFamily {
    public static let name = "bernoulli"
    public static let summary = "Bernoulli(p) refitted on its own flips: absorption at 0 or 1 (Lost in Retraining 2025)"
    public static let distribution = ExponentialFamilyDistribution.bernoulli
    public var configuration: OneParameterSpec
    public init(configuration: OneParameterSpec) { self.configuration = configuration }
}

/// `family: poisson` — a Poisson mean refitted on its own counts: absorbed at λ = 0.
public struct PoissonFamily: OneParameterExperimentFamily {
    public static let name = "poisson"
    public static let summary = "Poisson(λ) refitted on its own counts: absorption at λ = 0 (Lost in Retraining 2025)"
    public static let distribution = ExponentialFamilyDistribution.poisson
    public var configuration: OneParameterSpec
    public init(configuration: OneParameterSpec) { self.configuration = configuration }
}

/// `family: exponential` — an exponential rate refitted on its own draws: the mean is a
/// martingale that tends to 0.
public struct ExponentialDistributionFamily: OneParameterExperimentFamily {
    public static let name = "exponential"
    public static let summary = "Exponential(λ) refitted on its own draws: the mean 1/λ drifts to 0"
    public static let distribution = ExponentialFamilyDistribution.exponential
    public var configuration: OneParameterSpec
    public init(configuration: OneParameterSpec) { self.configuration = configuration }
}
