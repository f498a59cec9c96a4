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
    /// I_x(a, b) = B(x; a, b) / B(a, b), the regularized incomplete beta function.
    ///
    /// `I_x(a, b) = x^a (1 − x)^b / (a B(a, b)) · 1/(1 + d₁/(1 + d₂/(1 + …)))` with
    /// `d_{2m+1} = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1))`,
    /// `d_{2m} = m (b − m) x / ((a + 2m − 1)(a + 2m))` (A&S 26.5.8), evaluated with the modified
    /// Lentz method; for x > (a + 1)/(a + b + 2) through the symmetry `I_x(a, b) = 1 − I_{1−x}(b, a)`,
    /// where the fraction converges fast (Numerical Recipes, 3rd ed., §6.4).
    ///
    /// I_x(a, b) is the CDF of the Beta(a, b) distribution at x.
    /// - Parameters:
    ///   - a: first shape, a > 0.
    ///   - b: second shape, b > 0.
    ///   - x: the argument in [0, 1].
    /// - Returns: I_x(a, b) in [0, 1]; `.nan` outside the domain.
    /// - Complexity: O(√max(a, b)) iterations in the worst case.
    public static func regularizedBeta(a: Double, b: Double, x: Double) -> Double {
        incompleteBeta(a: a, b: b, x: x, y: 1 - x).lower
    }

    /// (I_x(a, b), 1 − I_x(a, b)) where the caller passes both x and y = 1 − x, so that a y known
    /// more accurately than `1 − x` (the Student t tail, for instance) is used as given, and the
    /// complement is computed directly rather than by subtraction when it is the small one.
    /// `logX` and `logY`, when given, are ln x and ln y computed more accurately than `log(x)`
    /// (for x near 1, ln x = −log1p(·) of the caller's own small quantity).
    @usableFromInline
    static func incompleteBeta(
        a: Double, b: Double, x: Double, y: Double, logX: Double? = nil, logY: Double? = nil
    ) -> (lower: Double, upper: Double) {
        guard a > 0, b > 0, a.isFinite, b.isFinite, x >= 0, x <= 1, y >= 0, y <= 1 else {
            return (.nan, .nan)
        }
        if x == 0 { return (0, 1) }
        if y == 0 { return (1, 0) }
        let logFront = a * (logX ?? log(x)) + b * (logY ?? log(y)) - logBeta(a, b)
        if x < (a + 1) / (a + b + 2) {
            let value = exp(logFront + log(betaContinuedFraction(a: a, b: b, x: x, y: y)) - log(a))
            return (value, 1 - value)
        } else {
            let value = exp(logFront + log(betaContinuedFraction(a: b, b: a, x: y, y: x)) - log(b))
            return (1 - value, value)
        }
    }

    @usableFromInline
    static func betaContinuedFraction(a: Double, b: Double, x: Double, y: Double) -> Double {
        let tiny = 1e-300
        let sum = a + b
        let aPlusOne = a + 1
        let aMinusOne = a - 1
        var c = 1.0
        // 1 − (a + b)x/(a + 1), written with y = 1 − x so that it keeps its accuracy for x near 1.
        var d = (1 - b + sum * y) / aPlusOne
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        let limit = 10_000 + Int(min(20 * max(a, b).squareRoot(), 1e7))
        var m = 1.0
        for _ in 0..<limit {
            let m2 = 2 * m
            var coefficient = m * (b - m) * x / ((aMinusOne + m2) * (a + m2))
            d = 1 + coefficient * d
            if abs(d) < tiny { d = tiny }
            c = 1 + coefficient / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            coefficient = -(a + m) * (sum + m) * x / ((a + m2) * (aPlusOne + m2))
            d = 1 + coefficient * d
            if abs(d) < tiny { d = tiny }
            c = 1 + coefficient / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 0x1p-53 { break }
            m += 1
        }
        return h
    }
}
