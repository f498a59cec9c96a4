#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
import Foundation
#endif

/// Divergences and distances between two discrete distributions on the same finite support.
///
/// Inputs may be probability vectors or unnormalised non-negative weights such as counts: each
/// vector is divided by its own sum first, so `kullbackLeibler([3, 1], [1, 1])` compares
/// (¾, ¼) with (½, ½). Entries must be finite and ≥ 0 (a precondition); the two vectors must
/// have the same length; a vector summing to 0 (no distribution) makes the result NaN.
public enum Divergence {
    /// D_KL(p ‖ q) = Σⱼ pⱼ ln(pⱼ / qⱼ), in nats.
    ///
    /// Conventions (Cover & Thomas, "Elements of Information Theory", 2nd ed., §2.3):
    /// 0 · ln(0/q) = 0 and p · ln(p/0) = +∞ for p > 0, so the result is +∞ exactly when p puts mass
    /// where q has none — the signature of a category that died out in a collapsed model.
    /// - Returns: a value in [0, +∞]; NaN if either vector sums to 0.
    /// - Complexity: O(k).
    public static func kullbackLeibler(_ p: [Double], _ q: [Double]) -> Double {
        let (pSum, qSum) = sums(p, q)
        guard pSum > 0, qSum > 0 else { return .nan }
        var total = 0.0
        for (pj, qj) in zip(p, q) where pj > 0 {
            if qj == 0 { return .infinity }
            total += pj * log((pj * qSum) / (qj * pSum))
        }
        return max(0, total / pSum)
    }

    /// δ(p, q) = ½ Σⱼ |pⱼ − qⱼ| = max over events A of |P(A) − Q(A)|, in [0, 1].
    /// - Complexity: O(k).
    public static func totalVariation(_ p: [Double], _ q: [Double]) -> Double {
        let (pSum, qSum) = sums(p, q)
        guard pSum > 0, qSum > 0 else { return .nan }
        var total = 0.0
        for (pj, qj) in zip(p, q) { total += abs(pj / pSum - qj / qSum) }
        return min(1, 0.5 * total)
    }

    /// The Hellinger distance H(p, q) = √(½ Σⱼ (√pⱼ − √qⱼ)²) = √(1 − Σⱼ √(pⱼ qⱼ)), in [0, 1].
    ///
    /// Convention: the normalisation with the factor ½, so that H = 1 for disjoint supports
    /// (some authors omit it, giving values in [0, √2]); H² is ``hellingerSquared(_:_:)``.
    /// Computed from the sum of squares, not from 1 − Σ√(pq), so nearby distributions keep their
    /// relative accuracy. Related to total variation by H² ≤ δ ≤ √2·H.
    /// - Complexity: O(k).
    public static func hellinger(_ p: [Double], _ q: [Double]) -> Double {
        hellingerSquared(p, q).squareRoot()
    }

    /// H²(p, q) = ½ Σⱼ (√pⱼ − √qⱼ)² = 1 − Σⱼ √(pⱼ qⱼ), in [0, 1]. See ``hellinger(_:_:)``.
    /// - Complexity: O(k).
    public static func hellingerSquared(_ p: [Double], _ q: [Double]) -> Double {
        let (pSum, qSum) = sums(p, q)
        guard pSum > 0, qSum > 0 else { return .nan }
        var total = 0.0
        for (pj, qj) in zip(p, q) {
            let difference = (pj / pSum).squareRoot() - (qj / qSum).squareRoot()
            total += difference * difference
        }
        return min(1, 0.5 * total)
    }

    private static func sums(_ p: [Double], _ q: [Double]) -> (Double, Double) {
        precondition(p.count == q.count, "Divergence: the distributions have different lengths")
        return (ProbabilityVector.total(p), ProbabilityVector.total(q))
    }
}

/// Checks and sums of probability vectors (or of unnormalised non-negative weights).
enum ProbabilityVector {
    /// Σⱼ pⱼ, after checking every entry is finite and ≥ 0.
    static func total(_ p: [Double]) -> Double {
        var sum = 0.0
        for value in p {
            precondition(value >= 0 && value.isFinite, "probability vector entry must be finite and ≥ 0, got \(value)")
            sum += value
        }
        return sum
    }
}
