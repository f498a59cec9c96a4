import Foundation
import ModelCollapse

/// YAML text (plus `--set` overrides) → a resolved ``ExperimentSpec``, strictly: unknown keys,
/// wrong types and values out of range are errors that name the key path.
public enum SpecParser {
    /// The keys every family shares.
    public static let commonKeys: [KeyDocumentation] = [
        KeyDocumentation("name", default: "the family's name", allowed: "a string", "names the run and its directory"),
        KeyDocumentation("family", default: "gaussian", allowed: FamilyRegistry.names.joined(separator: " | "), "the model family"),
        KeyDocumentation("generations", default: "100", allowed: "integer in [1, 1000000]", "T: fits 1…T; the first is on real data"),
        KeyDocumentation("replicates", default: "1000", allowed: "integer in [1, 100000000]", "R: independent chains"),
        KeyDocumentation("samples", default: "100", allowed: "N | [n0, n1, …] | {schedule: constant|linear|power|geometric|list, initial, slope, exponent, ratio, sizes}", "n(t): points per generation (n(0) is the real sample)"),
        KeyDocumentation("regime", default: "replace", allowed: "replace | accumulate | accumulate-subsample | {synthetic: replace|accumulate|{accumulate-subsample: SIZE}, real: none|keep|{fresh: COUNT}|{fraction: P}, real-weight: W}", "how each training set is composed"),
        KeyDocumentation("update", default: "refit", allowed: "refit | {incremental: {step: A | {initial: A0, decay: G}}}", "refit, or move part-way to the new fit"),
        KeyDocumentation("path", default: "auto", allowed: "samples | statistics | auto", "draw every point, or draw sufficient statistics exactly"),
        KeyDocumentation("metrics", default: "the family's defaults", allowed: "a list of the family's metrics, or all", "what is measured at each generation"),
        KeyDocumentation("seed", default: "7", allowed: "integer in [0, 2^63)", "master seed; replicate r uses stream (seed, r)"),
        KeyDocumentation("trajectories", default: "false", allowed: "true | false", "also write replicate-level trajectories.csv"),
        KeyDocumentation("stream", default: "[] (none)", allowed: "a list of integers in [0, 2^64)", "leading indices of every replicate's stream (seed, stream + [r]); a sweep sets it for each point"),
        KeyDocumentation("sweep", default: "none", allowed: "{KEY.PATH: [v1, v2, …], …, zip: {K1: […], K2: […]} | [{…}, …], resources: {cpus, memory, time, parallel}}", "a grid of runs, one per point (Docs/Sweeps.md)"),
    ]

    /// Parses spec text with `key.path=value` overrides applied first.
    public static func parse(_ text: String, overrides: [String] = []) throws -> ExperimentSpec {
        try parse(document(text, overrides: overrides))
    }

    /// The spec document, overrides applied, before any key is read: a mapping.
    public static func document(_ text: String, overrides: [String] = []) throws -> SpecValue {
        var root = try SpecYAML.parse(text)
        if case .null = root { root = .mapping([]) }
        guard case .mapping = root else {
            throw SpecError.wrongType("", given: root, expected: "a mapping of keys to values at the top level")
        }
        for override in overrides {
            root = try apply(override: override, to: root)
        }
        return root
    }

    /// Whether a spec document holds a `sweep:` (a grid of runs rather than one run).
    public static func isSweep(_ document: SpecValue) -> Bool {
        if let sweep = document["sweep"], sweep != .null { return true }
        return false
    }

    /// Parses a sweep: the grid expanded into points, every point parsed and validated strictly.
    /// A spec without `sweep:` is a sweep of one point, the spec itself.
    public static func parseSweep(_ text: String, overrides: [String] = []) throws -> SweepPlan {
        try SweepPlan(document: document(text, overrides: overrides))
    }

    /// Applies one `key.path=value` override.
    public static func apply(override: String, to root: SpecValue) throws -> SpecValue {
        guard let equals = override.firstIndex(of: "=") else {
            throw SpecError(path: override, message: "--set needs key=value (for example --set regime.real.fraction=0.1)")
        }
        let key = String(override[..<equals]).trimmingCharacters(in: .whitespaces)
        let components = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !key.isEmpty, !components.contains(where: \.isEmpty) else {
            throw SpecError(path: key, message: "--set needs a dotted key path such as truth.variance")
        }
        let value = try SpecYAML.parseValue(String(override[override.index(after: equals)...]))
        return root.setting(components, to: value)
    }

    /// Parses a spec document.
    public static func parse(_ root: SpecValue) throws -> ExperimentSpec {
        let reader = try SpecReader(root, path: "")
        let familyName = try reader.string("family", default: "gaussian", allowed: FamilyRegistry.names)
        guard let familyType = FamilyRegistry.family(named: familyName) else {
            throw SpecError(path: "family", message: "unknown family")
        }
        let name = try reader.string("name", default: familyName)
        guard !name.isEmpty, name.range(of: "^[A-Za-z0-9._-]+$", options: .regularExpression) != nil else {
            throw SpecError(path: "name", message: "'\(name)' is not allowed; use letters, digits, '.', '_' and '-' (it names the run directory)")
        }
        let generations = try reader.int("generations", default: 100, range: 1...1_000_000)
        let replicates = try reader.int("replicates", default: 1000, range: 1...100_000_000)
        let seed = try reader.int("seed", default: 7, range: 0...Int.max)
        let schedule = try ScheduleSpec.parse(reader.value("samples"), path: "samples", generations: generations)
        let regime = try RegimeSpec.parse(reader.value("regime"), path: "regime", initialSampleSize: schedule.size(at: 0))
        let update = try UpdateSpec.parse(reader.value("update"), path: "update")
        let path = ComputationPath(rawValue: try reader.string("path", default: "auto", allowed: ComputationPath.allCases.map(\.rawValue)))!
        let metrics = try parseMetrics(reader.value("metrics"), family: familyType)
        let trajectories = try reader.bool("trajectories", default: false)
        if reader.value("sweep") != nil {
            throw SpecError(path: "sweep", message: "this spec is a sweep (a grid of runs), not one run: `collapse run` runs every point, `collapse sweep plan` lists them (SpecParser.parseSweep reads it)")
        }
        let streamPrefix = try parseStream(reader.value("stream"))
        let family = try familyType.parse(reader)
        try reader.finish()

        let spec = ExperimentSpec(
            name: name, family: family, generations: generations, replicates: replicates,
            seed: UInt64(seed), schedule: schedule, regime: regime, update: update, path: path,
            metrics: metrics, trajectories: trajectories, streamPrefix: streamPrefix)
        try validate(spec)
        return spec
    }

    static func parseStream(_ value: SpecValue?) throws -> [UInt64] {
        guard let value else { return [] }
        guard case .list(let items) = value else {
            throw SpecError.wrongType("stream", given: value, expected: "a list of integers in [0, 2^64)")
        }
        return try items.enumerated().map { index, item in
            guard case .scalar(let text) = item, let number = UInt64(text.replacingOccurrences(of: "_", with: "")) else {
                throw SpecError.wrongType("stream[\(index)]", given: item, expected: "an integer in [0, 2^64)")
            }
            return number
        }
    }

    static func parseMetrics(_ value: SpecValue?, family: any ExperimentFamily.Type) throws -> [String] {
        let known = family.metrics.map(\.name)
        guard let value else { return family.defaultMetrics }
        if case .scalar("all") = value { return known }
        guard case .list(let items) = value, !items.isEmpty else {
            throw SpecError.wrongType("metrics", given: value, expected: "a non-empty list of metrics (\(known.joined(separator: ", "))) or all")
        }
        var metrics: [String] = []
        for (index, item) in items.enumerated() {
            let metric = try SpecReader.string(item, path: "metrics[\(index)]", allowed: known)
            if metrics.contains(metric) {
                throw SpecError(path: "metrics[\(index)]", message: "'\(metric)' is listed twice")
            }
            metrics.append(metric)
        }
        return metrics
    }

    static func validate(_ spec: ExperimentSpec) throws {
        if case .incremental = spec.update, !spec.family.supportsIncrementalUpdate {
            throw SpecError(path: "update", message: "the \(type(of: spec.family).name) family does not support incremental updates; use refit")
        }
        if spec.path == .statistics, !spec.family.statisticsPathAllowed(regime: spec.regime) {
            throw SpecError(path: "path", message: "the statistics path cannot run this regime (it subsamples individual points); use samples or auto")
        }
        try spec.family.validate(spec)
    }
}
