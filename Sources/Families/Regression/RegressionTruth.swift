import Foundation
import Randomness

/// The real data of the regression families: x ~ N(0, Σ), y = x·w* + ε, ε ~ N(0, σ²).
///
/// Σ is diagonal, Σ = diag(λ₁, …, λ_d): isotropic (λⱼ = 1) or a power-law spectrum λⱼ = j^(−α), the
/// setting of Dohmatob, Feng, Subramonian & Kempe, "Strong Model Collapse" (ICLR 2025). A diagonal Σ
/// loses nothing: any Gaussian design is one after a rotation of the coordinates, with w* rotated too.
public struct RegressionTruth: Sendable, Hashable {
    /// w*.
    public var weights: [Double]
    /// λ₁, …, λ_d, the variances of the coordinates of x (the eigenvalues of Σ).
    public var spectrum: [Double]
    /// σ, the standard deviation of the label noise.
    public var noise: Double

    /// - Precondition: `weights.count == spectrum.count ≥ 1`, every λ > 0, σ ≥ 0.
    public init(weights: [Double], spectrum: [Double], noise: Double) {
        precondition(!weights.isEmpty && weights.count == spectrum.count, "RegressionTruth: \(weights.count) weights for \(spectrum.count) variances")
        precondition(spectrum.allSatisfy { $0 > 0 } && noise >= 0, "RegressionTruth: variances must be > 0 and the noise ≥ 0")
        self.weights = weights
        self.spectrum = spectrum
        self.noise = noise
    }

    /// d.
    public var dimension: Int { weights.count }

    /// λⱼ = j^(−α), j = 1…d.
    public static func powerLawSpectrum(dimension: Int, exponent: Double) -> [Double] {
        (1...dimension).map { pow(Double($0), -exponent) }
    }

    /// ‖w − w*‖²_Σ = Σⱼ λⱼ(wⱼ − w*ⱼ)²: the excess risk of predicting with w.
    public func excessRisk(_ w: [Double]) -> Double {
        var sum = 0.0
        for j in 0..<dimension {
            let delta = w[j] - weights[j]
            sum += spectrum[j] * delta * delta
        }
        return sum
    }

    /// E(y − x·w)² over a fresh real point: σ² + ‖w − w*‖²_Σ, exact (no test sample needed).
    public func testError(_ w: [Double]) -> Double { noise * noise + excessRisk(w) }

    /// Fills `points` (row-major, count × d) with fresh rows x ~ N(0, Σ).
    public func drawDesign<G: RandomNumberGenerator>(count: Int, into points: inout [Double], using generator: inout G) {
        let d = dimension
        points.removeAll(keepingCapacity: true)
        points.append(contentsOf: repeatElement(0, count: count * d))
        Normal().fill(&points, using: &generator)
        if spectrum.contains(where: { $0 != 1 }) {
            let scales = spectrum.map { $0.squareRoot() }
            points.withUnsafeMutableBufferPointer { x in
                for i in 0..<count {
                    for j in 0..<d { x[i * d + j] *= scales[j] }
                }
            }
        }
    }
}
