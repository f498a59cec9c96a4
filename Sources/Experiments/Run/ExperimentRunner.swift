import Foundation
import ModelCollapse

/// Runs a resolved spec into a run directory: spec.yaml, manifest.json, summary.csv and, when
/// asked, trajectories.csv. Everything is written into a hidden `.NAME.partial-PID` directory that
/// is renamed into place only when complete, so a crashed or stopped run never looks complete.
public enum ExperimentRunner {
    public struct Options: Sendable {
        public var threads: Int
        /// The run directory; nil makes `runsRoot/NAME-YYYYMMDD-HHMMSS`.
        public var outputDirectory: URL?
        public var runsRoot: URL
        public var progress: (any ProgressObserver)?
        public var shouldStop: @Sendable () -> Bool
        /// Called on the finished run's partial directory before it is renamed into place (the CLI
        /// renders report.html and plots here, so they are part of the complete run).
        public var finalize: @Sendable (URL) throws -> Void
        /// Seconds between checkpoints (one is also written when the run stops).
        public var checkpointInterval: Double

        public init(
            threads: Int = ProcessInfo.processInfo.activeProcessorCount, outputDirectory: URL? = nil,
            runsRoot: URL = URL(fileURLWithPath: "runs"), progress: (any ProgressObserver)? = nil,
            shouldStop: @escaping @Sendable () -> Bool = { false },
            finalize: @escaping @Sendable (URL) throws -> Void = { _ in },
            checkpointInterval: Double = 10
        ) {
            self.threads = threads
            self.outputDirectory = outputDirectory
            self.runsRoot = runsRoot
            self.progress = progress
            self.shouldStop = shouldStop
            self.finalize = finalize
            self.checkpointInterval = checkpointInterval
        }
    }

    /// A finished run.
    public struct Record: Sendable {
        public var directory: URL
        public var manifest: Manifest
        public var summary: [[MetricSummary]]
    }

    public enum RunError: Error, CustomStringConvertible {
        case exists(URL)
        case stopped(URL)
        case io(String)

        public var description: String {
            switch self {
            case .exists(let url): return "the run directory \(url.path) already exists; choose another --out or remove it"
            case .stopped(let url): return "the run was stopped before it finished; resume it with: collapse run --resume \(url.path)"
            case .io(let message): return message
            }
        }
    }

    /// Summaries with the theory column filled in.
    public static func summarize(_ spec: ExperimentSpec, _ result: SimulationResult) -> [[MetricSummary]] {
        let theory = spec.family.theory(spec)
        return result.rows.map { generation in
            generation.map { row in
                var row = row
                if let values = theory[row.metric], row.generation < values.count {
                    row.theory = values[row.generation]
                }
                return row
            }
        }
    }

    public static func run(_ spec: ExperimentSpec, options: Options) throws -> Record {
        let fileManager = FileManager.default
        let started = Date()
        let directory = options.outputDirectory ?? defaultDirectory(for: spec.name, root: options.runsRoot, at: started)
        if fileManager.fileExists(atPath: directory.path) { throw RunError.exists(directory) }
        let parent = directory.deletingLastPathComponent()
        let partial = parent.appendingPathComponent(".\(directory.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            if fileManager.fileExists(atPath: partial.path) { try fileManager.removeItem(at: partial) }
            try fileManager.createDirectory(at: partial, withIntermediateDirectories: false)
        } catch {
            throw RunError.io("cannot create the run directory under \(parent.path): \(error.localizedDescription)")
        }
        let specText = SpecYAML.emit(spec.resolved)
        try write(specText, to: partial.appendingPathComponent("spec.yaml"))
        var checkpoint = RunCheckpoint(
            destination: directory.path, specHash: SHA256.hex(Array(specText.utf8)),
            started: Manifest.timestamp(started), elapsedSeconds: 0)
        if options.outputDirectory == nil { checkpoint.renameIfTaken = true }
        try saveCheckpoint(checkpoint, in: partial)
        return try execute(spec, specText: specText, partial: partial, checkpoint: checkpoint, options: options)
    }

    /// Finishes a stopped or killed run from its partial directory: the spec is read back from its
    /// spec.yaml, the aggregate state from checkpoint.plist, and the summary ends byte-identical to
    /// an uninterrupted run's.
    public static func resume(partialDirectory partial: URL, options: Options) throws -> Record {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: partial.appendingPathComponent(RunCheckpoint.fileName).path) else {
            if fileManager.fileExists(atPath: partial.appendingPathComponent("summary.csv").path) {
                throw RunError.io("\(partial.path) is a complete run directory, not a stopped run")
            }
            throw RunError.io("\(partial.path) holds no \(RunCheckpoint.fileName): it is not a stopped run")
        }
        let checkpoint: RunCheckpoint
        let specText: String
        do {
            checkpoint = try RunCheckpoint.read(from: partial)
            specText = try String(contentsOf: partial.appendingPathComponent("spec.yaml"), encoding: .utf8)
        } catch {
            throw RunError.io("cannot read the checkpoint of \(partial.path): \(error.localizedDescription)")
        }
        guard SHA256.hex(Array(specText.utf8)) == checkpoint.specHash else {
            throw RunError.io("\(partial.path)/spec.yaml changed since the run started; it cannot be resumed")
        }
        let spec = try SpecParser.parse(specText)
        if fileManager.fileExists(atPath: checkpoint.destination) {
            throw RunError.exists(URL(fileURLWithPath: checkpoint.destination))
        }
        return try execute(spec, specText: specText, partial: partial, checkpoint: checkpoint, options: options)
    }

    /// Runs (or continues) a spec in its partial directory, then renames it into place.
    static func execute(
        _ spec: ExperimentSpec, specText: String, partial: URL, checkpoint initial: RunCheckpoint, options: Options
    ) throws -> Record {
        let resumedAt = Date()
        let threads = max(1, options.threads)
        let writer = spec.trajectories
            ? try TrajectoryWriter(
                url: partial.appendingPathComponent("trajectories.csv"), metricNames: spec.metrics,
                resumingAt: initial.simulation == nil ? nil : (initial.trajectoriesBytes ?? 0))
            : nil
        // The newest checkpoint is kept in memory after every wave and written at most every
        // checkpointInterval seconds, and once more if the run stops.
        var latest = initial
        var lastWrite = Date()
        var saveError: Error?
        let record: (SimulationCheckpoint) -> Void = { state in
            latest.simulation = state
            latest.trajectoriesBytes = writer?.flush()
            latest.elapsedSeconds = initial.elapsedSeconds + Date().timeIntervalSince(resumedAt)
            if Date().timeIntervalSince(lastWrite) >= options.checkpointInterval {
                do { try saveCheckpoint(latest, in: partial) } catch { saveError = error }
                lastWrite = Date()
            }
        }
        let control = RunControl(
            threads: threads, progress: options.progress, trajectories: writer,
            shouldStop: options.shouldStop, resume: initial.simulation, onCheckpoint: record)
        let result = spec.family.run(spec, control: control)
        writer?.close()
        if let saveError { throw RunError.io("cannot write the checkpoint: \(saveError.localizedDescription)") }
        let finished = Date()
        let elapsed = initial.elapsedSeconds + finished.timeIntervalSince(resumedAt)
        let summary = summarize(spec, result)
        let manifest = Manifest(
            version: ToolInfo.version, gitCommit: ToolInfo.gitCommit, name: spec.name,
            family: type(of: spec.family).name, seed: spec.seed, replicates: spec.replicates,
            completedReplicates: result.completedReplicates, generations: spec.generations,
            threads: threads, path: spec.resolvedPath.rawValue, metrics: spec.metrics,
            specHash: initial.specHash, started: initial.started, finished: Manifest.timestamp(finished),
            wallSeconds: (elapsed * 1000).rounded() / 1000,
            status: result.stopped ? "stopped" : "complete", warnings: warnings(summary, spec: spec))
        if result.stopped {
            try saveCheckpoint(latest, in: partial)
            throw RunError.stopped(partial)
        }
        try write(SummaryCSV.csv(summary), to: partial.appendingPathComponent("summary.csv"))
        do {
            try manifest.json().write(to: partial.appendingPathComponent("manifest.json"))
        } catch {
            throw RunError.io("cannot write manifest.json: \(error.localizedDescription)")
        }
        do {
            try options.finalize(partial)
        } catch {
            throw RunError.io("the run finished but its report could not be written: \(error); its files are in \(partial.path)")
        }
        // The checkpoint goes after the rename: a kill in between leaves a complete run with a
        // stray checkpoint.plist, rather than a finished partial directory that cannot be resumed.
        let directory = try moveIntoPlace(
            partial, to: URL(fileURLWithPath: initial.destination), renameIfTaken: initial.renameIfTaken == true,
            name: spec.name)
        try? FileManager.default.removeItem(at: directory.appendingPathComponent(RunCheckpoint.fileName))
        return Record(directory: directory, manifest: manifest, summary: summary)
    }

    /// Renames the finished partial directory to `destination` (rename(2): atomic, and it fails
    /// rather than replace a run directory). When `renameIfTaken` (a default name) and another run
    /// took the name meanwhile, the next free `NAME-YYYYMMDD-HHMMSS-K` is used.
    static func moveIntoPlace(_ partial: URL, to destination: URL, renameIfTaken: Bool, name: String) throws -> URL {
        let fileManager = FileManager.default
        let base = String(destination.lastPathComponent.prefix(name.count + 16))  // NAME-YYYYMMDD-HHMMSS
        var candidate = destination
        var suffix = 2
        while true {
            if fileManager.fileExists(atPath: candidate.path) {
                guard renameIfTaken else { throw RunError.exists(candidate) }
            } else if rename(partial.path, candidate.path) == 0 {
                return candidate
            } else {
                let code = errno
                guard renameIfTaken, code == EEXIST || code == ENOTEMPTY else {
                    throw RunError.io("cannot move the finished run into \(candidate.path): \(String(cString: strerror(code)))")
                }
            }
            candidate = destination.deletingLastPathComponent().appendingPathComponent("\(base)-\(suffix)")
            suffix += 1
        }
    }

    static func saveCheckpoint(_ checkpoint: RunCheckpoint, in directory: URL) throws {
        do {
            try checkpoint.write(to: directory)
        } catch {
            throw RunError.io("cannot write \(RunCheckpoint.fileName) in \(directory.path): \(error.localizedDescription)")
        }
    }

    /// Announces non-finite values: a metric that is infinite (KL after a degenerate fit) is
    /// reported as such in summary.csv, and named here.
    static func warnings(_ summary: [[MetricSummary]], spec: ExperimentSpec) -> [String] {
        var notes: [String] = []
        for metric in spec.metrics {
            let rows = summary.flatMap { $0.filter { $0.metric == metric && $0.nonFiniteCount > 0 } }
            guard let first = rows.first else { continue }
            let most = rows.map(\.nonFiniteCount).max() ?? 0
            notes.append("\(metric): non-finite (inf or nan) in some replicates from generation \(first.generation) on (at most \(most) of \(first.count) in one generation); mean and quantiles include them, sd and se are inf there (nan if a value was nan)")
        }
        return notes
    }

    static func write(_ text: String, to url: URL) throws {
        do {
            try text.write(to: url, atomically: false, encoding: .utf8)
        } catch {
            throw RunError.io("cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    /// `root/NAME-YYYYMMDD-HHMMSS`, with `-2`, `-3`… when taken.
    public static func defaultDirectory(for name: String, root: URL, at date: Date) -> URL {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let base = "\(name)-\(formatter.string(from: date))"
        var candidate = root.appendingPathComponent(base)
        var suffix = 2
        while FileManager.default.fileExists(atPath: candidate.path) {
            candidate = root.appendingPathComponent("\(base)-\(suffix)")
            suffix += 1
        }
        return candidate
    }
}
