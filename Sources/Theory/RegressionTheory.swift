/// Closed forms for linear regression refitted on its own labels, and for strong model collapse.
///
/// Setting (RESEARCH.md §3–4): x ~ N(0, Σ) in d dimensions, y = x·w* + ε with noise σ on the real
/// labels; generation 1 is least squares (OLS) on n(0) real points, generation t ≥ 2 is OLS on labels
/// ŷ = x·ŵ_{t−1} + ε_t with noise σ_s. Generation t of the summary is the t-th fit, so "after n
/// generations" in the papers is generation n here, and generation 1 already carries one σ² term.
///
/// Why the terms add: OLS is unbiased for any full-rank design, so ŵ_t = ŵ_{t−1} + (XᵀX)⁻¹Xᵀε_t, and
/// E‖(XᵀX)⁻¹Xᵀε‖²_Σ = σ² E tr(Σ(XᵀX)⁻¹) = σ² d/(n − d − 1), because XᵀX ~ Wishart_d(Σ, n) has
/// E(XᵀX)⁻¹ = Σ⁻¹/(n − d − 1) (for n > d + 1). In the Σ-norm (the excess risk) the result is the same
/// for every Σ; in the Euclidean norm d becomes tr Σ⁻¹.
/// - Replace (fresh or fixed design): E‖ŵ_t − w*‖²_Σ = Σ_{i=1..t} σᵢ² d/(n_{i−1} − d − 1), σ₁ = σ,
///   σᵢ = σ_s: with one n and σ_s = σ, t·σ²d/(n − d − 1) (Dohmatob, Feng & Kempe 2024, "Model collapse
///   demystified"; Gerstgrasser et al. 2024, "Is model collapse inevitable?").
/// - Accumulate (the real sample kept, every synthetic batch added, all on one fixed design X with n
///   rows): ŵ_t = (1/t)Σ_{i≤t}(ŵ_{i−1} + (XᵀX)⁻¹Xᵀεᵢ), so e_t = e_{t−1} + (XᵀX)⁻¹Xᵀε_t / t and
///   E‖ŵ_t − w*‖²_Σ = d/(n − d − 1)·(σ² + σ_s² Σ_{i=2..t} 1/i²) — bounded by (π²/6)σ²d/(n − d − 1)
///   (Gerstgrasser et al. 2024, Thm; the exact sum is RESEARCH.md §3's derived form).
/// - Training error under replace: E‖y − Xŵ‖²/n = σₜ²(n − d)/n (the residual is (I − P)ε).
/// - Strong collapse (Dohmatob, Feng, Subramonian & Kempe, "Strong Model Collapse", ICLR 2025):
///   isotropic Σ = I, OLS on n points of which a fraction p has labels from w₂, c² = ‖w₂ − w₁‖²,
///   φ = d/n < 1: E‖ŵ − w₁‖² ≈ σ²φ/(1 − φ) + p²c² + p(1 − p)c²φ/(1 − φ), which tends to p²c² > 0 as
///   n → ∞. Asymptotic in d, n → ∞ with d/n = φ (RESEARCH.md §4: within about 1% at d ≥ 100).
public enum RegressionTheory {
    /// E‖ŵ_t − w*‖²_Σ at generations 0…T under replace (index = generation; 0 at generation 0).
    /// nil from the first generation whose n(t − 1) ≤ d + 1 (the expectation is infinite there).
    /// - Parameters:
    ///   - sizes: n(0), …, n(T − 1).
    public static func replaceExcessRisk(dimension d: Int, sizes: [Int], noise: Double, syntheticNoise: Double) -> [Double?] {
        var result: [Double?] = [0]
        var sum = 0.0
        var defined = true
        for (index, n) in sizes.enumerated() {
            let variance = index == 0 ? noise * noise : syntheticNoise * syntheticNoise
            if n <= d + 1 { defined = false }
            sum += variance * Double(d) / Double(n - d - 1)
            result.append(defined ? sum : nil)
        }
        return result
    }

    /// E‖ŵ_t − w*‖²_Σ at generations 0…T under accumulate on a fixed design of n > d + 1 rows.
    public static func accumulateExcessRisk(dimension d: Int, sampleSize n: Int, generations: Int, noise: Double, syntheticNoise: Double) -> [Double?] {
        guard n > d + 1 else { return [0] + [Double?](repeating: nil, count: generations) }
        let base = Double(d) / Double(n - d - 1)
        var result: [Double?] = [0]
        var weighted = noise * noise
        for t in 1...max(1, generations) where t <= generations {
            if t >= 2 { weighted += syntheticNoise * syntheticNoise / Double(t * t) }
            result.append(base * weighted)
        }
        return result
    }

    /// E training error (weighted mean squared residual) at generations 0…T under replace:
    /// σₜ²(n − d)/n; generation 0 is σ² (the truth's residual variance).
    public static func replaceTrainError(dimension d: Int, sizes: [Int], noise: Double, syntheticNoise: Double) -> [Double?] {
        var result: [Double?] = [noise * noise]
        for (index, n) in sizes.enumerated() {
            let variance = index == 0 ? noise * noise : syntheticNoise * syntheticNoise
            result.append(n > d ? variance * Double(n - d) / Double(n) : nil)
        }
        return result
    }

    /// The strong-collapse excess risk σ²φ/(1 − φ) + p²c² + p(1 − p)c²φ/(1 − φ), φ = d/n; nil when
    /// φ ≥ 1 (the formula is for the under-parameterised side).
    public static func mixedLabelExcessRisk(dimension d: Int, sampleSize n: Int, syntheticFraction p: Double, shiftSquared c2: Double, noise: Double) -> Double? {
        let phi = Double(d) / Double(n)
        guard phi < 1 else { return nil }
        let amplification = phi / (1 - phi)
        return noise * noise * amplification + p * p * c2 + p * (1 - p) * c2 * amplification
    }
}
