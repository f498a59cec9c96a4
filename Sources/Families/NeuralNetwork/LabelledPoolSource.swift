import ModelCollapse
import Randomness

/// The real data of the neural-network families: the training pool of a ``DataSplit``, a finite
/// data set (no fresh draws), with its real labels.
///
/// - The first training set is a uniform subsample of n(0) pool rows (the whole pool when
///   n(0) ≥ its size) or, for semi-supervised learning, `perClass` rows of each class.
/// - Later real parts (`real: {fresh: C}`, `{fraction: P}`) are uniform subsamples without
///   replacement of the pool (all of it when more are asked for).
///
/// The test rows are not in the pool, so no real part can hold one.
public struct LabelledPoolSource<Batch: LabelledExampleBatch>: RealSource {
    public enum FirstSample: Sendable, Equatable {
        /// n(0) uniform rows.
        case uniform
        /// This many rows of each class (n(0) is ignored).
        case perClass(Int)
    }

    public var data: LabelledDataSet
    public var pool: [Int32]
    public var firstSample: FirstSample

    public init(data: LabelledDataSet, pool: [Int32], firstSample: FirstSample = .uniform) {
        self.data = data
        self.pool = pool
        self.firstSample = firstSample
    }

    public var canDrawFresh: Bool { false }

    public func initialSample<G: RandomNumberGenerator>(count: Int, using generator: inout G) -> Batch {
        let rows: [Int32]
        switch firstSample {
        case .uniform:
            rows = DataSplit.subsample(pool, count: count, using: &generator)
        case .perClass(let k):
            rows = DataSplit.stratified(pool, labels: data.labels, classCount: data.classCount, perClass: k, using: &generator)
        }
        return Batch(examples: LabelledExamples(realRows: rows, of: data))
    }

    public func draw<G: RandomNumberGenerator>(_ count: Int, using generator: inout G) -> Batch {
        Batch(examples: LabelledExamples(realRows: DataSplit.subsample(pool, count: count, using: &generator), of: data))
    }
}
