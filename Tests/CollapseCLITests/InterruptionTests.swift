import Foundation
import Testing

/// Starts the tool without waiting for it.
func startCollapse(_ arguments: [String], in directory: URL) throws -> Process {
    let process = Process()
    process.executableURL = try collapseExecutable()
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return process
}

/// Waits (at most `seconds`) until a partial run directory holds a checkpoint with replicates in it
/// (a checkpoint of an empty run is a few hundred bytes; one with accumulators is far larger).
func waitForCheckpoint(in directory: URL, seconds: Double) -> URL? {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.contains(".partial-") {
            let file = directory.appendingPathComponent(name).appendingPathComponent("checkpoint.plist")
            if let size = try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int, size > 10_000 {
                return directory.appendingPathComponent(name)
            }
        }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return nil
}

func waitForExit(_ process: Process, seconds: Double) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    if process.isRunning { process.terminate(); return false }
    return true
}

let interruptedSpec = "name: int\nsamples: 40\ngenerations: 150\nreplicates: 6000\npath: samples\ntrajectories: true\nmetrics: [variance, kl]\n"

@Test(arguments: [SIGINT, SIGTERM, SIGKILL])
func anInterruptedRunResumesToTheSameSummary(signal: Int32) throws {
    let directory = scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try interruptedSpec.write(to: directory.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
    let reference = try collapse(["run", "spec.yaml", "--out", "reference", "--quiet", "--threads", "2"], in: directory)
    #expect(reference.status == 0, "\(reference.stderr)")

    let process = try startCollapse(["run", "spec.yaml", "--out", "run", "--quiet", "--threads", "2", "--checkpoint-seconds", "0"], in: directory)
    let partial = try #require(waitForCheckpoint(in: directory, seconds: 120), "no checkpoint appeared")
    kill(process.processIdentifier, signal)
    #expect(waitForExit(process, seconds: 120))
    if signal != SIGKILL { #expect(process.terminationStatus == 128 + signal) }
    // Whatever the signal, the run does not look complete and can be resumed.
    #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("run").path))
    #expect(!FileManager.default.fileExists(atPath: partial.appendingPathComponent("summary.csv").path))

    let resumed = try collapse(["run", "--resume", partial.path, "--quiet", "--threads", "1"], in: directory)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    for file in ["summary.csv", "trajectories.csv"] {
        let a = try Data(contentsOf: directory.appendingPathComponent("reference/\(file)"))
        let b = try Data(contentsOf: directory.appendingPathComponent("run/\(file)"))
        #expect(a == b, "\(file) differs after resuming from signal \(signal)")
    }
}

@Test func resumeRefusesOverridesAndNonRuns() throws {
    let directory = scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let overrides = try collapse(["run", "--resume", "x", "--replicates", "5"], in: directory)
    #expect(overrides.status != 0 && overrides.stderr.contains("--resume"))
    let missing = try collapse(["run", "--resume", "nowhere"], in: directory)
    #expect(missing.status != 0 && missing.stderr.contains("not a stopped run"))
    let neither = try collapse(["run"], in: directory)
    #expect(neither.status != 0 && neither.stderr.contains("--resume"))
}
