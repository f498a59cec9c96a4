import Foundation
import Testing
@testable import Reports

/// The report in a real browser: headless Chromium (Debian's `chromium`, installed by `.ci/run`)
/// loads report.html from disk, and we check what it rendered. Enabled when `chromium` is on PATH.
///
/// Set REPORTS_SCREENSHOT_DIR to keep the screenshots for a person to look at.
@Suite(.serialized, .enabled(if: Subprocess.find("chromium") != nil, "needs chromium on PATH"))
struct BrowserTests {
    static let timeout: TimeInterval = 120

    func chromium(_ arguments: [String], profile: URL) throws -> Subprocess.Result {
        let chromium = try #require(Subprocess.find("chromium"))
        let result = try Subprocess.run(
            chromium,
            ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
             "--hide-scrollbars", "--user-data-dir=\(profile.path)"] + arguments,
            timeout: Self.timeout)
        #expect(!result.timedOut, "chromium did not finish within \(Self.timeout) s")
        return result
    }

    /// Width, height and byte count of a PNG file (the IHDR chunk follows the 8-byte signature).
    func pngInfo(_ url: URL) throws -> (width: Int, height: Int, bytes: Int) {
        let data = try Data(contentsOf: url)
        let bytes = [UInt8](data.prefix(24))
        try #require(bytes.count == 24)
        #expect(bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A][...], "not a PNG")
        #expect(String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR")
        func be32(_ i: Int) -> Int { bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20), data.count)
    }

    func keep(_ screenshot: URL, as name: String) {
        guard let directory = ProcessInfo.processInfo.environment["REPORTS_SCREENSHOT_DIR"] else { return }
        let target = URL(fileURLWithPath: directory).appendingPathComponent(name)
        try? FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: target)
        try? FileManager.default.copyItem(at: screenshot, to: target)
    }

    /// A screenshot of an empty page of the same size: what "blank" weighs.
    func blankScreenshotBytes(temp: TemporaryDirectory) throws -> Int {
        let page = temp.appending("blank.html")
        try Data("<!DOCTYPE html><html><body></body></html>".utf8).write(to: page)
        let shot = temp.appending("blank.png")
        _ = try chromium(["--screenshot=\(shot.path)", "--window-size=1200,2000", page.absoluteString], profile: temp.appending("profile-blank"))
        return try pngInfo(shot).bytes
    }

    @Test func reportRendersInChromium() throws {
        let temp = try TemporaryDirectory("browser")
        let run = try RunFixture().write(to: temp.appending("gaussian-replace-20261121-231000"))
        let output = try ReportWriter.write(runDirectory: run)

        // The rendered DOM holds the three charts, their series and the tables.
        let dom = try chromium(["--dump-dom", output.report.absoluteString], profile: temp.appending("profile-dom"))
        #expect(dom.status == 0, "chromium --dump-dom failed: \(dom.stderr.suffix(2000))")
        let html = dom.stdout
        #expect(html.components(separatedBy: "<svg ").count - 1 == 3)
        #expect(html.components(separatedBy: "class=\"chart line-chart\"").count - 1 == 3)
        #expect(html.contains("class=\"mean\"") && html.contains("class=\"band\"") && html.contains("class=\"theory\""))
        #expect(html.contains("<table class=\"theory\" data-metric=\"variance\">"))
        #expect(html.contains("<table class=\"summary\" data-metric=\"log-variance\">"))
        #expect(html.contains("&lt;script&gt;alert"))  // the spec stayed text

        // The screenshot is a 1200×2000 PNG with far more in it than a blank page.
        let shot = temp.appending("report.png")
        let screenshot = try chromium(
            ["--screenshot=\(shot.path)", "--window-size=1200,2000", output.report.absoluteString],
            profile: temp.appending("profile-shot"))
        #expect(screenshot.status == 0, "chromium --screenshot failed: \(screenshot.stderr.suffix(2000))")
        let info = try pngInfo(shot)
        #expect(info.width == 1200 && info.height == 2000)
        let blank = try blankScreenshotBytes(temp: temp)
        #expect(info.bytes > 4 * blank && info.bytes > 40_000, "screenshot \(info.bytes) bytes vs blank \(blank) bytes")
        keep(shot, as: "report.png")
    }

    @Test func heatmapAndManySeriesRenderInChromium() throws {
        let temp = try TemporaryDirectory("browser-charts")
        let table = try DataTable(csv: HeatmapTests.sweepCSV, fileName: "sweep.csv")
        let heatmap = try Heatmap(table: table, xKey: "samples", yKey: "real", value: "mean", filter: ["metric": "variance"])
        let rows = SummaryTable(rows: RunFixture().summaryRows()).rows(metric: "variance")
        let series = (0..<6).map { k in
            ChartSeries(label: "samples=\(10 * (k + 1))", points: rows.map {
                let s = Foundation.pow(1 + Double(k), Double($0.generation) / 100)
                return ChartPoint(x: Double($0.generation), y: $0.mean * s, low: $0.q05 * s, high: $0.q95 * s, theory: $0.theory.map { $0 * s })
            })
        }
        let line = LineChart(title: "variance across a sweep", yLabel: "variance", series: series)
        let page = temp.appending("charts.html")
        try Data("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\(heatmap.svg())\n\(line.svg())</body></html>".utf8).write(to: page)

        let dom = try chromium(["--dump-dom", page.absoluteString], profile: temp.appending("profile-dom"))
        #expect(dom.stdout.contains("class=\"chart heatmap\"") && dom.stdout.contains("class=\"chart line-chart\""))
        #expect(dom.stdout.components(separatedBy: "class=\"cell\"").count - 1 == 9)

        let shot = temp.appending("charts.png")
        _ = try chromium(["--screenshot=\(shot.path)", "--window-size=1200,2000", page.absoluteString], profile: temp.appending("profile-shot"))
        let info = try pngInfo(shot)
        let blank = try blankScreenshotBytes(temp: temp)
        #expect(info.bytes > 4 * blank, "screenshot \(info.bytes) bytes vs blank \(blank) bytes")
        keep(shot, as: "charts.png")
    }
}
