import Foundation
import Testing
@testable import Reports

/// `collapse report | runs | export`, run as a user would (the tool built next to the tests).
@Suite(.enabled(if: Subprocess.collapse != nil, "needs the collapse tool built next to the tests"))
struct CLITests {
    func collapse(_ arguments: [String], in directory: URL? = nil) throws -> Subprocess.Result {
        let result = try Subprocess.run(try #require(Subprocess.collapse), arguments, timeout: 120, in: directory)
        #expect(!result.timedOut)
        return result
    }

    @Test func reportCommand() throws {
        let temp = try TemporaryDirectory("cli-report")
        let run = try RunFixture().write(to: temp.appending("runs/gaussian-replace-20261121-231000"))
        let result = try collapse(["report", run.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("report.html") && result.stdout.contains("plots/variance.svg"))
        #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("report.html").path))

        let missing = try collapse(["report", temp.appending("runs/nope").path])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("nope") && missing.stderr.contains("no such run directory"))

        let notARun = temp.appending("empty")
        try FileManager.default.createDirectory(at: notARun, withIntermediateDirectories: true)
        let noManifest = try collapse(["report", notARun.path])
        #expect(noManifest.status != 0 && noManifest.stderr.contains("manifest.json"))

        try Data("generation,metric\n".utf8).write(to: run.appendingPathComponent("summary.csv"))
        let badSummary = try collapse(["report", run.path])
        #expect(badSummary.status != 0 && badSummary.stderr.contains("summary.csv") && badSummary.stderr.contains("header"))
    }

    @Test func runsListShowCompare() throws {
        let temp = try TemporaryDirectory("cli-runs")
        let root = temp.appending("runs")
        var fixture = RunFixture()
        fixture.generations = 30
        let a = try fixture.write(to: root.appendingPathComponent("gaussian-replace-1"))
        fixture.name = "gaussian-n100"
        fixture.samples = 100
        fixture.started = "2026-11-22T00:00:00Z"
        let b = try fixture.write(to: root.appendingPathComponent("gaussian-n100-1"))

        let none = try collapse(["runs", "list", "--root", root.path])
        #expect(none.status == 0 && none.stdout.contains("No run index"))

        let record = try collapse(["runs", "record", "--root", root.path])
        #expect(record.status == 0 && record.stdout.components(separatedBy: "recorded #").count - 1 == 2, "\(record.stdout)\(record.stderr)")

        let list = try collapse(["runs", "list", "--root", root.path])
        #expect(list.status == 0)
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.count == 4)  // header, rule, two runs
        #expect(lines[2].contains("gaussian-replace") && lines[2].contains("gaussian-replace-1"))
        #expect(lines[3].contains("gaussian-n100"))

        let show = try collapse(["runs", "show", "gaussian-n", "--root", root.path])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("family      gaussian") && show.stdout.contains("\nvariance\n") && show.stdout.contains("theory"))
        let byPath = try collapse(["runs", "show", a.path, "--root", root.path])
        #expect(byPath.status == 0 && byPath.stdout.contains("gaussian-replace"))
        let unknown = try collapse(["runs", "show", "poisson", "--root", root.path])
        #expect(unknown.status != 0 && unknown.stderr.contains("poisson"))

        let chart = temp.appending("both.svg")
        let compare = try collapse(["runs", "compare", "gaussian-replace", b.path, "--root", root.path, "--metric", "variance", "--out", chart.path])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stdout.contains("difference") && compare.stdout.contains("gaussian-n100"))
        let svg = try parseXML(String(contentsOf: chart, encoding: .utf8))
        #expect(svg.elements(withClass: "series").count == 2)
        let wrongMetric = try collapse(["runs", "compare", "1", "2", "--root", root.path, "--metric", "kl", "--out", chart.path])
        #expect(wrongMetric.status != 0 && wrongMetric.stderr.contains("kl"))
        // Default chart file in the working directory.
        let defaultOut = try collapse(["runs", "compare", "1", "2", "--root", root.path], in: temp.url)
        #expect(defaultOut.status == 0 && FileManager.default.fileExists(atPath: temp.appending("compare-variance.svg").path))
    }

    @Test func exportCommand() throws {
        let temp = try TemporaryDirectory("cli-export")
        var fixture = RunFixture()
        fixture.generations = 4
        let run = try fixture.write(to: temp.appending("runs/run-1"))
        let json = try collapse(["export", run.path, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["summary"] as? [Any])?.count == 3 * 5)
        #expect((object["manifest"] as? [String: Any])?["seed"] as? Int == 7)

        let out = temp.appending("run.csv")
        let csv = try collapse(["export", run.path, "--format", "csv", "--out", out.path])
        #expect(csv.status == 0 && csv.stdout.isEmpty)
        #expect(try DataTable.read(contentsOf: out).rows.count == 15)

        // By name through the index.
        _ = try collapse(["runs", "record", "--root", temp.appending("runs").path])
        let byName = try collapse(["export", "gaussian", "--root", temp.appending("runs").path])
        #expect(byName.status == 0 && byName.stdout == json.stdout)

        let missing = try collapse(["export", temp.appending("nothing").path, "--root", temp.appending("runs").path])
        #expect(missing.status != 0 && missing.stderr.contains("nothing"))
    }
}
