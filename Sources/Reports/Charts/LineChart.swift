/// A metric against generation: one series per run or per sweep point, each drawn as its mean (a
/// solid line), a shaded band (q05–q95 across replicates) and, where a closed form exists, the
/// theory (dashed).
///
/// The output is an SVG document with no scripts and no external references; the same chart gives
/// the same bytes (fixed number formatting, series in the given order). Values that cannot be drawn
/// (not finite, or ≤ 0 on a log axis) are skipped, the line is broken there, and a note under the
/// chart counts them.
///
/// Elements carry classes a reader (or a test) can find: `series` groups (with `data-series`),
/// `band`, `mean`, `theory` paths, `legend-entry` groups, `note` texts.
public struct LineChart: Sendable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [ChartSeries]
    public var yScale: AxisScale
    public var width: Double
    public var height: Double
    /// What the shaded band is, for the legend.
    public var bandLabel: String
    /// What the dashed line is, for the legend.
    public var theoryLabel: String

    public init(
        title: String, xLabel: String = "generation t", yLabel: String, series: [ChartSeries],
        yScale: AxisScale = .automatic, width: Double = 880, height: Double = 440,
        bandLabel: String = "q05–q95 across replicates", theoryLabel: String = "theory (closed form)"
    ) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.series = series
        self.yScale = yScale; self.width = width; self.height = height
        self.bandLabel = bandLabel; self.theoryLabel = theoryLabel
    }

    /// Every y value the chart would draw: means, band edges, theory.
    var allYValues: [Double] {
        series.flatMap { s in s.points.flatMap { p in [p.y] + [p.low, p.high, p.theory].compactMap { $0 } } }
    }

    /// The y scale actually used: `yScale`, with `automatic` resolved from the data.
    public var resolvedYScale: AxisScale { yScale.resolved(for: allYValues) }

    /// The chart as a standalone SVG file (with an XML declaration).
    public func svgDocument() -> String { SVGText.xmlDeclaration + svg() + "\n" }

    /// The chart as an `<svg>` element, ready to inline in HTML.
    public func svg() -> String {
        let scale = resolvedYScale
        let titleSize = 15.0, fontSize = 12.0, tickSize = 11.0
        let hasBand = series.contains { $0.points.contains { $0.low != nil && $0.high != nil } }
        let hasTheory = series.contains { $0.points.contains { $0.theory != nil } }

        // Values that will not be drawn, counted for the note.
        var nonFinite = 0, nonPositive = 0
        for value in allYValues {
            if !value.isFinite { nonFinite += 1 } else if scale == .log && value <= 0 { nonPositive += 1 }
        }
        var notes: [String] = []
        if nonFinite > 0 { notes.append("\(nonFinite) non-finite value\(nonFinite == 1 ? "" : "s") (inf or nan) not drawn") }
        if nonPositive > 0 { notes.append("\(nonPositive) value\(nonPositive == 1 ? "" : "s") ≤ 0 not drawn on the log axis") }
        if series.isEmpty || series.allSatisfy({ $0.points.isEmpty }) { notes.append("no data") }

        // Legend entries: the series, then what the band and the dashed line mean.
        let maxLegendCharacters = 28
        var legend: [(label: String, kind: LegendKind)] = series.enumerated().map {
            (SVGText.truncate($0.element.label, maxCharacters: maxLegendCharacters), .series($0.offset))
        }
        if hasBand { legend.append((bandLabel, .band)) }
        if hasTheory { legend.append((theoryLabel, .theory)) }
        let legendWidth = Swift.min(
            220, (legend.map { SVGText.width($0.label, fontSize: fontSize) }.max() ?? 0) + 36)

        // Margins, then the plot rectangle.
        let top = 44.0
        let bottom = 52.0 + Double(notes.count) * 16
        let right = legendWidth + 20
        let plotHeight = Swift.max(60, height - top - bottom)
        let yAxis = Axis.fitting(allYValues, scale: scale, maxCount: Swift.max(3, Swift.min(9, Int(plotHeight / 30) + 1)))
        let yLabelWidth = yAxis.labels.map { SVGText.width($0, fontSize: tickSize) }.max() ?? 0
        let left = 30 + yLabelWidth + 10
        let plotWidth = Swift.max(60, width - left - right)
        let x0 = left, x1 = left + plotWidth, y0 = top, y1 = top + plotHeight

        let xs = series.flatMap { $0.points.map(\.x) }.filter(\.isFinite)
        let xAxis = LineChart.xAxis(low: xs.min() ?? 0, high: xs.max() ?? 1, plotWidth: plotWidth, fontSize: tickSize)

        func px(_ x: Double) -> Double? { xAxis.fraction(x).map { x0 + $0 * plotWidth } }
        func py(_ y: Double) -> Double? { yAxis.fraction(y).map { y1 - $0 * plotHeight } }
        let n = SVGText.n

        var out = SVGText.open(width: width, height: height, className: "chart line-chart", label: title) + "\n"
        out += "<title>\(Markup.escape(title))</title>\n"
        out += SVGText.rect(0, 0, width, height, fill: "#ffffff") + "\n"
        let titleRoom = Int((width - x0 - 12) / (titleSize * 0.62))
        out += SVGText.text(SVGText.truncate(title, maxCharacters: Swift.max(12, titleRoom)), x: x0, y: 24, size: titleSize, weight: "600") + "\n"

        // Grid and axes.
        out += "<g class=\"grid\" stroke-linecap=\"square\">\n"
        for tick in yAxis.ticks {
            guard let y = py(tick.value) else { continue }
            out += SVGText.line(x0, y, x1, y, stroke: tick.label == nil ? "#f0f0f0" : "#e2e2e2") + "\n"
        }
        for tick in xAxis.ticks {
            guard let x = px(tick.value) else { continue }
            out += SVGText.line(x, y0, x, y1, stroke: "#eeeeee") + "\n"
        }
        out += "</g>\n"
        out += "<g class=\"axis y-axis\" data-scale=\"\(scale.rawValue)\">\n"
        out += SVGText.line(x0, y0, x0, y1, stroke: "#555555") + "\n"
        for tick in yAxis.ticks {
            guard let label = tick.label, let y = py(tick.value) else { continue }
            out += SVGText.line(x0 - 5, y, x0, y, stroke: "#555555") + "\n"
            out += SVGText.text(label, x: x0 - 8, y: y + 4, size: tickSize, anchor: "end", fill: "#444444") + "\n"
        }
        let yTitle = yLabel + (scale == .log ? " (log scale)" : "")
        out += "<text x=\"0\" y=\"0\" font-size=\"\(n(fontSize))\" text-anchor=\"middle\" transform=\"translate(\(n(16)) \(n((y0 + y1) / 2))) rotate(-90)\">\(Markup.escape(yTitle))</text>\n"
        out += "</g>\n"
        out += "<g class=\"axis x-axis\">\n"
        out += SVGText.line(x0, y1, x1, y1, stroke: "#555555") + "\n"
        for tick in xAxis.ticks {
            guard let label = tick.label, let x = px(tick.value) else { continue }
            out += SVGText.line(x, y1, x, y1 + 5, stroke: "#555555") + "\n"
            out += SVGText.text(label, x: x, y: y1 + 18, size: tickSize, anchor: "middle", fill: "#444444") + "\n"
        }
        out += SVGText.text(xLabel, x: (x0 + x1) / 2, y: y1 + 38, size: fontSize, anchor: "middle") + "\n"
        out += "</g>\n"

        // Series: bands first (under every line), then means and theory.
        let lone = series.count == 1
        for (index, s) in series.enumerated() {
            let colour = Palette.colour(index)
            out += "<g class=\"series\" data-series=\"\(Markup.escape(s.label))\">\n"
            for run in LineChart.runs(s.points, where: { p in
                guard let low = p.low, let high = p.high else { return false }
                return px(p.x) != nil && py(low) != nil && py(high) != nil
            }) where run.count >= 1 {
                var d = ""
                for (i, p) in run.enumerated() { d += (i == 0 ? "M" : "L") + "\(n(px(p.x)!)) \(n(py(p.high!)!))" }
                for p in run.reversed() { d += "L\(n(px(p.x)!)) \(n(py(p.low!)!))" }
                d += "Z"
                out += "<path class=\"band\" d=\"\(d)\" fill=\"\(colour)\" fill-opacity=\"0.18\" stroke=\"\(run.count == 1 ? colour : "none")\" stroke-opacity=\"0.3\"/>\n"
            }
            let meanPath = LineChart.path(s.points, x: { px($0.x) }, y: { py($0.y) })
            if !meanPath.isEmpty {
                out += "<path class=\"mean\" d=\"\(meanPath)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n"
            }
            let theoryPath = LineChart.path(s.points, x: { px($0.x) }, y: { $0.theory.flatMap(py) })
            if !theoryPath.isEmpty {
                out += "<path class=\"theory\" d=\"\(theoryPath)\" fill=\"none\" stroke=\"\(lone ? "#222222" : colour)\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" stroke-linecap=\"round\"/>\n"
            }
            out += "</g>\n"
        }

        // Legend, right of the plot; entries that do not fit are summarised.
        let legendX = x1 + 18
        let rowHeight = 20.0
        let capacity = Swift.max(1, Int(plotHeight / rowHeight))
        var shown = legend
        var hidden = 0
        if legend.count > capacity {
            // Keep the band and theory keys; cut series.
            let keys = legend.filter { if case .series = $0.kind { return false } else { return true } }
            let seriesEntries = legend.filter { if case .series = $0.kind { return true } else { return false } }
            let room = Swift.max(0, capacity - keys.count - 1)
            hidden = seriesEntries.count - room
            shown = Array(seriesEntries.prefix(room)) + keys
        }
        out += "<g class=\"legend\">\n"
        for (row, entry) in shown.enumerated() {
            let y = y0 + 8 + Double(row) * rowHeight
            out += "<g class=\"legend-entry\">"
            switch entry.kind {
            case .series(let index):
                let colour = Palette.colour(index)
                if hasBand { out += SVGText.rect(legendX, y - 6, 24, 12, fill: colour, extra: "fill-opacity=\"0.18\"") }
                out += SVGText.line(legendX, y, legendX + 24, y, stroke: colour, width: 2)
            case .band:
                out += SVGText.rect(legendX, y - 6, 24, 12, fill: lone ? Palette.colour(0) : "#888888", extra: "fill-opacity=\"0.25\"")
            case .theory:
                out += SVGText.line(legendX, y, legendX + 24, y, stroke: "#222222", width: 1.5, extra: "stroke-dasharray=\"6 4\"")
            }
            out += SVGText.text(entry.label, x: legendX + 30, y: y + 4, size: fontSize) + "</g>\n"
        }
        if hidden > 0 {
            let y = y0 + 8 + Double(shown.count) * rowHeight
            out += SVGText.text("… and \(hidden) more series", x: legendX + 30, y: y + 4, size: fontSize, fill: "#666666") + "\n"
        }
        out += "</g>\n"

        for (i, note) in notes.enumerated() {
            out += SVGText.text(note, x: x0, y: y1 + 58 + Double(i) * 16, size: tickSize, fill: "#8a4b00", extra: "class=\"note\"") + "\n"
        }
        out += "</svg>"
        return out
    }

    enum LegendKind { case series(Int), band, theory }

    /// The x axis: integer-friendly 1-2-5 ticks, as many as fit without labels touching.
    static func xAxis(low: Double, high: Double, plotWidth: Double, fontSize: Double) -> Axis {
        let integers = low.rounded() == low && high.rounded() == high
        // A single generation: show it at the left of a one-step axis, not centred on negative ones.
        let high = high > low ? high : low + 1
        var maxCount = 11
        while true {
            let axis = Axis.linear(from: low, to: high, maxCount: maxCount, integerStep: integers)
            let labelWidth = axis.labels.map { SVGText.width($0, fontSize: fontSize) }.max() ?? 0
            let spacing = plotWidth / Double(Swift.max(1, axis.ticks.count - 1))
            if spacing >= labelWidth + 12 || maxCount <= 2 { return axis }
            maxCount -= 1
        }
    }

    /// Maximal runs of consecutive points that satisfy `drawable`.
    static func runs(_ points: [ChartPoint], where drawable: (ChartPoint) -> Bool) -> [[ChartPoint]] {
        var result: [[ChartPoint]] = []
        var current: [ChartPoint] = []
        for p in points {
            if drawable(p) { current.append(p) } else if !current.isEmpty { result.append(current); current = [] }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Path data through the drawable points, broken (a new `M`) at every gap; a lone point is a
    /// zero-length segment, which round caps draw as a dot.
    static func path(_ points: [ChartPoint], x: (ChartPoint) -> Double?, y: (ChartPoint) -> Double?) -> String {
        var d = ""
        var penDown = false
        var runLength = 0
        for p in points {
            guard let px = x(p), let py = y(p) else {
                if penDown && runLength == 1 { d += "h0" }
                penDown = false; runLength = 0
                continue
            }
            d += (penDown ? "L" : "M") + "\(SVGText.n(px)) \(SVGText.n(py))"
            penDown = true; runLength += 1
        }
        if penDown && runLength == 1 { d += "h0" }
        return d
    }
}
