/// How a fact (lemma, hypernym) is written as text: a prompt that a probe asks the model to
/// complete, and the answer that completes it.
///
/// Keisha et al. (2025), "Knowledge Collapse in LLMs: When Fluency Survives but Facts Fail under
/// Recursive Synthetic Training", find that when facts collapse depends on the instruction
/// format. The formats here differ in how far the answer sits from the lemma it depends on —
/// 5 tokens in the declarative sentence, 7 in the question–answer pair — which is what an n-gram
/// model of order N can or cannot see (it needs N ≥ 6 and N ≥ 8 respectively) and what sampling
/// noise has to get through.
///
/// | format | prompt | answer |
/// | --- | --- | --- |
/// | `declarative` | `a kill is a kind of` | `destruction .` |
/// | `question-answer` | `q: what is a kill? a:` | `a kind of destruction .` |
///
/// The article is `an` before a lemma that starts with a vowel letter, `a` otherwise.
public enum FactFormat: String, Sendable, CaseIterable, Hashable {
    case declarative
    case questionAnswer = "question-answer"

    /// The token that ends every answer.
    public static let terminator = "."

    /// The prompt text of the fact about `lemma`.
    public func prompt(lemma: String) -> String {
        let article = Self.article(lemma)
        switch self {
        case .declarative: return "\(article) \(lemma) is a kind of"
        case .questionAnswer: return "q: what is \(article) \(lemma)? a:"
        }
    }

    /// The answer text: what follows the prompt, terminator included.
    public func answer(hypernym: String) -> String {
        switch self {
        case .declarative: return "\(hypernym) \(Self.terminator)"
        case .questionAnswer: return "a kind of \(hypernym) \(Self.terminator)"
        }
    }

    /// The whole fact as one document: prompt and answer.
    public func document(lemma: String, hypernym: String) -> String {
        prompt(lemma: lemma) + " " + answer(hypernym: hypernym)
    }

    static func article(_ word: String) -> String {
        guard let first = word.lowercased().first else { return "a" }
        return "aeiou".contains(first) ? "an" : "a"
    }
}
