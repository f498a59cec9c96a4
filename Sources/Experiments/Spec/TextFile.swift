import Foundation

/// Reading user text files (specs, data files) with errors that say where the problem is.
public enum TextFile {
    /// The 1-based line of the first byte sequence that is not UTF-8, or nil when all of it is.
    public static func firstNonUTF8Line(in data: Data) -> Int? {
        var line = 1
        var start = data.startIndex
        while start < data.endIndex {
            let end = data[start...].firstIndex(of: 0x0A) ?? data.endIndex
            if String(data: data[start..<end], encoding: .utf8) == nil { return line }
            line += 1
            start = end < data.endIndex ? data.index(after: end) : end
        }
        return nil
    }

    /// Whether the text holds nothing but whitespace and `#` comments.
    public static func isBlank(_ text: String) -> Bool {
        text.split(whereSeparator: \.isNewline).allSatisfy { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty || trimmed.hasPrefix("#")
        }
    }
}
