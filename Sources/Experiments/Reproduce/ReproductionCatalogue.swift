/// The seed papers' headline results that `collapse reproduce` runs and checks (RESEARCH.md gives
/// the formulas and checked numbers). Each reproduction's runs are bundled presets with overrides;
/// `--quick` shrinks replicates and generations so that all of them run in the test suite. Every
/// claim keeps its meaning at both sizes: generations are named relative to the run's last
/// (`.last`, `.fraction(0.5)`), and the tests' statistics use the standard errors of the size that ran.
public enum ReproductionCatalogue {
    /// Every reproduction, in the order `--list` and `--all` use.
    public static var all: [Reproduction] {
        [
            shumailovGaussian, shumailovMixture, xuSampleGrowth, gerstgrasserRegression,
            dohmatobStrongCollapse, dohmatobModelSize, seddikNextToken, kanabarGastparDiscrete,
            lostInRetraining, fuKernelDensity, bertrandStability, stochasticApproximation,
            draysonDecoding, draysonImportance, knowledgeStages, knowledgeDomain,
            networkSyntheticLabels, selfTraining,
        ]
    }

    public static func named(_ name: String) -> Reproduction? { all.first { $0.name == name } }

    // MARK: - Gaussian (RESEARCH.md §1)

    /// Shumailov et al. 2024 (Nature), Thm 3.1; accumulation after Gerstgrasser et al. 2024.
    static let shumailovGaussian = Reproduction(
        name: "shumailov-gaussian",
        paper: "Shumailov et al. 2024, Nature (Thm 3.1); Gerstgrasser et al. 2024",
        title: "A Gaussian refitted on its own samples loses its variance; accumulating the data keeps it",
        runs: [
            ReproductionRun("replace", preset: "gaussian-replace", ["metrics=[variance, log-variance, std, w2-squared, collapsed]"],
                            quick: ["replicates=400", "generations=60"]),
            ReproductionRun("accumulate", preset: "gaussian-replace", ["regime=accumulate", "metrics=[variance, log-variance, std, w2-squared, collapsed]"],
                            quick: ["replicates=400", "generations=60"]),
        ],
        claims: [
            Claim("Replacing the data, E ln σ_t² = t[ψ((n−1)/2) + ln(2/n)] (MLE, n = 100)",
                  .matchesTheory(run: "replace", metric: "log-variance", generations: 10)),
            Claim("Replacing the data, the variance shrinks: E σ_T² < σ² = 1",
                  .below(MetricReference("replace", "variance"), 1.0)),
            Claim("Replacing the data, the distance to the truth grows: E W₂² follows its closed form",
                  .matchesTheory(run: "replace", metric: "w2-squared", generations: 10)),
            Claim("Accumulating the data keeps more variance than replacing it (E ln σ_T²)",
                  .greater(MetricReference("accumulate", "log-variance"), than: MetricReference("replace", "log-variance"))),
            Claim("Accumulating, the variance stops shrinking: E ln σ² at T is not below its value at T/2",
                  .notGreater(MetricReference("accumulate", "log-variance", at: .fraction(0.5)), than: MetricReference("accumulate", "log-variance"))),
        ])

    /// Shumailov et al. 2024: Gaussian mixtures refitted by EM on their own samples.
    static let shumailovMixture = Reproduction(
        name: "shumailov-gmm",
        paper: "Shumailov et al. 2024, Nature (GMM experiment)",
        title: "A Gaussian mixture refitted by EM on its own samples drifts away from the truth",
        runs: [
            ReproductionRun("replace", preset: "gmm-replace", ["metrics=[w1, mixture-l2, component-variance, min-weight, collapsed-components]"],
                            quick: ["replicates=12", "generations=40", "samples=400"]),
        ],
        claims: [
            Claim("The Wasserstein-1 distance to the true mixture grows over generations",
                  .greater(MetricReference("replace", "w1"), than: MetricReference("replace", "w1", at: .first))),
            Claim("The L2 distance between the fitted and the true mixture density grows",
                  .greater(MetricReference("replace", "mixture-l2"), than: MetricReference("replace", "mixture-l2", at: .first))),
            Claim("The mixture weights drift from balance: the smallest weight falls below its first-fit value",
                  .greater(MetricReference("replace", "min-weight", at: .first), than: MetricReference("replace", "min-weight"))),
        ])

    /// Xu, He & Cheng 2025: growing the sample size; E σ_T = σ ∏ c(n_k − 1) (RESEARCH.md §2).
    static let xuSampleGrowth = Reproduction(
        name: "xu-sample-growth",
        paper: "Xu, He & Cheng 2025, A Probabilistic Perspective on Model Collapse",
        title: "Constant sample sizes collapse; growing them (linear, superlinear) keeps σ",
        runs: [
            ReproductionRun("constant", preset: "gaussian-replace", growth(nil), quick: ["replicates=1500", "generations=300"]),
            ReproductionRun("linear", preset: "gaussian-replace", growth("{schedule: linear, initial: 100, slope: 100}"),
                            quick: ["replicates=1500", "generations=300"]),
            ReproductionRun("superlinear", preset: "gaussian-replace", growth("{schedule: power, initial: 100, exponent: 2}"),
                            quick: ["replicates=1500", "generations=300"]),
        ],
        claims: [
            Claim("Constant n = 100: E ln σ_t² follows t·E ln(χ²_{n−1}/(n−1)) (unbiased estimator)",
                  .matchesTheory(run: "constant", metric: "log-variance", generations: 10)),
            Claim("Constant n: σ_t keeps shrinking (E ln σ² lower at T than at T/2)",
                  .greater(MetricReference("constant", "log-variance", at: .fraction(0.5)), than: MetricReference("constant", "log-variance"))),
            Claim("Linear growth n_k = 100(k+1): E ln σ_t² follows its closed form",
                  .matchesTheory(run: "linear", metric: "log-variance", generations: 10)),
            Claim("Superlinear growth n_k = 100(k+1)²: E ln σ_t² follows its closed form",
                  .matchesTheory(run: "superlinear", metric: "log-variance", generations: 10)),
            Claim("Growing n keeps σ: E σ_T under linear growth exceeds constant n",
                  .greater(MetricReference("linear", "std"), than: MetricReference("constant", "std"))),
            Claim("Superlinear growth keeps σ closer to σ₀ than linear growth (E ln σ_T²)",
                  .greater(MetricReference("superlinear", "log-variance"), than: MetricReference("linear", "log-variance"))),
        ])

    static func growth(_ schedule: String?) -> [String] {
        ["estimator=unbiased", "generations=1000", "replicates=2000", "path=statistics", "metrics=[log-variance, std, variance]"]
            + (schedule.map { ["samples=\($0)"] } ?? [])
    }

    // MARK: - Regression (RESEARCH.md §3–4)

    /// σ²d/(T − d − 1) with d = 10, T = 100, σ = 1: the first fit's excess risk (RESEARCH.md §3).
    static let regressionBase = 10.0 / (100.0 - 10.0 - 1.0)

    /// Gerstgrasser et al. 2024: replace grows linearly, accumulate stays under (π²/6)·base.
    static let gerstgrasserRegression = Reproduction(
        name: "gerstgrasser-regression",
        paper: "Gerstgrasser et al. 2024, Is Model Collapse Inevitable?",
        title: "Linear regression: replacing the data grows the error linearly; accumulating bounds it by π²/6",
        runs: [
            ReproductionRun("replace", preset: "regression-replace", quick: ["replicates=2000", "generations=10"]),
            ReproductionRun("accumulate", preset: "regression-accumulate", quick: ["replicates=2000", "generations=10"]),
        ],
        claims: [
            Claim("Replace: E‖ŵ_t − w*‖² = t·σ²d/(T − d − 1)",
                  .matchesTheory(run: "replace", metric: "excess-risk", generations: 10)),
            Claim("Accumulate: E‖ŵ_t − w*‖² = σ²d/(T − d − 1)·Σ_{i≤t} 1/i²",
                  .matchesTheory(run: "accumulate", metric: "excess-risk", generations: 10)),
            Claim("Accumulate: the error stays below (π²/6)·σ²d/(T − d − 1) = \(String(format: "%.5f", Double.pi * Double.pi / 6 * regressionBase))",
                  .notAbove(MetricReference("accumulate", "excess-risk"), bound: Double.pi * Double.pi / 6 * regressionBase)),
            Claim("Replacing ends with a larger error than accumulating",
                  .greater(MetricReference("replace", "excess-risk"), than: MetricReference("accumulate", "excess-risk"))),
        ])

    /// Dohmatob, Feng, Subramonian & Kempe 2025 (ICLR), strong model collapse (RESEARCH.md §4).
    /// The closed form is asymptotic (d, n → ∞ at fixed φ): the claims allow 1% for it, as the
    /// family's own tests do (Docs/Regression.md). `--quick` uses d = 20 and n up to 6,400.
    static let dohmatobStrongCollapse = Reproduction(
        name: "dohmatob-strong-collapse",
        paper: "Dohmatob, Feng, Subramonian & Kempe 2025, Strong Model Collapse (ICLR)",
        title: "Even 1% synthetic data stops the test error from improving with more data",
        runs: [
            ReproductionRun("p-0.2", preset: "strong-collapse", quick: strongCollapseQuick),
            ReproductionRun("p-0.01", preset: "strong-collapse", ["synthetic-fraction=0.01", "synthetic-model={shift: 3.0}"], quick: strongCollapseQuick),
            ReproductionRun("p-0", preset: "strong-collapse", ["synthetic-fraction=0.0"], quick: strongCollapseQuick),
        ],
        claims: [
            Claim("p = 20%, c = 1: the excess risk follows σ²φ/(1−φ) + p²c² + p(1−p)c²φ/(1−φ) as n doubles",
                  .matchesTheory(run: "p-0.2", metric: "excess-risk", generations: 8, relativeTolerance: 0.01)),
            Claim("p = 1% (synthetic labels from a model at distance c = 3): the same closed form",
                  .matchesTheory(run: "p-0.01", metric: "excess-risk", generations: 8, relativeTolerance: 0.01)),
            Claim("p = 20%: at the largest n the excess risk is still above its floor p²c² = 0.04",
                  .above(MetricReference("p-0.2", "excess-risk"), 0.04)),
            Claim("p = 1% leaves a larger error than clean data (p = 0) at the largest n",
                  .greater(MetricReference("p-0.01", "excess-risk"), than: MetricReference("p-0", "excess-risk"))),
        ])

    static let strongCollapseQuick = ["dimension=20", "generations=6", "replicates=400"]

    /// Dohmatob et al. 2025: model size m through ReLU random features around the interpolation
    /// threshold m = n (10% of the labels synthetic). Full: d = 50, n = 200; `--quick`: d = 12, n = 50.
    static let dohmatobModelSize = Reproduction(
        name: "dohmatob-model-size",
        paper: "Dohmatob, Feng, Subramonian & Kempe 2025, Strong Model Collapse (ICLR)",
        title: "With 10% synthetic labels, the test error peaks at the interpolation threshold m ≈ n and falls beyond it",
        runs: [
            ReproductionRun("small", preset: "random-features-threshold", features(50), quick: featuresQuick(10)),
            ReproductionRun("below-threshold", preset: "random-features-threshold", features(180), quick: featuresQuick(40)),
            ReproductionRun("above-threshold", preset: "random-features-threshold", features(220), quick: featuresQuick(60)),
            ReproductionRun("large", preset: "random-features-threshold", features(800), quick: featuresQuick(200)),
        ],
        claims: [
            Claim("Approaching the threshold from below (m = 0.9n), the error exceeds a small model's (m = n/4 or n/5)",
                  .greater(MetricReference("below-threshold", "test-error"), than: MetricReference("small", "test-error"))),
            Claim("Just past the threshold (m = 1.1n or 1.2n) the error exceeds a large model's (m = 4n)",
                  .greater(MetricReference("above-threshold", "test-error"), than: MetricReference("large", "test-error"))),
            Claim("Far beyond the threshold the larger model mitigates: m = 4n beats the small model",
                  .greater(MetricReference("small", "test-error"), than: MetricReference("large", "test-error"))),
        ])

    static func features(_ m: Int) -> [String] { ["features=\(m)", "metrics=[test-error, excess-risk]"] }
    static func featuresQuick(_ m: Int) -> [String] { ["dimension=12", "samples=50", "features=\(m)", "replicates=40", "test-size=500"] }

    // MARK: - Discrete (RESEARCH.md §5–7)

    /// Seddik et al. 2024: the statistical next-token model.
    static let seddikNextToken = Reproduction(
        name: "seddik-next-token",
        paper: "Seddik et al. 2024, How Bad is Training on Synthetic Data?",
        title: "Fully synthetic training collapses the next-token model; mixing in real data bounds the drift",
        runs: [
            ReproductionRun("synthetic", preset: "seddik-next-token", ["metrics=[collision, first-fit-distance, collapsed, support-lost]"],
                            quick: ["replicates=100", "generations=100"]),
            ReproductionRun("mixed", preset: "seddik-mixed", ["metrics=[first-fit-distance, collision, support-lost]"],
                            quick: ["replicates=500", "generations=40"]),
            ReproductionRun("mixed-synthetic-only", preset: "seddik-mixed", ["regime=replace", "metrics=[first-fit-distance, collision, support-lost]"],
                            quick: ["replicates=500", "generations=40"]),
        ],
        claims: [
            Claim("Fully synthetic: the collision probability follows S_m = 1 − (1 − 1/n)^m (1 − S₀)",
                  .matchesTheory(run: "synthetic", metric: "collision", generations: 10)),
            Claim("Fully synthetic: contexts collapse to a single token (more of them as generations pass)",
                  .greater(MetricReference("synthetic", "collapsed"), than: MetricReference("synthetic", "collapsed", at: .fraction(0.25)))),
            Claim("Mixing N = 100 real with n = 100 synthetic: E‖p_m − p_1‖² follows D_{m+1} = α²(1 − 1/n)D_m + α²(1 − S₁)/n",
                  .matchesTheory(run: "mixed", metric: "first-fit-distance", generations: 10)),
            Claim("With the real data kept, fewer tokens are lost than with synthetic data alone",
                  .greater(MetricReference("mixed-synthetic-only", "support-lost"), than: MetricReference("mixed", "support-lost"))),
        ])

    /// Kanabar & Gastpar 2025: discrete estimation with real mixing; Wright–Fisher without it.
    static let kanabarGastparDiscrete = Reproduction(
        name: "kanabar-gastpar-discrete",
        paper: "Kanabar & Gastpar 2025; the Wright–Fisher model",
        title: "A Zipf distribution re-estimated from its own samples loses its tail; half real data each generation prevents it",
        runs: [
            ReproductionRun("synthetic", preset: "zipf-tail-loss", ["metrics=[tv, support-lost, collision]"], quick: ["replicates=60", "generations=60"]),
            ReproductionRun("real-half", preset: "zipf-tail-loss",
                            ["regime={synthetic: replace, real: {fraction: 0.5}}", "metrics=[tv, support-lost, collision]"],
                            quick: ["replicates=60", "generations=60"]),
        ],
        claims: [
            Claim("Without real data, E[1 − Σp²] = (1 − 1/n)^t (1 − Σp₀²) (neutral Wright–Fisher)",
                  .matchesTheory(run: "synthetic", metric: "collision", generations: 10)),
            Claim("Without real data, the total-variation error keeps growing (T vs T/2)",
                  .greater(MetricReference("synthetic", "tv"), than: MetricReference("synthetic", "tv", at: .fraction(0.5)))),
            Claim("With α = 1/2 of every sample real, the error is smaller at T",
                  .greater(MetricReference("synthetic", "tv"), than: MetricReference("real-half", "tv"))),
            Claim("With α = 1/2 real, the error stops growing: TV at T is not above TV at T/2",
                  .notGreater(MetricReference("real-half", "tv"), than: MetricReference("real-half", "tv", at: .fraction(0.5)))),
        ])

    /// "Lost in Retraining" (2025): exponential families in a closed loop.
    static let lostInRetraining = Reproduction(
        name: "lost-in-retraining",
        paper: "Lost in Retraining (2025): exponential families in a closed loop",
        title: "Maximum likelihood on its own samples is absorbed; one real point per generation or a MAP prior prevents it",
        runs: [
            ReproductionRun("closed-loop", preset: "bernoulli-absorption", quick: ["replicates=600", "generations=300"]),
            ReproductionRun("one-real-point", preset: "bernoulli-absorption", ["regime={synthetic: replace, real: {fresh: 1}}"],
                            quick: ["replicates=600", "generations=300"]),
            ReproductionRun("map", preset: "bernoulli-absorption", ["estimator=map"], quick: ["replicates=600", "generations=300"]),
        ],
        claims: [
            Claim("Maximum likelihood makes the parameter a martingale: E p_t = p₀ = 0.3",
                  .matchesTheory(run: "closed-loop", metric: "parameter", generations: 10)),
            Claim("The closed loop is absorbed at 0 or 1 (over 95% of chains by T)",
                  .above(MetricReference("closed-loop", "absorbed"), 0.95)),
            Claim("One ground-truth point per generation keeps the error smaller than the closed loop",
                  .greater(MetricReference("closed-loop", "parameter-error"), than: MetricReference("one-real-point", "parameter-error"))),
            Claim("A MAP estimate under a Beta(2, 2) prior is never absorbed (under 1% of chains)",
                  .below(MetricReference("map", "absorbed"), 0.01)),
        ])

    // MARK: - Kernel density (RESEARCH.md §8)

    /// Fu et al. 2024/2025: self-consuming kernel density estimation.
    static let fuKernelDensity = Reproduction(
        name: "fu-kde",
        paper: "Fu et al. 2024/2025, self-consuming kernel density estimation",
        title: "A KDE refitted on its own samples inflates its variance when n h² > 1 and shrinks it otherwise; real data keeps its error bounded",
        runs: [
            ReproductionRun("h-0.2", preset: "kde-fixed-bandwidth", kde([]), quick: kdeQuick),
            ReproductionRun("h-0.05", preset: "kde-fixed-bandwidth", kde(["bandwidth=0.05"]), quick: kdeQuick),
            ReproductionRun("h-0.2-real-half", preset: "kde-fixed-bandwidth", kde(["regime={synthetic: replace, real: {fraction: 0.5}}"]),
                            quick: kdeQuick),
        ],
        claims: [
            Claim("h = 0.2, n h² > 1: E Var_t = n h² + (1 − 1/n)^t (1 − n h²)",
                  .matchesTheory(run: "h-0.2", metric: "variance", generations: 10)),
            Claim("h = 0.05, n h² < 1: the same closed form",
                  .matchesTheory(run: "h-0.05", metric: "variance", generations: 10)),
            Claim("n h² > 1 inflates the variance above σ² = 1",
                  .above(MetricReference("h-0.2", "variance"), 1.0)),
            Claim("n h² < 1 shrinks the variance below σ² = 1",
                  .below(MetricReference("h-0.05", "variance"), 1.0)),
            Claim("Half real data each generation keeps the Wasserstein error smaller than fully synthetic training",
                  .greater(MetricReference("h-0.2", "w1"), than: MetricReference("h-0.2-real-half", "w1"))),
            Claim("Half real data: the error is bounded (W1 at T not above W1 at t = 1)",
                  .notGreater(MetricReference("h-0.2-real-half", "w1"), than: MetricReference("h-0.2-real-half", "w1", at: .first))),
        ])

    /// n = 50 with `--quick`: n h² = 2 and 0.125, still on either side of 1.
    static let kdeQuick = ["replicates=120", "generations=40", "samples=50"]

    static func kde(_ overrides: [String]) -> [String] {
        ["replicates=400", "metrics=[variance, w1]"] + overrides
    }

    // MARK: - Stability and updates

    /// Bertrand et al. 2024: retraining with a proportion of real data is stable.
    static let bertrandStability = Reproduction(
        name: "bertrand-stability",
        paper: "Bertrand et al. 2024, On the Stability of Iterative Retraining of Generative Models on their own Data",
        title: "Retraining is stable when a large enough proportion of every training set is real",
        runs: [
            ReproductionRun("real-0", preset: "gaussian-replace", stability(nil), quick: ["replicates=400", "generations=100"]),
            ReproductionRun("real-0.2", preset: "gaussian-replace", stability(0.2), quick: ["replicates=400", "generations=100"]),
            ReproductionRun("real-0.5", preset: "gaussian-replace", stability(0.5), quick: ["replicates=400", "generations=100"]),
        ],
        claims: [
            Claim("Without real data the error keeps growing (W₂² at T above T/2)",
                  .greater(MetricReference("real-0", "w2-squared"), than: MetricReference("real-0", "w2-squared", at: .fraction(0.5)))),
            Claim("With 20% real data the error is stable (W₂² at T not above T/2)",
                  .notGreater(MetricReference("real-0.2", "w2-squared"), than: MetricReference("real-0.2", "w2-squared", at: .fraction(0.5)))),
            Claim("20% real data ends closer to the truth than none",
                  .greater(MetricReference("real-0", "w2-squared"), than: MetricReference("real-0.2", "w2-squared"))),
            Claim("A larger real proportion (50%) ends closer still",
                  .greater(MetricReference("real-0.2", "w2-squared"), than: MetricReference("real-0.5", "w2-squared"))),
        ])

    static func stability(_ fraction: Double?) -> [String] {
        ["generations=200", "metrics=[w2-squared, log-variance]"]
            + (fraction.map { ["regime={synthetic: replace, real: {fraction: \($0)}}"] } ?? [])
    }

    /// "A theoretical basis for model collapse in recursive training" (seed 000): stochastic
    /// approximation. With steps a_t, Σa_t = ∞ and Σa_t² < ∞, the iterates converge instead of
    /// collapsing; a constant step or a full refit keeps the random walk going.
    static let stochasticApproximation = Reproduction(
        name: "stochastic-approximation",
        paper: "A theoretical basis for model collapse in recursive training (2025)",
        title: "Incremental updates with decreasing steps converge; refitting or a constant step collapses",
        runs: [
            ReproductionRun("refit", preset: "gaussian-replace", updates(nil), quick: ["replicates=300", "generations=300"]),
            ReproductionRun("constant-step", preset: "gaussian-replace", updates("{incremental: {step: 0.5}}"),
                            quick: ["replicates=300", "generations=300"]),
            ReproductionRun("decreasing-step", preset: "gaussian-replace", updates("{incremental: {step: {initial: 1, decay: 1}}}"),
                            quick: ["replicates=300", "generations=300"]),
        ],
        claims: [
            Claim("Refitting: E ln σ_t² follows Shumailov et al.'s closed form (collapse)",
                  .matchesTheory(run: "refit", metric: "log-variance", generations: 10)),
            Claim("Decreasing steps a_t = 1/t keep more variance than refitting",
                  .greater(MetricReference("decreasing-step", "log-variance"), than: MetricReference("refit", "log-variance"))),
            Claim("Decreasing steps keep more variance than a constant step a = 1/2",
                  .greater(MetricReference("decreasing-step", "log-variance"), than: MetricReference("constant-step", "log-variance"))),
            Claim("A constant step still collapses: E ln σ_T² decreases from T/2 to T",
                  .greater(MetricReference("constant-step", "log-variance", at: .fraction(0.5)), than: MetricReference("constant-step", "log-variance"))),
            Claim("Decreasing steps converge: E ln σ² at T is not below its value at T/2",
                  .notGreater(MetricReference("decreasing-step", "log-variance", at: .fraction(0.5)), than: MetricReference("decreasing-step", "log-variance"))),
        ])

    static func updates(_ update: String?) -> [String] {
        ["generations=1000", "metrics=[log-variance, variance, w2-squared]"] + (update.map { ["update=\($0)"] } ?? [])
    }

    // MARK: - Neural networks on digits (Docs/NeuralNetworks.md)

    /// Dohmatob et al. 2025 (feed-forward networks on images) and Shumailov et al. 2024: an MLP on the
    /// bundled digits, every generation trained on labels drawn from the previous network's softmax.
    /// `accuracy-gain` is the paired change of test accuracy from generation 1 (real labels).
    static let networkSyntheticLabels = Reproduction(
        name: "mlp-synthetic-labels",
        paper: "Dohmatob, Feng, Subramonian & Kempe 2025 (networks on images); Shumailov et al. 2024",
        title: "An MLP on digits trained on its predecessor's labels loses accuracy; real labels hold it",
        runs: [
            ReproductionRun("real-0", preset: "mlp-synthetic-labels", ["regime.real.fraction=0.0"], quick: networkQuick),
            ReproductionRun("real-0.5", preset: "mlp-synthetic-labels", ["regime.real.fraction=0.5"], quick: networkQuick),
        ],
        claims: [
            Claim("Without real labels, held-out accuracy falls below generation 1's",
                  .below(MetricReference("real-0", "accuracy-gain"), 0)),
            Claim("50% real labels lose less accuracy than none",
                  .greater(MetricReference("real-0.5", "accuracy-gain"), than: MetricReference("real-0", "accuracy-gain"))),
            Claim("Without real labels the held-out loss rises from generation 1",
                  .greater(MetricReference("real-0", "test-loss"), than: MetricReference("real-0", "test-loss", at: .first))),
        ])

    static let networkQuick = ["generations=5", "replicates=8"]

    /// Sun et al. 2019 ("Learning to Self-Train"): pseudo-labels kept by confidence beat the
    /// labelled-only network at 5 labels per class; keeping every pseudo-label gains less.
    static let selfTraining = Reproduction(
        name: "self-training-digits",
        paper: "Sun et al. 2019, Learning to Self-Train for Semi-Supervised Few-Shot Classification",
        title: "Self-training with a confidence threshold beats the labelled-only baseline at 5 labels per class",
        runs: [
            ReproductionRun("threshold-0.9", preset: "self-training-digits", ["selection={threshold: 0.9}"], quick: selfTrainingQuick),
            ReproductionRun("every-pseudo-label", preset: "self-training-digits", ["selection=all"], quick: selfTrainingQuick),
        ],
        claims: [
            Claim("Pseudo-labels with confidence ≥ 0.9 raise held-out accuracy above the labelled-only generation 1",
                  .above(MetricReference("threshold-0.9", "accuracy-gain"), 0)),
            Claim("The threshold gains more than keeping every pseudo-label",
                  .greater(MetricReference("threshold-0.9", "accuracy-gain"), than: MetricReference("every-pseudo-label", "accuracy-gain"))),
        ])

    static let selfTrainingQuick = ["generations=3", "replicates=12"]

    // MARK: - Language models (Docs/Language.md)

    /// Drayson & Lampos 2025 (EMNLP) and Shumailov et al. 2024: a trigram Kneser–Ney model on the
    /// bundled WordNet text, each generation trained on the previous one's documents. `--quick`:
    /// 500 documents per generation, 4 generations, 6 replicates.
    static let draysonDecoding = Reproduction(
        name: "drayson-decoding",
        paper: "Drayson & Lampos 2025 (EMNLP), Machine-generated text detection prevents language model collapse; Shumailov et al. 2024",
        title: "The decoding strategy drives collapse: greedy and beam search lose diversity and perplexity fastest, pure sampling least",
        runs: [
            ReproductionRun("sample", preset: "decoding-strategies", ["decoding=sample"], quick: languageQuick),
            ReproductionRun("greedy", preset: "decoding-strategies", ["decoding=greedy"], quick: languageQuick),
            ReproductionRun("beam-4", preset: "decoding-strategies", ["decoding={strategy: beam, width: 4}"], quick: languageQuick),
        ],
        claims: [
            Claim("Perplexity on held-out real text rises over generations, even under pure sampling",
                  .greater(MetricReference("sample", "perplexity"), than: MetricReference("sample", "perplexity", at: .first))),
            Claim("Beam search ends with a higher perplexity than pure sampling",
                  .greater(MetricReference("beam-4", "perplexity"), than: MetricReference("sample", "perplexity"))),
            Claim("Beam search collapses diversity (distinct-2) far below pure sampling",
                  .greater(MetricReference("sample", "distinct-2"), than: MetricReference("beam-4", "distinct-2"))),
            Claim("Greedy decoding collapses diversity (distinct-2) below pure sampling",
                  .greater(MetricReference("sample", "distinct-2"), than: MetricReference("greedy", "distinct-2"))),
        ])

    /// Drayson & Lampos 2025: the training pool accumulates beam-search text beside the real
    /// documents with origins unknown; a detector's (1 − p_machine)^k weights, resampled, slow the
    /// collapse.
    static let draysonImportance = Reproduction(
        name: "drayson-importance",
        paper: "Drayson & Lampos 2025 (EMNLP), Machine-generated text detection prevents language model collapse",
        title: "Importance sampling by a machine-text detector slows collapse when machine text accumulates in the pool",
        runs: [
            ReproductionRun("no-curation", preset: "detector-importance", ["curate=none"], quick: languageQuick + ["detector.documents=200"]),
            ReproductionRun("importance-k2-u4", preset: "detector-importance", ["curate={importance: {power: 2, upsample: 4}}"],
                            quick: languageQuick + ["detector.documents=200"]),
        ],
        claims: [
            Claim("Accumulating machine text without curation raises the perplexity on real text",
                  .greater(MetricReference("no-curation", "perplexity"), than: MetricReference("no-curation", "perplexity", at: .first))),
            Claim("Importance sampling (k = 2, upsample 4) ends with a lower perplexity than no curation",
                  .greater(MetricReference("no-curation", "perplexity"), than: MetricReference("importance-k2-u4", "perplexity"))),
        ])

    static let languageQuick = ["generations=4", "replicates=6", "samples=500"]

    // MARK: - Knowledge collapse (Docs/Knowledge.md)

    /// Keisha et al. 2025: facts fail while fluency survives, then fluency goes. An order-8
    /// Kneser–Ney model on WordNet definitions and facts; `stage` is 1 (facts and fluency hold),
    /// 2 (facts below half of generation 1's accuracy, fluency within 1.75× its perplexity), 3
    /// (fluency fell), per replicate. `--quick`: 100 facts, 3 replicates, 5 generations.
    static let knowledgeStages = Reproduction(
        name: "knowledge-stages",
        paper: "Keisha et al. 2025, Knowledge Collapse in LLMs: When Fluency Survives but Facts Fail",
        title: "Facts fail first while fluency holds (stage 2), then fluency fails too (stage 3)",
        runs: [
            ReproductionRun("collapse", preset: "knowledge-collapse", quick: ["fact-count=100", "generations=5", "replicates=3"]),
        ],
        claims: [
            Claim("Fact accuracy falls quickly: generation 3 answers fewer facts than generation 1",
                  .greater(MetricReference("collapse", "fact-accuracy", at: .first), than: MetricReference("collapse", "fact-accuracy", at: .at(3)))),
            Claim("At generation 3 the facts have fallen: the mean stage is above 1.5",
                  .above(MetricReference("collapse", "stage", at: .at(3)), 1.5)),
            Claim("At generation 3 fluency still holds: the mean stage is not above 2 (facts fallen, fluency not)",
                  .notAbove(MetricReference("collapse", "stage", at: .at(3)), bound: 2.0)),
            Claim("By the last generation fluency has failed too: stage 3",
                  .above(MetricReference("collapse", "stage"), 2.5)),
        ])

    /// Keisha et al. 2025: synthetic data restricted to the target domain resists collapse there.
    /// Full: chemical elements among 400 facts, 8 generations; `--quick`: hawks and wading birds
    /// among 100 facts, 3 generations, 4 replicates.
    static let knowledgeDomain = Reproduction(
        name: "knowledge-domain",
        paper: "Keisha et al. 2025, Knowledge Collapse in LLMs: When Fluency Survives but Facts Fail",
        title: "Domain-specific synthetic data keeps the target domain's facts better than general synthetic data",
        runs: [
            ReproductionRun("general", preset: "knowledge-domain", ["synthetic.domain=all"], quick: knowledgeDomainQuick),
            ReproductionRun("domain-only", preset: "knowledge-domain", ["synthetic.domain=target"], quick: knowledgeDomainQuick),
        ],
        claims: [
            Claim("Target-domain accuracy at T is higher with domain-only synthetic data",
                  .greater(MetricReference("domain-only", "domain-accuracy"), than: MetricReference("general", "domain-accuracy"))),
            Claim("With general synthetic data the target domain's facts decay (T vs generation 1)",
                  .greater(MetricReference("general", "domain-accuracy", at: .first), than: MetricReference("general", "domain-accuracy"))),
        ])

    static let knowledgeDomainQuick = ["fact-count=100", "generations=3", "replicates=4", "target-domain=[hawk, wading bird]"]
}
