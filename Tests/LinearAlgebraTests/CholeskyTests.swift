import Foundation
import LinearAlgebra
import Randomness
import Testing

/// Bounds used (Higham, "Accuracy and Stability of Numerical Algorithms", 2nd ed., Thms 10.3–10.4):
/// the computed factor satisfies A + ΔA = L̂L̂ᵀ with |ΔA| ≤ γₙ₊₁|L̂||L̂ᵀ|, and the computed solution
/// satisfies (A + ΔA)x̂ = b with |ΔA| ≤ γ₃ₙ₊₁|L̂||L̂ᵀ|. Forming the residual in the test adds nε|A||x̂|.
@Suite struct CholeskyTests {
    @Test func twoByTwoClosedForm() throws {
        // [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]].
        let c = try #require(Matrix([[4, 2], [2, 3]]).cholesky())
        #expect(c.lower == Matrix([[2, 0], [1, 2.0.squareRoot()]]))
        #expect(c.rank == 2 && !c.isPivoted && c.isFullRank)
        #expect(abs(c.logDeterminant - log(8)) <= 4 * eps)
        #expect(c.solve([2, 1]) == [0.5, 0])
        #expect(c.multiplyLower([1, 1]) == [2, 1 + 2.0.squareRoot()])
    }

    @Test(arguments: sizes)
    func factorSolveInverse(n: Int) throws {
        var generator = Xoshiro256StarStar(seed: UInt64(1000 + n))
        let condition = 1e4
        let spectrum = geometricSpectrum(n, condition: condition)
        let a = randomSymmetric(eigenvalues: spectrum, &generator)
        let c = try #require(a.cholesky())
        let l = c.lower
        #expect(c.rank == n && c.pivots == Array(0..<n))
        // Lower triangular with a positive diagonal.
        #expect((0..<n).allSatisfy { i in l[i, i] > 0 && ((i + 1)..<n).allSatisfy { l[i, $0] == 0 } })
        // Reconstruction: |A − LLᵀ| ≤ γₙ₊₁|L||Lᵀ| (+ the same again for forming LLᵀ in the test).
        let absLLt = naiveProduct(absolute(l), absolute(l).transposed())
        #expect(within(a - naiveProduct(l, l.transposed()), 2 * Double(n + 1) * eps * absLLt))

        // Solve residual, componentwise.
        let b = normals(n, &generator)
        let x = c.solve(b)
        let residual = zip(b, a.multiply(x)).map { $0 - $1 }
        let xAbs = x.map(abs)
        let bound = zip(absLLt.multiply(xAbs), absolute(a).multiply(xAbs)).map {
            Double(3 * n + 1) * eps * $0 + Double(n) * eps * $1
        }
        #expect(zip(residual, bound).allSatisfy { abs($0) <= $1 })

        // Matrix right-hand sides agree with column-by-column solves (same arithmetic up to order).
        let bMatrix = randomMatrix(n, 3, &generator)
        let xMatrix = c.solve(bMatrix)
        for j in 0..<3 {
            let column = c.solve(bMatrix.column(j))
            #expect(zip(column, xMatrix.column(j)).allSatisfy { abs($0 - $1) <= 8 * Double(n) * eps * condition * maxAbs(column) })
        }

        // Inverse: exactly symmetric, and ‖A⁻¹A − I‖_max ≤ c·n·ε·κ (the inverse's relative error is
        // bounded by nε·κ; c = 4 here).
        let inverse = c.inverse()
        #expect(inverse.isSymmetric())
        #expect(maxAbs(naiveProduct(inverse, a) - Matrix.identity(n)) <= 4 * Double(n) * eps * condition)

        // log det = Σ log λ; the error of a backward-stable factor is |tr(A⁻¹ΔA)| ≤ n·κ·‖ΔA‖/‖A‖,
        // with ‖ΔA‖ ≤ (n+1)ε‖A‖ times a modest factor: 2n(n+1)εκ.
        let expected = spectrum.reduce(0) { $0 + log($1) }
        #expect(abs(c.logDeterminant - expected) <= 2 * Double(n * (n + 1)) * eps * condition)

        // multiplyLower is L z, in both forms.
        let z = normals(n, &generator)
        let lz = c.multiplyLower(z)
        let expectedLz = naiveProduct(l, Matrix(rows: n, columns: 1, elements: z)).elements
        #expect(zip(lz, expectedLz).allSatisfy { abs($0 - $1) <= 2 * Double(n) * eps * maxAbs(expectedLz) + 1e-300 })
        var batch = Matrix(rows: 2, columns: n, elements: z + z)
        c.multiplyLower(rowsOf: &batch)
        #expect(batch.row(0) == lz && batch.row(1) == lz)

        // On a definite matrix the semidefinite factorisation is the ordinary one.
        let s = a.semidefiniteCholesky()
        #expect(s == c)
    }

    @Test func readsOnlyTheLowerTriangle() throws {
        let full = try #require(Matrix([[4, 2], [2, 3]]).cholesky())
        let lowerOnly = try #require(Matrix([[4, 99], [2, 3]]).cholesky())
        #expect(full == lowerOnly)
    }

    @Test func notPositiveDefiniteReturnsNil() {
        #expect(Matrix([[1, 2], [2, 1]]).cholesky() == nil)  // indefinite
        #expect(Matrix([[-1]]).cholesky() == nil)
        #expect(Matrix([[0]]).cholesky() == nil)
        #expect(Matrix([[1, 1], [1, 1]]).cholesky() == nil)  // singular: the second pivot is exactly 0
        #expect(Matrix(rows: 3, columns: 3, repeating: 0).cholesky() == nil)
        #expect(Matrix([[.nan, 0], [0, 1]]).cholesky() == nil)
        #expect(Matrix([[1, 0], [0, -1e-300]]).cholesky() == nil)
        let empty = Matrix(rows: 0, columns: 0, elements: [])
        #expect(empty.cholesky()?.logDeterminant == 0)
    }

    /// A rank-1 PSD matrix v vᵀ: rank 1, reconstructs to O(nε)‖A‖, log det −∞, finite solves.
    @Test(arguments: [1, 2, 3, 10, 50])
    func semidefiniteRankOne(n: Int) {
        var generator = Xoshiro256StarStar(seed: UInt64(n))
        let v = normals(n, &generator)
        let a = Matrix(rows: n, columns: n) { i, j in v[i] * v[j] }
        let c = a.semidefiniteCholesky()
        #expect(c.rank == 1)
        #expect(c.logDeterminant == (n == 1 ? 2 * log(abs(v[0])) : -.infinity))
        let l = c.lower
        #expect(maxAbs(a - naiveProduct(l, l.transposed())) <= 4 * Double(n) * eps * maxAbs(a))
        // A consistent right-hand side b = A y is solved: A x = b.
        let y = normals(n, &generator)
        let b = a.multiply(y)
        let x = c.solve(b)
        #expect(x.allSatisfy { $0.isFinite })
        #expect(maxAbs(zip(a.multiply(x), b).map { $0 - $1 }) <= 8 * Double(n) * eps * maxAbs(a) * max(maxAbs(x), maxAbs(y)))
        // The generalised inverse: A G A = A.
        let g = c.inverse()
        #expect(g.isSymmetric())
        #expect(g.elements.allSatisfy { $0.isFinite })
        #expect(maxAbs(naiveProduct(naiveProduct(a, g), a) - a) <= 16 * Double(n) * eps * maxAbs(a))
    }

    /// Rank r < n: A = B Bᵀ with B = Q₁ diag(s), Q₁ the first r columns of a random orthogonal matrix
    /// and s ∈ [1, 2], so the nonzero eigenvalues lie in [1, 4]. Forming A in floating point leaves
    /// O(nε)‖A‖ in its null space, and a rounding error of that size can survive as a pivot when the
    /// tolerance is the default nε (numerical rank is ill-determined there), so the test passes an
    /// explicit tolerance 10⁻¹⁰, far above that rounding and far below the spectrum. Pivoted factor:
    /// rank r, columns r… zero, and ‖A − LLᵀ‖ ≤ (remaining Schur complement ≤ 10⁻¹⁰·max aᵢᵢ) +
    /// O(nε)‖A‖ (Higham §10.3).
    @Test(arguments: [(2, 1), (5, 2), (10, 9), (30, 5), (50, 25), (50, 49)])
    func semidefiniteLowRank(n: Int, r: Int) {
        var generator = Xoshiro256StarStar(seed: UInt64(n * 100 + r))
        let q = randomOrthogonal(n, &generator)
        let b = Matrix(rows: n, columns: r) { i, j in q[i, j] * (1 + Double(j) / Double(r)) }
        let a = naiveProduct(b, b.transposed())
        let c = a.semidefiniteCholesky(tolerance: 1e-10)
        #expect(c.rank == r)
        #expect(c.isPivoted)
        #expect(Set(c.pivots) == Set(0..<n))
        let l = c.lower
        #expect((0..<n).allSatisfy { i in (r..<n).allSatisfy { l[i, $0] == 0 } })
        #expect(maxAbs(a - naiveProduct(l, l.transposed())) <= 1e-10 * maxAbs(a) + 8 * Double(n) * eps * maxAbs(a))
        // Lower triangular after undoing the row permutation.
        #expect((0..<n).allSatisfy { i in ((i + 1)..<n).allSatisfy { l[c.pivots[i], $0] == 0 } })
        // Sampling covariance: L Lᵀ via multiplyLower on the unit vectors gives the columns of L.
        for j in 0..<n {
            var e = [Double](repeating: 0, count: n)
            e[j] = 1
            #expect(c.multiplyLower(e) == l.column(j))
        }
    }

    /// The case that needs pivoting: v = (10⁻⁸, 1, …). Unpivoted elimination would drop the tiny first
    /// pivot and with it the off-diagonal entries of size 10⁻⁸ (an error of √tolerance); pivoting
    /// keeps the reconstruction at O(nε)‖A‖.
    @Test func semidefinitePivotingRescuesATinyLeadingPivot() {
        let v = [1e-8, 1, -0.5, 2]
        let a = Matrix(rows: 4, columns: 4) { i, j in v[i] * v[j] }
        let c = a.semidefiniteCholesky()
        #expect(c.rank == 1)
        #expect(maxAbs(a - naiveProduct(c.lower, c.lower.transposed())) <= 16 * eps * maxAbs(a))
    }

    @Test func semidefiniteZeroAndTolerance() {
        let zero = Matrix(rows: 3, columns: 3, repeating: 0)
        let c = zero.semidefiniteCholesky()
        #expect(c.rank == 0)
        #expect(c.lower == zero)
        #expect(c.logDeterminant == -.infinity)
        #expect(c.solve([1, 2, 3]) == [0, 0, 0])
        #expect(c.inverse() == zero)
        #expect(c.multiplyLower([1, 1, 1]) == [0, 0, 0])
        // A variance of 10⁻²⁰ next to 1: below the default tolerance nε, above an explicit 10⁻²⁴.
        let a = Matrix.diagonal([1, 1e-20])
        #expect(a.semidefiniteCholesky().rank == 1)
        #expect(a.semidefiniteCholesky(tolerance: 1e-24).rank == 2)
        #expect(a.semidefiniteCholesky(tolerance: 1e-24) == a.cholesky())
        // Not PSD: still finite, never a crash.
        let indefinite = Matrix([[1, 2], [2, 1]]).semidefiniteCholesky()
        #expect(indefinite.rank == 1)
        #expect(indefinite.lower.elements.allSatisfy { $0.isFinite })
    }
}
