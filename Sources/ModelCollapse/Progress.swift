/// Receives progress of a run; called from worker threads.
public protocol ProgressObserver: Sendable {
    /// `completed` of `total` replicates are done.
    func replicatesCompleted(_ completed: Int, of total: Int)
}

/// Receives replicate-level values in replicate order (for trajectories.csv).
public protocol TrajectorySink {
    /// Values of replicate `replicate` after fit `generation`, in metric order.
    mutating func record(replicate: Int, generation: Int, values: UnsafeBufferPointer<Double>)
}
