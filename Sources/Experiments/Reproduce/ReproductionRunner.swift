import Foundation
import ModelCollapse

/// Runs a reproduction into `ROOT/NAME/`: one run directory per run, `reproduction.json` and
/// `verdicts.csv`. Like a single run, everything is written into a hidden partial directory and
/// renamed into place when complete; a reproduction that already exists under the name is replaced
/// only then.
public enum ReproductionRunner {
    public enum Failure: Error, CustomStringConvertible {
        case unknownPreset(reproduction: String, preset: String)
        case io(String)

        public var description: String {
            switch self {
            case .unknownPreset(let reproduction, let preset): return "reproduction \(reproduction): the bundled preset \(preset) is missing"
            case .io(let message): return message
            }
        }
    }

    /// The resolved specs of a reproduction's runs at the requested size, in order.
    public static func specs(_ reproduction: Reproduction, quick: Bool) throws -> [(run: ReproductionRun, spec: ExperimentSpec)] {
        try reproduction.runs.map { run in
            guard let text = Presets.text(named: run.preset) else {
                throw Failure.unknownPreset(reproduction: reproduction.name, preset: run.preset)
            }
            // A run is one point: a preset's `sweep:` block is dropped, the overrides pick the point.
            var document = try SpecParser.document(text, overrides: run.allOverrides(reproduction: reproduction.name, quick: quick))
            if case .mapping(let pairs) = document { document = .mapping(pairs.filter { $0.key != "sweep" }) }
            return (run, try SpecParser.parse(document))
        }
    }

    /// Runs every run with `execute` (spec, run directory to create → the finished run), checks the
    /// claims and writes the reproduction's directory under `root`.
    public static func run(
        _ reproduction: Reproduction, quick: Bool, root: URL,
        execute: (ExperimentSpec, URL) throws -> ExperimentRunner.Record
    ) throws -> ReproductionRecord {
        let started = Date()
        let fileManager = FileManager.default
        let specs = try specs(reproduction, quick: quick)
        let destination = root.appendingPathComponent(reproduction.name)
        let partial = root.appendingPathComponent(".\(reproduction.name).partial-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try fileManager.createDirectory(at: root, withIntermediateDirectories: true)
            if fileManager.fileExists(atPath: partial.path) { try fileManager.removeItem(at: partial) }
            try fileManager.createDirectory(at: partial, withIntermediateDirectories: false)
        } catch {
            throw Failure.io("cannot create \(partial.path): \(error.localizedDescription)")
        }
        var results: [String: [[MetricSummary]]] = [:]
        var runs: [ReproductionRecord.Run] = []
        for (run, spec) in specs {
            let record = try execute(spec, partial.appendingPathComponent(run.name))
            results[run.name] = record.summary
            runs.append(.init(name: run.name, directory: run.name))
        }
        let record = ReproductionRecord(
            name: reproduction.name, paper: reproduction.paper, title: reproduction.title, quick: quick,
            runs: runs, verdicts: reproduction.verdicts(results), wallSeconds: Date().timeIntervalSince(started))
        do {
            try record.json().write(to: partial.appendingPathComponent(ReproductionRecord.fileName))
            try Data(record.verdictsCSV().utf8).write(to: partial.appendingPathComponent(ReproductionRecord.verdictsFile))
            if fileManager.fileExists(atPath: destination.path) {
                let old = root.appendingPathComponent(".\(reproduction.name).old-\(ProcessInfo.processInfo.processIdentifier)")
                try fileManager.moveItem(at: destination, to: old)
                try fileManager.moveItem(at: partial, to: destination)
                try fileManager.removeItem(at: old)
            } else {
                try fileManager.moveItem(at: partial, to: destination)
            }
        } catch {
            throw Failure.io("cannot write the reproduction \(reproduction.name) under \(root.path): \(error.localizedDescription)")
        }
        return record
    }
}
