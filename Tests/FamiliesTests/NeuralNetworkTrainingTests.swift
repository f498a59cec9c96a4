@testable import Families
import ModelCollapse
import Randomness
import Testing

// The network itself: gradients against finite differences, determinism, weights, early stopping,
// divergence, the bundled digits and generation-0 accuracy.

/// The bundled digits scaled as the families scale them (min-max on all rows).
func scaledDigits() throws -> LabelledDataSet {
    let raw = try LabelledDataSet.digits()
    return FeatureScaling.minMax.apply(to: raw, fittedOn: (0..<raw.count).map { Int32($0) })
}

/// The share of `rows` a classifier gets right.
func accuracy(_ model: some ClassProbabilityModel, rows: [Int32], data: LabelledDataSet) -> Double {
    let K = data.classCount
    let logP = model.logProbabilities(of: rows, in: data)
    var correct = 0
    for (r, row) in rows.enumerated() where logP.argmax(from: r * K, count: K) == Int(data.labels[Int(row)]) { correct += 1 }
    return Double(correct) / Double(rows.count)
}

@Suite struct NeuralNetworkGradientTests {
    /// Backpropagation against central differences of the weighted mini-batch loss, for every
    /// parameter of a 5 → 7 → 6 → 4 network in Double on 9 random examples with random weights.
    /// Central differences with h = 10⁻⁵ are accurate to O(h²) ≈ 10⁻¹⁰ relative to the loss's
    /// curvature; a ReLU kink crossed by ±h would show as an isolated large error, which random
    /// inputs make improbable (probability ≈ 10⁻⁴ per unit and parameter), hence the bound 10⁻⁶.
    @Test func backpropagationMatchesFiniteDifferences() {
        var generator = Xoshiro256StarStar(seed: 3)
        let widths = [5, 7, 6, 4]
        let network = MultilayerPerceptron<Double>(widths: widths, heInitialisationUsing: &generator)
        let n = 9
        var inputs = [Double](repeating: 0, count: n * 5)
        for i in inputs.indices { inputs[i] = generator.nextUniform() * 2 - 1 }
        let labels = (0..<n).map { _ in Int32(generator.next(upperBound: UInt64(4))) }
        let weights = (0..<n).map { _ in 0.2 + generator.nextUniform() }
        let rows = Array(0..<n)
        let state = TrainingState(network: network, batchSize: n)
        let loss = inputs.withUnsafeBufferPointer { x in
            state.computeGradient(rows: rows[...], inputs: x.baseAddress!, labels: labels, weights: weights, network: network)
        }
        let analytic = state.gradient.array
        #expect(loss > 0 && loss.isFinite)

        func lossAt(_ parameters: [Double]) -> Double {
            var shifted = network
            shifted.parameters = parameters
            let logP = inputs.withUnsafeBufferPointer { shifted.logProbabilities($0, count: n) }
            var total = 0.0
            for i in 0..<n { total -= weights[i] * logP[i * 4 + Int(labels[i])] }
            return total / Double(n)
        }
        #expect(abs(lossAt(network.parameters) - loss) < 1e-12)
        var worst = 0.0
        let h = 1e-5
        for p in 0..<network.parameterCount {
            var plus = network.parameters, minus = network.parameters
            plus[p] += h
            minus[p] -= h
            let numeric = (lossAt(plus) - lossAt(minus)) / (2 * h)
            worst = max(worst, abs(numeric - analytic[p]) / max(1e-3, abs(numeric) + abs(analytic[p])))
        }
        #expect(worst < 1e-6, "largest relative gradient error \(worst)")
    }
}
