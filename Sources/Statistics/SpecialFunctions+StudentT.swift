#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
import Foundation
#endif

extension SpecialFunctions {
    /// F_ν(t), the CDF of Student's t distribution with ν degrees of freedom.
    ///
    /// `F_ν(t) = ½ I_{ν/(ν+t²)}(ν/2, ½)` for t ≤ 0 and `1 − F_ν(−t)` for t > 0 (A&S 26.7.1 with
    /// 26.5.27), with 1 − ν/(ν+t²) = t²/(ν+t²) and both logarithms passed to the incomplete beta as
    /// computed, so small |t| keep their accuracy.
    ///
    /// For large ν, where the continued fraction loses digits (about 10⁻¹¹ relative at ν = 10⁵,
    /// 10⁻⁸ at 10⁹), the expansion around the normal CDF
    /// `F_ν(t) = Φ(t) − φ(t)[t(t² + 1)/(4ν) + t(t² − 3)(3t⁴ + 2t² + 1)/(96ν²)
    ///   + t(t¹⁰ − 11t⁸ + 14t⁶ + 6t⁴ − 3t² − 15)/(384ν³)] + O(ν⁻⁴)`
    /// (obtained by inverting the Cornish–Fisher series of A&S 26.7.5) is used when ν ≥ 10⁴ and
    /// t⁴ ≤ 10⁻³ν, or ν ≥ 10⁸; there its relative error is below 10⁻¹³ (10⁻¹¹ for ν ≥ 10⁸ and
    /// |t| > 30). ν = ∞ is the normal CDF. Overall relative accuracy: about 10⁻¹¹ or better.
    /// - Parameters:
    ///   - t: the argument.
    ///   - degreesOfFreedom: ν > 0 (need not be an integer; `.infinity` allowed).
    /// - Returns: F_ν(t); `.nan` for NaN t or ν ≤ 0.
    /// - Complexity: O(1) in practice (the continued fraction converges in a few dozen steps).
    public static func studentTCDF(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        guard nu > 0, !t.isNaN, !nu.isNaN else { return .nan }
        if t == -.infinity { return 0 }
        if t == .infinity { return 1 }
        if nu == .infinity { return normalCDF(t) }
        let (tail, centre) = studentTTailAndCentre(-abs(t), nu)
        return t <= 0 ? tail : 0.5 + centre
    }

    /// t_ν(p) = F_ν⁻¹(p), the quantile of Student's t distribution with ν degrees of freedom.
    ///
    /// Closed forms for ν = 1 (`tan(π(p − ½))`) and ν = 2 (`(2p − 1)/√(2p(1 − p))`). Otherwise
    /// ``studentTCDF(_:degreesOfFreedom:)`` is inverted by Newton's method, started from the
    /// Cornish–Fisher expansion of A&S 26.7.5 around z = Φ⁻¹(p) (through its ν⁻⁴ term), inside a bracket
    /// that bisection keeps (geometrically when it spans decades), to a relative change below 4ε:
    /// on ln F_ν(t) in the tails (min(p, 1 − p) < ¼), so tiny p keep their relative accuracy, and on
    /// P(0 < T < |t|) = |p − ½| in the centre, so p near ½ keep theirs.
    /// - Parameters:
    ///   - p: a probability in [0, 1].
    ///   - degreesOfFreedom: ν > 0 (`.infinity` gives the normal quantile).
    /// - Returns: t_ν(p); `∓∞` at 0 and 1; `.nan` outside the domain.
    /// - Complexity: O(1) evaluations of the CDF in practice (typically 3–6 Newton steps).
    public static func studentTQuantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        guard p >= 0, p <= 1, nu > 0, !nu.isNaN else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if nu == .infinity { return normalQuantile(p) }
        if nu == 1 { return tan(Double.pi * (p - 0.5)) }
        if nu == 2 { return (2 * p - 1) / (2 * p * (1 - p)).squareRoot() }
        let z = normalQuantile(p)
        let expansion = cornishFisherStudentT(z, nu)

        // Solve for u = |t| > 0. In the tails (α = min(p, 1 − p) < ¼) solve ln F_ν(−u) = ln α, so
        // that tiny α keep their relative accuracy; in the centre solve P(0 < T < u) = |p − ½|
        // (exact in floating point), so that p near ½ keeps it too.
        let alpha = min(p, 1 - p)
        let central = abs(p - 0.5)
        let inTail = alpha < 0.25
        let logAlpha = log(alpha)
        let logNormaliser = logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * log(nu * Double.pi)
        var low = 0.0  // F(−low) ≥ α
        var high = Double.infinity  // F(−high) < α
        var u = abs(expansion).isFinite && abs(expansion) > 0 ? abs(expansion) : 1
        for _ in 0..<200 {
            let (tail, middle) = studentTTailAndCentre(-u, nu)
            if tail > alpha { low = u } else if tail < alpha { high = u } else { break }
            let ratio = u * u / nu
            let logDensity = logNormaliser
                - (nu + 1) / 2 * (ratio.isFinite ? log1p(ratio) : 2 * log(u / nu.squareRoot()))
            // Newton: d/du ln F(−u) = −f(u)/F(−u); d/du P(0 < T < u) = f(u).
            var next = inTail
                ? u + (log(tail) - logAlpha) * tail / exp(logDensity)
                : u - (middle - central) / exp(logDensity)
            if !(next > low && next < high) || !next.isFinite {
                if high == .infinity {
                    next = max(2 * u, 2 * low)
                } else if low > 0 && high / low > 8 {
                    next = (low * high).squareRoot()
                } else {
                    next = 0.5 * (low + high)
                }
            }
            let converged = abs(next - u) <= 4 * Double.ulpOfOne * u
            u = next
            if converged { break }
        }
        return p < 0.5 ? -u : u
    }

    /// For t ≤ 0: (F_ν(t), ½ − F_ν(t) = P(t < T < 0)), each computed directly, so each keeps its
    /// relative accuracy where it is small: by the incomplete beta function (`½ I_x(ν/2, ½)` and
    /// `½ I_{1−x}(½, ν/2)`, x = ν/(ν + t²)), or for large ν by the expansion of
    /// ``studentTCDF(_:degreesOfFreedom:)`` (tail `Φ(t) + φ(t)C(|t|)`, centre `½erf(|t|/√2) − φ(t)C(|t|)`).
    @usableFromInline
    static func studentTTailAndCentre(_ t: Double, _ nu: Double) -> (tail: Double, centre: Double) {
        if t == 0 { return (0.5, 0) }
        let u = -t
        let u2 = u * u
        if nu >= 1e4 && (u2 * u2 <= 1e-3 * nu || nu >= 1e8) {
            let density = exp(-0.5 * u2) / (2 * Double.pi).squareRoot()
            let first = u * (u2 + 1) / (4 * nu)
            let second = u * (u2 - 3) * ((3 * u2 + 2) * u2 + 1) / (96 * nu * nu)
            let third = u * (((((u2 - 11) * u2 + 14) * u2 + 6) * u2 - 3) * u2 - 15) / (384 * nu * nu * nu)
            let correction = density * (first + second + third)
            return (normalCDF(t) + correction, 0.5 * erf(u * 0.707_106_781_186_547_524_4) - correction)
        }
        // r = t²/ν computed without overflow; x = ν/(ν + t²) = 1/(1 + r), y = 1 − x = r/(1 + r).
        let scaled = t / nu.squareRoot()
        let r = scaled * scaled
        let x: Double, y: Double
        if r.isInfinite {
            x = 0
            y = 1
        } else {
            x = 1 / (1 + r)
            y = r / (1 + r)
        }
        if x == 0 {
            // ½ I_x(ν/2, ½) ≈ x^{ν/2} / (ν B(ν/2, ½)) with ln x = −ln r = −2 ln|t/√ν|.
            let logX = -2 * log(abs(scaled))
            let tail = exp(nu / 2 * logX - log(nu) - logBeta(nu / 2, 0.5))
            return (tail, 0.5 - tail)
        }
        // ln x = −log1p(r) and ln y = ln r − log1p(r) keep their accuracy when r is tiny (large ν).
        let logOnePlusR = log1p(r)
        let pair = incompleteBeta(a: nu / 2, b: 0.5, x: x, y: y, logX: -logOnePlusR, logY: log(r) - logOnePlusR)
        return (0.5 * pair.lower, 0.5 * pair.upper)
    }

    /// A&S 26.7.5: t ≈ z + g₁/ν + g₂/ν² + g₃/ν³ + g₄/ν⁴.
    @usableFromInline
    static func cornishFisherStudentT(_ z: Double, _ nu: Double) -> Double {
        let z2 = z * z
        let g1 = (z2 + 1) * z / 4
        let g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
        let g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
        let g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160
        return z + (g1 + (g2 + (g3 + g4 / nu) / nu) / nu) / nu
    }
}
