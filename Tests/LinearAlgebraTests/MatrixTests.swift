import Foundation
import LinearAlgebra
import Randomness
import Testing

@Suite struct MatrixTests {
    @Test func constructionAndAccess() {
        var a = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(a.rows == 2 && a.columns == 3)
        #expect(a.elements == [1, 2, 3, 4, 5, 6])
        #expect(a[1, 0] == 4)
        a[1, 0] = 7
        #expect(a.elements[3] == 7)
        #expect(a.row(1) == [7, 5, 6])
        #expect(a.column(2) == [3, 6])
        #expect(Matrix(rows: 2, columns: 2, repeating: 3).elements == [3, 3, 3, 3])
        #expect(Matrix.identity(3) == Matrix.diagonal([1, 1, 1]))
        #expect(Matrix.diagonal([2, 3]).elements == [2, 0, 0, 3])
        #expect(Matrix.identity(4).trace == 4)
        #expect(Matrix([[1, 2], [3, 4]]).diagonalElements == [1, 4])
        #expect(Matrix([]).rows == 0)
        #expect(Matrix(rows: 2, columns: 3) { i, j in Double(10 * i + j) }.elements == [0, 1, 2, 10, 11, 12])
    }

    @Test func transposeAndSymmetry() {
        var generator = Xoshiro256StarStar(seed: 1)
        for (m, n) in [(1, 1), (1, 7), (7, 1), (33, 65), (64, 32)] {
            let a = randomMatrix(m, n, &generator)
            let t = a.transposed()
            #expect(t.rows == n && t.columns == m)
            #expect((0..<m).allSatisfy { i in (0..<n).allSatisfy { j in t[j, i] == a[i, j] } })
            #expect(t.transposed() == a)
        }
        let s = Matrix([[2, 1e-17], [0, 3]])
        #expect(!s.isSymmetric())
        #expect(Matrix([[2, 1], [1, 3]]).isSymmetric())
        #expect(Matrix([[2, 1], [1 + 1e-15, 3]]).isSymmetric(tolerance: 1e-14))
        #expect(!Matrix([[2, 1], [1 + 1e-12, 3]]).isSymmetric(tolerance: 1e-14))
        #expect(!Matrix([[1, 2, 3]]).isSymmetric())
    }

    @Test func elementwiseArithmetic() {
        let a = Matrix([[1, 2], [3, 4]]), b = Matrix([[0.5, -1], [2, 0]])
        #expect((a + b).elements == [1.5, 1, 5, 4])
        #expect((a - b).elements == [0.5, 3, 1, 4])
        #expect((2 * a).elements == [2, 4, 6, 8])
        #expect((a * 2) == 2 * a)
        #expect((-a).elements == [-1, -2, -3, -4])
        var c = a
        c += b
        c -= b
        #expect(c == a)
        #expect(Matrix([[3, 4]]).frobeniusNorm == 5)
        #expect(Matrix([[1e300, 1e300]]).frobeniusNorm.isFinite)
    }

    /// The blocked product against the triple loop. Each entry of a computed product satisfies
    /// |Ĉ − C| ≤ γₖ |A||B| (Golub & Van Loan §2.7; Higham, "Accuracy and Stability", §3.5), whatever
    /// the order of summation; both Ĉ and the reference carry that error, so the test bound is
    /// 2kε|A||B|. The shapes cross every blocking boundary (mr = nr = 4, mc = 64, kc = 256, nc = 1024).
    @Test(arguments: [
        (1, 1, 1), (1, 5, 1), (3, 7, 5), (4, 4, 4), (5, 9, 13), (17, 1, 31), (64, 256, 64), (65, 257, 67),
        (130, 300, 9), (3, 2, 1030), (50, 50, 50),
    ])
    func productMatchesTripleLoop(m: Int, k: Int, n: Int) {
        var generator = Xoshiro256StarStar(seed: UInt64(m * 1_000_000 + k * 1000 + n))
        let a = randomMatrix(m, k, &generator), b = randomMatrix(k, n, &generator)
        let c = a * b
        #expect(c.rows == m && c.columns == n)
        let bound = 2 * Double(k) * eps * naiveProduct(absolute(a), absolute(b))
        #expect(within(c - naiveProduct(a, b), bound))
        // Aᵀ·B without the transpose equals the product with it.
        let at = a.transposed()
        #expect(within(at.transposedTimes(b) - naiveProduct(a, b), bound))
    }

    @Test func productOfEmptyAndIdentity() {
        let a = Matrix(rows: 3, columns: 0, repeating: 0), b = Matrix(rows: 0, columns: 2, repeating: 0)
        #expect(a * b == Matrix(rows: 3, columns: 2, repeating: 0))
        var generator = Xoshiro256StarStar(seed: 2)
        let x = randomMatrix(9, 9, &generator)
        #expect(x * Matrix.identity(9) == x)
        #expect(Matrix.identity(9) * x == x)
    }

    /// Aᵀx and A x against explicit sums, with the bound γₙ|A||x| of a dot product (Higham §3.1).
    @Test(arguments: [1, 2, 5, 17, 50])
    func matrixVectorProducts(n: Int) {
        var generator = Xoshiro256StarStar(seed: UInt64(n))
        let a = randomMatrix(n + 3, n, &generator)
        let x = normals(n, &generator), y = normals(n + 3, &generator)
        let ax = a.multiply(x)
        let aty = a.transposedMultiply(y)
        for i in 0..<(n + 3) {
            let exact = (0..<n).reduce(0) { $0 + a[i, $1] * x[$1] }
            let scale = (0..<n).reduce(0) { $0 + abs(a[i, $1] * x[$1]) }
            #expect(abs(ax[i] - exact) <= 2 * Double(n) * eps * scale)
        }
        for j in 0..<n {
            let exact = (0..<(n + 3)).reduce(0) { $0 + a[$1, j] * y[$1] }
            let scale = (0..<(n + 3)).reduce(0) { $0 + abs(a[$1, j] * y[$1]) }
            #expect(abs(aty[j] - exact) <= 2 * Double(n + 3) * eps * scale)
        }
    }

    /// XᵀX is exactly symmetric and within 2nε|X|ᵀ|X| of the triple loop; the weighted Gram with
    /// integer weights equals the Gram of the design with rows repeated.
    @Test(arguments: [(1, 1), (5, 3), (50, 7), (300, 50), (1030, 13), (9, 70)])
    func gramMatrix(n: Int, d: Int) {
        var generator = Xoshiro256StarStar(seed: UInt64(n * 100 + d))
        let x = randomMatrix(n, d, &generator)
        let g = x.gram()
        #expect(g.rows == d && g.columns == d)
        #expect(g.isSymmetric())
        let bound = 2 * Double(n) * eps * naiveProduct(absolute(x.transposed()), absolute(x))
        #expect(within(g - naiveProduct(x.transposed(), x), bound))

        let weights = (0..<n).map { Double($0 % 3) }
        var repeated = [Double]()
        for i in 0..<n {
            for _ in 0..<Int(weights[i]) { repeated += x.row(i) }
        }
        let expanded = Matrix(rows: repeated.count / d, columns: d, elements: repeated)
        let weighted = x.gram(weights: weights)
        #expect(weighted.isSymmetric())
        let weightedBound = 4 * Double(n) * eps * naiveProduct(absolute(expanded.transposed()), absolute(expanded))
        #expect(within(weighted - expanded.gram(), weightedBound))
    }
}

@Suite struct MatrixCodableTests {
    @Test func roundTripAndValidation() throws {
        let a = Matrix([[1, 2.5], [-3, 1e-300], [0, 7]])
        let data = try JSONEncoder().encode(a)
        #expect(try JSONDecoder().decode(Matrix.self, from: data) == a)
        let bad = Data(#"{"rows": 2, "columns": 2, "elements": [1, 2, 3]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Matrix.self, from: bad) }
        let huge = Data(#"{"rows": 4611686018427387904, "columns": 4, "elements": []}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Matrix.self, from: huge) }
    }
}

@Test func selectingAndAppendingRows() {
    let m = Matrix([[1, 2], [3, 4], [5, 6]])
    #expect(m.selectingRows([2, 0]) == Matrix([[5, 6], [1, 2]]))
    #expect(m.selectingRows([]).rows == 0)
    #expect(m.appendingRows(Matrix([[7, 8]])) == Matrix([[1, 2], [3, 4], [5, 6], [7, 8]]))
}
