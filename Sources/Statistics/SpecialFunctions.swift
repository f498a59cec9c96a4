#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
import Foundation
#endif

/// Special functions behind the distributions and tests of this target: log-gamma, digamma, the
/// regularized incomplete gamma and beta functions, the normal CDF and quantile, log-factorials and
/// log-binomial coefficients.
///
/// Conventions: arguments outside a function's domain return `.nan` (as libm does) instead of
/// trapping, because the simulation records degenerate states as data (DESIGN.md). Every function
/// is a pure function of its arguments and thread-safe.
public enum SpecialFunctions {}

// MARK: - Gamma function family

extension SpecialFunctions {
    /// ln |Γ(x)|, the logarithm of the absolute value of the gamma function.
    ///
    /// Wraps the C library's reentrant `lgamma_r` where it exists (glibc, musl), `lgamma` otherwise;
    /// both are accurate to a few ulps away from the zeros of Γ near x = 1 and x = 2.
    /// Poles (x = 0, −1, −2, …) give `+∞`.
    /// - Complexity: O(1).
    @inlinable
    public static func logGamma(_ x: Double) -> Double {
        #if canImport(Glibc) || canImport(Musl)
        var sign: Int32 = 0
        return lgamma_r(x, &sign)
        #else
        return lgamma(x)
        #endif
    }

    /// ψ(x) = d/dx ln Γ(x), the digamma function.
    ///
    /// For x ≥ 10 the asymptotic series
    /// `ψ(x) = ln x − 1/(2x) − Σ_{k≥1} B_{2k} / (2k x^{2k})`
    /// (Abramowitz & Stegun 6.3.18) truncated after the x⁻¹⁶ term (error below 10⁻¹⁷ relative);
    /// smaller positive x are shifted up with the recurrence `ψ(x) = ψ(x + 1) − 1/x` (A&S 6.3.5);
    /// negative non-integers use the reflection `ψ(x) = ψ(1 − x) − π / tan(π x)` (A&S 6.3.7).
    /// Accurate to about 10⁻¹⁵ relative for x > 0 away from the root x₀ ≈ 1.4616 (where the error
    /// is about 10⁻¹⁶ absolute). Returns `.nan` at the poles x = 0, −1, −2, … and for NaN.
    /// - Complexity: O(1) (at most 10 recurrence steps plus the series).
    public static func digamma(_ x: Double) -> Double {
        if x.isNaN || x == -.infinity { return .nan }
        if x == .infinity { return .infinity }
        if x <= 0 {
            if x == x.rounded(.down) { return .nan }
            // Reflection; tan(πx) is taken on the reduced argument so that it stays accurate.
            let reduced = x - x.rounded(.down)  // in (0, 1)
            return digamma(1 - x) - Double.pi / tan(Double.pi * reduced)
        }
        var value = x
        var shift = 0.0
        while value < 10 {
            shift += 1 / value
            value += 1
        }
        let inverse = 1 / value
        let inverseSquared = inverse * inverse
        // Bernoulli terms B_{2k}/(2k): 1/12, −1/120, 1/252, −1/240, 1/132, −691/32760, 1/12, −3617/8160.
        var series = -3617.0 / 8160.0
        series = series * inverseSquared + 1.0 / 12.0
        series = series * inverseSquared - 691.0 / 32760.0
        series = series * inverseSquared + 1.0 / 132.0
        series = series * inverseSquared - 1.0 / 240.0
        series = series * inverseSquared + 1.0 / 252.0
        series = series * inverseSquared - 1.0 / 120.0
        series = series * inverseSquared + 1.0 / 12.0
        series *= inverseSquared
        return log(value) - 0.5 * inverse - series - shift
    }

    /// P(a, x) = γ(a, x) / Γ(a), the regularized lower incomplete gamma function.
    ///
    /// `P(a, x) = x^a e^{−x} / Γ(a+1) · Σ_{n≥0} x^n / ((a+1)(a+2)…(a+n))` for x < a + 1 (A&S 6.5.29),
    /// and `1 − Q(a, x)` with Q from the continued fraction otherwise (see ``regularizedGammaQ(_:_:)``),
    /// the split of Numerical Recipes (Press et al., 3rd ed., §6.2). The prefactor x^a e^{−x}/Γ(a) is
    /// computed for a ≥ 10 as `exp(−a·(t − log1p t)) · √(a/2π) · e^{−stirlerr(a)}` with t = (x − a)/a,
    /// which avoids the cancellation of `a ln x − x − ln Γ(a)` when a is large.
    ///
    /// P(a, x) is the CDF of the gamma distribution with shape a and unit scale at x, and
    /// P(k/2, x/2) the CDF of χ²_k at x.
    /// - Parameters:
    ///   - a: the shape, a > 0.
    ///   - x: the argument, x ≥ 0 (`+∞` allowed).
    /// - Returns: P(a, x) in [0, 1]; `.nan` outside the domain.
    /// - Complexity: O(√a) iterations near x ≈ a, O(1) far from it.
    public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        guard a > 0, a.isFinite, x >= 0 else { return .nan }
        if x == 0 { return 0 }
        if x == .infinity { return 1 }
        if x < a + 1 {
            return gammaSeries(a, x)
        }
        return 1 - gammaContinuedFraction(a, x)
    }

    /// Q(a, x) = Γ(a, x) / Γ(a) = 1 − P(a, x), the regularized upper incomplete gamma function.
    ///
    /// For x ≥ a + 1, Q is computed directly from the Legendre continued fraction
    /// `Γ(a, x) = e^{−x} x^a · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − 2·(2 − a)/(x + 5 − a − …)))`
    /// (A&S 6.5.31) evaluated with the modified Lentz method (Lentz 1976; Thompson & Barnett 1986),
    /// so small upper-tail probabilities (chi-square p-values) keep full relative accuracy, down to
    /// the underflow threshold. For x < a + 1, Q = 1 − P with P from the series.
    /// - Parameters:
    ///   - a: the shape, a > 0.
    ///   - x: the argument, x ≥ 0 (`+∞` allowed).
    /// - Returns: Q(a, x) in [0, 1]; `.nan` outside the domain.
    /// - Complexity: O(√a) iterations near x ≈ a, O(1) far from it.
    public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        guard a > 0, a.isFinite, x >= 0 else { return .nan }
        if x == 0 { return 1 }
        if x == .infinity { return 0 }
        if x < a + 1 {
            return 1 - gammaSeries(a, x)
        }
        return gammaContinuedFraction(a, x)
    }

    /// ln n! = ln Γ(n + 1). Exact table for n ≤ 20 (to the last bit of `log`); ``logGamma(_:)``
    /// beyond. Returns `.nan` for n < 0.
    /// - Complexity: O(1).
    public static func logFactorial(_ n: Int) -> Double {
        if n < 0 { return .nan }
        if n <= 20 { return logFactorialTable[n] }
        return logGamma(Double(n) + 1)
    }

    /// ln C(n, k), the logarithm of the binomial coefficient n! / (k! (n − k)!).
    ///
    /// When min(k, n − k) ≤ 30 the sum `Σ_{i=1}^{k} ln((n − k + i)/i)`; otherwise Stirling's form
    /// `ln C(n, k) = −k ln(k/n) − (n − k) log1p(−k/n) + ½ ln(n / (2π k (n − k)))
    ///   + stirlerr(n) − stirlerr(k) − stirlerr(n − k)` (Loader 2000, "Fast and accurate computation
    /// of binomial probabilities"), whose terms do not cancel, so the result keeps relative accuracy
    /// even for n near 2⁵³.
    /// - Returns: ln C(n, k); `−∞` when k < 0 or k > n (the coefficient is 0); `.nan` when n < 0.
    /// - Complexity: O(1) (at most 30 terms).
    public static func logBinomialCoefficient(_ n: Int, _ k: Int) -> Double {
        if n < 0 { return .nan }
        if k < 0 || k > n { return -.infinity }
        let small = min(k, n - k)
        if small == 0 { return 0 }
        if small <= 30 {
            let large = Double(n - small)
            var sum = 0.0
            for i in 1...small {
                let di = Double(i)
                sum += log((large + di) / di)
            }
            return sum
        }
        let nn = Double(n), kk = Double(k), rest = Double(n - k)
        let main = -kk * log(kk / nn) - rest * log1p(-kk / nn)
        let correction = 0.5 * log(nn / (2 * Double.pi * kk * rest))
        return main + correction + stirlingError(nn) - stirlingError(kk) - stirlingError(rest)
    }

    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0.
    ///
    /// When both a, b ≥ 10 it uses Stirling's form, `ln B = ½ ln 2π − ½ ln b + (a − ½) ln(a/(a+b))
    /// + b ln(b/(a+b)) + stirlerr(a) + stirlerr(b) − stirlerr(a+b)`, free of the cancellation of the
    /// three log-gammas.
    /// - Complexity: O(1).
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        guard a > 0, b > 0 else { return .nan }
        if a.isInfinite || b.isInfinite { return -.infinity }
        let small = min(a, b), large = max(a, b)
        if small >= 10 {
            let sum = a + b
            let value = 0.5 * log(2 * Double.pi) - 0.5 * log(large)
                + (small - 0.5) * log(small / sum) + large * log1p(-small / sum)
            return value + stirlingError(small) + stirlingError(large) - stirlingError(sum)
        }
        if large >= 10 {
            // ln Γ(large) − ln Γ(small + large), through Stirling, keeping the difference exact-ish.
            let sum = small + large
            let difference = stirlingError(large) - stirlingError(sum)
                + (large - 0.5) * log1p(-small / sum) - small * log(sum) + small
            return logGamma(small) + difference
        }
        return logGamma(a) + logGamma(b) - logGamma(a + b)
    }
}

// MARK: - Internals

extension SpecialFunctions {
    /// stirlerr(x) = ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π], the remainder of Stirling's formula.
    /// The asymptotic series through x⁻¹³ for x ≥ 10 (error below 10⁻¹⁷), the definition otherwise.
    @usableFromInline
    static func stirlingError(_ x: Double) -> Double {
        if x < 10 {
            return logGamma(x) - ((x - 0.5) * log(x) - x + 0.5 * log(2 * Double.pi))
        }
        let inverse = 1 / x
        let inverseSquared = inverse * inverse
        // B_{2k} / (2k (2k − 1)): 1/12, −1/360, 1/1260, −1/1680, 1/1188, −691/360360, 1/156.
        var series = 1.0 / 156.0
        series = series * inverseSquared - 691.0 / 360360.0
        series = series * inverseSquared + 1.0 / 1188.0
        series = series * inverseSquared - 1.0 / 1680.0
        series = series * inverseSquared + 1.0 / 1260.0
        series = series * inverseSquared - 1.0 / 360.0
        series = series * inverseSquared + 1.0 / 12.0
        return series * inverse
    }

    /// ln(x^a e^{−x} / Γ(a)), the common prefactor of P and Q.
    @usableFromInline
    static func logGammaPrefactor(_ a: Double, _ x: Double) -> Double {
        if a < 10 {
            return a * log(x) - x - logGamma(a)
        }
        let t = (x - a) / a
        // t − log1p(t); for t < −½ log1p(t) = ln x − ln a is taken from logs (t may round to −1).
        let logRatio = t < -0.5 ? log(x) - log(a) : log1p(t)
        return -a * (t - logRatio) + 0.5 * log(a / (2 * Double.pi)) - stirlingError(a)
    }

    @usableFromInline
    static func iterationLimit(_ a: Double) -> Int {
        10_000 + Int(min(20 * a.squareRoot(), 1e7))
    }

    /// P(a, x) by the series; for x < a + 1.
    @usableFromInline
    static func gammaSeries(_ a: Double, _ x: Double) -> Double {
        let logFront = logGammaPrefactor(a, x)
        if logFront < -745.2 { return 0 }
        var denominator = a
        var term = 1 / a
        var sum = term
        for _ in 0..<iterationLimit(a) {
            denominator += 1
            term *= x / denominator
            sum += term
            if abs(term) < abs(sum) * 0x1p-53 { break }
        }
        return min(1, sum * exp(logFront))
    }

    /// Q(a, x) by the continued fraction (modified Lentz); for x ≥ a + 1.
    @usableFromInline
    static func gammaContinuedFraction(_ a: Double, _ x: Double) -> Double {
        let logFront = logGammaPrefactor(a, x)
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 1.0
        for _ in 0..<iterationLimit(a) {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 0x1p-53 { break }
            i += 1
        }
        return min(1, exp(logFront + log(h)))
    }

    @usableFromInline
    static let logFactorialTable: [Double] = {
        var table = [Double](repeating: 0, count: 21)
        var factorial: UInt64 = 1
        for n in 1...20 {
            factorial *= UInt64(n)
            table[n] = log(Double(factorial))  // exact up to 18!; 19! and 20! round by < 1 ulp
        }
        return table
    }()
}
