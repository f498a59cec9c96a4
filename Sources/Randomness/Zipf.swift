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
/// (s = 0 is uniform, and sampled directly as such).
///
/// Rejection-inversion, W. Hörmann, G. Derflinger, "Rejection-inversion to generate variates from
/// monotone discrete distributions", ACM Trans. Model. Comput. Simul. 6(3), 1996,
/// https://doi.org/10.1145/235025.235029. With h(x) = x^{−s} and an antiderivative H, draw u uniform
/// on `(H(3/2) − h(1), H(N + 1/2)]`, let x = H⁻¹(u) and k = x rounded to the nearest integer in
/// 1 … N, and accept k when `u ≥ H(k + 1/2) − h(k)`. The accepted u for k fill an interval of length
/// exactly h(k); since h is convex, `∫_{k−½}^{k+½} h ≥ h(k)` and the intervals do not overlap, so
/// the result is exact, and at least 95 % of attempts succeed for every s and N (the tests check
/// this). The paper's squeeze, accept when `k − x ≤ 2 − H⁻¹(H(5/2) − h(2))`, skips evaluating H for
/// most draws; it is valid because `k − H⁻¹(H(k + ½) − h(k))` increases with k (checked by the tests).
///
/// Precision: H is represented as `H(x) = (x^{1−s} − 1)/(1 − s)` (ln x at s = 1, evaluated through
/// `expm1(t)/t` and `log1p(t)/t` so s near 1 is accurate), or, for s > 1 when `(N + ½)^{1−s} < ½`,
/// as the tail integral `H(x) = −x^{1−s}/(s − 1)`, which keeps relative precision far out in the
/// tail. Either way a probability P(k) is reproduced to about 10⁻¹⁶ absolute (the 53-bit grid of u
/// over the hat's total mass), so to high relative accuracy for every k with P(k) ≫ 10⁻¹⁴.
/// O(1) memory and expected time for every N, so a vocabulary of 10⁹ words costs nothing to set up.
///
/// - Precondition: `count ≥ 1`, `exponent` finite and ≥ 0.
@frozen
public struct Zipf: Sampler, Sendable, Hashable {
    public let count: Int
    public let exponent: Double
    /// H is the tail integral −x^{1−s}/(s − 1) rather than ∫₁ˣ h.
    @usableFromInline let usesTailIntegral: Bool
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
        let top = Double(count) + 0.5
        let tail = exponent > 1 && (1 - exponent) * log(top) < -0.693_147_180_559_945_3
        usesTailIntegral = tail
        lowerIntegral = Zipf.integral(1.5, exponent, tail: tail) - 1
        upperIntegral = Zipf.integral(top, exponent, tail: tail)
        squeeze = 2 - Zipf.inverseIntegral(
            Zipf.integral(2.5, exponent, tail: tail) - Zipf.density(2, exponent), exponent, tail: tail)
    }

    @inlinable
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Int {
        if exponent == 0 {
            // Uniform: Lemire's unbiased bounded integer (the standard library's).
            return 1 + Int(truncatingIfNeeded: generator.next(upperBound: UInt64(count)))
        }
        let n = Double(count)
        while true {
            let u = upperIntegral - generator.nextUniform() * (upperIntegral - lowerIntegral)
            let x = inverseIntegral(u)
            let k = min(max(x.rounded(), 1), n)
            if (x.isFinite && k - x <= squeeze) || u >= integral(k + 0.5) - Zipf.density(k, exponent) {
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

    /// H(x): `ln x · expm1(t)/t` with t = (1 − s) ln x, or the tail form `−e^{(1−s) ln x}/(s − 1)`.
    @inlinable
    func integral(_ x: Double) -> Double {
        Zipf.integral(x, exponent, tail: usesTailIntegral)
    }

    @inlinable
    static func integral(_ x: Double, _ s: Double, tail: Bool) -> Double {
        let logX = log(x)
        if tail {
            return -exp((1 - s) * logX) / (s - 1)
        }
        return logX * expm1OverX((1 - s) * logX)
    }

    /// H⁻¹(y): `exp(y · log1p(t)/t)` with t = (1 − s) y, or for the tail form
    /// `exp(−ln(−(s − 1) y)/(s − 1))` (+∞ if rounding made y ≥ 0).
    @inlinable
    func inverseIntegral(_ y: Double) -> Double {
        Zipf.inverseIntegral(y, exponent, tail: usesTailIntegral)
    }

    @inlinable
    static func inverseIntegral(_ y: Double, _ s: Double, tail: Bool) -> Double {
        if tail {
            return y < 0 ? exp(-log(-(s - 1) * y) / (s - 1)) : .infinity
        }
        return exp(y * log1pOverX((1 - s) * y))
    }

    /// expm1(t)/t, 1 at t = 0.
    @inlinable
    static func expm1OverX(_ t: Double) -> Double {
        abs(t) > 1e-8 ? expm1(t) / t : 1 + t / 2 * (1 + t / 3)
    }

    /// log1p(t)/t, 1 at t = 0 (+∞·0 guarded: t ≤ −1 only by rounding, mapped to the largest x).
    @inlinable
    static func log1pOverX(_ t: Double) -> Double {
        if abs(t) <= 1e-8 { return 1 - t * (0.5 - t / 3) }
        return t > -1 ? log1p(t) / t : .infinity
    }
}
