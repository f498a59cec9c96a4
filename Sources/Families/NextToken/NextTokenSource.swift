import ModelCollapse
import Randomness

/// Real next-token data from the true model: fresh draws, the budget split across contexts as the
/// learner splits it.
public struct NextTokenSource: RealSource {
    public typealias Batch = ContextTokenCounts
    public var truth: NextTokenModel
    public var visits: ContextVisits
    public var allocation: ContextAllocation
    public var sampling: DiscreteSampling

    public init(truth: NextTokenModel, visits: ContextVisits, allocation: ContextAllocation, sampling: DiscreteSampling = .multinomial) {
        self.truth = truth
        self.visits = visits
        self.allocation = allocation
        self.sampling = sampling
    }

    public var canDrawFresh: Bool { true }

    public func initialSample<G: RandomNumberGenerator>(count: Int, using generator: inout G) -> ContextTokenCounts {
        draw(count, using: &generator)
    }

    public func draw<G: RandomNumberGenerator>(_ count: Int, using generator: inout G) -> ContextTokenCounts {
        var batch = ContextTokenCounts()
        batch.draw(
            from: truth, count: count, visits: visits, allocation: allocation, pointwise: sampling == .points,
            using: &generator)
        batch.lineage = .real
        return batch
    }
}
