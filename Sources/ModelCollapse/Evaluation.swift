/// The metrics of each generation's model, measured against the truth.
///
/// Most metrics are closed-form functions of the model. Some are Monte Carlo estimates (a
/// Wasserstein distance from model samples, a KL divergence or a held-out likelihood from truth
/// samples): those evaluations declare a ``ReplicateState`` (for example a held-out real sample,
/// drawn once per replicate) and implement
/// ``evaluate(_:previous:state:using:into:)``, which ``ReplicateChain`` calls with the replicate's
/// own evaluation stream. Deterministic evaluations implement only
/// ``evaluate(_:previous:into:)``; the defaults below route the stochastic call to it.
public protocol Evaluation: Sendable {
    associatedtype Model: Sendable
    /// Per-replicate state of a Monte Carlo evaluation, made once per replicate by
    /// ``makeReplicateState(using:)``; `Void` for deterministic evaluations.
    associatedtype ReplicateState = Void

    /// The metric names, in output order.
    var metricNames: [String] { get }

    /// The metrics of the truth (generation 0), written into `values` (count = metricNames.count).
    func evaluateTruth(into values: inout [Double])

    /// The metrics of a fitted model. `previous` holds this replicate's values of the previous
    /// generation (the truth's for the first fit), for metrics that persist, such as `collapsed`.
    func evaluate(_ model: Model, previous: [Double], into values: inout [Double])

    /// The state of one replicate's evaluations (a held-out sample…), drawn from the replicate's
    /// evaluation stream before its first fit.
    func makeReplicateState<G: RandomNumberGenerator>(using generator: inout G) -> ReplicateState

    /// The metrics of a fitted model, with the replicate's state and evaluation stream for Monte
    /// Carlo metrics. The default calls ``evaluate(_:previous:into:)``.
    func evaluate<G: RandomNumberGenerator>(
        _ model: Model, previous: [Double], state: inout ReplicateState, using generator: inout G,
        into values: inout [Double])
}

extension Evaluation where ReplicateState == Void {
    @inlinable
    public func makeReplicateState<G: RandomNumberGenerator>(using generator: inout G) {}
}

extension Evaluation {
    @inlinable
    public func evaluate<G: RandomNumberGenerator>(
        _ model: Model, previous: [Double], state: inout ReplicateState, using generator: inout G,
        into values: inout [Double]
    ) {
        evaluate(model, previous: previous, into: &values)
    }
}
