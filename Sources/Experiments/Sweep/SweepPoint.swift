/// One point of a sweep: the base spec with the point's overrides applied, parsed and validated.
public struct SweepPoint: Sendable {
    /// The point's position in the grid's order (0-based; the Slurm array / Kubernetes index).
    public var index: Int
    /// The point's value of every swept key, in the grid's key order.
    public var overrides: [(key: String, value: SpecValue)]
    /// The run directory's name inside the sweep directory: `point-0000`, `point-0001`, ….
    public var directoryName: String
    /// The resolved spec: named `NAME-point-I`, with the point's stream prefix.
    public var spec: ExperimentSpec
    /// The resolved spec as written to the point's `spec.yaml`.
    public var specText: String
    /// SHA-256 of `specText`, as in the point's `manifest.json`.
    public var specHash: String

    /// The point's values as written in the spec (YAML flow text), in key order: sweep.csv's key columns.
    public var values: [String] { overrides.map { SpecYAML.flow($0.value) } }

    /// `key=value, …`: how the point is named in messages.
    public var label: String {
        overrides.isEmpty ? "the spec as is" : overrides.map { "\($0.key)=\(SpecYAML.flow($0.value))" }.joined(separator: ", ")
    }

    public init(index: Int, overrides: [(key: String, value: SpecValue)], directoryName: String, spec: ExperimentSpec) {
        self.index = index
        self.overrides = overrides
        self.directoryName = directoryName
        self.spec = spec
        self.specText = SpecYAML.emit(spec.resolved)
        self.specHash = SHA256.hex(Array(specText.utf8))
    }
}
