#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
import Foundation
#endif

/// Entropy and related functionals of one discrete distribution.
///
/// As in ``Divergence``, the input may be a probability vector or unnormalised non-negative
/// weights (counts): it is divided by its sum first. Entries must be finite and ≥ 0; a vector
/// summing to 0 gives NaN.
public enum Entropy {
    /// The Shannon entropy H(p) = −Σⱼ pⱼ ln pⱼ in nats, with 0 ln 0 = 0 (C. E. Shannon, "A
    /// mathematical theory of communication", Bell System Technical Journal 27, 1948).
    /// In [0, ln k] for k categories; 0 for a point mass.
    /// - Complexity: O(k).
    public static func shannon(_ p: [Double]) -> Double {
        let sum = ProbabilityVector.total(p)
        guard sum > 0 else { return .nan }
        var total = 0.0
        for pj in p where pj > 0 {
            let normalised = pj / sum
            total -= normalised * log(normalised)
        }
        return max(0, total)
    }

    /// The Shannon entropy in bits: H(p) / ln 2.
    /// - Complexity: O(k).
    public static func shannonBits(_ p: [Double]) -> Double {
        shannon(p) / 0.693_147_180_559_945_309_417_232_121_458_176_568
    }

    /// The collision probability Σⱼ pⱼ², the chance that two independent draws coincide (in
    /// population genetics, the homozygosity; 1 − Σpⱼ² is the expected heterozygosity whose decay
    /// (1 − 1/n)ᵗ the Wright–Fisher model predicts). In [1/k, 1].
    /// - Complexity: O(k).
    public static func collisionProbability(_ p: [Double]) -> Double {
        let sum = ProbabilityVector.total(p)
        guard sum > 0 else { return .nan }
        var total = 0.0
        for pj in p {
            let normalised = pj / sum
            total += normalised * normalised
        }
        return min(1, total)
    }
}
