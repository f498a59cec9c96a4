/// One run of a reproduction: a bundled preset with overrides (`--set` syntax), and the smaller
/// sizes used by `collapse reproduce --quick`.
public struct ReproductionRun: Sendable {
    /// The run's name within the reproduction; also its directory name.
    public var name: String
    /// A bundled spec (Sources/Experiments/Presets/NAME.yaml).
    public var preset: String
    /// Overrides applied at both sizes.
    public var overrides: [String]
    /// Further overrides applied with `--quick` (fewer replicates or generations).
    public var quick: [String]

    public init(_ name: String, preset: String, _ overrides: [String] = [], quick: [String] = []) {
        self.name = name
        self.preset = preset
        self.overrides = overrides
        self.quick = quick
    }

    /// The overrides of a run at the requested size; the run is named after its reproduction.
    public func allOverrides(reproduction: String, quick isQuick: Bool) -> [String] {
        overrides + (isQuick ? quick : []) + ["name=\(reproduction)-\(name)"]
    }
}
