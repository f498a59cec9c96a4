import ModelCollapse

/// A whole experiment, resolved: every key has its value, defaults written out.
public struct ExperimentSpec: Sendable {
    public var name: String
    public var family: any ExperimentFamily
    public var generations: Int
    public var replicates: Int
    public var seed: UInt64
    public var schedule: SampleSchedule
    public var regime: Regime
    public var update: UpdateRule
    public var path: ComputationPath
    public var metrics: [String]
    public var trajectories: Bool
    /// Leading indices of every replicate's random stream: replicate r uses the stream
    /// (seed, streamPrefix + [r]). Empty for a plain run; a sweep point gets its own (`stream:`).
    public var streamPrefix: [UInt64] = []

    /// The simulation plan of this spec, at a thread count.
    public func plan(threads: Int) -> SimulationPlan {
        SimulationPlan(
            generations: generations, replicates: replicates, seed: seed, streamPrefix: streamPrefix,
            schedule: schedule,
            regime: regime, update: update, threads: threads)
    }

    /// The path actually taken (`auto` resolved).
    public var resolvedPath: ComputationPath {
        if path != .auto { return path }
        return family.statisticsPathAllowed(regime: regime) ? .statistics : .samples
    }

    /// Whether the closed forms of the Theory target apply: purely synthetic data, refitting.
    public var theoryApplies: Bool {
        regime == .replace && update == .refit
    }

    /// The resolved spec as a YAML value: every key, in a fixed order.
    public var resolved: SpecValue {
        var entries: [(key: String, value: SpecValue)] = [
            ("name", .scalar(name)),
            ("family", .scalar(type(of: family).name)),
        ]
        entries += family.resolvedKeys
        entries += [
            ("generations", .scalar(String(generations))),
            ("replicates", .scalar(String(replicates))),
            ("samples", ScheduleSpec.resolved(schedule)),
            ("regime", RegimeSpec.resolved(regime)),
            ("update", UpdateSpec.resolved(update)),
            ("path", .scalar(path.rawValue)),
            ("metrics", .list(metrics.map { .scalar($0) })),
            ("seed", .scalar(String(seed))),
            ("trajectories", .scalar(trajectories ? "true" : "false")),
        ]
        // Written only when set (sweep points), so plain runs' spec.yaml is unchanged.
        if !streamPrefix.isEmpty { entries.append(("stream", .list(streamPrefix.map { .scalar(String($0)) }))) }
        return .mapping(entries)
    }
}
