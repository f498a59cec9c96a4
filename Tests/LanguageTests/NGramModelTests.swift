import Foundation
import Randomness
import Testing
@testable import Language

@Suite struct NGramModelTests {
    /// Random weighted documents over a small vocabulary, so that contexts have many successors
    /// and a random context is sometimes seen, sometimes not.
    static func randomDocuments(vocabularySize: Int, documents: Int, seed: UInt64) -> (DocumentBatch, [Double]) {
        var generator = RandomStream.generator(seed: seed, 1)
        var batch = DocumentBatch()
        var weights: [Double] = []
        for _ in 0..<documents {
            let length = Int(generator.next(upperBound: UInt64(12)) as UInt64)
            let tokens = (0..<length).map { _ in TokenID(3 + generator.next(upperBound: UInt64(vocabularySize - 3))) }
            batch.append(document: tokens)
            // Integer, fractional and zero weights.
            weights.append([1, 2, 0.3, 0, 1.7][Int(generator.next(upperBound: 5) as UInt64)])
        }
        return (batch, weights)
    }

    @Test(arguments: [2, 3, 4, 5], [Discounting.modified, .plain])
    func probabilitiesSumToOne(order: Int, discounting: Discounting) {
        let v = 40
        let (batch, weights) = Self.randomDocuments(vocabularySize: v, documents: 300, seed: UInt64(order))
        let model = NGramModel.train(order: order, vocabularySize: v, discounting: discounting, documents: batch, weights: weights)
        var generator = RandomStream.generator(seed: 99, UInt64(order))
        for trial in 0..<200 {
            // Histories that start a document, and histories taken from a training document.
            var history: [TokenID] = [Vocabulary.documentStart]
            if trial % 2 == 0 {
                let length = Int(generator.next(upperBound: 6) as UInt64)
                for _ in 0..<length { history.append(TokenID(3 + generator.next(upperBound: UInt64(v - 3)))) }
            } else {
                let d = batch[Int(generator.next(upperBound: UInt64(batch.count)))]
                history.append(contentsOf: d.prefix(Int(generator.next(upperBound: UInt64(d.count + 1)))))
            }
            let p = model.probabilities(after: history)
            let total = p.reduce(0, +)
            #expect(abs(total - 1) < 1e-9, "history \(history): Σ P = \(total)")
            #expect(p.enumerated().allSatisfy { $0.offset == Int(Vocabulary.documentStart) ? $0.element == 0 : $0.element > 0 })
        }
    }

    @Test func unigramSumsToOneAndEmptyModelIsUniform() {
        let (batch, weights) = Self.randomDocuments(vocabularySize: 30, documents: 50, seed: 5)
        let unigram = NGramModel.train(order: 1, vocabularySize: 30, documents: batch, weights: weights)
        #expect(abs(unigram.probabilities(after: [Vocabulary.documentStart]).reduce(0, +) - 1) < 1e-9)
        let empty = NGramModel.train(order: 3, vocabularySize: 30, documents: DocumentBatch())
        let p = empty.probabilities(after: [Vocabulary.documentStart, 5])
        #expect(p.filter { $0 > 0 }.allSatisfy { abs($0 - 1.0 / 29) < 1e-15 })
    }

    /// The weighted-count definition: a common factor on every weight changes nothing, a weight of
    /// 0 is no document, and a document's weight scales its own n-grams only.
    @Test func weightsAreScaleFreeAndZeroWeightIsAbsence() {
        let (batch, weights) = Self.randomDocuments(vocabularySize: 25, documents: 60, seed: 11)
        let model = NGramModel.train(order: 3, vocabularySize: 25, documents: batch, weights: weights)
        let scaled = NGramModel.train(order: 3, vocabularySize: 25, documents: batch, weights: weights.map { $0 * 7.5 })
        var withoutZeroes = DocumentBatch()
        var positive: [Double] = []
        for i in 0..<batch.count where weights[i] > 0 {
            withoutZeroes.append(document: batch[i])
            positive.append(weights[i])
        }
        #expect(positive.count < batch.count)
        let absent = NGramModel.train(order: 3, vocabularySize: 25, documents: withoutZeroes, weights: positive)
        let unweighted = NGramModel.train(order: 3, vocabularySize: 25, documents: batch)
        let ones = NGramModel.train(order: 3, vocabularySize: 25, documents: batch, weights: [Double](repeating: 1, count: batch.count))
        for i in 0..<20 {
            let history = [Vocabulary.documentStart] + Array(batch[i].prefix(2))
            let p = model.probabilities(after: history)
            #expect(zip(p, scaled.probabilities(after: history)).allSatisfy { abs($0 - $1) <= 1e-6 * $0 })
            #expect(p == absent.probabilities(after: history))
            #expect(ones.probabilities(after: history) == unweighted.probabilities(after: history))
        }
        // Two documents sharing a context: doubling one's weight doubles its successor's count.
        let pair = DocumentBatch(documents: [[3, 4], [3, 5]] as [[TokenID]])
        let even = NGramModel.train(order: 2, vocabularySize: 6, discounting: .plain, documents: pair)
        let skewed = NGramModel.train(order: 2, vocabularySize: 6, discounting: .plain, documents: pair, weights: [2, 1])
        let history: [TokenID] = [Vocabulary.documentStart, 3]
        #expect(abs(even.probability(of: 4, after: history) - even.probability(of: 5, after: history)) < 1e-15)
        // After "a": counts 2 (b) and 1 (c), each discounted by D times its weight, out of 3.
        let d = skewed.discounts[1].one
        let expected = (2 * (1 - d) + 3 * d * skewed.unigram[4]) / 3
        #expect(abs(skewed.probability(of: 4, after: history) - expected) < 1e-7)
    }

    /// Kneser–Ney on a corpus small enough to work out by hand, every weight 1.
    @Test func matchesHandComputedBigram() {
        // Documents "a b", "a b", "b a" with a = 3, b = 4; vocabulary {<unk>, <s>, </s>, a, b}.
        let batch = DocumentBatch(documents: [[3, 4], [3, 4], [4, 3]] as [[TokenID]])
        let model = NGramModel.train(order: 2, vocabularySize: 5, discounting: .plain, documents: batch)
        // Unigram continuation counts: a after {<s>, b} = 2, b after {a, <s>} = 2, </s> after
        // {b, a} = 2; total 6. All counts 2: n1 = 0, so Y falls back to 0.5.
        let d1 = model.discounts[0].one
        #expect(d1 == 0.5)
        // P₁(a) = (2 − D)/6 + (3D/6) · 1/4 (four predictable tokens: <unk>, </s>, a, b).
        let p1a = (2 - d1) / 6 + (3 * d1 / 6) / 4
        #expect(abs(model.unigram[3] - p1a) < 1e-15)
        #expect(abs(model.unigram[0] - (3 * d1 / 6) / 4) < 1e-15)
        // Bigram counts {<s>a 2, ab 2, b</s> 2, <s>b 1, ba 1, a</s> 1}: n1 = n2 = 3, Y = 1/3.
        let d2 = model.discounts[1].one
        #expect(abs(d2 - 1.0 / 3) < 1e-12)
        // P(a | b): context b has successors a (1) and </s> (2): a(b) = 3, γ(b) = 2D.
        let expected = (1 - d2) / 3 + (2 * d2 / 3) * p1a
        #expect(abs(model.probability(of: 3, after: [Vocabulary.documentStart, 4]) - expected) < 1e-7)
        // A context never seen (<unk>) backs off to P₁.
        #expect(model.probability(of: 3, after: [Vocabulary.documentStart, 0]) == p1a)
    }

    @Test func perplexityOnHeldOutTextIsFiniteAndBelowTheUnigramModel() {
        let split = TestCorpus.split(documents: 6000)
        let v = split.vocabulary.count
        let unigram = NGramModel.train(order: 1, vocabularySize: v, documents: split.training).perplexity(of: split.heldOut)
        for order in 2...4 {
            let perplexity = NGramModel.train(order: order, vocabularySize: v, documents: split.training).perplexity(of: split.heldOut)
            #expect(perplexity.isFinite && perplexity > 1)
            #expect(perplexity < unigram, "order \(order): \(perplexity) vs unigram \(unigram)")
        }
    }
}
