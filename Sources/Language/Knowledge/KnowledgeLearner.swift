import ModelCollapse
import Randomness

/// The learner of the knowledge family: an interpolated Kneser–Ney n-gram model fitted to the
/// weighted documents of a training set, and a generator of synthetic documents of two kinds.
///
/// Of the `count` documents of a synthetic batch, round(factShare · count) complete a fact prompt
/// (the model's own version of a fact), the others are free text generated from `<s>`; both
/// with the experiment's decoding strategy. The fact prompts are taken in turn from
/// ``syntheticPrompts`` starting at a uniformly random one, so every prompt gets
/// ⌊k/P⌋ or ⌈k/P⌉ of the k fact documents. Restricting the prompts to one domain
/// (`synthetic: {domain: …}`, Keisha et al. 2025's mitigation) spends the same budget on fewer
/// facts.
public struct KnowledgeLearner: Learner {
    public typealias Batch = DocumentBatch
    public typealias Model = NGramModel

    public let order: Int
    public let vocabularySize: Int
    public let discounting: Discounting
    public let decoding: DecodingStrategy
    /// The prompts of synthetic fact documents.
    public let syntheticPrompts: [[TokenID]]
    /// The share of a synthetic batch that completes fact prompts.
    public let factShare: Double

    public init(
        order: Int, vocabularySize: Int, discounting: Discounting, decoding: DecodingStrategy,
        syntheticPrompts: [[TokenID]], factShare: Double
    ) {
        precondition((0...1).contains(factShare), "KnowledgeLearner: the fact share must be in [0, 1]")
        self.order = order
        self.vocabularySize = vocabularySize
        self.discounting = discounting
        self.decoding = decoding
        self.syntheticPrompts = syntheticPrompts
        self.factShare = factShare
    }

    /// Counts every part with its weight (no copy of the documents) and smooths.
    public func fit(_ trainingSet: TrainingSet<DocumentBatch>) -> NGramModel {
        var counter = NGramCounter(order: order, vocabularySize: vocabularySize)
        for part in trainingSet.parts where part.weight > 0 {
            counter.add(part.batch, weight: part.weight)
        }
        return counter.build(discounting: discounting)
    }

    /// The number of fact documents in a synthetic batch of `count`.
    public func factDocumentCount(of count: Int) -> Int {
        syntheticPrompts.isEmpty ? 0 : min(count, Int((factShare * Double(count)).rounded()))
    }

    public func sample<G: RandomNumberGenerator>(
        from model: NGramModel, count: Int, into batch: inout DocumentBatch, using generator: inout G
    ) {
        batch.removeAll()
        var textGenerator = TextGenerator(model: model, strategy: decoding)
        let factDocuments = factDocumentCount(of: count)
        if factDocuments > 0 {
            let promptCount = syntheticPrompts.count
            let offset = Int(generator.next(upperBound: UInt64(promptCount)))
            for i in 0..<factDocuments {
                let prompt = syntheticPrompts[(offset + i) % promptCount]
                batch.append(document: textGenerator.generate(prompt: prompt, using: &generator).tokens)
            }
        }
        let empty: [TokenID] = []
        for _ in factDocuments..<count {
            batch.append(document: textGenerator.generate(prompt: empty, using: &generator).tokens)
        }
    }
}
