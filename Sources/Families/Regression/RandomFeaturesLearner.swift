import LinearAlgebra
import ModelCollapse
import Randomness

/// Ridge or minimum-norm least squares on random features φ(x) (``RandomFeatureMap``), in one of two
/// settings:
/// - `recursive`: synthetic labels y = φ(x)·â + σ_s ε from the previous fit, inputs fresh or fixed, with
///   the engine's regimes (model collapse of Dohmatob, Feng & Kempe 2024 for random-features models);
/// - `mixed`: every fit gets a fresh training set with a fixed fraction p of labels from w₂
///   (``MixedLabels``; strong model collapse across model sizes, Dohmatob et al. 2025).
///
/// Fit: â = argmin Σᵢ wᵢ(yᵢ − φ(xᵢ)·a)² + λ‖a‖². For λ > 0, (ΦᵀWΦ + λI)⁻¹ΦᵀWy when m ≤ n, else the
/// dual form ΦᵀW^½(W^½ΦΦᵀW^½ + λI)⁻¹W^½y (an n × n system). For λ = 0, least squares when ΦᵀWΦ is
/// non-singular, else the minimum-norm interpolator Φ⁺y ("ridgeless"), marked rank-deficient.
public struct RandomFeaturesLearner: Learner {
    public typealias Batch = LabelledPointsBatch

    public enum Setting: Sendable {
        case recursive
        case mixed(MixedLabels)
    }

    public var truth: RegressionTruth
    public var map: RandomFeatureMap
    public var ridge: Double
    public var syntheticNoise: Double
    public var design: DesignMode
    public var setting: Setting

    public init(truth: RegressionTruth, map: RandomFeatureMap, ridge: Double, syntheticNoise: Double, design: DesignMode, setting: Setting) {
        self.truth = truth
        self.map = map
        self.ridge = ridge
        self.syntheticNoise = syntheticNoise
        self.design = design
        self.setting = setting
    }

    public func fit(_ trainingSet: TrainingSet<LabelledPointsBatch>) -> RandomFeaturesModel {
        let m = map.featureCount, d = map.inputDimension
        var inputs: [Double] = [], labels: [Double] = [], weights: [Double] = []
        var fixed: FixedDesign? = nil
        var unweighted = true
        for part in trainingSet.parts where part.batch.count > 0 && part.weight > 0 {
            inputs += part.batch.inputs.elements
            labels += part.batch.labels
            weights += repeatElement(part.weight, count: part.batch.count)
            if part.weight != 1 { unweighted = false }
            if fixed == nil { fixed = part.batch.fixedDesign }
        }
        let n = labels.count
        guard n > 0 else {
            return RandomFeaturesModel(coefficients: [Double](repeating: 0, count: m), trainError: 0, isRankDeficient: true)
        }
        var phi = map.features(Matrix(rows: n, columns: d, elements: inputs))
        let unscaled = phi
        var targets = labels
        if !unweighted {
            phi.elements.withUnsafeMutableBufferPointer { p in
                for i in 0..<n {
                    let root = weights[i].squareRoot()
                    for j in 0..<m { p[i * m + j] *= root }
                    targets[i] *= root
                }
            }
        }
        var deficient = false
        var coefficients: [Double]
        if ridge > 0 {
            if m <= n {
                coefficients = phi.leastSquares(targets, ridge: ridge) ?? [Double](repeating: 0, count: m)
            } else {
                let kernel = phi.transposed().gram()
                let dual = kernel.normalEquationsSolution(targets, rows: n, ridge: ridge) ?? [Double](repeating: 0, count: n)
                coefficients = phi.transposedMultiply(dual)
            }
        } else if m <= n, let solution = phi.leastSquares(targets) {
            coefficients = solution
        } else {
            deficient = true
            coefficients = phi.minimumNormLeastSquares(targets)
        }
        let fitted = unscaled.multiply(coefficients)
        var residual = 0.0, total = 0.0
        for i in 0..<n {
            let r = labels[i] - fitted[i]
            residual += weights[i] * r * r
            total += weights[i]
        }
        return RandomFeaturesModel(
            coefficients: coefficients, trainError: residual / total,
            fixedDesign: design == .fixed ? fixed : nil, isRankDeficient: deficient)
    }

    public func sample<G: RandomNumberGenerator>(
        from model: RandomFeaturesModel, count: Int, into batch: inout LabelledPointsBatch, using generator: inout G
    ) {
        switch setting {
        case .mixed(let mixture):
            mixture.draw(count: count, into: &batch, using: &generator)
        case .recursive:
            let inputs: DesignDraw = design == .fixed ? .fixed(model.fixedDesign!) : .fresh(truth)
            batch.drawInputs(inputs, dimension: truth.dimension, count: count, using: &generator)
            var labels = map.features(batch.inputs).multiply(model.coefficients)
            if syntheticNoise > 0 {
                var epsilon = [Double](repeating: 0, count: count)
                Normal().fill(&epsilon, using: &generator)
                for i in 0..<count { labels[i] += syntheticNoise * epsilon[i] }
            }
            batch.labels = labels
        }
    }
}
