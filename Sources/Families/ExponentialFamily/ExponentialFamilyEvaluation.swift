import ModelCollapse

/// The metrics of a fitted Bernoulli, Poisson or exponential model against the truth θ₀. See
/// ``ExponentialFamilyMetric``.
public struct ExponentialFamilyEvaluation: Evaluation {
    public var distribution: ExponentialFamilyDistribution
    public var truth: Double
    public var metrics: [ExponentialFamilyMetric]
    /// Exponential only: `absorbed` turns 1 when 1/λ < collapseThreshold/λ₀.
    public var collapseThreshold: Double

    public init(
        distribution: ExponentialFamilyDistribution, truth: Double, metrics: [ExponentialFamilyMetric],
        collapseThreshold: Double = 1e-3
    ) {
        self.distribution = distribution
        self.truth = truth
        self.metrics = metrics
        self.collapseThreshold = collapseThreshold
    }

    public var metricNames: [String] { metrics.map(\.rawValue) }

    public func evaluateTruth(into values: inout [Double]) {
        evaluate(ExponentialFamilyModel(parameter: truth), previous: [Double](repeating: 0, count: metrics.count), into: &values)
    }

    public func evaluate(_ model: ExponentialFamilyModel, previous: [Double], into values: inout [Double]) {
        let theta = model.parameter
        for (index, metric) in metrics.enumerated() {
            switch metric {
            case .parameter: values[index] = theta
            case .parameterError:
                let d = theta - truth
                values[index] = d * d
            case .kl: values[index] = distribution.kullbackLeibler(truth: truth, model: theta)
            case .absorbed: values[index] = previous[index] >= 1 || isAbsorbed(theta) ? 1 : 0
            }
        }
    }

    @inlinable
    func isAbsorbed(_ theta: Double) -> Bool {
        if distribution == .exponential {
            // The mean 1/λ below threshold × 1/λ₀, i.e. λ > λ₀/threshold (or a degenerate rate).
            return !(theta.isFinite && theta > 0) || theta * collapseThreshold > truth
        }
        return distribution.isDegenerate(theta)
    }
}
