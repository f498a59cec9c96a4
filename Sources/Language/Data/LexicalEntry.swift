/// One noun of a lexical table: a lemma, its hypernym (what it is a kind of), a definition and
/// example sentences. A (lemma, hypernym) pair is a fact: "a kill is a kind of destruction".
public struct LexicalEntry: Sendable, Equatable, Hashable {
    public var lemma: String
    public var hypernym: String
    /// The definition; empty when the table gives none.
    public var definition: String
    public var examples: [String]

    public init(lemma: String, hypernym: String, definition: String = "", examples: [String] = []) {
        self.lemma = lemma
        self.hypernym = hypernym
        self.definition = definition
        self.examples = examples
    }
}
