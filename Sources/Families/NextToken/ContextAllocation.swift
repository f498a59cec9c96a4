import Randomness

/// How a generation's budget of n samples is split across the contexts, visited with frequencies
/// f₁ … f_C.
public enum ContextAllocation: String, Sendable, CaseIterable {
    /// n_c = round(n F_c) − round(n F_{c−1}) with F the cumulative frequencies: deterministic,
    /// Σ n_c = n, each n_c within 1 of n f_c. Each context is then an independent categorical chain
    /// with a known sample size, the setting of Seddik et al.'s per-context recursions (so the
    /// theory column applies).
    case proportional
    /// (n₁ … n_C) ~ Multinomial(n, f): contexts visited at random, as when sampling text; a
    /// context may get no data in a generation (it then keeps its distribution).
    case multinomial

    /// Overwrites `sizes` (C entries) with the allocation of n.
    @inlinable
    public func allocate<G: RandomNumberGenerator>(
        _ n: Int, cumulative: [Double], conditionals: [Double], into sizes: inout [Int], using generator: inout G
    ) {
        let contexts = cumulative.count
        if sizes.count != contexts { sizes = [Int](repeating: 0, count: contexts) }
        switch self {
        case .proportional:
            var previous = 0
            for c in 0..<contexts {
                let upTo = c == contexts - 1 ? n : Int((Double(n) * cumulative[c]).rounded())
                sizes[c] = max(0, upTo - previous)
                previous = max(previous, upTo)
            }
        case .multinomial:
            conditionals.withUnsafeBufferPointer { cond in
                sizes.withUnsafeMutableBufferPointer { out in
                    MultinomialDraw.draw(n, conditionals: cond, into: out, using: &generator)
                }
            }
        }
    }
}

/// The contexts' visiting frequencies with what allocation needs, precomputed.
public struct ContextVisits: Sendable, Equatable {
    /// f_c, summing to 1.
    public var frequencies: [Double]
    /// F_c = f₁ + … + f_c (F_C = 1).
    public var cumulative: [Double]
    /// f_c / (f_c + … + f_C), for the multinomial allocation.
    public var conditionals: [Double]

    public init(frequencies: [Double]) {
        let total = frequencies.reduce(0, +)
        self.frequencies = frequencies.map { $0 / total }
        var running = 0.0
        cumulative = self.frequencies.map { running += $0; return running }
        cumulative[cumulative.count - 1] = 1
        conditionals = MultinomialDraw.conditionals(frequencies)
    }

    /// The sizes of a proportional allocation of n (for the theory column).
    public func proportionalSizes(_ n: Int) -> [Int] {
        var sizes: [Int] = []
        var generator = SplitMix64(seed: 0)
        ContextAllocation.proportional.allocate(n, cumulative: cumulative, conditionals: conditionals, into: &sizes, using: &generator)
        return sizes
    }
}
