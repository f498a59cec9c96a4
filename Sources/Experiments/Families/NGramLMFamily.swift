import Foundation
import Language
import ModelCollapse
import Randomness

/// `family: ngram-lm` — an n-gram language model (interpolated Kneser–Ney) trained on real text,
/// then recursively on the documents it generates with a decoding strategy (Shumailov et al. 2024;
/// Drayson & Lampos 2025: the decoding strategy drives collapse, and importance sampling by a
/// machine-text detector prevents it).
public struct NGramLMFamily: ExperimentFamily {
    public static let name = "ngram-lm"
    public static let summary = "n-gram LM (Kneser–Ney) retrained on its own generated documents: decoding drives collapse, detector importance sampling prevents it (Drayson & Lampos 2025)"
    public static let keys: [KeyDocumentation] = [
        KeyDocumentation("corpus", default: "wordnet", allowed: "wordnet | PATH (UTF-8 text, one document per line)", "the real text: the bundled WordNet 3.0 noun definitions and examples, or a file"),
        KeyDocumentation("text", default: "all", allowed: "all | definitions | examples", "with corpus: wordnet, which texts are documents"),
        KeyDocumentation("corpus-documents", default: "0 (all)", allowed: "integer in [0, 10^8]", "use only the corpus's first N documents"),
        KeyDocumentation("split", default: "{held-out: 0.1, reference: 0.1}", allowed: "fractions in [0, 1), summing below 1", "held-out: perplexity text no generation trains on; reference: trains the detector's reference model; the rest is the training pool"),
        KeyDocumentation("tokenizer", default: "{level: word, lowercase: true}", allowed: "{level: word | character, lowercase: true | false}", "word level splits punctuation off; character level is one token per Unicode scalar"),
        KeyDocumentation("min-count", default: "2", allowed: "integer in [1, 10^6]", "tokens seen fewer times in the training pool become <unk>"),
        KeyDocumentation("order", default: "3", allowed: "integer in [2, 5]", "N of the n-gram model"),
        KeyDocumentation("discounting", default: "modified", allowed: "modified | plain", "interpolated modified Kneser–Ney (three discounts per order) or plain (one)"),
        KeyDocumentation("decoding", default: "{strategy: sample, temperature: 1.0, top-k: 0, top-p: 1.0, repetition-penalty: 1.0, max-length: 40}", allowed: "greedy | beam | sample, or {strategy: …, max-length: L, repetition-penalty: θ ≥ 1; sample: temperature, top-k, top-p; beam: width, length-penalty}", "how every generation writes its documents (Docs/Language.md)"),
        KeyDocumentation("prompt", default: "2", allowed: "integer in [0, 1000]", "each document continues the first K tokens of a random real pool document (0: from <s>)"),
        KeyDocumentation("evaluation", default: "{documents: 200, self-bleu: 100}", allowed: "{documents: integer in [2, 10^6], self-bleu: integer in [2, documents]}", "size of each generation's evaluation sample, and how many of its documents Self-BLEU compares"),
        KeyDocumentation("detector", default: "{documents: 500}", allowed: "{documents: integer in [10, 10^6]}", "documents per class (real, generation-1 text) the detector is trained on"),
        KeyDocumentation("curate", default: "none", allowed: "none | {importance: {power: k ≥ 0, upsample: u in (0, 100]}}", "importance sampling: weight each training document by (1 − p_machine)^k and resample u × the pool"),
    ]
    public static let metrics: [(name: String, summary: String)] = NGramLMMetric.allCases.map { ($0.rawValue, $0.summary) }
    public static let defaultMetrics = NGramLMMetric.defaults.map(\.rawValue)

    public enum CorpusSource: Sendable, Equatable {
        case wordnet(text: String)
        case file(String)
    }

    public struct Curation: Sendable, Equatable {
        public var power: Double
        public var upsample: Double

        public init(power: Double, upsample: Double) {
            self.power = power
            self.upsample = upsample
        }
    }

    public var corpusSource: CorpusSource
    public var corpusDocuments: Int
    public var heldOutFraction: Double
    public var referenceFraction: Double
    public var tokenizer: Tokenizer
    public var minimumCount: Int
    public var order: Int
    public var discounting: Discounting
    public var decoding: DecodingStrategy
    public var promptLength: Int
    public var evaluationDocuments: Int
    public var selfBLEUDocuments: Int
    public var detectorDocuments: Int
    public var curation: Curation?
    /// The tokenised, split corpus.
    public var corpus: LanguageCorpus

    public static func parse(_ reader: SpecReader) throws -> NGramLMFamily {
        try GaussianMixtureFamily.rejectStatisticsPath(reader, family: name)
        let corpusName = try reader.string("corpus", default: "wordnet")
        var texts: [String]
        let source: CorpusSource
        if corpusName == "wordnet" {
            let text = try reader.string("text", default: "all", allowed: ["all", "definitions", "examples"])
            texts = LexicalTable.documents(LexicalTable.bundled(), definitions: text != "examples", examples: text != "definitions")
            source = .wordnet(text: text)
        } else {
            if reader.has("text") {
                _ = reader.value("text")
                throw SpecError(path: "text", message: "text chooses among the bundled WordNet texts; it needs corpus: wordnet")
            }
            let path = URL(fileURLWithPath: corpusName).standardizedFileURL.path
            do {
                texts = try TextCorpus.read(path)
            } catch let error as TextFileError {
                throw SpecError(path: "corpus", message: "the corpus file \(error.description)")
            }
            source = .file(path)
        }
        let corpusDocuments = try reader.int("corpus-documents", default: 0, range: 0...100_000_000)
        if corpusDocuments > 0 { texts = Array(texts.prefix(corpusDocuments)) }

        var heldOut = 0.1, referenceFraction = 0.1
        if let value = reader.value("split") {
            let split = try SpecReader(value, path: "split")
            heldOut = try split.double("held-out", default: 0.1, range: 0...0.999, rangeDescription: "a number in [0, 1)")
            referenceFraction = try split.double("reference", default: 0.1, range: 0...0.999, rangeDescription: "a number in [0, 1)")
            try split.finish()
            guard heldOut + referenceFraction < 1 else {
                throw SpecError(path: "split", message: "held-out + reference = \(SpecReader.format(heldOut + referenceFraction)) leaves no training pool; their sum must be below 1")
            }
        }
        var tokenizer = Tokenizer()
        if let value = reader.value("tokenizer") {
            let t = try SpecReader(value, path: "tokenizer")
            tokenizer.level = Tokenizer.Level(rawValue: try t.string("level", default: "word", allowed: Tokenizer.Level.allCases.map(\.rawValue)))!
            tokenizer.lowercase = try t.bool("lowercase", default: true)
            try t.finish()
        }
        let minimumCount = try reader.int("min-count", default: 2, range: 1...1_000_000)
        let order = try reader.int("order", default: 3, range: 2...5)
        let discounting = Discounting(rawValue: try reader.string("discounting", default: "modified", allowed: Discounting.allCases.map(\.rawValue)))!
        let decoding = try parseDecoding(reader.value("decoding"))
        let promptLength = try reader.int("prompt", default: 2, range: 0...1000)
        guard promptLength < decoding.maxLength else {
            throw SpecError(path: "prompt", message: "a prompt of \(promptLength) tokens leaves nothing to generate within decoding.max-length = \(decoding.maxLength)")
        }

        var evaluationDocuments = 200, selfBLEUDocuments = 100
        if let value = reader.value("evaluation") {
            let e = try SpecReader(value, path: "evaluation")
            evaluationDocuments = try e.int("documents", default: 200, range: 2...1_000_000)
            selfBLEUDocuments = try e.int("self-bleu", default: min(100, evaluationDocuments), range: 2...1_000_000)
            try e.finish()
            guard selfBLEUDocuments <= evaluationDocuments else {
                throw SpecError(path: "evaluation.self-bleu", message: "\(selfBLEUDocuments) is more than the \(evaluationDocuments) documents of the evaluation sample")
            }
        }
        var detectorDocuments = 500
        if let value = reader.value("detector") {
            let d = try SpecReader(value, path: "detector")
            detectorDocuments = try d.int("documents", default: 500, range: 10...1_000_000)
            try d.finish()
        }
        var curation: Curation?
        if let value = reader.value("curate") {
            if case .scalar("none") = value {
            } else {
                let c = try SpecReader(value, path: "curate")
                guard let importanceValue = c.value("importance") else {
                    try c.finish()
                    throw SpecError(path: "curate", message: "give none or {importance: {power: k, upsample: u}}")
                }
                let importance = try SpecReader(importanceValue, path: "curate.importance")
                let power = try importance.double("power", default: 1, range: 0...1000, rangeDescription: "a number in [0, 1000]")
                let upsample = try importance.double("upsample", default: 1, range: 1e-9...100, rangeDescription: "a number in (0, 100]")
                try importance.finish()
                try c.finish()
                curation = Curation(power: power, upsample: upsample)
            }
        }

        let corpus = LanguageCorpus(
            documents: texts, tokenizer: tokenizer, minimumCount: minimumCount, heldOutFraction: heldOut,
            referenceFraction: referenceFraction)
        guard corpus.training.count > 0 else {
            throw SpecError(path: "split", message: "the training pool is empty (\(texts.count) corpus documents)")
        }
        guard corpus.heldOut.count > 0 else {
            throw SpecError(path: "split.held-out", message: "no corpus document falls into the held-out part; perplexity needs held-out text (raise it above 0 or give a longer corpus)")
        }
        return NGramLMFamily(
            corpusSource: source, corpusDocuments: corpusDocuments, heldOutFraction: heldOut, referenceFraction: referenceFraction,
            tokenizer: tokenizer, minimumCount: minimumCount, order: order, discounting: discounting, decoding: decoding,
            promptLength: promptLength, evaluationDocuments: evaluationDocuments, selfBLEUDocuments: selfBLEUDocuments,
            detectorDocuments: detectorDocuments, curation: curation, corpus: corpus)
    }

    static func parseDecoding(_ value: SpecValue?) throws -> DecodingStrategy {
        guard let value else { return .sample(maxLength: 40) }
        let strategyName: String
        var reader: SpecReader?
        switch value {
        case .scalar(let text):
            strategyName = try SpecReader.string(value, path: "decoding", allowed: ["greedy", "beam", "sample"])
            _ = text
        case .mapping:
            let r = try SpecReader(value, path: "decoding")
            strategyName = try r.string("strategy", default: "sample", allowed: ["greedy", "beam", "sample"])
            reader = r
        default:
            throw SpecError.wrongType("decoding", given: value, expected: "greedy, beam, sample, or a mapping {strategy: …}")
        }
        let maxLength = try reader?.int("max-length", default: 40, range: 1...100_000) ?? 40
        let penalty = try reader?.double("repetition-penalty", default: 1, range: 1...100, rangeDescription: "a number in [1, 100]") ?? 1
        var strategy: DecodingStrategy
        switch strategyName {
        case "greedy":
            strategy = .greedy(maxLength: maxLength, repetitionPenalty: penalty)
        case "beam":
            let width = try reader?.int("width", default: 4, range: 1...1000) ?? 4
            let alpha = try reader?.double("length-penalty", default: 1, range: -10...10) ?? 1
            strategy = .beam(width: width, maxLength: maxLength, lengthPenalty: alpha, repetitionPenalty: penalty)
        default:
            let temperature = try reader?.double("temperature", default: 1, range: 0.01...100, rangeDescription: "a number in [0.01, 100]") ?? 1
            let topK = try reader?.int("top-k", default: 0, range: 0...10_000_000) ?? 0
            let topP = try reader?.double("top-p", default: 1, range: 1e-9...1, rangeDescription: "a number in (0, 1]") ?? 1
            strategy = .sample(temperature: temperature, topK: topK, topP: topP, repetitionPenalty: penalty, maxLength: maxLength)
        }
        if let reader {
            let own: [String: [String]] = ["greedy": [], "beam": ["width", "length-penalty"], "sample": ["temperature", "top-k", "top-p"]]
            for (other, keys) in own where other != strategyName {
                for key in keys where reader.has(key) {
                    _ = reader.value(key)
                    throw SpecError(path: reader.keyPath(key), message: "\(key) applies to strategy \(other), not \(strategyName)")
                }
            }
            try reader.finish()
        }
        return strategy
    }

    public var resolvedKeys: [(key: String, value: SpecValue)] {
        var keys: [(key: String, value: SpecValue)] = []
        switch corpusSource {
        case .wordnet(let text): keys += [("corpus", .scalar("wordnet")), ("text", .scalar(text))]
        case .file(let path): keys.append(("corpus", .scalar(path)))
        }
        keys += [
            ("corpus-documents", .scalar(String(corpusDocuments))),
            ("split", .mapping([("held-out", .scalar(SpecReader.format(heldOutFraction))), ("reference", .scalar(SpecReader.format(referenceFraction)))])),
            ("tokenizer", .mapping([("level", .scalar(tokenizer.level.rawValue)), ("lowercase", .scalar(tokenizer.lowercase ? "true" : "false"))])),
            ("min-count", .scalar(String(minimumCount))),
            ("order", .scalar(String(order))),
            ("discounting", .scalar(discounting.rawValue)),
            ("decoding", Self.resolved(decoding)),
            ("prompt", .scalar(String(promptLength))),
            ("evaluation", .mapping([("documents", .scalar(String(evaluationDocuments))), ("self-bleu", .scalar(String(selfBLEUDocuments)))])),
            ("detector", .mapping([("documents", .scalar(String(detectorDocuments)))])),
        ]
        if let curation {
            keys.append(("curate", .mapping([("importance", .mapping([
                ("power", .scalar(SpecReader.format(curation.power))), ("upsample", .scalar(SpecReader.format(curation.upsample))),
            ]))])))
        } else {
            keys.append(("curate", .scalar("none")))
        }
        return keys
    }

    static func resolved(_ d: DecodingStrategy) -> SpecValue {
        var entries: [(key: String, value: SpecValue)]
        switch d.method {
        case .greedy: entries = [("strategy", .scalar("greedy"))]
        case .beam(let width):
            entries = [("strategy", .scalar("beam")), ("width", .scalar(String(width))), ("length-penalty", .scalar(SpecReader.format(d.lengthPenalty)))]
        case .sample:
            entries = [
                ("strategy", .scalar("sample")), ("temperature", .scalar(SpecReader.format(d.temperature))),
                ("top-k", .scalar(String(d.topK))), ("top-p", .scalar(SpecReader.format(d.topP))),
            ]
        }
        entries += [("repetition-penalty", .scalar(SpecReader.format(d.repetitionPenalty))), ("max-length", .scalar(String(d.maxLength)))]
        return .mapping(entries)
    }

    public var supportsIncrementalUpdate: Bool { false }
    public func statisticsPathAllowed(regime: Regime) -> Bool { false }

    /// Whether the run trains a detector (for curation or for the detector metrics).
    func needsDetector(_ spec: ExperimentSpec) -> Bool {
        curation != nil || spec.metrics.contains { NGramLMMetric(rawValue: $0)!.needsDetector }
    }

    public func validate(_ spec: ExperimentSpec) throws {
        let first = spec.schedule.size(at: 0)
        guard first <= corpus.training.count else {
            throw SpecError(path: "samples", message: "n(0) = \(first) documents, but the training pool has only \(corpus.training.count); lower samples or give a larger corpus")
        }
        if needsDetector(spec), corpus.reference.count == 0 {
            throw SpecError(path: "split.reference", message: "the detector (curate: importance, or a detector metric) needs reference text for its reference model; raise split.reference above 0")
        }
    }

    /// The stream the detector's training draws from: off every replicate's path.
    static let detectorStream: UInt64 = 0x6465_7465_6374_6F72

    public func run(_ spec: ExperimentSpec, control: RunControl) -> SimulationResult {
        let v = corpus.vocabulary.count
        let firstFitSize = spec.schedule.size(at: 0)
        let sampler = DocumentSampler(strategy: decoding, promptLength: promptLength, prompts: corpus.training)
        var detector: DetectorTraining?
        if needsDetector(spec) {
            var random = RandomStream.generator(seed: spec.seed, path: spec.streamPrefix + [Self.detectorStream])
            detector = DetectorTraining(
                reference: corpus.reference, pool: corpus.training, order: order, vocabularySize: v, discounting: discounting,
                firstFitSize: firstFitSize, documents: detectorDocuments, sampler: sampler, using: &random)
        }
        let learner = NGramLMLearner(
            order: order, vocabularySize: v, discounting: discounting, sampler: sampler,
            curation: curation.map { ImportanceCuration(power: $0.power, upsample: $0.upsample, detector: detector!.detector) })
        let realModel = NGramModel.train(
            order: order, vocabularySize: v, discounting: discounting, documents: corpus.evenSubset(firstFitSize))
        let evaluation = NGramLMEvaluation(
            metrics: spec.metrics.map { NGramLMMetric(rawValue: $0)! }, heldOut: corpus.heldOut, sampler: sampler,
            sampleSize: evaluationDocuments, selfBLEUSize: selfBLEUDocuments, poolCounts: corpus.poolCounts,
            detector: detector, realModel: realModel)
        return control.simulate(
            source: NGramLMSource(pool: corpus.training), learner: learner, evaluation: evaluation,
            plan: spec.plan(threads: control.threads))
    }

    public func theory(_ spec: ExperimentSpec) -> [String: [Double?]] { [:] }
}
