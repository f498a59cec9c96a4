import LinearAlgebra
import ModelCollapse
import Randomness

/// Points (x, y) without statistics: the batch of the random-features family, whose fit needs the
/// features φ(x) of every point.
public struct LabelledPointsBatch: LinearLabelBatch {
    /// X, n × d.
    public var inputs: Matrix
    /// y.
    public var labels: [Double]
    public var fixedDesign: FixedDesign?

    public init() {
        inputs = Matrix(rows: 0, columns: 0, elements: [])
        labels = []
        fixedDesign = nil
    }

    public init(inputs: Matrix, labels: [Double], fixedDesign: FixedDesign? = nil) {
        precondition(inputs.rows == labels.count, "LabelledPointsBatch: \(labels.count) labels for \(inputs.rows) rows")
        self.inputs = inputs
        self.labels = labels
        self.fixedDesign = fixedDesign
    }

    public var count: Int { labels.count }

    public mutating func append(_ other: LabelledPointsBatch) {
        if other.count == 0 { return }
        if count == 0 {
            let design = fixedDesign
            self = other
            if let design { fixedDesign = design }
            return
        }
        inputs = inputs.appendingRows(other.inputs)
        labels += other.labels
        if fixedDesign == nil { fixedDesign = other.fixedDesign }
    }

    public static var supportsSubsampling: Bool { true }

    public func subsample<G: RandomNumberGenerator>(_ size: Int, using generator: inout G) -> LabelledPointsBatch {
        let indices = Self.subsampleIndices(count: count, size: size, using: &generator)
        return LabelledPointsBatch(
            inputs: inputs.selectingRows(indices),
            labels: indices.map { labels[$0] }, fixedDesign: fixedDesign)
    }

    /// Replaces the inputs: fresh from the truth or the fixed design's rows.
    mutating func drawInputs<G: RandomNumberGenerator>(_ design: DesignDraw, dimension d: Int, count: Int, using generator: inout G) {
        switch design {
        case .fresh(let truth):
            var points = inputs.elements
            inputs = Matrix(rows: 0, columns: 0, elements: [])
            truth.drawDesign(count: count, into: &points, using: &generator)
            inputs = Matrix(rows: count, columns: d, elements: points)
            fixedDesign = nil
        case .fixed(let fixed):
            precondition(fixed.count == count, "design: fixed reuses the \(fixed.count) real inputs, asked for \(count)")
            inputs = fixed.points!
            fixedDesign = fixed
        }
    }

    public mutating func drawLinear<G: RandomNumberGenerator>(
        weights: [Double], noise: Double, design: DesignDraw, count: Int, retainDesign: Bool,
        using generator: inout G
    ) {
        drawInputs(design, dimension: weights.count, count: count, using: &generator)
        linearLabels(features: inputs, weights: weights, noise: noise, into: &labels, using: &generator)
        if retainDesign, case .fresh = design {
            fixedDesign = FixedDesign(points: inputs, gram: Matrix(rows: 0, columns: 0, elements: []), lower: nil, count: count)
        }
    }
}
