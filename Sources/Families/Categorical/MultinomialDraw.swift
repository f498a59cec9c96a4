import Randomness

/// Exact multinomial draws into reused count buffers, from a model's precomputed conditional
/// probabilities: the hot loop of every discrete family.
///
/// Conditional binomials (Devroye 1986, §XI.1; Davis 1993, as ``Multinomial`` in Randomness):
/// x_i ~ Binomial(n − x₁ − … − x_{i−1}, c_i) with c_i = p_i / (p_i + … + p_K). The conditional
/// probabilities live in the model (computed once per fit), so a draw allocates nothing; a category
/// without mass (c_i = 0), every category after the draws run out, and the last category with mass
/// (c_i = 1) cost no random number. O(K) per draw whatever n: the Wright–Fisher generation of
/// DESIGN.md's statistics path.
public enum MultinomialDraw {
    /// Overwrites `counts` (same length as `conditionals`) with one Multinomial(n, p) draw.
    @inlinable
    public static func draw<G: RandomNumberGenerator>(
        _ n: Int, conditionals: UnsafeBufferPointer<Double>, into counts: UnsafeMutableBufferPointer<Int>,
        using generator: inout G
    ) {
        assert(conditionals.count == counts.count)
        var remaining = n
        var i = 0
        let k = conditionals.count
        while i < k && remaining > 0 {
            let c = conditionals[i]
            var x = 0
            if c >= 1 {
                x = remaining
            } else if c > 0 {
                x = Binomial.sample(count: remaining, probability: c, using: &generator)
            }
            counts[i] = x
            remaining -= x
            i += 1
        }
        while i < k {
            counts[i] = 0
            i += 1
        }
        assert(remaining == 0, "MultinomialDraw: the conditionals must end with a 1")
    }

    /// Overwrites `counts` (resized to K when needed) with n points drawn one by one from the
    /// alias table of `probabilities` and tallied: the O(n) sample path, for cross-checking the
    /// O(K) multinomial path.
    @inlinable
    public static func tally<G: RandomNumberGenerator>(
        _ n: Int, probabilities: [Double], into counts: inout [Int], using generator: inout G
    ) {
        let k = probabilities.count
        if counts.count != k { counts = [Int](repeating: 0, count: k) }
        let table = AliasTable(weights: probabilities)
        counts.withUnsafeMutableBufferPointer { out in
            for i in 0..<k { out[i] = 0 }
            for _ in 0..<n { out[table.sample(using: &generator)] += 1 }
        }
    }
}
