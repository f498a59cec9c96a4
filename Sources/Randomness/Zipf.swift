#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(ucrt)
import ucrt
#endif

/// The Zipf distribution on {1, …, N}: `P(k) = k^{−s} / Σ_{j=1}^{N} j^{−s}`, any real exponent s ≥ 0
/// (s = 0 is uniform).
///
/// Rejection-inversion, W. Hörmann, G. Derflinger, "Rejection-inversion to generate variates from
/// monotone discrete distributions", ACM Trans. Model. Comput. Simul. 6(3), 1996,
/// https://doi.org/10.1145/235025.235029. With h(x) = x^{−s} and its antiderivative
/// `H(x) = (x^{1−s} − 1)/(1 − s)` (ln x at s = 1), draw u uniform on `(H(3/2) − 1, H(N + 1/2)]`,
/// let x = H⁻¹(u) and k = x rounded to the nearest integer, and accept k when
/// `u ≥ H(k + 1/2) − h(k)`. The accepted u for k fill an interval of length exactly h(k), so the
/// result is exact; since h is convex, `∫_{k−½}^{k+½} h ≥ h(k)`, the intervals do not overlap, and
/// at least `Σ h(k) / (Σ h(k) + ∫ slack)` of the attempts succeed (over 90 % for every s). The
/// paper's squeeze `k − x ≤ 2 − H⁻¹(H(5/2) − h(2))` accepts most draws without evaluating H.
/// O(1) memory and expected time for every N, so vocabularies of 10⁹ words cost nothing to set up.
///
/// `H` and `H⁻¹` are evaluated through `expm1(t)/t` and `log1p(t)/t`, which are accurate for s near 1.
///
/// - Precondition: `count ≥ 1`, `exponent` finite and ≥ 0.
@frozen
public struct Zipf: Sampler, Sendable, Hashable {
    public let count: Int
    public let exponent: Double
    /// H(3/2) − h(1).
    @usableFromInline let lowerIntegral: Double
    /// H(N + 1/2).
    @usableFromInline let upperIntegral: Double
    /// 2 − H⁻¹(H(5/2) − h(2)).
    @usableFromInline let squeeze: Double

    @inlinable
    public init(count: Int, exponent: Double) {
        precondition(count >= 1, "Zipf: count must be ≥ 1")
        precondition(exponent.isFinite && exponent >= 0, "Zipf: exponent must be finite and ≥ 0")
        self.count = count
        self.exponent = exponent
        lowerIntegral = Zipf.integral(1.5, exponent) - 1
        upperIntegral = Zipf.integral(Double(count) + 0.5, exponent)
        squeeze = 2 - Zipf.inverseIntegral(Zipf.integral(2.5, exponent) - Zipf.density(2, exponent), exponent)
    }

    @inlinable
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Int {
        let n = Double(count)
        while true {
            let u = upperIntegral - generator.nextUniform() * (upperIntegral - lowerIntegral)
            let x = Zipf.inverseIntegral(u, exponent)
            let k = min(max(x.rounded(), 1), n)
            if k - x <= squeeze || u >= Zipf.integral(k + 0.5, exponent) - Zipf.density(k, exponent) {
                return Int(k)
            }
        }
    }

    /// `P(k)` for k = 1 … count, in an array indexed from 0: `k^{−s} / Σ j^{−s}`. The normaliser is
    /// summed from the smallest term up.
    public static func probabilities(count: Int, exponent: Double) -> [Double] {
        precondition(count >= 1, "Zipf: count must be ≥ 1")
        precondition(exponent.isFinite && exponent >= 0, "Zipf: exponent must be finite and ≥ 0")
        var weights = (1...count).map { density(Double($0), exponent) }
        var total = 0.0
        for weight in weights.reversed() { total += weight }
        for i in weights.indices { weights[i] /= total }
        return weights
    }

    /// h(x) = x^{−s}.
    @inlinable
    static func density(_ x: Double, _ s: Double) -> Double {
        exp(-s * log(x))
    }

    /// H(x) = ∫₁ˣ h = (x^{1−s} − 1)/(1 − s) = ln x · expm1(t)/t with t = (1 − s) ln x.
    @inlinable
    static func integral(_ x: Double, _ s: Double) -> Double {
        let logX = log(x)
        return logX * expm1OverX((1 - s) * logX)
    }

    /// H⁻¹(y) = exp(y · log1p(t)/t) with t = (1 − s) y.
    @inlinable
    static func inverseIntegral(_ y: Double, _ s: Double) -> Double {
        exp(y * log1pOverX((1 - s) * y))
    }

    /// expm1(t)/t, 1 at t = 0.
    @inlinable
    static func expm1OverX(_ t: Double) -> Double {
        abs(t) > 1e-8 ? expm1(t) / t : 1 + t / 2 * (1 + t / 3)
    }

    /// log1p(t)/t, 1 at t = 0.
    @inlinable
    static func log1pOverX(_ t: Double) -> Double {
        abs(t) > 1e-8 ? log1p(t) / t : 1 - t * (0.5 - t / 3)
    }
}
