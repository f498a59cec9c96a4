/// The outcome of checking one claim against the runs of a reproduction.
public struct Verdict: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Codable {
        /// The measurement supports the claim by the stated test.
        case agrees
        /// The measurement contradicts the claim by the stated test.
        case disagrees
        /// The measurement the claim needs is not in the runs (a metric or run missing).
        case missing
    }

    public var reproduction: String
    public var claim: String
    public var outcome: Outcome
    /// What was measured, in words and numbers ("replace 0.3667 vs accumulate 0.9714 at t=100").
    public var measured: String
    /// The statistic and the rule that decided ("one-sided z = 41.2 ≥ 3.09, α = 0.001").
    public var statistic: String

    public init(reproduction: String, claim: String, outcome: Outcome, measured: String, statistic: String) {
        self.reproduction = reproduction
        self.claim = claim
        self.outcome = outcome
        self.measured = measured
        self.statistic = statistic
    }

    public var agrees: Bool { outcome == .agrees }
}
