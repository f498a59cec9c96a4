import ArgumentParser
import Experiments
import Foundation
import Reports

struct ReproduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Run the seed papers' headline results and check each claim.",
        discussion: """
            Each reproduction runs bundled presets into OUT/NAME/ (one run directory with its \
            report per run, reproduction.json, verdicts.csv) and checks the paper's claims against \
            the runs: claim → what was measured → agrees or not, with the statistic that decided. \
            OUT/index.html links every reproduction found under OUT. --quick uses smaller sizes \
            (for CI). The exit status is 1 when a claim disagrees or could not be measured.
            """)

    @Argument(help: "Reproductions to run (see --list).")
    var names: [String] = []

    @Flag(help: "Run every reproduction.")
    var all = false

    @Flag(help: "List the reproductions with their papers and claims, and exit.")
    var list = false

    @Flag(help: "Smaller sizes (fewer replicates and generations): minutes instead of a quarter hour.")
    var quick = false

    @Option(help: "Where the reproductions go (default: RUNS-ROOT/reproduce).")
    var out: String?

    @Option(name: .customLong("runs-root"), help: "The runs root.")
    var runsRoot: String = "runs"

    @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
    var threads: Int?

    @Flag(help: "No progress display.")
    var quiet = false

    func validate() throws {
        if list { return }
        if all && !names.isEmpty { throw ValidationError("give reproduction names or --all, not both") }
        if !all && names.isEmpty { throw ValidationError("give reproduction names, --all or --list") }
        let known = ReproductionCatalogue.all.map(\.name)
        for name in names where !known.contains(name) {
            throw ValidationError("unknown reproduction '\(name)'; known: \(known.joined(separator: ", "))")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    func run() throws {
        if list { return printList() }
        StopSignal.shared.install()
        let selected = all ? ReproductionCatalogue.all : names.compactMap(ReproductionCatalogue.named)
        let root = URL(fileURLWithPath: out ?? (runsRoot as NSString).appendingPathComponent("reproduce"))
        // Every spec is parsed before anything runs, so a bad preset fails before any output.
        for reproduction in selected {
            do { _ = try ReproductionRunner.specs(reproduction, quick: quick) } catch { fail("\(error)") }
        }
        var records: [ReproductionRecord] = []
        for reproduction in selected {
            let record: ReproductionRecord
            do {
                record = try ReproductionRunner.run(reproduction, quick: quick, root: root) { spec, directory in
                    try runOne(spec, directory: directory, label: "\(reproduction.name)/\(directory.lastPathComponent)")
                }
            } catch let error as ExperimentRunner.RunError {
                removePartials(root, reproduction.name)
                if case .stopped = error {
                    FileHandle.standardError.write(Data("stopped: the reproduction \(reproduction.name) was not written (reproductions are not resumable: run it again)\n".utf8))
                    Collapse.exit(withError: ExitCode(128 + (StopSignal.shared.isSet ? StopSignal.shared.signal : 2)))
                }
                fail(error.description)
            } catch {
                removePartials(root, reproduction.name)
                fail("\(error)")
            }
            records.append(record)
            printVerdicts(record)
        }
        let index: URL
        do { index = try ReproductionIndexPage.write(root: root) } catch { fail("cannot write the index page under \(root.path): \(error)") }
        let verdicts = records.flatMap(\.verdicts)
        let agreeing = verdicts.filter(\.agrees).count
        print("")
        print("\(agreeing) of \(verdicts.count) claims agree in \(records.count) reproduction\(records.count == 1 ? "" : "s")\(quick ? " (--quick sizes)" : "")")
        print("index: \(index.path)")
        if agreeing != verdicts.count { throw ExitCode(1) }
    }

    func runOne(_ spec: ExperimentSpec, directory: URL, label: String) throws -> ExperimentRunner.Record {
        let progress: ProgressDisplay? = quiet ? nil : ProgressDisplay(label: label)
        defer { progress?.finish() }
        return try ExperimentRunner.run(spec, options: runnerOptions(threads: threads, runsRoot: runsRoot, progress: progress, outputDirectory: directory))
    }

    /// A stopped or failed reproduction leaves nothing behind: its hidden partial folder goes.
    func removePartials(_ root: URL, _ name: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        for entry in names where entry.hasPrefix(".\(name).partial-\(ProcessInfo.processInfo.processIdentifier)") {
            try? FileManager.default.removeItem(at: root.appendingPathComponent(entry))
        }
    }

    func printList() {
        for reproduction in ReproductionCatalogue.all {
            print("\(reproduction.name)")
            print("  \(reproduction.title)")
            print("  paper: \(reproduction.paper)")
            print("  runs: " + reproduction.runs.map { "\($0.name) (\($0.preset))" }.joined(separator: ", "))
            for claim in reproduction.claims { print("  claim: \(claim.statement)") }
            print("")
        }
    }

    func printVerdicts(_ record: ReproductionRecord) {
        print("")
        print("\(record.name) — \(record.paper) (\(String(format: "%.1f", record.wallSeconds)) s)")
        for verdict in record.verdicts {
            let mark: String
            switch verdict.outcome {
            case .agrees: mark = "agrees      "
            case .disagrees: mark = "DISAGREES   "
            case .missing: mark = "NOT MEASURED"
            }
            print("  \(mark) \(verdict.claim)")
            print("               measured: \(verdict.measured)")
            print("               \(verdict.statistic)")
        }
    }
}
