import Foundation
import Testing
@testable import Reports

@Suite struct RunIndexTests {
    @Test func recordListShowCompare() throws {
        let temp = try TemporaryDirectory("index")
        let root = temp.appending("runs")
        var fixture = RunFixture()
        fixture.generations = 20
        let a = try fixture.write(to: root.appendingPathComponent("gaussian-replace-20261121-231000"))
        fixture.samples = 100
        fixture.name = "gaussian-accumulate"
        fixture.started = "2026-11-22T08:00:00Z"
        fixture.seed = UInt64.max  // does not fit SQLite's signed integer: stored as text
        let b = try fixture.write(to: root.appendingPathComponent("gaussian-accumulate-20261122-080000"))

        let index = try RunIndex(root: root)
        let ra = try index.record(runDirectory: a)
        let rb = try index.record(runDirectory: b)
        #expect(ra.id != nil && rb.id != nil && ra.id != rb.id)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("index.sqlite").path))

        let runs = try index.list()
        #expect(runs.map(\.name) == ["gaussian-replace", "gaussian-accumulate"])
        #expect(runs[1].seed == String(UInt64.max))
        #expect(runs[0].replicates == 1000 && runs[0].generations == 20 && runs[0].status == "complete")
        #expect(runs[0].metrics == ["variance", "log-variance", "mean-error"])
        #expect(runs[0].specHash == String(repeating: "ab", count: 32))
        #expect(runs[0].wallSeconds == 3.2)

        // Idempotent: recording again keeps one row per path and the same id.
        let again = try index.record(runDirectory: a)
        #expect(again.id == ra.id)
        #expect(try index.list().count == 2)
        #expect(try index.summaryRowCount() == 2 * 3 * 21)

        // show by id, name, name prefix, directory name, path.
        #expect(try index.show(String(ra.id!)).run.name == "gaussian-replace")
        #expect(try index.show("gaussian-acc").run.id == rb.id)
        #expect(try index.show("gaussian-replace-2026").run.id == ra.id)
        #expect(try index.show(a.path).run.id == ra.id)
        #expect(try index.show("gaussian").run.id == rb.id)  // two match; the newest wins
        #expect(try index.matches("gaussian").count == 2)
        #expect(throws: RunIndexError.self) { try index.show("poisson") }

        // Summary rows come back as they were written.
        let shown = try index.show("gaussian-replace")
        let original = try RunDirectory(reading: a).summary
        #expect(shown.summary.rows == original.rows)

        // Compare.
        let comparison = try index.compare("gaussian-replace", "gaussian-accumulate")
        #expect(comparison.commonMetrics == ["variance", "log-variance", "mean-error"])
        let rows = comparison.rows(metric: "variance")
        #expect(rows.count == 21)
        #expect(rows[20].difference! > 0)  // n = 100 loses variance more slowly than n = 10
        let chart = try parseXML(comparison.chart(metric: "variance").svg())
        #expect(chart.elements(withClass: "series").count == 2)
        let text = comparison.table(metric: "variance").render()
        #expect(text.contains("gaussian-replace #\(ra.id!)") && text.contains("difference"))

        // Re-recording after the files change updates the row.
        fixture.status = "failed"
        try fixture.write(to: b)
        try index.record(runDirectory: b)
        #expect(try index.show("gaussian-accumulate").run.status == "failed")
        #expect(try index.integrityCheck() == "ok")

        #expect(try index.remove(id: ra.id!))
        #expect(try index.list().count == 1)
        #expect(try index.summaryRowCount() == 3 * 21)  // its summary rows went with it
    }

    @Test func nonFiniteValuesInTheIndex() throws {
        let temp = try TemporaryDirectory("index-nonfinite")
        var fixture = RunFixture()
        fixture.includeNonFinite = true
        fixture.generations = 60
        let run = try fixture.write(to: temp.appending("runs/run"))
        let index = try RunIndex(root: temp.appending("runs"))
        try index.record(runDirectory: run)
        let tail = try index.show("run").summary.rows(metric: "tail-mass")
        #expect(tail[30].mean == .infinity)
        #expect(tail[40].mean.isNaN)
        #expect(tail[0].theory == nil)
    }

    @Test func recordAllFindsRunsAndSweeps() throws {
        let temp = try TemporaryDirectory("index-all")
        let root = temp.appending("runs")
        var fixture = RunFixture()
        fixture.generations = 5
        try fixture.write(to: root.appendingPathComponent("single"))
        try fixture.write(to: root.appendingPathComponent("sweep/point-0"))
        try fixture.write(to: root.appendingPathComponent("sweep/point-1"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("broken"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: root.appendingPathComponent("broken/manifest.json"))
        let index = try RunIndex(root: root)
        let (recorded, failed) = try index.recordAll()
        #expect(recorded.map(\.directoryName) == ["single", "point-0", "point-1"])
        #expect(recorded.count == 3)
        #expect(failed.count == 1 && failed[0].path.hasSuffix("broken"))
    }

    /// Many writers, each with its own connection pool (its own SQLite connections, as separate
    /// processes would have), record runs at the same time; every row must arrive, once.
    @Test func parallelWritersInProcess() async throws {
        let temp = try TemporaryDirectory("index-parallel")
        let root = temp.appending("runs")
        var fixture = RunFixture()
        fixture.generations = 30
        let writers = 8, runsPerWriter = 6
        var directories: [[URL]] = []
        for w in 0..<writers {
            directories.append(try (0..<runsPerWriter).map { r in
                fixture.name = "writer\(w)-run\(r)"
                return try fixture.write(to: root.appendingPathComponent("w\(w)-r\(r)"))
            })
        }
        let shared = try fixture.write(to: root.appendingPathComponent("shared"))
        let rootURL = root
        let sharedURL = shared
        try await withThrowingTaskGroup(of: Void.self) { group in
            for w in 0..<writers {
                let mine = directories[w]
                group.addTask {
                    let index = try RunIndex(root: rootURL)  // each writer opens the database itself
                    for (i, directory) in mine.enumerated() {
                        try index.record(runDirectory: directory)
                        if i % 2 == 0 { try index.record(runDirectory: sharedURL) }  // contended upserts
                        _ = try index.list()  // readers alongside writers
                    }
                }
            }
            try await group.waitForAll()
        }
        let index = try RunIndex(root: root)
        #expect(try index.integrityCheck() == "ok")
        let runs = try index.list()
        #expect(runs.count == writers * runsPerWriter + 1)
        #expect(Set(runs.map(\.path)).count == runs.count)
        #expect(try index.summaryRowCount() == runs.count * 3 * 31)
        let journal = try await index.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }

    /// Separate `collapse runs record` processes writing to one index at once.
    @Test(.enabled(if: Subprocess.collapse != nil, "needs the collapse tool built next to the tests"))
    func parallelWriterProcesses() throws {
        let collapse = try #require(Subprocess.collapse)
        let temp = try TemporaryDirectory("index-processes")
        let root = temp.appending("runs")
        var fixture = RunFixture()
        fixture.generations = 30
        let processes = 6, runsPerProcess = 5
        var batches: [[String]] = []
        for p in 0..<processes {
            batches.append(try (0..<runsPerProcess).map { r in
                fixture.name = "p\(p)-r\(r)"
                return try fixture.write(to: root.appendingPathComponent("p\(p)-r\(r)")).path
            })
        }
        let shared = try fixture.write(to: root.appendingPathComponent("shared")).path
        let commands = batches.map { ["runs", "record", "--root", root.path] + $0 + [shared] }
        // Start them all, then wait: they overlap (each opens the index, maybe creating it).
        let results = try ThreadSafeResults()
        DispatchQueue.concurrentPerform(iterations: processes) { p in
            do {
                let result = try Subprocess.run(
                    collapse, commands[p], timeout: 120)
                results.append(result)
            } catch { results.append(Subprocess.Result(status: -1, stdout: "", stderr: "\(error)", timedOut: false)) }
        }
        for result in results.all {
            #expect(result.status == 0 && !result.timedOut, "collapse runs record failed: \(result.stderr)")
        }
        let index = try RunIndex(root: root)
        #expect(try index.integrityCheck() == "ok")
        #expect(try index.list().count == processes * runsPerProcess + 1)
        #expect(try index.summaryRowCount() == (processes * runsPerProcess + 1) * 3 * 31)
    }
}

/// Separate `collapse run` processes of one spec into one runs root at once (issue 11): they pick
/// the same default directory name in the same second, so every one but the first must move to the
/// next free name (`-2`, `-3`, …). No run may be lost, left as a partial directory, corrupted, or
/// missing from the index.
@Test(.enabled(if: Subprocess.collapse != nil, "needs the collapse tool built next to the tests"))
func parallelRunsIntoOneRunsRoot() throws {
    let collapse = try #require(Subprocess.collapse)
    let temp = try TemporaryDirectory("runs-parallel")
    let root = temp.appending("runs")
    let spec = temp.appending("same.yaml")
    try "name: same\ngenerations: 20\nreplicates: 100\nmetrics: [variance, log-variance, collapsed]\n"
        .write(to: spec, atomically: true, encoding: .utf8)
    let processes = 6
    let results = try ThreadSafeResults()
    DispatchQueue.concurrentPerform(iterations: processes) { _ in
        do {
            results.append(try Subprocess.run(collapse, ["run", spec.path, "--runs-root", root.path, "--threads", "1", "--quiet"], timeout: 120))
        } catch { results.append(Subprocess.Result(status: -1, stdout: "", stderr: "\(error)", timedOut: false)) }
    }
    for result in results.all {
        #expect(result.status == 0 && !result.timedOut, "collapse run failed: \(result.stderr)")
    }
    let entries = try FileManager.default.contentsOfDirectory(atPath: root.path)
    #expect(!entries.contains { $0.hasPrefix(".") }, "partial directories left: \(entries.sorted())")
    let runs = entries.filter { $0.hasPrefix("same-") }.sorted()
    #expect(runs.count == processes, "\(entries.sorted())")
    // Same spec, same seed: every run's summary.csv is the same bytes (none is cut or mixed up).
    let summaries = try runs.map { try Data(contentsOf: root.appendingPathComponent("\($0)/summary.csv")) }
    #expect(Set(summaries).count == 1)
    #expect(String(decoding: summaries[0], as: UTF8.self).split(separator: "\n").count == 1 + 21 * 3)
    for run in runs {
        let manifest = try String(contentsOf: root.appendingPathComponent("\(run)/manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"status\" : \"complete\""), "\(run)")
    }
    let index = try RunIndex(root: root)
    #expect(try index.integrityCheck() == "ok")
    let indexed = try index.list()
    #expect(Set(indexed.map { URL(fileURLWithPath: $0.path).lastPathComponent }) == Set(runs))
    #expect(try index.summaryRowCount() == processes * 21 * 3)
}

/// A run killed after writing its manifest but before its rename stays hidden: `record` of the
/// whole root (`collapse runs record`) does not index it.
@Test func partialDirectoriesAreNotIndexed() throws {
    let temp = try TemporaryDirectory("index-partial")
    let root = temp.appending("runs")
    var fixture = RunFixture()
    fixture.generations = 3
    try fixture.write(to: root.appendingPathComponent("done"))
    try fixture.write(to: root.appendingPathComponent(".killed-20261122-010203.partial-4242"))
    try fixture.write(to: root.appendingPathComponent("sweep/.point-0001.partial-4242"))
    try fixture.write(to: root.appendingPathComponent("sweep/point-0000"))
    let (recorded, failed) = try RunIndex(root: root).recordAll()
    #expect(recorded.map(\.directoryName).sorted() == ["done", "point-0000"])
    #expect(failed.isEmpty)
}

final class ThreadSafeResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Subprocess.Result] = []
    init() throws {}
    func append(_ result: Subprocess.Result) { lock.lock(); results.append(result); lock.unlock() }
    var all: [Subprocess.Result] { lock.lock(); defer { lock.unlock() }; return results }
}
