/// The chi-square distribution with k degrees of freedom: Gamma(shape k/2, scale 2).
///
/// The sum of squares of k independent standard normals for integer k; any real k > 0 is allowed.
/// Sampled by ``Gamma`` (Marsaglia & Tsang 2000).
///
/// - Precondition: `degreesOfFreedom` finite and > 0.
@frozen
public struct ChiSquared: Sampler, Sendable, Hashable {
    public let degreesOfFreedom: Double
    @usableFromInline let gamma: Gamma

    @inlinable
    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom.isFinite && degreesOfFreedom > 0,
                     "ChiSquared: degreesOfFreedom must be finite and > 0")
        self.degreesOfFreedom = degreesOfFreedom
        gamma = Gamma(shape: degreesOfFreedom / 2, scale: 2)
    }

    @inlinable
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        gamma.sample(using: &generator)
    }

    @inlinable
    public func fill<G: RandomNumberGenerator>(
        _ buffer: UnsafeMutableBufferPointer<Double>, using generator: inout G
    ) {
        gamma.fill(buffer, using: &generator)
    }
}
