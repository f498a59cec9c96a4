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

        public init(
            threads: Int = ProcessInfo.processInfo.activeProcessorCount, outputDirectory: URL? = nil,
            runsRoot: URL = URL(fileURLWithPath: "runs"), progress: (any ProgressObserver)? = nil,
            shouldStop: @escaping @Sendable () -> Bool = { false },
            finalize: @escaping @Sendable (URL) throws -> Void = { _ in }
        ) {
            self.threads = threads
            self.outputDirectory = outputDirectory
            self.runsRoot = runsRoot
            self.progress = progress
            self.shouldStop = shouldStop
            self.finalize = finalize
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
            case .stopped(let url): return "the run was stopped before it finished; its partial output is in \(url.path)"
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

        let threads = max(1, options.threads)
        var result: SimulationResult
        let writer = spec.trajectories
            ? try TrajectoryWriter(url: partial.appendingPathComponent("trajectories.csv"), metricNames: spec.metrics)
            : nil
        result = spec.family.run(spec, threads: threads, progress: options.progress, trajectories: writer, shouldStop: options.shouldStop)
        writer?.close()
        let finished = Date()
        let summary = summarize(spec, result)
        try write(SummaryCSV.csv(summary), to: partial.appendingPathComponent("summary.csv"))
        let manifest = Manifest(
            version: ToolInfo.version, gitCommit: ToolInfo.gitCommit, name: spec.name,
            family: type(of: spec.family).name, seed: spec.seed, replicates: spec.replicates,
            completedReplicates: result.completedReplicates, generations: spec.generations,
            threads: threads, path: spec.resolvedPath.rawValue, metrics: spec.metrics,
            specHash: SHA256.hex(Array(specText.utf8)), started: Manifest.timestamp(started),
            finished: Manifest.timestamp(finished),
            wallSeconds: (finished.timeIntervalSince(started) * 1000).rounded() / 1000,
            status: result.stopped ? "stopped" : "complete", warnings: warnings(summary, spec: spec))
        do {
            try manifest.json().write(to: partial.appendingPathComponent("manifest.json"))
        } catch {
            throw RunError.io("cannot write manifest.json: \(error.localizedDescription)")
        }
        if result.stopped { throw RunError.stopped(partial) }
        do {
            try options.finalize(partial)
        } catch {
            throw RunError.io("the run finished but its report could not be written: \(error); its files are in \(partial.path)")
        }
        do {
            try fileManager.moveItem(at: partial, to: directory)
        } catch {
            throw RunError.io("cannot move the finished run into \(directory.path): \(error.localizedDescription)")
        }
        return Record(directory: directory, manifest: manifest, summary: summary)
    }

    /// Announces non-finite values: a metric that is infinite (KL after a degenerate fit) is
    /// reported as such in summary.csv, and named here.
    static func warnings(_ summary: [[MetricSummary]], spec: ExperimentSpec) -> [String] {
        var notes: [String] = []
        for metric in spec.metrics {
            let rows = summary.flatMap { $0.filter { $0.metric == metric && $0.nonFiniteCount > 0 } }
            guard let first = rows.first else { continue }
            let most = rows.map(\.nonFiniteCount).max() ?? 0
            notes.append("\(metric): non-finite (inf or nan) in some replicates from generation \(first.generation) on (at most \(most) of \(first.count) in one generation); mean and quantiles include them, sd and se are nan there")
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
