import Foundation

/// How well a run's simulated means agree with a closed-form prediction, metric by metric.
///
/// At each generation, z = (mean − theory) / se. A simulation that matches the theory gives
/// |z| ≤ 4 at almost every generation (a false flag at a given generation has probability about
/// 6·10⁻⁵ under normality); a flag (|z| > 4) points at a bug, a bias, or a theory that does not
/// apply to this spec.
///
/// The z-score needs the mean over R replicates to be close to normal. For a heavily right-skewed
/// metric that is not so: the variance after many generations of collapse is close to log-normal
/// with a log-sd growing like √t, a few replicates carry most of the mean, and the sample mean sits
/// below the expectation by many "standard errors" without any bug. Rows where the replicate
/// distribution is that skewed are marked `heavyTailed` (see `isHeavyTailed`), and their flags are
/// reported as inconclusive rather than as disagreement.
public struct TheoryAgreement: Sendable, Equatable {
    /// |z| above this is flagged.
    public static let flagThreshold = 4.0

    public struct Row: Sendable, Equatable {
        public var generation: Int
        public var mean: Double
        public var se: Double
        public var theory: Double
        public var z: Double?
        /// The replicate distribution is too skewed for a normal z (see `isHeavyTailed`).
        public var heavyTailed: Bool = false
        public var flagged: Bool { z.map { !($0.magnitude <= TheoryAgreement.flagThreshold) } ?? false }
        /// Flagged where the z-score can be trusted: evidence of disagreement.
        public var disagrees: Bool { flagged && !heavyTailed }
    }

    public var metric: String
    /// Every generation with a theory value.
    public var rows: [Row]

    /// - Parameter replicates: R, the number of replicates behind each mean (nil: unknown, and no
    ///   row is marked heavy-tailed).
    public init(metric: String, rows: [SummaryRow], replicates: Int? = nil) {
        self.metric = metric
        self.rows = rows.sorted { $0.generation < $1.generation }.compactMap { row in
            guard let theory = row.theory else { return nil }
            return Row(
                generation: row.generation, mean: row.mean, se: row.se, theory: theory, z: row.theoryZScore,
                heavyTailed: replicates.map { TheoryAgreement.isHeavyTailed(row, replicates: $0) } ?? false)
        }
    }

    /// One agreement per metric that has theory somewhere, in the given order.
    public static func all(summary: SummaryTable, metrics: [String], replicates: Int? = nil) -> [TheoryAgreement] {
        metrics.map { TheoryAgreement(metric: $0, rows: summary.rows(metric: $0), replicates: replicates) }
            .filter { !$0.rows.isEmpty }
    }

    /// Whether the mean of `replicates` draws from this row's distribution is too skewed for a
    /// normal z-score, judged from its quantiles.
    ///
    /// Only right-skewed positive metrics are judged (q05 > 0 and Bowley's quantile skewness
    /// (q95 + q05 − 2·q50)/(q95 − q05) > 0.2). Their distribution is approximated by a log-normal
    /// with log-sd σ = ln(q95/q05)/(2·1.645), whose skewness is G = (e^{σ²} + 2)·√(e^{σ²} − 1);
    /// by Cochran's rule the mean of R draws is near-normal only when R ≥ 25·G².
    public static func isHeavyTailed(_ row: SummaryRow, replicates: Int) -> Bool {
        guard replicates > 0, row.q05 > 0, row.q50.isFinite, row.q95.isFinite, row.q95 > row.q05 else { return false }
        let bowley = (row.q95 + row.q05 - 2 * row.q50) / (row.q95 - row.q05)
        guard bowley > 0.2 else { return false }
        let sigma = Foundation.log(row.q95 / row.q05) / (2 * 1.6448536269514722)
        let variance = sigma * sigma
        guard variance < 50 else { return true }
        let skewness = (Foundation.exp(variance) + 2) * (Foundation.exp(variance) - 1).squareRoot()
        return Double(replicates) < 25 * skewness * skewness
    }

    /// Flagged generations where the z-score can be trusted.
    public var disagreeing: [Row] { rows.filter(\.disagrees) }

    /// The generations whose |z| exceeds the threshold (non-finite z counts as exceeding).
    public var flagged: [Row] { rows.filter(\.flagged) }

    /// The row with the largest |z| (nil when no row has a z-score).
    public var worst: Row? {
        rows.filter { $0.z != nil }.max { a, b in
            let za = a.z!.isNaN ? Double.infinity : a.z!.magnitude
            let zb = b.z!.isNaN ? Double.infinity : b.z!.magnitude
            return za < zb || (za == zb && a.generation > b.generation)
        }
    }
}
