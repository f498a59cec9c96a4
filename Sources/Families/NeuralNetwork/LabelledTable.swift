/// Comma-separated text → a ``LabelledDataSet``: numeric feature columns and one label column.
///
/// Format: one example per line, cells separated by commas (surrounding spaces and double quotes
/// are stripped; a quoted cell cannot hold a comma); blank lines and lines starting with `#` are
/// skipped. The first line is a header when the label column is named, or when one of its feature
/// cells is not a number. Labels are any text; the classes are the distinct labels, in numeric order
/// when every label is an integer, in text order otherwise.
///
/// Every problem is a ``LabelledTableError`` naming the line: a ragged row, a non-numeric or
/// non-finite feature cell, an empty label, a file with no rows or with a single class.
public enum LabelledTable {
    /// Which column holds the labels.
    public enum LabelColumn: Sendable, Equatable, CustomStringConvertible {
        /// The last column.
        case last
        /// Column i, counting from 1.
        case number(Int)
        /// The column whose header cell is this name.
        case name(String)

        public var description: String {
            switch self {
            case .last: return "last"
            case .number(let i): return String(i)
            case .name(let name): return name
            }
        }
    }

    public static func parse(_ text: String, labelColumn: LabelColumn = .last) throws -> LabelledDataSet {
        var columnCount: Int? = nil
        var labelIndex = 0
        var header: [String]? = nil
        var firstLine = 0
        var features: [Double] = []
        var labelTexts: [String] = []
        var lineNumber = 0
        // "\r\n" is one Character in Swift: split on it as well as on "\n".
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.last == "\r" { line = line.dropLast() }
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let cells = trimmed.split(separator: ",", omittingEmptySubsequences: false).map(\.cellText)
            guard let expected = columnCount else {
                // The first line fixes the columns and decides whether it is a header.
                guard cells.count >= 2 else {
                    throw LabelledTableError(line: lineNumber, "\(cells.count) column; a labelled table needs at least one feature column and a label column")
                }
                columnCount = cells.count
                firstLine = lineNumber
                switch labelColumn {
                case .last: labelIndex = cells.count - 1
                case .number(let i):
                    guard i >= 1 && i <= cells.count else {
                        throw LabelledTableError(line: lineNumber, "label column \(i) does not exist; the file has \(cells.count) columns")
                    }
                    labelIndex = i - 1
                case .name(let name):
                    guard let index = cells.firstIndex(of: name) else {
                        throw LabelledTableError(line: lineNumber, "no column is named '\(name)'; the header is \(cells.joined(separator: ","))")
                    }
                    labelIndex = index
                }
                let isHeader: Bool
                if case .name = labelColumn { isHeader = true } else {
                    isHeader = cells.indices.contains { $0 != labelIndex && Double(cells[$0]) == nil }
                }
                if isHeader {
                    header = cells
                    continue
                }
                try append(cells, line: lineNumber, labelIndex: labelIndex, header: header, features: &features, labels: &labelTexts)
                continue
            }
            guard cells.count == expected else {
                throw LabelledTableError(line: lineNumber, "\(cells.count) columns, but line \(firstLine) has \(expected) (a ragged row)")
            }
            try append(cells, line: lineNumber, labelIndex: labelIndex, header: header, features: &features, labels: &labelTexts)
        }
        guard !labelTexts.isEmpty else {
            throw LabelledTableError(line: nil, header == nil ? "the file is empty: no data rows" : "the file has a header but no data rows")
        }
        var names = Array(Set(labelTexts))
        if names.allSatisfy({ Int($0) != nil }) {
            names.sort { Int($0)! < Int($1)! }
        } else {
            names.sort()
        }
        guard names.count >= 2 else {
            throw LabelledTableError(line: nil, "every row has the label '\(names[0])'; a classifier needs at least 2 classes")
        }
        var classOf: [String: Int32] = [:]
        for (k, name) in names.enumerated() { classOf[name] = Int32(k) }
        return LabelledDataSet(
            features: features, labels: labelTexts.map { classOf[$0]! }, featureCount: columnCount! - 1, classNames: names)
    }

    static func append(
        _ cells: [String], line: Int, labelIndex: Int, header: [String]?, features: inout [Double], labels: inout [String]
    ) throws {
        for (index, cell) in cells.enumerated() {
            func columnName() -> String {
                header.map { "column \(index + 1) ('\($0[index])')" } ?? "column \(index + 1)"
            }
            if index == labelIndex {
                guard !cell.isEmpty else { throw LabelledTableError(line: line, "the label (\(columnName())) is missing") }
                labels.append(cell)
                continue
            }
            guard let value = Double(cell) else {
                throw LabelledTableError(line: line, "\(columnName()): \(cell.isEmpty ? "an empty cell" : "'\(cell)'") is not a number")
            }
            guard value.isFinite else {
                throw LabelledTableError(line: line, "\(columnName()): '\(cell)' is not a finite number")
            }
            features.append(value)
        }
    }
}

/// A problem in a labelled table, with the line it is on (1-based; nil for the file as a whole).
public struct LabelledTableError: Error, Equatable, CustomStringConvertible {
    public var line: Int?
    public var message: String

    public init(line: Int?, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return s
    }

    /// The cell without surrounding spaces and double quotes.
    var cellText: String {
        var s = trimmingSpaces
        if s.count >= 2, s.first == "\"", s.last == "\"" { s = s.dropFirst().dropLast() }
        return String(s)
    }
}
