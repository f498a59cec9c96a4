#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
import Foundation
#endif

/// Streaming count, mean, variance, extremes and confidence interval of a mean, in O(1) memory;
/// mergeable, so each thread can keep its own and combine them at the end.
///
/// Updates are Welford's (B. P. Welford, "Note on a method for calculating corrected sums of squares
/// and products", Technometrics 4(3), 1962): with δ = x − x̄ₙ₋₁,
/// `x̄ₙ = x̄ₙ₋₁ + δ/n`, `M₂,ₙ = M₂,ₙ₋₁ + δ (x − x̄ₙ)`.
/// Merging is the pairwise formula of T. F. Chan, G. H. Golub, R. J. LeVeque ("Updating formulae
/// and a pairwise algorithm for computing sample variances", Stanford CS report STAN-CS-79-773,
/// 1979): with δ = x̄_B − x̄_A and n = n_A + n_B,
/// `x̄ = x̄_A + δ n_B/n`, `M₂ = M₂,A + M₂,B + δ² n_A n_B / n`.
/// The result is a deterministic function of the order of `add` and `merge` calls; floating-point
/// rounding makes a different order agree only to a few ulps.
///
/// Non-finite values are counted rather than folded into the sums, so that one infinity does not
/// turn every later statistic into NaN:
/// - ``finiteMean``, ``finiteVariance`` are the moments of the finite values only;
/// - ``mean`` is the moment of all values in the extended reals: +∞ if some value was +∞ (and
///   none −∞ or NaN), −∞ symmetrically, NaN if both infinities or any NaN were added, the finite
///   mean otherwise;
/// - ``variance`` (and everything derived from it) is NaN as soon as any non-finite value was
///   added, and for fewer than two values;
/// - ``minimum`` and ``maximum`` range over all non-NaN values, infinities included.
@frozen
public struct RunningMoments: Sendable, Equatable, Codable {
    // Stored as internal (usable from inlinable code) with public read-only accessors below.
    @usableFromInline var allCount: Int
    @usableFromInline var finiteValues: Int
    @usableFromInline var positiveInfinities: Int
    @usableFromInline var negativeInfinities: Int
    @usableFromInline var nans: Int
    @usableFromInline var runningMean: Double
    @usableFromInline var sumOfSquaredDeviations: Double
    @usableFromInline var smallest: Double
    @usableFromInline var largest: Double

    /// An empty accumulator.
    @inlinable
    public init() {
        allCount = 0
        finiteValues = 0
        positiveInfinities = 0
        negativeInfinities = 0
        nans = 0
        runningMean = 0
        sumOfSquaredDeviations = 0
        smallest = .infinity
        largest = -.infinity
    }

    /// An accumulator holding `values`.
    /// - Complexity: O(n).
    @inlinable
    public init<S: Sequence>(_ values: S) where S.Element == Double {
        self.init()
        for value in values { add(value) }
    }

    /// Adds one value (Welford's update).
    /// - Complexity: O(1).
    @inlinable
    public mutating func add(_ x: Double) {
        allCount += 1
        if x.isFinite {
            finiteValues += 1
            let delta = x - runningMean
            runningMean += delta / Double(finiteValues)
            sumOfSquaredDeviations += delta * (x - runningMean)
            if x < smallest { smallest = x }
            if x > largest { largest = x }
        } else {
            addNonFinite(x)
        }
    }

    @usableFromInline
    mutating func addNonFinite(_ x: Double) {
        if x.isNaN {
            nans += 1
        } else if x > 0 {
            positiveInfinities += 1
            largest = .infinity
        } else {
            negativeInfinities += 1
            smallest = -.infinity
        }
    }

    /// Adds every value of `other` as if they had been added here (Chan–Golub–LeVeque).
    /// - Complexity: O(1).
    @inlinable
    public mutating func merge(_ other: RunningMoments) {
        if other.finiteValues > 0 {
            if finiteValues == 0 {
                runningMean = other.runningMean
                sumOfSquaredDeviations = other.sumOfSquaredDeviations
            } else {
                let total = Double(finiteValues + other.finiteValues)
                let delta = other.runningMean - runningMean
                runningMean += delta * (Double(other.finiteValues) / total)
                sumOfSquaredDeviations += other.sumOfSquaredDeviations
                    + delta * delta * (Double(finiteValues) * Double(other.finiteValues) / total)
            }
        }
        allCount += other.allCount
        finiteValues += other.finiteValues
        positiveInfinities += other.positiveInfinities
        negativeInfinities += other.negativeInfinities
        nans += other.nans
        smallest = min(smallest, other.smallest)
        largest = max(largest, other.largest)
    }

    /// The accumulator of the values of `self` and `other`.
    @inlinable
    public func merging(_ other: RunningMoments) -> RunningMoments {
        var result = self
        result.merge(other)
        return result
    }

    /// Number of values added, finite or not.
    @inlinable public var count: Int { allCount }
    /// Number of finite values added.
    @inlinable public var finiteCount: Int { finiteValues }
    /// Number of +∞ values added.
    @inlinable public var positiveInfinityCount: Int { positiveInfinities }
    /// Number of −∞ values added.
    @inlinable public var negativeInfinityCount: Int { negativeInfinities }
    /// Number of NaN values added.
    @inlinable public var nanCount: Int { nans }

    /// Number of non-finite values (±∞ and NaN) added.
    @inlinable
    public var nonFiniteCount: Int { allCount - finiteValues }

    /// Mean of the finite values; NaN when there are none.
    @inlinable
    public var finiteMean: Double { finiteValues > 0 ? runningMean : .nan }

    /// Unbiased (n − 1) variance of the finite values; NaN for fewer than two.
    @inlinable
    public var finiteVariance: Double {
        finiteValues > 1 ? sumOfSquaredDeviations / Double(finiteValues - 1) : .nan
    }

    /// The mean of all values in the extended reals (see the type's discussion); NaN when empty.
    @inlinable
    public var mean: Double {
        if nans > 0 || (positiveInfinities > 0 && negativeInfinities > 0) { return .nan }
        if positiveInfinities > 0 { return .infinity }
        if negativeInfinities > 0 { return -.infinity }
        return finiteMean
    }

    /// The unbiased sample variance `M₂/(n − 1)`; NaN for n < 2 or when any non-finite value was
    /// added.
    @inlinable
    public var variance: Double { nonFiniteCount == 0 ? finiteVariance : .nan }

    /// The population variance `M₂/n` (the maximum-likelihood estimate); NaN when empty or when any
    /// non-finite value was added.
    @inlinable
    public var populationVariance: Double {
        nonFiniteCount == 0 && finiteValues > 0 ? sumOfSquaredDeviations / Double(finiteValues) : .nan
    }

    /// √variance.
    @inlinable
    public var standardDeviation: Double { variance.squareRoot() }

    /// The standard error of the mean, `s/√n`.
    @inlinable
    public var standardError: Double { (variance / Double(allCount)).squareRoot() }

    /// The smallest non-NaN value added (possibly −∞); NaN when none was.
    @inlinable
    public var minimum: Double { allCount > nans ? smallest : .nan }

    /// The largest non-NaN value added (possibly +∞); NaN when none was.
    @inlinable
    public var maximum: Double { allCount > nans ? largest : .nan }

    /// The Student t confidence interval of the mean, `x̄ ± t_{n−1}((1 + level)/2) · s/√n`.
    ///
    /// The t quantile is used for every n (it tends to the normal one, and for n − 1 ≥ 10⁵ it is
    /// computed by the Cornish–Fisher expansion around it; see
    /// ``SpecialFunctions/studentTQuantile(_:degreesOfFreedom:)``), so the interval has exact
    /// coverage for normal data and asymptotically correct coverage otherwise.
    ///
    /// Degenerate cases: `nil` when the interval is undefined (fewer than two values, or a NaN
    /// mean: NaN added, or both infinities); `mean...mean` when the mean is ±∞. (A range cannot
    /// carry NaN bounds: `ClosedRange` checks `lowerBound <= upperBound`.)
    /// - Parameter level: the confidence level in (0, 1).
    /// - Complexity: O(1).
    public func confidenceInterval(level: Double = 0.95) -> ClosedRange<Double>? {
        precondition(level > 0 && level < 1, "RunningMoments.confidenceInterval: level must be in (0, 1)")
        if nonFiniteCount > 0 {
            let value = mean
            return value.isNaN ? nil : value...value
        }
        if allCount < 2 { return nil }
        let quantile = SpecialFunctions.studentTQuantile((1 + level) / 2, degreesOfFreedom: Double(allCount - 1))
        let halfWidth = quantile * standardError
        return (runningMean - halfWidth)...(runningMean + halfWidth)
    }
}
