import Experiments
import Families
import Foundation
import Testing

/// The three regression families as specs: keys, defaults, strict errors, theory columns, runs.
@Suite struct RegressionFamilySpecTests {
    @Test func familiesAreRegistered() {
        for name in ["linear-regression", "strong-collapse", "random-features"] {
            #expect(FamilyRegistry.family(named: name) != nil)
        }
    }

    @Test func presetsParse() throws {
        for name in ["regression-replace", "regression-accumulate", "strong-collapse", "random-features-threshold"] {
            let text = try #require(Presets.text(named: name), "missing preset \(name)")
            let spec = try SpecParser.parse(text)
            #expect(spec.name == name)
        }
    }

    @Test func resolvedSpecsRoundTrip() throws {
        let texts = [
            "family: linear-regression",
            "family: linear-regression\ntruth: {weights: [1, 2, 3], noise: 0.5, spectrum: {power-law: 1.5}}\nridge: 0.1\ndesign: fresh\nsynthetic-noise: 2\nsamples: {schedule: linear, initial: 20, slope: 5}\ngenerations: 3",
            "family: strong-collapse\ndimension: 20\nsynthetic-fraction: 0.05\nsynthetic-model: {fit-on: 40}",
            "family: strong-collapse\ndimension: 2\nsynthetic-model: {weights: [0, 1]}\ntruth: {weights: 0.5}",
            "family: random-features\nfeatures: 300\nactivation: relu\nsetting: mixed\nsynthetic-fraction: 0.1\nmetrics: [test-error, weight-norm]",
            "family: random-features\ndesign: fixed\nridge: 0.01",
        ]
        for text in texts {
            let spec = try SpecParser.parse(text)
            let emitted = SpecYAML.emit(spec.resolved)
            let again = try SpecParser.parse(emitted)
            #expect(again.resolved == spec.resolved, "\(emitted)")
            #expect(SpecYAML.emit(again.resolved) == emitted)
        }
        let defaults = try SpecParser.parse("family: linear-regression")
        let family = try #require(defaults.family as? LinearRegressionFamily)
        #expect(family.truth.truth.dimension == 10 && family.design == .fixed && family.ridge == 0)
        #expect(abs(family.truth.truth.weights.reduce(0) { $0 + $1 * $1 } - 1) < 1e-12)
        #expect(defaults.metrics == ["test-error", "excess-risk", "parameter-error", "weight-norm", "train-error"])
    }

    @Test func badInputNamesTheKey() {
        #expect(specError("family: linear-regression\nridge: -1")?.path == "ridge")
        #expect(specError("family: linear-regression\ndesign: random")?.path == "design")
        #expect(specError("family: linear-regression\ntruth: {noise: -1}")?.path == "truth.noise")
        #expect(specError("family: linear-regression\ntruth: {spectrum: flat}")?.path == "truth.spectrum")
        #expect(specError("family: linear-regression\ntruth: {spectrum: {power-law: 1, cut: 2}}")?.path == "truth.spectrum.cut")
        #expect(specError("family: linear-regression\ndimension: 3\ntruth: {weights: [1, 2]}")?.path == "truth.weights")
        #expect(specError("family: linear-regression\ntruth: {wieghts: 1}")?.path == "truth.wieghts")
        #expect(specError("family: linear-regression\nmetrics: [variance]")?.path == "metrics[0]")
        let fixed = specError("family: linear-regression\nsamples: {schedule: linear, initial: 20, slope: 5}\ngenerations: 3")
        #expect(fixed?.path == "samples" && fixed?.description.contains("design: fresh") == true)
        #expect(specError("family: linear-regression\npath: statistics\nregime: accumulate-subsample")?.path == "path")
        #expect(specError("family: strong-collapse\nsynthetic-fraction: 1.5")?.path == "synthetic-fraction")
        #expect(specError("family: strong-collapse\nregime: accumulate")?.path == "regime")
        #expect(specError("family: strong-collapse\nsynthetic-model: {shift: 1, fit-on: 10}")?.path == "synthetic-model")
        #expect(specError("family: strong-collapse\ndimension: 3\nsynthetic-model: {weights: [1]}")?.path == "synthetic-model.weights")
        #expect(specError("family: strong-collapse\nupdate: {incremental: {step: 0.5}}")?.path == "update")
        #expect(specError("family: random-features\nfeatures: 0")?.path == "features")
        #expect(specError("family: random-features\nactivation: tanh")?.path == "activation")
        #expect(specError("family: random-features\nactivation: relu\nmetrics: [parameter-error]")?.path == "metrics[0]")
        #expect(specError("family: random-features\nsynthetic-fraction: 0.1")?.path == "synthetic-fraction")
        #expect(specError("family: random-features\nsetting: mixed\ndesign: fixed")?.path == "design")
        #expect(specError("family: random-features\npath: statistics")?.path == "path")
    }

    /// The theory column: §3 for replace and accumulate (fixed design, OLS), none for ridge or for
    /// accumulate on fresh designs; §4 for strong collapse.
    @Test func theoryColumns() throws {
        let replace = try SpecParser.parse("family: linear-regression\ngenerations: 2\nsamples: 100")
        let theory = replace.family.theory(replace)
        #expect(abs(theory["excess-risk"]![2]! - 0.22472) < 5e-6)
        #expect(abs(theory["test-error"]![1]! - 1.112360) < 5e-7)
        #expect(abs(theory["train-error"]![1]! - 0.9) < 1e-12)
        #expect(theory["weight-norm"] == nil)
        let accumulate = try SpecParser.parse("family: linear-regression\ngenerations: 2\nsamples: 100\nregime: accumulate")
        #expect(abs(accumulate.family.theory(accumulate)["excess-risk"]![2]! - 0.14045) < 5e-6)
        #expect(try SpecParser.parse("family: linear-regression\nregime: accumulate\ndesign: fresh").family.theory(try SpecParser.parse("family: linear-regression\nregime: accumulate\ndesign: fresh")).isEmpty)
        let ridge = try SpecParser.parse("family: linear-regression\nridge: 1")
        #expect(ridge.family.theory(ridge).isEmpty)
        let strong = try SpecParser.parse("family: strong-collapse\ndimension: 100\nsamples: 1000\ngenerations: 1")
        #expect(abs(strong.family.theory(strong)["excess-risk"]![1]! - 0.168888888888889) < 1e-9)
    }

    /// A run end to end, byte-identical at 1 and 2 threads, on both paths.
    @Test(arguments: ["samples", "statistics"])
    func runsAreDeterministicAtAnyThreadCount(path: String) throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let text = "family: linear-regression\ngenerations: 4\nreplicates: 60\nsamples: 30\npath: \(path)\nregime: {synthetic: accumulate, real: {fresh: 5}}\nmetrics: all"
        var summaries: [String] = []
        for threads in [1, 2] {
            let directory = root.appendingPathComponent("run-\(threads)")
            let record = try runSpec(text, threads: threads, into: directory)
            #expect(record.manifest.path == path)
            summaries.append(try String(contentsOf: directory.appendingPathComponent("summary.csv"), encoding: .utf8))
        }
        #expect(summaries[0] == summaries[1])
        #expect(!summaries[0].contains("nan"))
    }

    @Test func strongCollapseAndRandomFeaturesRun() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let strong = try runSpec(
            "family: strong-collapse\ngenerations: 3\nreplicates: 20\nsamples: {schedule: geometric, initial: 50, ratio: 2}\nsynthetic-model: {fit-on: 30}",
            threads: 2, into: root.appendingPathComponent("strong"))
        #expect(strong.summary.count == 4)
        let summary = try String(contentsOf: root.appendingPathComponent("strong/summary.csv"), encoding: .utf8)
        #expect(summary.contains("1,excess-risk,"))
        for activation in ["linear", "relu"] {
            let features = try runSpec(
                "family: random-features\nactivation: \(activation)\nfeatures: 30\ngenerations: 2\nreplicates: 10\nsamples: 20\ntest-size: 100",
                threads: 2, into: root.appendingPathComponent("rf-\(activation)"))
            #expect(features.summary[1].allSatisfy { $0.mean.isFinite })
        }
    }
}
