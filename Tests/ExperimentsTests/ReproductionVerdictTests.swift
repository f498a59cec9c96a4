import Experiments
import Foundation
import ModelCollapse
import Testing

/// The verdict logic of `collapse reproduce`: each kind of test agrees when it should and
/// disagrees when it should, on hand-made summaries whose z-scores are known; and a deliberately
/// wrong claim about a real run is reported as disagreeing.
@Suite struct ReproductionVerdictTests {
    /// Rows for generations 0…T of one metric with the given means, standard errors and theory.
    func rows(_ metric: String, means: [Double], se: Double, theory: [Double]? = nil) -> [[MetricSummary]] {
        means.enumerated().map { t, mean in
            [MetricSummary(generation: t, metric: metric, count: 100, mean: mean, standardDeviation: se * 10,
                           standardError: se, q05: mean, q50: mean, q95: mean, theory: theory?[t])]
        }
    }

    @Test func greaterNeedsSignificance() {
        // z = (1.0 − 0.9)/√(0.02² + 0.02²) = 3.54 ≥ 3.09; with se 0.03 it is 2.36 < 3.09.
        let results = ["a": rows("m", means: [0, 1.0], se: 0.02), "b": rows("m", means: [0, 0.9], se: 0.02)]
        let test = ClaimTest.greater(MetricReference("a", "m"), than: MetricReference("b", "m"))
        #expect(test.evaluate(results).outcome == .agrees)
        let noisy = ["a": rows("m", means: [0, 1.0], se: 0.03), "b": rows("m", means: [0, 0.9], se: 0.03)]
        #expect(test.evaluate(noisy).outcome == .disagrees)
        // The reverse claim is never supported by the same data.
        #expect(ClaimTest.greater(MetricReference("b", "m"), than: MetricReference("a", "m")).evaluate(results).outcome == .disagrees)
    }

    @Test func consistencyTestsFailOnlyOnContradiction() {
        let results = ["a": rows("m", means: [0, 1.05], se: 0.02)]
        // (1.05 − 1.0)/0.02 = 2.5 ≤ 3.09: no significant excess over the bound.
        #expect(ClaimTest.notAbove(MetricReference("a", "m"), bound: 1.0).evaluate(results).outcome == .agrees)
        // (1.05 − 0.9)/0.02 = 7.5: the bound is contradicted.
        #expect(ClaimTest.notAbove(MetricReference("a", "m"), bound: 0.9).evaluate(results).outcome == .disagrees)
        #expect(ClaimTest.below(MetricReference("a", "m"), 1.2).evaluate(results).outcome == .agrees)
        #expect(ClaimTest.above(MetricReference("a", "m"), 1.2).evaluate(results).outcome == .disagrees)
    }

    @Test func theoryUsesBonferroniOverGenerations() {
        // Ten generations, one of them 3.5 se off: below the Bonferroni limit Φ⁻¹(1 − 0.001/20) = 3.89
        // but above the single-test 3.29.
        let theory = Array(repeating: 1.0, count: 11)
        var means = theory
        means[7] = 1.0 + 3.5 * 0.01
        let results = ["a": rows("m", means: means, se: 0.01, theory: theory)]
        let verdict = ClaimTest.matchesTheory(run: "a", metric: "m", generations: 10).evaluate(results)
        #expect(verdict.outcome == .agrees)
        #expect(verdict.statistic.contains("3.5"))
        means[7] = 1.0 + 4.5 * 0.01
        #expect(ClaimTest.matchesTheory(run: "a", metric: "m", generations: 10).evaluate(["a": rows("m", means: means, se: 0.01, theory: theory)]).outcome == .disagrees)
        // A 1% allowance for an asymptotic formula absorbs a 1%-sized gap, and no more.
        means[7] = 1.01 + 3.0 * 0.001
        let tight = ["a": rows("m", means: means, se: 0.001, theory: theory)]
        #expect(ClaimTest.matchesTheory(run: "a", metric: "m", generations: 10).evaluate(tight).outcome == .disagrees)
        #expect(ClaimTest.matchesTheory(run: "a", metric: "m", generations: 10, relativeTolerance: 0.01).evaluate(tight).outcome == .agrees)
    }

    @Test func nonFiniteAndMissingCellsDoNotAgreeByAccident() {
        let nan = ["a": rows("m", means: [0, .nan], se: 0.01), "b": rows("m", means: [0, 1], se: 0.01)]
        #expect(ClaimTest.greater(MetricReference("a", "m"), than: MetricReference("b", "m")).evaluate(nan).outcome == .disagrees)
        #expect(ClaimTest.notGreater(MetricReference("a", "m"), than: MetricReference("b", "m")).evaluate(nan).outcome == .disagrees)
        // An infinite divergence is larger than any finite one, whatever the standard errors.
        let infinite = ["a": rows("m", means: [0, .infinity], se: .nan), "b": rows("m", means: [0, 1], se: 0.01)]
        #expect(ClaimTest.greater(MetricReference("a", "m"), than: MetricReference("b", "m")).evaluate(infinite).outcome == .agrees)
        // Every replicate equal (se = 0): the sign of the difference decides.
        let exact = ["a": rows("m", means: [0, 1], se: 0)]
        #expect(ClaimTest.above(MetricReference("a", "m"), 0.95).evaluate(exact).outcome == .agrees)
        #expect(ClaimTest.below(MetricReference("a", "m"), 0.95).evaluate(exact).outcome == .disagrees)
        // A metric or run that was not measured is reported as such.
        #expect(ClaimTest.above(MetricReference("a", "other"), 0).evaluate(exact).outcome == .missing)
        #expect(ClaimTest.above(MetricReference("c", "m"), 0).evaluate(exact).outcome == .missing)
        #expect(ClaimTest.matchesTheory(run: "a", metric: "m", generations: 3).evaluate(exact).outcome == .missing)
    }

    @Test func generationReferencesFollowTheRunLength() {
        #expect(GenerationReference.fraction(0.5).resolve(lastGeneration: 100) == 50)
        #expect(GenerationReference.fraction(0.5).resolve(lastGeneration: 7) == 4)
        #expect(GenerationReference.fraction(0.01).resolve(lastGeneration: 7) == 1)
        #expect(GenerationReference.last.resolve(lastGeneration: 7) == 7)
        #expect(GenerationReference.at(50).resolve(lastGeneration: 7) == 7)
        #expect(GenerationReference.first.resolve(lastGeneration: 7) == 1)
    }

    /// A test double: a wrong claim about a real run (a Gaussian refitted by MLE does not keep its
    /// variance) must be reported as disagreeing, beside a right one that agrees.
    @Test func aWrongClaimAboutARealRunDisagrees() throws {
        let double = Reproduction(
            name: "wrong-claim-double", paper: "test double", title: "a claim the simulation contradicts",
            runs: [ReproductionRun("replace", preset: "gaussian-replace", ["replicates=300", "generations=40", "metrics=[variance, log-variance]"])],
            claims: [
                Claim("wrong: refitting keeps the variance above 1", .above(MetricReference("replace", "variance"), 1.0)),
                Claim("wrong: E ln σ_t² stays at 0", .notAbove(MetricReference("replace", "log-variance", at: .first), bound: -5)),
                Claim("right: E ln σ_t² follows its closed form", .matchesTheory(run: "replace", metric: "log-variance", generations: 8)),
            ])
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("reproduce-double-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let record = try ReproductionRunner.run(double, quick: false, root: root) { spec, directory in
            try ExperimentRunner.run(spec, options: .init(threads: 2, outputDirectory: directory, runsRoot: root))
        }
        #expect(record.verdicts.map(\.outcome) == [.disagrees, .disagrees, .agrees])
        #expect(!record.agrees)
        // The reproduction's folder is complete: its run, reproduction.json and verdicts.csv.
        let folder = root.appendingPathComponent("wrong-claim-double")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("replace/summary.csv").path))
        #expect(try ReproductionRecord.read(from: folder) == record)
        let csv = try String(contentsOf: folder.appendingPathComponent("verdicts.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 4)
        #expect(csv.contains("disagrees"))
    }

    @Test func everyCatalogueRunParsesAtBothSizes() throws {
        var names = Set<String>()
        for reproduction in ReproductionCatalogue.all {
            #expect(names.insert(reproduction.name).inserted, "duplicate reproduction \(reproduction.name)")
            #expect(!reproduction.claims.isEmpty)
            for quick in [false, true] {
                let specs = try ReproductionRunner.specs(reproduction, quick: quick)
                #expect(specs.count == reproduction.runs.count)
            }
        }
    }
}
