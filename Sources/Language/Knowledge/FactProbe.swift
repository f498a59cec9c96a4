/// One question a knowledge probe asks: a fact in one format, as token ids.
///
/// The probe completes ``prompt`` greedily and compares the completion, up to the answer
/// terminator `.`, with ``answer``.
public struct FactProbe: Sendable, Equatable {
    /// The index of the fact in ``KnowledgeCorpus/facts``.
    public var fact: Int
    /// The index of the format in ``KnowledgeCorpus/formats``.
    public var format: Int
    public var prompt: [TokenID]
    /// The expected answer without its terminator (for `question-answer`: `a kind of` and the
    /// hypernym).
    public var answer: [TokenID]
    /// Whether the fact's hypernym is in the target domain (true for every fact when there is none).
    public var inTargetDomain: Bool

    public init(fact: Int, format: Int, prompt: [TokenID], answer: [TokenID], inTargetDomain: Bool) {
        self.fact = fact
        self.format = format
        self.prompt = prompt
        self.answer = answer
        self.inTargetDomain = inTargetDomain
    }
}
