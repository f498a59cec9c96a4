import LinearAlgebra
import ModelCollapse
import Randomness

/// A batch the linear-regression learner fits through its sufficient statistics.
public protocol RegressionBatch: LinearLabelBatch {
    var statistics: RegressionStatistics { get }
}

/// The sample path: the points themselves (X row by row, y), with their statistics computed once
/// when the batch is drawn, so that accumulating batches adds statistics instead of refitting a
/// growing design.
public struct RegressionSampleBatch: RegressionBatch {
    /// X, n × d.
    public private(set) var features: Matrix
    /// y.
    public private(set) var labels: [Double]
    public private(set) var statistics: RegressionStatistics
    public private(set) var fixedDesign: FixedDesign?

    public init() {
        features = Matrix(rows: 0, columns: 0, elements: [])
        labels = []
        statistics = RegressionStatistics(dimension: 0)
        fixedDesign = nil
    }

    public init(features: Matrix, labels: [Double], fixedDesign: FixedDesign? = nil) {
        precondition(features.rows == labels.count, "RegressionSampleBatch: \(labels.count) labels for \(features.rows) rows")
        self.features = features
        self.labels = labels
        self.statistics = RegressionStatistics(features: features, labels: labels)
        self.fixedDesign = fixedDesign
    }

    public var count: Int { labels.count }

    public mutating func append(_ other: RegressionSampleBatch) {
        if other.count == 0 { return }
        if count == 0 {
            let design = fixedDesign
            self = other
            if let design { fixedDesign = design }
            return
        }
        features = features.appendingRows(other.features)
        labels += other.labels
        statistics.add(other.statistics)
        if fixedDesign == nil { fixedDesign = other.fixedDesign }
    }

    public static var supportsSubsampling: Bool { true }

    public func subsample<G: RandomNumberGenerator>(_ size: Int, using generator: inout G) -> RegressionSampleBatch {
        let indices = Self.subsampleIndices(count: count, size: size, using: &generator)
        return RegressionSampleBatch(
            features: features.selectingRows(indices),
            labels: indices.map { labels[$0] }, fixedDesign: fixedDesign)
    }

    public mutating func drawLinear<G: RandomNumberGenerator>(
        weights: [Double], noise: Double, design: DesignDraw, count: Int, retainDesign: Bool,
        using generator: inout G
    ) {
        let d = weights.count
        var inputs: Matrix
        switch design {
        case .fresh(let truth):
            var points = features.elements
            features = Matrix(rows: 0, columns: 0, elements: [])
            truth.drawDesign(count: count, into: &points, using: &generator)
            inputs = Matrix(rows: count, columns: d, elements: points)
        case .fixed(let fixed):
            inputs = fixed.points!
            precondition(inputs.rows == count, "design: fixed reuses the \(inputs.rows) real inputs, asked for \(count)")
        }
        var y = labels
        linearLabels(features: inputs, weights: weights, noise: noise, into: &y, using: &generator)
        features = inputs
        labels = y
        statistics = RegressionStatistics(features: inputs, labels: y)
        switch design {
        case .fixed(let fixed): fixedDesign = fixed
        case .fresh:
            fixedDesign = retainDesign
                ? FixedDesign(points: inputs, gram: statistics.gram, lower: nil, count: count) : nil
        }
    }
}
