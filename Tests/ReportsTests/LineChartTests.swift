import Foundation
import Testing
@testable import Reports

@Suite struct LineChartTests {
    let fixture = RunFixture()

    func chart(_ metric: String, scale: AxisScale = .automatic, series: Int = 1) -> LineChart {
        let rows = SummaryTable(rows: fixture.summaryRows()).rows(metric: metric)
        return LineChart(
            title: "\(metric) <&> \"quoted\"", yLabel: metric,
            series: (0..<series).map { ChartSeries(label: "run \($0) <b>", rows: rows) }, yScale: scale)
    }

    @Test func svgParsesAsXMLAndHasTheSeries() throws {
        let root = try parseXML(chart("variance", series: 3).svgDocument())
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        let series = root.elements(withClass: "series")
        #expect(series.map { $0.attributes["data-series"] } == ["run 0 <b>", "run 1 <b>", "run 2 <b>"])
        for group in series {
            #expect(group.elements(withClass: "mean").count == 1)
            #expect(group.elements(withClass: "band").count == 1)
            #expect(group.elements(withClass: "theory").count == 1)
            #expect(group.elements(withClass: "theory").first?.attributes["stroke-dasharray"] != nil)
        }
        let legend = root.elements(withClass: "legend-entry").map(\.allText)
        #expect(legend == ["run 0 <b>", "run 1 <b>", "run 2 <b>", "q05–q95 across replicates", "theory (closed form)"])
        #expect(root.elements(named: "title").first?.text == "variance <&> \"quoted\"")
        // 101 generations → the mean path visits 101 points.
        let d = series[0].elements(withClass: "mean")[0].attributes["d"] ?? ""
        #expect(d.filter { $0 == "M" || $0 == "L" }.count == 101)
    }

    @Test func noTheoryNoDashedLine() throws {
        let root = try parseXML(chart("log-variance").svg())
        #expect(root.elements(withClass: "theory").isEmpty)
        #expect(!root.elements(withClass: "legend-entry").map(\.allText).contains("theory (closed form)"))
    }

    @Test func logAxisForVarianceLikeMetrics() {
        // variance spans (0.9)^100 ≈ 2.7e-5 … 1: more than two decades, all positive.
        #expect(chart("variance").resolvedYScale == .log)
        // log-variance is negative, mean-error starts at 0: linear.
        #expect(chart("log-variance").resolvedYScale == .linear)
        #expect(chart("mean-error").resolvedYScale == .linear)
        // One decade only: linear.
        #expect(AxisScale.automatic.resolved(for: [1, 2, 5, 10, 50]) == .linear)
        #expect(AxisScale.automatic.resolved(for: [1, 2, 5, 10, 500]) == .log)
        #expect(AxisScale.automatic.resolved(for: [.nan, 1e-6, 1, .infinity]) == .log)
        // Forced scales are kept.
        #expect(chart("variance", scale: .linear).resolvedYScale == .linear)
        #expect(chart("mean-error", scale: .log).resolvedYScale == .log)
    }

    @Test func logAxisIsMarkedInTheSVG() throws {
        let root = try parseXML(chart("variance").svg())
        #expect(root.elements(withClass: "y-axis").first?.attributes["data-scale"] == "log")
        #expect(root.allText.contains("variance (log scale)"))
        let linear = try parseXML(chart("mean-error").svg())
        #expect(linear.elements(withClass: "y-axis").first?.attributes["data-scale"] == "linear")
    }

    @Test func deterministicBytes() {
        let a = chart("variance", series: 2).svgDocument()
        let b = chart("variance", series: 2).svgDocument()
        #expect(a == b)
        #expect(Array(a.utf8) == Array(b.utf8))
    }

    @Test func nonFiniteValuesAreSkippedWithANote() throws {
        var withNonFinite = fixture
        withNonFinite.includeNonFinite = true
        let rows = SummaryTable(rows: withNonFinite.summaryRows()).rows(metric: "tail-mass")
        let svg = LineChart(title: "tail", yLabel: "tail-mass", series: [ChartSeries(label: "a", rows: rows)]).svg()
        let root = try parseXML(svg)
        let attributeValues = root.all.flatMap { $0.attributes.values }
        #expect(!attributeValues.contains { $0.contains("nan") || $0.contains("inf") })
        let notes = root.elements(withClass: "note").map(\.allText)
        #expect(notes.contains { $0.contains("non-finite") && $0.contains("not drawn") })
        // The path stops where the values stop being finite: 50 points drawn (generations 0…49).
        let d = root.elements(withClass: "mean")[0].attributes["d"] ?? ""
        #expect(d.filter { $0 == "M" || $0 == "L" }.count == 50)
    }

    @Test func gapsBreakTheLine() throws {
        let points = [1.0, 2, .nan, 4, 5, .infinity, 7].enumerated().map { ChartPoint(x: Double($0.offset), y: $0.element) }
        let svg = LineChart(title: "gaps", yLabel: "y", series: [ChartSeries(label: "s", points: points)]).svg()
        let d = try parseXML(svg).elements(withClass: "mean")[0].attributes["d"] ?? ""
        #expect(d.filter { $0 == "M" }.count == 3)  // runs [0,1], [3,4], [6] (a dot)
        #expect(d.hasSuffix("h0"))
    }

    @Test func tickLabelsDoNotOverlap() throws {
        for (width, last) in [(880.0, 100), (360.0, 1000), (300.0, 12345)] {
            let points = (0...last).map { ChartPoint(x: Double($0), y: Double($0) * 3.7 + 1) }
            let chart = LineChart(title: "t", yLabel: "y", series: [ChartSeries(label: "s", points: points)], width: width, height: 300)
            let root = try parseXML(chart.svg())
            let xLabels = root.elements(withClass: "x-axis")[0].elements(named: "text").filter { $0.attributes["text-anchor"] == "middle" && $0.attributes["font-size"] == "11" }
            #expect(xLabels.count >= 2)
            let xs = xLabels.compactMap { Double($0.attributes["x"] ?? "") }
            for i in 1..<xs.count {
                let needed = (SVGText.width(xLabels[i - 1].text, fontSize: 11) + SVGText.width(xLabels[i].text, fontSize: 11)) / 2
                #expect(xs[i] - xs[i - 1] >= needed, "x labels \(xLabels[i - 1].text) and \(xLabels[i].text) overlap at width \(width)")
            }
            let yLabels = root.elements(withClass: "y-axis")[0].elements(named: "text").filter { $0.attributes["text-anchor"] == "end" }
            let ys = yLabels.compactMap { Double($0.attributes["y"] ?? "") }.sorted()
            for i in 1..<ys.count { #expect(ys[i] - ys[i - 1] >= 14) }
        }
    }

    @Test func niceLinearTicks() {
        let axis = Axis.linear(from: 0.37, to: 1, maxCount: 8)
        #expect(axis.labels == ["0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0"])
        #expect(axis.lower <= 0.37 && axis.upper >= 1)
        let wide = Axis.linear(from: 0, to: 100, maxCount: 11, integerStep: true)
        #expect(wide.labels == ["0", "10", "20", "30", "40", "50", "60", "70", "80", "90", "100"])
        let steps = Axis.linear(from: -33, to: 2, maxCount: 9).ticks.map(\.value)
        let step = steps[1] - steps[0]
        let mantissa = step / Foundation.pow(10, Foundation.log10(step).rounded(.down))
        #expect([1.0, 2, 5].contains { Swift.abs($0 - mantissa) < 1e-9 })
        #expect(Axis.linear(from: 0, to: 2e-5, maxCount: 5).labels == ["0", "5e-6", "1e-5", "1.5e-5", "2e-5"])
        #expect(Axis.linear(from: 3, to: 3, maxCount: 5).ticks.count >= 2)  // a flat series still gets an axis
    }

    @Test func logTicksAreDecades() {
        let axis = Axis.log(from: 2.7e-5, to: 1, maxCount: 8)
        #expect(axis.lower == 1e-5 && axis.upper == 1)
        #expect(axis.labels == ["1e-5", "0.0001", "0.001", "0.01", "0.1", "1"])
        let many = Axis.log(from: 1e-14, to: 1, maxCount: 8)
        #expect(many.labels.count <= 8)
        #expect(many.labels.first == "1e-14")
        let narrow = Axis.log(from: 0.3, to: 4, maxCount: 8)
        #expect(narrow.labels == ["0.2", "0.5", "1", "2", "5"])
    }

    @Test func manySeriesLegendIsCut() throws {
        let rows = SummaryTable(rows: fixture.summaryRows()).rows(metric: "mean-error")
        let series = (0..<40).map { ChartSeries(label: "sweep point \($0)", rows: rows) }
        let root = try parseXML(LineChart(title: "many", yLabel: "m", series: series).svg())
        #expect(root.elements(withClass: "series").count == 40)
        #expect(root.allText.contains("more series"))
        let entries = root.elements(withClass: "legend-entry")
        #expect(entries.count < 40)
        #expect(entries.last?.allText == "q05–q95 across replicates")
    }

    @Test func sweepTableGivesOneSeriesPerPoint() throws {
        let csv = """
            samples,regime,generation,metric,mean,sd,se,q05,q50,q95,theory
            10,replace,0,variance,1,0,0,1,1,1,1
            10,replace,1,variance,0.9,0.4,0.01,0.3,0.8,1.7,0.9
            100,replace,0,variance,1,0,0,1,1,1,1
            100,replace,1,variance,0.99,0.1,0.003,0.8,0.98,1.2,0.99
            100,replace,1,mean-error,0.1,0.1,0.003,0.0,0.08,0.3,
            """
        let table = try DataTable(csv: csv, fileName: "sweep.csv")
        let series = try ChartSeries.sweepSeries(table: table, metric: "variance", keys: ["samples", "regime"])
        #expect(series.map(\.label) == ["samples=10, regime=replace", "samples=100, regime=replace"])
        #expect(series[1].points.map(\.y) == [1, 0.99])
        #expect(throws: ChartDataError.missingColumn("real")) {
            try ChartSeries.sweepSeries(table: table, metric: "variance", keys: ["real"])
        }
    }
}
