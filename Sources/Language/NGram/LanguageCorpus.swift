/// A real corpus ready for recursive training: tokenised, split into a training pool, a reference
/// part and a held-out part, and encoded with the training pool's vocabulary.
///
/// The split is deterministic and spreads evenly through the corpus: document i goes to the
/// held-out part when frac(i·φ) < h, to the reference part when h ≤ frac(i·φ) < h + r, and to the
/// training pool otherwise (φ the golden ratio, h and r the fractions), so every part samples the
/// whole corpus whatever its order. The held-out part is the text perplexity is measured on: no
/// generation ever trains on it. The reference part trains reference models (the detector's, a
/// fluency judge's), which must not have seen the documents they score. The vocabulary is the
/// training pool's tokens seen at least `minimumCount` times; everything else is `<unk>`.
public struct LanguageCorpus: Sendable {
    public let tokenizer: Tokenizer
    public let vocabulary: Vocabulary
    public let training: DocumentBatch
    public let reference: DocumentBatch
    public let heldOut: DocumentBatch

    public init(documents: [String], tokenizer: Tokenizer, minimumCount: Int, heldOutFraction: Double, referenceFraction: Double) {
        precondition(heldOutFraction >= 0 && referenceFraction >= 0 && heldOutFraction + referenceFraction < 1,
                     "LanguageCorpus: the held-out and reference fractions must leave a training pool")
        self.tokenizer = tokenizer
        var parts: [[[String]]] = [[], [], []]
        let phi = 0.618_033_988_749_894_9
        for (i, text) in documents.enumerated() {
            let tokens = tokenizer.tokenize(text)
            let u = (Double(i) * phi).truncatingRemainder(dividingBy: 1)
            let part = u < heldOutFraction ? 2 : (u < heldOutFraction + referenceFraction ? 1 : 0)
            parts[part].append(tokens)
        }
        let vocabulary = Vocabulary(documents: parts[0], minimumCount: minimumCount)
        self.vocabulary = vocabulary
        training = DocumentBatch(documents: parts[0].map { vocabulary.encode($0) })
        reference = DocumentBatch(documents: parts[1].map { vocabulary.encode($0) })
        heldOut = DocumentBatch(documents: parts[2].map { vocabulary.encode($0) })
    }

    /// `count` documents of the training pool spread evenly through it (document ⌊i·D/count⌋ for
    /// i < count, D the pool's size): a deterministic sample that covers every part of the corpus.
    public func evenSubset(_ count: Int) -> DocumentBatch {
        let d = training.count
        if count >= d { return training }
        return training.selecting((0..<count).map { $0 * d / count })
    }

    /// The number of times each token id occurs in the training pool.
    public var poolCounts: [Int] {
        var counts = [Int](repeating: 0, count: vocabulary.count)
        for token in training.tokens { counts[Int(token)] += 1 }
        return counts
    }
}
