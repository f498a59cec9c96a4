import Foundation

/// `summary.csv`: one row per (generation, metric), header
/// `generation,metric,mean,sd,se,q05,q50,q95,theory`.
public struct SummaryTable: Sendable, Equatable {
    public static let header = ["generation", "metric", "mean", "sd", "se", "q05", "q50", "q95", "theory"]

    public var rows: [SummaryRow]

    public init(rows: [SummaryRow]) { self.rows = rows }

    /// The metrics in the order they first appear in the file.
    public var metrics: [String] {
        var seen = Set<String>()
        return rows.compactMap { seen.insert($0.metric).inserted ? $0.metric : nil }
    }

    /// The rows of one metric, by generation.
    public func rows(metric: String) -> [SummaryRow] {
        rows.filter { $0.metric == metric }.sorted { $0.generation < $1.generation }
    }

    /// The last generation in the table (T), or nil when it is empty.
    public var lastGeneration: Int? { rows.map(\.generation).max() }

    public static func read(contentsOf url: URL) throws -> SummaryTable {
        try SummaryTable(table: DataTable.read(contentsOf: url), fileName: url.path)
    }

    /// Checks the header and converts every field; an error names the file, the line and the column.
    public init(table: DataTable, fileName: String) throws {
        guard table.columns == SummaryTable.header else {
            throw RunFileError(
                file: fileName,
                message: "header is \"\(table.columns.joined(separator: ","))\", expected \"\(SummaryTable.header.joined(separator: ","))\"")
        }
        var rows: [SummaryRow] = []
        rows.reserveCapacity(table.rows.count)
        var seen: [String: Set<Int>] = [:]
        for (index, fields) in table.rows.enumerated() {
            let line = index < table.lines.count ? table.lines[index] : index + 2
            func fail(_ column: String, _ text: String) -> RunFileError {
                RunFileError(file: fileName, message: "line \(line): \(column) \"\(text)\" is not a number")
            }
            func number(_ i: Int, optional: Bool = false) throws -> Double? {
                let text = fields[i].trimmingCharacters(in: .whitespaces)
                if text.isEmpty {
                    if optional { return nil }
                    // A statistic that could not be computed may be left empty; it reads as nan.
                    if i != 2 { return .nan }
                    throw RunFileError(file: fileName, message: "line \(line): mean is empty")
                }
                guard let value = SummaryTable.parseNumber(text) else { throw fail(SummaryTable.header[i], text) }
                return value
            }
            guard let generation = Int(fields[0].trimmingCharacters(in: .whitespaces)), generation >= 0 else {
                throw RunFileError(file: fileName, message: "line \(line): generation \"\(fields[0])\" is not a whole number ≥ 0")
            }
            let metric = fields[1].trimmingCharacters(in: .whitespaces)
            guard !metric.isEmpty else { throw RunFileError(file: fileName, message: "line \(line): metric is empty") }
            guard seen[metric, default: []].insert(generation).inserted else {
                throw RunFileError(file: fileName, message: "line \(line): a second row for generation \(generation) of \(metric)")
            }
            rows.append(
                SummaryRow(
                    generation: generation, metric: metric,
                    mean: try number(2)!, sd: try number(3)!, se: try number(4)!,
                    q05: try number(5)!, q50: try number(6)!, q95: try number(7)!,
                    theory: try number(8, optional: true)))
        }
        self.rows = rows
    }

    /// `1.5`, `-2e-3`, `inf`, `-inf`, `nan` (any case, also `infinity`).
    static func parseNumber(_ text: String) -> Double? {
        if let value = Double(text) { return value }
        switch text.lowercased() {
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        case "nan", "+nan", "-nan": return .nan
        default: return nil
        }
    }

    /// The table as `summary.csv` text, numbers in the fixed format.
    public func csv() -> String {
        var out = SummaryTable.header.joined(separator: ",") + "\n"
        for row in rows {
            let numbers = [row.mean, row.sd, row.se, row.q05, row.q50, row.q95].map(NumberFormatting.full)
            let theory = row.theory.map(NumberFormatting.full) ?? ""
            out += "\(row.generation),\(DataTable.quote(row.metric)),\(numbers.joined(separator: ",")),\(theory)\n"
        }
        return out
    }
}
