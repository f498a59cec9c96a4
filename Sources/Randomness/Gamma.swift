#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(ucrt)
import ucrt
#endif

/// The gamma distribution with density `x^{k−1} e^{−x/θ} / (Γ(k) θ^k)` on (0, ∞), shape k, scale θ.
///
/// For k > 1, G. Marsaglia, W. W. Tsang, "A simple method for generating gamma variables",
/// ACM Trans. Math. Softw. 26(3), 2000, https://doi.org/10.1145/358407.358414: with d = k − 1/3 and
/// c = 1/√(9d), repeat {Z standard normal, v = (1 + cZ)³ (retry if ≤ 0), U uniform} until
/// `U < 1 − 0.0331 Z⁴` (squeeze) or `ln U < Z²/2 + d(1 − v + ln v)`, and return `θ d v`.
///
/// For k = 1 it is the exponential distribution, drawn by ``Exponential``'s ziggurat.
///
/// For k < 1, the boost of the same paper (after Stuart 1962): if G ~ Gamma(k + 1) and U uniform on
/// (0, 1], `G U^{1/k}` ~ Gamma(k). It is formed in log-space, `ln G + ln(U)/k`, and exponentiated
/// once, so a draw is 0 only when it is truly below the smallest subnormal (with k = 0.01 that
/// happens with probability ≈ 6·10⁻⁴; ``logSample(using:)`` never underflows).
///
/// - Precondition: `shape` and `scale` finite and > 0.
@frozen
public struct Gamma: Sampler, Sendable, Hashable {
    public let shape: Double
    public let scale: Double
    /// d = k′ − 1/3, where k′ = k for k ≥ 1 and k + 1 (the boosted shape) for k < 1.
    @usableFromInline let d: Double
    /// c = 1/√(9d).
    @usableFromInline let c: Double

    @inlinable
    public init(shape: Double, scale: Double = 1) {
        precondition(shape.isFinite && shape > 0, "Gamma: shape must be finite and > 0")
        precondition(scale.isFinite && scale > 0, "Gamma: scale must be finite and > 0")
        self.shape = shape
        self.scale = scale
        let boosted = shape < 1 ? shape + 1 : shape
        d = boosted - 1.0 / 3.0
        c = 1 / (9 * d).squareRoot()
    }

    public var mean: Double { shape * scale }
    public var variance: Double { shape * scale * scale }

    @inlinable
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        scale * standardSample(using: &generator, layers: ZigguratTable.normal.layers)
    }

    /// ln X for X ~ Gamma(shape, scale): exact also where X itself would underflow (tiny shapes).
    @inlinable
    public func logSample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        log(scale) + standardLogSample(using: &generator, layers: ZigguratTable.normal.layers)
    }

    /// Fills `buffer` with the values of `buffer.count` calls of ``sample(using:)``, looking up the
    /// normal ziggurat once.
    @inlinable
    public func fill<G: RandomNumberGenerator>(
        _ buffer: UnsafeMutableBufferPointer<Double>, using generator: inout G
    ) {
        let layers = ZigguratTable.normal.layers
        var local = generator
        defer { generator = local }
        for index in buffer.indices {
            buffer[index] = scale * standardSample(using: &local, layers: layers)
        }
    }

    /// A Gamma(shape, 1) draw.
    @inlinable
    func standardSample<G: RandomNumberGenerator>(using generator: inout G, layers: ZigguratLayers) -> Double {
        if shape == 1 {
            return Exponential.standard(using: &generator)
        }
        if shape >= 1 {
            return marsagliaTsang(using: &generator, layers: layers)
        }
        return exp(standardLogSample(using: &generator, layers: layers))
    }

    /// ln of a Gamma(shape, 1) draw.
    @inlinable
    func standardLogSample<G: RandomNumberGenerator>(using generator: inout G, layers: ZigguratLayers) -> Double {
        if shape == 1 {
            return log(Exponential.standard(using: &generator))
        }
        let boosted = log(marsagliaTsang(using: &generator, layers: layers))
        if shape >= 1 { return boosted }
        return boosted + log(generator.nextOpenUniform()) / shape
    }

    /// A Gamma(d + 1/3, 1) draw, d + 1/3 ≥ 1.
    @inlinable
    func marsagliaTsang<G: RandomNumberGenerator>(using generator: inout G, layers: ZigguratLayers) -> Double {
        while true {
            var z: Double
            var v: Double
            repeat {
                z = Normal.standard(using: &generator, layers: layers)
                v = 1 + c * z
            } while v <= 0
            v = v * v * v
            let u = generator.nextOpenUniform()
            let z2 = z * z
            if u < 1 - 0.0331 * z2 * z2 { return d * v }
            if log(u) < 0.5 * z2 + d * (1 - v + log(v)) { return d * v }
        }
    }
}
