/// The metrics of the regression families, by their spec names.
public enum RegressionMetric: String, Sendable, CaseIterable {
    /// E(y − ŷ)² on fresh real data: σ² + ‖ŵ − w*‖²_Σ, exact for linear predictors; a fixed real test
    /// sample for ReLU random features.
    case testError = "test-error"
    /// ‖ŵ − w*‖²_Σ, the test error above the noise floor σ² (for isotropic Σ, ‖ŵ − w*‖², the "test
    /// error" of Gerstgrasser et al. and Dohmatob et al.). Defined for linear predictors.
    case excessRisk = "excess-risk"
    /// ‖ŵ − w*‖², the Euclidean error of the weights. Defined for linear predictors.
    case parameterError = "parameter-error"
    /// ‖ŵ‖ (random features: ‖â‖ of the feature coefficients).
    case weightNorm = "weight-norm"
    /// The weighted mean squared residual on the training set.
    case trainError = "train-error"
    /// 1 for a degenerate fit: least squares on a singular design, solved by the minimum-norm solution.
    case rankDeficient = "rank-deficient"

    public static let defaults: [RegressionMetric] = [.testError, .excessRisk, .parameterError, .weightNorm, .trainError]
}
