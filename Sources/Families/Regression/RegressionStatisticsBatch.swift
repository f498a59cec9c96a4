import LinearAlgebra
import ModelCollapse
import Randomness

/// The sufficient-statistics path: (n, XᵀX, Xᵀy, yᵀy) of a batch drawn from their exact joint
/// distribution in O(d³) instead of O(n·d²).
///
/// For y = Xw + σε with X's rows N(0, Σ), Σ = diag(λ) = D², and n ≥ d:
/// - G = XᵀX ~ Wishart_d(Σ, n), drawn by the Bartlett decomposition G = LLᵀ, L = D·A, A lower
///   triangular with Aᵢᵢ = (χ²_{n−i})^½ (i = 0…d−1) and Aᵢⱼ ~ N(0, 1) below the diagonal
///   (M. S. Bartlett 1933; W. B. Smith, R. R. Hocking, "Algorithm AS 53: Wishart variate generator",
///   Appl. Stat. 21, 1972). L is then G's Cholesky factor.
/// - Given X, Xᵀε ~ N(0, G) = Lz with z ~ N(0, I_d), and εᵀε = ‖Pε‖² + ‖(I − P)ε‖² = zᵀz + χ²_{n−d}
///   with P the projection on X's columns (Cochran's theorem), independent of z. So m = Gw + σLz and
///   yᵀy = wᵀGw + 2σwᵀLz + σ²(zᵀz + χ²_{n−d}).
/// With `design: fixed`, G and L are the real design's and only z and the χ² are new. A batch of
/// fewer than d points is drawn point by point (its Wishart is singular; it costs n·d² ≤ d³), and
/// a fixed design of fewer than d points is kept as points.
public struct RegressionStatisticsBatch: RegressionBatch {
    public private(set) var statistics: RegressionStatistics
    public private(set) var fixedDesign: FixedDesign?

    public init() {
        statistics = RegressionStatistics(dimension: 0)
        fixedDesign = nil
    }

    public init(statistics: RegressionStatistics, fixedDesign: FixedDesign? = nil) {
        self.statistics = statistics
        self.fixedDesign = fixedDesign
    }

    public var count: Int { statistics.count }

    public mutating func append(_ other: RegressionStatisticsBatch) {
        if other.count == 0 { return }
        statistics.add(other.statistics)
        if fixedDesign == nil { fixedDesign = other.fixedDesign }
    }

    public static var supportsSubsampling: Bool { false }

    public func subsample<G: RandomNumberGenerator>(_ size: Int, using generator: inout G) -> RegressionStatisticsBatch {
        preconditionFailure("a statistics batch cannot be subsampled: use the sample path")
    }

    public mutating func drawLinear<G: RandomNumberGenerator>(
        weights: [Double], noise: Double, design: DesignDraw, count n: Int, retainDesign: Bool,
        using generator: inout G
    ) {
        let d = weights.count
        let gram: Matrix, lower: Matrix
        switch design {
        case .fresh(let truth):
            if n < d {
                var points: [Double] = []
                truth.drawDesign(count: n, into: &points, using: &generator)
                let features = Matrix(rows: n, columns: d, elements: points)
                drawFromPoints(features, weights: weights, noise: noise, using: &generator)
                fixedDesign = retainDesign
                    ? FixedDesign(points: features, gram: statistics.gram, lower: nil, count: n) : nil
                return
            }
            var bartlett = Matrix(rows: d, columns: d, repeating: 0)
            bartlett.elements.withUnsafeMutableBufferPointer { a in
                for i in 0..<d {
                    let scale = truth.spectrum[i].squareRoot()
                    for j in 0..<i { a[i * d + j] = scale * Normal.standard(using: &generator) }
                    a[i * d + i] = scale * ChiSquared(degreesOfFreedom: Double(n - i)).sample(using: &generator).squareRoot()
                }
            }
            lower = bartlett
            gram = bartlett.transposed().gram()  // L Lᵀ, exactly symmetric
        case .fixed(let fixed):
            precondition(fixed.count == n, "design: fixed reuses the \(fixed.count) real inputs, asked for \(n)")
            guard let factor = fixed.lower else {
                // A design of fewer than d points is kept as points.
                drawFromPoints(fixed.points!, weights: weights, noise: noise, using: &generator)
                fixedDesign = fixed
                return
            }
            gram = fixed.gram
            lower = factor
        }
        var moment = gram.multiply(weights)
        var quadratic = 0.0
        for j in 0..<d { quadratic += weights[j] * moment[j] }
        var labelSquares = quadratic
        if noise > 0 {
            var z = [Double](repeating: 0, count: d)
            Normal().fill(&z, using: &generator)
            let lz = lower.multiply(z)
            var cross = 0.0, zz = 0.0
            for j in 0..<d {
                moment[j] += noise * lz[j]
                cross += weights[j] * lz[j]
                zz += z[j] * z[j]
            }
            let residual = n > d ? ChiSquared(degreesOfFreedom: Double(n - d)).sample(using: &generator) : 0
            labelSquares += 2 * noise * cross + noise * noise * (zz + residual)
        }
        statistics = RegressionStatistics(count: n, gram: gram, moment: moment, labelSquares: labelSquares)
        switch design {
        case .fixed(let fixed): fixedDesign = fixed
        case .fresh: fixedDesign = retainDesign ? FixedDesign(points: nil, gram: gram, lower: lower, count: n) : nil
        }
    }

    /// The statistics of explicitly drawn labels on given inputs (n < d).
    mutating func drawFromPoints<G: RandomNumberGenerator>(
        _ features: Matrix, weights: [Double], noise: Double, using generator: inout G
    ) {
        var labels: [Double] = []
        linearLabels(features: features, weights: weights, noise: noise, into: &labels, using: &generator)
        statistics = RegressionStatistics(features: features, labels: labels)
    }
}
