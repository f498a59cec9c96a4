import ModelCollapse

/// The real documents of a knowledge experiment as a finite data set: the first fit sees all of
/// them; later real parts (`real: {fresh: C}`, `{fraction: P}`) are uniform subsamples of them
/// without replacement.
public struct KnowledgeSource: RealSource {
    public let documents: DocumentBatch

    public init(documents: DocumentBatch) {
        self.documents = documents
    }

    public var canDrawFresh: Bool { false }

    public func initialSample<G: RandomNumberGenerator>(count: Int, using generator: inout G) -> DocumentBatch {
        documents
    }

    public func draw<G: RandomNumberGenerator>(_ count: Int, using generator: inout G) -> DocumentBatch {
        documents.subsample(count, using: &generator)
    }
}
