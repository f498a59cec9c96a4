import ModelCollapse

/// A seed paper's headline result as runs and claims: `collapse reproduce NAME` runs every run of
/// the reproduction and checks every claim against them (ReproductionCatalogue lists them).
public struct Reproduction: Sendable {
    /// Command-line name (`collapse reproduce NAME`).
    public var name: String
    /// The paper, as it is cited ("Shumailov et al. 2024, Nature").
    public var paper: String
    /// The result in one line.
    public var title: String
    public var runs: [ReproductionRun]
    public var claims: [Claim]

    public init(name: String, paper: String, title: String, runs: [ReproductionRun], claims: [Claim]) {
        self.name = name
        self.paper = paper
        self.title = title
        self.runs = runs
        self.claims = claims
    }

    /// Checks every claim against the runs' summaries (run name → rows per generation).
    public func verdicts(_ results: [String: [[MetricSummary]]]) -> [Verdict] {
        claims.map { claim in
            let (outcome, measured, statistic) = claim.test.evaluate(results)
            return Verdict(reproduction: name, claim: claim.statement, outcome: outcome, measured: measured, statistic: statistic)
        }
    }
}
