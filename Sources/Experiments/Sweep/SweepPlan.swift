import Foundation

/// A sweep, expanded: every point of the grid parsed and validated before anything runs.
///
/// **Streams.** Replicate r of a point uses the random stream (seed, stream + [h, r]), where h is
/// the first 64 bits of SHA-256 of the point's overrides (`key=value` lines, sorted by key, values
/// in YAML flow text as written). A point's numbers therefore depend only on the base spec and its
/// own overrides: adding values to an axis, reordering axes or running the point in another sweep
/// does not change them, and points are independent of each other. A point with no overrides (a
/// spec without axes) keeps the spec's own streams, so it reproduces `collapse run` of the spec.
/// The point's resolved `spec.yaml` records its stream, so it re-runs on its own to the same bytes.
public struct SweepPlan: Sendable {
    /// The sweep's name (the spec's `name`, or its family's name).
    public var name: String
    /// The whole spec document, `sweep:` included (written to the sweep directory as sweep.yaml).
    public var document: SpecValue
    public var grid: SweepGrid
    public var points: [SweepPoint]

    /// The swept keys: sweep.csv's first columns.
    public var keys: [String] { grid.keys }

    /// Expands and validates a spec document. An invalid point is a ``SpecError`` that names the
    /// key and, in its message, the point.
    public init(document: SpecValue) throws {
        guard case .mapping(let entries) = document else {
            throw SpecError.wrongType("", given: document, expected: "a mapping of keys to values at the top level")
        }
        self.document = document
        grid = try SweepGrid(parsing: document["sweep"])
        let base = SpecValue.mapping(entries.filter { $0.key != "sweep" })
        let count = grid.pointCount
        var points: [SweepPoint] = []
        points.reserveCapacity(count)
        var sweepName: String? = nil
        for index in 0..<count {
            let overrides = grid.overrides(at: index)
            var point = base
            for (key, value) in overrides {
                point = point.setting(key.split(separator: ".").map(String.init), to: value)
            }
            if !overrides.isEmpty {
                let prefix = try SpecParser.parseStream(base["stream"])
                let stream = prefix + [Self.streamKey(overrides)]
                point = point.setting(["stream"], to: .list(stream.map { .scalar(String($0)) }))
            }
            var spec: ExperimentSpec
            do {
                spec = try SpecParser.parse(point)
            } catch let error as SpecError {
                let where_ = count == 1 ? "" : "in sweep point \(index) (\(Self.label(overrides))): "
                throw SpecError(path: error.path, message: where_ + error.message)
            }
            if sweepName == nil { sweepName = spec.name }
            let directory = Self.directoryName(index: index, count: count)
            spec.name = "\(spec.name)-\(directory)"
            points.append(SweepPoint(index: index, overrides: overrides, directoryName: directory, spec: spec))
        }
        self.name = sweepName ?? "sweep"
        self.points = points
    }

    static func label(_ overrides: [(key: String, value: SpecValue)]) -> String {
        overrides.map { "\($0.key)=\(SpecYAML.flow($0.value))" }.joined(separator: ", ")
    }

    /// The first 64 bits of SHA-256 of the overrides as `key=value` lines sorted by key.
    public static func streamKey(_ overrides: [(key: String, value: SpecValue)]) -> UInt64 {
        let text = overrides.map { "\($0.key)=\(SpecYAML.flow($0.value))\n" }.sorted().joined()
        let hex = SHA256.hex(Array(text.utf8))
        return UInt64(hex.prefix(16), radix: 16)!
    }

    /// `point-0000`: four digits, more when the sweep has more than 10,000 points.
    public static func directoryName(index: Int, count: Int) -> String {
        let width = max(4, String(max(count - 1, 0)).count)
        let digits = String(index)
        return "point-" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// sweep.yaml: the sweep spec as run (overrides applied), re-runnable as is.
    public var documentText: String { SpecYAML.emit(document) }

    /// plan.json: the points, their overrides and where their run directories go.
    public var file: SweepPlanFile {
        SweepPlanFile(
            name: name, count: points.count, keys: keys, axes: grid.axes.map(\.keys),
            points: points.map { point in
                SweepPlanFile.Point(
                    index: point.index, directory: point.directoryName, values: point.values,
                    stream: point.spec.streamPrefix.map(String.init), specHash: point.specHash)
            })
    }
}

/// plan.json: what `collapse sweep plan` writes and `collect` reads.
///
/// ```json
/// {"axes": [["samples"], ["regime"]], "count": 4, "keys": ["samples", "regime"], "name": "grid",
///  "points": [{"directory": "point-0000", "index": 0, "specHash": "…", "stream": ["…"],
///              "values": ["10", "replace"]}, …]}
/// ```
/// `values[k]` is the point's value of `keys[k]` in YAML flow text (`--set keys[k]=values[k]`
/// reproduces it); `axes` groups the keys by axis (a zip group is one axis); `stream` holds
/// decimal strings (JSON numbers lose 64-bit integers).
public struct SweepPlanFile: Codable, Sendable, Equatable {
    public struct Point: Codable, Sendable, Equatable {
        public var index: Int
        public var directory: String
        public var values: [String]
        public var stream: [String]
        public var specHash: String
    }

    public var name: String
    public var count: Int
    public var keys: [String]
    public var axes: [[String]]
    public var points: [Point]

    public static let fileName = "plan.json"

    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try! encoder.encode(self)
        data.append(0x0A)
        return data
    }

    public static func read(from directory: URL) throws -> SweepPlanFile {
        let url = directory.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw SweepError.notASweep(directory)
        }
        do {
            let plan = try JSONDecoder().decode(SweepPlanFile.self, from: data)
            guard plan.count == plan.points.count, plan.axes.flatMap({ $0 }) == plan.keys, plan.points.enumerated().allSatisfy({ $0.offset == $0.element.index && $0.element.values.count == plan.keys.count }) else {
                throw SweepError.io("\(url.path): the points do not match count and keys")
            }
            return plan
        } catch let error as SweepError {
            throw error
        } catch {
            throw SweepError.io("\(url.path) is not a sweep plan: \(error)")
        }
    }
}
