import Foundation

/// Diversity and repetition statistics of a set of documents (token ids).
///
/// n-grams never cross a document boundary. Every statistic is finite for any input: a set
/// without any n-gram has distinct-n 0 (nothing diverse), rep-n 0, Self-BLEU 0 and entropy 0.
public enum TextStatistics {
    @usableFromInline typealias Key = SIMD4<UInt32>

    @inlinable
    static func key<C: RandomAccessCollection>(_ document: C, at i: C.Index, n: Int) -> Key where C.Element == TokenID {
        var key = Key(repeating: UInt32.max)
        var index = i
        for j in 0..<n {
            key[j] = document[index]
            index = document.index(after: index)
        }
        return key
    }

    /// Distinct-n (Li et al. 2016, "A diversity-promoting objective function for neural
    /// conversation models"): distinct n-grams / all n-grams, over the whole set.
    public static func distinct(_ documents: DocumentBatch, n: Int) -> Double {
        var seen = Set<Key>()
        var total = 0
        for d in 0..<documents.count {
            let document = documents[d]
            guard document.count >= n else { continue }
            for i in document.startIndex...(document.endIndex - n) {
                seen.insert(key(document, at: i, n: n))
                total += 1
            }
        }
        return total == 0 ? 0 : Double(seen.count) / Double(total)
    }

    /// rep-n (Welleck et al. 2020, "Neural text generation with unlikelihood training", seq-rep-n):
    /// the mean over documents with at least n tokens of 1 − distinct n-grams / n-grams in the
    /// document. 0 when no document has n tokens.
    public static func repetition(_ documents: DocumentBatch, n: Int) -> Double {
        var seen = Set<Key>()
        var sum = 0.0
        var counted = 0
        for d in 0..<documents.count {
            let document = documents[d]
            guard document.count >= n else { continue }
            seen.removeAll(keepingCapacity: true)
            let grams = document.count - n + 1
            for i in document.startIndex...(document.endIndex - n) { seen.insert(key(document, at: i, n: n)) }
            sum += 1 - Double(seen.count) / Double(grams)
            counted += 1
        }
        return counted == 0 ? 0 : sum / Double(counted)
    }

    /// The number of distinct tokens.
    public static func types(_ documents: DocumentBatch) -> Int { Set(documents.tokens).count }

    /// The Shannon entropy (nats) of the documents' token frequencies.
    public static func unigramEntropy(_ documents: DocumentBatch) -> Double {
        var counts: [TokenID: Int] = [:]
        for token in documents.tokens { counts[token, default: 0] += 1 }
        let total = Double(documents.tokenCount)
        guard total > 0 else { return 0 }
        var h = 0.0
        for (_, c) in counts {
            let p = Double(c) / total
            h -= p * Foundation.log(p)
        }
        return h
    }

    /// Self-BLEU (Zhu et al. 2018, "Texygen"): the mean over the documents of the BLEU of each
    /// against all the others as references.
    ///
    /// BLEU (Papineni et al. 2002) up to order 4 with uniform weights: clipped n-gram precisions
    /// p_n (each n-gram's count clipped at its largest count in any one reference), the brevity
    /// penalty exp(1 − r/c) when the length c is below the closest reference length r (ties to the
    /// shorter), and Chen & Cherry's smoothing 1 (a zero clipped count becomes ε = 0.1, as NLTK's
    /// `method1`). A document shorter than 4 tokens uses the orders it has; an empty one scores 0.
    /// 0 for fewer than two documents.
    /// - Complexity: O(total n-grams + documents²) (the closest reference lengths).
    public static func selfBLEU(_ documents: DocumentBatch, maxOrder: Int = 4, epsilon: Double = 0.1) -> Double {
        let count = documents.count
        guard count >= 2 else { return 0 }
        // For every n-gram, its two largest per-document counts and the document of the largest:
        // the clip for document d is the largest count among the others.
        struct Top {
            var best = 0, bestDocument = -1, second = 0
        }
        var tops: [Key: Top] = [:]
        var local: [Key: Int] = [:]
        for d in 0..<count {
            let document = documents[d]
            local.removeAll(keepingCapacity: true)
            for n in 1...maxOrder where document.count >= n {
                for i in document.startIndex...(document.endIndex - n) { local[key(document, at: i, n: n), default: 0] += 1 }
            }
            for (k, c) in local {
                var top = tops[k] ?? Top()
                if c > top.best {
                    top.second = top.best
                    top.best = c
                    top.bestDocument = d
                } else if c > top.second {
                    top.second = c
                }
                tops[k] = top
            }
        }
        let lengths = (0..<count).map { documents.length(of: $0) }
        var total = 0.0
        for d in 0..<count {
            let document = documents[d]
            let c = document.count
            guard c > 0 else { continue }
            local.removeAll(keepingCapacity: true)
            let orders = min(maxOrder, c)
            var logPrecision = 0.0
            for n in 1...orders {
                var clipped = 0
                var grams: [Key: Int] = [:]
                for i in document.startIndex...(document.endIndex - n) { grams[key(document, at: i, n: n), default: 0] += 1 }
                for (k, occurrences) in grams {
                    let top = tops[k]!
                    let clip = top.bestDocument == d ? top.second : top.best
                    clipped += min(occurrences, clip)
                }
                let possible = Double(c - n + 1)
                logPrecision += Foundation.log((clipped > 0 ? Double(clipped) : epsilon) / possible)
            }
            var closest = -1
            for e in 0..<count where e != d {
                let r = lengths[e]
                if closest < 0 || abs(r - c) < abs(closest - c) || (abs(r - c) == abs(closest - c) && r < closest) { closest = r }
            }
            let brevity = c >= closest ? 1 : Foundation.exp(1 - Double(closest) / Double(c))
            total += brevity * Foundation.exp(logPrecision / Double(orders))
        }
        return total / Double(count)
    }
}
