/// The multinomial distribution: counts of `count` independent draws over K categories with
/// probabilities p₁ … p_K.
///
/// Conditional binomials (e.g. L. Devroye, *Non-Uniform Random Variate Generation*, Springer 1986,
/// §XI.1; C. S. Davis, "The computer generation of multinomial random variates", Comput. Stat.
/// Data Anal. 16(2), 1993, https://doi.org/10.1016/0167-9473(93)90115-A):
/// `X₁ ~ Binomial(n, p₁)`, `X_i ~ Binomial(n − X₁ − … − X_{i−1}, p_i / (p_i + … + p_K))`. Each binomial
/// is exact (``Binomial``), so the vector is exact, in O(K) expected time whatever n. The
/// conditional probabilities are computed once, from suffix sums accumulated from the end, so they
/// are accurate even when the tail mass is tiny; the last category with positive probability gets
/// probability 1 exactly and takes the rest.
///
/// `probabilities` are weights: they are normalised by their sum. Zeros are allowed (those
/// categories always get 0).
///
/// - Precondition: `count ≥ 0`; at least one probability; all finite and ≥ 0 with a positive sum.
public struct Multinomial: Sampler, Sendable, Hashable {
    public let count: Int
    /// The normalised probabilities.
    public let probabilities: [Double]
    /// p_i / (p_i + … + p_K), in [0, 1]; 0 after the last positive category.
    @usableFromInline let conditionalProbabilities: [Double]

    @inlinable
    public init(count: Int, probabilities: [Double]) {
        precondition(count >= 0, "Multinomial: count must be ≥ 0")
        precondition(!probabilities.isEmpty, "Multinomial: needs at least one category")
        precondition(probabilities.allSatisfy { $0.isFinite && $0 >= 0 },
                     "Multinomial: probabilities must be finite and ≥ 0")
        var suffix = [Double](repeating: 0, count: probabilities.count)
        var running = 0.0
        for i in probabilities.indices.reversed() {
            running += probabilities[i]
            suffix[i] = running
        }
        precondition(running > 0 && running.isFinite, "Multinomial: probabilities must have a positive, finite sum")
        self.count = count
        self.probabilities = probabilities.map { $0 / running }
        conditionalProbabilities = probabilities.indices.map { i in
            suffix[i] > 0 ? min(1, probabilities[i] / suffix[i]) : 0
        }
    }

    /// Overwrites `counts` with one draw (K counts summing to `count`). `counts` is resized to K if
    /// its count differs (the only allocation; reuse the array across draws to avoid it).
    @inlinable
    public func sample<G: RandomNumberGenerator>(into counts: inout [Int], using generator: inout G) {
        let k = conditionalProbabilities.count
        if counts.count != k {
            counts = [Int](repeating: 0, count: k)
        }
        var remaining = count
        counts.withUnsafeMutableBufferPointer { out in
            for i in 0..<k {
                if remaining == 0 {
                    out[i] = 0
                    continue
                }
                let x = Binomial.sample(count: remaining, probability: conditionalProbabilities[i], using: &generator)
                out[i] = x
                remaining -= x
            }
        }
        assert(remaining == 0)
    }

    /// One draw as a new array of K counts.
    @inlinable
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> [Int] {
        var counts = [Int](repeating: 0, count: conditionalProbabilities.count)
        sample(into: &counts, using: &generator)
        return counts
    }
}
