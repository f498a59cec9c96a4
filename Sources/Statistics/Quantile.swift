/// Sample quantiles by linear interpolation between order statistics: Hyndman and Fan's type 7
/// (R. J. Hyndman, Y. Fan, "Sample quantiles in statistical packages", The American Statistician
/// 50(4), 1996), the default of R's `quantile` and NumPy's `quantile`.
///
/// With x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎ the sorted values, h = (n − 1)p, j = ⌊h⌋ and g = h − j:
/// `Q(p) = x₍ⱼ₎ + g (x₍ⱼ₊₁₎ − x₍ⱼ₎)`.
///
/// Infinite values sort to the ends and interpolate as R does, `(1 − g) x₍ⱼ₎ + g x₍ⱼ₊₁₎`: between
/// −∞ and a finite value the result is −∞, between −∞ and +∞ it is NaN.
public enum Quantile {
    /// The type 7 quantile of values sorted in ascending order.
    /// - Parameters:
    ///   - sorted: the values, ascending, no NaN (checked in debug builds only).
    ///   - p: the probability, in [0, 1].
    /// - Returns: Q(p); NaN when `sorted` is empty or p is NaN.
    /// - Complexity: O(1).
    @inlinable
    public static func of(sorted: [Double], _ p: Double) -> Double {
        precondition(!(p < 0) && !(p > 1), "Quantile.of: p must be in [0, 1]")
        assert(zip(sorted, sorted.dropFirst()).allSatisfy { $0 <= $1 }, "Quantile.of: values not sorted")
        guard !sorted.isEmpty, !p.isNaN else { return .nan }
        let position = Double(sorted.count - 1) * p
        let lower = Int(position.rounded(.down))
        let fraction = position - Double(lower)
        if fraction == 0 || lower + 1 >= sorted.count { return sorted[lower] }
        return interpolate(sorted[lower], sorted[lower + 1], fraction)
    }

    /// The type 7 quantile of unsorted values. NaN values are ignored.
    /// - Complexity: O(n log n).
    @inlinable
    public static func of(_ values: [Double], p: Double) -> Double {
        of(sorted: values.filter { !$0.isNaN }.sorted(), p)
    }

    /// Several type 7 quantiles of unsorted values, sorting once. NaN values are ignored.
    /// - Complexity: O(n log n + k).
    @inlinable
    public static func of(_ values: [Double], probabilities: [Double]) -> [Double] {
        let sorted = values.filter { !$0.isNaN }.sorted()
        return probabilities.map { of(sorted: sorted, $0) }
    }

    /// `a + g (b − a)` when b − a is finite, `(1 − g) a + g b` otherwise (R's form, which keeps −∞ when
    /// interpolating from −∞ to a finite value).
    @inlinable
    static func interpolate(_ a: Double, _ b: Double, _ fraction: Double) -> Double {
        if a == b { return a }
        let difference = b - a
        if difference.isFinite { return a + fraction * difference }
        return (1 - fraction) * a + fraction * b
    }
}
