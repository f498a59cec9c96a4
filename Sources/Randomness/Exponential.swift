#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(ucrt)
import ucrt
#endif

/// The exponential distribution with density `λ e^{−λx}` on [0, ∞): `E · (1/rate)` with E standard
/// exponential.
///
/// E comes from a 256-layer ziggurat on `exp(−x)` (G. Marsaglia, W. W. Tsang, "The Ziggurat Method
/// for Generating Random Variables", J. Stat. Softw. 5(8), 2000,
/// https://doi.org/10.18637/jss.v005.i08), with the layer (bits 0–7) and a 53-bit abscissa
/// (bits 11–63) taken from disjoint bits of one output (Doornik 2005). The tail beyond
/// r = 7.69711747013104972 is exact by memorylessness: a draw in the tail is r plus a fresh
/// standard exponential. Chosen over inversion (`−ln U`) because the fast path needs no logarithm
/// (about 97.8 % of draws), and the tail is not truncated at −ln 2⁻⁵³ ≈ 36.7.
///
/// - Precondition: `rate` finite and > 0.
@frozen
public struct Exponential: Sampler, Sendable, Hashable {
    public let rate: Double
    /// 1/rate, also the scale: draws are `E · mean` (a multiplication is cheaper than a division).
    public let mean: Double

    @inlinable
    public init(rate: Double = 1) {
        precondition(rate.isFinite && rate > 0, "Exponential: rate must be finite and > 0")
        self.rate = rate
        mean = 1 / rate
    }

    @inlinable
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        Exponential.standard(using: &generator) * mean
    }

    /// Fills `buffer` with the values of `buffer.count` calls of ``sample(using:)``, looking the
    /// ziggurat tables up once; the fast path runs in ``fastRun`` (see ``Normal/fill(_:using:)``).
    @inlinable
    public func fill<G: RandomNumberGenerator>(
        _ buffer: UnsafeMutableBufferPointer<Double>, using generator: inout G
    ) {
        let layers = ZigguratTable.exponential.layers
        var index = 0
        while index < buffer.count {
            let run = Exponential.fastRun(generator, layers: layers, buffer: buffer, from: index, scale: mean)
            index = run.index
            if index < buffer.count {
                let (e, advanced) = Exponential.standardSlowPath(run.generator, layers: layers, bits: run.bits)
                generator = advanced
                buffer[index] = e * mean
                index += 1
            } else {
                generator = run.generator
            }
        }
    }

    /// Fast-path draws into `buffer[start...]` until the end or the first draw outside a layer's
    /// inner rectangle, whose bits it returns at `index`. The generator goes by value so that its
    /// state stays in registers.
    @inlinable
    @inline(never)
    static func fastRun<G: RandomNumberGenerator>(
        _ initialGenerator: G, layers: ZigguratLayers, buffer: UnsafeMutableBufferPointer<Double>, from start: Int,
        scale: Double
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
            buffer[index] = Double(Int64(truncatingIfNeeded: j)) * layer.width * scale
            index += 1
        }
        return (generator, index, 0)
    }

    /// One standard exponential draw (rate 1).
    @inlinable
    @inline(__always)
    public static func standard<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        standard(using: &generator, layers: ZigguratTable.exponential.layers)
    }

    @inlinable
    @inline(__always)
    static func standard<G: RandomNumberGenerator>(using generator: inout G, layers: ZigguratLayers) -> Double {
        let bits = generator.next()
        let layer = layers[Int(truncatingIfNeeded: bits & 0xFF)]
        let j = bits &>> 11
        if j < layer.threshold {
            return Double(Int64(truncatingIfNeeded: j)) * layer.width
        }
        let (e, advanced) = standardSlowPath(generator, layers: layers, bits: bits)
        generator = advanced
        return e
    }

    /// The wedges and the tail (≈ 2.2 % of draws), out of line; the generator goes by value.
    @inlinable
    @inline(never)
    static func standardSlowPath<G: RandomNumberGenerator>(
        _ initialGenerator: G, layers: ZigguratLayers, bits initialBits: UInt64
    ) -> (Double, G) {
        var generator = initialGenerator
        var bits = initialBits
        var offset = 0.0
        while true {
            let index = Int(truncatingIfNeeded: bits & 0xFF)
            let layer = layers[index]
            let j = bits &>> 11
            let x = Double(Int64(truncatingIfNeeded: j)) * layer.width
            if j < layer.threshold {
                return (offset + x, generator)
            }
            if index == 0 {
                // In the tail: E − r given E > r is again standard exponential.
                offset += layers.tailStart
            } else {
                let lower = layers.density(at: index)
                let upper = layers.density(at: index + 1)
                if lower + generator.nextUniform() * (upper - lower) < exp(-x) {
                    return (offset + x, generator)
                }
            }
            bits = generator.next()
        }
    }
}
