import Randomness
import Statistics
import Testing

@Suite("Generators")
struct GeneratorTests {
    /// Outputs of the reference C implementation of xoshiro256** (Blackman & Vigna) from the state
    /// {1, 2, 3, 4}.
    @Test func xoshiroMatchesReferenceOutputs() {
        var generator = Xoshiro256StarStar(state: (1, 2, 3, 4))
        let expected: [UInt64] = [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240,
                                  1_216_172_134_540_287_360, 607_988_272_756_665_600]
        #expect((0..<6).map { _ in generator.next() } == expected)
    }

    /// SplitMix64 from seed 1234567 (the published reference sequence) and from seed 0.
    @Test func splitMixMatchesReferenceOutputs() {
        var generator = SplitMix64(seed: 1_234_567)
        let expected: [UInt64] = [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
                                  4_593_380_528_125_082_431, 16_408_922_859_458_223_821]
        #expect((0..<5).map { _ in generator.next() } == expected)
        var zero = SplitMix64(seed: 0)
        #expect(zero.next() == 0xE220_A839_7B1D_CDAF)
    }

    @Test func stateRoundTripAndZeroState() {
        var generator = Xoshiro256StarStar(seed: 42)
        _ = generator.next()
        var restored = Xoshiro256StarStar(state: generator.state)
        #expect((0..<10).map { _ in generator.next() } == (0..<10).map { _ in restored.next() })
        // The all-zero state is a fixed point of the transition; it is replaced.
        var fromZero = Xoshiro256StarStar(state: (0, 0, 0, 0))
        #expect(fromZero.state != (0, 0, 0, 0))
        #expect(fromZero.next() != 0 || fromZero.next() != 0)
    }

    /// `jump()` is a polynomial in the transition T, so it commutes with `next()`; and it moves far
    /// away from the current stream.
    @Test func jumpCommutesWithNext() {
        var a = Xoshiro256StarStar(seed: 9)
        var b = a
        a.jump()
        _ = a.next()
        _ = b.next()
        b.jump()
        #expect(a.state == b.state)
        var c = Xoshiro256StarStar(seed: 9)
        var d = c
        d.jump()
        #expect((0..<4).map { _ in c.next() } != (0..<4).map { _ in d.next() })
    }

    /// nextUniform on [0, 1): KS against U(0, 1), moments (σ² = 1/12, μ₄ = 1/80), range.
    @Test func uniformIsUniform() {
        var generator = Xoshiro256StarStar(seed: 1)
        let values = (0..<200_000).map { _ in generator.nextUniform() }
        #expect(values.allSatisfy { $0 >= 0 && $0 < 1 })
        expectKolmogorovSmirnov(values, cdf: { min(max($0, 0), 1) }, "uniform")
        expectMoments(SampleMoments(values), mean: 0.5, variance: 1.0 / 12, fourthCentralMoment: 1.0 / 80, "uniform")
        let open = (0..<100_000).map { _ in generator.nextOpenUniform() }
        #expect(open.allSatisfy { $0 > 0 && $0 <= 1 })
        expectKolmogorovSmirnov(open, cdf: { min(max($0, 0), 1) }, "open uniform")
    }

    /// Both ends of the 53-bit grid.
    @Test func uniformEndpoints() {
        struct Constant: RandomNumberGenerator {
            var value: UInt64
            mutating func next() -> UInt64 { value }
        }
        var zero = Constant(value: 0)
        var ones = Constant(value: .max)
        #expect(zero.nextUniform() == 0)
        #expect(ones.nextUniform() == 1 - 0x1p-53)
        #expect(zero.nextOpenUniform() == 0x1p-53)
        #expect(ones.nextOpenUniform() == 1)
    }
}
