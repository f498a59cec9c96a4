import Testing
import Randomness
import Statistics

// Reference values: the exact distribution of D_n is the Marsaglia–Tsang–Wang matrix power evaluated
// in 60-digit mpmath arithmetic (Docs/Statistics/reference_kolmogorov_mtw.py). SciPy 1.17.1's
// `kstwo.sf` agrees to 10⁻¹⁰ for n ≤ 100 but only to about 10⁻⁷ for n ≥ 500 (it switches to an
// approximation there), so it is not used for those. The rest: SciPy 1.17.1 `kstwobign.sf`, `kstest`,
// `ks_2samp(method="exact")` (Docs/Statistics/reference_tests.py).

@Suite struct KolmogorovSmirnovTests {
    @Test func exactOneSampleDistributionMatchesSciPy() {
        let reference: [(Int, Double, Double)] = [
            (1, 0.7, 0.6000000000000001),
            (5, 0.3, 0.664),
            (10, 0.274, 0.3715203845434956),
            (20, 0.1, 0.976255094592155),
            (50, 0.2, 0.03143877776953449),
            (100, 0.05, 0.9532159710635725),
            (100, 0.12, 0.10330374901820256),
            (100, 0.25, 5.408871776434847e-06),
            (500, 0.03, 0.7473166221808437),
            (1000, 0.04, 0.07933955497540122),
            (1000, 0.06, 0.0014285978874661186),
            (2000, 0.025, 0.16136032172743986),
            (10, 0.6, 0.0005681672000000003),
            (30, 0.45, 4.60170836663682e-06),
        ]
        for (n, d, expected) in reference {
            let p = KolmogorovSmirnov.survival(d, sampleSize: n)
            #expect(relativeError(p, expected) < 1e-10, "P(D_\(n) ≥ \(d)) = \(p)")
        }
        #expect(KolmogorovSmirnov.survival(0.01, sampleSize: 10) == 1)
        #expect(KolmogorovSmirnov.survival(1, sampleSize: 10) == 0)
    }

    @Test func limitingDistributionMatchesSciPy() {
        let reference: [(Double, Double)] = [
            (0.3, 0.9999906941986655),
            (0.8, 0.5441424115741981),
            (1.0, 0.26999967167735456),
            (1.18, 0.1234538094297657),
            (1.36, 0.049485876755377876),
            (2.0, 0.0006709252557796953),
            (3.0, 3.045995948942526e-08),
        ]
        for (lambda, expected) in reference {
            #expect(relativeError(KolmogorovSmirnov.limitingSurvival(lambda), expected) < 1e-12, "Q_K(\(lambda))")
        }
    }

    /// Stephens' modified statistic against the exact law at n = 2000, the largest exact size: the
    /// documented error of the approximation used beyond it (measured with the exact algorithm in
    /// NumPy over √n·d ∈ [0.5, 2.5]: at most 3.0·10⁻³ absolute, near √n·d = 0.65, and 2.1 % relative
    /// at √n·d = 2.4; both shrink like 1/√n).
    @Test func stephensApproximationErrorAtTheExactLimit() {
        let n = 2_000
        let root = Double(n).squareRoot()
        for lambda in stride(from: 0.5, through: 2.5, by: 0.1) {
            let d = lambda / root
            let exact = KolmogorovSmirnov.survival(d, sampleSize: n)
            let approximate = KolmogorovSmirnov.limitingSurvival((root + 0.12 + 0.11 / root) * d)
            #expect(abs(exact - approximate) < 3.1e-3)
            #expect(abs(exact - approximate) < 0.025 * exact)
        }
    }

    @Test func oneSampleAgainstNormalMatchesSciPy() {
        let a = [0.61, -1.22, 0.05, 2.31, -0.47, 1.08, -0.93, 0.35, -1.76, 0.88, 0.12, -0.29]
        let result = KolmogorovSmirnov.oneSample(a, cdf: SpecialFunctions.normalCDF)
        #expect(relativeError(result.statistic, 0.1032721391717058) < 1e-13)
        #expect(relativeError(result.pValue, 0.997842917805891) < 1e-10)
    }

    @Test func twoSampleExactMatchesSciPy() {
        let a = [0.61, -1.22, 0.05, 2.31, -0.47, 1.08, -0.93, 0.35, -1.76, 0.88, 0.12, -0.29]
        let b = [1.41, 0.72, 2.05, -0.15, 1.93, 0.66, 1.27, 2.84, 0.38]
        let small = KolmogorovSmirnov.twoSample(a, b)
        #expect(relativeError(small.statistic, 0.5555555555555556) < 1e-15)
        #expect(relativeError(small.pValue, 0.06063348416289592) < 1e-10)

        // numpy.random.default_rng(1): 60 draws of N(0, 1) and 45 of N(0.5, 1), rounded to 3 digits.
        let c = [0.346, 0.822, 0.33, -1.303, 0.905, 0.446, -0.537, 0.581, 0.365, 0.294, 0.028, 0.547, -0.736,
                 -0.163, -0.482, 0.599, 0.04, -0.292, -0.782, -0.257, 0.008, -0.276, 1.294, 1.007, -2.711,
                 -1.889, -0.175, -0.422, 0.214, 0.217, 2.118, -1.112, -0.378, 2.043, 0.647, 0.663, -0.514,
                 -1.648, 0.167, 0.109, -1.227, -0.683, -0.072, -0.945, -0.098, 0.095, 0.036, -0.506, 0.594,
                 0.891, 0.321, -0.818, 0.732, -0.501, 0.879, -1.072, 0.914, -0.02, -1.249, -0.314]
        let d = [0.554, 0.773, -0.482, -0.607, 0.7, 0.033, 0.736, 1.26, -1.149, 0.754, 1.725, 0.202, -0.311,
                 1.252, 0.753, 1.396, 0.155, -0.982, 0.39, 0.054, 1.275, 0.694, -1.131, -0.695, 1.384, 1.18,
                 -0.14, 0.499, 0.946, 0.968, 1.376, 0.756, 0.405, 0.241, 1.556, -1.751, 0.361, 0.533, -0.925,
                 0.833, -0.151, 1.362, 0.374, 1.169, 1.719]
        let larger = KolmogorovSmirnov.twoSample(c, d)
        #expect(relativeError(larger.statistic, 0.34444444444444444) < 1e-15)
        #expect(relativeError(larger.pValue, 0.003410068392223314) < 1e-9)
        // Symmetric in its arguments.
        #expect(KolmogorovSmirnov.twoSample(d, c).pValue == larger.pValue)
        #expect(KolmogorovSmirnov.twoSample(a, a) == (0, 1) as (Double, Double))
    }

    @Test func nonFiniteInput() {
        #expect(KolmogorovSmirnov.oneSample([0.1, .nan], cdf: SpecialFunctions.normalCDF).pValue.isNaN)
        let withInfinity = KolmogorovSmirnov.oneSample([-.infinity, 0, .infinity], cdf: SpecialFunctions.normalCDF)
        #expect(abs(withInfinity.statistic - 1.0 / 3.0) < 1e-15)
    }

    /// Under the null the p-value is uniform: over 400 samples of size 50 from N(0, 1) (Box–Muller),
    /// the p-values pass their own KS test against U(0, 1). False-failure rate: the level, 10⁻³.
    @Test func pValuesAreUniformUnderTheNull() {
        var normal = BoxMuller(seed: 20_250_101)
        var pValues: [Double] = []
        for _ in 0..<400 {
            pValues.append(KolmogorovSmirnov.oneSample(normal.draws(50), cdf: SpecialFunctions.normalCDF).pValue)
        }
        let uniformity = KolmogorovSmirnov.oneSample(pValues, cdf: { min(1, max(0, $0)) })
        #expect(uniformity.pValue > 1e-3)
    }

    /// Power: a shifted normal is detected.
    @Test func detectsAShift() {
        var normal = BoxMuller(seed: 99)
        let shifted = normal.draws(500).map { $0 + 0.3 }
        #expect(KolmogorovSmirnov.oneSample(shifted, cdf: SpecialFunctions.normalCDF).pValue < 1e-4)
        let other = normal.draws(500)
        #expect(KolmogorovSmirnov.twoSample(shifted, other).pValue < 1e-3)
    }

    @Test func largeSamplesUseTheAsymptoticLaw() {
        var normal = BoxMuller(seed: 5)
        let sample = normal.draws(5_000)
        let result = KolmogorovSmirnov.oneSample(sample, cdf: SpecialFunctions.normalCDF)
        let root = 5_000.0.squareRoot()
        #expect(result.pValue == KolmogorovSmirnov.limitingSurvival((root + 0.12 + 0.11 / root) * result.statistic))
    }
}
