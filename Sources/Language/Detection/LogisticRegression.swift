import Foundation

/// Binary logistic regression P(y = 1 | x) = σ(β₀ + βᵀz), z the features standardised by the
/// training set's means and standard deviations, fitted by Newton's method (iteratively
/// reweighted least squares) on the L2-penalised log-likelihood −ℓ(β) + (λ/2)‖β‖² (the intercept
/// unpenalised).
///
/// The penalty keeps the fit finite when the classes separate (a detector that is always right),
/// where the unpenalised maximum-likelihood estimate does not exist.
public struct LogisticRegression: Sendable, Equatable {
    public let means: [Double]
    public let scales: [Double]
    /// β₀ then β₁…β_d, on the standardised features.
    public let coefficients: [Double]

    /// Fits on rows `features` (each of the same length d ≥ 1) with labels `labels`.
    /// - Complexity: O(iterations · (n d² + d³)), at most 100 iterations.
    public init(features: [[Double]], labels: [Bool], penalty: Double = 1) {
        precondition(!features.isEmpty && features.count == labels.count, "LogisticRegression: one label per row")
        let d = features[0].count
        let n = Double(features.count)
        var means = [Double](repeating: 0, count: d), scales = [Double](repeating: 0, count: d)
        for row in features { for j in 0..<d { means[j] += row[j] / n } }
        for row in features { for j in 0..<d { scales[j] += (row[j] - means[j]) * (row[j] - means[j]) / n } }
        scales = scales.map { $0 > 1e-24 ? $0.squareRoot() : 1 }
        let z = features.map { row in [1.0] + (0..<d).map { (row[$0] - means[$0]) / scales[$0] } }
        var beta = [Double](repeating: 0, count: d + 1)
        for _ in 0..<100 {
            var gradient = [Double](repeating: 0, count: d + 1)
            var hessian = [[Double]](repeating: [Double](repeating: 0, count: d + 1), count: d + 1)
            for (row, label) in zip(z, labels) {
                let p = Self.sigmoid(zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 })
                let residual = (label ? 1 : 0) - p
                let weight = max(p * (1 - p), 1e-12)
                for a in 0...d {
                    gradient[a] += residual * row[a]
                    for b in 0...a { hessian[a][b] += weight * row[a] * row[b] }
                }
            }
            for a in 0...d {
                for b in 0..<a { hessian[b][a] = hessian[a][b] }
                if a > 0 {
                    gradient[a] -= penalty * beta[a]
                    hessian[a][a] += penalty
                }
            }
            guard let step = Self.solve(hessian, gradient) else { break }
            var largest = 0.0
            for a in 0...d {
                beta[a] += step[a]
                largest = max(largest, abs(step[a]))
            }
            if largest < 1e-10 { break }
        }
        self.means = means
        self.scales = scales
        self.coefficients = beta
    }

    /// P(y = 1 | x).
    public func probability(_ x: [Double]) -> Double {
        var s = coefficients[0]
        for j in 0..<means.count { s += coefficients[j + 1] * (x[j] - means[j]) / scales[j] }
        return Self.sigmoid(s)
    }

    static func sigmoid(_ s: Double) -> Double {
        s >= 0 ? 1 / (1 + Foundation.exp(-s)) : Foundation.exp(s) / (1 + Foundation.exp(s))
    }

    /// Solves A x = b (A symmetric positive definite, small) by Gaussian elimination with partial
    /// pivoting; nil when singular.
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        var m = a, x = b
        let n = b.count
        for col in 0..<n {
            var pivot = col
            for r in (col + 1)..<max(col + 1, n) where abs(m[r][col]) > abs(m[pivot][col]) { pivot = r }
            guard abs(m[pivot][col]) > 1e-300 else { return nil }
            m.swapAt(col, pivot)
            x.swapAt(col, pivot)
            for r in (col + 1)..<max(col + 1, n) {
                let f = m[r][col] / m[col][col]
                if f == 0 { continue }
                for c in col..<n { m[r][c] -= f * m[col][c] }
                x[r] -= f * x[col]
            }
        }
        for col in stride(from: n - 1, through: 0, by: -1) {
            var s = x[col]
            for c in (col + 1)..<max(col + 1, n) { s -= m[col][c] * x[c] }
            x[col] = s / m[col][col]
        }
        return x
    }
}
