/// The `sweep:` block of a spec: the grid's axes and the resources each point asks a scheduler for.
///
/// ```yaml
/// sweep:
///   samples: [10, 100, 1000]                 # an axis: a key path and its values
///   regime.real.fraction: [0, 0.1, 0.5]      # dotted paths reach into mappings
///   zip:                                     # keys that vary together: one axis
///     estimator: [mle, unbiased]
///     truth.variance: [1.0, 2.0]
///   resources: {cpus: 2, memory: 4G}         # per task, for `collapse sweep emit`
/// ```
///
/// `zip:` is one group (a mapping of keys to equally long lists) or a list of groups. Values may
/// be anything the key accepts: scalars, lists, whole mappings (`regime: [replace, {synthetic:
/// accumulate, real: keep}]`).
///
/// **Order.** Axes are in the order they are written (a zip group where `zip:` stands, groups in
/// list order), and points are numbered like nested loops written in that order: the first axis
/// varies slowest, the last fastest. With `samples: [10, 100]` then `regime: [replace,
/// accumulate]` the points are (10, replace), (10, accumulate), (100, replace), (100, accumulate).
public struct SweepGrid: Sendable, Equatable {
    public var axes: [SweepAxis]
    public var resources: SweepResources

    /// A cheap guard against grids no one meant: more points than this are refused.
    public static let maximumPoints = 100_000

    /// Keys a sweep may not vary: the sweep itself, each point's stream (the sweep sets it) and
    /// the name (each point is named NAME-point-I).
    public static let reservedKeys = ["sweep", "stream", "name"]

    public init(axes: [SweepAxis] = [], resources: SweepResources = SweepResources()) {
        self.axes = axes
        self.resources = resources
    }

    /// Every swept key, in axis order (zip keys in their group's order): the key columns of sweep.csv.
    public var keys: [String] { axes.flatMap(\.keys) }

    /// The number of points: the product of the axes' lengths (1 for a spec without axes).
    public var pointCount: Int { axes.reduce(1) { $0 * $1.count } }

    /// The overrides of point `index`, in key order.
    public func overrides(at index: Int) -> [(key: String, value: SpecValue)] {
        precondition(index >= 0 && index < pointCount, "point \(index) is outside 0..<\(pointCount)")
        var steps = [Int](repeating: 0, count: axes.count)
        var rest = index
        for a in axes.indices.reversed() {
            steps[a] = rest % axes[a].count
            rest /= axes[a].count
        }
        var result: [(key: String, value: SpecValue)] = []
        for (a, axis) in axes.enumerated() {
            for (k, key) in axis.keys.enumerated() { result.append((key, axis.values[steps[a]][k])) }
        }
        return result
    }

    /// Reads the `sweep:` block (nil or null: no axes).
    public init(parsing value: SpecValue?) throws {
        self.init()
        guard let value, value != .null else { return }
        guard case .mapping(let entries) = value else {
            throw SpecError.wrongType("sweep", given: value, expected: "a mapping of KEY.PATH: [values…] (plus zip: and resources:)")
        }
        var seen: Set<String> = []
        for (key, item) in entries {
            guard seen.insert(key).inserted else { throw SpecError(path: "sweep.\(key)", message: "key appears twice") }
            switch key {
            case "zip":
                let groups: [(SpecValue, String)]
                switch item {
                case .mapping: groups = [(item, "sweep.zip")]
                case .list(let items) where !items.isEmpty: groups = items.enumerated().map { ($1, "sweep.zip[\($0)]") }
                default:
                    throw SpecError.wrongType("sweep.zip", given: item, expected: "a mapping of keys to equally long lists, or a list of such mappings")
                }
                for (group, path) in groups { axes.append(try Self.zipAxis(group, path: path)) }
            case "resources":
                resources = try SweepResources.parse(item, path: "sweep.resources")
            default:
                try Self.checkKeyPath(key)
                let values = try Self.values(item, path: "sweep.\(key)")
                axes.append(SweepAxis(keys: [key], values: values.map { [$0] }))
            }
        }
        try checkOverlaps()
        try checkDuplicates()
        var count = 1
        for axis in axes {
            let (product, overflow) = count.multipliedReportingOverflow(by: axis.count)
            guard !overflow, product <= Self.maximumPoints else {
                throw SpecError(path: "sweep", message: "the grid has more than \(Self.maximumPoints) points (\(axes.map { String($0.count) }.joined(separator: " × "))); split it into several sweeps or zip keys that vary together")
            }
            count = product
        }
    }

    static func checkKeyPath(_ key: String) throws {
        let components = key.split(separator: ".", omittingEmptySubsequences: false)
        guard !key.isEmpty, !components.contains(where: \.isEmpty) else {
            throw SpecError(path: "sweep.\(key)", message: "'\(key)' is not a key path; write keys as in the spec, dotted for nested keys (regime.real.fraction)")
        }
        if let first = components.first, reservedKeys.contains(String(first)) {
            throw SpecError(path: "sweep.\(key)", message: "'\(first)' cannot be swept (\(reservedKeys.joined(separator: ", ")) are set by the sweep itself)")
        }
    }

    static func values(_ item: SpecValue, path: String) throws -> [SpecValue] {
        guard case .list(let values) = item, !values.isEmpty else {
            throw SpecError.wrongType(path, given: item, expected: "a non-empty list of the values to sweep over (a single value belongs in the spec itself)")
        }
        return values
    }

    static func zipAxis(_ group: SpecValue, path: String) throws -> SweepAxis {
        guard case .mapping(let entries) = group, !entries.isEmpty else {
            throw SpecError.wrongType(path, given: group, expected: "a mapping of keys to equally long lists")
        }
        var keys: [String] = []
        var columns: [[SpecValue]] = []
        for (key, item) in entries {
            guard !keys.contains(key) else { throw SpecError(path: "\(path).\(key)", message: "key appears twice") }
            guard key != "zip", key != "resources" else {
                throw SpecError(path: "\(path).\(key)", message: "'\(key)' cannot be inside zip")
            }
            try checkKeyPath(key)
            let values = try values(item, path: "\(path).\(key)")
            if let first = columns.first, first.count != values.count {
                throw SpecError(path: "\(path).\(key)", message: "has \(values.count) values but \(keys[0]) has \(first.count); zipped keys vary together and need equally long lists")
            }
            keys.append(key)
            columns.append(values)
        }
        let rows = columns[0].indices.map { i in columns.map { $0[i] } }
        return SweepAxis(keys: keys, values: rows)
    }

    /// Two axes may not set the same key, nor one key and a key inside it (their order would matter).
    func checkOverlaps() throws {
        let all = keys
        for (i, a) in all.enumerated() {
            for b in all[..<i] {
                if a == b { throw SpecError(path: "sweep.\(a)", message: "is swept twice") }
                if a.hasPrefix(b + ".") || b.hasPrefix(a + ".") {
                    throw SpecError(path: "sweep.\(a)", message: "overlaps sweep.\(b): sweep either the whole mapping or keys inside it, not both")
                }
            }
        }
    }

    /// A value listed twice would give two identical points.
    func checkDuplicates() throws {
        for axis in axes {
            var seen: [String: Int] = [:]
            for (i, row) in axis.values.enumerated() {
                let text = row.map(SpecYAML.flow).joined(separator: "\u{1F}")
                if let first = seen[text] {
                    let shown = zip(axis.keys, row).map { "\($0)=\(SpecYAML.flow($1))" }.joined(separator: ", ")
                    throw SpecError(path: "sweep.\(axis.keys[0])", message: "\(shown) is listed twice (entries \(first) and \(i)); each point must differ")
                }
                seen[text] = i
            }
        }
    }
}
