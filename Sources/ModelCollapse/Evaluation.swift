/// The metrics of each generation's model, measured against the truth.
public protocol Evaluation: Sendable {
    associatedtype Model: Sendable

    /// The metric names, in output order.
    var metricNames: [String] { get }

    /// The metrics of the truth (generation 0), written into `values` (count = metricNames.count).
    func evaluateTruth(into values: inout [Double])

    /// The metrics of a fitted model. `previous` holds this replicate's values of the previous
    /// generation (the truth's for the first fit), for metrics that persist, such as `collapsed`.
    func evaluate(_ model: Model, previous: [Double], into values: inout [Double])
}
