import LinearAlgebra
import Randomness

/// A random-features model's feature map φ(x) = a(F x / √d), F ∈ ℝ^{m×d} with N(0, 1) entries,
/// a the identity (random projections) or the ReLU (Rahimi & Recht, "Random features for large-scale
/// kernel machines", NeurIPS 2007). m is the model size: the model ŷ = φ(x)·â has m parameters, and
/// the minimum-norm fit interpolates once m ≥ n (the interpolation threshold of double descent;
/// Mei & Montanari 2022; Dohmatob et al. 2025 study strong collapse across it).
///
/// F is drawn once per run from its own stream and shared by every replicate: a fixed architecture
/// at a random initialisation.
public struct RandomFeatureMap: Sendable {
    public enum Activation: String, Sendable, CaseIterable {
        case linear
        case relu
    }

    /// Fᵀ/√d, d × m, so that φ(X) = a(X · Fᵀ/√d) is one product.
    public let scaledTransposedProjection: Matrix
    public let activation: Activation

    /// A map with F drawn from `generator`.
    public init<G: RandomNumberGenerator>(inputDimension d: Int, features m: Int, activation: Activation, using generator: inout G) {
        var entries = [Double](repeating: 0, count: d * m)
        Normal(mean: 0, standardDeviation: 1 / Double(d).squareRoot()).fill(&entries, using: &generator)
        scaledTransposedProjection = Matrix(rows: d, columns: m, elements: entries)
        self.activation = activation
    }

    /// d.
    public var inputDimension: Int { scaledTransposedProjection.rows }
    /// m.
    public var featureCount: Int { scaledTransposedProjection.columns }

    /// φ(X), n × m, for the rows of X (n × d).
    /// - Complexity: 2·n·d·m flops.
    public func features(_ inputs: Matrix) -> Matrix {
        var phi = inputs * scaledTransposedProjection
        if activation == .relu {
            phi.elements.withUnsafeMutableBufferPointer { p in
                for i in 0..<p.count where p[i] < 0 { p[i] = 0 }
            }
        }
        return phi
    }

    /// For linear features, the equivalent weights on x: ŷ = φ(x)·a = x·(Fᵀa/√d). nil for ReLU.
    public func effectiveWeights(_ coefficients: [Double]) -> [Double]? {
        activation == .linear ? scaledTransposedProjection.multiply(coefficients) : nil
    }
}
