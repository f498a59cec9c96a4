import Foundation

/// A CSV file with a header row: `summary.csv`, `trajectories.csv`, a sweep's `sweep.csv`.
///
/// Fields may be quoted (RFC 4180: `"a,b"`, `""` for a quote); lines end in `\n` or `\r\n`.
/// Rows keep the file's order and columns keep the header's order, so everything built from a
/// table is deterministic.
public struct DataTable: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[String]]

    public init(columns: [String], rows: [[String]]) {
        self.columns = columns
        self.rows = rows
    }

    /// The position of a column, or nil.
    public func index(of column: String) -> Int? { columns.firstIndex(of: column) }

    /// Reads a table; every row must have as many fields as the header.
    public static func read(contentsOf url: URL) throws -> DataTable {
        guard FileManager.default.fileExists(atPath: url.path) else { throw RunFileError.missing(url) }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw RunFileError(file: url.path, message: "cannot read: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RunFileError(file: url.path, message: "not UTF-8 text")
        }
        return try DataTable(csv: text, fileName: url.path)
    }

    /// Parses CSV text; `fileName` only names the source in error messages.
    public init(csv text: String, fileName: String) throws {
        var records = try DataTable.parse(text, fileName: fileName)
        guard !records.isEmpty else { throw RunFileError(file: fileName, message: "empty file (no header row)") }
        let header = records.removeFirst()
        for record in records where record.fields.count != header.fields.count {
            throw RunFileError(
                file: fileName,
                message: "line \(record.line): expected \(header.fields.count) fields, found \(record.fields.count)")
        }
        self.columns = header.fields
        self.rows = records.map(\.fields)
        self.lines = records.map(\.line)
    }

    /// The line in the source file where each row starts (for error messages); empty when built in code.
    public private(set) var lines: [Int] = []

    public static func == (a: DataTable, b: DataTable) -> Bool { a.columns == b.columns && a.rows == b.rows }

    /// CSV text for this table: header, rows, `\n` line ends; fields quoted only where needed.
    public func csv() -> String {
        var out = columns.map(DataTable.quote).joined(separator: ",") + "\n"
        for row in rows { out += row.map(DataTable.quote).joined(separator: ",") + "\n" }
        return out
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private struct Record { var fields: [String]; var line: Int }

    private static func parse(_ text: String, fileName: String) throws -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var fieldWasQuoted = false
        var line = 1
        var recordLine = 1
        var atRecordStart = true
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        func endRecord() {
            fields.append(field)
            // A blank line (one empty unquoted field) is not a record.
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                records.append(Record(fields: fields, line: recordLine))
            }
            fields = []; field = ""; fieldWasQuoted = false; atRecordStart = true
        }

        while let c = next() {
            if atRecordStart { recordLine = line; atRecordStart = false }
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = n }
                    } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case ",":
                fields.append(field); field = ""; fieldWasQuoted = false
            case "\"" where field.isEmpty:
                inQuotes = true; fieldWasQuoted = true
            case "\r":
                if let n = next(), n != "\n" { pending = n }
                endRecord(); line += 1
            case "\n":
                endRecord(); line += 1
            default:
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw RunFileError(file: fileName, message: "line \(recordLine): unterminated quoted field") }
        if !atRecordStart { endRecord() }
        return records
    }
}
