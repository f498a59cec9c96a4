/// A generation named in a claim, resolved against the run's last generation so that the same claim
/// reads the same point of a full-size and a `--quick` run.
public enum GenerationReference: Sendable, Equatable, CustomStringConvertible {
    /// Generation 0: the truth or the real data set.
    case truth
    /// The first fitted model (generation 1).
    case first
    /// The last generation of the run.
    case last
    /// A fixed generation, clamped to the run's last.
    case at(Int)
    /// The generation ⌊f·T⌉ of a run with T generations (at least 1).
    case fraction(Double)

    public func resolve(lastGeneration: Int) -> Int {
        switch self {
        case .truth: return 0
        case .first: return min(1, lastGeneration)
        case .last: return lastGeneration
        case .at(let t): return min(max(0, t), lastGeneration)
        case .fraction(let f): return min(lastGeneration, max(1, Int((f * Double(lastGeneration)).rounded())))
        }
    }

    public var description: String {
        switch self {
        case .truth: return "t=0"
        case .first: return "t=1"
        case .last: return "t=T"
        case .at(let t): return "t=\(t)"
        case .fraction(let f): return "t=\(f == f.rounded() ? String(Int(f)) : String(f))T"
        }
    }
}
