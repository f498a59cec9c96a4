@testable import Language

/// Small real corpora for the tests: the bundled WordNet text, split deterministically into a
/// training part and a held-out part (every tenth document), tokenised at word level.
enum TestCorpus {
    struct Split {
        var vocabulary: Vocabulary
        var training: DocumentBatch
        var heldOut: DocumentBatch
    }

    /// The first `documents` documents of the bundled corpus (definitions and examples).
    static func split(documents: Int, minimumCount: Int = 2) -> Split {
        let texts = Array(LexicalTable.documents(LexicalTable.bundled()).prefix(documents))
        let tokenizer = Tokenizer()
        let tokenized = texts.map { tokenizer.tokenize($0) }
        var trainingTexts: [[String]] = [], heldOutTexts: [[String]] = []
        for (i, tokens) in tokenized.enumerated() {
            if i % 10 == 9 { heldOutTexts.append(tokens) } else { trainingTexts.append(tokens) }
        }
        let vocabulary = Vocabulary(documents: trainingTexts, minimumCount: minimumCount)
        return Split(
            vocabulary: vocabulary,
            training: DocumentBatch(documents: trainingTexts.map { vocabulary.encode($0) }),
            heldOut: DocumentBatch(documents: heldOutTexts.map { vocabulary.encode($0) }))
    }
}
