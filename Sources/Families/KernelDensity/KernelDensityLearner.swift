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
        var count = 0, partCount = 0, totalWeight = 0.0, only = 0
        for (index, part) in trainingSet.parts.enumerated() where part.batch.count > 0 && part.weight > 0 {
            precondition(part.batch.dimension == 1, "KernelDensityLearner: the points must be 1-D")
            count += part.batch.count
            totalWeight += part.weight * Double(part.batch.count)
            partCount += 1
            only = index
        }
        precondition(count > 0, "KernelDensityLearner: an empty training set")
        let model: KernelDensityModel
        if partCount == 1 {
            // The common case: the points are shared with the batch, not copied.
            let part = trainingSet.parts[only]
            model = KernelDensityModel(
                points: part.batch.points, segments: [.init(end: count, pointMass: 1 / Double(count))], bandwidth: 0)
        } else {
            var points: [Double] = []
            points.reserveCapacity(count)
            var segments: [KernelDensityModel.Segment] = []
            for part in trainingSet.parts where part.batch.count > 0 && part.weight > 0 {
                points.append(contentsOf: part.batch.points)
                segments.append(.init(end: points.count, pointMass: part.weight / totalWeight))
            }
            model = KernelDensityModel(points: points, segments: segments, bandwidth: 0)
        }
        if case .fixed(let h) = bandwidth { return model.withBandwidth(h) }
        return model.withBandwidth(bandwidth.value(points: model.points, masses: model.mass(of:), variance: model.pointVariance))
    }

    @inlinable
    public func sample<G: RandomNumberGenerator>(
        from model: KernelDensityModel, count: Int, into batch: inout PointBatch, using generator: inout G
    ) {
        batch.resize(count: count, dimension: 1)
        batch.points.withUnsafeMutableBufferPointer { model.sample(into: $0, using: &generator) }
    }
}
