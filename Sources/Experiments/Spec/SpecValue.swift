/// A parsed YAML value of a spec, with the scalar's text kept so errors can quote what was given.
public indirect enum SpecValue: Sendable, Equatable {
    case scalar(String)
    case list([SpecValue])
    /// A mapping in file order.
    case mapping([(key: String, value: SpecValue)])
    case null

    public static func == (lhs: SpecValue, rhs: SpecValue) -> Bool {
        switch (lhs, rhs) {
        case (.scalar(let a), .scalar(let b)): return a == b
        case (.list(let a), .list(let b)): return a == b
        case (.mapping(let a), .mapping(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.null, .null): return true
        default: return false
        }
    }

    /// The value of `key` in a mapping.
    public subscript(key: String) -> SpecValue? {
        guard case .mapping(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// A short rendering of the value for error messages.
    public var shortDescription: String {
        switch self {
        case .scalar(let text): return text.isEmpty ? "\"\"" : text
        case .null: return "null"
        case .list(let items):
            let inner = items.prefix(5).map(\.shortDescription).joined(separator: ", ")
            return "[" + inner + (items.count > 5 ? ", …" : "") + "]"
        case .mapping(let entries):
            let inner = entries.prefix(5).map { "\($0.key): \($0.value.shortDescription)" }.joined(separator: ", ")
            return "{" + inner + (entries.count > 5 ? ", …" : "") + "}"
        }
    }

    /// A word for the kind of value, for "expected … but got …" messages.
    public var kindDescription: String {
        switch self {
        case .scalar: return "a scalar"
        case .list: return "a list"
        case .mapping: return "a mapping"
        case .null: return "nothing (null)"
        }
    }

    /// Returns a copy with the value at a dotted path set (creating mappings on the way).
    public func setting(_ path: [String], to newValue: SpecValue) -> SpecValue {
        guard let head = path.first else { return newValue }
        var entries: [(key: String, value: SpecValue)]
        if case .mapping(let existing) = self { entries = existing } else { entries = [] }
        if let index = entries.firstIndex(where: { $0.key == head }) {
            entries[index].value = entries[index].value.setting(Array(path.dropFirst()), to: newValue)
        } else {
            entries.append((head, SpecValue.null.setting(Array(path.dropFirst()), to: newValue)))
        }
        return .mapping(entries)
    }
}
