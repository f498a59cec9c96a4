/// The metrics of the `gmm` family, by their spec names.
public enum GaussianMixtureMetric: String, Sendable, CaseIterable {
    /// The mean over the model's components of tr Σⱼ (σⱼ² in 1-D), unweighted.
    case componentVariance = "component-variance"
    /// ∫(f − g)², the integrated squared error between the model f and the truth g (the squared L²
    /// distance), in closed form from Gaussian product integrals.
    case mixtureL2 = "mixture-l2"
    /// W₁(model, truth) in 1-D; d > 1: the average over coordinates of the marginal W₁. A Monte
    /// Carlo estimate from `w1-samples` fresh model draws against the exact truth CDF.
    case w1
    /// KL(truth ‖ model), the Monte Carlo estimate (1/m)Σ[ln g(yₖ) − ln f(yₖ)] over `kl-samples`
    /// truth points drawn once per replicate (unbiased; may be slightly negative near 0).
    case kl
    /// The standard error of that estimate, sd/√m of the log-ratios: the Monte Carlo error of one
    /// replicate's `kl`.
    case klSE = "kl-se"
    /// Components that collapsed in this generation's EM fit (dropped: no responsibility mass, or a
    /// covariance singular to within the floor); 0 to K.
    case collapsedComponents = "collapsed-components"
    /// The smallest mixture weight minⱼ πⱼ of the model.
    case minWeight = "min-weight"
    /// EM iterations (M-steps) of this generation's fit.
    case iterations

    public static let defaults: [GaussianMixtureMetric] = [.componentVariance, .mixtureL2, .w1, .kl, .klSE, .collapsedComponents]
}
