import ArgumentParser
import Experiments
import Foundation
import Reports

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an experiment spec into a run directory.",
        discussion: """
            Every key of the spec can be overridden with --set KEY.PATH=VALUE (YAML flow syntax for \
            lists and mappings, e.g. --set 'regime={synthetic: accumulate, real: keep}'). The run is \
            written to a hidden partial directory and renamed into place when complete. Ctrl-C (or \
            SIGTERM) stops at the next generation boundary and leaves a checkpoint: finish the run \
            with --resume PARTIAL_DIR, with the same summary.csv as an uninterrupted run. A spec with \
            a sweep: block runs every point of its grid into a sweep directory (Docs/Sweeps.md).
            """)

    @Argument(help: "The YAML spec file.")
    var spec: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a spec key (repeatable).", valueName: "key=value"))
    var overrides: [String] = []

    @Option(help: ArgumentHelp("Finish a stopped or killed run from its partial directory.", valueName: "dir"))
    var resume: String?

    @OptionGroup var options: RunOptions

    func validate() throws {
        switch (spec, resume) {
        case (nil, nil): throw ValidationError("give a spec file, or --resume PARTIAL_DIR")
        case (.some, .some): throw ValidationError("give either a spec file or --resume, not both")
        case (nil, .some):
            if !overrides.isEmpty || !options.shortcutOverrides.isEmpty || options.out != nil {
                throw ValidationError("--resume continues the run as it was specified: --set, --replicates, --generations, --seed and --out do not apply")
            }
        default: break
        }
    }

    func run() throws {
        StopSignal.shared.install()
        if let resume {
            let record = try execute(resuming: URL(fileURLWithPath: resume), options: options)
            if !options.quiet { printSummary(record) }
            return
        }
        let text = try readSpecFile(spec!)
        // A spec with `sweep:` runs every point of its grid (SweepCommand.swift).
        if (try? SpecParser.isSweep(SpecParser.document(text, overrides: options.shortcutOverrides + overrides))) == true {
            return try runSweep(text, overrides: options.shortcutOverrides + overrides, options: options)
        }
        let parsed = try parseSpec(text, overrides: options.shortcutOverrides + overrides)
        let record = try execute(parsed, options: options)
        if !options.quiet { printSummary(record) }
    }
}

/// Options shared by `run` and `demo`.
struct RunOptions: ParsableArguments {
    // Numbers are parsed unconditionally, so that `--replicates -1` is reported as out of range
    // rather than as a missing value.
    @Option(parsing: .unconditional, help: "Replicates R (shortcut for --set replicates=R).")
    var replicates: Int?
    @Option(parsing: .unconditional, help: "Generations T (shortcut for --set generations=T).")
    var generations: Int?
    @Option(parsing: .unconditional, help: "Master seed (shortcut for --set seed=S).")
    var seed: Int?
    @Option(parsing: .unconditional, help: "Worker threads (default: all cores). Results do not depend on it.")
    var threads: Int?
    @Option(help: "The run directory to create (default: RUNS-ROOT/NAME-YYYYMMDD-HHMMSS).")
    var out: String?
    @Option(name: .customLong("runs-root"), help: "Where run directories go.")
    var runsRoot: String = "runs"
    @Flag(help: "No progress display and no summary table.")
    var quiet = false
    @Option(name: .customLong("checkpoint-seconds"), parsing: .unconditional, help: "Seconds between checkpoints of a running run.")
    var checkpointSeconds: Double = 10
    @Option(name: .customLong("points-in-parallel"), parsing: .unconditional, help: "Sweeps: points run at once, each on --threads threads (default: as many as threads).")
    var pointsInParallel: Int?
    @Flag(help: "Run even when the estimated memory or disk exceeds what the machine has (Docs/Reliability.md).")
    var force = false

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        if !(checkpointSeconds >= 0) { throw ValidationError("--checkpoint-seconds must be ≥ 0, got \(checkpointSeconds)") }
        if let pointsInParallel, pointsInParallel < 1 { throw ValidationError("--points-in-parallel must be at least 1, got \(pointsInParallel)") }
    }

    var shortcutOverrides: [String] {
        var result: [String] = []
        if let replicates { result.append("replicates=\(replicates)") }
        if let generations { result.append("generations=\(generations)") }
        if let seed { result.append("seed=\(seed)") }
        return result
    }
}

/// Reads a spec file, with errors that name the file.
func readSpecFile(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        fail(exists ? (isDirectory.boolValue ? "\(path) is a directory, not a spec file" : "cannot read \(path)") : "no such spec file: \(path)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
        fail("\(path) is not UTF-8 text" + (TextFile.firstNonUTF8Line(in: data).map { " (line \($0))" } ?? ""))
    }
    // An empty file is more likely a mistake (a truncated copy) than a request for every default.
    if TextFile.isBlank(text) {
        fail("\(path) is empty (no keys); write {} for a spec with every default")
    }
    return text
}

func parseSpec(_ text: String, overrides: [String]) throws -> ExperimentSpec {
    do {
        return try SpecParser.parse(text, overrides: overrides)
    } catch let error as SpecError {
        fail(error.description)
    }
}

/// Refuses, before anything is written, a run whose estimated memory or disk exceeds what the
/// machine has (unless --force).
func checkResources(_ estimate: @autoclosure () -> ResourceEstimate, output: URL, force: Bool, what: String = "run") {
    guard !force else { return }
    do {
        try estimate().check(against: .current(output: output), what: what)
    } catch let refusal as ResourceEstimate.Refusal {
        fail(refusal.description)
    } catch {
        fail("\(error)")
    }
}

/// Runs a spec with the CLI's progress display.
func execute(_ spec: ExperimentSpec, options: RunOptions, outputDirectory: URL? = nil, label: String? = nil) throws -> ExperimentRunner.Record {
    let output = outputDirectory ?? options.out.map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: options.runsRoot)
    checkResources(
        ResourceEstimate(run: spec, threads: options.threads ?? ProcessInfo.processInfo.activeProcessorCount),
        output: output, force: options.force)
    return try runWithDisplay(label: label ?? spec.name, options: options) { runOptions in
        var runOptions = runOptions
        runOptions.outputDirectory = outputDirectory ?? options.out.map { URL(fileURLWithPath: $0) }
        return try ExperimentRunner.run(spec, options: runOptions)
    }
}

/// Finishes a stopped run.
func execute(resuming partial: URL, options: RunOptions) throws -> ExperimentRunner.Record {
    try runWithDisplay(label: partial.lastPathComponent, options: options) { runOptions in
        try ExperimentRunner.resume(partialDirectory: partial, options: runOptions)
    }
}

/// The runner's options for a run started from the command line: all cores unless `--threads`,
/// stop on SIGINT/SIGTERM, report.html and plots rendered before the run is renamed into place.
func runnerOptions(
    threads: Int?, runsRoot: String, progress: ProgressDisplay?, outputDirectory: URL? = nil, checkpointSeconds: Double = 10
) -> ExperimentRunner.Options {
    ExperimentRunner.Options(
        threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, outputDirectory: outputDirectory,
        runsRoot: URL(fileURLWithPath: runsRoot), progress: progress,
        shouldStop: { StopSignal.shared.isSet },
        finalize: { directory in try ReportWriter.write(runDirectory: directory) },
        checkpointInterval: checkpointSeconds)
}

/// Progress, stop signals, the report and the run index around a run.
func runWithDisplay(label: String, options: RunOptions, _ body: (ExperimentRunner.Options) throws -> ExperimentRunner.Record) throws -> ExperimentRunner.Record {
    let progress: ProgressDisplay? = options.quiet ? nil : ProgressDisplay(label: label)
    let runOptions = runnerOptions(
        threads: options.threads, runsRoot: options.runsRoot, progress: progress, checkpointSeconds: options.checkpointSeconds)
    do {
        let record = try body(runOptions)
        progress?.finish()
        do {
            try RunIndex(root: URL(fileURLWithPath: options.runsRoot)).record(runDirectory: record.directory)
        } catch {
            FileHandle.standardError.write(Data("warning: the run is complete but was not added to the run index: \(error)\n".utf8))
        }
        return record
    } catch let error as ExperimentRunner.RunError {
        progress?.finish()
        if case .stopped = error {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            Collapse.exit(withError: ExitCode(128 + (StopSignal.shared.isSet ? StopSignal.shared.signal : 2)))
        }
        fail(error.description)
    } catch let error as SpecError {
        progress?.finish()
        fail(error.description)
    }
}

func printSummary(_ record: ExperimentRunner.Record) {
    let manifest = record.manifest
    print("run: \(record.directory.path)")
    print("family \(manifest.family), \(manifest.replicates) replicates × \(manifest.generations) generations, path \(manifest.path), \(manifest.threads) threads, \(String(format: "%.2f", manifest.wallSeconds)) s")
    guard let last = record.summary.last else { return }
    print("")
    print("generation \(last.first?.generation ?? 0):")
    let width = max(14, (last.map(\.metric.count).max() ?? 0) + 2)
    print(pad("metric", width) + pad("mean", 14) + pad("se", 12) + pad("q05", 12) + pad("q95", 12) + "theory")
    for row in last {
        print(pad(row.metric, width) + pad(fmt(row.mean), 14) + pad(fmt(row.standardError), 12) + pad(fmt(row.q05), 12) + pad(fmt(row.q95), 12) + (row.theory.map(fmt) ?? "—"))
    }
    for warning in manifest.warnings { print("warning: \(warning)") }
}

func fmt(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    return String(format: "%.5g", value)
}

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}

/// Prints an error on stderr and exits with status 2.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    Collapse.exit(withError: ExitCode(2))
}
