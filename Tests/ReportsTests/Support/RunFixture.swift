import Foundation
import Reports

/// A run directory written by test code, shaped like the engine's output for a Gaussian run in
/// the replace regime: E σ_t² = (1 − 1/n)^t, with deterministic (not random) numbers.
struct RunFixture {
    var name = "gaussian-replace"
    var family = "gaussian"
    var generations = 100
    var samples = 10
    var replicates = 1000
    var seed: UInt64 = 7
    /// The simulated mean of `variance` sits this many standard errors from the theory.
    var varianceOffsetInSE = 0.0
    /// Adds a `tail-mass` metric with inf and nan values.
    var includeNonFinite = false
    var status = "complete"
    var started = "2026-11-21T23:10:00Z"
    var warnings: [String] = ["variance reached 0 in 3 replicates"]
    /// Text appended to spec.yaml (to check escaping).
    var specExtra = "note: \"<script>alert('x')</script> & friends\"\n"

    var metrics: [String] { ["variance", "log-variance", "mean-error"] + (includeNonFinite ? ["tail-mass"] : []) }

    func summaryRows() -> [SummaryRow] {
        var rows: [SummaryRow] = []
        let ratio = 1 - 1 / Double(samples)
        for metric in metrics {
            for t in 0...generations {
                let g = Double(t)
                switch metric {
                case "variance":
                    let theory = Foundation.pow(ratio, g)
                    let se = t == 0 ? 0 : theory * 0.01
                    let mean = theory + se * (varianceOffsetInSE + 0.3 * Foundation.sin(g))
                    rows.append(SummaryRow(
                        generation: t, metric: metric, mean: mean, sd: se * 31.6, se: se,
                        q05: mean * 0.3, q50: mean * 0.9, q95: mean * 1.8, theory: theory))
                case "log-variance":
                    let mean = g * Foundation.log(ratio) - 0.005 * g
                    rows.append(SummaryRow(
                        generation: t, metric: metric, mean: mean, sd: 0.1 * g.squareRoot(), se: 0.003 * g.squareRoot(),
                        q05: mean - 0.16 * g.squareRoot(), q50: mean, q95: mean + 0.16 * g.squareRoot()))
                case "mean-error":
                    let mean = 0.6 * (1 - Foundation.exp(-g / 5))
                    rows.append(SummaryRow(
                        generation: t, metric: metric, mean: mean, sd: mean * 0.8, se: mean * 0.025,
                        q05: mean * 0.05, q50: mean * 0.85, q95: mean * 2.4))
                default:  // tail-mass: dies out, then undefined
                    let mean: Double = t > generations / 2 ? .nan : (t == generations / 2 ? .infinity : 0.05 * Foundation.pow(0.9, g))
                    rows.append(SummaryRow(
                        generation: t, metric: metric, mean: mean, sd: 0.01, se: 0.0003,
                        q05: mean.isFinite ? mean * 0.5 : mean, q50: mean, q95: mean.isFinite ? mean * 1.5 : mean))
                }
            }
        }
        return rows
    }

    var spec: String {
        """
        name: \(name)
        family: \(family)
        truth: {mean: 0.0, variance: 1.0}
        estimator: mle
        fit: mean-and-variance
        generations: \(generations)
        replicates: \(replicates)
        samples: \(samples)
        regime: replace
        seed: \(seed)
        metrics: [\(metrics.joined(separator: ", "))]

        """ + specExtra
    }

    func manifestJSON() -> String {
        let warningsJSON = warnings.map { "\"\($0)\"" }.joined(separator: ",")
        let metricsJSON = metrics.map { "\"\($0)\"" }.joined(separator: ",")
        return """
            {"tool":"collapse","version":"0.1.0","gitCommit":null,"name":"\(name)","family":"\(family)",
             "seed":\(seed),"replicates":\(replicates),"generations":\(generations),"threads":2,"path":"statistics",
             "metrics":[\(metricsJSON)],"specHash":"\(String(repeating: "ab", count: 32))",
             "started":"\(started)","finished":"2026-11-21T23:10:03Z","wallSeconds":3.2,"status":"\(status)",
             "warnings":[\(warningsJSON)]}
            """
    }

    /// Writes spec.yaml, manifest.json and summary.csv into `directory` (created if needed).
    @discardableResult
    func write(to directory: URL) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(spec.utf8).write(to: directory.appendingPathComponent("spec.yaml"))
        try Data(manifestJSON().utf8).write(to: directory.appendingPathComponent("manifest.json"))
        try Data(SummaryTable(rows: summaryRows()).csv().utf8).write(to: directory.appendingPathComponent("summary.csv"))
        return directory
    }
}
