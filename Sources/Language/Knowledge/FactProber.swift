import Randomness

/// Asks a model every probe: completes each prompt greedily and reads the answer.
///
/// The answer is the completion up to the terminator `.` (or up to `</s>`). It is correct when it
/// equals the fact's answer and it ended — with `.` or `</s>` — within the length cap
/// (prompt + the longest answer + 2 tokens). Its probability is the product of the model's
/// probabilities of the completion's tokens through the terminator (through `</s>` when the
/// completion ended without one): how sure the model is of what it says.
public struct FactProber: Sendable {
    /// What a model answered to one probe.
    public struct Outcome: Sendable, Equatable {
        public var correct: Bool
        /// The probability of the answer given, in [0, 1].
        public var probability: Double
        /// The answer's tokens (without the terminator).
        public var answer: [TokenID]
    }

    public let probes: [FactProbe]
    public let terminator: TokenID
    /// The longest prompt plus the longest answer plus 2.
    public let lengthCap: Int

    public init(probes: [FactProbe], terminator: TokenID) {
        self.probes = probes
        self.terminator = terminator
        let longestPrompt = probes.map(\.prompt.count).max() ?? 0
        let longestAnswer = probes.map(\.answer.count).max() ?? 0
        lengthCap = longestPrompt + longestAnswer + 2
    }

    /// The outcome of every probe, in probe order.
    public func answers(of model: NGramModel) -> [Outcome] {
        var generator = TextGenerator(model: model, strategy: .greedy(maxLength: lengthCap))
        var noRandomness = SplitMix64(seed: 0)  // greedy decoding draws nothing
        var history: [TokenID] = []
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(probes.count)
        for probe in probes {
            let document = generator.generate(prompt: probe.prompt, using: &noRandomness)
            let completion = document.tokens[document.promptLength...]
            history.removeAll(keepingCapacity: true)
            history.append(Vocabulary.documentStart)
            history.append(contentsOf: probe.prompt)
            var probability = 1.0
            var answer: [TokenID] = []
            var terminated = false
            for token in completion {
                probability *= model.probability(of: token, after: history)
                if token == terminator {
                    terminated = true
                    break
                }
                answer.append(token)
                history.append(token)
            }
            if !terminated, document.ended {
                probability *= model.probability(of: Vocabulary.documentEnd, after: history)
                terminated = true
            }
            outcomes.append(Outcome(correct: terminated && answer == probe.answer, probability: probability, answer: answer))
        }
        return outcomes
    }
}
