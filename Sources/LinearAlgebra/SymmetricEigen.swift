import Foundation

/// The eigendecomposition A = V Λ Vᵀ of a real symmetric matrix: Λ = diag(``values``) ascending,
/// V = ``vectors`` orthogonal (column j is the unit eigenvector of `values[j]`).
///
/// Two pure-Swift algorithms (``Algorithm``), and LAPACK's `dsyevd` with the `OpenBLAS` trait (see
/// ``Backend``), all sorted and signed the same way. ``Matrix/symmetricEigen()`` on the Swift backend
/// uses Jacobi up to order ``jacobiMaximumOrder`` and the tridiagonal QR algorithm above it;
/// ``Matrix/symmetricEigen(using:)`` names one.
///
/// - ``Algorithm/tridiagonalQR``: Householder tridiagonalisation and implicit QR steps with Wilkinson
///   shifts (Golub & Van Loan, "Matrix Computations", 4th ed., §8.3). Backward stable: each eigenvalue
///   to O(nε)‖A‖, ‖VᵀV − I‖ = O(nε). About 9n³ flops.
/// - ``Algorithm/jacobi``: the cyclic Jacobi method (Golub & Van Loan §8.5: the 2 × 2 symmetric Schur
///   decomposition and the cyclic-by-row sweep): each rotation J(p, q, θ) zeroes aₚq, and sweeps repeat
///   until no off-diagonal entry is above the threshold |aₚq| ≤ ε·(|aₚₚ aqq|)^½ (or below ε²‖A‖_F).
///   That threshold gives the Demmel–Veselić relative accuracy for positive definite A — small
///   eigenvalues of a graded matrix are found to high relative precision, unlike the QR algorithm
///   (J. Demmel, K. Veselić, "Jacobi's method is more accurate than QR", SIAM J. Matrix Anal. Appl.
///   13(4), 1992). Convergence is quadratic; a handful of sweeps of about 3n³ flops each, with strided
///   access: several times slower than the QR algorithm beyond n ≈ 20.
///
/// Determinism: each eigenvector is signed so that its entry of largest magnitude (the first one, on
/// ties) is positive; eigenvectors of a repeated eigenvalue are an orthonormal basis of its eigenspace,
/// not unique (and differ between the algorithms).
public struct SymmetricEigen: Sendable, Hashable {
    /// The eigenvalues λ₁ ≤ λ₂ ≤ … ≤ λₙ.
    public let values: [Double]
    /// The orthonormal eigenvectors, column j for `values[j]`.
    public let vectors: Matrix

    /// A decomposition from its parts (no checks), e.g. from another backend.
    @inlinable
    public init(values: [Double], vectors: Matrix) {
        self.values = values
        self.vectors = vectors
    }

    /// The order n of A.
    @inlinable
    public var dimension: Int { values.count }

    /// log det A = Σᵢ log λᵢ for a positive semi-definite A: −∞ if an eigenvalue is ≤ 0 (singular,
    /// or not positive semi-definite); 0 for the 0 × 0 matrix.
    @inlinable
    public var logDeterminant: Double {
        var sum = 0.0
        for value in values {
            guard value > 0 else { return -.infinity }
            sum += log(value)
        }
        return sum
    }

    /// f(A) = V diag(f(λ₁), …, f(λₙ)) Vᵀ, exactly symmetric (only the upper triangle is computed).
    /// - Complexity: about n³ flops.
    public func applying(_ f: (Double) -> Double) -> Matrix {
        let n = dimension
        var scaled = vectors
        for i in 0..<n {
            for k in 0..<n { scaled.elements[i * n + k] *= f(values[k]) }
        }
        let transposedVectors = vectors.transposed()
        var result = Matrix(rows: n, columns: n, repeating: 0)
        guard n > 0 else { return result }
        scaled.elements.withUnsafeBufferPointer { a in
            transposedVectors.elements.withUnsafeBufferPointer { b in
                result.elements.withUnsafeMutableBufferPointer { c in
                    Kernels.multiply(
                        m: n, n: n, k: n, a: a.baseAddress!, aRowStride: n, aDepthStride: 1,
                        b: b.baseAddress!, ldb: n, c: c.baseAddress!, ldc: n, upperOnly: true)
                    Kernels.mirrorUpper(c.baseAddress!, n: n, ldc: n)
                }
            }
        }
        return result
    }
}

extension SymmetricEigen {
    /// The pure-Swift eigensolvers (see ``SymmetricEigen``).
    public enum Algorithm: String, Sendable, CaseIterable {
        /// Cyclic Jacobi: relative accuracy for positive definite matrices; O(n³) per sweep, 5–10 sweeps.
        case jacobi
        /// Householder tridiagonalisation + implicit QR with Wilkinson shifts: accurate relative to ‖A‖;
        /// about 9n³ flops.
        case tridiagonalQR = "tridiagonal-qr"
    }

    /// The largest order for which ``Matrix/symmetricEigen()`` on the Swift backend uses Jacobi. Up to
    /// here Jacobi costs microseconds and keeps its relative accuracy (and the results of earlier
    /// versions) for the small covariance matrices of the Gaussian family; above it the QR algorithm is
    /// faster (Docs/LinearAlgebra.md, "Benchmark: symmetric eigensolvers").
    public static let jacobiMaximumOrder = 12
}

extension Matrix {
    /// The eigendecomposition of the symmetric matrix whose lower triangle is this one's (see
    /// ``SymmetricEigen``): `dsyevd` on the OpenBLAS backend; on the Swift backend Jacobi for
    /// n ≤ ``SymmetricEigen/jacobiMaximumOrder``, else the tridiagonal QR algorithm.
    /// - Precondition: square.
    /// - Complexity: about 9n³ flops (tridiagonal QR); Jacobi's 5–10 sweeps of 3n³ for small n.
    public func symmetricEigen() -> SymmetricEigen {
        precondition(isSquare, "Matrix.symmetricEigen: not square")
        #if OpenBLAS
        if Backend.usesOpenBLAS && rows > 0, let (values, vectors) = OpenBLASKernels.symmetricEigen(self) {
            return JacobiEigen.normalised(values: values, vectors: vectors, n: rows)
        }
        #endif
        return symmetricEigen(using: rows <= SymmetricEigen.jacobiMaximumOrder ? .jacobi : .tridiagonalQR)
    }

    /// The eigendecomposition by the named pure-Swift algorithm, whatever the backend: `.jacobi` when
    /// the relative accuracy of tiny eigenvalues matters (graded positive definite matrices), at any
    /// size. `.tridiagonalQR` falls back to Jacobi for non-finite input or in the (not observed) case
    /// that the QR iteration does not converge within 30n steps.
    /// - Precondition: square.
    public func symmetricEigen(using algorithm: SymmetricEigen.Algorithm) -> SymmetricEigen {
        precondition(isSquare, "Matrix.symmetricEigen: not square")
        switch algorithm {
        case .jacobi:
            return JacobiEigen.decompose(self)
        case .tridiagonalQR:
            return TridiagonalEigen.decompose(self) ?? JacobiEigen.decompose(self)
        }
    }

    /// The positive semi-definite square root A^½ = V diag(λᵢ^½) Vᵀ, with eigenvalues that are
    /// negative from round-off clamped to 0. Formed as W Wᵀ with W = V diag(λᵢ^¼), so the result is
    /// exactly symmetric and positive semi-definite (N. J. Higham, "Functions of Matrices", SIAM 2008, ch. 6).
    /// - Precondition: square; meant for positive semi-definite A (clamping makes it the root of the
    ///   nearest PSD matrix in the Frobenius norm when A is not).
    /// - Complexity: the eigendecomposition plus n³ flops.
    public func symmetricSquareRoot() -> Matrix {
        let eigen = symmetricEigen()
        let n = rows
        // Row j of Wᵀ is λⱼ^¼ vⱼ, so A^½ = (Wᵀ)ᵀ Wᵀ = gram of Wᵀ.
        var rootsTransposed = eigen.vectors.transposed()
        for j in 0..<n {
            let scale = Swift.max(eigen.values[j], 0).squareRoot().squareRoot()
            for i in 0..<n { rootsTransposed.elements[j * n + i] *= scale }
        }
        return rootsTransposed.gram()
    }
}

@usableFromInline
enum JacobiEigen {
    /// Sweeps beyond which the iteration stops regardless (quadratic convergence needs far fewer).
    @usableFromInline static let maximumSweeps = 100

    @usableFromInline
    static func decompose(_ matrix: Matrix) -> SymmetricEigen {
        let n = matrix.rows
        var a = matrix.elements
        for i in 0..<n {
            for j in 0..<i { a[j * n + i] = a[i * n + j] }
        }
        // Rows of vt are the eigenvectors (Vᵀ), so a rotation updates two contiguous rows.
        var vt = Matrix.identity(n).elements
        let floor = Double.ulpOfOne * Double.ulpOfOne * Matrix(rows: n, columns: n, elements: a).frobeniusNorm
        a.withUnsafeMutableBufferPointer { a in
            vt.withUnsafeMutableBufferPointer { v in
                for _ in 0..<maximumSweeps {
                    var rotated = false
                    for p in 0..<n {
                        for q in (p + 1)..<Swift.max(p + 1, n) {
                            let apq = a[p * n + q]
                            if apq == 0 { continue }
                            let app = a[p * n + p], aqq = a[q * n + q]
                            if Swift.abs(apq) <= Double.ulpOfOne * (Swift.abs(app) * Swift.abs(aqq)).squareRoot()
                                || Swift.abs(apq) <= floor
                            {
                                a[p * n + q] = 0
                                a[q * n + p] = 0
                                continue
                            }
                            rotated = true
                            rotate(a.baseAddress!, v.baseAddress!, n: n, p: p, q: q)
                        }
                    }
                    if !rotated { break }
                }
            }
        }
        // Sort ascending; sign each vector so its largest-magnitude entry is positive.
        let order = (0..<n).sorted { (a[$0 * n + $0], $0) < (a[$1 * n + $1], $1) }
        var vectors = Matrix(rows: n, columns: n, repeating: 0)
        var values = [Double]()
        values.reserveCapacity(n)
        for (column, k) in order.enumerated() {
            values.append(a[k * n + k])
            var largest = 0
            for i in 0..<n where Swift.abs(vt[k * n + i]) > Swift.abs(vt[k * n + largest]) { largest = i }
            let sign: Double = vt[k * n + largest] < 0 ? -1 : 1
            for i in 0..<n { vectors.elements[i * n + column] = sign * vt[k * n + i] }
        }
        return SymmetricEigen(values: values, vectors: vectors)
    }

    /// Ascending values (already so from LAPACK) with each column of the row-major `vectors` signed so
    /// that its largest-magnitude entry (the first on ties) is positive: the Jacobi path's convention.
    @usableFromInline
    static func normalised(values: [Double], vectors: [Double], n: Int) -> SymmetricEigen {
        var columns = vectors
        for k in 0..<n {
            var largest = 0
            for i in 0..<n where Swift.abs(columns[i * n + k]) > Swift.abs(columns[largest * n + k]) { largest = i }
            if columns[largest * n + k] < 0 {
                for i in 0..<n { columns[i * n + k] = -columns[i * n + k] }
            }
        }
        return SymmetricEigen(values: values, vectors: Matrix(rows: n, columns: n, elements: columns))
    }

    /// A ← Jᵀ A J and Vᵀ ← Jᵀ Vᵀ for the rotation that zeroes aₚq (Golub & Van Loan §8.5, the 2 × 2 symmetric Schur decomposition:
    /// τ = (aqq − aₚₚ)/(2aₚq), t = sign(τ)/(|τ| + (1 + τ²)^½), c = (1 + t²)^−½, s = t c), with the
    /// diagonal updated as aₚₚ − t aₚq, aqq + t aₚq (Rutishauser's form, which keeps round-off small).
    @usableFromInline
    @inline(__always)
    static func rotate(_ a: UnsafeMutablePointer<Double>, _ v: UnsafeMutablePointer<Double>, n: Int, p: Int, q: Int) {
        let apq = a[p * n + q]
        let tau = (a[q * n + q] - a[p * n + p]) / (2 * apq)
        let t: Double
        if Swift.abs(tau) > 1e150 {
            t = 0.5 / tau
        } else {
            t = (tau >= 0 ? 1 : -1) / (Swift.abs(tau) + (1 + tau * tau).squareRoot())
        }
        let c = 1 / (1 + t * t).squareRoot()
        let s = t * c
        a[p * n + p] -= t * apq
        a[q * n + q] += t * apq
        a[p * n + q] = 0
        a[q * n + p] = 0
        let rowP = a + p * n, rowQ = a + q * n
        for r in 0..<n where r != p && r != q {
            let arp = rowP[r], arq = rowQ[r]
            let newP = c * arp - s * arq
            let newQ = s * arp + c * arq
            rowP[r] = newP
            rowQ[r] = newQ
            a[r * n + p] = newP
            a[r * n + q] = newQ
        }
        let vp = v + p * n, vq = v + q * n
        for r in 0..<n {
            let x = vp[r], y = vq[r]
            vp[r] = c * x - s * y
            vq[r] = s * x + c * y
        }
    }
}
