/// How a network is trained: its hidden layers, the optimiser, mini-batches, weight decay and early
/// stopping on a validation split of the training set.
public struct TrainingConfiguration: Sendable, Equatable {
    /// The optimiser of the mini-batch gradient steps.
    public enum Optimizer: Sendable, Equatable {
        /// SGD with heavy-ball momentum μ: v ← μv + g + λθ, θ ← θ − ηv (weight decay λ coupled, as an
        /// L2 penalty λ/2‖W‖²).
        case sgd(momentum: Double)
        /// Adam (D. P. Kingma, J. Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015) with
        /// decoupled weight decay (I. Loshchilov, F. Hutter, "Decoupled Weight Decay Regularization",
        /// ICLR 2019): m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ ← θ − η·m̂/(√v̂ + ε) − ηλθ, with
        /// m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ).
        case adam(beta1: Double, beta2: Double, epsilon: Double)

        public static let adam = Optimizer.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
    }

    /// The widths of the hidden ReLU layers ([] is multinomial logistic regression).
    public var hiddenWidths: [Int]
    public var optimizer: Optimizer
    /// η.
    public var learningRate: Double
    /// λ, applied to the weights (not the biases).
    public var weightDecay: Double
    /// Examples per gradient step.
    public var batchSize: Int
    /// The most passes over the training examples.
    public var maxEpochs: Int
    /// Stop after this many epochs without a lower validation loss, and keep the best parameters.
    public var patience: Int
    /// The share of the training set held out for early stopping (0: train `maxEpochs` epochs).
    public var validationFraction: Double
    public var precision: NetworkPrecision

    public init(
        hiddenWidths: [Int] = [64], optimizer: Optimizer = .adam, learningRate: Double = 0.01,
        weightDecay: Double = 1e-4, batchSize: Int = 32, maxEpochs: Int = 100, patience: Int = 5,
        validationFraction: Double = 0.1, precision: NetworkPrecision = .float32
    ) {
        precondition(hiddenWidths.allSatisfy { $0 >= 1 }, "TrainingConfiguration: hidden widths must be ≥ 1")
        precondition(learningRate > 0 && learningRate.isFinite, "TrainingConfiguration: learning rate must be positive")
        precondition(weightDecay >= 0, "TrainingConfiguration: weight decay must be ≥ 0")
        precondition(batchSize >= 1 && maxEpochs >= 1 && patience >= 1, "TrainingConfiguration: batch size, epochs and patience must be ≥ 1")
        precondition(validationFraction >= 0 && validationFraction < 1, "TrainingConfiguration: validation fraction in [0, 1)")
        self.hiddenWidths = hiddenWidths
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.batchSize = batchSize
        self.maxEpochs = maxEpochs
        self.patience = patience
        self.validationFraction = validationFraction
        self.precision = precision
    }

    /// The fewest validation examples early stopping runs on: on fewer, the validation loss is too
    /// noisy to choose an epoch by (with 5 held-out examples it can stop a network before it has
    /// learned anything), so small training sets train for `maxEpochs` instead.
    public static let minimumValidationCount = 20

    /// The number of validation examples held out of `count` training examples: round(f·count), or 0
    /// when that is below ``minimumValidationCount`` or would leave no training example.
    public func validationCount(of count: Int) -> Int {
        let held = Int((validationFraction * Double(count)).rounded())
        return held >= Self.minimumValidationCount && held < count ? held : 0
    }
}

/// What happened in one training run.
public struct TrainingReport: Sendable, Equatable {
    /// Examples the gradient steps saw (the training set minus the validation split).
    public var trainingCount: Int
    public var validationCount: Int
    /// Epochs run (early stopping may end before the maximum).
    public var epochs: Int
    /// The epoch whose parameters were kept (the lowest validation loss; the last without validation).
    public var bestEpoch: Int
    /// The weighted mean cross-entropy on the validation split at the kept parameters (nil without one).
    public var validationLoss: Double?
    /// A non-finite loss or parameter appeared: training stopped and kept the last finite parameters.
    public var diverged: Bool

    public init(trainingCount: Int, validationCount: Int, epochs: Int, bestEpoch: Int, validationLoss: Double?, diverged: Bool) {
        self.trainingCount = trainingCount
        self.validationCount = validationCount
        self.epochs = epochs
        self.bestEpoch = bestEpoch
        self.validationLoss = validationLoss
        self.diverged = diverged
    }
}
