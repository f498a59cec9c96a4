/// A sentence from a paper, and the statistical test on the runs that decides whether the
/// simulation agrees with it.
public struct Claim: Sendable {
    /// The claim in the paper's terms ("replacing the data makes the variance collapse").
    public var statement: String
    public var test: ClaimTest

    public init(_ statement: String, _ test: ClaimTest) {
        self.statement = statement
        self.test = test
    }
}
