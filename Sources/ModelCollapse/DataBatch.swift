import Randomness

/// A batch of training data: individual points, or only their sufficient statistics.
///
/// Regimes combine batches: accumulation appends them, subsampling picks points. A batch that
/// holds only sufficient statistics (the exact O(1)-per-generation path of DESIGN.md) can be
/// appended (statistics add) but not subsampled.
public protocol DataBatch: Sendable {
    /// An empty batch.
    init()
    /// The number of points the batch stands for.
    var count: Int { get }
    /// Appends another batch's points (or combines its statistics).
    mutating func append(_ other: Self)
    /// Whether ``subsample(_:using:)`` is possible (false for statistics-only batches).
    static var supportsSubsampling: Bool { get }
    /// A uniform subsample of `size` points without replacement (all points when size ≥ count).
    /// Only called when ``supportsSubsampling`` is true.
    func subsample<G: RandomNumberGenerator>(_ size: Int, using generator: inout G) -> Self
}

extension DataBatch {
    /// Indices of a uniform subsample of `size` of `count` items, in increasing order
    /// (Floyd's algorithm for small fractions, a partial Fisher–Yates shuffle otherwise).
    public static func subsampleIndices<G: RandomNumberGenerator>(
        count: Int, size: Int, using generator: inout G
    ) -> [Int] {
        if size >= count { return Array(0..<count) }
        var indices = Array(0..<count)
        for i in 0..<size {
            let j = i + Int(generator.next(upperBound: UInt64(count - i)))
            indices.swapAt(i, j)
        }
        var chosen = Array(indices[0..<size])
        chosen.sort()
        return chosen
    }
}
