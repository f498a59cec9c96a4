#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(ucrt)
import ucrt
#endif

/// ln k! and the Stirling correction, accurate to a few ulps of the result for every k ≥ 0.
///
/// `stirlingCorrection(k) = ln k! − [(k + ½) ln(k + 1) − (k + 1) + ½ ln 2π]`, the function `fc` of
/// Hörmann's BTRD (1993). For k ≥ 16 it is the Stirling series of ln Γ(k + 2) − ln(k + 1) in
/// z = k + 1: `1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷)`, whose truncation error is below
/// `1/(1188 z⁹) < 1e-14`; below 16 it is computed from exact factorials (k! < 2⁵³ for k ≤ 18).
@usableFromInline
enum LogFactorial {
    /// ½ ln 2π.
    @usableFromInline
    static let halfLogTwoPi: Double = 0.918_938_533_204_672_741_78

    /// stirlingCorrection(k) for k = 0 … 15, from exact factorials.
    @usableFromInline
    static let smallStirlingCorrections: [Double] = (0..<16).map { k in
        var factorial = 1.0
        var i = 2.0
        while i <= Double(k) {
            factorial *= i
            i += 1
        }
        let x = Double(k)
        return log(factorial) - ((x + 0.5) * log(x + 1) - (x + 1) + halfLogTwoPi)
    }

    @inlinable
    static func stirlingCorrection(_ k: Double) -> Double {
        if k < 16 { return smallStirlingCorrections[Int(k)] }
        let z = k + 1
        let z2 = 1 / (z * z)
        return (1.0 / 12 - z2 * (1.0 / 360 - z2 * (1.0 / 1260 - z2 / 1680))) / z
    }

    /// ln k! for an integer-valued k ≥ 0.
    @inlinable
    static func logFactorial(_ k: Double) -> Double {
        if k < 16 {
            var factorial = 1.0
            var i = 2.0
            while i <= k {
                factorial *= i
                i += 1
            }
            return log(factorial)
        }
        return (k + 0.5) * log(k + 1) - (k + 1) + halfLogTwoPi + stirlingCorrection(k)
    }
}
