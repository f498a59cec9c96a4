import ModelCollapse

/// summary.csv: `generation,metric,mean,sd,se,q05,q50,q95,theory`, generation-major, metrics in
/// spec order; `theory` empty where no closed form applies.
public enum SummaryCSV {
    public static let header = "generation,metric,mean,sd,se,q05,q50,q95,theory"

    public static func csv(_ rows: [[MetricSummary]]) -> String {
        var text = header + "\n"
        for generation in rows {
            for row in generation {
                let fields = [
                    String(row.generation), row.metric,
                    NumberFormat.csv(row.mean), NumberFormat.csv(row.standardDeviation),
                    NumberFormat.csv(row.standardError), NumberFormat.csv(row.q05),
                    NumberFormat.csv(row.q50), NumberFormat.csv(row.q95),
                    row.theory.map(NumberFormat.csv) ?? "",
                ]
                text += fields.joined(separator: ",") + "\n"
            }
        }
        return text
    }
}
