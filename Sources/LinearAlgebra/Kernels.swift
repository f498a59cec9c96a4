/// The pure-Swift compute kernels behind ``Matrix``: dot products, the general product and the
/// Gram product. They are the only code here that touches raw pointers; the public API reaches them
/// through `withUnsafe…BufferPointer` on whole arrays whose sizes it has checked. A BLAS backend
/// (the `OpenBLAS` trait: `dgemm`, `dsyrk`, see `OpenBLASKernels`) replaces them one for one, so they keep BLAS's
/// shape: row-major operands with a leading dimension, the output overwritten.
@usableFromInline
enum Kernels {
    /// Σᵢ xᵢ yᵢ with four independent partial sums, so the loop pipelines and vectorises (the sum is
    /// reassociated: results may differ from a left-to-right sum in the last bits).
    @inlinable
    static func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var i = 0
        while i &+ 4 <= count {
            s0 += x[i] * y[i]
            s1 += x[i &+ 1] * y[i &+ 1]
            s2 += x[i &+ 2] * y[i &+ 2]
            s3 += x[i &+ 3] * y[i &+ 3]
            i &+= 4
        }
        while i < count {
            s0 += x[i] * y[i]
            i &+= 1
        }
        return (s0 + s1) + (s2 + s3)
    }

    /// y ← y + α x.
    @inlinable
    static func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count { y[i] += alpha * x[i] }
    }

    // MARK: Blocked products (Golub & Van Loan §1.5; Goto & van de Geijn, "Anatomy of high-performance
    // matrix multiplication", ACM TOMS 34(3), 2008)

    /// Register tile: the micro-kernel keeps an `mr` × `nr` block of C in SIMD registers.
    @usableFromInline static let mr = 4
    @usableFromInline static let nr = 4
    /// Cache blocks: a packed `kc` × `nr` sliver of B stays in L1 while the micro-kernel streams a
    /// packed `mc` × `kc` block of A from L2.
    @usableFromInline static let kc = 256
    @usableFromInline static let mc = 64
    @usableFromInline static let nc = 1024

    /// C ← op(A) · B for row-major C (m × n), B (k × n), and A given by strides: op(A)ᵢₚ =
    /// `a[i * aRowStride + p * aDepthStride]`. With (lda, 1) that is A (m × k); with (1, lda) it is
    /// the transpose of a row-major k × m matrix, which is how XᵀX is formed without a transpose.
    ///
    /// With `upperOnly`, only the register tiles that meet the upper triangle (j ≥ i) are computed;
    /// the caller mirrors them (a symmetric product costs half).
    @usableFromInline
    static func multiply(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Double>, aRowStride: Int, aDepthStride: Int,
        b: UnsafePointer<Double>, ldb: Int,
        c: UnsafeMutablePointer<Double>, ldc: Int,
        upperOnly: Bool = false
    ) {
        for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) }
        guard m > 0, n > 0, k > 0 else { return }
        #if OpenBLAS
        // dgemm computes the whole product; with `upperOnly` the caller mirrors the upper triangle
        // over the lower one, so the result is the same.
        if Backend.usesOpenBLAS {
            OpenBLASKernels.multiply(
                m: m, n: n, k: k, a: a, aRowStride: aRowStride, aDepthStride: aDepthStride,
                b: b, ldb: ldb, c: c, ldc: ldc)
            return
        }
        #endif
        if m * n * k <= smallProduct {
            smallMultiply(
                m: m, n: n, k: k, a: a, aRowStride: aRowStride, aDepthStride: aDepthStride,
                b: b, ldb: ldb, c: c, ldc: ldc, upperOnly: upperOnly)
            return
        }
        // One scratch allocation, sized to the problem (small products must not pay for full blocks).
        let depthCapacity = Swift.min(kc, k)
        let aCapacity = Swift.min(mc, (m + mr - 1) / mr * mr) * depthCapacity
        let bCapacity = Swift.min(nc, (n + nr - 1) / nr * nr) * depthCapacity
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: aCapacity + bCapacity)
        defer { scratch.deallocate() }
        let packedA = scratch, packedB = scratch + aCapacity
        for j0 in stride(from: 0, to: n, by: nc) {
            let nBlock = Swift.min(nc, n - j0)
            for p0 in stride(from: 0, to: k, by: kc) {
                let kBlock = Swift.min(kc, k - p0)
                packB(b + p0 * ldb + j0, ldb: ldb, depth: kBlock, width: nBlock, into: packedB)
                for i0 in stride(from: 0, to: m, by: mc) {
                    let mBlock = Swift.min(mc, m - i0)
                    if upperOnly && i0 >= j0 + nBlock { break }
                    packA(
                        a + i0 * aRowStride + p0 * aDepthStride, rowStride: aRowStride, depthStride: aDepthStride,
                        height: mBlock, depth: kBlock, into: packedA)
                    for jr in stride(from: 0, to: nBlock, by: nr) {
                        let width = Swift.min(nr, nBlock - jr)
                        for ir in stride(from: 0, to: mBlock, by: mr) {
                            // Tile rows i0+ir… meet the upper triangle iff their first row ≤ last column.
                            if upperOnly && i0 + ir > j0 + jr + width - 1 { break }
                            let height = Swift.min(mr, mBlock - ir)
                            microKernel(
                                depth: kBlock, a: packedA + ir * kBlock, b: packedB + jr * kBlock,
                                c: c + (i0 + ir) * ldc + j0 + jr, ldc: ldc, height: height, width: width)
                        }
                    }
                }
            }
        }
    }

    /// Below this many multiply-adds, packing costs more than it saves.
    @usableFromInline static let smallProduct = 16 * 16 * 16

    /// The plain i-p-j loop (the row-oriented "ikj" order of Golub & Van Loan §1.1): the inner loop is
    /// an axpy along a row of B and C, which vectorises.
    @usableFromInline
    static func smallMultiply(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Double>, aRowStride: Int, aDepthStride: Int,
        b: UnsafePointer<Double>, ldb: Int,
        c: UnsafeMutablePointer<Double>, ldc: Int,
        upperOnly: Bool
    ) {
        for i in 0..<m {
            let first = upperOnly ? Swift.min(i, n) : 0
            let row = c + i * ldc
            for p in 0..<k {
                let aip = a[i * aRowStride + p * aDepthStride]
                let bRow = b + p * ldb
                for j in first..<n { row[j] += aip * bRow[j] }
            }
        }
    }

    /// Packs B[0..<depth, 0..<width] into slivers of `nr` columns: sliver s holds, for each p, the
    /// `nr` entries B[p, s·nr ..< s·nr + nr] (zero-padded past `width`).
    @usableFromInline
    static func packB(_ b: UnsafePointer<Double>, ldb: Int, depth: Int, width: Int, into packed: UnsafeMutablePointer<Double>) {
        var out = packed
        for j in stride(from: 0, to: width, by: nr) {
            let w = Swift.min(nr, width - j)
            for p in 0..<depth {
                let row = b + p * ldb + j
                for t in 0..<w { out[t] = row[t] }
                for t in w..<nr { out[t] = 0 }
                out += nr
            }
        }
    }

    /// Packs op(A)[0..<height, 0..<depth] into slivers of `mr` rows: sliver s holds, for each p, the
    /// `mr` entries op(A)[s·mr ..< s·mr + mr, p] (zero-padded past `height`).
    @usableFromInline
    static func packA(
        _ a: UnsafePointer<Double>, rowStride: Int, depthStride: Int, height: Int, depth: Int,
        into packed: UnsafeMutablePointer<Double>
    ) {
        var out = packed
        for i in stride(from: 0, to: height, by: mr) {
            let h = Swift.min(mr, height - i)
            for p in 0..<depth {
                let base = a + i * rowStride + p * depthStride
                for t in 0..<h { out[t] = base[t * rowStride] }
                for t in h..<mr { out[t] = 0 }
                out += mr
            }
        }
    }

    /// C[0..<height, 0..<width] += Σₚ a[p] ⊗ b[p] over packed slivers, the 4 × 4 tile held in four
    /// SIMD4 accumulators (one per row).
    @usableFromInline
    @inline(__always)
    static func microKernel(
        depth: Int, a: UnsafePointer<Double>, b: UnsafePointer<Double>,
        c: UnsafeMutablePointer<Double>, ldc: Int, height: Int, width: Int
    ) {
        var c0 = SIMD4<Double>(), c1 = SIMD4<Double>(), c2 = SIMD4<Double>(), c3 = SIMD4<Double>()
        let aVectors = UnsafeRawPointer(a)
        let bVectors = UnsafeRawPointer(b)
        for p in 0..<depth {
            let bp = bVectors.loadUnaligned(fromByteOffset: p &* 32, as: SIMD4<Double>.self)
            let ap = aVectors.loadUnaligned(fromByteOffset: p &* 32, as: SIMD4<Double>.self)
            c0 += ap[0] * bp
            c1 += ap[1] * bp
            c2 += ap[2] * bp
            c3 += ap[3] * bp
        }
        if height == 4 && width == 4 {
            add(c0, to: c)
            add(c1, to: c + ldc)
            add(c2, to: c + 2 &* ldc)
            add(c3, to: c + 3 &* ldc)
        } else {
            for t in 0..<width {
                c[t] += c0[t]
                if height > 1 { c[ldc &+ t] += c1[t] }
                if height > 2 { c[2 &* ldc &+ t] += c2[t] }
                if height > 3 { c[3 &* ldc &+ t] += c3[t] }
            }
        }
    }

    @usableFromInline
    @inline(__always)
    static func add(_ row: SIMD4<Double>, to target: UnsafeMutablePointer<Double>) {
        let raw = UnsafeMutableRawPointer(target)
        raw.storeBytes(of: raw.loadUnaligned(as: SIMD4<Double>.self) + row, as: SIMD4<Double>.self)
    }

    /// Copies the strict upper triangle of the n × n row-major C onto the lower one.
    @usableFromInline
    static func mirrorUpper(_ c: UnsafeMutablePointer<Double>, n: Int, ldc: Int) {
        for i in 0..<n {
            for j in 0..<i { c[i * ldc + j] = c[j * ldc + i] }
        }
    }
}
