import Foundation

/// Timing and the fixed-format table shared by all suites (`numpy_reference.py` prints the same).
enum BenchmarkTable {
    static let repetitions = 5

    /// Columns as printf `%-14s %-34s %12s %10s %12s`.
    static func header() {
        print(left("sampler", 14), left("parameters", 34), right("draws", 12), right("ns/draw", 10), right("draws/s", 12))
    }

    /// Columns as printf `%-14s %-34s %12d %10.2f %12.3e`.
    static func row(_ sampler: String, _ parameters: String, draws: Int, seconds: Double) {
        let nanoseconds = seconds * 1e9 / Double(draws)
        print(left(sampler, 14), left(parameters, 34), String(format: "%12d %10.2f %12.3e",
              draws, nanoseconds, Double(draws) / seconds))
    }

    static func left(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func right(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// Best (smallest) wall time, in seconds, of `repetitions` runs of `body`, and the sum of what
    /// the runs returned: the caller prints it, so the optimiser cannot drop the work.
    static func bestTime(_ body: () -> Double) -> (seconds: Double, checksum: Double) {
        let clock = ContinuousClock()
        var best = Double.infinity
        var checksum = 0.0
        for _ in 0..<repetitions {
            var result = 0.0
            let elapsed = clock.measure { result = body() }
            checksum += result
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            best = min(best, seconds)
        }
        return (best, checksum)
    }
}
