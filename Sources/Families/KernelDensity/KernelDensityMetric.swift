/// The metrics of the `kde` family, by their spec names.
public enum KernelDensityMetric: String, Sendable, CaseIterable {
    /// Var f̂ = the points' weighted variance + h² (exact).
    case variance
    /// (x̄ − μ*)², the squared error of the model's mean (exact).
    case meanError = "mean-error"
    /// W₁(model, truth), a Monte Carlo estimate: the exact W₁ between `w1-samples` fresh model draws
    /// and the truth (``MixtureWasserstein``), biased up by O(m^{−1/2}).
    case w1
    /// The model's mass outside the truth's central 99.7% interval [Q*(0.0015), Q*(0.9985)]
    /// (exact: a sum of normal CDFs).
    case tailMass = "tail-mass"
    /// −mean ln f̂(y) over a held-out real sample of `holdout` points drawn once per replicate; for
    /// the truth (generation 0), its differential entropy (the expected value for the truth itself).
    case nll
    /// h (0 for the truth, which is not a KDE).
    case bandwidth

    public static let defaults: [KernelDensityMetric] = [.variance, .meanError, .w1, .tailMass, .nll]
}
