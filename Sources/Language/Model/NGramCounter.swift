/// Counts the n-grams of weighted documents, orders 1…N, for an ``NGramModel``.
///
/// A document d = x₁…x_m with weight w_d is padded as `<s> x₁ … x_m </s>`: each of x₁…x_m and
/// `</s>` is predicted from the tokens before it, so the weighted count of an n-gram g is
/// c(g) = Σ_d w_d · (occurrences of g in d's padded sequence), and its occurrence count o(g) the
/// same sum with every positive weight taken as 1. Only one `<s>` is prepended: an
/// n-gram that starts with `<s>` cannot be extended to the left, and the model uses it at its
/// own order, like KenLM does, instead of padding with N − 1 start tokens.
///
/// Storage: contexts and n-grams of every order are numbered through open-addressing tables keyed
/// by a packed (shorter context's index, token) pair (``PackedKeyTable``): the context
/// (a, b) of length 2 is the child of context (b) through token a, so one 64-bit key names any
/// n-gram and no string or token array is hashed.
public struct NGramCounter: Sendable {
    /// The longest n-gram counted.
    public let order: Int
    /// The number of token ids (the vocabulary's size, special tokens included).
    public let vocabularySize: Int
    /// The number of documents with a positive weight.
    public private(set) var documentCount = 0
    /// The number of tokens (without boundaries) of documents with a positive weight.
    public private(set) var tokenCount = 0
    /// Σ w_d over the documents counted.
    public private(set) var totalWeight = 0.0

    /// `contexts[len − 1]`: the contexts of `len` tokens.
    var contexts: [ContextTable]
    /// `grams[j − 1]`: the n-grams of order j.
    var grams: [GramTable]
    private var padded: [TokenID] = []

    struct ContextTable: Sendable {
        var table = PackedKeyTable()
        /// The index of the context without its oldest token (0, the empty context, for length 1).
        var parent: [UInt32] = []
        /// The oldest token of the context.
        var oldest: [TokenID] = []
    }

    struct GramTable: Sendable {
        var table = PackedKeyTable()
        var context: [UInt32] = []
        var token: [TokenID] = []
        /// Σ of the weights of the n-gram's occurrences.
        var count: [Double] = []
        /// The number of its occurrences (in documents of positive weight).
        var occurrences: [UInt32] = []
    }

    /// - Precondition: `order` in 1…5 (any order up to 2³² contexts would work; the families
    ///   allow 2…5) and at least the three special tokens.
    public init(order: Int, vocabularySize: Int) {
        precondition((1...8).contains(order), "NGramCounter: order must be in 1…8")
        precondition(vocabularySize >= Vocabulary.specialTokens.count && vocabularySize < Int(UInt32.max),
                     "NGramCounter: the vocabulary needs the special tokens and fewer than 2^32 − 1 ids")
        self.order = order
        self.vocabularySize = vocabularySize
        contexts = Array(repeating: ContextTable(), count: order - 1)
        grams = Array(repeating: GramTable(), count: order)
    }

    /// Counts one document with weight `weight` (a weight of 0 counts nothing).
    ///
    /// - Precondition: `weight` finite and ≥ 0; every token a valid id other than `<s>`.
    public mutating func add<C: Collection>(_ document: C, weight: Double = 1) where C.Element == TokenID {
        precondition(weight.isFinite && weight >= 0, "NGramCounter: a document weight must be finite and ≥ 0")
        guard weight > 0 else { return }
        padded.removeAll(keepingCapacity: true)
        padded.append(Vocabulary.documentStart)
        for token in document {
            precondition(Int(token) < vocabularySize && token != Vocabulary.documentStart,
                         "NGramCounter: token \(token) is not a document token of a vocabulary of \(vocabularySize)")
            padded.append(token)
        }
        padded.append(Vocabulary.documentEnd)
        documentCount += 1
        tokenCount += padded.count - 2
        totalWeight += weight
        let longest = order - 1
        for i in 1..<padded.count {
            let target = padded[i]
            grams[0].add(context: 0, token: target, weight: weight)
            var context: UInt32 = 0
            let lengths = min(longest, i)
            if lengths == 0 { continue }
            for length in 1...lengths {
                let older = padded[i - length]
                context = contexts[length - 1].index(parent: context, oldest: older)
                grams[length].add(context: context, token: target, weight: weight)
            }
        }
    }

    /// Counts every document of `batch` with the same weight.
    public mutating func add(_ batch: DocumentBatch, weight: Double = 1) {
        for i in 0..<batch.count { add(batch[i], weight: weight) }
    }

    /// Counts every document of `batch` with its own weight.
    public mutating func add(_ batch: DocumentBatch, weights: [Double]) {
        precondition(weights.count == batch.count, "NGramCounter: one weight per document")
        for i in 0..<batch.count { add(batch[i], weight: weights[i]) }
    }

    /// The number of distinct n-grams of each order 1…N counted so far.
    public var distinctNGrams: [Int] { grams.map(\.token.count) }

    /// The interpolated Kneser–Ney model of these counts.
    public func build(discounting: Discounting = .modified) -> NGramModel {
        NGramModel(counts: self, discounting: discounting)
    }
}

extension NGramCounter.ContextTable {
    @inline(__always)
    mutating func index(parent: UInt32, oldest token: TokenID) -> UInt32 {
        let (index, inserted) = table.value(for: PackedKeyTable.pack(parent, token), inserting: UInt32(self.parent.count))
        if inserted {
            self.parent.append(parent)
            oldest.append(token)
        }
        return index
    }
}

extension NGramCounter.GramTable {
    @inline(__always)
    mutating func add(context: UInt32, token: TokenID, weight: Double) {
        let (index, inserted) = table.value(for: PackedKeyTable.pack(context, token), inserting: UInt32(count.count))
        if inserted {
            self.context.append(context)
            self.token.append(token)
            count.append(weight)
            occurrences.append(1)
        } else {
            count[Int(index)] += weight
            occurrences[Int(index)] &+= 1
        }
    }
}
