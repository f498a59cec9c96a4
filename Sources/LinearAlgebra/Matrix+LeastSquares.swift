// Least squares and ridge regression through the normal equations.

extension Matrix {
    /// The least-squares (λ = 0) or ridge (λ > 0) coefficients for the design X = `self` (n × d):
    ///
    ///     ŵ = argmin_w ‖y − X w‖² + λ‖w‖² = (XᵀX + λI)⁻¹ Xᵀy,
    ///
    /// by the Cholesky factorisation of XᵀX + λI (the normal equations, Golub & Van Loan, "Matrix
    /// Computations", 4th ed., §5.3; ridge regression as Tikhonov regularisation, §6.1). Note the
    /// penalty is λ, not nλ.
    ///
    /// Returns nil when λ = 0 and XᵀX is singular to working precision: n < d, or a Cholesky pivot of
    /// XᵀX at or below max(n, d)·ε·maxⱼ(XᵀX)ⱼⱼ (the rounding error of forming XᵀX, so an exactly
    /// collinear design is caught). With λ > 0 it returns nil only if XᵀX + λI is not numerically
    /// positive definite (overflowing or NaN data). The normal equations square the condition number:
    /// the relative error is about κ(X)²·ε; fine for the well-conditioned designs of the families.
    /// - Parameters:
    ///   - y: the responses, one per row.
    ///   - ridge: the penalty λ ≥ 0.
    /// - Complexity: n·d² flops for XᵀX, d³/3 for the factorisation.
    public func leastSquares(_ y: [Double], ridge: Double = 0) -> [Double]? {
        precondition(y.count == rows, "Matrix.leastSquares: \(y.count) responses for \(rows) rows")
        return LeastSquares.solveNormalEquations(gram: gram(), moment: transposedMultiply(y), rows: rows, ridge: ridge)
    }

    /// Weighted least squares or ridge: ŵ = argmin_w Σᵢ wᵢ (yᵢ − xᵢᵀw)² + λ‖w‖² = (XᵀWX + λI)⁻¹ XᵀWy.
    ///
    /// Weights are the training-set weights of a weighted fit (non-negative; rows with weight 0 do not
    /// count, so n in the singularity test is the number of positive weights). nil as for
    /// ``leastSquares(_:ridge:)``.
    /// - Precondition: `weights.count == rows == y.count`, weights ≥ 0.
    /// - Complexity: n·d² flops for XᵀWX, d³/3 for the factorisation.
    public func leastSquares(_ y: [Double], weights: [Double], ridge: Double = 0) -> [Double]? {
        precondition(y.count == rows, "Matrix.leastSquares: \(y.count) responses for \(rows) rows")
        precondition(weights.count == rows, "Matrix.leastSquares: \(weights.count) weights for \(rows) rows")
        precondition(weights.allSatisfy { $0 >= 0 }, "Matrix.leastSquares: negative weight")
        var weighted = y
        for i in 0..<rows { weighted[i] *= weights[i] }
        let effectiveRows = weights.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        return LeastSquares.solveNormalEquations(
            gram: gram(weights: weights), moment: transposedMultiply(weighted), rows: effectiveRows, ridge: ridge)
    }

    /// The minimum-norm least-squares solution ŵ = X⁺y (X⁺ the Moore–Penrose pseudo-inverse): of all
    /// minimisers of ‖y − Xw‖ the one of least ‖w‖. It is the ridge solution's limit as λ → 0, and the
    /// "ridgeless" interpolator on the over-parameterised side (d > n) of the interpolation threshold.
    ///
    /// Through the eigendecomposition of the smaller Gram matrix (Golub & Van Loan §5.5 for the
    /// pseudo-inverse; ``symmetricEigen()`` for the eigensolver):
    /// n ≥ d: XᵀX = VΛVᵀ, ŵ = VΛ⁺VᵀXᵀy;  n < d: XXᵀ = UΛUᵀ, ŵ = XᵀUΛ⁺Uᵀy;
    /// Λ⁺ inverts the eigenvalues above `tolerance`·λ_max and zeroes the rest. Always defined, never
    /// nil; a zero design gives ŵ = 0.
    ///
    /// Working on the Gram matrix squares the condition number: singular values of X below about
    /// (tolerance)^½·σ_max are treated as zero (with the default, about 10⁻⁷·σ_max for n, d ≲ 100).
    /// A QR- or SVD-based solver (LAPACK `dgelsd`) is the accurate route for ill-conditioned designs.
    /// - Parameters:
    ///   - y: the responses, one per row.
    ///   - tolerance: the relative eigenvalue cutoff; nil means max(n, d)·ε, the rounding level of
    ///     forming the Gram matrix.
    /// - Complexity: n·d·min(n, d) flops for the Gram matrix, plus the symmetric eigensolver on
    ///   min(n, d) × min(n, d) (about 9·min(n, d)³ flops on the Swift backend).
    public func minimumNormLeastSquares(_ y: [Double], tolerance: Double? = nil) -> [Double] {
        precondition(y.count == rows, "Matrix.minimumNormLeastSquares: \(y.count) responses for \(rows) rows")
        let cutoff = tolerance ?? Double(Swift.max(rows, columns)) * .ulpOfOne
        precondition(cutoff >= 0, "Matrix.minimumNormLeastSquares: negative tolerance")
        #if OpenBLAS
        // σ² ≤ cutoff·σ²_max is σ ≤ √cutoff·σ_max: the same rule on the singular values, without
        // squaring the condition number.
        if Backend.usesOpenBLAS && rows > 0 && columns > 0,
           let solution = OpenBLASKernels.minimumNormLeastSquares(self, y, rcond: cutoff.squareRoot())
        {
            return solution
        }
        #endif
        if rows >= columns {
            let eigen = gram().symmetricEigen()
            return LeastSquares.pseudoInverseApply(eigen, transposedMultiply(y), cutoff: cutoff)
        } else {
            let eigen = transposed().gram().symmetricEigen()
            return transposedMultiply(LeastSquares.pseudoInverseApply(eigen, y, cutoff: cutoff))
        }
    }
}

@usableFromInline
enum LeastSquares {
    /// V Λ⁺ Vᵀ b, with eigenvalues at or below cutoff·λ_max counted as zero.
    @usableFromInline
    static func pseudoInverseApply(_ eigen: SymmetricEigen, _ b: [Double], cutoff: Double) -> [Double] {
        let n = eigen.dimension
        let largest = eigen.values.last ?? 0
        guard largest > 0 else { return [Double](repeating: 0, count: n) }
        let threshold = cutoff * largest
        let v = eigen.vectors
        var coefficients = v.transposedMultiply(b)  // Vᵀb
        for k in 0..<n {
            let value = eigen.values[k]
            coefficients[k] = value > threshold ? coefficients[k] / value : 0
        }
        return v.multiply(coefficients)
    }

    /// Solves (G + λI) w = m by Cholesky, with the singularity rule of `leastSquares`.
    @usableFromInline
    static func solveNormalEquations(gram: Matrix, moment: [Double], rows: Int, ridge: Double) -> [Double]? {
        precondition(ridge >= 0, "Matrix.leastSquares: negative ridge penalty")
        let d = gram.rows
        var system = gram
        let factor: Cholesky?
        if ridge > 0 {
            for j in 0..<d { system.elements[j * d + j] += ridge }
            factor = system.cholesky()
        } else {
            if rows < d { return nil }
            var maxDiagonal = 0.0
            for j in 0..<d { maxDiagonal = Swift.max(maxDiagonal, system.elements[j * d + j]) }
            let threshold = Double(Swift.max(rows, d)) * .ulpOfOne * maxDiagonal
            factor = CholeskyFactorization.factor(system, absoluteTolerance: threshold, pivoting: false)
        }
        return factor?.solve(moment)
    }
}

extension Matrix {
    /// Least squares or ridge from the normal equations' parts, for callers that keep sufficient
    /// statistics instead of the design: `self` is G = XᵀWX (d × d, lower triangle read), `moment`
    /// is XᵀWy, and ŵ = (G + λI)⁻¹ m by Cholesky, nil under the same rule as
    /// ``leastSquares(_:ridge:)`` (λ = 0 and fewer than d rows, or a pivot at or below
    /// max(rows, d)·ε·max Gⱼⱼ).
    /// - Parameters:
    ///   - moment: XᵀWy.
    ///   - rows: the number of rows behind G (points with positive weight), for the singularity rule.
    ///   - ridge: λ ≥ 0.
    /// - Complexity: d³/3 flops.
    public func normalEquationsSolution(_ moment: [Double], rows: Int, ridge: Double = 0) -> [Double]? {
        precondition(isSquare, "Matrix.normalEquationsSolution: the Gram matrix is not square")
        precondition(moment.count == self.rows, "Matrix.normalEquationsSolution: moment of \(moment.count) for \(self.rows) columns")
        return LeastSquares.solveNormalEquations(gram: self, moment: moment, rows: rows, ridge: ridge)
    }

    /// The minimum-norm least-squares solution from the normal equations' parts: G⁺m with
    /// G = `self` = XᵀX and m = Xᵀy, which equals X⁺y (m lies in the range of G). Eigenvalues of G at or
    /// below `tolerance`·λ_max count as zero, as in ``minimumNormLeastSquares(_:tolerance:)``.
    /// - Parameter tolerance: nil means d·ε.
    /// - Complexity: one symmetric eigendecomposition of G plus 4d² flops.
    public func gramPseudoInverseSolution(_ moment: [Double], tolerance: Double? = nil) -> [Double] {
        precondition(isSquare, "Matrix.gramPseudoInverseSolution: the Gram matrix is not square")
        precondition(moment.count == rows, "Matrix.gramPseudoInverseSolution: moment of \(moment.count) for \(rows) columns")
        let cutoff = tolerance ?? Double(rows) * .ulpOfOne
        return LeastSquares.pseudoInverseApply(symmetricEigen(), moment, cutoff: cutoff)
    }
}
