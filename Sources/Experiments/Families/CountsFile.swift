import Foundation

/// A data file of category counts: one count per line, or CSV lines `label,count`; an optional
/// header line `label,count` (its second field the word `count`); blank lines and lines starting
/// with `#` are skipped. Every problem is a ``SpecError`` at the spec key that named the file,
/// saying which file and which line.
public enum CountsFile {
    /// The counts (and labels, for the two-column form) of the file at `path`.
    public static func read(_ path: String, key: String) throws -> (counts: [Int], labels: [String]?) {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "does not exist"
            throw SpecError(path: key, message: "the counts file \(url.path) \(reason)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let line = TextFile.firstNonUTF8Line(in: data).map { ", line \($0)" } ?? ""
            throw SpecError(path: key, message: "the counts file \(url.path) is not UTF-8 text\(line)")
        }
        return try parse(text, file: url.path, key: key)
    }

    /// Parses the text of a counts file (`file` names it in errors).
    public static func parse(_ text: String, file: String, key: String) throws -> (counts: [Int], labels: [String]?) {
        var counts: [Int] = []
        var labels: [String] = []
        var columns: Int?
        var sawHeader = false
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (offset, rawLine) in lines.enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            func fail(_ message: String) -> SpecError {
                SpecError(path: key, message: "\(file), line \(lineNumber): \(message)")
            }
            guard fields.count <= 2 else {
                throw fail("\(fields.count) fields; expected one count per line or 'label,count'")
            }
            if let expected = columns, fields.count != expected {
                throw fail("\(fields.count) field\(fields.count == 1 ? "" : "s") but earlier lines have \(expected) (a ragged file)")
            }
            if columns == nil, !sawHeader, fields.count == 2, fields[1].lowercased() == "count" {
                sawHeader = true
                columns = 2
                continue
            }
            columns = fields.count
            let field = fields[fields.count - 1]
            guard let count = integer(field) else {
                throw fail("'\(field)' is not a count (a non-negative integer)")
            }
            guard count >= 0 else { throw fail("the count \(field) is negative") }
            counts.append(count)
            if fields.count == 2 { labels.append(fields[0]) }
        }
        guard !counts.isEmpty else {
            throw SpecError(path: key, message: "the counts file \(file) has no counts")
        }
        let total = counts.reduce(0) { $0.addingReportingOverflow($1).overflow ? Int.max : $0 + $1 }
        guard total > 0 else {
            throw SpecError(path: key, message: "the counts in \(file) sum to 0; at least one category needs a positive count")
        }
        guard total < 1 << 53 else {
            throw SpecError(path: key, message: "the counts in \(file) sum to more than 2^53")
        }
        return (counts, columns == 2 ? labels : nil)
    }

    static func integer(_ text: String) -> Int? {
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        if let value = Int(cleaned) { return value }
        if let real = Double(cleaned), real.isFinite, real == real.rounded(), abs(real) < 9e15 { return Int(real) }
        return nil
    }
}
