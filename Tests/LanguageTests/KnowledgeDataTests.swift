import Foundation
import ModelCollapse
import Randomness
import Testing
@testable import Language

/// Fact rendering, fact selection, the split of the text, probes and the stage rule.
@Suite struct KnowledgeDataTests {
    @Test func formatsRenderTheBriefsSentences() {
        #expect(FactFormat.declarative.document(lemma: "kill", hypernym: "destruction") == "a kill is a kind of destruction .")
        #expect(FactFormat.questionAnswer.document(lemma: "kill", hypernym: "destruction")
            == "q: what is a kill? a: a kind of destruction .")
        #expect(FactFormat.declarative.prompt(lemma: "annihilation") == "an annihilation is a kind of")
        let tokens = KnowledgeCorpus.tokenizer.tokenize(FactFormat.questionAnswer.document(lemma: "laying waste", hypernym: "destruction"))
        #expect(tokens == ["q", ":", "what", "is", "a", "laying", "waste", "?", "a", ":", "a", "kind", "of", "destruction", "."])
    }

    static let table: [LexicalEntry] = {
        var entries: [LexicalEntry] = [
            LexicalEntry(lemma: "kill", hypernym: "destruction", definition: "the destruction of an enemy plane"),
            LexicalEntry(lemma: "kill", hypernym: "termination", definition: "the act of terminating a life"),  // two senses: no fact
            LexicalEntry(lemma: "St. Louis", hypernym: "city", definition: "a city in Missouri"),  // '.' in the lemma
            LexicalEntry(lemma: "thing", hypernym: "thing", definition: "a separate entity"),  // lemma = hypernym
        ]
        for i in 0..<30 {
            entries.append(LexicalEntry(
                lemma: "acid\(i)", hypernym: i < 6 ? "acid" : "compound\(i % 7)",
                definition: "definition number \(i) of a chemical", examples: i % 3 == 0 ? ["example \(i)"] : []))
        }
        return entries
    }()

    @Test func selectionTakesTheWholeTargetDomainAndOnlyUsableFacts() throws {
        let configuration = KnowledgeCorpus.Configuration(
            entries: Self.table, factCount: 10, targetDomain: ["acid"], trainingTextDocuments: 5,
            referenceDocuments: 6, testDocuments: 4)
        let chosen = try KnowledgeCorpus.selectFacts(configuration)
        #expect(chosen.count == 10)
        #expect(chosen == chosen.sorted())
        let lemmas = chosen.map { Self.table[$0].lemma }
        #expect(!lemmas.contains("kill") && !lemmas.contains("St. Louis") && !lemmas.contains("thing"))
        // Every usable fact of the domain (6 of them) is in, the rest are others.
        #expect(chosen.filter { Self.table[$0].hypernym == "acid" }.count == 6)
        // Deterministic in the data seed, different for another.
        #expect(try KnowledgeCorpus.selectFacts(configuration) == chosen)
        var other = configuration
        other.dataSeed = 2
        #expect(try KnowledgeCorpus.selectFacts(other) != chosen)
    }

    @Test func corpusHoldsFactsInEveryFormatAndDisjointText() throws {
        let configuration = KnowledgeCorpus.Configuration(
            entries: Self.table, factCount: 8, factRepeats: 3, trainingTextDocuments: 5, referenceDocuments: 6,
            testDocuments: 4)
        let corpus = try KnowledgeCorpus(configuration)
        #expect(corpus.facts.count == 8)
        #expect(corpus.probes.count == 16)
        #expect(corpus.factDocumentCount == 8 * 2 * 3)
        #expect(corpus.training.count == corpus.textDocumentCount + corpus.factDocumentCount)
        // The facts' own definitions train, plus 5 others; 6 + 4 more are held out.
        let factText = KnowledgeCorpus.factTextDocuments(configuration, facts: try KnowledgeCorpus.selectFacts(configuration))
        #expect(corpus.textDocumentCount == factText + 5)
        #expect(corpus.test.count == 4)
        let decode = { (batch: DocumentBatch) in Set((0..<batch.count).map { corpus.vocabulary.decode(batch[$0]) }) }
        let training = decode(corpus.training), test = decode(corpus.test)
        #expect(training.isDisjoint(with: test))
        // A probe's prompt and answer are its fact document, terminator aside.
        let probe = corpus.probes[1]
        let fact = corpus.facts[probe.fact]
        #expect(probe.format == .questionAnswer && probe.trained)
        #expect(corpus.vocabulary.decode(probe.prompt + probe.answer) + " ."
            == KnowledgeCorpus.tokenizer.tokenize(FactFormat.questionAnswer.document(lemma: fact.lemma, hypernym: fact.hypernym)).joined(separator: " "))
        #expect(training.contains(corpus.vocabulary.decode(probe.prompt + probe.answer + [corpus.terminator])))
        // Facts trained in one format are still probed in every format.
        var declarativeOnly = configuration
        declarativeOnly.formats = [.declarative]
        let partial = try KnowledgeCorpus(declarativeOnly)
        #expect(partial.probes.count == 16 && partial.factDocumentCount == 8 * 3)
        #expect(partial.probes.filter(\.trained).allSatisfy { $0.format == .declarative })
        #expect(partial.trainedProbeIndices(hypernyms: nil).count == 8)
        #expect(!partial.probes[1].prompt.contains(Vocabulary.unknown))
    }

    @Test func tooLittleTextAndEmptyDomainsAreNamedProblems() {
        var configuration = KnowledgeCorpus.Configuration(
            entries: Self.table, factCount: 8, trainingTextDocuments: 500, referenceDocuments: 6, testDocuments: 4)
        #expect(throws: KnowledgeCorpus.Problem.self) { try KnowledgeCorpus.check(configuration) }
        configuration.trainingTextDocuments = 1
        configuration.targetDomain = ["volcano"]
        #expect(throws: KnowledgeCorpus.Problem.emptyTargetDomain(["volcano"])) { try KnowledgeCorpus.check(configuration) }
        configuration.entries = [LexicalEntry(lemma: "thing", hypernym: "thing")]
        configuration.targetDomain = []
        #expect(throws: KnowledgeCorpus.Problem.noUsableFacts(entries: 1)) { try KnowledgeCorpus.check(configuration) }
    }

    /// The first model, trained on the real data only, knows its facts: measured 0.995 of the
    /// 200 probes of this configuration (a deterministic number: the first fit draws nothing).
    @Test func probesReadBackTrainedFacts() throws {
        let experiment = KnowledgeCollapseTests.smallExperiment()
        let parts = try experiment.build(metrics: [.factAccuracy])
        let model = parts.learner.fit(TrainingSet(parts: [.init(batch: parts.corpus.training, origin: .real)]))
        let outcomes = parts.evaluation.prober.answers(of: model)
        let accuracy = Double(outcomes.filter(\.correct).count) / Double(outcomes.count)
        #expect(accuracy >= 0.95)
        for (probe, outcome) in zip(parts.corpus.probes, outcomes) where outcome.correct {
            #expect(outcome.answer == probe.answer)
            #expect(outcome.probability > 0 && outcome.probability <= 1)
        }
    }

    /// A model trained on empty documents only, decoding greedily, only ever emits the end token:
    /// recorded, not a crash — no answer is right, fluency is +∞, every generated document is
    /// empty, stage 3, and nothing is NaN. (Sampling would still, rarely, leave the end token:
    /// smoothing gives every token some probability.)
    @Test func aModelThatOnlyEndsIsRecordedAsCollapse() throws {
        var experiment = KnowledgeCollapseTests.smallExperiment(fluencySample: 20)
        experiment.decoding = .greedy(maxLength: 40)
        let parts = try experiment.build(metrics: KnowledgeMetric.allCases)
        let empty = DocumentBatch(documents: Array(repeating: [TokenID](), count: 50))
        let model = parts.learner.fit(TrainingSet(parts: [.init(batch: empty, origin: .synthetic)]))
        var synthetic = DocumentBatch()
        var generator = RandomStream.generator(seed: 3, 0)
        parts.learner.sample(from: model, count: 30, into: &synthetic, using: &generator)
        #expect(synthetic.count == 30)
        // The fact documents are the prompts alone; the free documents are empty.
        #expect((0..<synthetic.count).allSatisfy { synthetic[$0].isEmpty || parts.learner.syntheticPrompts.contains(Array(synthetic[$0])) })
        var values = [Double](repeating: 0, count: KnowledgeMetric.allCases.count)
        var state = KnowledgeEvaluation.ReplicateState(firstAccuracy: 0.9, firstFluency: 500)
        parts.evaluation.evaluate(model, previous: values, state: &state, using: &generator, into: &values)
        let value = { (metric: KnowledgeMetric) in values[KnowledgeMetric.allCases.firstIndex(of: metric)!] }
        #expect(!values.contains { $0.isNaN })
        #expect(value(.factAccuracy) == 0)
        #expect(value(.fluency) == .infinity)
        #expect(value(.emptyOutput) == 1)
        #expect(value(.stage) == 3)
        #expect(value(.perplexity).isFinite)
    }

    @Test func stageRule() {
        let rule = KnowledgeStageRule(factsFall: 0.5, fluencyFalls: 1.75)
        func stage(_ a: Double, _ f: Double, first a1: Double = 0.95, _ f1: Double = 500, real f0: Double = 300) -> Int {
            rule.stage(accuracy: a, fluency: f, firstAccuracy: a1, firstFluency: f1, realFluency: f0)
        }
        #expect(stage(0.9, 600) == 1)
        #expect(stage(0.4, 800) == 2)
        #expect(stage(0.9, 900) == 3)
        #expect(stage(0, 500, first: 0) == 2)
        #expect(stage(0.9, .infinity) == 3)
        #expect(stage(0.9, .infinity, .infinity) == 3)
        // A first model more predictable than real text: fluency is measured against real text.
        #expect(stage(0.4, 400, 100, real: 300) == 2)
        #expect(stage(0.4, 600, 100, real: 300) == 3)
    }

}
