extension Matrix {
    /// The rows at `indices`, in that order (a subsample of a data matrix).
    /// - Complexity: O(indices.count · columns).
    public func selectingRows(_ indices: [Int]) -> Matrix {
        var chosen: [Double] = []
        chosen.reserveCapacity(indices.count * columns)
        for i in indices {
            precondition(i >= 0 && i < rows, "Matrix.selectingRows: row \(i) of \(rows)")
            chosen.append(contentsOf: elements[(i * columns)..<((i + 1) * columns)])
        }
        return Matrix(rows: indices.count, columns: columns, elements: chosen)
    }

    /// This matrix with `other`'s rows below it (pooling data matrices).
    /// - Precondition: the same number of columns.
    public func appendingRows(_ other: Matrix) -> Matrix {
        precondition(other.columns == columns, "Matrix.appendingRows: \(other.columns) columns below \(columns)")
        return Matrix(rows: rows + other.rows, columns: columns, elements: elements + other.elements)
    }
}
