import Families
import Foundation
import Statistics

/// Closed forms for one categorical chain fitted by maximum likelihood (counting): Wright–Fisher
/// resampling (RESEARCH.md §6) and Seddik et al. (2024, "How Bad is Training on Synthetic Data?
/// A Statistical Analysis of Language Model Collapse", RESEARCH.md §5).
///
/// Numbering as in the engine: fit 1 is on the real data — N = n(0) draws from the truth p₀, or a
/// finite data set whose proportions are p₀ (then p⁽¹⁾ = p₀ exactly) — and fit t + 1 (t ≥ 1) on
/// n_t = n(t) points drawn from model t, plus, in Seddik's mixed setting, the same N real points
/// again (regime `{synthetic: replace, real: keep}`).
///
/// With α_t the synthetic share of fit t + 1 (1 without real data, n_t/(N + n_t) with the real
/// sample kept, 1 − W with `real-weight: W`), p⁽ᵗ⁺¹⁾ = (1 − α_t) p⁽¹⁾ + α_t p̂ with
/// n_t p̂ ~ Multinomial(n_t, p⁽ᵗ⁾). So E[p⁽ᵗ⁾ | p⁽¹⁾] = p⁽¹⁾ (the mean is a martingale: E tail-mass
/// stays the truth's 0.1) and D_t = E‖p⁽ᵗ⁾ − p⁽¹⁾‖² satisfies
///
///     D_1 = 0,   D_{t+1} = α_t² (1 − 1/n_t) D_t + α_t² E(1 − S₁)/n_t,
///
/// the recursion of Seddik et al. with S₁ = Σ p⁽¹⁾ⱼ²; E(1 − S₁) = (1 − 1/N)(1 − S₀) for N draws
/// (Wright–Fisher's heterozygosity after one generation), 1 − S₀ for a data set. Since
/// E‖p⁽ᵗ⁾‖² = S₁ + D_t, the collision probability is E S_t = 1 − E(1 − S₁) + D_t; without real data
/// (α = 1) this is Seddik et al.'s S_m = 1 − (1 − 1/n)^m (1 − S₀) — the Wright–Fisher decay
/// E[1 − Σ p_{t,j}²] = ∏ (1 − 1/n_i)(1 − S₀) — with m = t when the first fit also draws n points.
public struct CategoricalChainTheory: Sendable {
    /// How the first fit sees the truth.
    public enum FirstFit: Sendable, Equatable {
        /// N draws from the truth.
        case sample(Int)
        /// The finite data set itself (p⁽¹⁾ = p₀).
        case exact(Int)

        /// N, the real sample's size.
        public var size: Int {
            switch self {
            case .sample(let n), .exact(let n): return n
            }
        }
    }

    /// What joins the synthetic data in fits 2…T.
    public enum RealPart: Sendable, Equatable {
        /// Nothing (regime `replace`).
        case none
        /// The first fit's real sample again (`{synthetic: replace, real: keep}`), with an optional
        /// `real-weight`.
        case kept(realWeight: Double?)
    }

    /// S₀ = Σ p₀ⱼ².
    public var truthCollision: Double
    public var firstFit: FirstFit
    /// n(1), …, n(T − 1): the synthetic sizes of fits 2…T.
    public var syntheticSizes: [Int]
    public var realPart: RealPart

    public init(truthCollision: Double, firstFit: FirstFit, syntheticSizes: [Int], realPart: RealPart = .none) {
        self.truthCollision = truthCollision
        self.firstFit = firstFit
        self.syntheticSizes = syntheticSizes
        self.realPart = realPart
    }

    /// E(1 − S₁), the heterozygosity of the first fit.
    public var firstFitHeterozygosity: Double {
        switch firstFit {
        case .sample(let n): return (1 - 1 / Double(n)) * (1 - truthCollision)
        case .exact: return 1 - truthCollision
        }
    }

    /// α_t: the synthetic share of fit t + 1, drawn on n_t synthetic points.
    public func syntheticShare(synthetic n: Int) -> Double {
        switch realPart {
        case .none: return 1
        case .kept(let weight?): return 1 - weight
        case .kept(nil):
            let real = Double(firstFit.size)
            return Double(n) / (real + Double(n))
        }
    }

    /// E‖p⁽ᵗ⁾ − p⁽¹⁾‖² for t = 0…T (0 at t = 0 and 1 by convention and definition).
    public var firstFitDistances: [Double] {
        let h1 = firstFitHeterozygosity
        var result: [Double] = [0, 0]
        var d = 0.0
        for n in syntheticSizes {
            let alpha = syntheticShare(synthetic: n)
            let size = Double(n)
            d = alpha * alpha * ((1 - 1 / size) * d + h1 / size)
            result.append(d)
        }
        return result
    }

    /// E Σ p⁽ᵗ⁾ⱼ² for t = 0…T (S₀ at t = 0).
    public var collisions: [Double] {
        let h1 = firstFitHeterozygosity
        var result = firstFitDistances.map { 1 - h1 + $0 }
        result[0] = truthCollision
        return result
    }

    /// Seddik et al.'s stationary distance D_∞ = α²(1 − S₁)/(n(1 − α²(1 − 1/n))) for a constant n
    /// synthetic points and α = n/(N + n) (RESEARCH.md §5: N = n = 100, K = 10 uniform, S₁ = 0.1
    /// gives 0.0029900).
    public static func stationaryFirstFitDistance(real: Int, synthetic: Int, firstFitCollision s1: Double) -> Double {
        let n = Double(synthetic)
        let alpha = n / (Double(real) + n)
        let a2 = alpha * alpha
        return a2 * (1 - s1) / (n * (1 - a2 * (1 - 1 / n)))
    }

    /// The Wright–Fisher heterozygosity E[1 − Σ p_{t,j}²] = (1 − 1/n)^t (1 − Σ p_{0,j}²) after t
    /// generations of multinomial resampling of n (RESEARCH.md §6).
    public static func heterozygosity(initial h0: Double, sampleSize n: Int, generations t: Int) -> Double {
        pow(1 - 1 / Double(n), Double(t)) * h0
    }

    /// Neutral Wright–Fisher fixation: the chain ends on a single category with probability one,
    /// and on category j with probability p_{0,j} (the frequencies are a bounded martingale).
    public static func fixationProbabilities(truth: [Double]) -> [Double] {
        let total = truth.reduce(0, +)
        return truth.map { $0 / total }
    }
}

/// Moments of a Binomial(n, f) sample size that a context's chain needs when contexts are visited
/// at random (``ContextAllocation/multinomial``).
enum BinomialAllocation {
    /// E g(m) over m ~ Binomial(n, f), summed over m within 40 standard deviations of the mean
    /// (the rest has probability below 10⁻³⁰⁰).
    static func expectation(n: Int, f: Double, _ g: (Int) -> Double) -> Double {
        if f >= 1 { return g(n) }
        if f <= 0 { return g(0) }
        let mean = Double(n) * f
        let sd = (mean * (1 - f)).squareRoot()
        let lower = max(0, Int((mean - 40 * sd - 1).rounded(.down)))
        let upper = min(n, Int((mean + 40 * sd + 1).rounded(.up)))
        let logF = log(f), log1mF = log1p(-f)
        var sum = 0.0
        for m in lower...upper {
            let logP = SpecialFunctions.logBinomialCoefficient(n, m) + Double(m) * logF + Double(n - m) * log1mF
            sum += exp(logP) * g(m)
        }
        return sum
    }
}

/// Closed forms for the next-token family: each context is a categorical chain; the metrics are
/// visiting-frequency averages of the contexts' (see ``CategoricalChainTheory``).
///
/// With ``ContextAllocation/proportional`` every context's sample sizes are known and each
/// context follows ``CategoricalChainTheory`` exactly (also with the real sample kept). With
/// ``ContextAllocation/multinomial`` and no real data, a context's size m ~ Binomial(n, f_c) is
/// independent of everything else; a context without data keeps its row (first fit: uniform over
/// V), so E(1 − S₁) = P(0)(1 − 1/V) + E[(1 − 1/m); m ≥ 1](1 − S₀) and each later fit multiplies the
/// heterozygosity by E[1 − 1/m; m ≥ 1] + P(m = 0), while D_{t+1} = E[(1 − 1/m)] D_t +
/// E[1/m; m ≥ 1] E(1 − S₁) (with 1 − 1/0 read as 1).
public struct NextTokenTheory: Sendable {
    public var visits: [Double]
    public var tokens: Int
    /// S₀ of each context's truth row.
    public var truthCollisions: [Double]
    /// n(0), …, n(T − 1).
    public var sizes: [Int]
    public var allocation: ContextAllocation
    public var realKept: Bool
    public var realWeight: Double?

    public init(
        visits: [Double], tokens: Int, truthCollisions: [Double], sizes: [Int], allocation: ContextAllocation,
        realKept: Bool = false, realWeight: Double? = nil
    ) {
        self.visits = visits
        self.tokens = tokens
        self.truthCollisions = truthCollisions
        self.sizes = sizes
        self.allocation = allocation
        self.realKept = realKept
        self.realWeight = realWeight
    }

    /// (collision, first-fit distance) expectations for t = 0…T, or nil when no closed form applies.
    public func expectations() -> (collision: [Double], firstFitDistance: [Double])? {
        guard !sizes.isEmpty else { return nil }
        let contexts = visits.count
        var collision = [Double](repeating: 0, count: sizes.count + 1)
        var distance = [Double](repeating: 0, count: sizes.count + 1)
        switch allocation {
        case .proportional:
            let cumulative = ContextVisits(frequencies: visits)
            let perGeneration = sizes.map { cumulative.proportionalSizes($0) }
            for c in 0..<contexts {
                let real = perGeneration[0][c]
                let synthetic = perGeneration.dropFirst().map { $0[c] }
                // A context without data in some generation keeps its row: not the chain above.
                guard real >= 1, synthetic.allSatisfy({ $0 >= 1 }) else { return nil }
                let chain = CategoricalChainTheory(
                    truthCollision: truthCollisions[c], firstFit: .sample(real), syntheticSizes: synthetic,
                    realPart: realKept ? .kept(realWeight: realWeight) : .none)
                for (t, value) in chain.collisions.enumerated() { collision[t] += visits[c] * value }
                for (t, value) in chain.firstFitDistances.enumerated() { distance[t] += visits[c] * value }
            }
        case .multinomial:
            guard !realKept else { return nil }
            var cache: [Int: (keep: Double, inverse: Double)] = [:]
            for c in 0..<contexts {
                let f = visits[c]
                let s0 = truthCollisions[c]
                let v = Double(tokens)
                let h1 = BinomialAllocation.expectation(n: sizes[0], f: f) { m in
                    m == 0 ? 1 - 1 / v : (1 - 1 / Double(m)) * (1 - s0)
                }
                cache.removeAll(keepingCapacity: true)
                var h = h1, d = 0.0
                collision[0] += f * s0
                collision[1] += f * (1 - h1)
                for (t, n) in sizes.enumerated().dropFirst() {
                    let moments = cache[n] ?? (
                        keep: BinomialAllocation.expectation(n: n, f: f) { $0 == 0 ? 1 : 1 - 1 / Double($0) },
                        inverse: BinomialAllocation.expectation(n: n, f: f) { $0 == 0 ? 0 : 1 / Double($0) })
                    cache[n] = moments
                    h *= moments.keep
                    d = moments.keep * d + moments.inverse * h1
                    collision[t + 1] += f * (1 - h)
                    distance[t + 1] += f * d
                }
            }
        }
        return (collision, distance)
    }
}
