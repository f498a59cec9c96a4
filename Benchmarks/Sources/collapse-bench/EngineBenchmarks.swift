import Families
import Foundation
import ModelCollapse
import Randomness

// collapse-bench engine [--replicates R] [--samples n] [--generations T] [--threads K]
//
// Issue 3's benchmark: the Gaussian family, 1-D, MLE, replace, R = 10,000 replicates, n = 100,
// T = 100, on K threads (default: all cores). Prints ns per sample (R·n·T samples) for the sample
// path and the sufficient-statistics path, and, in the same sitting, the raw normal sampler's ns
// per draw on one thread and on K threads, for the ratio. Compare with
// `python3 Benchmarks/engine_numpy_reference.py` (one core).

func runEngineBenchmarks(_ arguments: [String]) {
    func option(_ name: String, _ fallback: Int) -> Int {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1]) else { return fallback }
        return value
    }
    let replicates = option("--replicates", 10_000)
    let n = option("--samples", 100)
    let generations = option("--generations", 100)
    let threads = option("--threads", ProcessInfo.processInfo.activeProcessorCount)
    let samples = replicates * n * generations

    print(BenchmarkTable.left("benchmark", 44), BenchmarkTable.right("samples", 14), BenchmarkTable.right("seconds", 9), BenchmarkTable.right("ns/sample", 10))
    func report(_ label: String, _ count: Int, _ seconds: Double) {
        print(BenchmarkTable.left(label, 44), String(format: "%14d %9.3f %10.3f", count, seconds, seconds * 1e9 / Double(count)))
    }

    // The raw sampler on 1 and on K threads: n·T draws per replicate into a reused buffer.
    func rawNormal(threads: Int) -> Double {
        BenchmarkTable.bestTime {
            let perThread = (replicates + threads - 1) / threads
            DispatchQueue.concurrentPerform(iterations: threads) { worker in
                var generator = RandomStream.generator(seed: 1, UInt64(worker))
                var buffer = [Double](repeating: 0, count: n)
                var sink = 0.0
                for _ in 0..<(perThread * generations) {
                    Normal().fill(&buffer, using: &generator)
                    sink += buffer[0]
                }
                precondition(sink.isFinite)
            }
            return 0
        }.seconds
    }
    report("raw normal fill, 1 thread", samples, rawNormal(threads: 1))
    report("raw normal fill, \(threads) threads", samples, rawNormal(threads: threads))

    for metrics in [[GaussianMetric.variance], GaussianMetric.defaults] {
        for path in ["samples", "statistics"] {
            let seconds = BenchmarkTable.bestTime {
                let plan = SimulationPlan(generations: generations, replicates: replicates, seed: 7, schedule: .constant(n), threads: threads)
                let truth = UnivariateGaussianModel(mean: 0, variance: 1)
                let evaluation = UnivariateGaussianEvaluation(truth: truth, metrics: metrics, collapseThreshold: 1e-3)
                let result: SimulationResult
                if path == "samples" {
                    result = Simulation(chain: ReplicateChain(
                        source: UnivariateGaussianSource<UnivariateSampleBatch>(mean: 0, variance: 1),
                        learner: UnivariateGaussianLearner<UnivariateSampleBatch>(estimator: .mle),
                        evaluation: evaluation, plan: plan)).run()
                } else {
                    result = Simulation(chain: ReplicateChain(
                        source: UnivariateGaussianSource<UnivariateStatisticsBatch>(mean: 0, variance: 1),
                        learner: UnivariateGaussianLearner<UnivariateStatisticsBatch>(estimator: .mle),
                        evaluation: evaluation, plan: plan)).run()
                }
                return result.rows[generations][0].mean
            }.seconds
            let label = "gaussian mle replace \(path), \(metrics.count) metric\(metrics.count == 1 ? "" : "s"), \(threads)t"
            report(label, samples, seconds)
        }
    }
}
