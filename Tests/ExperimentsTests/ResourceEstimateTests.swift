@testable import Experiments
import Foundation
import ModelCollapse
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `collapse` tool built next to the tests (`swift build --build-tests` builds every product).
let collapseTool: URL? = {
    var candidates: [URL] = []
    if let first = CommandLine.arguments.first {
        var url = URL(fileURLWithPath: first)
        for _ in 0..<5 {
            url.deleteLastPathComponent()
            candidates.append(url.appendingPathComponent("collapse"))
        }
    }
    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(package.appendingPathComponent(".build/debug/collapse"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()

/// Runs the tool (output discarded) and returns its exit status and peak resident size in bytes.
///
/// Linux: the high-water mark VmHWM of /proc/PID/status, polled every 5 ms until the process exits
/// (it only grows, so the last reading is the peak up to the last few milliseconds, which write
/// the report). Not wait4's ru_maxrss: posix_spawn execs from a vfork of this test process, and
/// the kernel folds the parent's (large, test-dependent) high-water mark into the child's at exec.
/// Elsewhere: wait4's ru_maxrss.
func runMeasured(_ tool: URL, _ arguments: [String]) throws -> (status: Int32, peakBytes: Double) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([tool.path] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, tool.path, &actions, nil, argv, environ)
    try #require(spawned == 0, "posix_spawn failed: \(spawned)")
    var status: Int32 = 0
    var usage = rusage()
    var highWater = 0.0
    #if os(Linux)
    while true {
        let reaped = wait4(pid, &status, WNOHANG, &usage)
        if reaped == pid { break }
        if reaped < 0 && errno != EINTR { break }
        if let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kibibytes = Double(line.split(separator: " ", omittingEmptySubsequences: true)[1]) {
            highWater = max(highWater, kibibytes * 1024)
        }
        usleep(5000)
    }
    #else
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    highWater = Double(usage.ru_maxrss)  // bytes on macOS
    #endif
    let exited = status & 0x7f == 0
    return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), highWater)
}

func fileSize(_ url: URL) -> Double {
    Double((try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)??.intValue ?? 0)
}

func directorySize(_ url: URL) -> Double {
    let names = (try? FileManager.default.subpathsOfDirectory(atPath: url.path)) ?? []
    return names.reduce(0) { $0 + fileSize(url.appendingPathComponent($1)) }
}

@Suite struct ResourceEstimateTests {
    func spec(_ text: String) throws -> ExperimentSpec { try SpecParser.parse(text) }

    /// Sizes of the quantile sketch follow its compaction rule: checked against a real sketch.
    @Test func sketchItemCountsMatchTheSketch() {
        for values in [1, 7, 1000, 1024, 1025, 3000, 20_000, 100_000] {
            var cell = CellAccumulator()
            for i in 0..<values { cell.add(Double(i % 977)) }
            #expect(ResourceEstimate.sketchItems(values: values).items == cell.sketch.storedItemCount, "\(values) values")
        }
    }

    @Test func digitSumsCountEveryDigit() {
        #expect(ResourceEstimate.digitSum(0...9) == 10)
        #expect(ResourceEstimate.digitSum(1...100) == 9 + 180 + 3)
        #expect(ResourceEstimate.digitSum(0...(Int.max - 1)) > 0)
    }

    /// Sizes beyond any machine are refused; --force's path (no check) is the caller's; unknown
    /// amounts pass.
    @Test func checkRefusesWhatDoesNotFit() throws {
        let huge = try spec("samples: 1000000\nregime: accumulate\npath: samples\ngenerations: 1000000\nreplicates: 10\n")
        let estimate = ResourceEstimate(run: huge, threads: 2)
        #expect(estimate.memoryBytes > 1e13)
        let machine = MachineResources(availableMemory: 8e9, memorySource: "test", freeDisk: 1e12, diskPath: "/tmp")
        #expect(throws: ResourceEstimate.Refusal.self) { try estimate.check(against: machine) }
        let refusal = try #require(throws: ResourceEstimate.Refusal.self) { try estimate.check(against: machine) }
        #expect(refusal.resource == .memory)
        #expect(refusal.description.contains("7.45 GiB available (test)"))
        #expect(refusal.description.contains("--force"))
        let unknown = MachineResources(availableMemory: nil, memorySource: "unknown", freeDisk: nil, diskPath: "/")
        #expect(throws: Never.self) { try estimate.check(against: unknown) }
        let small = ResourceEstimate(run: try spec("generations: 10\nreplicates: 10\n"), threads: 2)
        #expect(throws: Never.self) { try small.check(against: machine) }
        let disk = MachineResources(availableMemory: 8e9, memorySource: "test", freeDisk: 1000, diskPath: "/tmp/x")
        let full = try #require(throws: ResourceEstimate.Refusal.self) { try small.check(against: disk) }
        #expect(full.resource == .disk && full.description.contains("free on the volume of /tmp/x"))
    }

    /// The machine's numbers are read: positive, and the memory names its source.
    @Test func machineResourcesAreRead() {
        let machine = MachineResources.current(output: URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("not-yet/a/b"))
        #expect((machine.availableMemory ?? 0) > 0)
        #expect((machine.freeDisk ?? 0) > 0)
        #expect(machine.diskPath == URL(fileURLWithPath: NSTemporaryDirectory()).standardizedFileURL.path)
        #expect(machine.memorySource != "unknown")
    }
}

/// The estimate against real runs of the built tool: peak resident size (wait4) and file sizes.
///
/// Stated factors: the memory estimate is within [0.9, 1.5] of the measured peak resident size
/// (it is a bound for the worst moment, a checkpoint being encoded, which a short run may not
/// reach: the `files` run measures 1.3×; the runs dominated by cells and by the accumulated pool
/// measured 0.96× and 1.07×); summary.csv and trajectories.csv within 10 % (+ 256 bytes, for a
/// two-row file) of their sizes; the
/// charts (plots/*.svg + report.html) within [0.75, 1.5] (measured 0.98–1.4×).
@Suite(.serialized) struct ResourceEstimateMeasurementTests {
    struct Case {
        var name: String
        var spec: String
        var arguments: [String]
        var threads: Int
    }

    @Test(.enabled(if: collapseTool != nil, "needs the collapse tool built next to the tests"))
    func estimateAgreesWithMeasuredRuns() throws {
        let tool = try #require(collapseTool)
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("estimate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let cases = [
            // The process alone.
            Case(name: "baseline", spec: "generations: 1\nreplicates: 1\nmetrics: [variance]\n", arguments: [], threads: 1),
            // 1,800 cells of 1,000 values, a checkpoint after the wave (encoding: the peak).
            Case(name: "cells", spec: "generations: 200\nreplicates: 1000\nmetrics: all\n", arguments: ["--checkpoint-seconds", "0"], threads: 2),
            // Two chains accumulating 4.9 million points each.
            Case(name: "pool", spec: "generations: 50\nreplicates: 2\nsamples: 100000\nregime: accumulate\npath: samples\nmetrics: [variance]\n", arguments: [], threads: 2),
            // Every file: 90,000 trajectory rows.
            Case(name: "files", spec: "generations: 50\nreplicates: 200\nmetrics: all\ntrajectories: true\n", arguments: [], threads: 2),
        ]
        for item in cases {
            let specURL = root.appendingPathComponent("\(item.name).yaml")
            try item.spec.write(to: specURL, atomically: true, encoding: .utf8)
            let out = root.appendingPathComponent(item.name)
            let estimate = ResourceEstimate(run: try SpecParser.parse(item.spec), threads: item.threads)
            let run = try runMeasured(tool, [
                "run", specURL.path, "--out", out.path, "--runs-root", root.appendingPathComponent("runs").path,
                "--threads", String(item.threads), "--quiet",
            ] + item.arguments)
            try #require(run.status == 0, "\(item.name): collapse exited \(run.status)")
            let ratio = estimate.memoryBytes / run.peakBytes
            #expect(ratio >= 0.9 && ratio <= 1.5, "\(item.name): memory estimated \(ResourceEstimate.bytes(estimate.memoryBytes)), measured peak \(ResourceEstimate.bytes(run.peakBytes))")

            func estimated(_ prefix: String) -> Double { estimate.disk.first { $0.name.hasPrefix(prefix) }?.bytes ?? 0 }
            let summary = fileSize(out.appendingPathComponent("summary.csv"))
            #expect(abs(estimated("summary.csv") - summary) < 0.1 * summary + 256, "\(item.name): summary.csv \(summary) B, estimated \(estimated("summary.csv"))")
            let trajectories = fileSize(out.appendingPathComponent("trajectories.csv"))
            if trajectories > 0 {
                #expect(abs(estimated("trajectories.csv") - trajectories) < 0.1 * trajectories + 256, "\(item.name): trajectories.csv \(trajectories) B, estimated \(estimated("trajectories.csv"))")
            } else {
                #expect(estimated("trajectories.csv") == 0)
            }
            let charts = directorySize(out.appendingPathComponent("plots")) + fileSize(out.appendingPathComponent("report.html"))
            let chartRatio = estimated("plots") / charts
            #expect(chartRatio >= 0.75 && chartRatio <= 1.5, "\(item.name): charts \(charts) B, estimated \(estimated("plots"))")
        }
    }

    /// checkpoint.plist of a real aggregate state against the estimate (half its two-copy item),
    /// within 10 %: 300 cells of 2,048 values (two sketch levels).
    @Test func checkpointFileSize() throws {
        let spec = try SpecParser.parse("generations: 100\nreplicates: 2048\nmetrics: [variance, log-variance, mean]\n")
        var cells = [CellAccumulator](repeating: CellAccumulator(), count: 300)
        for c in cells.indices {
            // Distinct values, as a run's are (a binary property list stores a repeated value once).
            for r in 0..<2048 { cells[c].add(sin(Double(c * 2048 + r))) }
        }
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("checkpoint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let checkpoint = RunCheckpoint(
            destination: directory.path, specHash: String(repeating: "0", count: 64), started: "2026-01-01T00:00:00Z",
            elapsedSeconds: 1, simulation: SimulationCheckpoint(completedReplicates: 2048, accumulators: cells))
        try checkpoint.write(to: directory)
        let size = fileSize(directory.appendingPathComponent(RunCheckpoint.fileName))
        let estimated = (ResourceEstimate(run: spec, threads: 2).disk.first { $0.name.hasPrefix("checkpoint.plist") }?.bytes ?? 0) / 2
        #expect(abs(estimated / size - 1) < 0.1, "checkpoint.plist \(size) B, estimated \(estimated)")
    }
}
