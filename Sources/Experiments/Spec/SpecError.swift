/// A problem with a spec: names the key path, what was given and what is allowed.
public struct SpecError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Dotted key path, such as `regime.real.fraction` (empty for the whole document).
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String {
        path.isEmpty ? "spec error: \(message)" : "spec error at '\(path)': \(message)"
    }

    static func unknownKey(_ path: String, allowed: [String]) -> SpecError {
        SpecError(path: path, message: "unknown key; allowed keys here: \(allowed.joined(separator: ", "))")
    }

    static func wrongType(_ path: String, given: SpecValue, expected: String) -> SpecError {
        SpecError(path: path, message: "expected \(expected), got \(given.shortDescription)")
    }

    static func outOfRange(_ path: String, given: String, allowed: String) -> SpecError {
        SpecError(path: path, message: "\(given) is out of range; allowed: \(allowed)")
    }
}
