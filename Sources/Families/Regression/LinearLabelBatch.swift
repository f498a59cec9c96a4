import LinearAlgebra
import ModelCollapse
import Randomness

/// A batch that can hold points labelled by a linear model, y = x·w + σε: what the regression
/// families' sources draw and what the linear-regression learner samples.
public protocol LinearLabelBatch: DataBatch {
    /// The real design this batch carries for `design: fixed` (set on the first real sample, kept by
    /// appends and subsamples, copied into synthetic batches).
    var fixedDesign: FixedDesign? { get }

    /// Replaces the batch with `count` points: x from `design`, y = x·w + σε.
    /// With `retainDesign`, the batch keeps its own inputs as ``fixedDesign``.
    mutating func drawLinear<G: RandomNumberGenerator>(
        weights: [Double], noise: Double, design: DesignDraw, count: Int, retainDesign: Bool,
        using generator: inout G)
}

/// y = Xw + σε for the rows of X (row-major n × d) into `labels`.
@usableFromInline
func linearLabels<G: RandomNumberGenerator>(
    features: Matrix, weights: [Double], noise: Double, into labels: inout [Double], using generator: inout G
) {
    labels = features.multiply(weights)
    if noise > 0 {
        var epsilon = [Double](repeating: 0, count: labels.count)
        Normal().fill(&epsilon, using: &generator)
        for i in 0..<labels.count { labels[i] += noise * epsilon[i] }
    }
}
