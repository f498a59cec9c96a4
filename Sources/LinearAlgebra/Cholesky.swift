import Foundation

/// A Cholesky factorisation A = L Lᵀ of a symmetric positive (semi-)definite matrix.
///
/// Made by ``Matrix/cholesky()`` (positive definite A, no pivoting: L is lower triangular) or by
/// ``Matrix/semidefiniteCholesky(tolerance:)`` (positive semi-definite A, which falls back to
/// diagonal pivoting when A is singular to working precision). In every case ``lower`` satisfies
/// A = L Lᵀ; with pivoting it is the triangular factor of the permuted matrix P A Pᵀ with its rows
/// put back in A's order (row ``pivots``[i] of ``lower`` is row i of the triangular factor), so it is
/// lower triangular only up to that row permutation, and its columns ``rank``… are zero.
///
/// What a caller can rely on: ``multiplyLower(_:)`` maps standard normals to N(0, A) whatever the
/// rank; ``solve(_:)-([Double])`` solves A x = b (backward stably) when A is definite and gives a solution of
/// a consistent singular system otherwise (the basic solution with x at the dropped pivots set to 0);
/// ``logDeterminant`` is −∞ for a rank-deficient factor; nothing returns NaN from finite input that
/// does not overflow.
///
/// Golub & Van Loan, "Matrix Computations", 4th ed., §4.2 (Cholesky, its stability, and the
/// semidefinite case with diagonal pivoting); N. J. Higham, "Accuracy and Stability of Numerical
/// Algorithms", 2nd ed., §10.3 (pivoted Cholesky of semidefinite matrices, the stopping rule).
public struct Cholesky: Sendable, Hashable {
    /// L with A = L Lᵀ: lower triangular unless ``isPivoted``; then lower triangular after moving
    /// row ``pivots``[i] to position i.
    public let lower: Matrix
    /// The elimination order: step i eliminated row and column `pivots[i]` of A. The identity
    /// permutation unless ``isPivoted``.
    public let pivots: [Int]
    /// The number of pivots above the tolerance; the columns `rank…` of ``lower`` are zero.
    public let rank: Int
    /// Whether diagonal pivoting was used (only ever by the semidefinite factorisation of a matrix
    /// with a pivot at or below its tolerance).
    public let isPivoted: Bool

    @inlinable
    init(lower: Matrix, pivots: [Int], rank: Int, isPivoted: Bool) {
        self.lower = lower
        self.pivots = pivots
        self.rank = rank
        self.isPivoted = isPivoted
    }

    /// The order n of A.
    @inlinable
    public var dimension: Int { lower.rows }

    /// Whether A was factored with full rank (then A is positive definite to working precision).
    @inlinable
    public var isFullRank: Bool { rank == dimension }

    /// log det A = 2 Σᵢ log Lᵢᵢ; −∞ when ``rank`` < n; 0 for the 0 × 0 matrix.
    /// - Complexity: O(n).
    @inlinable
    public var logDeterminant: Double {
        guard isFullRank else { return -.infinity }
        var sum = 0.0
        for i in 0..<dimension { sum += log(lower[pivots[i], i]) }
        return 2 * sum
    }

    /// The product L z, for sampling: with z ~ N(0, I), μ + L z ~ N(μ, A).
    /// - Precondition: `z.count == dimension`.
    /// - Complexity: n² flops (half of a full product: L is triangular up to a row permutation).
    @inlinable
    public func multiplyLower(_ z: [Double]) -> [Double] {
        let n = dimension
        precondition(z.count == n, "Cholesky.multiplyLower: vector of \(z.count) for dimension \(n)")
        var result = [Double](repeating: 0, count: n)
        lower.elements.withUnsafeBufferPointer { l in
            z.withUnsafeBufferPointer { x in
                for i in 0..<n {
                    let row = pivots[i]
                    result[row] = Kernels.dot(l.baseAddress! + row * n, x.baseAddress!, count: Swift.min(i + 1, rank))
                }
            }
        }
        return result
    }

    /// Replaces every row zᵢ of `batch` by L zᵢ (that is, Z ← Z Lᵀ), for sampling a batch without an
    /// allocation per point.
    /// - Precondition: `batch.columns == dimension`.
    /// - Complexity: n² flops per row.
    public func multiplyLower(rowsOf batch: inout Matrix) {
        let n = dimension
        precondition(batch.columns == n, "Cholesky.multiplyLower(rowsOf:): \(batch.columns) columns for dimension \(n)")
        guard n > 0 else { return }
        var scratch = [Double](repeating: 0, count: n)
        let rank = rank, count = batch.rows
        lower.elements.withUnsafeBufferPointer { l in
            pivots.withUnsafeBufferPointer { p in
                scratch.withUnsafeMutableBufferPointer { t in
                    batch.elements.withUnsafeMutableBufferPointer { z in
                        for r in 0..<count {
                            let row = z.baseAddress! + r * n
                            for i in 0..<n {
                                t[p[i]] = Kernels.dot(l.baseAddress! + p[i] * n, row, count: Swift.min(i + 1, rank))
                            }
                            row.update(from: t.baseAddress!, count: n)
                        }
                    }
                }
            }
        }
    }

    /// The solution x of A x = b, by forward and back substitution (L y = P b, Lᵀ w = y, x = Pᵀ w).
    ///
    /// For a rank-deficient factor the components of y and w at the dropped pivots are set to 0: if
    /// A x = b is consistent this is a solution (not the minimum-norm one); if not, it solves the
    /// system restricted to the pivoted rows. Never NaN for finite input.
    /// - Precondition: `b.count == dimension`.
    /// - Complexity: 2n² flops.
    public func solve(_ b: [Double]) -> [Double] {
        let n = dimension
        precondition(b.count == n, "Cholesky.solve: vector of \(b.count) for dimension \(n)")
        #if OpenBLAS
        if Backend.usesOpenBLAS && !isPivoted && isFullRank && n > 0 {
            var x = b
            lower.elements.withUnsafeBufferPointer { l in
                x.withUnsafeMutableBufferPointer { OpenBLASKernels.choleskySolve(l.baseAddress!, n: n, $0.baseAddress!) }
            }
            return x
        }
        #endif
        var y = [Double](repeating: 0, count: n)
        let r = rank
        lower.elements.withUnsafeBufferPointer { l in
            y.withUnsafeMutableBufferPointer { y in
                let yp = y.baseAddress!
                // Forward: row i of the triangular factor is row pivots[i] of `lower`.
                for i in 0..<r {
                    let row = l.baseAddress! + pivots[i] * n
                    yp[i] = (b[pivots[i]] - Kernels.dot(row, yp, count: i)) / row[i]
                }
                // Back, column-oriented so that it walks rows: w_i = y_i / L_ii, then y_k -= L_ik w_i.
                for i in stride(from: r - 1, through: 0, by: -1) {
                    let row = l.baseAddress! + pivots[i] * n
                    yp[i] /= row[i]
                    let wi = yp[i]
                    for k in 0..<i { yp[k] -= row[k] * wi }
                }
            }
        }
        var x = [Double](repeating: 0, count: n)
        for i in 0..<n { x[pivots[i]] = y[i] }
        return x
    }

    /// The solution X of A X = B for every column of B at once, walking rows of B (row-major).
    /// Rank-deficient factors are handled as in ``solve(_:)-([Double])``.
    /// - Precondition: `B.rows == dimension`.
    /// - Complexity: 2n²m flops for m columns.
    public func solve(_ B: Matrix) -> Matrix {
        let n = dimension, m = B.columns
        precondition(B.rows == n, "Cholesky.solve: \(B.rows) rows for dimension \(n)")
        var Y = Matrix(rows: n, columns: m, repeating: 0)
        guard n > 0, m > 0 else { return Y }
        #if OpenBLAS
        if Backend.usesOpenBLAS && !isPivoted && isFullRank {
            var X = B
            lower.elements.withUnsafeBufferPointer { l in
                X.elements.withUnsafeMutableBufferPointer {
                    OpenBLASKernels.choleskySolve(l.baseAddress!, n: n, $0.baseAddress!, columns: m)
                }
            }
            return X
        }
        #endif
        let r = rank
        lower.elements.withUnsafeBufferPointer { l in
            B.elements.withUnsafeBufferPointer { b in
                Y.elements.withUnsafeMutableBufferPointer { y in
                    let yp = y.baseAddress!
                    for i in 0..<r {
                        let row = l.baseAddress! + pivots[i] * n
                        let target = yp + i * m
                        target.update(from: b.baseAddress! + pivots[i] * m, count: m)
                        for k in 0..<i { Kernels.axpy(-row[k], yp + k * m, target, count: m) }
                        let inverse = 1 / row[i]
                        for j in 0..<m { target[j] *= inverse }
                    }
                    for i in stride(from: r - 1, through: 0, by: -1) {
                        let row = l.baseAddress! + pivots[i] * n
                        let source = yp + i * m
                        let inverse = 1 / row[i]
                        for j in 0..<m { source[j] *= inverse }
                        for k in 0..<i { Kernels.axpy(-row[k], source, yp + k * m, count: m) }
                    }
                }
            }
        }
        if !isPivoted { return Y }
        var X = Matrix(rows: n, columns: m, repeating: 0)
        for i in 0..<n {
            for j in 0..<m { X.elements[pivots[i] * m + j] = Y.elements[i * m + j] }
        }
        return X
    }

    /// A⁻¹ = Pᵀ L⁻ᵀ L⁻¹ P, formed as the Gram matrix of L⁻¹ so that it is exactly symmetric.
    ///
    /// For a rank-deficient factor, L⁻¹ is taken on the leading ``rank`` × ``rank`` block and zero
    /// elsewhere: the result is the symmetric generalised inverse that ``solve(_:)-([Double])``
    /// applies (A G A = A for a PSD A; not the Moore–Penrose inverse).
    /// - Complexity: about n³ flops.
    public func inverse() -> Matrix {
        let n = dimension, r = rank
        // W = L₁₁⁻¹ (r × r, lower triangular), row by row: W[i,:] = (eᵢ − Σ_{k<i} L_ik W[k,:]) / L_ii.
        var W = Matrix(rows: r, columns: n, repeating: 0)
        lower.elements.withUnsafeBufferPointer { l in
            W.elements.withUnsafeMutableBufferPointer { w in
                let wp = w.baseAddress!
                for i in 0..<r {
                    let row = l.baseAddress! + pivots[i] * n
                    let target = wp + i * n
                    for k in 0..<i { Kernels.axpy(-row[k], wp + k * n, target, count: k + 1) }
                    target[i] = 1
                    let inverse = 1 / row[i]
                    for j in 0...i { target[j] *= inverse }
                }
            }
        }
        let G = W.gram()  // WᵀW, n × n, zero outside the leading r × r block
        if !isPivoted { return G }
        var result = Matrix(rows: n, columns: n, repeating: 0)
        for i in 0..<n {
            for j in 0..<n { result.elements[pivots[i] * n + pivots[j]] = G.elements[i * n + j] }
        }
        return result
    }
}

extension Matrix {
    /// The Cholesky factorisation A = L Lᵀ, L lower triangular with positive diagonal, or nil if a
    /// pivot is not positive (A is not positive definite to working precision, or has a NaN).
    ///
    /// Row-oriented (Cholesky–Crout) algorithm: Lᵢⱼ = (aᵢⱼ − Σ_{k<j} Lᵢₖ Lⱼₖ) / Lⱼⱼ, each sum a dot
    /// product of two contiguous rows. Reads only the lower triangle. Backward stable: the computed
    /// L is the exact factor of A + E with |E| ≤ c·n·ε·|L||Lᵀ| (Golub & Van Loan §4.2; Higham Thm 10.3).
    /// - Precondition: square.
    /// - Complexity: n³/3 flops.
    public func cholesky() -> Cholesky? {
        precondition(isSquare, "Matrix.cholesky: not square")
        return CholeskyFactorization.factor(self, absoluteTolerance: 0, pivoting: false)
    }

    /// A Cholesky factorisation A = L Lᵀ of a positive semi-definite matrix, which never fails.
    ///
    /// A pivot ≤ tolerance · maxᵢ aᵢᵢ counts as zero: it gives a zero column of L and is not counted
    /// in ``Cholesky/rank``. The factorisation is first tried without pivoting (then it is the
    /// ordinary factor, identical to ``cholesky()``); if a pivot falls to the tolerance it restarts
    /// with diagonal pivoting (the largest remaining diagonal first) and stops when every remaining
    /// diagonal is at or below the tolerance, as LAPACK's `dpstrf` does. With pivoting, the
    /// reconstruction error ‖A − L Lᵀ‖ is of the order of the tolerance times max aᵢᵢ (Higham §10.3).
    ///
    /// ``Cholesky/rank`` is the numerical rank at that tolerance. Building a singular matrix in
    /// floating point (a sample covariance of n ≤ d points, say) leaves rounding of size about
    /// n·ε·‖A‖ in its null space, and amplified by an ill-conditioned leading block it can survive as a
    /// pivot just above n·ε: pass a larger tolerance (10⁻¹⁰, say) to count only clearly positive
    /// directions. Dropping a genuine pivot p costs at most p in the reconstruction.
    ///
    /// For a matrix that is not positive semi-definite the factor is still finite, but L Lᵀ ≠ A.
    /// - Parameter tolerance: the relative pivot threshold; nil means n·ε (LAPACK's default).
    /// - Precondition: square, `tolerance ≥ 0`.
    /// - Complexity: n³/3 flops, twice that when it restarts with pivoting.
    public func semidefiniteCholesky(tolerance: Double? = nil) -> Cholesky {
        precondition(isSquare, "Matrix.semidefiniteCholesky: not square")
        let relative = tolerance ?? Double(rows) * .ulpOfOne
        precondition(relative >= 0, "Matrix.semidefiniteCholesky: negative tolerance")
        var maxDiagonal = 0.0
        for i in 0..<rows { maxDiagonal = Swift.max(maxDiagonal, self[i, i]) }
        let threshold = relative * maxDiagonal
        if let plain = CholeskyFactorization.factor(self, absoluteTolerance: threshold, pivoting: false) {
            return plain
        }
        return CholeskyFactorization.factor(self, absoluteTolerance: threshold, pivoting: true)!
    }
}

@usableFromInline
enum CholeskyFactorization {
    /// Left-looking Cholesky on a full working copy (LAPACK `dpstf2`'s organisation). Without
    /// pivoting it returns nil at the first pivot ≤ `absoluteTolerance` (or NaN); with pivoting it
    /// stops there and records the rank.
    @usableFromInline
    static func factor(_ a: Matrix, absoluteTolerance: Double, pivoting: Bool) -> Cholesky? {
        let n = a.rows
        #if OpenBLAS
        if Backend.usesOpenBLAS && n > 0 {
            return factorWithLAPACK(a, absoluteTolerance: absoluteTolerance, pivoting: pivoting)
        }
        #endif
        // Full symmetric working copy from the lower triangle, so that pivoting can swap whole rows.
        var work = a.elements
        var pivots = Array(0..<n)
        var diagonal = (0..<n).map { a.elements[$0 * n + $0] }
        var rank = n
        let succeeded: Bool = work.withUnsafeMutableBufferPointer { w in
            let wp = w.baseAddress
            for i in 0..<n {
                for j in 0..<i { w[j * n + i] = w[i * n + j] }
            }
            for k in 0..<n {
                if pivoting {
                    var p = k
                    for i in (k + 1)..<Swift.max(k + 1, n) where diagonal[i] > diagonal[p] { p = i }
                    if p != k {
                        swapSymmetric(wp!, n: n, k, p)
                        diagonal.swapAt(k, p)
                        pivots.swapAt(k, p)
                    }
                }
                let rowK = wp! + k * n
                // The pivot, recomputed by a dot product (more accurate than the running update).
                let pivot = rowK[k] - Kernels.dot(rowK, rowK, count: k)
                if !(pivot > absoluteTolerance) {
                    if !pivoting { return false }
                    rank = k
                    break
                }
                let lkk = pivot.squareRoot()
                rowK[k] = lkk
                let inverse = 1 / lkk
                for i in (k + 1)..<Swift.max(k + 1, n) {
                    let rowI = wp! + i * n
                    let lik = (rowI[k] - Kernels.dot(rowI, rowK, count: k)) * inverse
                    rowI[k] = lik
                    diagonal[i] -= lik * lik
                }
            }
            // Keep the triangle (columns < rank), zero the rest.
            for i in 0..<n {
                for j in 0..<n where j > i || j >= rank { w[i * n + j] = 0 }
            }
            return true
        }
        guard succeeded else { return nil }
        let isPivoted = pivoting
        if !isPivoted {
            return Cholesky(lower: Matrix(rows: n, columns: n, elements: work), pivots: pivots, rank: rank, isPivoted: false)
        }
        var lower = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n { lower[pivots[i] * n + j] = work[i * n + j] }
        }
        return Cholesky(lower: Matrix(rows: n, columns: n, elements: lower), pivots: pivots, rank: rank, isPivoted: true)
    }

    #if OpenBLAS
    /// `dpotrf` (no pivoting; nil at a pivot ≤ `absoluteTolerance`) or `dpstrf` (diagonal pivoting,
    /// stopping at that tolerance, as LAPACK's own rule), with the results laid out as the Swift
    /// factorisation lays them out.
    static func factorWithLAPACK(_ a: Matrix, absoluteTolerance: Double, pivoting: Bool) -> Cholesky? {
        let n = a.rows
        var work = a.elements
        if !pivoting {
            let succeeded = work.withUnsafeMutableBufferPointer {
                OpenBLASKernels.choleskyInPlace($0.baseAddress!, n: n, absoluteTolerance: absoluteTolerance)
            }
            guard succeeded else { return nil }
            return Cholesky(lower: Matrix(rows: n, columns: n, elements: work), pivots: Array(0..<n), rank: n, isPivoted: false)
        }
        let (pivots, rank) = work.withUnsafeMutableBufferPointer {
            OpenBLASKernels.pivotedCholeskyInPlace($0.baseAddress!, n: n, absoluteTolerance: absoluteTolerance)
        }
        var lower = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n { lower[pivots[i] * n + j] = work[i * n + j] }
        }
        return Cholesky(lower: Matrix(rows: n, columns: n, elements: lower), pivots: pivots, rank: rank, isPivoted: true)
    }
    #endif

    /// Swaps rows k and p and columns k and p of the full n × n matrix.
    @usableFromInline
    static func swapSymmetric(_ w: UnsafeMutablePointer<Double>, n: Int, _ k: Int, _ p: Int) {
        for j in 0..<n { swap(&w[k * n + j], &w[p * n + j]) }
        for i in 0..<n { swap(&w[i * n + k], &w[i * n + p]) }
    }
}
