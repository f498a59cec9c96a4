import Experiments
import Foundation
import Testing

/// Degenerate states in every family, reached through the spec path (tiny n, many generations):
/// the run completes, the family's collapse metric counts exactly the replicates in the degenerate
/// state (checked per replicate and generation in trajectories.csv), summary.csv and
/// trajectories.csv hold no `nan`, and every infinity is written as `inf`/`-inf` (with sd and se
/// `inf` in its cell) and named in the manifest's warnings.
@Suite struct DegenerateStateTests {
    /// A finished run read back.
    struct FinishedRun {
        var summary: [[String: String]]
        var warnings: [String]
        /// trajectories[r][t][metric]
        var trajectories: [[[String: Double]]]
        var replicates: Int
        var generations: Int

        func row(_ generation: Int, _ metric: String) -> [String: String] {
            summary.first { $0["generation"] == String(generation) && $0["metric"] == metric } ?? [:]
        }

        func mean(_ generation: Int, _ metric: String) -> Double? { row(generation, metric)["mean"].flatMap(Double.init) }

        /// Every (replicate, generation ≥ 1) value of a metric.
        func values(_ metric: String) -> [(r: Int, t: Int, value: Double)] {
            var result: [(Int, Int, Double)] = []
            for r in 0..<replicates {
                for t in 1...generations { result.append((r, t, trajectories[r][t][metric]!)) }
            }
            return result
        }
    }

    func run(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> FinishedRun {
        let spec = try SpecParser.parse(text + "trajectories: true\n")
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("degenerate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let record = try ExperimentRunner.run(spec, options: .init(threads: 2, outputDirectory: directory))
        #expect(record.manifest.status == "complete", sourceLocation: sourceLocation)
        #expect(record.manifest.completedReplicates == spec.replicates, sourceLocation: sourceLocation)

        let summaryText = try String(contentsOf: directory.appendingPathComponent("summary.csv"), encoding: .utf8)
        let lines = summaryText.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        let summary = lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        let trajectoryText = try String(contentsOf: directory.appendingPathComponent("trajectories.csv"), encoding: .utf8)
        var trajectories = [[[String: Double]]](
            repeating: [[String: Double]](repeating: [:], count: spec.generations + 1), count: spec.replicates)
        for line in trajectoryText.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",").map(String.init)
            // Double("inf") and Double("-inf") parse; "nan" would too, and is checked for below.
            trajectories[Int(fields[0])!][Int(fields[1])!][fields[2]] = Double(fields[3])!
        }
        let result = FinishedRun(
            summary: summary, warnings: record.manifest.warnings, trajectories: trajectories,
            replicates: spec.replicates, generations: spec.generations)

        // No NaN anywhere; every infinity announced.
        #expect(!summary.contains { $0.values.contains("nan") }, "summary.csv holds nan", sourceLocation: sourceLocation)
        #expect(!trajectoryText.contains("nan"), "trajectories.csv holds nan", sourceLocation: sourceLocation)
        for row in summary where ["mean", "q05", "q50", "q95"].contains(where: { row[$0] == "inf" || row[$0] == "-inf" }) {
            let metric = row["metric"]!
            #expect(result.warnings.contains { $0.hasPrefix("\(metric): non-finite") }, "\(metric) is infinite but not announced", sourceLocation: sourceLocation)
            if row["generation"] != "0", row["mean"] == "inf" || row["mean"] == "-inf" {
                #expect(row["sd"] == "inf" && row["se"] == "inf", "\(metric) at \(row["generation"]!): sd \(row["sd"]!), se \(row["se"]!)", sourceLocation: sourceLocation)
            }
        }
        return result
    }

    /// Checks `collapsed(r, t) == 1` exactly when `degenerate(r, t)`, over every replicate and
    /// generation; returns how many (replicate, generation) pairs were degenerate.
    @discardableResult
    func expectCounts(
        _ run: FinishedRun, metric: String, sourceLocation: SourceLocation = #_sourceLocation,
        degenerate: (_ values: [String: Double], _ r: Int, _ t: Int) -> Bool
    ) -> Int {
        var count = 0
        for (r, t, value) in run.values(metric) {
            let isDegenerate = degenerate(run.trajectories[r][t], r, t)
            if isDegenerate { count += 1 }
            #expect(value == (isDegenerate ? 1 : 0), "\(metric) = \(value) at replicate \(r), generation \(t)", sourceLocation: sourceLocation)
        }
        return count
    }

    // MARK: one test per family

    /// MLE on one point: variance 0 from the first fit; d = 3 on two points: a singular covariance.
    @Test func gaussianZeroVarianceAndSingularCovariance() throws {
        let one = try run("family: gaussian\nsamples: 1\ngenerations: 5\nreplicates: 20\nmetrics: [variance, log-variance, kl, collapsed]\n")
        expectCounts(one, metric: "collapsed") { values, _, _ in values["variance"]! < 1e-3 }
        #expect(one.mean(5, "collapsed") == 1)
        #expect(one.row(5, "log-variance")["mean"] == "-inf" && one.row(5, "kl")["mean"] == "inf")

        let singular = try run("family: gaussian\ndimension: 3\nsamples: 2\ngenerations: 5\nreplicates: 20\nmetrics: [variance, kl, collapsed]\n")
        // Two points span a line: the smallest eigenvalue is 0 (to rounding) from the first fit.
        #expect(singular.values("collapsed").allSatisfy { $0.value == 1 })
        #expect(singular.values("kl").allSatisfy { $0.value == .infinity || $0.value > 1e10 })
    }

    /// Wright–Fisher on n = 2: one category left. P(a replicate is not fixed by generation 60)
    /// ≤ 2^-59, so all 30 are.
    @Test func categoricalSingleCategoryLeft() throws {
        let run = try run("family: categorical\ntruth: {probabilities: [0.5, 0.3, 0.2]}\nsamples: 2\ngenerations: 60\nreplicates: 30\nmetrics: [support, support-lost, kl, collapsed]\n")
        expectCounts(run, metric: "collapsed") { values, _, _ in values["support"]! == 1 }
        #expect(run.mean(60, "collapsed") == 1)
        for (r, t, kl) in run.values("kl") {
            #expect((kl == .infinity) == (run.trajectories[r][t]["support-lost"]! > 0))
        }
    }

    /// Three contexts on two points each: every context fixes (each ≤ 2^-59 not to by generation 60).
    @Test func nextTokenSingleTokenLeftInEveryContext() throws {
        let run = try run("family: next-token\ntruth: {contexts: 3, tokens: 4, zipf: 1.0}\nsamples: 6\ngenerations: 60\nreplicates: 20\nmetrics: [support, collapsed, kl]\n")
        // Averages over contexts: collapsed is 1 exactly when every context has a single token.
        for (r, t, collapsed) in run.values("collapsed") {
            if run.trajectories[r][t]["support"]! == 1 { #expect(collapsed == 1) }
            #expect(collapsed >= 0 && collapsed <= 1)
        }
        #expect(run.mean(60, "collapsed") == 1 && run.mean(60, "support") == 1)
        #expect(run.row(60, "kl")["mean"] == "inf")
    }

    /// Bernoulli on n = 2 is absorbed at p ∈ {0, 1} (not absorbed by generation 60: ≤ 2^-59).
    @Test func bernoulliAbsorbed() throws {
        let run = try run("family: bernoulli\nsamples: 2\ngenerations: 60\nreplicates: 30\nmetrics: [parameter, kl, absorbed]\n")
        expectCounts(run, metric: "absorbed") { values, _, _ in values["parameter"]! == 0 || values["parameter"]! == 1 }
        for (r, t, kl) in run.values("kl") { #expect((kl == .infinity) == (run.trajectories[r][t]["absorbed"]! == 1)) }
        #expect(run.mean(60, "absorbed") == 1)
    }

    /// Poisson on one point is absorbed at λ = 0 (a martingale on the integers).
    @Test func poissonAbsorbedAtZero() throws {
        let run = try run("family: poisson\ntruth: {mean: 0.5}\nsamples: 1\ngenerations: 60\nreplicates: 30\nmetrics: [parameter, kl, absorbed]\n")
        let absorbed = expectCounts(run, metric: "absorbed") { values, _, _ in values["parameter"]! == 0 }
        #expect(absorbed > 0)
        for (r, t, kl) in run.values("kl") { #expect((kl == .infinity) == (run.trajectories[r][t]["absorbed"]! == 1)) }
    }

    /// The exponential on one point: λ grows without bound (a multiplicative random walk with
    /// positive drift of ln λ); `absorbed` turns 1, for good, once 1/λ < 10⁻³/λ₀; λ overflows to
    /// +∞ after about a thousand generations, which summary.csv writes as `inf`.
    @Test func exponentialRateDiverges() throws {
        let run = try run("family: exponential\nsamples: 1\ngenerations: 1200\nreplicates: 10\nmetrics: [parameter, absorbed]\n")
        let truth = try #require(run.mean(0, "parameter"))
        expectCounts(run, metric: "absorbed") { _, r, t in
            (1...t).contains { run.trajectories[r][$0]["parameter"]! > truth / 1e-3 }
        }
        #expect(run.mean(1200, "absorbed") == 1)
        #expect(run.values("parameter").contains { $0.value == .infinity })
    }

    /// Silverman's bandwidth on two points shrinks until the points coincide: h = 0, a point mass,
    /// nll = +∞.
    @Test func kernelDensityBandwidthReachesZero() throws {
        let run = try run("family: kde\nbandwidth: silverman\nsamples: 2\ngenerations: 150\nreplicates: 20\nholdout: 20\nmetrics: [bandwidth, nll, variance]\n")
        var collapsed = 0
        for (r, t, nll) in run.values("nll") {
            let h = run.trajectories[r][t]["bandwidth"]!
            #expect((nll == .infinity) == (h == 0), "replicate \(r), generation \(t): h = \(h), nll = \(nll)")
            if h == 0 { collapsed += 1 }
        }
        #expect(collapsed > 0)
        #expect(run.row(150, "nll")["mean"] == "inf")
    }

    /// More components than the data support: EM drops components (no responsibility mass, or a
    /// covariance singular to within the floor), counts them, and the chain goes on.
    @Test func mixtureComponentsCollapse() throws {
        let run = try run("family: gmm\ntruth: {weights: [1.0], means: [0.0], variances: [1.0]}\ncomponents: 3\nsamples: 4\ngenerations: 30\nreplicates: 20\nmetrics: [collapsed-components, min-weight, component-variance, kl]\nkl-samples: 100\n")
        let counts = run.values("collapsed-components")
        #expect(counts.allSatisfy { $0.value >= 0 && $0.value <= 3 && $0.value == $0.value.rounded() })
        #expect(counts.contains { $0.value > 0 })
        #expect(run.values("min-weight").allSatisfy { $0.value > 0 && $0.value <= 1 })
    }

    /// Least squares on n = 3 < d = 5 points: a singular design, solved by the minimum norm and
    /// counted by `rank-deficient`; n = 20 > d is not.
    @Test func regressionSingularDesign() throws {
        for (family, extra) in [("linear-regression", ""), ("strong-collapse", ""), ("random-features", "features: 10\n")] {
            let singular = try run("family: \(family)\ndimension: 5\n\(extra)samples: 3\ngenerations: 8\nreplicates: 10\nmetrics: [rank-deficient, test-error, weight-norm]\n")
            #expect(singular.values("rank-deficient").allSatisfy { $0.value == 1 }, "\(family)")
            #expect(singular.values("test-error").allSatisfy { $0.value.isFinite }, "\(family)")
        }
        let regular = try run("family: linear-regression\ndimension: 5\nsamples: 20\ngenerations: 8\nreplicates: 10\nmetrics: [rank-deficient, test-error]\n")
        #expect(regular.values("rank-deficient").allSatisfy { $0.value == 0 })
    }
}
