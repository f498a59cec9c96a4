#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(ucrt)
import ucrt
#endif

/// The Dirichlet distribution on the (K−1)-simplex, density ∝ `∏ x_i^{α_i − 1}`.
///
/// Normalised gammas: with `G_i ~ Gamma(α_i)` independent, `(G_1, …, G_K)/Σ G_j` (Devroye 1986,
/// §XI.4). When any α_i is below 1 the gammas are drawn in log-space, the largest log is subtracted
/// before exponentiating, and so the result is never 0/0 and sums to 1 up to rounding even for tiny
/// concentrations.
///
/// - Precondition: at least one concentration; every one finite and > 0.
public struct Dirichlet: Sampler, Sendable, Hashable {
    public let concentrations: [Double]
    @usableFromInline let gammas: [Gamma]
    @usableFromInline let useLogSpace: Bool

    @inlinable
    public init(concentrations: [Double]) {
        precondition(!concentrations.isEmpty, "Dirichlet: needs at least one concentration")
        precondition(concentrations.allSatisfy { $0.isFinite && $0 > 0 },
                     "Dirichlet: concentrations must be finite and > 0")
        self.concentrations = concentrations
        gammas = concentrations.map { Gamma(shape: $0) }
        useLogSpace = concentrations.contains { $0 < 1 }
    }

    /// Overwrites `values` with one draw. `values` is resized to K if its count differs (the only
    /// allocation; reuse the array across draws to avoid it).
    @inlinable
    public func sample<G: RandomNumberGenerator>(into values: inout [Double], using generator: inout G) {
        let k = gammas.count
        if values.count != k {
            values = [Double](repeating: 0, count: k)
        }
        let layers = ZigguratTable.normal.layers
        values.withUnsafeMutableBufferPointer { out in
            var total = 0.0
            if useLogSpace {
                var largest = -Double.infinity
                for i in 0..<k {
                    out[i] = gammas[i].standardLogSample(using: &generator, layers: layers)
                    largest = max(largest, out[i])
                }
                for i in 0..<k {
                    out[i] = exp(out[i] - largest)
                    total += out[i]
                }
            } else {
                for i in 0..<k {
                    out[i] = gammas[i].standardSample(using: &generator, layers: layers)
                    total += out[i]
                }
            }
            let inverse = 1 / total
            for i in 0..<k { out[i] *= inverse }
        }
    }

    /// One draw as a new array of K proportions.
    @inlinable
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> [Double] {
        var values = [Double](repeating: 0, count: gammas.count)
        sample(into: &values, using: &generator)
        return values
    }
}
