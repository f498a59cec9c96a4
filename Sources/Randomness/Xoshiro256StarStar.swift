/// xoshiro256**, the project's generator: 256 bits of state, period 2²⁵⁶ − 1, passes BigCrush.
///
/// Output: `rotl(s1 * 5, 7) * 9`; transition: the xorshift/rotate linear engine of the paper.
/// D. Blackman, S. Vigna, "Scrambled linear pseudorandom number generators",
/// ACM Trans. Math. Softw. 47(4), 2021. https://doi.org/10.1145/3460772
///
/// A value type: copying it copies the stream, so a replicate's generator can be checkpointed by
/// storing ``state``. Seed it through ``init(seed:)`` (SplitMix64, as the authors recommend) or
/// derive independent streams with ``RandomStream``.
@frozen
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Hashable {
    public var s0: UInt64
    public var s1: UInt64
    public var s2: UInt64
    public var s3: UInt64

    /// Seeds the 256-bit state with four outputs of SplitMix64 started at `seed`.
    @inlinable
    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
    }

    /// Restores a generator from a saved state. The all-zero state is invalid (it is a fixed
    /// point); it is replaced by the state seeded from 0.
    @inlinable
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        if state == (0, 0, 0, 0) {
            self.init(seed: 0)
        } else {
            self.init(unchecked: state)
        }
    }

    @inlinable
    init(unchecked state: (UInt64, UInt64, UInt64, UInt64)) {
        s0 = state.0
        s1 = state.1
        s2 = state.2
        s3 = state.3
    }

    /// The generator's full state, for checkpoints.
    @inlinable
    public var state: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }

    @inlinable
    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = Xoshiro256StarStar.rotl(s1 &* 5, 7) &* 9
        let t = s1 &<< 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Xoshiro256StarStar.rotl(s3, 45)
        return result
    }

    /// Advances the state by 2¹²⁸ steps (the paper's `jump`): 2¹²⁸ non-overlapping subsequences.
    @inlinable
    public mutating func jump() {
        let polynomial: (UInt64, UInt64, UInt64, UInt64) = (
            0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C
        )
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0
        for word in [polynomial.0, polynomial.1, polynomial.2, polynomial.3] {
            for bit in 0..<64 {
                if word & (1 << UInt64(bit)) != 0 {
                    t0 ^= s0; t1 ^= s1; t2 ^= s2; t3 ^= s3
                }
                _ = next()
            }
        }
        (s0, s1, s2, s3) = (t0, t1, t2, t3)
    }

    @inlinable
    @inline(__always)
    static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x &<< k) | (x &>> (64 &- k))
    }
}
