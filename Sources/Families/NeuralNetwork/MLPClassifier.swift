import Randomness

/// A trained multilayer-perceptron classifier in either precision, with its training report: the
/// model of the neural-network families.
///
/// Training and inference dispatch on the precision once per call; the loops inside are specialised
/// for `Float` or `Double`.
public struct MLPClassifier: Sendable {
    public enum Network: Sendable {
        case float32(MultilayerPerceptron<Float>)
        case float64(MultilayerPerceptron<Double>)
    }

    public var network: Network
    public var report: TrainingReport

    public init(network: Network, report: TrainingReport) {
        self.network = network
        self.report = report
    }

    public var inputCount: Int {
        switch network {
        case .float32(let n): return n.inputCount
        case .float64(let n): return n.inputCount
        }
    }

    public var classCount: Int {
        switch network {
        case .float32(let n): return n.classCount
        case .float64(let n): return n.classCount
        }
    }

    /// Trains a classifier on `count` rows of `features` (row-major, `features.count / count`
    /// columns), labels in 0..<classCount, optional weights; every random choice from `generator`.
    public static func train(
        features: [Double], count: Int, labels: [Int32], weights: [Double]?, classCount: Int,
        configuration: TrainingConfiguration, using generator: inout Xoshiro256StarStar
    ) -> MLPClassifier {
        switch configuration.precision {
        case .float32:
            let (network, report) = NetworkTrainer<Float>.train(
                inputs: features.map { Float($0) }, count: count, labels: labels, weights: weights,
                classCount: classCount, configuration: configuration, generator: &generator)
            return MLPClassifier(network: .float32(network), report: report)
        case .float64:
            let (network, report) = NetworkTrainer<Double>.train(
                inputs: features, count: count, labels: labels, weights: weights,
                classCount: classCount, configuration: configuration, generator: &generator)
            return MLPClassifier(network: .float64(network), report: report)
        }
    }

    /// ln p(class | x) for `count` rows of `features` (row-major, ``inputCount`` columns): a
    /// `count × classCount` matrix, every entry finite (a log-softmax of finite logits).
    public func logProbabilities(_ features: [Double], count: Int) -> [Double] {
        switch network {
        case .float32(let n):
            let inputs = features.map { Float($0) }
            return inputs.withUnsafeBufferPointer { n.logProbabilities($0, count: count) }.map { Double($0) }
        case .float64(let n):
            return features.withUnsafeBufferPointer { n.logProbabilities($0, count: count) }
        }
    }
}
