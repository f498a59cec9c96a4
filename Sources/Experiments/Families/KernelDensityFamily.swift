import Families
import ModelCollapse
import Theory

/// `family: kde` — a 1-D Gaussian kernel density estimate refitted on its own samples: the
/// self-consuming KDE of Fu et al. (ICML 2024) and Kazdan et al. (2024).
public struct KernelDensityFamily: ExperimentFamily {
    public static let name = "kde"
    public static let summary = "1-D Gaussian kernel density estimate refitted on its own samples (Fu et al. 2024; Kazdan et al. 2024)"
    public static let keys: [KeyDocumentation] = [
        KeyDocumentation("truth", default: "{mean: 0.0, variance: 1.0}", allowed: "{mean: M, variance: V > 0} or {weights: [π…] (> 0, sum 1), means: [μ…], variances: [σ²…]}", "the real distribution: a Gaussian or a 1-D Gaussian mixture"),
        KeyDocumentation("bandwidth", default: "silverman", allowed: "a number h > 0 (fixed) | scott | silverman", "the kernel's standard deviation; scott = 1.0592·σ̂·n^(−1/5), silverman = 0.9·min(σ̂, IQR/1.34)·n^(−1/5), recomputed every generation"),
        KeyDocumentation("w1-samples", default: "1000", allowed: "integer in [2, 10000000]", "model draws per w1 estimate"),
        KeyDocumentation("holdout", default: "500", allowed: "integer in [1, 10000000]", "held-out real points per replicate for nll (cost: holdout × n kernel evaluations per generation)"),
    ]
    public static let metrics: [(name: String, summary: String)] = [
        ("variance", "Var f̂ = weighted variance of the points + h² (exact)"),
        ("mean-error", "(mean − μ*)²"),
        ("w1", "W₁ to the truth, Monte Carlo from w1-samples model draws (biased up by O(m^−½))"),
        ("tail-mass", "model mass outside the truth's central 99.7% interval (exact)"),
        ("nll", "mean −ln f̂ of a held-out real sample (holdout points per replicate); generation 0: the truth's entropy"),
        ("bandwidth", "h (0 for the truth)"),
    ]
    public static let defaultMetrics = KernelDensityMetric.defaults.map(\.rawValue)

    public var truth: UnivariateGaussianMixture
    /// Whether the truth was given as {mean, variance} (and is written back so).
    public var truthIsGaussian: Bool
    public var bandwidth: KernelBandwidth
    public var w1Samples: Int
    public var holdout: Int

    public static func parse(_ reader: SpecReader) throws -> KernelDensityFamily {
        try GaussianMixtureFamily.rejectStatisticsPath(reader, family: name)
        var truth = UnivariateGaussianMixture(mean: 0, variance: 1)
        var truthIsGaussian = true
        if let value = reader.value("truth") {
            let truthReader = try SpecReader(value, path: "truth")
            if truthReader.has("weights") || truthReader.has("means") || truthReader.has("variances") {
                let mixture = try GaussianMixtureFamily.parseMixture(value, path: "truth")
                guard mixture.dimension == 1 else {
                    throw SpecError(path: "truth.means", message: "the kde family is 1-D: give the means as numbers")
                }
                truth = mixture.marginal(0)
                truthIsGaussian = false
            } else {
                let mean = try truthReader.double("mean", default: 0)
                let variance = try truthReader.double("variance", default: 1, range: 1e-300...1e300, rangeDescription: "a number > 0")
                truthReader.declare(["weights", "means", "variances"])
                try truthReader.finish()
                truth = UnivariateGaussianMixture(mean: mean, variance: variance)
            }
        }
        let bandwidth = try parseBandwidth(reader.value("bandwidth"))
        let w1Samples = try reader.int("w1-samples", default: 1000, range: 2...10_000_000)
        let holdout = try reader.int("holdout", default: 500, range: 1...10_000_000)
        return KernelDensityFamily(truth: truth, truthIsGaussian: truthIsGaussian, bandwidth: bandwidth, w1Samples: w1Samples, holdout: holdout)
    }

    static func parseBandwidth(_ value: SpecValue?) throws -> KernelBandwidth {
        guard let value else { return .silverman }
        let allowed = "a number h > 0 (a fixed bandwidth), scott or silverman"
        guard case .scalar(let text) = value else {
            throw SpecError.wrongType("bandwidth", given: value, expected: allowed)
        }
        switch text {
        case "scott": return .scott
        case "silverman": return .silverman
        default:
            let h = try SpecReader.double(value, path: "bandwidth", rangeDescription: allowed)
            guard h > 0 else { throw SpecError.outOfRange("bandwidth", given: text, allowed: allowed) }
            return .fixed(h)
        }
    }

    public var resolvedKeys: [(key: String, value: SpecValue)] {
        let truthValue: SpecValue = truthIsGaussian
            ? .mapping([("mean", .scalar(SpecReader.format(truth.mean))), ("variance", .scalar(SpecReader.format(truth.variance)))])
            : GaussianMixtureFamily.resolvedMixture(GaussianMixture(truth))
        let bandwidthValue: SpecValue
        switch bandwidth {
        case .fixed(let h): bandwidthValue = .scalar(SpecReader.format(h))
        case .scott, .silverman: bandwidthValue = .scalar(bandwidth.name)
        }
        return [
            ("truth", truthValue),
            ("bandwidth", bandwidthValue),
            ("w1-samples", .scalar(String(w1Samples))),
            ("holdout", .scalar(String(holdout))),
        ]
    }

    public var supportsIncrementalUpdate: Bool { false }

    public func statisticsPathAllowed(regime: Regime) -> Bool { false }

    public func validate(_ spec: ExperimentSpec) throws {
        guard bandwidth == .scott || bandwidth == .silverman else { return }
        let sizes = spec.schedule.sizes(count: spec.generations)
        if let index = sizes.firstIndex(where: { $0 < 2 }) {
            throw SpecError(path: "samples", message: "bandwidth \(bandwidth.name) needs a standard deviation, so n ≥ 2, but n(\(index)) = \(sizes[index]); use a fixed bandwidth or larger samples")
        }
        if case .accumulateSubsample(let size) = spec.regime.synthetic, size < 2 {
            throw SpecError(path: "regime.synthetic.accumulate-subsample", message: "bandwidth \(bandwidth.name) needs at least 2 points, got \(size)")
        }
    }

    public func run(_ spec: ExperimentSpec, control: RunControl) -> SimulationResult {
        control.simulate(
            source: GaussianMixtureSource(truth: GaussianMixture(truth)),
            learner: KernelDensityLearner(bandwidth: bandwidth),
            evaluation: KernelDensityEvaluation(
                truth: truth, metrics: spec.metrics.map { KernelDensityMetric(rawValue: $0)! },
                w1Samples: w1Samples, holdoutSize: holdout),
            plan: spec.plan(threads: control.threads))
    }

    /// With a fixed bandwidth or Scott's rule, regime `replace` and update `refit`: E variance and
    /// E mean-error (``KernelDensityTheory``).
    public func theory(_ spec: ExperimentSpec) -> [String: [Double?]] {
        guard spec.theoryApplies, bandwidth != .silverman else { return [:] }
        let theory = KernelDensityTheory(truthVariance: truth.variance, bandwidth: bandwidth, sizes: spec.schedule.sizes(count: spec.generations))
        var result: [String: [Double?]] = [:]
        for name in spec.metrics {
            guard let metric = KernelDensityMetric(rawValue: name) else { continue }
            let values = theory.expectations(of: metric)
            if values.contains(where: { $0 != nil }) { result[name] = values }
        }
        return result
    }
}
