import Randomness

/// An n-gram language model (order N = 1…8; the families use 2…5) with interpolated Kneser–Ney
/// smoothing, trained on weighted documents.
///
/// For a context h of k − 1 tokens and a token w (Chen & Goodman 1998, eq. 26, interpolated):
///
///     P_k(w | h) = [a_k(h w) · max(o − D_k(o), 0) / o + γ_k(h) · P_{k−1}(w | h')] / a_k(h),   o = o_k(h w)
///
/// where h' drops h's oldest token, a_k(h) = Σ_w a_k(h w), γ_k(h) = a_k(h) − Σ_w (the kept
/// numerators) is the mass the discounts removed, and a context never seen leaves P_k = P_{k−1}.
/// With every weight 1, a = o and this is textbook interpolated Kneser–Ney: max(c − D, 0)/c(h)
/// plus γ = D · N₁₊(h •). The lowest order interpolates with the uniform distribution over the
/// V − 1 predictable tokens (every id but `<s>`), so every token has a positive probability and
/// perplexity is always finite.
///
/// **Counts, with weights.** Every n-gram g has an occurrence count o(g) (how many times it occurs
/// in documents of positive weight) and a weighted count c(g) = Σ_d w_d · #(g in d). At the highest
/// order, and for n-grams that start with `<s>` (which have no left extension), a = c and o is the
/// occurrence count; below, the continuation counts are
///
///     o_k(g) = N₁₊(• g) = |{v : v g occurs}|,    a_k(g) = Σ_v c(v g) / o(v g),
///
/// each distinct left extension counting once with the mean weight of its occurrences. The
/// discounts are estimated from the integer counts o (Chen & Goodman's counts of counts), and an
/// n-gram's discount is scaled by its mean weight a/o. So a weight says how much a document
/// matters, not how often it was seen: with every weight 1 the model is textbook Kneser–Ney;
/// multiplying every weight by the same λ > 0 changes nothing; a weight of 0 is the same as leaving
/// the document out; and fractional weights (importance weights, `real-weight`) scale each
/// document's n-grams smoothly, without the lattice of fractional counts distorting the discounts.
///
/// **Storage.** Per order, the n-grams of each context sit in one sorted run (compressed rows):
/// the token ids (`UInt32`) and the kept numerators a · max(o − D, 0)/o (`Float`), 8 bytes an
/// n-gram; per context its 1/a(h) and its back-off factor γ(h)/a(h) (`Double`), and contexts are
/// found through one ``PackedKeyTable`` per length. γ(h) is computed from the stored `Float`
/// numerators, so every next-token distribution sums to 1 to rounding in `Double`.
public struct NGramModel: Sendable {
    public let order: Int
    public let vocabularySize: Int
    public let discounting: Discounting
    /// The discounts of each order 1…N (index order − 1).
    public let discounts: [OrderDiscounts]
    /// The number of documents and tokens the model was trained on, and their total weight.
    public let trainingDocuments: Int
    public let trainingTokens: Int
    public let trainingWeight: Double

    /// `contexts[len − 1]`: the index of each context of `len` tokens, keyed by (shorter context, oldest token).
    @usableFromInline let contexts: [PackedKeyTable]
    /// `levels[k − 1]`: the n-grams of order k, grouped by their context of k − 1 tokens.
    @usableFromInline let levels: [Level]
    /// P₁(w), dense over the vocabulary (0 for `<s>`).
    public let unigram: [Double]
    /// The predictable tokens by decreasing P₁ (ties by id).
    public let unigramRanking: [TokenID]
    @usableFromInline let unigramTable: AliasTable

    @usableFromInline
    struct Level: Sendable {
        /// Context c's n-grams are at start[c] ..< start[c + 1].
        @usableFromInline var start: [UInt32]
        @usableFromInline var token: [TokenID]
        /// max(a − D, 0).
        @usableFromInline var kept: [Float]
        /// 1 / a(h).
        @usableFromInline var inverseTotal: [Double]
        /// γ(h) / a(h).
        @usableFromInline var backoff: [Double]
        /// Σ_w max(a − D, 0) / a(h) = 1 − backoff: the probability of taking this order's own counts.
        @usableFromInline var ownMass: [Double]
    }

    init(counts: NGramCounter, discounting: Discounting) {
        let order = counts.order
        let v = counts.vocabularySize
        self.order = order
        self.vocabularySize = v
        self.discounting = discounting
        trainingDocuments = counts.documentCount
        trainingTokens = counts.tokenCount
        trainingWeight = counts.totalWeight
        contexts = counts.contexts.map(\.table)

        // Adjusted counts a and their occurrence counts o: raw at the top order and after <s>,
        // continuation counts below.
        var adjusted: [[Double]] = counts.grams.map { [Double](repeating: 0, count: $0.count.count) }
        var occurrences: [[Double]] = adjusted
        adjusted[order - 1] = counts.grams[order - 1].count
        occurrences[order - 1] = counts.grams[order - 1].occurrences.map(Double.init)
        if order > 1 {
            for k in 1..<order {
                let grams = counts.grams[k - 1]
                if k > 1 {
                    let oldest = counts.contexts[k - 2].oldest
                    for g in 0..<grams.count.count where oldest[Int(grams.context[g])] == Vocabulary.documentStart {
                        adjusted[k - 1][g] = grams.count[g]
                        occurrences[k - 1][g] = Double(grams.occurrences[g])
                    }
                }
                let longer = counts.grams[k]
                let parents = counts.contexts[k - 1].parent
                for g in 0..<longer.count.count {
                    let parent = parents[Int(longer.context[g])]
                    let key = PackedKeyTable.pack(parent, longer.token[g])
                    guard let index = grams.table.value(for: key) else {
                        preconditionFailure("NGramModel: an n-gram's suffix was not counted")
                    }
                    // One distinct left extension, weighing the mean weight of its occurrences.
                    adjusted[k - 1][Int(index)] += longer.count[g] / Double(longer.occurrences[g])
                    occurrences[k - 1][Int(index)] += 1
                }
            }
        }

        var discounts: [OrderDiscounts] = []
        var levels: [Level] = []
        for k in 1...order {
            let grams = counts.grams[k - 1]
            var n = (0.0, 0.0, 0.0, 0.0)
            for count in occurrences[k - 1] {
                switch count {
                case 1: n.0 += 1
                case 2: n.1 += 1
                case 3: n.2 += 1
                case 4: n.3 += 1
                default: break
                }
            }
            let d = OrderDiscounts.estimate(n, discounting: discounting)
            discounts.append(d)
            let contextCount = k == 1 ? 1 : counts.contexts[k - 2].parent.count
            levels.append(Self.level(
                grams: grams, adjusted: adjusted[k - 1], occurrences: occurrences[k - 1], discounts: d, contextCount: contextCount))
        }
        self.discounts = discounts
        self.levels = levels

        // P₁, dense.
        var unigram = [Double](repeating: 0, count: v)
        let predictable = Double(v - 1)
        let root = levels[0]
        if root.start[1] > 0 {
            let floor = root.backoff[0] / predictable
            for w in 0..<v where w != Int(Vocabulary.documentStart) { unigram[w] = floor }
            for i in 0..<Int(root.start[1]) {
                unigram[Int(root.token[i])] += Double(root.kept[i]) * root.inverseTotal[0]
            }
        } else {
            for w in 0..<v where w != Int(Vocabulary.documentStart) { unigram[w] = 1 / predictable }
        }
        self.unigram = unigram
        var ranking = (0..<TokenID(v)).filter { $0 != Vocabulary.documentStart }
        ranking.sort { unigram[Int($0)] != unigram[Int($1)] ? unigram[Int($0)] > unigram[Int($1)] : $0 < $1 }
        unigramRanking = ranking
        unigramTable = AliasTable(weights: unigram)
    }

    private static func level(
        grams: NGramCounter.GramTable, adjusted: [Double], occurrences: [Double], discounts: OrderDiscounts, contextCount: Int
    ) -> Level {
        var start = [UInt32](repeating: 0, count: contextCount + 1)
        for c in grams.context { start[Int(c) + 1] += 1 }
        for c in 0..<contextCount { start[c + 1] += start[c] }
        var next = start
        let total = grams.token.count
        var order = [Int](repeating: 0, count: total)
        for g in 0..<total {
            let c = Int(grams.context[g])
            order[Int(next[c])] = g
            next[c] += 1
        }
        var token = [TokenID](repeating: 0, count: total)
        var kept = [Float](repeating: 0, count: total)
        var inverseTotal = [Double](repeating: 0, count: contextCount)
        var backoff = [Double](repeating: 1, count: contextCount)
        var ownMass = [Double](repeating: 0, count: contextCount)
        var run: [(TokenID, Int)] = []
        for c in 0..<contextCount {
            let range = Int(start[c])..<Int(start[c + 1])
            run.removeAll(keepingCapacity: true)
            for i in range { run.append((grams.token[order[i]], order[i])) }
            run.sort { $0.0 < $1.0 }
            var sum = 0.0, keptSum = 0.0
            for (offset, (w, g)) in run.enumerated() {
                let a = adjusted[g], o = occurrences[g]
                let k = Float(a / o * max(o - discounts.discount(o), 0))
                token[range.lowerBound + offset] = w
                kept[range.lowerBound + offset] = k
                sum += a
                keptSum += Double(k)
            }
            guard sum > 0 else { continue }
            inverseTotal[c] = 1 / sum
            let removed = max(sum - keptSum, 0)
            backoff[c] = removed / sum
            ownMass[c] = keptSum / sum
        }
        return Level(start: start, token: token, kept: kept, inverseTotal: inverseTotal, backoff: backoff, ownMass: ownMass)
    }

    /// Trains a model on documents with per-document weights.
    public static func train(
        order: Int, vocabularySize: Int, discounting: Discounting = .modified,
        documents: DocumentBatch, weights: [Double]? = nil
    ) -> NGramModel {
        var counter = NGramCounter(order: order, vocabularySize: vocabularySize)
        if let weights { counter.add(documents, weights: weights) } else { counter.add(documents) }
        return counter.build(discounting: discounting)
    }

    /// The number of distinct n-grams of each order 1…N.
    public var distinctNGrams: [Int] { levels.map(\.token.count) }

    /// Whether `token` occurred in the training data (as a predicted token).
    public func observed(_ token: TokenID) -> Bool {
        let root = levels[0]
        var low = 0, high = Int(root.start[1])
        while low < high {
            let mid = (low + high) / 2
            if root.token[mid] < token { low = mid + 1 } else { high = mid }
        }
        return low < Int(root.start[1]) && root.token[low] == token
    }

    /// The tokens that occurred in the training data, in increasing id order.
    public var observedTokens: ArraySlice<TokenID> { levels[0].token[0..<Int(levels[0].start[1])] }

    /// Bytes held by the model's arrays.
    public var memoryBytes: Int {
        var bytes = unigram.count * 8 + unigramRanking.count * 4 + unigramTable.count * 24
        for table in contexts { bytes += table.memoryBytes }
        for level in levels {
            bytes += level.start.count * 4 + level.token.count * 8 + level.inverseTotal.count * 24
        }
        return bytes
    }
}
