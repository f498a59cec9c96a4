import Foundation

/// The floating-point types a network is trained in: `Float` (the default, twice the SIMD width) or
/// `Double`. Generic code over it is specialised inside this module, once per type, from the
/// non-generic entry points (``MLPClassifier``): no dynamic dispatch in the training loops.
public protocol NetworkScalar: BinaryFloatingPoint, SIMDScalar, Sendable, Codable {
    /// eˣ.
    static func exponential(_ x: Self) -> Self
    /// ln x.
    static func logarithm(_ x: Self) -> Self
}

extension Float: NetworkScalar {
    @inlinable @inline(__always)
    public static func exponential(_ x: Float) -> Float { Foundation.exp(x) }
    @inlinable @inline(__always)
    public static func logarithm(_ x: Float) -> Float { Foundation.log(x) }
}

extension Double: NetworkScalar {
    @inlinable @inline(__always)
    public static func exponential(_ x: Double) -> Double { Foundation.exp(x) }
    @inlinable @inline(__always)
    public static func logarithm(_ x: Double) -> Double { Foundation.log(x) }
}

/// The precision a network is trained and evaluated in (spec key `precision`).
public enum NetworkPrecision: String, Sendable, CaseIterable, Equatable {
    case float32
    case float64
}
