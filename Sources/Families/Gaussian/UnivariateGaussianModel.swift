/// A fitted 1-D Gaussian N(mean, variance).
public struct UnivariateGaussianModel: Sendable, Equatable {
    public var mean: Double
    public var variance: Double

    public init(mean: Double, variance: Double) {
        self.mean = mean
        self.variance = variance
    }

    public var standardDeviation: Double { variance.squareRoot() }
}
