import Foundation
import Randomness

/// A Gaussian mixture in ℝ^d, f(x) = Σⱼ πⱼ N(x; μⱼ, Σⱼ): the truth and the fitted model of the
/// `gmm` family (Shumailov et al. 2024, Nature, "AI models collapse when trained on recursively
/// generated data": the GMM experiment).
///
/// Means and covariances are stored flat (component j's mean at `means[j·d…]`, its row-major
/// covariance at `covariances[j·d²…]`) with each covariance's Cholesky factor and the component's
/// log normaliser ln πⱼ − ½ ln det Σⱼ − (d/2) ln 2π precomputed, so a log-density costs
/// O(K·d²) and allocates nothing. Every covariance is positive definite: a fitted mixture gets
/// there by the covariance floor of ``GaussianMixtureLearner``, which also records the
/// components it dropped (``collapsedComponents``).
public struct GaussianMixture: Sendable {
    public let dimension: Int
    /// πⱼ, normalised to sum to 1.
    public let weights: [Double]
    /// K·d values: μⱼ = means[j·d ..< (j + 1)·d].
    public let means: [Double]
    /// K·d² values: Σⱼ row-major at covariances[j·d² ..< (j + 1)·d²].
    public let covariances: [Double]
    /// The lower Cholesky factors Lⱼ of Σⱼ, laid out like ``covariances``.
    @usableFromInline let factors: [Double]
    /// ln πⱼ − ½ ln det Σⱼ − (d/2) ln 2π.
    @usableFromInline let logNormalizers: [Double]
    /// Components EM dropped while fitting this model (no responsibility mass, or a covariance
    /// singular to within the floor); 0 for a truth.
    public var collapsedComponents: Int = 0
    /// EM iterations (M-steps) of the fit; 0 for a truth.
    public var iterations: Int = 0

    /// A mixture, or nil when some covariance is not positive definite (or a weight is negative,
    /// or the weights do not have a positive sum).
    public init?(weights: [Double], means: [Double], covariances: [Double], dimension d: Int) {
        let k = weights.count
        guard d >= 1, k >= 1, means.count == k * d, covariances.count == k * d * d,
              weights.allSatisfy({ $0 >= 0 && $0.isFinite }) else { return nil }
        let total = weights.reduce(0, +)
        guard total > 0 else { return nil }
        var factors = covariances
        var normalizers = [Double](repeating: 0, count: k)
        let ok = factors.withUnsafeMutableBufferPointer { buffer -> Bool in
            for j in 0..<k {
                let block = buffer.baseAddress! + j * d * d
                guard SmallCholesky.factor(block, dimension: d) != nil else { return false }
                normalizers[j] = log(weights[j] / total) - SmallCholesky.halfLogDeterminant(block, dimension: d)
                    - 0.5 * Double(d) * log(2 * Double.pi)
            }
            return true
        }
        guard ok else { return nil }
        self.dimension = d
        self.weights = weights.map { $0 / total }
        self.means = means
        self.covariances = covariances
        self.factors = factors
        self.logNormalizers = normalizers
    }

    /// A 1-D mixture as a ``GaussianMixture`` of dimension 1.
    /// - Precondition: every standard deviation > 0.
    public init(_ mixture: UnivariateGaussianMixture) {
        self.init(
            weights: mixture.weights, means: mixture.means,
            covariances: mixture.standardDeviations.map { $0 * $0 }, dimension: 1)!
    }

    public var componentCount: Int { weights.count }

    /// ln f(x) by a one-pass (streaming) log-sum-exp over the components: the running sum is
    /// rescaled whenever a larger term arrives, one `exp` per component. `scratch` holds d doubles.
    @inlinable
    public func logDensity(at x: UnsafePointer<Double>, scratch: UnsafeMutablePointer<Double>) -> Double {
        let d = dimension, k = weights.count
        return means.withUnsafeBufferPointer { means in
            factors.withUnsafeBufferPointer { factors in
                logNormalizers.withUnsafeBufferPointer { normalizers in
                    var largest = -Double.infinity
                    var sum = 0.0
                    for j in 0..<k {
                        for c in 0..<d { scratch[c] = x[c] - means[j * d + c] }
                        let q = SmallCholesky.squaredMahalanobis(factors.baseAddress! + j * d * d, scratch, dimension: d)
                        let value = normalizers[j] - 0.5 * q
                        if value > largest {
                            sum = sum * exp(largest - value) + 1
                            largest = value
                        } else if value > -Double.infinity {
                            sum += exp(value - largest)
                        }
                    }
                    return largest + log(sum)
                }
            }
        }
    }

    /// Replaces `batch` with `count` independent draws: component counts ~ Multinomial(count, π),
    /// then μⱼ + Lⱼ z with z standard normal, reusing the batch's storage. The points come grouped
    /// by component, which no fit or regime depends on.
    @inlinable
    public func sample<G: RandomNumberGenerator>(count: Int, into batch: inout PointBatch, using generator: inout G) {
        batch.resize(count: count, dimension: dimension)
        guard count > 0 else { return }
        if withConcreteGenerator(&generator, { drawPoints(into: &batch, using: &$0) }) { return }
        drawPoints(into: &batch, using: &generator)
    }

    /// Overwrites the resized batch's points with draws.
    @inlinable
    func drawPoints<G: RandomNumberGenerator>(into batch: inout PointBatch, using generator: inout G) {
        let d = dimension, count = batch.count
        let counts = weights.count == 1 ? [count] : Multinomial(count: count, probabilities: weights).sample(using: &generator)
        batch.points.withUnsafeMutableBufferPointer { buffer in
            Normal().fill(buffer, using: &generator)
            means.withUnsafeBufferPointer { means in
                factors.withUnsafeBufferPointer { factors in
                    var row = 0
                    for j in 0..<counts.count {
                        let factor = factors.baseAddress! + j * d * d
                        for _ in 0..<counts[j] {
                            let point = buffer.baseAddress! + row * d
                            if d == 1 {
                                point[0] = means[j] + factor[0] * point[0]
                            } else {
                                SmallCholesky.multiplyLower(factor, point, dimension: d)
                                for c in 0..<d { point[c] += means[j * d + c] }
                            }
                            row += 1
                        }
                    }
                }
            }
        }
    }

    /// The marginal law of coordinate `c`: Σ πⱼ N(μⱼ_c, Σⱼ_cc).
    public func marginal(_ c: Int) -> UnivariateGaussianMixture {
        let d = dimension
        return UnivariateGaussianMixture(
            weights: weights,
            means: (0..<weights.count).map { means[$0 * d + c] },
            standardDeviations: (0..<weights.count).map { covariances[$0 * d * d + c * d + c].squareRoot() })
    }

    /// The mean over components of tr Σⱼ (σⱼ² in 1-D), unweighted.
    public var meanComponentVariance: Double {
        let d = dimension
        var total = 0.0
        for j in 0..<weights.count {
            for c in 0..<d { total += covariances[j * d * d + c * d + c] }
        }
        return total / Double(weights.count)
    }

    /// The smallest weight minⱼ πⱼ.
    public var smallestWeight: Double { weights.min() ?? 0 }

    /// ∫ f g = Σᵢⱼ πᵢ ρⱼ N(μᵢ; νⱼ, Σᵢ + Γⱼ): the integral of a product of Gaussians is a Gaussian
    /// density in the difference of the means with the summed covariance (Petersen & Pedersen,
    /// "The Matrix Cookbook", §8.1.8).
    /// - Complexity: O(K_f·K_g·d³).
    public static func productIntegral(_ f: GaussianMixture, _ g: GaussianMixture) -> Double {
        precondition(f.dimension == g.dimension, "productIntegral: dimensions differ")
        let d = f.dimension
        var sum = [Double](repeating: 0, count: d * d)
        var difference = [Double](repeating: 0, count: d)
        var total = 0.0
        let constant = 0.5 * Double(d) * log(2 * Double.pi)
        sum.withUnsafeMutableBufferPointer { sum in
            difference.withUnsafeMutableBufferPointer { difference in
                for i in 0..<f.weights.count {
                    for j in 0..<g.weights.count {
                        for e in 0..<(d * d) { sum[e] = f.covariances[i * d * d + e] + g.covariances[j * d * d + e] }
                        for c in 0..<d { difference[c] = f.means[i * d + c] - g.means[j * d + c] }
                        // A sum of positive definite matrices is positive definite.
                        guard SmallCholesky.factor(sum.baseAddress!, dimension: d) != nil else { continue }
                        let q = SmallCholesky.squaredMahalanobis(sum.baseAddress!, difference.baseAddress!, dimension: d)
                        let logValue = -0.5 * q - SmallCholesky.halfLogDeterminant(sum.baseAddress!, dimension: d) - constant
                        total += f.weights[i] * g.weights[j] * exp(logValue)
                    }
                }
            }
        }
        return total
    }

    /// ∫ (f − g)² = ∫f² − 2∫fg + ∫g², the integrated squared error (the squared L² distance),
    /// clamped at 0 against rounding. `gSquared` may pass a precomputed ∫g².
    public static func integratedSquaredDifference(_ f: GaussianMixture, _ g: GaussianMixture, gSquared: Double? = nil) -> Double {
        let value = productIntegral(f, f) - 2 * productIntegral(f, g) + (gSquared ?? productIntegral(g, g))
        return max(0, value)
    }
}
