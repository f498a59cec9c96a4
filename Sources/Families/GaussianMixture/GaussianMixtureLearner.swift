import Foundation
import ModelCollapse
import Randomness

/// Fits a K-component Gaussian mixture to a weighted training set by expectation–maximisation
/// (Dempster, Laird & Rubin 1977; the GMM experiment of Shumailov et al. 2024, Nature), and samples
/// from it.
///
/// **Initialisation**: k-means++ seeding (Arthur & Vassilvitskii, "k-means++: the advantages of
/// careful seeding", SODA 2007) with the replicate's random stream: the first centre is a point
/// drawn by weight, each next one a point drawn with probability ∝ wᵢ·D(xᵢ)², D the distance to
/// the nearest centre so far. Each point joins its nearest centre; the initial weights and means
/// are the clusters' weight shares and means, and every component starts from the pooled
/// within-cluster covariance (so a singleton cluster does not start as a spike).
///
/// **EM** with point weights wᵢ (W = Σwᵢ): the E-step computes responsibilities rᵢⱼ ∝ πⱼ N(xᵢ; μⱼ, Σⱼ)
/// by log-sum-exp and the weighted mean log-likelihood ℓ = Σ wᵢ ln f(xᵢ) / W; the M-step sets
/// Nⱼ = Σ wᵢrᵢⱼ, πⱼ = Nⱼ/W, μⱼ = Σ wᵢrᵢⱼxᵢ/Nⱼ, Σⱼ = Σ wᵢrᵢⱼ(xᵢ − μⱼ)(xᵢ − μⱼ)ᵀ/Nⱼ + λI (two passes,
/// centred). It stops when |ℓ − ℓ_previous| ≤ `tolerance` or after `maximumIterations` M-steps.
///
/// **Covariance floor and collapse**: λ = `covarianceFloor` × the training set's mean
/// per-coordinate variance (× 1 if that is 0), added to every covariance (as scikit-learn's
/// `reg_covar`, but relative, so it follows the data's scale across generations). A component
/// *collapses* in an M-step when its responsibility mass is below 10⁻⁸ of one average point's
/// weight, or when its covariance before the floor is singular to within it (a Cholesky pivot², a
/// conditional variance, ≤ λ: a spike on one point). Collapsed components are dropped, the
/// weights renormalised over the survivors and EM continues (the likelihood is re-baselined); if
/// every component collapses, the heaviest stays with its floored covariance. The fitted model
/// records how many collapsed (``GaussianMixture/collapsedComponents``); the next generation fits K
/// components again. Nothing is NaN: every covariance is positive definite, every division is by
/// a mass above the threshold.
///
/// - Complexity: O(n·K·d) for k-means++, then O(n·K·d²) per EM iteration; buffers are allocated
///   once per fit, nothing inside the iterations.
public struct GaussianMixtureLearner: Learner {
    public typealias Batch = PointBatch
    public typealias Model = GaussianMixture

    /// K, the number of components fitted.
    public var components: Int
    /// Stop when the weighted mean log-likelihood changes by at most this (0: run every iteration).
    public var tolerance: Double
    /// The cap on EM iterations (M-steps).
    public var maximumIterations: Int
    /// λ relative to the training set's mean per-coordinate variance.
    public var covarianceFloor: Double

    public init(components: Int, tolerance: Double = 1e-6, maximumIterations: Int = 200, covarianceFloor: Double = 1e-6) {
        precondition(components >= 1 && maximumIterations >= 1 && tolerance >= 0 && covarianceFloor > 0)
        self.components = components
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
        self.covarianceFloor = covarianceFloor
    }

    /// Fits with a fixed stream (seed 0) for the k-means++ seeding: for callers without a
    /// replicate stream. ``ReplicateChain`` calls ``fit(_:using:)``.
    public func fit(_ trainingSet: TrainingSet<PointBatch>) -> GaussianMixture {
        var generator = Xoshiro256StarStar(seed: 0)
        return fit(trainingSet, using: &generator)
    }

    public func fit<G: RandomNumberGenerator>(_ trainingSet: TrainingSet<PointBatch>, using generator: inout G) -> GaussianMixture {
        let (points, weights, dimension) = Self.gather(trainingSet)
        return points.withUnsafeBufferPointer { points in
            weights.withUnsafeBufferPointer { weights in
                var em = ExpectationMaximization(
                    points: points, weights: weights, dimension: dimension, components: components,
                    covarianceFloor: covarianceFloor)
                em.seed(using: &generator)
                em.iterate(tolerance: tolerance, maximumIterations: maximumIterations)
                return em.model()
            }
        }
    }

    /// The training set's points (shared, not copied, when there is one part) and per-point weights.
    static func gather(_ trainingSet: TrainingSet<PointBatch>) -> (points: [Double], weights: [Double], dimension: Int) {
        let parts = trainingSet.parts.filter { $0.batch.count > 0 }
        precondition(!parts.isEmpty, "GaussianMixtureLearner: an empty training set")
        let dimension = parts[0].batch.dimension
        var points: [Double]
        if parts.count == 1 {
            points = parts[0].batch.points
        } else {
            points = []
            points.reserveCapacity(parts.reduce(0) { $0 + $1.batch.points.count })
            for part in parts { points.append(contentsOf: part.batch.points) }
        }
        var weights: [Double] = []
        weights.reserveCapacity(points.count / dimension)
        for part in parts { weights.append(contentsOf: repeatElement(part.weight, count: part.batch.count)) }
        return (points, weights, dimension)
    }

    @inlinable
    public func sample<G: RandomNumberGenerator>(
        from model: GaussianMixture, count: Int, into batch: inout PointBatch, using generator: inout G
    ) {
        model.sample(count: count, into: &batch, using: &generator)
    }
}
