/// One question a knowledge probe asks: a fact in one format, as token ids.
///
/// The probe completes ``prompt`` greedily and compares the completion, up to the answer
/// terminator `.`, with ``answer``.
public struct FactProbe: Sendable, Equatable {
    /// The index of the fact in ``KnowledgeCorpus/facts``.
    public var fact: Int
    public var format: FactFormat
    /// Whether the format is one the model trains on (``KnowledgeCorpus/formats``); probes of
    /// the other formats measure whether facts learnt in one format answer another.
    public var trained: Bool
    public var prompt: [TokenID]
    /// The expected answer without its terminator (for `question-answer`: `a kind of` and the
    /// hypernym).
    public var answer: [TokenID]
    /// Whether the fact's hypernym is in the target domain (true for every fact when there is none).
    public var inTargetDomain: Bool

    public init(fact: Int, format: FactFormat, trained: Bool, prompt: [TokenID], answer: [TokenID], inTargetDomain: Bool) {
        self.fact = fact
        self.format = format
        self.trained = trained
        self.prompt = prompt
        self.answer = answer
        self.inTargetDomain = inTargetDomain
    }
}
