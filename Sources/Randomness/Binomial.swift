#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(ucrt)
import ucrt
#endif

/// The binomial distribution: the number of successes in `count` independent trials of
/// probability `probability`, `P(k) = C(n, k) p^k (1 − p)^{n−k}`, k = 0 … n.
///
/// Exact for every n and p (up to floating-point rounding of the acceptance tests):
///
/// - n = 0, p = 0 or p = 1 return the only possible value;
/// - p > ½ is sampled as `n − X` with X ~ Binomial(n, 1 − p), so below p ≤ ½;
/// - n·p < 10: inversion by sequential search from 0, `P(0) = (1 − p)^n` (formed as
///   `exp(n·log1p(−p))`), `P(k) = P(k − 1)·(n − k + 1)p / (k(1 − p))`; O(1 + np) expected steps;
/// - n·p ≥ 10: BTRD, transformed rejection with decomposition, from W. Hörmann, "The generation
///   of binomial random variates", J. Stat. Comput. Simul. 46(1–2), 1993,
///   https://doi.org/10.1080/00949659308811496. Its final test compares against
///   `ln(P(k)/P(m))` with m the mode, written with the Stirling correction `fc` so that no two large
///   log-factorials are subtracted; O(1) expected time for every n (n up to 2⁵³ is exact in `Double`).
///
/// - Precondition: `count` in 0 … 2⁵³ (exact in `Double`), `probability` in [0, 1].
@frozen
public struct Binomial: Sampler, Sendable, Hashable {
    public let count: Int
    public let probability: Double

    @usableFromInline let method: Method
    /// p > ½: the draw is `count − X`.
    @usableFromInline let mirrored: Bool
    // Constants, with p ≤ ½ the (possibly mirrored) success probability; see the paper for names.
    /// n as a Double.
    @usableFromInline let n: Double
    /// Inversion: P(0) = (1 − p)^n.  BTRD: unused.
    @usableFromInline let probabilityOfZero: Double
    /// r = p/(1 − p).
    @usableFromInline let r: Double
    /// (n + 1) r.
    @usableFromInline let nr: Double
    // BTRD only:
    @usableFromInline let m: Double
    @usableFromInline let npq: Double
    @usableFromInline let a: Double
    @usableFromInline let b: Double
    @usableFromInline let c: Double
    @usableFromInline let alpha: Double
    @usableFromInline let vr: Double
    @usableFromInline let urvr: Double
    /// h = (m + ½) ln((m + 1)/(r (n − m + 1))) + fc(m) + fc(n − m).
    @usableFromInline let h: Double

    @usableFromInline
    enum Method: Sendable, Hashable {
        case constant(Int)
        case inversion
        case btrd
    }

    @inlinable
    public init(count: Int, probability: Double) {
        precondition(count >= 0 && count <= 1 << 53, "Binomial: count must be in 0 ... 2⁵³")
        precondition(probability >= 0 && probability <= 1, "Binomial: probability must be in [0, 1]")
        self.count = count
        self.probability = probability
        mirrored = probability > 0.5
        let p = mirrored ? 1 - probability : probability
        let q = 1 - p
        let n = Double(count)
        self.n = n
        r = p / q
        nr = (n + 1) * r
        if count == 0 || probability == 0 || probability == 1 {
            method = .constant(probability == 1 ? count : 0)
        } else if n * p < 10 {
            method = .inversion
        } else {
            method = .btrd
        }
        if case .btrd = method {
            probabilityOfZero = 0
            let m = ((n + 1) * p).rounded(.down)  // the mode
            self.m = m
            let npq = n * p * q
            self.npq = npq
            let spq = npq.squareRoot()
            let b = 1.15 + 2.53 * spq
            self.b = b
            a = -0.0873 + 0.0248 * b + 0.01 * p
            c = n * p + 0.5
            alpha = (2.83 + 5.1 / b) * spq
            vr = 0.92 - 4.2 / b
            urvr = 0.86 * vr
            h = (m + 0.5) * log((m + 1) / (r * (n - m + 1)))
                + LogFactorial.stirlingCorrection(m) + LogFactorial.stirlingCorrection(n - m)
        } else {
            probabilityOfZero = exp(n * log1p(-p))
            m = 0; npq = 0; a = 0; b = 0; c = 0; alpha = 0; vr = 0; urvr = 0; h = 0
        }
    }

    public var mean: Double { Double(count) * probability }
    public var variance: Double { Double(count) * probability * (1 - probability) }

    @inlinable
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Int {
        let x: Int
        switch method {
        case .constant(let value):
            return value
        case .inversion:
            x = inversion(using: &generator)
        case .btrd:
            x = btrd(using: &generator)
        }
        return mirrored ? count - x : x
    }

    @inlinable
    func inversion<G: RandomNumberGenerator>(using generator: inout G) -> Int {
        while true {
            var u = generator.nextUniform()
            var k = 0.0
            var pk = probabilityOfZero
            // Rounding can leave u beyond the accumulated mass (≈ 10⁻¹⁶); then draw again.
            while k <= n && pk > 0 {
                if u < pk { return Int(k) }
                u -= pk
                k += 1
                pk *= nr / k - r
            }
        }
    }

    @inlinable
    func btrd<G: RandomNumberGenerator>(using generator: inout G) -> Int {
        while true {
            // Step 1: the centre of the hat, accepted at once (a fraction 0.86 v_r of attempts, → 79 %).
            var v = generator.nextUniform()
            var u: Double
            if v <= urvr {
                u = v / vr - 0.43
                return Int(((2 * a / (0.5 - abs(u)) + b) * u + c).rounded(.down))
            }
            // Step 2: a point under the hat outside that region.
            if v >= vr {
                u = generator.nextUniform() - 0.5
            } else {
                u = v / vr - 0.93
                u = (u < 0 ? -0.5 : 0.5) - u
                v = generator.nextUniform() * vr
            }
            // Step 3: its candidate k and the acceptance test.
            let us = 0.5 - abs(u)
            let kReal = ((2 * a / us + b) * u + c).rounded(.down)
            if kReal < 0 || kReal > n { continue }
            v = v * alpha / (a / (us * us) + b)
            let km = abs(kReal - m)
            if km <= 15 {
                // 3.1: P(k)/P(m) by the recurrence P(i)/P(i − 1) = nr/i − r.
                var f = 1.0
                if m < kReal {
                    var i = m
                    repeat {
                        i += 1
                        f *= nr / i - r
                    } while i < kReal
                } else if m > kReal {
                    var i = kReal
                    repeat {
                        i += 1
                        v *= nr / i - r
                    } while i < m
                }
                if v <= f { return Int(kReal) }
                continue
            }
            // 3.2: squeeze on ln(P(k)/P(m)) from the normal approximation.
            v = log(v)
            let rho = (km / npq) * (((km / 3 + 0.625) * km + 1.0 / 6.0) / npq + 0.5)
            let t = -km * km / (2 * npq)
            if v < t - rho { return Int(kReal) }
            if v > t + rho { continue }
            // 3.3–3.4: the exact test.
            let nm = n - m + 1
            let nk = n - kReal + 1
            let bound = h + (n + 1) * log(nm / nk) + (kReal + 0.5) * log(nk * r / (kReal + 1))
                - LogFactorial.stirlingCorrection(kReal) - LogFactorial.stirlingCorrection(n - kReal)
            if v <= bound { return Int(kReal) }
        }
    }
}
