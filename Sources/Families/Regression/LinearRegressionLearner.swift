import LinearAlgebra
import ModelCollapse
import Randomness

/// Least squares or ridge regression on a weighted training set, and synthetic labels from the fit.
///
/// Fit: ŵ = argmin Σᵢ wᵢ(yᵢ − xᵢ·w)² + λ‖w‖² = (XᵀWX + λI)⁻¹XᵀWy from the parts' summed sufficient
/// statistics (Hoerl & Kennard 1970 for ridge). With λ = 0 and a singular XᵀWX (fewer points than
/// dimensions, or collinear inputs), the minimum-norm least-squares solution (XᵀWX)⁺XᵀWy — the limit
/// λ → 0 — and the model is marked rank-deficient.
///
/// Sample: inputs fresh from the truth's N(0, Σ) or the fixed real design, labels y = x·ŵ + σ_s ε: the
/// recursion of Gerstgrasser et al. (2024) and Dohmatob, Feng & Kempe (2024), "Model collapse demystified".
public struct LinearRegressionLearner<Batch: RegressionBatch>: Learner {
    /// The real distribution of the inputs (for fresh designs).
    public var truth: RegressionTruth
    /// λ ≥ 0.
    public var ridge: Double
    /// σ_s, the noise of synthetic labels.
    public var syntheticNoise: Double
    public var design: DesignMode

    public init(truth: RegressionTruth, ridge: Double, syntheticNoise: Double, design: DesignMode) {
        self.truth = truth
        self.ridge = ridge
        self.syntheticNoise = syntheticNoise
        self.design = design
    }

    public func fit(_ trainingSet: TrainingSet<Batch>) -> LinearRegressionModel {
        var total = RegressionStatistics(dimension: truth.dimension)
        var totalWeight = 0.0, positiveCount = 0
        var fixed: FixedDesign? = nil
        for part in trainingSet.parts where part.batch.count > 0 {
            total.add(part.batch.statistics, weight: part.weight)
            totalWeight += part.weight * Double(part.batch.count)
            if part.weight > 0 { positiveCount += part.batch.count }
            if fixed == nil { fixed = part.batch.fixedDesign }
        }
        let model = Self.solve(total, totalWeight: totalWeight, rows: positiveCount, ridge: ridge)
        return LinearRegressionModel(
            weights: model.weights, trainError: model.trainError,
            fixedDesign: design == .fixed ? fixed : nil, isRankDeficient: model.isRankDeficient)
    }

    /// ŵ and the training error from summed statistics (shared with the strong-collapse family).
    public static func solve(_ statistics: RegressionStatistics, totalWeight: Double, rows: Int, ridge: Double) -> LinearRegressionModel {
        let d = statistics.dimension
        guard totalWeight > 0 else {
            return LinearRegressionModel(weights: [Double](repeating: 0, count: d), trainError: 0, isRankDeficient: true)
        }
        var deficient = false
        let weights: [Double]
        if let solution = statistics.gram.normalEquationsSolution(statistics.moment, rows: rows, ridge: ridge) {
            weights = solution
        } else {
            deficient = true
            weights = statistics.gram.gramPseudoInverseSolution(statistics.moment, tolerance: Double(max(rows, d)) * .ulpOfOne)
        }
        return LinearRegressionModel(
            weights: weights, trainError: statistics.residualSumOfSquares(weights) / totalWeight,
            isRankDeficient: deficient)
    }

    public func sample<G: RandomNumberGenerator>(
        from model: LinearRegressionModel, count: Int, into batch: inout Batch, using generator: inout G
    ) {
        let inputs: DesignDraw = design == .fixed ? .fixed(model.fixedDesign!) : .fresh(truth)
        batch.drawLinear(
            weights: model.weights, noise: syntheticNoise, design: inputs, count: count, retainDesign: false,
            using: &generator)
    }

    public var supportsIncrementalUpdate: Bool { true }

    /// w ← (1 − a)w_previous + a ŵ (the fixed design and the fitted model's training error are kept).
    public func interpolate(
        from previous: LinearRegressionModel, toward fitted: LinearRegressionModel, step a: Double
    ) -> LinearRegressionModel {
        var model = fitted
        model.weights = zip(previous.weights, fitted.weights).map { (1 - a) * $0 + a * $1 }
        return model
    }
}
