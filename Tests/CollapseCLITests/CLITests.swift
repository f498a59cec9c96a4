import Foundation
import Testing

/// The built `collapse` executable, next to the test bundle in the build products directory.
func collapseExecutable() throws -> URL {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent("collapse")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        directory = directory.deletingLastPathComponent()
    }
    let products = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/collapse")
    return try #require(FileManager.default.isExecutableFile(atPath: products.path) ? products : nil)
}

struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the tool with a time limit (it must never hang; 120 s unless given); output goes through files. `environment`
/// adds variables (a scheduler's task index); the scheduler's own are cleared first.
func collapse(_ arguments: [String], in directory: URL, environment: [String: String] = [:], timeLimit: TimeInterval = 120) throws -> Output {
    let process = Process()
    process.executableURL = try collapseExecutable()
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var variables = ProcessInfo.processInfo.environment
    variables["SLURM_ARRAY_TASK_ID"] = nil
    variables["JOB_COMPLETION_INDEX"] = nil
    variables.merge(environment) { $1 }
    process.environment = variables
    let id = UUID().uuidString
    let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("collapse-\(id).out")
    let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("collapse-\(id).err")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer {
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
    }
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(timeLimit)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    if process.isRunning {
        process.terminate()
        Issue.record("collapse \(arguments) did not finish within \(Int(timeLimit)) s")
    }
    process.waitUntilExit()
    return Output(
        status: process.terminationStatus,
        stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
}

func scratchDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("collapse-cli-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Test func runWritesARunDirectoryThatAgreesWithTheory() throws {
    let directory = scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try "name: cli\nfamily: gaussian\nestimator: mle\nsamples: 100\ngenerations: 50\nreplicates: 1000\nmetrics: [variance, log-variance]\n"
        .write(to: directory.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
    let output = try collapse(["run", "spec.yaml", "--out", "out", "--threads", "2", "--quiet"], in: directory)
    #expect(output.status == 0, "\(output.stderr)")
    let summary = try String(contentsOf: directory.appendingPathComponent("out/summary.csv"), encoding: .utf8)
    // The row of log-variance at generation 50: mean within 4.5 se of −1.00927 (RESEARCH.md §1).
    let row = try #require(summary.split(separator: "\n").first { $0.hasPrefix("50,log-variance,") })
    let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let mean = try #require(Double(fields[2])), se = try #require(Double(fields[4])), theory = try #require(Double(fields[8]))
    #expect(abs(theory - -1.00927) < 5e-6)
    #expect(abs(mean - theory) < 4.5 * se)
}

@Test func overridesAndShortcutsReachTheResolvedSpec() throws {
    let directory = scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try "generations: 3\n".write(to: directory.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
    let output = try collapse(["run", "spec.yaml", "--out", "r", "--replicates", "7", "--seed", "99", "--set", "regime=accumulate", "--set", "truth.variance=2"], in: directory)
    #expect(output.status == 0, "\(output.stderr)")
    let resolved = try String(contentsOf: directory.appendingPathComponent("r/spec.yaml"), encoding: .utf8)
    #expect(resolved.contains("replicates: 7"))
    #expect(resolved.contains("seed: 99"))
    #expect(resolved.contains("synthetic: accumulate"))
    #expect(resolved.contains("variance: 2.0"))
    #expect(output.stdout.contains("run: "))
}

@Test func badSpecsFailWithTheKeyNamedAndNothingWritten() throws {
    let directory = scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let cases: [(String, String)] = [
        ("generatoins: 5\n", "generatoins"),
        ("regime: {real: {fraction: 1.2}}\n", "regime.real.fraction"),
        ("estimator: unbiased\nsamples: 1\n", "n ≥ 2"),
        ("samples: [1, 2\n", "malformed YAML"),
    ]
    for (index, (text, expected)) in cases.enumerated() {
        let file = "bad\(index).yaml"
        try text.write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8)
        let output = try collapse(["run", file, "--runs-root", "runs"], in: directory)
        #expect(output.status != 0)
        #expect(output.stderr.contains(expected), "\(output.stderr)")
    }
    let missing = try collapse(["run", "nowhere.yaml"], in: directory)
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("no such spec file: nowhere.yaml"))
    try Data([0xFF, 0xFE, 0x00]).write(to: directory.appendingPathComponent("binary.yaml"))
    let binary = try collapse(["run", "binary.yaml"], in: directory)
    #expect(binary.status != 0 && binary.stderr.contains("not UTF-8"))
    let threads = try collapse(["run", "bad0.yaml", "--threads", "0"], in: directory)
    #expect(threads.status != 0 && threads.stderr.contains("--threads"))
    #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("runs").path))
}

@Test func familiesListsKeysDefaultsAndMetrics() throws {
    let output = try collapse(["families"], in: scratchDirectory())
    #expect(output.status == 0)
    for text in ["family: gaussian", "estimator", "default: mle", "allowed: mle | unbiased", "log-variance", "collapse-threshold", "regime"] {
        #expect(output.stdout.contains(text), "missing \(text)")
    }
}

@Test func demoRunsThreeRegimesAndPrintsATable() throws {
    let directory = scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let output = try collapse(["demo", "--replicates", "50", "--generations", "20", "--out", "demo"], in: directory)
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.stdout.contains("replace") && output.stdout.contains("accumulate") && output.stdout.contains("n(t)=100(t+1)^1.5"))
    for variant in ["replace", "accumulate", "growing"] {
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("demo/\(variant)/summary.csv").path))
    }
}
