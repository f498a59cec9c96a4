import Yams

/// YAML text ⇄ ``SpecValue``: parsing through Yams, writing through a small deterministic emitter
/// (keys in the order given, numbers as given, flow style for lists of scalars).
public enum SpecYAML {
    /// Parses a YAML document. A syntax error names the line.
    public static func parse(_ text: String) throws -> SpecValue {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw SpecError(path: "", message: "malformed YAML: \(describe(error))")
        } catch {
            throw SpecError(path: "", message: "malformed YAML: \(error)")
        }
        guard let node else { return .mapping([]) }
        return convert(node)
    }

    /// Parses the value of a `--set key=value` override: YAML flow syntax (`[1, 2]`, `{a: 1}`)
    /// or a plain scalar.
    public static func parseValue(_ text: String) throws -> SpecValue {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("[") || trimmed.hasPrefix("{") {
            return try parse(trimmed)
        }
        return .scalar(trimmed)
    }

    static func convert(_ node: Node) -> SpecValue {
        switch node {
        case .scalar(let scalar):
            if scalar.tag.description == Tag.Name.null.rawValue || (scalar.style == .plain && ["~", "null", "Null", "NULL", ""].contains(scalar.string)) {
                return .null
            }
            return .scalar(scalar.string)
        case .sequence(let sequence):
            return .list(sequence.map(convert))
        case .mapping(let mapping):
            return .mapping(mapping.map { (key: $0.key.string ?? "\($0.key)", value: convert($0.value)) })
        case .alias:
            return .null
        }
    }

    /// "line L, column C: problem (while …)" for syntax errors; Yams's text otherwise.
    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let while_ = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return "line \(mark.line), column \(mark.column): \(problem)\(while_)"
        default:
            let text = "\(error)"
            return text.split(separator: "\n").prefix(3).joined(separator: " ")
        }
    }

    /// Writes a value as block YAML.
    public static func emit(_ value: SpecValue) -> String {
        var out = ""
        emit(value, indent: 0, into: &out)
        return out
    }

    static func emit(_ value: SpecValue, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .mapping(let entries):
            for (key, item) in entries {
                switch item {
                case .mapping(let inner) where !inner.isEmpty:
                    out += "\(pad)\(key):\n"
                    emit(item, indent: indent + 2, into: &out)
                case .list(let items) where items.contains(where: { if case .scalar = $0 { return false } else { return true } }):
                    out += "\(pad)\(key):\n"
                    for element in items {
                        out += "\(pad)  - " + flow(element) + "\n"
                    }
                default:
                    out += "\(pad)\(key): \(flow(item))\n"
                }
            }
        default:
            out += pad + flow(value) + "\n"
        }
    }

    /// Flow style: `[a, b]`, `{k: v}`, quoted scalars where YAML would misread them.
    public static func flow(_ value: SpecValue) -> String {
        switch value {
        case .scalar(let text): return quoteIfNeeded(text)
        case .null: return "null"
        case .list(let items): return "[" + items.map(flow).joined(separator: ", ") + "]"
        case .mapping(let entries):
            return "{" + entries.map { "\($0.key): \(flow($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    static func quoteIfNeeded(_ text: String) -> String {
        let special = CharacterSet(charactersIn: ":#{}[],&*!|>'\"%@`")
        let needsQuotes = text.isEmpty
            || text.unicodeScalars.contains(where: { special.contains($0) })
            || text.first == " " || text.last == " "
            || (text.hasPrefix("-") && Double(text) == nil)
        guard needsQuotes else { return text }
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }
}

import Foundation
