#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One exact Binomial(n, p) draw for parameters that change at every call: the conditional
/// binomials of a multinomial draw (``Multinomial`` and the discrete families' count draws), where
/// each (remaining count, conditional probability) pair is used once.
///
/// The algorithms are those of the ``Binomial`` sampler — inversion by sequential search from 0
/// when n·min(p, 1 − p) < 10, otherwise BTRD (W. Hörmann, "The generation of binomial random
/// variates", J. Stat. Comput. Simul. 46(1–2), 1993, https://doi.org/10.1080/00949659308811496) —
/// with the setup ordered for a single draw: the sampler precomputes every constant for repeated
/// draws, including the three logarithms of BTRD's final test, which a draw needs only when the
/// cheap tests fail (≈ 5% of draws). Here the constants of BTRD's accepting centre are computed
/// first (one square root, one division) and the rest only on the path that needs them. The
/// Wright–Fisher benchmark spends most of its time here: this halves the cost per category against
/// building a ``Binomial`` per draw. Same distribution, checked against the exact probabilities by
/// the tests.
extension Binomial {
    /// One draw of Binomial(count, probability) without keeping a sampler.
    /// - Precondition: count ≥ 0, probability in [0, 1].
    @inlinable
    public static func sample<G: RandomNumberGenerator>(count: Int, probability: Double, using generator: inout G) -> Int {
        if count == 0 || probability <= 0 { return 0 }
        if probability >= 1 { return count }
        let mirrored = probability > 0.5
        let p = mirrored ? 1 - probability : probability
        let n = Double(count)
        let x = n * p < 10 ? singleDrawInversion(n: n, p: p, using: &generator) : singleDrawBTRD(n: n, p: p, using: &generator)
        return mirrored ? count - x : x
    }

    /// Sequential search from 0: P(0) = (1 − p)^n, P(k) = P(k − 1)·((n + 1)r/k − r), r = p/(1 − p).
    @inlinable
    static func singleDrawInversion<G: RandomNumberGenerator>(n: Double, p: Double, using generator: inout G) -> Int {
        let r = p / (1 - p)
        let nr = (n + 1) * r
        let probabilityOfZero = exp(n * log1p(-p))
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

    /// BTRD (Hörmann 1993, the names of the paper), p ≤ ½ and np ≥ 10.
    @inlinable
    static func singleDrawBTRD<G: RandomNumberGenerator>(n: Double, p: Double, using generator: inout G) -> Int {
        let q = 1 - p
        let spq = (n * p * q).squareRoot()
        let b = 1.15 + 2.53 * spq
        let a = -0.0873 + 0.0248 * b + 0.01 * p
        let c = n * p + 0.5
        // 1/v_r with v_r = 0.92 − 4.2/b: the tests on v become tests on w = v/v_r, one division
        // fewer per draw.
        let inverseVr = b / (0.92 * b - 4.2)
        // The rest of the constants, on first need; h (a logarithm and two Stirling corrections)
        // only for the final test.
        var prepared = false
        var alpha = 0.0, m = 0.0, r = 0.0, npq = 0.0
        var h = Double.nan
        while true {
            // Step 1: the centre of the hat, accepted at once.
            var v = generator.nextUniform()
            let w = v * inverseVr
            var u: Double
            if w <= 0.86 {
                u = w - 0.43
                // Positive here (c ≥ 10.5 outweighs the most negative (2a/0.07 + b)·0.43), so
                // truncation is the floor.
                return Int((2 * a / (0.5 - abs(u)) + b) * u + c)
            }
            if !prepared {
                prepared = true
                alpha = (2.83 + 5.1 / b) * spq
                m = ((n + 1) * p).rounded(.down)
                r = p / q
                npq = n * p * q
            }
            // Step 2: a point under the hat outside the centre.
            if w >= 1 {
                u = generator.nextUniform() - 0.5
            } else {
                u = w - 0.93
                u = (u < 0 ? -0.5 : 0.5) - u
                v = generator.nextUniform() / inverseVr
            }
            // Step 3: its candidate k and the acceptance test.
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + c).rounded(.down)
            if k < 0 || k > n { continue }
            v = v * alpha / (a / (us * us) + b)
            let km = abs(k - m)
            if km == 0 {
                if v <= 1 { return Int(k) }
                continue
            }
            if km <= 15 {
                // 3.1: P(k)/P(m) = ∏ (n + 1 − i)r/i over i between m and k (the recurrence
                // P(i)/P(i − 1) = (n + 1 − i)r/i), as one ratio of two products of at most 15
                // factors: one division instead of fifteen.
                var numerator = 1.0, denominator = 1.0
                var i = min(m, k)
                let upper = max(m, k)
                repeat {
                    i += 1
                    numerator *= (n + 1 - i) * r
                    denominator *= i
                } while i < upper
                let ratio = numerator / denominator
                if m < k ? v <= ratio : v * ratio <= 1 { return Int(k) }
                continue
            }
            // 3.2: squeeze on ln(P(k)/P(m)) from the normal approximation.
            v = log(v)
            let rho = (km / npq) * (((km / 3 + 0.625) * km + 1.0 / 6.0) / npq + 0.5)
            let t = -km * km / (2 * npq)
            if v < t - rho { return Int(k) }
            if v > t + rho { continue }
            // 3.3–3.4: the exact test.
            if h.isNaN {
                h = (m + 0.5) * log((m + 1) / (r * (n - m + 1))) + LogFactorial.stirlingCorrection(m) + LogFactorial.stirlingCorrection(n - m)
            }
            let nm = n - m + 1
            let nk = n - k + 1
            let bound = h + (n + 1) * log(nm / nk) + (k + 0.5) * log(nk * r / (k + 1))
                - LogFactorial.stirlingCorrection(k) - LogFactorial.stirlingCorrection(n - k)
            if v <= bound { return Int(k) }
        }
    }
}
