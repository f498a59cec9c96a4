/// A fitted random-features model ŷ = φ(x)·â.
public struct RandomFeaturesModel: Sendable {
    /// â, one coefficient per feature.
    public var coefficients: [Double]
    /// The weighted mean squared residual on the training set.
    public var trainError: Double
    /// The real design for `design: fixed`.
    public var fixedDesign: FixedDesign?
    /// Least squares on singular features (m > n, or collinear features), solved by minimum norm.
    public var isRankDeficient: Bool

    public init(coefficients: [Double], trainError: Double, fixedDesign: FixedDesign? = nil, isRankDeficient: Bool = false) {
        self.coefficients = coefficients
        self.trainError = trainError
        self.fixedDesign = fixedDesign
        self.isRankDeficient = isRankDeficient
    }
}
