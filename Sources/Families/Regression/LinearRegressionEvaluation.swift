import ModelCollapse

/// The metrics of a fitted linear model against the truth (see ``RegressionMetric``); all exact,
/// none needs a test sample. Generation 0 is the truth itself: test error σ², train error σ².
public struct LinearRegressionEvaluation: Evaluation {
    public var truth: RegressionTruth
    public var metrics: [RegressionMetric]

    public init(truth: RegressionTruth, metrics: [RegressionMetric]) {
        self.truth = truth
        self.metrics = metrics
    }

    public var metricNames: [String] { metrics.map(\.rawValue) }

    public func evaluateTruth(into values: inout [Double]) {
        let model = LinearRegressionModel(weights: truth.weights, trainError: truth.noise * truth.noise)
        evaluate(model, previous: values, into: &values)
    }

    public func evaluate(_ model: LinearRegressionModel, previous: [Double], into values: inout [Double]) {
        for (index, metric) in metrics.enumerated() {
            switch metric {
            case .testError: values[index] = truth.testError(model.weights)
            case .excessRisk: values[index] = truth.excessRisk(model.weights)
            case .parameterError:
                values[index] = zip(model.weights, truth.weights).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            case .weightNorm: values[index] = model.weights.reduce(0) { $0 + $1 * $1 }.squareRoot()
            case .trainError: values[index] = model.trainError
            case .rankDeficient: values[index] = model.isRankDeficient ? 1 : 0
            }
        }
    }
}
