import Experiments
import Families
import Foundation
import ModelCollapse
import Testing
import Theory

// The kde and gmm families through the spec: defaults, strict errors naming the key, round trips,
// theory, and thread-count independence of a whole run.

@Test func kdeAndGmmSpecsGetEveryDefault() throws {
    let kde = try SpecParser.parse("family: kde")
    #expect(kde.metrics == KernelDensityFamily.defaultMetrics)
    #expect(kde.resolvedPath == .samples)
    let kdeFamily = try #require(kde.family as? KernelDensityFamily)
    #expect(kdeFamily.bandwidth == .silverman && kdeFamily.truth.variance == 1)
    let gmm = try SpecParser.parse("family: gmm")
    let gmmFamily = try #require(gmm.family as? GaussianMixtureFamily)
    #expect(gmmFamily.components == 2 && gmmFamily.truth.dimension == 1)
    #expect(gmmFamily.truth.means == [-2, 2])
    #expect(gmm.metrics == GaussianMixtureFamily.defaultMetrics)
}

@Test func badMixtureAndKernelSpecsNameTheKey() {
    let cases: [(String, String)] = [
        ("family: gmm\ntruth: {weights: [0.5, 0.4], means: [0, 1], variances: [1, 1]}", "truth.weights"),
        ("family: gmm\ntruth: {weights: [0.5, 0.5], means: [0, 1], variances: [1, -1]}", "truth.variances[1]"),
        ("family: gmm\ntruth: {weights: [1.5, -0.5], means: [0, 1], variances: [1, 1]}", "truth.weights[0]"),
        ("family: gmm\ntruth: {weights: [0.5, 0.5], means: [0, 1, 2], variances: [1, 1]}", "truth.means"),
        ("family: gmm\ntruth: {weights: [0.5, 0.5], means: [[0, 0], [1]], variances: [1, 1]}", "truth.means[1]"),
        ("family: gmm\ntruth: {weights: [1], means: [[0, 0]], covariances: [[[1, 2], [2, 1]]]}", "truth.covariances[0]"),
        ("family: gmm\ntruth: {weights: [1], means: [[0, 0]], covariances: [[[1, 0.5], [0.4, 1]]]}", "truth.covariances[0]"),
        ("family: gmm\ntruth: {weights: [1], means: [0], variances: [1], covariances: [[[1]]]}", "truth.covariances"),
        ("family: gmm\ntruth: {weights: [1], means: [0]}", "truth.variances"),
        ("family: gmm\ntruth: {weights: [1], means: [0], variances: [1], spread: 2}", "truth.spread"),
        ("family: gmm\ncomponents: 0", "components"),
        ("family: gmm\ncomponents: 3\nsamples: 2", "samples"),
        ("family: gmm\nregime: {synthetic: {accumulate-subsample: 1}, real: keep}", "regime.synthetic.accumulate-subsample"),
        ("family: gmm\ntolerance: -1", "tolerance"),
        ("family: gmm\nmax-iterations: 0", "max-iterations"),
        ("family: gmm\ncovariance-floor: 0", "covariance-floor"),
        ("family: gmm\npath: statistics", "path"),
        ("family: gmm\nupdate: {incremental: {step: 0.5}}", "update"),
        ("family: kde\nbandwidth: 0", "bandwidth"),
        ("family: kde\nbandwidth: -0.1", "bandwidth"),
        ("family: kde\nbandwidth: wide", "bandwidth"),
        ("family: kde\nbandwidth: [1]", "bandwidth"),
        ("family: kde\ntruth: {mean: 0, variance: -1}", "truth.variance"),
        ("family: kde\ntruth: {weights: [0.5, 0.5], means: [[0, 1], [1, 0]], variances: [1, 1]}", "truth.means"),
        ("family: kde\ntruth: {mean: 0, varaince: 1}", "truth.varaince"),
        ("family: kde\nsamples: [1, 5, 5]\ngenerations: 3", "samples"),
        ("family: kde\nholdout: 0", "holdout"),
        ("family: kde\nw1-samples: 1", "w1-samples"),
        ("family: kde\npath: statistics", "path"),
        ("family: kde\nmetrics: [variance, kl]", "metrics[1]"),
    ]
    for (text, path) in cases {
        let error = specError(text)
        #expect(error?.path == path, "\(text): \(error.map(\.description) ?? "no error")")
    }
    #expect(specError("family: gmm\ntruth: {weights: [0.5, 0.4], means: [0, 1], variances: [1, 1]}")?.message.contains("sum to 0.9") == true)
    // A fixed bandwidth needs no spread: n = 1 is allowed.
    #expect((try? SpecParser.parse("family: kde\nbandwidth: 0.5\nsamples: 1")) != nil)
}

@Test func kdeAndGmmResolvedSpecsRoundTrip() throws {
    let texts = [
        "family: kde",
        "family: kde\nbandwidth: 0.25\ntruth: {mean: 1.5, variance: 2}\nholdout: 50\nw1-samples: 64",
        "family: kde\nbandwidth: scott\ntruth: {weights: [0.25, 0.75], means: [-1, 2], variances: [0.5, 1]}",
        "family: gmm",
        "family: gmm\ntruth: {weights: [0.2, 0.8], means: [[0, 1], [3, 4]], covariances: [[[1, 0.2], [0.2, 2]], [[0.5, 0], [0, 0.5]]]}\ncomponents: 3\ntolerance: 0\nmax-iterations: 50\ncovariance-floor: 1e-4\nmetrics: all",
        "family: gmm\ntruth: {weights: [0.5, 0.5], means: [[0, 0, 0], [1, 1, 1]], variances: [1, 2]}",
    ]
    for text in texts {
        let spec = try SpecParser.parse(text)
        let emitted = SpecYAML.emit(spec.resolved)
        let again = try SpecParser.parse(emitted)
        #expect(again.resolved == spec.resolved, "\(emitted)")
        #expect(SpecYAML.emit(again.resolved) == emitted)
    }
}

func summaryText(_ text: String, threads: Int) throws -> String {
    let spec = try SpecParser.parse(text)
    let result = spec.family.run(spec, control: RunControl(threads: threads))
    return SummaryCSV.csv(ExperimentRunner.summarize(spec, result))
}

@Test func kdeAndGmmRunsAreIdenticalAtAnyThreadCount() throws {
    let specs = [
        "family: kde\ngenerations: 6\nreplicates: 41\nsamples: 30\nw1-samples: 50\nholdout: 40\nmetrics: all\nregime: {synthetic: accumulate, real: {fresh: 5}, real-weight: 0.3}",
        "family: gmm\ngenerations: 5\nreplicates: 23\nsamples: 60\nw1-samples: 40\nkl-samples: 40\nmetrics: all\ntruth: {weights: [0.5, 0.5], means: [[0, 0], [4, 4]], variances: [1, 1]}",
    ]
    for text in specs {
        let one = try summaryText(text, threads: 1)
        let two = try summaryText(text, threads: 2)
        let three = try summaryText(text, threads: 3)
        #expect(one == two && two == three)
        #expect(!one.contains("nan"))
    }
}

@Test func aFixedBandwidthKDEGetsItsTheoryColumn() throws {
    let spec = try SpecParser.parse("family: kde\nbandwidth: 0.3\ngenerations: 4\nreplicates: 10\nsamples: 20\nmetrics: [variance, mean-error, w1]")
    let theory = spec.family.theory(spec)
    let variance = try #require(theory["variance"])
    #expect(variance.count == 5)
    #expect(abs(try #require(variance[4]) - KernelDensityTheory.variance(truthVariance: 1, bandwidth: 0.3, sampleSize: 20, generation: 4)) < 1e-12)
    #expect(theory["mean-error"] != nil && theory["w1"] == nil)
    // Scott's rule has a closed form too; Silverman's (the default) and other regimes have none.
    let scott = try SpecParser.parse("family: kde\nbandwidth: scott\ngenerations: 3")
    #expect(scott.family.theory(scott)["variance"]?.count == 4)
    let silverman = try SpecParser.parse("family: kde")
    #expect(silverman.family.theory(silverman).isEmpty)
    let accumulate = try SpecParser.parse("family: kde\nbandwidth: 0.3\nregime: accumulate")
    #expect(accumulate.family.theory(accumulate).isEmpty)
}
