import Foundation
import Randomness
import Statistics
import Testing

// Every statistical check in this target runs at a fixed seed, so it is deterministic; the rates
// below are the probabilities that a check fails for a correct sampler at a seed chosen at random,
// i.e. how unlucky a fixed seed would have to be.
//
// - goodness of fit (KS against the exact CDF, chi-square over the support): fails when
//   p < `goodnessOfFitLevel` = 10⁻⁴, false-failure rate 10⁻⁴ each;
// - moments: |estimate − truth| ≤ 4.5 standard errors, two-sided normal tail ≈ 6.8·10⁻⁶ each
//   (approximate: it relies on the CLT for the estimator; for the skewed cases N is large).
// With ≈ 100 goodness-of-fit checks and ≈ 180 moment checks (counting parameterised cases), the
// whole target's false-failure rate at a random seed is about 1.2 %.

let goodnessOfFitLevel = 1e-4
let standardErrors = 4.5

/// Draws from `sampler` into a new array (through `fill`, the batch path under test).
func draws<S: Sampler>(_ sampler: S, _ count: Int, seed: UInt64) -> [S.Value] where S.Value == Double {
    var generator = Xoshiro256StarStar(seed: seed)
    var values = [Double](repeating: 0, count: count)
    sampler.fill(&values, using: &generator)
    return values
}

func draws<S: Sampler>(_ sampler: S, _ count: Int, seed: UInt64) -> [S.Value] where S.Value == Int {
    var generator = Xoshiro256StarStar(seed: seed)
    var values = [Int](repeating: 0, count: count)
    sampler.fill(&values, using: &generator)
    return values
}

struct SampleMoments {
    var count: Int
    var mean: Double
    /// The unbiased sample variance.
    var variance: Double

    init(_ values: [Double]) {
        count = values.count
        let n = Double(values.count)
        // Two passes, so large means (Poisson 10⁷) lose nothing.
        mean = values.reduce(0, +) / n
        var squares = 0.0
        for x in values { squares += (x - mean) * (x - mean) }
        variance = squares / (n - 1)
    }

    init(_ values: [Int]) {
        self.init(values.map(Double.init))
    }
}

/// Checks the sample mean and variance against the truth within 4.5 standard errors:
/// SE(mean) = σ/√N and SE(sample variance) ≈ √((μ₄ − σ⁴)/N), μ₄ the fourth central moment.
func expectMoments(
    _ moments: SampleMoments, mean: Double, variance: Double, fourthCentralMoment: Double,
    _ label: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    let n = Double(moments.count)
    let meanSE = (variance / n).squareRoot()
    let varianceSE = ((fourthCentralMoment - variance * variance) / n).squareRoot()
    #expect(abs(moments.mean - mean) <= standardErrors * meanSE,
            "\(label): mean \(moments.mean) vs \(mean) (SE \(meanSE))", sourceLocation: sourceLocation)
    #expect(abs(moments.variance - variance) <= standardErrors * varianceSE,
            "\(label): variance \(moments.variance) vs \(variance) (SE \(varianceSE))", sourceLocation: sourceLocation)
}

/// One-sample Kolmogorov–Smirnov test against the exact CDF; fails when p < 10⁻⁴.
func expectKolmogorovSmirnov(
    _ sample: [Double], cdf: (Double) -> Double, _ label: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let result = KolmogorovSmirnov.oneSample(sample, cdf: cdf)
    #expect(result.pValue >= goodnessOfFitLevel,
            "\(label): KS D = \(result.statistic), p = \(result.pValue)", sourceLocation: sourceLocation)
}

/// Pearson chi-square test of integer draws against a probability mass function.
///
/// Every value in `support` is a bin with expected count N·pmf(k); values outside `support` share
/// one more bin whose expected count is N·(1 − Σ_support pmf) (choose `support` wide enough that this
/// is negligible). Adjacent bins are pooled left to right until each expected count is at least
/// `minimumExpected` (Cochran's rule asks for 5). Fails when p < 10⁻⁴.
func expectChiSquare(
    _ sample: [Int], support: ClosedRange<Int>, pmf: (Int) -> Double, minimumExpected: Double = 10,
    _ label: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    let n = Double(sample.count)
    var observed = [Int](repeating: 0, count: support.count + 1)
    for x in sample {
        if support.contains(x) { observed[x - support.lowerBound] += 1 } else { observed[support.count] += 1 }
    }
    var expected = [Double](repeating: 0, count: support.count + 1)
    var total = 0.0
    for k in support {
        let p = pmf(k)
        expected[k - support.lowerBound] = n * p
        total += p
    }
    expected[support.count] = n * max(0, 1 - total)
    let pooled = ChiSquareTest.pooled(observed: observed, expected: expected, minimumExpected: minimumExpected)
    if pooled.observed.count < 2 {
        // Nearly all the mass on one value (Zipf with s = 20): nothing to test beyond the support,
        // which the callers check.
        return
    }
    let result = ChiSquareTest.goodnessOfFit(observed: pooled.observed, expected: pooled.expected)
    #expect(result.pValue >= goodnessOfFitLevel,
            "\(label): chi-square \(result.statistic) on \(result.degreesOfFreedom) df, p = \(result.pValue)",
            sourceLocation: sourceLocation)
}

/// Mean, variance and fourth central moment of a finite distribution given by `pmf` over `support`.
func discreteMoments(support: ClosedRange<Int>, pmf: (Int) -> Double) -> (mean: Double, variance: Double, fourth: Double) {
    var mean = 0.0
    for k in support { mean += Double(k) * pmf(k) }
    var variance = 0.0
    var fourth = 0.0
    for k in support {
        let d = Double(k) - mean
        variance += d * d * pmf(k)
        fourth += d * d * d * d * pmf(k)
    }
    return (mean, variance, fourth)
}

/// `P(X = k)` for X ~ Binomial(n, p), from the Statistics target's log binomial coefficient.
func binomialPMF(_ n: Int, _ p: Double, _ k: Int) -> Double {
    if k < 0 || k > n { return 0 }
    if p == 0 { return k == 0 ? 1 : 0 }
    if p == 1 { return k == n ? 1 : 0 }
    return exp(SpecialFunctions.logBinomialCoefficient(n, k) + Double(k) * log(p) + Double(n - k) * log1p(-p))
}

/// `P(X = k)` for X ~ Poisson(μ).
func poissonPMF(_ mean: Double, _ k: Int) -> Double {
    if k < 0 { return 0 }
    if mean == 0 { return k == 0 ? 1 : 0 }
    return exp(Double(k) * log(mean) - mean - SpecialFunctions.logFactorial(k))
}

/// The range mean ± `width` standard deviations, clamped to `limits`.
func centralRange(mean: Double, sd: Double, width: Double = 8, limits: ClosedRange<Int>) -> ClosedRange<Int> {
    let low = max(Double(limits.lowerBound), (mean - width * sd).rounded(.down))
    let high = min(Double(limits.upperBound), (mean + width * sd).rounded(.up) + 1)
    return Int(low)...Int(high)
}

/// The beta CDF I_x(a, b) and survival 1 − I_x(a, b) = I_{1−x}(b, a), each computed on the side
/// where it is small so that neither loses digits (1 − x rounds to 1 for x < 10⁻¹⁶).
func betaCDF(_ a: Double, _ b: Double, _ x: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    return x <= 0.5 ? SpecialFunctions.regularizedBeta(a: a, b: b, x: x) : 1 - SpecialFunctions.regularizedBeta(a: b, b: a, x: 1 - x)
}

func betaSurvival(_ a: Double, _ b: Double, _ x: Double) -> Double {
    if x <= 0 { return 1 }
    if x >= 1 { return 0 }
    return x <= 0.5 ? 1 - SpecialFunctions.regularizedBeta(a: a, b: b, x: x) : SpecialFunctions.regularizedBeta(a: b, b: a, x: 1 - x)
}

/// True when the long tests are asked for (`COLLAPSE_LONG_TESTS=1`).
let longTestsEnabled = ProcessInfo.processInfo.environment["COLLAPSE_LONG_TESTS"] == "1"

/// Chi-square test of real draws over the bins (−∞, e₀), [e₀, e₁), …, [e_last, ∞).
///
/// For distributions whose draws round onto an atom (Beta with tiny parameters puts a third of its
/// mass within 10⁻¹⁶ of 1, where it rounds to 1), where a KS test's continuity assumption fails.
/// Bin probabilities come from `cdf` below the median and from `survival` above it, so neither
/// cancels. Bins pooled to expected counts ≥ 10; fails when p < 10⁻⁴.
func expectBinnedChiSquare(
    _ sample: [Double], edges: [Double], cdf: (Double) -> Double, survival: (Double) -> Double,
    _ label: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    let n = Double(sample.count)
    var observed = [Int](repeating: 0, count: edges.count + 1)
    for x in sample {
        var lo = 0, hi = edges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if x < edges[mid] { hi = mid } else { lo = mid + 1 }
        }
        observed[lo] += 1
    }
    let bounds = [-Double.infinity] + edges + [Double.infinity]
    func below(_ x: Double) -> Double { x == -.infinity ? 0 : (x == .infinity ? 1 : cdf(x)) }
    func above(_ x: Double) -> Double { x == -.infinity ? 1 : (x == .infinity ? 0 : survival(x)) }
    var expected: [Double] = []
    for i in 0..<(bounds.count - 1) {
        let (lo, hi) = (bounds[i], bounds[i + 1])
        let p = below(hi) < 0.5 ? below(hi) - below(lo) : above(lo) - above(hi)
        expected.append(n * max(0, p))
    }
    let pooled = ChiSquareTest.pooled(observed: observed, expected: expected, minimumExpected: 10)
    let result = ChiSquareTest.goodnessOfFit(observed: pooled.observed, expected: pooled.expected)
    #expect(result.pValue >= goodnessOfFitLevel,
            "\(label): chi-square \(result.statistic) on \(result.degreesOfFreedom) df, p = \(result.pValue); observed \(pooled.observed), expected \(pooled.expected.map { ($0 * 10).rounded() / 10 })",
            sourceLocation: sourceLocation)
}
