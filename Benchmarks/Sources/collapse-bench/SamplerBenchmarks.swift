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
    measure("exponential", "rate=1", Exponential(), as: { $0 })

    print(String(format: "checksum %.6e", checksum))
}
