import Foundation
import ModelCollapse
import Statistics

/// The statistical test behind a claim. Every test reads across-replicate means and their standard
/// errors from summary.csv cells and decides at a stated level:
///
/// - *significance* tests (`greater`, `above`, `below`) agree only when the data show the effect:
///   the one-sided z of the difference reaches z* = Φ⁻¹(1 − α);
/// - *consistency* tests (`matchesTheory`, `notAbove`, `notGreater`) agree unless the data contradict
///   the claim at level α (for `matchesTheory`, Bonferroni over the generations checked).
///
/// Differences between two cells use the Welch standard error √(se_A² + se_B²). Between two runs
/// (independent streams) that is exact; between two generations of one run it overstates the
/// standard error when the cells are positively correlated, which makes significance tests
/// conservative. α = 0.001 by default; runs use fixed seeds, so a verdict does not change between
/// invocations.
public enum ClaimTest: Sendable {
    /// The simulated mean agrees with the closed form of the `theory` column at `generations` evenly
    /// spaced generations 1…T: max |mean − theory|/se ≤ Φ⁻¹(1 − α/(2k)). An asymptotic closed form
    /// gets `relativeTolerance` for its approximation error, stated with the claim:
    /// z = max(0, |mean − theory| − tolerance·|theory|)/se.
    case matchesTheory(run: String, metric: String, generations: Int, relativeTolerance: Double = 0)
    /// A's mean exceeds B's: (m_A − m_B)/√(se_A² + se_B²) ≥ z*.
    case greater(MetricReference, than: MetricReference)
    /// The mean exceeds a value: (m − v)/se ≥ z*.
    case above(MetricReference, Double)
    /// The mean is below a value: (v − m)/se ≥ z*.
    case below(MetricReference, Double)
    /// The mean does not exceed a bound: (m − bound)/se ≤ z*.
    case notAbove(MetricReference, bound: Double)
    /// A's mean does not exceed B's: (m_A − m_B)/√(se_A² + se_B²) ≤ z*.
    case notGreater(MetricReference, than: MetricReference)

    /// Family-wise level of each claim's test.
    public static let alpha = 0.001

    /// Decides the claim from the runs' summaries (run name → rows per generation).
    public func evaluate(_ results: [String: [[MetricSummary]]]) -> (outcome: Verdict.Outcome, measured: String, statistic: String) {
        switch self {
        case .matchesTheory(let run, let metric, let count, let tolerance):
            guard let rows = results[run], rows.count > 1 else { return Self.missing("run \(run)") }
            let last = rows.count - 1
            let generations = Self.evenlySpaced(count, last: last)
            var worst: (z: Double, row: MetricSummary)?
            var checked = 0
            for t in generations {
                guard let row = rows[t].first(where: { $0.metric == metric }) else { return Self.missing("\(run): \(metric)") }
                guard let theory = row.theory else { return Self.missing("\(run): theory for \(metric) at t=\(t)") }
                let gap = abs(row.mean - theory)
                let z = Self.z(gap.isNaN || gap.isInfinite ? gap : max(0, gap - tolerance * abs(theory)), row.standardError)
                checked += 1
                if worst == nil || abs(z) > abs(worst!.z) || z.isNaN { worst = (z, row) }
            }
            guard let worst else { return Self.missing("\(run): \(metric)") }
            let limit = SpecialFunctions.normalQuantile(1 - Self.alpha / Double(2 * checked))
            let agrees = abs(worst.z) <= limit
            let measured = "\(run): \(metric) \(Self.number(worst.row.mean)) vs theory \(Self.number(worst.row.theory!)) at t=\(worst.row.generation) (the largest |z| of \(checked) generations)"
            return (agrees ? .agrees : .disagrees, measured,
                    "max |z| = \(Self.number(abs(worst.z), digits: 3)) \(agrees ? "≤" : ">") \(Self.number(limit, digits: 3)) (Bonferroni over \(checked), α = \(Self.alpha)\(tolerance > 0 ? ", after a \(Self.number(100 * tolerance))% allowance for the asymptotic formula" : ""))")
        case .greater(let a, let b), .notGreater(let a, than: let b):
            guard let x = Self.cell(a, results) else { return Self.missing(a.description) }
            guard let y = Self.cell(b, results) else { return Self.missing(b.description) }
            let z = Self.z(x.mean - y.mean, (x.standardError * x.standardError + y.standardError * y.standardError).squareRoot())
            let measured = "\(a.run) \(Self.number(x.mean)) vs \(b.run) \(Self.number(y.mean)) (\(a.metric) at t=\(x.generation)\(a.metric == b.metric && x.generation == y.generation ? "" : " / \(b.metric) at t=\(y.generation)"))"
            let isSignificance: Bool
            if case .greater = self { isSignificance = true } else { isSignificance = false }
            return Self.oneSided(z, significance: isSignificance, measured: measured)
        case .above(let a, let value), .below(let a, let value), .notAbove(let a, bound: let value):
            guard let x = Self.cell(a, results) else { return Self.missing(a.description) }
            let measured = "\(a.run): \(a.metric) \(Self.number(x.mean)) ± \(Self.number(x.standardError)) (se) at t=\(x.generation)"
            switch self {
            case .above:
                return Self.oneSided(Self.z(x.mean - value, x.standardError), significance: true, measured: measured + ", threshold \(Self.number(value))")
            case .below:
                return Self.oneSided(Self.z(value - x.mean, x.standardError), significance: true, measured: measured + ", threshold \(Self.number(value))")
            default:
                return Self.oneSided(Self.z(x.mean - value, x.standardError), significance: false, measured: measured + ", bound \(Self.number(value))")
            }
        }
    }

    /// The one-sided decision at level α: a significance test agrees when z ≥ z*, a consistency
    /// test when z ≤ z* (a NaN z agrees with neither).
    static func oneSided(_ z: Double, significance: Bool, measured: String) -> (outcome: Verdict.Outcome, measured: String, statistic: String) {
        let zStar = SpecialFunctions.normalQuantile(1 - alpha)
        let agrees = significance ? z >= zStar : z <= zStar
        let relation = significance ? (agrees ? "≥" : "<") : (agrees ? "≤" : ">")
        return (agrees ? .agrees : .disagrees, measured,
                "one-sided z = \(number(z, digits: 3)) \(relation) \(number(zStar, digits: 3)) (α = \(alpha))")
    }

    /// z = difference/se; with se = 0 (every replicate equal) the sign of the difference decides,
    /// and a difference of ±∞ (a divergence that became infinite) is ±∞ whatever the se.
    static func z(_ difference: Double, _ se: Double) -> Double {
        if difference.isNaN { return .nan }
        if difference.isInfinite { return difference }
        if se.isNaN { return .nan }
        if se == 0 || se.isInfinite { return se == 0 ? (difference == 0 ? 0 : (difference > 0 ? .infinity : -.infinity)) : 0 }
        return difference / se
    }

    static func cell(_ reference: MetricReference, _ results: [String: [[MetricSummary]]]) -> MetricSummary? {
        guard let rows = results[reference.run], !rows.isEmpty else { return nil }
        let t = reference.generation.resolve(lastGeneration: rows.count - 1)
        return rows[t].first { $0.metric == reference.metric }
    }

    /// k generations spread evenly over 1…T, always including T.
    static func evenlySpaced(_ count: Int, last: Int) -> [Int] {
        guard last >= 1 else { return [] }
        let k = max(1, min(count, last))
        return Array(Set((1...k).map { Int((Double($0) * Double(last) / Double(k)).rounded()) })).sorted()
    }

    static func missing(_ what: String) -> (Verdict.Outcome, String, String) {
        (.missing, "not measured: \(what)", "—")
    }

    static func number(_ value: Double, digits: Int = 4) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "∞" : "−∞" }
        return String(format: "%.\(digits)g", value)
    }
}
