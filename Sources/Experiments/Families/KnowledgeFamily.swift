import Foundation
import Language
import ModelCollapse

/// `family: knowledge` — knowledge collapse (Keisha et al. 2025, "Knowledge Collapse in LLMs:
/// When Fluency Survives but Facts Fail under Recursive Synthetic Training"): an n-gram model
/// learns WordNet facts ("a kill is a kind of destruction .") in several formats together with
/// definitions text, then is retrained on its own completions of the fact prompts and its own
/// free text. Probes read the facts back greedily; a reference model trained on held-out real text
/// scores the fluency of what the model writes; the stage says which of the three stages each
/// generation is in.
public struct KnowledgeFamily: ExperimentFamily {
    public static let name = "knowledge"
    public static let summary = "facts (WordNet hypernyms) in an n-gram LM retrained on its own text: facts fail while fluency persists (Keisha et al. 2025)"
    public static let keys: [KeyDocumentation] = [
        KeyDocumentation("facts", default: "bundled", allowed: "bundled | PATH (tab-separated lemma, hypernym[, definition[, examples |-separated]])", "the lexical table: facts and the definitions text"),
        KeyDocumentation("fact-count", default: "400", allowed: "integer in [1, 100000]", "facts trained and probed (every usable fact of target-domain, then random others; fewer if the table has fewer)"),
        KeyDocumentation("target-domain", default: "[] (none)", allowed: "a list of hypernyms", "the domain whose facts are always included and measured by domain-accuracy and other-accuracy"),
        KeyDocumentation("formats", default: "[declarative, question-answer]", allowed: "a non-empty list of declarative, question-answer", "the formats facts are trained (and synthetic prompts written) in: 'a kill is a kind of destruction .', 'q: what is a kill? a: a kind of destruction .'; probes ask every format"),
        KeyDocumentation("fact-repeats", default: "2", allowed: "integer in [1, 1000]", "how many times each fact document occurs in the real data"),
        KeyDocumentation("text", default: "{train: 4000, reference: 4000, test: 500}", allowed: "{train: N ≥ 0, reference: N ≥ 1, test: N ≥ 1}", "definition and example documents of other entries: trained with the facts; training the reference model; held out to measure perplexity"),
        KeyDocumentation("order", default: "8", allowed: "integer in [2, 8]", "the n-gram order (the declarative answer needs ≥ 6 to see its lemma, the question–answer answer ≥ 8)"),
        KeyDocumentation("discounting", default: "plain", allowed: "plain | modified", "Kneser–Ney discounts: one per order, or three per order estimated from counts of counts (Chen & Goodman), which repeated fact documents skew (Docs/Knowledge.md)"),
        KeyDocumentation("decoding", default: "{method: sample, temperature: 1.0, top-k: 0, top-p: 1.0, repetition-penalty: 1.0, max-length: 40}", allowed: "sample | greedy | {method: sample, temperature: T > 0, top-k: K ≥ 0, top-p: P in (0, 1], repetition-penalty: θ ≥ 1, max-length: L} | {method: greedy, repetition-penalty, max-length} | {method: beam, width: W, length-penalty: α, repetition-penalty, max-length}", "how synthetic documents and the fluency sample are generated (max-length counts the prompt)"),
        KeyDocumentation("synthetic", default: "{domain: all, fact-share: auto}", allowed: "{domain: all | target | [hypernyms…], fact-share: auto | P in [0, 1]}", "synthetic documents: the share that completes fact prompts (auto: the real data's share), and the facts whose prompts are used (domain: Keisha et al.'s domain-specific mitigation); the rest is free text from <s>"),
        KeyDocumentation("reference-order", default: "3", allowed: "integer in [2, 8]", "the order of the reference model that scores fluency"),
        KeyDocumentation("fluency-sample", default: "500", allowed: "integer in [1, 1000000]", "documents generated per generation to measure fluency"),
        KeyDocumentation("confidence", default: "0.3", allowed: "number in [0, 1]", "confident-wrong counts wrong answers whose probability is above this"),
        KeyDocumentation("stages", default: "{facts-fall: 0.5, fluency-falls: 1.75}", allowed: "{facts-fall: r in (0, 1], fluency-falls: f ≥ 1}", "facts fall below r × generation 1's fact-accuracy; fluency falls above f × the larger of generation 1's and real text's fluency (perplexity)"),
        KeyDocumentation("data-seed", default: "1", allowed: "integer in [0, 2^63)", "seed of the data selection (facts and text sets), separate from the run's seed"),
    ]
    public static let metrics: [(name: String, summary: String)] = KnowledgeMetric.allCases.map { ($0.rawValue, $0.summary) }
    public static let defaultMetrics = KnowledgeMetric.defaults.map(\.rawValue)

    /// The synthetic prompts' domain.
    public enum SyntheticDomain: Sendable, Equatable {
        case all
        /// The target domain.
        case target
        case hypernyms([String])
    }

    public var factsPath: String?
    public var entries: [LexicalEntry]
    public var factCount: Int
    public var targetDomain: [String]
    public var formats: [FactFormat]
    public var factRepeats: Int
    public var trainingText: Int
    public var referenceText: Int
    public var testText: Int
    public var order: Int
    public var discounting: Discounting
    public var decoding: DecodingStrategy
    public var syntheticDomain: SyntheticDomain
    /// nil: auto.
    public var factShare: Double?
    public var referenceOrder: Int
    public var fluencySample: Int
    public var confidence: Double
    public var stages: KnowledgeStageRule
    public var dataSeed: UInt64
    /// The number of real training documents (set by ``checkData()``).
    public var realDocuments = 0
    /// The number of real fact documents.
    public var realFactDocuments = 0
    /// The number of prompts synthetic fact documents complete.
    public var syntheticPrompts = 0

    public static func parse(_ reader: SpecReader) throws -> KnowledgeFamily {
        try GaussianMixtureFamily.rejectStatisticsPath(reader, family: name)
        var factsPath: String?
        var entries: [LexicalEntry]
        let source = try reader.string("facts", default: "bundled")
        if source == "bundled" {
            entries = LexicalTable.bundled()
        } else {
            let absolute = URL(fileURLWithPath: source).standardizedFileURL.path
            do {
                entries = try LexicalTable.read(absolute)
            } catch let error as TextFileError {
                throw SpecError(path: "facts", message: "the facts file \(error.description)")
            }
            factsPath = absolute
        }
        let factCount = try reader.int("fact-count", default: 400, range: 1...100_000)
        let targetDomain = try parseHypernyms(reader.value("target-domain"), path: "target-domain", allowEmpty: true) ?? []
        let formats = try parseFormats(reader.value("formats"))
        let factRepeats = try reader.int("fact-repeats", default: 2, range: 1...1000)
        var trainingText = 4000, referenceText = 4000, testText = 500
        if let value = reader.value("text") {
            let text = try SpecReader(value, path: "text")
            trainingText = try text.int("train", default: 4000, range: 0...10_000_000)
            referenceText = try text.int("reference", default: 4000, range: 1...10_000_000)
            testText = try text.int("test", default: 500, range: 1...10_000_000)
            try text.finish()
        }
        let order = try reader.int("order", default: 8, range: 2...8)
        let discounting = Discounting(rawValue: try reader.string("discounting", default: "plain", allowed: Discounting.allCases.map(\.rawValue)))!
        let decoding = try parseDecoding(reader.value("decoding"), path: "decoding")
        var syntheticDomain = SyntheticDomain.all
        var factShare: Double?
        if let value = reader.value("synthetic") {
            let synthetic = try SpecReader(value, path: "synthetic")
            if let domain = synthetic.value("domain") {
                let path = synthetic.keyPath("domain")
                switch domain {
                case .scalar("all"): syntheticDomain = .all
                case .scalar("target"): syntheticDomain = .target
                case .list:
                    syntheticDomain = .hypernyms(try parseHypernyms(domain, path: path, allowEmpty: false)!)
                default:
                    throw SpecError.wrongType(path, given: domain, expected: "all, target, or a non-empty list of hypernyms")
                }
            }
            if let share = synthetic.value("fact-share"), share != .scalar("auto") {
                factShare = try SpecReader.double(share, path: synthetic.keyPath("fact-share"), range: 0...1, rangeDescription: "auto or a number in [0, 1]")
            }
            try synthetic.finish()
        }
        let referenceOrder = try reader.int("reference-order", default: 3, range: 2...8)
        let fluencySample = try reader.int("fluency-sample", default: 500, range: 1...1_000_000)
        let confidence = try reader.double("confidence", default: 0.3, range: 0...1)
        var stages = KnowledgeStageRule()
        if let value = reader.value("stages") {
            let stageReader = try SpecReader(value, path: "stages")
            stages.factsFall = try stageReader.double("facts-fall", default: 0.5, range: 1e-12...1, rangeDescription: "a number in (0, 1]")
            stages.fluencyFalls = try stageReader.double("fluency-falls", default: 1.75, range: 1...1e12, rangeDescription: "a number ≥ 1")
            try stageReader.finish()
        }
        let dataSeed = try reader.int("data-seed", default: 1, range: 0...Int.max)

        var family = KnowledgeFamily(
            factsPath: factsPath, entries: entries, factCount: factCount, targetDomain: targetDomain,
            formats: formats, factRepeats: factRepeats, trainingText: trainingText, referenceText: referenceText, testText: testText,
            order: order, discounting: discounting, decoding: decoding, syntheticDomain: syntheticDomain,
            factShare: factShare, referenceOrder: referenceOrder, fluencySample: fluencySample,
            confidence: confidence, stages: stages, dataSeed: UInt64(dataSeed))
        try family.checkData()
        return family
    }

    /// The data problems a run would meet, as spec errors, without tokenising the text; sets the
    /// document counts.
    mutating func checkData() throws {
        let chosen: [Int]
        do {
            chosen = try KnowledgeCorpus.check(corpusConfiguration)
        } catch let problem as KnowledgeCorpus.Problem {
            switch problem {
            case .noUsableFacts: throw SpecError(path: "facts", message: "\(factsPath ?? "the bundled table"): \(problem.description)")
            case .emptyTargetDomain: throw SpecError(path: "target-domain", message: problem.description)
            case .notEnoughText: throw SpecError(path: "text", message: "\(factsPath ?? "the bundled table"): \(problem.description)")
            }
        }
        realFactDocuments = chosen.count * formats.count * factRepeats
        realDocuments = realFactDocuments + trainingText
            + KnowledgeCorpus.factTextDocuments(corpusConfiguration, facts: chosen)
        if case .target = syntheticDomain, targetDomain.isEmpty {
            throw SpecError(path: "synthetic.domain", message: "target needs a target-domain (a list of hypernyms)")
        }
        if let hypernyms = syntheticHypernyms {
            let wanted = Set(hypernyms.map(KnowledgeCorpus.normalized))
            let domainFacts = chosen.filter { wanted.contains(KnowledgeCorpus.normalized(entries[$0].hypernym)) }.count
            if domainFacts == 0 {
                throw SpecError(path: "synthetic.domain", message: "none of the \(chosen.count) facts has a hypernym in [\(hypernyms.joined(separator: ", "))]; list them in target-domain to include their facts")
            }
            syntheticPrompts = domainFacts * formats.count
        } else {
            syntheticPrompts = chosen.count * formats.count
        }
    }

    /// The share of synthetic documents that complete fact prompts.
    public var resolvedFactShare: Double {
        factShare ?? Double(realFactDocuments) / Double(realDocuments)
    }

    var corpusConfiguration: KnowledgeCorpus.Configuration {
        KnowledgeCorpus.Configuration(
            entries: entries, factCount: factCount, targetDomain: targetDomain, formats: formats,
            factRepeats: factRepeats, trainingTextDocuments: trainingText, referenceDocuments: referenceText, testDocuments: testText,
            referenceOrder: referenceOrder, discounting: discounting, dataSeed: dataSeed)
    }

    /// The hypernyms whose facts' prompts make the synthetic fact documents (nil: every fact).
    var syntheticHypernyms: [String]? {
        switch syntheticDomain {
        case .all: return nil
        case .target: return targetDomain
        case .hypernyms(let list): return list
        }
    }

    public var resolvedKeys: [(key: String, value: SpecValue)] {
        let syntheticDomainValue: SpecValue
        switch syntheticDomain {
        case .all: syntheticDomainValue = .scalar("all")
        case .target: syntheticDomainValue = .scalar("target")
        case .hypernyms(let list): syntheticDomainValue = .list(list.map { .scalar($0) })
        }
        return [
            ("facts", .scalar(factsPath ?? "bundled")),
            ("fact-count", .scalar(String(factCount))),
            ("target-domain", .list(targetDomain.map { .scalar($0) })),
            ("formats", .list(formats.map { .scalar($0.rawValue) })),
            ("fact-repeats", .scalar(String(factRepeats))),
            ("text", .mapping([
                ("train", .scalar(String(trainingText))), ("reference", .scalar(String(referenceText))),
                ("test", .scalar(String(testText))),
            ])),
            ("order", .scalar(String(order))),
            ("discounting", .scalar(discounting.rawValue)),
            ("decoding", Self.resolvedDecoding(decoding)),
            ("synthetic", .mapping([
                ("domain", syntheticDomainValue),
                ("fact-share", .scalar(factShare.map(SpecReader.format) ?? "auto")),
            ])),
            ("reference-order", .scalar(String(referenceOrder))),
            ("fluency-sample", .scalar(String(fluencySample))),
            ("confidence", .scalar(SpecReader.format(confidence))),
            ("stages", .mapping([
                ("facts-fall", .scalar(SpecReader.format(stages.factsFall))),
                ("fluency-falls", .scalar(SpecReader.format(stages.fluencyFalls))),
            ])),
            ("data-seed", .scalar(String(dataSeed))),
        ]
    }

    public var supportsIncrementalUpdate: Bool { false }

    public func statisticsPathAllowed(regime: Regime) -> Bool { false }

    public func validate(_ spec: ExperimentSpec) throws {
        // Every fact prompt needs a completion in every synthetic batch, or facts vanish for
        // want of data rather than collapse.
        let share = resolvedFactShare
        if share > 0 {
            for t in 1..<max(spec.generations, 1) {
                let n = spec.schedule.size(at: t)
                let factDocuments = min(n, Int((share * Double(n)).rounded()))
                if factDocuments < syntheticPrompts {
                    throw SpecError(path: "samples", message: "n(\(t)) = \(n) synthetic documents hold \(factDocuments) fact completions (fact-share \(SpecReader.format(share))) for \(syntheticPrompts) fact prompts: every prompt needs one per generation; the real data have \(realDocuments) documents (samples: \(realDocuments) keeps their proportions)")
                }
            }
        }
        // `metrics: all` runs without a target domain too (every fact is then in it).
        let everyMetric = spec.metrics == KnowledgeMetric.allCases.map(\.rawValue)
        for (index, name) in spec.metrics.enumerated() {
            let metric = KnowledgeMetric(rawValue: name)!
            if metric.needsTargetDomain, targetDomain.isEmpty, !everyMetric {
                throw SpecError(path: "metrics[\(index)]", message: "\(name) needs a target-domain (a list of hypernyms)")
            }
        }
    }

    /// The run's settings for the Language target.
    public var experiment: KnowledgeExperiment {
        KnowledgeExperiment(
            data: corpusConfiguration, order: order, discounting: discounting, decoding: decoding,
            syntheticHypernyms: syntheticHypernyms, factShare: resolvedFactShare, fluencySample: fluencySample,
            confidence: confidence, stages: stages)
    }

    public func run(_ spec: ExperimentSpec, control: RunControl) -> SimulationResult {
        // checkData() ran at parse time: the corpus builds.
        let parts = try! experiment.build(metrics: spec.metrics.map { KnowledgeMetric(rawValue: $0)! })
        return control.simulate(
            source: parts.source, learner: parts.learner, evaluation: parts.evaluation,
            plan: spec.plan(threads: control.threads))
    }

    public func theory(_ spec: ExperimentSpec) -> [String: [Double?]] { [:] }

    // MARK: Parsing helpers

    static func parseHypernyms(_ value: SpecValue?, path: String, allowEmpty: Bool) throws -> [String]? {
        guard let value else { return nil }
        guard case .list(let items) = value, allowEmpty || !items.isEmpty else {
            throw SpecError.wrongType(path, given: value, expected: allowEmpty ? "a list of hypernyms" : "a non-empty list of hypernyms")
        }
        var result: [String] = []
        for (i, item) in items.enumerated() {
            let hypernym = try SpecReader.string(item, path: "\(path)[\(i)]")
            guard !KnowledgeCorpus.normalized(hypernym).isEmpty else {
                throw SpecError(path: "\(path)[\(i)]", message: "'\(hypernym)' has no word in it")
            }
            if result.contains(hypernym) { throw SpecError(path: "\(path)[\(i)]", message: "'\(hypernym)' is listed twice") }
            result.append(hypernym)
        }
        return result
    }

    static func parseFormats(_ value: SpecValue?) throws -> [FactFormat] {
        guard let value else { return FactFormat.allCases }
        let allowed = FactFormat.allCases.map(\.rawValue)
        guard case .list(let items) = value, !items.isEmpty else {
            throw SpecError.wrongType("formats", given: value, expected: "a non-empty list of \(allowed.joined(separator: ", "))")
        }
        var formats: [FactFormat] = []
        for (i, item) in items.enumerated() {
            let format = FactFormat(rawValue: try SpecReader.string(item, path: "formats[\(i)]", allowed: allowed))!
            if formats.contains(format) { throw SpecError(path: "formats[\(i)]", message: "'\(format.rawValue)' is listed twice") }
            formats.append(format)
        }
        return formats
    }

    static let defaultMaxLength = 40

    /// `sample`, `greedy`, or the mapping form; keys that do not apply to the method are errors.
    static func parseDecoding(_ value: SpecValue?, path: String) throws -> DecodingStrategy {
        guard let value else { return .sample(maxLength: defaultMaxLength) }
        let methods = ["sample", "greedy", "beam"]
        switch value {
        case .scalar("sample"): return .sample(maxLength: defaultMaxLength)
        case .scalar("greedy"): return .greedy(maxLength: defaultMaxLength)
        case .scalar("beam"):
            throw SpecError(path: path, message: "beam needs a width: {method: beam, width: W}")
        case .mapping: break
        default:
            throw SpecError.wrongType(path, given: value, expected: "sample, greedy, or {method: sample | greedy | beam, …}")
        }
        let reader = try SpecReader(value, path: path)
        let method = try reader.string("method", default: "sample", allowed: methods)
        let applicable: [String: [String]] = [
            "sample": ["temperature", "top-k", "top-p"],
            "greedy": [],
            "beam": ["width", "length-penalty"],
        ]
        for key in ["temperature", "top-k", "top-p", "width", "length-penalty"] where reader.has(key) && !applicable[method]!.contains(key) {
            _ = reader.value(key)
            throw SpecError(path: reader.keyPath(key), message: "\(key) does not apply to method \(method)")
        }
        let penalty = try reader.double("repetition-penalty", default: 1, range: 1...1e6, rangeDescription: "a number ≥ 1")
        let maxLength = try reader.int("max-length", default: defaultMaxLength, range: 1...100_000)
        let strategy: DecodingStrategy
        switch method {
        case "greedy":
            strategy = .greedy(maxLength: maxLength, repetitionPenalty: penalty)
        case "beam":
            guard reader.has("width") else {
                throw SpecError(path: reader.keyPath("width"), message: "beam search needs a width (an integer in [1, 64])")
            }
            let width = try reader.int("width", default: 1, range: 1...64)
            let lengthPenalty = try reader.double("length-penalty", default: 1, range: -100...100)
            strategy = .beam(width: width, maxLength: maxLength, lengthPenalty: lengthPenalty, repetitionPenalty: penalty)
        default:
            let temperature = try reader.double("temperature", default: 1, range: 1e-6...1e6, rangeDescription: "a number > 0")
            let topK = try reader.int("top-k", default: 0, range: 0...Int.max)
            let topP = try reader.double("top-p", default: 1, range: 1e-12...1, rangeDescription: "a number in (0, 1]")
            strategy = .sample(temperature: temperature, topK: topK, topP: topP, repetitionPenalty: penalty, maxLength: maxLength)
        }
        try reader.finish()
        return strategy
    }

    static func resolvedDecoding(_ strategy: DecodingStrategy) -> SpecValue {
        var entries: [(key: String, value: SpecValue)] = []
        switch strategy.method {
        case .sample:
            entries = [
                ("method", .scalar("sample")), ("temperature", .scalar(SpecReader.format(strategy.temperature))),
                ("top-k", .scalar(String(strategy.topK))), ("top-p", .scalar(SpecReader.format(strategy.topP))),
            ]
        case .greedy:
            entries = [("method", .scalar("greedy"))]
        case .beam(let width):
            entries = [
                ("method", .scalar("beam")), ("width", .scalar(String(width))),
                ("length-penalty", .scalar(SpecReader.format(strategy.lengthPenalty))),
            ]
        }
        entries.append(("repetition-penalty", .scalar(SpecReader.format(strategy.repetitionPenalty))))
        entries.append(("max-length", .scalar(String(strategy.maxLength))))
        return .mapping(entries)
    }
}
