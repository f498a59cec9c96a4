import Foundation

/// The step a(t) of a stochastic-approximation update θ_t = (1 − a(t))·θ_{t−1} + a(t)·θ̂_t.
///
/// Refitting from scratch is a(t) = 1. Moving only part-way is the update rule studied in
/// "A theoretical basis for model collapse in recursive training" (seed 000): with steps that
/// satisfy Σ a(t) = ∞ and Σ a(t)² < ∞ the estimate converges instead of drifting as a random walk.
public enum StepSchedule: Sendable, Equatable {
    /// a(t) = a.
    case constant(Double)
    /// a(t) = min(1, initial·t^(−decay)) for the t-th fit (t ≥ 1): decay in (1/2, 1] gives
    /// the Robbins–Monro conditions.
    case power(initial: Double, decay: Double)

    /// The step for the t-th fit (t ≥ 1), in (0, 1].
    @inlinable
    public func step(at t: Int) -> Double {
        switch self {
        case .constant(let a): return a
        case .power(let initial, let decay): return min(1, initial * Foundation.pow(Double(max(t, 1)), -decay))
        }
    }
}
