/// One cell of a run's summary: a metric of one of the reproduction's runs at one generation.
public struct MetricReference: Sendable, Equatable, CustomStringConvertible {
    /// The run's name within its reproduction (`ReproductionRun.name`).
    public var run: String
    public var metric: String
    public var generation: GenerationReference

    public init(_ run: String, _ metric: String, at generation: GenerationReference = .last) {
        self.run = run
        self.metric = metric
        self.generation = generation
    }

    public var description: String { "\(run): \(metric) at \(generation)" }
}
