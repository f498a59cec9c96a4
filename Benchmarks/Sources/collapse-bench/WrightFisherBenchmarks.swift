import Dispatch
import Families
import Foundation
import ModelCollapse

/// `collapse-bench wright-fisher`: the issue-4 benchmark. Neutral Wright–Fisher resampling through
/// the engine — the categorical family, MLE, regime `replace`, the multinomial (statistics) path:
/// K categories (uniform truth), n draws per generation, T fits (the first on n real draws), R
/// replicates, metrics `collision` and `support` measured every generation. Prints the best wall
/// seconds of `--repetitions` runs (default 3), ns per replicate-generation, the number of binomial
/// draws (the categories still alive, summed over generations), and the mean collision at T
/// against its closed form
/// 1 − (1 − 1/n)^T (1 − 1/K) as a check that the work was done. Compare with
/// `python3 Benchmarks/wright_fisher_numpy.py` (same defaults) in the same sitting.
///
///     swift run -c release --package-path Benchmarks collapse-bench wright-fisher \
///         [--categories K] [--samples n] [--generations T] [--replicates R] [--threads k] [--repetitions N]
func runWrightFisherBenchmark(_ arguments: [String]) {
    var categories = 1000, samples = 10_000, generations = 1000, replicates = 1000
    var threads = ProcessInfo.processInfo.activeProcessorCount
    var repetitions = 3
    var index = 0
    while index < arguments.count {
        let value = index + 1 < arguments.count ? Int(arguments[index + 1]) : nil
        switch (arguments[index], value) {
        case ("--categories", let v?): categories = v
        case ("--samples", let v?): samples = v
        case ("--generations", let v?): generations = v
        case ("--replicates", let v?): replicates = v
        case ("--threads", let v?): threads = v
        case ("--repetitions", let v?): repetitions = max(1, v)
        default:
            print("usage: collapse-bench wright-fisher [--categories K] [--samples n] [--generations T] [--replicates R] [--threads k] [--repetitions N]")
            exit(64)
        }
        index += 2
    }
    let truth = [Double](repeating: 1 / Double(categories), count: categories)
    let plan = SimulationPlan(
        generations: generations, replicates: replicates, seed: 7, schedule: .constant(samples), regime: .replace,
        threads: threads)
    let chain = ReplicateChain(
        source: CategoricalSource(truth: CategoricalModel(probabilities: truth)),
        learner: CategoricalLearner(categoryCount: categories, estimator: .mle, sampling: .multinomial),
        evaluation: CategoricalEvaluation(truth: DiscreteTruth(probabilities: truth), metrics: [.collision, .support]),
        plan: plan)
    let clock = ContinuousClock()
    var result: SimulationResult?
    var seconds = Double.infinity
    for _ in 0..<repetitions {
        let elapsed = clock.measure { result = Simulation(chain: chain).run() }
        seconds = min(seconds, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    let last = result!.rows[generations]
    let aliveDraws = (1..<generations).reduce(0.0) { $0 + result!.rows[$1][1].mean } * Double(replicates)
    let collision = last[0].mean
    let expected = 1 - pow(1 - 1 / Double(samples), Double(generations)) * (1 - 1 / Double(categories))
    print("benchmark                                            seconds  ns/gen   mean collision (theory)   mean support")
    let label = "swift wright-fisher K=\(categories) n=\(samples) T=\(generations) R=\(replicates) threads=\(threads)"
    print(
        BenchmarkTable.left(label, 52),
        String(format: "%8.3f %7.1f   %.6f (%.6f ± %.6f)   %.2f",
               seconds, seconds * 1e9 / Double(replicates * generations), collision, expected,
               last[0].standardError, last[1].mean))
    print(String(format: "best of %d; binomial draws (alive categories): %.3e, %.1f ns of wall time × threads each",
                 repetitions, aliveDraws, seconds * 1e9 * Double(threads) / aliveDraws))
}
