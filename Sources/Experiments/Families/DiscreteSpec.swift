import Families
import ModelCollapse
import Randomness
import Theory

/// Spec helpers shared by the discrete families (`categorical`, `next-token`).
enum DiscreteSpec {
    static let estimatorKeys = [
        KeyDocumentation("estimator", default: "mle", allowed: "mle | add-k", "counting (MLE), or add-k smoothing (pᵢ ∝ countᵢ + k)"),
        KeyDocumentation("k", default: "1.0 (add-k only)", allowed: "number in (0, 10^6]", "add-k's pseudo-count; only with estimator: add-k"),
    ]

    static let metricDocumentation: [(name: String, summary: String)] = [
        ("tv", "total variation ½Σ|p − q| to the truth"),
        ("kl", "KL(truth ‖ model), nats; inf once the model lost a category the truth has"),
        ("entropy", "Shannon entropy of the model, nats"),
        ("collision", "Σ q², the collision probability (1 − heterozygosity)"),
        ("support", "categories with mass"),
        ("support-lost", "the truth's categories the model lost"),
        ("tail-mass", "mass on the truth's rarest categories holding 10% of its mass (truth: 0.1)"),
        ("collapsed", "1 when a single category is left"),
        ("mean-loss-generation", "mean over the truth's categories of min(generation lost, t): the restricted mean loss time"),
        ("first-fit-distance", "‖p⁽ᵗ⁾ − p⁽¹⁾‖², Seddik et al.'s D_m (0 at generations 0 and 1)"),
    ]

    static func parseEstimator(_ reader: SpecReader) throws -> CategoricalEstimator {
        let name = try reader.string("estimator", default: "mle", allowed: ["mle", "add-k"])
        if name == "mle" {
            if reader.has("k") {
                _ = reader.value("k")
                throw SpecError(path: reader.keyPath("k"), message: "k is add-k's pseudo-count; it needs estimator: add-k")
            }
            return .mle
        }
        let k = try reader.double("k", default: 1, range: 1e-300...1e6, rangeDescription: "a number in (0, 10^6]")
        return .addK(k)
    }

    static func resolvedEstimator(_ estimator: CategoricalEstimator) -> [(key: String, value: SpecValue)] {
        switch estimator {
        case .mle: return [("estimator", .scalar("mle"))]
        case .addK(let k): return [("estimator", .scalar("add-k")), ("k", .scalar(SpecReader.format(k)))]
        }
    }

    /// A list of probabilities: finite, ≥ 0, summing to 1 within 10⁻⁶.
    static func probabilities(_ value: SpecValue, path: String, what: String = "probabilities") throws -> [Double] {
        guard case .list(let items) = value, !items.isEmpty else {
            throw SpecError.wrongType(path, given: value, expected: "a non-empty list of \(what) summing to 1")
        }
        var result: [Double] = []
        for (i, item) in items.enumerated() {
            let p = try SpecReader.double(item, path: "\(path)[\(i)]")
            guard p >= 0 else { throw SpecError(path: "\(path)[\(i)]", message: "\(SpecReader.format(p)) is negative; \(what) must be ≥ 0") }
            result.append(p)
        }
        let total = result.reduce(0, +)
        guard abs(total - 1) <= 1e-6 else {
            throw SpecError(path: path, message: "the \(what) sum to \(total), not 1")
        }
        guard result.contains(where: { $0 > 0 }) else {
            throw SpecError(path: path, message: "at least one of the \(what) must be positive")
        }
        return result
    }

    static func list(_ values: [Double]) -> SpecValue { .list(values.map { .scalar(SpecReader.format($0)) }) }

    /// The sampling of the learner on the resolved path.
    static func sampling(_ spec: ExperimentSpec) -> DiscreteSampling {
        spec.resolvedPath == .samples ? .points : .multinomial
    }

    /// Whether Seddik et al.'s / Wright–Fisher's chain theory applies: counting (MLE), refit, the
    /// newest synthetic batch only, and either no real data or the first fit's real sample kept.
    static func chainRealPart(_ spec: ExperimentSpec, estimator: CategoricalEstimator) -> CategoricalChainTheory.RealPart? {
        guard estimator == .mle, spec.update == .refit, spec.regime.synthetic == .replace else { return nil }
        switch spec.regime.real {
        case .none: return spec.regime.realWeight == nil ? CategoricalChainTheory.RealPart.none : nil
        case .keep: return .kept(realWeight: spec.regime.realWeight)
        case .fresh, .fraction: return nil
        }
    }
}
