#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(ucrt)
import ucrt
#endif

/// The beta distribution with density `x^{α−1}(1 − x)^{β−1} / B(α, β)` on (0, 1).
///
/// As a ratio of gammas: with X ~ Gamma(α), Y ~ Gamma(β) independent (``Gamma``, Marsaglia & Tsang
/// 2000), `X/(X + Y)` ~ Beta(α, β) (e.g. L. Devroye, *Non-Uniform Random Variate Generation*,
/// Springer 1986, §IX.4). When α or β is below 1 both gammas are drawn in log-space and the ratio
/// is `1/(1 + e^{ln Y − ln X})` (or its mirror), which stays exact where X and Y would both
/// underflow and `X/(X + Y)` would be 0/0: with α = β = 0.01 a draw is 0 or 1 only when the true
/// value rounds there.
///
/// - Precondition: `alpha` and `beta` finite and > 0.
@frozen
public struct Beta: Sampler, Sendable, Hashable {
    public let alpha: Double
    public let beta: Double
    @usableFromInline let gammaAlpha: Gamma
    @usableFromInline let gammaBeta: Gamma

    @inlinable
    public init(alpha: Double, beta: Double) {
        precondition(alpha.isFinite && alpha > 0, "Beta: alpha must be finite and > 0")
        precondition(beta.isFinite && beta > 0, "Beta: beta must be finite and > 0")
        self.alpha = alpha
        self.beta = beta
        gammaAlpha = Gamma(shape: alpha)
        gammaBeta = Gamma(shape: beta)
    }

    public var mean: Double { alpha / (alpha + beta) }
    public var variance: Double {
        let total = alpha + beta
        return alpha * beta / (total * total * (total + 1))
    }

    @inlinable
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        let layers = ZigguratTable.normal.layers
        if alpha >= 1 && beta >= 1 {
            let x = gammaAlpha.standardSample(using: &generator, layers: layers)
            let y = gammaBeta.standardSample(using: &generator, layers: layers)
            return x / (x + y)
        }
        let logX = gammaAlpha.standardLogSample(using: &generator, layers: layers)
        let logY = gammaBeta.standardLogSample(using: &generator, layers: layers)
        return Beta.logistic(logX - logY)
    }

    /// `1/(1 + e^{−t})` without overflow, accurate for small results.
    @inlinable
    static func logistic(_ t: Double) -> Double {
        if t < 0 {
            let e = exp(t)
            return e / (1 + e)
        }
        return 1 / (1 + exp(-t))
    }
}
