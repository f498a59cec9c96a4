import Foundation

// collapse-bench SUITE [options]
//
// Suites (one file each): samplers (SamplerBenchmarks.swift), engine (EngineBenchmarks.swift).
// Build and run in release: swift run -c release --package-path Benchmarks collapse-bench samplers

let suites: [(name: String, summary: String, run: ([String]) -> Void)] = [
    ("samplers", "draws per second of every Randomness sampler (fill into a reused buffer)", runSamplerBenchmarks),
    ("engine", "ns per sample of the Gaussian recursive-training loop (issue 3), both paths, vs the raw sampler", runEngineBenchmarks),
    ("wright-fisher", "issue 4: Wright–Fisher through the engine, K=1000 n=10000 T=1000 R=1000", runWrightFisherBenchmark),
    ("ridge", "recursive ridge fits, d = 500, n = 5,000, per backend (RidgeBenchmarks.swift)", runRidgeBenchmarks),
    ("mlp", "issue 6: one MLP generation on the bundled digits, fixed epochs, per precision (MLPBenchmarks.swift)", runMLPBenchmarks),
    ("eigen", "symmetric eigendecomposition, n = 100…800: Jacobi vs tridiagonal QR (EigenBenchmarks.swift)", runEigenBenchmarks),
    ("ngram", "issue 7: train a trigram Kneser–Ney model on 1 MB of text, generate 1 MB (NGramBenchmark.swift)", runNGramBenchmark),
]

let arguments = Array(CommandLine.arguments.dropFirst())
if let name = arguments.first, let suite = suites.first(where: { $0.name == name }) {
    suite.run(Array(arguments.dropFirst()))
} else {
    print("usage: collapse-bench SUITE [options]\n\nsuites:")
    for suite in suites {
        print("  \(suite.name.padding(toLength: 12, withPad: " ", startingAt: 0))\(suite.summary)")
    }
    if let name = arguments.first, name != "--help", name != "-h" {
        print("\nunknown suite: \(name)")
        exit(64)
    }
}
