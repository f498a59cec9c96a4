import LinearAlgebra

/// The sufficient statistics of a least-squares or ridge fit: n, G = XᵀX, m = Xᵀy and yᵀy.
///
/// ŵ = (G + λI)⁻¹m depends on the data only through G and m, and the training error
/// ‖y − Xŵ‖² = yᵀy − 2ŵᵀm + ŵᵀGŵ through yᵀy as well; batches combine by adding them (weighted fits add
/// w·G, w·m, w·yᵀy).
public struct RegressionStatistics: Sendable {
    /// n, the number of points.
    public var count: Int
    /// G = XᵀX (d × d, exactly symmetric).
    public var gram: Matrix
    /// m = Xᵀy.
    public var moment: [Double]
    /// yᵀy.
    public var labelSquares: Double

    /// The statistics of no points in dimension d.
    public init(dimension: Int) {
        count = 0
        gram = Matrix(rows: dimension, columns: dimension, repeating: 0)
        moment = [Double](repeating: 0, count: dimension)
        labelSquares = 0
    }

    public init(count: Int, gram: Matrix, moment: [Double], labelSquares: Double) {
        self.count = count
        self.gram = gram
        self.moment = moment
        self.labelSquares = labelSquares
    }

    /// The statistics of the rows of `features` (n × d) with `labels`.
    /// - Complexity: n·d² flops for G (the `dsyrk` of the OpenBLAS backend).
    public init(features: Matrix, labels: [Double]) {
        count = labels.count
        gram = features.gram()
        moment = features.transposedMultiply(labels)
        var squares = 0.0
        for y in labels { squares += y * y }
        labelSquares = squares
    }

    /// d.
    public var dimension: Int { moment.count }

    /// Adds `weight` times another batch's statistics (the count adds unweighted).
    public mutating func add(_ other: RegressionStatistics, weight: Double = 1) {
        if other.count == 0 { return }
        if count == 0 && weight == 1 {
            self = other
            return
        }
        count += other.count
        let d = dimension
        gram.elements.withUnsafeMutableBufferPointer { g in
            other.gram.elements.withUnsafeBufferPointer { o in
                for i in 0..<(d * d) { g[i] += weight * o[i] }
            }
        }
        for j in 0..<d { moment[j] += weight * other.moment[j] }
        labelSquares += weight * other.labelSquares
    }

    /// ‖y − Xw‖² = yᵀy − 2wᵀm + wᵀGw, clamped at 0 (cancellation can leave a tiny negative number).
    public func residualSumOfSquares(_ w: [Double]) -> Double {
        let gw = gram.multiply(w)
        var quadratic = 0.0, linear = 0.0
        for j in 0..<dimension {
            quadratic += w[j] * gw[j]
            linear += w[j] * moment[j]
        }
        return max(0, labelSquares - 2 * linear + quadratic)
    }
}
