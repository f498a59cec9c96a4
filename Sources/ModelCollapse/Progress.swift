/// Receives progress of a run; called from worker threads.
public protocol ProgressObserver: Sendable {
    /// `completed` of `total` replicates are done.
    func replicatesCompleted(_ completed: Int, of total: Int)
}

/// Receives replicate-level values in replicate order (for trajectories.csv). A class, so the
/// simulation can hold it as an existential without making the replicate loop generic over it.
public protocol TrajectorySink: AnyObject {
    /// Values of replicate `replicate` after fit `generation`, in metric order.
    func record(replicate: Int, generation: Int, values: UnsafeBufferPointer<Double>)
}
