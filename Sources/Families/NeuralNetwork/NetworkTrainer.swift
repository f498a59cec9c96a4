import Randomness

/// Mini-batch training of a ``MultilayerPerceptron`` by weighted softmax cross-entropy, with early
/// stopping on a validation split.
///
/// Loss of a mini-batch B: (1/|B|) Σ_{i∈B} wᵢ·(−ln softmax(f(xᵢ))_{yᵢ}), the weights normalised to mean
/// 1 over the training examples, so that a weight scales an example's pull against the others and
/// uniform weights give the plain mean. Gradient of the logits: wᵢ(pᵢ − e_{yᵢ})/|B|, backpropagated
/// through the ReLU layers.
///
/// Every random choice — the initial weights, the validation split, the order of every epoch — comes
/// from the generator passed in, in a fixed order, and the arithmetic runs in a fixed order: the same
/// stream gives the same network, whatever thread trains it.
enum NetworkTrainer<Scalar: NetworkScalar> {
    /// Trains a network of `configuration.hiddenWidths` on `count` rows of `inputs` (row-major,
    /// `inputs.count / count` columns) with `labels` in 0..<classCount and optional per-example
    /// `weights` (≥ 0; nil for all 1).
    static func train(
        inputs: [Scalar], count n: Int, labels: [Int32], weights: [Double]?, classCount: Int,
        configuration c: TrainingConfiguration, generator: inout Xoshiro256StarStar
    ) -> (network: MultilayerPerceptron<Scalar>, report: TrainingReport) {
        precondition(labels.count == n && (weights == nil || weights!.count == n), "NetworkTrainer: \(labels.count) labels for \(n) rows")
        let d = n > 0 ? inputs.count / n : 0
        precondition(n == 0 || inputs.count == n * d && d >= 1, "NetworkTrainer: \(inputs.count) inputs for \(n) rows")
        precondition(labels.allSatisfy { $0 >= 0 && Int($0) < classCount }, "NetworkTrainer: a label outside 0..<\(classCount)")
        let widths = [max(d, 1)] + c.hiddenWidths + [classCount]
        var network = MultilayerPerceptron<Scalar>(widths: widths, heInitialisationUsing: &generator)
        guard n > 0 else {
            return (network, TrainingReport(trainingCount: 0, validationCount: 0, epochs: 0, bestEpoch: 0, validationLoss: nil, diverged: false))
        }

        // The validation split: the first round(f·n) of a random permutation.
        var order = Array(0..<n)
        shuffle(&order, using: &generator)
        let validationCount = c.validationCount(of: n)
        let validation = Array(order[0..<validationCount])
        var training = Array(order[validationCount...])
        let trainingCount = training.count

        // Weights with mean 1 over the training examples (and, for the validation loss, over its own).
        var exampleWeights = [Scalar](repeating: 1, count: n)
        if let weights {
            let trainingTotal = training.reduce(0.0) { $0 + weights[$1] }
            let scale = trainingTotal > 0 ? Double(trainingCount) / trainingTotal : 0
            for i in training { exampleWeights[i] = Scalar(weights[i] * scale) }
            let validationTotal = validation.reduce(0.0) { $0 + weights[$1] }
            for i in validation {
                exampleWeights[i] = validationTotal > 0 ? Scalar(weights[i] * Double(validationCount) / validationTotal) : 1
            }
        }

        let state = TrainingState(network: network, batchSize: c.batchSize)
        var epochsRun = 0
        var bestEpoch = 0
        var bestLoss: Double? = nil
        var diverged = false
        var badEpochs = 0
        // The first epoch always becomes the best so far: the untrained network is never kept.
        if validationCount > 0 { bestLoss = .infinity }
        var step = 0
        inputs.withUnsafeBufferPointer { x in
            for epoch in 1...c.maxEpochs {
                epochsRun = epoch
                shuffle(&training, using: &generator)
                var start = 0
                while start < trainingCount {
                    let rows = min(c.batchSize, trainingCount - start)
                    state.computeGradient(
                        rows: training[start..<(start + rows)], inputs: x.baseAddress!, labels: labels,
                        weights: exampleWeights, network: network)
                    step += 1
                    state.update(step: step, configuration: c, network: network)
                    start += rows
                }

                guard state.parametersAreFinite() else {
                    diverged = true
                    break
                }
                if validationCount > 0 {
                    let loss = state.validationLoss(inputs: inputs, labels: labels, weights: exampleWeights, rows: validation, network: network)
                    guard loss.isFinite else {
                        diverged = true
                        break
                    }
                    if loss < bestLoss! {
                        bestLoss = loss
                        bestEpoch = epoch
                        state.best.copy(from: state.parameters)
                        badEpochs = 0
                    } else {
                        badEpochs += 1
                        if badEpochs >= c.patience { break }
                    }
                } else {
                    bestEpoch = epoch
                    state.best.copy(from: state.parameters)
                }
            }
        }
        network.parameters = state.best.array
        return (network, TrainingReport(
            trainingCount: trainingCount, validationCount: validationCount, epochs: epochsRun,
            bestEpoch: bestEpoch, validationLoss: bestLoss.flatMap { $0.isFinite ? $0 : nil }, diverged: diverged))
    }

    /// Fisher–Yates with the generator's bounded draws.
    static func shuffle(_ items: inout [Int], using generator: inout Xoshiro256StarStar) {
        var i = items.count - 1
        while i > 0 {
            let j = Int(generator.next(upperBound: UInt64(i + 1)))
            items.swapAt(i, j)
            i -= 1
        }
    }
}

/// The buffers of one training run: parameters, the best parameters so far, the gradient, the
/// optimiser's moments, Wᵀ of every layer after the first (for backpropagation), activations and
/// deltas of a mini-batch.
final class TrainingState<Scalar: NetworkScalar> {
    let parameters: ScratchBuffer<Scalar>
    let best: ScratchBuffer<Scalar>
    let gradient: ScratchBuffer<Scalar>
    let firstMoment: ScratchBuffer<Scalar>
    let secondMoment: ScratchBuffer<Scalar>
    /// transposed[l] = W_lᵀ for l ≥ 1 (transposed[0] is empty).
    let transposed: [ScratchBuffer<Scalar>]
    let forward: ForwardWorkspace<Scalar>
    /// deltas[l]: ∂loss/∂(pre-activation of layer l's output), rows × widths[l]; deltas[0] unused.
    let deltas: [ScratchBuffer<Scalar>]
    /// Ones, one per mini-batch row (the bias gradient is onesᵀδ).
    let ones: ScratchBuffer<Scalar>
    private var validationWorkspace: ForwardWorkspace<Scalar>?

    init(network: MultilayerPerceptron<Scalar>, batchSize: Int) {
        parameters = ScratchBuffer(network.parameters)
        best = ScratchBuffer(network.parameters)
        gradient = ScratchBuffer(count: network.parameterCount)
        firstMoment = ScratchBuffer(count: network.parameterCount)
        secondMoment = ScratchBuffer(count: network.parameterCount)
        let widths = network.widths
        transposed = (0..<network.layerCount).map { l in ScratchBuffer(count: l == 0 ? 0 : widths[l] * widths[l + 1]) }
        forward = ForwardWorkspace(widths: widths, rows: batchSize)
        deltas = widths.enumerated().map { l, width in ScratchBuffer(count: l == 0 ? 0 : width * batchSize) }
        ones = ScratchBuffer([Scalar](repeating: 1, count: batchSize))
        refreshTransposes(network: network)
    }

    func refreshTransposes(network: MultilayerPerceptron<Scalar>) {
        for l in 1..<max(1, network.layerCount) {
            DenseKernels.transpose(
                parameters.base + network.weightOffsets[l], rows: network.widths[l], columns: network.widths[l + 1],
                into: transposed[l].base)
        }
    }

    /// The gradient of the mini-batch loss (1/|B|) Σ wᵢ·(−ln p_{yᵢ}(xᵢ)) over `rows` into ``gradient``,
    /// by one forward and one backward pass; returns the loss.
    @discardableResult
    func computeGradient(
        rows: ArraySlice<Int>, inputs x: UnsafePointer<Scalar>, labels: [Int32], weights: [Scalar],
        network: MultilayerPerceptron<Scalar>
    ) -> Double {
        let widths = network.widths
        let L = network.layerCount, K = network.classCount, d = network.inputCount
        let count = rows.count
        assert(count <= forward.rows)
        let batchInput = forward.activations[0].base
        for (r, example) in rows.enumerated() {
            (batchInput + r * d).update(from: x + example * d, count: d)
        }
        forward.forwardFromInput(parameters.base, network: network, rows: count)
        // δ of the logits: wᵢ(pᵢ − e_{yᵢ})/|B|.
        let logits = forward.activations[L].base
        DenseKernels.logSoftmax(logits, rows: count, classes: K)
        let outputDelta = deltas[L].base
        let inverseRows = 1 / Scalar(count)
        var loss = 0.0
        for (r, example) in rows.enumerated() {
            let w = weights[example] * inverseRows
            let label = Int(labels[example])
            loss -= Double(w) * Double(logits[r * K + label])
            for j in 0..<K {
                let p = Scalar.exponential(logits[r * K + j])
                outputDelta[r * K + j] = w * (j == label ? p - 1 : p)
            }
        }
        gradient.zero()
        for l in stride(from: L - 1, through: 0, by: -1) {
            DenseKernels.accumulateGradient(
                input: forward.activations[l].base, rows: count, inputs: widths[l],
                delta: deltas[l + 1].base, outputs: widths[l + 1],
                weightGradient: gradient.pointer(at: network.weightOffsets[l]),
                biasGradient: gradient.pointer(at: network.biasOffsets[l]), ones: ones.base)
            if l > 0 {
                DenseKernels.backpropagate(
                    delta: deltas[l + 1].base, rows: count, outputs: widths[l + 1],
                    transposed: transposed[l].base, inputs: widths[l],
                    activation: forward.activations[l].base, previousDelta: deltas[l].base)
            }
        }
        return loss
    }

    /// One optimiser step on ``gradient`` (step counts from 1): layer by layer, the weights with
    /// weight decay, then the biases without.
    func update(step: Int, configuration c: TrainingConfiguration, network: MultilayerPerceptron<Scalar>) {
        let eta = Scalar(c.learningRate)
        let decay = Scalar(c.weightDecay)
        for l in 0..<network.layerCount {
            let weights = network.weightOffsets[l], biases = network.biasOffsets[l]
            optimise(from: weights, count: biases - weights, decayed: true)
            optimise(from: biases, count: network.widths[l + 1], decayed: false)
        }

        func optimise(from start: Int, count: Int, decayed: Bool) {
            let theta = parameters.pointer(at: start), g = gradient.pointer(at: start)
            let m = firstMoment.pointer(at: start), v = secondMoment.pointer(at: start)
            switch c.optimizer {
            case .sgd(let momentum):
                Scalar.momentumStep(
                    parameters: theta, gradient: g, velocity: m, count: count, learningRate: eta,
                    momentum: Scalar(momentum), decay: decayed ? decay : 0)
            case .adam(let beta1, let beta2, let epsilon):
                Scalar.adamStep(
                    parameters: theta, gradient: g, firstMoment: m, secondMoment: v, count: count,
                    learningRate: eta, shrink: decayed ? 1 - eta * decay : 1, beta1: Scalar(beta1),
                    beta2: Scalar(beta2), epsilon: Scalar(epsilon), correction1: Scalar(1 / (1 - pow(beta1, step))),
                    correction2: Scalar(1 / (1 - pow(beta2, step))), vectorized: vectorizedKernels)
            }
        }
        refreshTransposes(network: network)
    }

    func parametersAreFinite() -> Bool {
        for i in 0..<parameters.count where !parameters.base[i].isFinite { return false }
        return true
    }

    /// Σ wᵢ·(−ln pᵢ,yᵢ) / Σ wᵢ over `rows` at the current parameters.
    func validationLoss(inputs: [Scalar], labels: [Int32], weights: [Scalar], rows: [Int], network: MultilayerPerceptron<Scalar>) -> Double {
        let d = network.inputCount, K = network.classCount
        let chunk = min(rows.count, 256)
        if validationWorkspace == nil || validationWorkspace!.rows < chunk {
            validationWorkspace = ForwardWorkspace(widths: network.widths, rows: chunk)
        }
        let workspace = validationWorkspace!
        var loss = 0.0, total = 0.0
        inputs.withUnsafeBufferPointer { x in
            var start = 0
            while start < rows.count {
                let count = min(chunk, rows.count - start)
                for r in 0..<count {
                    (workspace.activations[0].base + r * d).update(from: x.baseAddress! + rows[start + r] * d, count: d)
                }
                workspace.forwardFromInput(parameters.base, network: network, rows: count)
                let logits = workspace.activations[network.layerCount].base
                DenseKernels.logSoftmax(logits, rows: count, classes: K)
                for r in 0..<count {
                    let example = rows[start + r]
                    let w = Double(weights[example])
                    loss -= w * Double(logits[r * K + Int(labels[example])])
                    total += w
                }
                start += count
            }
        }
        return total > 0 ? loss / total : 0
    }
}

@inline(__always)
private func pow(_ base: Double, _ exponent: Int) -> Double {
    var result = 1.0, factor = base, e = exponent
    while e > 0 {
        if e & 1 == 1 { result *= factor }
        factor *= factor
        e >>= 1
    }
    return result
}
