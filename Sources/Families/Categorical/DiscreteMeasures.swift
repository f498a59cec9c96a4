#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The truth side of the discrete metrics, precomputed once: probabilities, Σ p ln p, and the
/// weights that pick the tail.
public struct DiscreteTruth: Sendable, Equatable {
    public var probabilities: [Double]
    /// Σ pᵢ ln pᵢ over the support (−H(p)).
    public var negativeEntropy: Double
    /// The number of categories with pᵢ > 0.
    public var support: Int
    /// tᵢ in [0, 1]: the truth's rarest categories holding ``CategoricalMetric/tailFraction`` of
    /// its mass get 1, the boundary category its fraction, the rest 0; Σ tᵢ pᵢ = 0.1.
    public var tailWeights: [Double]

    public init(probabilities: [Double]) {
        self.probabilities = probabilities
        var negativeEntropy = 0.0
        for p in probabilities where p > 0 { negativeEntropy += p * log(p) }
        self.negativeEntropy = negativeEntropy
        support = probabilities.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        tailWeights = DiscreteTruth.tailWeights(probabilities, fraction: CategoricalMetric.tailFraction)
    }

    /// Orders the categories with mass from the rarest (ties: the later index first) and includes
    /// them until `fraction` of the mass is reached, the last one in part.
    static func tailWeights(_ p: [Double], fraction: Double) -> [Double] {
        var weights = [Double](repeating: 0, count: p.count)
        let order = p.indices.filter { p[$0] > 0 }.sorted { p[$0] < p[$1] || (p[$0] == p[$1] && $0 > $1) }
        var held = 0.0
        for i in order {
            let remaining = fraction - held
            if remaining <= 0 { break }
            if p[i] <= remaining {
                weights[i] = 1
                held += p[i]
            } else {
                weights[i] = remaining / p[i]
                held = fraction
            }
        }
        return weights
    }
}

/// The discrete metrics of one model row against one truth row (see ``CategoricalMetric``);
/// buffers so that the next-token family can measure every context row in place.
public enum DiscreteMeasures {
    @inlinable
    public static func totalVariation(_ p: UnsafeBufferPointer<Double>, _ q: UnsafeBufferPointer<Double>) -> Double {
        var sum = 0.0
        for i in 0..<p.count { sum += abs(p[i] - q[i]) }
        return 0.5 * sum
    }

    /// KL(p ‖ q) = Σ p ln p − Σ p ln q; +∞ when q lost a category p has.
    @inlinable
    public static func kullbackLeibler(
        _ p: UnsafeBufferPointer<Double>, _ q: UnsafeBufferPointer<Double>, negativeEntropy: Double
    ) -> Double {
        var crossEntropy = 0.0
        for i in 0..<p.count where p[i] > 0 {
            if q[i] == 0 { return .infinity }
            crossEntropy += p[i] * log(q[i])
        }
        return max(0, negativeEntropy - crossEntropy)
    }

    @inlinable
    public static func entropy(_ q: UnsafeBufferPointer<Double>) -> Double {
        var sum = 0.0
        for x in q where x > 0 { sum -= x * log(x) }
        return max(0, sum)
    }

    @inlinable
    public static func collision(_ q: UnsafeBufferPointer<Double>) -> Double {
        var sum = 0.0
        for x in q { sum += x * x }
        return sum
    }

    @inlinable
    public static func support(_ q: UnsafeBufferPointer<Double>) -> Int {
        var count = 0
        for x in q where x > 0 { count += 1 }
        return count
    }

    @inlinable
    public static func supportLost(_ p: UnsafeBufferPointer<Double>, _ q: UnsafeBufferPointer<Double>) -> Int {
        var count = 0
        for i in 0..<p.count where p[i] > 0 && q[i] == 0 { count += 1 }
        return count
    }

    @inlinable
    public static func weightedMass(_ weights: UnsafeBufferPointer<Double>, _ q: UnsafeBufferPointer<Double>) -> Double {
        var sum = 0.0
        for i in 0..<q.count { sum += weights[i] * q[i] }
        return sum
    }

    /// The mean over the truth's categories of min(loss generation, t): `lostAt[i]` when the
    /// category's absence began at that generation (> 0), else t. An empty `lostAt` (the truth)
    /// counts every category as present.
    @inlinable
    public static func meanLossGeneration(
        _ p: UnsafeBufferPointer<Double>, lostAt: UnsafeBufferPointer<Int32>, generation t: Int
    ) -> Double {
        var sum = 0.0
        var count = 0
        for i in 0..<p.count where p[i] > 0 {
            count += 1
            let lost = lostAt.isEmpty ? 0 : Int(lostAt[i])
            sum += Double(lost > 0 ? min(lost, t) : t)
        }
        return count > 0 ? sum / Double(count) : 0
    }

    /// ‖a − b‖₂²; 0 when b is empty (no first fit yet).
    @inlinable
    public static func squaredDistance(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double {
        if b.isEmpty { return 0 }
        var sum = 0.0
        for i in 0..<a.count {
            let d = a[i] - b[i]
            sum += d * d
        }
        return sum
    }
}
