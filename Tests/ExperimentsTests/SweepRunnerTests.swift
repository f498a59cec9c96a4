import Experiments
import Foundation
import Statistics
import Testing

/// A small sweep: 2 × 3 points on the statistics path, a few hundredths of a second each.
let smallSweep = """
    name: shard
    generations: 6
    replicates: 60
    metrics: [variance, log-variance, mean-error]
    sweep:
      samples: [8, 40]
      regime: [replace, accumulate, {synthetic: replace, real: {fraction: 0.2}}]
    """

func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

@Suite struct SweepRunnerTests {
    @Test func aLocalSweepWritesEveryPointAndTheSweepTable() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = try SpecParser.parseSweep(smallSweep)
        let directory = root.appendingPathComponent("sweep")
        let outcomes = try SweepRunner.run(plan, in: directory, options: .init(threads: 2))
        #expect(outcomes.map(\.index) == Array(0..<6) && outcomes.allSatisfy { !$0.skipped })
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files == ["plan.json", "point-0000", "point-0001", "point-0002", "point-0003", "point-0004", "point-0005", "sweep.yaml"])
        #expect(try SweepPlanFile.read(from: directory) == plan.file)
        // sweep.yaml is the sweep as run: parsing it again gives the same points.
        let again = try SpecParser.parseSweep(read(directory.appendingPathComponent("sweep.yaml")))
        #expect(again.points.map(\.specHash) == plan.points.map(\.specHash))

        try SweepCollector.collect(directory)
        let table = try read(directory.appendingPathComponent("sweep.csv"))
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.first == "samples,regime,generation,metric,mean,sd,se,q05,q50,q95,theory")
        #expect(lines.count == 1 + 6 * 7 * 3)  // 6 points × generations 0…6 × 3 metrics
        #expect(lines[1].hasPrefix("8,replace,0,variance,"))
        #expect(lines.last?.hasPrefix("40,\"{synthetic: replace, real: {fraction: 0.2}}\",6,mean-error,") == true)
        // Each point's rows are its own summary.csv, and its spec.yaml re-runs to the same bytes.
        for point in plan.points {
            let pointDirectory = directory.appendingPathComponent(point.directoryName)
            let summary = try read(pointDirectory.appendingPathComponent("summary.csv"))
            let prefix = point.values.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") + ","
            let rows = lines.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
            #expect(rows == summary.split(separator: "\n").dropFirst().map(String.init))
        }
        let point = plan.points[4]
        let rerun = try runSpec(read(directory.appendingPathComponent("point-0004/spec.yaml")), threads: 1, into: root.appendingPathComponent("rerun"))
        #expect(rerun.manifest.specHash == point.specHash)
        #expect(try read(root.appendingPathComponent("rerun/summary.csv")) == read(directory.appendingPathComponent("point-0004/summary.csv")))
    }

    @Test func anySplitOfThePointsCollectsToTheSameBytes() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = try SpecParser.parseSweep(smallSweep)
        let whole = root.appendingPathComponent("whole")
        try SweepRunner.run(plan, in: whole, options: .init(threads: 2))
        let expected = try SweepCollector.table(whole)

        let splits: [[[Int]]] = [
            [[5], [0, 3], [1, 2, 4]],
            [[0], [1], [2], [3], [4], [5]],
            [[3, 4, 5, 0, 1, 2]],
        ]
        for (s, split) in splits.enumerated() {
            let directory = root.appendingPathComponent("split-\(s)")
            for (k, shard) in split.enumerated() {
                // Shards on different thread counts, one point at a time or several.
                try SweepRunner.run(plan, in: directory, indices: shard, options: .init(threads: 1 + k % 3, pointsInParallel: 1 + k % 2))
            }
            #expect(try SweepCollector.table(directory) == expected, "split \(split)")
        }
    }

    @Test func reRunsSkipCompletePointsAndLeaveThemUntouched() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = try SpecParser.parseSweep(smallSweep)
        let directory = root.appendingPathComponent("sweep")
        let first = try SweepRunner.run(plan, in: directory, indices: [2], options: .init(threads: 1))
        #expect(first.count == 1 && !first[0].skipped)
        let manifest = directory.appendingPathComponent("point-0002/manifest.json")
        let before = try Data(contentsOf: manifest)
        // A task killed half-way leaves only a hidden partial directory: it neither counts nor blocks.
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(".point-0003.partial-999999"), withIntermediateDirectories: true)
        let second = try SweepRunner.run(plan, in: directory, indices: [2, 3], options: .init(threads: 2))
        #expect(second.map(\.skipped) == [true, false])
        #expect(try Data(contentsOf: manifest) == before)
        #expect(SweepRunner.status(of: plan.points[3], in: directory) == .complete)

        // Points 0, 1, 4, 5 are missing: collect names them.
        #expect(throws: SweepError.incomplete(missing: [0, 1, 4, 5], count: 6, directory: directory)) {
            try SweepCollector.table(directory)
        }
        // The whole sweep afterwards runs only what is missing.
        let rest = try SweepRunner.run(plan, in: directory, options: .init(threads: 2))
        #expect(rest.filter(\.skipped).map(\.index) == [2, 3])
        _ = try SweepCollector.table(directory)
    }

    @Test func aDirectoryOfAnotherSweepOrPointIsRefusedBeforeAnythingRuns() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = try SpecParser.parseSweep(smallSweep)
        let directory = root.appendingPathComponent("sweep")
        try SweepRunner.run(plan, in: directory, indices: [0], options: .init(threads: 1))

        let other = try SpecParser.parseSweep(smallSweep.replacingOccurrences(of: "replicates: 60", with: "replicates: 61"))
        #expect(throws: SweepError.otherSweep(directory)) { try SweepRunner.run(other, in: directory, indices: [1]) }
        #expect(SweepRunner.status(of: plan.points[1], in: directory) == .missing)

        // A point directory whose manifest is of another spec.
        let manifestURL = directory.appendingPathComponent("point-0000/manifest.json")
        let manifest = try read(manifestURL).replacingOccurrences(of: plan.points[0].specHash, with: String(repeating: "0", count: 64))
        try manifest.write(to: manifestURL, atomically: true, encoding: .utf8)
        #expect(throws: SweepError.pointMismatch(index: 0, directory: directory.appendingPathComponent("point-0000"))) {
            try SweepRunner.run(plan, in: directory, indices: [0, 1])
        }
        #expect(SweepRunner.status(of: plan.points[1], in: directory) == .missing)
        #expect(throws: SweepError.indexOutOfRange(index: 6, count: 6)) { try SweepRunner.run(plan, in: directory, indices: [6]) }

        let stranger = root.appendingPathComponent("stranger")
        try FileManager.default.createDirectory(at: stranger, withIntermediateDirectories: true)
        try "x".write(to: stranger.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        #expect(throws: SweepError.self) { try SweepRunner.prepare(plan, in: stranger) }
        #expect(throws: SweepError.notASweep(stranger)) { try SweepCollector.table(stranger) }
    }

    /// The sweep's overrides reach the simulation: at each sample size n, the MLE log-variance after
    /// T generations of `replace` has mean T·[ψ((n−1)/2) + ln(2/n)] (RESEARCH.md §1; the log keeps
    /// the replicates near-normal, unlike the variance itself, whose mean is carried by a few
    /// replicates once it has collapsed). The simulated mean must lie within 4.5 standard errors of
    /// it (false-failure rate ≈ 7·10⁻⁶ per check).
    @Test func eachPointAgreesWithItsOwnTheory() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = try SpecParser.parseSweep("""
            generations: 20
            replicates: 4000
            metrics: [log-variance]
            sweep:
              samples: [5, 50, 500]
            """)
        let directory = root.appendingPathComponent("sweep")
        try SweepRunner.run(plan, in: directory, options: .init(threads: 2))
        for (point, n) in zip(plan.points, [5.0, 50, 500]) {
            let summary = try read(directory.appendingPathComponent(point.directoryName).appendingPathComponent("summary.csv"))
            let row = try #require(summary.split(separator: "\n").first { $0.hasPrefix("20,log-variance,") })
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            let mean = try #require(Double(fields[2])), se = try #require(Double(fields[4]))
            let theory = 20 * (SpecialFunctions.digamma((n - 1) / 2) + log(2 / n))
            #expect(abs(try #require(Double(fields[8])) - theory) < 1e-9)
            #expect(abs(mean - theory) < 4.5 * se, "n = \(n): \(mean) vs \(theory) ± \(se)")
        }
    }
}
