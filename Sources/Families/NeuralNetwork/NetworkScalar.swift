import Foundation

/// The floating-point types a network is trained in: `Float` (the default, twice the SIMD width) or
/// `Double`. Generic code over it is specialised inside this module, once per type, from the
/// non-generic entry points (``MLPClassifier``): no dynamic dispatch in the training loops.
///
/// The inner kernels — the two matrix products of a dense layer and the optimiser steps — are
/// requirements implemented for each type (the same text twice, `Float` with `SIMD8`, `Double` with
/// `SIMD4`), so that they run as concrete arithmetic, never through generic witness tables per
/// element. Each has two forms: register-tiled SIMD (``vectorizedKernels``, the default of optimised
/// builds) and scalar axpy loops that skip zero inputs (the default of debug builds, where SIMD
/// types are not inlined and run an order of magnitude slower than plain scalars). Both are always
/// compiled; the tests check that they agree.
/// Whether the SIMD forms of the kernels run: true in optimised builds, false in debug builds.
public let vectorizedKernels: Bool = {
    #if DEBUG
    return false
    #else
    return true
    #endif
}()

public protocol NetworkScalar: BinaryFloatingPoint, SIMDScalar, Sendable, Codable {
    /// eˣ.
    static func exponential(_ x: Self) -> Self
    /// ln x.
    static func logarithm(_ x: Self) -> Self

    /// out (rows × m) = a (rows × k) · b (k × m) + bias (nil: no bias), all row-major.
    ///
    /// A register tile of 4 rows × one SIMD vector of columns stays in registers over the whole
    /// depth k (Goto & van de Geijn, "Anatomy of high-performance matrix multiplication", ACM TOMS
    /// 34(3), 2008, in its smallest form): each loaded row chunk of b serves 4 rows of a.
    static func multiply(
        _ a: UnsafePointer<Self>, rows: Int, depth k: Int, _ b: UnsafePointer<Self>, columns m: Int,
        bias: UnsafePointer<Self>?, into out: UnsafeMutablePointer<Self>, vectorized: Bool)

    /// c (k × m) += aᵀ · b for a (rows × k) and b (rows × m), row-major: the weight gradient Xᵀδ.
    /// A tile of 4 rows of c × one SIMD vector stays in registers over all rows.
    static func accumulateTransposedProduct(
        _ a: UnsafePointer<Self>, rows: Int, depth k: Int, _ b: UnsafePointer<Self>, columns m: Int,
        into c: UnsafeMutablePointer<Self>, vectorized: Bool)

    /// One Adam step over `count` parameters sharing one decay factor `shrink` = 1 − ηλ (1 for
    /// biases): m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ ← θ·shrink − η·(m·c₁)/(√(v·c₂) + ε), with
    /// c₁ = 1/(1 − β₁ᵗ), c₂ = 1/(1 − β₂ᵗ).
    static func adamStep(
        parameters: UnsafeMutablePointer<Self>, gradient: UnsafePointer<Self>,
        firstMoment: UnsafeMutablePointer<Self>, secondMoment: UnsafeMutablePointer<Self>, count: Int,
        learningRate: Self, shrink: Self, beta1: Self, beta2: Self, epsilon: Self, correction1: Self, correction2: Self,
        vectorized: Bool)

    /// One SGD step with momentum μ and coupled decay λ over `count` parameters:
    /// v ← μv + g + λθ, θ ← θ − ηv.
    static func momentumStep(
        parameters: UnsafeMutablePointer<Self>, gradient: UnsafePointer<Self>, velocity: UnsafeMutablePointer<Self>,
        count: Int, learningRate: Self, momentum: Self, decay: Self)
}

extension Float: NetworkScalar {
    @inlinable @inline(__always)
    public static func exponential(_ x: Float) -> Float { Foundation.exp(x) }
    @inlinable @inline(__always)
    public static func logarithm(_ x: Float) -> Float { Foundation.log(x) }

    public static func multiply(
        _ a: UnsafePointer<Float>, rows: Int, depth k: Int, _ b: UnsafePointer<Float>, columns m: Int,
        bias: UnsafePointer<Float>?, into out: UnsafeMutablePointer<Float>, vectorized: Bool
    ) {
        guard vectorized else {
            // out[r, ·] = b + Σᵢ a[r, i]·W[i, ·], one axpy per non-zero input.
            for r in 0..<rows {
                let o = out + r &* m
                if let bias { o.update(from: bias, count: m) } else { o.update(repeating: 0, count: m) }
                let row = a + r &* k
                var i = 0
                while i < k {
                    let x = row[i]
                    if x != 0 {
                        let w = b + i &* m
                        var j = 0
                        while j < m {
                            o[j] += x * w[j]
                            j &+= 1
                        }
                    }
                    i &+= 1
                }
            }
            return
        }
        typealias V = SIMD8<Float>
        let width = V.scalarCount
        var r = 0
        while r < rows {
            let tile = Swift.min(4, rows &- r)
            let a0 = a + r &* k
            var j = 0
            while j &+ width <= m {
                let start = bias.map { UnsafeRawPointer($0 + j).loadUnaligned(as: V.self) } ?? V()
                var p = UnsafeRawPointer(b + j)
                let stride = m &* MemoryLayout<Float>.stride
                if tile == 4 {
                    var c0 = start, c1 = start, c2 = start, c3 = start
                    let a1 = a0 + k, a2 = a1 + k, a3 = a2 + k
                    var i = 0
                    while i < k {
                        let w = p.loadUnaligned(as: V.self)
                        c0 += a0[i] * w
                        c1 += a1[i] * w
                        c2 += a2[i] * w
                        c3 += a3[i] * w
                        p += stride
                        i &+= 1
                    }
                    let o = UnsafeMutableRawPointer(out + (r &* m &+ j))
                    let rowBytes = m &* MemoryLayout<Float>.stride
                    o.storeBytes(of: c0, as: V.self)
                    (o + rowBytes).storeBytes(of: c1, as: V.self)
                    (o + 2 &* rowBytes).storeBytes(of: c2, as: V.self)
                    (o + 3 &* rowBytes).storeBytes(of: c3, as: V.self)
                } else {
                    for t in 0..<tile {
                        var c = start
                        let row = a0 + t &* k
                        var q = p
                        var i = 0
                        while i < k {
                            c += row[i] * q.loadUnaligned(as: V.self)
                            q += stride
                            i &+= 1
                        }
                        UnsafeMutableRawPointer(out + ((r &+ t) &* m &+ j)).storeBytes(of: c, as: V.self)
                    }
                }
                j &+= width
            }
            // The columns past the last whole vector.
            while j < m {
                for t in 0..<tile {
                    var s: Float = bias?[j] ?? 0
                    let row = a0 + t &* k
                    var i = 0
                    while i < k {
                        s += row[i] * b[i &* m &+ j]
                        i &+= 1
                    }
                    out[(r &+ t) &* m &+ j] = s
                }
                j &+= 1
            }
            r &+= tile
        }
    }

    public static func accumulateTransposedProduct(
        _ a: UnsafePointer<Float>, rows: Int, depth k: Int, _ b: UnsafePointer<Float>, columns m: Int,
        into c: UnsafeMutablePointer<Float>, vectorized: Bool
    ) {
        guard vectorized else {
            // c[i, ·] += Σ_r a[r, i]·b[r, ·], one axpy per non-zero a[r, i].
            for r in 0..<rows {
                let row = a + r &* k
                let d = b + r &* m
                var i = 0
                while i < k {
                    let x = row[i]
                    if x != 0 {
                        let target = c + i &* m
                        var j = 0
                        while j < m {
                            target[j] += x * d[j]
                            j &+= 1
                        }
                    }
                    i &+= 1
                }
            }
            return
        }
        typealias V = SIMD8<Float>
        let width = V.scalarCount
        let rowBytes = m &* MemoryLayout<Float>.stride
        var i = 0
        while i < k {
            let tile = Swift.min(4, k &- i)
            var j = 0
            while j &+ width <= m {
                let target = UnsafeMutableRawPointer(c + (i &* m &+ j))
                if tile == 4 {
                    var c0 = target.loadUnaligned(as: V.self)
                    var c1 = (target + rowBytes).loadUnaligned(as: V.self)
                    var c2 = (target + 2 &* rowBytes).loadUnaligned(as: V.self)
                    var c3 = (target + 3 &* rowBytes).loadUnaligned(as: V.self)
                    var r = 0
                    while r < rows {
                        let v = UnsafeRawPointer(b + (r &* m &+ j)).loadUnaligned(as: V.self)
                        let x = a + (r &* k &+ i)
                        c0 += x[0] * v
                        c1 += x[1] * v
                        c2 += x[2] * v
                        c3 += x[3] * v
                        r &+= 1
                    }
                    target.storeBytes(of: c0, as: V.self)
                    (target + rowBytes).storeBytes(of: c1, as: V.self)
                    (target + 2 &* rowBytes).storeBytes(of: c2, as: V.self)
                    (target + 3 &* rowBytes).storeBytes(of: c3, as: V.self)
                } else {
                    for t in 0..<tile {
                        let slot = target + t &* rowBytes
                        var s = slot.loadUnaligned(as: V.self)
                        var r = 0
                        while r < rows {
                            s += a[r &* k &+ i &+ t] * UnsafeRawPointer(b + (r &* m &+ j)).loadUnaligned(as: V.self)
                            r &+= 1
                        }
                        slot.storeBytes(of: s, as: V.self)
                    }
                }
                j &+= width
            }
            while j < m {
                for t in 0..<tile {
                    var s = c[(i &+ t) &* m &+ j]
                    var r = 0
                    while r < rows {
                        s += a[r &* k &+ i &+ t] * b[r &* m &+ j]
                        r &+= 1
                    }
                    c[(i &+ t) &* m &+ j] = s
                }
                j &+= 1
            }
            i &+= tile
        }
    }

    public static func adamStep(
        parameters theta: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>,
        firstMoment m: UnsafeMutablePointer<Float>, secondMoment v: UnsafeMutablePointer<Float>, count: Int,
        learningRate eta: Float, shrink: Float, beta1 b1: Float, beta2 b2: Float, epsilon eps: Float,
        correction1: Float, correction2: Float, vectorized: Bool
    ) {
        var i = 0
        if vectorized {
            typealias V = SIMD8<Float>
            let width = V.scalarCount
            while i &+ width <= count {
                let gi = UnsafeRawPointer(g + i).loadUnaligned(as: V.self)
                let mi = b1 * UnsafeRawPointer(m + i).loadUnaligned(as: V.self) + (1 - b1) * gi
                let vi = b2 * UnsafeRawPointer(v + i).loadUnaligned(as: V.self) + (1 - b2) * gi * gi
                UnsafeMutableRawPointer(m + i).storeBytes(of: mi, as: V.self)
                UnsafeMutableRawPointer(v + i).storeBytes(of: vi, as: V.self)
                let t = UnsafeRawPointer(theta + i).loadUnaligned(as: V.self)
                let step = eta * (mi * correction1) / ((vi * correction2).squareRoot() + eps)
                UnsafeMutableRawPointer(theta + i).storeBytes(of: t * shrink - step, as: V.self)
                i &+= width
            }
        }
        while i < count {
            let gi = g[i]
            let mi = b1 * m[i] + (1 - b1) * gi
            let vi = b2 * v[i] + (1 - b2) * gi * gi
            m[i] = mi
            v[i] = vi
            theta[i] = theta[i] * shrink - eta * (mi * correction1) / ((vi * correction2).squareRoot() + eps)
            i &+= 1
        }
    }

    public static func momentumStep(
        parameters theta: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>, velocity v: UnsafeMutablePointer<Float>,
        count: Int, learningRate eta: Float, momentum mu: Float, decay: Float
    ) {
        var i = 0
        while i < count {
            let vi = mu * v[i] + g[i] + decay * theta[i]
            v[i] = vi
            theta[i] -= eta * vi
            i &+= 1
        }
    }
}

extension Double: NetworkScalar {
    @inlinable @inline(__always)
    public static func exponential(_ x: Double) -> Double { Foundation.exp(x) }
    @inlinable @inline(__always)
    public static func logarithm(_ x: Double) -> Double { Foundation.log(x) }

    public static func multiply(
        _ a: UnsafePointer<Double>, rows: Int, depth k: Int, _ b: UnsafePointer<Double>, columns m: Int,
        bias: UnsafePointer<Double>?, into out: UnsafeMutablePointer<Double>, vectorized: Bool
    ) {
        guard vectorized else {
            // out[r, ·] = b + Σᵢ a[r, i]·W[i, ·], one axpy per non-zero input.
            for r in 0..<rows {
                let o = out + r &* m
                if let bias { o.update(from: bias, count: m) } else { o.update(repeating: 0, count: m) }
                let row = a + r &* k
                var i = 0
                while i < k {
                    let x = row[i]
                    if x != 0 {
                        let w = b + i &* m
                        var j = 0
                        while j < m {
                            o[j] += x * w[j]
                            j &+= 1
                        }
                    }
                    i &+= 1
                }
            }
            return
        }
        typealias V = SIMD4<Double>
        let width = V.scalarCount
        var r = 0
        while r < rows {
            let tile = Swift.min(4, rows &- r)
            let a0 = a + r &* k
            var j = 0
            while j &+ width <= m {
                let start = bias.map { UnsafeRawPointer($0 + j).loadUnaligned(as: V.self) } ?? V()
                var p = UnsafeRawPointer(b + j)
                let stride = m &* MemoryLayout<Double>.stride
                if tile == 4 {
                    var c0 = start, c1 = start, c2 = start, c3 = start
                    let a1 = a0 + k, a2 = a1 + k, a3 = a2 + k
                    var i = 0
                    while i < k {
                        let w = p.loadUnaligned(as: V.self)
                        c0 += a0[i] * w
                        c1 += a1[i] * w
                        c2 += a2[i] * w
                        c3 += a3[i] * w
                        p += stride
                        i &+= 1
                    }
                    let o = UnsafeMutableRawPointer(out + (r &* m &+ j))
                    let rowBytes = m &* MemoryLayout<Double>.stride
                    o.storeBytes(of: c0, as: V.self)
                    (o + rowBytes).storeBytes(of: c1, as: V.self)
                    (o + 2 &* rowBytes).storeBytes(of: c2, as: V.self)
                    (o + 3 &* rowBytes).storeBytes(of: c3, as: V.self)
                } else {
                    for t in 0..<tile {
                        var c = start
                        let row = a0 + t &* k
                        var q = p
                        var i = 0
                        while i < k {
                            c += row[i] * q.loadUnaligned(as: V.self)
                            q += stride
                            i &+= 1
                        }
                        UnsafeMutableRawPointer(out + ((r &+ t) &* m &+ j)).storeBytes(of: c, as: V.self)
                    }
                }
                j &+= width
            }
            // The columns past the last whole vector.
            while j < m {
                for t in 0..<tile {
                    var s: Double = bias?[j] ?? 0
                    let row = a0 + t &* k
                    var i = 0
                    while i < k {
                        s += row[i] * b[i &* m &+ j]
                        i &+= 1
                    }
                    out[(r &+ t) &* m &+ j] = s
                }
                j &+= 1
            }
            r &+= tile
        }
    }

    public static func accumulateTransposedProduct(
        _ a: UnsafePointer<Double>, rows: Int, depth k: Int, _ b: UnsafePointer<Double>, columns m: Int,
        into c: UnsafeMutablePointer<Double>, vectorized: Bool
    ) {
        guard vectorized else {
            // c[i, ·] += Σ_r a[r, i]·b[r, ·], one axpy per non-zero a[r, i].
            for r in 0..<rows {
                let row = a + r &* k
                let d = b + r &* m
                var i = 0
                while i < k {
                    let x = row[i]
                    if x != 0 {
                        let target = c + i &* m
                        var j = 0
                        while j < m {
                            target[j] += x * d[j]
                            j &+= 1
                        }
                    }
                    i &+= 1
                }
            }
            return
        }
        typealias V = SIMD4<Double>
        let width = V.scalarCount
        let rowBytes = m &* MemoryLayout<Double>.stride
        var i = 0
        while i < k {
            let tile = Swift.min(4, k &- i)
            var j = 0
            while j &+ width <= m {
                let target = UnsafeMutableRawPointer(c + (i &* m &+ j))
                if tile == 4 {
                    var c0 = target.loadUnaligned(as: V.self)
                    var c1 = (target + rowBytes).loadUnaligned(as: V.self)
                    var c2 = (target + 2 &* rowBytes).loadUnaligned(as: V.self)
                    var c3 = (target + 3 &* rowBytes).loadUnaligned(as: V.self)
                    var r = 0
                    while r < rows {
                        let v = UnsafeRawPointer(b + (r &* m &+ j)).loadUnaligned(as: V.self)
                        let x = a + (r &* k &+ i)
                        c0 += x[0] * v
                        c1 += x[1] * v
                        c2 += x[2] * v
                        c3 += x[3] * v
                        r &+= 1
                    }
                    target.storeBytes(of: c0, as: V.self)
                    (target + rowBytes).storeBytes(of: c1, as: V.self)
                    (target + 2 &* rowBytes).storeBytes(of: c2, as: V.self)
                    (target + 3 &* rowBytes).storeBytes(of: c3, as: V.self)
                } else {
                    for t in 0..<tile {
                        let slot = target + t &* rowBytes
                        var s = slot.loadUnaligned(as: V.self)
                        var r = 0
                        while r < rows {
                            s += a[r &* k &+ i &+ t] * UnsafeRawPointer(b + (r &* m &+ j)).loadUnaligned(as: V.self)
                            r &+= 1
                        }
                        slot.storeBytes(of: s, as: V.self)
                    }
                }
                j &+= width
            }
            while j < m {
                for t in 0..<tile {
                    var s = c[(i &+ t) &* m &+ j]
                    var r = 0
                    while r < rows {
                        s += a[r &* k &+ i &+ t] * b[r &* m &+ j]
                        r &+= 1
                    }
                    c[(i &+ t) &* m &+ j] = s
                }
                j &+= 1
            }
            i &+= tile
        }
    }

    public static func adamStep(
        parameters theta: UnsafeMutablePointer<Double>, gradient g: UnsafePointer<Double>,
        firstMoment m: UnsafeMutablePointer<Double>, secondMoment v: UnsafeMutablePointer<Double>, count: Int,
        learningRate eta: Double, shrink: Double, beta1 b1: Double, beta2 b2: Double, epsilon eps: Double,
        correction1: Double, correction2: Double, vectorized: Bool
    ) {
        var i = 0
        if vectorized {
            typealias V = SIMD4<Double>
            let width = V.scalarCount
            while i &+ width <= count {
                let gi = UnsafeRawPointer(g + i).loadUnaligned(as: V.self)
                let mi = b1 * UnsafeRawPointer(m + i).loadUnaligned(as: V.self) + (1 - b1) * gi
                let vi = b2 * UnsafeRawPointer(v + i).loadUnaligned(as: V.self) + (1 - b2) * gi * gi
                UnsafeMutableRawPointer(m + i).storeBytes(of: mi, as: V.self)
                UnsafeMutableRawPointer(v + i).storeBytes(of: vi, as: V.self)
                let t = UnsafeRawPointer(theta + i).loadUnaligned(as: V.self)
                let step = eta * (mi * correction1) / ((vi * correction2).squareRoot() + eps)
                UnsafeMutableRawPointer(theta + i).storeBytes(of: t * shrink - step, as: V.self)
                i &+= width
            }
        }
        while i < count {
            let gi = g[i]
            let mi = b1 * m[i] + (1 - b1) * gi
            let vi = b2 * v[i] + (1 - b2) * gi * gi
            m[i] = mi
            v[i] = vi
            theta[i] = theta[i] * shrink - eta * (mi * correction1) / ((vi * correction2).squareRoot() + eps)
            i &+= 1
        }
    }

    public static func momentumStep(
        parameters theta: UnsafeMutablePointer<Double>, gradient g: UnsafePointer<Double>, velocity v: UnsafeMutablePointer<Double>,
        count: Int, learningRate eta: Double, momentum mu: Double, decay: Double
    ) {
        var i = 0
        while i < count {
            let vi = mu * v[i] + g[i] + decay * theta[i]
            v[i] = vi
            theta[i] -= eta * vi
            i &+= 1
        }
    }
}

/// The precision a network is trained and evaluated in (spec key `precision`).
public enum NetworkPrecision: String, Sendable, CaseIterable, Equatable {
    case float32
    case float64
}
