import Foundation
import Randomness

/// A generated document: its tokens (the prompt included) and whether it ended with `</s>`
/// (false when it hit the length cap).
public struct GeneratedDocument: Sendable, Equatable {
    public var tokens: [TokenID]
    public var promptLength: Int
    public var ended: Bool
}

/// Generates documents from an ``NGramModel`` with a ``DecodingStrategy``, reusing its buffers
/// from one document to the next (make one per model and thread).
///
/// A next-token distribution is never materialised over the whole vocabulary. Interpolated
/// Kneser–Ney gives P(w | h) = B · P₁(w) for every token w that no context of the history has seen,
/// with B the product of the back-off factors γ(h)/a(h) along the contexts; so the distribution is
/// the exact probabilities of the seen tokens (the successors of the shortest context: those of
/// the longer contexts are among them) plus B times the unigram distribution on the rest. Sampling
/// picks a seen token or, with the rest's total probability, draws from the unigram alias table
/// (to the power 1/T) until the token is an unseen one; top-k and top-p merge the sorted seen tokens
/// with the unigram ranking. One step costs O(successors of the shortest context), not O(V).
/// Pure sampling (T = 1, no filter, no penalty) goes faster still: it descends from the longest
/// context, taking that context's own discounted counts with probability Σ(a − D)/a and backing
/// off otherwise — the same distribution, as a mixture.
public struct TextGenerator: Sendable {
    public let model: NGramModel
    public let strategy: DecodingStrategy

    private var value: [Double]
    private var mark: [UInt32]
    private var stamp: UInt32 = 0
    private var touched: [TokenID] = []
    private var backoff = 1.0
    private var seenMark: [UInt32]
    private var seenStamp: UInt32 = 0
    private var seen: [TokenID] = []
    private var candidates: [Candidate] = []
    private var chosen: [Candidate] = []
    private var contextIndex: [Int]
    private let inverseTemperature: Double
    /// q_w = P₁(w)^(1/T), its alias table and Σ q (P₁ itself when T = 1).
    private let residualWeights: [Double]
    private let residualTable: AliasTable
    private let residualTotal: Double

    struct Candidate: Sendable {
        var token: TokenID
        var weight: Double
    }

    public init(model: NGramModel, strategy: DecodingStrategy) {
        self.model = model
        self.strategy = strategy
        let v = model.vocabularySize
        value = [Double](repeating: 0, count: v)
        mark = [UInt32](repeating: 0, count: v)
        seenMark = [UInt32](repeating: 0, count: v)
        contextIndex = [Int](repeating: 0, count: model.order)
        inverseTemperature = strategy.method == .sample ? 1 / strategy.temperature : 1
        if inverseTemperature == 1 {
            residualWeights = model.unigram
            residualTable = model.unigramTable
            residualTotal = model.unigram.reduce(0, +)
        } else {
            let q = model.unigram.map { Foundation.pow($0, 1 / strategy.temperature) }
            residualWeights = q
            residualTable = AliasTable(weights: q)
            residualTotal = q.reduce(0, +)
        }
    }

    /// Generates one document that continues `prompt` (the prompt is its first tokens; an empty
    /// prompt starts from `<s>` alone), up to the strategy's length cap.
    public mutating func generate<C: Collection, G: RandomNumberGenerator>(
        prompt: C, using generator: inout G
    ) -> GeneratedDocument where C.Element == TokenID {
        let promptTokens = Array(prompt.prefix(strategy.maxLength))
        if case .beam(let width) = strategy.method {
            return beamSearch(prompt: promptTokens, width: width)
        }
        var history: [TokenID] = [Vocabulary.documentStart]
        history.reserveCapacity(strategy.maxLength + 1)
        history.append(contentsOf: promptTokens)
        beginDocument(promptTokens)
        var ended = false
        let pure = strategy.isPureSampling
        while history.count - 1 < strategy.maxLength {
            let token: TokenID
            if pure {
                token = samplePurely(after: history, using: &generator)
            } else {
                computeDistribution(after: history)
                if strategy.repetitionPenalty != 1 { touchSeen() }
                weighCandidates()
                token = strategy.method == .greedy ? bestCandidate() : sampleCandidate(using: &generator)
            }
            if token == Vocabulary.documentEnd {
                ended = true
                break
            }
            history.append(token)
            noteSeen(token)
        }
        history.removeFirst()
        return GeneratedDocument(tokens: history, promptLength: promptTokens.count, ended: ended)
    }

    // MARK: Distribution

    /// Fills `value` for the tokens the history's contexts have seen (`touched`) and sets
    /// `backoff` = B, so that P(w) = value[w] for a touched w and B · P₁(w) otherwise.
    private mutating func computeDistribution<C: BidirectionalCollection>(after history: C) where C.Element == TokenID {
        nextStamp()
        touched.removeAll(keepingCapacity: true)
        backoff = 1
        let model = self.model
        model.forEachContext(after: history) { length, c in
            let level = model.levels[length]
            let f = level.backoff[c], inverse = level.inverseTotal[c]
            let range = Int(level.start[c])..<Int(level.start[c + 1])
            if length == 1 {
                for i in range {
                    let w = level.token[i]
                    value[Int(w)] = Double(level.kept[i]) * inverse + f * model.unigram[Int(w)]
                    mark[Int(w)] = stamp
                    touched.append(w)
                }
            } else {
                for w in touched { value[Int(w)] *= f }
                for i in range {
                    let w = level.token[i]
                    if mark[Int(w)] == stamp {
                        value[Int(w)] += Double(level.kept[i]) * inverse
                    } else {
                        value[Int(w)] = Double(level.kept[i]) * inverse + f * backoff * model.unigram[Int(w)]
                        mark[Int(w)] = stamp
                        touched.append(w)
                    }
                }
            }
            backoff *= f
        }
    }

    private mutating func nextStamp() {
        if stamp == UInt32.max {
            for i in mark.indices { mark[i] = 0 }
            stamp = 0
        }
        stamp += 1
    }

    private mutating func beginDocument(_ prompt: [TokenID]) {
        if seenStamp == UInt32.max {
            for i in seenMark.indices { seenMark[i] = 0 }
            seenStamp = 0
        }
        seenStamp += 1
        seen.removeAll(keepingCapacity: true)
        for token in prompt { noteSeen(token) }
    }

    private mutating func noteSeen(_ token: TokenID) {
        if seenMark[Int(token)] != seenStamp {
            seenMark[Int(token)] = seenStamp
            seen.append(token)
        }
    }

    /// Makes every penalised token explicit (its probability B · P₁ when no context saw it).
    private mutating func touchSeen() {
        for w in seen where mark[Int(w)] != stamp {
            value[Int(w)] = backoff * model.unigram[Int(w)]
            mark[Int(w)] = stamp
            touched.append(w)
        }
    }

    /// The explicit tokens' weights p^(θ/T) or p^(1/T) in `candidates`, their sum, and the rest's
    /// total weight B^(1/T) Σ q.
    private var explicitWeight = 0.0
    private var residualFactor = 0.0
    private var residualWeight = 0.0

    private mutating func weighCandidates() {
        candidates.removeAll(keepingCapacity: true)
        let penalty = strategy.repetitionPenalty
        var sum = 0.0
        for w in touched {
            let p = value[Int(w)]
            var exponent = inverseTemperature
            if penalty != 1, seenMark[Int(w)] == seenStamp { exponent *= penalty }
            let weight = exponent == 1 ? p : Foundation.pow(p, exponent)
            candidates.append(Candidate(token: w, weight: weight))
            sum += weight
        }
        explicitWeight = sum
        residualFactor = inverseTemperature == 1 ? backoff : Foundation.pow(backoff, inverseTemperature)
        let predictable = model.vocabularySize - 1
        if touched.count >= predictable {
            residualWeight = 0
        } else if 2 * touched.count > predictable {
            var rest = 0.0
            for w in 0..<model.vocabularySize where mark[w] != stamp && w != Int(Vocabulary.documentStart) {
                rest += residualWeights[w]
            }
            residualWeight = residualFactor * rest
        } else {
            var covered = 0.0
            for w in touched { covered += residualWeights[Int(w)] }
            residualWeight = residualFactor * max(residualTotal - covered, 0)
        }
    }

    /// The next token outside `touched` in the unigram ranking, from position `j` on.
    private func nextResidual(from j: inout Int) -> Candidate? {
        let ranking = model.unigramRanking
        while j < ranking.count {
            let w = ranking[j]
            j += 1
            if mark[Int(w)] != stamp { return Candidate(token: w, weight: residualFactor * residualWeights[Int(w)]) }
        }
        return nil
    }

    private func bestCandidate() -> TokenID {
        var best: Candidate? = nil
        for c in candidates where best == nil || c.weight > best!.weight || (c.weight == best!.weight && c.token < best!.token) {
            best = c
        }
        var j = 0
        if residualWeight > 0, let r = nextResidual(from: &j), best == nil || r.weight > best!.weight {
            return r.token
        }
        return best?.token ?? Vocabulary.documentEnd
    }

    private mutating func sampleCandidate<G: RandomNumberGenerator>(using generator: inout G) -> TokenID {
        if strategy.topK == 0 && strategy.topP == 1 {
            let total = explicitWeight + residualWeight
            var u = generator.nextUniform() * total
            if u < explicitWeight || residualWeight == 0 {
                for c in candidates {
                    u -= c.weight
                    if u < 0 { return c.token }
                }
                if let last = candidates.last(where: { $0.weight > 0 }) { return last.token }
            }
            return sampleResidual(using: &generator)
        }
        filterCandidates()
        var total = 0.0
        for c in chosen { total += c.weight }
        var u = generator.nextUniform() * total
        for c in chosen {
            u -= c.weight
            if u < 0 { return c.token }
        }
        return chosen.last!.token
    }

    /// A token outside `touched`, with probability ∝ q_w.
    private func sampleResidual<G: RandomNumberGenerator>(using generator: inout G) -> TokenID {
        for _ in 0..<64 {
            let w = residualTable.sample(using: &generator)
            if mark[w] != stamp { return TokenID(w) }
        }
        // The rest holds little of the unigram mass: an exact draw by one pass over it.
        var j = 0
        var u = generator.nextUniform() * (residualWeight / residualFactor)
        var last: TokenID = Vocabulary.documentEnd
        while let r = nextResidual(from: &j) {
            let q = r.weight / residualFactor
            u -= q
            last = r.token
            if u < 0 { return r.token }
        }
        return last
    }

    /// `chosen`: the top-k candidates, then the top-p nucleus of those, most probable first.
    private mutating func filterCandidates() {
        sortCandidates(keepingTop: strategy.topK)
        chosen.removeAll(keepingCapacity: true)
        let k = strategy.topK
        let p = strategy.topP
        var i = 0, j = 0
        var pending = residualWeight > 0 ? nextResidual(from: &j) : nil
        func next() -> Candidate? {
            let explicit = i < candidates.count ? candidates[i] : nil
            if let e = explicit, pending == nil || e.weight >= pending!.weight {
                i += 1
                return e
            }
            guard let r = pending else { return nil }
            pending = nextResidual(from: &j)
            return r
        }
        if k > 0 {
            while chosen.count < k, let c = next() { chosen.append(c) }
            if p < 1 {
                var total = 0.0
                for c in chosen { total += c.weight }
                var cumulative = 0.0
                var keep = 0
                for c in chosen {
                    cumulative += c.weight
                    keep += 1
                    if cumulative >= p * total { break }
                }
                chosen.removeLast(chosen.count - keep)
            }
        } else {
            let target = p * (explicitWeight + residualWeight)
            var cumulative = 0.0
            while let c = next() {
                chosen.append(c)
                cumulative += c.weight
                if cumulative >= target { break }
            }
        }
        if chosen.isEmpty { chosen.append(Candidate(token: Vocabulary.documentEnd, weight: 1)) }
    }

    /// Sorts `candidates` by decreasing weight (ties by token), keeping only the first `k` when
    /// k > 0: a bounded insertion for small k (O(n) for the common case of a candidate below the
    /// current k-th), a full sort otherwise.
    private mutating func sortCandidates(keepingTop k: Int) {
        @inline(__always) func before(_ a: Candidate, _ b: Candidate) -> Bool {
            a.weight != b.weight ? a.weight > b.weight : a.token < b.token
        }
        guard k > 0, k <= 64, candidates.count > k else {
            candidates.sort(by: before)
            if k > 0, candidates.count > k { candidates.removeLast(candidates.count - k) }
            return
        }
        chosen.removeAll(keepingCapacity: true)
        for c in candidates {
            if chosen.count == k, !before(c, chosen[k - 1]) { continue }
            var i = chosen.count
            if chosen.count == k { chosen.removeLast(); i -= 1 }
            chosen.append(c)
            while i > 0, before(c, chosen[i - 1]) {
                chosen[i] = chosen[i - 1]
                i -= 1
            }
            chosen[i] = c
        }
        swap(&candidates, &chosen)
    }

    // MARK: Pure sampling

    private mutating func samplePurely<C: BidirectionalCollection, G: RandomNumberGenerator>(
        after history: C, using generator: inout G
    ) -> TokenID where C.Element == TokenID {
        var found = 0
        model.forEachContext(after: history) { length, c in
            contextIndex[length] = c
            found = length
        }
        var length = found
        while length >= 1 {
            let level = model.levels[length]
            let c = contextIndex[length]
            let u = generator.nextUniform()
            if u < level.ownMass[c] {
                var target = u / level.inverseTotal[c]
                let range = Int(level.start[c])..<Int(level.start[c + 1])
                var last = level.token[range.lowerBound]
                for i in range where level.kept[i] > 0 {
                    target -= Double(level.kept[i])
                    last = level.token[i]
                    if target < 0 { return last }
                }
                return last
            }
            length -= 1
        }
        return TokenID(model.unigramTable.sample(using: &generator))
    }

    // MARK: Beam search

    private struct Hypothesis {
        var tokens: [TokenID]
        var logProbability: Double
    }

    private mutating func beamSearch(prompt: [TokenID], width: Int) -> GeneratedDocument {
        var beams = [Hypothesis(tokens: [Vocabulary.documentStart] + prompt, logProbability: 0)]
        var finished: [Hypothesis] = []
        var expansions: [(beam: Int, token: TokenID, logProbability: Double)] = []
        while !beams.isEmpty, finished.count < width, beams[0].tokens.count - 1 < strategy.maxLength {
            expansions.removeAll(keepingCapacity: true)
            for (b, beam) in beams.enumerated() {
                beginDocument(Array(beam.tokens.dropFirst()))
                computeDistribution(after: beam.tokens)
                if strategy.repetitionPenalty != 1 { touchSeen() }
                weighCandidates()
                let total = explicitWeight + residualWeight
                topCandidates(width)
                for c in chosen where c.weight > 0 {
                    expansions.append((b, c.token, beam.logProbability + Foundation.log(c.weight / total)))
                }
            }
            expansions.sort { $0.logProbability != $1.logProbability ? $0.logProbability > $1.logProbability : ($0.beam, $0.token) < ($1.beam, $1.token) }
            var next: [Hypothesis] = []
            for e in expansions {
                if next.count == width { break }
                var tokens = beams[e.beam].tokens
                if e.token == Vocabulary.documentEnd {
                    finished.append(Hypothesis(tokens: tokens, logProbability: e.logProbability))
                    if finished.count == width { break }
                } else {
                    tokens.append(e.token)
                    next.append(Hypothesis(tokens: tokens, logProbability: e.logProbability))
                }
            }
            beams = next
        }
        let alpha = strategy.lengthPenalty
        func score(_ h: Hypothesis, ended: Bool) -> Double {
            let length = Double(h.tokens.count - 1 - prompt.count + (ended ? 1 : 0))
            return length > 0 ? h.logProbability / Foundation.pow(length, alpha) : h.logProbability
        }
        var best: (Hypothesis, Bool)? = nil
        var bestScore = -Double.infinity
        for h in finished where best == nil || score(h, ended: true) > bestScore {
            best = (h, true)
            bestScore = score(h, ended: true)
        }
        if finished.count < width {
            // The length cap stopped the search: live hypotheses compete too (unended).
            for h in beams where best == nil || score(h, ended: false) > bestScore {
                best = (h, false)
                bestScore = score(h, ended: false)
            }
        }
        let (winner, ended) = best ?? (Hypothesis(tokens: [Vocabulary.documentStart] + prompt, logProbability: 0), false)
        return GeneratedDocument(tokens: Array(winner.tokens.dropFirst()), promptLength: prompt.count, ended: ended)
    }

    /// `chosen`: the `k` most probable candidates (explicit and residual merged).
    private mutating func topCandidates(_ k: Int) {
        sortCandidates(keepingTop: k)
        chosen.removeAll(keepingCapacity: true)
        var i = 0, j = 0
        var pending = residualWeight > 0 ? nextResidual(from: &j) : nil
        while chosen.count < k {
            let explicit = i < candidates.count ? candidates[i] : nil
            if let e = explicit, pending == nil || e.weight >= pending!.weight {
                chosen.append(e)
                i += 1
            } else if let r = pending {
                chosen.append(r)
                pending = nextResidual(from: &j)
            } else {
                break
            }
        }
    }
}
