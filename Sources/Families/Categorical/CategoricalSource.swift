import ModelCollapse
import Randomness

/// Real categorical data: draws from a known distribution, or a finite data set of counts.
///
/// A distribution draws n points as a multinomial vector (or point by point, on the sample path).
/// A data set is the real sample itself: the first fit sees all of it, and later real draws
/// (`real: {fresh: C}` or `{fraction: P}`) are subsamples without replacement of it — a
/// multivariate hypergeometric draw of its counts, all of it when more are asked for.
public struct CategoricalSource: RealSource {
    public typealias Batch = CategoryCounts

    /// Where the real data come from.
    public enum Kind: Sendable, Equatable {
        /// Fresh draws from the truth.
        case distribution
        /// The finite data set with these counts (the truth is their proportions).
        case dataSet([Int])
    }

    public var truth: CategoricalModel
    public var kind: Kind
    public var sampling: DiscreteSampling

    public init(truth: CategoricalModel, kind: Kind = .distribution, sampling: DiscreteSampling = .multinomial) {
        self.truth = truth
        self.kind = kind
        self.sampling = sampling
    }

    public var canDrawFresh: Bool { kind == .distribution }

    public func initialSample<G: RandomNumberGenerator>(count: Int, using generator: inout G) -> CategoryCounts {
        switch kind {
        case .distribution: return draw(count, using: &generator)
        case .dataSet(let counts): return CategoryCounts(counts: counts)
        }
    }

    public func draw<G: RandomNumberGenerator>(_ count: Int, using generator: inout G) -> CategoryCounts {
        switch kind {
        case .distribution:
            var batch = CategoryCounts()
            batch.draw(from: truth, count: count, pointwise: sampling == .points, using: &generator)
            batch.lineage = .real
            return batch
        case .dataSet(let counts):
            return CategoryCounts(counts: counts).subsample(count, using: &generator)
        }
    }
}
