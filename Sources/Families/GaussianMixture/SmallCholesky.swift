import Foundation

/// Cholesky factorisation and triangular solves of the small d × d blocks of a mixture (row-major,
/// in place, no allocation), for EM's inner loops. Golub & Van Loan, "Matrix Computations", 4th ed.,
/// §4.2.5 (the gaxpy Cholesky).
@usableFromInline
enum SmallCholesky {
    /// Overwrites the row-major d × d symmetric `a` with its lower Cholesky factor L (A = L Lᵀ; the
    /// strict upper triangle is zeroed). Returns the smallest squared pivot L_jj², the smallest
    /// conditional variance of A, or nil (with `a` partly overwritten) when a pivot is not positive
    /// and finite.
    @inlinable
    static func factor(_ a: UnsafeMutablePointer<Double>, dimension d: Int) -> Double? {
        var smallest = Double.infinity
        for j in 0..<d {
            var s = a[j * d + j]
            for k in 0..<j { s -= a[j * d + k] * a[j * d + k] }
            guard s > 0, s.isFinite else { return nil }
            smallest = min(smallest, s)
            let pivot = s.squareRoot()
            a[j * d + j] = pivot
            for i in (j + 1)..<d {
                var t = a[i * d + j]
                for k in 0..<j { t -= a[i * d + k] * a[j * d + k] }
                a[i * d + j] = t / pivot
                a[j * d + i] = 0
            }
        }
        return smallest
    }

    /// Overwrites `v` with L⁻¹v (forward substitution) and returns ‖L⁻¹v‖², the Mahalanobis
    /// distance vᵀA⁻¹v.
    @inlinable
    static func squaredMahalanobis(_ l: UnsafePointer<Double>, _ v: UnsafeMutablePointer<Double>, dimension d: Int) -> Double {
        var norm = 0.0
        for i in 0..<d {
            var t = v[i]
            for k in 0..<i { t -= l[i * d + k] * v[k] }
            t /= l[i * d + i]
            v[i] = t
            norm += t * t
        }
        return norm
    }

    /// ½ ln det A = Σ ln L_jj.
    @inlinable
    static func halfLogDeterminant(_ l: UnsafePointer<Double>, dimension d: Int) -> Double {
        var sum = 0.0
        for j in 0..<d { sum += log(l[j * d + j]) }
        return sum
    }

    /// Overwrites `z` with L z (rows from the last, so each uses only unchanged entries).
    @inlinable
    static func multiplyLower(_ l: UnsafePointer<Double>, _ z: UnsafeMutablePointer<Double>, dimension d: Int) {
        var i = d - 1
        while i >= 0 {
            var t = 0.0
            for k in 0...i { t += l[i * d + k] * z[k] }
            z[i] = t
            i -= 1
        }
    }
}
