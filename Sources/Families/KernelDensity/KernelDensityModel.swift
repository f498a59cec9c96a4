import Foundation
import Randomness
import Statistics

/// A 1-D Gaussian kernel density estimate f̂(x) = Σᵢ mᵢ φ((x − xᵢ)/h)/h over weighted points
/// (Σmᵢ = 1): a mixture of n Gaussians of equal variance h² — the model of the `kde` family
/// (Fu et al., "Towards Theoretical Understandings of Self-Consuming Generative Models", ICML 2024).
///
/// The points come in segments of equal mass (one per training-set part: the synthetic and real
/// parts of a regime), so per-point weights cost nothing and sampling picks a segment by its mass
/// (an alias table over the segments) and then a point uniformly within it.
/// Moments are exact: mean x̄ = Σmᵢxᵢ and variance Σmᵢ(xᵢ − x̄)² + h² (the weighted
/// maximum-likelihood variance of the points plus the kernel's).
public struct KernelDensityModel: Sendable {
    /// A run of points of equal mass: `points[start ..< end]`, start the previous segment's end.
    public struct Segment: Sendable, Equatable {
        public var end: Int
        /// The mass of each point of the segment.
        public var pointMass: Double

        public init(end: Int, pointMass: Double) {
            self.end = end
            self.pointMass = pointMass
        }
    }

    public let points: [Double]
    public let segments: [Segment]
    /// h ≥ 0; 0 is a point-mass model (a collapsed fit).
    public let bandwidth: Double
    /// Σmᵢxᵢ.
    public let mean: Double
    /// Σmᵢ(xᵢ − x̄)², the points' weighted population variance.
    public let pointVariance: Double
    /// Picks a segment by its mass; nil for a single segment.
    @usableFromInline let segmentTable: AliasTable?

    /// - Precondition: at least one point; segment ends increasing up to `points.count`; point
    ///   masses positive with Σ (segment size × point mass) = 1.
    public init(points: [Double], segments: [Segment], bandwidth: Double) {
        precondition(!points.isEmpty && segments.last?.end == points.count)
        self.points = points
        self.segments = segments
        self.bandwidth = bandwidth
        var mean = 0.0, variance = 0.0
        points.withUnsafeBufferPointer { x in
            var start = 0
            for segment in segments {
                mean += segment.pointMass * Self.sum(x, start..<segment.end) { $0 }
                start = segment.end
            }
            start = 0
            let center = mean
            for segment in segments {
                variance += segment.pointMass * Self.sum(x, start..<segment.end) { ($0 - center) * ($0 - center) }
                start = segment.end
            }
        }
        self.mean = mean
        self.pointVariance = variance
        if segments.count > 1 {
            var masses: [Double] = []
            var start = 0
            for segment in segments {
                masses.append(Double(segment.end - start) * segment.pointMass)
                start = segment.end
            }
            segmentTable = AliasTable(weights: masses)
        } else {
            segmentTable = nil
        }
    }

    /// Σ_{i ∈ range} f(xᵢ) with four accumulators (independent add chains).
    @inline(__always)
    static func sum(_ x: UnsafeBufferPointer<Double>, _ range: Range<Int>, _ f: (Double) -> Double) -> Double {
        var a = 0.0, b = 0.0, c = 0.0, d = 0.0
        var i = range.lowerBound
        while i + 4 <= range.upperBound {
            a += f(x[i]); b += f(x[i + 1]); c += f(x[i + 2]); d += f(x[i + 3])
            i += 4
        }
        while i < range.upperBound {
            a += f(x[i])
            i += 1
        }
        return (a + b) + (c + d)
    }

    /// A KDE of equally weighted points.
    public init(points: [Double], bandwidth: Double) {
        self.init(points: points, segments: [Segment(end: points.count, pointMass: 1 / Double(points.count))], bandwidth: bandwidth)
    }

    /// The same points and masses with another bandwidth.
    public func withBandwidth(_ h: Double) -> KernelDensityModel {
        KernelDensityModel(copying: self, bandwidth: h)
    }

    private init(copying other: KernelDensityModel, bandwidth: Double) {
        points = other.points
        segments = other.segments
        mean = other.mean
        pointVariance = other.pointVariance
        segmentTable = other.segmentTable
        self.bandwidth = bandwidth
    }

    /// The mass of point i.
    @inlinable
    public func mass(of i: Int) -> Double {
        var s = 0
        while i >= segments[s].end { s += 1 }
        return segments[s].pointMass
    }

    /// Var f̂ = Σmᵢ(xᵢ − x̄)² + h².
    public var variance: Double { pointVariance + bandwidth * bandwidth }

    /// The model's mass outside [lower, upper]: Σmᵢ[Φ((lower − xᵢ)/h) + Φ((xᵢ − upper)/h)], exact
    /// (each tail through erfc); with h = 0 the mass of the points outside.
    public func tailMass(lower: Double, upper: Double) -> Double {
        var total = 0.0
        var start = 0
        let h = bandwidth
        for segment in segments {
            var sum = 0.0
            for i in start..<segment.end {
                if h > 0 {
                    sum += SpecialFunctions.normalCDF((lower - points[i]) / h)
                        + SpecialFunctions.normalCDF((points[i] - upper) / h)
                } else {
                    sum += points[i] < lower || points[i] > upper ? 1 : 0
                }
            }
            total += segment.pointMass * sum
            start = segment.end
        }
        return total
    }

    /// −(1/m) Σₖ ln f̂(yₖ) over held-out points yₖ: one pass of Σᵢ mᵢ exp(−(y − xᵢ)²/2h²) per point,
    /// and when that underflows (y far from every point) a second, stabilised pass relative to the
    /// nearest point. The kernel sums run four points at a time through ``VectorExponential``.
    /// +∞ when h = 0 (a point-mass model has no density).
    /// - Complexity: O(m·n).
    public func meanNegativeLogLikelihood(_ heldOut: UnsafeBufferPointer<Double>) -> Double {
        guard bandwidth > 0 else { return .infinity }
        guard !heldOut.isEmpty else { return 0 }
        let c = -0.5 / (bandwidth * bandwidth)
        let logNormalizer = log(bandwidth) + 0.5 * log(2 * Double.pi)
        var total = 0.0
        points.withUnsafeBufferPointer { x in
            for y in heldOut {
                var density = 0.0
                var start = 0
                for segment in segments {
                    density += segment.pointMass * Self.kernelSum(x, start..<segment.end, at: y, scale: c, offset: 0)
                    start = segment.end
                }
                if density > 1e-250 {
                    total += logNormalizer - log(density)
                    continue
                }
                var nearest = Double.infinity
                for i in x.indices {
                    let u = y - x[i]
                    nearest = min(nearest, u * u)
                }
                density = 0
                start = 0
                for segment in segments {
                    density += segment.pointMass * Self.kernelSum(x, start..<segment.end, at: y, scale: c, offset: nearest)
                    start = segment.end
                }
                total += logNormalizer - c * nearest - log(density)
            }
        }
        return total / Double(heldOut.count)
    }

    /// Σ_{i ∈ range} exp(c·((y − xᵢ)² − offset)), eight terms at a time in two independent lanes.
    @inline(__always)
    static func kernelSum(_ x: UnsafeBufferPointer<Double>, _ range: Range<Int>, at y: Double, scale c: Double, offset: Double) -> Double {
        var i = range.lowerBound
        var lanes = SIMD4<Double>(), otherLanes = SIMD4<Double>()
        let base = UnsafeRawPointer(x.baseAddress!)
        let stride = MemoryLayout<Double>.stride
        while i + 8 <= range.upperBound {
            let u = y - base.loadUnaligned(fromByteOffset: i * stride, as: SIMD4<Double>.self)
            let v = y - base.loadUnaligned(fromByteOffset: (i + 4) * stride, as: SIMD4<Double>.self)
            lanes += VectorExponential.exp(c * (u * u - offset))
            otherLanes += VectorExponential.exp(c * (v * v - offset))
            i += 8
        }
        if i + 4 <= range.upperBound {
            let u = y - base.loadUnaligned(fromByteOffset: i * stride, as: SIMD4<Double>.self)
            lanes += VectorExponential.exp(c * (u * u - offset))
            i += 4
        }
        var sum = (lanes + otherLanes).sum()
        while i < range.upperBound {
            let u = y - x[i]
            sum += VectorExponential.exp(c * (u * u - offset))
            i += 1
        }
        return sum
    }

    /// Fills `buffer` with independent draws: a point xᵢ picked by its mass, plus N(0, h²) noise.
    @inlinable
    public func sample<G: RandomNumberGenerator>(into buffer: UnsafeMutableBufferPointer<Double>, using generator: inout G) {
        if withConcreteGenerator(&generator, { drawPoints(into: buffer, using: &$0) }) { return }
        drawPoints(into: buffer, using: &generator)
    }

    @inlinable
    func drawPoints<G: RandomNumberGenerator>(into buffer: UnsafeMutableBufferPointer<Double>, using generator: inout G) {
        Normal(mean: 0, standardDeviation: bandwidth).fill(buffer, using: &generator)
        points.withUnsafeBufferPointer { x in
            if let table = segmentTable {
                for k in buffer.indices {
                    let s = table.sample(using: &generator)
                    let start = s == 0 ? 0 : segments[s - 1].end
                    let i = start + Int(truncatingIfNeeded: generator.next(upperBound: UInt64(segments[s].end - start)))
                    buffer[k] += x[i]
                }
            } else {
                let n = UInt64(x.count)
                for k in buffer.indices {
                    buffer[k] += x[Int(truncatingIfNeeded: generator.next(upperBound: n))]
                }
            }
        }
    }

    /// The model as a mixture of its kernels (for the closed forms of ``UnivariateGaussianMixture``).
    public var mixture: UnivariateGaussianMixture {
        UnivariateGaussianMixture(
            weights: points.indices.map { mass(of: $0) }, means: points,
            standardDeviations: [Double](repeating: bandwidth, count: points.count))
    }
}
