import Foundation
import LinearAlgebra
import Randomness
import Testing

/// Bounds used: Jacobi is backward stable, the computed V̂, Λ̂ are exact for A + E with
/// ‖E‖ ≤ p(n)·ε·‖A‖ and ‖V̂ᵀV̂ − I‖ ≤ p(n)·ε (Golub & Van Loan §8.5, error analysis of Jacobi); by Weyl's theorem each
/// eigenvalue is then within ‖E‖ of the true one. p(n) = 8n is used for these sizes.
@Suite struct SymmetricEigenTests {
    @Test func twoByTwoClosedForm() {
        // [[2, 1], [1, 2]]: eigenvalues 1, 3 with vectors (1, −1)/√2, (1, 1)/√2.
        let e = Matrix([[2, 1], [1, 2]]).symmetricEigen()
        #expect(abs(e.values[0] - 1) <= 4 * eps && abs(e.values[1] - 3) <= 4 * eps)
        let h = 0.5.squareRoot()
        #expect(abs(abs(e.vectors[0, 0]) - h) <= 4 * eps && abs(e.vectors[0, 0] + e.vectors[1, 0]) <= 4 * eps)
        #expect(abs(e.vectors[0, 1] - h) <= 4 * eps && abs(e.vectors[1, 1] - h) <= 4 * eps)
        #expect(abs(e.logDeterminant - log(3)) <= 4 * eps)
        // A diagonal matrix is its own decomposition, sorted.
        let d = Matrix.diagonal([3, -1, 2]).symmetricEigen()
        #expect(d.values == [-1, 2, 3])
        #expect(d.vectors == Matrix([[0, 0, 1], [1, 0, 0], [0, 1, 0]]))
    }

    @Test(arguments: sizes)
    func decompositionIdentities(n: Int) {
        var generator = Xoshiro256StarStar(seed: UInt64(2000 + n))
        // Mixed signs and a repeated eigenvalue when n ≥ 4.
        var spectrum = (0..<n).map { _ in normal(&generator) }
        if n >= 4 { spectrum[1] = spectrum[0] }
        let a = randomSymmetric(eigenvalues: spectrum, &generator)
        let e = a.symmetricEigen()
        let v = e.vectors
        let norm = maxAbs(spectrum)
        let tolerance = 8 * Double(n) * eps
        #expect(e.values == e.values.sorted())
        #expect(zip(e.values, spectrum.sorted()).allSatisfy { abs($0 - $1) <= tolerance * norm })
        // Orthonormal columns.
        #expect(maxAbs(naiveProduct(v.transposed(), v) - Matrix.identity(n)) <= tolerance)
        // A vⱼ = λⱼ vⱼ.
        let av = naiveProduct(a, v)
        let vLambda = naiveProduct(v, Matrix.diagonal(e.values))
        #expect(maxAbs(av - vLambda) <= tolerance * norm)
        // Sign convention: the largest-magnitude entry of each vector is positive.
        for j in 0..<n {
            let column = v.column(j)
            let largest = column.indices.max { abs(column[$0]) < abs(column[$1]) }!
            #expect(column[largest] > 0)
        }
        // f(A) with f = identity rebuilds A.
        #expect(maxAbs(e.applying { $0 } - a) <= tolerance * norm)
        #expect(e.applying { $0 }.isSymmetric())
    }

    /// Positive definite: √A·√A = A to O(nε)‖A‖ independent of κ, and log det = Σ log λ against both
    /// the prescribed spectrum and the Cholesky factor.
    @Test(arguments: sizes)
    func squareRootAndLogDeterminant(n: Int) throws {
        var generator = Xoshiro256StarStar(seed: UInt64(3000 + n))
        let condition = 1e6
        let spectrum = geometricSpectrum(n, condition: condition)
        let a = randomSymmetric(eigenvalues: spectrum, &generator)
        let root = a.symmetricSquareRoot()
        #expect(root.isSymmetric())
        #expect(maxAbs(naiveProduct(root, root) - a) <= 8 * Double(n) * eps * maxAbs(spectrum))
        let expected = spectrum.reduce(0) { $0 + log($1) }
        let e = a.symmetricEigen()
        // Relative accuracy of Jacobi on a PD matrix (Demmel–Veselić): each λ to O(nε·κ(D⁻¹AD⁻¹)),
        // here bounded by nεκ with D = I; the sum of n logs then within n·(8nεκ).
        #expect(abs(e.logDeterminant - expected) <= 8 * Double(n * n) * eps * condition)
        let c = try #require(a.cholesky())
        #expect(abs(c.logDeterminant - e.logDeterminant) <= 8 * Double(n * n) * eps * condition)
    }

    /// Jacobi's relative accuracy: a graded PD matrix A = D H D (H well conditioned, D spanning 10¹⁶)
    /// has eigenvalues from 1 to about 10⁻³²; Jacobi finds even the smallest to a relative error of
    /// O(nε·κ(H)), where an absolute-accuracy method would only give O(ε‖A‖) = 10⁻¹⁶ (Demmel & Veselić,
    /// 1992, Theorem 4.x). Compared with the product of eigenvalues against det A = det(D)² det H.
    @Test func gradedMatrixRelativeAccuracy() throws {
        var generator = Xoshiro256StarStar(seed: 9)
        let n = 6
        let h = randomSymmetric(eigenvalues: [1, 0.9, 0.8, 0.7, 0.6, 0.5], &generator)
        let scales = (0..<n).map { pow(10, -16 * Double($0) / Double(n - 1)) }
        let a = Matrix(rows: n, columns: n) { i, j in scales[i] * h[i, j] * scales[j] }
        // A property of the Jacobi algorithm (the Swift backend), not of the API: LAPACK's dsyevd is
        // accurate relative to ‖A‖ only (Docs/LinearAlgebra.md), so this runs on the Swift backend.
        let e = Backend.with(.swift) { a.symmetricEigen() }
        #expect(e.values.allSatisfy { $0 > 0 })
        let logDetH = [1, 0.9, 0.8, 0.7, 0.6, 0.5].reduce(0) { $0 + log($1) }
        let expected = logDetH + 2 * scales.reduce(0) { $0 + log($1) }
        // Each log λ to O(nεκ(H)) = 8·6·ε·2; summed over n: generous 1e-12.
        #expect(abs(e.logDeterminant - expected) <= 1e-12)
        let c = try #require(a.cholesky())
        #expect(abs(c.logDeterminant - expected) <= 1e-12)
    }

    /// Positive semi-definite, rank-deficient: eigenvalues 0 come out as O(nε)‖A‖ (either sign), the
    /// root clamps them, and still √A·√A = A; log det is −∞ when an eigenvalue is ≤ 0.
    @Test(arguments: [(3, 1), (10, 4), (50, 20)])
    func semidefiniteSquareRoot(n: Int, r: Int) {
        var generator = Xoshiro256StarStar(seed: UInt64(n + r))
        let b = randomMatrix(n, r, &generator)
        let a = naiveProduct(b, b.transposed())
        let e = a.symmetricEigen()
        let norm = e.values.last!
        #expect(e.values.prefix(n - r).allSatisfy { abs($0) <= 8 * Double(n) * eps * norm })
        let root = a.symmetricSquareRoot()
        #expect(maxAbs(naiveProduct(root, root) - a) <= 8 * Double(n) * eps * norm)
        #expect(Matrix(rows: 2, columns: 2, repeating: 1).symmetricEigen().logDeterminant == -.infinity)
        #expect(maxAbs(Matrix.diagonal([4, 0]).symmetricSquareRoot() - Matrix.diagonal([2, 0])) <= 4 * eps)
    }

    @Test func edgeCases() {
        let empty = Matrix(rows: 0, columns: 0, elements: []).symmetricEigen()
        #expect(empty.values.isEmpty && empty.logDeterminant == 0)
        let one = Matrix([[-2]]).symmetricEigen()
        #expect(one.values == [-2] && one.vectors == Matrix([[1]]))
        let zero = Matrix(rows: 4, columns: 4, repeating: 0).symmetricEigen()
        #expect(zero.values == [0, 0, 0, 0] && zero.vectors == Matrix.identity(4))
        // Only the lower triangle is read.
        #expect(Matrix([[2, 99], [1, 2]]).symmetricEigen() == Matrix([[2, 1], [1, 2]]).symmetricEigen())
        // Huge and tiny scales do not overflow or underflow the rotation.
        let big = Matrix([[1e300, 1e299], [1e299, -1e300]]).symmetricEigen()
        #expect(big.values.allSatisfy { $0.isFinite })
        let tiny = Matrix([[1e-300, 1e-305], [1e-305, 2e-300]]).symmetricEigen()
        #expect(tiny.values.allSatisfy { $0 > 0 })
    }
}
