// Elementwise arithmetic, products with vectors and matrices, and the Gram product.

extension Matrix {
    /// A + B, entry by entry.
    /// - Precondition: equal shapes.
    @inlinable
    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "Matrix +: shapes differ")
        var result = lhs
        result.elements.withUnsafeMutableBufferPointer { r in
            rhs.elements.withUnsafeBufferPointer { b in
                for i in 0..<r.count { r[i] += b[i] }
            }
        }
        return result
    }

    /// A − B, entry by entry.
    /// - Precondition: equal shapes.
    @inlinable
    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "Matrix -: shapes differ")
        var result = lhs
        result.elements.withUnsafeMutableBufferPointer { r in
            rhs.elements.withUnsafeBufferPointer { b in
                for i in 0..<r.count { r[i] -= b[i] }
            }
        }
        return result
    }

    /// −A.
    @inlinable
    public static prefix func - (matrix: Matrix) -> Matrix {
        -1 * matrix
    }

    /// c · A.
    @inlinable
    public static func * (scalar: Double, matrix: Matrix) -> Matrix {
        var result = matrix
        result.elements.withUnsafeMutableBufferPointer { r in
            for i in 0..<r.count { r[i] *= scalar }
        }
        return result
    }

    /// A · c.
    @inlinable
    public static func * (matrix: Matrix, scalar: Double) -> Matrix {
        scalar * matrix
    }

    /// A += B. - Precondition: equal shapes.
    @inlinable
    public static func += (lhs: inout Matrix, rhs: Matrix) {
        lhs = lhs + rhs
    }

    /// A −= B. - Precondition: equal shapes.
    @inlinable
    public static func -= (lhs: inout Matrix, rhs: Matrix) {
        lhs = lhs - rhs
    }

    /// The product A · B (m × k times k × n), by a cache-blocked, register-tiled kernel
    /// (Golub & Van Loan §1.1 and §1.5; the Goto–van de Geijn layering: packed panels, a 4 × 4
    /// SIMD micro-kernel).
    /// - Precondition: `lhs.columns == rhs.rows`.
    /// - Complexity: 2mnk flops.
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.columns == rhs.rows, "Matrix *: \(lhs.rows)×\(lhs.columns) times \(rhs.rows)×\(rhs.columns)")
        let m = lhs.rows, k = lhs.columns, n = rhs.columns
        var result = Matrix(rows: m, columns: n, repeating: 0)
        guard m > 0, n > 0, k > 0 else { return result }
        lhs.elements.withUnsafeBufferPointer { a in
            rhs.elements.withUnsafeBufferPointer { b in
                result.elements.withUnsafeMutableBufferPointer { c in
                    Kernels.multiply(
                        m: m, n: n, k: k, a: a.baseAddress!, aRowStride: k, aDepthStride: 1,
                        b: b.baseAddress!, ldb: n, c: c.baseAddress!, ldc: n)
                }
            }
        }
        return result
    }

    /// The product Aᵀ · B (k × m transposed, times k × n), without forming Aᵀ.
    /// - Precondition: `rows == other.rows`.
    /// - Complexity: 2mnk flops.
    public func transposedTimes(_ other: Matrix) -> Matrix {
        precondition(rows == other.rows, "Matrix.transposedTimes: row counts differ")
        let k = rows, m = columns, n = other.columns
        var result = Matrix(rows: m, columns: n, repeating: 0)
        guard m > 0, n > 0, k > 0 else { return result }
        elements.withUnsafeBufferPointer { a in
            other.elements.withUnsafeBufferPointer { b in
                result.elements.withUnsafeMutableBufferPointer { c in
                    Kernels.multiply(
                        m: m, n: n, k: k, a: a.baseAddress!, aRowStride: 1, aDepthStride: m,
                        b: b.baseAddress!, ldb: n, c: c.baseAddress!, ldc: n)
                }
            }
        }
        return result
    }

    /// The matrix–vector product A x: entry i is the dot product of row i with x.
    /// - Precondition: `vector.count == columns`.
    /// - Complexity: 2 · rows · columns flops.
    @inlinable
    public func multiply(_ vector: [Double]) -> [Double] {
        precondition(vector.count == columns, "Matrix.multiply: vector of \(vector.count) for \(columns) columns")
        let n = columns
        return [Double](unsafeUninitializedCapacity: rows) { out, initialized in
            elements.withUnsafeBufferPointer { a in
                vector.withUnsafeBufferPointer { x in
                    for i in 0..<rows {
                        out[i] = n == 0 ? 0 : Kernels.dot(a.baseAddress! + i * n, x.baseAddress!, count: n)
                    }
                }
            }
            initialized = rows
        }
    }

    /// The product Aᵀ x (= Σᵢ xᵢ · row i), without forming Aᵀ: for least squares, Xᵀy.
    /// - Precondition: `vector.count == rows`.
    /// - Complexity: 2 · rows · columns flops.
    @inlinable
    public func transposedMultiply(_ vector: [Double]) -> [Double] {
        precondition(vector.count == rows, "Matrix.transposedMultiply: vector of \(vector.count) for \(rows) rows")
        var result = [Double](repeating: 0, count: columns)
        let n = columns
        guard n > 0 else { return result }
        elements.withUnsafeBufferPointer { a in
            result.withUnsafeMutableBufferPointer { y in
                for i in 0..<rows {
                    Kernels.axpy(vector[i], a.baseAddress! + i * n, y.baseAddress!, count: n)
                }
            }
        }
        return result
    }

    /// The Gram matrix XᵀX (columns × columns), symmetric: Σᵢ xᵢ xᵢᵀ over the rows xᵢ of X.
    ///
    /// Only the tiles that meet the upper triangle are computed (the `dsyrk` saving, Golub & Van Loan
    /// §1.2, exploiting symmetry); the lower triangle is a mirror, so the result is exactly symmetric.
    /// - Complexity: about n·d² flops for n rows and d columns.
    public func gram() -> Matrix {
        let n = rows, d = columns
        var result = Matrix(rows: d, columns: d, repeating: 0)
        guard n > 0, d > 0 else { return result }
        elements.withUnsafeBufferPointer { x in
            result.elements.withUnsafeMutableBufferPointer { g in
                #if OpenBLAS
                if Backend.usesOpenBLAS {
                    OpenBLASKernels.gramUpper(x.baseAddress!, rows: n, columns: d, into: g.baseAddress!)
                    Kernels.mirrorUpper(g.baseAddress!, n: d, ldc: d)
                    return
                }
                #endif
                Kernels.multiply(
                    m: d, n: d, k: n, a: x.baseAddress!, aRowStride: 1, aDepthStride: d,
                    b: x.baseAddress!, ldb: d, c: g.baseAddress!, ldc: d, upperOnly: true)
                Kernels.mirrorUpper(g.baseAddress!, n: d, ldc: d)
            }
        }
        return result
    }

    /// The weighted Gram matrix XᵀWX = Σᵢ wᵢ xᵢ xᵢᵀ, W = diag(weights), for weighted least squares.
    /// - Precondition: `weights.count == rows`. Weights may be any reals; the result is symmetric.
    /// - Complexity: about n·d² flops, plus n·d to scale the rows.
    public func gram(weights: [Double]) -> Matrix {
        precondition(weights.count == rows, "Matrix.gram(weights:): \(weights.count) weights for \(rows) rows")
        let n = rows, d = columns
        var result = Matrix(rows: d, columns: d, repeating: 0)
        guard n > 0, d > 0 else { return result }
        #if OpenBLAS
        // Non-negative weights: XᵀWX is the Gram matrix of W^½X, one dsyrk (half a dgemm).
        if Backend.usesOpenBLAS && weights.allSatisfy({ $0 >= 0 }) {
            var rooted = elements
            rooted.withUnsafeMutableBufferPointer { s in
                for i in 0..<n {
                    let w = weights[i].squareRoot()
                    for j in 0..<d { s[i * d + j] *= w }
                }
            }
            return Matrix(rows: n, columns: d, elements: rooted).gram()
        }
        #endif
        var scaled = elements
        scaled.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                let w = weights[i]
                for j in 0..<d { s[i * d + j] *= w }
            }
        }
        elements.withUnsafeBufferPointer { x in
            scaled.withUnsafeBufferPointer { s in
                result.elements.withUnsafeMutableBufferPointer { g in
                    Kernels.multiply(
                        m: d, n: d, k: n, a: s.baseAddress!, aRowStride: 1, aDepthStride: d,
                        b: x.baseAddress!, ldb: d, c: g.baseAddress!, ldc: d, upperOnly: true)
                    Kernels.mirrorUpper(g.baseAddress!, n: d, ldc: d)
                }
            }
        }
        return result
    }
}
