import Foundation
import Randomness
import Statistics

/// A 1-D Gaussian mixture f(x) = Σⱼ πⱼ φ((x − μⱼ)/σⱼ)/σⱼ, with the closed forms the metrics need:
/// its CDF, its integrated CDF, quantiles, log-density, entropy and tail masses.
///
/// The truth of the `kde` family and of the 1-D `gmm` family, every marginal of a d-dimensional
/// mixture, and — with n equal components of standard deviation h — a kernel density estimate.
/// A component with σⱼ = 0 is a point mass (its CDF a step); the formulas below keep it finite.
public struct UnivariateGaussianMixture: Sendable, Equatable {
    /// πⱼ, normalised to sum to 1.
    public let weights: [Double]
    public let means: [Double]
    public let standardDeviations: [Double]

    /// - Precondition: equal, non-zero counts; weights ≥ 0 with a positive sum (they are
    ///   normalised); standard deviations finite and ≥ 0.
    public init(weights: [Double], means: [Double], standardDeviations: [Double]) {
        precondition(!weights.isEmpty && weights.count == means.count && means.count == standardDeviations.count,
                     "UnivariateGaussianMixture: weights, means and standard deviations need equal, non-zero counts")
        precondition(standardDeviations.allSatisfy { $0.isFinite && $0 >= 0 })
        let total = weights.reduce(0, +)
        precondition(total > 0 && weights.allSatisfy { $0 >= 0 }, "UnivariateGaussianMixture: weights must be ≥ 0 with a positive sum")
        self.weights = weights.map { $0 / total }
        self.means = means
        self.standardDeviations = standardDeviations
    }

    /// One Gaussian N(mean, variance).
    public init(mean: Double, variance: Double) {
        self.init(weights: [1], means: [mean], standardDeviations: [variance.squareRoot()])
    }

    public var componentCount: Int { weights.count }

    /// Σ πⱼ μⱼ.
    public var mean: Double {
        var m = 0.0
        for j in weights.indices { m += weights[j] * means[j] }
        return m
    }

    /// Σ πⱼ [σⱼ² + (μⱼ − μ̄)²], the law of total variance.
    public var variance: Double {
        let m = mean
        var v = 0.0
        for j in weights.indices {
            let d = means[j] - m
            v += weights[j] * (standardDeviations[j] * standardDeviations[j] + d * d)
        }
        return v
    }

    /// F(x) = Σ πⱼ Φ((x − μⱼ)/σⱼ).
    @inlinable
    public func cdf(_ x: Double) -> Double {
        var total = 0.0
        for j in weights.indices {
            total += weights[j] * Self.standardCDF(x - means[j], standardDeviations[j])
        }
        return total
    }

    /// 1 − F(x) = Σ πⱼ Φ((μⱼ − x)/σⱼ), accurate in the upper tail.
    @inlinable
    public func survival(_ x: Double) -> Double {
        var total = 0.0
        for j in weights.indices {
            total += weights[j] * Self.standardCDF(means[j] - x, standardDeviations[j])
        }
        return total
    }

    /// Ψ(x) = ∫_{−∞}^x F(u) du = Σ πⱼ [(x − μⱼ) Φ(zⱼ) + σⱼ φ(zⱼ)], zⱼ = (x − μⱼ)/σⱼ
    /// (a point mass contributes (x − μⱼ)⁺).
    @inlinable
    public func integratedCDF(_ x: Double) -> Double {
        var total = 0.0
        for j in weights.indices {
            total += weights[j] * Self.partialExpectation(x - means[j], standardDeviations[j])
        }
        return total
    }

    /// ∫_x^∞ (1 − F(u)) du = Σ πⱼ [(μⱼ − x) Φ(−zⱼ) + σⱼ φ(zⱼ)], accurate in the upper tail.
    @inlinable
    public func integratedSurvival(_ x: Double) -> Double {
        var total = 0.0
        for j in weights.indices {
            total += weights[j] * Self.partialExpectation(means[j] - x, standardDeviations[j])
        }
        return total
    }

    /// ln f(x), by log-sum-exp over the components: finite wherever some component has σ > 0.
    public func logDensity(_ x: Double) -> Double {
        var largest = -Double.infinity
        for j in weights.indices where weights[j] > 0 {
            largest = max(largest, componentLogDensity(j, x))
        }
        guard largest.isFinite else { return largest }
        var sum = 0.0
        for j in weights.indices where weights[j] > 0 {
            sum += exp(componentLogDensity(j, x) - largest)
        }
        return largest + log(sum)
    }

    @inlinable
    func componentLogDensity(_ j: Int, _ x: Double) -> Double {
        let sigma = standardDeviations[j]
        if sigma == 0 { return x == means[j] ? .infinity : -.infinity }
        let z = (x - means[j]) / sigma
        return log(weights[j]) - 0.5 * z * z - log(sigma) - Self.halfLogTwoPi
    }

    /// The mass outside [lower, upper]: F(lower) + 1 − F(upper), each tail through erfc.
    public func tailMass(lower: Double, upper: Double) -> Double {
        cdf(lower) + survival(upper)
    }

    /// Q(p) = F⁻¹(p) by bisection to the last bit, searched on the upper tail through the survival
    /// function when p > ½; −∞ at 0 and +∞ at 1.
    public func quantile(_ p: Double) -> Double {
        precondition(p >= 0 && p <= 1, "quantile: p must be in [0, 1]")
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        var low = Double.infinity, high = -Double.infinity
        for j in weights.indices {
            // Φ(−40) ≈ 4·10⁻³⁵⁰ underflows: every quantile of a probability ≥ 2⁻¹⁰⁷⁴ is inside.
            low = min(low, means[j] - 40 * standardDeviations[j])
            high = max(high, means[j] + 40 * standardDeviations[j])
        }
        let upperTail = p > 0.5
        let target = upperTail ? 1 - p : p
        for _ in 0..<2_000 {
            let middle = low + (high - low) / 2
            if middle <= low || middle >= high { break }
            let below = upperTail ? survival(middle) > target : cdf(middle) < target
            if below { low = middle } else { high = middle }
        }
        return low + (high - low) / 2
    }

    /// The differential entropy −∫ f ln f, by composite Simpson quadrature of
    /// −Σⱼ πⱼ ∫ φ(z) ln f(μⱼ + σⱼ z) dz over z ∈ [−12, 12] (4,000 panels per component; the
    /// neglected tails weigh below 10⁻³²). Point-mass components make it −∞.
    public func entropy() -> Double {
        var total = 0.0
        let panels = 4_000
        let width = 24.0 / Double(panels)
        for j in weights.indices where weights[j] > 0 {
            let sigma = standardDeviations[j]
            if sigma == 0 { return -.infinity }
            var sum = 0.0
            for i in 0...panels {
                let z = -12 + Double(i) * width
                let coefficient: Double = i == 0 || i == panels ? 1 : (i % 2 == 1 ? 4 : 2)
                let density = exp(-0.5 * z * z - Self.halfLogTwoPi)
                sum += coefficient * density * logDensity(means[j] + sigma * z)
            }
            total -= weights[j] * sum * width / 3
        }
        return total
    }

    /// Fills `buffer` with independent draws: a component by its weight, then a normal draw.
    @inlinable
    public func sample<G: RandomNumberGenerator>(into buffer: UnsafeMutableBufferPointer<Double>, using generator: inout G) {
        Normal().fill(buffer, using: &generator)
        if weights.count == 1 {
            let mu = means[0], sigma = standardDeviations[0]
            for i in buffer.indices { buffer[i] = mu + sigma * buffer[i] }
            return
        }
        let table = AliasTable(weights: weights)
        for i in buffer.indices {
            let j = table.sample(using: &generator)
            buffer[i] = means[j] + standardDeviations[j] * buffer[i]
        }
    }

    @usableFromInline static let halfLogTwoPi = 0.5 * log(2 * Double.pi)

    /// Φ(u/σ), a step at 0 when σ = 0.
    @inlinable
    static func standardCDF(_ u: Double, _ sigma: Double) -> Double {
        if sigma == 0 { return u >= 0 ? 1 : 0 }
        return SpecialFunctions.normalCDF(u / sigma)
    }

    /// E(u + σZ)⁺ = u Φ(u/σ) + σ φ(u/σ); u⁺ when σ = 0.
    @inlinable
    static func partialExpectation(_ u: Double, _ sigma: Double) -> Double {
        if sigma == 0 { return max(u, 0) }
        let z = u / sigma
        return u * SpecialFunctions.normalCDF(z) + sigma * exp(-0.5 * z * z - halfLogTwoPi)
    }
}
