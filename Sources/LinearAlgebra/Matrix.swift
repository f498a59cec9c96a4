/// A dense real matrix, stored row-major in one contiguous array.
///
/// Entry (i, j) is `elements[i * columns + j]`. Row-major storage makes a row a contiguous slice, so
/// the kernels of this module run their inner loops along rows (the i-k-j loop order of Golub &
/// Van Loan, "Matrix Computations", 4th ed., §1.1, with the blocking of §1.5); it is also the
/// `CblasRowMajor` / `LAPACK_ROW_MAJOR` layout, so a BLAS backend can take the buffer as it is.
///
/// A value type with copy-on-write storage (the array's): copies are cheap until one is mutated.
/// Routines for symmetric matrices (``cholesky()``, ``semidefiniteCholesky(tolerance:)``,
/// ``symmetricEigen()``) read only the lower triangle, as LAPACK does with `uplo = 'L'`.
@frozen
public struct Matrix: Sendable, Hashable {
    /// The number of rows.
    public let rows: Int
    /// The number of columns.
    public let columns: Int
    /// The entries, row by row; the count must stay `rows * columns` (checked on every mutation).
    public var elements: [Double] {
        didSet { precondition(elements.count == rows * columns, "Matrix: elements.count must stay rows × columns") }
    }

    /// A matrix with the given entries, row by row.
    /// - Precondition: `rows, columns ≥ 0` and `elements.count == rows * columns`.
    @inlinable
    public init(rows: Int, columns: Int, elements: [Double]) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative dimension")
        precondition(elements.count == rows * columns, "Matrix: \(elements.count) elements for \(rows) × \(columns)")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix with every entry equal to `value`.
    @inlinable
    public init(rows: Int, columns: Int, repeating value: Double) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative dimension")
        self.init(rows: rows, columns: columns, elements: Array(repeating: value, count: rows * columns))
    }

    /// A matrix whose entry (i, j) is `entry(i, j)`, evaluated row by row.
    @inlinable
    public init(rows: Int, columns: Int, _ entry: (_ row: Int, _ column: Int) throws -> Double) rethrows {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative dimension")
        var elements = [Double]()
        elements.reserveCapacity(rows * columns)
        for i in 0..<rows {
            for j in 0..<columns {
                elements.append(try entry(i, j))
            }
        }
        self.init(rows: rows, columns: columns, elements: elements)
    }

    /// A matrix from its rows, for literals: `Matrix([[2, 1], [1, 2]])`.
    /// - Precondition: every row has the same length. An empty array gives the 0 × 0 matrix.
    @inlinable
    public init(_ rowArrays: [[Double]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "Matrix: rows of different lengths")
        self.init(rows: rowArrays.count, columns: columns, elements: Array(rowArrays.joined()))
    }

    /// The n × n identity matrix.
    @inlinable
    public static func identity(_ n: Int) -> Matrix {
        diagonal(Array(repeating: 1, count: n))
    }

    /// The square matrix with `values` on the diagonal and zeros elsewhere.
    @inlinable
    public static func diagonal(_ values: [Double]) -> Matrix {
        let n = values.count
        var result = Matrix(rows: n, columns: n, repeating: 0)
        for i in 0..<n { result.elements[i * n + i] = values[i] }
        return result
    }

    /// Entry (row, column).
    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix: index out of range")
            return elements[row &* columns &+ column]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix: index out of range")
            elements[row &* columns &+ column] = newValue
        }
    }

    /// Whether the matrix has as many rows as columns.
    @inlinable
    public var isSquare: Bool { rows == columns }

    /// Row `i` as an array.
    @inlinable
    public func row(_ i: Int) -> [Double] {
        precondition(i >= 0 && i < rows, "Matrix: row out of range")
        return Array(elements[i * columns ..< (i + 1) * columns])
    }

    /// Column `j` as an array.
    @inlinable
    public func column(_ j: Int) -> [Double] {
        precondition(j >= 0 && j < columns, "Matrix: column out of range")
        return (0..<rows).map { elements[$0 * columns + j] }
    }

    /// The diagonal entries aᵢᵢ, i < min(rows, columns).
    @inlinable
    public var diagonalElements: [Double] {
        (0..<Swift.min(rows, columns)).map { elements[$0 * columns + $0] }
    }

    /// The trace Σᵢ aᵢᵢ.
    /// - Precondition: square.
    @inlinable
    public var trace: Double {
        precondition(isSquare, "Matrix.trace: not square")
        var sum = 0.0
        for i in 0..<rows { sum += elements[i * columns + i] }
        return sum
    }

    /// The transpose Aᵀ, copied in 32 × 32 tiles so that both matrices are walked cache-friendly.
    /// - Complexity: O(rows · columns).
    public func transposed() -> Matrix {
        let m = rows, n = columns
        var result = Matrix(rows: n, columns: m, repeating: 0)
        guard m > 0 && n > 0 else { return result }
        let tile = 32
        elements.withUnsafeBufferPointer { a in
            result.elements.withUnsafeMutableBufferPointer { t in
                for i0 in stride(from: 0, to: m, by: tile) {
                    let i1 = Swift.min(i0 + tile, m)
                    for j0 in stride(from: 0, to: n, by: tile) {
                        let j1 = Swift.min(j0 + tile, n)
                        for i in i0..<i1 {
                            for j in j0..<j1 { t[j * m + i] = a[i * n + j] }
                        }
                    }
                }
            }
        }
        return result
    }

    /// Whether the matrix is square and |aᵢⱼ − aⱼᵢ| ≤ tolerance · max(|aᵢⱼ|, |aⱼᵢ|) for all i, j:
    /// symmetric to a relative tolerance. Equal pairs (zeros included) always pass; a NaN fails.
    /// - Parameter tolerance: relative tolerance; the default 0 asks for exact symmetry.
    /// - Complexity: O(n²).
    @inlinable
    public func isSymmetric(tolerance: Double = 0) -> Bool {
        guard isSquare else { return false }
        let n = rows
        for i in 0..<n {
            for j in 0..<i {
                let a = elements[i * n + j], b = elements[j * n + i]
                if a == b { continue }
                if !(Swift.abs(a - b) <= tolerance * Swift.max(Swift.abs(a), Swift.abs(b))) { return false }
            }
        }
        return true
    }

    /// The largest absolute entry, max |aᵢⱼ| (0 for an empty matrix; NaN if an entry is NaN).
    @inlinable
    public var maxAbsoluteElement: Double {
        var result = 0.0
        for x in elements {
            if x.isNaN { return .nan }
            result = Swift.max(result, Swift.abs(x))
        }
        return result
    }

    /// The Frobenius norm ‖A‖_F = (Σ aᵢⱼ²)^½, scaled by max |aᵢⱼ| so that it neither overflows nor
    /// underflows.
    @inlinable
    public var frobeniusNorm: Double {
        let scale = maxAbsoluteElement
        guard scale > 0 && scale.isFinite else { return scale }
        var sum = 0.0
        for x in elements {
            let y = x / scale
            sum += y * y
        }
        return scale * sum.squareRoot()
    }
}

extension Matrix: CustomStringConvertible {
    public var description: String {
        var text = "Matrix(\(rows) × \(columns))"
        for i in 0..<rows {
            text += "\n  [" + row(i).map { "\($0)" }.joined(separator: ", ") + "]"
        }
        return text
    }
}
