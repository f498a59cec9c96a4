import Families
import ModelCollapse

/// What one replicate of a family holds in memory, for ``ResourceEstimate``: approximate byte
/// counts read off the family's batch, model and evaluation types (all sizes in bytes).
///
/// A family outside this file describes itself by conforming to ``FamilyFootprintProviding``; one
/// that does not gets ``generic`` (8 bytes per data point and per model parameter it cannot see).
public struct FamilyFootprint: Sendable, Equatable {
    /// Bytes per data point a batch stores on the sample path.
    public var bytesPerPoint: Double
    /// Bytes a fit allocates per training point (a design-matrix copy, EM responsibilities, a
    /// feature matrix, the concatenated points of a several-part training set).
    public var fitBytesPerPoint: Double
    /// Whether a batch holds its points (its size grows with n(t)); false for count vectors and for
    /// sufficient statistics, whose size is ``batchBytes`` whatever n(t).
    public var batchGrowsWithPoints: Bool
    /// Bytes of one batch that does not grow with n(t) (statistics, counts).
    public var batchBytes: Double
    /// Bytes of one fitted model (a chain holds the current model, the new fit and the metrics'
    /// previous values: about three).
    public var modelBytes: Double
    /// Bytes each replicate's metrics keep (held-out samples, Monte Carlo buffers).
    public var evaluationBytes: Double
    /// Bytes shared by every replicate of a run (the truth, feature maps, fixed test sets).
    public var sharedBytes: Double

    public init(
        bytesPerPoint: Double, fitBytesPerPoint: Double = 0, batchGrowsWithPoints: Bool = true, batchBytes: Double = 0,
        modelBytes: Double, evaluationBytes: Double = 0, sharedBytes: Double = 0
    ) {
        self.bytesPerPoint = bytesPerPoint
        self.fitBytesPerPoint = fitBytesPerPoint
        self.batchGrowsWithPoints = batchGrowsWithPoints
        self.batchBytes = batchBytes
        self.modelBytes = modelBytes
        self.evaluationBytes = evaluationBytes
        self.sharedBytes = sharedBytes
    }

    /// 8 bytes per point and a small model: for families that describe nothing.
    public static let generic = FamilyFootprint(bytesPerPoint: 8, modelBytes: 1024)
}

/// A family that tells ``ResourceEstimate`` its memory footprint for a spec.
public protocol FamilyFootprintProviding {
    func footprint(_ spec: ExperimentSpec) -> FamilyFootprint
}

extension FamilyFootprint {
    /// The footprint of the spec's family (``generic`` when it does not provide one).
    public static func of(_ spec: ExperimentSpec) -> FamilyFootprint {
        (spec.family as? any FamilyFootprintProviding)?.footprint(spec) ?? .generic
    }
}

extension GaussianFamily: FamilyFootprintProviding {
    /// Points of d doubles; statistics: the mean and the scatter matrix; the model: mean,
    /// covariance and its Cholesky factor.
    public func footprint(_ spec: ExperimentSpec) -> FamilyFootprint {
        let d = Double(dimension)
        let model = 8 * (d + 2 * d * d)
        return FamilyFootprint(
            bytesPerPoint: 8 * d, batchGrowsWithPoints: spec.resolvedPath == .samples,
            batchBytes: 8 * (d + d * d) + 64, modelBytes: model, sharedBytes: model)
    }
}

extension CategoricalFamily: FamilyFootprintProviding {
    /// Count vectors on both paths (K counts, occupancy and lineage); the model is K probabilities
    /// and their alias table.
    public func footprint(_ spec: ExperimentSpec) -> FamilyFootprint {
        let k = Double(probabilities.count)
        return FamilyFootprint(
            bytesPerPoint: 0, batchGrowsWithPoints: false, batchBytes: 28 * k, modelBytes: 32 * k,
            evaluationBytes: 16 * k, sharedBytes: 32 * k)
    }
}

extension NextTokenFamily: FamilyFootprintProviding {
    /// C × V counts per batch and probabilities per model, as the categorical family per context.
    public func footprint(_ spec: ExperimentSpec) -> FamilyFootprint {
        let cells = Double(contexts) * Double(tokens)
        return FamilyFootprint(
            bytesPerPoint: 0, batchGrowsWithPoints: false, batchBytes: 28 * cells + 16 * Double(contexts),
            modelBytes: 32 * cells, evaluationBytes: 16 * cells, sharedBytes: 32 * cells)
    }
}

extension OneParameterExperimentFamily {
    /// One double per point (sample path) or a count and a sum (statistics path).
    public func footprint(_ spec: ExperimentSpec) -> FamilyFootprint {
        FamilyFootprint(bytesPerPoint: 8, batchGrowsWithPoints: spec.resolvedPath == .samples, batchBytes: 16, modelBytes: 64)
    }
}

extension BernoulliFamily: FamilyFootprintProviding {}
extension PoissonFamily: FamilyFootprintProviding {}
extension ExponentialDistributionFamily: FamilyFootprintProviding {}

extension KernelDensityFamily: FamilyFootprintProviding {
    /// The model is its training points (a copy when the training set has several parts); the
    /// metrics keep `holdout` real points per replicate and `w1-samples` model draws.
    public func footprint(_ spec: ExperimentSpec) -> FamilyFootprint {
        FamilyFootprint(
            bytesPerPoint: 8, fitBytesPerPoint: 8, modelBytes: 256,
            evaluationBytes: 8 * Double(holdout) + 16 * Double(w1Samples), sharedBytes: 1024)
    }
}

extension GaussianMixtureFamily: FamilyFootprintProviding {
    /// Points of d doubles plus K EM responsibilities each; K means and covariances per model; the
    /// metrics keep `kl-samples` truth points (and their log densities) and `w1-samples` draws.
    public func footprint(_ spec: ExperimentSpec) -> FamilyFootprint {
        let d = Double(truth.dimension), k = Double(components)
        return FamilyFootprint(
            bytesPerPoint: 8 * d, fitBytesPerPoint: 8 * (k + 1), modelBytes: 8 * k * (1 + d + 2 * d * d) + 256,
            evaluationBytes: 8 * Double(klSamples) * (d + 1) + 16 * Double(w1Samples) * d,
            sharedBytes: 8 * k * (1 + d + 2 * d * d))
    }
}

extension LinearRegressionFamily: FamilyFootprintProviding {
    /// Points of d inputs and a label, and the fit's copy of the design; statistics: XᵀX and Xᵀy.
    public func footprint(_ spec: ExperimentSpec) -> FamilyFootprint {
        Self.regressionFootprint(dimension: truth.truth.dimension, features: nil, spec: spec)
    }

    static func regressionFootprint(dimension: Int, features: Int?, spec: ExperimentSpec) -> FamilyFootprint {
        let d = Double(dimension)
        let p = Double(features ?? dimension)  // the fit's parameters
        return FamilyFootprint(
            bytesPerPoint: 8 * (d + 1), fitBytesPerPoint: 8 * (features == nil ? d + 1 : 2 * p),
            batchGrowsWithPoints: features != nil || spec.resolvedPath == .samples,
            batchBytes: 8 * (d * d + d + 2) + 128, modelBytes: 8 * (p + 2 * p * p), sharedBytes: 8 * (d * d + 2 * d))
    }
}

extension StrongCollapseFamily: FamilyFootprintProviding {
    public func footprint(_ spec: ExperimentSpec) -> FamilyFootprint {
        LinearRegressionFamily.regressionFootprint(dimension: truth.truth.dimension, features: nil, spec: spec)
    }
}

extension RandomFeaturesFamily: FamilyFootprintProviding {
    /// Points of d inputs, their m features (and the fit's copy); the shared feature map F (m × d)
    /// and the fixed test set.
    public func footprint(_ spec: ExperimentSpec) -> FamilyFootprint {
        let d = Double(truth.truth.dimension), m = Double(features)
        var footprint = LinearRegressionFamily.regressionFootprint(dimension: truth.truth.dimension, features: features, spec: spec)
        footprint.sharedBytes += 8 * m * d + 8 * Double(testSize) * (d + m + 1)
        return footprint
    }
}
