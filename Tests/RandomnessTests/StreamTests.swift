import Foundation
import Randomness
import Statistics
import Testing

@Suite("Streams")
struct StreamTests {
    /// Pearson correlation of L uniforms from neighbouring replicate streams (seed, [0, r]) and
    /// (seed, [0, r + 1]), for r = 0 … R − 1, and likewise for neighbouring seeds and for sweep points.
    ///
    /// Under independence each z_r = ρ_r √L is ≈ N(0, 1) and the z_r are independent, so:
    /// - every |z_r| ≤ 5.5 (two-sided 3.8·10⁻⁸ each, 10⁻⁴ for all R·3 pairs together);
    /// - the mean of the z_r is within 4.5/√R of 0 (6.8·10⁻⁶): a small common correlation;
    /// - Σ z_r² ~ χ²_R, tested at p ≥ 10⁻⁴: correlations of varying sign.
    @Test func neighbouringStreamsAreUncorrelated() {
        let length = 2_000
        let pairs = 600
        func uniforms(_ generator: Xoshiro256StarStar) -> [Double] {
            var g = generator
            return (0..<length).map { _ in g.nextUniform() }
        }
        func z(_ a: [Double], _ b: [Double]) -> Double {
            let ma = a.reduce(0, +) / Double(length)
            let mb = b.reduce(0, +) / Double(length)
            var sab = 0.0, saa = 0.0, sbb = 0.0
            for i in 0..<length {
                sab += (a[i] - ma) * (b[i] - mb)
                saa += (a[i] - ma) * (a[i] - ma)
                sbb += (b[i] - mb) * (b[i] - mb)
            }
            return sab / (saa * sbb).squareRoot() * Double(length).squareRoot()
        }
        let seed: UInt64 = 20_240_601
        let families: [(String, (UInt64) -> (Xoshiro256StarStar, Xoshiro256StarStar))] = [
            ("replicates", { r in (RandomStream.generator(seed: seed, path: [0, r]), RandomStream.generator(seed: seed, path: [0, r + 1])) }),
            ("sweep points", { r in (RandomStream.generator(seed: seed, path: [r, 5]), RandomStream.generator(seed: seed, path: [r + 1, 5])) }),
            ("seeds", { r in (RandomStream.generator(seed: r, path: [3]), RandomStream.generator(seed: r + 1, path: [3])) }),
        ]
        for (label, streams) in families {
            var zs: [Double] = []
            for r in 0..<UInt64(pairs) {
                let (a, b) = streams(r)
                zs.append(z(uniforms(a), uniforms(b)))
            }
            #expect(zs.allSatisfy { abs($0) <= 5.5 }, "\(label): max |z| = \(zs.map(abs).max()!)")
            let meanZ = zs.reduce(0, +) / Double(pairs)
            #expect(abs(meanZ) <= standardErrors / Double(pairs).squareRoot(), "\(label): mean z = \(meanZ)")
            let sumSquares = zs.reduce(0) { $0 + $1 * $1 }
            let p = SpecialFunctions.regularizedGammaQ(Double(pairs) / 2, sumSquares / 2)
            #expect(p >= goodnessOfFitLevel, "\(label): Σz² = \(sumSquares) on \(pairs) df, p = \(p)")
        }
    }

    /// The stream of a path is a pure function of (seed, path): the same whatever was generated
    /// before, in whatever order, and different for different paths (including prefixes).
    @Test func streamIsAPureFunctionOfItsPath() async {
        func first(_ g: Xoshiro256StarStar, _ n: Int = 8) -> [UInt64] {
            var g = g
            return (0..<n).map { _ in g.next() }
        }
        let direct = first(RandomStream.generator(seed: 7, path: [2, 17]))
        // Generate a lot of other streams first, in a scrambled order, then stream 17 again.
        var other: [UInt64] = []
        for r in (0..<64).reversed() {
            var g = RandomStream.generator(seed: 7, path: [2, UInt64(r)])
            for _ in 0..<(r * 13 % 31) { other.append(g.next()) }
        }
        #expect(!other.isEmpty)
        #expect(first(RandomStream.generator(seed: 7, path: [2, 17])) == direct)
        #expect(first(RandomStream.generator(seed: 7, 2, 17)) == direct)
        // Concurrently, in whatever order the tasks happen to run, as replicates do.
        let concurrent = await withTaskGroup(of: (Int, UInt64).self) { group in
            for r in 0..<64 {
                group.addTask {
                    var g = RandomStream.generator(seed: 7, path: [2, UInt64(r)])
                    return (r, g.next())
                }
            }
            var results = [UInt64](repeating: 0, count: 64)
            for await (r, value) in group { results[r] = value }
            return results
        }
        #expect(concurrent[17] == direct[0])

        let distinct: [[UInt64]] = [[], [0], [0, 0], [1], [0, 1], [1, 0], [2, 17], [17, 2], [2, 17, 0]]
        let firsts = distinct.map { first(RandomStream.generator(seed: 7, path: $0), 2) }
        #expect(Set(firsts).count == distinct.count)
        #expect(first(RandomStream.generator(seed: 8, path: [2, 17])) != direct)
    }
}
