import ModelCollapse
import Randomness

/// Points in ℝ^d, row-major in one flat array: point i is `points[i·d ..< (i + 1)·d]`.
///
/// The batch of the Gaussian-mixture and kernel-density families. Their estimators (EM, the KDE
/// itself) need the individual points, so these families have no sufficient-statistics path.
/// An empty batch made by `init()` has dimension 0 and takes the dimension of the first batch
/// appended to it.
public struct PointBatch: DataBatch {
    public var points: [Double]
    /// d; 0 for an empty batch that has not been given one.
    public private(set) var dimension: Int

    public init() {
        points = []
        dimension = 0
    }

    /// - Precondition: `dimension ≥ 1` and `points.count` a multiple of it.
    public init(points: [Double], dimension: Int) {
        precondition(dimension >= 1 && points.count % dimension == 0, "PointBatch: points.count must be a multiple of dimension ≥ 1")
        self.points = points
        self.dimension = dimension
    }

    public var count: Int { dimension == 0 ? 0 : points.count / dimension }

    public mutating func append(_ other: PointBatch) {
        if other.count == 0 { return }
        if dimension == 0 { dimension = other.dimension }
        precondition(dimension == other.dimension, "PointBatch: appending points of another dimension")
        points.append(contentsOf: other.points)
    }

    public static var supportsSubsampling: Bool { true }

    public func subsample<G: RandomNumberGenerator>(_ size: Int, using generator: inout G) -> PointBatch {
        let indices = Self.subsampleIndices(count: count, size: size, using: &generator)
        var result = [Double]()
        result.reserveCapacity(indices.count * dimension)
        for i in indices { result.append(contentsOf: points[(i * dimension)..<((i + 1) * dimension)]) }
        var batch = PointBatch()
        if !indices.isEmpty { batch = PointBatch(points: result, dimension: dimension) }
        return batch
    }

    /// Makes room for `count` points of dimension `dimension`, reusing the storage; the values are
    /// unspecified until overwritten.
    public mutating func resize(count: Int, dimension: Int) {
        precondition(dimension >= 1 && count >= 0)
        self.dimension = dimension
        let size = count * dimension
        if points.count > size {
            points.removeLast(points.count - size)
        } else if points.count < size {
            points.append(contentsOf: repeatElement(0, count: size - points.count))
        }
    }
}
