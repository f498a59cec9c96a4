import Experiments
import Foundation
import ModelCollapse
import Testing

/// Expands a sweep and returns the error, failing the test if there was none.
func sweepError(_ text: String) -> SpecError? {
    do {
        _ = try SpecParser.parseSweep(text)
        Issue.record("expected a spec error for:\n\(text)")
        return nil
    } catch let error as SpecError {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

func labels(_ plan: SweepPlan) -> [String] { plan.points.map(\.label) }

@Suite struct SweepGridTests {
    @Test func theFirstAxisVariesSlowest() throws {
        let plan = try SpecParser.parseSweep("""
            name: grid
            generations: 3
            sweep:
              samples: [10, 100]
              regime: [replace, accumulate]
            """)
        #expect(plan.name == "grid")
        #expect(plan.keys == ["samples", "regime"])
        #expect(labels(plan) == [
            "samples=10, regime=replace", "samples=10, regime=accumulate",
            "samples=100, regime=replace", "samples=100, regime=accumulate",
        ])
        #expect(plan.points.map(\.directoryName) == ["point-0000", "point-0001", "point-0002", "point-0003"])
        #expect(plan.points.map(\.spec.name) == ["grid-point-0000", "grid-point-0001", "grid-point-0002", "grid-point-0003"])
        #expect(plan.points.map(\.spec.schedule) == [.constant(10), .constant(10), .constant(100), .constant(100)])
        #expect(plan.points.map(\.spec.regime) == [.replace, .accumulate, .replace, .accumulate])
        #expect(plan.points.allSatisfy { $0.spec.generations == 3 })
        #expect(plan.points.map(\.values) == [["10", "replace"], ["10", "accumulate"], ["100", "replace"], ["100", "accumulate"]])
    }

    @Test func dottedPathsAndWholeMappingsAreValues() throws {
        let plan = try SpecParser.parseSweep("""
            regime: {synthetic: accumulate, real: {fraction: 0.5}}
            sweep:
              regime.real.fraction: [0, 0.1]
              truth: [{mean: 0, variance: 1}, {mean: 1, variance: 4}]
              update: [refit, {incremental: {step: 0.5}}]
            """)
        #expect(plan.points.count == 8)
        #expect(plan.points[0].spec.regime == Regime(synthetic: .accumulate, real: .fraction(0)))
        #expect(plan.points[4].spec.regime == Regime(synthetic: .accumulate, real: .fraction(0.1)))
        let family = try #require(plan.points[2].spec.family as? GaussianFamily)
        #expect(family.mean == [1] && family.covariance[0, 0] == 4)
        #expect(plan.points[1].spec.update != .refit && plan.points[0].spec.update == .refit)
        #expect(plan.points[3].values == ["0", "{mean: 1, variance: 4}", "{incremental: {step: 0.5}}"])
    }

    @Test func zippedKeysVaryTogetherWhereZipStands() throws {
        let plan = try SpecParser.parseSweep("""
            sweep:
              estimator: [mle, unbiased]
              zip:
                samples: [10, 20, 30]
                generations: [3, 4, 5]
            """)
        #expect(plan.keys == ["estimator", "samples", "generations"])
        #expect(plan.file.axes == [["estimator"], ["samples", "generations"]])
        #expect(labels(plan) == [
            "estimator=mle, samples=10, generations=3", "estimator=mle, samples=20, generations=4",
            "estimator=mle, samples=30, generations=5", "estimator=unbiased, samples=10, generations=3",
            "estimator=unbiased, samples=20, generations=4", "estimator=unbiased, samples=30, generations=5",
        ])
        #expect(plan.points.map(\.spec.generations) == [3, 4, 5, 3, 4, 5])

        let groups = try SpecParser.parseSweep("""
            sweep:
              zip: [{samples: [10, 20], generations: [3, 4]}, {seed: [1, 2, 3], replicates: [5, 6, 7]}]
              path: [samples, statistics]
            """)
        #expect(groups.points.count == 2 * 3 * 2)
        #expect(groups.file.axes == [["samples", "generations"], ["seed", "replicates"], ["path"]])
        #expect(groups.points[5].label == "samples=10, generations=3, seed=3, replicates=7, path=statistics")
        #expect(groups.points[6].label == "samples=20, generations=4, seed=1, replicates=5, path=samples")
    }

    @Test func aSpecWithoutAxesIsOnePointThatIsThePlainRun() throws {
        let text = "name: one\ngenerations: 4\nreplicates: 9\n"
        let plan = try SpecParser.parseSweep(text)
        #expect(plan.points.count == 1 && plan.keys.isEmpty)
        #expect(plan.points[0].spec.streamPrefix == [])
        #expect(plan.points[0].spec.plan(threads: 1) == (try SpecParser.parse(text)).plan(threads: 1))
        let resourcesOnly = try SpecParser.parseSweep(text + "sweep: {resources: {cpus: 3}}\n")
        #expect(resourcesOnly.points.count == 1 && resourcesOnly.grid.resources.cpus == 3)
    }

    @Test func aPointsStreamDependsOnlyOnItsOwnOverrides() throws {
        let small = try SpecParser.parseSweep("sweep: {samples: [10, 100], regime: [replace, accumulate]}")
        let larger = try SpecParser.parseSweep("sweep: {regime: [accumulate, replace, accumulate-subsample], samples: [5, 100, 10]}")
        func stream(_ plan: SweepPlan, _ label: Set<String>) -> [UInt64]? {
            plan.points.first { Set($0.label.components(separatedBy: ", ")) == label }?.spec.streamPrefix
        }
        for label: Set<String> in [["samples=10", "regime=replace"], ["samples=100", "regime=accumulate"]] {
            let a = try #require(stream(small, label)), b = try #require(stream(larger, label))
            #expect(a == b && a.count == 1)
        }
        let streams = larger.points.map(\.spec.streamPrefix)
        #expect(Set(streams).count == streams.count)
        // A stream the spec sets itself stays in front of the point's.
        let plain = try SpecParser.parseSweep("sweep: {samples: [10, 100]}")
        let prefixed = try SpecParser.parseSweep("stream: [3]\nsweep: {samples: [10, 100]}")
        #expect(prefixed.points[0].spec.streamPrefix == [3] + plain.points[0].spec.streamPrefix)
    }

    @Test func aPointsResolvedSpecReRunsAsItself() throws {
        let plan = try SpecParser.parseSweep("name: g\nsweep: {samples: [10, 100]}")
        for point in plan.points {
            #expect(point.specText.contains("stream: [\(point.spec.streamPrefix[0])]"))
            let again = try SpecParser.parse(point.specText)
            #expect(again.plan(threads: 1) == point.spec.plan(threads: 1))
            #expect(again.name == point.spec.name)
        }
    }

    @Test func anInvalidPointNamesThePointAndTheKey() {
        let unbiased = sweepError("estimator: unbiased\nsweep: {regime: [replace, accumulate], samples: [10, 1]}")
        #expect(unbiased?.path == "samples")
        #expect(unbiased?.message.contains("sweep point 1 (regime=replace, samples=1)") == true, "\(String(describing: unbiased))")
        let unknown = sweepError("sweep: {samplse: [10, 100]}")
        #expect(unknown?.path == "samplse")
        #expect(unknown?.message.contains("sweep point 0 (samplse=10)") == true)
        let range = sweepError("sweep: {regime.real.fraction: [0.5, 1.5]}")
        #expect(range?.path == "regime.real.fraction")
        #expect(range?.message.contains("sweep point 1") == true)
        #expect(sweepError("sweep: {truth.variance: [1, -1]}")?.path == "truth.variance")
    }

    @Test func malformedSweepsAreNamed() {
        #expect(sweepError("sweep: [samples]")?.path == "sweep")
        #expect(sweepError("sweep: {samples: 10}")?.path == "sweep.samples")
        #expect(sweepError("sweep: {samples: []}")?.path == "sweep.samples")
        #expect(sweepError("sweep: {zip: {samples: [10, 20], generations: [3]}}")?.path == "sweep.zip.generations")
        #expect(sweepError("sweep: {zip: 3}")?.path == "sweep.zip")
        #expect(sweepError("sweep: {zip: [{samples: [1, 2]}, 4]}")?.path == "sweep.zip[1]")
        #expect(sweepError("sweep: {regime: [replace], regime.real.fraction: [0.1]}")?.message.contains("overlaps") == true)
        #expect(sweepError("sweep: {samples: [10], zip: {samples: [20]}}")?.message.contains("twice") == true)
        #expect(sweepError("sweep: {samples: [10, 20, 10]}")?.message.contains("listed twice") == true)
        #expect(sweepError("sweep: {name: [a, b]}")?.path == "sweep.name")
        #expect(sweepError("sweep: {stream: [[1], [2]]}")?.path == "sweep.stream")
        #expect(sweepError("sweep: {a..b: [1]}")?.path == "sweep.a..b")
        #expect(sweepError("sweep: {resources: {cpus: 0}}")?.path == "sweep.resources.cpus")
        #expect(sweepError("sweep: {resources: {gpus: 1}}")?.path == "sweep.resources.gpus")
        // The single-run parser points at the sweep instead of ignoring it.
        #expect(specError("sweep: {samples: [10, 100]}")?.message.contains("collapse run") == true)
    }

    @Test func absurdGridsAreRefusedBeforeExpansion() {
        let values = "[" + (0..<100).map(String.init).joined(separator: ", ") + "]"
        let error = sweepError("sweep: {a: \(values), b: \(values), c: \(values)}")
        #expect(error?.path == "sweep")
        #expect(error?.message.contains("100000") == true)
    }

    @Test func resourcesReadSlurmsFormats() throws {
        #expect(try SweepResources.memory("512M", path: "m") == 512)
        #expect(try SweepResources.memory("4G", path: "m") == 4096)
        #expect(try SweepResources.memory("4Gi", path: "m") == 4096)
        #expect(try SweepResources.memory("1.5G", path: "m") == 1536)
        #expect(try SweepResources.memory("1T", path: "m") == 1_048_576)
        #expect(try SweepResources.memory("2048", path: "m") == 2048)
        #expect(try SweepResources.memory("100K", path: "m") == 1)
        #expect(throws: SpecError.self) { try SweepResources.memory("lots", path: "m") }
        #expect(throws: SpecError.self) { try SweepResources.memory("-1G", path: "m") }
        #expect(try SweepResources.time("90", path: "t") == 5400)
        #expect(try SweepResources.time("10:30", path: "t") == 630)
        #expect(try SweepResources.time("2:00:00", path: "t") == 7200)
        #expect(try SweepResources.time("1-2", path: "t") == 93600)
        #expect(try SweepResources.time("1-02:30", path: "t") == 95400)
        #expect(try SweepResources.time("1-00:00:05", path: "t") == 86405)
        #expect(throws: SpecError.self) { try SweepResources.time("soon", path: "t") }
        #expect(throws: SpecError.self) { try SweepResources.time("1:2:3:4", path: "t") }
        #expect(SweepResources.slurmTime(95405) == "1-02:30:05")
        let plan = try SpecParser.parseSweep("sweep: {samples: [10], resources: {cpus: 2, memory: 3G, time: '1:00:00', parallel: 4}}")
        #expect(plan.grid.resources == SweepResources(cpus: 2, memoryMiB: 3072, timeLimitSeconds: 3600, parallel: 4))
    }
}

@Suite struct SchedulerFileTests {
    @Test func theSlurmScriptIsAJobArrayOverThePoints() {
        let script = SlurmScript(
            jobName: "grid", pointCount: 12,
            resources: SweepResources(cpus: 2, memoryMiB: 1024, timeLimitSeconds: 3600, parallel: 3),
            executable: "/opt/collapse/bin/collapse", sweepDirectory: "/shared/my sweeps/grid", partition: "short").text
        #expect(script.hasPrefix("#!/bin/bash\n"))
        for line in [
            "#SBATCH --job-name=grid", "#SBATCH --array=0-11%3", "#SBATCH --cpus-per-task=2", "#SBATCH --mem=1024M",
            "#SBATCH --time=0-01:00:00", "#SBATCH --partition=short", "#SBATCH --output=/shared/my sweeps/grid/logs/%A_%a.out",
        ] {
            #expect(script.contains(line + "\n"), "\(line)")
        }
        #expect(script.contains("exec /opt/collapse/bin/collapse sweep run '/shared/my sweeps/grid/sweep.yaml' --out '/shared/my sweeps/grid' --index \"$SLURM_ARRAY_TASK_ID\""))
        let minimal = SlurmScript(jobName: "g", pointCount: 1, resources: SweepResources(), executable: "collapse", sweepDirectory: "/s").text
        #expect(minimal.contains("#SBATCH --array=0-0\n") && !minimal.contains("--mem") && !minimal.contains("--time"))
    }

    @Test func theKubernetesManifestIsAnIndexedJob() throws {
        let text = KubernetesJob(
            jobName: "Grid_Sweep.v2", pointCount: 40, resources: SweepResources(cpus: 4, memoryMiB: 2048, timeLimitSeconds: 600, parallel: 10),
            image: "registry.example/collapse:0.1", executable: "collapse", claimName: "data", mountPath: "/sweeps",
            directoryName: "grid", namespace: "research"
        ).text
        let manifest = try SpecYAML.parse(text)
        #expect(manifest["apiVersion"] == .scalar("batch/v1") && manifest["kind"] == .scalar("Job"))
        #expect(manifest["metadata"]?["name"] == .scalar("grid-sweep-v2-sweep"))
        #expect(manifest["metadata"]?["namespace"] == .scalar("research"))
        let spec = try #require(manifest["spec"])
        #expect(spec["completionMode"] == .scalar("Indexed"))
        #expect(spec["completions"] == .scalar("40") && spec["parallelism"] == .scalar("10"))
        let pod = try #require(spec["template"]?["spec"])
        #expect(pod["restartPolicy"] == .scalar("Never") && pod["activeDeadlineSeconds"] == .scalar("600"))
        guard case .list(let containers)? = pod["containers"], let container = containers.first else {
            Issue.record("no containers"); return
        }
        #expect(container["image"] == .scalar("registry.example/collapse:0.1"))
        #expect(container["command"] == .list(["collapse", "sweep", "run", "/sweeps/grid/sweep.yaml", "--out", "/sweeps/grid", "--threads", "4", "--quiet"].map { .scalar($0) }))
        #expect(container["resources"]?["limits"]?["memory"] == .scalar("2048Mi"))
        #expect(container["resources"]?["requests"]?["cpu"] == .scalar("4"))
        guard case .list(let volumes)? = pod["volumes"] else { Issue.record("no volumes"); return }
        #expect(volumes.first?["persistentVolumeClaim"]?["claimName"] == .scalar("data"))
        #expect(KubernetesJob.label("---") == "collapse-sweep")
        #expect(KubernetesJob.label(String(repeating: "a", count: 80)).count <= 63)
    }
}
