/// A plain-text table for the terminal: columns padded to their widest cell.
public struct TextTable: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]
    /// Columns (by index) aligned right, such as numbers.
    public var alignRight: Set<Int>

    public init(header: [String], rows: [[String]], alignRight: Set<Int> = []) {
        self.header = header
        self.rows = rows
        self.alignRight = alignRight
    }

    /// The table, a line for the header, a rule, a line per row; each line ends with `\n`.
    public func render() -> String {
        let all = [header] + rows
        let count = all.map(\.count).max() ?? 0
        let widths = (0..<count).map { c in all.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for c in 0..<count {
                let cell = c < cells.count ? cells[c] : ""
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                parts.append(alignRight.contains(c) ? pad + cell : cell + pad)
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text + "\n"
        }
        var out = line(header)
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) }
        return out
    }
}
