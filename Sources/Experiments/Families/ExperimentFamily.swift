import ModelCollapse

/// A model family as the spec and the CLI see it: its keys, metrics, and how to run it.
///
/// The existential `any ExperimentFamily` is used only at the top of a run: ``run(_:control:)``
/// calls ``RunControl/simulate(source:learner:evaluation:plan:)`` with
/// concrete types, so the replicate loop specialises.
public protocol ExperimentFamily: Sendable {
    /// The value of `family:` in a spec.
    static var name: String { get }
    /// One line for `collapse families`.
    static var summary: String { get }
    /// The family's own spec keys.
    static var keys: [KeyDocumentation] { get }
    /// Metric names with a line each.
    static var metrics: [(name: String, summary: String)] { get }
    /// The metrics a spec gets when it lists none.
    static var defaultMetrics: [String] { get }

    /// Reads the family's keys from the top-level mapping of a spec.
    static func parse(_ reader: SpecReader) throws -> Self

    /// The family's keys with every default written out, in spec order.
    var resolvedKeys: [(key: String, value: SpecValue)] { get }
    /// Whether `update: {incremental: …}` is supported.
    var supportsIncrementalUpdate: Bool { get }
    /// Whether the sufficient-statistics path can run this regime.
    func statisticsPathAllowed(regime: Regime) -> Bool
    /// Checks the combination of family keys and common keys (sizes, estimator…).
    func validate(_ spec: ExperimentSpec) throws
    /// Runs the experiment.
    func run(_ spec: ExperimentSpec, control: RunControl) -> SimulationResult
    /// Closed-form expectations per metric and generation (index = generation), where they exist.
    func theory(_ spec: ExperimentSpec) -> [String: [Double?]]
}

/// Every family the spec can name.
public enum FamilyRegistry {
    public static let families: [any ExperimentFamily.Type] = [
        GaussianFamily.self,
        CategoricalFamily.self, NextTokenFamily.self,
        BernoulliFamily.self, PoissonFamily.self, ExponentialDistributionFamily.self,
        KernelDensityFamily.self, GaussianMixtureFamily.self,
        LinearRegressionFamily.self, StrongCollapseFamily.self, RandomFeaturesFamily.self,
        MLPLabelsFamily.self, SelfTrainingFamily.self, RefinementFamily.self,
        NGramLMFamily.self,
        KnowledgeFamily.self,
    ]

    public static var names: [String] { families.map { $0.name } }

    public static func family(named name: String) -> (any ExperimentFamily.Type)? {
        families.first { $0.name == name }
    }
}
