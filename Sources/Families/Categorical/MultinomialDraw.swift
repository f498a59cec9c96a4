import Randomness

/// Exact multinomial draws into reused count buffers, from a model's precomputed conditional
/// probabilities: the hot loop of every discrete family.
///
/// Conditional binomials (Devroye 1986, §XI.1; Davis 1993, as ``Multinomial`` in Randomness, each
/// drawn by ``Binomial/sample(count:probability:using:)``):
/// x_i ~ Binomial(n − x₁ − … − x_{i−1}, c_i) with c_i = p_i / (p_i + … + p_K). The conditional
/// probabilities live in the model (computed once per fit), so a draw allocates nothing; a category
/// without mass (c_i = 0), every category after the draws run out, and the last category with mass
/// (c_i = 1) cost no random number. O(K) per draw whatever n: the Wright–Fisher generation of
/// DESIGN.md's statistics path.
public enum MultinomialDraw {
    /// Overwrites `counts` (K entries) with one Multinomial(n, p) draw of a ``CategoricalModel``:
    /// zeros, then its categories with mass from the last down, x_i ~ Binomial(remaining, c_i).
    /// O(support) binomials plus one memset.
    @inlinable
    public static func draw<G: RandomNumberGenerator>(
        _ n: Int, from model: CategoricalModel, into counts: UnsafeMutableBufferPointer<Int>, using generator: inout G
    ) {
        assert(counts.count == model.categoryCount)
        counts.update(repeating: 0)
        var remaining = n
        model.aliveCategories.withUnsafeBufferPointer { alive in
            model.aliveConditionals.withUnsafeBufferPointer { conditionals in
                var j = alive.count - 1
                while j >= 0 && remaining > 0 {
                    let x = Binomial.sample(count: remaining, probability: conditionals[j], using: &generator)
                    counts[Int(alive[j])] = x
                    remaining -= x
                    j -= 1
                }
            }
        }
        assert(remaining == 0, "MultinomialDraw: the first category with mass has conditional 1")
    }

    /// Overwrites `counts` (same length as `conditionals`) with one Multinomial(n, p) draw given the
    /// forward conditionals c_i = p_i / (p_i + … + p_K) (see ``conditionals(_:)``).
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

    /// The forward conditionals c_i = w_i / (w_i + … + w_K) of unnormalised weights (0 for a zero
    /// weight, exactly 1 for the last positive one), from suffix sums accumulated from the end.
    public static func conditionals<C: RandomAccessCollection>(_ weights: C) -> [Double] where C.Element == Double, C.Index == Int {
        var result = [Double](repeating: 0, count: weights.count)
        var suffix = 0.0
        let start = weights.startIndex
        for offset in stride(from: weights.count - 1, through: 0, by: -1) {
            let w = weights[start + offset]
            suffix += w
            if w > 0 { result[offset] = w >= suffix ? 1 : w / suffix }
        }
        return result
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
