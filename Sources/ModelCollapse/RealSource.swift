import Randomness

/// Where real data come from: a known distribution (fresh draws possible) or a finite data set.
public protocol RealSource: Sendable {
    associatedtype Batch: DataBatch

    /// Whether ``draw(_:using:)`` gives fresh independent draws (a distribution) rather than
    /// a subsample of a fixed pool (a data set).
    var canDrawFresh: Bool { get }

    /// The real training set of the first fit: `count` draws from a distribution, or the whole
    /// data set (count ignored) for a finite one.
    func initialSample<G: RandomNumberGenerator>(count: Int, using generator: inout G) -> Batch

    /// `count` real points for later generations: fresh draws, or a subsample without replacement
    /// of the data set.
    func draw<G: RandomNumberGenerator>(_ count: Int, using generator: inout G) -> Batch
}
