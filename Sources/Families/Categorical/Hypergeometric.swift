#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Statistics

/// The hypergeometric distribution: the number of marked items among `draws` items taken without
/// replacement from a population of `population` items of which `marked` are marked,
/// `P(x) = C(K, x) C(N − K, m − x) / C(N, m)`.
///
/// Exact inversion centred at the mode (the enumeration order of an inversion does not matter for
/// its exactness): P(mode) from log binomial coefficients (``SpecialFunctions/logBinomialCoefficient(_:_:)``,
/// accurate for large arguments), then the support is walked outwards, alternately down and up,
/// with the ratios P(x + 1)/P(x) = (K − x)(m − x) / ((x + 1)(N − K − m + x + 1)), subtracting each
/// probability from one uniform until it falls below. Symmetries first reduce to m ≤ N/2 and
/// K ≤ N/2. O(1 + sd) expected steps. If rounding leaves the uniform above the accumulated mass
/// (≈ 10⁻¹⁵), a new uniform is drawn.
///
/// - Precondition: 0 ≤ marked ≤ population, 0 ≤ draws ≤ population.
public struct Hypergeometric: Sendable, Hashable {
    public let population: Int
    public let marked: Int
    public let draws: Int

    public init(population: Int, marked: Int, draws: Int) {
        precondition(population >= 0 && marked >= 0 && marked <= population && draws >= 0 && draws <= population,
                     "Hypergeometric: needs 0 ≤ marked ≤ population and 0 ≤ draws ≤ population")
        self.population = population
        self.marked = marked
        self.draws = draws
    }

    public var mean: Double { Double(draws) * Double(marked) / Double(max(population, 1)) }

    /// One draw.
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Int {
        Hypergeometric.sample(population: population, marked: marked, draws: draws, using: &generator)
    }

    /// One draw without keeping a sampler.
    public static func sample<G: RandomNumberGenerator>(
        population n: Int, marked k: Int, draws m: Int, using generator: inout G
    ) -> Int {
        if m == 0 || k == 0 { return 0 }
        if k == n { return m }
        if m == n { return k }
        // Taking m items leaves n − m: the marked items taken are k minus those left.
        if 2 * m > n { return k - sample(population: n, marked: k, draws: n - m, using: &generator) }
        // Swapping marked and unmarked items.
        if 2 * k > n { return m - sample(population: n, marked: n - k, draws: m, using: &generator) }
        // Now m, k ≤ n/2, so the support is 0 … min(m, k).
        let upper = min(m, k)
        let mode = min(upper, Int((Double(m + 1) * Double(k + 1) / Double(n + 2)).rounded(.down)))
        let logMode = SpecialFunctions.logBinomialCoefficient(k, mode)
            + SpecialFunctions.logBinomialCoefficient(n - k, m - mode)
            - SpecialFunctions.logBinomialCoefficient(n, m)
        let pMode = exp(logMode)
        let nn = Double(n), kk = Double(k), mm = Double(m)
        while true {
            var u = generator.nextUniform()
            if u < pMode { return mode }
            u -= pMode
            var down = mode, up = mode
            var pDown = pMode, pUp = pMode
            var moved = true
            while moved {
                moved = false
                if up < upper {
                    // P(x + 1) = P(x)(K − x)(m − x) / ((x + 1)(N − K − m + x + 1)).
                    let x = Double(up)
                    pUp *= (kk - x) * (mm - x) / ((x + 1) * (nn - kk - mm + x + 1))
                    up += 1
                    if u < pUp { return up }
                    u -= pUp
                    moved = true
                }
                if down > 0 {
                    // P(x − 1) = P(x) x (N − K − m + x) / ((K − x + 1)(m − x + 1)).
                    let x = Double(down)
                    pDown *= x * (nn - kk - mm + x) / ((kk - x + 1) * (mm - x + 1))
                    down -= 1
                    if u < pDown { return down }
                    u -= pDown
                    moved = true
                }
                if pUp == 0 && pDown == 0 { break }
            }
        }
    }
}

/// The multivariate hypergeometric distribution: how many of `draws` items taken without
/// replacement from a population with `counts[i]` items of category i fall in each category.
///
/// Sequentially exact: x₁ ~ Hypergeometric(N, c₁, m), then x_i ~ Hypergeometric(N − c₁ − … −
/// c_{i−1}, c_i, m − x₁ − … − x_{i−1}), the conditional law of category i given the earlier ones.
/// O(K) hypergeometric draws (categories after the draws run out cost nothing).
public enum MultivariateHypergeometric {
    /// Overwrites `result` with one draw (K counts summing to min(draws, Σ counts)).
    public static func sample<G: RandomNumberGenerator>(
        counts: [Int], draws: Int, into result: inout [Int], using generator: inout G
    ) {
        let total = counts.reduce(0, +)
        var remainingDraws = min(draws, total)
        var remainingPopulation = total
        if result.count != counts.count { result = [Int](repeating: 0, count: counts.count) }
        for i in counts.indices {
            let c = counts[i]
            if remainingDraws == 0 || c == 0 {
                result[i] = 0
                remainingPopulation -= c
                continue
            }
            let x = Hypergeometric.sample(
                population: remainingPopulation, marked: c, draws: remainingDraws, using: &generator)
            result[i] = x
            remainingDraws -= x
            remainingPopulation -= c
        }
    }
}
