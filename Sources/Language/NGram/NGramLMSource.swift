import ModelCollapse
import Randomness

/// The real documents of the `ngram-lm` family: a finite pool (the corpus's training part).
///
/// The first fit trains on n(0) documents drawn from the pool without replacement (the whole pool
/// when n(0) is at least its size), so replicates start from different real samples; later real
/// draws (`real: {fresh: …}` or `{fraction: …}`) are subsamples of the pool too.
public struct NGramLMSource: RealSource {
    public let pool: DocumentBatch

    public init(pool: DocumentBatch) { self.pool = pool }

    public var canDrawFresh: Bool { false }

    public func initialSample<G: RandomNumberGenerator>(count: Int, using generator: inout G) -> DocumentBatch {
        pool.subsample(count, using: &generator)
    }

    public func draw<G: RandomNumberGenerator>(_ count: Int, using generator: inout G) -> DocumentBatch {
        pool.subsample(count, using: &generator)
    }
}
