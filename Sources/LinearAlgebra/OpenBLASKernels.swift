#if OpenBLAS
import COpenBLAS

/// The OpenBLAS + LAPACKE counterparts of the pure-Swift kernels, one for one (see ``Backend``).
///
/// Layout: ``Matrix`` is row-major, so a BLAS call takes its buffer with `CblasRowMajor` as it is. For
/// LAPACK the symmetric routines are called in column-major order on the row-major buffer: the
/// row-major lower triangle that the API reads is, read column-major, the upper triangle of the same
/// symmetric matrix, so `uplo = 'U'` needs no transpose, and the factor U (A = UᵀU) that LAPACK leaves
/// there reads back row-major as L = Uᵀ (A = LLᵀ).
enum OpenBLASKernels {
    static let upper = CChar(UInt8(ascii: "U"))
    static let vectors = CChar(UInt8(ascii: "V"))

    /// C ← op(A)·B with op(A) given by strides as in `Kernels.multiply`: (lda, 1) is A itself, (1, lda)
    /// the transpose of a row-major k × m matrix (`dgemm` with `CblasTrans`).
    static func multiply(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Double>, aRowStride: Int, aDepthStride: Int,
        b: UnsafePointer<Double>, ldb: Int,
        c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        // A single row is contiguous either way (both strides may then be 1): take it untransposed
        // with lda = k, as BLAS requires lda ≥ k.
        let transposeA = aDepthStride != 1 && m > 1
        precondition(!transposeA || aRowStride == 1, "OpenBLASKernels.multiply: unsupported strides")
        let lda = transposeA ? aDepthStride : (m == 1 ? Swift.max(k, aRowStride) : aRowStride)
        cblas_dgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, CblasNoTrans,
            Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb), 0, c, Int32(ldc))
    }

    /// The upper triangle of XᵀX (d × d) for a row-major n × d X (`dsyrk`); the caller mirrors it.
    static func gramUpper(_ x: UnsafePointer<Double>, rows n: Int, columns d: Int, into c: UnsafeMutablePointer<Double>) {
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(d), Int32(n), 1, x, Int32(d), 0, c, Int32(d))
    }

    /// `dpotrf` on a full symmetric n × n working copy: on success its lower triangle is L (the
    /// strict upper triangle is zeroed). False if a pivot Lₖₖ² is not above `absoluteTolerance`
    /// (dpotrf's own test is > 0, or NaN).
    static func choleskyInPlace(_ work: UnsafeMutablePointer<Double>, n: Int, absoluteTolerance: Double) -> Bool {
        let info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, upper, Int32(n), work, Int32(n))
        guard info == 0 else { return false }
        for k in 0..<n {
            let lkk = work[k * n + k]
            if !(lkk * lkk > absoluteTolerance) { return false }
            for j in (k + 1)..<Swift.max(k + 1, n) { work[k * n + j] = 0 }
        }
        return true
    }

    /// `dpstrf` (Cholesky with complete diagonal pivoting, stopping at pivots ≤ `absoluteTolerance`):
    /// the working copy's lower triangle becomes the factor of PᵀAP (columns ≥ rank zeroed); returns
    /// the 0-based pivot order and the rank.
    static func pivotedCholeskyInPlace(
        _ work: UnsafeMutablePointer<Double>, n: Int, absoluteTolerance: Double
    ) -> (pivots: [Int], rank: Int) {
        var pivots = [Int32](repeating: 0, count: n)
        var rank: Int32 = 0
        _ = LAPACKE_dpstrf(LAPACK_COL_MAJOR, upper, Int32(n), work, Int32(n), &pivots, &rank, absoluteTolerance)
        let r = Int(rank)
        for i in 0..<n {
            for j in 0..<n where j > i || j >= r { work[i * n + j] = 0 }
        }
        return (pivots.map { Int($0) - 1 }, r)
    }

    /// Solves L Lᵀ x = b in place (`dtrsv` twice) for a lower triangular row-major L.
    static func choleskySolve(_ l: UnsafePointer<Double>, n: Int, _ x: UnsafeMutablePointer<Double>) {
        cblas_dtrsv(CblasRowMajor, CblasLower, CblasNoTrans, CblasNonUnit, Int32(n), l, Int32(n), x, 1)
        cblas_dtrsv(CblasRowMajor, CblasLower, CblasTrans, CblasNonUnit, Int32(n), l, Int32(n), x, 1)
    }

    /// Solves L Lᵀ X = B in place for an n × m row-major B (`dtrsm` twice).
    static func choleskySolve(_ l: UnsafePointer<Double>, n: Int, _ b: UnsafeMutablePointer<Double>, columns m: Int) {
        cblas_dtrsm(CblasRowMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, Int32(n), Int32(m), 1, l, Int32(n), b, Int32(m))
        cblas_dtrsm(CblasRowMajor, CblasLeft, CblasLower, CblasTrans, CblasNonUnit, Int32(n), Int32(m), 1, l, Int32(n), b, Int32(m))
    }

    /// `dsyevd` on the lower triangle of a row-major symmetric n × n matrix: ascending eigenvalues and
    /// the eigenvectors as columns of a row-major matrix, not yet sign-normalised. nil if LAPACK
    /// reports failure (no convergence, NaN input).
    static func symmetricEigen(_ matrix: Matrix) -> (values: [Double], vectors: [Double])? {
        let n = matrix.rows
        var a = matrix.elements
        var values = [Double](repeating: 0, count: n)
        let info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, vectors, upper, Int32(n), &a, Int32(n), &values)
        guard info == 0 else { return nil }
        // Column-major eigenvector k is row k of the buffer; the API wants it as column k.
        var columns = [Double](repeating: 0, count: n * n)
        for k in 0..<n {
            for i in 0..<n { columns[i * n + k] = a[k * n + i] }
        }
        return (values, columns)
    }

    /// The minimum-norm least-squares solution by `dgelsd` (SVD by divide and conquer), singular values
    /// σ ≤ rcond·σ_max treated as zero. nil if LAPACK reports failure.
    static func minimumNormLeastSquares(_ x: Matrix, _ y: [Double], rcond: Double) -> [Double]? {
        let m = x.rows, n = x.columns
        var a = x.elements
        var b = [Double](repeating: 0, count: Swift.max(m, n))
        for i in 0..<m { b[i] = y[i] }
        var singular = [Double](repeating: 0, count: Swift.min(m, n))
        var rank: Int32 = 0
        let info = LAPACKE_dgelsd(LAPACK_ROW_MAJOR, Int32(m), Int32(n), 1, &a, Int32(n), &b, 1, &singular, rcond, &rank)
        guard info == 0 else { return nil }
        return Array(b.prefix(n))
    }
}
#endif
