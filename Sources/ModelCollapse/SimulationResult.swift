/// What a run of a ``Simulation`` produces: one summary per (generation, metric).
public struct SimulationResult: Sendable {
    public var metricNames: [String]
    /// rows[t][m]: the summary of metric m at generation t (t = 0 is the truth).
    public var rows: [[MetricSummary]]
    /// Replicates completed (fewer than planned when stopped).
    public var completedReplicates: Int
    /// Whether the run was stopped before every replicate finished.
    public var stopped: Bool

    public init(metricNames: [String], rows: [[MetricSummary]], completedReplicates: Int, stopped: Bool) {
        self.metricNames = metricNames
        self.rows = rows
        self.completedReplicates = completedReplicates
        self.stopped = stopped
    }
}
