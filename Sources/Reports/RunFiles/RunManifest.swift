import Foundation

/// `manifest.json` of a run directory: who made the run, from which spec, how it went.
///
/// Decoding is tolerant: a missing key becomes nil (or empty), so a report can still be drawn for
/// a run written by an older or newer tool. Keys this type does not know are kept in `otherEntries`.
public struct RunManifest: Sendable, Equatable, Codable {
    public var tool: String?
    public var version: String?
    public var gitCommit: String?
    public var name: String?
    public var family: String?
    public var seed: UInt64?
    public var replicates: Int?
    public var generations: Int?
    public var threads: Int?
    public var path: String?
    public var metrics: [String]
    public var specHash: String?
    public var started: String?
    public var finished: String?
    public var wallSeconds: Double?
    public var status: String?
    public var warnings: [String]
    /// Keys not listed above, sorted by key, each value as compact JSON text.
    public var otherEntries: [ManifestEntry] = []

    public init(
        tool: String? = "collapse", version: String? = nil, gitCommit: String? = nil, name: String? = nil,
        family: String? = nil, seed: UInt64? = nil, replicates: Int? = nil, generations: Int? = nil,
        threads: Int? = nil, path: String? = nil, metrics: [String] = [], specHash: String? = nil,
        started: String? = nil, finished: String? = nil, wallSeconds: Double? = nil, status: String? = nil,
        warnings: [String] = []
    ) {
        self.tool = tool; self.version = version; self.gitCommit = gitCommit; self.name = name
        self.family = family; self.seed = seed; self.replicates = replicates; self.generations = generations
        self.threads = threads; self.path = path; self.metrics = metrics; self.specHash = specHash
        self.started = started; self.finished = finished; self.wallSeconds = wallSeconds; self.status = status
        self.warnings = warnings
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case tool, version, gitCommit, name, family, seed, replicates, generations, threads, path, metrics
        case specHash, started, finished, wallSeconds, status, warnings
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tool = try c.decodeIfPresent(String.self, forKey: .tool)
        version = try c.decodeIfPresent(String.self, forKey: .version)
        gitCommit = try c.decodeIfPresent(String.self, forKey: .gitCommit)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        family = try c.decodeIfPresent(String.self, forKey: .family)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
        replicates = try c.decodeIfPresent(Int.self, forKey: .replicates)
        generations = try c.decodeIfPresent(Int.self, forKey: .generations)
        threads = try c.decodeIfPresent(Int.self, forKey: .threads)
        path = try c.decodeIfPresent(String.self, forKey: .path)
        metrics = try c.decodeIfPresent([String].self, forKey: .metrics) ?? []
        specHash = try c.decodeIfPresent(String.self, forKey: .specHash)
        started = try c.decodeIfPresent(String.self, forKey: .started)
        finished = try c.decodeIfPresent(String.self, forKey: .finished)
        wallSeconds = try c.decodeIfPresent(Double.self, forKey: .wallSeconds)
        status = try c.decodeIfPresent(String.self, forKey: .status)
        warnings = try c.decodeIfPresent([String].self, forKey: .warnings) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(tool, forKey: .tool); try c.encode(version, forKey: .version)
        try c.encode(gitCommit, forKey: .gitCommit); try c.encode(name, forKey: .name)
        try c.encode(family, forKey: .family); try c.encode(seed, forKey: .seed)
        try c.encode(replicates, forKey: .replicates); try c.encode(generations, forKey: .generations)
        try c.encode(threads, forKey: .threads); try c.encode(path, forKey: .path)
        try c.encode(metrics, forKey: .metrics); try c.encode(specHash, forKey: .specHash)
        try c.encode(started, forKey: .started); try c.encode(finished, forKey: .finished)
        try c.encode(wallSeconds, forKey: .wallSeconds); try c.encode(status, forKey: .status)
        try c.encode(warnings, forKey: .warnings)
    }

    /// Reads and decodes `manifest.json`; errors name the file.
    public static func read(contentsOf url: URL) throws -> RunManifest {
        guard FileManager.default.fileExists(atPath: url.path) else { throw RunFileError.missing(url) }
        let data = try Data(contentsOf: url)
        return try decode(data, fileName: url.path)
    }

    public static func decode(_ data: Data, fileName: String) throws -> RunManifest {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw RunFileError(file: fileName, message: "not valid JSON (\(error.localizedDescription))")
        }
        guard let dictionary = object as? [String: Any] else {
            throw RunFileError(file: fileName, message: "expected a JSON object at the top level")
        }
        var manifest: RunManifest
        do { manifest = try JSONDecoder().decode(RunManifest.self, from: data) } catch let error as DecodingError {
            throw RunFileError(file: fileName, message: describe(error))
        }
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        manifest.otherEntries = dictionary.keys.filter { !known.contains($0) }.sorted().map { key in
            ManifestEntry(key: key, value: compactJSON(dictionary[key] as Any))
        }
        return manifest
    }

    /// The manifest as (key, display value) pairs in a fixed order: the known keys, then the others.
    public var entries: [ManifestEntry] {
        func text(_ v: String?) -> String { v ?? "" }
        func number(_ v: Int?) -> String { v.map(String.init) ?? "" }
        var list: [ManifestEntry] = [
            .init(key: "name", value: text(name)),
            .init(key: "family", value: text(family)),
            .init(key: "status", value: text(status)),
            .init(key: "seed", value: seed.map { String($0) } ?? ""),
            .init(key: "replicates", value: number(replicates)),
            .init(key: "generations", value: number(generations)),
            .init(key: "threads", value: number(threads)),
            .init(key: "path", value: text(path)),
            .init(key: "metrics", value: metrics.joined(separator: ", ")),
            .init(key: "started", value: text(started)),
            .init(key: "finished", value: text(finished)),
            .init(key: "wallSeconds", value: wallSeconds.map { NumberFormatting.significant($0, digits: 4) } ?? ""),
            .init(key: "tool", value: [tool, version].compactMap { $0 }.joined(separator: " ")),
            .init(key: "gitCommit", value: text(gitCommit)),
            .init(key: "specHash", value: text(specHash)),
        ]
        list += warnings.enumerated().map { ManifestEntry(key: $0.offset == 0 ? "warnings" : "", value: $0.element) }
        list += otherEntries
        return list
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "key \"\(path)\": \(context.debugDescription)"
        case .keyNotFound(let key, _):
            return "missing key \"\(key.stringValue)\""
        @unknown default:
            return "\(error)"
        }
    }

    static func compactJSON(_ value: Any) -> String {
        if value is NSNull { return "null" }
        if let string = value as? String { return string }
        if JSONSerialization.isValidJSONObject(value),
            let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]),
            let text = String(data: data, encoding: .utf8)
        {
            return text
        }
        return "\(value)"
    }
}

/// One line of the manifest table.
public struct ManifestEntry: Sendable, Equatable, Codable {
    public var key: String
    public var value: String
    public init(key: String, value: String) { self.key = key; self.value = value }
}
