import Foundation
import Testing
@testable import Reports

@Suite struct ReportWriterTests {
    @Test func writesReportAndPlots() throws {
        let temp = try TemporaryDirectory("report")
        let run = try RunFixture().write(to: temp.appending("gaussian-replace-20261121-231000"))
        let output = try ReportWriter.write(runDirectory: run)
        #expect(output.report == run.appendingPathComponent("report.html"))
        #expect(output.plots.map(\.lastPathComponent) == ["variance.svg", "log-variance.svg", "mean-error.svg"])
        for plot in output.plots {
            let svg = try String(contentsOf: plot, encoding: .utf8)
            #expect(svg.hasPrefix("<?xml"))
            let root = try parseXML(svg)
            #expect(root.elements(withClass: "series").count == 1)
        }

        let html = try String(contentsOf: output.report, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        // Self-contained: no scripts, no external resources.
        #expect(!html.contains("<script"))
        let withoutNamespace = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!withoutNamespace.contains("http://") && !withoutNamespace.contains("https://"))
        #expect(!html.contains("<link"))
        // One inline chart per metric, each valid XML.
        let svgs = Self.inlineSVGs(html)
        #expect(svgs.count == 3)
        for svg in svgs { _ = try parseXML(svg) }
        // Tables: summary per metric, theory only for variance, manifest.
        for metric in ["variance", "log-variance", "mean-error"] {
            #expect(html.contains("<table class=\"summary\" data-metric=\"\(metric)\">"))
        }
        #expect(html.contains("<table class=\"theory\" data-metric=\"variance\">"))
        #expect(!html.contains("<table class=\"theory\" data-metric=\"log-variance\">"))
        #expect(html.contains("<table class=\"manifest\">"))
        #expect(html.contains("<td class=\"key\">specHash</td>"))
        #expect(html.contains("variance reached 0 in 3 replicates"))
        // The spec is shown, escaped.
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; friends"))
        #expect(!html.contains("<script>alert"))
        // Selected generations: 0, 1, 2, 5, 10, 20, 50, 100.
        let summary = try #require(Self.section(html, from: "<table class=\"summary\" data-metric=\"mean-error\">", to: "</table>"))
        let generations = Self.firstCells(summary)
        #expect(generations == ["0", "1", "2", "5", "10", "20", "50", "100"])
    }

    @Test func sameFilesSameBytes() throws {
        let temp = try TemporaryDirectory("determinism")
        let a = try RunFixture().write(to: temp.appending("a/run"))
        let b = try RunFixture().write(to: temp.appending("b/run"))
        try ReportWriter.write(runDirectory: a)
        try ReportWriter.write(runDirectory: b)
        let first = try Data(contentsOf: a.appendingPathComponent("report.html"))
        #expect(first == (try Data(contentsOf: b.appendingPathComponent("report.html"))))
        for name in ["variance.svg", "log-variance.svg", "mean-error.svg"] {
            #expect(try Data(contentsOf: a.appendingPathComponent("plots/\(name)")) == Data(contentsOf: b.appendingPathComponent("plots/\(name)")))
        }
        // Re-rendering in place changes nothing.
        try ReportWriter.write(runDirectory: a)
        #expect(first == (try Data(contentsOf: a.appendingPathComponent("report.html"))))
    }

    @Test func theoryAgreementZScores() throws {
        var fixture = RunFixture()
        fixture.varianceOffsetInSE = 6  // mean = theory + se·(6 + 0.3 sin t): every generation ≥ 1 is off
        let run = try RunDirectory(reading: try fixture.write(to: try TemporaryDirectory("theory").appending("run")))
        let agreement = try #require(TheoryAgreement.all(summary: run.summary, metrics: run.metrics).first)
        #expect(agreement.metric == "variance")
        #expect(agreement.rows.count == 101)
        let row = agreement.rows[3]
        #expect(Swift.abs(row.z! - (6 + 0.3 * Foundation.sin(3.0))) < 1e-6)
        #expect(row.flagged)
        #expect(agreement.rows[0].z == 0 && !agreement.rows[0].flagged)  // generation 0: se = 0, mean = theory
        #expect(agreement.flagged.count == 100)

        let html = ReportWriter().render(run).html
        #expect(html.contains("disagrees"))
        #expect(html.contains("<tr class=\"flag\">"))

        fixture.varianceOffsetInSE = 0
        let good = try RunDirectory(reading: try fixture.write(to: try TemporaryDirectory("theory-ok").appending("run")))
        let goodAgreement = try #require(TheoryAgreement.all(summary: good.summary, metrics: good.metrics).first)
        #expect(goodAgreement.flagged.isEmpty)
        #expect(ReportWriter().render(good).html.contains("<span class=\"ok\">agrees</span>"))
    }

    @Test func heavyTailsMakeFlagsInconclusive() throws {
        // Log-normal-like replicates: q05, q50, q95 = e^{−3.3σ/2}, 1, e^{3.3σ/2} times the median.
        func row(sigma: Double, z: Double) -> SummaryRow {
            let spread = Foundation.exp(1.6448536269514722 * sigma)
            let theory = Foundation.exp(sigma * sigma / 2)
            let se = 0.01
            return SummaryRow(
                generation: 1, metric: "variance", mean: theory + z * se, sd: se * 31.6, se: se,
                q05: 1 / spread, q50: 1, q95: spread, theory: theory)
        }
        // σ = 0.5: G ≈ 1.75, 25·G² ≈ 77 ≤ 1000: the z-score counts.
        #expect(!TheoryAgreement.isHeavyTailed(row(sigma: 0.5, z: 6), replicates: 1000))
        // σ = 2: G ≈ 414: no R here makes the mean near-normal.
        #expect(TheoryAgreement.isHeavyTailed(row(sigma: 2, z: -6), replicates: 1000))
        #expect(TheoryAgreement.isHeavyTailed(row(sigma: 10, z: -6), replicates: 1000))
        // Symmetric or negative metrics are not judged.
        let symmetric = SummaryRow(generation: 1, metric: "m", mean: 1, sd: 1, se: 0.03, q05: 0.01, q50: 1, q95: 1.99, theory: 1)
        #expect(!TheoryAgreement.isHeavyTailed(symmetric, replicates: 10))
        let negative = SummaryRow(generation: 1, metric: "m", mean: -1, sd: 1, se: 0.03, q05: -3, q50: -1, q95: 5, theory: -1)
        #expect(!TheoryAgreement.isHeavyTailed(negative, replicates: 10))

        let heavy = TheoryAgreement(metric: "variance", rows: [row(sigma: 2, z: -6)], replicates: 1000)
        #expect(heavy.flagged.count == 1 && heavy.disagreeing.isEmpty)
        let light = TheoryAgreement(metric: "variance", rows: [row(sigma: 0.5, z: -6)], replicates: 1000)
        #expect(light.disagreeing.count == 1)
        #expect(TheoryAgreement(metric: "variance", rows: [row(sigma: 2, z: -6)]).disagreeing.count == 1)  // R unknown
    }

    @Test func zScoreEdgeCases() {
        func row(mean: Double, se: Double, theory: Double?) -> SummaryRow {
            SummaryRow(generation: 1, metric: "m", mean: mean, sd: 0, se: se, q05: 0, q50: 0, q95: 0, theory: theory)
        }
        #expect(row(mean: 1.2, se: 0.1, theory: 1).theoryZScore! - 2 < 1e-12)
        #expect(row(mean: 1, se: 0.1, theory: nil).theoryZScore == nil)
        #expect(row(mean: .nan, se: 0.1, theory: 1).theoryZScore == nil)
        #expect(row(mean: 1, se: 0, theory: 1).theoryZScore == 0)
        #expect(row(mean: 1.5, se: 0, theory: 1).theoryZScore == .infinity)
        #expect(GenerationSelection.selected(from: Array(0...1000)) == [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000])
        #expect(GenerationSelection.selected(from: Array(0...7)) == Array(0...7))
        #expect(GenerationSelection.selected(from: Array(0...37)) == [0, 1, 2, 5, 10, 20, 37])
    }

    @Test func nonFiniteMetricStillRenders() throws {
        var fixture = RunFixture()
        fixture.includeNonFinite = true
        let temp = try TemporaryDirectory("nonfinite")
        let run = try fixture.write(to: temp.appending("run"))
        let output = try ReportWriter.write(runDirectory: run)
        #expect(output.plots.count == 4)
        let html = try String(contentsOf: output.report, encoding: .utf8)
        #expect(html.contains(">nan</td>") && html.contains(">inf</td>"))
        for svg in Self.inlineSVGs(html) { _ = try parseXML(svg) }
    }

    @Test func oddRunsStillRender() throws {
        let temp = try TemporaryDirectory("odd")
        // Only generation 0, and metric names that are not file names.
        var fixture = RunFixture()
        fixture.generations = 0
        let run = try fixture.write(to: temp.appending("run"))
        let csv = "generation,metric,mean,sd,se,q05,q50,q95,theory\n0,support lost/total,0.5,0,0,0.5,0.5,0.5,\n0,.hidden metric,1,0,0,1,1,1,1\n0,support lost:total,2,0,0,2,2,2,\n"
        try Data(csv.utf8).write(to: run.appendingPathComponent("summary.csv"))
        let output = try ReportWriter.write(runDirectory: run)
        #expect(output.plots.map(\.lastPathComponent) == ["support-lost-total.svg", "hidden-metric.svg", "support-lost-total-2.svg"])
        let html = try String(contentsOf: output.report, encoding: .utf8)
        for svg in Self.inlineSVGs(html) {
            let root = try parseXML(svg)
            let xLabels = root.elements(withClass: "x-axis")[0].elements(named: "text").map(\.text)
            #expect(!xLabels.contains("-1"))
            #expect(root.elements(withClass: "mean").first?.attributes["d"]?.hasSuffix("h0") == true)  // a dot
        }
        #expect(html.contains("id=\"chart-support-lost-total-2\""))
    }

    @Test func summaryParsing() throws {
        let csv = "generation,metric,mean,sd,se,q05,q50,q95,theory\r\n0,\"a,b\",1,0,0,1,1,1,1\r\n1,\"a,b\",inf,nan,,-inf,0.5,1e-3,\r\n"
        let table = try SummaryTable(table: DataTable(csv: csv, fileName: "summary.csv"), fileName: "summary.csv")
        #expect(table.metrics == ["a,b"])
        let row = table.rows[1]
        #expect(row.mean == .infinity && row.sd.isNaN && row.se.isNaN && row.q05 == -.infinity && row.q95 == 0.001)
        #expect(row.theory == nil)
        #expect(table.rows[0].theory == 1)
        // Writing and reading again gives the same table.
        let again = try SummaryTable(table: DataTable(csv: table.csv(), fileName: "x"), fileName: "x")
        #expect(again.rows.count == 2 && again.rows[0] == table.rows[0] && again.rows[1].q95 == 0.001)
    }

    @Test func malformedRunDirectoriesNameTheFile() throws {
        let temp = try TemporaryDirectory("malformed")
        // Not there at all.
        #expect { try RunDirectory(reading: temp.appending("nope")) } throws: { error in
            "\(error)".contains("nope") && "\(error)".contains("no such run directory")
        }
        // No manifest.
        let empty = temp.appending("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect { try ReportWriter.write(runDirectory: empty) } throws: { "\($0)".contains("manifest.json") }
        // Manifest not JSON.
        let run = try RunFixture().write(to: temp.appending("run"))
        try Data("{ not json".utf8).write(to: run.appendingPathComponent("manifest.json"))
        #expect { try RunDirectory(reading: run) } throws: { "\($0)".contains("manifest.json") && "\($0)".contains("not valid JSON") }
        // Manifest with a wrong type.
        try Data(#"{"name": "x", "replicates": "many"}"#.utf8).write(to: run.appendingPathComponent("manifest.json"))
        #expect { try RunDirectory(reading: run) } throws: { "\($0)".contains("manifest.json") && "\($0)".contains("replicates") }
        // Summary with a bad header, a bad number, a short row.
        try RunFixture().write(to: run)
        let summary = run.appendingPathComponent("summary.csv")
        try Data("generation,metric,mean\n0,v,1\n".utf8).write(to: summary)
        #expect { try RunDirectory(reading: run) } throws: { "\($0)".contains("summary.csv") && "\($0)".contains("header") }
        try Data("generation,metric,mean,sd,se,q05,q50,q95,theory\n0,v,1,0,0,1,1,1,\n1,v,abc,0,0,1,1,1,\n".utf8).write(to: summary)
        #expect { try RunDirectory(reading: run) } throws: { "\($0)".contains("summary.csv") && "\($0)".contains("line 3") && "\($0)".contains("abc") }
        try Data("generation,metric,mean,sd,se,q05,q50,q95,theory\n0,v,1,0\n".utf8).write(to: summary)
        #expect { try RunDirectory(reading: run) } throws: { "\($0)".contains("line 2: expected 9 fields, found 4") }
        try Data("generation,metric,mean,sd,se,q05,q50,q95,theory\n0,v,1,0,0,1,1,1,\n0,v,1,0,0,1,1,1,\n".utf8).write(to: summary)
        #expect { try RunDirectory(reading: run) } throws: { "\($0)".contains("line 3: a second row for generation 0 of v") }
        // No summary.
        try FileManager.default.removeItem(at: summary)
        #expect { try RunDirectory(reading: run) } throws: { "\($0)".contains("summary.csv") && "\($0)".contains("no such file") }
    }

    @Test func exportJSONAndCSV() throws {
        var fixture = RunFixture()
        fixture.includeNonFinite = true
        fixture.generations = 3
        let run = try RunDirectory(reading: try fixture.write(to: try TemporaryDirectory("export").appending("run")))
        let json = try RunExport.json(run)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let manifest = try #require(object["manifest"] as? [String: Any])
        #expect(manifest["name"] as? String == "gaussian-replace")
        let summary = try #require(object["summary"] as? [[String: Any]])
        #expect(summary.count == 4 * 4)
        #expect(summary[0]["metric"] as? String == "variance")
        #expect((summary[0]["theory"] as? NSNumber)?.doubleValue == 1)
        #expect(summary[4]["theory"] is NSNull)  // log-variance has no theory
        let tail = summary.filter { $0["metric"] as? String == "tail-mass" }
        #expect(tail.contains { $0["mean"] as? String == "inf" } && tail.contains { $0["mean"] as? String == "nan" })
        #expect(try RunExport.json(run) == json)

        let csv = RunExport.csv(run)
        let table = try DataTable(csv: csv, fileName: "export.csv")
        #expect(table.columns == ["name", "family", "seed"] + SummaryTable.header)
        #expect(table.rows.count == 16 && table.rows.allSatisfy { $0[0] == "gaussian-replace" && $0[2] == "7" })
    }

    static func inlineSVGs(_ html: String) -> [String] {
        var result: [String] = []
        var rest = Substring(html)
        while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            result.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return result
    }

    static func section(_ html: String, from: String, to: String) -> String? {
        guard let start = html.range(of: from), let end = html.range(of: to, range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// The first cell of each body row.
    static func firstCells(_ table: String) -> [String] {
        table.components(separatedBy: "<tr>").dropFirst(2).compactMap { row in
            guard let start = row.range(of: "<td class=\"num\">"), let end = row.range(of: "</td>") else { return nil }
            return String(row[start.upperBound..<end.lowerBound])
        }
    }
}
