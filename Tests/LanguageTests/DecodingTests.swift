import Foundation
import Randomness
import Statistics
import Testing
@testable import Language

// Sampling checks are Pearson χ² goodness-of-fit tests of 10,000 (top-k/top-p: 4,000) single-step draws against the
// exact distribution (bins pooled to expected counts ≥ 5), failing at p < 10⁻⁴: a false-failure
// rate of 10⁻⁴ per check at a fixed seed.
@Suite struct DecodingTests {
    static let split = TestCorpus.split(documents: 1200)
    static let model = NGramModel.train(order: 3, vocabularySize: split.vocabulary.count, documents: split.training)

    /// Histories (without `<s>`): a seen two-token context, a seen one-token context with an
    /// unseen longer one, an unknown token, and the document start.
    static var prompts: [[TokenID]] {
        let d0 = Array(split.training[0]), d1 = Array(split.heldOut[3])
        return [Array(d0.prefix(2)), Array(d1.prefix(3)), [Vocabulary.unknown], []]
    }

    /// The exact next-token distribution after `prompt` under the strategy's penalty and
    /// temperature, before top-k and top-p.
    static func transformed(_ prompt: [TokenID], _ strategy: DecodingStrategy) -> [Double] {
        let p = model.probabilities(after: [Vocabulary.documentStart] + prompt)
        let seen = Set(prompt)
        let inverseT = strategy.method == .sample ? 1 / strategy.temperature : 1
        var weights = p.enumerated().map { (w, p) -> Double in
            let exponent = inverseT * (seen.contains(TokenID(w)) ? strategy.repetitionPenalty : 1)
            return pow(p, exponent)
        }
        let total = weights.reduce(0, +)
        for i in weights.indices { weights[i] /= total }
        return weights
    }

    /// The next token after `prompt`, by one step of `strategy`.
    static func step<G: RandomNumberGenerator>(_ generator: inout TextGenerator, _ prompt: [TokenID], using random: inout G) -> TokenID {
        let document = generator.generate(prompt: prompt, using: &random)
        return document.ended && document.tokens.count == prompt.count ? Vocabulary.documentEnd : document.tokens[prompt.count]
    }

    static func withCap(_ strategy: DecodingStrategy, _ prompt: [TokenID]) -> DecodingStrategy {
        var s = strategy
        s.maxLength = prompt.count + 1
        return s
    }

    static func chiSquare(_ strategy: DecodingStrategy, prompt: [TokenID], expected probabilities: [Double], seed: UInt64, draws: Int = 10_000) -> Double {
        var generator = TextGenerator(model: model, strategy: withCap(strategy, prompt))
        var random = RandomStream.generator(seed: seed, 3)
        var counts = [Int](repeating: 0, count: probabilities.count)
        for _ in 0..<draws { counts[Int(step(&generator, prompt, using: &random))] += 1 }
        let order = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }
        let pooled = ChiSquareTest.pooled(
            observed: order.map { counts[$0] }, expected: order.map { probabilities[$0] * Double(draws) })
        return ChiSquareTest.goodnessOfFit(observed: pooled.observed, expected: pooled.expected).pValue
    }

    @Test(arguments: [
        DecodingStrategy.sample(),
        .sample(temperature: 0.7),
        .sample(temperature: 1.6),
        .sample(repetitionPenalty: 2.5),
    ])
    func samplingDrawsFromTheTransformedDistribution(strategy: DecodingStrategy) {
        for (i, prompt) in Self.prompts.enumerated() {
            // The penalty needs repeated material in the prompt.
            let prompt = strategy.repetitionPenalty != 1 ? prompt + [3, 4] : prompt
            let p = Self.chiSquare(strategy, prompt: prompt, expected: Self.transformed(prompt, strategy), seed: UInt64(i))
            #expect(p >= 1e-4, "prompt \(prompt): p = \(p)")
        }
    }

    @Test(arguments: [(5, 1.0), (40, 1.0), (0, 0.8), (0, 0.3), (20, 0.6)])
    func topKAndTopPSampleTheRenormalisedHead(k: Int, p: Double) {
        let strategy = DecodingStrategy.sample(temperature: 0.9, topK: k, topP: p)
        for (i, prompt) in Self.prompts.enumerated() {
            let q = Self.transformed(prompt, strategy)
            // The allowed set, by the definitions: the k most probable, then the smallest head of
            // those whose mass reaches p (of the top-k mass).
            let order = q.indices.sorted { q[$0] != q[$1] ? q[$0] > q[$1] : $0 < $1 }
            var head = k > 0 ? Array(order.prefix(k)) : order
            let headMass = head.reduce(0) { $0 + q[$1] }
            var cumulative = 0.0, keep = 0
            for w in head {
                cumulative += q[w]
                keep += 1
                if cumulative >= p * headMass { break }
            }
            head = Array(head.prefix(keep))
            var expected = [Double](repeating: 0, count: q.count)
            let mass = head.reduce(0) { $0 + q[$1] }
            for w in head { expected[w] = q[w] / mass }
            if head.count == 1 {
                var generator = TextGenerator(model: Self.model, strategy: Self.withCap(strategy, prompt))
                var random = RandomStream.generator(seed: 100, UInt64(i))
                for _ in 0..<100 { #expect(Self.step(&generator, prompt, using: &random) == TokenID(head[0])) }
                continue
            }
            // Never outside the head (a draw there makes χ² infinite), and the head's proportions.
            let pValue = Self.chiSquare(strategy, prompt: prompt, expected: expected, seed: 100 + UInt64(i), draws: 4000)
            #expect(pValue >= 1e-4, "k \(k) p \(p) prompt \(prompt): head of \(head.count), p-value \(pValue)")
        }
    }

    @Test func topKNeverEmitsOutsideTheTopK() {
        for k in [1, 3, 10] {
            let strategy = DecodingStrategy.sample(temperature: 1.3, topK: k, maxLength: 30)
            var generator = TextGenerator(model: Self.model, strategy: strategy)
            var random = RandomStream.generator(seed: 8, UInt64(k))
            for d in 0..<40 {
                let document = generator.generate(prompt: Self.split.heldOut[d].prefix(1), using: &random)
                var history: [TokenID] = [Vocabulary.documentStart]
                for (i, token) in (document.tokens + (document.ended ? [Vocabulary.documentEnd] : [])).enumerated() {
                    if i >= document.promptLength {
                        let p = Self.model.probabilities(after: history)
                        let kth = p.sorted(by: >)[k - 1]
                        #expect(p[Int(token)] >= kth)
                    }
                    history.append(token)
                }
            }
        }
    }

    @Test func greedyTakesTheArgmaxEveryStep() {
        for penalty in [1.0, 3.0] {
            var generator = TextGenerator(model: Self.model, strategy: .greedy(maxLength: 25, repetitionPenalty: penalty))
            var random = RandomStream.generator(seed: 1, 1)
            for d in 0..<30 {
                let document = generator.generate(prompt: Self.split.heldOut[d].prefix(2), using: &random)
                #expect(document.tokens.count <= 25)
                var prefix = Array(document.tokens.prefix(document.promptLength))
                for token in document.tokens.dropFirst(document.promptLength) + (document.ended ? [Vocabulary.documentEnd] : []) {
                    let q = Self.transformed(prefix, .greedy(repetitionPenalty: penalty))
                    #expect(q[Int(token)] == q.max()!, "penalty \(penalty): \(token) is not the argmax")
                    prefix.append(token)
                }
            }
        }
    }

    @Test func beamOfWidthOneIsGreedy() {
        var greedy = TextGenerator(model: Self.model, strategy: .greedy(maxLength: 20))
        var beam = TextGenerator(model: Self.model, strategy: .beam(width: 1, maxLength: 20))
        var random = RandomStream.generator(seed: 2, 2)
        for d in 0..<30 {
            let prompt = Self.split.heldOut[d].prefix(2)
            #expect(greedy.generate(prompt: prompt, using: &random) == beam.generate(prompt: prompt, using: &random))
        }
    }

    /// A beam wide enough to hold every hypothesis is exhaustive search: it finds the most
    /// probable document of at most three tokens (α = 0: total log-probability).
    @Test func wideBeamFindsTheMostProbableDocument() {
        let documents: [[TokenID]] = [[3, 4], [3, 4, 5], [4, 3], [5], [3, 3, 3], [6, 4], [5, 6, 3]]
        let model = NGramModel.train(order: 2, vocabularySize: 7, documents: DocumentBatch(documents: documents))
        let tokens: [TokenID] = [0, 3, 4, 5, 6]
        func logP(_ d: [TokenID], ended: Bool) -> Double {
            var history: [TokenID] = [Vocabulary.documentStart], total = 0.0
            for t in d + (ended ? [Vocabulary.documentEnd] : []) {
                total += log(model.probability(of: t, after: history))
                history.append(t)
            }
            return total
        }
        var best = (logP([], ended: true), [TokenID]())
        var frontier: [[TokenID]] = [[]]
        for length in 1...3 {
            frontier = frontier.flatMap { d in tokens.map { d + [$0] } }
            for d in frontier {
                let score = logP(d, ended: true)
                if score > best.0 { best = (score, d) }
                if length == 3, logP(d, ended: false) > best.0 { best = (logP(d, ended: false), d) }
            }
        }
        var beam = TextGenerator(model: model, strategy: .beam(width: 200, maxLength: 3, lengthPenalty: 0))
        var random = RandomStream.generator(seed: 3, 3)
        let document = beam.generate(prompt: [TokenID](), using: &random)
        #expect(document.tokens == best.1)
    }

    @Test func everyDocumentRespectsTheLengthCap() {
        for strategy in [DecodingStrategy.sample(maxLength: 5), .sample(temperature: 3, maxLength: 5), .greedy(maxLength: 5), .beam(width: 3, maxLength: 5)] {
            var generator = TextGenerator(model: Self.model, strategy: strategy)
            var random = RandomStream.generator(seed: 4, 4)
            for d in 0..<50 {
                let document = generator.generate(prompt: Self.split.heldOut[d].prefix(d % 7), using: &random)
                #expect(document.tokens.count <= 5)
                #expect(document.ended || document.tokens.count == 5)
                #expect(!document.tokens.contains(Vocabulary.documentStart) && !document.tokens.contains(Vocabulary.documentEnd))
            }
        }
    }
}
