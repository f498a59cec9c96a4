import Foundation

/// A value over a grid of two sweep keys (e.g. real count × synthetic count), each cell coloured
/// on a viridis scale, with a colour bar as its legend.
///
/// Missing cells are grey. The colour scale is log when the values are positive and span more than
/// two decades (`AxisScale.automatic`), linear otherwise. Same input, same bytes.
///
/// Elements carry classes: `cell` rects (with `data-x`, `data-y` and, when present, `data-value`),
/// `colour-bar`, `note`.
public struct Heatmap: Sendable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var valueLabel: String
    /// Column labels, left to right.
    public var xValues: [String]
    /// Row labels, bottom to top.
    public var yValues: [String]
    /// `values[row][column]`, row indexing `yValues` and column indexing `xValues`; nil: no value.
    public var values: [[Double?]]
    public var colourScale: AxisScale

    public init(
        title: String, xLabel: String, yLabel: String, valueLabel: String,
        xValues: [String], yValues: [String], values: [[Double?]], colourScale: AxisScale = .automatic
    ) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.valueLabel = valueLabel
        self.xValues = xValues; self.yValues = yValues; self.colourScale = colourScale
        self.values = yValues.indices.map { row in
            xValues.indices.map { column in
                row < values.count && column < values[row].count ? values[row][column] : nil
            }
        }
    }

    /// A heatmap from a table (such as a sweep's `sweep.csv`): `xKey` and `yKey` name the grid's
    /// columns, `value` the column to colour by, and `filter` keeps only rows whose columns equal
    /// the given values (e.g. `["metric": "variance", "generation": "100"]`).
    ///
    /// Key values are sorted numerically when they are all numbers, else kept in order of first
    /// appearance. Two rows for one cell are an error: filter on the other keys first.
    public init(
        table: DataTable, xKey: String, yKey: String, value: String, filter: [String: String] = [:],
        title: String? = nil, colourScale: AxisScale = .automatic
    ) throws {
        func column(_ name: String) throws -> Int {
            guard let index = table.index(of: name) else { throw ChartDataError.missingColumn(name) }
            return index
        }
        let xColumn = try column(xKey), yColumn = try column(yKey), valueColumn = try column(value)
        let filters = try filter.keys.sorted().map { (try column($0), filter[$0]!) }
        let rows = table.rows.filter { row in filters.allSatisfy { row[$0.0] == $0.1 } }
        guard !rows.isEmpty else { throw ChartDataError.noRows }
        let xs = Heatmap.order(rows.map { $0[xColumn] })
        let ys = Heatmap.order(rows.map { $0[yColumn] })
        var grid = [[Double?]](repeating: [Double?](repeating: nil, count: xs.count), count: ys.count)
        var filled = Set<[Int]>()
        for row in rows {
            let c = xs.firstIndex(of: row[xColumn])!, r = ys.firstIndex(of: row[yColumn])!
            guard filled.insert([r, c]).inserted else {
                throw ChartDataError.duplicateCell(x: row[xColumn], y: row[yColumn])
            }
            let text = row[valueColumn]
            if text.isEmpty { continue }
            guard let number = SummaryTable.parseNumber(text) else {
                throw ChartDataError.notANumber(column: value, value: text)
            }
            grid[r][c] = number
        }
        let filterText = filter.keys.sorted().map { "\($0)=\(filter[$0]!)" }.joined(separator: ", ")
        self.init(
            title: title ?? "\(value) by \(xKey) and \(yKey)" + (filterText.isEmpty ? "" : " (\(filterText))"),
            xLabel: xKey, yLabel: yKey, valueLabel: value, xValues: xs, yValues: ys, values: grid,
            colourScale: colourScale)
    }

    /// Distinct values, numerically sorted when all are numbers, else in order of first appearance.
    static func order(_ values: [String]) -> [String] {
        var seen = Set<String>()
        let distinct = values.filter { seen.insert($0).inserted }
        let numbers = distinct.map { Double($0) }
        guard numbers.allSatisfy({ $0 != nil }) else { return distinct }
        return zip(distinct, numbers).sorted { ($0.1!, $0.0) < ($1.1!, $1.0) }.map(\.0)
    }

    public var resolvedColourScale: AxisScale { colourScale.resolved(for: values.flatMap { $0.compactMap { $0 } }) }

    public func svgDocument() -> String { SVGText.xmlDeclaration + svg() + "\n" }

    public func svg() -> String {
        let n = SVGText.n
        let titleSize = 15.0, fontSize = 12.0, tickSize = 11.0
        let scale = resolvedColourScale
        let all = values.flatMap { $0.compactMap { $0 } }
        let undrawable = all.filter { !$0.isFinite || (scale == .log && $0 <= 0) }.count
        let missing = values.flatMap { $0 }.filter { $0 == nil }.count
        let colourAxis = Axis.fitting(all, scale: scale, maxCount: 6)

        // Cell size: as large as reads well, smaller when there are many columns or rows.
        let cellWidth = Swift.max(18, Swift.min(72, 640 / Double(Swift.max(1, xValues.count))))
        let cellHeight = Swift.max(16, Swift.min(44, 440 / Double(Swift.max(1, yValues.count))))
        let xLabelWidths = xValues.map { SVGText.width($0, fontSize: tickSize) }
        let rotateX = (xLabelWidths.max() ?? 0) > cellWidth - 6
        let xLabelBand = rotateX ? Swift.min(120, (xLabelWidths.max() ?? 0) * 0.72 + 14) : 20
        let yLabelWidth = Swift.min(160, yValues.map { SVGText.width($0, fontSize: tickSize) }.max() ?? 0)
        let barLabelWidth = colourAxis.labels.map { SVGText.width($0, fontSize: tickSize) }.max() ?? 0

        var notes: [String] = []
        if missing > 0 { notes.append("grey: no value (\(missing) cell\(missing == 1 ? "" : "s"))") }
        if undrawable > 0 { notes.append("\(undrawable) value\(undrawable == 1 ? "" : "s") not finite\(scale == .log ? " or ≤ 0" : "") shown grey") }

        let left = 30 + yLabelWidth + 10
        let top = 44.0
        let plotWidth = cellWidth * Double(xValues.count), plotHeight = cellHeight * Double(yValues.count)
        let x0 = left, y0 = top, x1 = left + plotWidth, y1 = top + plotHeight
        let barX = x1 + 28, barWidth = 16.0
        let valueTitleWidth = SVGText.width(valueLabel, fontSize: fontSize)
        let width = (barX + barWidth + 8 + Swift.max(barLabelWidth, valueTitleWidth - barWidth - 8) + 16).rounded(.up)
        let minimumWidth = x0 + SVGText.width(title, fontSize: titleSize) + 16
        let totalWidth = Swift.max(width, minimumWidth.rounded(.up))
        let height = (y1 + xLabelBand + 30 + Double(notes.count) * 16 + 10).rounded(.up)

        var out = SVGText.open(width: totalWidth, height: height, className: "chart heatmap", label: title) + "\n"
        out += "<title>\(Markup.escape(title))</title>\n"
        out += SVGText.rect(0, 0, totalWidth, height, fill: "#ffffff") + "\n"
        out += SVGText.text(title, x: x0, y: 24, size: titleSize, weight: "600") + "\n"

        let showValues = cellWidth >= 44 && cellHeight >= 20
        out += "<g class=\"cells\">\n"
        for (r, row) in values.enumerated() {
            let y = y1 - Double(r + 1) * cellHeight
            for (c, value) in row.enumerated() {
                let x = x0 + Double(c) * cellWidth
                var attributes = "class=\"cell\" data-x=\"\(Markup.escape(xValues[c]))\" data-y=\"\(Markup.escape(yValues[r]))\""
                var fill = "#d9d9d9"
                var label: String? = nil
                if let value {
                    attributes += " data-value=\"\(NumberFormatting.full(value))\""
                    label = NumberFormatting.significant(value, digits: 3)
                    if let t = colourAxis.fraction(value) { fill = Palette.viridis(t) }
                }
                out += SVGText.rect(x, y, cellWidth, cellHeight, fill: fill, extra: attributes + " stroke=\"#ffffff\" stroke-width=\"1\"") + "\n"
                if showValues, let label, SVGText.width(label, fontSize: 10) < cellWidth - 4 {
                    let textColour = fill == "#d9d9d9" || Heatmap.isLight(fill) ? "#222222" : "#ffffff"
                    out += SVGText.text(label, x: x + cellWidth / 2, y: y + cellHeight / 2 + 3.5, size: 10, anchor: "middle", fill: textColour) + "\n"
                }
            }
        }
        out += "</g>\n"

        out += "<g class=\"axis x-axis\">\n"
        for (c, label) in xValues.enumerated() {
            let x = x0 + (Double(c) + 0.5) * cellWidth
            if rotateX {
                out += "<text x=\"0\" y=\"0\" font-size=\"\(n(tickSize))\" text-anchor=\"end\" fill=\"#444444\" transform=\"translate(\(n(x + 3)) \(n(y1 + 10))) rotate(-45)\">\(Markup.escape(label))</text>\n"
            } else {
                out += SVGText.text(label, x: x, y: y1 + 15, size: tickSize, anchor: "middle", fill: "#444444") + "\n"
            }
        }
        out += SVGText.text(xLabel, x: (x0 + x1) / 2, y: y1 + xLabelBand + 18, size: fontSize, anchor: "middle") + "\n"
        out += "</g>\n<g class=\"axis y-axis\">\n"
        for (r, label) in yValues.enumerated() {
            let y = y1 - (Double(r) + 0.5) * cellHeight
            out += SVGText.text(SVGText.truncate(label, maxCharacters: 24), x: x0 - 6, y: y + 4, size: tickSize, anchor: "end", fill: "#444444") + "\n"
        }
        out += "<text x=\"0\" y=\"0\" font-size=\"\(n(fontSize))\" text-anchor=\"middle\" transform=\"translate(\(n(16)) \(n((y0 + y1) / 2))) rotate(-90)\">\(Markup.escape(yLabel))</text>\n"
        out += "</g>\n"

        // Colour bar: stacked bands (no gradient ids, so several heatmaps can share one page).
        let steps = 48
        let barHeight = Swift.max(80, plotHeight)
        out += "<g class=\"colour-bar\" data-scale=\"\(scale.rawValue)\">\n"
        out += SVGText.text(valueLabel + (scale == .log ? " (log)" : ""), x: barX, y: y0 - 8, size: fontSize) + "\n"
        for i in 0..<steps {
            let t = (Double(i) + 0.5) / Double(steps)
            let y = y0 + barHeight - Double(i + 1) * barHeight / Double(steps)
            out += SVGText.rect(barX, y, barWidth, barHeight / Double(steps) + 0.5, fill: Palette.viridis(t)) + "\n"
        }
        var lastLabelY = Double.infinity
        for tick in colourAxis.ticks {
            guard let label = tick.label, let t = colourAxis.fraction(tick.value), t >= -1e-9, t <= 1 + 1e-9 else { continue }
            let y = y0 + barHeight - t * barHeight
            guard lastLabelY - y >= 14 else { continue }
            lastLabelY = y
            out += SVGText.line(barX + barWidth, y, barX + barWidth + 4, y, stroke: "#555555") + "\n"
            out += SVGText.text(label, x: barX + barWidth + 7, y: y + 4, size: tickSize, fill: "#444444") + "\n"
        }
        out += "</g>\n"

        for (i, note) in notes.enumerated() {
            out += SVGText.text(note, x: x0, y: height - 10 - Double(notes.count - 1 - i) * 16, size: tickSize, fill: "#8a4b00", extra: "class=\"note\"") + "\n"
        }
        out += "</svg>"
        return out
    }

    /// Whether white text would be hard to read on `hex` (relative luminance above ~0.45).
    static func isLight(_ hex: String) -> Bool {
        let digits = Array(hex.dropFirst())
        guard digits.count == 6 else { return true }
        func component(_ i: Int) -> Double { Double(Int(String(digits[i...i + 1]), radix: 16) ?? 0) / 255 }
        let luminance = 0.2126 * component(0) + 0.7152 * component(2) + 0.0722 * component(4)
        return luminance > 0.45
    }
}
