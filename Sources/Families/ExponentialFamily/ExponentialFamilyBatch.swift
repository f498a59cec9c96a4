import ModelCollapse
import Randomness

/// A batch an exponential-family learner can fit (through n and Σx) and sample into.
public protocol ExponentialFamilyBatch: DataBatch {
    /// Σx over the batch's points.
    var sum: Double { get }
    /// Replaces the batch with `count` draws from the distribution with parameter θ (or their
    /// sufficient statistics), reusing its storage.
    mutating func draw<G: RandomNumberGenerator>(
        _ distribution: ExponentialFamilyDistribution, parameter theta: Double, count: Int, using generator: inout G)
}

/// The sample path: the points themselves (0/1, counts, or positive reals) and their sum.
public struct ExponentialFamilySampleBatch: ExponentialFamilyBatch {
    public var points: [Double]
    public var sum: Double

    public init() {
        points = []
        sum = 0
    }

    public init(points: [Double]) {
        self.points = points
        sum = points.reduce(0, +)
    }

    public var count: Int { points.count }

    public mutating func append(_ other: ExponentialFamilySampleBatch) {
        points.append(contentsOf: other.points)
        sum += other.sum
    }

    public static var supportsSubsampling: Bool { true }

    public func subsample<G: RandomNumberGenerator>(_ size: Int, using generator: inout G) -> ExponentialFamilySampleBatch {
        ExponentialFamilySampleBatch(points: Self.subsampleIndices(count: points.count, size: size, using: &generator).map { points[$0] })
    }

    @inlinable
    public mutating func draw<G: RandomNumberGenerator>(
        _ distribution: ExponentialFamilyDistribution, parameter theta: Double, count: Int, using generator: inout G
    ) {
        if points.count != count {
            points.removeAll(keepingCapacity: true)
            points.append(contentsOf: repeatElement(0, count: count))
        }
        var total = 0.0
        points.withUnsafeMutableBufferPointer { buffer in
            switch distribution {
            case .bernoulli:
                for i in 0..<count {
                    let x: Double = generator.nextUniform() < theta ? 1 : 0
                    buffer[i] = x
                    total += x
                }
            case .poisson:
                let sampler = Poisson(mean: max(0, theta))
                for i in 0..<count {
                    let x = Double(sampler.sample(using: &generator))
                    buffer[i] = x
                    total += x
                }
            case .exponential:
                if theta.isFinite && theta > 0 {
                    Exponential(rate: theta).fill(buffer, using: &generator)
                } else {
                    // A degenerate rate: the point mass at 0 (rate ∞) or at ∞ (rate 0).
                    for i in 0..<count { buffer[i] = theta > 0 ? 0 : .infinity }
                }
                for x in buffer { total += x }
            }
        }
        sum = total
    }
}

/// The sufficient-statistics path: a batch of n points is (n, Σx), drawn directly from the exact
/// law of Σx — Binomial(n, p), Poisson(nλ), Gamma(n, scale 1/λ) — in O(1) per generation.
public struct SufficientStatisticBatch: ExponentialFamilyBatch {
    public var count: Int
    public var sum: Double

    public init() {
        count = 0
        sum = 0
    }

    public init(count: Int, sum: Double) {
        self.count = count
        self.sum = sum
    }

    public mutating func append(_ other: SufficientStatisticBatch) {
        count += other.count
        sum += other.sum
    }

    public static var supportsSubsampling: Bool { false }

    public func subsample<G: RandomNumberGenerator>(_ size: Int, using generator: inout G) -> SufficientStatisticBatch {
        preconditionFailure("a statistics batch cannot be subsampled: use the sample path")
    }

    @inlinable
    public mutating func draw<G: RandomNumberGenerator>(
        _ distribution: ExponentialFamilyDistribution, parameter theta: Double, count: Int, using generator: inout G
    ) {
        self.count = count
        switch distribution {
        case .bernoulli:
            sum = Double(Binomial.sample(count: count, probability: min(1, max(0, theta)), using: &generator))
        case .poisson:
            sum = Double(Poisson.sample(mean: Double(count) * max(0, theta), using: &generator))
        case .exponential:
            if theta.isFinite && theta > 0 {
                sum = Gamma(shape: Double(count), scale: 1 / theta).sample(using: &generator)
            } else {
                sum = theta > 0 ? 0 : .infinity
            }
        }
    }
}
