import Randomness

/// Ready-made true next-token models: C context rows over V tokens.
public enum NextTokenTruth {
    /// Every context Zipf(V, s) over the tokens, the ranking rotated by the context (token
    /// (r + c) mod V has rank r + 1 in context c), so contexts prefer different tokens.
    public static func zipf(contexts: Int, tokens: Int, exponent: Double) -> [Double] {
        let row = Zipf.probabilities(count: tokens, exponent: exponent)
        var result = [Double](repeating: 0, count: contexts * tokens)
        for c in 0..<contexts {
            for r in 0..<tokens { result[c * tokens + (r + c) % tokens] = row[r] }
        }
        return result
    }

    /// Every context an independent draw from the symmetric Dirichlet(a, …, a), from the random
    /// stream (seed, [0]): the same seed gives the same truth.
    public static func dirichlet(contexts: Int, tokens: Int, concentration: Double, seed: UInt64) -> [Double] {
        var generator = RandomStream.generator(seed: seed, path: [0])
        let dirichlet = Dirichlet(concentrations: [Double](repeating: concentration, count: tokens))
        var row: [Double] = []
        var result: [Double] = []
        result.reserveCapacity(contexts * tokens)
        for _ in 0..<contexts {
            dirichlet.sample(into: &row, using: &generator)
            result.append(contentsOf: row)
        }
        return result
    }
}
