import Experiments
import Foundation

/// Charts across a sweep and its index page, from the sweep directory's files: `plan.json`,
/// `sweep.csv` and `sweep.yaml`.
///
/// - `plots/<metric>.svg`: the metric against generation, a line per point (``ChartSeries/sweepSeries(table:metric:keys:)``);
///   the q05–q95 bands are drawn while there are at most ``maximumBandedSeries`` points.
/// - `plots/<metric>-heatmap.svg`, for a grid of two axes: the mean at each point's last
///   generation over the two axes' first keys (``Heatmap``).
/// - `index.html`: the points (with links to their own reports), the charts, the spec.
///
/// Nothing else is read (no timings), so a local sweep and one collected from a cluster give the
/// same bytes.
public struct SweepReportWriter: Sendable {
    public var yScale: AxisScale
    /// More points than this are drawn without their bands (the chart would be a smear).
    public static let maximumBandedSeries = 6
    public static let indexFile = "index.html"

    public init(yScale: AxisScale = .automatic) { self.yScale = yScale }

    public struct Output: Sendable, Equatable {
        public var index: URL
        public var plots: [URL]
    }

    /// A chart of the sweep: its file name under `plots/`, what it shows, its SVG element.
    struct Figure {
        var fileName: String
        var caption: String
        var svg: String
        var document: String
    }

    @discardableResult
    public static func write(sweepDirectory: URL) throws -> Output {
        try SweepReportWriter().write(sweepDirectory: sweepDirectory)
    }

    @discardableResult
    public func write(sweepDirectory directory: URL) throws -> Output {
        let plan = try SweepPlanFile.read(from: directory)
        let table = try DataTable.read(contentsOf: directory.appendingPathComponent(SweepCollector.fileName))
        let specURL = directory.appendingPathComponent("sweep.yaml")
        let specText = FileManager.default.contents(atPath: specURL.path).flatMap { String(data: $0, encoding: .utf8) } ?? ""
        let figures = try self.figures(plan: plan, table: table)
        let plotsURL = directory.appendingPathComponent(RunDirectory.plotsFolder, isDirectory: true)
        try FileManager.default.createDirectory(at: plotsURL, withIntermediateDirectories: true)
        var plotURLs: [URL] = []
        for figure in figures {
            let url = plotsURL.appendingPathComponent(figure.fileName)
            try Data(figure.document.utf8).write(to: url, options: .atomic)
            plotURLs.append(url)
        }
        let html = page(plan: plan, figures: figures, specText: specText)
        let indexURL = directory.appendingPathComponent(Self.indexFile)
        try Data(html.utf8).write(to: indexURL, options: .atomic)
        return Output(index: indexURL, plots: plotURLs)
    }

    /// The metrics of a sweep table, in order of first appearance.
    static func metrics(_ table: DataTable) throws -> [String] {
        guard let column = table.index(of: "metric") else { throw ChartDataError.missingColumn("metric") }
        var seen = Set<String>()
        return table.rows.map { $0[column] }.filter { seen.insert($0).inserted }
    }

    func figures(plan: SweepPlanFile, table: DataTable) throws -> [Figure] {
        var used = Set<String>()
        func stem(_ base: String) -> String {
            var candidate = ReportWriter.fileStem(base)
            var k = 2
            while used.contains(candidate) { candidate = ReportWriter.fileStem(base) + "-\(k)"; k += 1 }
            used.insert(candidate)
            return candidate
        }
        let lastGeneration = try Self.lastGenerationRows(table, keys: plan.keys)
        let heatmapAxes: (x: String, y: String)? = plan.axes.count == 2 ? (plan.axes[1][0], plan.axes[0][0]) : nil
        var figures: [Figure] = []
        for metric in try Self.metrics(table) {
            var series = try ChartSeries.sweepSeries(table: table, metric: metric, keys: plan.keys)
            if plan.keys.isEmpty { series = series.map { ChartSeries(label: plan.name, points: $0.points) } }
            // With several keys, `k1=v1, k2=v2` overflows the legend: the keys go in the title, the
            // values in the legend.
            let keysInTitle = plan.keys.count > 1
            if keysInTitle, series.count == plan.points.count {
                // sweep.csv lists the points in plan order, so series i is point i.
                series = zip(series, plan.points).map { s, point in
                    ChartSeries(label: point.values.joined(separator: ", "), points: s.points)
                }
            }
            let banded = series.count <= Self.maximumBandedSeries
            if !banded {
                series = series.map { s in
                    ChartSeries(label: s.label, points: s.points.map { ChartPoint(x: $0.x, y: $0.y, theory: $0.theory) })
                }
            }
            let title = "\(metric) · \(plan.name)" + (keysInTitle ? " · " + plan.keys.joined(separator: ", ") : "")
            let chart = LineChart(title: title, yLabel: metric, series: series, yScale: yScale)
            let fileName = stem(metric) + ".svg"
            var caption = "<b>\(Markup.escape(metric))</b> against generation, a line per point (the mean over replicates)"
            caption += banded ? "; shaded, q05–q95 across replicates" : "; bands left out for more than \(Self.maximumBandedSeries) points"
            if series.contains(where: { $0.points.contains { $0.theory != nil } }) { caption += "; dashed, theory" }
            caption += ". \(chart.resolvedYScale == .log ? "Log" : "Linear") y axis."
            figures.append(Figure(fileName: fileName, caption: caption, svg: chart.svg(), document: chart.svgDocument()))

            if let axes = heatmapAxes,
               let heatmap = try? Heatmap(
                   table: lastGeneration.table, xKey: axes.x, yKey: axes.y, value: "mean", filter: ["metric": metric],
                   title: "\(metric) at the last generation\(lastGeneration.uniform.map { " (\($0))" } ?? "")", colourScale: yScale)
            {
                let heatmapName = stem(metric + "-heatmap") + ".svg"
                let caption = "<b>\(Markup.escape(metric))</b>: the mean over replicates at \(lastGeneration.uniform.map { "generation \($0)" } ?? "each point's last generation"), by \(Markup.escape(axes.x)) and \(Markup.escape(axes.y)). \(heatmap.resolvedColourScale == .log ? "Log" : "Linear") colour scale."
                figures.append(Figure(fileName: heatmapName, caption: caption, svg: heatmap.svg(), document: heatmap.svgDocument()))
            }
        }
        return figures
    }

    /// The rows of each point's last generation (a point = one combination of key values), and
    /// that generation when it is the same for every point.
    static func lastGenerationRows(_ table: DataTable, keys: [String]) throws -> (table: DataTable, uniform: Int?) {
        guard let generationColumn = table.index(of: "generation") else { throw ChartDataError.missingColumn("generation") }
        let keyColumns = try keys.map { key -> Int in
            guard let column = table.index(of: key) else { throw ChartDataError.missingColumn(key) }
            return column
        }
        var last: [[String]: Int] = [:]
        for row in table.rows {
            let point = keyColumns.map { row[$0] }
            let generation = Int(row[generationColumn]) ?? 0
            last[point] = max(last[point] ?? generation, generation)
        }
        let rows = table.rows.filter { row in Int(row[generationColumn]) == last[keyColumns.map { row[$0] }] }
        let distinct = Set(last.values)
        return (DataTable(columns: table.columns, rows: rows), distinct.count == 1 ? distinct.first : nil)
    }

    func page(plan: SweepPlanFile, figures: [Figure], specText: String) -> String {
        let e = Markup.escape
        var html = ReportStyle.pageStart(title: "\(plan.name) · collapse sweep")
        let axes = plan.axes.map { $0.count == 1 ? $0[0] : "zip(" + $0.joined(separator: ", ") + ")" }
        html += "<header>\n<h1>\(e(plan.name))</h1>\n"
        html += "<p class=\"subtitle\">sweep of \(plan.count) point\(plan.count == 1 ? "" : "s")"
        if !axes.isEmpty { html += " over \(e(axes.joined(separator: " × ")))" }
        html += "</p>\n<nav><a href=\"#points\">Points</a><a href=\"#charts\">Charts</a><a href=\"#spec\">Spec</a><a href=\"#files\">Files</a></nav>\n</header>\n"

        html += "\n<section id=\"points\">\n<h2>Points</h2>\n<table class=\"points\">\n<thead><tr><th class=\"num\">#</th>"
        for key in plan.keys { html += "<th>\(e(key))</th>" }
        html += "<th>run</th></tr></thead>\n<tbody>\n"
        for point in plan.points {
            html += "<tr><td class=\"num\">\(point.index)</td>"
            for value in point.values { html += "<td>\(e(value))</td>" }
            html += "<td><a href=\"\(e(point.directory))/report.html\">\(e(point.directory))</a></td></tr>\n"
        }
        html += "</tbody>\n</table>\n</section>\n"

        html += "\n<section id=\"charts\">\n<h2>Charts</h2>\n"
        if figures.isEmpty { html += "<p class=\"note\">sweep.csv has no rows.</p>\n" }
        for figure in figures {
            html += "<figure class=\"chart\" id=\"chart-\(e(String(figure.fileName.dropLast(4))))\">\n\(figure.svg)\n"
            html += "<figcaption>\(figure.caption) File: <a href=\"plots/\(e(figure.fileName))\">plots/\(e(figure.fileName))</a></figcaption>\n</figure>\n"
        }
        html += "</section>\n"

        html += "\n<section id=\"spec\">\n<h2>Spec</h2>\n<pre class=\"spec\">\(e(specText))</pre>\n</section>\n"
        html += "\n<section id=\"files\">\n<h2>Files</h2>\n<ul>\n"
        html += "<li><a href=\"sweep.csv\">sweep.csv</a>: the swept keys, then generation, metric, mean, sd, se, q05, q50, q95, theory, for every point</li>\n"
        html += "<li><a href=\"plan.json\">plan.json</a>: the points, their values and run directories</li>\n"
        html += "<li><a href=\"sweep.yaml\">sweep.yaml</a>: the spec as run</li>\n"
        html += "</ul>\n</section>\n"
        html += "<footer>Written by collapse from plan.json and sweep.csv; the same files give the same page.</footer>\n</main>\n</body>\n</html>\n"
        return html
    }
}
