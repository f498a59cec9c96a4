/// The metrics of the discrete families (`categorical`, and per context for `next-token`), by
/// their spec names.
public enum CategoricalMetric: String, Sendable, CaseIterable {
    /// Total variation δ(truth, model) = ½ Σ|pᵢ − qᵢ|, in [0, 1].
    case tv
    /// KL(truth ‖ model) = Σ pᵢ ln(pᵢ/qᵢ) in nats; +∞ once the model lost a category the truth has
    /// (reported as such, and counted in summary.csv's non-finite count and the manifest).
    case kl
    /// The model's Shannon entropy −Σ qᵢ ln qᵢ, nats.
    case entropy
    /// The collision probability Σ qᵢ² (homozygosity; 1 − Σqᵢ² is the heterozygosity).
    case collision
    /// The number of categories with mass.
    case support
    /// The number of the truth's categories the model has lost (qᵢ = 0 < pᵢ).
    case supportLost = "support-lost"
    /// The model's mass on the truth's rarest categories that hold 10% of the truth's mass (the
    /// boundary category counted in proportion, so the truth's value is 0.1 exactly).
    case tailMass = "tail-mass"
    /// 1 when the model has a single category left (a Dirac mass), else 0.
    case collapsed
    /// The mean over the truth's categories of the generation at which each was lost, a category
    /// still present at generation t counting as t: the restricted mean loss time of survival
    /// analysis. With permanent losses (MLE, no real data) it is the area under the survival curve,
    /// Σ_{s<t} (fraction of the truth's categories alive at s), and tends to the mean loss time.
    case meanLossGeneration = "mean-loss-generation"
    /// ‖p⁽ᵗ⁾ − p⁽¹⁾‖₂², the squared distance to the first fit: Seddik et al. (2024)'s D_m. 0 at
    /// generations 0 and 1.
    case firstFitDistance = "first-fit-distance"

    /// The default metric list of a spec.
    public static let defaults: [CategoricalMetric] = allCases

    /// The share of the truth's mass the tail holds.
    public static let tailFraction = 0.1
}
