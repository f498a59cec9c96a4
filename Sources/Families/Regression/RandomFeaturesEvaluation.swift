import LinearAlgebra
import ModelCollapse
import Randomness

/// The metrics of a random-features model (see ``RegressionMetric``). Linear features are a linear
/// predictor x·(Fᵀâ/√d), so every metric is exact. ReLU features are measured on a fixed real test
/// sample X_test drawn once per run: test error σ² + mean (x·w* − φ(x)·â)² (the noise added exactly,
/// not sampled), excess risk the same without σ²; `parameter-error` is not defined for them.
public struct RandomFeaturesEvaluation: Evaluation {
    public var truth: RegressionTruth
    public var map: RandomFeatureMap
    public var metrics: [RegressionMetric]
    /// φ(X_test) (ReLU only).
    let testFeatures: Matrix?
    /// X_test·w* (ReLU only).
    let testTargets: [Double]

    /// - Parameters:
    ///   - testSize: the size of the fixed test sample for ReLU features.
    ///   - generator: the stream the test sample is drawn from.
    public init<G: RandomNumberGenerator>(
        truth: RegressionTruth, map: RandomFeatureMap, metrics: [RegressionMetric], testSize: Int,
        using generator: inout G
    ) {
        self.truth = truth
        self.map = map
        self.metrics = metrics
        if map.activation == .linear {
            testFeatures = nil
            testTargets = []
        } else {
            var points: [Double] = []
            truth.drawDesign(count: testSize, into: &points, using: &generator)
            let inputs = Matrix(rows: testSize, columns: truth.dimension, elements: points)
            testFeatures = map.features(inputs)
            testTargets = inputs.multiply(truth.weights)
        }
    }

    public var metricNames: [String] { metrics.map(\.rawValue) }

    public func evaluateTruth(into values: inout [Double]) {
        let weightNorm = truth.weights.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for (index, metric) in metrics.enumerated() {
            switch metric {
            case .testError, .trainError: values[index] = truth.noise * truth.noise
            case .excessRisk, .parameterError, .rankDeficient: values[index] = 0
            case .weightNorm: values[index] = weightNorm
            }
        }
    }

    /// E(x·w* − φ(x)·â)²: exact for linear features, the test-sample mean for ReLU.
    public func excessRisk(_ model: RandomFeaturesModel) -> Double {
        if let w = map.effectiveWeights(model.coefficients) { return truth.excessRisk(w) }
        let predictions = testFeatures!.multiply(model.coefficients)
        var sum = 0.0
        for i in 0..<predictions.count {
            let e = testTargets[i] - predictions[i]
            sum += e * e
        }
        return sum / Double(max(1, predictions.count))
    }

    public func evaluate(_ model: RandomFeaturesModel, previous: [Double], into values: inout [Double]) {
        var excess: Double? = nil
        for (index, metric) in metrics.enumerated() {
            switch metric {
            case .testError:
                if excess == nil { excess = excessRisk(model) }
                values[index] = truth.noise * truth.noise + excess!
            case .excessRisk:
                if excess == nil { excess = excessRisk(model) }
                values[index] = excess!
            case .parameterError:
                // Validation admits it only for linear features.
                let w = map.effectiveWeights(model.coefficients) ?? truth.weights
                values[index] = zip(w, truth.weights).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            case .weightNorm: values[index] = model.coefficients.reduce(0) { $0 + $1 * $1 }.squareRoot()
            case .trainError: values[index] = model.trainError
            case .rankDeficient: values[index] = model.isRankDeficient ? 1 : 0
            }
        }
    }
}
