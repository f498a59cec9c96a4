import Foundation
import Testing
@testable import Reports

@Suite struct HeatmapTests {
    /// A sweep over real count × synthetic count, variance at the last generation.
    static let sweepCSV = """
        real,samples,generation,metric,mean,sd,se,q05,q50,q95,theory
        0,10,100,variance,2.6e-05,1e-5,1e-7,1e-6,2e-5,9e-5,
        0,100,100,variance,0.37,0.2,0.006,0.1,0.3,0.8,0.366
        0,1000,100,variance,0.905,0.1,0.003,0.75,0.9,1.07,0.905
        10,10,100,variance,0.45,0.2,0.006,0.2,0.4,0.8,
        10,100,100,variance,0.81,0.1,0.003,0.6,0.8,1.0,
        10,1000,100,variance,0.97,0.05,0.002,0.9,0.97,1.05,
        100,10,100,variance,0.91,0.1,0.003,0.7,0.9,1.1,
        100,100,100,variance,0.95,0.07,0.002,0.85,0.95,1.06,
        0,10,100,mean-error,0.5,0.3,0.01,0.1,0.4,1.0,
        """

    @Test func heatmapFromASweepTable() throws {
        let table = try DataTable(csv: Self.sweepCSV, fileName: "sweep.csv")
        let heatmap = try Heatmap(table: table, xKey: "samples", yKey: "real", value: "mean", filter: ["metric": "variance"])
        #expect(heatmap.xValues == ["10", "100", "1000"])
        #expect(heatmap.yValues == ["0", "10", "100"])
        #expect(heatmap.values[2][2] == nil)  // real=100, samples=1000 was not run
        #expect(heatmap.values[0][0] == 2.6e-5)
        #expect(heatmap.resolvedColourScale == .log)  // 2.6e-5 … 0.97

        let root = try parseXML(heatmap.svgDocument())
        let cells = root.elements(withClass: "cell")
        #expect(cells.count == 9)
        #expect(cells.filter { $0.attributes["data-value"] == nil }.count == 1)
        #expect(cells.first { $0.attributes["data-x"] == "1000" && $0.attributes["data-y"] == "0" }?.attributes["data-value"] == "0.905")
        #expect(root.elements(withClass: "colour-bar").count == 1)
        #expect(root.elements(withClass: "note").map(\.allText).contains { $0.contains("no value") })
        #expect(root.allText.contains("samples") && root.allText.contains("real"))
        // Darker cells for smaller values (viridis goes from dark purple to yellow).
        let lowest = try #require(cells.first { $0.attributes["data-value"] == "2.6e-5" }?.attributes["fill"])
        let highest = try #require(cells.first { $0.attributes["data-value"] == "0.97" }?.attributes["fill"])
        #expect(!Heatmap.isLight(lowest) && Heatmap.isLight(highest))
    }

    @Test func deterministicAndEscaped() throws {
        let heatmap = Heatmap(
            title: "a <b> & c", xLabel: "x&y", yLabel: "<y>", valueLabel: "v",
            xValues: ["a", "b"], yValues: ["1"], values: [[1.0, 2.0]])
        #expect(heatmap.svg() == heatmap.svg())
        let root = try parseXML(heatmap.svg())
        #expect(root.elements(named: "title").first?.text == "a <b> & c")
        #expect(heatmap.resolvedColourScale == .linear)
    }

    @Test func duplicateCellsAreAnError() throws {
        let table = try DataTable(csv: Self.sweepCSV, fileName: "sweep.csv")
        #expect(throws: ChartDataError.duplicateCell(x: "10", y: "0")) {
            try Heatmap(table: table, xKey: "samples", yKey: "real", value: "mean")
        }
        #expect(throws: ChartDataError.noRows) {
            try Heatmap(table: table, xKey: "samples", yKey: "real", value: "mean", filter: ["metric": "kl"])
        }
    }

    @Test func manyColumnsRotateLabels() throws {
        let xs = (0..<30).map { "value-\($0 * 1000)" }
        let heatmap = Heatmap(
            title: "wide", xLabel: "x", yLabel: "y", valueLabel: "v", xValues: xs, yValues: ["a", "b"],
            values: [xs.indices.map { Double($0) }, xs.indices.map { Double($0) * 2 }])
        let root = try parseXML(heatmap.svg())
        let rotated = root.elements(withClass: "x-axis")[0].elements(named: "text").filter { ($0.attributes["transform"] ?? "").contains("rotate(-45)") }
        #expect(rotated.count == 30)
    }
}
