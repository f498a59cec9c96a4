/// Independent random streams addressed by a path of indices.
///
/// The stream for (master seed, path) — for example (seed, [sweep point, replicate]) — is a
/// ``Xoshiro256StarStar`` whose state is a hash of the seed and the path: each level folds its index
/// into a running 64-bit key with the SplitMix64 finaliser, and the final key seeds the generator
/// through SplitMix64. The stream of replicate 17 is therefore a pure function of (seed, path): it
/// is the same whatever the thread count and whatever ran before it.
///
/// Independence is statistical, as for any hashed seeding (the approach of Salmon et al.,
/// "Parallel random numbers: as easy as 1, 2, 3", SC 2011, and of NumPy's `SeedSequence`): distinct
/// paths give distinct 64-bit keys except with probability about 2⁻⁶⁴ per pair, and xoshiro256**
/// streams started from well-mixed unrelated states do not overlap in any practical run length.
/// The tests check that neighbouring replicates' streams are uncorrelated.
public enum RandomStream {
    /// The key of a path: `k₀ = mix(seed ⊕ c₀)`, `k_{i+1} = mix(k_i ⊕ mix(index_i + c₁·(i+1)))`.
    @inlinable
    public static func key(seed: UInt64, path: [UInt64]) -> UInt64 {
        var key = SplitMix64.mix(seed ^ 0x6A09_E667_F3BC_C908)
        for (level, index) in path.enumerated() {
            let salted = index &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(level + 1)
            key = SplitMix64.mix(key ^ SplitMix64.mix(salted))
        }
        return key
    }

    /// The generator of the stream (seed, path).
    @inlinable
    public static func generator(seed: UInt64, path: [UInt64]) -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: key(seed: seed, path: path))
    }

    /// The generator of the stream (seed, path…).
    @inlinable
    public static func generator(seed: UInt64, _ path: UInt64...) -> Xoshiro256StarStar {
        generator(seed: seed, path: path)
    }
}
