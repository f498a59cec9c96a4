import ArgumentParser
import Foundation
import Reports

/// `collapse runs list | show | compare | record`: the run index at `<runs root>/index.sqlite`.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List, show and compare runs through the run index (<runs root>/index.sqlite).",
        subcommands: [List.self, Show.self, Compare.self, Record.self])
}

/// `--root DIR`, the runs root (default `./runs`).
struct RunsRootOption: ParsableArguments {
    @Option(name: .long, help: "The runs root holding the run directories and index.sqlite.")
    var root: String = "runs"

    var rootURL: URL { URL(fileURLWithPath: root) }

    /// A run directory given as a path, else looked up in the index.
    static func resolveDirectory(_ run: String, root: URL) throws -> URL {
        let url = URL(fileURLWithPath: run)
        if RunDirectory.isRunDirectory(url) { return url }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            // Let the reader name the missing file.
            _ = try RunDirectory(reading: url)
        }
        guard RunIndex.exists(root: root) else {
            throw ValidationError("\(run) is not a run directory (no \(RunDirectory.manifestFile)), and there is no run index at \(RunIndex.databaseURL(root: root).path)")
        }
        return URL(fileURLWithPath: try RunIndex(root: root).show(run).run.path)
    }

    /// A run from its directory's files when `run` is a run directory, else from the index.
    static func resolveRecord(_ run: String, root: URL) throws -> RunRecord {
        let url = URL(fileURLWithPath: run)
        if RunDirectory.isRunDirectory(url) {
            if RunIndex.exists(root: root), let indexed = try RunIndex(root: root).matches(RunIndex.canonicalPath(url)).first,
                indexed.path == RunIndex.canonicalPath(url)
            {
                return try RunIndex(root: root).show(indexed.path)
            }
            return RunRecord(try RunDirectory(reading: url))
        }
        _ = try resolveDirectory(run, root: root)
        return try RunIndex(root: root).show(run)
    }
}

extension RunsCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the runs in the index, oldest first.")

        @OptionGroup var rootOption: RunsRootOption

        func run() throws {
            let root = rootOption.rootURL
            guard RunIndex.exists(root: root) else {
                print("No run index at \(RunIndex.databaseURL(root: root).path) (runs are recorded when they finish; `collapse runs record --root \(rootOption.root)` indexes existing run directories).")
                return
            }
            let runs = try RunIndex(root: root).list()
            if runs.isEmpty { print("No runs in \(RunIndex.databaseURL(root: root).path)."); return }
            let rootPath = RunIndex.canonicalPath(root) + "/"
            let table = TextTable(
                header: ["id", "name", "family", "status", "started", "R", "T", "seconds", "directory"],
                rows: runs.map { run in
                    [
                        run.id.map(String.init) ?? "", run.name, run.family ?? "", run.status ?? "", run.started ?? "",
                        run.replicates.map(String.init) ?? "", run.generations.map(String.init) ?? "",
                        run.wallSeconds.map { NumberFormatting.significant($0, digits: 3) } ?? "",
                        run.path.hasPrefix(rootPath) ? String(run.path.dropFirst(rootPath.count)) : run.path,
                    ]
                },
                alignRight: [0, 5, 6, 7])
            print(table.render(), terminator: "")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a run: its manifest fields and its summary at selected generations.")

        @Argument(help: ArgumentHelp("An id, a name or name prefix (the newest match), or a run directory.", valueName: "run"))
        var target: String

        @OptionGroup var rootOption: RunsRootOption

        func run() throws {
            let root = rootOption.rootURL
            let record = try RunsRootOption.resolveRecord(target, root: root)
            if !RunDirectory.isRunDirectory(URL(fileURLWithPath: target)), RunIndex.exists(root: root) {
                let count = try RunIndex(root: root).matches(target).count
                if count > 1 { print("(\(count) runs match \"\(target)\"; showing the newest. `collapse runs list` shows them all.)\n") }
            }
            let r = record.run
            let facts: [(String, String?)] = [
                ("id", r.id.map(String.init)), ("name", r.name), ("family", r.family), ("status", r.status),
                ("seed", r.seed), ("replicates", r.replicates.map(String.init)),
                ("generations", r.generations.map(String.init)), ("started", r.started), ("finished", r.finished),
                ("seconds", r.wallSeconds.map { NumberFormatting.significant($0, digits: 4) }), ("spec hash", r.specHash),
                ("directory", r.path),
            ]
            for (key, value) in facts {
                guard let value, !value.isEmpty else { continue }
                print("\(key.padding(toLength: 12, withPad: " ", startingAt: 0))\(value)")
            }
            for metric in record.summary.metrics {
                let rows = record.summary.rows(metric: metric)
                let chosen = Set(GenerationSelection.selected(from: rows.map(\.generation)))
                let hasTheory = rows.contains { $0.theory != nil }
                print("\n\(metric)")
                let f = { (x: Double) in NumberFormatting.significant(x) }
                let table = TextTable(
                    header: ["generation", "mean", "se", "q05", "q50", "q95"] + (hasTheory ? ["theory", "z"] : []),
                    rows: rows.filter { chosen.contains($0.generation) }.map { row in
                        [String(row.generation), f(row.mean), NumberFormatting.significant(row.se, digits: 3), f(row.q05), f(row.q50), f(row.q95)]
                            + (hasTheory ? [row.theory.map(f) ?? "", row.theoryZScore.map { NumberFormatting.fixed($0, decimals: 2) } ?? ""] : [])
                    },
                    alignRight: Set(0..<8))
                print(table.render(), terminator: "")
            }
        }
    }

    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two runs: a side-by-side table on standard output and a chart of both.",
            discussion: "The chart shows --metric (default: the first metric both runs have).")

        @Argument(help: "The first run: an id, a name or name prefix, or a run directory.")
        var first: String

        @Argument(help: "The second run.")
        var second: String

        @Option(help: "Compare only this metric (and chart it).")
        var metric: String?

        @Option(help: "Where to write the chart (SVG). Default: compare-<metric>.svg in the current directory.")
        var out: String?

        @OptionGroup var rootOption: RunsRootOption

        func run() throws {
            let root = rootOption.rootURL
            let comparison = RunComparison(
                first: try RunsRootOption.resolveRecord(first, root: root),
                second: try RunsRootOption.resolveRecord(second, root: root))
            let common = comparison.commonMetrics
            let metrics: [String]
            if let metric {
                guard common.contains(metric) else {
                    throw ValidationError("metric \"\(metric)\" is not in both runs; common metrics: \(common.isEmpty ? "none" : common.joined(separator: ", "))")
                }
                metrics = [metric]
            } else {
                guard !common.isEmpty else { throw ValidationError("the two runs have no metric in common") }
                metrics = common
            }
            print("first:  \(comparison.first.label)  \(comparison.first.run.path)")
            print("second: \(comparison.second.label)  \(comparison.second.run.path)")
            print("difference = second − first; z = difference / √(se₁² + se₂²)")
            for m in metrics {
                print("\n\(m)")
                print(comparison.table(metric: m).render(), terminator: "")
            }
            let charted = metrics[0]
            let outURL = URL(fileURLWithPath: out ?? "compare-\(ReportWriter.fileStem(charted)).svg")
            try Data(comparison.chart(metric: charted).svgDocument().utf8).write(to: outURL, options: .atomic)
            print("\nchart of \(charted): \(outURL.path)")
        }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record run directories in the index (all of those under the root when none is given).")

        @Argument(help: "Run directories to record.")
        var runDirectories: [String] = []

        @OptionGroup var rootOption: RunsRootOption

        func run() throws {
            let index = try RunIndex(root: rootOption.rootURL)
            if runDirectories.isEmpty {
                let (recorded, failed) = try index.recordAll()
                for run in recorded { print("recorded #\(run.id ?? 0) \(run.path)") }
                for failure in failed { print("skipped \(failure.path): \(failure.error)") }
                if recorded.isEmpty && failed.isEmpty { print("no run directories under \(index.root.path)") }
                return
            }
            for directory in runDirectories {
                let run = try index.record(runDirectory: URL(fileURLWithPath: directory))
                print("recorded #\(run.id ?? 0) \(run.path)")
            }
        }
    }
}
