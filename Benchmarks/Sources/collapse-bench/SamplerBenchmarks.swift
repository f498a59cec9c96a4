import Foundation
import Randomness

/// `collapse-bench samplers`: ns per draw of each sampler, best of 5 repetitions of `fill` into a
/// reused buffer of 10⁶ values (generator: xoshiro256**). Only the fill is timed; the buffer is then
/// summed (untimed) into a checksum printed at the end, so nothing can be optimised away.
func runSamplerBenchmarks(_ arguments: [String]) {
    let draws = 1_000_000
    var checksum = 0.0
    var generator = Xoshiro256StarStar(seed: 7)

    func measure<S: Sampler>(_ name: String, _ parameters: String, _ sampler: S, as convert: (S.Value) -> Double) {
        var buffer = [S.Value](repeating: sampler.sample(using: &generator), count: draws)
        let (seconds, sum) = buffer.withUnsafeMutableBufferPointer { pointer in
            BenchmarkTable.bestTime {
                sampler.fill(pointer, using: &generator)
                return 0
            }
        }
        _ = sum
        var total = 0.0
        for value in buffer { total += convert(value) }
        checksum += total
        BenchmarkTable.row(name, parameters, draws: draws, seconds: seconds)
    }

    BenchmarkTable.header()

    // The raw generator and 53-bit uniforms, for scale.
    do {
        var buffer = [UInt64](repeating: 0, count: draws)
        let (seconds, _) = buffer.withUnsafeMutableBufferPointer { pointer in
            BenchmarkTable.bestTime {
                var local = generator
                for index in pointer.indices { pointer[index] = local.next() }
                generator = local
                return 0
            }
        }
        checksum += Double(buffer.reduce(0, &+) >> 11)
        BenchmarkTable.row("xoshiro256**", "next() -> UInt64", draws: draws, seconds: seconds)
    }
    do {
        var buffer = [Double](repeating: 0, count: draws)
        let (seconds, _) = buffer.withUnsafeMutableBufferPointer { pointer in
            BenchmarkTable.bestTime {
                var local = generator
                for index in pointer.indices { pointer[index] = local.nextUniform() }
                generator = local
                return 0
            }
        }
        checksum += buffer.reduce(0, +)
        BenchmarkTable.row("uniform", "[0, 1), 53 bits", draws: draws, seconds: seconds)
    }

    measure("normal", "mean=0 sd=1", Normal(), as: { $0 })
    measure("normal", "mean=3 sd=2", Normal(mean: 3, standardDeviation: 2), as: { $0 })
    do {
        var buffer = [Double](repeating: 0, count: draws)
        let (seconds, _) = buffer.withUnsafeMutableBufferPointer { pointer in
            BenchmarkTable.bestTime {
                var local = generator
                for index in pointer.indices { pointer[index] = Normal.standard(using: &local) }
                generator = local
                return 0
            }
        }
        checksum += buffer.reduce(0, +)
        BenchmarkTable.row("normal", "standard(using:) per call", draws: draws, seconds: seconds)
    }
    measure("exponential", "rate=1", Exponential(), as: { $0 })
    for shape in [0.01, 0.5, 1, 7.3] {
        measure("gamma", "shape=\(shape) scale=1", Gamma(shape: shape), as: { $0 })
    }
    measure("chi-squared", "df=10", ChiSquared(degreesOfFreedom: 10), as: { $0 })
    measure("beta", "alpha=2 beta=3", Beta(alpha: 2, beta: 3), as: { $0 })
    measure("beta", "alpha=0.5 beta=0.5", Beta(alpha: 0.5, beta: 0.5), as: { $0 })
    for (n, p) in [(10, 0.3), (1_000, 0.4), (1_000_000_000, 0.3), (1_000_000_000, 5e-9)] {
        measure("binomial", "n=\(n) p=\(p)", Binomial(count: n, probability: p), as: Double.init)
    }
    for mean in [0.5, 9.9, 10, 1e3, 1e7] {
        measure("poisson", "mean=\(mean)", Poisson(mean: mean), as: Double.init)
    }
    let weights = (0..<1_000).map { Double(($0 * 7_919) % 1_009) }
    measure("alias-table", "K=1000", AliasTable(weights: weights), as: Double.init)
    for s in [0.0, 1.0, 1.5] {
        measure("zipf", "N=1000000 s=\(s)", Zipf(count: 1_000_000, exponent: s), as: Double.init)
    }

    // Vector samplers: one draw is a vector; reported per vector, into a reused array.
    do {
        let vectors = 10_000
        let multinomial = Multinomial(count: 1_000_000, probabilities: (1...100).map(Double.init))
        var counts = [Int](repeating: 0, count: 100)
        let (seconds, sum) = BenchmarkTable.bestTime {
            var total = 0
            for _ in 0..<vectors {
                multinomial.sample(into: &counts, using: &generator)
                total &+= counts[0]
            }
            return Double(total)
        }
        checksum += sum
        BenchmarkTable.row("multinomial", "n=1e6 K=100 (per vector)", draws: vectors, seconds: seconds)

        let dirichlet = Dirichlet(concentrations: (1...100).map { Double($0) / 10 })
        var proportions = [Double](repeating: 0, count: 100)
        let (dSeconds, dSum) = BenchmarkTable.bestTime {
            var total = 0.0
            for _ in 0..<vectors {
                dirichlet.sample(into: &proportions, using: &generator)
                total += proportions[0]
            }
            return total
        }
        checksum += dSum
        BenchmarkTable.row("dirichlet", "K=100 alpha=0.1..10 (per vector)", draws: vectors, seconds: dSeconds)
    }

    print(String(format: "checksum %.6e", checksum))
}
