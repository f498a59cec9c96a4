import Statistics

/// The across-replicate summary of one metric at one generation: a row of summary.csv.
public struct MetricSummary: Sendable, Equatable {
    public var generation: Int
    public var metric: String
    /// Replicates that contributed.
    public var count: Int
    public var mean: Double
    /// Standard deviation across replicates (n − 1).
    public var standardDeviation: Double
    /// Standard error of the mean, sd/√R.
    public var standardError: Double
    public var q05: Double
    public var q50: Double
    public var q95: Double
    /// Replicates whose value was ±∞ or NaN.
    public var nonFiniteCount: Int
    /// The closed-form prediction of the mean, where the literature has one.
    public var theory: Double?

    public init(
        generation: Int, metric: String, count: Int, mean: Double, standardDeviation: Double,
        standardError: Double, q05: Double, q50: Double, q95: Double, nonFiniteCount: Int = 0,
        theory: Double? = nil
    ) {
        self.generation = generation
        self.metric = metric
        self.count = count
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.standardError = standardError
        self.q05 = q05
        self.q50 = q50
        self.q95 = q95
        self.nonFiniteCount = nonFiniteCount
        self.theory = theory
    }
}

/// Streaming aggregation of one (generation, metric) cell: Welford moments and a bounded-memory
/// quantile sketch. Values arrive in replicate order, so the result does not depend on threads.
public struct CellAccumulator: Sendable, Equatable, Codable {
    public var moments = RunningMoments()
    public var sketch = QuantileSketch()

    public init() {}

    @inlinable
    public mutating func add(_ value: Double) {
        moments.add(value)
        sketch.add(value)
    }

    /// A cell with ±∞ among its values (and no NaN) has sd = se = +∞: its spread is not finite,
    /// and summary.csv announces that with the `inf` token rather than a NaN.
    public func summary(generation: Int, metric: String) -> MetricSummary {
        let q = sketch.quantiles([0.05, 0.5, 0.95])
        let infinite = moments.nanCount == 0 && moments.nonFiniteCount > 0
        return MetricSummary(
            generation: generation, metric: metric, count: moments.count, mean: moments.mean,
            standardDeviation: infinite ? .infinity : moments.count > 1 ? moments.standardDeviation : 0,
            standardError: infinite ? .infinity : moments.count > 1 ? moments.standardError : 0,
            q05: q[0], q50: q[1], q95: q[2], nonFiniteCount: moments.nonFiniteCount)
    }
}
