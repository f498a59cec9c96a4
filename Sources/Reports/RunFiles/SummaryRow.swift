/// One row of `summary.csv`: a metric at one generation, aggregated over the replicates.
///
/// Generation 0 describes the truth (or the real data set); generation t ≥ 1 is the t-th fitted
/// model. `q05`, `q50`, `q95` are quantiles across replicates; `se` is the standard error of `mean`.
/// `theory` is nil where no closed form applies. Non-finite values (`inf`, `nan`) are kept as they are.
public struct SummaryRow: Sendable, Equatable, Codable {
    public var generation: Int
    public var metric: String
    public var mean: Double
    public var sd: Double
    public var se: Double
    public var q05: Double
    public var q50: Double
    public var q95: Double
    public var theory: Double?

    public init(
        generation: Int, metric: String, mean: Double, sd: Double, se: Double,
        q05: Double, q50: Double, q95: Double, theory: Double? = nil
    ) {
        self.generation = generation; self.metric = metric; self.mean = mean; self.sd = sd; self.se = se
        self.q05 = q05; self.q50 = q50; self.q95 = q95; self.theory = theory
    }

    /// z = (mean − theory) / se: how many standard errors the simulation is from the closed form.
    ///
    /// nil without theory or when mean or theory is not finite. With se = 0 (all replicates equal)
    /// the z-score is 0 when mean equals theory and ±∞ otherwise.
    public var theoryZScore: Double? {
        guard let theory, theory.isFinite, mean.isFinite else { return nil }
        let difference = mean - theory
        if se > 0, se.isFinite { return difference / se }
        if difference == 0 { return 0 }
        return se.isNaN ? nil : (difference > 0 ? .infinity : -.infinity)
    }
}
