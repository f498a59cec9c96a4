/// The state of a run after its first `completedReplicates` replicates: every cell's accumulator.
///
/// Replicates are independent and each owns the stream (seed, r), and cells aggregate in replicate
/// order, so a run resumed from this state produces the same summary, bit for bit, as one that
/// never stopped: nothing per replicate (models, generator states) needs saving. The price is that
/// an interruption loses the replicates of the wave that was running.
public struct SimulationCheckpoint: Sendable, Equatable, Codable {
    public var completedReplicates: Int
    /// Accumulators in cell order: generation-major, metric-minor, generations 1…T.
    public var accumulators: [CellAccumulator]

    public init(completedReplicates: Int, accumulators: [CellAccumulator]) {
        self.completedReplicates = completedReplicates
        self.accumulators = accumulators
    }
}
