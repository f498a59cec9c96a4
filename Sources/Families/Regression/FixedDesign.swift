import LinearAlgebra

/// The real design X that `design: fixed` reuses for every synthetic batch (Gerstgrasser et al. 2024,
/// "Is Model Collapse Inevitable?": synthetic labels ŷ = Xŵ + ε on the original inputs).
///
/// The sample path keeps X itself; the sufficient-statistics path keeps G = XᵀX and its Cholesky
/// factor L, which is all that the exact draw of a batch's statistics needs (Xᵀε = σLz, z ~ N(0, I)).
public struct FixedDesign: Sendable {
    /// X (n × d); nil on the statistics path.
    public var points: Matrix?
    /// G = XᵀX.
    public var gram: Matrix
    /// L with G = LLᵀ, lower triangular; nil on the sample path.
    public var lower: Matrix?
    /// n, the rows of X.
    public var count: Int

    public init(points: Matrix?, gram: Matrix, lower: Matrix?, count: Int) {
        self.points = points
        self.gram = gram
        self.lower = lower
        self.count = count
    }
}

/// Where the inputs x of a batch come from.
public enum DesignDraw: Sendable {
    /// Fresh rows x ~ N(0, Σ) of the truth.
    case fresh(RegressionTruth)
    /// The rows of the fixed real design.
    case fixed(FixedDesign)
}

/// Whether synthetic batches reuse the real inputs or draw new ones (spec key `design`).
public enum DesignMode: String, Sendable, CaseIterable {
    /// New inputs x ~ N(0, Σ) for every synthetic batch.
    case fresh
    /// The real sample's inputs for every synthetic batch (the design of Gerstgrasser et al. 2024).
    case fixed
}
