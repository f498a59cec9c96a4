#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(ucrt)
import ucrt
#endif

/// The normal distribution N(μ, σ²): `mean + standardDeviation · Z` with Z standard normal.
///
/// Z comes from a 256-layer ziggurat (G. Marsaglia, W. W. Tsang, "The Ziggurat Method for
/// Generating Random Variables", J. Stat. Softw. 5(8), 2000, https://doi.org/10.18637/jss.v005.i08)
/// built on the symmetric half density `exp(−x²/2)`:
///
/// - one 64-bit output gives the layer (bits 0–7), the sign (bit 8) and a 53-bit integer j
///   (bits 11–63); these bits are disjoint, following J. A. Doornik, "An Improved Ziggurat Method to
///   Generate Normal Random Samples" (Nuffield College, Oxford, 2005), so layer and abscissa are
///   independent and the abscissa has 53-bit resolution;
/// - `|Z| = j · x_i / 2⁵³` is accepted at once in the layer's inner rectangle (≈ 98.5 % of draws);
/// - otherwise the wedge is tested against `exp(−x²/2)` with a fresh uniform, and the base layer
///   falls back to the exact tail beyond r = 3.6541528853610088 by G. Marsaglia's method ("Generating
///   a variable from the tail of the normal distribution", Technometrics 6(1), 1964,
///   https://doi.org/10.1080/00401706.1964.10490150): repeat `x = −ln(U₁)/r`, `y = −ln(U₂)` until
///   `2y > x²`, return `r + x`.
///
/// The sampler is exact up to floating-point rounding: every step accepts with exactly the
/// probability the target density asks for; the tails are the true normal tails out to about 13.7 σ
/// (the largest value `−ln U` reaches with 53-bit uniforms).
///
/// - Precondition: `mean` finite, `standardDeviation` finite and ≥ 0 (0 gives the constant `mean`).
@frozen
public struct Normal: Sampler, Sendable, Hashable {
    public let mean: Double
    public let standardDeviation: Double

    @inlinable
    public init(mean: Double = 0, standardDeviation: Double = 1) {
        precondition(mean.isFinite, "Normal: mean must be finite")
        precondition(standardDeviation.isFinite && standardDeviation >= 0,
                     "Normal: standardDeviation must be finite and ≥ 0")
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    public var variance: Double { standardDeviation * standardDeviation }

    /// One draw `mean + standardDeviation · Z`.
    @inlinable
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        mean + standardDeviation * Normal.standard(using: &generator)
    }

    /// Fills `buffer` with `mean + standardDeviation · Zₖ`; the same values, in the same order, as
    /// `buffer.count` calls of ``sample(using:)``, but the ziggurat tables are looked up once per call.
    @inlinable
    public func fill<G: RandomNumberGenerator>(
        _ buffer: UnsafeMutableBufferPointer<Double>, using generator: inout G
    ) {
        let layers = ZigguratTable.normal.layers
        var index = 0
        while index < buffer.count {
            let run = Normal.fastRun(generator, layers: layers, buffer: buffer, from: index,
                                     mean: mean, standardDeviation: standardDeviation)
            index = run.index
            if index < buffer.count {
                let (z, advanced) = Normal.standardSlowPath(run.generator, layers: layers, bits: run.bits)
                generator = advanced
                buffer[index] = mean + standardDeviation * z
                index += 1
            } else {
                generator = run.generator
            }
        }
    }

    /// Fast-path draws into `buffer[start...]` until the end or the first draw outside a layer's
    /// inner rectangle (≈ 1.5 %), whose bits it returns at `index` for the slow path.
    ///
    /// A function of its own that takes and returns the generator by value: its state is a private
    /// copy the optimiser keeps in registers, where an `inout` in the caller's loop would be stored
    /// back to memory after every draw (the compiler cannot tell it from the output buffer).
    @inlinable
    @inline(never)
    static func fastRun<G: RandomNumberGenerator>(
        _ initialGenerator: G, layers: ZigguratLayers, buffer: UnsafeMutableBufferPointer<Double>, from start: Int,
        mean: Double, standardDeviation: Double
    ) -> (generator: G, index: Int, bits: UInt64) {
        var generator = initialGenerator
        var index = start
        while index < buffer.count {
            let bits = generator.next()
            let layer = layers[Int(truncatingIfNeeded: bits & 0xFF)]
            let j = bits &>> 11
            if j >= layer.threshold {
                return (generator, index, bits)
            }
            let magnitude = Double(Int64(truncatingIfNeeded: j)) * layer.width
            buffer[index] = mean + standardDeviation * Double(bitPattern: magnitude.bitPattern | ((bits & 0x100) &<< 55))
            index += 1
        }
        return (generator, index, 0)
    }

    /// One standard normal draw Z ~ N(0, 1): the hot path.
    @inlinable
    @inline(__always)
    public static func standard<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        standard(using: &generator, layers: ZigguratTable.normal.layers)
    }

    @inlinable
    @inline(__always)
    static func standard<G: RandomNumberGenerator>(using generator: inout G, layers: ZigguratLayers) -> Double {
        let bits = generator.next()
        let layer = layers[Int(truncatingIfNeeded: bits & 0xFF)]
        let j = bits &>> 11
        if j < layer.threshold {
            // j < 2⁵³, so the signed conversion is exact and cheaper than the unsigned one.
            let magnitude = Double(Int64(truncatingIfNeeded: j)) * layer.width
            return Double(bitPattern: magnitude.bitPattern | ((bits & 0x100) &<< 55))
        }
        let (z, advanced) = standardSlowPath(generator, layers: layers, bits: bits)
        generator = advanced
        return z
    }

    /// The wedges and the tail, about 1.5 % of draws; kept out of line so the fast path stays small.
    /// The generator goes in and out by value: an `inout` would take its address and keep the
    /// state in memory throughout the caller's loop.
    @inlinable
    @inline(never)
    static func standardSlowPath<G: RandomNumberGenerator>(
        _ initialGenerator: G, layers: ZigguratLayers, bits initialBits: UInt64
    ) -> (Double, G) {
        var generator = initialGenerator
        var bits = initialBits
        while true {
            let index = Int(truncatingIfNeeded: bits & 0xFF)
            let layer = layers[index]
            let j = bits &>> 11
            let negative = bits & 0x100 != 0
            var magnitude = Double(Int64(truncatingIfNeeded: j)) * layer.width
            if j < layer.threshold {
                return (negative ? -magnitude : magnitude, generator)
            }
            if index == 0 {
                let r = layers.tailStart
                var x: Double
                var y: Double
                repeat {
                    x = -log(generator.nextOpenUniform()) / r
                    y = -log(generator.nextOpenUniform())
                } while y + y <= x * x
                magnitude = r + x
                return (negative ? -magnitude : magnitude, generator)
            }
            let lower = layers.density(at: index)
            let upper = layers.density(at: index + 1)
            if lower + generator.nextUniform() * (upper - lower) < exp(-0.5 * magnitude * magnitude) {
                return (negative ? -magnitude : magnitude, generator)
            }
            bits = generator.next()
        }
    }
}
