/// The metrics of the Gaussian family, by their spec names.
public enum GaussianMetric: String, Sendable, CaseIterable {
    /// The fitted mean (d > 1: the average of the mean vector's coordinates).
    case mean
    /// σ² (d > 1: tr Σ).
    case variance
    /// ln σ² (d > 1: ln det Σ); −∞ once the variance is 0.
    case logVariance = "log-variance"
    /// σ (d > 1: √(tr Σ / d), the root mean variance).
    case std
    /// ‖μ_t − μ*‖², the squared distance of the mean from the truth's.
    case meanError = "mean-error"
    /// W₂²(model, truth); 1-D: (μ_t − μ*)² + (σ_t − σ*)².
    case w2Squared = "w2-squared"
    /// KL(truth ‖ model) in nats; +∞ once the model is degenerate.
    case kl
    /// The model's mass outside the truth's central 99.7% interval μ* ± 2.9677σ*
    /// (d > 1: the average over coordinates of the marginal masses).
    case tailMass = "tail-mass"
    /// 1 from the generation at which the variance (d > 1: the smallest eigenvalue of Σ) fell below
    /// `collapse-threshold` times the truth's, 0 before.
    case collapsed

    /// The default metric list of a spec.
    public static let defaults: [GaussianMetric] = [.variance, .logVariance, .std, .mean, .meanError, .w2Squared, .kl, .tailMass, .collapsed]

    /// z with Φ(z) = 0.9985: the truth's central 99.7% interval is μ* ± z·σ*.
    public static let tailQuantile = 2.9677379253417944
}
