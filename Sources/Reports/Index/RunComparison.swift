/// Two runs side by side: their common metrics, aligned by generation, and a chart of both.
public struct RunComparison: Sendable, Equatable {
    public var first: RunRecord
    public var second: RunRecord

    public init(first: RunRecord, second: RunRecord) {
        self.first = first
        self.second = second
    }

    /// The metrics both runs have, in the first run's order.
    public var commonMetrics: [String] {
        let other = Set(second.summary.metrics)
        return first.summary.metrics.filter(other.contains)
    }

    /// One line of the side-by-side table.
    public struct Row: Sendable, Equatable {
        public var generation: Int
        public var first: SummaryRow?
        public var second: SummaryRow?

        /// second.mean − first.mean.
        public var difference: Double? {
            guard let a = first, let b = second else { return nil }
            return b.mean - a.mean
        }

        /// The difference in standard errors: (b − a) / √(se_a² + se_b²) (independent runs).
        public var z: Double? {
            guard let a = first, let b = second, let d = difference, d.isFinite else { return nil }
            let se = (a.se * a.se + b.se * b.se).squareRoot()
            if se > 0, se.isFinite { return d / se }
            return d == 0 ? 0 : nil
        }
    }

    /// Every generation either run has for `metric`, in order.
    public func rows(metric: String) -> [Row] {
        let a = first.summary.rows(metric: metric), b = second.summary.rows(metric: metric)
        let generations = Array(Set(a.map(\.generation) + b.map(\.generation))).sorted()
        return generations.map { g in
            Row(generation: g, first: a.first { $0.generation == g }, second: b.first { $0.generation == g })
        }
    }

    /// Legend labels that tell the runs apart even when they share a name.
    public var labels: (String, String) {
        var a = first.label, b = second.label
        if a == b {
            a = "\(first.run.name) (\(first.run.directoryName))"
            b = "\(second.run.name) (\(second.run.directoryName))"
            if a == b { a = "first: " + a; b = "second: " + b }
        }
        return (a, b)
    }

    /// A chart of `metric` with both runs (means, bands, theory).
    public func chart(metric: String, yScale: AxisScale = .automatic) -> LineChart {
        let (a, b) = labels
        return LineChart(
            title: "\(metric): \(a) vs \(b)", yLabel: metric,
            series: [
                ChartSeries(label: a, rows: first.summary.rows(metric: metric)),
                ChartSeries(label: b, rows: second.summary.rows(metric: metric)),
            ],
            yScale: yScale)
    }

    /// The side-by-side table of `metric` at the selected generations, as plain text.
    public func table(metric: String) -> TextTable {
        let rows = rows(metric: metric)
        let chosen = Set(GenerationSelection.selected(from: rows.map(\.generation)))
        let f = { (x: Double?) in x.map { NumberFormatting.significant($0) } ?? "" }
        let (a, b) = labels
        return TextTable(
            header: ["generation", "mean (\(a))", "se", "mean (\(b))", "se", "difference", "z"],
            rows: rows.filter { chosen.contains($0.generation) }.map { row in
                [
                    String(row.generation), f(row.first?.mean), row.first.map { NumberFormatting.significant($0.se, digits: 3) } ?? "",
                    f(row.second?.mean), row.second.map { NumberFormatting.significant($0.se, digits: 3) } ?? "",
                    f(row.difference), row.z.map { NumberFormatting.fixed($0, decimals: 2) } ?? "",
                ]
            },
            alignRight: [0, 1, 2, 3, 4, 5, 6])
    }
}
