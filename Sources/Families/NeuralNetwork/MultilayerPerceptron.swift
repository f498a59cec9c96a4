import Randomness

/// A multilayer perceptron classifier: x ↦ softmax(W_L·ReLU(…ReLU(W_1·x + b_1)…) + b_L).
///
/// Layer l maps `widths[l]` inputs to `widths[l + 1]` outputs; hidden layers use ReLU, the last
/// layer gives the logits of `widths.last` classes. The parameters live in one flat array (layer
/// by layer: W_l row-major, `inputs × outputs`, then b_l), so optimisers update them in one pass.
public struct MultilayerPerceptron<Scalar: NetworkScalar>: Sendable {
    /// [inputs, hidden₁, …, classes].
    public let widths: [Int]
    /// Every W_l and b_l, layer by layer.
    public var parameters: [Scalar]
    /// Where W_l starts in ``parameters``.
    public let weightOffsets: [Int]
    /// Where b_l starts in ``parameters``.
    public let biasOffsets: [Int]

    /// A network of the given widths with every parameter 0.
    public init(widths: [Int]) {
        precondition(widths.count >= 2 && widths.allSatisfy { $0 >= 1 }, "MultilayerPerceptron: widths \(widths)")
        self.widths = widths
        var weights: [Int] = [], biases: [Int] = []
        var offset = 0
        for l in 0..<(widths.count - 1) {
            weights.append(offset)
            offset += widths[l] * widths[l + 1]
            biases.append(offset)
            offset += widths[l + 1]
        }
        weightOffsets = weights
        biasOffsets = biases
        parameters = [Scalar](repeating: 0, count: offset)
    }

    /// He initialisation: W_l ~ N(0, 2/fan-in), b_l = 0 (K. He, X. Zhang, S. Ren, J. Sun, "Delving Deep
    /// into Rectifiers", ICCV 2015), the draws taken from `generator` in parameter order.
    public init<G: RandomNumberGenerator>(widths: [Int], heInitialisationUsing generator: inout G) {
        self.init(widths: widths)
        var draws: [Double] = []
        for l in 0..<layerCount {
            let fanIn = widths[l], count = widths[l] * widths[l + 1]
            if draws.count < count { draws = [Double](repeating: 0, count: count) }
            draws.withUnsafeMutableBufferPointer { buffer in
                Normal(mean: 0, standardDeviation: (2 / Double(fanIn)).squareRoot())
                    .fill(UnsafeMutableBufferPointer(rebasing: buffer[0..<count]), using: &generator)
            }
            let start = weightOffsets[l]
            for i in 0..<count { parameters[start + i] = Scalar(draws[i]) }
        }
    }

    public var layerCount: Int { widths.count - 1 }
    public var inputCount: Int { widths[0] }
    public var classCount: Int { widths[widths.count - 1] }
    /// The number of weights and biases.
    public var parameterCount: Int { parameters.count }

    /// Whether every parameter is finite.
    public var isFinite: Bool { parameters.allSatisfy { $0.isFinite } }

    /// Log-probabilities ln softmax (rows × classes) of `count` input rows (row-major, `inputCount`
    /// columns), computed in chunks so that memory stays bounded.
    public func logProbabilities(_ inputs: UnsafeBufferPointer<Scalar>, count: Int) -> [Scalar] {
        precondition(inputs.count >= count * inputCount, "MultilayerPerceptron: \(inputs.count) inputs for \(count) rows of \(inputCount)")
        var result = [Scalar](repeating: 0, count: count * classCount)
        guard count > 0 else { return result }
        let chunk = min(count, 256)
        let workspace = ForwardWorkspace<Scalar>(widths: widths, rows: chunk)
        parameters.withUnsafeBufferPointer { p in
            result.withUnsafeMutableBufferPointer { out in
                var start = 0
                while start < count {
                    let rows = min(chunk, count - start)
                    workspace.forward(p.baseAddress!, network: self, input: inputs.baseAddress! + start * inputCount, rows: rows)
                    let logits = workspace.activations[layerCount]
                    DenseKernels.logSoftmax(logits.base, rows: rows, classes: classCount)
                    (out.baseAddress! + start * classCount).update(from: logits.base, count: rows * classCount)
                    start += rows
                }
            }
        }
        return result
    }
}

/// The activations of a forward pass over up to `rows` input rows: activations[0] is the input
/// copy, activations[l] the output of layer l (ReLU applied for hidden layers, logits for the last).
final class ForwardWorkspace<Scalar: NetworkScalar> {
    let rows: Int
    let activations: [ScratchBuffer<Scalar>]

    init(widths: [Int], rows: Int) {
        self.rows = rows
        activations = widths.map { ScratchBuffer(count: $0 * rows) }
    }

    /// Runs the layers on `rows` rows starting at `input` (copied into activations[0]).
    func forward(_ parameters: UnsafePointer<Scalar>, network: MultilayerPerceptron<Scalar>, input: UnsafePointer<Scalar>, rows: Int) {
        assert(rows <= self.rows)
        let widths = network.widths
        activations[0].base.update(from: input, count: rows * widths[0])
        forwardFromInput(parameters, network: network, rows: rows)
    }

    /// Runs the layers on the rows already in activations[0].
    func forwardFromInput(_ parameters: UnsafePointer<Scalar>, network: MultilayerPerceptron<Scalar>, rows: Int) {
        let widths = network.widths
        for l in 0..<network.layerCount {
            DenseKernels.forward(
                input: activations[l].base, rows: rows, inputs: widths[l],
                weights: parameters + network.weightOffsets[l], bias: parameters + network.biasOffsets[l],
                outputs: widths[l + 1], output: activations[l + 1].base, relu: l < network.layerCount - 1)
        }
    }
}
