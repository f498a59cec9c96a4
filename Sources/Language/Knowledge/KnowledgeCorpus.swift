import Randomness

/// The real data of a knowledge-collapse experiment, built once per run from a lexical table:
/// the facts that are trained and probed, the definitions text they are trained with, and the
/// held-out text of the reference model that measures fluency.
///
/// **Facts.** An entry (lemma, hypernym) is a usable fact when its lemma occurs once in the table
/// (compared as lower-cased tokens: a lemma with two senses has no single answer), lemma and
/// hypernym are 1…4 word tokens without the answer terminator `.`, and they differ. Every usable
/// fact of the target domain (hypernyms) is taken — a random `factCount` of them if there are
/// more — and the rest of the `factCount` facts are drawn uniformly without replacement from the
/// other usable facts, with the stream (dataSeed, 0). Facts keep their table order.
///
/// **Documents.** The training data are every fact in every format (one document each), every
/// definition and example sentence of the facts' own entries, and `trainingTextDocuments` further
/// definition and example documents; `referenceDocuments` and `testDocuments` more are held out:
/// the first train the reference model of ``KnowledgeEvaluation``'s `fluency`, the second are the
/// real text whose perplexity the metrics report. The three sets are disjoint and drawn from the
/// other entries' documents in an order shuffled by the stream (dataSeed, 1), test set first.
/// Text is tokenised at word level, lower-cased; the vocabulary is every token of all of it.
public struct KnowledgeCorpus: Sendable {
    /// What to build.
    public struct Configuration: Sendable {
        public var entries: [LexicalEntry]
        public var factCount: Int
        /// Hypernyms whose facts are always included and measured apart (empty: none).
        public var targetDomain: [String]
        public var formats: [FactFormat]
        /// How many times each fact document occurs in the real data.
        public var factRepeats: Int
        public var trainingTextDocuments: Int
        public var referenceDocuments: Int
        public var testDocuments: Int
        public var referenceOrder: Int
        public var discounting: Discounting
        public var dataSeed: UInt64

        public init(
            entries: [LexicalEntry], factCount: Int = 400, targetDomain: [String] = [],
            formats: [FactFormat] = FactFormat.allCases, factRepeats: Int = 1, trainingTextDocuments: Int = 4000,
            referenceDocuments: Int = 4000, testDocuments: Int = 500, referenceOrder: Int = 3,
            discounting: Discounting = .modified, dataSeed: UInt64 = 1
        ) {
            self.entries = entries
            self.factCount = factCount
            self.targetDomain = targetDomain
            self.formats = formats
            self.factRepeats = factRepeats
            self.trainingTextDocuments = trainingTextDocuments
            self.referenceDocuments = referenceDocuments
            self.testDocuments = testDocuments
            self.referenceOrder = referenceOrder
            self.discounting = discounting
            self.dataSeed = dataSeed
        }
    }

    /// Why a corpus cannot be built from a table.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// No entry of the table is a usable fact.
        case noUsableFacts(entries: Int)
        /// None of the target domain's hypernyms has a usable fact.
        case emptyTargetDomain([String])
        /// The table has too few text documents besides the facts' own.
        case notEnoughText(available: Int, requested: Int)

        public var description: String {
            switch self {
            case .noUsableFacts(let entries):
                return "none of the table's \(entries) entries is a usable fact (a lemma that occurs once, lemma and hypernym of 1 to 4 words without '.', and different)"
            case .emptyTargetDomain(let domain):
                return "no usable fact has a hypernym in [\(domain.joined(separator: ", "))]"
            case .notEnoughText(let available, let requested):
                return "the table has \(available) definition and example documents besides the facts' own entries, but text asks for \(requested) (train + reference + test)"
            }
        }
    }

    /// The formats the facts are trained in.
    public let formats: [FactFormat]
    public let vocabulary: Vocabulary
    /// The facts, in table order.
    public let facts: [LexicalEntry]
    /// One probe per fact and format — every format, trained or not — fact-major, formats in
    /// ``FactFormat/allCases`` order.
    public let probes: [FactProbe]
    /// The real training documents: the text documents, then the fact documents (fact-major).
    public let training: DocumentBatch
    public let textDocumentCount: Int
    public let factDocumentCount: Int
    /// The reference model: trained on the held-out reference documents only.
    public let reference: NGramModel
    /// Held-out real text no model trains on.
    public let test: DocumentBatch
    /// The id of the answer terminator `.`.
    public let terminator: TokenID
    /// The reference model's perplexity on the test documents: the fluency of real text.
    public let realFluency: Double
    /// The normalised hypernyms of the target domain (empty: every fact is in it).
    public let targetDomain: Set<String>

    /// The tokenizer of every text of the experiment: word level, lower-cased.
    public static let tokenizer = Tokenizer(level: .word, lowercase: true)

    /// The indices (into the table) of the facts a configuration selects.
    public static func selectFacts(_ configuration: Configuration) throws -> [Int] {
        let entries = configuration.entries
        var keys: [String] = []
        var lemmaCounts: [String: Int] = [:]
        keys.reserveCapacity(entries.count)
        for entry in entries {
            let key = normalized(entry.lemma)
            keys.append(key)
            lemmaCounts[key, default: 0] += 1
        }
        let domain = Set(configuration.targetDomain.map(normalized))
        var inDomain: [Int] = []
        var others: [Int] = []
        for (i, entry) in entries.enumerated() {
            let lemma = tokenizer.tokenize(entry.lemma)
            let hypernym = tokenizer.tokenize(entry.hypernym)
            guard lemmaCounts[keys[i]] == 1, (1...4).contains(lemma.count), (1...4).contains(hypernym.count),
                  !lemma.contains(FactFormat.terminator), !hypernym.contains(FactFormat.terminator),
                  lemma != hypernym
            else { continue }
            if domain.contains(hypernym.joined(separator: " ")) { inDomain.append(i) } else { others.append(i) }
        }
        guard !inDomain.isEmpty || !others.isEmpty else { throw Problem.noUsableFacts(entries: entries.count) }
        if !domain.isEmpty, inDomain.isEmpty { throw Problem.emptyTargetDomain(configuration.targetDomain) }
        var generator = RandomStream.generator(seed: configuration.dataSeed, 0)
        var chosen = inDomain
        if chosen.count > configuration.factCount {
            shuffle(&chosen, using: &generator)
            chosen.removeLast(chosen.count - configuration.factCount)
        }
        let remaining = configuration.factCount - chosen.count
        if remaining > 0 {
            shuffle(&others, using: &generator)
            chosen += others.prefix(remaining)
        }
        chosen.sort()
        return chosen
    }

    /// The number of definition and example documents of the entries that are not facts: what
    /// the text sets are drawn from.
    public static func availableTextDocuments(_ configuration: Configuration, facts: [Int]) -> Int {
        let isFact = Set(facts)
        var count = 0
        for (i, entry) in configuration.entries.enumerated() where !isFact.contains(i) {
            count += (entry.definition.isEmpty ? 0 : 1) + entry.examples.count
        }
        return count
    }

    /// The number of text documents of the facts' own entries (they always train).
    public static func factTextDocuments(_ configuration: Configuration, facts: [Int]) -> Int {
        facts.reduce(0) { $0 + (configuration.entries[$1].definition.isEmpty ? 0 : 1) + configuration.entries[$1].examples.count }
    }

    /// Checks, without tokenising any text, that a corpus can be built; returns the facts' indices.
    @discardableResult
    public static func check(_ configuration: Configuration) throws -> [Int] {
        let chosen = try selectFacts(configuration)
        let requested = configuration.testDocuments + configuration.referenceDocuments + configuration.trainingTextDocuments
        let available = availableTextDocuments(configuration, facts: chosen)
        guard available >= requested else { throw Problem.notEnoughText(available: available, requested: requested) }
        return chosen
    }

    /// Builds the corpus.
    public init(_ configuration: Configuration) throws {
        let entries = configuration.entries
        let chosen = try Self.check(configuration)
        let tokenizer = Self.tokenizer
        formats = configuration.formats
        facts = chosen.map { entries[$0] }
        targetDomain = Set(configuration.targetDomain.map(Self.normalized))

        // Text documents: the facts' own entries train; the others are shuffled into test,
        // reference and training text.
        let isFact = Set(chosen)
        var factText: [[String]] = []
        for i in chosen {
            for text in LexicalTable.documents([entries[i]]) { factText.append(tokenizer.tokenize(text)) }
        }
        var otherEntries = (0..<entries.count).filter { !isFact.contains($0) }
        var generator = RandomStream.generator(seed: configuration.dataSeed, 1)
        Self.shuffle(&otherEntries, using: &generator)
        var otherText: [String] = []
        for i in otherEntries { otherText.append(contentsOf: LexicalTable.documents([entries[i]])) }
        var cursor = 0
        func take(_ count: Int) -> [[String]] {
            defer { cursor += count }
            return otherText[cursor..<(cursor + count)].map { tokenizer.tokenize($0) }
        }
        let testText = take(configuration.testDocuments)
        let referenceText = take(configuration.referenceDocuments)
        let trainingText = factText + take(configuration.trainingTextDocuments)

        var factDocuments: [[String]] = []
        var probeTexts: [(fact: Int, format: FactFormat, prompt: [String], answer: [String])] = []
        for (f, entry) in facts.enumerated() {
            for format in FactFormat.allCases {
                let prompt = tokenizer.tokenize(format.prompt(lemma: entry.lemma))
                var answer = tokenizer.tokenize(format.answer(hypernym: entry.hypernym))
                if formats.contains(format) {
                    for _ in 0..<configuration.factRepeats { factDocuments.append(prompt + answer) }
                }
                answer.removeLast()  // the terminator
                probeTexts.append((f, format, prompt, answer))
            }
        }

        let vocabulary = Vocabulary(
            documents: trainingText + factDocuments + referenceText + testText
                + probeTexts.map { $0.prompt + $0.answer + [FactFormat.terminator] })
        self.vocabulary = vocabulary
        terminator = vocabulary.id(of: FactFormat.terminator)
        var training = DocumentBatch(documents: trainingText.map { vocabulary.encode($0) })
        training.append(DocumentBatch(documents: factDocuments.map { vocabulary.encode($0) }))
        self.training = training
        textDocumentCount = trainingText.count
        factDocumentCount = factDocuments.count
        let domain = targetDomain
        let factEntries = facts
        let trained = formats
        probes = probeTexts.map { probe in
            FactProbe(
                fact: probe.fact, format: probe.format, trained: trained.contains(probe.format),
                prompt: vocabulary.encode(probe.prompt),
                answer: vocabulary.encode(probe.answer),
                inTargetDomain: domain.isEmpty || domain.contains(Self.normalized(factEntries[probe.fact].hypernym)))
        }
        test = DocumentBatch(documents: testText.map { vocabulary.encode($0) })
        reference = NGramModel.train(
            order: configuration.referenceOrder, vocabularySize: vocabulary.count,
            discounting: configuration.discounting,
            documents: DocumentBatch(documents: referenceText.map { vocabulary.encode($0) }))
        realFluency = reference.perplexity(of: test)
    }

    /// The probes in trained formats whose fact's hypernym is one of `hypernyms` (every fact's
    /// for nil): the prompts of synthetic fact documents.
    public func trainedProbeIndices(hypernyms: [String]?) -> [Int] {
        let set = hypernyms.map { Set($0.map(Self.normalized)) }
        return probes.indices.filter { i in
            probes[i].trained && (set?.contains(Self.normalized(facts[probes[i].fact].hypernym)) ?? true)
        }
    }

    /// A lemma or hypernym as the tokens it is written with, joined by spaces.
    public static func normalized(_ text: String) -> String {
        tokenizer.tokenize(text).joined(separator: " ")
    }

    /// Fisher–Yates with the engine's bounded draws, so the order depends on the seed only.
    static func shuffle<G: RandomNumberGenerator>(_ items: inout [Int], using generator: inout G) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            let j = Int(generator.next(upperBound: UInt64(i + 1)))
            items.swapAt(i, j)
        }
    }
}
