import Foundation

/// The symmetric eigendecomposition by Householder tridiagonalisation and the implicit symmetric QR
/// algorithm with Wilkinson shifts (Golub & Van Loan, "Matrix Computations", 4th ed., Algorithms
/// 8.3.1 and 8.3.3; B. N. Parlett, "The Symmetric Eigenvalue Problem", SIAM 1998, ch. 8).
///
/// 1. A is scaled by a power of two so that max |aᵢⱼ| ∈ [1, 2) (exact; LAPACK `dsyev` scales for the
///    same reason), so that the squares in the reflectors and rotations neither overflow nor underflow.
/// 2. Qᵀ A Q = T, tridiagonal, with Q = H₀ ⋯ H_{n−3}: reflector k annihilates row k right of the
///    superdiagonal. The working copy holds the upper triangle, so the symmetric products and rank-2
///    updates run along contiguous rows.
/// 3. Qᵀ is formed explicitly as X ← X·H_{n−3}, …, X·H₀ starting from X = I: each reflector touches
///    only the trailing rows, each row independently (a dot product and an axpy).
/// 4. Implicit QR steps on the unreduced blocks of T, the shift being the eigenvalue of the trailing
///    2 × 2 block closer to its last diagonal entry (Wilkinson); an off-diagonal entry is set to zero once
///    |eᵢ| ≤ ε(|dᵢ| + |dᵢ₊₁|) (or ≤ ε²‖T‖). The rotations of 16 steps are saved and then applied to
///    the rows of Qᵀ (rows are eigenvectors here) in column strips: a strip of the row being carried
///    stays in registers through a step, and the strip stays in cache through the 16 steps.
///
/// The result is backward stable: V̂Λ̂V̂ᵀ = A + E with ‖E‖ = O(nε)‖A‖ and ‖V̂ᵀV̂ − I‖ = O(nε) (Golub &
/// Van Loan §8.3.6), so every eigenvalue is accurate to O(nε)‖A‖ (absolute, not relative to |λ|).
/// Flops: about 4n³/3 for T, 4n³/3 for Qᵀ, and 6n per rotation; a 200 × 200 Wigner matrix takes
/// 2.1 QR steps per eigenvalue and 1.1n² rotations, so about 9n³ in all.
@usableFromInline
enum TridiagonalEigen {
    /// QR steps per eigenvalue beyond which the iteration gives up (LAPACK `dsteqr` uses the same 30);
    /// the caller then falls back to Jacobi. The QR iteration with Wilkinson's shift converges globally
    /// (J. H. Wilkinson, Linear Algebra Appl. 1, 1968), so this is not expected for finite input.
    @usableFromInline static let maximumStepsPerEigenvalue = 30

    /// QR steps whose rotations are saved and then applied together, strip by strip, so that a strip
    /// of the eigenvector rows stays in cache through all of them.
    @usableFromInline static let stepBatch = 16
    /// Reflectors applied to each row of Qᵀ in one pass.
    @usableFromInline static let reflectorBlock = 32

    /// The decomposition (ascending values, each vector signed by the convention of ``SymmetricEigen``),
    /// or nil for non-finite input or an iteration that did not converge.
    @usableFromInline
    static func decompose(_ matrix: Matrix) -> SymmetricEigen? {
        let n = matrix.rows
        if n == 0 { return SymmetricEigen(values: [], vectors: matrix) }
        var largest = 0.0
        for i in 0..<n {
            for j in 0...i {
                let magnitude = Swift.abs(matrix.elements[i * n + j])
                guard magnitude <= .greatestFiniteMagnitude else { return nil }  // ∞ or NaN
                largest = Swift.max(largest, magnitude)
            }
        }
        if largest == 0 {
            return SymmetricEigen(values: [Double](repeating: 0, count: n), vectors: .identity(n))
        }
        // A·2^−e with e = exponent of the largest entry; x·2^k via the scalbn initialiser is exact.
        let exponent = largest.exponent
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in i..<n {
                a[i * n + j] = Double(sign: .plus, exponent: -exponent, significand: matrix.elements[j * n + i])
            }
        }
        var diagonal = [Double](repeating: 0, count: n)
        var offDiagonal = [Double](repeating: 0, count: n)
        var transposedVectors = Matrix.identity(n).elements
        var converged = true
        a.withUnsafeMutableBufferPointer { a in
            diagonal.withUnsafeMutableBufferPointer { d in
                offDiagonal.withUnsafeMutableBufferPointer { e in
                    transposedVectors.withUnsafeMutableBufferPointer { w in
                        let workspace = UnsafeMutablePointer<Double>.allocate(capacity: 2 * n)
                        defer { workspace.deallocate() }
                        let tau = workspace, p = workspace + n
                        tridiagonalise(a.baseAddress!, n: n, d: d.baseAddress!, e: e.baseAddress!, tau: tau, work: p)
                        accumulate(a.baseAddress!, n: n, tau: tau, into: w.baseAddress!)
                        converged = iterate(n: n, d: d.baseAddress!, e: e.baseAddress!, vectors: w.baseAddress!)
                    }
                }
            }
        }
        guard converged else { return nil }
        for k in 0..<n { diagonal[k] = Double(sign: .plus, exponent: exponent, significand: diagonal[k]) }
        return assemble(values: diagonal, rowVectors: transposedVectors, n: n)
    }

    /// Householder tridiagonalisation of the symmetric matrix whose upper triangle is `a` (row-major,
    /// leading dimension n). Afterwards dₖ, eₖ hold T's diagonal and superdiagonal; row k of `a` holds
    /// reflector k's vector v (v₀ = 1 at column k + 1) with H_k = I − τₖvvᵀ; τₖ = 0 means H_k = I.
    @usableFromInline
    static func tridiagonalise(
        _ a: UnsafeMutablePointer<Double>, n: Int, d: UnsafeMutablePointer<Double>,
        e: UnsafeMutablePointer<Double>, tau: UnsafeMutablePointer<Double>, work p: UnsafeMutablePointer<Double>
    ) {
        for k in 0..<Swift.max(n - 2, 0) {
            let m = n - k - 1
            let v = a + k * n + k + 1
            d[k] = a[k * n + k]
            let alpha = v[0]
            let tailNorm = norm(v + 1, count: m - 1)
            if tailNorm <= 0x1p-900 {
                // Already tridiagonal in this row. (With max |aᵢⱼ| ≥ 1, a tail below 2⁻⁹⁰⁰ is far below
                // the rounding of the rest, and 1/(α − β) could overflow.)
                tau[k] = 0
                e[k] = alpha
                continue
            }
            // dlarfg's reflector: H x = β e₁ with β = −sign(α)‖x‖, τ = (β − α)/β, v = x/(α − β), v₀ = 1.
            let beta = -(alpha >= 0 ? 1.0 : -1.0) * hypot(alpha, tailNorm)
            let t = (beta - alpha) / beta
            let reciprocal = 1 / (alpha - beta)
            for j in 1..<m { v[j] *= reciprocal }
            v[0] = 1
            tau[k] = t
            e[k] = beta
            // p = τ·B·v for the trailing block B (upper triangle stored): row i contributes its
            // diagonal and upper part to pᵢ (a dot product) and, by symmetry, vᵢ·(its upper part) to
            // p_{i+1…} (an axpy). Then w = p − (τ/2)(pᵀv)·v and B ← B − vwᵀ − wvᵀ.
            p.update(repeating: 0, count: m)
            for i in 0..<m {
                let row = a + (k + 1 + i) * n + (k + 1 + i)
                let vi = v[i]
                let length = m - i - 1
                p[i] += row[0] * vi + Kernels.dot(row + 1, v + i + 1, count: length)
                Kernels.axpy(vi, row + 1, p + i + 1, count: length)
            }
            for i in 0..<m { p[i] *= t }
            let correction = 0.5 * t * Kernels.dot(p, v, count: m)
            for i in 0..<m { p[i] -= correction * v[i] }
            for i in 0..<m {
                let row = a + (k + 1 + i) * n + (k + 1 + i)
                let vi = v[i], wi = p[i]
                let vTail = v + i, wTail = p + i
                for j in 0..<(m - i) { row[j] -= vi * wTail[j] + wi * vTail[j] }
            }
        }
        if n >= 2 {
            d[n - 2] = a[(n - 2) * n + n - 2]
            e[n - 2] = a[(n - 2) * n + n - 1]
        }
        d[n - 1] = a[(n - 1) * n + n - 1]
        e[n - 1] = 0
    }

    /// ‖x‖₂, rescaled when the plain sum of squares would lose precision to underflow.
    @usableFromInline
    static func norm(_ x: UnsafePointer<Double>, count: Int) -> Double {
        let sum = Kernels.dot(x, x, count: count)
        if sum >= 0x1p-960 || sum == 0 && isZero(x, count: count) { return sum.squareRoot() }
        var largest = 0.0
        for i in 0..<count { largest = Swift.max(largest, Swift.abs(x[i])) }
        var scaled = 0.0
        for i in 0..<count {
            let y = x[i] / largest
            scaled += y * y
        }
        return largest * scaled.squareRoot()
    }

    @usableFromInline
    static func isZero(_ x: UnsafePointer<Double>, count: Int) -> Bool {
        for i in 0..<count where x[i] != 0 { return false }
        return true
    }

    /// Qᵀ = H_{n−3} ⋯ H₀ into `w` (which holds I on entry): X ← X·H_k for k = n−3 down to 0. X differs
    /// from I only in rows and columns after k when H_k is applied, so row i > k becomes
    /// xᵢ − τ(xᵢ·v)vᵀ on its columns k + 1…, and rows ≤ k do not change. Rows are independent, so a
    /// block of ``reflectorBlock`` reflectors is applied to one row after another while the row stays
    /// in L1 (the reflectors, in L2, are what streams).
    @usableFromInline
    static func accumulate(_ a: UnsafePointer<Double>, n: Int, tau: UnsafePointer<Double>, into w: UnsafeMutablePointer<Double>) {
        var high = n - 3
        while high >= 0 {
            let low = Swift.max(0, high - reflectorBlock + 1)
            for i in (low + 1)..<n {
                var k = Swift.min(high, i - 1)
                while k >= low {
                    defer { k -= 1 }
                    let t = tau[k]
                    if t == 0 { continue }
                    let m = n - k - 1
                    let v = a + k * n + k + 1
                    let row = w + i * n + k + 1
                    let s = t * Kernels.dot(row, v, count: m)
                    Kernels.axpy(-s, v, row, count: m)
                }
            }
            high = low - 1
        }
    }

    /// Implicit QR steps with Wilkinson shifts on T = tridiag(e, d, e) until it is diagonal. The steps
    /// need only T, so their rotations are saved and applied to the rows of `vectors` (n × n, rows are
    /// eigenvectors) ``stepBatch`` steps at a time. Returns false if it took more than
    /// ``maximumStepsPerEigenvalue``·n steps.
    @usableFromInline
    static func iterate(n: Int, d: UnsafeMutablePointer<Double>, e: UnsafeMutablePointer<Double>, vectors: UnsafeMutablePointer<Double>) -> Bool {
        var scale = 0.0
        for i in 0..<n { scale = Swift.max(scale, Swift.abs(d[i]), Swift.abs(e[i])) }
        let floor = Double.ulpOfOne * Double.ulpOfOne * scale
        @inline(__always) func negligible(_ i: Int) -> Bool {
            let size = Swift.abs(e[i])
            return size <= Double.ulpOfOne * (Swift.abs(d[i]) + Swift.abs(d[i + 1])) || size <= floor
        }
        let capacity = stepBatch * n
        let cosines = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
        let sines = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
        let ranges = UnsafeMutablePointer<Int>.allocate(capacity: 3 * stepBatch)
        defer {
            cosines.deallocate()
            sines.deallocate()
            ranges.deallocate()
        }
        var batched = 0, used = 0
        func flush() {
            rotateRows(vectors, n: n, steps: batched, ranges: ranges, cosines: cosines, sines: sines)
            batched = 0
            used = 0
        }
        var steps = 0
        let maximumSteps = maximumStepsPerEigenvalue * n
        var end = n - 1
        while end > 0 {
            if negligible(end - 1) {
                e[end - 1] = 0
                end -= 1
                continue
            }
            var start = end - 1
            while start > 0 && !negligible(start - 1) { start -= 1 }
            if start > 0 { e[start - 1] = 0 }
            steps += 1
            if steps > maximumSteps { return false }
            // Rotation k of this step is saved at used + k − start.
            qrStep(d: d, e: e, start: start, end: end, cosines: cosines + used, sines: sines + used)
            ranges[3 * batched] = start
            ranges[3 * batched + 1] = end
            ranges[3 * batched + 2] = used
            batched += 1
            used += end - start
            if batched == stepBatch { flush() }
        }
        if batched > 0 { flush() }
        return true
    }

    /// One implicit QR step on the unreduced block `start…end` (Golub & Van Loan Algorithm 8.3.2):
    /// with the Wilkinson shift μ, the first rotation is that of (d_start − μ, e_start); each later one
    /// chases the bulge down. The rotation k acts on coordinates (k, k + 1) as
    /// (u, v) ↦ (c u + s v, −s u + c v), and T ← R T Rᵀ; its c and s are saved at index k − start.
    @usableFromInline
    @inline(__always)
    static func qrStep(
        d: UnsafeMutablePointer<Double>, e: UnsafeMutablePointer<Double>, start: Int, end: Int,
        cosines: UnsafeMutablePointer<Double>, sines: UnsafeMutablePointer<Double>
    ) {
        // μ = d_end − b²/(δ + sign(δ)(δ² + b²)^½), δ = (d_{end−1} − d_end)/2, b = e_{end−1}.
        let delta = (d[end - 1] - d[end]) / 2
        let b = e[end - 1]
        let radius = (delta * delta + b * b).squareRoot()
        let shift = d[end] - b * (b / (delta + (delta >= 0 ? radius : -radius)))
        var x = d[start] - shift
        var z = e[start]
        for k in start..<end {
            let c: Double, s: Double
            if z == 0 {
                // The bulge is gone (the block split): the identity continues the chase.
                c = 1
                s = 0
            } else {
                var r = (x * x + z * z).squareRoot()
                if !(r > 0x1p-500 && r < 0x1p500) { r = hypot(x, z) }
                let reciprocal = 1 / r
                c = x * reciprocal
                s = z * reciprocal
                if k > start { e[k - 1] = r }
            }
            let dk = d[k], ek = e[k], dNext = d[k + 1]
            let cc = c * c, ss = s * s, cs2 = 2 * c * s * ek
            d[k] = cc * dk + cs2 + ss * dNext
            d[k + 1] = ss * dk - cs2 + cc * dNext
            e[k] = c * s * (dNext - dk) + (cc - ss) * ek
            if k + 1 < end {
                x = e[k]
                z = s * e[k + 1]
                e[k + 1] *= c
            }
            cosines[k - start] = c
            sines[k - start] = s
        }
    }

    /// Applies the saved rotations of `steps` QR steps to the rows of `w`: step t (rows start…end,
    /// rotations from `offset`, with `ranges[3t…3t+2]` = start, end, offset) sets rows k, k + 1 ←
    /// (c rowₖ + s rowₖ₊₁, −s rowₖ + c rowₖ₊₁) for k = start, …, end − 1 in turn (LAPACK `dlasr`'s
    /// forward sequence). Strip by strip of 8 columns (a cache line; then 4, then 1; 16 would spill the 16
    /// SSE registers of baseline x86-64): within a
    /// step the row that moves down is carried in registers, so each entry is read and written once per
    /// step, and the strip stays in cache from one step to the next.
    @usableFromInline
    static func rotateRows(
        _ w: UnsafeMutablePointer<Double>, n: Int, steps: Int, ranges: UnsafePointer<Int>,
        cosines: UnsafePointer<Double>, sines: UnsafePointer<Double>
    ) {
        let rowBytes = n &* MemoryLayout<Double>.stride
        var column = 0
        @inline(__always) func strips<V: SIMD>(_: V.Type) where V.Scalar == Double {
            while column &+ V.scalarCount <= n {
                let base = UnsafeMutableRawPointer(w + column)
                for t in 0..<steps {
                    let start = ranges[3 &* t], end = ranges[3 &* t &+ 1], offset = ranges[3 &* t &+ 2]
                    sweep(base, rowBytes: rowBytes, start: start, end: end, c: cosines + offset, s: sines + offset, V.self)
                }
                column &+= V.scalarCount
            }
        }
        strips(SIMD8<Double>.self)
        strips(SIMD4<Double>.self)
        while column < n {
            for t in 0..<steps {
                let start = ranges[3 &* t], end = ranges[3 &* t &+ 1]
                let c = cosines + ranges[3 &* t &+ 2], s = sines + ranges[3 &* t &+ 2]
                var carry = w[start &* n &+ column]
                for k in start..<end {
                    let next = w[(k &+ 1) &* n &+ column]
                    w[k &* n &+ column] = c[k &- start] * carry + s[k &- start] * next
                    carry = c[k &- start] * next - s[k &- start] * carry
                }
                w[end &* n &+ column] = carry
            }
            column &+= 1
        }
    }

    /// One step's rotations on the rows start…end of a strip of V.scalarCount columns at `base`: the
    /// row that moves down is carried in registers.
    @usableFromInline
    @inline(__always)
    static func sweep<V: SIMD>(
        _ base: UnsafeMutableRawPointer, rowBytes: Int, start: Int, end: Int,
        c: UnsafePointer<Double>, s: UnsafePointer<Double>, _: V.Type
    ) where V.Scalar == Double {
        var offset = start &* rowBytes
        var carry = base.loadUnaligned(fromByteOffset: offset, as: V.self)
        for j in 0..<(end &- start) {
            let next = base.loadUnaligned(fromByteOffset: offset &+ rowBytes, as: V.self)
            let cj = V(repeating: c[j]), sj = V(repeating: s[j])
            base.storeBytes(of: cj * carry + sj * next, toByteOffset: offset, as: V.self)
            carry = cj * next - sj * carry
            offset &+= rowBytes
        }
        base.storeBytes(of: carry, toByteOffset: offset, as: V.self)
    }

    /// Sorts ascending (ties by position) and signs each vector so that its largest-magnitude entry
    /// (the first on ties) is positive; vector k is row k of `rowVectors`, and becomes a column.
    @usableFromInline
    static func assemble(values: [Double], rowVectors w: [Double], n: Int) -> SymmetricEigen {
        let order = (0..<n).sorted { (values[$0], $0) < (values[$1], $1) }
        var vectors = [Double](repeating: 0, count: n * n)
        var sorted = [Double]()
        sorted.reserveCapacity(n)
        for (column, k) in order.enumerated() {
            sorted.append(values[k])
            let row = k * n
            var largest = 0
            for i in 0..<n where Swift.abs(w[row + i]) > Swift.abs(w[row + largest]) { largest = i }
            let sign: Double = w[row + largest] < 0 ? -1 : 1
            for i in 0..<n { vectors[i * n + column] = sign * w[row + i] }
        }
        return SymmetricEigen(values: sorted, vectors: Matrix(rows: n, columns: n, elements: vectors))
    }
}
