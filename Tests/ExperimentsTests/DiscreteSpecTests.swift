import Experiments
import Families
import Foundation
import ModelCollapse
import Testing

@Suite("Discrete and exponential-family specs")
struct DiscreteSpecTests {
    @Test func everyNewFamilyParsesWithItsDefaults() throws {
        for family in ["categorical", "next-token", "bernoulli", "poisson", "exponential"] {
            let spec = try SpecParser.parse("family: \(family)")
            #expect(type(of: spec.family).name == family)
            #expect(spec.metrics == type(of: spec.family).defaultMetrics)
            let emitted = SpecYAML.emit(spec.resolved)
            let again = try SpecParser.parse(emitted)
            #expect(SpecYAML.emit(again.resolved) == emitted, "\(emitted)")
        }
        #expect(try SpecParser.parse("family: categorical").resolvedPath == .statistics)
        #expect(try SpecParser.parse("family: categorical\nregime: accumulate-subsample").resolvedPath == .statistics)
        #expect(try SpecParser.parse("family: bernoulli\nregime: accumulate-subsample").resolvedPath == .samples)
    }

    @Test func theBundledDiscretePresetsParse() throws {
        for name in ["wright-fisher", "seddik-mixed", "seddik-next-token", "zipf-tail-loss", "bernoulli-absorption"] {
            let text = try #require(Presets.text(named: name), "\(name)")
            let spec = try SpecParser.parse(text)
            #expect(spec.name == name)
            #expect(!spec.family.theory(spec).isEmpty, "\(name) has a theory column")
        }
    }

    @Test func resolvedSpecsRoundTrip() throws {
        let texts = [
            "family: categorical\ntruth: {probabilities: [0.5, 0.25, 0.25]}\nestimator: add-k\nk: 0.5",
            "family: categorical\ntruth: {zipf: {categories: 20, exponent: 1.3}}\nregime: {synthetic: replace, real: keep}",
            "family: next-token\ntruth: {probabilities: [[0.5, 0.5], [0.9, 0.1]]}\nvisits: [0.3, 0.7]\nallocation: multinomial",
            "family: next-token\ntruth: {contexts: 4, tokens: 6, dirichlet: 0.5, seed: 3}\nvisits: {zipf: 1.0}",
            "family: bernoulli\ntruth: {probability: 0.2}\nestimator: map\nprior: {a: 3, b: 2}",
            "family: exponential\ntruth: {rate: 2}\ncollapse-threshold: 0.01",
        ]
        for text in texts {
            let spec = try SpecParser.parse(text)
            let emitted = SpecYAML.emit(spec.resolved)
            #expect(SpecYAML.emit(try SpecParser.parse(emitted).resolved) == emitted, "\(emitted)")
        }
    }

    @Test func badCategoricalTruthsNameTheKey() {
        let sum = specError("family: categorical\ntruth: {probabilities: [0.5, 0.4]}")
        #expect(sum?.path == "truth.probabilities")
        #expect(sum?.description.contains("sum to 0.9") == true)
        #expect(specError("family: categorical\ntruth: {probabilities: [0.5, -0.5, 1]}")?.path == "truth.probabilities[1]")
        #expect(specError("family: categorical\ntruth: {probabilities: []}")?.path == "truth.probabilities")
        #expect(specError("family: categorical\ntruth: {zipf: {categories: 0}}")?.path == "truth.zipf.categories")
        #expect(specError("family: categorical\ntruth: {zipf: {categories: 10, exponent: -1}}")?.path == "truth.zipf.exponent")
        #expect(specError("family: categorical\ntruth: {probabilities: [1], zipf: {categories: 3}}")?.path == "truth")
        #expect(specError("family: categorical\ntruth: {}")?.path == "truth")
        #expect(specError("family: categorical\ntruth: {probabilities: [1], as: data-set}")?.path == "truth.as")
        #expect(specError("family: categorical\nk: 2")?.path == "k")
        #expect(specError("family: categorical\nestimator: add-k\nk: 0")?.path == "k")
        #expect(specError("family: categorical\nestimator: laplace")?.path == "estimator")
        #expect(specError("family: categorical\nmetrics: [variance]")?.path == "metrics[0]")
    }

    @Test func badCountsFilesNameTheFileAndLine() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        func write(_ name: String, _ text: String) -> String {
            let url = root.appendingPathComponent(name)
            try! text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        let missing = specError("family: categorical\ntruth: {counts-file: \(root.path)/nope.txt}")
        #expect(missing?.path == "truth.counts-file")
        #expect(missing?.description.contains("nope.txt") == true && missing?.description.contains("does not exist") == true)
        let ragged = specError("family: categorical\ntruth: {counts-file: \(write("ragged.csv", "a,3\nb,4\n5\n"))}")
        #expect(ragged?.description.contains("ragged.csv, line 3") == true)
        let text = specError("family: categorical\ntruth: {counts-file: \(write("text.txt", "3\n\nfour\n"))}")
        #expect(text?.description.contains("text.txt, line 3") == true && text?.description.contains("'four'") == true)
        let negative = specError("family: categorical\ntruth: {counts-file: \(write("neg.txt", "3\n-1\n"))}")
        #expect(negative?.description.contains("line 2") == true)
        #expect(specError("family: categorical\ntruth: {counts-file: \(write("zero.txt", "0\n0\n"))}")?.description.contains("sum to 0") == true)
        #expect(specError("family: categorical\ntruth: {counts-file: \(write("empty.txt", "# nothing\n"))}")?.description.contains("no counts") == true)
        #expect(specError("family: categorical\ntruth: {counts-file: \(write("wide.csv", "a,1,2\n"))}")?.description.contains("wide.csv, line 1") == true)

        let good = write("words.csv", "label,count\n# a comment\nthe,60\nof,30\nzebra,10\n")
        let spec = try SpecParser.parse("family: categorical\ntruth: {counts-file: \(good)}")
        let family = try #require(spec.family as? CategoricalFamily)
        #expect(family.counts == [60, 30, 10] && family.probabilities == [0.6, 0.3, 0.1])
        let single = try SpecParser.parse("family: categorical\ntruth: {counts-file: \(write("one.txt", "5\n3\r\n2\n"))}")
        #expect((single.family as? CategoricalFamily)?.counts == [5, 3, 2])
    }

    @Test func badNextTokenAndExponentialFamilySpecsNameTheKey() {
        #expect(specError("family: next-token\ntruth: {probabilities: [[0.5, 0.5], [1]]}")?.path == "truth.probabilities[1]")
        #expect(specError("family: next-token\ntruth: {probabilities: [[0.5, 0.6]]}")?.path == "truth.probabilities[0]")
        #expect(specError("family: next-token\ntruth: {contexts: 2, tokens: 3}\nvisits: [1]")?.path == "visits")
        #expect(specError("family: next-token\ntruth: {contexts: 2, tokens: 3}\nvisits: [1, 0]")?.path == "visits[1]")
        #expect(specError("family: next-token\ntruth: {contexts: 0}")?.path == "truth.contexts")
        #expect(specError("family: next-token\ntruth: {contexts: 2, zipf: 1, dirichlet: 1}")?.path == "truth")
        #expect(specError("family: next-token\nallocation: random")?.path == "allocation")
        #expect(specError("family: bernoulli\ntruth: {probability: 1.5}")?.path == "truth.probability")
        #expect(specError("family: bernoulli\ntruth: {probability: 0}")?.path == "truth.probability")
        #expect(specError("family: poisson\ntruth: {mean: -1}")?.path == "truth.mean")
        #expect(specError("family: exponential\ntruth: {mean: 1}")?.path == "truth.mean")
        #expect(specError("family: bernoulli\nprior: {a: 2, b: 2}")?.path == "prior")
        #expect(specError("family: bernoulli\nestimator: map\nprior: {a: 0.5, b: 2}")?.path == "prior.a")
        #expect(specError("family: poisson\nestimator: map\nprior: {a: 2, b: 0}")?.path == "prior.b")
        #expect(specError("family: poisson\ncollapse-threshold: 0.1")?.path == "collapse-threshold")
    }

    /// The theory column: categorical MLE with replace or Seddik's {replace, keep}; none with add-k,
    /// fresh real data or accumulation; exponential families under MLE replace only.
    @Test func theTheoryColumnFollowsTheRegime() throws {
        func theory(_ text: String) throws -> [String: [Double?]] {
            let spec = try SpecParser.parse(text)
            return spec.family.theory(spec)
        }
        let base = "family: categorical\ntruth: {probabilities: [0.25, 0.25, 0.5]}\ngenerations: 5\nsamples: 10\n"
        let replace = try theory(base)
        #expect(replace["collision"]?[5] != nil && replace["first-fit-distance"]?[5] != nil && replace["tail-mass"]?[5] == 0.1)
        #expect(replace["kl"] == nil)
        #expect(try theory(base + "regime: {synthetic: replace, real: keep}")["first-fit-distance"] != nil)
        #expect(try theory(base + "regime: {synthetic: replace, real: keep, real-weight: 0.3}")["collision"] != nil)
        #expect(try theory(base + "regime: {synthetic: replace, real: {fresh: 5}}").isEmpty)
        #expect(try theory(base + "regime: accumulate").isEmpty)
        #expect(try theory(base + "estimator: add-k").isEmpty)
        #expect(try theory(base + "update: {incremental: {step: 0.5}}").isEmpty)
        let nextToken = try theory("family: next-token\ntruth: {contexts: 2, tokens: 3}\nsamples: 10\ngenerations: 4\nallocation: multinomial")
        #expect(nextToken["collision"]?[4] != nil && nextToken["tail-mass"] == nil)
        #expect(try theory("family: next-token\nallocation: multinomial\nregime: {synthetic: replace, real: keep}").isEmpty)
        // A context that gets no data under proportional allocation breaks the per-context chains.
        #expect(try theory("family: next-token\ntruth: {contexts: 20, tokens: 3}\nsamples: 10").isEmpty)
        let bernoulli = try theory("family: bernoulli\ngenerations: 3\nsamples: 10")
        #expect(bernoulli["parameter-error"]?[3] != nil && bernoulli["kl"] == nil && bernoulli["absorbed"] == nil)
        #expect(try theory("family: bernoulli\nestimator: map").isEmpty)
        #expect(try theory("family: exponential\ngenerations: 3")["kl"]?[3] != nil)
    }

    /// Same spec and seed, byte-identical summaries at any thread count, for every new family and
    /// both paths.
    @Test func summariesDoNotDependOnTheThreadCount() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let specs = [
            "family: categorical\ntruth: {zipf: {categories: 30, exponent: 1}}\nsamples: 40\nregime: {synthetic: {accumulate-subsample: 60}, real: {fraction: 0.2}}",
            "family: categorical\npath: samples\ntruth: {probabilities: [0.5, 0.3, 0.2]}\nsamples: 10",
            "family: next-token\ntruth: {contexts: 3, tokens: 6}\nallocation: multinomial\nsamples: 30",
            "family: poisson\nsamples: 20\npath: samples",
        ]
        for (index, text) in specs.enumerated() {
            var summaries: [String] = []
            for threads in [1, 3] {
                let directory = root.appendingPathComponent("\(index)-\(threads)")
                _ = try runSpec(text + "\ngenerations: 8\nreplicates: 37", threads: threads, into: directory)
                summaries.append(try String(contentsOf: directory.appendingPathComponent("summary.csv"), encoding: .utf8))
            }
            #expect(summaries[0] == summaries[1], "\(text)")
        }
    }

    /// Seddik's mixed setting end to end through a counts file: the real data set of 10 categories
    /// × 10 points, n = 100, regime {replace, real: keep}; the run's theory column gives
    /// D_∞ = 0.0029900 and the simulated mean agrees within 4.5 standard errors.
    @Test func seddikFromACountsFileThroughTheRunner() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("uniform.txt")
        try String(repeating: "10\n", count: 10).write(to: file, atomically: true, encoding: .utf8)
        let record = try runSpec("""
            family: categorical
            truth: {counts-file: \(file.path)}
            samples: 100
            generations: 20
            replicates: 4000
            regime: {synthetic: replace, real: keep}
            metrics: [first-fit-distance, collision, kl]
            """, threads: 2, into: root.appendingPathComponent("run"))
        let row = record.summary[20][0]
        let theory = try #require(row.theory)
        #expect(abs(theory - 0.0029900) < 5e-8)
        #expect(abs(row.mean - theory) < 4.5 * row.standardError)
        // The kept real data set holds every category: the model never loses one.
        #expect(record.summary[20][2].nonFiniteCount == 0)
    }
}
