import ArgumentParser
import Experiments
import Foundation
import Reports
import Synchronization

/// `collapse sweep plan | run | collect | emit`: a sweep's points as separate tasks, for a cluster.
/// (`collapse run` on a sweep spec runs every point on this machine.)
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Plan a sweep, run one point of it, collect its points, or emit a Slurm / Kubernetes job.",
        discussion: """
            A sweep directory holds sweep.yaml (the spec as run), plan.json (the points), one run \
            directory per point (point-0000, …), and after collect sweep.csv, plots/ and index.html. \
            Typical cluster use: collapse sweep emit slurm SPEC --out DIR; sbatch DIR/sweep.slurm; \
            collapse sweep collect DIR. See Docs/Sweeps.md.
            """,
        subcommands: [Plan.self, Run.self, Collect.self, Emit.self])
}

/// The spec of a sweep and its overrides.
struct SweepSpecOptions: ParsableArguments {
    @Argument(help: "The YAML spec file (with a sweep: block; a spec without one is a sweep of one point).")
    var spec: String
    @Option(name: .customLong("set"), help: ArgumentHelp("Override a spec key (repeatable).", valueName: "key=value"))
    var overrides: [String] = []
    @Option(help: "Replicates R (shortcut for --set replicates=R).")
    var replicates: Int?
    @Option(help: "Generations T (shortcut for --set generations=T).")
    var generations: Int?
    @Option(help: "Master seed (shortcut for --set seed=S).")
    var seed: Int?

    var allOverrides: [String] {
        var result: [String] = []
        if let replicates { result.append("replicates=\(replicates)") }
        if let generations { result.append("generations=\(generations)") }
        if let seed { result.append("seed=\(seed)") }
        return result + overrides
    }

    func plan() throws -> SweepPlan { try parseSweepPlan(readSpecFile(spec), overrides: allOverrides) }
}

/// `--out DIR` of the sweep commands: the sweep directory, default RUNS-ROOT/NAME.
struct SweepDirectoryOptions: ParsableArguments {
    @Option(help: "The sweep directory (default: RUNS-ROOT/NAME, the same for every task).")
    var out: String?
    @Option(name: .customLong("runs-root"), help: "Where sweep directories go by default.")
    var runsRoot: String = "runs"

    func directory(for plan: SweepPlan) -> URL {
        (out.map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: runsRoot).appendingPathComponent(plan.name)).standardizedFileURL
    }
}

/// Parses a sweep, failing with the spec error (which names the point and the key).
func parseSweepPlan(_ text: String, overrides: [String]) throws -> SweepPlan {
    do {
        let document = try SpecParser.document(text, overrides: overrides)
        // An override of a swept key would be silently replaced at every point.
        let grid = try SweepGrid(parsing: document["sweep"])
        for override in overrides {
            let key = String(override.prefix { $0 != "=" }).trimmingCharacters(in: .whitespaces)
            if let swept = grid.keys.first(where: { $0 == key || $0.hasPrefix(key + ".") || key.hasPrefix($0 + ".") }) {
                fail("--set \(override): \(swept) is swept by the spec, so every point would replace it; change the sweep instead (--set 'sweep.\(swept)=[…]')")
            }
        }
        return try SweepPlan(document: document)
    } catch let error as SpecError {
        fail(error.description)
    }
}

/// Runs a sweep spec's every point on this machine (`collapse run` on a spec with `sweep:`), then
/// collects sweep.csv and draws the sweep's charts and index page.
func runSweep(_ text: String, overrides: [String], options: RunOptions) throws {
    let plan = try parseSweepPlan(text, overrides: overrides)
    let directory = options.out.map { URL(fileURLWithPath: $0) }
        ?? ExperimentRunner.defaultDirectory(for: plan.name, root: URL(fileURLWithPath: options.runsRoot), at: Date())
    let threads = options.threads ?? ProcessInfo.processInfo.activeProcessorCount
    checkSweepResources(plan, in: directory, indices: nil, threads: threads, pointsInParallel: options.pointsInParallel ?? threads, force: options.force)
    let started = Date()
    let outcomes = try runPoints(plan, in: directory, indices: nil, threads: threads, pointsInParallel: options.pointsInParallel, quiet: options.quiet)
    let report = try collectSweep(directory)
    do {
        let index = try RunIndex(root: URL(fileURLWithPath: options.runsRoot))
        for outcome in outcomes { try index.record(runDirectory: outcome.directory) }
    } catch {
        FileHandle.standardError.write(Data("warning: the sweep is complete but its points were not added to the run index: \(error)\n".utf8))
    }
    if options.quiet { return }
    let ran = outcomes.filter { !$0.skipped }.count
    print("sweep: \(directory.path)")
    print("\(plan.points.count) point\(plan.points.count == 1 ? "" : "s") (\(ran) run, \(outcomes.count - ran) already complete), \(threads) threads, \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
    print("sweep.csv: \(directory.appendingPathComponent(SweepCollector.fileName).path)")
    print("report: \(report.index.path)")
    printSweepTable(plan, directory: directory)
}

/// Refuses, before the sweep directory is written, a sweep whose points not yet complete need more
/// memory or disk than the machine has (unless --force).
func checkSweepResources(_ plan: SweepPlan, in directory: URL, indices: [Int]?, threads: Int, pointsInParallel: Int, force: Bool) {
    guard !force else { return }
    let selected = indices.map { $0.filter { plan.points.indices.contains($0) }.map { plan.points[$0] } } ?? plan.points
    let pending = selected.filter { SweepRunner.status(of: $0, in: directory) != .complete }.map(\.spec)
    guard !pending.isEmpty else { return }
    checkResources(
        ResourceEstimate(
            sweep: pending, allPoints: plan.points.count, keys: plan.keys.count, threads: threads,
            pointsInParallel: pointsInParallel),
        output: directory, force: force, what: indices == nil ? "sweep" : "sweep point")
}

/// Runs points with a line on stderr for each.
@discardableResult
func runPoints(_ plan: SweepPlan, in directory: URL, indices: [Int]?, threads: Int, pointsInParallel: Int? = nil, quiet: Bool) throws -> [SweepRunner.PointOutcome] {
    let total = indices?.count ?? plan.points.count
    let done = Mutex(0)
    let labels = plan.points.map { "\($0.directoryName) (\($0.label))" }
    let observer: @Sendable (SweepRunner.PointOutcome) -> Void = { outcome in
        let count = done.withLock { value -> Int in
            value += 1
            return value
        }
        let what = outcome.skipped ? "already complete, skipped" : String(format: "%.2f s", outcome.wallSeconds)
        FileHandle.standardError.write(Data("[\(count)/\(total)] \(labels[outcome.index]): \(what)\n".utf8))
    }
    let options = SweepRunner.Options(
        threads: threads, pointsInParallel: pointsInParallel,
        finalize: { directory in try ReportWriter.write(runDirectory: directory) },
        observer: quiet ? nil : observer,
        shouldStop: { StopSignal.shared.isSet })
    StopSignal.shared.install()
    do {
        return try SweepRunner.run(plan, in: directory, indices: indices, options: options)
    } catch let error as SweepError {
        if case .stopped = error {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            Collapse.exit(withError: ExitCode(128 + StopSignal.shared.signal))
        }
        fail(error.description)
    }
}

/// sweep.csv, plots and index.html of a sweep directory.
func collectSweep(_ directory: URL, yScale: AxisScale = .automatic) throws -> SweepReportWriter.Output {
    do {
        try SweepCollector.collect(directory)
        return try SweepReportWriter(yScale: yScale).write(sweepDirectory: directory)
    } catch let error as SweepError {
        fail(error.description)
    } catch let error as RunFileError {
        fail(error.description)
    }
}

/// The last generation of each point: the first metric's mean, se and theory.
func printSweepTable(_ plan: SweepPlan, directory: URL) {
    guard let table = try? DataTable.read(contentsOf: directory.appendingPathComponent(SweepCollector.fileName)),
          let generationColumn = table.index(of: "generation"), let metricColumn = table.index(of: "metric"),
          let meanColumn = table.index(of: "mean"), let seColumn = table.index(of: "se"),
          let theoryColumn = table.index(of: "theory"), let metric = table.rows.first?[metricColumn]
    else { return }
    let keyCount = plan.keys.count
    var last: [Int: [String]] = [:]
    var row = 0
    for point in plan.points {
        // Rows are grouped by point, in plan order: the point's last row of `metric` is its last generation.
        while row < table.rows.count, Array(table.rows[row].prefix(keyCount)) == point.values {
            if table.rows[row][metricColumn] == metric { last[point.index] = table.rows[row] }
            row += 1
        }
    }
    print("")
    print("\(metric) at the last generation:")
    let widths = plan.keys.enumerated().map { k, key in max(key.count, plan.points.map { $0.values[k].count }.max() ?? 0) + 2 }
    var header = pad("point", 12)
    for (k, key) in plan.keys.enumerated() { header += pad(key, widths[k]) }
    print(header + pad("generation", 12) + pad("mean", 14) + pad("se", 12) + "theory")
    for point in plan.points {
        guard let fields = last[point.index] else { continue }
        var line = pad(point.directoryName, 12)
        for (k, value) in point.values.enumerated() { line += pad(value, widths[k]) }
        func number(_ text: String) -> String { Double(text).map(fmt) ?? text }
        let theory = fields[theoryColumn].isEmpty ? "—" : number(fields[theoryColumn])
        print(line + pad(fields[generationColumn], 12) + pad(number(fields[meanColumn]), 14) + pad(number(fields[seColumn]), 12) + theory)
    }
}

extension SweepCommand {
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Expand and validate a sweep; write sweep.yaml and plan.json into the sweep directory.")

        @OptionGroup var specOptions: SweepSpecOptions
        @OptionGroup var directoryOptions: SweepDirectoryOptions
        @Flag(help: "Print only the number of points.")
        var count = false

        func run() throws {
            let plan = try specOptions.plan()
            let directory = directoryOptions.directory(for: plan)
            do { try SweepRunner.prepare(plan, in: directory) } catch let error as SweepError { fail(error.description) }
            if count {
                print(plan.points.count)
                return
            }
            print("sweep: \(directory.path)")
            print("points: \(plan.points.count)")
            print("plan: \(directory.appendingPathComponent(SweepPlanFile.fileName).path)")
            // What a task (one point on sweep.resources.cpus threads) and the whole sweep need.
            let resources = plan.grid.resources
            let estimate = ResourceEstimate(
                sweep: plan.points.map(\.spec), allPoints: plan.points.count, keys: plan.keys.count,
                threads: resources.cpus, pointsInParallel: 1)
            print("estimate: \(ResourceEstimate.bytes(estimate.memoryBytes)) of memory per task (\(resources.cpus) thread\(resources.cpus == 1 ? "" : "s")), \(ResourceEstimate.bytes(estimate.diskBytes)) of disk for all points")
            if let memory = resources.memoryMiB, Double(memory) * 1024 * 1024 < estimate.memoryBytes {
                print("warning: sweep.resources.memory (\(ResourceEstimate.bytes(Double(memory) * 1024 * 1024))) is below a task's estimated peak; the scheduler may kill tasks")
            }
            for point in plan.points.prefix(50) {
                print("  " + pad(String(point.index), 6) + pad(point.directoryName, 12) + point.label)
            }
            if plan.points.count > 50 { print("  … (\(plan.points.count - 50) more in plan.json)") }
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run one point of a sweep into the sweep directory (skipped when already complete).",
            discussion: """
                The index defaults to SLURM_ARRAY_TASK_ID (a Slurm job array) or JOB_COMPLETION_INDEX \
                (a Kubernetes Indexed Job). The point's run directory is written under a hidden name and \
                renamed into place when complete, so a killed task leaves no half-run point.
                """)

        @OptionGroup var specOptions: SweepSpecOptions
        @OptionGroup var directoryOptions: SweepDirectoryOptions
        @Option(help: "The point to run (0-based).")
        var index: Int?
        @Option(help: "Worker threads for the point's replicates (default: all cores).")
        var threads: Int?
        @Flag(help: "Print nothing but errors.")
        var quiet = false
        @Flag(help: "Run even when the estimated memory or disk exceeds what the machine has (Docs/Reliability.md).")
        var force = false

        func validate() throws {
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        }

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let chosen: Int
            if let index {
                chosen = index
            } else if let text = environment["SLURM_ARRAY_TASK_ID"] ?? environment["JOB_COMPLETION_INDEX"] {
                guard let value = Int(text) else { fail("the task index '\(text)' from the environment is not an integer") }
                chosen = value
            } else {
                fail("give --index I, or run as a Slurm array task (SLURM_ARRAY_TASK_ID) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX)")
            }
            let plan = try specOptions.plan()
            let directory = directoryOptions.directory(for: plan)
            let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
            checkSweepResources(plan, in: directory, indices: [chosen], threads: threadCount, pointsInParallel: 1, force: force)
            let outcomes = try runPoints(
                plan, in: directory, indices: [chosen], threads: threadCount, quiet: true)
            if quiet { return }
            for outcome in outcomes {
                let point = plan.points[outcome.index]
                let what = outcome.skipped ? "already complete, skipped" : String(format: "done in %.2f s", outcome.wallSeconds)
                print("point \(point.index) of \(plan.points.count) (\(point.label)): \(what)")
                print("run: \(outcome.directory.path)")
            }
        }
    }

    struct Collect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge a sweep directory's points into sweep.csv, plots/ and index.html.",
            discussion: "Fails, naming them, when points are missing. The files are the same bytes a local `collapse run` of the sweep writes.")

        @Argument(help: "The sweep directory.")
        var directory: String
        @Option(name: .customLong("y-scale"), help: "The charts' y axis: automatic, linear or log.")
        var yScale: AxisScale = .automatic

        func run() throws {
            let url = URL(fileURLWithPath: directory)
            let output = try collectSweep(url, yScale: yScale)
            print(url.appendingPathComponent(SweepCollector.fileName).path)
            print(output.index.path)
            for plot in output.plots { print(plot.path) }
        }
    }

    struct Emit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plan a sweep and write a scheduler's job for it: a Slurm job array or a Kubernetes Indexed Job.",
            subcommands: [Slurm.self, Kubernetes.self])
    }
}

/// Resources per task: the spec's `sweep.resources`, overridden by flags.
struct ResourceOptions: ParsableArguments {
    @Option(help: "CPU cores per task (default: sweep.resources.cpus, else 1).")
    var cpus: Int?
    @Option(help: "Memory per task, e.g. 512M, 4G (default: sweep.resources.memory, else the cluster's default).")
    var memory: String?
    @Option(help: "Wall-time limit per task: minutes, HH:MM:SS or D-HH:MM:SS (default: sweep.resources.time).")
    var time: String?
    @Option(help: "At most this many tasks at once (default: sweep.resources.parallel, else all).")
    var parallel: Int?
    @Option(help: "The collapse executable as the tasks see it (default: this one's absolute path; Kubernetes: collapse).")
    var collapse: String?
    @Option(help: "Where to write the job file (default: inside the sweep directory).")
    var output: String?

    func validate() throws {
        if let cpus, cpus < 1 { throw ValidationError("--cpus must be at least 1, got \(cpus)") }
        if let parallel, parallel < 1 { throw ValidationError("--parallel must be at least 1, got \(parallel)") }
    }

    func resources(_ base: SweepResources) -> SweepResources {
        var resources = base
        do {
            if let cpus { resources.cpus = cpus }
            if let memory { resources.memoryMiB = try SweepResources.memory(memory, path: "--memory") }
            if let time { resources.timeLimitSeconds = try SweepResources.time(time, path: "--time") }
            if let parallel { resources.parallel = parallel }
        } catch let error as SpecError {
            fail(error.message.replacingOccurrences(of: "spec error at ", with: "") + " (\(error.path))")
        } catch {
            fail("\(error)")
        }
        return resources
    }
}

/// Plans the sweep into its directory and writes a job file; returns (plan, directory).
func emitJob(_ specOptions: SweepSpecOptions, _ directoryOptions: SweepDirectoryOptions, _ resourceOptions: ResourceOptions, defaultFile: String, text: (SweepPlan, URL, SweepResources) -> String) throws {
    let plan = try specOptions.plan()
    let directory = directoryOptions.directory(for: plan)
    do { try SweepRunner.prepare(plan, in: directory) } catch let error as SweepError { fail(error.description) }
    let resources = resourceOptions.resources(plan.grid.resources)
    let file = resourceOptions.output.map { URL(fileURLWithPath: $0) } ?? directory.appendingPathComponent(defaultFile)
    do {
        try text(plan, directory, resources).write(to: file, atomically: true, encoding: .utf8)
    } catch {
        fail("cannot write \(file.path): \(error.localizedDescription)")
    }
    print("sweep: \(directory.path) (\(plan.points.count) point\(plan.points.count == 1 ? "" : "s"))")
    print(file.path)
}

extension SweepCommand.Emit {
    struct Slurm: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an sbatch script running the sweep as a job array (one task per point).",
            discussion: "Submit it with sbatch FILE; then collapse sweep collect DIR. The sweep directory must be on a file system the compute nodes share.")

        @OptionGroup var specOptions: SweepSpecOptions
        @OptionGroup var directoryOptions: SweepDirectoryOptions
        @OptionGroup var resourceOptions: ResourceOptions
        @Option(help: "The Slurm partition.")
        var partition: String?
        @Option(help: "The Slurm account.")
        var account: String?

        func run() throws {
            let executable = resourceOptions.collapse
                ?? Bundle.main.executableURL?.resolvingSymlinksInPath().path ?? "collapse"
            try emitJob(specOptions, directoryOptions, resourceOptions, defaultFile: "sweep.slurm") { plan, directory, resources in
                try? FileManager.default.createDirectory(at: directory.appendingPathComponent("logs"), withIntermediateDirectories: true)
                if plan.points.count > 1001 {
                    FileHandle.standardError.write(Data("note: \(plan.points.count) array tasks: Slurm's default MaxArraySize is 1001\n".utf8))
                }
                return SlurmScript(
                    jobName: plan.name, pointCount: plan.points.count, resources: resources, executable: executable,
                    sweepDirectory: directory.path, partition: partition, account: account
                ).text
            }
        }
    }

    struct Kubernetes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an Indexed Job manifest running the sweep (one index per point).",
            discussion: "The sweep directory must be on the persistent volume claim at MOUNT-PATH/DIRNAME in the pods. Apply with kubectl apply -f FILE.")

        @OptionGroup var specOptions: SweepSpecOptions
        @OptionGroup var directoryOptions: SweepDirectoryOptions
        @OptionGroup var resourceOptions: ResourceOptions
        @Option(help: "The container image holding collapse.")
        var image: String = "collapse:latest"
        @Option(help: "The persistent volume claim holding the sweep directory.")
        var claim: String = "collapse-sweeps"
        @Option(name: .customLong("mount-path"), help: "Where the claim is mounted in the pods.")
        var mountPath: String = "/sweeps"
        @Option(help: "The namespace of the job.")
        var namespace: String?

        func run() throws {
            try emitJob(specOptions, directoryOptions, resourceOptions, defaultFile: "sweep-job.yaml") { plan, directory, resources in
                KubernetesJob(
                    jobName: plan.name, pointCount: plan.points.count, resources: resources, image: image,
                    executable: resourceOptions.collapse ?? "collapse", claimName: claim, mountPath: mountPath,
                    directoryName: directory.lastPathComponent, namespace: namespace
                ).text
            }
        }
    }
}
