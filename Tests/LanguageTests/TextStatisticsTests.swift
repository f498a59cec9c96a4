import Foundation
import Testing
@testable import Language

@Suite struct TextStatisticsTests {
    static func batch(_ documents: [[TokenID]]) -> DocumentBatch { DocumentBatch(documents: documents) }

    @Test func distinctAndRepetitionByHand() {
        let docs = Self.batch([[3, 4, 3, 4], [3, 4]])
        // Bigrams (3,4) (4,3) (3,4) | (3,4): 2 distinct of 4.
        #expect(TextStatistics.distinct(docs, n: 2) == 0.5)
        // rep-2: 1 − 2/3 for the first document, 0 for the second.
        #expect(abs(TextStatistics.repetition(docs, n: 2) - 1.0 / 6) < 1e-15)
        // Only the first has a 4-gram, and it is unique.
        #expect(TextStatistics.distinct(docs, n: 4) == 1 && TextStatistics.repetition(docs, n: 4) == 0)
        #expect(TextStatistics.types(docs) == 2)
        #expect(abs(TextStatistics.unigramEntropy(docs) - log(2)) < 1e-15)
    }

    @Test func emptyTextHasZeroForEveryStatistic() {
        let docs = Self.batch([[], [], []])
        #expect(TextStatistics.distinct(docs, n: 2) == 0 && TextStatistics.repetition(docs, n: 2) == 0)
        #expect(TextStatistics.selfBLEU(docs) == 0 && TextStatistics.unigramEntropy(docs) == 0 && TextStatistics.types(docs) == 0)
        #expect(TextStatistics.selfBLEU(Self.batch([[3, 4]])) == 0)
    }

    @Test func selfBLEUByHand() {
        // Identical documents: every precision 1, no brevity penalty.
        #expect(TextStatistics.selfBLEU(Self.batch([[3, 4, 5, 6, 7], [3, 4, 5, 6, 7]])) == 1)
        // Nothing shared: p_n = 0.1 / (5 − n) for n = 1…4 (Chen & Cherry's smoothing 1).
        let disjoint = TextStatistics.selfBLEU(Self.batch([[3, 4, 5, 6], [7, 8, 9, 10]]))
        #expect(abs(disjoint - 0.1 / pow(24, 0.25)) < 1e-12)
        // A prefix: the short one is penalised for brevity, exp(1 − 6/4); the long one has
        // precisions 4/6, 3/5, 2/4, 1/3.
        let prefix = TextStatistics.selfBLEU(Self.batch([[3, 4, 5, 6], [3, 4, 5, 6, 7, 8]]))
        let expected = (exp(-0.5) + pow(4.0 / 6 * 3 / 5 * 2 / 4 * 1 / 3, 0.25)) / 2
        #expect(abs(prefix - expected) < 1e-12)
        // Clipping by the largest count in one reference: "3 3 3 3" against "3 3" and "3 5".
        let clipped = TextStatistics.selfBLEU(Self.batch([[3, 3, 3, 3], [3, 3], [3, 5]]))
        // Document 1: p1 = 2/4, p2 = 1/3 ("3 3" once in a reference), p3 = p4 = ε/2, ε/1; the
        // closest reference length is 2 < 4: no penalty.
        let first = pow(2.0 / 4 * 1 / 3 * 0.05 * 0.1, 0.25)
        // Document 2 ("3 3"): p1 = 2/2 (clipped by document 1's four 3s), p2 = 1/1; closest
        // length 2: BLEU 1. Document 3 ("3 5"): p1 = 1/2, p2 = ε/1; no penalty.
        let third = pow(1.0 / 2 * 0.1, 0.5)
        #expect(abs(clipped - (first + 1 + third) / 3) < 1e-12)
    }
}
