/// How well a run's simulated means agree with a closed-form prediction, metric by metric.
///
/// At each generation, z = (mean − theory) / se. A simulation that matches the theory gives
/// |z| ≤ 4 at almost every generation (a false flag at a given generation has probability about
/// 6·10⁻⁵ under normality); a flag (|z| > 4) points at a bug, a bias, or a theory that does not
/// apply to this spec.
public struct TheoryAgreement: Sendable, Equatable {
    /// |z| above this is flagged.
    public static let flagThreshold = 4.0

    public struct Row: Sendable, Equatable {
        public var generation: Int
        public var mean: Double
        public var se: Double
        public var theory: Double
        public var z: Double?
        public var flagged: Bool { z.map { !($0.magnitude <= TheoryAgreement.flagThreshold) } ?? false }
    }

    public var metric: String
    /// Every generation with a theory value.
    public var rows: [Row]

    public init(metric: String, rows: [SummaryRow]) {
        self.metric = metric
        self.rows = rows.sorted { $0.generation < $1.generation }.compactMap { row in
            guard let theory = row.theory else { return nil }
            return Row(generation: row.generation, mean: row.mean, se: row.se, theory: theory, z: row.theoryZScore)
        }
    }

    /// One agreement per metric that has theory somewhere, in the given order.
    public static func all(summary: SummaryTable, metrics: [String]) -> [TheoryAgreement] {
        metrics.map { TheoryAgreement(metric: $0, rows: summary.rows(metric: $0)) }.filter { !$0.rows.isEmpty }
    }

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
