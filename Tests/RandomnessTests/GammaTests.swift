import Foundation
import Randomness
import Statistics
import Testing

@Suite("Gamma family")
struct GammaTests {
    /// KS against P(k, x/θ) (regularised lower incomplete gamma); moments kθ, kθ², μ₄ = 3k(k + 2)θ⁴.
    /// The shapes cover the boost (k < 1, down to 0.01), the exponential case and the main case.
    @Test(arguments: [(0.01, 1.0), (0.5, 1.0), (1.0, 2.0), (7.3, 0.5), (1e4, 1e-3)])
    func gamma(shape: Double, scale: Double) {
        let gamma = Gamma(shape: shape, scale: scale)
        let sample = draws(gamma, 200_000, seed: 31)
        #expect(sample.allSatisfy { $0 >= 0 && $0.isFinite })
        // With k = 0.01 about 6·10⁻⁴ of draws underflow to 0 (true value below 5·10⁻³²⁴): an atom far
        // smaller than the KS critical distance (≈ 5·10⁻³ here), so the test stays valid.
        expectKolmogorovSmirnov(sample, cdf: { SpecialFunctions.regularizedGammaP(shape, max($0, 0) / scale) },
                                "Gamma(\(shape), \(scale))")
        expectMoments(SampleMoments(sample), mean: shape * scale, variance: shape * scale * scale,
                      fourthCentralMoment: 3 * shape * (shape + 2) * pow(scale, 4), "Gamma(\(shape), \(scale))")
    }

    /// `logSample` for small shapes, where the variate itself underflows: KS of ln X against
    /// P(ln X ≤ t) = P(k, e^t), which for e^t < 10⁻³⁰⁰ is e^{kt}/Γ(k + 1) to 10⁻³⁰⁰ relative (the
    /// series P(k, x) = x^k e^{−x}/Γ(k + 1) · (1 + x/(k + 1) + …)).
    @Test(arguments: [0.001, 0.01, 0.3, 1.0, 2.5])
    func logSample(shape: Double) {
        let gamma = Gamma(shape: shape)
        var generator = Xoshiro256StarStar(seed: 33)
        let sample = (0..<100_000).map { _ in gamma.logSample(using: &generator) }
        #expect(sample.allSatisfy { $0.isFinite })
        let cdf = { (t: Double) in
            t < -700 ? exp(shape * t - SpecialFunctions.logGamma(shape + 1)) : SpecialFunctions.regularizedGammaP(shape, exp(t))
        }
        expectKolmogorovSmirnov(sample, cdf: cdf, "ln Gamma(\(shape))")
        if shape < 0.1 {
            // The point of the log-space boost: ln X reaches far below the underflow of X.
            #expect(sample.min()! < -800)
        }
    }

    /// χ²_ν = Gamma(ν/2, 2): KS against P(ν/2, x/2); σ² = 2ν, μ₄ = 12ν(ν + 4).
    @Test(arguments: [0.5, 1.0, 3.0, 99.0])
    func chiSquared(degreesOfFreedom nu: Double) {
        let sample = draws(ChiSquared(degreesOfFreedom: nu), 100_000, seed: 35)
        expectKolmogorovSmirnov(sample, cdf: { SpecialFunctions.regularizedGammaP(nu / 2, max($0, 0) / 2) }, "χ²(\(nu))")
        expectMoments(SampleMoments(sample), mean: nu, variance: 2 * nu, fourthCentralMoment: 12 * nu * (nu + 4), "χ²(\(nu))")
    }

    /// The beta fourth central moment: μ₄ = σ⁴ (3 + excess kurtosis), excess =
    /// 6[(α − β)²(α + β + 1) − αβ(α + β + 2)] / [αβ(α + β + 2)(α + β + 3)].
    static func betaMoments(_ a: Double, _ b: Double) -> (mean: Double, variance: Double, fourth: Double) {
        let s = a + b
        let variance = a * b / (s * s * (s + 1))
        let excess = 6 * ((a - b) * (a - b) * (s + 1) - a * b * (s + 2)) / (a * b * (s + 2) * (s + 3))
        return (a / s, variance, variance * variance * (3 + excess))
    }

    /// Edges for a binned test on (0, 1) that resolve both ends down to 10⁻³⁰⁰ and 1 − 10⁻¹⁵.
    static let unitIntervalEdges: [Double] = {
        let low = [-300.0, -100, -30, -10, -5, -3, -2, -1.5, -1].map { pow(10, $0) }
        let middle = stride(from: 0.2, through: 0.8, by: 0.1).map { $0 }
        let high = [-1.0, -1.5, -2, -3, -5, -10, -15].map { 1 - pow(10, $0) }
        return [0] + low + middle + high + [1]
    }()

    /// KS against I_x(α, β) where draws are continuous; a binned chi-square resolving both ends
    /// (ratio of gammas in log-space) for small parameters; moments.
    @Test(arguments: [(2.0, 3.0), (0.5, 0.5), (1.0, 1.0), (0.1, 5.0), (0.01, 0.01), (1e-3, 2.0), (50.0, 0.2)])
    func beta(alpha: Double, beta: Double) {
        let sample = draws(Beta(alpha: alpha, beta: beta), 100_000, seed: 37)
        #expect(sample.allSatisfy { $0 >= 0 && $0 <= 1 }, "Beta(\(alpha), \(beta)) outside [0, 1] or NaN")
        let cdf = { (x: Double) in betaCDF(alpha, beta, x) }
        let survival = { (x: Double) in betaSurvival(alpha, beta, x) }
        if min(alpha, beta) >= 0.1 {
            expectKolmogorovSmirnov(sample, cdf: cdf, "Beta(\(alpha), \(beta))")
        }
        expectBinnedChiSquare(sample, edges: GammaTests.unitIntervalEdges, cdf: cdf, survival: survival,
                              "Beta(\(alpha), \(beta))")
        let m = GammaTests.betaMoments(alpha, beta)
        expectMoments(SampleMoments(sample), mean: m.mean, variance: m.variance, fourthCentralMoment: m.fourth,
                      "Beta(\(alpha), \(beta))")
    }

    /// Marginals X_i ~ Beta(α_i, α₀ − α_i) (binned chi-square and moments), covariances
    /// −α_iα_j/(α₀²(α₀ + 1)) within 4.5 SE (SE from the sample's fourth mixed moment), sums to 1.
    @Test(arguments: [[1.0, 2.0, 3.0], [0.01, 0.01, 0.01, 0.01], [0.5, 20.0], [1e-3, 1.0, 100.0]])
    func dirichlet(concentrations: [Double]) {
        let dirichlet = Dirichlet(concentrations: concentrations)
        let k = concentrations.count
        let total = concentrations.reduce(0, +)
        let n = 50_000
        var generator = Xoshiro256StarStar(seed: 39)
        var columns = [[Double]](repeating: [], count: k)
        var draw: [Double] = []
        for _ in 0..<n {
            dirichlet.sample(into: &draw, using: &generator)
            #expect(draw.count == k)
            #expect(abs(draw.reduce(0, +) - 1) < 1e-12)
            for i in 0..<k { columns[i].append(draw[i]) }
        }
        for i in 0..<k {
            let (a, b) = (concentrations[i], total - concentrations[i])
            expectBinnedChiSquare(columns[i], edges: GammaTests.unitIntervalEdges,
                                  cdf: { betaCDF(a, b, $0) }, survival: { betaSurvival(a, b, $0) },
                                  "Dirichlet \(concentrations) marginal \(i)")
            let m = GammaTests.betaMoments(a, b)
            expectMoments(SampleMoments(columns[i]), mean: m.mean, variance: m.variance, fourthCentralMoment: m.fourth,
                          "Dirichlet \(concentrations) marginal \(i)")
        }
        let (x, y) = (columns[0], columns[1])
        let (mx, my) = (x.reduce(0, +) / Double(n), y.reduce(0, +) / Double(n))
        var covariance = 0.0
        var fourth = 0.0
        for j in 0..<n {
            let product = (x[j] - mx) * (y[j] - my)
            covariance += product
            fourth += product * product
        }
        covariance /= Double(n - 1)
        fourth /= Double(n)
        let truth = -concentrations[0] * concentrations[1] / (total * total * (total + 1))
        let se = ((fourth - covariance * covariance) / Double(n)).squareRoot()
        #expect(abs(covariance - truth) <= standardErrors * se, "Dirichlet \(concentrations): cov \(covariance) vs \(truth)")
        #expect(dirichlet.sample(using: &generator).count == k)
    }
}
