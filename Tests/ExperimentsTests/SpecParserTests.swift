import Experiments
import ModelCollapse
import Testing

/// Parses and returns the error, failing the test if there was none.
func specError(_ text: String, overrides: [String] = []) -> SpecError? {
    do {
        _ = try SpecParser.parse(text, overrides: overrides)
        Issue.record("expected a spec error for:\n\(text)")
        return nil
    } catch let error as SpecError {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

@Test func anEmptySpecGetsEveryDefault() throws {
    let spec = try SpecParser.parse("")
    #expect(spec.name == "gaussian")
    #expect(spec.generations == 100 && spec.replicates == 1000 && spec.seed == 7)
    #expect(spec.schedule == .constant(100))
    #expect(spec.regime == .replace && spec.update == .refit)
    #expect(spec.metrics == GaussianFamily.defaultMetrics)
    #expect(spec.resolvedPath == .statistics)
}

@Test func theDesignDocumentsExampleParses() throws {
    let spec = try SpecParser.parse("""
        name: gaussian-replace
        family: gaussian
        truth: {mean: 0.0, variance: 1.0}
        estimator: mle
        fit: mean-and-variance
        generations: 100
        replicates: 1000
        samples: 100
        regime: replace
        seed: 7
        metrics: [variance, log-variance, mean-error, w2-squared]
        """)
    #expect(spec.metrics == ["variance", "log-variance", "mean-error", "w2-squared"])
}

@Test func longFormRegimesAndSchedulesParse() throws {
    let spec = try SpecParser.parse("""
        samples: {schedule: power, initial: 100, exponent: 1.5}
        regime:
          synthetic: {accumulate-subsample: 500}
          real: {fraction: 0.2}
          real-weight: 0.4
        update: {incremental: {step: {initial: 1.0, decay: 0.7}}}
        """)
    #expect(spec.schedule == .power(initial: 100, exponent: 1.5))
    #expect(spec.regime == Regime(synthetic: .accumulateSubsample(500), real: .fraction(0.2), realWeight: 0.4))
    #expect(spec.update == .incremental(.power(initial: 1, decay: 0.7)))
    #expect(spec.resolvedPath == .samples)  // subsampling needs points
    let shorthand = try SpecParser.parse("regime: accumulate-subsample\nsamples: 50")
    #expect(shorthand.regime == .accumulateSubsample(50))
}

@Test func theResolvedSpecRoundTrips() throws {
    let texts = [
        "",
        "dimension: 2\nsamples: [5, 6, 7]\ngenerations: 3\nregime: {synthetic: accumulate, real: {fresh: 4}, real-weight: 0.25}",
        "truth: {mean: [1, 2], covariance: [[2, 0.5], [0.5, 1]]}\nestimator: unbiased\nupdate: {incremental: {step: 0.3}}",
        "samples: {schedule: geometric, initial: 10, ratio: 1.5}\ngenerations: 4\nmetrics: all\nname: my.run_1",
    ]
    for text in texts {
        let spec = try SpecParser.parse(text)
        let emitted = SpecYAML.emit(spec.resolved)
        let again = try SpecParser.parse(emitted)
        #expect(again.resolved == spec.resolved, "\(emitted)")
        #expect(SpecYAML.emit(again.resolved) == emitted)
    }
}

@Test func overridesSetAnyKey() throws {
    let spec = try SpecParser.parse("regime: replace\n", overrides: [
        "regime={synthetic: accumulate, real: keep}", "truth.variance=4", "replicates=12", "samples=[3, 4]", "generations=2",
    ])
    #expect(spec.regime == .accumulate)
    #expect(spec.replicates == 12)
    #expect(spec.schedule == .list([3, 4]))
    guard let family = spec.family as? GaussianFamily else { Issue.record("not gaussian"); return }
    #expect(family.covariance[0, 0] == 4)
}

@Test func unknownKeysAreNamedWithTheAllowedOnes() {
    let error = specError("generatoins: 10")
    #expect(error?.path == "generatoins")
    #expect(error?.description.contains("generations") == true)
    let nested = specError("truth: {mean: 0, varaince: 2}")
    #expect(nested?.path == "truth.varaince")
    #expect(nested?.description.contains("variance") == true)
    #expect(specError("regime: {synthetic: replace, reel: keep}")?.path == "regime.reel")
}

@Test func wrongTypesAndRangesNameTheKeyAndTheAllowedValues() {
    #expect(specError("generations: many")?.path == "generations")
    #expect(specError("generations: 0")?.description.contains("[1, 1000000]") == true)
    #expect(specError("replicates: -5")?.path == "replicates")
    #expect(specError("samples: 0")?.path == "samples")
    #expect(specError("samples: 2.5")?.path == "samples")
    #expect(specError("truth: {variance: -1}")?.path == "truth.variance")
    #expect(specError("truth: [1, 2]")?.path == "truth")
    #expect(specError("estimator: bayes")?.description.contains("mle, unbiased") == true)
    #expect(specError("regime: shuffle")?.description.contains("replace, accumulate, accumulate-subsample") == true)
    #expect(specError("regime: {real: {fraction: 1.5}}")?.path == "regime.real.fraction")
    #expect(specError("regime: {real: {fraction: 1}}")?.path == "regime.real.fraction")
    #expect(specError("regime: {real: {fresh: 0}}")?.path == "regime.real.fresh")
    #expect(specError("regime: {real: none, real-weight: 0.5}")?.path == "regime.real-weight")
    #expect(specError("regime: {real: keep, real-weight: 2}")?.path == "regime.real-weight")
    #expect(specError("metrics: [variance, entropy]")?.path == "metrics[1]")
    #expect(specError("metrics: [variance, variance]")?.path == "metrics[1]")
    #expect(specError("family: transformer")?.description.contains("gaussian") == true)
    #expect(specError("update: {incremental: {step: 0}}")?.path == "update.incremental.step")
    #expect(specError("path: fast")?.path == "path")
    #expect(specError("name: 'a b/c'")?.path == "name")
    #expect(specError("seed: -1")?.path == "seed")
    #expect(specError("trajectories: maybe")?.path == "trajectories")
}

@Test func combinationsThatCannotWorkAreRejected() {
    let unbiased = specError("estimator: unbiased\nsamples: 1")
    #expect(unbiased?.path == "samples")
    #expect(unbiased?.description.contains("n ≥ 2") == true)
    #expect(specError("generations: 5\nsamples: [10, 10]")?.path == "samples")
    #expect(specError("path: statistics\nregime: accumulate-subsample")?.path == "path")
    #expect(specError("truth: {mean: [0, 0], covariance: [[1, 2], [2, 1]]}")?.description.contains("positive definite") == true)
    #expect(specError("truth: {mean: [0, 0], covariance: [[1, 0.5], [0.4, 1]]}")?.description.contains("symmetric") == true)
    #expect(specError("dimension: 3\ntruth: {mean: [0, 0]}")?.path == "truth.mean")
    #expect(specError("truth: {variance: 1, covariance: [[1]]}") != nil)
    #expect(specError("sweep: {samples: [10, 100]}")?.path == "sweep")
}

@Test func malformedYAMLIsAnErrorNotACrash() {
    for text in ["name: [unclosed", "a: b: c", "- just\n- a list", "truth: {mean: 0\n", "\t tabs: 1"] {
        #expect(specError(text) != nil, "\(text)")
    }
    #expect(specError("- just\n- a list")?.description.contains("mapping") == true)
}

@Test func badOverridesAreNamed() {
    #expect(specError("", overrides: ["replicates"])?.description.contains("key=value") == true)
    #expect(specError("", overrides: ["a..b=1"]) != nil)
    #expect(specError("", overrides: ["replicates=ten"])?.path == "replicates")
    #expect(specError("", overrides: ["trth.variance=2"])?.path == "trth")
}
