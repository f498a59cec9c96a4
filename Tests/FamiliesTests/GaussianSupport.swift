import Families
import ModelCollapse

/// Runs the 1-D Gaussian family on either path.
func simulateUnivariate<B: UnivariateGaussianBatch>(
    _ batch: B.Type, estimator: GaussianEstimator, fitMode: GaussianFitMode = .meanAndVariance,
    schedule: SampleSchedule, generations: Int, replicates: Int, metrics: [GaussianMetric],
    regime: Regime = .replace, update: UpdateRule = .refit, seed: UInt64 = 11, threads: Int = 2
) -> SimulationResult {
    let truth = UnivariateGaussianModel(mean: 0, variance: 1)
    let plan = SimulationPlan(
        generations: generations, replicates: replicates, seed: seed, schedule: schedule,
        regime: regime, update: update, threads: threads)
    let chain = ReplicateChain(
        source: UnivariateGaussianSource<B>(mean: 0, variance: 1),
        learner: UnivariateGaussianLearner<B>(estimator: estimator, fitMode: fitMode, knownVariance: 1),
        evaluation: UnivariateGaussianEvaluation(truth: truth, metrics: metrics, collapseThreshold: 1e-3),
        plan: plan)
    return Simulation(chain: chain).run()
}

extension SimulationResult {
    func row(_ metric: GaussianMetric, at generation: Int) -> MetricSummary {
        rows[generation].first { $0.metric == metric.rawValue }!
    }
}

/// |simulated mean − expected| in standard errors of the simulated mean.
func zScore(_ row: MetricSummary, _ expected: Double) -> Double {
    abs(row.mean - expected) / row.standardError
}
