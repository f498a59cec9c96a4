#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(ucrt)
import ucrt
#endif

/// The Poisson distribution with mean μ: `P(k) = e^{−μ} μ^k / k!`, k = 0, 1, 2, ….
///
/// Exact (up to floating-point rounding of the acceptance tests) for every μ:
///
/// - μ = 0 returns 0;
/// - μ < 10: inversion by sequential search from 0, `P(0) = e^{−μ}`, `P(k) = P(k − 1) μ/k`;
///   O(1 + μ) expected steps;
/// - μ ≥ 10: PTRS, transformed rejection with squeeze, from W. Hörmann, "The transformed rejection
///   method for generating Poisson random variables", Insurance: Math. Econ. 12(1), 1993,
///   https://doi.org/10.1016/0167-6687(93)90997-4. O(1) expected time. Its final test
///   `ln V + ln(1/α) − ln(a/u_s² + b) ≤ −μ + k ln μ − ln k!` is evaluated with the right side
///   rearranged as `k (log1p(δ) − δ) − δ − ½ ln(k + 1) − ½ ln 2π − fc(k)`, δ = (μ − k − 1)/(k + 1),
///   which avoids subtracting two numbers of size μ ln μ (with μ = 10⁷ that difference would lose
///   eight digits).
///
/// - Precondition: `mean` finite and ≥ 0 (and below 2⁶² so that draws fit in an `Int`).
@frozen
public struct Poisson: Sampler, Sendable, Hashable {
    public let mean: Double

    @usableFromInline let useInversion: Bool
    /// Inversion: e^{−μ}.
    @usableFromInline let probabilityOfZero: Double
    // PTRS constants (names of the paper).
    @usableFromInline let a: Double
    @usableFromInline let b: Double
    @usableFromInline let vr: Double
    /// ln(1/α).
    @usableFromInline let logInverseAlpha: Double

    @inlinable
    public init(mean: Double) {
        precondition(mean.isFinite && mean >= 0 && mean < 0x1p62, "Poisson: mean must be finite, ≥ 0 and < 2⁶²")
        self.mean = mean
        useInversion = mean < 10
        if useInversion {
            probabilityOfZero = exp(-mean)
            a = 0; b = 0; vr = 0; logInverseAlpha = 0
        } else {
            probabilityOfZero = 0
            let b = 0.931 + 2.53 * mean.squareRoot()
            self.b = b
            a = -0.059 + 0.02483 * b
            vr = 0.9277 - 3.6224 / (b - 2)
            logInverseAlpha = log(1.1239 + 1.1328 / (b - 3.4))
        }
    }

    public var variance: Double { mean }

    @inlinable
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Int {
        useInversion ? inversion(using: &generator) : ptrs(using: &generator)
    }

    /// One draw of Poisson(mean) without keeping the sampler.
    @inlinable
    public static func sample<G: RandomNumberGenerator>(mean: Double, using generator: inout G) -> Int {
        Poisson(mean: mean).sample(using: &generator)
    }

    @inlinable
    func inversion<G: RandomNumberGenerator>(using generator: inout G) -> Int {
        while true {
            var u = generator.nextUniform()
            var k = 0
            var pk = probabilityOfZero
            // Rounding can leave u beyond the accumulated mass (≈ 10⁻¹⁶); then draw again.
            while pk > 0 {
                if u < pk { return k }
                u -= pk
                k += 1
                pk *= mean / Double(k)
            }
        }
    }

    @inlinable
    func ptrs<G: RandomNumberGenerator>(using generator: inout G) -> Int {
        while true {
            let u = generator.nextUniform() - 0.5
            let v = generator.nextUniform()
            let us = 0.5 - abs(u)
            let kReal = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return Int(kReal) }
            if kReal < 0 || (us < 0.013 && v > us) { continue }
            let lhs = log(v) + logInverseAlpha - log(a / (us * us) + b)
            let delta = (mean - kReal - 1) / (kReal + 1)
            let rhs = kReal * (log1p(delta) - delta) - delta - 0.5 * log(kReal + 1)
                - LogFactorial.halfLogTwoPi - LogFactorial.stirlingCorrection(kReal)
            if lhs <= rhs { return Int(kReal) }
        }
    }
}
