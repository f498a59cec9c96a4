import Foundation
import LinearAlgebra
import Randomness

/// Unit roundoff convention: ε = 2⁻⁵², `Double.ulpOfOne`. Tolerances below are written as
/// (constant) · (size) · ε · (scale), following the standard error bounds cited in each test; γₖ = kε/(1 − kε)
/// is taken as kε (k·ε ≪ 1 for every size used).
let eps = Double.ulpOfOne

/// Standard normals by Box–Muller (G. E. P. Box, M. E. Muller, Ann. Math. Statist. 29(2), 1958):
/// for U₁ ∈ (0, 1], U₂ ∈ [0, 1), (−2 ln U₁)^½ cos(2πU₂) is N(0, 1). One value per call; the sine
/// half is discarded, which is fine for test data.
func normal(_ generator: inout Xoshiro256StarStar) -> Double {
    let u1 = generator.nextOpenUniform()
    let u2 = generator.nextUniform()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
}

func normals(_ count: Int, _ generator: inout Xoshiro256StarStar) -> [Double] {
    (0..<count).map { _ in normal(&generator) }
}

func randomMatrix(_ rows: Int, _ columns: Int, _ generator: inout Xoshiro256StarStar) -> Matrix {
    Matrix(rows: rows, columns: columns, elements: normals(rows * columns, &generator))
}

/// A random orthogonal matrix: modified Gram–Schmidt applied twice to a Gaussian matrix ("twice is
/// enough", Giraud et al., Numer. Math. 101, 2005), so ‖QᵀQ − I‖ is O(nε).
func randomOrthogonal(_ n: Int, _ generator: inout Xoshiro256StarStar) -> Matrix {
    var columns = (0..<n).map { _ in normals(n, &generator) }
    for _ in 0..<2 {
        for j in 0..<n {
            for k in 0..<j {
                let projection = zip(columns[j], columns[k]).reduce(0) { $0 + $1.0 * $1.1 }
                for i in 0..<n { columns[j][i] -= projection * columns[k][i] }
            }
            let norm = columns[j].reduce(0) { $0 + $1 * $1 }.squareRoot()
            for i in 0..<n { columns[j][i] /= norm }
        }
    }
    return Matrix(rows: n, columns: n) { i, j in columns[j][i] }
}

/// Q diag(values) Qᵀ for a random orthogonal Q, symmetrised exactly; its eigenvalues are `values`
/// up to O(nε·max|λ|).
func randomSymmetric(eigenvalues values: [Double], _ generator: inout Xoshiro256StarStar) -> Matrix {
    let n = values.count
    let q = randomOrthogonal(n, &generator)
    let a = naiveProduct(naiveProduct(q, Matrix.diagonal(values)), q.transposed())
    return Matrix(rows: n, columns: n) { i, j in (a[i, j] + a[j, i]) / 2 }
}

/// Eigenvalues spread geometrically from 1 to 1/condition (the largest is 1, so ‖A‖₂ = 1, κ₂ = condition).
func geometricSpectrum(_ n: Int, condition: Double) -> [Double] {
    (0..<n).map { n == 1 ? 1 : pow(condition, -Double($0) / Double(n - 1)) }
}

/// The textbook triple loop, the reference for the blocked kernel.
func naiveProduct(_ a: Matrix, _ b: Matrix) -> Matrix {
    Matrix(rows: a.rows, columns: b.columns) { i, j in
        var sum = 0.0
        for p in 0..<a.columns { sum += a[i, p] * b[p, j] }
        return sum
    }
}

func absolute(_ a: Matrix) -> Matrix {
    Matrix(rows: a.rows, columns: a.columns, elements: a.elements.map(abs))
}

func maxAbs(_ a: Matrix) -> Double { a.elements.reduce(0) { max($0, abs($1)) } }
func maxAbs(_ v: [Double]) -> Double { v.reduce(0) { max($0, abs($1)) } }
func norm2(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

/// ‖A‖∞ = max row sum of |aᵢⱼ|.
func infinityNorm(_ a: Matrix) -> Double {
    (0..<a.rows).map { i in (0..<a.columns).reduce(0) { $0 + abs(a[i, $1]) } }.max() ?? 0
}

/// Whether every entry of `error` is within the matching entry of `bound` (both non-negative).
func within(_ error: Matrix, _ bound: Matrix) -> Bool {
    zip(error.elements, bound.elements).allSatisfy { abs($0) <= $1 }
}

let sizes = Array(1...50)
