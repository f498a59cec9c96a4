import LinearAlgebra
import ModelCollapse
import Randomness

/// A d-dimensional batch the Gaussian learner can fit (through its statistics) and sample into.
public protocol MultivariateGaussianBatch: DataBatch {
    var statistics: MultivariateStatistics { get }
    /// Replaces the batch with `count` draws from the model (or their statistics).
    mutating func drawGaussian<G: RandomNumberGenerator>(
        from model: MultivariateGaussianModel, count: Int, using generator: inout G)
}

/// Draws n points of N(μ, LLᵀ) row by row into a flat buffer: x = μ + L z.
@usableFromInline
func drawMultivariatePoints<G: RandomNumberGenerator>(
    from model: MultivariateGaussianModel, count: Int, into points: inout [Double], using generator: inout G
) {
    let d = model.dimension
    points.removeAll(keepingCapacity: true)
    points.append(contentsOf: repeatElement(0, count: count * d))
    Normal().fill(&points, using: &generator)
    var matrix = Matrix(rows: count, columns: d, elements: points)
    points = []
    model.factor.multiplyLower(rowsOf: &matrix)
    points = matrix.elements
    for i in 0..<count { for j in 0..<d { points[i * d + j] += model.mean[j] } }
}

/// The sample path: the points (row by row) and their statistics.
public struct MultivariateSampleBatch: MultivariateGaussianBatch {
    public var points: [Double]
    public private(set) var statistics: MultivariateStatistics
    /// d, known once the batch holds points.
    public private(set) var dimension: Int

    public init() {
        points = []
        dimension = 0
        statistics = MultivariateStatistics(dimension: 0)
    }

    public init(points: [Double], dimension: Int) {
        self.points = points
        self.dimension = dimension
        statistics = MultivariateStatistics(points: points, dimension: dimension)
    }

    public var count: Int { statistics.count }

    public mutating func append(_ other: MultivariateSampleBatch) {
        if count == 0 { self = other; return }
        points.append(contentsOf: other.points)
        statistics.combine(other.statistics)
    }

    public static var supportsSubsampling: Bool { true }

    public func subsample<G: RandomNumberGenerator>(_ size: Int, using generator: inout G) -> MultivariateSampleBatch {
        let indices = Self.subsampleIndices(count: count, size: size, using: &generator)
        let rows = Matrix(rows: count, columns: dimension, elements: points).selectingRows(indices)
        return MultivariateSampleBatch(points: rows.elements, dimension: dimension)
    }

    public mutating func drawGaussian<G: RandomNumberGenerator>(
        from model: MultivariateGaussianModel, count: Int, using generator: inout G
    ) {
        drawMultivariatePoints(from: model, count: count, into: &points, using: &generator)
        dimension = model.dimension
        statistics = MultivariateStatistics(points: points, dimension: dimension)
    }
}

/// The sufficient-statistics path: x̄ ~ N(μ, Σ/n) and the scatter S ~ Wishart_d(Σ, n − 1) drawn by
/// the Bartlett decomposition S = (L A)(L A)ᵀ, A lower triangular with A_ii = √χ²_{n−1−i}
/// (i = 0…d−1) and A_ij ~ N(0, 1) below the diagonal (Bartlett 1933; Smith & Hocking 1972,
/// "Algorithm AS 53: Wishart variate generator", Appl. Stat. 21). When n − 1 < d the scatter is a
/// singular Wishart; then the n points are drawn explicitly (exact, and cheap since n ≤ d).
public struct MultivariateStatisticsBatch: MultivariateGaussianBatch {
    public var statistics: MultivariateStatistics

    public init() { statistics = MultivariateStatistics(dimension: 0) }
    public init(statistics: MultivariateStatistics) { self.statistics = statistics }

    public var count: Int { statistics.count }
    public mutating func append(_ other: MultivariateStatisticsBatch) {
        if count == 0 { self = other; return }
        statistics.combine(other.statistics)
    }
    public static var supportsSubsampling: Bool { false }
    public func subsample<G: RandomNumberGenerator>(_ size: Int, using generator: inout G) -> MultivariateStatisticsBatch {
        preconditionFailure("a statistics batch cannot be subsampled: use the sample path")
    }

    public mutating func drawGaussian<G: RandomNumberGenerator>(
        from model: MultivariateGaussianModel, count n: Int, using generator: inout G
    ) {
        let d = model.dimension
        let nu = n - 1
        if nu < d {
            var points: [Double] = []
            drawMultivariatePoints(from: model, count: n, into: &points, using: &generator)
            statistics = MultivariateStatistics(points: points, dimension: d)
            return
        }
        var z = [Double](repeating: 0, count: d)
        Normal().fill(&z, using: &generator)
        let shift = model.factor.multiplyLower(z)
        let scale = 1 / Double(n).squareRoot()
        let mean = (0..<d).map { model.mean[$0] + shift[$0] * scale }
        var bartlett = Matrix(rows: d, columns: d, repeating: 0)
        for i in 0..<d {
            bartlett[i, i] = ChiSquared(degreesOfFreedom: Double(nu - i)).sample(using: &generator).squareRoot()
            for j in 0..<i { bartlett[i, j] = Normal.standard(using: &generator) }
        }
        let product = model.factor.lower * bartlett
        statistics = MultivariateStatistics(count: n, mean: mean, scatter: product * product.transposed())
    }
}
