import Foundation

/// Writes a run directory's `report.html` and `plots/<metric>.svg` from its files.
///
/// ```swift
/// try ReportWriter.write(runDirectory: runURL)
/// ```
/// Reads `manifest.json`, `spec.yaml` and `summary.csv` (a missing or malformed one throws a
/// `RunFileError` naming it), draws one `LineChart` per metric and writes every file atomically.
/// The output depends only on those files: the same run gives the same bytes.
public struct ReportWriter: Sendable {
    /// The y scale of every chart (`automatic`: log for variance-like metrics spanning decades).
    public var yScale: AxisScale

    public init(yScale: AxisScale = .automatic) { self.yScale = yScale }

    /// What a report consists of, before it is written.
    public struct Rendered: Sendable {
        public var html: String
        /// (metric, file name under `plots/`, SVG document) in report order.
        public var plots: [(metric: String, fileName: String, svg: String)]
    }

    /// The files written.
    public struct Output: Sendable, Equatable {
        public var report: URL
        public var plots: [URL]
    }

    /// Reads the run directory and writes its report with the default options.
    @discardableResult
    public static func write(runDirectory: URL) throws -> Output {
        try ReportWriter().write(runDirectory: runDirectory)
    }

    @discardableResult
    public func write(runDirectory: URL) throws -> Output {
        try write(RunDirectory(reading: runDirectory))
    }

    @discardableResult
    public func write(_ run: RunDirectory) throws -> Output {
        let rendered = render(run)
        let plotsURL = run.url.appendingPathComponent(RunDirectory.plotsFolder, isDirectory: true)
        try FileManager.default.createDirectory(at: plotsURL, withIntermediateDirectories: true)
        var plotURLs: [URL] = []
        for plot in rendered.plots {
            let url = plotsURL.appendingPathComponent(plot.fileName)
            try Data(plot.svg.utf8).write(to: url, options: .atomic)
            plotURLs.append(url)
        }
        let reportURL = run.url.appendingPathComponent(RunDirectory.reportFile)
        try Data(rendered.html.utf8).write(to: reportURL, options: .atomic)
        return Output(report: reportURL, plots: plotURLs)
    }

    /// The report and its plots as strings.
    public func render(_ run: RunDirectory) -> Rendered {
        var used = Set<String>()
        let charts = run.metrics.map { metric -> (metric: String, fileName: String, chart: LineChart) in
            var stem = ReportWriter.fileStem(metric)
            var k = 2
            while used.contains(stem) { stem = ReportWriter.fileStem(metric) + "-\(k)"; k += 1 }
            used.insert(stem)
            return (metric, stem + ".svg", chart(for: run, metric: metric))
        }
        let html = HTMLReport(run: run, charts: charts).render()
        return Rendered(html: html, plots: charts.map { ($0.metric, $0.fileName, $0.chart.svgDocument()) })
    }

    /// The chart of one metric of one run.
    public func chart(for run: RunDirectory, metric: String) -> LineChart {
        let replicates = run.manifest.replicates.map { "mean of \($0) replicates" } ?? "mean over replicates"
        return LineChart(
            title: "\(metric) · \(run.name)", yLabel: metric,
            series: [ChartSeries(label: replicates, rows: run.summary.rows(metric: metric))],
            yScale: yScale)
    }

    /// A metric name as a file name: letters, digits, `.`, `_`, `-`; anything else becomes `-`.
    public static func fileStem(_ metric: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        var stem = String(metric.map { allowed.contains($0) ? $0 : "-" })
        while stem.hasPrefix(".") { stem.removeFirst() }
        return stem.isEmpty ? "metric" : stem
    }
}
