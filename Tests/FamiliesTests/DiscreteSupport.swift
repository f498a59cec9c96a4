import Families
import ModelCollapse
import Randomness
import Statistics

// Statistical checks in the discrete-family tests run at fixed seeds: a simulated mean must lie
// within 4.5 standard errors of its expectation (two-sided false-failure rate ≈ 6.8·10⁻⁶ per
// check), and a goodness-of-fit test must give p ≥ 10⁻⁴ (false-failure rate 10⁻⁴ per test).

let discreteGoodnessOfFitLevel = 1e-4

/// Runs a categorical chain.
func simulateCategorical(
    truth: [Double], estimator: CategoricalEstimator = .mle, sampling: DiscreteSampling = .multinomial,
    dataSet: [Int]? = nil, schedule: SampleSchedule, generations: Int, replicates: Int,
    metrics: [CategoricalMetric], regime: Regime = .replace, update: UpdateRule = .refit, seed: UInt64 = 21
) -> SimulationResult {
    let plan = SimulationPlan(
        generations: generations, replicates: replicates, seed: seed, schedule: schedule, regime: regime,
        update: update, threads: 2)
    let chain = ReplicateChain(
        source: CategoricalSource(
            truth: CategoricalModel(probabilities: truth), kind: dataSet.map { .dataSet($0) } ?? .distribution,
            sampling: sampling),
        learner: CategoricalLearner(categoryCount: truth.count, estimator: estimator, sampling: sampling),
        evaluation: CategoricalEvaluation(truth: DiscreteTruth(probabilities: truth), metrics: metrics),
        plan: plan)
    return Simulation(chain: chain).run()
}

extension SimulationResult {
    func row(_ metric: String, at generation: Int) -> MetricSummary {
        rows[generation].first { $0.metric == metric }!
    }
}

/// |difference of two simulated means| in standard errors of the difference.
func twoSampleZ(_ a: MetricSummary, _ b: MetricSummary) -> Double {
    let se = (a.standardError * a.standardError + b.standardError * b.standardError).squareRoot()
    if se == 0 { return a.mean == b.mean ? 0 : .infinity }
    return abs(a.mean - b.mean) / se
}

/// Chi-square p-value of integer draws against a pmf over 0…(pmf.count − 1), bins pooled to ≥ 10.
func chiSquarePValue(_ draws: [Int], pmf: [Double]) -> Double {
    var observed = [Int](repeating: 0, count: pmf.count)
    for x in draws { observed[x] += 1 }
    let pooled = ChiSquareTest.pooled(
        observed: observed, expected: pmf.map { $0 * Double(draws.count) }, minimumExpected: 10)
    return ChiSquareTest.goodnessOfFit(observed: pooled.observed, expected: pooled.expected).pValue
}
