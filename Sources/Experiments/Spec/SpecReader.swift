/// Reads one mapping of a spec strictly: typed accessors with defaults and ranges, and
/// ``finish()`` rejects every key that nothing asked for.
public final class SpecReader {
    public let path: String
    let entries: [(key: String, value: SpecValue)]
    private var used: Set<String> = []
    /// Keys that are allowed here though they were not read (for the unknown-key message).
    private var declared: [String] = []

    /// A reader of `value`, which must be a mapping (null reads as empty).
    public init(_ value: SpecValue, path: String) throws {
        self.path = path
        switch value {
        case .mapping(let entries):
            var seen: Set<String> = []
            for entry in entries where !seen.insert(entry.key).inserted {
                throw SpecError(path: Self.join(path, entry.key), message: "key appears twice")
            }
            self.entries = entries
        case .null: self.entries = []
        default: throw SpecError.wrongType(path, given: value, expected: "a mapping of keys to values")
        }
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The dotted path of a key of this mapping.
    public func keyPath(_ key: String) -> String { Self.join(path, key) }

    /// Declares keys as allowed (listed in unknown-key errors) without reading them.
    public func declare(_ keys: [String]) { declared.append(contentsOf: keys) }

    /// The raw value of `key`, marking it read; nil when absent or null.
    public func value(_ key: String) -> SpecValue? {
        declared.append(key)
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        used.insert(key)
        if case .null = entry.value { return nil }
        return entry.value
    }

    public func has(_ key: String) -> Bool { entries.contains { $0.key == key } }

    public func int(_ key: String, default fallback: Int, range: ClosedRange<Int>? = nil) throws -> Int {
        guard let value = value(key) else { return fallback }
        return try Self.int(value, path: keyPath(key), range: range)
    }

    public func double(_ key: String, default fallback: Double, range: ClosedRange<Double>? = nil, rangeDescription: String? = nil) throws -> Double {
        guard let value = value(key) else { return fallback }
        return try Self.double(value, path: keyPath(key), range: range, rangeDescription: rangeDescription)
    }

    public func bool(_ key: String, default fallback: Bool) throws -> Bool {
        guard let value = value(key) else { return fallback }
        return try Self.bool(value, path: keyPath(key))
    }

    public func string(_ key: String, default fallback: String, allowed: [String]? = nil) throws -> String {
        guard let value = value(key) else { return fallback }
        return try Self.string(value, path: keyPath(key), allowed: allowed)
    }

    /// Throws for the first key present that nothing read.
    public func finish() throws {
        for entry in entries where !used.contains(entry.key) {
            var allowed: [String] = []
            for key in declared where !allowed.contains(key) { allowed.append(key) }
            throw SpecError.unknownKey(keyPath(entry.key), allowed: allowed)
        }
    }

    // MARK: Scalar conversions

    public static func int(_ value: SpecValue, path: String, range: ClosedRange<Int>? = nil) throws -> Int {
        let allowed = range.map(describe) ?? "an integer"
        guard case .scalar(let text) = value else {
            throw SpecError.wrongType(path, given: value, expected: "an integer (\(allowed))")
        }
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        var parsed = Int(cleaned)
        if parsed == nil, let real = Double(cleaned), real.isFinite, real == real.rounded(), abs(real) < 9e15 {
            parsed = Int(real)
        }
        guard let number = parsed else {
            throw SpecError.wrongType(path, given: value, expected: "an integer (\(allowed))")
        }
        if let range, !range.contains(number) {
            throw SpecError.outOfRange(path, given: text, allowed: allowed)
        }
        return number
    }

    public static func double(_ value: SpecValue, path: String, range: ClosedRange<Double>? = nil, rangeDescription: String? = nil) throws -> Double {
        let allowed = rangeDescription ?? range.map { "a number in [\(format($0.lowerBound)), \(format($0.upperBound))]" } ?? "a number"
        guard case .scalar(let text) = value, let number = Double(text.replacingOccurrences(of: "_", with: "")), number.isFinite else {
            throw SpecError.wrongType(path, given: value, expected: "a finite number (\(allowed))")
        }
        if let range, !range.contains(number) {
            throw SpecError.outOfRange(path, given: text, allowed: allowed)
        }
        return number
    }

    public static func bool(_ value: SpecValue, path: String) throws -> Bool {
        if case .scalar(let text) = value {
            switch text.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        throw SpecError.wrongType(path, given: value, expected: "true or false")
    }

    public static func string(_ value: SpecValue, path: String, allowed: [String]? = nil) throws -> String {
        guard case .scalar(let text) = value else {
            throw SpecError.wrongType(path, given: value, expected: allowed.map { "one of \($0.joined(separator: ", "))" } ?? "a string")
        }
        if let allowed, !allowed.contains(text) {
            throw SpecError(path: path, message: "'\(text)' is not allowed; allowed values: \(allowed.joined(separator: ", "))")
        }
        return text
    }

    static func describe(_ range: ClosedRange<Int>) -> String {
        if range.upperBound == Int.max { return "an integer ≥ \(range.lowerBound)" }
        return "an integer in [\(range.lowerBound), \(range.upperBound)]"
    }

    /// Numbers as they are written back into resolved specs: the shortest text that round-trips.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) + ".0" }
        return "\(value)"
    }
}
