import Foundation
import Randomness

/// Importance sampling of a training pool by a detector (Drayson & Lampos, EMNLP 2025): document
/// d, of (part) weight w_d, gets the importance weight v_d = w_d · (1 − p_machine(d))^k, and the
/// training set is M = round(u · D) documents resampled in proportion to those weights (D documents
/// in the pool; u the upsampling factor). The pool's origin labels are never used: real and
/// synthetic documents are weighted alike, by the detector alone.
///
/// The resampling is systematic (Kitagawa 1996, "Monte Carlo filter and smoother for non-Gaussian
/// nonlinear state space models", J. Comput. Graph. Stat. 5(1)): one uniform U, and document d gets
/// as many copies as there are points (U + j)/M, j = 0…M−1, in its slice of the cumulative weights —
/// ⌊M v_d/Σv⌋ or one more, with expectation M v_d/Σv exactly. Unlike independent draws it keeps
/// every document whose share is at least one copy, so an n-gram model loses no more text than
/// the weights ask for.
///
/// The resampled multiset is counted as its distinct documents, each with weight copies/u (the
/// curated set weighs D documents, like the pool). For a neural model a copy is another gradient
/// step; for counts, u copies of a document would be u times the evidence and would shrink the
/// Kneser–Ney discounts (fewer n-grams seen once), so duplicates become weights, which
/// ``NGramModel`` treats as importance, not evidence. Upsampling then refines the resampling
/// (u → ∞ approaches weighting each document by D v_d/Σv).
///
/// k = 0 resamples by the part weights only; a larger k trusts the detector more. When every
/// weight is 0 (the detector is sure everything is machine text) the pool is resampled uniformly.
public struct ImportanceCuration: Sendable {
    public var power: Double
    public var upsample: Double
    public var detector: MachineTextDetector

    public init(power: Double, upsample: Double, detector: MachineTextDetector) {
        precondition(power >= 0 && upsample > 0, "ImportanceCuration: power ≥ 0 and upsample > 0")
        self.power = power
        self.upsample = upsample
        self.detector = detector
    }

    /// The curated training set: the documents resampled at least once, each with weight copies/u.
    public func curate<G: RandomNumberGenerator>(
        _ pool: DocumentBatch, weights: [Double], using random: inout G
    ) -> (documents: DocumentBatch, weights: [Double]) {
        precondition(weights.count == pool.count, "ImportanceCuration: one weight per document")
        guard pool.count > 0 else { return (pool, weights) }
        var importance = [Double](repeating: 0, count: pool.count)
        for i in 0..<pool.count {
            let human = 1 - detector.machineProbability(pool[i])
            importance[i] = weights[i] * (power == 0 ? 1 : Foundation.pow(max(human, 0), power))
        }
        if !(importance.reduce(0, +) > 0) { importance = [Double](repeating: 1, count: pool.count) }
        let size = max(1, Int((upsample * Double(pool.count)).rounded()))
        let total = importance.reduce(0, +)
        var indices: [Int] = []
        indices.reserveCapacity(size)
        let offset = random.nextUniform()
        var cumulative = 0.0
        var j = 0
        for (d, v) in importance.enumerated() {
            cumulative += v / total * Double(size)
            while j < size, Double(j) + offset < cumulative {
                indices.append(d)
                j += 1
            }
        }
        // Rounding can leave the last points past the cumulative sum's end: they go to the last
        // document with weight.
        if j < size, let last = importance.lastIndex(where: { $0 > 0 }) {
            indices.append(contentsOf: repeatElement(last, count: size - j))
        }
        var copies = [Int](repeating: 0, count: pool.count)
        for d in indices { copies[d] += 1 }
        let kept = copies.indices.filter { copies[$0] > 0 }
        return (pool.selecting(kept), kept.map { Double(copies[$0]) / upsample })
    }
}
