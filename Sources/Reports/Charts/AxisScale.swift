/// How values map to a chart axis (or a heatmap's colour scale).
public enum AxisScale: String, Sendable, CaseIterable, Codable {
    /// Log when every value is positive and they span more than two decades (variance-like
    /// metrics that shrink geometrically); linear otherwise.
    case automatic
    case linear
    case log

    /// The ratio max/min above which `automatic` picks a log axis: two decades.
    public static let automaticLogSpan: Double = 100

    /// Resolves `automatic` for these values (non-finite values are ignored); `linear` and `log`
    /// are returned as they are.
    public func resolved(for values: [Double]) -> AxisScale {
        guard self == .automatic else { return self }
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max(), low > 0 else { return .linear }
        return high / low > AxisScale.automaticLogSpan ? .log : .linear
    }
}
