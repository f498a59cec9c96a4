/// One dimension of a sweep's grid: a key and its values, or a `zip:` group of keys whose
/// values vary together (the i-th point of the axis takes the i-th value of every key).
public struct SweepAxis: Sendable, Equatable {
    /// Dotted key paths, in the order they were written.
    public var keys: [String]
    /// `values[i][k]`: the value of `keys[k]` at the axis's i-th step.
    public var values: [[SpecValue]]

    public init(keys: [String], values: [[SpecValue]]) {
        self.keys = keys
        self.values = values
    }

    /// The number of steps along the axis.
    public var count: Int { values.count }
}
