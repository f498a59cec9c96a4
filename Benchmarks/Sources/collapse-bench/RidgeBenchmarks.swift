import Families
import Foundation
import LinearAlgebra
import ModelCollapse

/// `collapse-bench ridge [--dimension d] [--samples n] [--generations T] [--replicates R] [--threads K]
/// [--ridge λ] [--backend swift|openblas|all] [--repeat 3]`: the linear-regression family's recursive ridge fit
/// (issue 5), defaults d = 500, n = 5,000, T = 20, R = 50: every generation draws a fresh design
/// X (n × d), labels y = Xŵ + ε, forms XᵀX and Xᵀy and solves (XᵀX + λI)w = Xᵀy. The whole
/// simulation is timed (replicates on K threads, K = all cores by default, one BLAS thread each);
/// `Benchmarks/ridge_numpy.py` does the same loop with `np.linalg.solve` for comparison.
/// Best of `--repeat` runs per backend; the backends available in this build are all
/// timed (build with `--traits OpenBLAS` for both).
func runRidgeBenchmarks(_ arguments: [String]) {
    func option(_ name: String, _ fallback: Int) -> Int {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1]) else { return fallback }
        return value
    }
    let d = option("--dimension", 500), n = option("--samples", 5_000)
    let generations = option("--generations", 20), replicates = option("--replicates", 50)
    let threads = option("--threads", ProcessInfo.processInfo.activeProcessorCount)
    let repetitions = option("--repeat", 3)
    var lambda = 1.0
    if let index = arguments.firstIndex(of: "--ridge"), index + 1 < arguments.count, let value = Double(arguments[index + 1]) { lambda = value }
    var backends = Backend.available
    if let index = arguments.firstIndex(of: "--backend"), index + 1 < arguments.count, arguments[index + 1] != "all" {
        guard let chosen = Backend(rawValue: arguments[index + 1]), Backend.available.contains(chosen) else {
            print("backend \(arguments[index + 1]) is not available in this build (available: \(Backend.available.map(\.rawValue).joined(separator: ", ")))")
            exit(64)
        }
        backends = [chosen]
    }

    let truth = RegressionTruth(
        weights: [Double](repeating: 1 / Double(d).squareRoot(), count: d), spectrum: [Double](repeating: 1, count: d), noise: 1)
    let plan = SimulationPlan(
        generations: generations, replicates: replicates, seed: 7, schedule: .constant(n), regime: .replace,
        threads: threads)
    let chain = ReplicateChain(
        source: LinearRegressionSource<RegressionSampleBatch>(truth: truth),
        learner: LinearRegressionLearner<RegressionSampleBatch>(truth: truth, ridge: lambda, syntheticNoise: 1, design: .fresh),
        evaluation: LinearRegressionEvaluation(truth: truth, metrics: [.excessRisk]),
        plan: plan)
    let fits = generations * replicates
    print("ridge fit d=\(d) n=\(n) λ=\(lambda): \(generations) generations × \(replicates) replicates = \(fits) fits, \(threads) threads")
    print(BenchmarkTable.left("backend", 10), BenchmarkTable.right("seconds", 10), BenchmarkTable.right("ms/fit", 10), BenchmarkTable.right("GFlop/s", 10), BenchmarkTable.right("excess(T)", 12))
    for backend in backends {
        Backend.preferred = backend
        var best = Double.infinity
        var excess = 0.0
        let clock = ContinuousClock()
        for _ in 0..<max(1, repetitions) {
            var result: SimulationResult? = nil
            let elapsed = clock.measure { result = Simulation(chain: chain).run() }
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            excess = result!.rows[generations].first!.mean
        }
        // n·d² for XᵀX (symmetric), 2nd for the design product and Xᵀy, d³/3 for Cholesky.
        let flops = Double(fits) * (Double(n) * Double(d) * Double(d) + 4 * Double(n) * Double(d) + Double(d * d * d) / 3)
        print(BenchmarkTable.left(backend.rawValue, 10), String(format: "%10.2f %10.2f %10.2f %12.5f", best, best * 1000 / Double(fits), flops / best / 1e9, excess))
    }
}
