// TEMPORARY: minimal stand-ins for the Statistics target's API (branch `statistics`, not merged
// yet). Declarations here shadow the imported module's; delete this file after the merge.
import Foundation

enum SpecialFunctions {
    static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
    static func logGamma(_ x: Double) -> Double { lgamma(x) }
    static func logFactorial(_ n: Int) -> Double { lgamma(Double(n) + 1) }
    static func logBinomialCoefficient(_ n: Int, _ k: Int) -> Double {
        if k < 0 || k > n { return -.infinity }
        return lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1)
    }
    static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        if x <= 0 { return 0 }
        if x < a + 1 {
            var sum = 1 / a, term = 1 / a, n = a
            for _ in 0..<10_000 {
                n += 1; term *= x / n; sum += term
                if abs(term) < abs(sum) * 1e-16 { break }
            }
            return exp(-x + a * log(x) - lgamma(a)) * sum
        }
        return 1 - regularizedGammaQ(a, x)
    }
    static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        if x <= 0 { return 1 }
        if x < a + 1 { return 1 - regularizedGammaP(a, x) }
        var b = x + 1 - a, c = 1 / 1e-300, d = 1 / b, h = d
        for i in 1..<10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b; if abs(d) < 1e-300 { d = 1e-300 }
            c = b + an / c; if abs(c) < 1e-300 { c = 1e-300 }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return exp(-x + a * log(x) - lgamma(a)) * h
    }
    static func regularizedBeta(a: Double, b: Double, x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x))
        if x < (a + 1) / (a + b + 2) { return front * betaFraction(a, b, x) / a }
        let back = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + b * log1p(-x) + a * log(x))
        return 1 - back * betaFraction(b, a, 1 - x) / b
    }
    private static func betaFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1..<10_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d; h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }
}

enum KolmogorovSmirnov {
    static func oneSample(_ sample: [Double], cdf: (Double) -> Double) -> (statistic: Double, pValue: Double) {
        let sorted = sample.sorted()
        let n = Double(sorted.count)
        var d = 0.0
        for (i, x) in sorted.enumerated() {
            let f = cdf(x)
            d = max(d, Double(i + 1) / n - f, f - Double(i) / n)
        }
        let lambda = (n.squareRoot() + 0.12 + 0.11 / n.squareRoot()) * d
        var p = 0.0
        for k in 1...100 {
            let term = 2 * (k % 2 == 1 ? 1.0 : -1.0) * exp(-2 * Double(k * k) * lambda * lambda)
            p += term
            if abs(term) < 1e-16 { break }
        }
        return (d, min(1, max(0, p)))
    }
}

enum ChiSquareTest {
    static func goodnessOfFit(observed: [Int], expected: [Double], estimatedParameters: Int = 0)
        -> (statistic: Double, degreesOfFreedom: Int, pValue: Double) {
        var statistic = 0.0, bins = 0
        for (o, e) in zip(observed, expected) {
            if e == 0 { if o == 0 { continue }; statistic = .infinity; bins += 1; continue }
            statistic += (Double(o) - e) * (Double(o) - e) / e
            bins += 1
        }
        let df = bins - 1 - estimatedParameters
        guard df > 0 else { return (statistic, df, .nan) }
        return (statistic, df, SpecialFunctions.regularizedGammaQ(Double(df) / 2, statistic / 2))
    }
    static func pooled(observed: [Int], expected: [Double], minimumExpected: Double = 5) -> (observed: [Int], expected: [Double]) {
        var po: [Int] = [], pe: [Double] = [], o = 0, e = 0.0
        for (c, m) in zip(observed, expected) {
            o += c; e += m
            if e >= minimumExpected { po.append(o); pe.append(e); o = 0; e = 0 }
        }
        if o != 0 || e != 0 || po.isEmpty {
            if po.isEmpty { po.append(o); pe.append(e) } else { po[po.count - 1] += o; pe[pe.count - 1] += e }
        }
        return (po, pe)
    }
}
