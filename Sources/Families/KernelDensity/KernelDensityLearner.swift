import ModelCollapse
import Randomness

/// Fits a 1-D Gaussian kernel density estimate to a weighted training set (the model is the data,
/// each part's points carrying its weight) and samples from it by picking a point by its mass and
/// adding N(0, h²) noise: the self-consuming KDE of Fu et al. (ICML 2024) and of Kazdan et al.
/// ("Collapse or Thrive?", 2024).
///
/// The bandwidth is ``KernelBandwidth``: fixed, or Scott's or Silverman's rule recomputed from each
/// generation's training set. Parts of weight 0 are left out of the model.
/// - Complexity: fit O(n) (O(n log n) for `silverman`, which sorts for the IQR); sampling O(1) per
///   point.
public struct KernelDensityLearner: Learner {
    public typealias Batch = PointBatch
    public typealias Model = KernelDensityModel

    public var bandwidth: KernelBandwidth

    public init(bandwidth: KernelBandwidth) { self.bandwidth = bandwidth }

    public func fit(_ trainingSet: TrainingSet<PointBatch>) -> KernelDensityModel {
        let parts = trainingSet.parts.filter { $0.batch.count > 0 && $0.weight > 0 }
        precondition(!parts.isEmpty, "KernelDensityLearner: an empty training set")
        precondition(parts.allSatisfy { $0.batch.dimension == 1 }, "KernelDensityLearner: the points must be 1-D")
        var points: [Double]
        if parts.count == 1 {
            points = parts[0].batch.points
        } else {
            points = []
            points.reserveCapacity(parts.reduce(0) { $0 + $1.batch.count })
            for part in parts { points.append(contentsOf: part.batch.points) }
        }
        let totalWeight = parts.reduce(0) { $0 + $1.weight * Double($1.batch.count) }
        var ends: [Int] = []
        var masses: [Double] = []
        var end = 0
        for part in parts {
            end += part.batch.count
            ends.append(end)
            masses.append(part.weight / totalWeight)
        }
        let unsmoothed = KernelDensityModel(points: points, segmentEnds: ends, pointMasses: masses, bandwidth: 0)
        let h = bandwidth.value(points: points, masses: unsmoothed.mass(of:), variance: unsmoothed.pointVariance)
        return unsmoothed.withBandwidth(h)
    }

    public func sample<G: RandomNumberGenerator>(
        from model: KernelDensityModel, count: Int, into batch: inout PointBatch, using generator: inout G
    ) {
        batch.resize(count: count, dimension: 1)
        batch.points.withUnsafeMutableBufferPointer { model.sample(into: $0, using: &generator) }
    }
}
