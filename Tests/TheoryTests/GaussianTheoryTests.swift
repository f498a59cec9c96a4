import Families
import Testing
import Theory

/// The closed forms against the checked numbers of RESEARCH.md §1–2 (given there to 5–6 digits).
func theory(_ estimator: GaussianEstimator, sizes: [Int], dimension: Int = 1, fit: GaussianFitMode = .meanAndVariance) -> GaussianTheory {
    GaussianTheory(
        dimension: dimension, estimator: estimator, fitMode: fit, truthMean: 0,
        truthTrace: Double(dimension), truthLogDeterminant: 0, sizes: sizes)
}

@Test func mleVarianceAndLogVariance() throws {
    let model = theory(.mle, sizes: Array(repeating: 100, count: 50))
    let variance = try #require(model.expectations(of: .variance)[50])
    let logVariance = try #require(model.expectations(of: .logVariance)[50])
    #expect(abs(variance - 0.60501) < 5e-6)
    #expect(abs(logVariance - -1.00927) < 5e-6)
    #expect(model.expectations(of: .variance)[0] == 1)
}

@Test func unbiasedVarianceIsAMartingaleWhileTheStandardDeviationShrinks() throws {
    let model = theory(.unbiased, sizes: Array(repeating: 100, count: 50))
    #expect(try #require(model.expectations(of: .variance)[50]) == 1)
    let std = try #require(model.expectations(of: .std)[50])
    #expect(abs(std - 0.88139) < 5e-6)
    let w2 = try #require(model.expectations(of: .w2Squared)[50])
    #expect(abs(w2 - 0.73723) < 5e-6)
    // Var μ_t = tσ²/n for the unbiased estimator.
    #expect(abs(try #require(model.expectations(of: .meanError)[50]) - 0.5) < 1e-12)
}

@Test func mleMeanErrorIsOneMinusTheVarianceFactor() throws {
    let model = theory(.mle, sizes: Array(repeating: 100, count: 50))
    let expected = 1 - 0.605006067137536  // 1 − (1 − 1/100)^50
    #expect(abs(try #require(model.expectations(of: .meanError)[50]) - expected) < 1e-12)
}

@Test func growingSampleSizesOfXuHeCheng() throws {
    // E σ_T = σ ∏_{k<T} c(n_k − 1), T = 1000 (RESEARCH.md §2).
    let constant = theory(.unbiased, sizes: Array(repeating: 100, count: 1000))
    let linear = theory(.unbiased, sizes: (0..<1000).map { 100 * ($0 + 1) })
    let quadratic = theory(.unbiased, sizes: (0..<1000).map { 100 * ($0 + 1) * ($0 + 1) })
    #expect(abs(try #require(constant.expectations(of: .std)[1000]) - 0.0800) < 5e-5)
    #expect(abs(try #require(linear.expectations(of: .std)[1000]) - 0.9814) < 5e-5)
    #expect(abs(try #require(quadratic.expectations(of: .std)[1000]) - 0.99587) < 5e-6)
}

@Test func multivariateTraceLogDeterminantAndMeanError() throws {
    // Σ₀ = I₃, n = 50, t = 20, MLE: E tr Σ_t = 3(1 − 1/50)^20; E ln det Σ_t = t Σ_j [ψ((n−j)/2) + ln 2 − ln n].
    let model = theory(.mle, sizes: Array(repeating: 50, count: 20), dimension: 3)
    let trace = try #require(model.expectations(of: .variance)[20])
    #expect(abs(trace - 3 * 0.6676079717550942) < 1e-12)
    let logDet = try #require(model.expectations(of: .logVariance)[20])
    // ψ(24.5) + ψ(24) + ψ(23.5) + 3(ln 2 − ln 50), from scipy.special.digamma.
    let perGeneration = 3.178126146353308 + 3.1570758461853075 + 3.135572954863946 + 3 * (0.6931471805599453 - 3.912023005428146)
    #expect(abs(logDet - 20 * perGeneration) < 1e-9)
    let unbiased = theory(.unbiased, sizes: Array(repeating: 50, count: 20), dimension: 3)
    #expect(abs(try #require(unbiased.expectations(of: .meanError)[20]) - 20 * 3.0 / 50) < 1e-12)
}

@Test func knownVarianceMakesTheMeanARandomWalk() throws {
    let model = theory(.mle, sizes: Array(repeating: 10, count: 30), fit: .meanOnly)
    #expect(abs(try #require(model.expectations(of: .meanError)[30]) - 3) < 1e-12)
    #expect(abs(try #require(model.expectations(of: .kl)[30]) - 1.5) < 1e-12)
    #expect(try #require(model.expectations(of: .variance)[30]) == 1)
    // The marginal of X is N(μ, σ²(1 + Σ 1/n)) = N(0, 4): mass outside ±2.9677 is 2Φ(−2.9677/2).
    let tail = try #require(model.expectations(of: .tailMass)[30])
    #expect(abs(tail - 0.1378436872938643) < 1e-10)
}

@Test func noClosedFormWhereTheLiteratureHasNone() {
    let model = theory(.mle, sizes: Array(repeating: 100, count: 10))
    #expect(model.expectations(of: .tailMass)[5] == nil)
    #expect(model.expectations(of: .collapsed)[5] == nil)
    let small = theory(.mle, sizes: Array(repeating: 3, count: 10))
    #expect(small.expectations(of: .kl)[5] == nil)  // E 1/σ² is infinite for ν ≤ 2
}
