/// A fitted one-parameter exponential-family model: θ is p (Bernoulli), the mean λ (Poisson) or
/// the rate λ (exponential).
public struct ExponentialFamilyModel: Sendable, Equatable {
    public var parameter: Double

    public init(parameter: Double) { self.parameter = parameter }
}
