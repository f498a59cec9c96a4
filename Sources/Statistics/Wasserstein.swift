/// Wasserstein distances between one-dimensional empirical distributions.
public enum Wasserstein {
    /// W₁(a, b) = ∫ |F_a(x) − F_b(x)| dx between the empirical distributions of two samples.
    ///
    /// In one dimension the optimal transport cost with |x − y| is the L¹ distance between the
    /// CDFs (S. S. Vallender, "Calculation of the Wasserstein distance between probability
    /// distributions on the line", Theory Probab. Appl. 18(4), 1974). Both samples are sorted and
    /// merged; between consecutive pooled values the integrand is the constant
    /// |i/n − j/m| = |i·m − j·n| / (n·m), computed exactly in integers. The sizes may differ.
    ///
    /// Infinite values: W₁ is +∞ when the two CDFs differ on an unbounded interval (for example
    /// when only one sample contains +∞), and finite when both samples put the same fraction of
    /// their values at the same infinity.
    /// - Parameters:
    ///   - a: first sample, not empty.
    ///   - b: second sample, not empty.
    /// - Returns: W₁ ≥ 0; NaN if either sample is empty or contains NaN.
    /// - Complexity: O((n + m) log(n + m)).
    public static func w1(_ a: [Double], _ b: [Double]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return .nan }
        if a.contains(where: { $0.isNaN }) || b.contains(where: { $0.isNaN }) { return .nan }
        let x = a.sorted(), y = b.sorted()
        let n = x.count, m = y.count
        var i = 0, j = 0
        var total = 0.0
        var current = min(x[0], y[0])
        while i < n || j < m {
            // Advance past every value equal to `current`, then integrate up to the next value.
            while i < n && x[i] == current { i += 1 }
            while j < m && y[j] == current { j += 1 }
            let next: Double
            if i < n && j < m { next = min(x[i], y[j]) } else if i < n { next = x[i] } else if j < m { next = y[j] } else { break }
            let gap = abs(i * m - j * n)
            if gap != 0 { total += Double(gap) * (next - current) }
            current = next
        }
        return total / (Double(n) * Double(m))
    }
}
