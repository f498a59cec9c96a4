import Foundation

/// The floating-point types a network is trained in: `Float` (the default, twice the SIMD width) or
/// `Double`. Generic code over it is specialised inside this module, once per type, from the
/// non-generic entry points (``MLPClassifier``): no dynamic dispatch in the training loops.
///
/// The two innermost loops — the axpy of the dense layers and the Adam update — are requirements
/// implemented for each type, so that even an unoptimised (debug) build runs them as concrete
/// arithmetic instead of through generic witness calls per element: the tests train real networks.
public protocol NetworkScalar: BinaryFloatingPoint, SIMDScalar, Sendable, Codable {
    /// eˣ.
    static func exponential(_ x: Self) -> Self
    /// ln x.
    static func logarithm(_ x: Self) -> Self
    /// y[0..<n] += a·x[0..<n].
    static func axpy(_ y: UnsafeMutablePointer<Self>, _ a: Self, _ x: UnsafePointer<Self>, _ n: Int)
    /// One Adam step with decoupled weight decay over `count` parameters (see
    /// ``TrainingConfiguration/Optimizer/adam(beta1:beta2:epsilon:)``): `shrink` = 1 − ηλ applies
    /// where `decayed` is true; `correction1` = 1/(1 − β₁ᵗ), `correction2` = 1/(1 − β₂ᵗ).
    static func adamStep(
        parameters: UnsafeMutablePointer<Self>, gradient: UnsafePointer<Self>,
        firstMoment: UnsafeMutablePointer<Self>, secondMoment: UnsafeMutablePointer<Self>,
        decayed: UnsafePointer<Bool>, count: Int, learningRate: Self, shrink: Self,
        beta1: Self, beta2: Self, epsilon: Self, correction1: Self, correction2: Self)
}

extension Float: NetworkScalar {
    @inlinable @inline(__always)
    public static func exponential(_ x: Float) -> Float { Foundation.exp(x) }
    @inlinable @inline(__always)
    public static func logarithm(_ x: Float) -> Float { Foundation.log(x) }

    @inlinable @inline(__always)
    public static func axpy(_ y: UnsafeMutablePointer<Float>, _ a: Float, _ x: UnsafePointer<Float>, _ n: Int) {
        // `while` rather than `for … in 0..<n`: the same code once optimised, and no iterator call per
        // element in a debug build.
        var j = 0
        while j < n {
            y[j] += a * x[j]
            j &+= 1
        }
    }

    @inlinable @inline(__always)
    public static func adamStep(
        parameters theta: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>,
        firstMoment m: UnsafeMutablePointer<Float>, secondMoment v: UnsafeMutablePointer<Float>,
        decayed: UnsafePointer<Bool>, count: Int, learningRate eta: Float, shrink: Float,
        beta1 b1: Float, beta2 b2: Float, epsilon eps: Float, correction1: Float, correction2: Float
    ) {
        var i = 0
        while i < count {
            m[i] = b1 * m[i] + (1 - b1) * g[i]
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
            let step = eta * (m[i] * correction1) / ((v[i] * correction2).squareRoot() + eps)
            theta[i] = (decayed[i] ? theta[i] * shrink : theta[i]) - step
            i &+= 1
        }
    }
}

extension Double: NetworkScalar {
    @inlinable @inline(__always)
    public static func exponential(_ x: Double) -> Double { Foundation.exp(x) }
    @inlinable @inline(__always)
    public static func logarithm(_ x: Double) -> Double { Foundation.log(x) }

    @inlinable @inline(__always)
    public static func axpy(_ y: UnsafeMutablePointer<Double>, _ a: Double, _ x: UnsafePointer<Double>, _ n: Int) {
        // `while` rather than `for … in 0..<n`: the same code once optimised, and no iterator call per
        // element in a debug build.
        var j = 0
        while j < n {
            y[j] += a * x[j]
            j &+= 1
        }
    }

    @inlinable @inline(__always)
    public static func adamStep(
        parameters theta: UnsafeMutablePointer<Double>, gradient g: UnsafePointer<Double>,
        firstMoment m: UnsafeMutablePointer<Double>, secondMoment v: UnsafeMutablePointer<Double>,
        decayed: UnsafePointer<Bool>, count: Int, learningRate eta: Double, shrink: Double,
        beta1 b1: Double, beta2 b2: Double, epsilon eps: Double, correction1: Double, correction2: Double
    ) {
        var i = 0
        while i < count {
            m[i] = b1 * m[i] + (1 - b1) * g[i]
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
            let step = eta * (m[i] * correction1) / ((v[i] * correction2).squareRoot() + eps)
            theta[i] = (decayed[i] ? theta[i] * shrink : theta[i]) - step
            i &+= 1
        }
    }
}

/// The precision a network is trained and evaluated in (spec key `precision`).
public enum NetworkPrecision: String, Sendable, CaseIterable, Equatable {
    case float32
    case float64
}
