import Foundation
import LinearAlgebra
import Randomness
import Testing

/// The pure-Swift and OpenBLAS/LAPACKE backends give the same answers on random problems.
///
/// Both are backward stable with errors of order (size)·ε·(condition), so on well-conditioned random
/// problems (Gaussian matrices, κ ≲ 10³) their results differ by about 10⁻¹³ relative; the issue's
/// 10⁻¹⁰ leaves three orders of magnitude. Relative means ‖a − b‖∞ ≤ 10⁻¹⁰·‖b‖∞ for a whole result.
/// These tests need a build with the trait (`swift test --traits OpenBLAS`); without it they are
/// skipped, and the other LinearAlgebra tests exercise the one backend there is.
@Suite(.enabled(if: Backend.isOpenBLASAvailable, "needs the OpenBLAS trait"))
struct BackendAgreementTests {
    static let relative = 1e-10

    func agree(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && maxAbs(zip(a, b).map { $0 - $1 }) <= Self.relative * Swift.max(maxAbs(b), .leastNormalMagnitude)
    }

    func both<R>(_ body: () -> R) -> (swift: R, openBLAS: R) {
        (Backend.with(.swift, body), Backend.with(.openBLAS, body))
    }

    @Test(arguments: [(1, 1, 1), (3, 7, 5), (17, 33, 9), (64, 64, 64), (130, 70, 300)])
    func products(m: Int, k: Int, n: Int) {
        var generator = Xoshiro256StarStar(seed: UInt64(m * 10_000 + k * 100 + n))
        let a = randomMatrix(m, k, &generator), b = randomMatrix(k, n, &generator)
        let tall = randomMatrix(k, m, &generator)
        let product = both { a * b }
        #expect(agree(product.swift.elements, product.openBLAS.elements))
        let transposed = both { tall.transposedTimes(b) }
        #expect(agree(transposed.swift.elements, transposed.openBLAS.elements))
        let gram = both { tall.gram() }
        #expect(agree(gram.swift.elements, gram.openBLAS.elements))
        #expect(gram.openBLAS.isSymmetric())
        let weights = (0..<k).map { _ in abs(normal(&generator)) }
        let weighted = both { tall.gram(weights: weights) }
        #expect(agree(weighted.swift.elements, weighted.openBLAS.elements))
        let signed = (0..<k).map { _ in normal(&generator) }
        let signedGram = both { tall.gram(weights: signed) }
        #expect(agree(signedGram.swift.elements, signedGram.openBLAS.elements))
        #expect(signedGram.openBLAS.isSymmetric())
    }

    @Test(arguments: [1, 2, 5, 17, 50, 120])
    func choleskySolvesAndSampling(n: Int) throws {
        var generator = Xoshiro256StarStar(seed: UInt64(7_000 + n))
        let a = randomSymmetric(eigenvalues: geometricSpectrum(n, condition: 100), &generator)
        let factors = both { a.cholesky() }
        let swift = try #require(factors.swift), blas = try #require(factors.openBLAS)
        #expect(agree(swift.lower.elements, blas.lower.elements))
        #expect(abs(swift.logDeterminant - blas.logDeterminant) <= Self.relative * abs(swift.logDeterminant) + 1e-12)
        let b = normals(n, &generator)
        let x = both { swift.solve(b) }
        #expect(agree(x.swift, x.openBLAS))
        let rhs = randomMatrix(n, 4, &generator)
        let xs = both { swift.solve(rhs) }
        #expect(agree(xs.swift.elements, xs.openBLAS.elements))
        let inverse = both { swift.inverse() }
        #expect(agree(inverse.swift.elements, inverse.openBLAS.elements))
        // Not positive definite: nil on both.
        let indefinite = a - Matrix.identity(n) * 2
        let failed = both { indefinite.cholesky() }
        #expect(failed.swift == nil && failed.openBLAS == nil)
    }

    /// A rank-deficient PSD matrix: both pivot (dpstrf on one side) and find the same rank; pivot
    /// orders may differ on near-ties, so the factors are compared through A = LLᵀ and the solve of a
    /// consistent system.
    @Test(arguments: [(6, 2), (20, 7), (40, 39)])
    func semidefinite(n: Int, r: Int) {
        var generator = Xoshiro256StarStar(seed: UInt64(8_000 + n * 100 + r))
        let b = randomMatrix(n, r, &generator)
        let a = naiveProduct(b, b.transposed())
        let factors = both { a.semidefiniteCholesky(tolerance: 1e-10) }
        #expect(factors.swift.rank == r && factors.openBLAS.rank == r)
        #expect(factors.swift.isPivoted && factors.openBLAS.isPivoted)
        let rebuilt = both { naiveProduct(factors.openBLAS.lower, factors.openBLAS.lower.transposed()) }.openBLAS
        #expect(maxAbs(rebuilt - a) <= 1e-9 * maxAbs(a))
        let rhs = a.multiply(normals(n, &generator))
        let x = Backend.with(.openBLAS) { factors.openBLAS.solve(rhs) }
        #expect(maxAbs(zip(a.multiply(x), rhs).map { $0 - $1 }) <= 1e-8 * maxAbs(rhs))
    }

    @Test(arguments: [1, 2, 6, 25, 80])
    func eigen(n: Int) {
        var generator = Xoshiro256StarStar(seed: UInt64(9_000 + n))
        // Well-separated eigenvalues, so that the eigenvectors are well determined and comparable.
        let spectrum = (0..<n).map { Double($0) - Double(n) / 3 + 0.25 * normal(&generator) * 0.1 }
        let a = randomSymmetric(eigenvalues: spectrum, &generator)
        let e = both { a.symmetricEigen() }
        #expect(agree(e.swift.values, e.openBLAS.values))
        #expect(agree(e.swift.vectors.elements, e.openBLAS.vectors.elements))
        let root = both { (a * a).symmetricSquareRoot() }
        #expect(agree(root.swift.elements, root.openBLAS.elements))
    }

    @Test(arguments: [(40, 10, 0.0), (200, 60, 0.0), (200, 60, 3.5), (30, 90, 0.5)])
    func leastSquares(n: Int, d: Int, ridge: Double) throws {
        var generator = Xoshiro256StarStar(seed: UInt64(10_000 + n + d))
        let x = randomMatrix(n, d, &generator), y = normals(n, &generator)
        if n >= d || ridge > 0 {
            let w = both { x.leastSquares(y, ridge: ridge) }
            #expect(agree(try #require(w.swift), try #require(w.openBLAS)))
            let weights = (0..<n).map { Double($0 % 4) + 0.5 }
            let ww = both { x.leastSquares(y, weights: weights, ridge: ridge) }
            #expect(agree(try #require(ww.swift), try #require(ww.openBLAS)))
        }
        let minimum = both { x.minimumNormLeastSquares(y) }
        #expect(agree(minimum.swift, minimum.openBLAS))
    }

    @Test func minimumNormDegenerateCases() {
        var generator = Xoshiro256StarStar(seed: 12)
        let c = normals(25, &generator)
        let duplicated = Matrix(rows: 25, columns: 2) { i, _ in c[i] }
        let w = both { duplicated.minimumNormLeastSquares(c.map { 2 * $0 }) }
        #expect(agree(w.swift, w.openBLAS) && abs(w.openBLAS[0] - 1) <= 1e-12)
        let zero = both { Matrix(rows: 3, columns: 4, repeating: 0).minimumNormLeastSquares([1, 2, 3]) }
        #expect(zero.openBLAS == [0, 0, 0, 0] && zero.swift == [0, 0, 0, 0])
    }

    @Test func selection() {
        #expect(Backend.available == [.swift, .openBLAS])
        #expect(Backend.with(.swift) { Backend.current } == .swift)
        #expect(Backend.with(.openBLAS) { Backend.current } == .openBLAS)
        Backend.configureForParallelReplicates()
        #expect(Backend.blasThreads == 1)
    }
}
