import Foundation
import ModelCollapse
import Randomness
import Testing
@testable import Language

/// Knowledge collapse (Keisha et al. 2025) in a small configuration of the bundled WordNet data:
/// 100 facts in both formats, each fact document twice, with 1,000 definition documents; an
/// order-8 model with plain Kneser–Ney; synthetic data by pure sampling, as many documents per
/// generation as the real data have; regime `replace`.
@Suite struct KnowledgeCollapseTests {
    static func smallExperiment(
        targetDomain: [String] = [], syntheticHypernyms: [String]? = nil, fluencySample: Int = 500
    ) -> KnowledgeExperiment {
        KnowledgeExperiment(
            data: KnowledgeCorpus.Configuration(
                entries: LexicalTable.bundled(), factCount: 100, targetDomain: targetDomain, factRepeats: 2,
                trainingTextDocuments: 1000, referenceDocuments: 1000, testDocuments: 200),
            syntheticHypernyms: syntheticHypernyms, fluencySample: fluencySample)
    }

    /// Every replicate's values: values[r][t − 1][m].
    final class Recorder: TrajectorySink, @unchecked Sendable {
        var values: [[[Double]]] = []
        func record(replicate: Int, generation: Int, values row: UnsafeBufferPointer<Double>) {
            while values.count <= replicate { values.append([]) }
            values[replicate].append(Array(row))
        }
    }

    static func run(
        _ experiment: KnowledgeExperiment, metrics: [KnowledgeMetric], generations: Int, replicates: Int, seed: UInt64
    ) throws -> (result: SimulationResult, replicates: [[[Double]]]) {
        let parts = try experiment.build(metrics: metrics)
        let plan = SimulationPlan(
            generations: generations, replicates: replicates, seed: seed,
            schedule: .constant(parts.corpus.training.count), regime: .replace)
        let recorder = Recorder()
        let result = RunControl(threads: 2, trajectories: recorder).simulate(
            source: parts.source, learner: parts.learner, evaluation: parts.evaluation, plan: plan)
        return (result, recorder.values)
    }

    static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }

    static func standardError(_ values: [Double]) -> Double {
        let m = mean(values)
        let variance = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)
        return (variance / Double(values.count)).squareRoot()
    }

    /// Measured with these 4 replicates (seed 11; `collapse run` of the same spec gives the same
    /// numbers): fact-accuracy 0.995 at generation 1 (deterministic: the first fit sees the real
    /// data only), then 0.719, 0.354, 0.171, 0.098 (se 0.012); fluency relative to generation 1
    /// 1.05, 1.19, 1.21, 1.23 (se at most 0.064) while the model's perplexity of held-out real text
    /// rises 2.9-fold; stage 2 in every replicate from generation 3 on.
    @Test func factsFallWhileFluencyHolds() throws {
        let metrics: [KnowledgeMetric] = [.factAccuracy, .fluency, .perplexity, .stage]
        let generations = 5
        let (_, runs) = try Self.run(Self.smallExperiment(), metrics: metrics, generations: generations, replicates: 4, seed: 11)
        let accuracy = { (t: Int) in runs.map { $0[t - 1][0] } }
        let fluency = { (t: Int) in runs.map { $0[t - 1][1] } }
        let perplexity = { (t: Int) in runs.map { $0[t - 1][2] } }
        let stage = { (t: Int) in runs.map { $0[t - 1][3] } }

        // Generation 1 knows its facts: measured 0.995, tested with a margin.
        let first = Self.mean(accuracy(1))
        #expect(first >= 0.95)
        let firstStages = stage(1)
        #expect(firstStages == [Double](repeating: 1, count: firstStages.count))
        // The facts fall every generation, to below half of generation 1's by generation 5
        // (measured 0.098; the bound 4.5 standard errors above the mean is still below half).
        for t in 2...generations {
            #expect(Self.mean(accuracy(t)) < Self.mean(accuracy(t - 1)))
        }
        let last = accuracy(generations)
        #expect(Self.mean(last) + 4.5 * Self.standardError(last) < 0.5 * first)
        // Fluency holds: the reference perplexity of generated text stays within [0.8, 1.5] of
        // generation 1's in every generation (measured 1.05…1.23, each at least 3.9 se inside)…
        for t in 2...generations {
            let ratios = zip(fluency(t), fluency(1)).map { $0 / $1 }
            let finite = ratios.allSatisfy { $0.isFinite }
            #expect(finite)
            #expect(Self.mean(ratios) > 0.8 && Self.mean(ratios) < 1.5, "generation \(t): fluency ratio \(Self.mean(ratios))")
        }
        // …while the model-centric perplexity of real text more than doubles (measured 2.9-fold).
        let perplexityRatio = Self.mean(zip(perplexity(generations), perplexity(1)).map { $0 / $1 })
        #expect(perplexityRatio > 2)
        // Stage 2 — facts fallen, fluency holding — in every replicate at the end.
        let lastStages = stage(generations)
        #expect(lastStages == [Double](repeating: 2, count: lastStages.count))
    }

    /// Keisha et al.'s mitigation: the same synthetic budget spent on the target domain's
    /// prompts only. Target domain: hawk and wading bird (32 of the 100 facts). Measured with these
    /// 4 replicates (seed 21) at generation 3: domain-accuracy 0.805 (se 0.024) with general
    /// synthetic data, 0.977 (se 0.008) with domain-specific data, a difference of 6.7 standard
    /// errors; the facts outside the domain pay for it (other-accuracy 0.34 against 0.007).
    @Test func domainSpecificSyntheticDataKeepsTheDomainsFacts() throws {
        let domain = ["hawk", "wading bird"]
        let metrics: [KnowledgeMetric] = [.domainAccuracy, .otherAccuracy]
        let generations = 3, replicates = 4
        let general = try Self.run(
            Self.smallExperiment(targetDomain: domain), metrics: metrics, generations: generations,
            replicates: replicates, seed: 21)
        let specific = try Self.run(
            Self.smallExperiment(targetDomain: domain, syntheticHypernyms: domain), metrics: metrics,
            generations: generations, replicates: replicates, seed: 21)
        let generalDomain = general.replicates.map { $0[generations - 1][0] }
        let specificDomain = specific.replicates.map { $0[generations - 1][0] }
        let difference = Self.mean(specificDomain) - Self.mean(generalDomain)
        let se = (pow(Self.standardError(specificDomain), 2) + pow(Self.standardError(generalDomain), 2)).squareRoot()
        // Higher by more than 3 standard errors of the difference (measured 6.7).
        #expect(difference > 3 * se, "difference \(difference), se \(se)")
        // Both start from the same first model.
        #expect(general.replicates[0][0] == specific.replicates[0][0])
        // The price: facts outside the domain get no synthetic prompts and fall faster.
        let generalOther = Self.mean(general.replicates.map { $0[generations - 1][1] })
        let specificOther = Self.mean(specific.replicates.map { $0[generations - 1][1] })
        #expect(specificOther < generalOther)
    }
}
