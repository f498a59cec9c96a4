import Foundation

extension NGramModel {
    /// Calls `body(length, context)` for each context of the next token after `history` (whose
    /// first token is `<s>` when the history starts a document), shortest first: the context of
    /// the last `length` tokens has index `context` among the contexts of that length. Stops at
    /// the first context never seen (longer ones were not seen either), at order − 1 tokens, or
    /// at `<s>`.
    @inlinable
    func forEachContext<C: BidirectionalCollection>(after history: C, _ body: (Int, Int) -> Void) where C.Element == TokenID {
        var context: UInt32 = 0
        var length = 0
        var position = history.endIndex
        while length < order - 1, position != history.startIndex {
            position = history.index(before: position)
            let token = history[position]
            guard let next = contexts[length].value(for: PackedKeyTable.pack(context, token)) else { break }
            context = next
            length += 1
            body(length, Int(next))
            if token == Vocabulary.documentStart { break }
        }
    }

    /// The discounted count of `token` after context `context` of order `level`, or 0.
    @inlinable
    func kept(_ token: TokenID, context: Int, level: Level) -> Double {
        var low = Int(level.start[context]), high = Int(level.start[context + 1])
        while low < high {
            let mid = (low + high) &>> 1
            if level.token[mid] < token { low = mid &+ 1 } else { high = mid }
        }
        return low < Int(level.start[context + 1]) && level.token[low] == token ? Double(level.kept[low]) : 0
    }

    /// P(token | history), the history being every token before it (starting with `<s>`).
    @inlinable
    public func probability<C: BidirectionalCollection>(of token: TokenID, after history: C) -> Double
    where C.Element == TokenID {
        var p = unigram[Int(token)]
        forEachContext(after: history) { length, c in
            let level = levels[length]
            p = kept(token, context: c, level: level) * level.inverseTotal[c] + level.backoff[c] * p
        }
        return p
    }

    /// The natural log-probability of each token of `document` and of the closing `</s>` (m + 1
    /// values for m tokens), each given every token before it and `<s>`.
    public func logProbabilities<C: Collection>(of document: C) -> [Double] where C.Element == TokenID {
        var history: [TokenID] = [Vocabulary.documentStart]
        history.reserveCapacity(document.count + 2)
        var result: [Double] = []
        result.reserveCapacity(document.count + 1)
        for token in document {
            result.append(Foundation.log(probability(of: token, after: history)))
            history.append(token)
        }
        result.append(Foundation.log(probability(of: Vocabulary.documentEnd, after: history)))
        return result
    }

    /// Σ log P over `document`'s tokens and its `</s>`, and the number of predictions (m + 1).
    public func logLikelihood<C: Collection>(of document: C) -> (logProbability: Double, predictions: Int)
    where C.Element == TokenID {
        var history: [TokenID] = [Vocabulary.documentStart]
        var total = 0.0
        for token in document {
            total += Foundation.log(probability(of: token, after: history))
            history.append(token)
        }
        total += Foundation.log(probability(of: Vocabulary.documentEnd, after: history))
        return (total, document.count + 1)
    }

    /// exp(−(1/M) Σ log P) over every prediction of every document (M of them, each document's
    /// `</s>` included): the per-token perplexity of `documents`. Finite for any text, since every
    /// token has a positive probability; 1 for an empty batch.
    public func perplexity(of documents: DocumentBatch) -> Double {
        var total = 0.0
        var predictions = 0
        for i in 0..<documents.count {
            let (logProbability, count) = logLikelihood(of: documents[i])
            total += logProbability
            predictions += count
        }
        return predictions == 0 ? 1 : Foundation.exp(-total / Double(predictions))
    }

    /// The full next-token distribution after `history`, dense over the vocabulary (0 for `<s>`):
    /// O(V · N), for tests and small vocabularies; decoding uses ``NextTokenDistribution``.
    public func probabilities<C: BidirectionalCollection>(after history: C) -> [Double] where C.Element == TokenID {
        (0..<TokenID(vocabularySize)).map { $0 == Vocabulary.documentStart ? 0 : probability(of: $0, after: history) }
    }
}
