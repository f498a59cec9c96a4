import Foundation
import LinearAlgebra
import Randomness
import Testing

/// Bound used: the computed ŵ solves (XᵀX + λI + ΔG) ŵ = Xᵀy + Δm with |ΔG| ≤ γₙ|X|ᵀ|X| + γ₃d₊₁|L||Lᵀ|
/// and |Δm| ≤ γₙ|X|ᵀ|y| (Higham §3.5, Thm 10.4). So the residual of the normal equations, recomputed
/// in the test (which adds γₙ of its own), is componentwise at most c(n + d)ε(|X|ᵀ|X||ŵ| + |X|ᵀ|y| + λ|ŵ|);
/// |L||Lᵀ| ≤ (n+1)·… is absorbed by taking c = 8. No condition number enters: it is a residual test.
@Suite struct LeastSquaresTests {
    func normalEquationResidualWithinBound(_ x: Matrix, _ y: [Double], _ w: [Double], ridge: Double) -> Bool {
        let n = x.rows, d = x.columns
        let xt = x.transposed()
        let fitted = naiveProduct(x, Matrix(rows: d, columns: 1, elements: w)).elements
        let residual = zip(y, fitted).map { $0 - $1 }
        let gradient = naiveProduct(xt, Matrix(rows: n, columns: 1, elements: residual)).elements
        let absX = absolute(x), absXt = absolute(xt)
        let scale = zip(
            naiveProduct(absXt, naiveProduct(absX, Matrix(rows: d, columns: 1, elements: w.map(abs)))).elements,
            absXt.multiply(y.map(abs))
        ).map { $0 + $1 }
        return (0..<d).allSatisfy { j in
            abs(gradient[j] - ridge * w[j]) <= 8 * Double(n + d) * eps * (scale[j] + ridge * abs(w[j]))
        }
    }

    @Test(arguments: sizes)
    func ordinaryAndRidgeSatisfyNormalEquations(d: Int) throws {
        var generator = Xoshiro256StarStar(seed: UInt64(4000 + d))
        let n = 2 * d + 5
        let x = randomMatrix(n, d, &generator)
        let truth = normals(d, &generator)
        let y = zip(x.multiply(truth), normals(n, &generator)).map { $0 + 0.1 * $1 }
        let ols = try #require(x.leastSquares(y))
        #expect(normalEquationResidualWithinBound(x, y, ols, ridge: 0))
        let ridge = try #require(x.leastSquares(y, ridge: 2.5))
        #expect(normalEquationResidualWithinBound(x, y, ridge, ridge: 2.5))
    }

    /// Noise-free data are fitted exactly: ŵ = w* to κ(X)²·nε (normal equations square κ).
    @Test func exactFit() throws {
        var generator = Xoshiro256StarStar(seed: 5)
        let x = randomMatrix(40, 6, &generator)
        let truth = [1.0, -2, 0.5, 3, 0, 7]
        let w = try #require(x.leastSquares(x.multiply(truth)))
        let e = x.gram().symmetricEigen()
        let conditionSquared = e.values.last! / e.values.first!
        #expect(zip(w, truth).allSatisfy { abs($0 - $1) <= 8 * 40 * eps * conditionSquared * maxAbs(truth) })
    }

    /// Orthonormal design Q: the ridge solution is Qᵀy / (1 + λ) in closed form.
    @Test func ridgeClosedFormOnOrthonormalDesign() throws {
        var generator = Xoshiro256StarStar(seed: 6)
        let q = randomOrthogonal(12, &generator)
        let design = Matrix(rows: 12, columns: 5) { i, j in q[i, j] }
        let y = normals(12, &generator)
        let lambda = 0.75
        let w = try #require(design.leastSquares(y, ridge: lambda))
        let expected = design.transposedMultiply(y).map { $0 / (1 + lambda) }
        #expect(zip(w, expected).allSatisfy { abs($0 - $1) <= 64 * eps * maxAbs(y) })
    }

    /// Singular designs: nil with λ = 0 (fewer rows than columns; exactly collinear columns), a
    /// solution with λ > 0.
    @Test func singularDesigns() throws {
        var generator = Xoshiro256StarStar(seed: 7)
        let wide = randomMatrix(3, 5, &generator)
        let y3 = normals(3, &generator)
        #expect(wide.leastSquares(y3) == nil)
        let ridge = try #require(wide.leastSquares(y3, ridge: 0.1))
        #expect(normalEquationResidualWithinBound(wide, y3, ridge, ridge: 0.1))

        let base = normals(200, &generator), other = normals(200, &generator)
        let collinear = Matrix(rows: 200, columns: 3) { i, j in [base[i], other[i], 3 * base[i]][j] }
        #expect(collinear.leastSquares(normals(200, &generator)) == nil)
        #expect(Matrix(rows: 4, columns: 2, repeating: 0).leastSquares([1, 2, 3, 4]) == nil)
        #expect(Matrix(rows: 4, columns: 2, repeating: 0).leastSquares([1, 2, 3, 4], ridge: 1) == [0, 0])
    }

    /// Integer weights are the same as repeated rows; weight 0 drops a row.
    @Test func weightedEqualsRepeatedRows() throws {
        var generator = Xoshiro256StarStar(seed: 8)
        let x = randomMatrix(30, 4, &generator)
        let y = normals(30, &generator)
        let weights = (0..<30).map { Double($0 % 3) }
        var rows = [Double](), responses = [Double]()
        for i in 0..<30 {
            for _ in 0..<Int(weights[i]) {
                rows += x.row(i)
                responses.append(y[i])
            }
        }
        let expanded = Matrix(rows: responses.count, columns: 4, elements: rows)
        let weighted = try #require(x.leastSquares(y, weights: weights, ridge: 0.5))
        let repeated = try #require(expanded.leastSquares(responses, ridge: 0.5))
        #expect(zip(weighted, repeated).allSatisfy { abs($0 - $1) <= 1e3 * eps * maxAbs(repeated) })
        // Three positive weights on a four-column design: singular.
        let few = (0..<30).map { $0 < 3 ? 1.0 : 0 }
        #expect(x.leastSquares(y, weights: few) == nil)
    }
}

/// The minimum-norm solution against its characterisations: equal to OLS for a full-column-rank
/// design; for a wide design it interpolates (Xŵ = y) and lies in the row space, so it equals
/// Xᵀ(XXᵀ)⁻¹y; for duplicated columns the weight is split equally. The Gram route squares κ(X), so
/// the bounds are 8·max(n, d)·ε·κ(X)²·scale.
@Suite struct MinimumNormTests {
    func conditionSquared(_ x: Matrix) -> Double {
        let g = x.rows >= x.columns ? x.gram() : x.transposed().gram()
        let values = g.symmetricEigen().values
        return values.last! / values.first!
    }

    @Test(arguments: [1, 2, 5, 20])
    func tallMatchesOrdinaryLeastSquares(d: Int) throws {
        var generator = Xoshiro256StarStar(seed: UInt64(5000 + d))
        let x = randomMatrix(3 * d + 2, d, &generator)
        let y = normals(3 * d + 2, &generator)
        let ols = try #require(x.leastSquares(y))
        let minimum = x.minimumNormLeastSquares(y)
        let bound = 8 * Double(3 * d + 2) * eps * conditionSquared(x) * maxAbs(ols)
        #expect(zip(ols, minimum).allSatisfy { abs($0 - $1) <= bound })
    }

    @Test(arguments: [(1, 3), (5, 9), (20, 40), (30, 31)])
    func wideInterpolatesWithMinimumNorm(n: Int, d: Int) throws {
        var generator = Xoshiro256StarStar(seed: UInt64(6000 + n * 100 + d))
        let x = randomMatrix(n, d, &generator)
        let y = normals(n, &generator)
        let w = x.minimumNormLeastSquares(y)
        #expect(w.count == d)
        let kappa2 = conditionSquared(x)
        let scale = maxAbs(y) + maxAbs(absolute(x).multiply(w.map(abs)))
        #expect(maxAbs(zip(x.multiply(w), y).map { $0 - $1 }) <= 8 * Double(d) * eps * kappa2 * scale)
        let outer = try #require(x.transposed().gram().cholesky())
        let expected = x.transposedMultiply(outer.solve(y))
        #expect(zip(w, expected).allSatisfy { abs($0 - $1) <= 8 * Double(d) * eps * kappa2 * maxAbs(expected) })
    }

    @Test func rankDeficientSplitsWeight() {
        var generator = Xoshiro256StarStar(seed: 11)
        let c = normals(25, &generator)
        let y = c.map { 2 * $0 }
        let x = Matrix(rows: 25, columns: 2) { i, _ in c[i] }
        #expect(x.leastSquares(y) == nil)
        let w = x.minimumNormLeastSquares(y)
        #expect(abs(w[0] - 1) <= 64 * eps && abs(w[1] - 1) <= 64 * eps)
        #expect(Matrix(rows: 3, columns: 4, repeating: 0).minimumNormLeastSquares([1, 2, 3]) == [0, 0, 0, 0])
    }

    /// The ridge path converges to the minimum-norm solution as λ → 0: with σ²ₖ the nonzero eigenvalues
    /// of XXᵀ, ‖ŵ_λ − X⁺y‖ ≤ (λ/σ²_min)‖X⁺y‖ (bias), plus the rounding of a solve with condition
    /// (σ²_max + λ)/λ: 8dε·(σ²_max/λ)·‖ŵ‖.
    @Test func ridgeLimit() throws {
        var generator = Xoshiro256StarStar(seed: 12)
        let x = randomMatrix(8, 15, &generator)
        let y = normals(8, &generator)
        let minimum = x.minimumNormLeastSquares(y)
        let spectrum = x.transposed().gram().symmetricEigen().values
        let lambda = 1e-6
        let ridge = try #require(x.leastSquares(y, ridge: lambda))
        let bound = (lambda / spectrum.first! + 8 * 15 * eps * spectrum.last! / lambda) * norm2(minimum)
        #expect(norm2(zip(ridge, minimum).map { $0 - $1 }) <= bound)
        // And the bias is really there at a larger λ (the test above is not vacuous).
        let rough = try #require(x.leastSquares(y, ridge: 1e-2))
        #expect(norm2(zip(rough, minimum).map { $0 - $1 }) > 100 * bound)
    }
}
