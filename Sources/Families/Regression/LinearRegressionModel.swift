/// A fitted linear model ŷ = x·ŵ, with what the evaluation and the next generation need.
public struct LinearRegressionModel: Sendable {
    /// ŵ.
    public var weights: [Double]
    /// The weighted mean squared residual on the training set, Σᵢ wᵢ(yᵢ − xᵢ·ŵ)² / Σᵢ wᵢ.
    public var trainError: Double
    /// The real design for `design: fixed` (nil for fresh designs).
    public var fixedDesign: FixedDesign?
    /// Whether the fit was degenerate: least squares on a singular design (fewer independent points than
    /// dimensions) fell back to the minimum-norm solution.
    public var isRankDeficient: Bool

    public init(weights: [Double], trainError: Double, fixedDesign: FixedDesign? = nil, isRankDeficient: Bool = false) {
        self.weights = weights
        self.trainError = trainError
        self.fixedDesign = fixedDesign
        self.isRankDeficient = isRankDeficient
    }
}
