/// Pearson's chi-square goodness-of-fit test of observed counts against expected counts.
///
/// K. Pearson, "On the criterion that a given system of deviations from the probable …",
/// Philosophical Magazine 50(302), 1900. Under the null hypothesis and with every expected count
/// large enough (≥ 5 is the usual rule; see ``pooled(observed:expected:minimumExpected:)``), the
/// statistic is approximately χ² with k − 1 − (estimated parameters) degrees of freedom.
public enum ChiSquareTest {
    /// The chi-square goodness-of-fit test.
    ///
    /// `X² = Σ_j (O_j − E_j)² / E_j`, degrees of freedom `k − 1 − estimatedParameters`, p-value
    /// `P(χ²_df ≥ X²) = Q(df/2, X²/2)` from ``SpecialFunctions/regularizedGammaQ(_:_:)``, accurate
    /// in relative terms for small p-values.
    ///
    /// Expected counts are used as given (not rescaled); they should sum to the observed total.
    /// A bin with E_j = 0 and O_j = 0 is dropped (it carries no information and does not count
    /// towards k); a bin with E_j = 0 < O_j makes the statistic `+∞` and the p-value 0.
    /// When the degrees of freedom are not positive the p-value is `.nan`.
    /// - Parameters:
    ///   - observed: observed counts, each ≥ 0.
    ///   - expected: expected counts under the null, each ≥ 0, same length as `observed`.
    ///   - estimatedParameters: parameters of the null distribution estimated from the same data.
    /// - Returns: the statistic X², the degrees of freedom, and the p-value.
    /// - Complexity: O(k) plus one incomplete gamma evaluation.
    public static func goodnessOfFit(
        observed: [Int], expected: [Double], estimatedParameters: Int = 0
    ) -> (statistic: Double, degreesOfFreedom: Int, pValue: Double) {
        precondition(observed.count == expected.count, "ChiSquareTest: observed and expected differ in length")
        var statistic = 0.0
        var bins = 0
        for (o, e) in zip(observed, expected) {
            precondition(o >= 0 && !(e < 0), "ChiSquareTest: negative count")
            if e == 0 {
                if o == 0 { continue }
                statistic = .infinity
                bins += 1
                continue
            }
            let difference = Double(o) - e
            statistic += difference * difference / e
            bins += 1
        }
        let degreesOfFreedom = bins - 1 - estimatedParameters
        guard degreesOfFreedom > 0 else { return (statistic, degreesOfFreedom, .nan) }
        let pValue = SpecialFunctions.regularizedGammaQ(Double(degreesOfFreedom) / 2, statistic / 2)
        return (statistic, degreesOfFreedom, pValue)
    }

    /// Pools adjacent bins, left to right, until every pooled expected count is at least
    /// `minimumExpected`; a remainder at the right end smaller than that is merged into the last
    /// pooled bin. Order is kept, so with ordered categories (a discretised continuous variable,
    /// counts 0, 1, 2, … of a discrete one) the pooled bins are intervals.
    ///
    /// If the total expected count is below `minimumExpected`, the result is a single bin.
    /// - Parameters:
    ///   - observed: observed counts.
    ///   - expected: expected counts, same length.
    ///   - minimumExpected: the smallest expected count a pooled bin may have (Cochran's rule: 5).
    /// - Returns: the pooled observed and expected counts (same totals as the input).
    /// - Complexity: O(k).
    public static func pooled(
        observed: [Int], expected: [Double], minimumExpected: Double = 5
    ) -> (observed: [Int], expected: [Double]) {
        precondition(observed.count == expected.count, "ChiSquareTest: observed and expected differ in length")
        var pooledObserved: [Int] = []
        var pooledExpected: [Double] = []
        var o = 0
        var e = 0.0
        for (count, mean) in zip(observed, expected) {
            o += count
            e += mean
            if e >= minimumExpected {
                pooledObserved.append(o)
                pooledExpected.append(e)
                o = 0
                e = 0
            }
        }
        if o != 0 || e != 0 || pooledObserved.isEmpty {
            if pooledObserved.isEmpty {
                pooledObserved.append(o)
                pooledExpected.append(e)
            } else {
                pooledObserved[pooledObserved.count - 1] += o
                pooledExpected[pooledExpected.count - 1] += e
            }
        }
        return (pooledObserved, pooledExpected)
    }
}
