import Foundation
import Testing

let sweepSpec = """
    name: cli-grid
    generations: 8
    replicates: 80
    metrics: [variance, mean-error]
    sweep:
      samples: [6, 60]
      regime: [replace, accumulate, {synthetic: replace, real: {fresh: 3}}]
    """

/// Every file of a sweep's merged output, relative to the sweep directory.
func sweepOutputs(_ directory: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in ["sweep.csv", "index.html", "plan.json", "sweep.yaml"] {
        files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
    }
    for plot in try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("plots").path) {
        files["plots/" + plot] = try Data(contentsOf: directory.appendingPathComponent("plots/" + plot))
    }
    return files
}

@Suite(.serialized) struct SweepCLITests {
    @Test func aClusterStyleRunCollectsToTheBytesOfALocalRun() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try sweepSpec.write(to: directory.appendingPathComponent("grid.yaml"), atomically: true, encoding: .utf8)

        let local = try collapse(["run", "grid.yaml", "--out", "local", "--threads", "2"], in: directory)
        #expect(local.status == 0, "\(local.stderr)")
        #expect(local.stdout.contains("6 points (6 run, 0 already complete)"))
        #expect(local.stdout.contains("variance at the last generation:"))
        #expect(local.stderr.contains("[6/6] point-"))

        let count = try collapse(["sweep", "plan", "grid.yaml", "--out", "cluster", "--count"], in: directory)
        #expect(count.status == 0 && count.stdout == "6\n", "\(count.stderr)")
        let plan = try collapse(["sweep", "plan", "grid.yaml", "--out", "cluster"], in: directory)
        #expect(plan.stdout.contains("point-0005  samples=60, regime={synthetic: replace, real: {fresh: 3}}"), "\(plan.stdout)")

        // Tasks in any order, the index from --index or a scheduler's variable, any thread count.
        for (index, environment) in [(4, ["SLURM_ARRAY_TASK_ID": "4"]), (0, ["JOB_COMPLETION_INDEX": "0"]), (5, [:]), (1, [:]), (3, [:]), (2, [:])] {
            var arguments = ["sweep", "run", "grid.yaml", "--out", "cluster", "--threads", String(1 + index % 2)]
            if environment.isEmpty { arguments += ["--index", String(index)] }
            let task = try collapse(arguments, in: directory, environment: environment)
            #expect(task.status == 0, "\(task.stderr)")
            #expect(task.stdout.contains("point \(index) of 6") && task.stdout.contains("done in"), "\(task.stdout)")
        }
        let again = try collapse(["sweep", "run", "grid.yaml", "--out", "cluster", "--index", "4"], in: directory)
        #expect(again.status == 0 && again.stdout.contains("already complete, skipped"))

        let collect = try collapse(["sweep", "collect", "cluster"], in: directory)
        #expect(collect.status == 0, "\(collect.stderr)")
        let expected = try sweepOutputs(directory.appendingPathComponent("local"))
        let collected = try sweepOutputs(directory.appendingPathComponent("cluster"))
        #expect(expected.keys.sorted() == collected.keys.sorted())
        #expect(expected.keys.contains("plots/variance-heatmap.svg") && expected.keys.contains("plots/mean-error.svg"))
        for (name, data) in expected { #expect(collected[name] == data, "\(name) differs") }
        let index = String(decoding: try #require(expected["index.html"]), as: UTF8.self)
        #expect(index.contains("sweep of 6 points over samples × regime"))
        #expect(index.contains("<a href=\"point-0005/report.html\">point-0005</a>"))
        #expect(index.contains("<td>{synthetic: replace, real: {fresh: 3}}</td>"))
        let heatmap = String(decoding: try #require(expected["plots/variance-heatmap.svg"]), as: UTF8.self)
        #expect(heatmap.components(separatedBy: "class=\"cell\"").count - 1 == 6)
        #expect(heatmap.contains("data-x=\"accumulate\" data-y=\"60\""))
        let lines = String(decoding: try #require(expected["plots/variance.svg"]), as: UTF8.self)
        #expect(lines.components(separatedBy: "class=\"series\"").count - 1 == 6)
        #expect(lines.contains("60, accumulate"))
        // Each point's summary too.
        for point in 0..<6 {
            let name = "point-000\(point)/summary.csv"
            #expect(try Data(contentsOf: directory.appendingPathComponent("local/" + name)) == Data(contentsOf: directory.appendingPathComponent("cluster/" + name)))
        }

        // Re-running the local sweep into its own directory resumes: nothing is run again.
        let resumed = try collapse(["run", "grid.yaml", "--out", "local", "--quiet"], in: directory)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try sweepOutputs(directory.appendingPathComponent("local")) == expected)
    }

    @Test func missingPointsAndBadTasksAreClearErrors() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try sweepSpec.write(to: directory.appendingPathComponent("grid.yaml"), atomically: true, encoding: .utf8)
        let one = try collapse(["sweep", "run", "grid.yaml", "--out", "s", "--index", "2", "--quiet"], in: directory)
        #expect(one.status == 0 && one.stdout.isEmpty, "\(one.stderr)")
        let collect = try collapse(["sweep", "collect", "s"], in: directory)
        #expect(collect.status != 0)
        #expect(collect.stderr.contains("5 of 6 points") && collect.stderr.contains("(0, 1, 3, 4, 5)"), "\(collect.stderr)")

        let noIndex = try collapse(["sweep", "run", "grid.yaml", "--out", "s"], in: directory, environment: [:])
        #expect(noIndex.status != 0 && noIndex.stderr.contains("SLURM_ARRAY_TASK_ID"))
        let outOfRange = try collapse(["sweep", "run", "grid.yaml", "--out", "s", "--index", "6"], in: directory)
        #expect(outOfRange.status != 0 && outOfRange.stderr.contains("out of range"))
        let changed = try collapse(["sweep", "run", "grid.yaml", "--out", "s", "--index", "1", "--replicates", "81"], in: directory)
        #expect(changed.status != 0 && changed.stderr.contains("another sweep"), "\(changed.stderr)")
        let swept = try collapse(["sweep", "plan", "grid.yaml", "--set", "samples=10"], in: directory)
        #expect(swept.status != 0 && swept.stderr.contains("samples is swept"), "\(swept.stderr)")
        let notASweep = try collapse(["sweep", "collect", "."], in: directory)
        #expect(notASweep.status != 0 && notASweep.stderr.contains("not a sweep directory"))

        try "estimator: unbiased\nsweep: {samples: [10, 1]}\n".write(to: directory.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let bad = try collapse(["run", "bad.yaml", "--out", "bad"], in: directory)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("spec error at 'samples': in sweep point 1 (samples=1)"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("bad").path))
    }

    @Test func emitWritesASlurmArrayAndAKubernetesJob() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try (sweepSpec + "\n  resources: {cpus: 2, memory: 1G, time: '30'}\n").write(to: directory.appendingPathComponent("grid.yaml"), atomically: true, encoding: .utf8)
        let slurm = try collapse(["sweep", "emit", "slurm", "grid.yaml", "--out", "s", "--parallel", "2", "--time", "1:00:00", "--partition", "debug"], in: directory)
        #expect(slurm.status == 0, "\(slurm.stderr)")
        let script = try String(contentsOf: directory.appendingPathComponent("s/sweep.slurm"), encoding: .utf8)
        for line in ["#SBATCH --array=0-5%2", "#SBATCH --cpus-per-task=2", "#SBATCH --mem=1024M", "#SBATCH --time=0-01:00:00", "#SBATCH --partition=debug"] {
            #expect(script.contains(line + "\n"), "\(line)")
        }
        #expect(script.contains(directory.appendingPathComponent("s").standardizedFileURL.path + "/sweep.yaml"))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("s/logs").path))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("s/plan.json").path))

        let kubernetes = try collapse(["sweep", "emit", "kubernetes", "grid.yaml", "--out", "s", "--image", "me/collapse:1", "--output", "job.yaml"], in: directory)
        #expect(kubernetes.status == 0, "\(kubernetes.stderr)")
        let manifest = try String(contentsOf: directory.appendingPathComponent("job.yaml"), encoding: .utf8)
        #expect(manifest.contains("completionMode: Indexed\n") && manifest.contains("completions: 6\n"))
        #expect(manifest.contains("image: \"me/collapse:1\"") && manifest.contains("memory: \"1024Mi\""))
        #expect(manifest.contains("activeDeadlineSeconds: 1800"))
        let badMemory = try collapse(["sweep", "emit", "slurm", "grid.yaml", "--out", "s", "--memory", "lots"], in: directory)
        #expect(badMemory.status != 0 && badMemory.stderr.contains("memory"))
    }
}
