/// The shape of a run: generations, replicates, seed, schedule, regime and update rule.
public struct SimulationPlan: Sendable, Equatable {
    /// T: the number of fits; the first is on real data.
    public var generations: Int
    /// R: independent replicates of the whole chain.
    public var replicates: Int
    /// The master seed; replicate r uses the stream (seed, streamPrefix + [r]).
    public var seed: UInt64
    /// Leading indices of every replicate's stream path (a sweep point's index, for example).
    public var streamPrefix: [UInt64]
    public var schedule: SampleSchedule
    public var regime: Regime
    public var update: UpdateRule
    /// Worker threads (≥ 1). Results do not depend on it.
    public var threads: Int

    public init(
        generations: Int, replicates: Int, seed: UInt64, streamPrefix: [UInt64] = [],
        schedule: SampleSchedule, regime: Regime = .replace, update: UpdateRule = .refit,
        threads: Int = 1
    ) {
        self.generations = generations
        self.replicates = replicates
        self.seed = seed
        self.streamPrefix = streamPrefix
        self.schedule = schedule
        self.regime = regime
        self.update = update
        self.threads = threads
    }
}
