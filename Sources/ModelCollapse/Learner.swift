import Randomness

/// A model family with its estimator: fits a weighted training set, samples from a fitted model.
///
/// Generic, so that an experiment's replicate loop specialises for the concrete family: no
/// existential or dynamic dispatch per sample.
public protocol Learner: Sendable {
    associatedtype Batch: DataBatch
    associatedtype Model: Sendable

    /// Fits a model to a weighted training set. Never throws: degenerate data (one distinct
    /// value, a lost category, a singular design) give a degenerate model that the evaluation
    /// records as collapse.
    func fit(_ trainingSet: TrainingSet<Batch>) -> Model

    /// Fits with the replicate's random stream, for estimators that randomise (the k-means++
    /// initialisation of EM). ``ReplicateChain`` calls this; the default calls ``fit(_:)`` and
    /// draws nothing, so deterministic estimators leave the stream untouched.
    func fit<G: RandomNumberGenerator>(_ trainingSet: TrainingSet<Batch>, using generator: inout G) -> Model

    /// Draws `count` synthetic points (or their statistics) from `model` into `batch`, replacing
    /// its contents and reusing its storage.
    func sample<G: RandomNumberGenerator>(
        from model: Model, count: Int, into batch: inout Batch, using generator: inout G)

    /// Whether ``interpolate(from:toward:step:)`` is supported (incremental updates).
    var supportsIncrementalUpdate: Bool { get }

    /// The stochastic-approximation update (1 − a)·θ_previous + a·θ_fitted in the family's
    /// natural parameters.
    func interpolate(from previous: Model, toward fitted: Model, step: Double) -> Model
}

extension Learner {
    @inlinable
    public func fit<G: RandomNumberGenerator>(_ trainingSet: TrainingSet<Batch>, using generator: inout G) -> Model {
        fit(trainingSet)
    }

    public var supportsIncrementalUpdate: Bool { false }
    public func interpolate(from previous: Model, toward fitted: Model, step: Double) -> Model {
        fitted
    }
}
