#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
import Foundation
#endif

/// Kolmogorov–Smirnov tests: one sample against a continuous CDF, and two samples against each other.
///
/// The statistic is `D = sup_x |F_n(x) − F(x)|` (one sample) or `sup_x |F_a(x) − F_b(x)|` (two
/// samples); the p-value is `P(D ≥ d)` under the null hypothesis that the data come from F (from a
/// common continuous distribution).
public enum KolmogorovSmirnov {
    /// Largest sample size for which ``oneSample(_:cdf:)`` evaluates the exact distribution of D_n;
    /// larger samples use the asymptotic distribution with Stephens' correction.
    public static let exactOneSampleLimit = 2_000

    /// Largest product n·m for which ``twoSample(_:_:)`` counts lattice paths exactly.
    public static let exactTwoSampleLimit = 1_000_000

    /// The one-sample Kolmogorov–Smirnov test of `sample` against the continuous CDF `cdf`.
    ///
    /// Statistic: with x₍₁₎ ≤ … ≤ x₍ₙ₎ the sorted sample,
    /// `D_n = max_i max(i/n − F(x₍ᵢ₎), F(x₍ᵢ₎) − (i − 1)/n)`.
    ///
    /// p-value `P(D_n ≥ d)`:
    /// - n ≤ ``exactOneSampleLimit``: exact. `1 − K(n, d)` with K evaluated by the matrix-power
    ///   algorithm of Marsaglia, Tsang and Wang, "Evaluating Kolmogorov's distribution", Journal of
    ///   Statistical Software 8(18), 2003 (about 13 correct digits of K). In the upper tail, where
    ///   `1 − K` would lose relative accuracy, it is `2 P(D_n⁺ ≥ d)` with the one-sided probability from
    ///   the exact Smirnov–Birnbaum–Tingey sum
    ///   `P(D_n⁺ ≥ d) = d Σ_{j=0}^{⌊n(1−d)⌋} C(n, j) (1 − d − j/n)^{n−j} (d + j/n)^{j−1}`;
    ///   this doubling is exact for d ≥ ½ and, when the result is below 10⁻⁴, off by a relative
    ///   amount of about (p/2)³ < 10⁻¹³ (the probability that both one-sided statistics exceed d).
    ///   Elsewhere `1 − K` has an absolute error of about 10⁻¹⁵, so the p-value has at least 11
    ///   correct digits everywhere.
    /// - larger n: the limiting Kolmogorov distribution at `(√n + 0.12 + 0.11/√n) d` (Stephens 1970,
    ///   "Use of the Kolmogorov–Smirnov, Cramér–von Mises and related statistics without extensive
    ///   tables", JRSS B 32(1)). Measured against the exact law: at n = 2000 at most 3·10⁻³ absolute
    ///   (near p = 0.8) and about 1 % relative at p = 10⁻³, 2 % at p = 2·10⁻⁵; at n = 10⁴ half that.
    ///   Good enough to accept or reject, not to quote many digits.
    ///
    /// - Parameters:
    ///   - sample: the observations; must not be empty. A NaN anywhere gives `(nan, nan)`.
    ///     ±∞ are allowed (F(−∞) = 0, F(+∞) = 1 is expected of `cdf`).
    ///   - cdf: the hypothesised continuous CDF.
    /// - Returns: the statistic D_n and the p-value.
    /// - Complexity: O(n log n) for the statistic; the exact p-value costs O(m³ log n) with
    ///   m = 2⌈nd⌉ − 1 (m is about 5√n for moderate p-values), or O(n) in the tail.
    public static func oneSample(
        _ sample: [Double], cdf: (Double) -> Double
    ) -> (statistic: Double, pValue: Double) {
        precondition(!sample.isEmpty, "KolmogorovSmirnov.oneSample: empty sample")
        if sample.contains(where: { $0.isNaN }) { return (.nan, .nan) }
        let sorted = sample.sorted()
        let n = Double(sorted.count)
        var statistic = 0.0
        for (index, x) in sorted.enumerated() {
            let f = cdf(x)
            if f.isNaN { return (.nan, .nan) }
            let i = Double(index)
            statistic = max(statistic, (i + 1) / n - f, f - i / n)
        }
        return (statistic, survival(statistic, sampleSize: sorted.count))
    }

    /// The two-sample Kolmogorov–Smirnov test: do `a` and `b` come from the same continuous
    /// distribution?
    ///
    /// Statistic `D = max_x |F_a(x) − F_b(x)|` over the pooled values (ties are stepped through
    /// together), computed exactly as the integer `max |i·m − j·n|` divided by n·m.
    ///
    /// p-value `P(D ≥ d)`:
    /// - n·m ≤ ``exactTwoSampleLimit``: exact under the null with no ties, by counting the lattice
    ///   paths from (0, 0) to (n, m) that stay strictly inside `|i/n − j/m| < d` (Hodges 1957,
    ///   "The significance probability of the Smirnov two-sample test", Ark. Mat. 3(5)); paths are
    ///   weighted by 1/C(i + j, i) as they are counted, so nothing overflows. With ties the test is
    ///   conservative.
    /// - otherwise: the limiting Kolmogorov distribution at `(√e + 0.12 + 0.11/√e) d`,
    ///   e = n·m/(n + m) (Stephens 1970).
    ///
    /// - Parameters:
    ///   - a: first sample, not empty.
    ///   - b: second sample, not empty.
    /// - Returns: the statistic D and the p-value; `(nan, nan)` if either sample contains NaN.
    /// - Complexity: O((n + m) log(n + m)) for the statistic, O(n·m) for the exact p-value.
    public static func twoSample(_ a: [Double], _ b: [Double]) -> (statistic: Double, pValue: Double) {
        precondition(!a.isEmpty && !b.isEmpty, "KolmogorovSmirnov.twoSample: empty sample")
        if a.contains(where: { $0.isNaN }) || b.contains(where: { $0.isNaN }) { return (.nan, .nan) }
        let x = a.sorted(), y = b.sorted()
        let n = x.count, m = y.count
        var i = 0, j = 0
        var largest = 0  // max |i·m − j·n|
        while i < n || j < m {
            let value = i < n && (j == m || x[i] <= y[j]) ? x[i] : y[j]
            while i < n && x[i] == value { i += 1 }
            while j < m && y[j] == value { j += 1 }
            largest = max(largest, abs(i * m - j * n))
        }
        let statistic = Double(largest) / (Double(n) * Double(m))
        if largest == 0 { return (0, 1) }
        if n.multipliedReportingOverflow(by: m).overflow == false && n * m <= exactTwoSampleLimit {
            return (statistic, twoSampleExactSurvival(n: n, m: m, bound: largest))
        }
        let effective = Double(n) * Double(m) / Double(n + m)
        let root = effective.squareRoot()
        return (statistic, limitingSurvival((root + 0.12 + 0.11 / root) * statistic))
    }

    /// P(D_n ≥ d) for the one-sample statistic of a sample of size n from a continuous distribution.
    /// See ``oneSample(_:cdf:)`` for the method.
    /// - Complexity: see ``oneSample(_:cdf:)``.
    public static func survival(_ d: Double, sampleSize n: Int) -> Double {
        precondition(n > 0, "KolmogorovSmirnov.survival: sample size must be positive")
        if d.isNaN { return .nan }
        let nn = Double(n)
        if d <= 0.5 / nn { return 1 }  // D_n ≥ 1/(2n) always
        if d >= 1 { return 0 }
        if n > exactOneSampleLimit {
            let root = nn.squareRoot()
            return limitingSurvival((root + 0.12 + 0.11 / root) * d)
        }
        let tail = 2 * smirnovOneSidedSurvival(d, sampleSize: n)
        if d >= 0.5 || tail < 1e-4 { return min(1, tail) }
        let p = 1 - marsagliaTsangWangCDF(d, sampleSize: n)
        return min(1, max(0, p))
    }

    /// Q_K(λ) = P(K > λ) for the limiting Kolmogorov distribution (of √n D_n as n → ∞):
    /// `Q_K(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}` for λ ≥ 1.18, and
    /// `1 − (√(2π)/λ) Σ_{k≥1} e^{−(2k−1)²π²/(8λ²)}` below, where that series converges fast.
    /// - Complexity: O(1) (a handful of terms).
    public static func limitingSurvival(_ lambda: Double) -> Double {
        if lambda.isNaN { return .nan }
        if lambda <= 0 { return 1 }
        if lambda < 1.18 {
            let factor = -Double.pi * Double.pi / (8 * lambda * lambda)
            var sum = 0.0
            for k in stride(from: 1.0, through: 41.0, by: 2.0) {
                let term = exp(factor * k * k)
                sum += term
                if term < sum * 1e-17 { break }
            }
            return max(0, 1 - (2 * Double.pi).squareRoot() / lambda * sum)
        }
        var sum = 0.0
        var sign = 1.0
        for k in 1...100 {
            let kk = Double(k)
            let term = exp(-2 * kk * kk * lambda * lambda)
            sum += sign * term
            if term < abs(sum) * 1e-17 { break }
            sign = -sign
        }
        return min(1, max(0, 2 * sum))
    }

    /// P(D_n⁺ ≥ d), exact (Birnbaum & Tingey 1951, "One-sided confidence contours for probability
    /// distribution functions", Ann. Math. Statist. 22(4)); all terms positive, summed in log space.
    @usableFromInline
    static func smirnovOneSidedSurvival(_ d: Double, sampleSize n: Int) -> Double {
        if d <= 0 { return 1 }
        if d >= 1 { return 0 }
        let nn = Double(n)
        let last = Int((nn * (1 - d)).rounded(.down))
        var logs = [Double]()
        logs.reserveCapacity(last + 1)
        for j in 0...max(0, last) {
            let jj = Double(j)
            let low = 1 - d - jj / nn
            if low <= 0 { continue }
            let high = d + jj / nn
            logs.append(
                SpecialFunctions.logBinomialCoefficient(n, j) + (nn - jj) * log(low) + (jj - 1) * log(high))
        }
        guard let top = logs.max() else { return 0 }
        var sum = 0.0
        for value in logs { sum += exp(value - top) }
        return min(1, d * exp(top) * sum)
    }

    /// K(n, d) = P(D_n < d) by the Marsaglia–Tsang–Wang matrix power: `K = n!/nⁿ · (H^n)_{kk}` with
    /// k = ⌊nd⌋ + 1, h = k − nd and the (2k−1)×(2k−1) matrix H of their paper.
    @usableFromInline
    static func marsagliaTsangWangCDF(_ d: Double, sampleSize n: Int) -> Double {
        let nd = Double(n) * d
        let k = Int(nd.rounded(.down)) + 1
        let m = 2 * k - 1
        let h = Double(k) - nd
        var matrix = [Double](repeating: 0, count: m * m)
        for i in 0..<m {
            for j in 0..<m where i - j + 1 >= 0 {
                matrix[i * m + j] = 1
            }
        }
        for i in 0..<m {
            matrix[i * m] -= pow(h, Double(i + 1))
            matrix[(m - 1) * m + i] -= pow(h, Double(m - i))
        }
        if 2 * h - 1 > 0 { matrix[(m - 1) * m] += pow(2 * h - 1, Double(m)) }
        for i in 0..<m {
            for j in 0..<m where i - j + 1 > 0 {
                for g in 1...(i - j + 1) { matrix[i * m + j] /= Double(g) }
            }
        }
        let (power, powerExponent) = matrixPower(matrix, size: m, power: n)
        var exponent = powerExponent
        var s = power[(k - 1) * m + k - 1]
        let nn = Double(n)
        for i in 1...n {
            s = s * Double(i) / nn
            if s < 0x1p-465 {
                s *= 0x1p465
                exponent -= 465
            }
        }
        return s * pow(2.0, Double(exponent))
    }

    /// A^p with a binary exponent kept aside (value = result · 2^exponent), squaring recursively.
    @usableFromInline
    static func matrixPower(_ a: [Double], size m: Int, power p: Int) -> ([Double], Int) {
        if p == 1 { return (a, 0) }
        let (half, halfExponent) = matrixPower(a, size: m, power: p / 2)
        var result = multiply(half, half, size: m)
        var exponent = 2 * halfExponent
        if p % 2 == 1 { result = multiply(a, result, size: m) }
        if result[(m / 2) * m + m / 2] > 0x1p465 {
            for index in result.indices { result[index] *= 0x1p-465 }
            exponent += 465
        }
        return (result, exponent)
    }

    @usableFromInline
    static func multiply(_ a: [Double], _ b: [Double], size m: Int) -> [Double] {
        var c = [Double](repeating: 0, count: m * m)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    for i in 0..<m {
                        for k in 0..<m {
                            let aik = a[i * m + k]
                            if aik == 0 { continue }
                            for j in 0..<m { c[i * m + j] += aik * b[k * m + j] }
                        }
                    }
                }
            }
        }
        return c
    }

    /// P(D ≥ bound/(n·m)) for the two-sample statistic, by the path count of Hodges (1957).
    @usableFromInline
    static func twoSampleExactSurvival(n: Int, m: Int, bound: Int) -> Double {
        // inside[j] = (number of admissible paths to (i, j)) / C(i + j, i), row by row.
        var inside = [Double](repeating: 0, count: m + 1)
        inside[0] = 1
        for j in 1...m {
            inside[j] = abs(j * n) < bound ? inside[j - 1] : 0
        }
        for i in 1...n {
            inside[0] = abs(i * m) < bound ? inside[0] : 0
            for j in 1...m {
                if abs(i * m - j * n) >= bound {
                    inside[j] = 0
                } else {
                    let total = Double(i + j)
                    inside[j] = inside[j] * (Double(i) / total) + inside[j - 1] * (Double(j) / total)
                }
            }
        }
        return min(1, max(0, 1 - inside[m]))
    }
}
