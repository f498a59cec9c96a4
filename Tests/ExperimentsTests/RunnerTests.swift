import Experiments
import Foundation
import ModelCollapse
import Synchronization
import Testing

func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("collapse-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func runSpec(_ text: String, threads: Int, into directory: URL) throws -> ExperimentRunner.Record {
    let spec = try SpecParser.parse(text)
    return try ExperimentRunner.run(spec, options: .init(threads: threads, outputDirectory: directory))
}

@Test func aRunDirectoryHoldsTheResolvedSpecTheManifestAndTheSummary() throws {
    let root = temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let directory = root.appendingPathComponent("run")
    let record = try runSpec("generations: 5\nreplicates: 40\nsamples: 20\ntrajectories: true", threads: 2, into: directory)
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    #expect(files == ["manifest.json", "spec.yaml", "summary.csv", "trajectories.csv"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["run"])  // no partial left

    let summary = try String(contentsOf: directory.appendingPathComponent("summary.csv"), encoding: .utf8)
    let lines = summary.split(separator: "\n")
    #expect(lines.first == "generation,metric,mean,sd,se,q05,q50,q95,theory")
    #expect(lines.count == 1 + 6 * 9)  // generations 0…5 × 9 default metrics
    #expect(lines[1].hasPrefix("0,variance,1,0,0,1,1,1,1"))

    let trajectories = try String(contentsOf: directory.appendingPathComponent("trajectories.csv"), encoding: .utf8)
    #expect(trajectories.split(separator: "\n").count == 1 + 40 * 5 * 9)

    let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("manifest.json"))) as! [String: Any]
    #expect(manifest["status"] as? String == "complete")
    #expect(manifest["seed"] as? Int == 7)
    #expect(manifest["threads"] as? Int == 2)
    #expect((manifest["specHash"] as? String)?.count == 64)
    #expect(record.manifest.path == "statistics")

    let resolved = try String(contentsOf: directory.appendingPathComponent("spec.yaml"), encoding: .utf8)
    #expect(resolved.contains("estimator: mle"))
    #expect(resolved.contains("collapse-threshold:"))
    #expect(try SpecParser.parse(resolved).replicates == 40)
}

@Test func summariesAreByteIdenticalAtAnyThreadCount() throws {
    let root = temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    for path in ["samples", "statistics"] {
        let text = "generations: 12\nreplicates: 301\nsamples: 15\npath: \(path)\nregime: {synthetic: accumulate, real: {fresh: 3}}\ntrajectories: true"
        var summaries: [String] = []
        var trajectories: [String] = []
        for threads in [1, 2, 5] {
            let directory = root.appendingPathComponent("\(path)-\(threads)")
            _ = try runSpec(text, threads: threads, into: directory)
            summaries.append(try String(contentsOf: directory.appendingPathComponent("summary.csv"), encoding: .utf8))
            trajectories.append(try String(contentsOf: directory.appendingPathComponent("trajectories.csv"), encoding: .utf8))
        }
        #expect(summaries[0] == summaries[1] && summaries[1] == summaries[2])
        #expect(trajectories[0] == trajectories[1] && trajectories[1] == trajectories[2])
    }
}

@Test func theTheoryColumnIsFilledOnlyWhereAClosedFormApplies() throws {
    let root = temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let replace = try runSpec("generations: 3\nreplicates: 10\nmetrics: [variance, tail-mass]", threads: 1, into: root.appendingPathComponent("a"))
    #expect(replace.summary[3][0].theory != nil)
    #expect(replace.summary[3][1].theory == nil)
    let accumulate = try runSpec("generations: 3\nreplicates: 10\nregime: accumulate\nmetrics: [variance]", threads: 1, into: root.appendingPathComponent("b"))
    #expect(accumulate.summary[3][0].theory == nil)
}

@Test func anExistingRunDirectoryIsNotOverwritten() throws {
    let root = temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let directory = root.appendingPathComponent("run")
    _ = try runSpec("generations: 2\nreplicates: 5", threads: 1, into: directory)
    #expect(throws: ExperimentRunner.RunError.self) {
        _ = try runSpec("generations: 2\nreplicates: 5", threads: 1, into: directory)
    }
}

@Test func aStoppedRunNeverLooksComplete() throws {
    let root = temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = try SpecParser.parse("generations: 50\nreplicates: 200")
    let directory = root.appendingPathComponent("run")
    #expect(throws: ExperimentRunner.RunError.self) {
        _ = try ExperimentRunner.run(spec, options: .init(threads: 2, outputDirectory: directory, shouldStop: { true }))
    }
    #expect(!FileManager.default.fileExists(atPath: directory.path))
}

/// Counts completed replicates, so a test can stop a run part-way.
final class CountingObserver: ProgressObserver, @unchecked Sendable {
    let completed = Mutex(0)
    func replicatesCompleted(_ count: Int, of total: Int) { completed.withLock { $0 = max($0, count) } }
}

@Test func aStoppedRunResumesToTheSameBytes() throws {
    let root = temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let text = "generations: 6\nreplicates: 2500\nsamples: 12\npath: samples\ntrajectories: true\nmetrics: [variance, kl, collapsed]"
    let full = try runSpec(text, threads: 2, into: root.appendingPathComponent("full"))

    let observer = CountingObserver()
    let spec = try SpecParser.parse(text)
    let target = root.appendingPathComponent("part")
    var partial: URL?
    do {
        _ = try ExperimentRunner.run(spec, options: .init(
            threads: 2, outputDirectory: target, progress: observer,
            shouldStop: { observer.completed.withLock { $0 } >= 1100 }, checkpointInterval: 0))
        Issue.record("the run should have stopped")
    } catch ExperimentRunner.RunError.stopped(let url) {
        partial = url
    }
    let stopped = try #require(partial)
    #expect(!FileManager.default.fileExists(atPath: target.path))  // a stopped run never looks complete
    #expect(!FileManager.default.fileExists(atPath: stopped.appendingPathComponent("summary.csv").path))
    let checkpoint = try RunCheckpoint.read(from: stopped)
    #expect(checkpoint.simulation?.completedReplicates == 1024)  // the first wave; the second was cut

    let resumed = try ExperimentRunner.resume(partialDirectory: stopped, options: .init(threads: 3))
    #expect(resumed.directory.path == target.path)
    #expect(!FileManager.default.fileExists(atPath: stopped.path))
    for file in ["summary.csv", "trajectories.csv", "spec.yaml"] {
        let a = try Data(contentsOf: full.directory.appendingPathComponent(file))
        let b = try Data(contentsOf: target.appendingPathComponent(file))
        #expect(a == b, "\(file) differs after resume")
    }
    #expect(!FileManager.default.fileExists(atPath: target.appendingPathComponent(RunCheckpoint.fileName).path))
    #expect(resumed.manifest.status == "complete" && resumed.manifest.completedReplicates == 2500)
}

@Test func resumingSomethingThatIsNotAStoppedRunIsAClearError() throws {
    let root = temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let done = try runSpec("generations: 2\nreplicates: 5", threads: 1, into: root.appendingPathComponent("done"))
    #expect(throws: ExperimentRunner.RunError.self) {
        _ = try ExperimentRunner.resume(partialDirectory: done.directory, options: .init())
    }
    #expect(throws: ExperimentRunner.RunError.self) {
        _ = try ExperimentRunner.resume(partialDirectory: root.appendingPathComponent("nowhere"), options: .init())
    }
}
