import Randomness

/// The training sets of strong model collapse (Dohmatob, Feng, Subramonian & Kempe, "Strong Model
/// Collapse", ICLR 2025): of n points, n₂ = round(p·n) carry labels from a different linear model
/// w₂ (the "synthetic" data) and the other n − n₂ from the truth's w₁ = w*, all with inputs
/// x ~ N(0, Σ) and noise σ. Every fit gets a fresh such set: no recursion, the synthetic fraction is
/// fixed. The paper's finding: for any p > 0 the test error stops improving as n grows, it plateaus
/// near p²‖w₂ − w₁‖² (isotropic OLS); only p = 0 keeps falling.
public struct MixedLabels: Sendable {
    public var truth: RegressionTruth
    /// w₂.
    public var syntheticWeights: [Double]
    /// p ∈ [0, 1].
    public var syntheticFraction: Double

    public init(truth: RegressionTruth, syntheticWeights: [Double], syntheticFraction: Double) {
        precondition(syntheticWeights.count == truth.dimension, "MixedLabels: w₂ has \(syntheticWeights.count) coordinates for d = \(truth.dimension)")
        precondition((0...1).contains(syntheticFraction), "MixedLabels: p must be in [0, 1]")
        self.truth = truth
        self.syntheticWeights = syntheticWeights
        self.syntheticFraction = syntheticFraction
    }

    /// n₂ = round(p·n).
    public func syntheticCount(of n: Int) -> Int { Int((syntheticFraction * Double(n)).rounded()) }

    /// c² = ‖w₂ − w₁‖².
    public var shiftSquared: Double {
        zip(syntheticWeights, truth.weights).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    }

    /// Replaces `batch` with a fresh mixed training set of n points: the real part, then the synthetic part.
    public func draw<Batch: LinearLabelBatch, G: RandomNumberGenerator>(
        count n: Int, into batch: inout Batch, using generator: inout G
    ) {
        let synthetic = syntheticCount(of: n)
        batch.drawLinear(
            weights: truth.weights, noise: truth.noise, design: .fresh(truth), count: n - synthetic,
            retainDesign: false, using: &generator)
        if synthetic > 0 {
            var part = Batch()
            part.drawLinear(
                weights: syntheticWeights, noise: truth.noise, design: .fresh(truth), count: synthetic,
                retainDesign: false, using: &generator)
            batch.append(part)
        }
    }
}
