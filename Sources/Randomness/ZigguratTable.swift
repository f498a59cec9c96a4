#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(ucrt)
import ucrt
#endif

/// The 256 layers of a ziggurat for a monotone decreasing density f on [0, ∞) (Marsaglia & Tsang,
/// "The Ziggurat Method for Generating Random Variables", J. Stat. Softw. 5(8), 2000,
/// https://doi.org/10.18637/jss.v005.i08).
///
/// Construction (unnormalised f with f(0) = 1; r and v the paper's constants for 256 layers):
/// `x₁ = r`, `x_{i+1} = f⁻¹(f(x_i) + v/x_i)` for i = 1 … 254, `x₂₅₆ = 0`, and the base layer is given
/// the virtual width `x₀ = v/f(r)` so that it too has area v: rectangle `[0, r] × [0, f(r)]` plus the
/// tail beyond r. Layer i (0 ≤ i < 256) covers `[0, x_i] × [f(x_i), f(x_{i+1})]`.
///
/// A draw chooses a layer i and an integer j uniform on [0, 2⁵³) from *disjoint* bits of one 64-bit
/// output (Doornik, "An Improved Ziggurat Method to Generate Normal Random Samples", 2005: reusing
/// the layer bits in the uniform correlates them and spoils the tails), forms `x = j · x_i / 2⁵³`, and
/// accepts at once when `j < threshold_i = ⌈2⁵³ x_{i+1} / x_i⌉`, i.e. when x lies in the layer's
/// inner rectangle (98.5 % of draws for the normal, 97.8 % for the exponential). Otherwise the caller does the tail
/// (layer 0) or the wedge test `f(x_i) + U (f(x_{i+1}) − f(x_i)) < f(x)` (other layers).
///
/// The tables are computed once, at first use, and never freed; their memory is immutable after
/// initialisation, which is why the class is `@unchecked Sendable`. Hot loops read them through a
/// ``ZigguratLayers`` (two raw pointers) hoisted out of the loop, so a draw pays no lazy-global check.
@usableFromInline
final class ZigguratTable: @unchecked Sendable {
    @usableFromInline static let layerCount = 256

    @usableFromInline let layers: ZigguratLayers

    /// - Parameters:
    ///   - tailStart: r, the start of the tail (x₁).
    ///   - area: v, the common area of the layers.
    ///   - density: f, decreasing, f(0) = 1.
    ///   - inverseDensity: f⁻¹ on (0, 1].
    init(tailStart r: Double, area v: Double, density f: (Double) -> Double, inverseDensity: (Double) -> Double) {
        let n = ZigguratTable.layerCount
        var x = [Double](repeating: 0, count: n + 1)
        x[0] = v / f(r)
        x[1] = r
        for i in 1..<(n - 1) {
            x[i + 1] = inverseDensity(min(1, f(x[i]) + v / x[i]))
        }
        x[n] = 0

        let layer = UnsafeMutablePointer<ZigguratLayers.Layer>.allocate(capacity: n)
        let density = UnsafeMutablePointer<Double>.allocate(capacity: n + 1)
        for i in 0..<n {
            let ratio = x[i + 1] / x[i]
            layer[i] = ZigguratLayers.Layer(
                threshold: UInt64((ratio * 0x1.0p53).rounded(.up)),
                width: x[i] * 0x1.0p-53
            )
        }
        density[0] = 0  // the base layer has no wedge
        for i in 1..<n { density[i] = f(x[i]) }
        density[n] = 1
        layers = ZigguratLayers(layer: layer, density: density, tailStart: r)
    }

    deinit {
        layers.layer.deallocate()
        layers.density.deallocate()
    }

    /// The standard normal's ziggurat: f(x) = exp(−x²/2), r = 3.6541528853610088 (Marsaglia & Tsang
    /// 2000, 256 layers), v = r f(r) + √(π/2) erfc(r/√2) ≈ 4.928673233974658e-3.
    @usableFromInline
    static let normal: ZigguratTable = {
        let r = 3.654_152_885_361_008_8
        let v = r * exp(-0.5 * r * r) + (Double.pi / 2).squareRoot() * erfc(r / 2.0.squareRoot())
        return ZigguratTable(
            tailStart: r, area: v,
            density: { exp(-0.5 * $0 * $0) },
            inverseDensity: { (-2 * log($0)).squareRoot() }
        )
    }()

    /// The standard exponential's ziggurat: f(x) = exp(−x), r = 7.69711747013104972 (Marsaglia &
    /// Tsang 2000, 256 layers), v = (r + 1) e^{−r} ≈ 3.949659822581556e-3.
    @usableFromInline
    static let exponential: ZigguratTable = {
        let r = 7.697_117_470_131_049_72
        let v = (r + 1) * exp(-r)
        return ZigguratTable(
            tailStart: r, area: v,
            density: { exp(-$0) },
            inverseDensity: { -log($0) }
        )
    }()
}

/// A read-only view of a ``ZigguratTable``: plain pointers, cheap to copy and to hoist out of a loop.
/// Valid for the life of the process (the tables are never freed).
@frozen
@usableFromInline
struct ZigguratLayers {
    /// Layer i's acceptance threshold for j and its scale `x_i / 2⁵³`, adjacent so one load fetches both.
    @frozen
    @usableFromInline
    struct Layer {
        @usableFromInline var threshold: UInt64
        @usableFromInline var width: Double

        @inlinable
        init(threshold: UInt64, width: Double) {
            self.threshold = threshold
            self.width = width
        }
    }

    /// 256 layers.
    @usableFromInline let layer: UnsafeMutablePointer<Layer>
    /// f(x_i) for i = 0 … 256 (f(x₂₅₆) = f(0) = 1; entry 0 unused).
    @usableFromInline let density: UnsafeMutablePointer<Double>
    /// r = x₁.
    @usableFromInline let tailStart: Double

    @inlinable
    init(layer: UnsafeMutablePointer<Layer>, density: UnsafeMutablePointer<Double>, tailStart: Double) {
        self.layer = layer
        self.density = density
        self.tailStart = tailStart
    }

    @inlinable
    @inline(__always)
    subscript(index: Int) -> Layer {
        assert(index >= 0 && index < ZigguratTable.layerCount)
        return layer[index]
    }

    @inlinable
    @inline(__always)
    func density(at index: Int) -> Double {
        assert(index >= 0 && index <= ZigguratTable.layerCount)
        return density[index]
    }
}
