/// How a run is driven, apart from what it computes: threads, progress, replicate-level output,
/// stopping, and checkpoints to resume from. None of it changes the results.
public struct RunControl {
    /// Worker threads (≥ 1).
    public var threads: Int
    public var progress: (any ProgressObserver)?
    /// Receives replicate-level values (trajectories.csv), when asked.
    public var trajectories: (any TrajectorySink)?
    /// Polled at generation boundaries; true stops the run.
    public var shouldStop: @Sendable () -> Bool
    /// A state to continue from.
    public var resume: SimulationCheckpoint?
    /// Receives the state after every completed wave of replicates.
    public var onCheckpoint: ((SimulationCheckpoint) -> Void)?

    public init(
        threads: Int = 1, progress: (any ProgressObserver)? = nil,
        trajectories: (any TrajectorySink)? = nil,
        shouldStop: @escaping @Sendable () -> Bool = { false },
        resume: SimulationCheckpoint? = nil,
        onCheckpoint: ((SimulationCheckpoint) -> Void)? = nil
    ) {
        self.threads = threads
        self.progress = progress
        self.trajectories = trajectories
        self.shouldStop = shouldStop
        self.resume = resume
        self.onCheckpoint = onCheckpoint
    }

    /// Builds the replicate chain of a family and runs it: the one generic entry point a family's
    /// spec adapter calls with its concrete types, so the whole loop specialises.
    @inlinable
    public func simulate<S: RealSource, L: Learner, E: Evaluation>(
        source: S, learner: L, evaluation: E, plan: SimulationPlan
    ) -> SimulationResult where S.Batch == L.Batch, E.Model == L.Model {
        var plan = plan
        plan.threads = max(1, threads)
        let chain = ReplicateChain(source: source, learner: learner, evaluation: evaluation, plan: plan)
        return Simulation(chain: chain).run(
            progress: progress, trajectories: trajectories, shouldStop: shouldStop,
            resumeFrom: resume, onCheckpoint: onCheckpoint)
    }
}
